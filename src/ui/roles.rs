//! The Roles tab: every IAM role with whom it trusts, its policies and boundary, and what uses
//! it; and "try a call": an action and a resource tried with a role's credentials, answered
//! with IAM's decision and the statements that decided (`viz::roles`, tested natively).

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::{Actions, Handle};
use crate::viz::roles::{rows, try_call, RoleRow};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
    pub actions: Actions,
}

#[function_component(Roles)]
pub fn roles(props: &Props) -> Html {
    let role = use_state(String::new);
    let action = use_state(|| "s3:GetObject".to_string());
    let resource = use_state(|| "arn:aws:s3:::my-bucket/key".to_string());
    let ws = props.handle.ws.borrow();
    let world = &ws.session.sim.world;
    let all = rows(world);
    if all.is_empty() {
        return html! {
            <p class="roles-empty">
                { "No roles yet. Create one in the console, for example " }
                <code>{ "aws iam create-role --role-name app --assume-role-policy-document file://trust.json" }</code>
                { "." }
            </p>
        };
    }
    let chosen = if all.iter().any(|r| r.name == *role) {
        (*role).clone()
    } else {
        all[0].name.clone()
    };
    let result = try_call(world, &chosen, &action, &resource);
    let on_role = {
        let role = role.clone();
        Callback::from(move |e: Event| {
            role.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_action = {
        let action = action.clone();
        Callback::from(move |e: InputEvent| {
            action.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_resource = {
        let resource = resource.clone();
        Callback::from(move |e: InputEvent| {
            resource.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! {
        <div class="roles">
            <section class="try-call" aria-labelledby="try-call-title">
                <h3 id="try-call-title">{ "Try a call" }</h3>
                <div class="try-call-form">
                    <label>{ "Role " }
                        <select onchange={on_role}>
                            { for all.iter().map(|r| html! {
                                <option value={r.name.clone()} selected={r.name == chosen}>{ &r.name }</option>
                            }) }
                        </select>
                    </label>
                    <label>{ "Action " }<input value={(*action).clone()} oninput={on_action} /></label>
                    <label>{ "Resource " }<input value={(*resource).clone()} oninput={on_resource} /></label>
                </div>
                { for result.map(|r| super::task_iam::answer_view(&r, Some(&chosen))) }
            </section>
            <super::policy_editor::PolicyEditor handle={props.handle.clone()} actions={props.actions.clone()} />
            { for all.iter().map(role_card) }
        </div>
    }
}

fn list(label: &str, items: &[String]) -> Html {
    let text = if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    };
    html! { <p><span class="role-label">{ format!("{label}: ") }</span>{ text }</p> }
}

fn role_card(r: &RoleRow) -> Html {
    let id = format!("role-{}", r.name);
    html! {
        <section class="role" aria-labelledby={id.clone()}>
            <h3 id={id} title={r.arn.clone()}>{ &r.name }</h3>
            { list("Trusted by", &r.trusted) }
            { list("Managed policies", &r.attached) }
            { list("Inline policies", &r.inline) }
            { for r.boundary.as_ref().map(|b| list("Permissions boundary", std::slice::from_ref(b))) }
            { list("Used by", &r.used_by) }
            if !r.never_joined.is_empty() { { list("Never joined", &r.never_joined) } }
        </section>
    }
}
