//! HTML import throughput (MB/s of pages): saved pages of the shape news sites serve (a head of
//! metadata, inline scripts and styles, navigation, an article of thirty paragraphs, a sidebar,
//! teaser cards, comments, a footer), generated here, read through the importer as a browser
//! import reads them (tree, article, metadata, then the text parser). The budget is 50 MB/s.
//! The benchmark checks that every page gives its one article, so a broken fast path cannot pass
//! for a win.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use entente_core::import::read_file;
use std::fmt::Write;
use std::hint::black_box;

/// A generated page, about 150 KB, of which the article is a tenth.
fn page(n: usize) -> String {
    let mut p = String::with_capacity(160_000);
    let _ = write!(
        p,
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Talks number {n} resume in the capital | Example Wire</title>
<meta property="og:title" content="Talks number {n} resume in the capital">
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2024-07-03T10:00:00Z">
<meta name="description" content="Delegations met again on Tuesday.">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"Talks number {n} resume in the capital","datePublished":"2024-07-03T10:00:00Z","author":{{"@type":"Person","name":"A. Writer"}},"publisher":{{"@type":"Organization","name":"Example Wire"}}}}</script>
"#
    );
    for i in 0..40 {
        let _ = write!(p, "<meta name=\"tracking-{i}\" content=\"value {i}\">");
    }
    p.push_str("<style>");
    for i in 0..300 {
        let _ = write!(p, ".c{i} {{ margin: {i}px; color: #{i:03}; }} ");
    }
    p.push_str("</style><script>");
    for i in 0..600 {
        let _ = write!(
            p,
            "window.cfg{i} = {{a: {i}, b: \"<div>{i}</div>\", c: [1, 2, 3]}}; "
        );
    }
    p.push_str("</script></head><body><header class=\"site-header\"><nav><ul>");
    for i in 0..120 {
        let _ = write!(
            p,
            "<li class=\"menu-item\"><a href=\"/section/{i}\">Section {i}</a></li>"
        );
    }
    p.push_str("</ul></nav></header><main><div class=\"layout\"><article class=\"story\">");
    let _ = write!(
        p,
        "<h1>Talks number {n} resume in the capital</h1><p class=\"byline\">By A. Writer, <time datetime=\"2024-07-03\">3 July 2024</time></p><div class=\"article-body\">"
    );
    for i in 0..30 {
        let _ = write!(
            p,
            "<p>Delegations from both countries met on Tuesday for round {i} of the talks, officials said, \
             and agreed to study <a href=\"/topic/{i}\">a shared pipeline</a>, a new border crossing and \
             $1.{i} billion in trade credits &amp; guarantees over the next {i} years.</p>"
        );
        if i % 10 == 9 {
            let _ = write!(p, "<figure><img src=\"/img/{i}.jpg\"><figcaption>Photo {i}: the delegations</figcaption></figure><div class=\"ad-slot\">Advertisement</div>");
        }
    }
    p.push_str("</div><div class=\"share-tools\"><a href=\"/s/1\">Share</a> <a href=\"/s/2\">Post</a></div></article><aside class=\"sidebar\"><h3>Most read</h3><ol>");
    for i in 0..20 {
        let _ = write!(
            p,
            "<li><a href=\"/story/{i}\">Another story about a subject, number {i}</a></li>"
        );
    }
    p.push_str("</ol></aside></div><section class=\"related\"><h2>Related</h2>");
    for i in 0..12 {
        let _ = write!(p, "<article class=\"card\"><a href=\"/card/{i}\"><img src=\"/c/{i}.jpg\"><h3>Teaser headline {i} of another story</h3></a><p>A short teaser text for card {i}, with a few words.</p></article>");
    }
    p.push_str("</section><section class=\"comments\"><h2>Comments</h2>");
    for i in 0..40 {
        let _ = write!(p, "<div class=\"comment\"><span class=\"author\">Reader {i}</span><p>I think the talks of round {i} will fail, as they always do, but who knows.</p><button>Reply</button></div>");
    }
    p.push_str("</section></main><footer><p>&copy; Example Wire. All rights reserved.</p><form><input type=email><button>Subscribe</button></form></footer>");
    p.push_str(&"<div class=\"pixel\" hidden><img src=\"/p.gif\"></div>".repeat(200));
    p.push_str("</body></html>");
    p
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("html");
    g.sample_size(10);
    let pages: Vec<(String, Vec<u8>)> = (0..64)
        .map(|n| (format!("page{n}.html"), page(n).into_bytes()))
        .collect();
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    assert!(bytes > 4_000_000, "{bytes}");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("news_pages", |b| {
        b.iter(|| {
            let mut documents = 0;
            for (name, html) in &pages {
                let out = read_file(name, black_box(html));
                let doc = &out.documents[0];
                assert!(doc.text.contains("round 29 of the talks"), "{}", doc.text);
                assert!(!doc.text.contains("Teaser headline"), "{}", doc.text);
                assert!(!doc.text.contains("Reader 3"), "{}", doc.text);
                documents += out.documents.len();
            }
            assert_eq!(documents, pages.len());
            documents
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
