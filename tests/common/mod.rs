//! What the browser test crates share (tests/web.rs, tests/frame_bench.rs): mounting the app
//! on a scenario.
#![cfg(target_arch = "wasm32")]

/// Mounts the app on a fresh root with `script` as the scenario in the URL (and nothing in
/// localStorage), time paused.
pub fn mount(script: &str) -> (web_sys::Element, yew::AppHandle<ecs_sandbox::ui::App>) {
    mount_hash(&format!(
        "#scenario={}",
        String::from(js_sys::encode_uri_component(script))
    ))
}

pub fn mount_hash(hash: &str) -> (web_sys::Element, yew::AppHandle<ecs_sandbox::ui::App>) {
    let window = gloo::utils::window();
    if let Ok(Some(storage)) = window.local_storage() {
        let _ = storage.clear();
    }
    mount_url(hash)
}

/// Mounts the app at `url` (relative to the test page: `#...`, `?reset`, ...) keeping what
/// localStorage holds, as a second visit would.
pub fn mount_url(url: &str) -> (web_sys::Element, yew::AppHandle<ecs_sandbox::ui::App>) {
    let window = gloo::utils::window();
    window
        .history()
        .expect("history")
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
        .expect("replace state");
    mount_here()
}

/// Mounts the app at the address the page has now, as a navigation to it would.
pub fn mount_here() -> (web_sys::Element, yew::AppHandle<ecs_sandbox::ui::App>) {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let handle = yew::Renderer::<ecs_sandbox::ui::App>::with_root_and_props(
        root.clone(),
        ecs_sandbox::ui::AppProps {
            autoplay: false,
            panels_after_first_paint: false,
        },
    )
    .render();
    (root, handle)
}
