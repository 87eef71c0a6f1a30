//! chromedriver's own commands, sent as WebDriver commands (they are not W3C WebDriver, so
//! fantoccini has no method for them), shared by the suite and the benchmark. Chromium only:
//! [`Cdp`], the DevTools passthrough, and [`GetLog`], the log endpoint.

use serde_json::Value;

/// A DevTools command and its parameters: `client.issue_cmd(Cdp("Performance.enable", json!({})))`.
#[derive(Debug)]
pub struct Cdp(pub &'static str, pub Value);

/// The entries of one of chromedriver's logs (`performance`, `browser`), read and cleared.
#[derive(Debug)]
pub struct GetLog(pub &'static str);

/// `path` under the session's URL.
fn session_endpoint(
    base_url: &url::Url,
    session_id: Option<&str>,
    path: &str,
) -> Result<url::Url, url::ParseError> {
    base_url.join(&format!(
        "session/{}/{path}",
        session_id.unwrap_or_default()
    ))
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        session_endpoint(base_url, session_id, "goog/cdp/execute")
    }
    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.0, "params": self.1 });
        (http::Method::POST, Some(body.to_string()))
    }
}

impl fantoccini::wd::WebDriverCompatibleCommand for GetLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        session_endpoint(base_url, session_id, "se/log")
    }
    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "type": self.0 });
        (http::Method::POST, Some(body.to_string()))
    }
}
