//! The event log: every change in words, newest first, filterable by text and kind; a task
//! named in an event opens its ledger. The text twin of the animation, for screen readers.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{Actions, Handle};
use crate::model::time::Instant;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
    pub actions: Actions,
}

/// At most this many events are listed (the newest).
const SHOWN: usize = 300;

#[function_component(EventLog)]
pub fn event_log(props: &Props) -> Html {
    let filter = use_state(String::new);
    let kind = use_state(String::new);
    let ws = props.handle.ws.borrow();
    let events = ws.session.sim.events();
    let mut kinds: Vec<&str> = events.iter().map(|e| e.kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let needle = filter.to_lowercase();
    let shown: Vec<_> = events
        .iter()
        .rev()
        .filter(|e| kind.is_empty() || e.kind == kind.as_str())
        .filter(|e| {
            needle.is_empty()
                || e.message.to_lowercase().contains(&needle)
                || e.refs.iter().any(|r| r.to_lowercase().contains(&needle))
        })
        .take(SHOWN)
        .collect();
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            filter.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            kind.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            )
        })
    };
    let tasks = &ws.session.sim.world.tasks;
    let subnets = &ws.session.sim.world.subnets;
    html! {
        <div class="events">
            <h2>{ "Events" }</h2>
            <div class="row">
                <label>{ "Filter " }<input type="search" value={(*filter).clone()} oninput={on_filter} placeholder="text, ID or ARN" /></label>
                <label>{ "Kind " }
                    <select onchange={on_kind}>
                        <option value="" selected={kind.is_empty()}>{ "all" }</option>
                        { for kinds.iter().map(|k| html! { <option value={k.to_string()} selected={*k == kind.as_str()}>{ *k }</option> }) }
                    </select>
                </label>
            </div>
            <ol class="event-list" aria-live="polite">
                { for shown.iter().map(|e| html! {
                    <li>
                        <time>{ Instant(e.time_ms).iso_cli().get(11..19).unwrap_or_default().to_string() }</time>
                        <span class="kind">{ e.kind }</span>
                        <span class="message">{ &e.message }</span>
                        { for e.refs.iter().filter(|r| subnets.contains_key(r.as_str())).map(|r| {
                            let select = props.actions.select_subnet.clone();
                            let id = r.clone();
                            html! { <button class="link" onclick={Callback::from(move |_| select.emit(Some(id.clone())))}>{ "addresses" }</button> }
                        }) }
                        { for e.refs.iter().filter_map(|r| {
                            let id = r.rsplit('/').next().unwrap_or(r);
                            tasks.get(id).filter(|_| r.contains(":task/")).map(|_| {
                                let select = props.actions.select_task.clone();
                                let id = id.to_string();
                                html! { <button class="link" onclick={Callback::from(move |_| select.emit(Some(id.clone())))}>{ "why?" }</button> }
                            })
                        }) }
                    </li>
                }) }
            </ol>
            if events.len() > SHOWN { <p class="muted">{ format!("The newest {SHOWN} of {} events match; `sim events` in the console prints them all.", events.len()) }</p> }
        </div>
    }
}
