//! The console: type `aws ...`, `sim ...`, `sleep N` or `echo` lines and read what the AWS CLI
//! would print. Up and Down walk the history of lines typed.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{Actions, Handle};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
    pub actions: Actions,
    /// A line to put in the input (a lesson's command), numbered so the same line twice
    /// fills it again; the input takes the focus.
    #[prop_or_default]
    pub prefill: Option<(u64, String)>,
}

/// The console shows the newest entries only.
const SHOWN: usize = 200;

#[function_component(Console)]
pub fn console(props: &Props) -> Html {
    let input = use_node_ref();
    let log = use_node_ref();
    let cursor = use_mut_ref(|| None::<usize>);
    let ws = props.handle.ws.borrow();
    let history = &ws.transcript;
    // The console shows its newest output: scrolled to the bottom when it opens and whenever
    // a line is added.
    {
        let log = log.clone();
        let key = (history.len(), history.last().map(|r| r.sim_time_ms));
        use_effect_with(key, move |_| {
            if let Some(el) = log.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }

    {
        let input = input.clone();
        use_effect_with(props.prefill.clone(), move |line| {
            if let (Some((_, line)), Some(el)) = (line, input.cast::<HtmlInputElement>()) {
                el.set_value(line);
                let _ = el.focus();
            }
        });
    }

    let onsubmit = {
        let input = input.clone();
        let run = props.actions.run_typed.clone();
        let cursor = cursor.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let line = el.value();
                if !line.trim().is_empty() {
                    run.emit(vec![line]);
                    el.set_value("");
                    *cursor.borrow_mut() = None;
                }
            }
        })
    };

    let onkeydown = {
        let input = input.clone();
        let typed: Vec<String> = history
            .iter()
            .map(|r| r.command.clone())
            .filter(|c| !c.starts_with("sleep "))
            .collect();
        Callback::from(move |e: KeyboardEvent| {
            let Some(el) = input.cast::<HtmlInputElement>() else {
                return;
            };
            if typed.is_empty() {
                return;
            }
            let mut cur = cursor.borrow_mut();
            let next = match (e.key().as_str(), *cur) {
                ("ArrowUp", None) => Some(typed.len() - 1),
                ("ArrowUp", Some(i)) => Some(i.saturating_sub(1)),
                ("ArrowDown", Some(i)) if i + 1 < typed.len() => Some(i + 1),
                ("ArrowDown", Some(_)) => None,
                _ => return,
            };
            e.prevent_default();
            *cur = next;
            el.set_value(next.map_or("", |i| typed[i].as_str()));
        })
    };
    let start = history.len().saturating_sub(SHOWN);
    html! {
        <div class="console">
            <h2 id="console-title">{ "Console" }</h2>
            // Focusable, so its scrolling is keyboard-operable too.
            <div class="console-log" role="log" aria-live="polite" aria-label="console output" tabindex="0" ref={log}>
                if history.is_empty() {
                    <p class="hint">{ "Try: aws ec2 describe-subnets --query 'Subnets[].[AvailabilityZone,CidrBlock,AvailableIpAddressCount]' --output table" }</p>
                }
                { for history[start..].iter().map(|r| html! {
                    <div class={classes!("entry", (r.output.exit != 0).then_some("failed"))}>
                        <div class="cmd">{ format!("$ {}", r.command) }</div>
                        if !r.output.stdout.is_empty() { <pre class="stdout">{ &r.output.stdout }</pre> }
                        if !r.output.stderr.is_empty() { <pre class="stderr">{ &r.output.stderr }</pre> }
                    </div>
                }) }
            </div>
            <form class="console-input" {onsubmit}>
                <label for="console-line" class="visually-hidden">{ "Command line" }</label>
                <input id="console-line" ref={input} {onkeydown} autocomplete="off" spellcheck="false"
                    placeholder="aws ecs list-clusters" />
                <button type="submit">{ "Run" }</button>
            </form>
        </div>
    }
}
