//! The Services tab: every service with its desired, running and pending counts, its
//! deployments (PRIMARY first, with their counts and rollout state) and its newest events in
//! ECS's words, and a chart of its desired, running and pending tasks over time, read from
//! `viz::services` (tested natively). Empty until a service exists.

use yew::prelude::*;

use super::Handle;
use crate::model::time::Instant;
use crate::viz::charts::line_chart;
use crate::viz::services::{desired_vs_running, rows, ServiceRow};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
}

/// Events shown per service (describe-services keeps 100).
const EVENTS: usize = 5;

#[function_component(Services)]
pub fn services(props: &Props) -> Html {
    let ws = props.handle.ws.borrow();
    let all = rows(&ws.session.sim.world, EVENTS);
    if all.is_empty() {
        return html! {
            <p class="services-empty">
                { "No services yet. Create one in the console, for example " }
                <code>{ "aws ecs create-service --cluster default --service-name web --task-definition web --desired-count 2" }</code>
                { "." }
            </p>
        };
    }
    let samples = &ws.samples;
    html! {
        <div class="services">
            { for all.iter().map(|s| {
                // Drawn from the workspace's samples once there are two to join.
                let chart = (samples.len() > 1).then(|| {
                    line_chart(
                        &format!("{}: desired and running tasks", s.name),
                        "",
                        &desired_vs_running(samples, &s.arn),
                        440,
                        150,
                    )
                });
                service(s, chart)
            }) }
        </div>
    }
}

fn service(s: &ServiceRow, chart: Option<String>) -> Html {
    let title = format!("service-{}-{}", s.cluster, s.name);
    html! {
        <section class="service" aria-labelledby={title.clone()}>
            <h3 id={title}>{ format!("{} ({}, {})", s.name, s.cluster, s.scheduling) }</h3>
            <p class="service-counts">
                { format!("{}: desired {}, running {}, pending {}", s.status, s.desired, s.running, s.pending) }
            </p>
            <table class="deployments">
                <caption>{ "Deployments" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Status" }</th>
                        <th scope="col">{ "Task definition" }</th>
                        <th scope="col">{ "Desired" }</th>
                        <th scope="col">{ "Running" }</th>
                        <th scope="col">{ "Pending" }</th>
                        <th scope="col">{ "Failed" }</th>
                        <th scope="col">{ "Rollout" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for s.deployments.iter().map(|d| html! {
                        <tr title={d.id.clone()}>
                            <td>{ d.status }</td>
                            <td>{ &d.task_definition }</td>
                            <td>{ d.desired }</td>
                            <td>{ d.running }</td>
                            <td>{ d.pending }</td>
                            <td>{ d.failed }</td>
                            <td>{ d.rollout }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            // Markup from `viz::charts::line_chart`, which escapes every text it draws (see
            // the Charts tab).
            { for chart.map(|c| Html::from_html_unchecked(AttrValue::from(c))) }
            <ol class="service-events" aria-label={format!("newest events of {}", s.name)}>
                { for s.events.iter().map(|(at, message)| html! {
                    <li><time>{ Instant(*at).iso_seconds() }</time>{ " " }{ message }</li>
                }) }
            </ol>
        </section>
    }
}
