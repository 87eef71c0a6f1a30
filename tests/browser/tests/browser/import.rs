//! Importing the user's own files, in every engine, from the hosted site and from the single file
//! (whose worker starts from a `blob:` URL under its stricter policy): the committed fixture
//! folder (`tests/fixtures/import/`, every accepted format plus bad files) gives the summary, the
//! documents, titles and dates the core's importer gives natively; a cancelled import leaves the
//! active corpus as it was; and, in Chromium, no request leaves the page while files import.

use anyhow::{bail, ensure, Context as _, Result};
use entente_browser_tests::{test, Ctx, Engine, Test};
use entente_core::import::{read_files, ImportReport};
use serde_json::Value;
use std::path::{Path, PathBuf};

pub fn tests() -> Vec<Test> {
    vec![
        test!(importing_the_fixture_folder_shows_its_documents_and_summary),
        test!(a_cancelled_import_leaves_the_active_corpus),
        test!(a_long_summary_lists_the_first_items_then_all_on_request),
        // WebKit ignores the `dataTransfer` a script gives a `DragEvent` (the event carries
        // none), so a drop cannot be made there without a real drag from the desktop.
        test!(
            dropping_files_on_the_page_imports_them,
            only = [Engine::Chromium, Engine::Firefox]
        ),
        test!(
            no_request_leaves_the_page_during_an_import,
            only = [Engine::Chromium]
        ),
    ]
}

/// The fixture folder, as a canonical path (chromedriver refuses a path with `..` in it).
fn fixture_folder() -> Result<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/import");
    dir.canonicalize()
        .with_context(|| format!("finding {}", dir.display()))
}

/// The fixture files, by name, and what the core's importer makes of them natively (the files
/// are given to the page by name, without the folder, so the native run uses names too).
fn fixtures() -> Result<(Vec<PathBuf>, ImportReport)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixture_folder()?)
        .context("reading tests/fixtures/import")?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    paths.sort();
    let mut files = Vec::new();
    for p in &paths {
        let name = p
            .file_name()
            .context("file name")?
            .to_string_lossy()
            .into_owned();
        files.push((name, std::fs::read(p)?));
    }
    Ok((paths, read_files(files)))
}

/// Gives `paths` to the page's file input (WebDriver takes several files as one string, one path
/// a line).
async fn pick_files(ctx: &Ctx, paths: &[PathBuf]) -> Result<()> {
    let input = ctx
        .client
        .find(fantoccini::Locator::Css("[data-testid=import-files]"))
        .await
        .context("the import file input")?;
    let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    input
        .send_keys(&list.join("\n"))
        .await
        .with_context(|| format!("sending {} files to the file input", paths.len()))
}

/// Waits for the import to end and returns the status line; fails at once if it failed.
async fn wait_for_summary(ctx: &Ctx) -> Result<String> {
    let status = ctx
        .wait_for(
            "the import summary",
            "const s = document.querySelector('[data-testid=import-status]');
             const t = s ? s.textContent : '';
             return t.startsWith('Imported') || t.startsWith('Nothing') || t.includes('failed') ? t : null;",
        )
        .await?;
    let status = status.as_str().unwrap_or_default().to_string();
    ensure!(
        status.starts_with("Imported"),
        "the import did not succeed in {}: {status}",
        ctx.engine
    );
    Ok(status)
}

/// The fixture files dropped on the page: WebDriver cannot drag files from the desktop, so the
/// drag is the DOM's own: a `DataTransfer` holding `File`s made of the fixtures' bytes, carried
/// by `dragover` then `drop` events on the page, through the app's real drop listeners.
async fn dropping_files_on_the_page_imports_them(ctx: &mut Ctx) -> Result<()> {
    let (paths, report) = fixtures()?;
    let mut files = Vec::new();
    for p in &paths {
        let name = p.file_name().context("file name")?.to_string_lossy();
        files.push(serde_json::json!([name, std::fs::read(p)?]));
    }
    let files = serde_json::to_string(&files)?;
    ctx.open(&ctx.site.served.clone()).await?;
    ctx.wait_for_app().await?;
    let over = ctx
        .js(&format!(
            "const transfer = new DataTransfer();
             for (const [name, bytes] of {files}) transfer.items.add(new File([new Uint8Array(bytes)], name));
             window.__dropTransfer = transfer;
             const over = new DragEvent('dragover', {{ dataTransfer: transfer, bubbles: true, cancelable: true }});
             document.body.dispatchEvent(over);
             return {{ accepted: over.defaultPrevented, files: transfer.files.length }};"
        ))
        .await?;
    ensure!(
        over["accepted"] == Value::Bool(true) && over["files"] == paths.len(),
        "the page did not accept the drag of {} files: {over}",
        paths.len()
    );
    ctx.wait_for(
        "the drop hint",
        "return document.querySelector('.import-drop-hint') ? true : null;",
    )
    .await?;
    ctx.js(
        "const drop = new DragEvent('drop', { dataTransfer: window.__dropTransfer, bubbles: true, cancelable: true });
         document.body.dispatchEvent(drop);
         return drop.defaultPrevented;",
    )
    .await?;
    let status = wait_for_summary(ctx).await?;
    let s = report.summary;
    let expected = format!(
        "{} documents from {} of {} files",
        s.imported, s.files_imported, s.files
    );
    ensure!(
        status.contains(&expected),
        "status {status:?}, expected {expected:?}"
    );
    ensure!(
        ctx.js("return !document.querySelector('.import-drop-hint');")
            .await?
            == Value::Bool(true),
        "the drop hint is still shown after the drop"
    );
    let header = ctx
        .wait_for(
            "the dropped corpus to open",
            "const h = document.querySelector('[data-testid=corpus-summary]');
             return h && h.dataset.origin !== 'embedded' ? h.textContent : null;",
        )
        .await?;
    ensure!(
        header
            .as_str()
            .is_some_and(|h| h.contains(&format!("{} documents", s.imported))),
        "header {header}"
    );
    Ok(())
}

/// 25 empty files: each is skipped with a reason, the summary lists the first 20, and "Show all"
/// lists the 25.
async fn a_long_summary_lists_the_first_items_then_all_on_request(ctx: &mut Ctx) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("entente-empty-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut paths = Vec::new();
    for i in 0..25 {
        let p = dir.join(format!("empty-{i:02}.txt"));
        std::fs::write(&p, "")?;
        paths.push(p);
    }
    ctx.open(&ctx.site.served.clone()).await?;
    ctx.wait_for_app().await?;
    pick_files(ctx, &paths).await?;
    ctx.wait_for(
        "the summary of an import that gave nothing",
        "const s = document.querySelector('[data-testid=import-status]');
         return s && s.textContent.startsWith('Nothing') ? s.textContent : null;",
    )
    .await?;
    let count = "return document.querySelectorAll('[data-testid=import-skipped] li').length;";
    ensure!(ctx.js(count).await? == 20, "the preview lists 20 of 25");
    let button = ctx
        .client
        .find(fantoccini::Locator::Css("[data-testid=import-skipped-all]"))
        .await
        .context("the Show all button")?;
    ensure!(
        button.text().await?.contains("Show all 25 skipped files"),
        "button {:?}",
        button.text().await?
    );
    button.click().await?;
    let all = ctx
        .wait_for(
            "every skipped file listed",
            "const n = document.querySelectorAll('[data-testid=import-skipped] li').length; return n === 25 ? n : null;",
        )
        .await?;
    ensure!(all == 25);
    ensure!(
        ctx.js("return !document.querySelector('[data-testid=import-skipped-all]');")
            .await?
            == Value::Bool(true),
        "the button stays after every item is shown"
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

async fn header_summary(ctx: &Ctx) -> Result<String> {
    Ok(ctx
        .js("const s = document.querySelector('[data-testid=corpus-summary]'); return s ? s.textContent : '';")
        .await?
        .as_str()
        .unwrap_or_default()
        .to_string())
}

async fn importing_the_fixture_folder_shows_its_documents_and_summary(ctx: &mut Ctx) -> Result<()> {
    let (paths, report) = fixtures()?;
    let s = report.summary;
    ensure!(
        s.imported == 9 && s.skipped == 5,
        "the fixtures changed: update this test ({s:?})"
    );
    for base in [ctx.site.served.clone(), ctx.site.single_file.clone()] {
        ctx.open(&base).await?;
        ctx.wait_for_app().await?;
        pick_files(ctx, &paths).await?;
        let status = wait_for_summary(ctx)
            .await
            .with_context(|| format!("on {base}"))?;
        ensure!(
            status.contains("9 documents from 7 of 12 files; 5 files skipped; 1 warning"),
            "status {status:?}"
        );

        // Every skipped file, with the importer's reason.
        let skipped: Vec<(String, String)> = serde_json::from_value(
            ctx.js("return Array.from(document.querySelectorAll('[data-testid=import-skipped] li'), (li) => [li.dataset.name, li.textContent]);")
                .await?,
        )?;
        let expected_skipped: Vec<(String, String)> = report
            .files
            .iter()
            .filter_map(|f| {
                f.refusal
                    .as_ref()
                    .map(|r| (f.name.clone(), r.message.clone()))
            })
            .collect();
        ensure!(
            skipped == expected_skipped,
            "skipped files on {base}: {skipped:?}, expected {expected_skipped:?}"
        );
        for (name, phrase) in [
            ("broken.json", "line 3"),
            ("unterminated.csv", "line 3"),
            ("report.pdf", ".pdf files are not supported"),
            ("empty.txt", "empty"),
            ("boilerplate.html", "no article text"),
        ] {
            ensure!(
                skipped.iter().any(|(n, r)| n == name && r.contains(phrase)),
                "{name} is not reported with {phrase:?}: {skipped:?}"
            );
        }
        let warnings = ctx
            .js("return Array.from(document.querySelectorAll('[data-testid=import-warnings] li'), (li) => li.textContent);")
            .await?;
        ensure!(
            warnings.as_array().is_some_and(|w| w.len() == 1)
                && warnings[0]
                    .as_str()
                    .is_some_and(|w| w.starts_with("latin1.txt: ") && w.contains("UTF-8")),
            "warnings {warnings}"
        );

        // The imported corpus is the active one: its count in the header, its documents listed
        // with their titles and dates.
        let header = ctx
            .wait_for(
                "the header to show the imported corpus",
                "const s = document.querySelector('[data-testid=corpus-summary]'); return s && !s.textContent.includes('built in') && !s.textContent.includes('saved in this file') ? s.textContent : null;",
            )
            .await?;
        let header = header.as_str().unwrap_or_default().to_string();
        ensure!(header.contains(" · 9 documents · "), "header {header}");
        // The library keeps it (where the browser lets it): after a reload it is still shown.
        if header.ends_with("kept in this browser") {
            let url = ctx.js("return location.href").await?;
            ctx.open(url.as_str().unwrap_or_default()).await?;
            ctx.wait_for_app().await?;
            let again = header_summary(ctx).await?;
            ensure!(
                again == header,
                "after a reload the header says {again:?}, not {header:?}"
            );
            // The same folder again: no second entry, a notice naming the kept one, and the
            // corpus active (from the import just made, not read back from the storage).
            let entries_before = ctx
                .js("return document.querySelectorAll('[data-testid=corpus-entry]').length;")
                .await?;
            pick_files(ctx, &paths).await?;
            ctx.wait_for_css("the notices", "[data-testid=notices]")
                .await?;
            let notices = ctx
                .js("return document.querySelector('[data-testid=notices]').textContent;")
                .await?;
            ensure!(
                notices
                    .as_str()
                    .is_some_and(|n| n.contains("This corpus is already in your library")),
                "the notices say {notices}"
            );
            let again = header_summary(ctx).await?;
            ensure!(
                again == header,
                "after a second import the header says {again:?}"
            );
            let entries = ctx
                .js("return document.querySelectorAll('[data-testid=corpus-entry]').length;")
                .await?;
            ensure!(
                entries == entries_before,
                "the library lists {entries} corpora after the second import, {entries_before} before"
            );
        }
        let rendered: Vec<(String, String, String)> = serde_json::from_value(
            ctx.js("return Array.from(document.querySelectorAll('[data-testid=document]'), (e) => [
                    e.dataset.id,
                    e.querySelector('.document-title').textContent,
                    e.querySelector('.document-date') ? e.querySelector('.document-date').textContent : '']);")
                .await?,
        )?;
        ensure!(
            rendered.len() == report.documents.len(),
            "{} documents listed, expected {}: {rendered:?}",
            rendered.len(),
            report.documents.len()
        );
        for doc in &report.documents {
            let Some((_, title, date)) = rendered.iter().find(|(id, _, _)| *id == doc.id) else {
                bail!("{} is not listed: {rendered:?}", doc.id);
            };
            let want_title = doc.display_title().0;
            ensure!(
                title.contains(&want_title),
                "{}: title {title:?}, expected {want_title:?}",
                doc.id
            );
            if let Some(d) = &doc.date {
                let iso = d.value.to_string();
                ensure!(
                    date.contains(&iso),
                    "{}: date {date:?}, expected {iso}",
                    doc.id
                );
            }
        }
    }
    Ok(())
}

/// A folder of big articles (written once into the system's temporary folder), so that an
/// import runs long enough to be cancelled halfway.
fn big_folder() -> Result<Vec<PathBuf>> {
    let dir = std::env::temp_dir().join("entente-import-cancel");
    std::fs::create_dir_all(&dir)?;
    let sentence = "Ministers of Georgia and Armenia met in Tbilisi to discuss rail freight, \
                    and agreed to raise cargo to 1.2 million tonnes a year by 2027. ";
    let mut paths = Vec::new();
    for i in 0..40 {
        let path = dir.join(format!("big-{i:02}.txt"));
        if !path.exists() {
            let mut text = format!("Rail freight talks, part {i}\n\n");
            while text.len() < 1_000_000 {
                text.push_str(sentence);
                text.push_str("\n\n");
            }
            std::fs::write(&path, text)?;
        }
        paths.push(path);
    }
    Ok(paths)
}

async fn a_cancelled_import_leaves_the_active_corpus(ctx: &mut Ctx) -> Result<()> {
    let paths = big_folder()?;
    let url = ctx.site.served.clone();
    ctx.open(&url).await?;
    ctx.wait_for_app().await?;
    let before_header = header_summary(ctx).await?;
    let before_ids = ctx.rendered_ids().await?;
    pick_files(ctx, &paths).await?;
    // Cancel as soon as the worker reports progress, in one script so the import cannot end
    // between looking and clicking.
    let cancelled = ctx
        .wait_for(
            "progress, then the cancel",
            "const label = document.querySelector('[data-testid=import-progress-label]');
             const status = document.querySelector('[data-testid=import-status]').textContent;
             if (status.startsWith('Imported')) return 'finished before it could be cancelled';
             if (!label || !/^(Reading [1-9]|Analysing)/.test(label.textContent)) return null;
             const seen = label.textContent;
             document.querySelector('[data-testid=import-cancel]').click();
             return 'cancelled at: ' + seen;",
        )
        .await?;
    let cancelled = cancelled.as_str().unwrap_or_default().to_string();
    ensure!(cancelled.starts_with("cancelled at"), "{cancelled}");
    println!("     {cancelled}");
    let status = ctx
        .wait_for(
            "the cancel to be announced",
            "const t = document.querySelector('[data-testid=import-status]').textContent; return t.includes('cancelled') ? t : null;",
        )
        .await?;
    ensure!(
        status
            .as_str()
            .is_some_and(|s| s.contains("Nothing was kept")),
        "status {status}"
    );
    ensure!(
        ctx.js("return !document.querySelector('[data-testid=import-progress]') && !document.querySelector('[data-testid=import-summary]');")
            .await?
            == Value::Bool(true),
        "the progress bar or a summary is still shown after the cancel"
    );
    // The worker is gone, so nothing can arrive later and replace the corpus: give any stray
    // message the chance to land (two frames), then compare.
    ctx.client
        .execute_async(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )
        .await?;
    ensure!(
        header_summary(ctx).await? == before_header,
        "the header changed after a cancel"
    );
    ensure!(
        ctx.rendered_ids().await? == before_ids,
        "the documents changed after a cancel"
    );
    Ok(())
}

async fn no_request_leaves_the_page_during_an_import(ctx: &mut Ctx) -> Result<()> {
    let (paths, _) = fixtures()?;
    for base in [ctx.site.served.clone(), ctx.site.single_file.clone()] {
        ctx.open(&base).await?;
        ctx.wait_for_app().await?;
        crate::foundation::page_requests(ctx, &base).await?; // drain what came before
        pick_files(ctx, &paths).await?;
        wait_for_summary(ctx).await?;
        let urls = crate::foundation::page_requests(ctx, &base).await?;
        for u in &urls {
            // The site's worker loads its script and wasm from the site; the single file's
            // worker starts from a blob: URL of the page's own inlined code.
            if !(u.starts_with(&base) || u.starts_with("blob:") || u.starts_with("data:")) {
                bail!("{base} made a request to {u} during an import (all: {urls:?})");
            }
        }
        println!("     {base}: requests during the import, all local: {urls:?}");
    }
    Ok(())
}
