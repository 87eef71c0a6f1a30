//! The HTML reader: reduces a saved web page to its article text and the metadata its tags state,
//! then hands both to the build-time parser.
//!
//! A hand-written, tolerant tag scanner in one linear pass: it never builds a DOM, never keeps
//! markup and never runs anything. Scripts, styles, navigation, headers, footers, asides, forms,
//! `noscript`, `svg` and `iframe` are dropped with their content; block elements become paragraph
//! breaks; character references are decoded. When the page has an `<article>` (or a `<main>`),
//! only its text is kept, since everything around it is site furniture. The title and date come
//! from `<h1>`, `<title>`, `<time datetime>` and `<meta>` (Open Graph, article and common names).

use super::{display_name, parse_with_given, FileOutcome, Format, Given, RefusalKind};
use crate::model::PartialDate;

/// Reads one HTML file.
pub(super) fn read(name: &str, text: &str) -> FileOutcome {
    let page = reduce(text);
    let mut warnings = Vec::new();
    let given = page.given();
    let mut body = page.article_text(given.title.as_deref());
    if body.trim().is_empty() {
        match &page.description {
            Some(d) if !d.trim().is_empty() => {
                warnings.push(format!(
                    "{}: the page has no article text; its description was used instead.",
                    display_name(name)
                ));
                body = d.clone();
            }
            _ => return FileOutcome::refused(
                name,
                Some(Format::Html),
                RefusalKind::OnlyBoilerplate,
                "the page holds only scripts, navigation and other site furniture, no article text",
            ),
        }
    }
    let documents = parse_with_given(name, &given, &body);
    if documents.is_empty() {
        return FileOutcome::refused(
            name,
            Some(Format::Html),
            RefusalKind::OnlyBoilerplate,
            "the page holds only boilerplate, no article text",
        );
    }
    FileOutcome {
        documents,
        warnings,
        ..FileOutcome::default()
    }
}

/// Elements dropped with everything inside them.
const DROPPED: &[&str] = &[
    "nav", "header", "footer", "aside", "form", "svg", "math", "select", "button", "menu",
    "dialog", "object", "canvas", "audio", "video", "template", "map", "datalist",
];

/// Elements whose content is raw text up to their end tag (never markup): skipped whole, except
/// `title`, whose text is kept as metadata.
const RAW: &[&str] = &[
    "script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// The most `<meta>` values kept: a real page has a few dozen, and the bound keeps the duplicate
/// check linear on a hostile page of millions.
const MAX_META: usize = 256;

/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "figure",
    "figcaption",
    "address",
    "center",
    "hr",
    "details",
    "summary",
    "fieldset",
    "legend",
    "body",
    "html",
    "hgroup",
    "search",
];

/// What the scanner found in a page.
#[derive(Debug, Default)]
struct Page {
    /// Paragraphs of visible text, in order.
    blocks: Vec<Block>,
    /// `<title>`.
    title: Option<String>,
    /// The first `<h1>` (inside the chosen article when there is one).
    h1: Vec<(Option<u32>, String)>,
    /// `<time>` values (the `datetime` attribute, else the element's text), with their article.
    times: Vec<(Option<u32>, String)>,
    /// `<meta>` name/property → content, in order, first value of each key.
    meta: Vec<(String, String)>,
    /// `<link rel=canonical>`.
    canonical: Option<String>,
    /// The meta description.
    description: Option<String>,
}

#[derive(Debug)]
struct Block {
    text: String,
    /// The outermost `<article>` holding the block, numbered in document order.
    article: Option<u32>,
    /// Whether the block is inside `<main>`.
    main: bool,
}

impl Page {
    fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.meta
                .iter()
                .find(|(key, v)| key == k && !v.trim().is_empty())
                .map(|(_, v)| v.trim())
        })
    }

    /// The article chosen for the text: the `<article>` with the most text, if any.
    fn chosen_article(&self) -> Option<u32> {
        // Article numbers are dense (0, 1, 2, … in document order), so a vector indexes them.
        let n_articles = self.blocks.iter().filter_map(|b| b.article).max()?;
        let mut sizes = vec![0usize; n_articles as usize + 1];
        for b in &self.blocks {
            if let Some(a) = b.article {
                sizes[a as usize] += b.text.len();
            }
        }
        // The first of equal sizes wins, so ties keep document order.
        let mut best: Option<(u32, usize)> = None;
        for (a, &n) in sizes.iter().enumerate() {
            if n > 0 && best.is_none_or(|(_, m)| n > m) {
                best = Some((a as u32, n));
            }
        }
        let total: usize = self.blocks.iter().map(|b| b.text.len()).sum();
        best.filter(|&(_, n)| holds_the_story(n, total))
            .map(|(a, _)| a)
    }

    /// The metadata the page states.
    fn given(&self) -> Given {
        let article = self.chosen_article();
        let site = self.meta(&["og:site_name", "application-name"]);
        let h1 = self
            .h1
            .iter()
            .find(|(a, _)| article.is_some() && *a == article)
            .or_else(|| self.h1.first())
            .map(|(_, t)| t.as_str());
        let title = h1
            .or_else(|| self.meta(&["og:title", "twitter:title", "dc.title"]))
            .map(str::to_string)
            .or_else(|| self.title.as_deref().map(|t| strip_site_name(t, site)))
            .filter(|t| !t.is_empty());
        let date = self
            .meta(&[
                "article:published_time",
                "datepublished",
                "date",
                "dc.date",
                "dc.date.issued",
                "dcterms.date",
                "pubdate",
                "publish-date",
                "parsely-pub-date",
                "og:published_time",
            ])
            .map(str::to_string)
            .or_else(|| {
                self.times
                    .iter()
                    .find(|(a, _)| article.is_some() && *a == article)
                    .or_else(|| self.times.first())
                    .map(|(_, t)| t.clone())
            })
            .map(|d| iso_date_part(&d));
        let author = self
            .meta(&["author", "article:author", "dc.creator", "parsely-author"])
            .filter(|a| !a.contains("://"))
            .map(str::to_string);
        Given {
            title,
            date,
            source: site.map(str::to_string),
            author,
            category: self.meta(&["article:section"]).map(str::to_string),
            place: None,
            url: self
                .meta(&["og:url"])
                .map(str::to_string)
                .or_else(|| self.canonical.clone()),
        }
    }

    /// The article text: the chosen `<article>`, else `<main>`, else every block; a first
    /// paragraph that repeats the title is left out, since the title is given separately.
    fn article_text(&self, title: Option<&str>) -> String {
        let article = self.chosen_article();
        let total: usize = self.blocks.iter().map(|b| b.text.len()).sum();
        let main: usize = self
            .blocks
            .iter()
            .filter(|b| b.main)
            .map(|b| b.text.len())
            .sum();
        let any_main = main > 0 && holds_the_story(main, total);
        let chosen = self.blocks.iter().filter(|b| match article {
            Some(a) => b.article == Some(a),
            None => !any_main || b.main,
        });
        let mut out = String::new();
        for (i, b) in chosen.enumerate() {
            if i == 0 && title.is_some_and(|t| same_words(t, &b.text)) {
                continue;
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&b.text);
        }
        out
    }
}

/// Whether an `<article>` or `<main>` with `part` bytes of text out of the page's `total` is the
/// story rather than a teaser card or a small widget: a page is never cut down to a sliver.
fn holds_the_story(part: usize, total: usize) -> bool {
    part >= 2000 || part * 4 >= total
}

/// Whether two strings hold the same words, ignoring case and spacing.
fn same_words(a: &str, b: &str) -> bool {
    let mut x = a.split_whitespace().map(str::to_lowercase);
    let mut y = b.split_whitespace().map(str::to_lowercase);
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p == q => {}
            _ => return false,
        }
    }
}

/// `2024-07-03T10:00:00Z` → `2024-07-03`; anything else is kept for the date parser.
fn iso_date_part(d: &str) -> String {
    let d = d.trim();
    let head = d.split(['T', ' ']).next().unwrap_or(d);
    if PartialDate::parse_iso(head).is_some() {
        head.to_string()
    } else {
        d.to_string()
    }
}

/// A `<title>` without its site-name suffix ("Talks resume | Example News" → "Talks resume").
fn strip_site_name(title: &str, site: Option<&str>) -> String {
    let title = title.trim();
    const SEPARATORS: [&str; 6] = [" | ", " – ", " — ", " - ", " · ", " :: "];
    if let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) {
        for sep in SEPARATORS {
            if let Some(head) = title.strip_suffix(site).and_then(|h| h.strip_suffix(sep)) {
                return head.trim().to_string();
            }
            if let Some(tail) = title.strip_prefix(site).and_then(|t| t.strip_prefix(sep)) {
                return tail.trim().to_string();
            }
        }
    }
    // Without a known site name, the last " | " segment is taken to be the site's.
    match title.rsplit_once(" | ") {
        Some((head, _)) if !head.trim().is_empty() => head.trim().to_string(),
        _ => title.to_string(),
    }
}

/// An element the scanner is inside, among those it tracks.
#[derive(Debug)]
struct Open {
    name: String,
    kind: OpenKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpenKind {
    Dropped,
    Article,
    Main,
    Pre,
    H1,
    Time,
}

/// The scanning state.
struct Scanner<'a> {
    src: &'a str,
    pos: usize,
    page: Page,
    stack: Vec<Open>,
    /// The paragraph being built.
    cur: String,
    cur_article: Option<u32>,
    cur_main: bool,
    /// Whether the last character pushed to `cur` was collapsed white space.
    pending_space: bool,
    articles_seen: u32,
    h1_buf: Option<String>,
    time_buf: Option<String>,
}

/// Scans a page.
fn reduce(src: &str) -> Page {
    let mut s = Scanner {
        src,
        pos: 0,
        page: Page::default(),
        stack: Vec::new(),
        cur: String::new(),
        cur_article: None,
        cur_main: false,
        pending_space: false,
        articles_seen: 0,
        h1_buf: None,
        time_buf: None,
    };
    s.run();
    s.page
}

fn has(list: &[&str], name: &str) -> bool {
    list.contains(&name)
}

impl<'a> Scanner<'a> {
    fn count(&self, kind: OpenKind) -> usize {
        self.stack.iter().filter(|o| o.kind == kind).count()
    }

    fn dropping(&self) -> bool {
        self.stack.iter().any(|o| o.kind == OpenKind::Dropped)
    }

    fn outer_article(&self) -> Option<u32> {
        // The article number is stored in the name slot's suffix-free companion: the first
        // article entry on the stack is the outermost.
        self.stack
            .iter()
            .find(|o| o.kind == OpenKind::Article)
            .and_then(|o| o.name.strip_prefix("article#"))
            .and_then(|n| n.parse().ok())
    }

    fn run(&mut self) {
        let bytes = self.src.as_bytes();
        while self.pos < bytes.len() {
            let next = memchr(b'<', &bytes[self.pos..]).map_or(bytes.len(), |i| self.pos + i);
            if next > self.pos {
                let text = &self.src[self.pos..next];
                self.text(text);
                self.pos = next;
            }
            if self.pos >= bytes.len() {
                break;
            }
            self.markup();
        }
        self.flush();
    }

    /// Handles the markup at `pos` (which holds `<`).
    fn markup(&mut self) {
        let rest = &self.src[self.pos..];
        let b = rest.as_bytes();
        if let Some(comment) = rest.strip_prefix("<!--") {
            self.pos += comment.find("-->").map_or(rest.len(), |i| 4 + i + 3);
        } else if b.len() > 1 && (b[1] == b'!' || b[1] == b'?') {
            self.pos += rest.find('>').map_or(rest.len(), |i| i + 1);
        } else if b.len() > 2 && b[1] == b'/' && b[2].is_ascii_alphabetic() {
            let (name, end) = tag_name(rest, 2);
            self.pos += skip_tag(rest, end);
            self.close(&name);
        } else if b.len() > 1 && b[1].is_ascii_alphabetic() {
            let (name, end) = tag_name(rest, 1);
            let wants_attrs = matches!(name.as_str(), "meta" | "time" | "link");
            let (attrs, len, self_closing) = attributes(rest, end, wants_attrs);
            self.pos += len;
            self.open(&name, &attrs, self_closing);
        } else {
            // A lone `<` is text.
            self.text("<");
            self.pos += 1;
        }
    }

    fn open(&mut self, name: &str, attrs: &[(String, String)], self_closing: bool) {
        if has(RAW, name) {
            let content_end = find_end_tag(self.src, self.pos, name);
            if name == "title" && self.page.title.is_none() {
                let raw = &self.src[self.pos..content_end];
                let t = collapse(&decode_entities(raw));
                if !t.is_empty() {
                    self.page.title = Some(t);
                }
            }
            self.pos = content_end;
            // The end tag itself is consumed as markup on the next step.
            return;
        }
        match name {
            "meta" => {
                let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
                let key = get("property")
                    .or_else(|| get("name"))
                    .or_else(|| get("itemprop"));
                if let (Some(key), Some(content)) = (key, get("content")) {
                    let key = key.trim().to_ascii_lowercase();
                    if key == "description" || key == "og:description" {
                        if self.page.description.is_none() {
                            self.page.description = Some(collapse(content));
                        }
                    } else if self.page.meta.len() < MAX_META
                        && !self.page.meta.iter().any(|(k, _)| *k == key)
                    {
                        self.page.meta.push((key, collapse(content)));
                    }
                }
                return;
            }
            "link" => {
                let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
                if get("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                    && self.page.canonical.is_none()
                {
                    self.page.canonical = get("href").map(|h| h.trim().to_string());
                }
                return;
            }
            "br" => {
                if !self.dropping() {
                    self.pending_space = false;
                    if !self.cur.is_empty() {
                        self.cur.push('\n');
                    }
                }
                return;
            }
            "td" | "th" => {
                self.pending_space = true;
                return;
            }
            _ => {}
        }
        if has(BLOCKS, name) {
            self.flush();
        }
        if self_closing {
            return;
        }
        let kind = if has(DROPPED, name) {
            Some(OpenKind::Dropped)
        } else {
            match name {
                "article" => Some(OpenKind::Article),
                "main" => Some(OpenKind::Main),
                "pre" => Some(OpenKind::Pre),
                "h1" => Some(OpenKind::H1),
                "time" => Some(OpenKind::Time),
                _ => None,
            }
        };
        let Some(kind) = kind else { return };
        // Deeply nested tracked elements are a hostile page, not an article: stop tracking.
        if self.stack.len() >= 256 {
            return;
        }
        let mut entry_name = name.to_string();
        match kind {
            OpenKind::Article => {
                entry_name = format!("article#{}", self.articles_seen);
                self.articles_seen += 1;
            }
            OpenKind::H1 if self.h1_buf.is_none() => self.h1_buf = Some(String::new()),
            OpenKind::Time => {
                let dt = attrs
                    .iter()
                    .find(|(n, _)| n == "datetime")
                    .map(|(_, v)| v.trim().to_string())
                    .filter(|v| !v.is_empty());
                match dt {
                    Some(dt) => {
                        let article = self.outer_article();
                        self.page.times.push((article, dt));
                    }
                    None => self.time_buf = Some(String::new()),
                }
            }
            _ => {}
        }
        self.stack.push(Open {
            name: entry_name,
            kind,
        });
    }

    fn close(&mut self, name: &str) {
        if has(BLOCKS, name) || name == "br" {
            self.flush();
        }
        if name == "body" || name == "html" {
            self.stack.clear();
            return;
        }
        let matches = |o: &Open| {
            if name == "article" {
                o.kind == OpenKind::Article
            } else {
                o.name == name
            }
        };
        let Some(i) = self.stack.iter().rposition(matches) else {
            return;
        };
        for o in self.stack.drain(i..).collect::<Vec<_>>().into_iter().rev() {
            match o.kind {
                OpenKind::H1 if self.count(OpenKind::H1) == 0 => {
                    if let Some(buf) = self.h1_buf.take() {
                        let t = collapse(&buf);
                        if !t.is_empty() {
                            let article = self.outer_article();
                            self.page.h1.push((article, t));
                        }
                    }
                }
                OpenKind::Time if self.count(OpenKind::Time) == 0 => {
                    if let Some(buf) = self.time_buf.take() {
                        let t = collapse(&buf);
                        if !t.is_empty() {
                            let article = self.outer_article();
                            self.page.times.push((article, t));
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Adds text between tags.
    fn text(&mut self, raw: &str) {
        let decoded;
        let text = if raw.contains('&') {
            decoded = decode_entities(raw);
            decoded.as_str()
        } else {
            raw
        };
        // Headlines and times are read even inside a dropped header.
        for buf in [&mut self.h1_buf, &mut self.time_buf].into_iter().flatten() {
            if buf.len() < 2000 {
                buf.push_str(text);
                buf.push(' ');
            }
        }
        if self.dropping() {
            return;
        }
        let pre = self.count(OpenKind::Pre) > 0;
        if pre {
            // Preformatted text keeps its spacing and line breaks.
            self.start_block();
            if self.pending_space && !self.cur.is_empty() {
                self.cur.push(' ');
            }
            self.pending_space = false;
            self.cur.extend(text.chars().filter(|&c| c != '\r'));
            return;
        }
        for c in text.chars() {
            if is_space(c) {
                self.pending_space = true;
            } else {
                self.start_block();
                if self.pending_space && !self.cur.is_empty() && !self.cur.ends_with('\n') {
                    self.cur.push(' ');
                }
                self.pending_space = false;
                self.cur.push(c);
            }
        }
    }

    /// Records where a paragraph starts when its first character arrives.
    fn start_block(&mut self) {
        if self.cur.is_empty() {
            self.cur_article = self.outer_article();
            self.cur_main = self.count(OpenKind::Main) > 0;
        }
    }

    /// Ends the current paragraph.
    fn flush(&mut self) {
        self.pending_space = false;
        let text = self.cur.trim();
        if !text.is_empty() {
            self.page.blocks.push(Block {
                text: text.to_string(),
                article: self.cur_article,
                main: self.cur_main,
            });
        }
        self.cur.clear();
    }
}

/// HTML white space, plus the no-break space (a space for everything entente does with text).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C' | '\u{A0}')
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// Reads a tag name starting at byte `from` of `rest`, lowercased; returns it and where it ends.
fn tag_name(rest: &str, from: usize) -> (String, usize) {
    let b = rest.as_bytes();
    let mut end = from;
    while end < b.len() && !matches!(b[end], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/' | b'>') {
        end += 1;
    }
    // Tag names are ASCII in practice; anything else simply matches no known element.
    let name = rest[from..end]
        .chars()
        .take(32)
        .collect::<String>()
        .to_ascii_lowercase();
    (name, end)
}

/// The length of an end tag from its start to just past its `>`.
fn skip_tag(rest: &str, from: usize) -> usize {
    rest[from..].find('>').map_or(rest.len(), |i| from + i + 1)
}

/// Reads the attributes of a start tag from byte `from` of `rest`: the (lowercased name, decoded
/// value) pairs if `keep`, the tag's length up to and including `>`, and whether it ends `/>`.
fn attributes(rest: &str, from: usize, keep: bool) -> (Vec<(String, String)>, usize, bool) {
    let b = rest.as_bytes();
    let mut i = from;
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C') {
            i += 1;
        }
        if i >= b.len() {
            return (attrs, b.len(), self_closing);
        }
        match b[i] {
            b'>' => return (attrs, i + 1, self_closing),
            b'/' => {
                self_closing = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let name_start = i;
        while i < b.len()
            && !matches!(
                b[i],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/' | b'>' | b'='
            )
        {
            i += 1;
        }
        // An attribute name that starts with `=` is taken as part of the name (as browsers do).
        if i == name_start {
            i += 1;
        }
        let name = &rest[name_start..i];
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C') {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C') {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let start = i + 1;
                let end = memchr(q, &b[start..]).map_or(b.len(), |j| start + j);
                value = &rest[start..end];
                i = (end + 1).min(b.len());
            } else {
                let start = i;
                while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'>')
                {
                    i += 1;
                }
                value = &rest[start..i];
            }
        }
        if keep && attrs.len() < 32 {
            attrs.push((name.to_ascii_lowercase(), decode_entities(value)));
        }
    }
}

/// Where the raw content of element `name` that starts at `from` ends: at its end tag
/// (`</name` followed by white space, `/` or `>`, in any case), or at the end of the text.
fn find_end_tag(src: &str, from: usize, name: &str) -> usize {
    let b = src.as_bytes();
    let n = name.as_bytes();
    let mut i = from;
    while let Some(j) = memchr(b'<', &b[i..]) {
        let at = i + j;
        let after = at + 2 + n.len();
        if b.get(at + 1) == Some(&b'/')
            && after <= b.len()
            && b[at + 2..after].eq_ignore_ascii_case(n)
            && b.get(after)
                .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/' | b'>'))
        {
            return at;
        }
        i = at + 1;
    }
    src.len()
}

/// Collapses white space runs to single spaces and trims.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Named character references that occur in articles. A fixed table from the HTML standard, not
/// a tunable lexicon; anything else is left as written.
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("ndash", "\u{2013}"),
    ("mdash", "\u{2014}"),
    ("hellip", "\u{2026}"),
    ("lsquo", "\u{2018}"),
    ("rsquo", "\u{2019}"),
    ("sbquo", "\u{201A}"),
    ("ldquo", "\u{201C}"),
    ("rdquo", "\u{201D}"),
    ("bdquo", "\u{201E}"),
    ("laquo", "\u{AB}"),
    ("raquo", "\u{BB}"),
    ("lsaquo", "\u{2039}"),
    ("rsaquo", "\u{203A}"),
    ("copy", "\u{A9}"),
    ("reg", "\u{AE}"),
    ("trade", "\u{2122}"),
    ("euro", "\u{20AC}"),
    ("pound", "\u{A3}"),
    ("yen", "\u{A5}"),
    ("cent", "\u{A2}"),
    ("deg", "\u{B0}"),
    ("middot", "\u{B7}"),
    ("bull", "\u{2022}"),
    ("times", "\u{D7}"),
    ("divide", "\u{F7}"),
    ("plusmn", "\u{B1}"),
    ("minus", "\u{2212}"),
    ("permil", "\u{2030}"),
    ("sect", "\u{A7}"),
    ("para", "\u{B6}"),
    ("shy", "\u{AD}"),
    ("thinsp", "\u{2009}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("zwj", "\u{200D}"),
    ("zwnj", "\u{200C}"),
    ("lrm", "\u{200E}"),
    ("rlm", "\u{200F}"),
    ("prime", "\u{2032}"),
    ("Prime", "\u{2033}"),
    ("frac12", "\u{BD}"),
    ("frac14", "\u{BC}"),
    ("frac34", "\u{BE}"),
    ("eacute", "\u{E9}"),
    ("egrave", "\u{E8}"),
    ("aacute", "\u{E1}"),
    ("agrave", "\u{E0}"),
    ("iacute", "\u{ED}"),
    ("oacute", "\u{F3}"),
    ("uacute", "\u{FA}"),
    ("ntilde", "\u{F1}"),
    ("ccedil", "\u{E7}"),
    ("uuml", "\u{FC}"),
    ("ouml", "\u{F6}"),
    ("auml", "\u{E4}"),
    ("Uuml", "\u{DC}"),
    ("Ouml", "\u{D6}"),
    ("Auml", "\u{C4}"),
    ("szlig", "\u{DF}"),
    ("Eacute", "\u{C9}"),
];

/// The Windows-1252 characters that numeric references 128–159 mean in HTML.
const C1: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// Decodes character references (`&amp;`, `&#8217;`, `&#x2019;`). Unknown or malformed ones
/// stay as written; code points that cannot be characters become U+FFFD.
pub(super) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match reference(rest) {
            Some((decoded, len)) => {
                match decoded {
                    Decoded::Char(c) => out.push(c),
                    Decoded::Str(s) => out.push_str(s),
                }
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

enum Decoded {
    Char(char),
    Str(&'static str),
}

/// Reads one character reference at the start of `s` (which starts with `&`).
fn reference(s: &str) -> Option<(Decoded, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, start) = match b.get(2) {
            Some(b'x' | b'X') => (true, 3),
            _ => (false, 2),
        };
        let mut end = start;
        while end < b.len()
            && end - start < 8
            && (if hex {
                b[end].is_ascii_hexdigit()
            } else {
                b[end].is_ascii_digit()
            })
        {
            end += 1;
        }
        if end == start {
            return None;
        }
        let value = u32::from_str_radix(&s[start..end], if hex { 16 } else { 10 }).ok()?;
        let len = if b.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        };
        let c = match value {
            0x80..=0x9F => C1[(value - 0x80) as usize],
            0 => '\u{FFFD}',
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        return Some((Decoded::Char(c), len));
    }
    let end = b
        .iter()
        .skip(1)
        .take(12)
        .position(|c| !c.is_ascii_alphanumeric())?
        + 1;
    if b.get(end) != Some(&b';') {
        return None;
    }
    let name = &s[1..end];
    ENTITIES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| (Decoded::Str(v), end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_text(html: &str, expected: &str) {
        let page = reduce(html);
        let given = page.given();
        assert_eq!(
            page.article_text(given.title.as_deref()),
            expected,
            "{html:?}"
        );
    }

    #[test]
    fn reduces_pages_to_article_text() {
        let rows: &[(&str, &str)] = &[
            ("<p>One</p><p>Two</p>", "One\n\nTwo"),
            ("<div>a <b>bold</b>\n  word</div>", "a bold word"),
            ("<script>window.__pwned=1</script><p>Safe</p>", "Safe"),
            ("<SCRIPT type=x>if (a < b) {}</SCRIPT ><p>Safe</p>", "Safe"),
            ("<style>p{color:red}</style><p>x</p>", "x"),
            (
                "<nav><a href=/>Home</a></nav><p>Body</p><footer>(c) Site</footer>",
                "Body",
            ),
            (
                "<header><h1>Head</h1></header><p>Body text.</p>",
                "Body text.",
            ),
            ("<aside>Related</aside><p>Body</p>", "Body"),
            (
                "<form><input name=q><button>Go</button></form><p>Body</p>",
                "Body",
            ),
            ("<p>a<br>b</p>", "a\nb"),
            ("<ul><li>one</li><li>two</li></ul>", "one\n\ntwo"),
            (
                "<p>Tom &amp; Jerry &lt;3 &#8217; &#x2014; &nbsp;x &bogus; &amp</p>",
                "Tom & Jerry <3 \u{2019} \u{2014} x &bogus; &amp",
            ),
            (
                "<p>&#150; &#0; &#x110000;</p>",
                "\u{2013} \u{FFFD} \u{FFFD}",
            ),
            ("<!-- <p>hidden</p> --><p>shown</p>", "shown"),
            ("<!DOCTYPE html><p>x</p>", "x"),
            ("<p>1 < 2 and 3 > 2</p>", "1 < 2 and 3 > 2"),
            ("<pre>line 1\n  line 2</pre>", "line 1\n  line 2"),
            ("<iframe src=x><p>inner</p></iframe><p>out</p>", "out"),
            ("<svg onload=alert(1)><text>t</text></svg><p>out</p>", "out"),
            ("<noscript><p>enable js</p></noscript><p>out</p>", "out"),
            ("<p>unclosed <script>never closed", "unclosed"),
            ("<p title='a > b'>quoted</p>", "quoted"),
            (
                "<div>Menu</div><article><p>Story</p></article><div>More</div>",
                "Story",
            ),
            ("<main><p>Main</p></main><div>Side</div>", "Main"),
            (
                "<article><p>Card</p></article><div><p>The real story is long enough to be the page's body.</p></div>",
                "Card\n\nThe real story is long enough to be the page's body.",
            ),
            (
                "<main><p>x</p></main><p>The body sits outside main on this page, as some sites do.</p>",
                "x\n\nThe body sits outside main on this page, as some sites do.",
            ),
            (
                "<article><p>short</p></article><article><p>the longer story</p></article>",
                "the longer story",
            ),
            ("<table><tr><td>a</td><td>b</td></tr></table>", "a b"),
            (
                "<p>zero\u{200B}width \u{202E}bidi</p>",
                "zero\u{200B}width \u{202E}bidi",
            ),
            ("<nav><nav>x</nav>still nav</nav><p>ok</p>", "ok"),
            ("<nav/><p>self-closed</p>", "self-closed"),
            (
                "<body><nav>never closed</body><p>after body</p>",
                "after body",
            ),
            ("", ""),
            ("<", "<"),
            ("<a", ""),
            ("</", "</"),
        ];
        for (html, expected) in rows {
            check_text(html, expected);
        }
    }

    #[test]
    fn reads_metadata() {
        let html = r#"<html><head>
            <title>Talks resume | Example News</title>
            <meta property="og:site_name" content="Example News">
            <meta name="author" content="A. Writer">
            <meta property="article:published_time" content="2024-07-03T10:00:00Z">
            <meta property="og:url" content="https://example.com/a">
            <meta name="description" content="Desc.">
            </head><body><article><h1>Talks &amp; resume</h1><p>Body.</p></article></body></html>"#;
        let page = reduce(html);
        let g = page.given();
        assert_eq!(g.title.as_deref(), Some("Talks & resume"));
        assert_eq!(g.date.as_deref(), Some("2024-07-03"));
        assert_eq!(g.source.as_deref(), Some("Example News"));
        assert_eq!(g.author.as_deref(), Some("A. Writer"));
        assert_eq!(g.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(page.description.as_deref(), Some("Desc."));
        assert_eq!(page.article_text(g.title.as_deref()), "Body.");
    }

    #[test]
    fn title_falls_back_to_title_tag_without_site_name() {
        let rows: &[(&str, Option<&str>)] = &[
            ("<title>Talks | Site</title>", Some("Talks")),
            (
                "<title>Site - Talks</title><meta property=og:site_name content=Site>",
                Some("Talks"),
            ),
            ("<title>Plain</title>", Some("Plain")),
            (
                "<meta property=og:title content='OG title'><title>T</title>",
                Some("OG title"),
            ),
            ("<p>no title</p>", None),
        ];
        for (html, expected) in rows {
            assert_eq!(reduce(html).given().title.as_deref(), *expected, "{html}");
        }
    }

    #[test]
    fn dates_come_from_time_elements() {
        let rows: &[(&str, Option<&str>)] = &[
            (
                "<time datetime='2023-05-01T08:00'>May 1</time>",
                Some("2023-05-01"),
            ),
            ("<time>5 December 2025</time>", Some("5 December 2025")),
            ("<meta name=date content=2022-01-02>", Some("2022-01-02")),
            ("<p>none</p>", None),
        ];
        for (html, expected) in rows {
            assert_eq!(reduce(html).given().date.as_deref(), *expected, "{html}");
        }
    }
}
