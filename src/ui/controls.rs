//! Time and scenario controls: play, pause, step to the next event, speed, the simulated
//! clock; undo and redo; share a link, export and import the scenario; the demo or an empty
//! world.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// What a control asks of the app.
#[derive(Clone, PartialEq)]
pub enum Control {
    Play,
    Pause,
    Step,
    Speed(u32),
    Undo,
    Redo,
    StartEmpty,
    Demo,
    /// Load a scenario script (import).
    Load(String),
}

/// Simulated seconds per real second.
pub const SPEEDS: [u32; 5] = [1, 5, 10, 30, 60];

#[derive(Properties, PartialEq)]
pub struct Props {
    pub playing: bool,
    pub speed: u32,
    pub can_undo: bool,
    pub can_redo: bool,
    pub clock: String,
    /// The workspace, whose scenario is shared and exported.
    pub handle: super::Handle,
    pub on_control: Callback<Control>,
}

#[function_component(Controls)]
pub fn controls(props: &Props) -> Html {
    let share_open = use_state(|| false);
    let import = use_node_ref();
    let send = |c: Control| {
        let cb = props.on_control.clone();
        Callback::from(move |_: MouseEvent| cb.emit(c.clone()))
    };
    let on_speed = {
        let cb = props.on_control.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Ok(s) = value.parse() {
                cb.emit(Control::Speed(s));
            }
        })
    };
    let toggle_share = {
        let share_open = share_open.clone();
        Callback::from(move |_| share_open.set(!*share_open))
    };
    let on_load = {
        let import = import.clone();
        let cb = props.on_control.clone();
        let share_open = share_open.clone();
        Callback::from(move |_| {
            if let Some(t) = import.cast::<HtmlTextAreaElement>() {
                cb.emit(Control::Load(t.value()));
                share_open.set(false);
            }
        })
    };
    let on_file = {
        let cb = props.on_control.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                let cb = cb.clone();
                let file = gloo::file::File::from(file);
                let reader = gloo::file::callbacks::read_as_text(&file, move |text| {
                    if let Ok(text) = text {
                        cb.emit(Control::Load(text));
                    }
                });
                // The read completes on its own; keep the reader alive until then.
                std::mem::forget(reader);
            }
        })
    };
    // The script is only written out while the share panel is open.
    let script = if *share_open {
        props.handle.ws.borrow().scenario.to_script()
    } else {
        String::new()
    };
    let href = format!(
        "data:text/plain;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&script))
    );
    let link = super::persist::link_for(&script);
    html! {
        <div class="controls">
            <div class="time" role="group" aria-label="simulated time">
                if props.playing {
                    <button onclick={send(Control::Pause)} aria-label="pause">{ "❚❚ Pause" }</button>
                } else {
                    <button onclick={send(Control::Play)} aria-label="play">{ "▶ Play" }</button>
                }
                <button onclick={send(Control::Step)} title="run time to the next scheduled event">{ "Step" }</button>
                <label class="speed">{ "Speed " }
                    <select onchange={on_speed} aria-label="speed">
                        { for SPEEDS.iter().map(|s| html! {
                            <option value={s.to_string()} selected={*s == props.speed}>{ format!("{s}x") }</option>
                        }) }
                    </select>
                </label>
                <span class="clock" aria-label="simulated time" aria-live="off">{ &props.clock }</span>
            </div>
            <div class="history" role="group" aria-label="history">
                <button onclick={send(Control::Undo)} disabled={!props.can_undo}>{ "Undo" }</button>
                <button onclick={send(Control::Redo)} disabled={!props.can_redo}>{ "Redo" }</button>
                <button onclick={toggle_share} aria-expanded={share_open.to_string()}>{ "Share / export" }</button>
            </div>
            if *share_open {
                <div class="share" role="dialog" aria-label="share, export and import">
                    <p>{ "The link and the file hold the seed and every command: they rebuild this exact world. The file runs with " }<code>{ "ecs-sim run scenario.sh" }</code>{ " too." }</p>
                    <label>{ "Link" }<input readonly=true value={link.clone()} /></label>
                    <div class="row">
                        <button onclick={Callback::from(move |_| { if let Some(w) = web_sys::window() { let _ = w.navigator().clipboard().write_text(&link); } })}>{ "Copy link" }</button>
                        <a class="button" href={href} download="scenario.sh">{ "Download scenario.sh" }</a>
                        <button onclick={send(Control::Demo)}>{ "Load the demo" }</button>
                        <button onclick={send(Control::StartEmpty)}>{ "Start empty" }</button>
                    </div>
                    <label>{ "Import a scenario file " }<input type="file" accept=".sh,.txt,text/plain" onchange={on_file} /></label>
                    <label>{ "or paste one" }<textarea ref={import} rows="4" spellcheck="false" placeholder="# seed: 1" /></label>
                    <button onclick={on_load}>{ "Load pasted scenario" }</button>
                </div>
            }
        </div>
    }
}
