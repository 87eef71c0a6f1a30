//! "Save as a single file": the running app writes itself out as one self-contained HTML file
//! (the app, its wasm and the active corpus, all inlined) that opens from disk with no server.
//!
//! The file is made from a template of the single file, whichever way the app is running:
//! - **as a single file** (`file://` or any URL), the page *is* the template. Its document is
//!   cloned at start ([`snapshot_at_start`]), before the app renders anything into it, so the
//!   clone is the page as it was delivered: `fetch` cannot read a `file://` page, and the DOM
//!   needs no network;
//! - **as the hosted site**, the build puts the single file beside the site (`entente.html`,
//!   `cargo xtask dist`), and it is fetched from the page's own origin (`connect-src 'self'`).
//!   Its text is filled as text ([`fill_text`]): parsing it into a document (`DOMParser`) would
//!   make Chromium report its inline styles as policy violations of the running page.
//!
//! The corpus goes into the `#entente-corpus` element as text (`entente_core::inline_text`, seven
//! bits a character), a `type="application/octet-stream"` data block that never runs: the Content-Security-Policy allows the inline scripts by hash, and
//! those scripts are byte for byte the template's, so the saved file's policy stays valid
//! whatever corpus it carries.

use super::page::{INLINED_CORPUS_ID, STARTED_ATTRIBUTE};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

/// The single file beside the hosted site.
pub const SITE_SINGLE_FILE: &str = "entente.html";
/// The id of the data block that holds the wasm in a single file (see `xtask/src/html.rs`).
pub const WASM_ID: &str = "entente-wasm";
/// Attributes the running page adds to `<html>`, which a fresh file must not carry.
const RUNTIME_ATTRIBUTES: [&str; 3] = [
    STARTED_ATTRIBUTE,
    "data-csp-violations",
    "data-entente-load-error",
];

thread_local! {
    static SNAPSHOT: RefCell<Option<Element>> = const { RefCell::new(None) };
}

/// When the page is a single file, keeps a deep clone of its document as the template. Call
/// once, before the app renders.
pub fn snapshot_at_start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id(WASM_ID).is_none() {
        return;
    }
    let clone = document
        .document_element()
        .and_then(|root| root.clone_node_with_deep(true).ok())
        .and_then(|node| node.dyn_into::<Element>().ok());
    SNAPSHOT.with(|s| *s.borrow_mut() = clone);
}

/// Whether the running page is a single file.
pub fn is_single_file() -> bool {
    SNAPSHOT.with(|s| s.borrow().is_some())
}

fn js_error(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

/// A template of the single file.
enum Template {
    /// The page's own document, copied at start (a fresh clone the caller may change).
    Page(Element),
    /// The text of the site's single file.
    Text(String),
}

async fn template() -> Result<Template, String> {
    if let Some(snapshot) = SNAPSHOT.with(|s| s.borrow().clone()) {
        return snapshot
            .clone_node_with_deep(true)
            .ok()
            .and_then(|n| n.dyn_into::<Element>().ok())
            .map(Template::Page)
            .ok_or_else(|| "the page could not be copied".to_string());
    }
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(SITE_SINGLE_FILE))
        .await
        .map_err(|e| format!("{SITE_SINGLE_FILE} could not be fetched ({})", js_error(&e)))?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| "the fetch gave no response".to_string())?;
    if !response.ok() {
        return Err(format!(
            "the site has no {SITE_SINGLE_FILE} (HTTP {})",
            response.status()
        ));
    }
    let text = JsFuture::from(response.text().map_err(|e| js_error(&e))?)
        .await
        .map_err(|e| js_error(&e))?
        .as_string()
        .ok_or("the single file is not text")?;
    if !text.contains(&format!("id=\"{WASM_ID}\"")) {
        return Err(format!("{SITE_SINGLE_FILE} is not entente's single file"));
    }
    Ok(Template::Text(text))
}

/// Puts the corpus (as inlined text) into the single file's empty corpus slot and the title into its
/// `<title>`, as text. `None` when the text has no corpus slot.
pub fn fill_text(html: &str, corpus_text: &str, title: &str) -> Option<String> {
    let marker = format!("id=\"{INLINED_CORPUS_ID}\"");
    let at = html.find(&marker)?;
    let open_end = at + html[at..].find('>')? + 1;
    let close = open_end + html[open_end..].find("</script>")?;
    let mut out = String::with_capacity(html.len() + corpus_text.len());
    out.push_str(&html[..open_end]);
    out.push_str(corpus_text);
    out.push_str(&html[close..]);
    if let (Some(start), Some(end)) = (out.find("<title>"), out.find("</title>")) {
        if start < end {
            let escaped = title
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            out.replace_range(start + "<title>".len()..end, &escaped);
        }
    }
    Some(out)
}

/// Puts the corpus (inlined text; empty for the built-in corpus) and the title into the template and
/// serializes it. The text stays a JavaScript string: it can be megabytes long, and copying it
/// through the wasm memory would only cost.
fn fill(template: &Element, corpus_text: &str, title: &str) -> Result<JsValue, String> {
    for attribute in RUNTIME_ATTRIBUTES {
        let _ = template.remove_attribute(attribute);
    }
    let slot = template
        .query_selector(&format!("#{INLINED_CORPUS_ID}"))
        .ok()
        .flatten()
        .ok_or("the template has no corpus slot")?;
    slot.set_text_content(Some(corpus_text));
    if let Ok(Some(element)) = template.query_selector("title") {
        element.set_text_content(Some(title));
    }
    let html = js_sys::Reflect::get(template, &JsValue::from_str("outerHTML"))
        .map_err(|e| js_error(&e))?;
    Ok(html)
}

/// Builds the single file for a corpus (`None`: the built-in one, which the wasm carries) and
/// offers it as a download named `file_name`.
///
/// # Errors
/// When the template cannot be had (a hosted site deployed without `entente.html`) or the
/// browser refuses the download; the message is for the user.
pub async fn save(file_name: &str, title: &str, corpus: Option<&[u8]>) -> Result<(), String> {
    // An imported corpus is encoded fast, not small; the file carries it compacted. Should the
    // worker fail, the file is still saved, only larger.
    let compacted = match corpus {
        Some(bytes) => super::worker::compact(bytes).await.map_err(|e| {
            web_sys::console::warn_1(&e.into());
        }),
        None => Err(()),
    };
    let corpus = compacted.as_deref().ok().or(corpus);
    let encoded = corpus
        .map(entente_core::inline_text::encode)
        .unwrap_or_default();
    let parts = match template().await? {
        Template::Page(page) => {
            let html = fill(&page, &encoded, title)?;
            js_sys::Array::of2(&JsValue::from_str("<!DOCTYPE html>\n"), &html)
        }
        Template::Text(text) => {
            let html = fill_text(&text, &encoded, title)
                .ok_or_else(|| format!("{SITE_SINGLE_FILE} has no corpus slot"))?;
            js_sys::Array::of1(&JsValue::from_str(&html))
        }
    };
    if super::download::save_parts(file_name, "text/html", &parts) {
        Ok(())
    } else {
        Err("the browser refused the download".into())
    }
}

/// A file name for a corpus's single file: `entente-` and the name's letters and digits.
pub fn file_name(corpus_name: &str) -> String {
    let mut slug = String::new();
    for c in corpus_name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    if slug.is_empty() {
        "entente.html".into()
    } else {
        format!("entente-{slug}.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_single_file_is_filled_as_text() {
        let page = "<!DOCTYPE html><html><head><title>entente</title></head><body>\n\
            <script type=\"application/octet-stream\" id=\"entente-corpus\"></script>\n\
            <script type=\"application/octet-stream\" id=\"entente-wasm\">AGFz</script></body></html>";
        let filled = fill_text(page, "QUJD", "entente · A <b>").unwrap();
        assert!(filled.contains("id=\"entente-corpus\">QUJD</script>"));
        assert!(filled.contains("<title>entente · A &lt;b&gt;</title>"));
        assert!(filled.contains("id=\"entente-wasm\">AGFz</script>"));
        // A slot already filled is replaced, not appended to.
        let again = fill_text(&filled, "", "entente").unwrap();
        assert!(again.contains("id=\"entente-corpus\"></script>"));
        assert_eq!(fill_text("<html></html>", "QUJD", "t"), None);
    }

    #[test]
    fn file_names_keep_letters_and_digits() {
        assert_eq!(file_name("Seed corpus"), "entente-seed-corpus.html");
        assert_eq!(file_name("  Gas/Oil: 2024 "), "entente-gas-oil-2024.html");
        assert_eq!(file_name("Économie"), "entente-économie.html");
        assert_eq!(file_name("!!!"), "entente.html");
    }
}
