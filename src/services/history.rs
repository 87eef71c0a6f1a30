//! Writing the view state into the URL (`history.pushState` / `replaceState`) and hearing the
//! browser's Back and Forward (`popstate`). The URL is written here and nowhere else; the
//! `use_view_state` hook decides when.

use entente_core::explore::state::HistoryMode;
use gloo_events::EventListener;
use wasm_bindgen::JsValue;

/// Puts `query` (without `?`) in the URL, keeping the path: pushes a history entry or replaces
/// the current one. Does nothing when the URL already says that. Errors (some engines refuse
/// history changes under `file://`) are ignored: the app keeps working, only the URL lags.
pub fn write(query: &str, mode: HistoryMode) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let current = location.search().unwrap_or_default();
    let wanted = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    if current == wanted {
        return;
    }
    // An empty relative URL would keep the old query: name the path instead.
    let url = if wanted.is_empty() {
        location.pathname().unwrap_or_default()
    } else {
        wanted
    };
    let hash = location.hash().unwrap_or_default();
    let url = format!("{url}{hash}");
    let Ok(history) = window.history() else {
        return;
    };
    let result = match mode {
        HistoryMode::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&url)),
        HistoryMode::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
    };
    if let Err(e) = result {
        web_sys::console::warn_2(&"entente: the URL could not be updated".into(), &e);
    }
}

/// Calls `f` with the new query string (with its `?`) whenever the user goes Back or Forward.
/// The listener is removed when the returned guard is dropped.
pub fn on_popstate(f: impl Fn(String) + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "popstate", move |_| {
        f(super::location::search())
    }))
}
