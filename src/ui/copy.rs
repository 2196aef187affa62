//! The command line every form shows (what the form runs, as `ecs-sim` would read it) with a
//! Copy button that says whether the copy happened: "Copied", or "Not copied" when the
//! browser refused (no permission, page not focused), so the learner is never left guessing.

use yew::prelude::*;

/// The command-line preview every form shows, with a copy button.
#[derive(Properties, PartialEq)]
pub struct CommandProps {
    pub lines: Vec<String>,
}

#[function_component(CommandPreview)]
pub fn command_preview(props: &CommandProps) -> Html {
    let text = props.lines.join("\n");
    let copied = use_state(|| None::<bool>);
    // "Copied" until the line changes.
    {
        let copied = copied.clone();
        use_effect_with(text.clone(), move |_| copied.set(None));
    }
    let copy = copy_callback(text.clone(), copied.clone());
    html! {
        <div class="command-preview">
            <pre aria-label="the equivalent AWS CLI command">{ &text }</pre>
            <button type="button" class="secondary" onclick={copy}>{ copy_words(*copied, "Copy") }</button>
            <span class="visually-hidden" role="status">{ match *copied { Some(true) => "Copied to the clipboard", Some(false) => "The browser did not allow copying: select the text and copy it", None => "" } }</span>
        </div>
    }
}

/// Copies `text` to the clipboard and says whether the browser did (`Some(true)`: "Copied";
/// `Some(false)`: it refused, e.g. without permission).
pub fn copy_callback(text: String, copied: UseStateHandle<Option<bool>>) -> Callback<MouseEvent> {
    Callback::from(move |_| {
        let Some(w) = web_sys::window() else {
            return;
        };
        let promise = w.navigator().clipboard().write_text(&text);
        let (ok, refused) = (copied.clone(), copied.clone());
        type Once = wasm_bindgen::closure::Closure<dyn FnMut(wasm_bindgen::JsValue)>;
        let ok = Once::once(move |_: wasm_bindgen::JsValue| ok.set(Some(true)));
        let refused = Once::once(move |_: wasm_bindgen::JsValue| refused.set(Some(false)));
        let _ = promise.then2(&ok, &refused);
        // The browser calls one of them later; both stay alive until then (a few bytes a
        // click, never freed: the one not called is never told it will not be).
        ok.forget();
        refused.forget();
    })
}

/// The words of a copy button: what it does, then whether it did.
pub fn copy_words(copied: Option<bool>, what: &'static str) -> &'static str {
    match copied {
        None => what,
        Some(true) => "Copied",
        Some(false) => "Not copied",
    }
}
