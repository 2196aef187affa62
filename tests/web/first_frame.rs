//! The static first frame in index.html (src/viz/first_frame.rs) draws the demo's cluster as
//! the live view does: the same elements, attributes and texts, so the page does not change
//! when the app takes the frame's place (tests/first_frame.rs keeps index.html's frame the one
//! `viz::first_frame` writes; this holds that writer to the live view).

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Node};

use super::common::mount;
use super::{find, until};
use ecs_sandbox::viz::first_frame::FIT;

/// An element as text that does not depend on the order its attributes were set in:
/// its tag, its attributes sorted, then its children (text, and elements in turn).
fn canonical(e: &Element, out: &mut String) {
    out.push('<');
    out.push_str(&e.tag_name().to_lowercase());
    let names = e.get_attribute_names();
    let mut attrs: Vec<String> = (0..names.length())
        .filter_map(|i| names.get(i).as_string())
        .map(|n| format!(" {n}=\"{}\"", e.get_attribute(&n).unwrap_or_default()))
        .collect();
    attrs.sort();
    out.push_str(&attrs.concat());
    out.push('>');
    let kids = e.child_nodes();
    for i in 0..kids.length() {
        let Some(k) = kids.item(i) else { continue };
        match k.node_type() {
            Node::ELEMENT_NODE => canonical(k.unchecked_ref(), out),
            Node::TEXT_NODE => out.push_str(&k.text_content().unwrap_or_default()),
            _ => {}
        }
    }
    out.push_str("</>\n");
}

/// The frame's drawing as index.html holds it.
fn shipped_drawing() -> String {
    let html = include_str!("../../index.html");
    let start = html
        .find("<svg class=\"cluster\"")
        .expect("index.html draws a cluster");
    let end = start + html[start..].find("</svg>").expect("its end") + "</svg>".len();
    html[start..end].to_string()
}

#[wasm_bindgen_test]
async fn the_first_frame_draws_the_demo_as_the_live_view_does() {
    let (root, handle) = mount(&ecs_sandbox::ui::demo_script());
    super::page_styles();
    until(20_000.0, || {
        root.query_selector("svg.cluster").ok().flatten().is_some()
    })
    .await;
    // The panel's box the frame was laid out for.
    find(&root, ".cluster-scroll")
        .set_attribute(
            "style",
            &format!("width: {}px; max-height: {}px", FIT.width, FIT.height),
        )
        .expect("sized");
    until(5_000.0, || {
        root.query_selector("svg.cluster")
            .ok()
            .flatten()
            .and_then(|s| s.get_attribute("width"))
            == Some(FIT.width.to_string())
    })
    .await;
    yew::scheduler::flush().await;
    let live = find(&root, "svg.cluster");
    let holder = gloo::utils::document().create_element("div").expect("div");
    holder.set_inner_html(&shipped_drawing());
    let frame = find(&holder, "svg.cluster");
    let (mut want, mut got) = (String::new(), String::new());
    canonical(&live, &mut want);
    canonical(&frame, &mut got);
    assert!(
        want.contains("az-col") && want.contains("data-task"),
        "the live view draws the demo's cluster: {want}"
    );
    // The first difference, for the message (the whole drawing is long).
    let at = want
        .lines()
        .zip(got.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(want.lines().count().min(got.lines().count()));
    assert!(
        want == got,
        "index.html's first frame differs from the live drawing at element {at}:\n live: {}\nframe: {}",
        want.lines().nth(at).unwrap_or("(none)"),
        got.lines().nth(at).unwrap_or("(none)")
    );
    handle.destroy();
    root.remove();
}
