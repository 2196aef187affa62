//! Outcomes where the learner is looking: the bar under the header that shows and announces
//! (a polite live region) what the last action or the time passing led to, such as a task
//! that failed to start and why, with a button to its ledger; and the question asked before
//! a button does what cannot be taken back lightly (terminating an instance).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BarProps {
    /// The sentence, and the task it is about.
    pub announce: Option<(String, Option<String>)>,
    pub select_task: Callback<Option<String>>,
    pub on_dismiss: Callback<()>,
}

/// The live region is always in the page (a region added with its text is not announced
/// reliably); it is drawn only when it has something to say.
#[function_component(OutcomeBar)]
pub fn outcome_bar(props: &BarProps) -> Html {
    let (text, task) = match &props.announce {
        Some((t, task)) => (t.clone(), task.clone()),
        None => (String::new(), None),
    };
    let failed = text.contains("failed to start") || text.contains("not placed");
    html! {
        <section class={classes!("outcome-bar", props.announce.is_none().then_some("empty"), failed.then_some("failed"))}
            aria-label="latest outcome">
            <p role="status" aria-live="polite" aria-atomic="true" class="outcome-text">{ &text }</p>
            if let Some(id) = task {
                <button type="button" class="secondary" onclick={{
                    let select = props.select_task.clone();
                    Callback::from(move |_| select.emit(Some(id.clone())))
                }}>{ "Why? (its ledger)" }</button>
            }
            if props.announce.is_some() {
                <button type="button" class="link" onclick={{
                    let d = props.on_dismiss.clone();
                    Callback::from(move |_| d.emit(()))
                }}>{ "Dismiss" }</button>
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

/// Asks before terminating: Cancel has the focus, Esc cancels.
#[function_component(Confirm)]
pub fn confirm(props: &ConfirmProps) -> Html {
    let cancel_ref = use_node_ref();
    {
        let cancel_ref = cancel_ref.clone();
        use_effect_with((), move |_| {
            if let Some(b) = cancel_ref.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let answer = |yes: bool| {
        let cb = props.on_answer.clone();
        Callback::from(move |_: MouseEvent| cb.emit(yes))
    };
    let onkeydown = {
        let cb = props.on_answer.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                cb.emit(false);
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
                    <button type="button" class="danger" onclick={answer(true)}>{ "Terminate" }</button>
                    <button type="button" class="secondary" ref={cancel_ref} onclick={answer(false)}>{ "Cancel" }</button>
                </div>
            </div>
        </div>
    }
}
