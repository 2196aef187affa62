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
    let copied = use_state(|| None::<bool>);
    let import = use_node_ref();
    let share_button = use_node_ref();
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
        let copied = copied.clone();
        Callback::from(move |_| {
            copied.set(None);
            share_open.set(!*share_open)
        })
    };
    // Esc closes the share panel and gives the focus back to the button that opened it.
    let on_share_key = {
        let share_open = share_open.clone();
        let share_button = share_button.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                share_open.set(false);
                if let Some(b) = share_button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
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
                    <button onclick={send(Control::Pause)} class="pause"><span aria-hidden="true">{ "❚❚ " }</span>{ "Pause" }</button>
                } else {
                    <button onclick={send(Control::Play)} class="play"><span aria-hidden="true">{ "▶ " }</span>{ "Play" }</button>
                }
                <button onclick={send(Control::Step)} title="run time to the next scheduled event">{ "Step" }</button>
                <label class="speed">{ "Speed " }
                    <select onchange={on_speed}>
                        { for SPEEDS.iter().map(|s| html! {
                            <option value={s.to_string()} selected={*s == props.speed}>{ format!("{s}x") }</option>
                        }) }
                    </select>
                </label>
                // A timer is never announced as it changes (its live setting is off): a screen
                // reader reads the clock when asked, not at every tick.
                <span class="clock" role="timer" aria-live="off" aria-label="simulated time">{ &props.clock }</span>
            </div>
            <div class="history" role="group" aria-label="history">
                <button onclick={send(Control::Undo)} disabled={!props.can_undo}>{ "Undo" }</button>
                <button onclick={send(Control::Redo)} disabled={!props.can_redo}>{ "Redo" }</button>
                <button onclick={toggle_share} ref={share_button} aria-expanded={share_open.to_string()}>{ "Share / export" }</button>
            </div>
            if *share_open {
                <div class="share" role="dialog" aria-label="share, export and import" onkeydown={on_share_key}>
                    <p>{ "The link and the file hold the seed and every command: they rebuild this exact world. The file runs with " }<code>{ "ecs-sim run scenario.sh" }</code>{ " too." }</p>
                    <label>{ "Link" }<input readonly=true value={link.clone()} /></label>
                    <div class="row">
                        <button onclick={super::copy_callback(link.clone(), copied.clone())}>{ super::copy_words(*copied, "Copy link") }</button>
                        <span class="visually-hidden" role="status">{ if *copied == Some(true) { "The link is copied" } else { "" } }</span>
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
