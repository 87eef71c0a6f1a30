//! The explorer's promises (issue 6), in every engine unless marked: each view's interactions
//! change what is shown and the URL; a URL opened cold restores its view; Back and Forward walk
//! the views; the copy-link button copies or shows the link in a field; bad parameters show a
//! notice; the keyboard paths (`/`, Escape, arrow keys on the tabs and the matrix, Enter on a
//! cell) work; axe-core finds no serious or critical violation (Chromium); and screenshots of
//! each view at desktop and phone width go to `tests/artifacts/`.

use anyhow::{bail, ensure, Context as _, Result};
use entente_browser_tests::cdp::Cdp;
use entente_browser_tests::{test, Ctx, Engine, Test};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::Value;

pub fn tests() -> Vec<Test> {
    vec![
        test!(documents_search_and_facets_drive_the_list_and_the_url),
        test!(the_country_pair_facet_filters_and_survives_the_url),
        test!(the_reader_highlights_filters_and_closes_with_escape),
        test!(matrix_settings_cells_and_evidence),
        test!(matrix_organizations_are_rows_apart_with_their_own_cells),
        test!(printing_hides_the_controls_and_keeps_the_content),
        test!(figures_sort_and_open_the_reader_at_a_figure),
        test!(a_url_opened_cold_restores_the_view),
        test!(back_and_forward_walk_the_views),
        test!(copy_link_copies_or_shows_the_link_to_copy),
        test!(bad_parameters_show_a_notice),
        test!(keyboard_paths),
        test!(axe_finds_no_serious_violations, only = [Engine::Chromium]),
        test!(screenshots_of_each_view),
    ]
}

// ------------------------------------------------------------------------------------------
// Helpers

// ------------------------------------------------------------------------------------------
// Documents

async fn documents_search_and_facets_drive_the_list_and_the_url(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    let base = ctx.site.served.clone();
    ctx.open_app(&base, "").await?;
    let all = ctx.rendered_ids().await?.len();
    ensure!(
        all == ctx.expected.ids().len(),
        "{all} documents listed at start"
    );
    let history_before = ctx.js("return history.length;").await?;

    // Typing filters live, writes q= and replaces the history entry instead of adding one.
    let search_box = ctx.client.find(Locator::Id("search")).await?;
    search_box.send_keys("pakistan").await?;
    ctx.wait_for_search("hold q=pakistan", |s| s.contains("q=pakistan"))
        .await?;
    ctx.wait_for(
        "the list to show only matching documents",
        "return document.querySelectorAll('[data-testid=document]').length > 0 && document.querySelectorAll('[data-testid=document] .snippet mark').length > 0;",
    )
    .await?;
    let matching = ctx.rendered_ids().await?.len();
    ensure!(matching < all, "the search kept all {all} documents");
    let marks = ctx
        .js("return Array.from(document.querySelectorAll('[data-testid=document] .snippet mark'), (m) => m.textContent.toLowerCase());")
        .await?;
    ensure!(
        marks.as_array().is_some_and(|m| m
            .iter()
            .all(|x| x.as_str().is_some_and(|s| s.starts_with("pakistan")))),
        "highlighted words {marks}"
    );
    ensure!(
        ctx.js("return history.length;").await? == history_before,
        "typing added history entries"
    );
    let count = ctx.text_of("[data-testid=result-count]").await?;
    ensure!(
        count.contains(&format!("of {all}")),
        "the result count says {count:?}"
    );

    // A country facet: checked, written as c=, and the count follows.
    ctx.click("[data-testid=facet-countries] input[type=checkbox]")
        .await?;
    let s = ctx.wait_for_search("hold c=", |s| s.contains("c=")).await?;
    ensure!(s.contains("q=pakistan"), "the facet lost the search: {s}");

    // An impossible combination explains itself and offers to relax a filter.
    ctx.client
        .find(Locator::Id("search"))
        .await?
        .send_keys(" zzzqqq")
        .await?;
    ctx.wait_for_css("the empty-result message", "[data-testid=empty-result]")
        .await?;
    ctx.wait_for_css("an offer to relax a filter", "[data-testid=relax]")
        .await?;
    ctx.click("[data-testid=relax]").await?;
    ctx.wait_for_no_css("the empty result to go", "[data-testid=empty-result]")
        .await?;

    // Clear all: back to every document, and an empty query string.
    if ctx
        .js("return !!document.querySelector('[data-testid=clear-all]');")
        .await?
        == Value::Bool(true)
    {
        ctx.click("[data-testid=clear-all]").await?;
    } else {
        ctx.click(".active-filters .chip-remove").await?;
    }
    ctx.wait_for_search("lose its filters", |s| {
        !s.contains("c=") && !s.contains("q=")
    })
    .await?;
    ctx.wait_for(
        "every document again",
        &format!("return document.querySelectorAll('[data-testid=document]').length === {all};"),
    )
    .await?;
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Reader

/// Chooses `code` in one of the pair's selects (`which` 0 or 1), as a user would.
async fn choose_pair_country(ctx: &Ctx, which: usize, code: &str) -> Result<()> {
    let css = format!("[data-testid=pair-{which}] option[value={code}]");
    ctx.wait_for_css(&format!("{code} among the pair's countries"), &css)
        .await?;
    // In one script, so that a render between finding the select and choosing cannot leave a
    // stale element behind.
    ctx.js_with(
        "const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![
            Value::from(format!("[data-testid=pair-{which}]")),
            Value::from(code),
        ],
    )
    .await
    .with_context(|| format!("choosing {code}"))?;
    Ok(())
}

async fn the_country_pair_facet_filters_and_survives_the_url(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    let base = ctx.site.served.clone();
    ctx.open_app(&base, "").await?;
    let all = ctx.expected.corpus.documents.len();
    // The documents with a relation sentence naming Azerbaijan and Pakistan, natively.
    let expected = ctx
        .expected
        .corpus
        .documents
        .iter()
        .filter(|d| {
            entente_core::analyze(d).relations.iter().any(|r| {
                r.pairs
                    .iter()
                    .any(|p| p.a.as_str() == "AZ" && p.b.as_str() == "PK")
            })
        })
        .count();
    ensure!(
        expected > 0 && expected < all,
        "the corpus has {expected} of {all} documents with the pair: pick another pair"
    );
    choose_pair_country(ctx, 0, "AZ").await?;
    choose_pair_country(ctx, 1, "PK").await?;
    let s = ctx
        .wait_for_search("hold p=AZ-PK", |s| s.contains("p=AZ-PK"))
        .await?;
    let count = ctx
        .wait_for(
            "the pair's documents",
            &format!("const n = document.getElementById('app').dataset.resultCount; return n === '{expected}' ? n : null;"),
        )
        .await;
    ensure!(
        count.is_ok(),
        "the result count is not {expected} with the pair ({s})"
    );
    // Opened cold, the URL restores both selects and the count.
    ctx.open_app(&base, s.trim_start_matches('?')).await?;
    let chosen = ctx
        .js("return [document.querySelector('[data-testid=pair-0]').value, document.querySelector('[data-testid=pair-1]').value, document.getElementById('app').dataset.resultCount];")
        .await?;
    ensure!(
        chosen == serde_json::json!(["AZ", "PK", expected.to_string()]),
        "a cold open of ?{s} shows {chosen}"
    );
    // Back to any country clears it.
    ctx.js("const s = document.querySelector('[data-testid=pair-1]'); s.value = ''; s.dispatchEvent(new Event('change', { bubbles: true }));")
        .await?;
    ctx.wait_for_search("drop p=", |s| !s.contains("p="))
        .await?;
    Ok(())
}

async fn the_reader_highlights_filters_and_closes_with_escape(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    let base = ctx.site.served.clone();
    ctx.open_app(&base, "").await?;
    let first = ctx
        .rendered_ids()
        .await?
        .into_iter()
        .next()
        .context("no document")?;
    ctx.click("[data-testid=document] .document-title button")
        .await?;
    ctx.wait_for_css("the reader", "[data-testid=reader]")
        .await?;
    let s = ctx
        .wait_for_search("name the document", |s| s.contains("doc="))
        .await?;
    ensure!(s.contains(&format!("doc={first}")), "the URL says {s}");
    ensure!(
        ctx.focused_id().await? == "reader-title",
        "the reader's title does not have focus"
    );
    // Paragraphs of text, highlighted countries with a legend, metadata.
    let n_paragraphs = ctx
        .js("return document.querySelectorAll('[data-testid=reader-text] p').length;")
        .await?;
    ensure!(
        n_paragraphs.as_u64().unwrap_or(0) > 0,
        "the reader shows no paragraph"
    );
    ensure!(
        ctx.js("return document.querySelectorAll('[data-testid=reader-text] .mark-country').length > 0 && !!document.querySelector('.legend');")
            .await?
            == Value::Bool(true),
        "no highlighted country or no legend"
    );
    // No markup from the article is ever live: the text holds no element but the highlights.
    let foreign = ctx
        .js("return Array.from(document.querySelectorAll('[data-testid=reader-text] p *')).filter((e) => !e.classList.contains('mark') && !e.classList.contains('target')).map((e) => e.tagName);")
        .await?;
    ensure!(
        foreign.as_array().is_some_and(Vec::is_empty),
        "unexpected elements in the text: {foreign}"
    );

    // A highlighted country becomes a filter.
    let code = ctx
        .js("const b = document.querySelector('[data-testid=reader-text] .mark-country[data-code]'); return b ? b.dataset.code : null;")
        .await?;
    let code = code.as_str().context("no clickable country")?.to_string();
    ctx.click("[data-testid=reader-text] .mark-country[data-code]")
        .await?;
    ctx.wait_for_search(&format!("hold c={code}"), |s| {
        s.contains(&format!("c={code}"))
    })
    .await?;

    // Escape closes the reader and takes doc= out of the URL.
    ctx.press(Key::Escape.into()).await?;
    ctx.wait_for_no_css("the reader to close", "[data-testid=reader]")
        .await?;
    ctx.wait_for_search("drop doc=", |s| !s.contains("doc="))
        .await?;
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Matrix

async fn matrix_settings_cells_and_evidence(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    let base = ctx.site.served.clone();
    ctx.open_app(&base, "v=matrix").await?;
    ctx.wait_for_css(
        "the matrix table",
        "[data-testid=matrix] tbody th[scope=row]",
    )
    .await?;
    // A real table: column and row headers.
    let headers = ctx
        .js("return [document.querySelectorAll('[data-testid=matrix] th[scope=col]').length, document.querySelectorAll('[data-testid=matrix] th[scope=row]').length];")
        .await?;
    ensure!(
        headers[0] == headers[1] && headers[0].as_u64().unwrap_or(0) >= 2,
        "row and column headers {headers}"
    );

    // A query without results says so and hides the matrix; removing it shows the table again,
    // updated in place rather than rebuilt (its cells are the same elements).
    ctx.js("document.querySelector('[data-testid=matrix] .cell-button').__kept = true;")
        .await?;
    ctx.client
        .find(Locator::Id("search"))
        .await?
        .send_keys("zzzqqq")
        .await?;
    ctx.wait_for_css("the empty-result message", "[data-testid=empty-result]")
        .await?;
    let shown = ctx
        .js("const t = document.querySelector('[data-testid=matrix]'); return !!t && t.getClientRects().length > 0;")
        .await?;
    ensure!(
        shown == false,
        "the matrix is still shown over an empty result"
    );
    ctx.js("const i = document.getElementById('search'); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true }));")
        .await?;
    ctx.wait_for_no_css("the empty result to go", "[data-testid=empty-result]")
        .await?;
    let kept = ctx
        .js("const t = document.querySelector('[data-testid=matrix]'); return !!t && t.getClientRects().length > 0 && document.querySelector('[data-testid=matrix] .cell-button').__kept === true;")
        .await?;
    ensure!(
        kept == true,
        "the matrix was not shown again with its cells kept"
    );

    // Window selector: written as mw=.
    ctx.click("[data-testid=matrix-window] option[value=paragraph]")
        .await?;
    ctx.wait_for_search("hold mw=paragraph", |s| s.contains("mw=paragraph"))
        .await?;
    // Order selector.
    ctx.click("[data-testid=matrix-order] option[value=name]")
        .await?;
    ctx.wait_for_search("hold mo=name", |s| s.contains("mo=name"))
        .await?;

    // Keyboard: the cell with the tab stop, an arrow moves to another cell, Enter opens it.
    ctx.js("document.querySelector('.cell-button[tabindex=\"0\"]').focus();")
        .await?;
    let before = ctx.focused_id().await?;
    ensure!(before.starts_with("cell-"), "focus is on {before:?}");
    ctx.press(Key::Right.into()).await?;
    ctx.press(Key::Down.into()).await?;
    let after = ctx.focused_id().await?;
    ensure!(
        after.starts_with("cell-"),
        "after the arrows focus is on {after:?}"
    );
    let pair = ctx
        .js("return document.activeElement.dataset.pair;")
        .await?
        .as_str()
        .unwrap_or_default()
        .to_string();
    ctx.press(Key::Enter.into()).await?;
    ctx.wait_for_css("the evidence panel", "[data-testid=evidence-panel]")
        .await?;
    ctx.wait_for_search(&format!("hold cell={pair}"), |s| {
        s.contains(&format!("cell={pair}"))
    })
    .await?;
    ctx.wait_for_css("evidence sentences", "[data-testid=evidence] mark")
        .await?;

    // Escape closes the evidence and gives focus back to the cell.
    ctx.press(Key::Escape.into()).await?;
    ctx.wait_for_no_css("the evidence to close", "[data-testid=evidence-panel]")
        .await?;
    ctx.wait_for_search("drop cell=", |s| !s.contains("cell="))
        .await?;

    // A click on a cell opens its evidence; an evidence sentence opens the reader there.
    ctx.click(".cell-button").await?;
    ctx.wait_for_css("the evidence panel", "[data-testid=evidence-panel]")
        .await?;
    ctx.click("[data-testid=evidence-open]").await?;
    ctx.wait_for_css("the reader at the sentence", "#reader-target")
        .await?;
    let s = ctx
        .wait_for_search("hold doc= and at=", |s| {
            s.contains("doc=") && s.contains("at=")
        })
        .await?;
    ensure!(
        s.contains("v=matrix") && s.contains("cell="),
        "the URL lost the matrix: {s}"
    );
    Ok(())
}

async fn matrix_organizations_are_rows_apart_with_their_own_cells(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    let base = ctx.site.served.clone();
    ctx.open_app(&base, "v=matrix&mn=all").await?;
    ctx.wait_for_css(
        "the matrix table",
        "[data-testid=matrix] tbody th[scope=row]",
    )
    .await?;
    let orgs = "[data-testid=matrix] th.matrix-org";
    ensure!(
        ctx.js(&format!(
            "return !document.querySelector({});",
            Value::from(orgs)
        ))
        .await?
            == true,
        "organizations are rows before the toggle"
    );
    // The toggle writes mg=1 and adds organization rows and columns, labelled apart.
    ctx.click("[data-testid=matrix-orgs]").await?;
    ctx.wait_for_search("hold mg=1", |s| s.contains("mg=1"))
        .await?;
    ctx.wait_for_css(
        "organization rows",
        "[data-testid=matrix] th.matrix-row.matrix-org",
    )
    .await?;
    let looks = ctx
        .js(r#"
            const org = document.querySelector('[data-testid=matrix] th.matrix-row.matrix-org');
            const country = document.querySelector('[data-testid=matrix] th.matrix-row:not(.matrix-org)');
            const col = document.querySelector('[data-testid=matrix] th.matrix-col.matrix-org');
            return [getComputedStyle(org).fontStyle, getComputedStyle(country).fontStyle,
                    getComputedStyle(org).color !== getComputedStyle(country).color,
                    org.textContent, col ? col.textContent : ''];
        "#)
        .await?;
    ensure!(
        looks[0] == "italic" && looks[1] == "normal" && looks[2] == true,
        "organization rows are not set apart: {looks}"
    );
    ensure!(
        looks[3].as_str().unwrap_or("").contains('◆')
            && looks[3].as_str().unwrap_or("").contains("(organization)")
            && looks[4].as_str().unwrap_or("").starts_with('◆'),
        "organization labels lack the marker: {looks}"
    );
    // An organization's cell opens its evidence with the organization highlighted.
    ctx.click(".cell-button[data-pair*='org.']").await?;
    let s = ctx
        .wait_for_search("hold an organization's cell", |s| {
            s.contains("cell=") && s.contains("org.")
        })
        .await?;
    ctx.wait_for_css("the evidence panel", "[data-testid=evidence-panel]")
        .await?;
    ctx.wait_for_css(
        "the organization marked",
        "[data-testid=evidence] mark.mark-org",
    )
    .await?;
    // The same URL opened cold restores the cell.
    ctx.open_app(&base, s.trim_start_matches('?')).await?;
    ctx.wait_for_css(
        "the evidence panel again",
        "[data-testid=evidence] mark.mark-org",
    )
    .await?;
    // Without organizations the cell closes and mg= leaves the URL.
    ctx.click("[data-testid=matrix-orgs]").await?;
    ctx.wait_for_search("drop mg= and cell=", |s| {
        !s.contains("mg=") && !s.contains("cell=")
    })
    .await?;
    ctx.wait_for_no_css("organization rows to go", orgs).await?;
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Printing

/// Puts the page in print media: in Chromium through DevTools (the real `@media print`); the
/// other engines have no such switch over WebDriver, so their `print` media rules are made to
/// apply on screen too (CSSOM, which the CSP allows), which checks the same rules.
async fn emulate_print(ctx: &Ctx, on: bool) -> Result<()> {
    if ctx.engine == Engine::Chromium {
        let media = if on { "print" } else { "" };
        ctx.client
            .issue_cmd(Cdp(
                "Emulation.setEmulatedMedia",
                serde_json::json!({ "media": media }),
            ))
            .await
            .context("Emulation.setEmulatedMedia")?;
    } else {
        ctx.js_with(
            r#"
            const on = arguments[0];
            for (const sheet of document.styleSheets) {
                for (const rule of sheet.cssRules) {
                    if (!(rule instanceof CSSMediaRule)) continue;
                    const media = Array.from(rule.media);
                    if (on && media.includes('print') && !media.includes('screen')) rule.media.appendMedium('screen');
                    if (!on && media.includes('print') && media.includes('screen')) rule.media.deleteMedium('screen');
                }
            }
            return true;
            "#,
            vec![Value::from(on)],
        )
        .await?;
    }
    Ok(())
}

/// What printing shows of the current page: for each selector, whether its first element is
/// rendered (`null` when there is none).
async fn printed(ctx: &Ctx, selectors: &[&str]) -> Result<Vec<Value>> {
    let v = ctx
        .js_with(
            "return arguments[0].map((s) => { const e = document.querySelector(s); return e ? e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' : null; });",
            vec![Value::from(selectors.to_vec())],
        )
        .await?;
    Ok(v.as_array().cloned().unwrap_or_default())
}

async fn printing_hides_the_controls_and_keeps_the_content(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    let base = ctx.site.served.clone();
    ctx.open_app(&base, "v=matrix").await?;
    ctx.wait_for_css(
        "the matrix table",
        "[data-testid=matrix] tbody th[scope=row]",
    )
    .await?;
    let controls = [
        ".sidebar",
        "[role=tablist]",
        ".copy-link",
        ".matrix-controls",
        ".exports",
    ];
    let content = [
        ".header-name",
        "[data-testid=result-count]",
        "[data-testid=matrix]",
    ];
    let before = printed(ctx, &controls).await?;
    ensure!(
        before.iter().all(|v| *v == true),
        "the controls should show on screen first: {before:?}"
    );
    emulate_print(ctx, true).await?;
    let hidden = printed(ctx, &controls).await?;
    let shown = printed(ctx, &content).await?;
    // The matrix prints whole: no scroll box, headers not sticky; a web link shows its address.
    let details = ctx
        .js(r#"
            const a = document.createElement('a');
            a.href = 'https://example.org/article';
            a.textContent = 'source';
            document.querySelector('main').appendChild(a);
            const after = getComputedStyle(a, '::after').content;
            a.remove();
            return [getComputedStyle(document.querySelector('.matrix-scroll')).overflow,
                    getComputedStyle(document.querySelector('.matrix-row')).position, after,
                    getComputedStyle(document.documentElement).backgroundColor];
        "#)
        .await?;
    emulate_print(ctx, false).await?;
    ensure!(
        hidden.iter().all(|v| *v == false),
        "controls still print: {:?}",
        controls.iter().zip(&hidden).collect::<Vec<_>>()
    );
    ensure!(
        shown.iter().all(|v| *v == true),
        "content does not print: {:?}",
        content.iter().zip(&shown).collect::<Vec<_>>()
    );
    ensure!(
        details[0] == "visible"
            && details[1] == "static"
            // Engines resolve `attr(href)` in the computed value, or keep it as written.
            && ["https://example.org/article", "attr(href)"]
                .iter()
                .any(|t| details[2].as_str().unwrap_or("").contains(t))
            && details[3] == "rgb(255, 255, 255)",
        "the matrix or links do not print as they should: {details}"
    );
    // With the reader open, the document prints and the list beside it does not.
    ctx.click("[data-testid=tab-docs], #tab-docs").await?;
    ctx.wait_for_css(
        "a document title",
        "[data-testid=document] button, [data-testid=document] a",
    )
    .await?;
    ctx.click("[data-testid=document] button, [data-testid=document] a")
        .await?;
    ctx.wait_for_css("the reader", "[data-testid=reader]")
        .await?;
    emulate_print(ctx, true).await?;
    let reader = printed(
        ctx,
        &[
            "[data-testid=reader-text]",
            "[data-testid=document]",
            ".sidebar",
        ],
    )
    .await?;
    emulate_print(ctx, false).await?;
    ensure!(
        reader == [true, false, false],
        "with the reader open, print shows [text, list, sidebar] = {reader:?}"
    );
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Figures

async fn figures_sort_and_open_the_reader_at_a_figure(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    let base = ctx.site.served.clone();
    ctx.open_app(&base, "v=figures").await?;
    ctx.wait_for_css("the figures table", "[data-testid=figure-row]")
        .await?;
    ctx.wait_for_css("the money chart", "[data-testid=money-chart] svg rect")
        .await?;
    ctx.click(".sort-button[data-sort=value]").await?;
    ctx.wait_for_search("hold fs=-value", |s| s.contains("fs=-value"))
        .await?;
    let sort = ctx
        .js("return document.querySelector('.sort-button[data-sort=value]').closest('th').getAttribute('aria-sort');")
        .await?;
    ensure!(sort == "descending", "aria-sort is {sort}");
    // Figure kind facet: only money rows remain.
    ctx.click("[data-testid=facet-kinds] input[data-key=money]")
        .await?;
    ctx.wait_for_search("hold fk=money", |s| s.contains("fk=money"))
        .await?;
    ctx.wait_for(
        "only money figures",
        "const rows = document.querySelectorAll('[data-testid=figure-row]'); return rows.length > 0 && Array.from(rows).every((r) => r.children[1].textContent === 'Money');",
    )
    .await?;
    // A value opens the reader with the figure marked.
    ctx.click("[data-testid=figure-row] .figure-value button")
        .await?;
    ctx.wait_for_css(
        "the reader at the figure",
        "#reader-target .mark-figure, #reader-target.target",
    )
    .await?;
    ctx.wait_for_search("hold at=", |s| s.contains("at="))
        .await?;
    Ok(())
}

// ------------------------------------------------------------------------------------------
// URLs and history

async fn a_url_opened_cold_restores_the_view(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    let base = ctx.site.served.clone();
    // Build a rich view by hand: a search, the matrix at paragraph window, a cell, a document.
    ctx.open_app(&base, "q=azerbaijan&v=matrix&mw=paragraph&mo=cluster")
        .await?;
    ctx.click(".cell-button").await?;
    ctx.wait_for_css("the evidence panel", "[data-testid=evidence-panel]")
        .await?;
    ctx.click("[data-testid=evidence-open]").await?;
    ctx.wait_for_css("the reader", "[data-testid=reader]")
        .await?;
    let query = ctx
        .wait_for_search("hold the whole view", |s| {
            s.contains("cell=") && s.contains("doc=")
        })
        .await?;
    let raw = ctx.js("return location.search;").await?;
    let raw = raw.as_str().unwrap_or_default().to_string();
    let doc = ctx
        .js("return document.querySelector('[data-testid=reader]').dataset.id;")
        .await?;
    let cell = ctx
        .js("return document.querySelector('.cell-selected').dataset.pair;")
        .await?;

    for page in [ctx.site.served.clone(), ctx.site.single_file.clone()] {
        ctx.restart_session().await?;
        ctx.desktop().await?;
        ctx.open_app(&page, raw.trim_start_matches('?')).await?;
        ctx.wait_for_tab("tab-matrix").await?;
        ctx.wait_for_css("the reader", "[data-testid=reader] #reader-target")
            .await?;
        let restored = ctx
            .js("return [document.querySelector('[data-testid=reader]').dataset.id, (document.querySelector('.cell-selected') || {dataset: {}}).dataset.pair, document.querySelector('[data-testid=matrix-window]').value, document.getElementById('search').value, !!document.querySelector('[data-testid=evidence-panel]')];")
            .await?;
        ensure!(
            restored[0] == doc && restored[1] == cell,
            "{page}: restored {restored}, expected document {doc} and cell {cell} (from {query})"
        );
        ensure!(
            restored[2] == "paragraph"
                && restored[3] == "azerbaijan"
                && restored[4] == Value::Bool(true),
            "{page}: restored settings {restored}"
        );
    }
    Ok(())
}

async fn back_and_forward_walk_the_views(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    let base = ctx.site.served.clone();
    ctx.open_app(&base, "").await?;
    ctx.click("#tab-matrix").await?;
    ctx.wait_for_search("hold v=matrix", |s| s.contains("v=matrix"))
        .await?;
    ctx.click("#tab-figures").await?;
    ctx.wait_for_search("hold v=figures", |s| s.contains("v=figures"))
        .await?;
    ctx.click("[data-testid=figure-row] .figure-value button")
        .await?;
    ctx.wait_for_css("the reader", "[data-testid=reader]")
        .await?;

    ctx.client.back().await?;
    ctx.wait_for_no_css("the reader to close on Back", "[data-testid=reader]")
        .await?;
    ctx.wait_for_tab("tab-figures").await?;
    ctx.client.back().await?;
    ctx.wait_for_tab("tab-matrix").await?;
    ctx.client.back().await?;
    ctx.wait_for_tab("tab-docs").await?;
    ensure!(
        ctx.search().await?.is_empty(),
        "the first view has a query string"
    );
    ctx.client.forward().await?;
    ctx.wait_for_tab("tab-matrix").await?;
    ctx.wait_for_css("the matrix again", "[data-testid=matrix]")
        .await?;
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Copy link

/// Clicks the copy-link button and waits for its outcome: "copied" or the fallback field.
async fn copy_outcome(ctx: &Ctx) -> Result<String> {
    ctx.click("[data-testid=copy-link]").await?;
    let v = ctx
        .wait_for(
            "the link to be copied or shown",
            "if (document.getElementById('copy-link-field')) return 'field'; const s = document.querySelector('[data-testid=copy-status]'); return s && s.textContent.includes('copied') ? 'copied' : null;",
        )
        .await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

/// The fallback field holds the page's URL, selected, with a visible label.
async fn check_fallback_field(ctx: &Ctx) -> Result<()> {
    let v = ctx
        .js("const f = document.getElementById('copy-link-field'); const l = document.querySelector('label[for=copy-link-field]'); return [f.value, location.href, document.activeElement === f, f.selectionStart, f.selectionEnd, f.readOnly, l ? l.textContent : '', f.offsetHeight > 0];")
        .await?;
    ensure!(v[0] == v[1], "the field holds {} instead of {}", v[0], v[1]);
    ensure!(
        v[2] == Value::Bool(true),
        "the field does not have focus: {v}"
    );
    ensure!(
        v[3] == 0 && v[4].as_u64() == v[0].as_str().map(|s| s.encode_utf16().count() as u64),
        "the link is not selected: {v}"
    );
    ensure!(v[5] == Value::Bool(true), "the field is not read-only");
    ensure!(
        v[6].as_str().is_some_and(|l| l.contains("copy this link")) && v[7] == Value::Bool(true),
        "the field is not visible with its label: {v}"
    );
    Ok(())
}

async fn copy_link_copies_or_shows_the_link_to_copy(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    for page in [ctx.site.served.clone(), ctx.site.single_file.clone()] {
        ctx.open_app(&page, "q=energy&v=figures").await?;
        // Whatever the engine allows, the user sees an outcome.
        match copy_outcome(ctx).await?.as_str() {
            "field" => check_fallback_field(ctx).await?,
            "copied" => {
                // Where the clipboard can be read back, it holds the link.
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
                    ensure!(
                        Some(text) == href.as_str(),
                        "the clipboard holds {text:?}, not {href}"
                    );
                }
            }
            other => bail!("unexpected copy outcome {other}"),
        }
        // Without a clipboard API (as under file:// in some engines): the field, never silence.
        ctx.open_app(&page, "q=energy&v=figures").await?;
        ctx.js("Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true});")
            .await?;
        ensure!(
            copy_outcome(ctx).await? == "field",
            "{page}: no fallback field without a clipboard"
        );
        check_fallback_field(ctx).await?;
        // Typed and copied at once: the link holds what was just typed (the URL follows typing
        // a moment later, and copying writes it first).
        ctx.open_app(&page, "v=figures").await?;
        // The click comes once the results are rendered (the copy status belongs to a view state,
        // so a click before that render would be undone by it).
        let written_before = ctx
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true});
                 const seq = document.getElementById('app').dataset.stateSeq;
                 const i = document.getElementById('search');
                 i.value = 'pipeline';
                 i.dispatchEvent(new Event('input', { bubbles: true }));
                 const wait = () => {
                   if (document.getElementById('app').dataset.stateSeq === seq) return requestAnimationFrame(wait);
                   const before = location.search.includes('q=pipeline');
                   document.querySelector('[data-testid=copy-link]').click();
                   done(before);
                 };
                 requestAnimationFrame(wait);",
                vec![],
            )
            .await?;
        if written_before == Value::Bool(true) {
            println!("     (the URL was already written when the link was copied: this check saw nothing to flush)");
        }
        ctx.wait_for_css("the fallback field", "#copy-link-field")
            .await?;
        let copied = ctx
            .js("return document.getElementById('copy-link-field').value;")
            .await?;
        ensure!(
            copied.as_str().is_some_and(|u| u.contains("q=pipeline")),
            "{page}: the link copied right after typing is {copied}"
        );
        // A refusing clipboard too.
        ctx.open_app(&page, "v=matrix").await?;
        ctx.js("Object.defineProperty(navigator, 'clipboard', {value: {writeText: () => Promise.reject(new Error('denied'))}, configurable: true});")
            .await?;
        ensure!(
            copy_outcome(ctx).await? == "field",
            "{page}: no fallback field when the clipboard refuses"
        );
        check_fallback_field(ctx).await?;
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Notices

async fn bad_parameters_show_a_notice(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    let long = "x".repeat(5000);
    for page in [ctx.site.served.clone(), ctx.site.single_file.clone()] {
        ctx.open_app(
            &page,
            &format!("zzz=1&mn=9000&c=A1,AZ&from=2024-13&q=%E0%A4&doc=no-such-document&src={long}"),
        )
        .await?;
        ctx.wait_for_css("the notices", "[data-testid=notices]")
            .await?;
        let text = ctx
            .js("return document.querySelector('[data-testid=notices]').textContent;")
            .await?;
        let text = text.as_str().unwrap_or_default();
        for needle in ["zzz", "top-N", "A1", "2024-13", "no-such-document"] {
            ensure!(
                text.contains(needle),
                "the notices do not mention {needle}: {text}"
            );
        }
        // The rest of the link still applies, and the app works.
        ctx.wait_for_css("the document list", "[data-testid=document]")
            .await?;
        ctx.click("[data-testid=dismiss-notices]").await?;
        ctx.wait_for_no_css("the notices to go", "[data-testid=notices]")
            .await?;
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Keyboard

async fn keyboard_paths(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    let base = ctx.site.served.clone();
    ctx.open_app(&base, "").await?;
    // `/` focuses the search box from anywhere outside a text field.
    ctx.js("document.activeElement && document.activeElement.blur(); document.body.focus();")
        .await?;
    ctx.press('/').await?;
    ensure!(
        ctx.focused_id().await? == "search",
        "`/` did not focus the search box"
    );
    ensure!(
        ctx.js("return document.getElementById('search').value;")
            .await?
            == "",
        "`/` was typed into the box"
    );

    // Tabs: one tab stop; arrows, Home and End switch views and move focus.
    ctx.js("document.getElementById('tab-docs').focus();")
        .await?;
    ctx.press(Key::Right.into()).await?;
    ctx.wait_for_tab("tab-matrix").await?;
    ensure!(
        ctx.focused_id().await? == "tab-matrix",
        "focus did not follow the tab"
    );
    ctx.wait_for_search("hold v=matrix", |s| s.contains("v=matrix"))
        .await?;
    ctx.press(Key::End.into()).await?;
    ctx.wait_for_tab("tab-figures").await?;
    ctx.press(Key::Home.into()).await?;
    ctx.wait_for_tab("tab-docs").await?;
    ctx.press(Key::Left.into()).await?;
    ctx.wait_for_tab("tab-figures").await?;
    let tabindex = ctx
        .js("return Array.from(document.querySelectorAll('[role=tab]'), (t) => t.tabIndex);")
        .await?;
    ensure!(
        tabindex == serde_json::json!([-1, -1, 0]),
        "tab stops {tabindex}"
    );

    // Enter on a result opens the reader; Escape closes it and focus returns.
    ctx.press(Key::Home.into()).await?;
    ctx.wait_for_tab("tab-docs").await?;
    ctx.js("document.querySelector('[data-testid=document] .document-title button').focus();")
        .await?;
    ctx.press(Key::Enter.into()).await?;
    ctx.wait_for_css("the reader", "[data-testid=reader]")
        .await?;
    ctx.press(Key::Escape.into()).await?;
    ctx.wait_for_no_css("the reader to close", "[data-testid=reader]")
        .await?;
    let back = ctx
        .js("return document.activeElement && document.activeElement.closest('[data-testid=document]') !== null;")
        .await?;
    ensure!(
        back == Value::Bool(true),
        "focus did not return to the result"
    );

    // Every control shows a visible focus ring (the :focus-visible outline).
    let outline = ctx
        .js("const b = document.getElementById('tab-docs'); b.focus(); return getComputedStyle(b).outlineStyle;")
        .await?;
    ensure!(outline != "none", "the focused tab has no outline");
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Accessibility (axe-core)

async fn axe_finds_no_serious_violations(ctx: &mut Ctx) -> Result<()> {
    ctx.desktop().await?;
    let axe_path = ctx
        .site
        .dist
        .parent()
        .context("dist has a parent")?
        .join(".tools/node_modules/axe-core/axe.min.js");
    let axe = std::fs::read_to_string(&axe_path).with_context(|| {
        format!(
            "reading {} (cargo xtask setup installs it)",
            axe_path.display()
        )
    })?;
    let base = ctx.site.served.clone();
    // Each view, the reader and the matrix evidence open.
    let views = ["", "q=azerbaijan&c=PK", "v=matrix", "v=figures", "q=zzzqqq"];
    let mut failures = Vec::new();
    for query in views {
        ctx.open_app(&base, query).await?;
        if query == "v=matrix" {
            ctx.click(".cell-button").await?;
            ctx.wait_for_css("the evidence", "[data-testid=evidence-panel]")
                .await?;
            ctx.click("[data-testid=evidence-open]").await?;
            ctx.wait_for_css("the reader", "[data-testid=reader]")
                .await?;
        }
        ctx.js(&format!("{axe}\nreturn typeof window.axe;")).await?;
        let result = ctx
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {resultTypes: ['violations']})
                   .then((r) => done(r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
                       nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' '))}))))
                   .catch((e) => done('axe failed: ' + e));",
                vec![],
            )
            .await?;
        let Some(list) = result.as_array() else {
            bail!("axe did not run on ?{query}: {result}");
        };
        for v in list {
            let impact = v["impact"].as_str().unwrap_or("");
            if impact == "serious" || impact == "critical" {
                failures.push(format!(
                    "?{query}: {impact} {} ({}) at {}",
                    v["id"], v["help"], v["nodes"]
                ));
            } else {
                println!("     axe ({impact}) on ?{query}: {} {}", v["id"], v["help"]);
            }
        }
    }
    ensure!(
        failures.is_empty(),
        "axe-core violations:\n{}",
        failures.join("\n")
    );
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Screenshots (speed is measured by the browser benchmark, `cargo xtask bench`, not by tests)

async fn screenshots_of_each_view(ctx: &mut Ctx) -> Result<()> {
    let base = ctx.site.served.clone();
    let views = [
        ("documents", "q=energy"),
        ("matrix", "v=matrix&cell=AZ-PK"),
        ("figures", "v=figures"),
        ("reader", "q=pakistan&doc=001-fff5bee5aa7f1e0f&at=900"),
    ];
    for (size, width, height) in [("desktop", 1280, 800), ("phone", 360, 780)] {
        ctx.set_window_size(width, height).await?;
        for (name, query) in views {
            ctx.open_app(&base, query).await?;
            if name == "reader" {
                // The seed document may have another id in a custom corpus: open the first one.
                if ctx
                    .js("return !document.querySelector('[data-testid=reader]');")
                    .await?
                    == Value::Bool(true)
                {
                    ctx.click("[data-testid=document] .document-title button")
                        .await?;
                }
                ctx.wait_for_css("the reader", "[data-testid=reader]")
                    .await?;
            }
            // The page itself never scrolls sideways (wide tables scroll in their own box).
            // clientWidth, not innerWidth: a vertical scrollbar takes its share of the width.
            let widths = ctx
                .js("return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")
                .await?;
            ensure!(
                widths[0].as_u64() <= widths[1].as_u64(),
                "{name} at {size}: the page is {} px wide in a {} px viewport",
                widths[0],
                widths[1]
            );
            let path = ctx.screenshot(&format!("explorer-{name}-{size}")).await?;
            println!("     {name} ({size}): {}", path.display());
        }
    }
    ctx.desktop().await
}
