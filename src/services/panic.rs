//! The panic hook: a panic anywhere in the app shows a banner with its message at the top of the
//! page, so the user never faces a blank page. With `panic = "abort"` the hook still runs before
//! the wasm traps. The banner is built with plain DOM calls, outside the app's root, because Yew
//! can no longer render once the wasm has stopped.
//!
//! The banner offers to copy a bug report (the message, the app's version, the page's URL and
//! the browser) and to reset the view. Neither may call back into the wasm: after an abort the
//! module must not be re-entered (its state is whatever the panic left, and running Rust code
//! after an abort is undefined behaviour). So "Reset view" is a plain link to the page without
//! its query string, and "Copy bug report" is handled by the page's boot script
//! (`static/boot.js`), which copies the prepared report or, when the clipboard is missing or
//! refuses, shows it selected in a read-only field to copy by hand.

use web_sys::{Document, Element};

/// The id of the banner element.
pub const BANNER_ID: &str = "entente-panic";
/// The id of the read-only field holding the bug report (hidden until the clipboard fails).
pub const REPORT_FIELD_ID: &str = "entente-panic-report";

/// Installs the hook. Safe to call more than once. It goes through Yew, which would otherwise
/// replace any hook with its own (console only) when the app is rendered.
pub fn install_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("entente panicked: {message}").into());
        show_banner(&message);
    }));
}

/// The bug report the banner copies: what a maintainer needs to reproduce the panic.
pub fn bug_report(message: &str, version: &str, url: &str, browser: &str) -> String {
    format!(
        "entente {version} stopped because of an internal error.\n\
         Message: {message}\n\
         View: {url}\n\
         Browser: {browser}\n"
    )
}

/// The page's URL without its query string and fragment: the default view of the same page.
pub fn reset_url(href: &str) -> &str {
    let end = href.find(['?', '#']).unwrap_or(href.len());
    &href[..end]
}

fn show_banner(message: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    // One banner is enough: a second panic (if any) would only repeat the first.
    if document.get_element_by_id(BANNER_ID).is_some() {
        return;
    }
    let href = window.location().href().unwrap_or_default();
    // Through Reflect: a missing `navigator` (or a throwing getter) must not panic in the hook.
    let browser = js_sys::Reflect::get(&window, &"navigator".into())
        .and_then(|n| js_sys::Reflect::get(&n, &"userAgent".into()))
        .ok()
        .and_then(|ua| ua.as_string())
        .unwrap_or_default();
    let report = bug_report(message, env!("CARGO_PKG_VERSION"), &href, &browser);
    let Some(banner) = build_banner(&document, message, &report, reset_url(&href)) else {
        return;
    };
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}

fn element(document: &Document, tag: &str, class: &str) -> Option<Element> {
    let e = document.create_element(tag).ok()?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Some(e)
}

fn build_banner(document: &Document, message: &str, report: &str, reset: &str) -> Option<Element> {
    let banner = element(document, "div", "panic-banner")?;
    banner.set_id(BANNER_ID);
    banner.set_attribute("role", "alert").ok()?;
    let title = element(document, "strong", "")?;
    title.set_text_content(Some("entente stopped because of an internal error."));
    // Text, never markup: the message may quote document text.
    let detail = element(document, "pre", "panic-message")?;
    detail.set_text_content(Some(message));
    let hint = element(document, "p", "")?;
    hint.set_text_content(Some(
        "Reset the view to start again. If it happens again, please copy the bug report and send it to the maintainers.",
    ));

    let actions = element(document, "div", "panic-actions")?;
    // Handled by static/boot.js (see the module comment): a `data-` hook, no inline handler,
    // which the page's CSP would refuse anyway.
    let copy = element(document, "button", "button")?;
    copy.set_attribute("type", "button").ok()?;
    copy.set_attribute("data-entente-copy-report", "").ok()?;
    copy.set_attribute("data-testid", "copy-bug-report").ok()?;
    copy.set_text_content(Some("Copy bug report"));
    let reset_link = element(document, "a", "button")?;
    reset_link.set_attribute("href", reset).ok()?;
    reset_link.set_attribute("data-testid", "reset-view").ok()?;
    reset_link.set_text_content(Some("Reset view"));
    let status = element(document, "span", "panic-status")?;
    status.set_id("entente-panic-status");
    status.set_attribute("role", "status").ok()?;
    actions.append_child(&copy).ok()?;
    actions.append_child(&reset_link).ok()?;
    actions.append_child(&status).ok()?;

    let fallback = element(document, "div", "panic-fallback")?;
    fallback.set_attribute("hidden", "").ok()?;
    let label = element(document, "label", "")?;
    label.set_attribute("for", REPORT_FIELD_ID).ok()?;
    label.set_text_content(Some(
        "The clipboard is not available here: copy this bug report",
    ));
    let field = element(document, "textarea", "copy-field panic-report")?;
    field.set_id(REPORT_FIELD_ID);
    field.set_attribute("readonly", "").ok()?;
    field.set_attribute("rows", "5").ok()?;
    field.set_text_content(Some(report));
    fallback.append_child(&label).ok()?;
    fallback.append_child(&field).ok()?;

    for child in [&title, &detail, &hint, &actions, &fallback] {
        banner.append_child(child).ok()?;
    }
    Some(banner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bug_report_holds_message_version_view_and_browser() {
        let report = bug_report(
            "panicked at src/lib.rs:1:1:\nboom",
            "0.1.0",
            "https://example.org/entente/?q=energy&v=matrix",
            "Mozilla/5.0 Test",
        );
        assert_eq!(
            report,
            "entente 0.1.0 stopped because of an internal error.\n\
             Message: panicked at src/lib.rs:1:1:\nboom\n\
             View: https://example.org/entente/?q=energy&v=matrix\n\
             Browser: Mozilla/5.0 Test\n"
        );
    }

    #[test]
    fn reset_drops_the_query_and_the_fragment() {
        for (href, want) in [
            (
                "https://example.org/entente/?debug=panic",
                "https://example.org/entente/",
            ),
            (
                "file:///home/me/entente.html?q=a#top",
                "file:///home/me/entente.html",
            ),
            ("http://127.0.0.1:8080/#x?y", "http://127.0.0.1:8080/"),
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/"),
        ] {
            assert_eq!(reset_url(href), want, "{href}");
        }
    }
}
