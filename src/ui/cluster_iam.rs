//! IAM drawn in the cluster view (`viz::cluster::iam`): an instance's role as a badge on its
//! card's status line, and a booting instance's words in lines ("never joined" and why, the
//! full reason in its tooltip).

use yew::prelude::*;

use crate::viz::cluster::iam::{boot_lines, LINE_H};
use crate::viz::cluster::{BootingBox, InstanceBox};

/// The instance role's badge (nothing when the card has no room for one).
pub fn role_badge(b: &InstanceBox) -> Html {
    let Some(badge) = &b.role else {
        return html! {};
    };
    let (x, y) = (b.rect.x + badge.x, b.rect.y + 19);
    html! {
        <g class={classes!("role-badge", badge.missing.then_some("missing"))}>
            <title>{ &badge.full }</title>
            <rect x={x.to_string()} y={y.to_string()} width={badge.w.to_string()} height="12" rx="6" />
            <text x={(x + 4).to_string()} y={(y + 9).to_string()} textLength={badge.text_w.to_string()}
                lengthAdjust="spacingAndGlyphs">{ &badge.text }</text>
        </g>
    }
}

/// A booting instance's words under its name, one text per line.
pub fn boot_words(b: &BootingBox, now: u64) -> Html {
    let r = &b.rect;
    html! {
        { for boot_lines(&b.boot, now, r.w).into_iter().enumerate().map(|(i, l)| html! {
            <text x={(r.x + 8).to_string()} y={(r.y + 28 + i as u32 * LINE_H).to_string()} class="booting-words">{ l }</text>
        }) }
    }
}
