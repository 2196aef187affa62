//! The cluster drawing as SVG markup (a string), for the page's static first frame: the demo's
//! drawing is written into index.html (`viz::first_frame`), so a visitor sees the cluster
//! while the WebAssembly still loads, then the live view (src/ui/cluster.rs and chips.rs)
//! takes its place.
//!
//! It writes the same elements, attributes and texts as the live view, without its event
//! handlers: a browser test (tests/web/first_frame.rs) compares the two, element by element,
//! so a change to one that the other does not follow fails there.

use std::fmt::Write;

use super::{BootingBox, ClusterView, Counts, InstanceBox, Lane, SubnetBox, TaskChip, Zoom};
use crate::viz::thousands;

/// Text or an attribute value, escaped for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The drawing of `view` (cluster `name`; `now` is the simulated time, for booting
/// instances' countdowns): the `<svg class="cluster">` element with its chips, as the live
/// view draws it when its chips are SVG elements (up to `ui::cluster::DOM_CHIPS` of them).
pub fn drawing(view: &ClusterView, name: &str, now: u64) -> String {
    let mut o = String::new();
    let (w, h) = (view.width, view.height);
    let _ = write!(
        o,
        r#"<svg class="cluster" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="group" aria-label="{}">"#,
        escape(&format!("cluster {name}: {} live tasks", view.live))
    );
    if let Some(l) = &view.lane {
        lane(&mut o, l);
    }
    let zoomed_az = matches!(view.zoom, Zoom::Az(_));
    let zoomed_subnet = matches!(view.zoom, Zoom::Subnet(_));
    for az in &view.azs {
        let r = &az.rect;
        let label = if zoomed_az {
            "show every AZ again".to_string()
        } else {
            format!("zoom into {}", az.name)
        };
        let _ = write!(
            o,
            r#"<g class="az-col"><rect x="{}" y="{}" width="{}" height="{}" rx="6" class="az-bg"></rect><text x="{}" y="{}" class="az-title">{}</text>"#,
            r.x,
            r.y,
            r.w,
            r.h,
            r.x + 8,
            r.y + 18,
            escape(az.name)
        );
        button(
            &mut o,
            (r.x + r.w).saturating_sub(54),
            r.y + 6,
            48,
            if zoomed_az { "all AZs" } else { "zoom" },
            &label,
        );
        for s in &az.subnets {
            subnet(&mut o, s, now, zoomed_subnet);
        }
        o.push_str("</g>");
    }
    o.push_str(r#"<g class="chips">"#);
    for t in &view.tasks {
        chip(&mut o, t);
    }
    o.push_str("</g></svg>");
    o
}

fn bar(o: &mut String, x: u32, y: u32, w: u32, used: u32, total: u32, label: &str) {
    let frac = if total == 0 {
        0.0
    } else {
        f64::from(used.min(total)) / f64::from(total)
    };
    let fill = (f64::from(w) * frac).round() as u32;
    let _ = write!(
        o,
        r#"<g class="bar"><rect x="{x}" y="{y}" width="{w}" height="6" rx="2" class="bar-bg"></rect><rect x="{x}" y="{y}" width="{fill}" height="6" rx="2" class="bar-fill"></rect><text x="{}" y="{}" class="bar-label">{}</text></g>"#,
        x + w + 4,
        y + 6,
        escape(label)
    );
}

fn button(o: &mut String, x: u32, y: u32, w: u32, text: &str, label: &str) {
    let label = escape(label);
    let _ = write!(
        o,
        r#"<g class="svg-button" role="button" tabindex="0" aria-label="{label}"><title>{label}</title><rect x="{x}" y="{y}" width="{w}" height="12" rx="3"></rect><text x="{}" y="{}" text-anchor="middle">{}</text></g>"#,
        x + w / 2,
        y + 9,
        escape(text)
    );
}

fn pct((used, total): (u32, u32)) -> u32 {
    (used * 100).checked_div(total).unwrap_or(0)
}

/// The instance role's badge on its card, as ui::cluster_iam draws it.
fn role_badge(o: &mut String, b: &InstanceBox) {
    let Some(badge) = &b.role else {
        return;
    };
    let (x, y) = (b.rect.x + badge.x, b.rect.y + 19);
    let _ = write!(
        o,
        r#"<g class="role-badge{}"><title>{}</title><rect x="{x}" y="{y}" width="{}" height="12" rx="6"></rect><text x="{}" y="{}" textLength="{}" lengthAdjust="spacingAndGlyphs">{}</text></g>"#,
        if badge.missing { " missing" } else { "" },
        escape(&badge.full),
        badge.w,
        x + 4,
        y + 9,
        badge.text_w,
        escape(&badge.text)
    );
}

fn instance(o: &mut String, b: &InstanceBox) {
    let r = &b.rect;
    let inner = r.w.saturating_sub(82);
    let title = escape(&format!(
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
    ));
    let mut class = String::from("instance");
    if b.status != "ACTIVE" {
        class.push_str(" inactive");
    }
    if !b.agent_connected {
        class.push_str(" disconnected");
    }
    let warn = if b.status != "ACTIVE" || !b.agent_connected {
        " warn"
    } else {
        ""
    };
    let _ = write!(
        o,
        r#"<g class="{class}" role="group" aria-label="{title}"><title>{title}</title><rect x="{}" y="{}" width="{}" height="{}" rx="5" class="instance-box"></rect><text x="{}" y="{}" class="instance-name">{}</text><text x="{}" y="{}" class="instance-status{warn}">{}</text>"#,
        r.x,
        r.y,
        r.w,
        r.h,
        r.x + 8,
        r.y + 15,
        escape(&b.ec2_instance_id),
        r.x + 8,
        r.y + 28,
        escape(&b.status_line())
    );
    role_badge(o, b);
    bar(
        o,
        r.x + 8,
        r.y + 34,
        inner,
        b.cpu.0,
        b.cpu.1,
        &format!("CPU {}%", pct(b.cpu)),
    );
    bar(
        o,
        r.x + 8,
        r.y + 44,
        inner,
        b.memory.0,
        b.memory.1,
        &format!("mem {}%", pct(b.memory)),
    );
    bar(
        o,
        r.x + 8,
        r.y + 54,
        inner,
        b.eni.0,
        b.eni.1,
        &format!(
            "ENI {}/{}{}",
            b.eni.0,
            b.eni.1,
            if b.trunked { "T" } else { "" }
        ),
    );
    if let Some(c) = &b.counts {
        counts(o, r.x + 8, r.y + 64, r.w.saturating_sub(16), c);
    }
    let draining = b.status == "DRAINING";
    button(
        o,
        r.x + r.w - 74,
        r.y + 5,
        44,
        if draining { "activate" } else { "drain" },
        &format!(
            "{} {}",
            if draining { "set ACTIVE:" } else { "drain:" },
            b.ec2_instance_id
        ),
    );
    button(
        o,
        r.x + r.w - 26,
        r.y + 5,
        20,
        "✕",
        &format!("terminate {}", b.ec2_instance_id),
    );
    o.push_str("</g>");
}

fn counts(o: &mut String, x: u32, y: u32, w: u32, c: &Counts) {
    let total = c.total().max(1);
    let mut at = x;
    let parts = [
        (c.starting, "phase-starting", "starting"),
        (c.running, "phase-running", "running"),
        (c.stopping, "phase-stopping", "stopping"),
    ];
    let _ = write!(o, r#"<g class="counts" data-count="{}">"#, c.total());
    let mut words = Vec::new();
    for (n, class, word) in parts.iter().filter(|p| p.0 > 0) {
        let seg = (u64::from(w) * u64::from(*n) / u64::from(total)) as u32;
        let _ = write!(
            o,
            r#"<rect x="{at}" y="{y}" width="{}" height="8" class="count-bar {class}"></rect>"#,
            seg.max(1)
        );
        at += seg;
        words.push(format!("{} {word}", thousands(*n)));
    }
    let _ = write!(
        o,
        r#"<text x="{x}" y="{}" class="count-words">{}</text></g>"#,
        y + 20,
        escape(&words.join(" · "))
    );
}

fn booting(o: &mut String, b: &BootingBox, now: u64) {
    let r = &b.rect;
    let words = b.boot.words(now);
    let waiting = matches!(b.boot, super::Boot::AgentWaiting { .. });
    let title = escape(&format!(
        "{} ({}): {words}",
        b.ec2_instance_id, b.instance_type
    ));
    let _ = write!(
        o,
        r#"<g class="booting{}" role="group" aria-label="{title}"><title>{title}</title><rect x="{}" y="{}" width="{}" height="{}" rx="5" class="booting-box"></rect><text x="{}" y="{}" class="instance-name">{}</text><text x="{}" y="{}" class="booting-words">{}</text></g>"#,
        if waiting { " warn" } else { "" },
        r.x,
        r.y,
        r.w,
        r.h,
        r.x + 8,
        r.y + 14,
        escape(&format!("{} · {}", b.ec2_instance_id, b.instance_type)),
        r.x + 8,
        r.y + 28,
        escape(&words)
    );
}

fn subnet(o: &mut String, s: &SubnetBox, now: u64, zoomed: bool) {
    let r = &s.rect;
    let label = escape(&format!(
        "{} {} free: subnet {}; show its IP map",
        s.cidr,
        thousands(s.free),
        s.id
    ));
    let zoom_label = if zoomed {
        "show every AZ again".to_string()
    } else {
        format!("zoom into subnet {} ({})", s.id, s.cidr)
    };
    let _ = write!(
        o,
        r#"<g class="subnet-box" data-subnet="{}"><rect x="{}" y="{}" width="{}" height="{}" rx="5" class="subnet-bg"></rect><g class="subnet-head" role="button" tabindex="0" aria-label="{label}"><title>{label}</title><rect x="{}" y="{}" width="{}" height="20" rx="5" class="subnet-head-bg"></rect><text x="{}" y="{}" class="subnet-title">{} </text><text x="{}" y="{}" text-anchor="end" class="subnet-free">{} free</text></g>"#,
        escape(&s.id),
        r.x,
        r.y,
        r.w,
        r.h,
        r.x,
        r.y,
        r.w.saturating_sub(26),
        r.x + 8,
        r.y + 14,
        escape(&s.cidr),
        (r.x + r.w).saturating_sub(32),
        r.y + 14,
        thousands(s.free)
    );
    button(
        o,
        (r.x + r.w).saturating_sub(24),
        r.y + 4,
        20,
        if zoomed { "−" } else { "+" },
        &zoom_label,
    );
    for b in &s.instances {
        instance(o, b);
    }
    for b in &s.booting {
        booting(o, b, now);
    }
    if let Some(f) = &s.fargate {
        let r = &f.rect;
        let _ = write!(
            o,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="5" class="fargate-box"></rect><text x="{}" y="{}" class="fargate-title">Fargate · {} task(s)</text>"#,
            r.x,
            r.y,
            r.w,
            r.h,
            r.x + 8,
            r.y + 15,
            thousands(f.arrived)
        );
        if let Some(c) = &f.counts {
            counts(o, r.x + 8, r.y + 22, r.w.saturating_sub(16), c);
        }
    }
    o.push_str("</g>");
}

fn lane(o: &mut String, l: &Lane) {
    let title = if l.starting > 0 {
        format!(
            "Starting up (PROVISIONING / PENDING): {}",
            thousands(l.starting)
        )
    } else {
        "Starting up: none now".to_string()
    };
    let _ = write!(
        o,
        r#"<g class="lane-group"><rect x="0" y="0" width="{}" height="{}" rx="6" class="lane"></rect><text x="8" y="15" class="lane-title">{}</text>"#,
        l.rect.w,
        l.rect.h,
        escape(&title)
    );
    if let Some(c) = &l.counts {
        counts(o, 8, 22, l.rect.w.saturating_sub(16), c);
    }
    for f in &l.failed {
        let _ = write!(
            o,
            r#"<text x="8" y="{}" class="failed-line"><title>{}</title>{}</text>"#,
            f.y,
            escape(&f.reason),
            escape(&format!(
                "✕ {} failed to start: {}",
                thousands(f.count),
                f.short
            ))
        );
    }
    o.push_str("</g>");
}

/// A task's chip as `ui::chips` creates it.
fn chip(o: &mut String, t: &TaskChip) {
    let mut class = format!("task {}", t.phase.class());
    if t.failed.is_some() {
        class.push_str(" failed");
    }
    let s = t.size;
    let _ = write!(
        o,
        r#"<g class="{class}" style="transform: translate({}px, {}px)" data-task="{}" tabindex="0" role="button"><title>{}</title><rect width="{s}" height="{s}" rx="3"></rect>"#,
        t.x,
        t.y,
        escape(&t.id),
        escape(&t.label())
    );
    if s >= 7 && t.failed.is_some() {
        let (a, b) = (2, s.saturating_sub(2));
        let _ = write!(
            o,
            r#"<path d="M{a} {a}L{b} {b}M{b} {a}L{a} {b}" class="failed-mark"></path>"#
        );
    } else if s >= 7 && t.launch_type.is_fargate() {
        let _ = write!(
            o,
            r#"<circle cx="{}" cy="{}" r="{:.1}" class="fargate-dot"></circle>"#,
            f64::from(s) / 2.0,
            f64::from(s) / 2.0,
            f64::from(s) * 0.18
        );
    }
    o.push_str("</g>");
}
