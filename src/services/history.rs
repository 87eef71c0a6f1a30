//! Writing the view state into the URL (`history.pushState` / `replaceState`) and hearing the
//! browser's Back and Forward (`popstate`). The URL is written here and nowhere else; the
//! `use_view_state` hook decides when.

use entente_core::explore::state::HistoryMode;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// How long a replacement waits for the next one: typing replaces the URL on every keystroke,
/// each `replaceState` costs 1–2 ms of a 16 ms frame in Chromium, and Safari limits how many a
/// page may make in a short time; so the URL follows typing a moment later, once.
const REPLACE_DELAY_MS: u32 = 150;

thread_local! {
    /// The replacement waiting to be written, and the timer that writes it.
    static PENDING: RefCell<Option<(String, Timeout)>> = const { RefCell::new(None) };
}

/// Puts `query` (without `?`) in the URL, keeping the path: pushes a history entry at once, or
/// replaces the current one shortly ([`REPLACE_DELAY_MS`]; later replacements take its place).
/// A push first writes a waiting replacement into the entry it leaves.
pub fn write(query: &str, mode: HistoryMode) {
    match mode {
        HistoryMode::Push => {
            flush();
            write_now(query, mode);
        }
        HistoryMode::Replace => PENDING.with(|p| {
            let mut pending = p.borrow_mut();
            match pending.as_mut() {
                Some((waiting, _)) => *waiting = query.to_string(),
                None => {
                    let timer = Timeout::new(REPLACE_DELAY_MS, flush);
                    *pending = Some((query.to_string(), timer));
                }
            }
        }),
    }
}

/// Writes a waiting replacement now, before the URL is read to be shared. (Not when the page is
/// hidden: a `replaceState` during `pagehide` left WebKit's next page blank. A reload within the
/// delay of the last keystroke loses that keystroke from the URL, nothing more.)
pub fn flush() {
    let waiting = PENDING.with(|p| p.borrow_mut().take());
    if let Some((query, timer)) = waiting {
        // Dropping a fired timer is harmless; an unfired one is cancelled.
        drop(timer);
        write_now(&query, HistoryMode::Replace);
    }
}

/// Forgets a waiting replacement: after Back or Forward it would overwrite the entry the browser
/// just went to.
fn cancel() {
    PENDING.with(|p| p.borrow_mut().take());
}

/// Does nothing when the URL already says `query`. Errors (some engines refuse history changes
/// under `file://`) are ignored: the app keeps working, only the URL lags.
fn write_now(query: &str, mode: HistoryMode) {
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
        cancel();
        f(super::location::search())
    }))
}
