//! A page's metadata as its own markup states it, before any guess: structured data (JSON-LD of
//! an article type), Open Graph and other `<meta>` tags, microdata (`itemprop`), and the
//! article's elements (`<h1>`, `<time datetime>`). Each value says whether the page stated it
//! or it was inferred (a `<title>` without the site's name, a date in the URL), which the
//! importer records as the value's provenance.

use super::tree::{hint, is_article_type, Tag, Tree, NONE};
use serde_json::Value;

/// A value and whether the page's markup stated it (`true`) or it was inferred.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Stated {
    pub value: String,
    pub stated: bool,
}

impl Stated {
    fn given(value: impl Into<String>) -> Option<Stated> {
        let value = value.into();
        (!value.is_empty()).then_some(Stated {
            value,
            stated: true,
        })
    }
    fn inferred(value: impl Into<String>) -> Option<Stated> {
        let value = value.into();
        (!value.is_empty()).then_some(Stated {
            value,
            stated: false,
        })
    }
}

/// What the page says about its article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Meta {
    pub title: Option<Stated>,
    pub date: Option<Stated>,
    pub author: Option<Stated>,
    pub site: Option<Stated>,
    pub section: Option<Stated>,
    pub url: Option<Stated>,
    pub language: Option<Stated>,
    pub description: Option<String>,
    /// The JSON-LD `articleBody`, when the page has one.
    pub body: Option<String>,
}

/// What the JSON-LD of an article type says.
#[derive(Debug, Default)]
struct LinkedData {
    headline: Option<String>,
    date: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    section: Option<String>,
    language: Option<String>,
    body: Option<String>,
    url: Option<String>,
    modified: Option<String>,
}

/// Reads the metadata of a page whose article is the element `article`.
pub(super) fn read(tree: &Tree, article: u32) -> Meta {
    let ld = linked_data(tree);
    let meta = |keys: &[&str]| -> Option<&str> {
        keys.iter().find_map(|k| {
            tree.meta
                .iter()
                .find(|m| {
                    m.key == *k && !m.content.is_empty() && (!m.in_body || *k == "datepublished")
                })
                .map(|m| m.content.as_str())
        })
    };
    let site = ld
        .publisher
        .clone()
        .or_else(|| {
            meta(&["og:site_name", "application-name", "twitter:site:name"]).map(str::to_string)
        })
        .filter(|s| !s.contains("://"));
    let marked = Marked::find(tree, article);
    let page_url = ld
        .url
        .as_deref()
        .or(meta(&["og:url"]))
        .or(tree.canonical.as_deref());
    let site_info = Site {
        name: site.as_deref(),
        host_label: page_url.and_then(host_label),
    };
    // A heading's permalink sign ("Scope¶", "Scope #") is no part of the title.
    let title = choose_title(tree, &ld, &marked, &site_info, &meta).and_then(|t| {
        let v = t
            .value
            .trim_end_matches(|c: char| matches!(c, '¶' | '#' | '§') || c.is_whitespace());
        Stated::given(v).map(|v| Stated {
            value: v.value,
            stated: t.stated,
        })
    });

    let date = ld
        .date
        .as_deref()
        .and_then(date_part)
        .or_else(|| {
            meta(&[
                "article:published_time",
                "og:article:published_time",
                "datepublished",
                "publishdate",
                "publish-date",
                "publish_date",
                "pubdate",
                "dc.date.issued",
                "dcterms.issued",
                "dc.date",
                "dcterms.date",
                "dcterms.created",
                "citation_publication_date",
                "citation_date",
                "sailthru.date",
                "parsely-pub-date",
                "article.published",
                "date",
            ])
            .and_then(date_part)
        })
        .or_else(|| marked.date.as_deref().and_then(date_part))
        .and_then(Stated::given)
        .or_else(|| page_url.and_then(url_date).and_then(Stated::inferred))
        .or_else(|| {
            // By the headline chosen as the title, else by the first <h1>.
            let by_title = title.as_ref().and_then(|t| {
                marked
                    .headings
                    .iter()
                    .position(|h| words(h) == words(&t.value) || words_end(h, &t.value))
                    .map(|k| marked.heading_nodes[k])
            });
            by_title
                .or(marked.headline_node)
                .and_then(|start| shown_date(tree, start))
                .and_then(Stated::inferred)
        })
        .or_else(|| marked.trailing_date.clone().and_then(Stated::inferred))
        .or_else(|| {
            tree.title
                .as_deref()
                .and_then(super::dates::find)
                .and_then(Stated::inferred)
        })
        .or_else(|| {
            ld.modified
                .as_deref()
                .or(meta(&[
                    "article:modified_time",
                    "og:updated_time",
                    "datemodified",
                ]))
                .and_then(date_part)
                .and_then(Stated::inferred)
        });

    let author = ld
        .author
        .clone()
        .or_else(|| marked.author.clone())
        .or_else(|| {
            meta(&[
                "author",
                "article:author",
                "dc.creator",
                "parsely-author",
                "byl",
            ])
            .map(str::to_string)
        })
        .map(|a| {
            a.trim()
                .trim_start_matches("By ")
                .trim_start_matches("by ")
                .trim()
                .to_string()
        })
        .filter(|a| !a.contains("://") && a.len() < 200)
        .and_then(Stated::given);

    let url = ld
        .url
        .clone()
        .filter(|u| u.starts_with("http"))
        .or_else(|| meta(&["og:url"]).map(str::to_string))
        .or_else(|| tree.canonical.clone())
        .and_then(Stated::given);

    Meta {
        title,
        date,
        author,
        site: site.and_then(Stated::given),
        section: ld
            .section
            .clone()
            .or_else(|| meta(&["article:section"]).map(str::to_string))
            .and_then(Stated::given),
        url,
        language: ld
            .language
            .clone()
            .or_else(|| tree.lang.clone())
            .or_else(|| meta(&["og:locale", "content-language", "language"]).map(str::to_string))
            .and_then(Stated::given),
        description: meta(&["description", "og:description", "twitter:description"])
            .map(str::to_string),
        body: ld.body,
    }
}

/// What the article's elements mark up: its headline (`itemprop="headline"`, the `<h1>`), its
/// publication date and author.
#[derive(Debug, Default)]
struct Marked {
    /// `<h1>` texts, those inside the article first.
    h1: Vec<String>,
    /// How many of them are inside the article.
    h1_inside: usize,
    /// Whether an element was chosen as the article (not the whole page).
    article_marked: bool,
    headline: Option<String>,
    date: Option<String>,
    author: Option<String>,
    /// The texts of the first `<h1>`–`<h3>` headings.
    headings: Vec<String>,
    /// Their nodes, in the same order.
    heading_nodes: Vec<u32>,
    /// The first `<h1>` (in the article first).
    headline_node: Option<u32>,
    /// A date shown in the last short texts of the article ("Posted on 07.11.2023").
    trailing_date: Option<String>,
}

impl Marked {
    fn find(tree: &Tree, article: u32) -> Marked {
        let mut m = Marked::default();
        let mut inside = Vec::new();
        let mut outside = Vec::new();
        let mut first_time_inside: Option<String> = None;
        let mut time_after_headline: Option<String> = None;
        let mut headline_node: Option<u32> = None;
        let mut in_article = vec![false; tree.nodes.len()];
        for i in 0..tree.nodes.len() {
            let node = &tree.nodes[i];
            in_article[i] =
                i as u32 == article || (node.parent != NONE && in_article[node.parent as usize]);
            let Some(tag) = node.tag else { continue };
            let h = node.hints;
            if h & hint::HIDDEN != 0 {
                continue;
            }
            if matches!(tag, Tag::H(1..=3)) && m.headings.len() < 40 {
                let t = text_of(tree, i as u32, 400);
                if !t.is_empty() {
                    m.headings.push(t);
                    m.heading_nodes.push(i as u32);
                }
            }
            if tag == Tag::H(1) {
                let t =
                    without_kicker(tree, i as u32).unwrap_or_else(|| text_of(tree, i as u32, 400));
                if !t.is_empty() {
                    if headline_node.is_none() || (in_article[i] && inside.is_empty()) {
                        headline_node = Some(i as u32);
                    }
                    if in_article[i] {
                        inside.push(t);
                    } else {
                        outside.push(t);
                    }
                }
            }
            if h & hint::HEADLINE != 0 && m.headline.is_none() {
                let t = tree
                    .value_of(i as u32)
                    .map(str::to_string)
                    .unwrap_or_else(|| text_of(tree, i as u32, 400));
                if !t.is_empty() {
                    m.headline = Some(t);
                }
            }
            if h & hint::DATE_PUBLISHED != 0 && m.date.is_none() {
                m.date = tree
                    .value_of(i as u32)
                    .map(str::to_string)
                    .or_else(|| Some(text_of(tree, i as u32, 100)))
                    .filter(|d| date_part(d).is_some());
            }
            if h & hint::AUTHOR != 0 && m.author.is_none() && tag != Tag::Root {
                let t = tree
                    .value_of(i as u32)
                    .map(str::to_string)
                    .unwrap_or_else(|| text_of(tree, i as u32, 100));
                if !t.is_empty() && t.len() < 100 {
                    m.author = Some(t);
                }
            }
            if tag == Tag::Time && in_article[i] && first_time_inside.is_none() {
                first_time_inside = tree.value_of(i as u32).map(str::to_string);
            }
            if tag == Tag::Time
                && time_after_headline.is_none()
                && headline_node.is_some_and(|h| i as u32 > h && i as u32 - h < 400)
            {
                time_after_headline = tree.value_of(i as u32).map(str::to_string);
            }
        }
        if m.date.is_none() {
            m.date = first_time_inside
                .filter(|d| date_part(d).is_some())
                .or(time_after_headline.filter(|d| date_part(d).is_some()));
        }
        m.headline_node = headline_node.or((article != 0).then_some(article));
        if article != 0 {
            let end = (article as usize + 1..tree.nodes.len())
                .find(|&j| !in_article[j])
                .unwrap_or(tree.nodes.len());
            m.trailing_date = trailing_date(tree, article as usize, end);
        }
        m.h1_inside = inside.len();
        m.article_marked = article != 0;
        inside.extend(outside);
        m.h1 = inside;
        m
    }
}

/// The text of an `<h1>` without a kicker: when the heading opens with an element of a few
/// words ("Climate" in `<h1><span>Climate</span> Talks resume in Bonn</h1>`) followed by the
/// headline proper, the headline alone.
fn without_kicker(tree: &Tree, h1: u32) -> Option<String> {
    let mut kids = tree.children(h1).filter(|&c| {
        let n = &tree.nodes[c as usize];
        n.tag.is_some() || !tree.text_of(c).trim().is_empty()
    });
    let first = kids.next()?;
    if !matches!(
        tree.nodes[first as usize].tag?,
        Tag::Span | Tag::Div | Tag::P
    ) {
        return None;
    }
    let kicker = text_of(tree, first, 200);
    let rest: Vec<String> = kids
        .map(|c| {
            if tree.nodes[c as usize].tag.is_some() {
                text_of(tree, c, 400)
            } else {
                super::tree::collapse(tree.text_of(c))
            }
        })
        .collect();
    let rest = super::tree::collapse(&rest.join(" "));
    // The separator a kicker is written with ("Climate: Talks resume") goes with it.
    let rest = rest
        .trim_start_matches(|c: char| {
            matches!(c, ':' | '-' | '–' | '—' | '|' | '·' | '•') || c.is_whitespace()
        })
        .to_string();
    let (k, r) = (words(&kicker).len(), words(&rest).len());
    ((1..=6).contains(&k) && r >= 3).then_some(rest)
}

/// A date shown near node `start` (the headline): first in an element whose class names a
/// date or the article's particulars ("date", "published", "meta") just before or after it,
/// then in the first short texts after it ("07.11.2023", "2023-11-07 15:03", "7 November 2023").
fn shown_date(tree: &Tree, start: u32) -> Option<String> {
    let from = (start as usize).saturating_sub(80);
    let end = (start as usize + 300).min(tree.nodes.len());
    let about = |i: usize| {
        let mut a = tree.nodes[i].parent;
        for _ in 0..3 {
            if a == NONE {
                return false;
            }
            if tree.nodes[a as usize].hints & hint::ABOUT != 0 {
                return true;
            }
            a = tree.nodes[a as usize].parent;
        }
        false
    };
    let date_in = |i: usize| {
        let t = tree.text_of(i as u32).trim();
        (!t.is_empty() && t.len() <= 120)
            .then(|| super::dates::find(t))
            .flatten()
    };
    let mut best: Option<(usize, String)> = None;
    for i in from..end {
        if tree.nodes[i].tag.is_some() || !about(i) {
            continue;
        }
        if let Some(d) = date_in(i) {
            let distance = i.abs_diff(start as usize);
            if best.as_ref().is_none_or(|(b, _)| distance < *b) {
                best = Some((distance, d));
            }
        }
    }
    if let Some((_, d)) = best {
        return Some(d);
    }
    let mut seen = 0;
    for i in start as usize..end {
        if tree.nodes[i].tag.is_some() {
            continue;
        }
        seen += tree.text_of(i as u32).trim().len();
        if seen > 1500 {
            break;
        }
        if let Some(d) = date_in(i) {
            return Some(d);
        }
    }
    None
}

/// A date in the last short texts of the article (nodes `article..end`): "Posted on 07.11.2023"
/// under the text.
fn trailing_date(tree: &Tree, article: usize, end: usize) -> Option<String> {
    let mut seen = 0;
    for i in (article..end).rev() {
        if tree.nodes[i].tag.is_some() {
            continue;
        }
        let t = tree.text_of(i as u32).trim();
        if t.is_empty() {
            continue;
        }
        seen += t.len();
        if seen > 600 {
            break;
        }
        if t.len() <= 80 {
            if let Some(d) = super::dates::find(t) {
                return Some(d);
            }
        }
    }
    None
}

/// Whether `short`'s words end `long`'s (a heading that holds a kicker and the title).
fn words_end(long: &str, short: &str) -> bool {
    let (l, s) = (words(long), words(short));
    !s.is_empty() && l.ends_with(&s)
}

/// The collapsed text of an element, at most `max` bytes (cut at a character boundary), without
/// what is never text (hidden elements, ruby annotations, controls).
fn text_of(tree: &Tree, node: u32, max: usize) -> String {
    let mut out = String::new();
    let mut stack = vec![node];
    let mut visited = 0;
    // Depth-first, in document order.
    while let Some(n) = stack.pop() {
        visited += 1;
        if visited > 4000 || out.len() > max * 2 {
            break;
        }
        if n == NONE {
            // The end of a block.
            out.push(' ');
            continue;
        }
        let node = &tree.nodes[n as usize];
        match node.tag {
            None => out.push_str(tree.text_of(n)),
            Some(Tag::Dropped | Tag::Button) => continue,
            Some(_) if node.hints & hint::HIDDEN != 0 => continue,
            Some(t) => {
                if t.is_block() || t == Tag::Br {
                    out.push(' ');
                    stack.push(NONE);
                }
                let mut kids: Vec<u32> = tree.children(n).collect();
                kids.reverse();
                stack.extend(kids);
            }
        }
    }
    let t = super::tree::collapse(&out);
    if t.len() <= max {
        t
    } else {
        let mut end = max;
        while !t.is_char_boundary(end) {
            end -= 1;
        }
        t[..end].to_string()
    }
}

/// Words of a title, lowercased, without punctuation, for comparing titles.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// What a page says of its site: its stated name, and its host's main label ("lastampa" of
/// `www.lastampa.it`), to tell a site's name from a headline.
pub(super) struct Site<'a> {
    pub name: Option<&'a str>,
    pub host_label: Option<String>,
}

impl Site<'_> {
    /// Whether a piece of a title names the site rather than the article.
    fn names(&self, segment: &str) -> bool {
        let seg = letters(segment);
        if seg.is_empty() {
            return false;
        }
        if self.name.is_some_and(|n| {
            let n = letters(n);
            !n.is_empty() && (n == seg || (n.len() >= 4 && seg.contains(&n)))
        }) {
            return true;
        }
        // A short piece that holds the host's name ("Example News" of examplenews.org), not a
        // headline that mentions the brand ("How Example built its search").
        let short = words(segment).len() <= 4;
        self.host_label.as_deref().is_some_and(|h| {
            h.len() >= 4
                && ((short && seg.contains(h) && seg.len() <= 2 * h.len())
                    || (seg.len() >= 4 && h.contains(&seg)))
        })
    }
}

/// The letters and digits of a string, lowercased (so "La Stampa" and "lastampa" compare).
fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The main label of a URL's host: `https://www.example-news.co.uk/a` → `examplenews`.
pub(super) fn host_label(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    // The longest label that is not "www" nor the last (the top-level domain) nor a short
    // second-level one ("co", "com" in "co.uk", "com.br").
    labels
        .iter()
        .take(labels.len().saturating_sub(1))
        .filter(|l| !matches!(**l, "www" | "m" | "amp") && l.len() > 3)
        .max_by_key(|l| l.len())
        .map(|l| letters(l))
}

/// Title separators between a headline and a site's or section's name.
const SEPARATORS: [&str; 10] = [
    " | ", " – ", " — ", " - ", " · ", " :: ", " » ", " / ", " • ", " ‹ ",
];

/// A title without the site's name at either end ("Talks resume | Example News" → "Talks
/// resume"); without a known site, a last ` | ` segment is taken to be the site's.
pub(super) fn strip_site(title: &str, site: &Site) -> String {
    let mut t = title.trim().to_string();
    for _ in 0..3 {
        let mut changed = false;
        for sep in SEPARATORS {
            if let Some((head, tail)) = t.rsplit_once(sep) {
                if !head.trim().is_empty() && (site.names(tail) || is_date_part(tail)) {
                    t = head.trim().to_string();
                    changed = true;
                    break;
                }
            }
            if let Some((head, tail)) = t.split_once(sep) {
                if !tail.trim().is_empty() && (site.names(head) || is_date_part(head)) {
                    t = tail.trim().to_string();
                    changed = true;
                    break;
                }
            }
        }
        if !changed {
            break;
        }
    }
    if t == title.trim() {
        if let Some((head, _)) = t.rsplit_once(" | ") {
            if !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    t
}

/// The parts of a title between separators (`:` included), longest first.
fn title_parts(t: &str) -> Vec<&str> {
    let mut parts = vec![t];
    for sep in SEPARATORS.iter().chain([" : ", ": "].iter()) {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    parts.retain(|p| !p.trim().is_empty() && p.len() < t.len());
    parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
    parts
}

/// Whether a piece of a title is only a date ("23.01.2022", "7 November 2023").
fn is_date_part(part: &str) -> bool {
    let part = part.trim();
    part.len() <= 24 && super::dates::find(part).is_some()
}

/// The share of words two titles have in common, over the longer one's count.
fn overlap(a: &str, b: &str) -> f32 {
    let (a, b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.iter().filter(|w| b.contains(w)).count();
    common as f32 / a.len().max(b.len()) as f32
}

/// Whether `short`'s words end `long`'s, after at least one more word (a kicker before a
/// headline: "Climate Talks resume" ends with "Talks resume").
fn ends_with_words(long: &str, short: &str) -> bool {
    let (l, s) = (words(long), words(short));
    !s.is_empty() && l.len() > s.len() && l.ends_with(&s)
}

/// Chooses the title. The headline the page shows (its `<h1>`, in the article first) when the
/// page's stated headlines (og:title, JSON-LD `headline`, microdata, `<title>`) bear it out;
/// else a stated headline without the site's name; else the `<h1>`; else the `<title>` without
/// the site's name. An `<h1>` that is the site's name (a blog's logo) is no headline.
fn choose_title<'a>(
    tree: &Tree,
    ld: &LinkedData,
    marked: &Marked,
    site: &Site,
    meta: &impl Fn(&[&str]) -> Option<&'a str>,
) -> Option<Stated> {
    let stated: Vec<String> = [
        meta(&["og:title"]).map(str::to_string),
        ld.headline.clone(),
        marked.headline.clone(),
        meta(&[
            "twitter:title",
            "dc.title",
            "title",
            "sailthru.title",
            "parsely-title",
        ])
        .map(str::to_string),
    ]
    .into_iter()
    .flatten()
    .map(|t| super::tree::collapse(&t))
    .filter(|t| !t.is_empty())
    .collect();
    let mut references: Vec<String> = stated.iter().map(|s| strip_site(s, site)).collect();
    if let Some(t) = &tree.title {
        references.push(strip_site(t, site));
    }
    let headline_like = |h: &str| !site.names(h) && !words(h).is_empty();
    // The `<h1>` the page shows, when a stated headline or the `<title>` bears it out.
    let mut best: Option<(&String, f32)> = None;
    for h in marked.h1.iter().filter(|h| headline_like(h)).take(6) {
        let score = references.iter().map(|r| overlap(h, r)).fold(0.0, f32::max);
        if score >= 0.5 && best.is_none_or(|(_, b)| score > b) {
            best = Some((h, score));
        }
    }
    if let Some((h, _)) = best {
        // A kicker shown before the headline in the same `<h1>` is left out when a stated
        // headline is the rest of it.
        if let Some(r) = references.iter().find(|r| ends_with_words(h, r)) {
            return Stated::given(r.clone());
        }
        return Stated::given(h.clone());
    }
    // A heading that is one part of a stated title or of the `<title>` (a blog's post title
    // in an `<h2>` under its name, a headline after a section's name).
    let all_titles = stated.iter().chain(tree.title.as_ref());
    for t in all_titles {
        for part in title_parts(t) {
            if words(part).len() >= 2
                && !site.names(part)
                && marked.headings.iter().any(|h| words(h) == words(part))
            {
                return Stated::given(super::tree::collapse(part));
            }
        }
    }
    // The article's one `<h1>` (or the page's), shown, when no stated headline agrees with it.
    let single = (marked.article_marked && marked.h1_inside == 1) || marked.h1.len() == 1;
    if single && headline_like(&marked.h1[0]) && words(&marked.h1[0]).len() >= 2 {
        return Stated::given(marked.h1[0].clone());
    }
    if let Some(s) = stated.first() {
        let stripped = strip_site(s, site);
        return if stripped == *s {
            Stated::given(stripped)
        } else {
            Stated::inferred(stripped)
        };
    }
    if let Some(h) = marked.h1.iter().find(|h| headline_like(h)) {
        return Stated::given(h.clone());
    }
    tree.title
        .as_deref()
        .map(|t| strip_site(t, site))
        .filter(|t| !site.names(t))
        .and_then(Stated::inferred)
}

/// The date part of a stated date: `2024-07-03T10:00:00Z` → `2024-07-03`; other forms are kept
/// whole for the text parser's date reader.
fn date_part(d: &str) -> Option<String> {
    let d = d.trim();
    if d.is_empty() {
        return None;
    }
    let b = d.as_bytes();
    let iso = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && matches!(b[4], b'-' | b'/')
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b[4]
        && b[8..10].iter().all(u8::is_ascii_digit);
    if iso {
        return Some(format!("{}-{}-{}", &d[..4], &d[5..7], &d[8..10]));
    }
    // Other whole dates ("01-11-2023 10:29", "Tue, 7 Nov 2023"); a value with no whole date in
    // it is no date (and leaves the way to the next source).
    super::dates::find(&d.replace('T', " "))
}

/// A date in a URL's path: `/2024/07/03/` or `/2024-07-03`.
fn url_date(url: &str) -> Option<String> {
    let b = url.as_bytes();
    for i in 0..b.len().saturating_sub(10) {
        if b[i] != b'/' {
            continue;
        }
        let s = &b[i + 1..];
        let digits =
            |r: std::ops::Range<usize>| s.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
        if digits(0..4)
            && s.get(4).is_some_and(|c| matches!(c, b'/' | b'-'))
            && digits(5..7)
            && s.get(7) == s.get(4)
            && digits(8..10)
            && s.get(10).is_none_or(|c| !c.is_ascii_digit())
        {
            let y: u32 = url[i + 1..i + 5].parse().ok()?;
            let m: u32 = url[i + 6..i + 8].parse().ok()?;
            let d: u32 = url[i + 9..i + 11].parse().ok()?;
            if (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) {
                return Some(format!("{y:04}-{m:02}-{d:02}"));
            }
        }
    }
    // A compact `/20240703/` segment.
    url.split('/').find_map(|seg| {
        (seg.len() == 8 && seg.bytes().all(|b| b.is_ascii_digit())).then(|| {
            let (y, m, d) = (
                seg[..4].parse().ok()?,
                seg[4..6].parse().ok()?,
                seg[6..].parse().ok()?,
            );
            (1990..=2100u32).contains(&y).then_some(())?;
            ((1..=12u32).contains(&m) && (1..=31u32).contains(&d))
                .then(|| format!("{y:04}-{m:02}-{d:02}"))
        })?
    })
}

/// Reads the JSON-LD blocks: the first item of an article type gives the headline, date,
/// author, publisher, section, language and body.
fn linked_data(tree: &Tree) -> LinkedData {
    let mut out = LinkedData::default();
    let mut values = Vec::new();
    for raw in &tree.json_ld {
        // Some pages wrap the JSON in a CDATA section or an HTML comment.
        let raw = raw
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim()
            .trim_start_matches("//<![CDATA[")
            .trim_end_matches("//]]>")
            .trim();
        if raw.len() > 2_000_000 {
            continue;
        }
        match serde_json::from_str::<Value>(raw) {
            Ok(v) => values.push(v),
            Err(_) => {
                // Line breaks and tabs written raw inside strings are common and invalid JSON.
                let flat: String = raw
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                if let Ok(v) = serde_json::from_str::<Value>(&flat) {
                    values.push(v);
                }
            }
        }
    }
    let mut items = Vec::new();
    for v in &values {
        collect_items(v, &mut items, 0);
    }
    let article = items
        .iter()
        .find(|v| types(v).iter().any(|t| is_article_type(t)))
        .or_else(|| {
            items.iter().find(|v| {
                types(v)
                    .iter()
                    .any(|t| *t == "WebPage" || *t == "NewsArticle")
            })
        });
    if let Some(a) = article {
        out.headline = string(a.get("headline")).or_else(|| string(a.get("name")));
        out.date = string(a.get("datePublished")).or_else(|| string(a.get("dateCreated")));
        out.author = name_of(a.get("author")).or_else(|| name_of(a.get("creator")));
        out.publisher = name_of(a.get("publisher"));
        out.section = string(a.get("articleSection"));
        out.language = string(a.get("inLanguage"));
        out.body = string(a.get("articleBody"));
        out.url = string(a.get("url")).or_else(|| match a.get("mainEntityOfPage") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(v @ Value::Object(_)) => string(v.get("@id")),
            _ => None,
        });
    }
    if out.date.is_none() {
        // A publication date on an item of another type (a page, a forum post, a question).
        out.date = items
            .iter()
            .filter(|v| {
                !types(v)
                    .iter()
                    .any(|t| t.ends_with("Object") || *t == "Comment")
            })
            .find_map(|v| string(v.get("datePublished")));
    }
    out.modified = article.and_then(|a| string(a.get("dateModified")));
    if out.publisher.is_none() {
        out.publisher = items
            .iter()
            .find(|v| types(v).contains(&"WebSite"))
            .and_then(|v| string(v.get("name")));
    }
    out
}

/// Items of a JSON-LD value: the value itself, its `@graph`, the elements of an array.
fn collect_items<'v>(v: &'v Value, out: &mut Vec<&'v Value>, depth: usize) {
    if depth > 4 || out.len() > 200 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect_items(x, out, depth + 1)),
        Value::Object(o) => {
            out.push(v);
            if let Some(g) = o.get("@graph") {
                collect_items(g, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// A string value (the first of an array), with its markup and white space collapsed.
fn string(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => s.as_str(),
        Value::Array(a) => a.first()?.as_str()?,
        _ => return None,
    };
    let mut decoded = String::new();
    super::entities::decode_into(s, &mut decoded);
    let t = super::tree::collapse(&decoded);
    (!t.is_empty()).then_some(t)
}

/// The name of a person or organization value: a string, an object's `name`, the names of an
/// array joined with commas.
fn name_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => string(Some(&Value::String(s.clone()))),
        Value::Object(_) => string(v?.get("name")),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().take(8).filter_map(|x| name_of(Some(x))).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}
