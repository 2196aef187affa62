//! The task chips of the cluster drawing, kept in the DOM by hand rather than by Yew's diff.
//!
//! Why by hand: a chip per task was first a Yew component in a keyed list. When tasks leave
//! from the middle of that list (a service scaling in, a stop of many tasks), Yew re-threads
//! every chip after the first gap, and with 2,000 tasks a frame took 50-100 ms in headless
//! Chromium (tests/frame_bench.rs). Here a frame touches only the chips that changed: one is
//! created when its task appears, its class, position or tooltip set when they change, and it
//! is removed when its task is gone. Everything else in the drawing is still Yew's.
//!
//! Clicks and keys are handled once by the drawing (the chip carries `data-task`).

use std::collections::HashMap;
use std::rc::Rc;

use web_sys::{Document, Element};
use yew::prelude::*;

use crate::viz::cluster::{ClusterView, TaskChip};

const SVG: &str = "http://www.w3.org/2000/svg";

/// A layout, compared by identity: it is only laid out again when the world changed.
#[derive(Clone)]
pub struct Layout(pub Rc<ClusterView>);

impl PartialEq for Layout {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub layout: Layout,
    pub selected: Option<String>,
}

/// A chip in the DOM and what it shows.
struct Drawn {
    g: Element,
    title: Element,
    rect: Element,
    chip: Rc<TaskChip>,
    selected: bool,
    /// The last sync that saw its task.
    seen: u64,
}

/// The chips in the DOM by task ID (a hash map: only looked up, never listed in order).
#[derive(Default)]
struct Chips {
    drawn: HashMap<String, Drawn>,
    sync: u64,
}

#[function_component(ChipLayer)]
pub fn chip_layer(p: &Props) -> Html {
    let layer = use_node_ref();
    let chips = use_mut_ref(Chips::default);
    {
        let layer = layer.clone();
        use_effect_with(
            (p.layout.clone(), p.selected.clone()),
            move |(layout, selected)| {
                if let Some(g) = layer.cast::<Element>() {
                    chips.borrow_mut().sync(&g, &layout.0, selected.as_deref());
                }
            },
        );
    }
    html! { <g class="chips" ref={layer} /> }
}

fn class_of(t: &TaskChip, selected: bool) -> String {
    let mut c = format!("task {}", t.phase.class());
    if t.failed.is_some() {
        c.push_str(" failed");
    }
    if selected {
        c.push_str(" selected");
    }
    c
}

fn transform_of(t: &TaskChip) -> String {
    format!("transform: translate({}px, {}px)", t.x, t.y)
}

fn svg(doc: &Document, name: &str, attrs: &[(&str, &str)]) -> Option<Element> {
    let e = doc.create_element_ns(Some(SVG), name).ok()?;
    for (k, v) in attrs {
        e.set_attribute(k, v).ok()?;
    }
    Some(e)
}

/// A new chip: `<g class="task ..." data-task=ID tabindex=0 role=button>` with its tooltip,
/// its square and a mark: a cross when it failed to start, else a dot on Fargate (both only
/// on chips large enough to carry them).
fn create(doc: &Document, t: &TaskChip, selected: bool) -> Option<(Element, Element, Element)> {
    let size = t.size.to_string();
    let g = svg(
        doc,
        "g",
        &[
            ("class", &class_of(t, selected)),
            ("style", &transform_of(t)),
            ("data-task", &t.id),
            ("tabindex", "0"),
            ("role", "button"),
        ],
    )?;
    let title = svg(doc, "title", &[])?;
    title.set_text_content(Some(&t.label()));
    g.append_child(&title).ok()?;
    let rect = svg(
        doc,
        "rect",
        &[("width", &size), ("height", &size), ("rx", "3")],
    )?;
    g.append_child(&rect).ok()?;
    let s = t.size;
    if s >= 7 && t.failed.is_some() {
        let (a, b) = (2, s.saturating_sub(2));
        let d = format!("M{a} {a}L{b} {b}M{b} {a}L{a} {b}");
        let mark = svg(doc, "path", &[("d", &d), ("class", "failed-mark")])?;
        g.append_child(&mark).ok()?;
    } else if s >= 7 && t.launch_type.is_fargate() {
        let half = (f64::from(s) / 2.0).to_string();
        let r = format!("{:.1}", f64::from(s) * 0.18);
        let dot = svg(
            doc,
            "circle",
            &[
                ("cx", &half),
                ("cy", &half),
                ("r", &r),
                ("class", "fargate-dot"),
            ],
        )?;
        g.append_child(&dot).ok()?;
    }
    Some((g, title, rect))
}

impl Chips {
    /// Brings the layer's chips to `view`: creates, updates and removes only what changed.
    fn sync(&mut self, layer: &Element, view: &ClusterView, selected: Option<&str>) {
        let Some(doc) = layer.owner_document() else {
            return;
        };
        self.sync += 1;
        let now = self.sync;
        for t in &view.tasks {
            let sel = selected == Some(t.id.as_str());
            // A chip whose mark changes (it failed, or grew or shrank past the size that
            // carries one) is drawn afresh.
            let remark = |d: &Drawn| {
                d.chip.failed.is_some() != t.failed.is_some() || (d.chip.size >= 7) != (t.size >= 7)
            };
            if self.drawn.get(&t.id).is_some_and(remark) {
                if let Some(d) = self.drawn.remove(&t.id) {
                    d.g.remove();
                }
            }
            match self.drawn.get_mut(&t.id) {
                Some(d) => {
                    d.seen = now;
                    if d.selected == sel && (Rc::ptr_eq(&d.chip, t) || d.chip == *t) {
                        continue;
                    }
                    if d.selected != sel || d.chip.phase != t.phase {
                        let _ = d.g.set_attribute("class", &class_of(t, sel));
                    }
                    if (d.chip.x, d.chip.y) != (t.x, t.y) {
                        let _ = d.g.set_attribute("style", &transform_of(t));
                    }
                    if d.chip.size != t.size {
                        let size = t.size.to_string();
                        let _ = d.rect.set_attribute("width", &size);
                        let _ = d.rect.set_attribute("height", &size);
                    }
                    if d.chip.status != t.status || d.chip.ip != t.ip || d.chip.eni_id != t.eni_id {
                        d.title.set_text_content(Some(&t.label()));
                    }
                    d.chip = t.clone();
                    d.selected = sel;
                }
                None => {
                    if let Some((g, title, rect)) = create(&doc, t, sel) {
                        if layer.append_child(&g).is_ok() {
                            self.drawn.insert(
                                t.id.clone(),
                                Drawn {
                                    g,
                                    title,
                                    rect,
                                    chip: t.clone(),
                                    selected: sel,
                                    seen: now,
                                },
                            );
                        }
                    }
                }
            }
        }
        self.drawn.retain(|_, d| {
            let live = d.seen == now;
            if !live {
                d.g.remove();
            }
            live
        });
    }
}
