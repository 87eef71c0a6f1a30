//! chromedriver's DevTools passthrough as a WebDriver command (it is not W3C WebDriver, so
//! fantoccini has no method for it), shared by the suite and the benchmark. Chromium only.

use serde_json::Value;

/// A DevTools command and its parameters: `client.issue_cmd(Cdp("Performance.enable", json!({})))`.
#[derive(Debug)]
pub struct Cdp(pub &'static str, pub Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }
    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(serde_json::json!({ "cmd": self.0, "params": self.1 }).to_string()),
        )
    }
}
