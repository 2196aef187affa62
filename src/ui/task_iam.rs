//! A task's IAM in its details ("Why here?"): the roles it names, whose credentials its code
//! really gets (the instance role's fallback said plainly), and "try a call" with them: IAM's
//! decision with each deciding statement shown as written (`viz::task_iam`; `sim call` is the
//! CLI twin, shown to copy).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{CommandPreview, Handle};
use crate::model::iam::eval::Decision;
use crate::viz::task_iam::{sim_call_line, task_roles, try_task_call, CallAnswer};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
    pub task: String,
}

#[function_component(TaskIam)]
pub fn task_iam(props: &Props) -> Html {
    let action = use_state(|| "s3:GetObject".to_string());
    let resource = use_state(|| "arn:aws:s3:::my-bucket/key".to_string());
    let ws = props.handle.ws.borrow();
    let world = &ws.session.sim.world;
    let Some(roles) = task_roles(world, &props.task) else {
        return html! {};
    };
    let call = try_task_call(world, &props.task, &action, &resource);
    let input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let none = || "none".to_string();
    html! {
        <section class="task-iam" aria-labelledby="task-iam-title">
            <h3 id="task-iam-title">{ "IAM: what this task acts as" }</h3>
            <dl class="facts">
                <dt>{ "Task role" }</dt><dd>{ roles.task_role.clone().unwrap_or_else(none) }</dd>
                <dt>{ "Execution role" }</dt><dd>{ roles.execution_role.clone().unwrap_or_else(none) }</dd>
                <dt>{ "Its code's credentials" }</dt>
                <dd class={classes!("credentials", roles.fallback.then_some("fallback"))}>
                    if roles.fallback { <strong>{ "Instance role fallback: " }</strong> }
                    { &roles.credentials }
                </dd>
            </dl>
            <h4>{ "Try a call with its credentials" }</h4>
            <div class="try-call-form">
                <label>{ "Action " }<input value={(*action).clone()} oninput={input(&action)} /></label>
                <label>{ "Resource " }<input value={(*resource).clone()} oninput={input(&resource)} /></label>
            </div>
            { for call.map(|c| answer_view(&c, roles.acting_role.as_deref())) }
            <CommandPreview lines={vec![sim_call_line(&props.task, &action, &resource)]} />
        </section>
    }
}

/// IAM's answer as both "try a call" boxes show it: the decision (a mark and a word, not colour
/// alone), each deciding statement as written and marked, and the error the SDK would raise.
pub fn answer_view(c: &CallAnswer, acting_role: Option<&str>) -> Html {
    let allowed = c.allowed();
    html! {
        <div class={classes!("try-result", if allowed { "allowed" } else { "denied" })} role="status">
            if let Some(d) = c.decision {
                <strong>{ format!("{}{}", if allowed { "✓ " } else { "✗ " }, d.as_str()) }</strong>
                { for acting_role.map(|r| format!(" as role {r}")) }
            }
            { for c.deciders.iter().map(|d| html! {
                <figure class="decider">
                    <figcaption>{ format!("decided by {}", d.title) }</figcaption>
                    <pre><mark>{ &d.statement }</mark></pre>
                </figure>
            }) }
            if c.decision == Some(Decision::ImplicitDeny) {
                <p class="muted">{ "No statement of its policies allows it: IAM denies what nothing allows." }</p>
            }
            if !c.missing_context.is_empty() {
                <p class="muted">{ format!("Context keys the policies read that the call did not carry: {}", c.missing_context.join(", ")) }</p>
            }
            { for c.error.iter().map(|e| html! { <p class="access-denied">{ e }</p> }) }
        </div>
    }
}
