//! The Roles tab's policy editor: pick a role, then its trust policy, one of its inline
//! policies or a new one; edit the JSON and IAM's own validation answers as you type
//! (`viz::policy_editor`, the validator `put-role-policy` uses); Save runs the
//! `aws iam put-role-policy` / `update-assume-role-policy` line, recorded like every action.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{Actions, CommandPreview, Handle};
use crate::viz::policy_editor::{check, save_line, stored_text, verdict_words, Target};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
    pub actions: Actions,
}

/// The `<select>` value of the new-policy choice; the others are `trust` and `inline:NAME`.
const NEW: &str = "new";

#[function_component(PolicyEditor)]
pub fn policy_editor(props: &Props) -> Html {
    let role = use_state(String::new);
    let choice = use_state(|| "trust".to_string());
    let new_name = use_state(|| "read-assets".to_string());
    // What was typed, for the (role, choice) it was typed for.
    let draft = use_state(|| None::<(String, String, String)>);
    let result = use_state(|| None::<(bool, String)>);
    let ws = props.handle.ws.borrow();
    let world = &ws.session.sim.world;
    let Some(first) = world.roles.keys().next() else {
        return html! {};
    };
    let role_name = if world.roles.contains_key(&*role) {
        (*role).clone()
    } else {
        first.clone()
    };
    let inline: Vec<String> = world
        .roles
        .get(&role_name)
        .map(|r| r.inline_policies.keys().cloned().collect())
        .unwrap_or_default();
    let key = match choice.strip_prefix("inline:") {
        Some(name) if inline.iter().any(|n| n == name) => (*choice).clone(),
        _ if *choice == NEW => NEW.to_string(),
        _ => "trust".to_string(),
    };
    let target = match key.strip_prefix("inline:") {
        Some(name) => Target::Inline(name.to_string()),
        None if key == NEW => Target::Inline((*new_name).trim().to_string()),
        None => Target::Trust,
    };
    let text = match &*draft {
        Some((r, k, t)) if *r == role_name && *k == key => t.clone(),
        _ => stored_text(world, &role_name, &target).unwrap_or_default(),
    };
    let verdict = check(&target, &text);
    let line = save_line(&role_name, &target, &text);

    let on_role = {
        let (role, result) = (role.clone(), result.clone());
        Callback::from(move |e: Event| {
            result.set(None);
            role.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_choice = {
        let (choice, result) = (choice.clone(), result.clone());
        Callback::from(move |e: Event| {
            result.set(None);
            choice.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_name = {
        let new_name = new_name.clone();
        Callback::from(move |e: InputEvent| {
            new_name.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_text = {
        let (draft, role_name, key) = (draft.clone(), role_name.clone(), key.clone());
        Callback::from(move |e: InputEvent| {
            let t = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            draft.set(Some((role_name.clone(), key.clone(), t)));
        })
    };
    let on_save = {
        let run = props.actions.run.clone();
        let handle = props.handle.clone();
        let (result, draft, choice) = (result.clone(), draft.clone(), choice.clone());
        let (line, target, role_name) = (line.clone(), target.clone(), role_name.clone());
        Callback::from(move |_| {
            run.emit(vec![line.clone()]);
            let Some(r) = handle
                .ws
                .borrow()
                .transcript
                .last()
                .map(|r| r.output.clone())
            else {
                return;
            };
            if r.exit == 0 {
                draft.set(None);
                let what = match &target {
                    Target::Trust => format!("Saved: {role_name}'s trust policy is replaced."),
                    Target::Inline(name) => {
                        choice.set(format!("inline:{name}"));
                        format!("Saved: {role_name} has inline policy {name}.")
                    }
                };
                result.set(Some((true, what)));
            } else {
                result.set(Some((false, r.stderr.trim().to_string())));
            }
        })
    };
    html! {
        <section class="policy-editor" aria-labelledby="policy-editor-title">
            <h3 id="policy-editor-title">{ "Edit a policy" }</h3>
            <div class="try-call-form">
                <label>{ "Role " }
                    <select onchange={on_role}>
                        { for world.roles.keys().map(|r| html! {
                            <option value={r.clone()} selected={*r == role_name}>{ r }</option>
                        }) }
                    </select>
                </label>
                <label>{ "Policy " }
                    <select onchange={on_choice}>
                        <option value="trust" selected={key == "trust"}>{ "trust policy (who may assume it)" }</option>
                        { for inline.iter().map(|n| {
                            let v = format!("inline:{n}");
                            html! { <option value={v.clone()} selected={key == v}>{ format!("inline policy {n}") }</option> }
                        }) }
                        <option value={NEW} selected={key == NEW}>{ "a new inline policy" }</option>
                    </select>
                </label>
                if key == NEW {
                    <label>{ "Policy name " }<input value={(*new_name).clone()} oninput={on_name} /></label>
                }
            </div>
            <label for="policy-json">{ "Policy document (JSON)" }</label>
            <textarea id="policy-json" spellcheck="false" rows="12" value={text} oninput={on_text} />
            <p class={classes!("validation", verdict.is_err().then_some("error"))} role="status" aria-live="polite">
                { verdict_words(&verdict, &target) }
            </p>
            <CommandPreview lines={vec![line]} />
            <button type="button" onclick={on_save} disabled={verdict.is_err()}>{ "Save" }</button>
            if let Some((ok, text)) = &*result {
                <p class={classes!("result", (!ok).then_some("error"))} role="status">{ text }</p>
            }
        </section>
    }
}
