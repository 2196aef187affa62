//! Outcomes where the learner is looking: the bar under the header that shows and announces
//! (a polite live region) what the last action or the time passing led to, such as a task
//! that failed to start and why, with a button to its ledger; and the question asked before
//! a button does what cannot be taken back lightly (terminating an instance).

use yew::prelude::*;

use crate::viz::outcome::Announcement;

/// What the live region says after time passed from event `from` on: tasks that failed to
/// start, tasks not placed (read from the typed events).
pub fn of_time(ws: &crate::viz::workspace::Workspace, from: usize) -> Option<Announcement> {
    crate::viz::outcome::announcement(ws.session.sim.events().get(from..).unwrap_or(&[]))
}

/// What the live region says after an action: a refused line's error, a RunTask's tasks
/// (and those it could not place), then any failure its events hold.
pub fn of_action(
    ws: &crate::viz::workspace::Workspace,
    out: &[crate::cli::script::Executed],
    from: usize,
) -> Option<Announcement> {
    let world = &ws.session.sim.world;
    let mut said: Vec<String> = Vec::new();
    let mut failed = false;
    for r in out {
        if r.output.exit != 0 {
            failed = true;
            said.push(
                // The first line with words (the CLI opens an error with a blank line).
                r.output
                    .stderr
                    .lines()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or_default()
                    .to_string(),
            );
        } else if let Some(l) = r.outcome.response.as_ref().and_then(|v| {
            crate::viz::outcome::Launched::from_response(world, v, r.outcome.events.start)
        }) {
            failed |= !l.not_placed.is_empty();
            said.push(l.summary(&ws.session.sim));
        }
    }
    let later = of_time(ws, from);
    let task = later.as_ref().and_then(|l| l.task.clone());
    failed |= later.as_ref().is_some_and(|l| l.failed);
    said.extend(later.map(|l| l.text));
    (!said.is_empty()).then(|| Announcement {
        text: said.join(" "),
        task,
        failed,
    })
}

/// The live region is always in the page (a region added with its text is not announced
/// reliably); it is drawn only when it has something to say. `announce` is the sentence and
/// the task it is about. (A plain function, not a component: it keeps no state.)
pub fn outcome_bar(
    announce: &Option<Announcement>,
    select_task: &Callback<Option<String>>,
    on_dismiss: Callback<MouseEvent>,
) -> Html {
    let (text, task, failed) = match announce {
        Some(a) => (a.text.clone(), a.task.clone(), a.failed),
        None => (String::new(), None, false),
    };
    html! {
        <section class={classes!("outcome-bar", announce.is_none().then_some("empty"), failed.then_some("failed"))}
            aria-label="latest outcome">
            <p role="status" aria-live="polite" aria-atomic="true" class="outcome-text">{ &text }</p>
            if let Some(id) = task {
                <button type="button" class="secondary" onclick={{
                    let select = select_task.clone();
                    Callback::from(move |_| select.emit(Some(id.clone())))
                }}>{ "Why? (its ledger)" }</button>
            }
            if announce.is_some() {
                <button type="button" class="link" onclick={on_dismiss}>{ "Dismiss" }</button>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ConfirmProps {
    pub lines: Vec<String>,
    /// true: go ahead; false: cancelled.
    pub on_answer: Callback<bool>,
}

/// The instance IDs a terminate line names.
fn instances(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .map(|w| w.trim_matches(|c| c == '\'' || c == '"'))
        .filter(|w| w.starts_with("i-"))
        .map(str::to_string)
        .collect()
}

/// Asks before terminating: Cancel has the focus, Esc cancels, Tab stays inside, and the
/// focus goes back where it was when the question closes.
#[function_component(Confirm)]
pub fn confirm(props: &ConfirmProps) -> Html {
    let cancel_ref = use_node_ref();
    let go_ref = use_node_ref();
    {
        let cancel_ref = cancel_ref.clone();
        use_effect_with((), move |_| {
            // The element focused before: HTML or SVG (the drawing's buttons are SVG), so its
            // `focus` is called as JS's, which both have.
            let before = gloo::utils::document().active_element();
            if let Some(b) = cancel_ref.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
            move || {
                if let Some(el) = before {
                    if let Ok(f) = js_sys::Reflect::get(&el, &"focus".into()) {
                        let _ = js_sys::Function::from(f).call0(&el);
                    }
                }
            }
        });
    }
    let answer = |yes: bool| {
        let cb = props.on_answer.clone();
        Callback::from(move |_: MouseEvent| cb.emit(yes))
    };
    let onkeydown = {
        let cb = props.on_answer.clone();
        let (go_ref, cancel_ref) = (go_ref.clone(), cancel_ref.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                cb.emit(false);
            } else if e.key() == "Tab" {
                // Two buttons: Tab and Shift+Tab move between them and never leave.
                e.prevent_default();
                let on_go =
                    gloo::utils::document().active_element() == go_ref.cast::<web_sys::Element>();
                let next = if on_go { &cancel_ref } else { &go_ref };
                if let Some(b) = next.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    let ids = instances(&props.lines).join(", ");
    html! {
        <div class="confirm-backdrop">
            <div class="confirm" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title"
                aria-describedby="confirm-text" {onkeydown}>
                <h2 id="confirm-title">{ format!("Terminate {ids}?") }</h2>
                <p id="confirm-text">{ "EC2 shuts the instance down: its container instance leaves the cluster, its tasks stop and its addresses return to the subnet. Undo can rebuild the world without it." }</p>
                <pre class="confirm-line">{ props.lines.join("\n") }</pre>
                <div class="row">
                    <button type="button" class="danger" ref={go_ref} onclick={answer(true)}>{ "Terminate" }</button>
                    <button type="button" class="secondary" ref={cancel_ref} onclick={answer(false)}>{ "Cancel" }</button>
                </div>
            </div>
        </div>
    }
}
