//! Reading the page's URL.

/// The first value of query parameter `name` in the page's URL, if present.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// The page's query string, with its leading `?` (empty when there is none).
pub fn search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The page's full URL, as the user would share it (with the latest view state: a URL change
/// still waiting is written first).
pub fn href() -> String {
    super::history::flush();
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}
