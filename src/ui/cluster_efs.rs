//! EFS in the cluster drawing (SVG): each mount target as a box in its subnet with its ID,
//! address and state (dashed while `creating`), and a dashed line from each mounting task, or
//! from an area's tasks with their count, to the mount target of its AZ (`viz::cluster::efs`).
//! The lines are decoration (hidden from assistive technology): each mount target's label
//! says how many tasks mount through it.

use yew::prelude::*;

use crate::viz::cluster::efs::{EfsLayer, MountLink, MountTargetMark};

/// The mount targets and the lines, drawn above the boxes and below the chips.
pub fn layer(l: &EfsLayer) -> Html {
    if l.mount_targets.is_empty() {
        return html! {};
    }
    html! {
        <g class="efs-layer">
            { for l.mount_targets.iter().map(mark) }
            <g class="efs-links" aria-hidden="true">{ for l.links.iter().map(link) }</g>
        </g>
    }
}

fn mark(m: &MountTargetMark) -> Html {
    let r = &m.rect;
    let label = m.label();
    let (px, py) = m.port();
    let fs = m.file_system_name.as_deref().unwrap_or(&m.file_system_id);
    html! {
        <g class={classes!("efs-mt", m.state)} role="img" aria-label={label.clone()} data-mount-target={m.id.clone()} data-subnet={m.subnet_id.clone()}>
            <title>{ label }</title>
            <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="4" class="efs-mt-box" />
            <circle cx={px.to_string()} cy={py.to_string()} r="4" class="efs-port" />
            <text x={(r.x + 18).to_string()} y={(r.y + 12).to_string()} class="efs-mt-id">{ format!("EFS {}", m.id) }</text>
            <text x={(r.x + 18).to_string()} y={(r.y + 25).to_string()} class="efs-mt-words">{ format!("{} · {} · {fs}", m.ip, m.state) }</text>
        </g>
    }
}

fn link(l: &MountLink) -> Html {
    let ((x1, y1), (x2, y2)) = (l.from, l.to);
    html! {
        <g class={classes!("efs-link", l.task.is_none().then_some("area"))} data-mount-target={l.mount_target.clone()}>
            <line x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()} />
            if l.task.is_none() {
                <text x={((x1 + x2) / 2 + 4).to_string()} y={((y1 + y2) / 2).to_string()} class="efs-count">{ format!("{} tasks", crate::viz::thousands(l.count)) }</text>
            }
        </g>
    }
}
