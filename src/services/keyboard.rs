//! The page-wide keyboard shortcuts: `/` focuses the search box and `Escape` closes what is open.
//! The keys are heard on the document; the component that owns the state decides what they do.

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

/// A shortcut the app reacts to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// `/` outside a text field.
    FocusSearch,
    /// `Escape`.
    Escape,
}

fn in_text_field(event: &KeyboardEvent) -> bool {
    let Some(target) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    let tag = target.tag_name().to_ascii_lowercase();
    tag == "input"
        || tag == "textarea"
        || tag == "select"
        || target.has_attribute("contenteditable")
}

/// Calls `f` for each shortcut typed anywhere in the page. `/` is taken from the browser (its
/// quick-find) only outside text fields. Removed when the guard is dropped.
pub fn on_shortcut(f: impl Fn(Shortcut) + 'static) -> Option<EventListener> {
    let document = web_sys::window()?.document()?;
    let options = EventListenerOptions::enable_prevent_default();
    Some(EventListener::new_with_options(
        &document,
        "keydown",
        options,
        move |event| {
            let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            if event.ctrl_key() || event.meta_key() || event.alt_key() || event.default_prevented()
            {
                return;
            }
            match event.key().as_str() {
                "/" if !in_text_field(event) => {
                    event.prevent_default();
                    f(Shortcut::FocusSearch);
                }
                "Escape" => f(Shortcut::Escape),
                _ => {}
            }
        },
    ))
}
