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

/// At first this many events are listed (the newest), and "Show more" adds as many again.
/// Kept small: when hundreds of tasks change at once, every new event is a new row, and a
/// longer list costs the animation its frames.
const PAGE: usize = 30;

#[function_component(EventLog)]
pub fn event_log(props: &Props) -> Html {
    let filter = use_state(String::new);
    let kind = use_state(String::new);
    let limit = use_state(|| PAGE);
    let ws = props.handle.ws.borrow();
    let events = ws.session.sim.events();
    let mut kinds: Vec<&str> = events.iter().map(|e| e.kind()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let needle = filter.to_lowercase();
    let shown: Vec<_> = events
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, e)| kind.is_empty() || e.kind() == kind.as_str())
        .filter(|(_, e)| {
            needle.is_empty()
                || e.message().to_lowercase().contains(&needle)
                || e.refs().iter().any(|r| r.to_lowercase().contains(&needle))
        })
        .take(*limit + 1)
        .collect();
    // One more than the limit tells whether there are more to show.
    let more = shown.len() > *limit;
    let shown = &shown[..shown.len().min(*limit)];
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
    let tasks = ws.session.sim.world.tasks();
    let subnets = &ws.session.sim.world.subnets;
    // One handler for every link in the list (a row carries what it points at).
    let onclick = {
        let (task, subnet) = (
            props.actions.select_task.clone(),
            props.actions.select_subnet.clone(),
        );
        Callback::from(move |e: MouseEvent| {
            let Some(link) = e.target_dyn_into::<web_sys::Element>().and_then(|t| {
                t.closest("button[data-task], button[data-subnet]")
                    .ok()
                    .flatten()
            }) else {
                return;
            };
            if let Some(id) = link.get_attribute("data-task") {
                task.emit(Some(id));
            } else if let Some(id) = link.get_attribute("data-subnet") {
                subnet.emit(Some(id));
            }
        })
    };
    html! {
        <div class="events">
            <h2>{ "Events" }</h2>
            <div class="row">
                <label>{ "Filter " }<input type="search" aria-controls="event-list" value={(*filter).clone()} oninput={on_filter} placeholder="text, ID or ARN" /></label>
                <label>{ "Kind " }
                    <select onchange={on_kind}>
                        <option value="" selected={kind.is_empty()}>{ "all" }</option>
                        { for kinds.iter().map(|k| html! { <option value={k.to_string()} selected={*k == kind.as_str()}>{ *k }</option> }) }
                    </select>
                </label>
            </div>
            <ol class="event-list" id="event-list" {onclick}>
                // Keyed by the event's place in the log: as new events arrive on top, the rows
                // already drawn are matched, not all rewritten.
                { for shown.iter().map(|(i, e)| html! {
                    <li key={*i}>
                        <time>{ Instant(e.time_ms).iso_cli().get(11..19).unwrap_or_default().to_string() }</time>
                        <span class="kind">{ e.kind() }</span>
                        <span class="message">{ e.message() }</span>
                        // The subnet and the task an event names are fields of its variant.
                        if let Some(id) = e.what.subnet_id().filter(|id| subnets.contains_key(*id)) {
                            <button class="link" data-subnet={id.to_string()}>{ "addresses" }</button>
                        }
                        if let Some(id) = e.what.task_arn().and_then(|arn| arn.rsplit('/').next()).filter(|id| tasks.contains_key(*id)) {
                            <button class="link" data-task={id.to_string()}>{ "why?" }</button>
                        }
                    </li>
                }) }
            </ol>
            if shown.is_empty() {
                <p class="hint empty-filter" role="status">{
                    if events.is_empty() {
                        "No events yet: they appear as the world changes.".to_string()
                    } else if filter.is_empty() {
                        format!("No {} event matches.", *kind)
                    } else if kind.is_empty() {
                        format!("No event matches “{}”.", *filter)
                    } else {
                        format!("No {} event matches “{}”.", *kind, *filter)
                    }
                }</p>
            }
            if more {
                <p class="muted">
                    { format!("The newest {} events are listed; `sim events` in the console prints them all. ", *limit) }
                    <button class="link" onclick={{
                        let limit = limit.clone();
                        Callback::from(move |_| limit.set(*limit + PAGE))
                    }}>{ format!("Show {PAGE} more") }</button>
                </p>
            }
        </div>
    }
}
