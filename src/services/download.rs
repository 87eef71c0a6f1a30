//! Saving an export: the text goes into a `Blob`, an object URL and a temporary `<a download>`
//! that is clicked and removed. Nothing leaves the browser.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a file named `file_name` with the MIME type `mime`. Returns whether the
/// browser accepted it.
pub fn save(file_name: &str, mime: &str, text: &str) -> bool {
    save_parts(
        file_name,
        mime,
        &js_sys::Array::of1(&JsValue::from_str(text)),
    )
}

/// Offers the concatenation of `parts` (JavaScript strings or byte arrays) as a file: for a text
/// too large to copy through the wasm memory (a saved single file).
pub fn save_parts(file_name: &str, mime: &str, parts: &js_sys::Array) -> bool {
    save_inner(file_name, mime, parts).is_some()
}

fn save_inner(file_name: &str, mime: &str, parts: &js_sys::Array) -> Option<()> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let a = document.create_element("a").ok()?;
    a.set_attribute("href", &url).ok()?;
    a.set_attribute("download", file_name).ok()?;
    a.set_attribute("hidden", "").ok()?;
    let body = document.body()?;
    body.append_child(&a).ok()?;
    a.dyn_ref::<web_sys::HtmlElement>()?.click();
    a.remove();
    // Revoke later: some engines read the URL after the click handler returns.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    Some(())
}
