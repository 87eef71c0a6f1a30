//! The page around the app: the element the app renders into, the inlined corpus slot, and the
//! marker that tells the loader (`static/boot.js`) that the app has started.

use web_sys::Element;

/// The id of the element the app renders into.
pub const APP_ROOT_ID: &str = "app";
/// The id of the `<script type="application/octet-stream">` element that holds an inlined corpus
/// as text (`entente_core::inline_text`; a saved single file).
pub const INLINED_CORPUS_ID: &str = "entente-corpus";
/// The attribute set on `<html>` once the wasm runs: from then on, failures are the panic
/// banner's business, not the loader's.
pub const STARTED_ATTRIBUTE: &str = "data-entente-started";

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The element the app renders into, if the page has one.
pub fn app_root() -> Option<Element> {
    document()?.get_element_by_id(APP_ROOT_ID)
}

/// The text of the inlined corpus, if the page has that slot.
pub fn inlined_corpus() -> Option<String> {
    document()?
        .get_element_by_id(INLINED_CORPUS_ID)?
        .text_content()
}

/// Marks the page as started.
pub fn mark_started() {
    if let Some(html) = document().and_then(|d| d.document_element()) {
        let _ = html.set_attribute(STARTED_ATTRIBUTE, "");
    }
}
