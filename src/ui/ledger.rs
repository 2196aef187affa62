//! Why a task is where it is: the placement ledger of the selected task, instance by instance
//! and check by check in ECS's order, the strategies' keys and the winner; or why the last
//! RunTask that placed nothing failed. A task placed and then stopped while starting says so
//! first, with ECS's reason. The table folds each instance into a card of label: value rows
//! when the panel is narrow (a container query in static/classroom.css reads the
//! `data-label` of each cell), so it never needs sideways scrolling.

use yew::prelude::*;

use super::{Actions, Handle};
use crate::model::task::DesiredStatus;
use crate::placement::Ledger;
use crate::viz::ledger::ledger_table;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
    pub task: Option<String>,
    pub actions: Actions,
}

fn table(ledger: &Ledger) -> Html {
    let t = ledger_table(ledger);
    html! {
        <>
            <p class="summary">{ &t.summary }</p>
            if let Some(n) = &t.note { <p class="note">{ n }</p> }
            if !t.strategies.is_empty() {
                <p class="muted">{ format!("Strategies, in order: {}. Lower keys rank first; the seeded tie-break decides the rest.", t.strategies.join(", then ")) }</p>
            }
            if t.rows.is_empty() {
                <p class="muted">{ "No container instance took part in this decision." }</p>
            } else {
                <div class="ledger-wrap">
                    <table class="ledger">
                        <thead>
                            <tr>
                                <th scope="col">{ "Instance" }</th>
                                { for t.columns.iter().map(|c| html! { <th scope="col">{ c }</th> }) }
                                if !t.strategies.is_empty() { <th scope="col">{ "Strategy keys" }</th> }
                                <th scope="col">{ "Verdict" }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for t.rows.iter().map(|r| html! {
                                <tr class={classes!(r.winner.then_some("winner"))}>
                                    <th scope="row"><code>{ &r.ec2_instance_id }</code></th>
                                    { for r.cells.iter().zip(&t.columns).map(|(c, label)| match c.passed {
                                        Some(true) => html! { <td class="pass" data-label={label.clone()}><span aria-hidden="true">{ "✓ " }</span>{ &c.detail }</td> },
                                        Some(false) => html! { <td class="fail" data-label={label.clone()}><span aria-hidden="true">{ "✗ " }</span>{ &c.detail }</td> },
                                        None => html! { <td class="na" data-label={label.clone()}>{ "—" }</td> },
                                    }) }
                                    if !t.strategies.is_empty() {
                                        <td data-label="Strategy keys"><code>{ r.strategy_key_texts.join(" · ") }</code></td>
                                    }
                                    <td class="verdict" data-label="Verdict">{ &r.verdict }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </>
    }
}

#[function_component(LedgerPanel)]
pub fn ledger_panel(props: &Props) -> Html {
    // The last replayed ledger, by task ARN and decision: a decision never changes once made,
    // and the panel renders again whenever the world moves (every tick while playing), so
    // the replay (the whole scenario up to the decision) runs once per task shown, not per frame.
    let replayed = use_mut_ref(|| None::<(std::sync::Arc<str>, u64, Option<Ledger>)>);
    let ws = props.handle.ws.borrow();
    let world = &ws.session.sim.world;
    let failed = world.last_failed_placement.as_ref();
    let body = match props.task.as_ref().and_then(|id| world.task(id)) {
        Some(t) => {
            // A task keeps its decision compactly: replay it in full, once.
            let ledger = if t.ledger.complete {
                Some(t.ledger.clone())
            } else {
                let mut cache = replayed.borrow_mut();
                match &*cache {
                    Some((arn, decision, ledger))
                        if *arn == t.arn && *decision == t.ledger.decision =>
                    {
                        ledger.clone()
                    }
                    _ => {
                        let ledger = ws.session.replay_decision(t.ledger.decision);
                        *cache = Some((t.arn.clone(), t.ledger.decision, ledger.clone()));
                        ledger
                    }
                }
            };
            let ip = t.eni.as_ref().and_then(|n| n.private_ip);
            let failed_to_start =
                t.stop_code == Some(crate::model::task::StopCode::TaskFailedToStart);
            html! {
                <>
                    <h3>{ format!("Task {} ({})", crate::viz::outcome::short_id(&t.id), t.family) }</h3>
                    if failed_to_start {
                        <p class="stopped-note">
                            <strong>{ "Placed, then failed to start. " }</strong>
                            { format!("ECS stopped it with stopCode TaskFailedToStart: {}", t.stopped_reason.as_deref().unwrap_or("")) }
                            <br />
                            <span class="muted">{ "Below: where placement put it. The placement succeeded; starting did not." }</span>
                        </p>
                    }
                    <dl class="facts">
                        <dt>{ "Status" }</dt><dd>{ format!("{} (desired {})", t.last_status.as_str(), t.desired_status.as_str()) }</dd>
                        <dt>{ "Launch type" }</dt><dd>{ t.capacity_provider.map_or_else(|| t.launch_type.to_string(), |p| p.to_string()) }</dd>
                        <dt>{ "Where" }</dt><dd>{ if t.ec2_instance_id.is_empty() { format!("Fargate, {}", t.availability_zone) } else { format!("{}, {}", t.ec2_instance_id, t.availability_zone) } }</dd>
                        <dt>{ "Group" }</dt><dd>{ &t.group }</dd>
                        if let Some(n) = &t.eni {
                            <dt>{ "ENI" }</dt>
                            <dd>{ format!("{} {} in {} ({})", n.eni_id.as_deref().unwrap_or("not yet created"), ip.map(|i| i.to_string()).unwrap_or_default(), n.subnet_id, n.status.as_str()) }</dd>
                        }
                        if let Some(r) = &t.stopped_reason {
                            <dt>{ "Stopped because" }</dt><dd>{ format!("{} ({})", r, t.stop_code.map_or("", |c| c.as_str())) }</dd>
                        }
                    </dl>
                    { match ledger { Some(l) => table(&l), None => html! { <p>{ "The decision could not be replayed." }</p> } } }
                    <super::task_iam::TaskIam handle={props.handle.clone()} task={t.id.clone()} />
                    if t.desired_status == DesiredStatus::Running {
                        <button onclick={{
                            let run = props.actions.run.clone();
                            let line = crate::viz::commands::stop_task(&t.cluster, &t.arn);
                            Callback::from(move |_| run.emit(vec![line.clone()]))
                        }}>{ "Stop this task" }</button>
                    }
                </>
            }
        }
        None => {
            html! { <p class="hint">{ "Select a task in the cluster view to see why it was placed where it is." }</p> }
        }
    };
    html! {
        <div class="ledger-panel">
            <h2>{ "Why here?" }</h2>
            { body }
            if let Some(l) = failed {
                <details>
                    <summary>{ "The last RunTask that placed nothing" }</summary>
                    { table(l) }
                </details>
            }
        </div>
    }
}
