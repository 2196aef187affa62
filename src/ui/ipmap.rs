//! A subnet's IP map: every address as a cell, coloured by what holds it, drawn on a canvas
//! (a /16 is 65,536 cells). Hovering a cell names the address and its holder.

use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use yew::prelude::*;

use super::{Actions, Handle};
use crate::viz::ip_map::{ip_map, HolderKind, IpMap};
use crate::viz::palette::{holder_colour, HOLDER_LEGEND};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
    pub subnet: String,
    pub actions: Actions,
}

/// Cells per row and the cell size for a block of `size` addresses.
fn geometry(size: u32) -> (u32, u32) {
    match size {
        0..=64 => (16, 22),
        65..=256 => (32, 14),
        257..=1024 => (64, 7),
        1025..=4096 => (64, 7),
        _ => (256, 2),
    }
}

/// Draws the map: the free colour everywhere, then each reserved or held address.
pub fn draw(canvas: &HtmlCanvasElement, map: &IpMap) {
    let (cols, cell) = geometry(map.size);
    let rows = map.size.div_ceil(cols);
    canvas.set_width(cols * cell);
    canvas.set_height(rows * cell);
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let gap = if cell > 4 { 1.0 } else { 0.0 };
    ctx.set_fill_style_str(holder_colour(HolderKind::Free));
    if gap == 0.0 {
        ctx.fill_rect(0.0, 0.0, f64::from(cols * cell), f64::from(rows * cell));
    } else {
        ctx.clear_rect(0.0, 0.0, f64::from(cols * cell), f64::from(rows * cell));
        for i in 0..map.size {
            let (x, y) = ((i % cols) * cell, (i / cols) * cell);
            ctx.fill_rect(
                f64::from(x),
                f64::from(y),
                f64::from(cell) - gap,
                f64::from(cell) - gap,
            );
        }
    }
    // One colour at a time: setting the fill style is a call into the browser too.
    for (kind, _) in HOLDER_LEGEND {
        ctx.set_fill_style_str(holder_colour(kind));
        for s in map.taken.iter().filter(|s| s.kind == kind) {
            let (x, y) = ((s.offset % cols) * cell, (s.offset / cols) * cell);
            ctx.fill_rect(
                f64::from(x),
                f64::from(y),
                f64::from(cell) - gap,
                f64::from(cell) - gap,
            );
        }
    }
}

#[function_component(IpMapPanel)]
pub fn ip_map_panel(props: &Props) -> Html {
    let canvas = use_node_ref();
    let hover = use_state(|| None::<String>);
    // The list of held addresses is only built while it is open (a /16 can hold thousands).
    let list_open = use_state(|| false);
    // Built again only when the subnet's addresses changed (or it is gone), and drawn again
    // then: most changes of the world take or free no address here.
    let changes = props
        .handle
        .ws
        .borrow()
        .session
        .sim
        .world
        .subnets
        .get(&props.subnet)
        .map(|s| s.pool.changes());
    let map = {
        let ws = props.handle.ws.clone();
        use_memo((props.subnet.clone(), changes), move |(subnet, _)| {
            ip_map(&ws.borrow().session.sim.world, subnet).map(Rc::new)
        })
    };
    {
        let canvas = canvas.clone();
        let map = map.clone();
        use_effect_with((props.subnet.clone(), changes), move |_| {
            if let (Some(c), Some(m)) = (canvas.cast::<HtmlCanvasElement>(), map.as_ref()) {
                draw(&c, m);
            }
        });
    }
    let Some(map) = (*map).clone() else {
        return html! { <p class="hint">{ "That subnet no longer exists." }</p> };
    };
    let (cols, cell) = geometry(map.size);
    let onmousemove = {
        let hover = hover.clone();
        let map = map.clone();
        let ws = props.handle.ws.clone();
        Callback::from(move |e: MouseEvent| {
            let (x, y) = (e.offset_x().max(0) as u32, e.offset_y().max(0) as u32);
            let offset = (y / cell) * cols + x / cell;
            if offset >= map.size {
                return;
            }
            let base = u32::from(map.taken[0].address) - map.taken[0].offset;
            let ip = std::net::Ipv4Addr::from(base + offset);
            let text = match map.taken.binary_search_by_key(&offset, |s| s.offset) {
                Ok(i) => {
                    let s = &map.taken[i];
                    let detail = s.detail(&ws.borrow().session.sim.world);
                    format!(
                        "{ip}: {} {}{}",
                        s.kind.as_str(),
                        s.eni_id.as_deref().unwrap_or(""),
                        if detail.is_empty() {
                            String::new()
                        } else {
                            format!(" {detail}")
                        }
                    )
                }
                Err(_) => format!("{ip}: free"),
            };
            hover.set(Some(text));
        })
    };
    let close = {
        let select = props.actions.select_subnet.clone();
        Callback::from(move |_| select.emit(None))
    };
    let ws = props.handle.ws.borrow();
    let world = &ws.session.sim.world;
    let held = map
        .taken
        .iter()
        .filter(|s| s.kind != HolderKind::Reserved)
        .count();
    html! {
        <>
            <div class="panel-head">
                <h2 id="ipmap-title">{ format!("Addresses of {} ({}, {})", map.subnet_id, map.cidr, map.az) }</h2>
                <button class="secondary" onclick={close}>{ "Close" }</button>
            </div>
            <p class="muted">{ format!("{} addresses: 5 reserved by AWS, {held} held, {} free", map.size, map.free) }</p>
            <ul class="legend-list">
                { for HOLDER_LEGEND.iter().map(|(k, label)| html! {
                    <li><span class="swatch" style={format!("background: {}", holder_colour(*k))}></span>{ *label }</li>
                }) }
            </ul>
            // Focusable: a big map scrolls, and its scrolling must work from the keyboard too.
            <div class="ipmap-scroll" tabindex="0" role="region" aria-label="the IP map, scrollable">
                <canvas ref={canvas} class="ipmap" {onmousemove} role="img"
                    aria-label={format!("IP map of {}: {held} held, {} free", map.subnet_id, map.free)}></canvas>
            </div>
            <p class="hover" aria-live="polite">{ (*hover).clone().unwrap_or_else(|| "Point at an address to see what holds it.".into()) }</p>
            // Opened and closed by the app (synchronously, so the list is there at once).
            <details open={*list_open}>
                <summary onclick={{
                    let list_open = list_open.clone();
                    Callback::from(move |e: MouseEvent| {
                        e.prevent_default();
                        list_open.set(!*list_open);
                    })
                }}>{ "Held addresses as a list" }</summary>
                if *list_open {
                    <ul class="ip-list">
                        { for map.taken.iter().map(|s| html! {
                            <li key={s.offset}><code>{ s.address.to_string() }</code>{ format!(" {} {} {}", s.kind.as_str(), s.eni_id.as_deref().unwrap_or(""), s.detail(world)) }</li>
                        }) }
                    </ul>
                }
            </details>
        </>
    }
}
