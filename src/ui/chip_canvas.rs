//! The task chips of a dense cluster drawing, painted on one canvas laid over the SVG.
//!
//! Why a canvas: with thousands of tasks, a chip per SVG element cost the browser far more
//! than the layout did. Every chip that moved started a CSS transition, and restyling and
//! repainting 2,000 moving SVG elements made frames of 300-800 ms at 60x
//! (scripts/bench-browser). Painting 2,000 squares on a canvas takes a millisecond or two, so
//! here the movement is animated by hand, each chip gliding from where it was drawn to its
//! new place, and only while something moves. Below a few hundred chips the drawing keeps
//! its SVG chips (`chips.rs`), which can be focused one by one; here a click or a pointer
//! finds the chip under it (select, tooltip), and zooming into an AZ or subnet brings the
//! keyboard's chips back.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo::render::{request_animation_frame, AnimationFrame};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use super::chips::Layout;
use crate::viz::cluster::TaskChip;
use crate::viz::palette::Phase;

/// How long a chip takes to glide to its new place (as the SVG chips' CSS transition).
const GLIDE_MS: f64 = 600.0;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub layout: Layout,
    pub selected: Option<String>,
    pub on_select: Callback<Option<String>>,
}

/// A chip as painted: where it glides from and to, since when.
struct Glide {
    chip: Rc<TaskChip>,
    from: (f64, f64, f64),
    start: f64,
    seen: u64,
}

impl Glide {
    fn to(&self) -> (f64, f64, f64) {
        let c = &self.chip;
        (f64::from(c.x), f64::from(c.y), f64::from(c.size))
    }

    /// Where it is at `now` (eased), and whether it still moves.
    fn at(&self, now: f64) -> ((f64, f64, f64), bool) {
        let to = self.to();
        let t = ((now - self.start) / GLIDE_MS).clamp(0.0, 1.0);
        if t >= 1.0 {
            return (to, false);
        }
        let e = t * t * (3.0 - 2.0 * t);
        let mix = |a: f64, b: f64| a + (b - a) * e;
        (
            (
                mix(self.from.0, to.0),
                mix(self.from.1, to.1),
                mix(self.from.2, to.2),
            ),
            true,
        )
    }
}

/// Which chips a paint pass fills.
type Which = fn(&TaskChip) -> bool;

#[derive(Default)]
struct Painter {
    glides: HashMap<String, Glide>,
    sync: u64,
    selected: Option<String>,
    size: (u32, u32),
    frame: Option<AnimationFrame>,
    motion: bool,
    /// Read from the stylesheet when a layout comes, not on every frame (reading computed
    /// style forces the browser to restyle first: 90 ms frames while chips glided).
    colours: Option<Colours>,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The colours the stylesheet gives each state (so projector mode and high contrast reach
/// the canvas too).
struct Colours {
    starting: String,
    running: String,
    stopping: String,
    failed: String,
    ink: String,
}

fn colours(canvas: &HtmlCanvasElement) -> Colours {
    let style = web_sys::window().and_then(|w| w.get_computed_style(canvas).ok().flatten());
    let read = |name: &str, fallback: &str| {
        style
            .as_ref()
            .and_then(|s| s.get_property_value(name).ok())
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| fallback.to_string())
    };
    Colours {
        starting: read("--starting", Phase::Starting.colour()),
        running: read("--running", Phase::Running.colour()),
        stopping: read("--stopping", Phase::Stopping.colour()),
        failed: read("--failed", "#c0392b"),
        ink: read("--ink", "#1d2733"),
    }
}

impl Painter {
    /// Takes a new layout: chips that moved glide from where they are now.
    fn sync(&mut self, tasks: &[Rc<TaskChip>], selected: Option<String>) {
        let now = now_ms();
        self.sync += 1;
        let seen = self.sync;
        for t in tasks {
            match self.glides.get_mut(&t.id) {
                Some(g) => {
                    if !Rc::ptr_eq(&g.chip, t) {
                        let (pos, _) = g.at(now);
                        if (t.x, t.y, t.size) != (g.chip.x, g.chip.y, g.chip.size) {
                            g.from = pos;
                            g.start = if self.motion { now } else { 0.0 };
                        }
                        g.chip = t.clone();
                    }
                    g.seen = seen;
                }
                None => {
                    let to = (f64::from(t.x), f64::from(t.y), f64::from(t.size));
                    self.glides.insert(
                        t.id.clone(),
                        Glide {
                            chip: t.clone(),
                            from: to,
                            start: 0.0,
                            seen,
                        },
                    );
                }
            }
        }
        self.glides.retain(|_, g| g.seen == seen);
        self.selected = selected;
    }

    /// Paints every chip where it is now; returns whether any still moves.
    fn paint(&self, canvas: &HtmlCanvasElement) -> bool {
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        else {
            return false;
        };
        let ratio = web_sys::window()
            .map_or(1.0, |w| w.device_pixel_ratio())
            .max(1.0);
        let _ = ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
        ctx.clear_rect(0.0, 0.0, f64::from(self.size.0), f64::from(self.size.1));
        let Some(c) = self.colours.as_ref() else {
            return false;
        };
        let now = now_ms();
        let mut moving = false;
        // One fill colour at a time: four passes are cheaper than changing it per chip.
        let passes: [(&str, Which); 4] = [
            (&c.starting, |t| {
                t.failed.is_none() && t.phase == Phase::Starting
            }),
            (&c.running, |t| {
                t.failed.is_none() && t.phase == Phase::Running
            }),
            (&c.stopping, |t| {
                t.failed.is_none() && !matches!(t.phase, Phase::Starting | Phase::Running)
            }),
            (&c.failed, |t| t.failed.is_some()),
        ];
        for (colour, which) in passes {
            ctx.set_fill_style_str(colour);
            for g in self.glides.values().filter(|g| which(&g.chip)) {
                let ((x, y, s), m) = g.at(now);
                moving |= m;
                ctx.fill_rect(x, y, s, s);
            }
        }
        // Marks on chips large enough to carry them: a cross on a failed one, a dot on
        // Fargate (as the SVG chips), and the selected one's outline.
        ctx.set_stroke_style_str("#fff");
        ctx.set_fill_style_str("#fff");
        for g in self.glides.values() {
            let ((x, y, s), _) = g.at(now);
            if s < 7.0 {
                continue;
            }
            if g.chip.failed.is_some() {
                ctx.begin_path();
                ctx.set_line_width(1.5);
                ctx.move_to(x + 2.0, y + 2.0);
                ctx.line_to(x + s - 2.0, y + s - 2.0);
                ctx.move_to(x + s - 2.0, y + 2.0);
                ctx.line_to(x + 2.0, y + s - 2.0);
                ctx.stroke();
            } else if g.chip.launch_type.is_fargate() {
                ctx.begin_path();
                let _ = ctx.arc(
                    x + s / 2.0,
                    y + s / 2.0,
                    s * 0.18,
                    0.0,
                    std::f64::consts::TAU,
                );
                ctx.fill();
            }
        }
        if let Some(g) = self.selected.as_ref().and_then(|id| self.glides.get(id)) {
            let ((x, y, s), _) = g.at(now);
            ctx.set_stroke_style_str(&c.ink);
            ctx.set_line_width(2.0);
            ctx.stroke_rect(x - 1.5, y - 1.5, s + 3.0, s + 3.0);
        }
        moving
    }

    /// The chip under a point of the drawing.
    fn hit(&self, x: f64, y: f64) -> Option<&Rc<TaskChip>> {
        self.glides.values().map(|g| &g.chip).find(|c| {
            let (cx, cy, s) = (f64::from(c.x), f64::from(c.y), f64::from(c.size.max(4)));
            x >= cx - 1.0 && x <= cx + s + 1.0 && y >= cy - 1.0 && y <= cy + s + 1.0
        })
    }
}

/// Paints now and, while chips glide, on every animation frame until they stop.
fn animate(painter: Rc<RefCell<Painter>>, canvas: HtmlCanvasElement) {
    let moving = painter.borrow().paint(&canvas);
    let next = moving.then(|| {
        let painter = painter.clone();
        request_animation_frame(move |_| animate(painter, canvas))
    });
    painter.borrow_mut().frame = next;
}

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

#[function_component(ChipCanvas)]
pub fn chip_canvas(p: &Props) -> Html {
    let canvas = use_node_ref();
    let painter = use_mut_ref(|| Painter {
        motion: !reduced_motion(),
        ..Painter::default()
    });
    let view = &*p.layout.0;
    let (w, h) = (view.width, view.height);
    {
        let canvas = canvas.clone();
        let painter = painter.clone();
        use_effect_with(
            (p.layout.clone(), p.selected.clone()),
            move |(layout, selected)| {
                if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                    let view = &*layout.0;
                    let ratio = web_sys::window()
                        .map_or(1.0, |w| w.device_pixel_ratio())
                        .max(1.0);
                    let size = (view.width, view.height);
                    {
                        let mut pt = painter.borrow_mut();
                        if pt.size != size {
                            c.set_width((f64::from(size.0) * ratio) as u32);
                            c.set_height((f64::from(size.1) * ratio) as u32);
                            pt.size = size;
                        }
                        pt.sync(&view.tasks, selected.clone());
                        pt.colours = Some(colours(&c));
                        pt.frame = None;
                    }
                    animate(painter, c);
                }
            },
        );
    }
    let at = |e: &MouseEvent| (f64::from(e.offset_x()), f64::from(e.offset_y()));
    let onclick = {
        let painter = painter.clone();
        let select = p.on_select.clone();
        Callback::from(move |e: MouseEvent| {
            let (x, y) = at(&e);
            if let Some(t) = painter.borrow().hit(x, y) {
                select.emit(Some(t.id.clone()));
            }
        })
    };
    let onmousemove = {
        let painter = painter.clone();
        Callback::from(move |e: MouseEvent| {
            let (x, y) = at(&e);
            let label = painter.borrow().hit(x, y).map(|t| t.label());
            if let Some(c) = e.target_dyn_into::<web_sys::Element>() {
                let _ = match label {
                    Some(l) => c.set_attribute("title", &l),
                    None => c.remove_attribute("title"),
                };
            }
        })
    };
    html! {
        <canvas ref={canvas} class="chip-canvas" data-count={view.tasks.len().to_string()}
            style={format!("width: {w}px; height: {h}px")}
            role="img"
            aria-label={format!("{} task chips; zoom into an AZ or a subnet to reach them one by one", view.tasks.len())}
            {onclick} {onmousemove} />
    }
}
