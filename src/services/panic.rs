//! The panic hook: a panic anywhere in the app shows a banner with its message at the top of the
//! page, so the user never faces a blank page. With `panic = "abort"` the hook still runs before
//! the wasm traps. The banner is built with plain DOM calls, outside the app's root, because Yew
//! can no longer render once the wasm has stopped.

use web_sys::{Document, Element};

/// The id of the banner element.
pub const BANNER_ID: &str = "entente-panic";

/// Installs the hook. Safe to call more than once. It goes through Yew, which would otherwise
/// replace any hook with its own (console only) when the app is rendered.
pub fn install_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("entente panicked: {message}").into());
        show_banner(&message);
    }));
}

fn show_banner(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // One banner is enough: a second panic (if any) would only repeat the first.
    if document.get_element_by_id(BANNER_ID).is_some() {
        return;
    }
    let Some(banner) = build_banner(&document, message) else {
        return;
    };
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}

fn build_banner(document: &Document, message: &str) -> Option<Element> {
    let banner = document.create_element("div").ok()?;
    banner.set_id(BANNER_ID);
    banner.set_class_name("panic-banner");
    banner.set_attribute("role", "alert").ok()?;
    let title = document.create_element("strong").ok()?;
    title.set_text_content(Some("entente stopped because of an internal error."));
    // Text, never markup: the message may quote document text.
    let detail = document.create_element("pre").ok()?;
    detail.set_class_name("panic-message");
    detail.set_text_content(Some(message));
    let hint = document.create_element("p").ok()?;
    hint.set_text_content(Some(
        "Reload the page to start again. If it happens again, please report the message above.",
    ));
    banner.append_child(&title).ok()?;
    banner.append_child(&detail).ok()?;
    banner.append_child(&hint).ok()?;
    Some(banner)
}
