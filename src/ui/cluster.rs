//! The cluster view (SVG): AZs as columns, container instances with their reserved CPU,
//! memory and ENI slots, instances booting, Fargate areas, and the tasks, which wait in the
//! pending lane while they start and travel to their slot once RUNNING (a CSS transition, off
//! under reduced motion), or stay there marked failed when they could not start.
//!
//! The layout is sized to the panel (measured, and again when the window is resized), so any
//! number of tasks is seen without scrolling; the AZ titles and the subnets' zoom buttons
//! show one AZ or subnet larger, and the panel's head goes back to all. Up to [`DOM_CHIPS`]
//! chips are SVG elements (`chips.rs`, each focusable); more are painted on a canvas
//! (`chip_canvas.rs`), which is what keeps a 2,000-task drawing under a frame's budget.

use std::rc::Rc;

use yew::prelude::*;

use super::chip_canvas::ChipCanvas;
use super::chips::{ChipLayer, Layout};
use super::{Actions, Handle};
use crate::viz::cluster::{
    cluster_view_remembering, BootingBox, ClusterView, Counts, Fit, InstanceBox, Lane, Memory,
    SubnetBox, Zoom,
};
use crate::viz::thousands;

/// The most chips drawn as SVG elements; a denser drawing paints them on a canvas.
pub const DOM_CHIPS: usize = 300;

/// The last layout, kept until the world, the panel's size or the zoom changes (time passing
/// without an event changes nothing in it, but for a failed task leaving the lane), and what
/// the next one must remember of it.
struct Drawn {
    cluster: String,
    world_revision: u64,
    fit: Fit,
    zoom: Zoom,
    view: Rc<ClusterView>,
    memory: Memory,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
    pub actions: Actions,
    pub selected: Option<String>,
    /// The simulated time (ms): booting instances count down, failed tasks leave.
    #[prop_or(0)]
    pub clock: u64,
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
    let inner = r.w.saturating_sub(82);
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
                { b.status_line() }
            </text>
            { super::cluster_iam::role_badge(b) }
            { bar(r.x + 8, r.y + 34, inner, b.cpu.0, b.cpu.1, &format!("CPU {}%", pct(b.cpu))) }
            { bar(r.x + 8, r.y + 44, inner, b.memory.0, b.memory.1, &format!("mem {}%", pct(b.memory))) }
            { bar(r.x + 8, r.y + 54, inner, b.eni.0, b.eni.1, &format!("ENI {}/{}{}", b.eni.0, b.eni.1, if b.trunked { "T" } else { "" })) }
            if let Some(c) = &b.counts {
                { counts(r.x + 8, r.y + 64, r.w.saturating_sub(16), c) }
            }
            { svg_button(r.x + r.w - 74, r.y + 5, 44, if b.status == "DRAINING" { "activate" } else { "drain" },
                &format!("{} {}", if b.status == "DRAINING" { "set ACTIVE:" } else { "drain:" }, b.ec2_instance_id), drain) }
            { svg_button(r.x + r.w - 26, r.y + 5, 20, "✕", &format!("terminate {}", b.ec2_instance_id), terminate) }
        </g>
    }
}

/// Tasks drawn as counts: a bar in the phases' colours, and the counts in words.
fn counts(x: u32, y: u32, w: u32, c: &Counts) -> Html {
    let total = c.total().max(1);
    let mut at = x;
    let parts = [
        (c.starting, "phase-starting", "starting"),
        (c.running, "phase-running", "running"),
        (c.stopping, "phase-stopping", "stopping"),
    ];
    let words: Vec<String> = parts
        .iter()
        .filter(|p| p.0 > 0)
        .map(|(n, _, word)| format!("{} {word}", thousands(*n)))
        .collect();
    html! {
        <g class="counts" data-count={c.total().to_string()}>
            { for parts.iter().filter(|p| p.0 > 0).map(|(n, class, _)| {
                let seg = (u64::from(w) * u64::from(*n) / u64::from(total)) as u32;
                let g = html! { <rect x={at.to_string()} y={y.to_string()} width={seg.max(1).to_string()} height="8" class={classes!("count-bar", *class)} /> };
                at += seg;
                g
            }) }
            <text x={x.to_string()} y={(y + 20).to_string()} class="count-words">{ words.join(" · ") }</text>
        </g>
    }
}

/// The selected task's card, beside its chip and always inside the drawing (HTML over it, so
/// neither an instance box nor the canvas can hide it): its state, and its ENI with its IP.
fn callout(view: &ClusterView, selected: Option<&str>) -> Html {
    let Some(t) = selected.and_then(|id| view.tasks.iter().find(|t| t.id == id)) else {
        return html! {};
    };
    let lines = [
        format!(
            "task {} · {}",
            &t.id[..t.id.len().min(8)],
            if t.failed.is_some() {
                "FAILED to start"
            } else {
                t.status
            }
        ),
        match (&t.eni_id, t.ip, &t.failed) {
            (_, _, Some(reason)) => crate::viz::cluster::waiting::short_reason(reason),
            (Some(eni), Some(ip), _) => format!("{ip} · {eni}"),
            _ if t.launch_type.is_fargate() => "its ENI is not attached yet".to_string(),
            _ => format!("shares the ENI of {}", t.host),
        },
    ];
    let (w, h) = (230, 36);
    // Beside the chip, or to its left near the right edge; never past the bottom.
    let x = if t.x + t.size + 6 + w > view.width {
        t.x.saturating_sub(w + 6)
    } else {
        t.x + t.size + 6
    };
    let y = t.y.saturating_sub(4).min(view.height.saturating_sub(h));
    html! {
        <div class="callout" aria-hidden="true" style={format!("left: {x}px; top: {y}px")}>
            { for lines.iter().map(|l| html! { <div>{ l }</div> }) }
        </div>
    }
}

/// An instance launched for the cluster, booting or registering, with the time left.
fn booting(b: &BootingBox, now: u64) -> Html {
    let r = &b.rect;
    let words = b.boot.words(now);
    let waiting = matches!(b.boot, crate::viz::cluster::Boot::AgentWaiting { .. });
    let title = format!("{} ({}): {words}", b.ec2_instance_id, b.instance_type);
    html! {
        <g class={classes!("booting", waiting.then_some("warn"))} role="group" aria-label={title.clone()}>
            <title>{ title }</title>
            <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="5" class="booting-box" />
            <text x={(r.x + 8).to_string()} y={(r.y + 14).to_string()} class="instance-name">{ format!("{} · {}", b.ec2_instance_id, b.instance_type) }</text>
            { super::cluster_iam::boot_words(b, now) }
        </g>
    }
}

/// A subnet of the AZ: its header opens its IP map (and its zoom button shows it alone);
/// inside, its instances, those booting, and its Fargate area.
fn subnet(
    s: &SubnetBox,
    actions: &Actions,
    now: u64,
    on_zoom: &Callback<Zoom>,
    zoomed: bool,
) -> Html {
    let r = &s.rect;
    // Starts with the visible text ("CIDR N free"), so the name a screen reader speaks
    // contains what a sighted user clicks (axe's label-content-name-mismatch).
    let label = format!(
        "{} {} free: subnet {}; show its IP map",
        s.cidr,
        thousands(s.free),
        s.id
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
    let zoom = {
        let (on_zoom, id) = (on_zoom.clone(), s.id.clone());
        Callback::from(move |_: MouseEvent| {
            on_zoom.emit(if zoomed {
                Zoom::All
            } else {
                Zoom::Subnet(id.clone())
            })
        })
    };
    let zoom_label = if zoomed {
        "show every AZ again".to_string()
    } else {
        format!("zoom into subnet {} ({})", s.id, s.cidr)
    };
    html! {
        <g class="subnet-box" data-subnet={s.id.clone()}>
            <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="5" class="subnet-bg" />
            <g class="subnet-head" role="button" tabindex="0" aria-label={label.clone()} onclick={open} {onkeydown}>
                <title>{ label }</title>
                <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.saturating_sub(26).to_string()} height="20" rx="5" class="subnet-head-bg" />
                // The space after the CIDR is not drawn (it ends the line) but separates the
                // two texts where assistive technology joins them: "CIDR N free", as the
                // label starts (axe reads "172.31.0.0/204,091 free" without it).
                <text x={(r.x + 8).to_string()} y={(r.y + 14).to_string()} class="subnet-title">
                    { format!("{} ", s.cidr) }
                </text>
                <text x={(r.x + r.w).saturating_sub(32).to_string()} y={(r.y + 14).to_string()} text-anchor="end" class="subnet-free">
                    { format!("{} free", thousands(s.free)) }
                </text>
            </g>
            { svg_button((r.x + r.w).saturating_sub(24), r.y + 4, 20, if zoomed { "−" } else { "+" }, &zoom_label, zoom) }
            { for s.instances.iter().map(|b| instance(b, actions)) }
            { for s.booting.iter().map(|b| booting(b, now)) }
            if let Some(f) = &s.fargate {
                <rect x={f.rect.x.to_string()} y={f.rect.y.to_string()} width={f.rect.w.to_string()} height={f.rect.h.to_string()} rx="5" class="fargate-box" />
                <text x={(f.rect.x + 8).to_string()} y={(f.rect.y + 15).to_string()} class="fargate-title">{ format!("Fargate · {} task(s)", thousands(f.arrived)) }</text>
                if let Some(c) = &f.counts {
                    { counts(f.rect.x + 8, f.rect.y + 22, f.rect.w.saturating_sub(16), c) }
                }
            }
        </g>
    }
}

/// The pending lane: what starts, and what failed to (in words, with ECS's reason).
fn lane(l: &Lane) -> Html {
    let r = &l.rect;
    let title = if l.starting > 0 {
        format!(
            "Starting up (PROVISIONING / PENDING): {}",
            thousands(l.starting)
        )
    } else {
        "Starting up: none now".to_string()
    };
    html! {
        <g class="lane-group">
            <rect x="0" y="0" width={r.w.to_string()} height={r.h.to_string()} rx="6" class="lane" />
            <text x="8" y="15" class="lane-title">{ title }</text>
            if let Some(c) = &l.counts {
                { counts(8, 22, r.w.saturating_sub(16), c) }
            }
            { for l.failed.iter().map(|f| html! {
                <text x="8" y={f.y.to_string()} class="failed-line">
                    <title>{ &f.reason }</title>
                    { format!("✕ {} failed to start: {}", thousands(f.count), f.short) }
                </text>
            }) }
        </g>
    }
}

/// The box the drawing may take: the scroll box's width and its largest height.
fn measure(el: &web_sys::Element) -> Option<Fit> {
    let window = web_sys::window()?;
    let width = el.client_width();
    let max = window
        .get_computed_style(el)
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("max-height").ok())
        // Whole pixels are enough, and an integer parse keeps the float parser (and its
        // 10 KB table) out of the bundle.
        .and_then(|v| {
            v.trim_end_matches("px")
                .split('.')
                .next()?
                .parse::<u32>()
                .ok()
        })
        .or_else(|| Some((window.inner_height().ok()?.as_f64()? * 0.62) as u32))?;
    (width > 0).then_some(Fit {
        width: width as u32,
        height: max,
    })
}

/// A first guess at the panel's box from the window's size (the grid of style.css), so the
/// first frame is laid out nearly right before the panel can be measured.
fn guess() -> Fit {
    let (w, h) = web_sys::window()
        .map(|w| {
            let px = |v: Result<wasm_bindgen::JsValue, _>| {
                v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0)
            };
            (px(w.inner_width()), px(w.inner_height()))
        })
        .unwrap_or((1280.0, 720.0));
    let column = if w > 1000.0 {
        (w - 40.0) * 7.0 / 12.0 - 32.0
    } else {
        w - 60.0
    };
    Fit {
        width: column.max(200.0) as u32,
        height: (h - 160.0).max(260.0) as u32,
    }
}

#[function_component(ClusterPanel)]
pub fn cluster_panel(props: &Props) -> Html {
    let chosen = use_state(|| None::<String>);
    let zoom = use_state(|| Zoom::All);
    let fit = use_state(guess);
    let scroll = use_node_ref();
    let drawn = use_mut_ref(|| None::<Drawn>);
    // The panel's box, measured once mounted and whenever it changes size: with the window,
    // and with the page's layout (projector mode gives the drawing's column another share of
    // the page; the panels below it appear a frame later and may bring a scrollbar). A
    // ResizeObserver reports after layout, so reading the box there costs no extra layout
    // (not after every render: reading it then forces the browser to lay the page out).
    {
        let scroll = scroll.clone();
        let fit = fit.clone();
        use_effect_with((), move |_| {
            let scroll2 = scroll.clone();
            let fit2 = fit.clone();
            let remeasure = move || {
                if let Some(f) = scroll2
                    .cast::<web_sys::Element>()
                    .as_ref()
                    .and_then(measure)
                {
                    if f != *fit2 {
                        fit2.set(f);
                    }
                }
            };
            remeasure();
            let on_resize = remeasure.clone();
            let listener = web_sys::window()
                .map(|w| gloo::events::EventListener::new(&w, "resize", move |_| on_resize()));
            let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(remeasure);
            let observer = web_sys::ResizeObserver::new(wasm_bindgen::JsCast::unchecked_ref(
                callback.as_ref(),
            ))
            .ok();
            if let (Some(o), Some(el)) = (&observer, scroll.cast::<web_sys::Element>()) {
                o.observe(&el);
            }
            move || {
                drop(listener);
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(callback);
            }
        });
    }
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
        let zoom = zoom.clone();
        Callback::from(move |e: Event| {
            zoom.set(Zoom::All);
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
                <div class="cluster-scroll" ref={scroll}></div>
            </>
        };
    };
    let now = ws.session.sim.now();
    let view = {
        let mut drawn = drawn.borrow_mut();
        let revision = ws.world_revision();
        let d = match drawn.take() {
            Some(d)
                if d.cluster == name
                    && d.world_revision == revision
                    && d.fit == *fit
                    && d.zoom == *zoom
                    && d.view.redo_at.is_none_or(|at| now < at) =>
            {
                d
            }
            last => {
                // The memory carries over while the same cluster is shown.
                let mut memory = last
                    .filter(|d| d.cluster == name)
                    .map(|d| d.memory)
                    .unwrap_or_default();
                // The load balancers' band takes the top of the box.
                let below = super::alb_front::below_band(&ws.session, &name, *fit);
                let view = Rc::new(cluster_view_remembering(
                    &ws.session.sim,
                    &name,
                    &mut memory,
                    below,
                    &zoom,
                ));
                Drawn {
                    cluster: name.clone(),
                    world_revision: revision,
                    fit: *fit,
                    zoom: (*zoom).clone(),
                    view,
                    memory,
                }
            }
        };
        let view = d.view.clone();
        *drawn = Some(d);
        view
    };
    let on_zoom = {
        let zoom = zoom.clone();
        Callback::from(move |z: Zoom| zoom.set(z))
    };
    let zoom_words = match &view.zoom {
        Zoom::All => None,
        Zoom::Az(az) => Some(format!("showing {az} only")),
        Zoom::Subnet(id) => Some(format!("showing subnet {id} only")),
    };
    let empty = view.azs.is_empty() && view.lane.is_none();
    html! {
        <>
            <div class="panel-head">
                <h2 id="cluster-title">{ "Cluster " }</h2>
                <select onchange={on_cluster} aria-label="cluster shown">
                    { for clusters.iter().map(|c| html! { <option value={c.clone()} selected={*c == name}>{ c }</option> }) }
                </select>
                <span class="muted">{ format!("in {} · {} live task(s)", crate::model::catalog::REGION, thousands(view.live)) }</span>
                if let Some(words) = zoom_words {
                    <span class="zoomed">{ words }
                        <button class="mini" onclick={{ let z = on_zoom.clone(); Callback::from(move |_| z.emit(Zoom::All)) }}>{ "all AZs" }</button>
                    </span>
                }
                <span class="legend">
                    <span class="swatch phase-starting"></span>{ "starting" }
                    <span class="swatch phase-running"></span>{ "running" }
                    <span class="swatch phase-stopping"></span>{ "stopping" }
                    <span class="swatch failed"></span>{ "failed" }
                </span>
            </div>
            <div class="cluster-scroll" ref={scroll}>
                if empty {
                    <p class="hint cluster-empty">{ format!("Nothing runs in cluster {name} yet: its AZs appear here as instances register or tasks start.") }</p>
                } else {
                    <super::alb_front::AlbFront handle={props.handle.clone()} layout={Layout(view.clone())} per_chip={view.tasks.len() <= DOM_CHIPS}>
                        <ClusterSvg view={Layout(view.clone())} name={name.clone()} selected={props.selected.clone()}
                            actions={props.actions.clone()} now={if view.counts_down() { now } else { 0 }} {on_zoom} />
                    </super::alb_front::AlbFront>
                }
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
    /// The simulated time while something counts down, else 0 (so a tick redraws nothing).
    now: u64,
    on_zoom: Callback<Zoom>,
}

/// The drawing itself: a component, so a tick that changes nothing in the layout (the
/// common case once tasks are running) renders nothing.
#[function_component(ClusterSvg)]
fn cluster_svg(p: &SvgProps) -> Html {
    use_effect_with((), |_| super::mark("ecs:cluster-drawn"));
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
    let on_canvas = view.tasks.len() > DOM_CHIPS;
    let zoomed_az = matches!(view.zoom, Zoom::Az(_));
    let zoomed_subnet = matches!(view.zoom, Zoom::Subnet(_));
    html! {
        <div class="cluster-stage" style={format!("width: {}px; height: {}px", view.width, view.height)}>
            <svg class="cluster" width={view.width.to_string()} height={view.height.to_string()}
                viewBox={format!("0 0 {} {}", view.width, view.height)} role="group"
                aria-label={format!("cluster {}: {} live tasks", p.name, view.live)}
                {onclick} {onkeydown}>
                if let Some(l) = &view.lane {
                    { lane(l) }
                }
                { for view.azs.iter().map(|az| {
                    let zoom = {
                        let (on_zoom, name) = (p.on_zoom.clone(), az.name);
                        Callback::from(move |_: MouseEvent| on_zoom.emit(if zoomed_az { Zoom::All } else { Zoom::Az(name.to_string()) }))
                    };
                    let label = if zoomed_az { "show every AZ again".to_string() } else { format!("zoom into {}", az.name) };
                    html! {
                        <g class="az-col">
                            <rect x={az.rect.x.to_string()} y={az.rect.y.to_string()} width={az.rect.w.to_string()} height={az.rect.h.to_string()} rx="6" class="az-bg" />
                            <text x={(az.rect.x + 8).to_string()} y={(az.rect.y + 18).to_string()} class="az-title">{ az.name }</text>
                            { svg_button((az.rect.x + az.rect.w).saturating_sub(54), az.rect.y + 6, 48, if zoomed_az { "all AZs" } else { "zoom" }, &label, zoom) }
                            { for az.subnets.iter().map(|s| subnet(s, &p.actions, p.now, &p.on_zoom, zoomed_subnet)) }
                        </g>
                    }
                }) }
                { super::cluster_efs::layer(&view.efs) }
                if !on_canvas {
                    <ChipLayer layout={p.view.clone()} selected={p.selected.clone()} />
                }
            </svg>
            if on_canvas {
                <ChipCanvas layout={p.view.clone()} selected={p.selected.clone()} on_select={p.actions.select_task.clone()} />
            }
            { callout(view, p.selected.as_deref()) }
        </div>
    }
}
