//! The page's static first frame: the demo cluster as the app first draws it, written into
//! index.html so that a first visit sees the drawing as soon as the HTML and CSS arrive, while
//! the WebAssembly is still fetched, compiled and started and the demo replayed (DESIGN.md
//! section 6: a first meaningful render within 300 ms of navigation). The app removes it when
//! it mounts (Yew empties the page's body) and draws its own before the browser paints again
//! (Yew renders in a microtask of the same task), so the two are never seen together.
//!
//! The drawing is not drawn by hand: the demo is replayed natively and laid out by the live
//! view's model, and its markup is `cluster::markup`. tests/first_frame.rs fails when
//! index.html holds another frame than [`page`] writes (and rewrites it with
//! `UPDATE_FIRST_FRAME=1`); tests/web/first_frame.rs compares the drawing with the live one.
//! The page around it (header, controls, welcome note, panel head) copies the app's markup
//! with the app's texts, so the page's CSS puts the drawing where the app will:
//! scripts/bench-browser reports how far the drawing moves when the app's replaces it.

use std::fmt::Write;

use crate::model::time::Instant;
use crate::viz::cluster::markup::{drawing, escape};
use crate::viz::cluster::{cluster_view_remembering, Fit, Memory, Zoom};
use crate::viz::scenario::{demo_script, Scenario};
use crate::viz::thousands;
use crate::viz::workspace::Replay;

/// The header's account line (the app's header shows the same).
pub const REGION_LINE: &str = "us-east-1 · account 123456789012";
/// The welcome note of a first visit's demo: its lead and the rest.
pub const INTRO_LEAD: &str = "A small ECS cluster is starting up.";
pub const INTRO_TEXT: &str = " Three EC2 container instances in three AZs take five bridge-mode tasks, and two Fargate tasks each get an ENI with a private IP from their subnet. Select a task to read why it went where it did; select a subnet to see its addresses. Every button runs a real AWS CLI line: the Console tab has them all.";

/// The box the frame's drawing is laid out for: the cluster panel's as the app measures it in
/// a 1366x768 window (its width, and the height style.css gives the drawing). In another
/// window the drawing is scaled down to the panel's width (static/cluster.css) until the app
/// lays it out for that window.
pub const FIT: Fit = Fit {
    width: 737,
    height: 608,
};

/// Where the frame sits in index.html.
pub const BEGIN: &str =
    "<!-- first-frame: written by tests/first_frame.rs (UPDATE_FIRST_FRAME=1); do not edit -->";
pub const END: &str = "<!-- /first-frame -->";

/// The demo's cluster drawing as the live view first draws it in a window of [`FIT`]: the
/// demo replayed, its first cluster laid out from a fresh memory (as the app's first render
/// does).
/// Also its number of live tasks and the simulated time.
pub fn demo_drawing() -> Option<(String, u32, u64)> {
    let scenario = Scenario::from_script(&demo_script()).ok()?;
    let mut replay = Replay::new(scenario);
    while !replay.step() {}
    let (ws, _) = replay.finish();
    let sim = &ws.session.sim;
    let name = sim.world.clusters.values().next()?.name.clone();
    let view = cluster_view_remembering(sim, &name, &mut Memory::default(), FIT, &Zoom::All);
    let now = if view.counts_down() { sim.now() } else { 0 };
    Some((drawing(&view, &name, now), view.live, sim.now()))
}

/// The frame: the page's header with its controls, the demo's welcome note and the cluster
/// panel with the demo's drawing, in the app's own classes (so the page's CSS lays it out
/// where the app will draw), inert (nothing in it answers yet). It carries the demo's script
/// (`data-scenario`): index.html's script drops the frame when the page opens another one.
pub fn page() -> String {
    let Some((svg, live, now)) = demo_drawing() else {
        return String::new();
    };
    // The header's clock, as the app's shows it.
    let clock = Instant(now)
        .iso_cli()
        .get(..19)
        .unwrap_or_default()
        .replace('T', " ");
    let demo = Scenario::from_script(&demo_script())
        .map(|s| s.to_script())
        .unwrap_or_default();
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<div class="app first-frame" id="first-frame" inert data-scenario="{}"><header class="topbar"><h1>ECS Sandbox</h1><span class="region">{}</span><button type="button" class="projector-toggle secondary">Projector mode</button><div class="controls"><div class="time" role="group" aria-label="simulated time"><button class="pause"><span aria-hidden="true">❚❚ </span>Pause</button><button>Step</button><label class="speed">Speed <select><option>1x</option></select></label><span class="clock">{}</span></div><div class="history" role="group" aria-label="history"><button>Undo</button><button disabled>Redo</button><button>Share / export</button></div></div></header><section class="notices" aria-label="notices"><div class="intro" role="note"><p><strong>{}</strong>{}</p><div class="row"><button>Got it</button><button class="secondary">Start with an empty account</button></div></div></section><main class="workspace"><div class="column-left"><section class="panel panel-cluster" aria-label="cluster"><div class="panel-head"><h2>Cluster </h2><select aria-label="cluster shown"><option>demo</option></select><span class="muted">in {} · {} live task(s)</span><span class="legend"><span class="swatch phase-starting"></span>starting<span class="swatch phase-running"></span>running<span class="swatch phase-stopping"></span>stopping<span class="swatch failed"></span>failed</span></div><div class="cluster-scroll"><div class="cluster-stage">{svg}</div></div></section></div><div class="column-right panel"></div></main></div>"#,
        escape(&demo),
        escape(REGION_LINE),
        clock,
        escape(INTRO_LEAD),
        escape(INTRO_TEXT),
        crate::model::catalog::REGION,
        thousands(live),
    );
    o
}

/// `html` with the frame between [`BEGIN`] and [`END`] replaced by `frame`; None when the
/// markers are missing.
pub fn with_frame(html: &str, frame: &str) -> Option<String> {
    let start = html.find(BEGIN)? + BEGIN.len();
    let end = start + html[start..].find(END)?;
    Some(format!(
        "{}\n    {frame}\n    {}",
        &html[..start],
        &html[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_draws_the_demo_cluster() {
        let p = page();
        assert!(p.contains(r#"<svg class="cluster""#), "{p}");
        assert_eq!(p.matches(r#"<g class="az-col">"#).count(), 3, "{p}");
        // Its seven tasks, starting up.
        assert_eq!(p.matches("data-task=").count(), 7, "{p}");
        assert!(p.contains("7 live task(s)"), "{p}");
    }

    #[test]
    fn the_frame_goes_between_its_markers() {
        let html = format!("<body>\n{BEGIN}\nold\n{END}\n</body>");
        let out = with_frame(&html, "new").unwrap();
        assert!(out.contains("new") && !out.contains("old"), "{out}");
        assert_eq!(with_frame(&out, "again").unwrap().matches(END).count(), 1);
        assert_eq!(with_frame("<body></body>", "x"), None);
    }
}
