//! The three engines and how each one starts here: the driver, the browser binary and the
//! capabilities. Everything engine-specific lives in this file, so a test only ever asks
//! [`Ctx::engine`](crate::Ctx) when an engine truly behaves differently (for example an API an
//! engine lacks under `file://`).

use crate::process::{free_port, listening, Owned};
use anyhow::{anyhow, bail, Context as _, Result};
use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Map, Value};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A browser engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Engine {
    /// Blink: Debian's Chromium, driven by chromedriver, headless.
    Chromium,
    /// Gecko: Firefox ESR, driven by geckodriver, headless.
    Firefox,
    /// WebKit: WebKitGTK's MiniBrowser, driven by WebKitWebDriver under Xvfb.
    Webkit,
}

impl Engine {
    /// Every engine, in the order the suite runs them.
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::Webkit];

    /// The name used in `ENTENTE_BROWSERS` and in artefact file names.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::Webkit => "webkit",
        }
    }

    /// Parses a name.
    pub fn from_name(name: &str) -> Option<Engine> {
        Engine::ALL.into_iter().find(|e| e.name() == name)
    }

    /// The engines picked by `ENTENTE_BROWSERS` (comma-separated), or all of them.
    ///
    /// # Errors
    /// On an unknown name.
    pub fn selected() -> Result<Vec<Engine>> {
        let Some(list) = std::env::var("ENTENTE_BROWSERS")
            .ok()
            .filter(|l| !l.trim().is_empty())
        else {
            return Ok(Engine::ALL.to_vec());
        };
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                Engine::from_name(s).ok_or_else(|| {
                    anyhow!("unknown browser {s:?} in ENTENTE_BROWSERS (chromium, firefox, webkit)")
                })
            })
            .collect()
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A running driver (and, for WebKit, its X display), ready to open sessions. Dropping it stops
/// them.
pub struct Browser {
    /// The engine.
    pub engine: Engine,
    port: u16,
    scratch: PathBuf,
    sessions: AtomicUsize,
    // Field order is drop order: the driver goes before the display it draws on, and the scratch
    // folder (profiles, the driver's TMPDIR) after both.
    _driver: Owned,
    _display: Option<(Owned, String)>,
    _scratch: Scratch,
}

/// A folder removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

fn find_program(candidates: &[&str]) -> Result<PathBuf> {
    for c in candidates {
        let p = Path::new(c);
        if p.is_absolute() && p.is_file() {
            return Ok(p.to_path_buf());
        }
        if let Some(p) = find_on_path(c) {
            return Ok(p);
        }
    }
    bail!(
        "none of {} is installed (run `cargo xtask setup`)",
        candidates.join(", ")
    )
}

/// WebKitGTK's MiniBrowser lives in a versioned library folder.
fn find_minibrowser() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("ENTENTE_MINIBROWSER") {
        return Ok(PathBuf::from(p));
    }
    let mut roots = vec![PathBuf::from("/usr/libexec"), PathBuf::from("/usr/lib")];
    if let Ok(entries) = std::fs::read_dir("/usr/lib") {
        roots.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir()),
        );
    }
    for root in roots {
        for api in ["webkit2gtk-4.1", "webkit2gtk-4.0", "webkitgtk-6.0"] {
            let p = root.join(api).join("MiniBrowser");
            if p.is_file() {
                return Ok(p);
            }
        }
    }
    bail!("WebKitGTK's MiniBrowser was not found (install webkit2gtk-driver, or set ENTENTE_MINIBROWSER)")
}

/// Starts Xvfb on the first free display number.
fn start_display(logs: &Path) -> Result<(Owned, String)> {
    let xvfb = find_program(&["Xvfb"])?;
    for n in 90..130 {
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
        if socket.exists() || Path::new(&format!("/tmp/.X{n}-lock")).exists() {
            continue;
        }
        let mut command = Command::new(&xvfb);
        command.args([
            &format!(":{n}"),
            "-screen",
            "0",
            "1280x1024x24",
            "-nolisten",
            "tcp",
        ]);
        let mut display = Owned::spawn("Xvfb", command, &logs.join("xvfb.log"))?;
        match display.wait_until("X socket", Duration::from_secs(20), || socket.exists()) {
            Ok(()) => return Ok((display, format!(":{n}"))),
            // Another display may have taken the number meanwhile: try the next one.
            Err(_) => continue,
        }
    }
    bail!("no free X display number for Xvfb in :90–:129")
}

impl Browser {
    /// Starts the engine's driver (and display), logging into `logs`.
    ///
    /// # Errors
    /// When a program is missing or does not start.
    pub fn launch(engine: Engine, logs: &Path) -> Result<Browser> {
        let scratch = std::env::temp_dir().join(format!(
            "entente-browser-{}-{}",
            engine.name(),
            std::process::id()
        ));
        std::fs::create_dir_all(&scratch)?;
        let port = free_port()?;
        let log = logs.join(format!("{}-driver.log", engine.name()));
        let mut display = None;
        let mut command = match engine {
            Engine::Chromium => {
                let mut c = Command::new(find_program(&["chromedriver"])?);
                c.arg(format!("--port={port}"));
                c
            }
            Engine::Firefox => {
                let mut c = Command::new(find_program(&["geckodriver"])?);
                c.args(["--port", &port.to_string(), "--host", "127.0.0.1"]);
                c
            }
            Engine::Webkit => {
                let (x, name) = start_display(logs)?;
                let mut c = Command::new(find_program(&["WebKitWebDriver"])?);
                c.arg(format!("--port={port}")).env("DISPLAY", &name);
                display = Some((x, name));
                c
            }
        };
        command.env("TMPDIR", &scratch);
        let mut driver = Owned::spawn(&format!("{engine} driver"), command, &log)?;
        driver.wait_until("listening", Duration::from_secs(30), || listening(port))?;
        Ok(Browser {
            engine,
            port,
            scratch: scratch.clone(),
            sessions: AtomicUsize::new(0),
            _driver: driver,
            _display: display,
            _scratch: Scratch(scratch),
        })
    }

    /// The W3C capabilities for a new session.
    fn capabilities(&self) -> Result<Map<String, Value>> {
        let n = self.sessions.fetch_add(1, Ordering::SeqCst);
        let caps = match self.engine {
            Engine::Chromium => {
                let profile = self.scratch.join(format!("profile-{n}"));
                json!({
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": find_program(&["/usr/lib/chromium/chromium", "chromium", "chromium-browser"])?,
                        "args": [
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-dev-shm-usage",
                            "--no-first-run",
                            "--no-default-browser-check",
                            "--window-size=1280,800",
                            format!("--user-data-dir={}", profile.display()),
                        ],
                    },
                    // The DevTools network log: the suite checks that no request leaves the page.
                    "goog:loggingPrefs": { "performance": "ALL", "browser": "ALL" },
                })
            }
            Engine::Firefox => json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": find_program(&["firefox-esr", "firefox"])?,
                    "args": ["-headless", "-width=1280", "-height=800"],
                    "prefs": {
                        "browser.shell.checkDefaultBrowser": false,
                        "datareporting.policy.dataSubmissionEnabled": false,
                        "app.update.enabled": false,
                    },
                },
            }),
            Engine::Webkit => json!({
                "webkitgtk:browserOptions": {
                    "binary": find_minibrowser()?,
                    "args": ["--automation"],
                },
            }),
        };
        match caps {
            Value::Object(map) => Ok(map),
            _ => unreachable!("capabilities are a JSON object"),
        }
    }

    /// Opens a new session: a fresh browser with a fresh profile.
    ///
    /// # Errors
    /// When the driver refuses the session.
    pub async fn new_session(&self) -> Result<Client> {
        let caps = self.capabilities()?;
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .with_context(|| format!("{} refused a new session", self.engine))?;
        Ok(client)
    }
}

/// "Chrome 156.0.8078.79", from a session's capabilities.
pub fn browser_version(client: &Client) -> String {
    client
        .capabilities()
        .map(|c| {
            let name = c.get("browserName").and_then(Value::as_str).unwrap_or("?");
            let version = c
                .get("browserVersion")
                .and_then(Value::as_str)
                .unwrap_or("?");
            format!("{name} {version}")
        })
        .unwrap_or_else(|| "unknown version".into())
}
