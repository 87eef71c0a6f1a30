//! Unit tests of the HTML reader, one table per rule, on small pages written for them.

use super::tree::{class_hints, hint};
use super::*;
use crate::import::read_file;

/// The article text a page gives.
fn body(html: &str) -> String {
    reduce(html).body_text()
}

/// A paragraph of filler prose of about `n` sentences, so that a block reads as article text.
fn prose(topic: &str, n: usize) -> String {
    (0..n)
        .map(|i| {
            format!("The {topic} talks went on for a day, officials said, and sentence {i} adds a detail, a date and a place.")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_tree_reads_text_as_a_browser_shows_it() {
    let rows: &[(&str, &str)] = &[
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("<div>a <b>bold</b>\n  word</div>", "a bold word"),
        ("<script>window.__pwned=1</script><p>Safe</p>", "Safe"),
        ("<SCRIPT type=x>if (a < b) {}</SCRIPT ><p>Safe</p>", "Safe"),
        ("<style>p{color:red}</style><p>x</p>", "x"),
        ("<p>a<br>b</p>", "a\nb"),
        ("<div>a<br><br>b</div>", "a\n\nb"),
        ("<p>a</br>b</p>", "a\nb"),
        // End tags the standard implies.
        ("<p>first<p>second", "first\n\nsecond"),
        ("<p>para<div>block</div>", "para\n\nblock"),
        ("<ul><li>one<li>two</ul>", "one\n\ntwo"),
        ("<dl><dt>term<dd>meaning</dl>", "term\n\nmeaning"),
        ("<table><tr><td>a<td>b<tr><td>c</table>", "a b\n\nc"),
        ("<h2>Head<h3>Sub</h3>text", "Head\n\nSub\n\ntext"),
        // Headings that head nothing at the end are what is left of a cut block.
        ("<p>text</p><h2>Related</h2>", "text"),
        ("<h2>Only a heading</h2>", "Only a heading"),
        // Void elements hold nothing.
        ("<div><input type=hidden><p>after</p></div>", "after"),
        ("<p>x<img src=a.png>y</p>", "xy"),
        // Raw text and embedded documents are never text.
        ("<iframe src=x><p>inner</p></iframe><p>out</p>", "out"),
        ("<noscript><p>enable js</p></noscript><p>out</p>", "out"),
        ("<template><p>later</p></template><p>out</p>", "out"),
        ("<textarea><p>typed</p></textarea><p>out</p>", "out"),
        ("<svg onload=alert(1)><text>t</text></svg><p>out</p>", "out"),
        ("<p>unclosed <script>never closed", "unclosed"),
        ("<!-- <p>hidden</p> --><p>shown</p>", "shown"),
        ("<!DOCTYPE html><p>x</p>", "x"),
        ("<p>1 < 2 and 3 > 2</p>", "1 < 2 and 3 > 2"),
        ("<p title='a > b'>quoted</p>", "quoted"),
        ("<pre>line 1\n  line 2</pre>", "line 1\n  line 2"),
        // Hidden elements.
        ("<p hidden>x</p><p>y</p>", "y"),
        ("<p style='display: none'>x</p><p>y</p>", "y"),
        ("<div aria-hidden=true>x</div><p>y</p>", "y"),
        // An unknown end tag closes nothing it does not match.
        ("<p><em>a</strong> b</em> c</p>", "a b c"),
        (
            "<p>zero\u{200B}width \u{202E}bidi</p>",
            "zero\u{200B}width \u{202E}bidi",
        ),
        ("", ""),
        ("<", "<"),
        ("<a", ""),
        ("</", "</"),
    ];
    for (html, expected) in rows {
        assert_eq!(body(html), *expected, "{html:?}");
    }
}

#[test]
fn character_references_are_decoded() {
    let rows: &[(&str, &str)] = &[
        (
            "Tom &amp; Jerry &lt;3 &#8217; &#x2014; &nbsp;x &bogus; &amp",
            "Tom & Jerry <3 \u{2019} \u{2014}  x &bogus; &amp",
        ),
        ("&#150; &#0; &#x110000;", "\u{2013} \u{FFFD} \u{FFFD}"),
        ("&eacute;t&eacute;", "été"),
        ("no references", "no references"),
    ];
    for (raw, expected) in rows {
        let mut out = String::new();
        entities::decode_into(raw, &mut out);
        assert_eq!(out, *expected, "{raw:?}");
    }
}

#[test]
fn class_and_id_words_give_hints() {
    let rows: &[(&str, u32)] = &[
        ("article-body", hint::CONTENT),
        ("entry-content", hint::CONTENT),
        ("articleBody", hint::CONTENT),
        ("post_text main", hint::CONTENT),
        ("related-stories", hint::FURNITURE),
        ("commentList", hint::COMMENTS | hint::FURNITURE),
        ("share-bar social", hint::FURNITURE),
        ("ad-slot", hint::FURNITURE),
        ("site-header", hint::NAVIGATION),
        ("breadcrumbs", hint::NAVIGATION),
        ("image-caption", hint::ABOUT),
        ("entry-content-read-more", hint::CONTENT),
        // Whole words only: no "ad" in "header" or "load", no "nav" in "canvas".
        ("loader", 0),
        ("canvas-wrap", 0),
        ("shadow", 0),
        ("", 0),
    ];
    for (value, expected) in rows {
        assert_eq!(class_hints(value), *expected, "{value:?}");
    }
}

#[test]
fn the_article_is_found_by_density_and_markup() {
    let story = prose("border", 3);
    let more = prose("trade", 2);
    let links = "<ul><li><a href=/a>Another story here</a></li><li><a href=/b>One more story to read</a></li><li><a href=/c>A third linked story</a></li></ul>";
    let rows: Vec<(String, String)> = vec![
        // Site furniture around a story: navigation, a sidebar of links, a footer.
        (
            format!("<div class=menu>{links}</div><div id=story><p>{story}</p><p>{more}</p></div><div class=sidebar><h3>Popular</h3>{links}</div><footer>(c) Site</footer>"),
            format!("{story}\n\n{more}"),
        ),
        // The page's own markup: an articleBody beats a longer block of other text.
        (
            format!("<div itemprop=articleBody><p>{story}</p></div><div><p>{more}</p><p>{more}</p><p>{more}</p></div>"),
            story.clone(),
        ),
        // Comments under the story are left out, even long ones.
        (
            format!("<article><p>{story}</p><p>{more}</p><div class=comments><p>{more}</p></div></article>"),
            format!("{story}\n\n{more}"),
        ),
        // A list of teasers (sibling <article>s) after the story is left out.
        (
            format!("<div class=story><p>{story}</p><p>{more}</p><div class=list><article><h3>Teaser one</h3><p>{more}</p></article><article><h3>Teaser two</h3><p>{more}</p></article><article><h3>Teaser three</h3><p>{more}</p></article></div></div>"),
            format!("{story}\n\n{more}"),
        ),
        // A block made mostly of links inside the story is left out, and so is the heading it
        // leaves at the end.
        (
            format!("<article><p>{story}</p><h2>Read more</h2>{links}</article>"),
            story.clone(),
        ),
        // Captions, bylines and asides inside the story are about it, not of it.
        (
            format!("<article><p class=byline>By A. Writer</p><figure><img src=x><figcaption>A photo of the border</figcaption></figure><p>{story}</p><aside>Related: {more}</aside><p>{more}</p></article>"),
            format!("{story}\n\n{more}"),
        ),
        // A story split by a figure into two blocks is read whole.
        (
            format!("<div><div class=part><p>{story}</p><p>{story}</p></div><figure><figcaption>Photo</figcaption></figure><div class=part><p>{more}</p></div><div class=share><a href=/s>Share</a></div></div>"),
            format!("{story}\n\n{story}\n\n{more}"),
        ),
        // Text between line breaks, directly in a container, is a paragraph too.
        (
            format!("<div class=nav>{links}</div><div>{story}<br><br>{more}</div>"),
            format!("{story}\n\n{more}"),
        ),
        // The headline at the top of the article is given as the title, not repeated.
        (
            format!("<article><h1>Border talks resume</h1><p>{story}</p></article>"),
            story.clone(),
        ),
    ];
    for (html, expected) in &rows {
        assert_eq!(body(html), *expected, "{html}");
    }
}

/// The title a page gives, and whether the page stated it.
fn title(html: &str) -> Option<(String, bool)> {
    reduce(html).meta.title.map(|t| (t.value, t.stated))
}

#[test]
fn titles_come_from_the_page_markup_first() {
    let p = format!("<p>{}</p>", prose("border", 2));
    let rows: Vec<(String, Option<(&str, bool)>)> = vec![
        // The <h1> the page shows, borne out by its og:title.
        (
            format!("<meta property=og:title content='Talks resume in Bonn | Example'><h1>Talks resume in Bonn</h1>{p}"),
            Some(("Talks resume in Bonn", true)),
        ),
        // A stated headline when the <h1> is the site's name.
        (
            format!("<meta property=og:title content='Talks resume in Bonn'><meta property=og:site_name content='Example News'><h1>Example News</h1>{p}"),
            Some(("Talks resume in Bonn", true)),
        ),
        // The page's one <h1>, shown, over a stated headline that says something else.
        (
            format!("<meta property=og:title content='Talks are back'><h1>Talks resume in Bonn</h1>{p}"),
            Some(("Talks resume in Bonn", true)),
        ),
        // A stated headline when the page has several unrelated <h1>s.
        (
            format!("<meta property=og:title content='Talks are back'><h1>Weather</h1><h1>Sports news</h1>{p}"),
            Some(("Talks are back", true)),
        ),
        // A kicker in its own element before the headline is left out.
        (
            format!("<meta property=og:title content='Talks resume in Bonn'><article><h1><span>Climate</span> Talks resume in Bonn</h1>{p}</article>"),
            Some(("Talks resume in Bonn", true)),
        ),
        // JSON-LD of an article type.
        (
            format!(r#"<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"Talks &amp; a deal"}}</script>{p}"#),
            Some(("Talks & a deal", true)),
        ),
        // The <title> without the site's name, as stated by og:site_name.
        (
            format!("<title>Example Wire - Talks resume</title><meta property=og:site_name content='Example Wire'>{p}"),
            Some(("Talks resume", false)),
        ),
        // ... or as the page's host names it.
        (
            format!("<title>Talks resume – Example News</title><link rel=canonical href='https://www.examplenews.org/a'>{p}"),
            Some(("Talks resume", false)),
        ),
        // ... or a last " | " segment.
        (format!("<title>Talks resume | Example</title>{p}"), Some(("Talks resume", false))),
        // A blog's <h1> is its name; the post's title is a heading that is part of <title>.
        (
            format!("<title>Example Blog » Talks resume in Bonn</title><h1>Example Blog</h1><h2>Talks resume in Bonn</h2>{p}"),
            Some(("Talks resume in Bonn", true)),
        ),
        // ... and the separator written after the kicker.
        (
            format!("<meta property=og:title content='Climate: Talks resume in Bonn'><article><h1><span>Climate</span>: Talks resume in Bonn</h1>{p}</article>"),
            Some(("Talks resume in Bonn", true)),
        ),
        // A date before a separator is no part of the headline.
        (format!("<title>23.01.2022 - Talks resume in Bonn</title>{p}"), Some(("Talks resume in Bonn", false))),
        // Ruby annotations (pronunciation) are not text.
        (
            format!("<article><h1><ruby>漢<rt>かん</rt></ruby>字の話</h1>{p}</article>"),
            Some(("漢字の話", true)),
        ),
        // The article's one <h1> when nothing states a headline.
        (format!("<article><h1>Talks resume</h1>{p}</article>"), Some(("Talks resume", true))),
        (format!("<title>Plain</title>{p}"), Some(("Plain", false))),
        // A headline that mentions the brand of the host is no site name.
        (
            format!("<title>How Example built its search - a history</title><link rel=canonical href='https://example.org/a'>{p}"),
            Some(("How Example built its search - a history", false)),
        ),
        // A heading's permalink sign is left out.
        (format!("<article><h1>Shared history<a href=#h>¶</a></h1>{p}</article>"), Some(("Shared history", true))),
        (p.clone(), None),
    ];
    for (html, expected) in &rows {
        let want = expected.map(|(t, s)| (t.to_string(), s));
        assert_eq!(title(html), want, "{html}");
    }
}

#[test]
fn site_names_are_stripped_from_titles() {
    let site = |name: Option<&'static str>, url: Option<&str>| meta::Site {
        name,
        host_label: url.and_then(meta::host_label),
    };
    let rows: &[(&str, Option<&str>, Option<&str>, &str)] = &[
        (
            "Talks resume | Example News",
            Some("Example News"),
            None,
            "Talks resume",
        ),
        (
            "Example News - Talks resume",
            Some("Example News"),
            None,
            "Talks resume",
        ),
        (
            "Talks resume - La Stampa",
            None,
            Some("https://www.lastampa.it/x"),
            "Talks resume",
        ),
        (
            "Talks resume | Forum | Example",
            Some("Example"),
            None,
            "Talks resume | Forum",
        ),
        ("Talks - the sequel", None, None, "Talks - the sequel"),
        ("Talks resume | Site", None, None, "Talks resume"),
    ];
    for (t, name, url, want) in rows {
        assert_eq!(meta::strip_site(t, &site(*name, *url)), *want, "{t}");
    }
    assert_eq!(
        meta::host_label("https://www.example-news.co.uk/a").as_deref(),
        Some("examplenews")
    );
}

/// The date a page gives, and whether the page stated it.
fn date(html: &str) -> Option<(String, bool)> {
    reduce(html).meta.date.map(|d| (d.value, d.stated))
}

#[test]
fn dates_come_from_the_page_markup_first() {
    let p = format!("<p>{}</p>", prose("border", 2));
    let rows: Vec<(String, Option<(&str, bool)>)> = vec![
        (
            format!(r#"<script type="application/ld+json">{{"@graph":[{{"@type":"WebSite","name":"X"}},{{"@type":"Article","datePublished":"2024-07-03T23:10:00+02:00"}}]}}</script>{p}"#),
            Some(("2024-07-03", true)),
        ),
        (
            format!("<meta property='article:published_time' content='2024-07-03T10:00:00Z'>{p}"),
            Some(("2024-07-03", true)),
        ),
        (
            format!("<article><meta itemprop=datePublished content=2023-05-01>{p}</article>"),
            Some(("2023-05-01", true)),
        ),
        (
            format!("<article><h1>Talks</h1><time datetime='2023-05-01T08:00'>May 1</time>{p}</article>"),
            Some(("2023-05-01", true)),
        ),
        (
            format!("<article><abbr class=published title='2011-03-30T21:05:00-07:00'>9 pm</abbr>{p}</article>"),
            Some(("2011-03-30", true)),
        ),
        (
            format!("<meta name=date content='7 November 2023'>{p}"),
            Some(("2023-11-07", true)),
        ),
        // A stated value with no whole date in it gives way to the next source.
        (
            format!("<article><span itemprop=datePublished>Published this week</span><time datetime='2023-05-02'>Tuesday</time>{p}</article>"),
            Some(("2023-05-02", true)),
        ),
        // JSON-LD with raw line breaks in its strings (invalid JSON, common) is read.
        (
            format!("<script type=application/ld+json>{{\"@type\":\"Article\",\"description\":\"two\nlines\",\"datePublished\":\"2022-01-28\"}}</script>{p}"),
            Some(("2022-01-28", true)),
        ),
        // Inferred: the URL, a date shown by the headline, the <title>.
        (
            format!("<link rel=canonical href='https://example.org/2024/07/03/talks'>{p}"),
            Some(("2024-07-03", false)),
        ),
        (
            format!("<h1>Talks resume</h1><span class=date>07.11.2023</span>{p}"),
            Some(("2023-11-07", false)),
        ),
        // By the heading chosen as the title, not by a logo's <h1>.
        (
            format!("<h1>Example</h1><meta property=og:title content='Talks resume in Bonn'><div class=story><h2>Talks resume in Bonn</h2><p><b>(18.01.2018)</b> {}</p><p>{}</p></div>", prose("border", 3), prose("trade", 3)),
            Some(("2018-01-18", false)),
        ),
        // Under the article.
        (
            format!("<article><p>{}</p><p>{}</p><p>Posted on 7 November 2023</p></article>", prose("border", 3), prose("trade", 3)),
            Some(("2023-11-07", false)),
        ),
        (
            format!("<title>Talks | 02.11.2021</title>{p}"),
            Some(("2021-11-02", false)),
        ),
        (p.clone(), None),
    ];
    for (html, expected) in &rows {
        let want = expected.map(|(t, s)| (t.to_string(), s));
        assert_eq!(date(html), want, "{html}");
    }
}

#[test]
fn other_metadata_comes_from_the_page() {
    let html = format!(
        r#"<html lang="en-GB"><head>
        <script type="application/ld+json">[{{"@type":"BlogPosting","author":[{{"@type":"Person","name":"A. Writer"}},{{"name":"B. Writer"}}],"publisher":{{"@type":"Organization","name":"Example Wire"}},"articleSection":"World"}}]</script>
        <meta property="og:url" content="https://example.org/a">
        <meta name="description" content="Desc.">
        </head><body><p>{}</p></body></html>"#,
        prose("border", 2)
    );
    let m = reduce(&html).meta;
    let v = |s: &Option<meta::Stated>| s.as_ref().map(|s| s.value.clone());
    assert_eq!(v(&m.author).as_deref(), Some("A. Writer, B. Writer"));
    assert_eq!(v(&m.site).as_deref(), Some("Example Wire"));
    assert_eq!(v(&m.section).as_deref(), Some("World"));
    assert_eq!(v(&m.url).as_deref(), Some("https://example.org/a"));
    assert_eq!(v(&m.language).as_deref(), Some("en-GB"));
    assert_eq!(m.description.as_deref(), Some("Desc."));
}

#[test]
fn provenance_is_recorded_on_the_document() {
    let p = format!("<p>{}</p>", prose("border", 2));
    // Stated by the page: given.
    let stated = format!("<meta property=og:title content='Talks resume'><meta property='article:published_time' content='2024-07-03'>{p}");
    let out = read_file("a.html", stated.as_bytes());
    let d = &out.documents[0];
    assert_eq!(
        d.title.as_ref().map(|t| t.origin),
        Some(Origin::FrontMatter)
    );
    assert_eq!(d.date.as_ref().map(|t| t.origin), Some(Origin::FrontMatter));
    // Inferred by entente: detected.
    let inferred = format!("<title>Talks resume | Example</title><link rel=canonical href='https://example.org/2024/07/03/talks'>{p}");
    let out = read_file("a.html", inferred.as_bytes());
    let d = &out.documents[0];
    assert_eq!(
        d.title.as_ref().map(|t| t.value.as_str()),
        Some("Talks resume")
    );
    assert_eq!(d.title.as_ref().map(|t| t.origin), Some(Origin::Detected));
    assert_eq!(
        d.date.map(|t| (t.value.to_string(), t.origin)),
        Some(("2024-07-03".to_string(), Origin::Detected))
    );
}

#[test]
fn a_page_of_furniture_is_refused_and_a_bare_one_read() {
    let refused = [
        "<nav><a href=/>Home</a></nav><script>x()</script>",
        "<header><a href=/>Site</a></header><footer>(c) Site</footer><aside>Trending</aside>",
        "<form><button>Subscribe</button><select><option>One</option></select></form>",
    ];
    for html in refused {
        let out = read_file("a.html", html.as_bytes());
        let r = out.refusal.unwrap_or_else(|| panic!("{html}: not refused"));
        assert_eq!(r.kind, RefusalKind::OnlyBoilerplate, "{html}");
        assert!(r.message.contains("no article text"), "{}", r.message);
    }
    // Short texts that all look like cards are still read rather than refused.
    let cards = "<article><p>Talks in Bonn.</p></article><article><p>Trade in Baku.</p></article><article><p>Ports in Riga.</p></article>";
    let out = read_file("a.html", cards.as_bytes());
    assert!(out.refusal.is_none(), "{:?}", out.refusal);
    assert!(out.documents[0].text.contains("Talks in Bonn."));
    // No text but a description: the description, with a warning.
    let out = read_file(
        "a.html",
        b"<meta name=description content='Talks resumed.'><nav>Home</nav>",
    );
    assert_eq!(out.documents[0].text.trim(), "Talks resumed.");
    assert!(
        out.warnings[0].contains("description"),
        "{:?}",
        out.warnings
    );
}

#[test]
fn one_page_is_one_document() {
    // Numbered sections are sub-headings of one article, not a bulletin.
    let html = format!(
        "<article><h1>A standard</h1><h2>1. Scope</h2><p>{}</p><h2>2. Terms</h2><p>{}</p><h2>3. Rules</h2><p>{}</p></article>",
        prose("scope", 2),
        prose("terms", 2),
        prose("rules", 2)
    );
    let out = read_file("a.html", html.as_bytes());
    assert_eq!(out.documents.len(), 1);
    // In-page links to the sections (a table of contents) are link text, left out.
    let toc = format!(
        "<article><h1>A report</h1><ul><li><a href=#a>Scope</a></li><li><a href=#b>Terms</a></li></ul><h2 id=a>Scope</h2><p>{}</p><h2 id=b>Terms</h2><p>{}</p></article>",
        prose("scope", 2),
        prose("terms", 2)
    );
    let out = read_file("a.html", toc.as_bytes());
    assert_eq!(out.documents.len(), 1);
}

#[test]
fn hostile_pages_stay_inert_and_linear() {
    // Markup never comes through as text, and links are text only.
    let html = "<p>Read <a href='javascript:alert(1)'>this</a> <img src=x onerror=alert(1)>now.</p><script>alert(2)</script><svg onload=alert(3)></svg><iframe srcdoc='<script>alert(4)</script>'></iframe>";
    let text = body(html);
    assert_eq!(text, "Read this now.");
    // Deep nesting, unclosed elements and many siblings are read in linear time and bounded
    // depth (no recursion overflow).
    let n = 100_000;
    for unit in [
        "<div>",
        "<p>",
        "<li>",
        "<table><tr><td>",
        "<span>",
        "<article>",
        "<h1>",
        "<b><i>",
    ] {
        let mut page = unit.repeat(n);
        page.push_str("Deep text at the bottom of the page.");
        let out = read_file("deep.html", page.as_bytes());
        assert!(out.refusal.is_none(), "{unit}");
        assert!(out.documents[0].text.contains("Deep text"), "{unit}");
    }
    let json_ld = format!(
        "<script type=application/ld+json>{}</script><p>Body text.</p>",
        "[".repeat(10_000)
    );
    assert_eq!(body(&json_ld), "Body text.");
}

#[test]
fn declared_single_byte_encodings_are_read() {
    let rows: &[(&[u8], Option<&str>)] = &[
        (
            b"<meta charset=\"iso-8859-1\"><p>Caf\xe9 \x93talks\x94</p>",
            Some("<meta charset=\"iso-8859-1\"><p>Café \u{201C}talks\u{201D}</p>"),
        ),
        (
            b"<meta http-equiv=Content-Type content='text/html; charset=windows-1252'><p>\xe9</p>",
            Some(
                "<meta http-equiv=Content-Type content='text/html; charset=windows-1252'><p>é</p>",
            ),
        ),
        (b"<meta charset=shift_jis><p>\x82\xa0</p>", None),
        (b"<p>no declaration \xe9</p>", None),
    ];
    for (bytes, want) in rows {
        assert_eq!(decode_declared(bytes).as_deref(), *want, "{bytes:?}");
    }
    // Through the importer: no lossy-decoding warning, the right characters.
    let out = read_file(
        "a.html",
        b"<meta charset=latin1><p>Caf\xe9 talks in Baku continue.</p>",
    );
    let d = &out.documents[0];
    assert!(d.text.contains("Café talks"), "{:?}", d.text);
    assert!(
        d.warnings.iter().all(|w| !w.contains("UTF-8")),
        "{:?}",
        d.warnings
    );
}
