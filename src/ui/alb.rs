//! The load balancers, drawn in front of the tasks: each ALB with its node (and address) in
//! each AZ, its listeners, the target groups they forward to, and every target as a chip
//! coloured by its health, its reason code and description on hover. Reads
//! [`crate::viz::alb`]; sends nothing (the console and scripts change load balancers).

use yew::prelude::*;

use super::Handle;
use crate::model::elb::TargetState;
use crate::viz::alb::{albs, GroupView};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
}

/// Colours of the target states (Okabe-Ito, as the rest of the page's palette): healthy
/// bluish green, unhealthy vermillion, initial sky blue, draining orange, the rest grey.
fn state_colour(state: TargetState) -> &'static str {
    match state {
        TargetState::Healthy => "#009E73",
        TargetState::Unhealthy => "#D55E00",
        TargetState::Initial => "#56B4E9",
        TargetState::Draining => "#E69F00",
        TargetState::Unused | TargetState::Unavailable => "#999999",
    }
}

const STATES: [TargetState; 6] = [
    TargetState::Healthy,
    TargetState::Initial,
    TargetState::Unhealthy,
    TargetState::Draining,
    TargetState::Unused,
    TargetState::Unavailable,
];

fn group(g: &GroupView) -> Html {
    let counts: Vec<String> = STATES
        .iter()
        .filter_map(|s| {
            let n = g.count(*s);
            (n > 0).then(|| format!("{n} {s}"))
        })
        .collect();
    html! {
        <div class="alb-group" data-target-group={g.name.clone()}>
            <div>
                <strong>{ &g.name }</strong>
                <span class="muted">{ format!(" · {} targets · {} · weight {} · {}", g.target_type, g.algorithm, g.weight, counts.join(", ")) }</span>
            </div>
            <div class="alb-targets" style="display:flex;flex-wrap:wrap;gap:4px;margin-top:4px">
                { for g.targets.iter().map(|t| {
                    let title = match &t.description {
                        Some(d) => format!("{}:{} in {}: {} ({}: {d})", t.id, t.port, t.az, t.state, t.reason.unwrap_or("")),
                        None => format!("{}:{} in {}: {}", t.id, t.port, t.az, t.state),
                    };
                    let style = format!(
                        "border:2px solid {};border-radius:4px;padding:1px 4px;font-size:0.8em",
                        state_colour(t.state)
                    );
                    html! {
                        <span class="alb-target" data-state={t.state.as_str()} {title} {style}>
                            <code>{ format!("{}:{}", t.id, t.port) }</code>
                            { format!(" {}", t.state) }
                        </span>
                    }
                }) }
            </div>
        </div>
    }
}

#[function_component(AlbPanel)]
pub fn alb_panel(props: &Props) -> Html {
    let ws = props.handle.ws.borrow();
    let view = albs(&ws.session.sim.world);
    html! {
        <>
            <h2 id="alb-title">{ "Load balancers" }<span class="muted">{ " · listeners, target groups and target health" }</span></h2>
            { for view.iter().map(|lb| html! {
                <article class="alb" data-load-balancer={lb.name.clone()}>
                    <h3>{ &lb.name }<span class="muted">{ format!(" · {} · {} · ", lb.scheme, lb.state) }</span><code>{ &lb.dns_name }</code></h3>
                    <div class="alb-nodes muted">
                        { for lb.nodes.iter().map(|n| html! {
                            <span class="alb-node" data-az={n.az}>
                                { format!("{} node {} ", n.az, n.ip.map(|i| i.to_string()).unwrap_or_default()) }
                            </span>
                        }) }
                    </div>
                    if lb.listeners.is_empty() {
                        <p class="muted">{ "No listener yet: its target groups get no traffic (targets are unused)." }</p>
                    }
                    { for lb.listeners.iter().map(|l| html! {
                        <div class="alb-listener" data-port={l.port.to_string()}>
                            <div>{ format!("{}:{} forwards to", l.protocol, l.port) }</div>
                            { for l.groups.iter().map(group) }
                        </div>
                    }) }
                </article>
            }) }
        </>
    }
}
