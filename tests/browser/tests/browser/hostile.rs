//! Hostile input (issue 11), in every engine unless marked: the panic banner copies a bug report
//! (or shows it to copy by hand) and resets the view; tampered links open the app with a small
//! notice that names the problem; the hostile documents of `tests/fixtures/hostile/` and a 5 MB
//! single line, inlined in a copy of the single file, render as visible text, run nothing and
//! request nothing; a corpus of 100,000 one-line documents opens and shows its count.
//!
//! The corpora are packed at test time by the release CLI (`entente pack`, as a user would) and
//! inlined the way a saved single file carries its corpus: as text (`entente_core::inline_text`)
//! in the `<script type="application/octet-stream" id="entente-corpus">` data block, which is not
//! executable, so the page's CSP hashes stay valid. Nothing large is committed. `cargo xtask test`
//! builds the release CLI before the suite; run by hand, the first test that packs builds it
//! (a few minutes after a change to the core), so run `cargo build --release -p entente-cli`
//! first.

use super::foundation::page_requests;
use anyhow::{bail, ensure, Context as _, Result};
use entente_browser_tests::{test, Ctx, Engine, Test};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub fn tests() -> Vec<Test> {
    vec![
        test!(the_panic_banner_copies_a_bug_report_and_resets_the_view),
        test!(tampered_links_open_with_a_notice_naming_the_problem),
        test!(hostile_documents_render_as_inert_text),
        test!(a_hundred_thousand_documents_open),
    ]
}

// ------------------------------------------------------------------------------------------
// Panic banner

/// Clicks "Copy bug report" and waits for its outcome: "copied" or "field" (the fallback).
async fn copy_report_outcome(ctx: &Ctx) -> Result<String> {
    ctx.click("[data-testid=copy-bug-report]").await?;
    let v = ctx
        .wait_for(
            "the bug report to be copied or shown",
            r#"
            const field = document.getElementById('entente-panic-report');
            if (field && !field.parentNode.hidden && field.offsetHeight > 0) return 'field';
            const s = document.getElementById('entente-panic-status');
            return s && s.textContent.includes('copied') ? 'copied' : null;
            "#,
        )
        .await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

/// The report holds the message, the version and the view's URL.
fn check_report(report: &str, href: &str) -> Result<()> {
    let version = format!("entente {}", env!("CARGO_PKG_VERSION"));
    for needle in [
        version.as_str(),
        "debug=panic",
        &format!("View: {href}\n"),
        "Browser: ",
    ] {
        ensure!(
            report.contains(needle),
            "the bug report lacks {needle:?}: {report:?}"
        );
    }
    Ok(())
}

/// The fallback field is visible with its label, focused, read-only, fully selected, and holds
/// the report.
async fn check_report_field(ctx: &Ctx) -> Result<()> {
    let v = ctx
        .js(r#"
            const f = document.getElementById('entente-panic-report');
            const l = document.querySelector('label[for=entente-panic-report]');
            return [f.value, location.href, document.activeElement === f, f.selectionStart,
                    f.selectionEnd, f.value.length, f.readOnly, l ? l.textContent : '',
                    f.offsetHeight > 0];
        "#)
        .await?;
    check_report(
        v[0].as_str().unwrap_or_default(),
        v[1].as_str().unwrap_or_default(),
    )?;
    ensure!(v[2] == Value::Bool(true), "the field does not have focus");
    ensure!(
        v[3] == 0 && v[4] == v[5],
        "the report is not selected: {} to {} of {}",
        v[3],
        v[4],
        v[5]
    );
    ensure!(v[6] == Value::Bool(true), "the field is not read-only");
    ensure!(
        v[7].as_str()
            .is_some_and(|l| l.contains("copy this bug report"))
            && v[8] == Value::Bool(true),
        "the field is not visible with its label: {v}"
    );
    Ok(())
}

/// Opens the page with `?debug=panic` and waits for the banner.
async fn open_panicking(ctx: &mut Ctx, base: &str) -> Result<()> {
    ctx.open(&format!("{base}?debug=panic&q=energy")).await?;
    ctx.wait_for(
        "the panic banner",
        "const b = document.getElementById('entente-panic'); return b && b.offsetHeight > 0;",
    )
    .await?;
    Ok(())
}

async fn the_panic_banner_copies_a_bug_report_and_resets_the_view(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    for base in [ctx.site.served.clone(), ctx.site.single_file.clone()] {
        // Whatever the engine allows, the user gets the report.
        open_panicking(ctx, &base).await?;
        match copy_report_outcome(ctx).await?.as_str() {
            "field" => check_report_field(ctx).await?,
            "copied" => {
                // Where the clipboard can be read back, it holds the report.
                let read = ctx
                    .client
                    .execute_async(
                        "const done = arguments[arguments.length - 1]; try { navigator.clipboard.readText().then(done, () => done(null)); } catch (e) { done(null); }",
                        vec![],
                    )
                    .await
                    .unwrap_or(Value::Null);
                if let Some(text) = read.as_str() {
                    let href = ctx.js("return location.href;").await?;
                    check_report(text, href.as_str().unwrap_or_default())?;
                }
            }
            other => bail!("unexpected copy outcome {other}"),
        }
        // Without a clipboard API, and with one that refuses: the field, never silence.
        for stub in [
            "Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true});",
            "Object.defineProperty(navigator, 'clipboard', {value: {writeText: () => Promise.reject(new Error('denied'))}, configurable: true});",
            "Object.defineProperty(navigator, 'clipboard', {value: {writeText: () => { throw new Error('denied'); }}, configurable: true});",
        ] {
            open_panicking(ctx, &base).await?;
            ctx.js(stub).await?;
            ensure!(
                copy_report_outcome(ctx).await? == "field",
                "{base}: no fallback field with the clipboard stubbed by {stub}"
            );
            check_report_field(ctx).await?;
        }
        // Reset view: the same page without its query string, which starts cleanly.
        let href = ctx
            .js("return document.querySelector('[data-testid=reset-view]').href;")
            .await?;
        ensure!(
            href.as_str() == Some(base.as_str()),
            "Reset view leads to {href}, not {base}"
        );
        ctx.click("[data-testid=reset-view]").await?;
        // Some drivers return from the click before the navigation starts: wait for the new page
        // (no banner, at the reset URL) before waiting for the app in it.
        ctx.wait_for(
            "the page without its query string",
            &format!(
                "return location.href === {} && !document.getElementById('entente-panic');",
                Value::from(base.as_str())
            ),
        )
        .await?;
        ctx.wait_for_app().await?;
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Tampered links

async fn tampered_links_open_with_a_notice_naming_the_problem(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    let doc = ctx
        .expected
        .ids()
        .into_iter()
        .next()
        .context("the corpus is empty")?;
    let cases: Vec<(String, Vec<String>)> = vec![
        (
            format!("q={}", "energy+".repeat(100 * 1024 / 7)),
            vec!["“q”".into(), "cut to 1000 characters".into()],
        ),
        (
            "q=%zz".into(),
            vec!["“q”".into(), "invalid percent-encoding".into()],
        ),
        (
            "q=%E0%A4%A".into(),
            vec!["invalid percent-encoding".into(), "not valid UTF-8".into()],
        ),
        (
            "q=%FF%FE".into(),
            vec!["“q”".into(), "not valid UTF-8".into()],
        ),
        (
            "v=matrix&v=figures".into(),
            vec!["“v”".into(), "repeated parameter".into()],
        ),
        (
            "utm_source=mail&zzz=1".into(),
            vec![
                "“utm_source”".into(),
                "“zzz”".into(),
                "unknown parameter".into(),
            ],
        ),
        (
            format!("doc={doc}&at=99999999999"),
            vec!["“at”".into(), "99999999999".into(), "out of range".into()],
        ),
        (
            "v=matrix&mn=-5".into(),
            vec!["“mn”".into(), "between 2 and 500".into()],
        ),
        (
            "from=2020-13".into(),
            vec!["“from”".into(), "2020-13".into(), "not a date".into()],
        ),
    ];
    for page in [ctx.site.served.clone(), ctx.site.single_file.clone()] {
        for (query, needles) in &cases {
            let what = format!("{page}?{}", short_query(query));
            // open_app fails on the panic banner or the loader's error.
            ctx.open_app(&page, query)
                .await
                .with_context(|| what.clone())?;
            ctx.wait_for_css("the notices", "[data-testid=notices]")
                .await
                .with_context(|| what.clone())?;
            let v = ctx
                .js("const n = document.querySelector('[data-testid=notices]'); return [n.textContent, n.offsetHeight, window.innerHeight, !!document.getElementById('entente-panic')];")
                .await?;
            let text = v[0].as_str().unwrap_or_default();
            for needle in needles {
                ensure!(
                    text.contains(needle.as_str()),
                    "{what}: the notice does not mention {needle}: {text}"
                );
            }
            // Small and visible: a strip, not a page.
            let (height, viewport) = (v[1].as_u64().unwrap_or(0), v[2].as_u64().unwrap_or(0));
            ensure!(
                height > 0 && height * 4 < viewport,
                "{what}: the notice is {height} px high in a {viewport} px viewport"
            );
            ensure!(v[3] == Value::Bool(false), "{what}: the panic banner shows");
        }
    }
    Ok(())
}

/// A query for messages: the first 60 characters.
fn short_query(query: &str) -> String {
    let mut s: String = query.chars().take(60).collect();
    if s.len() < query.len() {
        s.push('…');
    }
    s
}

// ------------------------------------------------------------------------------------------
// Hostile corpora, packed by the CLI and inlined in a copy of the single file

/// The data block of the single file that carries an inlined corpus.
const CORPUS_SLOT: &str =
    r#"<script type="application/octet-stream" id="entente-corpus"></script>"#;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Packs the `.txt` files of `dir` with the release CLI (`entente pack`), as a user would.
fn pack(dir: &Path) -> Result<Vec<u8>> {
    let out = dir.with_extension("entente");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = std::process::Command::new(cargo)
        .current_dir(workspace_root())
        .args([
            "run",
            "--quiet",
            "--release",
            "-p",
            "entente-cli",
            "--",
            "pack",
            "-o",
        ])
        .arg(&out)
        .arg(dir)
        .status()
        .context("running entente pack")?;
    ensure!(status.success(), "entente pack failed on {}", dir.display());
    std::fs::read(&out).with_context(|| format!("reading {}", out.display()))
}

/// The text files of `dir` as the build-time parser reads them, analysed and encoded, without
/// the importer's cleaning (which drops a `javascript:` link with a warning): a corpus crafted
/// or tampered with can hold anything the format can, and the page must still render it inert.
fn pack_as_parsed(dir: &Path) -> Result<Vec<u8>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .context("file name")?
            .to_string_lossy()
            .into_owned();
        files.push((name, std::fs::read(&path)?));
    }
    let corpus = entente_core::parse::parse_corpus("hostile-corpus", files);
    Ok(entente_core::codec::encode(&entente_core::Analysed::new(
        corpus,
    )))
}

/// Writes a copy of `dist/entente.html` with `corpus` inlined, and returns its `file://` URL.
/// Checks first that the copy keeps the original's policy and hashes: the inlined block is data,
/// not script.
fn inline_in_single_file(ctx: &Ctx, corpus: &[u8], name: &str) -> Result<String> {
    let original = std::fs::read_to_string(ctx.site.dist.join("entente.html"))?;
    ensure!(
        original.matches(CORPUS_SLOT).count() == 1,
        "dist/entente.html has no single empty corpus slot"
    );
    let encoded = entente_core::inline_text::encode(corpus);
    let html = original.replace(
        CORPUS_SLOT,
        &CORPUS_SLOT.replace("></script>", &format!(">{encoded}</script>")),
    );
    ensure!(
        xtask::html::inline_hashes(&html) == xtask::html::inline_hashes(&original),
        "inlining the corpus changed the hashes the page's CSP needs"
    );
    let path = ctx.artifacts.join(format!("{name}.html"));
    std::fs::write(&path, html)?;
    Ok(format!("file://{}", path.canonicalize()?.display()))
}

/// A fresh, empty folder under the artefacts.
fn scratch_folder(ctx: &Ctx, name: &str) -> Result<PathBuf> {
    let dir = ctx.artifacts.join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// The 5 MB single line of `tests/fixtures/hostile/GENERATED.md`.
fn five_megabyte_line() -> String {
    let unit = "The talks continued without a line break, <script>window.__pwned=1</script> ";
    let mut text = String::with_capacity(5 * 1024 * 1024 + unit.len());
    while text.len() < 5 * 1024 * 1024 {
        text.push_str(unit);
    }
    text
}

/// Characters the parser removes (bidi controls, zero-width characters, the BOM): the user must
/// never get them.
const INVISIBLE: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}',
    '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{FEFF}',
];

/// Markup that an injected document would create, found in the app's DOM: elements that load
/// or run things, event-handler attributes, links and sources that are not web or in-page
/// addresses, and CSS `url(` in inline styles.
const FIND_ACTIVE_MARKUP: &str = r#"
const found = [];
// (The app's own search <form> has no action: the attribute check below covers forms.)
const risky = ['script', 'iframe', 'frame', 'img', 'image', 'object', 'embed', 'style', 'link',
  'base', 'meta', 'animate', 'set', 'foreignobject', 'video', 'audio', 'source'];
for (const e of document.getElementById('app').querySelectorAll('*')) {
  const tag = e.tagName.toLowerCase();
  if (risky.includes(tag)) found.push('<' + tag + '>');
  for (const a of e.attributes) {
    const name = a.name.toLowerCase();
    if (name.startsWith('on')) found.push(tag + ' ' + name);
    if (['href', 'src', 'xlink:href', 'action', 'formaction', 'srcdoc', 'data'].includes(name)
        && !/^(https?:\/\/|#)/i.test(a.value.trim())) found.push(tag + ' ' + name + '=' + a.value);
    if (name === 'style' && /url\s*\(/i.test(a.value)) found.push(tag + ' style=' + a.value);
  }
}
return found;
"#;

async fn hostile_documents_render_as_inert_text(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    let dir = scratch_folder(ctx, "hostile-corpus")?;
    let fixtures = workspace_root().join("tests/fixtures/hostile");
    for entry in std::fs::read_dir(&fixtures)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, dir.join(path.file_name().context("file name")?))?;
        }
    }
    std::fs::write(dir.join("five-megabyte-line.txt"), five_megabyte_line())?;
    let bytes = pack_as_parsed(&dir)?;
    // What the page must show: the corpus as packed.
    let corpus = entente_core::codec::decode(&bytes)
        .context("decoding the packed corpus")?
        .corpus;
    ensure!(
        corpus.documents.len() >= 8,
        "the hostile corpus holds {} documents",
        corpus.documents.len()
    );
    let page = inline_in_single_file(ctx, &bytes, "hostile-corpus")?;

    if ctx.engine == Engine::Chromium {
        page_requests(ctx, &page).await?; // drain what came before
    }
    ctx.open(&page).await?;
    ctx.wait_for_app().await?;
    // Any payload that ran while the page loaded would have defined the flag.
    let defined = ctx.js("return '__pwned' in window;").await?;
    ensure!(
        defined == Value::Bool(false),
        "a payload ran while the page loaded"
    );
    ctx.js("window.__pwned = false;").await?;
    let summary = ctx
        .js("return document.querySelector('[data-testid=corpus-summary]').textContent;")
        .await?;
    let n = corpus.documents.len();
    ensure!(
        summary
            .as_str()
            .is_some_and(|s| s.contains(&format!("{n} documents"))),
        "the header says {summary}, not {n} documents"
    );

    for doc in &corpus.documents {
        let (title, _) = doc.display_title();
        let row = format!("[data-testid=document][data-id=\"{}\"]", doc.id);
        // The list shows the title as text.
        let listed = ctx
            .js_with(
                "const r = document.querySelector(arguments[0]); return r ? r.querySelector('.document-title button').textContent : null;",
                vec![Value::from(row.as_str())],
            )
            .await?;
        ensure!(
            listed.as_str() == Some(title.as_str()),
            "{}: the list shows {listed} instead of the title {title:?}",
            doc.id
        );
        ctx.click(&format!("{row} .document-title button")).await?;
        let reader = format!("[data-testid=reader][data-id=\"{}\"]", doc.id);
        ctx.wait_for_css(&format!("the reader of {}", doc.id), &reader)
            .await?;

        // Every paragraph is on screen as text, exactly as parsed. Long ones are compared by
        // their ends and length, so that megabytes need not cross WebDriver.
        let paragraphs: Vec<Value> = doc
            .paragraphs
            .iter()
            .map(|p| {
                let t = &doc.text[p.range()];
                if t.len() <= 4096 {
                    serde_json::json!([t, t.encode_utf16().count()])
                } else {
                    let head: String = t.chars().take(1000).collect();
                    let tail: String = {
                        let mut v: Vec<char> = t.chars().rev().take(1000).collect();
                        v.reverse();
                        v.into_iter().collect()
                    };
                    serde_json::json!([format!("{head}\u{0}{tail}"), t.encode_utf16().count()])
                }
            })
            .collect();
        let missing = ctx
            .js_with(
                r#"
                const text = document.querySelector('[data-testid=reader-text]').textContent;
                return arguments[0].filter(([p, len]) => {
                  const parts = p.split('\u0000');
                  return text.length < len || !parts.every((s) => text.includes(s));
                }).map(([p]) => p.slice(0, 80));
                "#,
                vec![Value::Array(paragraphs)],
            )
            .await?;
        ensure!(
            missing.as_array().is_some_and(Vec::is_empty),
            "{}: paragraphs not shown as text: {missing}",
            doc.id
        );
        let shown_title = ctx
            // The heading's own text, without the "derived title" badge.
            .js("return Array.from(document.getElementById('reader-title').childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent).join('');")
            .await?;
        ensure!(
            shown_title.as_str() == Some(title.as_str()),
            "{}: the reader's title is {shown_title}, not {title:?}",
            doc.id
        );
        let active = ctx.js(FIND_ACTIVE_MARKUP).await?;
        ensure!(
            active.as_array().is_some_and(Vec::is_empty),
            "{}: the page holds active markup: {active}",
            doc.id
        );
        let flag = ctx.js("return window.__pwned;").await?;
        ensure!(
            flag == Value::Bool(false),
            "{}: a payload ran (__pwned = {flag})",
            doc.id
        );
    }

    // What the user sees of the bidi and zero-width document: the words whole, no invisible
    // characters anywhere on the page.
    let shown = ctx
        .js("return document.getElementById('app').textContent;")
        .await?;
    let shown = shown.as_str().unwrap_or_default();
    let hidden: Vec<String> = INVISIBLE
        .iter()
        .filter(|c| shown.contains(**c))
        .map(|c| format!("U+{:04X}", u32::from(*c)))
        .collect();
    ensure!(hidden.is_empty(), "the page shows {}", hidden.join(", "));
    let bidi = corpus
        .documents
        .iter()
        .find(|d| d.source_file.ends_with("bidi-zero-width.txt"))
        .context("the bidi fixture is missing")?;
    ctx.click(&format!(
        "[data-testid=document][data-id=\"{}\"] .document-title button",
        bidi.id
    ))
    .await?;
    ctx.wait_for_css(
        "the bidi document",
        &format!("[data-testid=reader][data-id=\"{}\"]", bidi.id),
    )
    .await?;
    let text = ctx
        .js("return document.querySelector('[data-testid=reader-text]').textContent;")
        .await?;
    let text = text.as_str().unwrap_or_default();
    for words in [
        "a statement txt.exe with reversed text",
        "Belgrade, Budapest and Szeged all appear",
        "inside words",
    ] {
        ensure!(
            text.contains(words),
            "the bidi document does not read {words:?}: {text:?}"
        );
    }

    // A `javascript:` front-matter URL is shown as text, never as a link.
    let js_link = corpus
        .documents
        .iter()
        .find(|d| d.source_file.ends_with("javascript-link.txt"))
        .context("the javascript: fixture is missing")?;
    ensure!(
        js_link
            .url
            .as_ref()
            .is_some_and(|u| u.value.starts_with("javascript:")),
        "the parser no longer keeps the javascript: URL; this check would prove nothing"
    );
    ctx.click(&format!(
        "[data-testid=document][data-id=\"{}\"] .document-title button",
        js_link.id
    ))
    .await?;
    ctx.wait_for_css(
        "the javascript: document",
        &format!("[data-testid=reader][data-id=\"{}\"]", js_link.id),
    )
    .await?;
    let v = ctx
        .js("const t = document.querySelector('[data-testid=source-url-text]'); return [t ? t.textContent : null, !!document.querySelector('[data-testid=source-link]')];")
        .await?;
    ensure!(
        v[0].as_str() == Some("javascript:window.__pwned=1") && v[1] == Value::Bool(false),
        "the javascript: URL is not plain text: {v}"
    );

    let flag = ctx.js("return window.__pwned;").await?;
    ensure!(
        flag == Value::Bool(false),
        "a payload ran (__pwned = {flag})"
    );
    if ctx.engine == Engine::Chromium {
        // Nothing but the file itself (and data: URLs, such as the favicon) was requested: no
        // image, frame, stylesheet or beacon from the documents.
        let page_file = page.split('?').next().unwrap_or(&page).to_string();
        let urls = page_requests(ctx, &page_file).await?;
        ensure!(
            !urls.is_empty(),
            "the network log recorded nothing for {page_file}: is it working?"
        );
        for u in &urls {
            if !(u.starts_with(&page_file) || u.starts_with("data:")) {
                bail!("the hostile corpus made a request to {u} (all: {urls:?})");
            }
        }
    }
    Ok(())
}

/// 100,000 one-line documents (`tests/fixtures/hostile/GENERATED.md`).
const MANY: usize = 100_000;

async fn a_hundred_thousand_documents_open(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    let dir = scratch_folder(ctx, "many-documents")?;
    let started = Instant::now();
    // One JSON array rather than 100,000 files: the same documents, without spending 100,000
    // inodes (and a minute of file system work) on every run in every browser.
    let records: Vec<Value> = (1..=MANY)
        .map(|n| {
            serde_json::json!({
                "text": format!(
                    "Document {n} mentions Georgia and Armenia <img src=x onerror=window.__pwned=1>."
                ),
            })
        })
        .collect();
    std::fs::write(
        dir.join("many-documents.json"),
        serde_json::to_vec(&records)?,
    )?;
    let bytes = pack(&dir)?;
    std::fs::remove_dir_all(&dir)?;
    let packed = started.elapsed();
    let page = inline_in_single_file(ctx, &bytes, "many-documents")?;

    // Opening is the slow part; it gets more than the usual wait, and its time is reported.
    let timeout = ctx.timeout;
    ctx.timeout = timeout.max(Duration::from_secs(150));
    let started = Instant::now();
    ctx.open(&page).await?;
    let opened = ctx.wait_for_app().await;
    let wall = started.elapsed();
    ctx.timeout = timeout;
    opened?;
    let defined = ctx.js("return '__pwned' in window;").await?;
    ensure!(
        defined == Value::Bool(false),
        "a payload ran while the page loaded"
    );
    ctx.js("window.__pwned = false;").await?;
    let summary = ctx
        .js("return document.querySelector('[data-testid=corpus-summary]').textContent;")
        .await?;
    ensure!(
        summary
            .as_str()
            .is_some_and(|s| s.contains("100,000 documents")),
        "the header says {summary}, not 100,000 documents"
    );
    let first_render = ctx
        .js("const m = performance.getEntriesByName('entente:rendered'); return m.length ? m[0].startTime : null;")
        .await?;
    println!(
        "     {MANY} documents ({} KB packed, in {:.1} s): first render {:.0} ms after navigation; app ready {:.1} s after the WebDriver navigation began",
        bytes.len() / 1024,
        packed.as_secs_f64(),
        first_render.as_f64().unwrap_or(f64::NAN),
        wall.as_secs_f64()
    );
    // One of them, in the reader: the payload is text.
    ctx.click("[data-testid=document] .document-title button")
        .await?;
    ctx.wait_for_css("the reader", "[data-testid=reader]")
        .await?;
    let text = ctx
        .js("return document.querySelector('[data-testid=reader-text]').textContent;")
        .await?;
    ensure!(
        text.as_str()
            .is_some_and(|t| t.contains("<img src=x onerror=window.__pwned=1>")),
        "the reader does not show the markup as text: {text}"
    );
    let active = ctx.js(FIND_ACTIVE_MARKUP).await?;
    ensure!(
        active.as_array().is_some_and(Vec::is_empty),
        "the page holds active markup: {active}"
    );
    let flag = ctx.js("return window.__pwned;").await?;
    ensure!(
        flag == Value::Bool(false),
        "a payload ran (__pwned = {flag})"
    );
    Ok(())
}
