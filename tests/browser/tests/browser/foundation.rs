//! The foundation's promises, in every engine: the single file from `file://` and the site under
//! a sub-path both render the embedded corpus; a URL with a query string opens cold; a panic shows
//! the banner and a wasm that fails to load shows the loader's message; the Content-Security-Policy
//! is strict and enforced, and no request leaves the page; the layout holds at phone width.

use anyhow::{bail, ensure, Context as _, Result};
use entente_browser_tests::cdp::GetLog;
use entente_browser_tests::{test, Ctx, Engine, Test};
use serde_json::Value;

pub fn tests() -> Vec<Test> {
    vec![
        test!(single_file_renders_the_embedded_corpus),
        test!(served_sub_path_renders_the_embedded_corpus),
        test!(a_url_with_a_query_string_opens_cold),
        test!(a_panic_shows_the_banner),
        test!(a_wasm_that_fails_to_load_shows_a_message),
        test!(the_csp_is_strict_and_enforced),
        test!(no_request_leaves_the_page, only = [Engine::Chromium]),
        test!(screenshots_at_desktop_and_phone_width),
    ]
}

/// The page lists the expected documents (in whatever order the view sorts them; a long corpus
/// may show only its first page), each with its derived title marked as such, and the header
/// counts them all.
async fn check_document_list(ctx: &Ctx) -> Result<()> {
    ctx.wait_for_app().await?;
    let rendered: Vec<(String, bool)> = serde_json::from_value(
        ctx.js(
            "return Array.from(document.querySelectorAll('[data-testid=document]'),
                (e) => [e.dataset.id, !!e.querySelector('.badge-derived')]);",
        )
        .await?,
    )?;
    let expected: std::collections::BTreeMap<String, bool> = ctx
        .expected
        .corpus
        .documents
        .iter()
        .map(|d| (d.id.clone(), d.display_title().1))
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    for (id, derived) in &rendered {
        let Some(expected_derived) = expected.get(id) else {
            bail!("the page lists {id}, which is not in the corpus");
        };
        ensure!(seen.insert(id.clone()), "the page lists {id} twice");
        ensure!(
            derived == expected_derived,
            "{id}: derived-title mark {derived}, expected {expected_derived}"
        );
    }
    // A long corpus may be listed a page at a time; then the list offers the rest.
    let n = expected.len();
    if rendered.len() < n {
        let more = ctx
            .js("return !!document.querySelector('[data-testid=show-more]');")
            .await?;
        ensure!(
            !rendered.is_empty() && more == Value::Bool(true),
            "the page lists {} of the {n} documents and offers no more: {:?}",
            rendered.len(),
            rendered.iter().map(|(id, _)| id).collect::<Vec<_>>()
        );
    }
    let summary = ctx.text_of("[data-testid=corpus-summary]").await?;
    ensure!(
        summary.contains(&format!("{n} document")),
        "the header summary {summary:?} does not count {n} documents"
    );
    Ok(())
}

async fn single_file_renders_the_embedded_corpus(ctx: &mut Ctx) -> Result<()> {
    let url = ctx.site.single_file.clone();
    ctx.open(&url).await?;
    check_document_list(ctx).await?;
    // Everything is inline: the page loads no resource at all, not even from its own folder.
    let resources = ctx
        .js("return performance.getEntriesByType('resource').map((e) => e.name);")
        .await?;
    ensure!(
        resources.as_array().is_some_and(Vec::is_empty),
        "the single file loaded {resources}"
    );
    Ok(())
}

async fn served_sub_path_renders_the_embedded_corpus(ctx: &mut Ctx) -> Result<()> {
    let url = ctx.site.served.clone();
    ctx.open(&url).await?;
    check_document_list(ctx).await?;
    // Relative asset URLs: everything came from under the sub-path.
    let resources: Vec<String> = serde_json::from_value(
        ctx.js("return performance.getEntriesByType('resource').map((e) => e.name);")
            .await?,
    )?;
    ensure!(
        !resources.is_empty(),
        "no resources recorded for the served site"
    );
    for r in &resources {
        ensure!(
            r.starts_with(&ctx.site.served),
            "{r} was loaded from outside {}",
            ctx.site.served
        );
    }
    Ok(())
}

async fn a_url_with_a_query_string_opens_cold(ctx: &mut Ctx) -> Result<()> {
    // A fresh browser: nothing cached, no history. The query names no filter the app knows
    // (the explorer's own view URLs are its tests' business), so the whole corpus shows.
    ctx.restart_session().await?;
    for base in [ctx.site.single_file.clone(), ctx.site.served.clone()] {
        let url = format!("{base}?utm_source=mail&x=%E2%9C%93#top");
        ctx.open(&url).await?;
        check_document_list(ctx)
            .await
            .with_context(|| format!("opening {url}"))?;
    }
    Ok(())
}

async fn a_panic_shows_the_banner(ctx: &mut Ctx) -> Result<()> {
    for base in [ctx.site.single_file.clone(), ctx.site.served.clone()] {
        ctx.open(&format!("{base}?debug=panic")).await?;
        let text = ctx
            .wait_for(
                "the panic banner",
                "const b = document.getElementById('entente-panic'); return b && b.offsetHeight > 0 ? b.textContent : null;",
            )
            .await?;
        let text = text.as_str().unwrap_or_default();
        ensure!(text.contains("internal error"), "the banner says {text:?}");
        ensure!(
            text.contains("debug=panic"),
            "the banner does not show the panic message: {text:?}"
        );
        // The panic banner alone: the loader does not also claim the app failed to load.
        let load_error = ctx
            .js("return !document.getElementById('entente-load-error').hidden;")
            .await?;
        ensure!(
            load_error == Value::Bool(false),
            "the loader error is shown too"
        );
    }
    Ok(())
}

async fn a_wasm_that_fails_to_load_shows_a_message(ctx: &mut Ctx) -> Result<()> {
    let url = ctx.site.broken.clone();
    ctx.open(&url).await?;
    let text = ctx
        .wait_for(
            "the loader's error message",
            "const e = document.getElementById('entente-load-error'); return e && !e.hidden && e.offsetHeight > 0 ? e.textContent : null;",
        )
        .await?;
    ensure!(
        text.as_str().is_some_and(|t| t.contains("could not start")),
        "the message says {text}"
    );
    Ok(())
}

/// The sources of directive `name` in the current page's policy.
async fn directive(ctx: &Ctx, page: &str, name: &str) -> Result<Vec<String>> {
    ctx.csp_directive(name)
        .await?
        .with_context(|| format!("the policy of {page} has no {name}"))
}

async fn the_csp_is_strict_and_enforced(ctx: &mut Ctx) -> Result<()> {
    for base in [ctx.site.single_file.clone(), ctx.site.served.clone()] {
        ctx.open(&base).await?;
        ctx.wait_for_app().await?;

        ensure!(
            directive(ctx, &base, "default-src").await? == ["'none'"],
            "default-src must be 'none'"
        );
        let script = directive(ctx, &base, "script-src").await?;
        ensure!(
            script.iter().any(|s| s == "'wasm-unsafe-eval'"),
            "script-src lacks 'wasm-unsafe-eval': {script:?}"
        );
        for s in &script {
            ensure!(
                s == "'self'" || s == "'wasm-unsafe-eval'" || s.starts_with("'sha256-"),
                "script-src allows {s}: only 'self', hashes and 'wasm-unsafe-eval' are allowed"
            );
        }
        ensure!(
            directive(ctx, &base, "connect-src").await? == ["'self'"],
            "connect-src must be 'self'"
        );
        ensure!(
            directive(ctx, &base, "img-src").await? == ["'self'", "data:"],
            "img-src must be 'self' data:"
        );
        let style = directive(ctx, &base, "style-src").await?;
        ensure!(
            !style.iter().any(|s| s.contains("unsafe")),
            "style-src allows {style:?}"
        );

        // The policy is active, and the violation record works: an injected inline script and
        // a string given to setTimeout (an eval) are both refused and both reported. (eval
        // itself cannot be probed from WebDriver: drivers run their scripts outside the
        // page's policy.)
        ctx.expect_violations_here();
        ctx.js("window.__ententeInjected = false;
                const s = document.createElement('script');
                s.textContent = 'window.__ententeInjected = true;';
                document.body.appendChild(s);
                setTimeout('window.__ententeInjected = true;', 0);")
            .await?;
        let violations = ctx
            .wait_for(
                "the two provoked violations to be recorded",
                "const v = window.__ententeCspViolations; return v && v.length >= 2 ? v : null;",
            )
            .await?;
        ensure!(
            violations.to_string().contains("script-src"),
            "unexpected violations {violations}"
        );
        let injected = ctx.js("return window.__ententeInjected;").await?;
        ensure!(
            injected == Value::Bool(false),
            "injected code ran on {base}"
        );
    }
    // Leave the provoking page without checking it.
    let url = ctx.site.served.clone();
    ctx.open(&url).await?;
    ctx.wait_for_app().await
}

/// The URLs requested by the page whose document URL starts with `page`, from Chromium's DevTools
/// network log since the previous read. The log covers every target of the browser (Chromium's
/// own internal pages too), so requests are attributed to targets first: all the requests of the
/// page's target count, whatever their document.
pub(crate) async fn page_requests(ctx: &Ctx, page: &str) -> Result<Vec<String>> {
    let entries = ctx
        .client
        .issue_cmd(GetLog("performance"))
        .await
        .context("reading the performance log")?;
    let mut requests = Vec::new();
    for entry in entries.as_array().into_iter().flatten() {
        let Some(message) = entry["message"].as_str() else {
            continue;
        };
        let message: Value = serde_json::from_str(message)?;
        if message["message"]["method"] != "Network.requestWillBeSent" {
            continue;
        }
        let params = &message["message"]["params"];
        let target = message["webview"].as_str().unwrap_or("").to_string();
        let document = params["documentURL"].as_str().unwrap_or("").to_string();
        let url = params["request"]["url"].as_str().unwrap_or("").to_string();
        requests.push((target, document, url));
    }
    let targets: Vec<&String> = requests
        .iter()
        .filter(|(_, document, _)| document.starts_with(page))
        .map(|(target, _, _)| target)
        .collect();
    Ok(requests
        .iter()
        .filter(|(target, _, _)| targets.contains(&target))
        .map(|(_, _, url)| url.clone())
        .collect())
}

async fn no_request_leaves_the_page(ctx: &mut Ctx) -> Result<()> {
    let single = ctx.site.single_file.clone();
    let served = ctx.site.served.clone();
    // The single file may load only itself; the site only what is under its sub-path.
    for (page, allowed) in [(single.clone(), single), (served.clone(), served)] {
        page_requests(ctx, &page).await?; // drain what came before
        ctx.open(&format!("{page}?q=network")).await?;
        ctx.wait_for_app().await?;
        let urls = page_requests(ctx, &page).await?;
        ensure!(
            !urls.is_empty(),
            "the network log recorded nothing for {page}: is it working?"
        );
        for u in &urls {
            if !(u.starts_with(&allowed) || u.starts_with("data:")) {
                bail!("{page} made a request to {u} (all its requests: {urls:?})");
            }
        }
    }
    Ok(())
}

async fn screenshots_at_desktop_and_phone_width(ctx: &mut Ctx) -> Result<()> {
    let url = ctx.site.single_file.clone();
    for (name, width, height) in [("desktop", 1280, 800), ("phone", 360, 780)] {
        ctx.set_window_size(width, height).await?;
        ctx.open(&url).await?;
        ctx.wait_for_app().await?;
        // Nothing overflows sideways: a phone never scrolls horizontally.
        let widths = ctx
            .js("return [document.documentElement.scrollWidth, window.innerWidth];")
            .await?;
        let (scroll, inner) = (
            widths[0].as_u64().unwrap_or(0),
            widths[1].as_u64().unwrap_or(0),
        );
        ensure!(
            scroll <= inner,
            "{name}: the page is {scroll} px wide in a {inner} px viewport"
        );
        let path = ctx.screenshot(name).await?;
        println!(
            "     {name} screenshot ({inner} px wide): {}",
            path.display()
        );
    }
    ctx.desktop().await
}
