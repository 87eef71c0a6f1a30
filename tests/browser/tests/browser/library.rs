//! The corpus library's promises (issues 10 and 11), in every engine: a corpus kept in the
//! browser's storage survives a reload and can be switched to, renamed and deleted (after an
//! in-page confirmation); view URLs name the corpus by its hash, and a link to a corpus the
//! browser does not have says so and opens the built-in corpus with its filters; "Save as a
//! single file" works from the hosted site and from a single file, and the saved file opened
//! from disk shows its corpus and restores a view URL; a failing `indexedDB.open` and an aborted
//! transaction are reported, the app keeps working in memory, and stored corpora stay whole.
//!
//! Corpora reach the library the way a user's would without the import panel: a single file that
//! carries a corpus (made here from `dist/entente.html` with the core's encoder, exactly as "Save
//! as a single file" makes one) is opened, then "Keep in this browser". Those pages are written
//! to `dist/test-pages/` so that they are served from the site's own origin (IndexedDB is per
//! origin), and removed at the end of each test.
//!
//! Downloads: WebDriver gives no common way to read a downloaded file (Chromium and Firefox need
//! profile preferences, WebKitWebDriver has none), so the tests read the file the page offers at
//! the source: the `Blob` handed to `URL.createObjectURL`, the exact bytes the browser would
//! save. The text is then written to disk and opened from `file://` like a downloaded file.

use anyhow::{ensure, Context as _, Result};
use entente_browser_tests::{test, Ctx, Test};
use entente_core::Corpus;
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::Value;
use std::path::PathBuf;

pub fn tests() -> Vec<Test> {
    vec![
        test!(a_kept_corpus_is_switched_renamed_and_deleted_and_survives_reloads),
        test!(a_link_to_an_unknown_corpus_says_so_and_keeps_its_filters),
        test!(a_saved_single_file_shows_its_corpus_and_restores_a_view),
        test!(unavailable_storage_is_reported_and_the_app_works_in_memory),
        test!(an_aborted_write_leaves_the_stored_corpora_whole),
    ]
}

/// The data block a single file carries its corpus in, empty in the built site.
const EMPTY_SLOT: &str =
    "<script type=\"application/octet-stream\" id=\"entente-corpus\"></script>";

/// A small corpus of made-up articles, distinct from the built-in one.
fn test_corpus(name: &str, topic: &str) -> Corpus {
    let files = (1..=3)
        .map(|i| {
            let text = format!(
                "---\ntitle: {topic} report {i}\ndate: 2024-0{i}-1{i}\nsource: Test Wire\n---\n\n\
                 Azerbaijan and Armenia discussed {topic} in Baku on day {i}. \
                 The ministers agreed a $ {i}0 million programme for {topic}.\n"
            );
            (format!("{topic}-{i}.md"), text.into_bytes())
        })
        .collect();
    entente_core::parse::parse_corpus(name, files)
}

/// The corpus in the format the app stores (analysed where it is made), encoded as an import
/// encodes it: fast, without the long-range pass, so a saved file that carries the pass's flag
/// ([`carried`]) shows that the saver compacted it.
fn encode(corpus: &Corpus) -> Vec<u8> {
    entente_core::codec::encode_with_level(&entente_core::Analysed::new(corpus.clone()), 1)
}

/// The corpus as a saved single file carries it in its data block.
fn inlined(bytes: &[u8]) -> String {
    entente_core::inline_text::encode(bytes)
}

/// The corpus a saved file carries, decoded from its data block. The saver compacts the corpus
/// (`codec::compact`), so its bytes may differ from [`encode`]'s; the corpus may not, and it
/// must carry the long-range flag.
fn carried(html: &str) -> Option<Corpus> {
    let slot = xtask::html::find_elements(html, "script", false)
        .into_iter()
        .find(|e| e.attr("id") == Some("entente-corpus"))?;
    let bytes = entente_core::inline_text::decode(&html[slot.inner]).ok()?;
    let flags = u16::from_le_bytes([*bytes.get(10)?, *bytes.get(11)?]);
    if flags & entente_core::codec::FLAG_LONG_RANGE == 0 {
        return None;
    }
    Some(entente_core::codec::decode(&bytes).ok()?.corpus)
}

/// Test pages in `dist/test-pages/`, removed when dropped.
struct Pages {
    dir: PathBuf,
    served: String,
}

impl Pages {
    fn new(ctx: &Ctx) -> Result<Pages> {
        let dir = ctx.site.dist.join("test-pages");
        std::fs::create_dir_all(&dir)?;
        Ok(Pages {
            dir,
            served: format!("{}test-pages/", ctx.site.served),
        })
    }

    /// Writes a single file carrying `corpus` (and an extra inline script, run before the app,
    /// with the policy recomputed to allow it), and returns its served URL.
    fn write(
        &self,
        ctx: &Ctx,
        name: &str,
        corpus: &Corpus,
        script: Option<&str>,
    ) -> Result<String> {
        let template = std::fs::read_to_string(ctx.site.dist.join("entente.html"))?;
        ensure!(
            template.contains(EMPTY_SLOT),
            "dist/entente.html has no empty corpus slot"
        );
        let filled = format!(
            "<script type=\"application/octet-stream\" id=\"entente-corpus\">{}</script>",
            inlined(&encode(corpus))
        );
        let mut html = template.replacen(EMPTY_SLOT, &filled, 1);
        if let Some(script) = script {
            html = html.replacen("</head>", &format!("<script>{script}</script>\n</head>"), 1);
            let policy = xtask::html::single_file_policy(&html);
            html = xtask::html::set_csp(&html, &policy)?;
        }
        std::fs::write(self.dir.join(name), html)?;
        Ok(format!("{}{name}", self.served))
    }
}

impl Drop for Pages {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Waits until the header's summary contains `needle`.
async fn wait_for_summary(ctx: &Ctx, needle: &str) -> Result<()> {
    let script = format!(
        "const s = document.querySelector('[data-testid=corpus-summary]'); return !!s && s.textContent.includes({});",
        Value::from(needle)
    );
    ctx.wait_for(&format!("the header to say {needle:?}"), &script)
        .await
        .map(|_| ())
}

/// Waits until the listed documents are exactly those of `corpus`.
async fn wait_for_documents(ctx: &Ctx, corpus: &Corpus) -> Result<()> {
    let mut expected: Vec<String> = corpus.documents.iter().map(|d| d.id.clone()).collect();
    expected.sort();
    let script = format!(
        "const ids = Array.from(document.querySelectorAll('[data-testid=document]'), (e) => e.dataset.id).sort();
         return JSON.stringify(ids) === {};",
        Value::from(serde_json::to_string(&expected)?)
    );
    ctx.wait_for(&format!("the documents {expected:?}"), &script)
        .await
        .map(|_| ())
}

fn entry(id: &str) -> String {
    format!("[data-testid=corpus-entry][data-id=\"{id}\"]")
}

/// Opens the corpus menu (if closed).
async fn open_menu(ctx: &Ctx) -> Result<()> {
    let open = ctx
        .js("const b = document.querySelector('[data-testid=corpus-menu-button]'); return b && b.getAttribute('aria-expanded') === 'true';")
        .await?;
    if open != Value::Bool(true) {
        ctx.click("[data-testid=corpus-menu-button]").await?;
    }
    ctx.wait_for_css("the corpus menu", "[data-testid=corpus-menu]:not([hidden])")
        .await
}

/// The id of the corpus the page carries (its inlined corpus).
async fn inlined_id(ctx: &Ctx) -> Result<String> {
    let v = ctx
        .wait_for(
            "the inlined corpus in the menu",
            "const e = document.querySelector('[data-testid=corpus-entry][data-origin=\"saved in this file\"]'); return e ? e.dataset.id : null;",
        )
        .await?;
    let id = v.as_str().unwrap_or_default().to_string();
    ensure!(
        id.len() == 12 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "the corpus id {id:?} is not a short hash"
    );
    Ok(id)
}

/// Keeps the corpus with this id in the browser and waits until it is stored.
async fn keep(ctx: &Ctx, id: &str) -> Result<()> {
    open_menu(ctx).await?;
    ctx.click(&format!("{} [data-testid=corpus-keep]", entry(id)))
        .await?;
    ctx.wait_for_css(
        "the corpus to be kept",
        &format!("{}[data-origin=\"kept in this browser\"]", entry(id)),
    )
    .await
}

/// Makes the page hand every HTML blob it creates (the saved single file) to
/// `window.__ententeSaved`, as text.
async fn capture_downloads(ctx: &Ctx) -> Result<()> {
    ctx.js("window.__ententeSaved = null;
         const create = URL.createObjectURL;
         URL.createObjectURL = function (blob) {
           if (blob instanceof Blob && blob.type.startsWith('text/html')) {
             blob.text().then((t) => { window.__ententeSaved = t; });
           }
           return create.call(URL, blob);
         };
         return true;")
        .await?;
    Ok(())
}

/// Waits for the captured single file and writes it to `tests/artifacts/`.
async fn saved_file(ctx: &Ctx, name: &str) -> Result<(String, PathBuf)> {
    let v = ctx
        .wait_for("the saved single file", "return window.__ententeSaved;")
        .await?;
    let html = v.as_str().unwrap_or_default().to_string();
    let path = ctx.artifacts.join(format!("{}-{name}.html", ctx.engine));
    std::fs::write(&path, &html)?;
    Ok((html, path))
}

fn policy_of(html: &str) -> Option<String> {
    xtask::html::find_elements(html, "meta", true)
        .into_iter()
        .find(|m| {
            m.attr("http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("content-security-policy"))
        })
        .and_then(|m| m.attr("content").map(str::to_string))
}

/// Checks a saved file: the template's policy (the corpus changes no script hash) and the
/// corpus inlined.
fn check_saved(ctx: &Ctx, html: &str, corpus: &Corpus) -> Result<()> {
    let template = std::fs::read_to_string(ctx.site.dist.join("entente.html"))?;
    ensure!(
        policy_of(html).is_some() && policy_of(html) == policy_of(&template),
        "the saved file's policy differs from the single file's"
    );
    ensure!(
        carried(html).as_ref() == Some(corpus),
        "the saved file does not carry the corpus"
    );
    ensure!(
        html.starts_with("<!DOCTYPE html>"),
        "the saved file has no doctype"
    );
    // The first <html> is the element (scripts may mention the tag later).
    let root = xtask::html::find_elements(html, "html", true);
    ensure!(
        root.first()
            .is_some_and(|r| !r.has_attr("data-entente-started")),
        "the saved file's <html> carries the running page's state"
    );
    Ok(())
}

fn file_url(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

// ------------------------------------------------------------------------------------------

async fn a_kept_corpus_is_switched_renamed_and_deleted_and_survives_reloads(
    ctx: &mut Ctx,
) -> Result<()> {
    ctx.restart_session().await?;
    ctx.desktop().await?;
    let pages = Pages::new(ctx)?;
    let corpus = test_corpus("Library test corpus", "pipelines");
    let page = pages.write(ctx, "kept.html", &corpus, None)?;
    ctx.open_app(&page, "").await?;
    wait_for_summary(
        ctx,
        "Library test corpus · 3 documents · saved in this file",
    )
    .await?;
    wait_for_documents(ctx, &corpus).await?;
    let id = inlined_id(ctx).await?;
    ensure!(
        id == entente_core::codec::corpus_hash(&corpus),
        "the page names the corpus {id}, not its content hash"
    );
    keep(ctx, &id).await?;

    // The hosted site shows its own corpus and lists the kept one.
    let site = ctx.site.served.clone();
    ctx.open_app(&site, "").await?;
    let builtin = format!("{} documents", ctx.expected.corpus.documents.len());
    wait_for_summary(ctx, &builtin).await?;
    open_menu(ctx).await?;
    ctx.wait_for_css("the kept corpus in the menu", &entry(&id))
        .await?;
    ctx.click(&format!("{} [data-testid=corpus-open]", entry(&id)))
        .await?;
    wait_for_summary(
        ctx,
        "Library test corpus · 3 documents · kept in this browser",
    )
    .await?;
    wait_for_documents(ctx, &corpus).await?;
    ctx.wait_for_search("name the corpus", |s| s.contains(&format!("corpus={id}")))
        .await?;

    // A reload opens it again from the storage.
    ctx.open_app(&site, &format!("corpus={id}")).await?;
    wait_for_summary(ctx, "Library test corpus").await?;
    wait_for_documents(ctx, &corpus).await?;

    // Rename, and the name is kept.
    open_menu(ctx).await?;
    ctx.click(&format!("{} [data-testid=corpus-rename]", entry(&id)))
        .await?;
    let field = ctx
        .client
        .find(Locator::Css("[data-testid=corpus-rename-field]"))
        .await?;
    field.clear().await?;
    field.send_keys("Renamed pipelines").await?;
    ctx.click("[data-testid=corpus-rename-save]").await?;
    wait_for_summary(ctx, "Renamed pipelines · 3 documents").await?;
    ctx.open_app(&site, &format!("corpus={id}")).await?;
    wait_for_summary(ctx, "Renamed pipelines · 3 documents").await?;

    // Delete asks first: Escape keeps the corpus, Delete removes it.
    open_menu(ctx).await?;
    ctx.click(&format!("{} [data-testid=corpus-delete]", entry(&id)))
        .await?;
    ctx.wait_for_css(
        "the confirmation",
        "[data-testid=confirm-dialog][role=alertdialog]",
    )
    .await?;
    ensure!(
        ctx.focused_id().await? == "confirm-cancel",
        "the confirmation does not focus Cancel"
    );
    let question = ctx.text_of("[data-testid=confirm-dialog]").await?;
    ensure!(
        question.contains("Renamed pipelines"),
        "the confirmation says {question:?}"
    );
    ctx.press(Key::Escape.into()).await?;
    ctx.wait_for_no_css("the confirmation to close", "[data-testid=confirm-dialog]")
        .await?;
    ensure!(
        ctx.js_with(
            "return !!document.querySelector(arguments[0]);",
            vec![Value::from(entry(&id))]
        )
        .await?
            == Value::Bool(true),
        "Escape deleted the corpus"
    );
    ctx.click(&format!("{} [data-testid=corpus-delete]", entry(&id)))
        .await?;
    ctx.click("[data-testid=confirm-accept]").await?;
    wait_for_summary(ctx, &builtin).await?;
    ctx.wait_for_search("drop the corpus key", |s| !s.contains("corpus="))
        .await?;
    open_menu(ctx).await?;
    ctx.wait_for_no_css("the deleted corpus to leave the menu", &entry(&id))
        .await?;

    // Gone after a reload too: its link now names a corpus this browser does not have.
    ctx.open_app(&site, &format!("corpus={id}")).await?;
    let notices = ctx.text_of("[data-testid=notices]").await?;
    ensure!(
        notices.contains(&format!("a corpus you don't have: {id}")),
        "the notices say {notices:?}"
    );
    Ok(())
}

async fn a_link_to_an_unknown_corpus_says_so_and_keeps_its_filters(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    for base in [ctx.site.served.clone(), ctx.site.single_file.clone()] {
        ctx.open_app(&base, "corpus=0123456789ab&q=gas&v=figures")
            .await?;
        ctx.wait_for_css("the notices", "[data-testid=notices]")
            .await?;
        let notices = ctx.text_of("[data-testid=notices]").await?;
        ensure!(
            notices.contains("This link was made for a corpus you don't have: 0123456789ab"),
            "{base}: the notices say {notices:?}"
        );
        let builtin = format!("{} documents", ctx.expected.corpus.documents.len());
        wait_for_summary(ctx, &builtin).await?;
        let query = ctx
            .js("return document.querySelector('[data-testid=search]').value;")
            .await?;
        ensure!(query == "gas", "{base}: the search box says {query}");
        let tab = ctx
            .js("const t = document.querySelector('[role=tab][aria-selected=true]'); return t ? t.id : '';")
            .await?;
        ensure!(tab == "tab-figures", "{base}: the selected tab is {tab}");
        // Some engines refuse history changes under file://; the served site's URL is checked.
        if base.starts_with("http") {
            let search = ctx
                .wait_for_search("drop the unknown corpus", |s| !s.contains("corpus="))
                .await?;
            ensure!(
                search.contains("q=gas"),
                "{base}: the URL lost its filter: {search}"
            );
        }
    }
    Ok(())
}

async fn a_saved_single_file_shows_its_corpus_and_restores_a_view(ctx: &mut Ctx) -> Result<()> {
    ctx.restart_session().await?;
    ctx.desktop().await?;
    let pages = Pages::new(ctx)?;
    let corpus = test_corpus("Saved test corpus", "railways");
    let page = pages.write(ctx, "saved.html", &corpus, None)?;

    // From a single file: the page copies itself.
    ctx.open_app(&page, "").await?;
    let id = inlined_id(ctx).await?;
    capture_downloads(ctx).await?;
    open_menu(ctx).await?;
    ctx.click("[data-testid=save-single-file]").await?;
    let (from_file, file_path) = saved_file(ctx, "saved-from-single-file").await?;
    check_saved(ctx, &from_file, &corpus)?;
    let status = ctx.text_of("[data-testid=save-status]").await?;
    ensure!(
        status.contains("entente-saved-test-corpus.html"),
        "the save status says {status:?}"
    );

    // From the hosted site: the site's single file is the template.
    keep(ctx, &id).await?;
    let site = ctx.site.served.clone();
    ctx.open_app(&site, &format!("corpus={id}")).await?;
    wait_for_documents(ctx, &corpus).await?;
    capture_downloads(ctx).await?;
    open_menu(ctx).await?;
    ctx.click("[data-testid=save-single-file]").await?;
    let (from_site, site_path) = saved_file(ctx, "saved-from-site").await?;
    check_saved(ctx, &from_site, &corpus)?;

    for path in [file_path, site_path] {
        let url = file_url(&path);
        ctx.open_app(&url, "").await?;
        wait_for_summary(ctx, "Saved test corpus · 3 documents · saved in this file").await?;
        wait_for_documents(ctx, &corpus).await?;
        // A view URL made on the site applies to the saved file.
        ctx.open_app(&url, &format!("q=railways&v=figures&corpus={id}"))
            .await?;
        wait_for_summary(ctx, "Saved test corpus").await?;
        let query = ctx
            .js("return document.querySelector('[data-testid=search]').value;")
            .await?;
        ensure!(query == "railways", "{url}: the search box says {query}");
        let tab = ctx
            .js("const t = document.querySelector('[role=tab][aria-selected=true]'); return t ? t.id : '';")
            .await?;
        ensure!(tab == "tab-figures", "{url}: the selected tab is {tab}");
    }
    Ok(())
}

/// Replaces `indexedDB.open` before the app starts, as a browser without usable storage would.
const FAILING_OPEN: &str = "IDBFactory.prototype.open = function () { throw new DOMException('switched off by the test', 'InvalidStateError'); };";

async fn unavailable_storage_is_reported_and_the_app_works_in_memory(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    let pages = Pages::new(ctx)?;
    let corpus = test_corpus("Unstored test corpus", "ferries");
    let page = pages.write(ctx, "no-storage.html", &corpus, Some(FAILING_OPEN))?;
    ctx.open_app(&page, "").await?;
    ctx.wait_for_css("the storage notice", "[data-testid=storage-notice]")
        .await?;
    let notice = ctx.text_of("[data-testid=storage-notice]").await?;
    ensure!(
        notice.contains("storage is not available") && notice.contains("switched off by the test"),
        "the storage notice says {notice:?}"
    );
    // The app works: its corpus, a search, the other corpus.
    wait_for_documents(ctx, &corpus).await?;
    let id = inlined_id(ctx).await?;
    ensure!(
        ctx.js_with(
            "return !document.querySelector(arguments[0] + ' [data-testid=corpus-keep]');",
            vec![Value::from(entry(&id))]
        )
        .await?
            == Value::Bool(true),
        "the menu offers to keep a corpus with no storage"
    );
    let builtin = ctx
        .js("return document.querySelector('[data-testid=corpus-entry]').dataset.id;")
        .await?;
    let builtin = builtin.as_str().unwrap_or_default().to_string();
    open_menu(ctx).await?;
    ctx.click(&format!("{} [data-testid=corpus-open]", entry(&builtin)))
        .await?;
    wait_for_summary(
        ctx,
        &format!("{} documents", ctx.expected.corpus.documents.len()),
    )
    .await?;
    open_menu(ctx).await?;
    ctx.click(&format!("{} [data-testid=corpus-open]", entry(&id)))
        .await?;
    wait_for_documents(ctx, &corpus).await?;
    // The notice offers the single file, and it carries the corpus.
    ctx.wait_for_css("the storage notice", "[data-testid=storage-notice]")
        .await?;
    capture_downloads(ctx).await?;
    ctx.click("[data-testid=storage-save-single-file]").await?;
    let (html, _) = saved_file(ctx, "saved-without-storage").await?;
    ensure!(
        carried(&html).as_ref() == Some(&corpus),
        "the single file saved without storage lacks the corpus"
    );
    Ok(())
}

/// Makes every `put` abort its transaction, as a tab closed mid-write or a failing disk would.
const ABORTING_PUT: &str = "const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      const request = put.apply(this, args);
      this.transaction.abort();
      return request;
    };
    return true;";

async fn an_aborted_write_leaves_the_stored_corpora_whole(ctx: &mut Ctx) -> Result<()> {
    ctx.restart_session().await?;
    ctx.desktop().await?;
    let pages = Pages::new(ctx)?;
    let first = test_corpus("First test corpus", "harbours");
    let second = test_corpus("Second test corpus", "tunnels");
    let first_page = pages.write(ctx, "first.html", &first, None)?;
    let second_page = pages.write(ctx, "second.html", &second, None)?;
    ctx.open_app(&first_page, "").await?;
    let first_id = inlined_id(ctx).await?;
    keep(ctx, &first_id).await?;

    ctx.open_app(&second_page, "").await?;
    let second_id = inlined_id(ctx).await?;
    ctx.js(ABORTING_PUT).await?;
    open_menu(ctx).await?;
    ctx.click(&format!("{} [data-testid=corpus-keep]", entry(&second_id)))
        .await?;
    ctx.wait_for_css("the storage notice", "[data-testid=storage-notice]")
        .await?;
    let notice = ctx.text_of("[data-testid=storage-notice]").await?;
    ensure!(
        notice.contains("could not be kept") && notice.contains("aborted"),
        "the storage notice says {notice:?}"
    );
    // Still open, in memory, and still offered to keep.
    wait_for_documents(ctx, &second).await?;
    ctx.wait_for_css(
        "the corpus to stay unkept",
        &format!("{}[data-origin=\"saved in this file\"]", entry(&second_id)),
    )
    .await?;

    // After a reload without the fault: the first corpus is whole, the second was never written.
    let site = ctx.site.served.clone();
    ctx.open_app(&site, "").await?;
    open_menu(ctx).await?;
    ctx.wait_for_css("the first corpus in the menu", &entry(&first_id))
        .await?;
    ensure!(
        ctx.js_with(
            "return !document.querySelector(arguments[0]);",
            vec![Value::from(entry(&second_id))]
        )
        .await?
            == Value::Bool(true),
        "the aborted corpus is listed"
    );
    ctx.click(&format!("{} [data-testid=corpus-open]", entry(&first_id)))
        .await?;
    wait_for_summary(
        ctx,
        "First test corpus · 3 documents · kept in this browser",
    )
    .await?;
    wait_for_documents(ctx, &first)
        .await
        .context("the first corpus after the aborted write")?;
    Ok(())
}
