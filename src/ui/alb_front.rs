//! The load balancers drawn in front of the cluster's tasks (see [`crate::viz::cluster::front`]):
//! a band of SVG above the drawing, with each load balancer, its listeners, its target groups
//! counted by health state and its nodes; over the drawing, a layer that takes no pointer
//! events with each target chip's health marker (a shape per state: filled circle healthy,
//! ring initial, cross unhealthy, triangle draining, bar unused), or an area's counts when its
//! chips are too small or painted on the canvas, and the requests of the last `sim http` line
//! as dots that travel from a node to the task that answered (a CSS animation, started when
//! the burst's dots are created; none under reduced motion, where the band's words tell it).

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::chips::Layout;
use crate::cli::Session;
use crate::model::elb::TargetState;
use crate::viz::cluster::front::{band_height, front, Dot, Front, LbBox, Marker, Tally, STATES};
use crate::viz::cluster::Fit;
use crate::viz::palette::target_colour;

/// The box left to the cluster drawing under the band.
pub fn below_band(session: &Session, cluster: &str, fit: Fit) -> Fit {
    let band = band_height(&session.sim, cluster, session.traffic.as_ref(), fit.width);
    Fit {
        width: fit.width,
        height: fit.height.saturating_sub(band).max(120),
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: super::Handle,
    pub layout: Layout,
    /// Whether the chips are SVG elements (markers on each) rather than painted on a canvas.
    pub per_chip: bool,
    pub children: Html,
}

fn n(v: u32) -> String {
    v.to_string()
}

fn lb_box(lb: &LbBox) -> Html {
    let r = &lb.rect;
    html! {
        <g class="alb-box" data-load-balancer={lb.name.clone()}>
            <rect x={n(r.x)} y={n(r.y)} width={n(r.w)} height={n(r.h)} rx="6" class="alb-box-bg" />
            <text x={n(r.x + 8)} y={n(r.y + 14)} class="alb-name">
                { format!("⇄ {} ", lb.name) }<tspan class="alb-muted">{ format!("· application load balancer · {}", lb.state) }</tspan>
            </text>
            { for lb.listeners.iter().map(|l| html! {
                <g class="alb-listener" data-listener={l.text.clone()}>
                    <text x={n(r.x + 8)} y={n(l.y)} class="alb-listener-text">{ format!("{} forwards to", l.text) }</text>
                    { for l.groups.iter().map(|g| {
                        let words = if g.health.total() == 0 {
                            "no targets".to_string()
                        } else {
                            STATES.iter().filter(|(s, _)| g.health.get(*s) > 0)
                                .map(|(s, gl)| format!("{gl} {} {s}", crate::viz::thousands(g.health.get(*s))))
                                .collect::<Vec<_>>().join(" · ")
                        };
                        html! {
                            <text x={n(r.x + 20)} y={n(g.y)} class="alb-group-text" data-target-group={g.name.clone()}
                                data-healthy={n(g.health.healthy)} data-initial={n(g.health.initial)} data-unhealthy={n(g.health.unhealthy)}
                                data-draining={n(g.health.draining)} data-unused={n(g.health.unused)}>
                                { format!("target group {}: {words}", g.name) }
                            </text>
                        }
                    }) }
                </g>
            }) }
            if let Some((words, y)) = &lb.traffic {
                <text x={n(r.x + 8)} y={n(*y)} class="alb-traffic">{ words }</text>
            }
            { for lb.nodes.iter().map(|nd| html! {
                <g class="alb-node" data-az={nd.az}>
                    <path d={format!("M{} {}l5 5l-5 5l-5 -5z", nd.x, nd.y.saturating_sub(10))} class="alb-node-mark" />
                    <text x={n(nd.x + 8)} y={n(nd.y)} class="alb-node-text">{ format!("node {}", nd.az) }</text>
                </g>
            }) }
        </g>
    }
}

/// A marker: its shape tells the state, its colour repeats it.
fn marker(m: &Marker) -> Html {
    let (x, y, r) = (m.x as i32, m.y as i32, m.r as i32);
    let colour = target_colour(m.state);
    let shape = match m.state {
        TargetState::Healthy => {
            html! { <circle cx={x.to_string()} cy={y.to_string()} r={r.to_string()} fill={colour} /> }
        }
        TargetState::Initial => {
            html! { <circle cx={x.to_string()} cy={y.to_string()} r={(r - 1).max(1).to_string()} fill="#fff" stroke={colour} stroke-width="2" /> }
        }
        TargetState::Unhealthy => html! {
            <path d={format!("M{} {}L{} {}M{} {}L{} {}", x - r, y - r, x + r, y + r, x - r, y + r, x + r, y - r)} stroke={colour} stroke-width="2.5" />
        },
        TargetState::Draining => html! {
            <path d={format!("M{} {}L{} {}L{} {}Z", x - r, y - r, x + r, y - r, x, y + r)} fill={colour} />
        },
        TargetState::Unused | TargetState::Unavailable => html! {
            <rect x={(x - r).to_string()} y={(y - 1).to_string()} width={(2 * r).to_string()} height="3" fill={colour} />
        },
    };
    html! {
        <g class="alb-marker" data-task={m.task_id.clone()} data-state={m.state.as_str()}>{ shape }</g>
    }
}

fn tally(t: &Tally) -> Html {
    html! {
        <text x={n(t.x)} y={n(t.y)} text-anchor="end" class="alb-tally"
            data-healthy={n(t.health.healthy)} data-draining={n(t.health.draining)} data-total={n(t.health.total())}>
            { format!("targets {}", t.health.glyphs()) }
        </text>
    }
}

fn dot(d: &Dot) -> Html {
    let (dx, dy) = (
        i64::from(d.to.0) - i64::from(d.from.0),
        i64::from(d.to.1) - i64::from(d.from.1),
    );
    html! {
        <circle cx={n(d.from.0)} cy={n(d.from.1)} r="3.5" class={classes!("alb-dot", (!d.ok).then_some("failed"))}
            style={format!("--dx: {dx}px; --dy: {dy}px; animation-delay: {}ms", d.delay_ms)} />
    }
}

/// The last front computed, and the layout it was computed for.
type Cache = Option<(Layout, bool, Rc<Front>)>;

#[function_component(AlbFront)]
pub fn alb_front(p: &Props) -> Html {
    let cache = use_mut_ref(|| Cache::None);
    let f = front_of(&cache, p);
    if f.height == 0 {
        return p.children.clone();
    }
    let view = &*p.layout.0;
    let width = view
        .width
        .max(f.lbs.iter().map(|l| l.rect.x + l.rect.w).max().unwrap_or(0));
    let total = f.height + view.height;
    html! {
        <div class="alb-front" style={format!("width: {width}px")}>
            <svg class="alb-band" width={n(width)} height={n(f.height)} viewBox={format!("0 0 {width} {}", f.height)}
                role="group" aria-label="load balancers in front of the cluster">
                { for f.lbs.iter().map(lb_box) }
            </svg>
            { p.children.clone() }
            <svg class="alb-overlay" width={n(width)} height={n(total)} viewBox={format!("0 0 {width} {total}")} aria-hidden="true">
                { for f.markers.iter().map(marker) }
                { for f.tallies.iter().map(tally) }
                if let Some(serial) = f.burst {
                    <g key={serial.to_string()} class="alb-dots" data-dots={f.dots.len().to_string()}>
                        { for f.dots.iter().map(dot) }
                    </g>
                }
            </svg>
        </div>
    }
}

fn front_of(cache: &Rc<RefCell<Cache>>, p: &Props) -> Rc<Front> {
    let mut c = cache.borrow_mut();
    if let Some((layout, per_chip, f)) = c.as_ref() {
        if *layout == p.layout && *per_chip == p.per_chip {
            return f.clone();
        }
    }
    let ws = p.handle.ws.borrow();
    let session = &ws.session;
    let view = &*p.layout.0;
    let f = Rc::new(front(
        &session.sim,
        view,
        session.traffic.as_ref(),
        view.width,
        p.per_chip,
    ));
    *c = Some((p.layout.clone(), p.per_chip, f.clone()));
    f
}
