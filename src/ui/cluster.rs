//! The cluster view (SVG): AZs as columns, container instances with their reserved CPU,
//! memory and ENI slots, Fargate areas, and the tasks, which wait in the pending lane while they
//! start and travel to their slot once RUNNING (a CSS transition, off under reduced motion).

use std::rc::Rc;

use yew::prelude::*;

use super::chips::{ChipLayer, Layout};
use super::{Actions, Handle};
use crate::viz::cluster::{
    cluster_view_remembering, ClusterView, InstanceBox, Memory, SubnetBox, CHIP,
};
use crate::viz::thousands;

/// The last layout, kept until the world changes (time passing without an event changes
/// nothing in it), and what the next one must remember of it.
struct Drawn {
    cluster: String,
    world_revision: u64,
    view: Rc<ClusterView>,
    memory: Memory,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
    pub actions: Actions,
    pub selected: Option<String>,
}

fn bar(x: u32, y: u32, w: u32, used: u32, total: u32, label: &str) -> Html {
    let frac = if total == 0 {
        0.0
    } else {
        f64::from(used.min(total)) / f64::from(total)
    };
    let fill = (f64::from(w) * frac).round() as u32;
    html! {
        <g class="bar">
            <rect x={x.to_string()} y={y.to_string()} width={w.to_string()} height="6" rx="2" class="bar-bg" />
            <rect x={x.to_string()} y={y.to_string()} width={fill.to_string()} height="6" rx="2" class="bar-fill" />
            <text x={(x + w + 4).to_string()} y={(y + 6).to_string()} class="bar-label">{ label.to_string() }</text>
        </g>
    }
}

/// A small button drawn in SVG (HTML inside `foreignObject` does not render from Yew's SVG
/// namespace); keyboard-operable like the task chips.
fn svg_button(
    x: u32,
    y: u32,
    w: u32,
    text: &str,
    label: &str,
    onclick: Callback<MouseEvent>,
) -> Html {
    let onkeydown = {
        let onclick = onclick.clone();
        Callback::from(move |e: KeyboardEvent| {
            if activates(&e) {
                e.prevent_default();
                if let Ok(m) = web_sys::MouseEvent::new("click") {
                    onclick.emit(m);
                }
            }
        })
    };
    html! {
        <g class="svg-button" role="button" tabindex="0" aria-label={label.to_string()} {onclick} {onkeydown}>
            <title>{ label.to_string() }</title>
            <rect x={x.to_string()} y={y.to_string()} width={w.to_string()} height="12" rx="3" />
            <text x={(x + w / 2).to_string()} y={(y + 9).to_string()} text-anchor="middle">{ text.to_string() }</text>
        </g>
    }
}

fn pct((used, total): (u32, u32)) -> u32 {
    (used * 100).checked_div(total).unwrap_or(0)
}

fn instance(b: &InstanceBox, actions: &Actions) -> Html {
    let r = &b.rect;
    let inner = r.w - 70;
    let title = format!(
        "{} ({}), {}{}: CPU {} of {} units reserved, memory {} of {} MiB, {} of {} task ENI slots{}",
        b.ec2_instance_id,
        b.instance_type,
        b.status,
        if b.agent_connected { "" } else { ", agent disconnected" },
        b.cpu.0,
        b.cpu.1,
        b.memory.0,
        b.memory.1,
        b.eni.0,
        b.eni.1,
        if b.trunked { " (trunked)" } else { "" }
    );
    let drain = {
        let run = actions.run.clone();
        let arn = b.container_instance_arn.clone();
        let cluster = arn.split('/').nth(1).unwrap_or_default().to_string();
        let next = if b.status == "DRAINING" {
            "ACTIVE"
        } else {
            "DRAINING"
        };
        Callback::from(move |_| {
            run.emit(vec![crate::viz::commands::update_instance_state(
                &cluster, &arn, next,
            )])
        })
    };
    let terminate = {
        let run = actions.run.clone();
        let id = b.ec2_instance_id.clone();
        Callback::from(move |_| run.emit(vec![crate::viz::commands::terminate_instance(&id)]))
    };
    html! {
        <g class={classes!("instance", (b.status != "ACTIVE").then_some("inactive"), (!b.agent_connected).then_some("disconnected"))}
            role="group" aria-label={title.clone()}>
            <title>{ title }</title>
            <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="5" class="instance-box" />
            <text x={(r.x + 8).to_string()} y={(r.y + 15).to_string()} class="instance-name">
                { &b.ec2_instance_id }
            </text>
            <text x={(r.x + 8).to_string()} y={(r.y + 28).to_string()} class={classes!("instance-status", (b.status != "ACTIVE" || !b.agent_connected).then_some("warn"))}>
                { format!("{} · {}{}", b.instance_type, b.status, if b.agent_connected { "" } else { " · agent disconnected" }) }
            </text>
            { bar(r.x + 8, r.y + 34, inner, b.cpu.0, b.cpu.1, &format!("CPU {}%", pct(b.cpu))) }
            { bar(r.x + 8, r.y + 44, inner, b.memory.0, b.memory.1, &format!("mem {}%", pct(b.memory))) }
            { bar(r.x + 8, r.y + 54, inner, b.eni.0, b.eni.1, &format!("ENI {}/{}{}", b.eni.0, b.eni.1, if b.trunked { "T" } else { "" })) }
            { svg_button(r.x + r.w - 66, r.y + 5, 36, if b.status == "DRAINING" { "activate" } else { "drain" },
                &format!("{} {}", if b.status == "DRAINING" { "set ACTIVE:" } else { "drain:" }, b.ec2_instance_id), drain) }
            { svg_button(r.x + r.w - 26, r.y + 5, 20, "✕", &format!("terminate {}", b.ec2_instance_id), terminate) }
        </g>
    }
}

/// The selected task's card, drawn beside its chip: its state, and its ENI with its IP.
fn callout(view: &ClusterView, selected: Option<&str>) -> Html {
    let Some(t) = selected.and_then(|id| view.tasks.iter().find(|t| t.id == id)) else {
        return html! {};
    };
    let lines = [
        format!("task {} · {}", &t.id[..t.id.len().min(8)], t.status),
        match (&t.eni_id, t.ip) {
            (Some(eni), Some(ip)) => format!("{ip} · {eni}"),
            _ if t.launch_type.is_fargate() => "its ENI is not attached yet".to_string(),
            _ => format!("shares the ENI of {}", t.host),
        },
    ];
    let w = 186;
    // Beside the chip, or to its left near the right edge.
    let x = if t.x + CHIP + 6 + w > view.width {
        t.x.saturating_sub(w + 6)
    } else {
        t.x + CHIP + 6
    };
    let y = t.y.saturating_sub(4);
    html! {
        <g class="callout" aria-hidden="true">
            <rect x={x.to_string()} y={y.to_string()} width={w.to_string()} height="32" rx="4" />
            { for lines.iter().enumerate().map(|(i, l)| html! {
                <text x={(x + 6).to_string()} y={(y + 13 + 13 * i as u32).to_string()}>{ l }</text>
            }) }
        </g>
    }
}

/// A subnet of the AZ: its header opens its IP map; inside, its instances and Fargate area.
fn subnet(s: &SubnetBox, actions: &Actions) -> Html {
    let r = &s.rect;
    let label = format!(
        "subnet {} ({}): {} addresses free; show its IP map",
        s.id,
        s.cidr,
        thousands(s.free)
    );
    let open = {
        let (select, id) = (actions.select_subnet.clone(), s.id.clone());
        Callback::from(move |_: MouseEvent| select.emit(Some(id.clone())))
    };
    let onkeydown = {
        let (select, id) = (actions.select_subnet.clone(), s.id.clone());
        Callback::from(move |e: KeyboardEvent| {
            if activates(&e) {
                e.prevent_default();
                select.emit(Some(id.clone()));
            }
        })
    };
    html! {
        <g class="subnet-box" data-subnet={s.id.clone()}>
            <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="5" class="subnet-bg" />
            <g class="subnet-head" role="button" tabindex="0" aria-label={label.clone()} onclick={open} {onkeydown}>
                <title>{ label }</title>
                <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height="20" rx="5" class="subnet-head-bg" />
                <text x={(r.x + 8).to_string()} y={(r.y + 14).to_string()} class="subnet-title">
                    { &s.cidr }
                </text>
                <text x={(r.x + r.w - 8).to_string()} y={(r.y + 14).to_string()} text-anchor="end" class="subnet-free">
                    { format!("{} free", thousands(s.free)) }
                </text>
            </g>
            { for s.instances.iter().map(|b| instance(b, actions)) }
            if let Some(f) = &s.fargate {
                <rect x={f.rect.x.to_string()} y={f.rect.y.to_string()} width={f.rect.w.to_string()} height={f.rect.h.to_string()} rx="5" class="fargate-box" />
                <text x={(f.rect.x + 8).to_string()} y={(f.rect.y + 15).to_string()} class="fargate-title">{ format!("Fargate · {} task(s)", f.arrived) }</text>
            }
        </g>
    }
}

#[function_component(ClusterPanel)]
pub fn cluster_panel(props: &Props) -> Html {
    let chosen = use_state(|| None::<String>);
    let drawn = use_mut_ref(|| None::<Drawn>);
    let ws = props.handle.ws.borrow();
    let world = &ws.session.sim.world;
    let clusters: Vec<String> =
        crate::sim::world::World::by_creation(&world.clusters, |c| c.created_seq)
            .into_iter()
            .filter(|c| c.status == crate::model::ecs::ClusterStatus::Active)
            .map(|c| c.name.clone())
            .collect();
    let name = chosen
        .as_ref()
        .filter(|c| clusters.contains(c))
        .cloned()
        .or_else(|| clusters.first().cloned());
    let on_cluster = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            chosen.set(Some(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            ))
        })
    };
    let Some(name) = name else {
        return html! {
            <>
                <h2 id="cluster-title">{ "Cluster" }</h2>
                <p class="hint">{ "No cluster yet. Create one under Infrastructure, or type " }<code>{ "aws ecs create-cluster --cluster-name demo" }</code>{ " in the console." }</p>
            </>
        };
    };
    let view = {
        let mut drawn = drawn.borrow_mut();
        let revision = ws.world_revision();
        let d = match drawn.take() {
            Some(d) if d.cluster == name && d.world_revision == revision => d,
            last => {
                // The memory carries over while the same cluster is shown.
                let mut memory = last
                    .filter(|d| d.cluster == name)
                    .map(|d| d.memory)
                    .unwrap_or_default();
                let view = Rc::new(cluster_view_remembering(world, &name, &mut memory));
                Drawn {
                    cluster: name.clone(),
                    world_revision: revision,
                    view,
                    memory,
                }
            }
        };
        let view = d.view.clone();
        *drawn = Some(d);
        view
    };
    let live = view.tasks.len();
    html! {
        <>
            <div class="panel-head">
                <h2 id="cluster-title">{ "Cluster " }</h2>
                <select onchange={on_cluster} aria-label="cluster shown">
                    { for clusters.iter().map(|c| html! { <option value={c.clone()} selected={*c == name}>{ c }</option> }) }
                </select>
                <span class="muted">{ format!("in {} · {live} live task(s)", crate::model::catalog::REGION) }</span>
                <span class="legend">
                    <span class="swatch phase-starting"></span>{ "starting" }
                    <span class="swatch phase-running"></span>{ "running" }
                    <span class="swatch phase-stopping"></span>{ "stopping" }
                </span>
            </div>
            <div class="cluster-scroll">
                <ClusterSvg view={Layout(view)} name={name.clone()} selected={props.selected.clone()}
                    actions={props.actions.clone()} />
            </div>
        </>
    }
}

/// Whether a key press activates a control drawn in SVG (Enter or Space, as for a button).
fn activates(e: &KeyboardEvent) -> bool {
    e.key() == "Enter" || e.key() == " "
}

/// The task whose chip an event happened on, if any.
fn task_of(e: &Event) -> Option<String> {
    let target: web_sys::Element = e.target_dyn_into()?;
    target
        .closest("[data-task]")
        .ok()??
        .get_attribute("data-task")
}

#[derive(Properties, PartialEq)]
struct SvgProps {
    view: Layout,
    name: String,
    selected: Option<String>,
    actions: Actions,
}

/// The drawing itself: a component, so a tick that changes nothing in the layout (the
/// common case once tasks are running) renders nothing.
#[function_component(ClusterSvg)]
fn cluster_svg(p: &SvgProps) -> Html {
    let view = &*p.view.0;
    let onclick = {
        let select = p.actions.select_task.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(id) = task_of(&e) {
                select.emit(Some(id));
            }
        })
    };
    let onkeydown = {
        let select = p.actions.select_task.clone();
        Callback::from(move |e: KeyboardEvent| {
            if activates(&e) {
                if let Some(id) = task_of(&e) {
                    e.prevent_default();
                    select.emit(Some(id));
                }
            }
        })
    };
    html! {
                <svg class="cluster" width={view.width.to_string()} height={view.height.to_string()}
                    viewBox={format!("0 0 {} {}", view.width, view.height)} role="group"
                    aria-label={format!("cluster {}: {} live tasks", p.name, view.tasks.len())}
                    {onclick} {onkeydown}>
                    <rect x="0" y="0" width={view.lane.w.to_string()} height={view.lane.h.to_string()} rx="6" class="lane" />
                    <text x="8" y="17" class="lane-title">{ "Pending: placed, starting up (PROVISIONING / PENDING)" }</text>
                    { for view.azs.iter().map(|az| html! {
                        <g class="az-col">
                            <rect x={az.rect.x.to_string()} y={az.rect.y.to_string()} width={az.rect.w.to_string()} height={az.rect.h.to_string()} rx="6" class="az-bg" />
                            <text x={(az.rect.x + 8).to_string()} y={(az.rect.y + 18).to_string()} class="az-title">{ az.name }</text>
                            if az.subnets.is_empty() {
                                <text x={(az.rect.x + 8).to_string()} y={(az.rect.y + 42).to_string()} class="az-empty">{ "nothing of this cluster here" }</text>
                            }
                            { for az.subnets.iter().map(|s| subnet(s, &p.actions)) }
                        </g>
                    }) }
                    <ChipLayer layout={p.view.clone()} selected={p.selected.clone()} />
                    { callout(view, p.selected.as_deref()) }
                </svg>
    }
}
