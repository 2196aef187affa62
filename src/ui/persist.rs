//! Where the scenario lives between visits: the URL (`#scenario=...`, so a link reproduces the
//! world) and localStorage (autosave). A scenario that cannot be read gives a message and a
//! clean start, never a blank page.

pub use crate::viz::scenario::demo_script;
use crate::viz::scenario::{size_in_words, Scenario, MAX_BYTES};
use crate::viz::workspace::Workspace;

const STORAGE_KEY: &str = "ecs-sandbox-scenario";
const HASH_KEY: &str = "#scenario=";

pub fn demo_scenario() -> Scenario {
    Scenario::from_script(&demo_script()).unwrap_or_else(|_| Scenario::new(1))
}

fn decode(component: &str) -> Option<String> {
    js_sys::decode_uri_component(component)
        .ok()
        .and_then(|s| s.as_string())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Whether a workspace holds the demo as it opens.
pub fn is_demo(ws: &Workspace) -> bool {
    ws.scenario == demo_scenario()
}

/// Set while a scenario loads, to its fingerprint, and removed when the load ends (finished,
/// failed or cancelled): a visit that finds it set for the script it is about to load knows
/// the last visit never got through that script (the tab was closed or died) and starts
/// clean instead of trying again.
const LOADING_KEY: &str = "ecs-sandbox-loading";

/// A short fingerprint of a script (FNV-1a, 64 bits): enough to recognise the same script.
fn fingerprint(script: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in script.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}-{}", script.len())
}

/// Marks `script` as loading (see [`LOADING_KEY`]).
pub fn mark_loading(script: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(LOADING_KEY, &fingerprint(script));
    }
}

/// The load that [`mark_loading`] marked has ended.
pub fn clear_loading() {
    if let Some(s) = storage() {
        let _ = s.remove_item(LOADING_KEY);
    }
}

/// Where a scenario being loaded came from, for the loading screen and its messages.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Origin {
    Link,
    Saved,
    File,
    Demo,
}

impl Origin {
    pub fn words(self) -> &'static str {
        match self {
            Origin::Link => "the scenario in this link",
            Origin::Saved => "the saved scenario",
            Origin::File => "the imported scenario",
            Origin::Demo => "the demo",
        }
    }
}

/// How a visit starts.
pub enum Start {
    /// A workspace right away, with a message when a scenario could not be read.
    Ready(Box<Workspace>, Option<String>),
    /// A scenario to replay (a line at a time, see `super::load`).
    Load(Scenario, Origin),
}

/// The clean start after a scenario was refused: an empty account, saved so that the next
/// visit does not meet the refused scenario again (neither in the address nor autosaved).
fn refused(message: String) -> Start {
    let ws = Workspace::new(super::DEFAULT_SEED);
    save(&ws.scenario);
    clear_loading();
    Start::Ready(Box::new(ws), Some(message))
}

/// Reads a script as a scenario, or the message that refuses it.
fn parse(script: &str, origin: Origin) -> Result<Scenario, String> {
    Scenario::from_script(script).map_err(|e| {
        let what = origin.words();
        let mut what = what.to_string();
        if let Some(first) = what.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        format!("{what} could not be loaded ({e}); starting empty.")
    })
}

/// The way a visit starts: `?reset` clears everything; else the link's scenario, else the
/// autosaved one, else the demo. A scenario that cannot be read, or that the last visit
/// never finished loading, gives a message and a clean start, never a blank page.
pub fn initial() -> Start {
    let Some(window) = web_sys::window() else {
        return Start::Ready(Box::new(Workspace::new(super::DEFAULT_SEED)), None);
    };
    let location = window.location();
    let search = location.search().unwrap_or_default();
    if search
        .trim_start_matches('?')
        .split('&')
        .any(|p| p == "reset" || p.starts_with("reset="))
    {
        if let Some(s) = storage() {
            let _ = s.remove_item(STORAGE_KEY);
            let _ = s.remove_item(LOADING_KEY);
        }
        // The address loses `?reset` and any scenario, so a reload is an ordinary visit.
        let path = location.pathname().unwrap_or_default();
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
        return Start::Ready(
            Box::new(Workspace::new(super::DEFAULT_SEED)),
            Some("Started fresh: the saved scenario was cleared.".to_string()),
        );
    }
    let unfinished = storage().and_then(|s| s.get_item(LOADING_KEY).ok().flatten());
    let hash = location.hash().unwrap_or_default();
    let (script, origin) = if let Some(encoded) = hash.strip_prefix(HASH_KEY) {
        // Each `%XX` is one byte: the script's size is known before decoding it, so a link
        // too long is refused without the work of decoding it.
        let bytes = encoded
            .len()
            .saturating_sub(2 * encoded.matches('%').count());
        if bytes > MAX_BYTES {
            return refused(format!(
                "The scenario in this link could not be loaded (it is {} long, more than the {} a scenario may hold); starting empty.",
                size_in_words(bytes),
                size_in_words(MAX_BYTES)
            ));
        }
        match decode(encoded) {
            Some(script) => (script, Origin::Link),
            None => {
                return refused(
                    "The scenario in this link could not be loaded (it is not valid text); starting empty."
                        .to_string(),
                )
            }
        }
    } else if let Some(saved) = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()) {
        (saved, Origin::Saved)
    } else {
        clear_loading();
        return Start::Load(demo_scenario(), Origin::Demo);
    };
    if unfinished.as_deref() == Some(fingerprint(&script).as_str()) {
        let what = origin.words();
        return refused(format!(
            "The last visit did not finish loading {what}, so this one starts empty. (The page can always be opened clean with ?reset after its address.)"
        ));
    }
    match parse(&script, origin) {
        Ok(scenario) => {
            mark_loading(&script);
            Start::Load(scenario, origin)
        }
        Err(message) => refused(message),
    }
}

/// The link that reproduces a scenario script.
pub fn link_for(script: &str) -> String {
    let encoded: String = js_sys::encode_uri_component(script).into();
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default();
    format!("{base}{HASH_KEY}{encoded}")
}

/// Autosaves the scenario and puts it in the address bar.
pub fn save(scenario: &Scenario) {
    let script = scenario.to_script();
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, &script);
    }
    if let Some(w) = web_sys::window() {
        let encoded: String = js_sys::encode_uri_component(&script).into();
        if let Ok(history) = w.history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("{HASH_KEY}{encoded}")),
            );
        }
    }
}

/// Whether the address asks for projector mode (`?projector=1`), so a shared link opens in
/// the view the teacher had.
pub fn projector_in_url() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| {
            q.trim_start_matches('?')
                .split('&')
                .any(|p| p == "projector" || p == "projector=1")
        })
}

/// Writes projector mode into the address (`?projector=1`, or without it), keeping the rest
/// of the query and the scenario after `#`.
pub fn set_projector_in_url(on: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let mut params: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && *p != "projector" && !p.starts_with("projector="))
        .collect();
    if on {
        params.push("projector=1");
    }
    let query = if params.is_empty() {
        String::new()
    } else {
        format!("?{}", params.join("&"))
    };
    let url = format!(
        "{}{query}{}",
        location.pathname().unwrap_or_default(),
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
