//! What a test gets: the engine, the WebDriver client, the URLs of the built site, the documents
//! the page must show, and the helpers every test module uses: open the app, click, press a key,
//! read the URL and the page, wait for conditions with a timeout (never for a fixed time), read
//! the page's record of CSP violations, and take screenshots.

use crate::engine::{Browser, Engine};
use anyhow::{anyhow, bail, ensure, Context as _, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, Locator};
use serde_json::Value;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The start of a wait script: what the page shows instead of the app (the panic banner, the
/// loader's error), so that a wait fails at once with it.
const SHOWN_ERROR: &str = "
    const panic = document.getElementById('entente-panic');
    if (panic) return 'panic: ' + panic.textContent;
    const load = document.getElementById('entente-load-error');
    if (load && !load.hidden) return 'load error: ' + load.textContent;";

/// The URLs of the built site.
#[derive(Clone, Debug)]
pub struct Site {
    /// `file:///…/dist/entente.html`: the single file, opened from disk.
    pub single_file: String,
    /// `http://127.0.0.1:PORT/entente/`: `dist/` served under a sub-path, as on GitHub Pages.
    pub served: String,
    /// `http://127.0.0.1:PORT/broken/`: the same site with every `.wasm` answering 404.
    pub broken: String,
    /// `http://127.0.0.1:PORT`: the served site's origin.
    pub origin: String,
    /// The `dist/` folder.
    pub dist: PathBuf,
}

/// What the embedded corpus holds, computed natively from the same folder `build.rs` read.
#[derive(Clone, Debug)]
pub struct Expected {
    /// The corpus, parsed by the core.
    pub corpus: entente_core::Corpus,
}

impl Expected {
    /// The document ids, in corpus order.
    pub fn ids(&self) -> Vec<String> {
        self.corpus.documents.iter().map(|d| d.id.clone()).collect()
    }
}

/// A test's context.
pub struct Ctx {
    /// The engine under test.
    pub engine: Engine,
    /// The WebDriver session (a fresh one after a failed test).
    pub client: Client,
    /// The site's URLs.
    pub site: Site,
    /// The corpus the page must show.
    pub expected: Expected,
    /// Where screenshots go (`tests/artifacts/`).
    pub artifacts: PathBuf,
    /// How long a wait may take before it fails.
    pub timeout: Duration,
    pub(crate) browser: std::rc::Rc<Browser>,
    pub(crate) allow_violations: bool,
}

/// JavaScript that reads the boot script's record of CSP violations (`null` off an entente page).
const READ_VIOLATIONS: &str = "return Array.isArray(window.__ententeCspViolations) ? window.__ententeCspViolations.slice() : null;";

impl Ctx {
    /// Runs `script` (a function body; `arguments` holds `args`) in the page.
    ///
    /// # Errors
    /// When the script throws or the session is gone.
    pub async fn js_with(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.client.execute(script, args).await.with_context(|| {
            format!(
                "running script in {}: {}",
                self.engine,
                script.lines().next().unwrap_or("")
            )
        })
    }

    /// Runs `script` (a function body) in the page.
    ///
    /// # Errors
    /// When the script throws or the session is gone.
    pub async fn js(&self, script: &str) -> Result<Value> {
        self.js_with(script, vec![]).await
    }

    /// Navigates to `url`, first checking that the page being left recorded no CSP violation (so
    /// that every page of the suite is checked, not only the last one of each test).
    ///
    /// # Errors
    /// On a violation or a navigation failure.
    pub async fn open(&mut self, url: &str) -> Result<()> {
        self.assert_no_csp_violations().await?;
        self.allow_violations = false;
        self.client
            .goto(url)
            .await
            .with_context(|| format!("opening {url} in {}", self.engine))
    }

    /// Waits until `script` (a function body) returns a truthy value, and returns it. `what` says
    /// what is awaited, for the error message.
    ///
    /// # Errors
    /// When the timeout passes; the error shows what the page displays at that moment.
    pub async fn wait_for(&self, what: &str, script: &str) -> Result<Value> {
        let start = Instant::now();
        let mut last_error = None;
        loop {
            match self.js(script).await {
                Ok(v) if truthy(&v) => return Ok(v),
                Ok(_) => {}
                // A script can fail while a page is being replaced; keep waiting.
                Err(e) => last_error = Some(e),
            }
            if start.elapsed() > self.timeout {
                let page = self.page_state().await;
                let err = last_error
                    .map(|e| format!("\nlast script error: {e:#}"))
                    .unwrap_or_default();
                let message = format!(
                    "timed out after {:?} waiting for {what} in {}.\nThe page: {page}{err}",
                    self.timeout, self.engine
                );
                if self.is_blank().await {
                    return Err(anyhow::Error::new(BlankPage(message)));
                }
                bail!(message);
            }
            // Polling the condition again, not sleeping for a guessed time.
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Opens `base` + `query` (a query string without `?`, or empty) and waits until the
    /// explorer has rendered its first state; fails at once on the panic banner or a load error.
    ///
    /// # Errors
    /// On an error shown, or when the explorer does not start in time.
    pub async fn open_app(&mut self, base: &str, query: &str) -> Result<()> {
        let url = if query.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{query}")
        };
        self.open(&url).await?;
        let state = self
            .wait_for(
                "the explorer (or an error)",
                &format!(
                    "{SHOWN_ERROR}
                    const app = document.getElementById('app');
                    if (app && app.dataset.stateSeq !== undefined && document.querySelector('[role=tablist]')) return 'ok';
                    return null;"
                ),
            )
            .await?;
        ensure!(
            state == "ok",
            "the explorer did not start at {url}: {state}"
        );
        Ok(())
    }

    /// Sets the desktop window size (1280 × 800) the explorer's tests assume.
    ///
    /// # Errors
    /// When the driver refuses.
    pub async fn desktop(&self) -> Result<()> {
        self.set_window_size(1280, 800).await
    }

    /// The page's query string, decoded for readable assertions.
    ///
    /// # Errors
    /// When the page cannot be read.
    pub async fn search(&self) -> Result<String> {
        let v = self
            .js("return decodeURIComponent(location.search.replace(/\\+/g, ' '));")
            .await?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    /// Waits until the query string satisfies `pred` (the URL is written just after a render);
    /// returns it.
    ///
    /// # Errors
    /// When the timeout passes first.
    pub async fn wait_for_search(&self, what: &str, pred: impl Fn(&str) -> bool) -> Result<String> {
        let start = Instant::now();
        loop {
            let s = self.search().await?;
            if pred(&s) {
                return Ok(s);
            }
            if start.elapsed() > self.timeout {
                bail!("timed out waiting for the URL to {what}; it is {s:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until a CSS selector matches an element.
    ///
    /// # Errors
    /// When the timeout passes first.
    pub async fn wait_for_css(&self, what: &str, css: &str) -> Result<()> {
        let script = format!("return !!document.querySelector({});", Value::from(css));
        self.wait_for(what, &script).await.map(|_| ())
    }

    /// Waits until a CSS selector matches nothing.
    ///
    /// # Errors
    /// When the timeout passes first.
    pub async fn wait_for_no_css(&self, what: &str, css: &str) -> Result<()> {
        let script = format!("return !document.querySelector({});", Value::from(css));
        self.wait_for(what, &script).await.map(|_| ())
    }

    /// Waits until the tab with id `id` is the selected one.
    ///
    /// # Errors
    /// When the timeout passes first.
    pub async fn wait_for_tab(&self, id: &str) -> Result<()> {
        let script = format!(
            "const t = document.querySelector('[role=tab][aria-selected=true]'); return t && t.id === {};",
            Value::from(id)
        );
        self.wait_for(&format!("the {id} tab to be selected"), &script)
            .await
            .map(|_| ())
    }

    /// Clicks the first element matching `css` the way a user would (scrolled into view first).
    ///
    /// # Errors
    /// When nothing matches or the click fails.
    pub async fn click(&self, css: &str) -> Result<()> {
        self.js_with(
            "const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView({block: 'center'}); return !!e;",
            vec![Value::from(css)],
        )
        .await?;
        let e = self
            .client
            .find(Locator::Css(css))
            .await
            .with_context(|| format!("finding {css}"))?;
        e.click().await.with_context(|| format!("clicking {css}"))?;
        Ok(())
    }

    /// Presses one key on whatever has focus.
    ///
    /// # Errors
    /// When the driver refuses the key.
    pub async fn press(&self, key: char) -> Result<()> {
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client
            .perform_actions(keys)
            .await
            .with_context(|| format!("pressing {key:?}"))?;
        self.client.release_actions().await.ok();
        Ok(())
    }

    /// The id of the focused element (empty when none has an id).
    ///
    /// # Errors
    /// When the page cannot be read.
    pub async fn focused_id(&self) -> Result<String> {
        let v = self
            .js("return document.activeElement ? document.activeElement.id : '';")
            .await?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    /// The text of the first element matching `css` (empty when none matches).
    ///
    /// # Errors
    /// When the page cannot be read.
    pub async fn text_of(&self, css: &str) -> Result<String> {
        let v = self
            .js_with(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
                vec![Value::from(css)],
            )
            .await?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    /// Waits for the app to render its document list, and fails at once if the page shows the
    /// panic banner, the loader's error or the corpus error instead.
    ///
    /// # Errors
    /// On an error shown, or when nothing renders in time.
    pub async fn wait_for_app(&self) -> Result<()> {
        let state = self
            .wait_for(
                "the document list (or an error)",
                &format!(
                    "{SHOWN_ERROR}
                const corpus = document.querySelector('[data-testid=corpus-error]');
                if (corpus) return 'corpus error: ' + corpus.textContent;
                if (document.querySelector('[data-testid=document]')) return 'ok';
                return null;"
                ),
            )
            .await?;
        match state.as_str() {
            Some("ok") => Ok(()),
            Some(other) => bail!("the app did not start in {}: {other}", self.engine),
            None => bail!("unexpected state {state}"),
        }
    }

    /// The ids of the rendered documents, in page order.
    ///
    /// # Errors
    /// When the page cannot be read.
    pub async fn rendered_ids(&self) -> Result<Vec<String>> {
        let v = self
            .js("return Array.from(document.querySelectorAll('[data-testid=document]'), (e) => e.dataset.id);")
            .await?;
        serde_json::from_value(v).context("document ids")
    }

    /// The CSP violations the page recorded (empty off an entente page).
    ///
    /// # Errors
    /// When the page cannot be read.
    pub async fn csp_violations(&self) -> Result<Vec<String>> {
        let v = self.js(READ_VIOLATIONS).await?;
        Ok(serde_json::from_value::<Option<Vec<String>>>(v)?.unwrap_or_default())
    }

    /// Fails if the current page recorded a CSP violation (the runner also calls this after every
    /// test).
    ///
    /// # Errors
    /// On a violation.
    pub async fn assert_no_csp_violations(&self) -> Result<()> {
        if self.allow_violations {
            return Ok(());
        }
        // A page that cannot be read (a blank or crashed one) has nothing to report.
        let Ok(violations) = self.csp_violations().await else {
            return Ok(());
        };
        if !violations.is_empty() {
            let url = self
                .client
                .current_url()
                .await
                .map(|u| u.to_string())
                .unwrap_or_default();
            bail!(
                "Content-Security-Policy violations on {url} in {}: {}",
                self.engine,
                violations.join("; ")
            );
        }
        Ok(())
    }

    /// For a test that provokes violations on purpose: the current page is not checked for
    /// violations (until the next [`Ctx::open`]).
    pub fn expect_violations_here(&mut self) {
        self.allow_violations = true;
    }

    /// Sets the window size (the viewport may be a little smaller, and an engine may refuse to go
    /// below its minimum width: read `window.innerWidth` for the real width).
    ///
    /// # Errors
    /// When the driver refuses.
    pub async fn set_window_size(&self, width: u32, height: u32) -> Result<()> {
        self.client
            .set_window_size(width, height)
            .await
            .with_context(|| format!("resizing the {} window to {width}×{height}", self.engine))
    }

    /// Saves a screenshot of the viewport to `tests/artifacts/<engine>-<name>.png`.
    ///
    /// # Errors
    /// When the driver cannot take it or the file cannot be written.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let png = self
            .client
            .screenshot()
            .await
            .context("taking a screenshot")?;
        std::fs::create_dir_all(&self.artifacts)?;
        let path = self.artifacts.join(format!("{}-{name}.png", self.engine));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// A new session replacing the current one (a fresh browser profile: empty storage, no
    /// history).
    ///
    /// # Errors
    /// When the driver refuses the session.
    pub async fn restart_session(&mut self) -> Result<()> {
        // geckodriver and WebKitWebDriver hold one session at a time: close before opening.
        let _ = self.client.clone().close().await;
        self.client = self.browser.new_session().await?;
        Ok(())
    }

    /// Whether the page shows nothing at all: no rendered text, not even the static page's
    /// "Loading entente…" (an app that is merely slow shows that; one that cannot start shows
    /// the loader's error or the panic banner).
    async fn is_blank(&self) -> bool {
        self.js("const load = document.getElementById('entente-load-error'); return !document.getElementById('entente-panic') && !(load && !load.hidden) && (!document.body || document.body.innerText.trim() === '');")
            .await
            .is_ok_and(|v| v == Value::Bool(true))
    }

    /// A short description of what the page shows, for error messages.
    pub async fn page_state(&self) -> String {
        let url = self
            .client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_else(|e| format!("(no URL: {e})"));
        let text = self
            .js("return document.body ? document.body.innerText.slice(0, 400) : '(no body)';")
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        format!("{url} showing {:?}", text.replace('\n', " "))
    }

    /// The value of `name` in the page's Content-Security-Policy meta element, as a list of
    /// sources, or `None` when the directive is absent.
    ///
    /// # Errors
    /// When the page has no policy.
    pub async fn csp_directive(&self, name: &str) -> Result<Option<Vec<String>>> {
        let policy = self
            .js("const m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]'); return m ? m.content : null;")
            .await?;
        let policy = policy
            .as_str()
            .ok_or_else(|| anyhow!("the page has no Content-Security-Policy meta element"))?;
        Ok(parse_policy(policy)
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, sources)| sources))
    }
}

/// Splits a policy into `(directive, sources)`, directive names lowercased.
pub fn parse_policy(policy: &str) -> Vec<(String, Vec<String>)> {
    policy
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_ascii_lowercase();
            Some((name, words.map(str::to_string).collect()))
        })
        .collect()
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_policies() {
        let p = parse_policy(
            "default-src 'none'; Script-Src 'self' 'wasm-unsafe-eval' ;img-src 'self' data:;",
        );
        assert_eq!(
            p,
            vec![
                ("default-src".into(), vec!["'none'".into()]),
                (
                    "script-src".into(),
                    vec!["'self'".into(), "'wasm-unsafe-eval'".into()]
                ),
                ("img-src".into(), vec!["'self'".into(), "data:".into()]),
            ]
        );
    }
}

/// A wait that timed out on a page that shows nothing, not even its static "Loading entente…"
/// text. Seen rarely in WebKitGTK (twice in this project's CI, on two different tests, each
/// passing when repeated); the runner runs such a test once more in a fresh session. An app
/// that fails to start shows the loader's error or the panic banner instead and fails at once,
/// and one that fails every time fails the second run too.
#[derive(Debug)]
pub struct BlankPage(pub String);

impl std::fmt::Display for BlankPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} (the page showed nothing, not even its loading text)",
            self.0
        )
    }
}

impl std::error::Error for BlankPage {}

#[cfg(test)]
mod blank_page_tests {
    use super::BlankPage;
    use anyhow::Context as _;

    /// The runner finds a blank page under the context that tests add on the way up.
    #[test]
    fn a_blank_page_is_recognised_through_added_context() {
        let inner: anyhow::Result<()> = Err(anyhow::Error::new(BlankPage("timed out".into())));
        let outer = inner
            .context("opening the app")
            .with_context(|| "in a test")
            .unwrap_err();
        assert!(outer.downcast_ref::<BlankPage>().is_some());
        let other = anyhow::anyhow!("an assertion failed").context("in a test");
        assert!(other.downcast_ref::<BlankPage>().is_none());
    }
}
