//! The runner: finds `dist/`, serves it, computes the expected corpus, and runs every test in
//! every selected engine, one engine after the other (the machine has two cores), printing one
//! line per test, a summary per engine with its time, and a closing `N passed, M failed` line.
//!
//! Environment: `ENTENTE_BROWSERS` (engines), `ENTENTE_BROWSER_TESTS` (substrings of test names, comma-separated),
//! `ENTENTE_DIST` (the built site; default `dist/`), `ENTENTE_CORPUS` (as for `build.rs`),
//! `ENTENTE_BROWSER_TIMEOUT` (seconds a wait may take; default 30).

use crate::context::{BlankPage, Ctx, Expected, Site};
use crate::engine::{browser_version, Browser, Engine};
use anyhow::{bail, Context as _, Result};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::process::ExitCode;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// A test function: `async fn(&mut Ctx) -> anyhow::Result<()>`, boxed (see [`crate::test!`]).
pub type TestFn = for<'a> fn(&'a mut Ctx) -> Pin<Box<dyn Future<Output = Result<()>> + 'a>>;

/// A test of the suite.
pub struct Test {
    /// Its name (the function's).
    pub name: &'static str,
    /// The engines it runs in; `None` for all.
    pub only: Option<&'static [Engine]>,
    /// The test.
    pub run: TestFn,
}

/// The longest a single test may take, whatever its waits say.
const TEST_LIMIT: Duration = Duration::from_secs(180);

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| PathBuf::from("."))
}

/// Reads the corpus folder the way `build.rs` does: every importable file, through the core's
/// importer.
fn expected_corpus(root: &Path) -> Result<Expected> {
    let folder = match std::env::var("ENTENTE_CORPUS") {
        Ok(dir) if !dir.trim().is_empty() => root.join(dir.trim()),
        _ => root.join("seeds"),
    };
    let mut files = Vec::new();
    for entry in
        std::fs::read_dir(&folder).with_context(|| format!("reading {}", folder.display()))?
    {
        let path = entry?.path();
        let importable = entente_core::import::Format::from_name(&path.to_string_lossy()).is_some();
        if path.is_file() && importable {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            files.push((name, std::fs::read(&path)?));
        }
    }
    Ok(Expected {
        corpus: entente_core::Corpus {
            name: "expected".into(),
            documents: entente_core::import::read_files(files).documents,
        },
    })
}

/// Runs `tests` in every selected engine; the suite's `main`.
pub fn main(tests: Vec<Test>) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("browser suite: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run_all(tests)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("browser suite: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run_all(tests: Vec<Test>) -> Result<bool> {
    let root = workspace_root();
    let dist = std::env::var_os("ENTENTE_DIST").map_or_else(|| root.join("dist"), PathBuf::from);
    let dist = dist.canonicalize().with_context(|| {
        format!(
            "{} is missing: run `cargo xtask dist` first",
            dist.display()
        )
    })?;
    for file in ["index.html", "entente.html"] {
        if !dist.join(file).is_file() {
            bail!(
                "{} has no {file}: run `cargo xtask dist` first",
                dist.display()
            );
        }
    }
    let artifacts = root.join("tests/artifacts");
    std::fs::create_dir_all(&artifacts)?;
    let server = xtask::server::Server::start(
        "127.0.0.1:0",
        xtask::server::Config {
            root: dist.clone(),
            prefixes: vec!["/entente/".into()],
            broken_prefixes: vec!["/broken/".into()],
        },
    )?;
    let site = Site {
        single_file: format!("file://{}", dist.join("entente.html").display()),
        served: format!("{}/entente/", server.origin()),
        broken: format!("{}/broken/", server.origin()),
        origin: server.origin(),
        dist,
    };
    let expected = expected_corpus(&root)?;
    let timeout = std::env::var("ENTENTE_BROWSER_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(Duration::from_secs(30), Duration::from_secs);
    let filter = std::env::var("ENTENTE_BROWSER_TESTS").unwrap_or_default();

    let (mut passed, mut failed) = (0, 0);
    let mut summaries = Vec::new();
    for engine in Engine::selected()? {
        let chosen: Vec<&Test> = tests
            .iter()
            .filter(|t| t.only.is_none_or(|only| only.contains(&engine)))
            .filter(|t| filter.is_empty() || filter.split(',').any(|f| t.name.contains(f)))
            .collect();
        let start = Instant::now();
        let (p, f, version) =
            run_engine(engine, &chosen, &site, &expected, &artifacts, timeout).await;
        passed += p;
        failed += f;
        let line = format!(
            "{engine} ({version}): {p} passed, {f} failed in {:.1} s",
            start.elapsed().as_secs_f64()
        );
        println!("{line}");
        summaries.push(line);
    }
    drop(server);
    println!("\nbrowser suite summary:");
    for s in &summaries {
        println!("  {s}");
    }
    println!("browser: {passed} passed, {failed} failed");
    Ok(failed == 0)
}

/// Runs the tests in one engine; returns (passed, failed, browser version). A failure to start
/// the engine counts as one failure per test.
async fn run_engine(
    engine: Engine,
    tests: &[&Test],
    site: &Site,
    expected: &Expected,
    artifacts: &Path,
    timeout: Duration,
) -> (usize, usize, String) {
    println!("\n== {engine}: {} tests", tests.len());
    let started = async {
        let browser = Rc::new(Browser::launch(engine, artifacts)?);
        let client = browser.new_session().await?;
        Ok::<_, anyhow::Error>((browser, client))
    }
    .await;
    let (browser, client) = match started {
        Ok(b) => b,
        Err(e) => {
            println!("FAIL {engine}: the browser did not start: {e:#}");
            return (0, tests.len(), "not started".into());
        }
    };
    let version = browser_version(&client);
    let mut ctx = Ctx {
        engine,
        client,
        site: site.clone(),
        expected: expected.clone(),
        artifacts: artifacts.to_path_buf(),
        timeout,
        browser,
        allow_violations: false,
    };
    let (mut passed, mut failed) = (0, 0);
    for test in tests {
        let start = Instant::now();
        let mut result = match tokio::time::timeout(TEST_LIMIT, (test.run)(&mut ctx)).await {
            Ok(r) => r,
            Err(_) => Err(anyhow::anyhow!("the test took longer than {TEST_LIMIT:?}")),
        };
        // A test that hangs (a WebDriver command that never returns: seen once in WebKitGTK on a
        // cold navigation that passes alone in 4 s), or whose page never loaded at all
        // ([`BlankPage`]: seen twice in WebKitGTK), is run once more in a fresh session, and
        // says so. A test that fails an assertion is never retried.
        let blank = result
            .as_ref()
            .err()
            .and_then(|e| e.downcast_ref::<BlankPage>())
            .map(|b| b.0.clone());
        if start.elapsed() >= TEST_LIMIT || blank.is_some() {
            let why = blank.map_or_else(
                || format!("no answer for {TEST_LIMIT:?}"),
                |b| {
                    format!(
                        "a page never loaded ({})",
                        b.lines().next().unwrap_or_default()
                    )
                },
            );
            println!(
                "RETRY {engine} {}: {why}; once more in a fresh session",
                test.name
            );
            if let Err(e) = ctx.restart_session().await {
                println!("     the session could not be restarted: {e:#}");
            }
            result = match tokio::time::timeout(TEST_LIMIT, (test.run)(&mut ctx)).await {
                Ok(r) => r,
                Err(_) => Err(anyhow::anyhow!(
                    "the test took longer than {TEST_LIMIT:?}, twice"
                )),
            };
        }
        // Every test also answers for the CSP of the page it ends on.
        let result = match result {
            Ok(()) => ctx.assert_no_csp_violations().await,
            Err(e) => Err(e),
        };
        ctx.allow_violations = false;
        let took = start.elapsed().as_secs_f64();
        match result {
            Ok(()) => {
                passed += 1;
                println!("ok   {engine} {} ({took:.1} s)", test.name);
            }
            Err(e) => {
                failed += 1;
                println!("FAIL {engine} {} ({took:.1} s): {e:#}", test.name);
                if let Ok(path) = ctx.screenshot(&format!("FAILED-{}", test.name)).await {
                    println!("     screenshot: {}", path.display());
                }
                // The next test starts from a fresh browser, whatever state this one left.
                if let Err(e) = ctx.restart_session().await {
                    println!("     and the session could not be restarted: {e:#}");
                }
            }
        }
    }
    let _ = ctx.client.clone().close().await;
    (passed, failed, version)
}
