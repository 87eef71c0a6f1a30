//! A tolerant HTML tokenizer and tree builder: one linear pass that turns a page into a compact
//! arena of elements and text runs, which the extractor scores (`content`) and reads metadata
//! from (`meta`).
//!
//! It follows the HTML standard where an article's shape depends on it (void and raw-text
//! elements, the end tags a `<p>`, `<li>`, `<dt>`/`<dd>`, a table row or cell, or a heading
//! implies, end tags that match nothing are ignored) and simplifies the rest: no adoption agency
//! for misnested formatting, no foster parenting, no encodings but the importer's. Nothing is
//! ever run or kept as markup: scripts, styles and other raw text are skipped (JSON-LD is handed
//! to the metadata reader as text), and an element's attributes are reduced to what the
//! extractor asks of them (class and id words, a few `itemprop`s, `datetime`, visibility).

use super::entities::decode_into;

/// The elements the extractor tells apart; anything else is [`Tag::Other`], an inline
/// element with no meaning of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tag {
    Root,
    Html,
    Head,
    Body,
    P,
    Div,
    Span,
    A,
    Article,
    Main,
    Section,
    Header,
    Footer,
    Nav,
    Aside,
    H(u8),
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Table,
    Tr,
    Td,
    Th,
    Tbody,
    Caption,
    Figure,
    Figcaption,
    Blockquote,
    Pre,
    Br,
    Hr,
    Form,
    Button,
    Time,
    Address,
    Details,
    Summary,
    Label,
    Dropped,
    Other,
}

impl Tag {
    fn from_name(name: &[u8]) -> Tag {
        let mut buf = [0u8; 12];
        if name.len() > buf.len() {
            return Tag::Other;
        }
        for (b, c) in buf.iter_mut().zip(name) {
            *b = c.to_ascii_lowercase();
        }
        match &buf[..name.len()] {
            b"html" => Tag::Html,
            b"head" => Tag::Head,
            b"body" => Tag::Body,
            b"p" => Tag::P,
            b"div" => Tag::Div,
            b"span" => Tag::Span,
            b"a" => Tag::A,
            b"article" => Tag::Article,
            b"main" => Tag::Main,
            b"section" => Tag::Section,
            b"header" => Tag::Header,
            b"footer" => Tag::Footer,
            b"nav" => Tag::Nav,
            b"aside" => Tag::Aside,
            b"h1" => Tag::H(1),
            b"h2" => Tag::H(2),
            b"h3" => Tag::H(3),
            b"h4" => Tag::H(4),
            b"h5" => Tag::H(5),
            b"h6" => Tag::H(6),
            b"ul" | b"menu" => Tag::Ul,
            b"ol" => Tag::Ol,
            b"li" => Tag::Li,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"dd" => Tag::Dd,
            b"table" => Tag::Table,
            b"tr" => Tag::Tr,
            b"td" => Tag::Td,
            b"th" => Tag::Th,
            b"tbody" | b"thead" | b"tfoot" => Tag::Tbody,
            b"caption" => Tag::Caption,
            b"figure" => Tag::Figure,
            b"figcaption" => Tag::Figcaption,
            b"blockquote" => Tag::Blockquote,
            b"pre" | b"listing" => Tag::Pre,
            b"br" => Tag::Br,
            b"hr" => Tag::Hr,
            b"form" => Tag::Form,
            b"button" => Tag::Button,
            b"time" => Tag::Time,
            b"address" => Tag::Address,
            b"details" => Tag::Details,
            b"summary" => Tag::Summary,
            b"label" => Tag::Label,
            b"center" | b"hgroup" | b"search" | b"fieldset" => Tag::Div,
            // Elements whose content is never article text (controls, media, embedded
            // documents and graphics).
            b"select" | b"option" | b"optgroup" | b"datalist" | b"input" | b"dialog"
            | b"object" | b"embed" | b"canvas" | b"audio" | b"video" | b"picture" | b"svg"
            | b"math" | b"map" | b"applet" | b"legend" | b"meter" | b"progress" | b"rt" | b"rp" => {
                Tag::Dropped
            }
            _ => Tag::Other,
        }
    }

    /// Whether the element starts and ends a paragraph of text.
    pub(super) fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::Span | Tag::A | Tag::Time | Tag::Label | Tag::Other | Tag::Br | Tag::Root
        )
    }

    /// Start tags that close an open `<p>` (the standard's list, as far as this enum has it).
    fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::P
                | Tag::Div
                | Tag::Article
                | Tag::Main
                | Tag::Section
                | Tag::Header
                | Tag::Footer
                | Tag::Nav
                | Tag::Aside
                | Tag::H(_)
                | Tag::Ul
                | Tag::Ol
                | Tag::Dl
                | Tag::Table
                | Tag::Figure
                | Tag::Figcaption
                | Tag::Blockquote
                | Tag::Pre
                | Tag::Hr
                | Tag::Form
                | Tag::Address
                | Tag::Details
                | Tag::Summary
        )
    }
}

/// Hints an element's attributes give, as bits.
pub(super) mod hint {
    /// A class or id word of site furniture (comments, sharing, related links, ads, …).
    pub(crate) const FURNITURE: u32 = 1;
    /// A class or id word of article content (article, body, content, entry, post, story, text).
    pub(crate) const CONTENT: u32 = 1 << 1;
    /// Hidden: the `hidden` attribute, `aria-hidden="true"`, or an inline `display:none`.
    pub(crate) const HIDDEN: u32 = 1 << 2;
    /// `itemprop="articleBody"` (or `text` in an article item).
    pub(crate) const ARTICLE_BODY: u32 = 1 << 3;
    /// `itemprop="headline"`.
    pub(crate) const HEADLINE: u32 = 1 << 4;
    /// A role or class word of navigation (`role="navigation"`, breadcrumbs, menus).
    pub(crate) const NAVIGATION: u32 = 1 << 5;
    /// `role="main"`, or an id naming the page's main content.
    pub(crate) const MAIN: u32 = 1 << 6;
    /// `itemprop="datePublished"` (or `pubdate`).
    pub(crate) const DATE_PUBLISHED: u32 = 1 << 7;
    /// A class or id word of a caption, a credit or a byline: text about the article, not of it.
    pub(crate) const ABOUT: u32 = 1 << 8;
    /// `role="article"` or an item of an article type.
    pub(crate) const ARTICLE: u32 = 1 << 9;
    /// A class or id word of a comment thread.
    pub(crate) const COMMENTS: u32 = 1 << 10;
    /// An `itemprop="author"` (or `rel="author"`) element, or a byline class word.
    pub(crate) const AUTHOR: u32 = 1 << 11;
}

/// No node (the end of a list).
pub(super) const NONE: u32 = u32::MAX;

/// One node of the tree: an element, or a run of text (`tag` is `None`).
#[derive(Clone, Debug)]
pub(super) struct Node {
    pub tag: Option<Tag>,
    pub parent: u32,
    pub first_child: u32,
    pub next_sibling: u32,
    /// Text: the byte range of its (decoded) text in [`Tree::text`]. An element: the range of
    /// its `datetime` or `content` attribute in [`Tree::text`] when it has one, else empty.
    pub start: u32,
    pub end: u32,
    /// [`hint`] bits.
    pub hints: u32,
    /// Whether a text run is inside `<pre>` (its white space is kept).
    pub pre: bool,
}

/// A `<meta>` element's key (name, property or itemprop, lowercased) and content.
#[derive(Clone, Debug)]
pub(super) struct MetaTag {
    pub key: String,
    pub content: String,
    /// Whether it appeared inside the page's body (microdata), where it may be about another
    /// item than the page's article.
    pub in_body: bool,
}

/// A page as a tree, with what its head and raw-text elements state.
#[derive(Debug, Default)]
pub(super) struct Tree {
    pub nodes: Vec<Node>,
    /// Decoded text of every text run and kept attribute value, back to back.
    pub text: String,
    pub title: Option<String>,
    pub meta: Vec<MetaTag>,
    /// The contents of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    pub canonical: Option<String>,
    /// The `lang` attribute of `<html>`.
    pub lang: Option<String>,
}

/// The most `<meta>` values and JSON-LD blocks kept: a real page has a few dozen, and the bound
/// keeps a hostile page of millions cheap.
const MAX_META: usize = 512;
const MAX_JSON_LD: usize = 32;
/// Deeper elements are not pushed: their text goes to the deepest open one.
const MAX_DEPTH: usize = 400;

impl Tree {
    pub(crate) fn text_of(&self, node: u32) -> &str {
        let n = &self.nodes[node as usize];
        &self.text[n.start as usize..n.end as usize]
    }

    /// The children of `node`, in order.
    pub(crate) fn children(&self, node: u32) -> Children<'_> {
        Children {
            tree: self,
            next: self.nodes[node as usize].first_child,
        }
    }

    /// The (kept) attribute value of an element: `datetime` for `<time>`, `content` for an
    /// element with `itemprop`.
    pub(crate) fn value_of(&self, node: u32) -> Option<&str> {
        let n = &self.nodes[node as usize];
        (n.tag.is_some() && n.end > n.start).then(|| &self.text[n.start as usize..n.end as usize])
    }
}

pub(super) struct Children<'a> {
    tree: &'a Tree,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.next == NONE {
            return None;
        }
        let n = self.next;
        self.next = self.tree.nodes[n as usize].next_sibling;
        Some(n)
    }
}

/// Builds the tree of a page.
pub(super) fn build(src: &str) -> Tree {
    let mut b = Builder {
        src,
        pos: 0,
        tree: Tree::default(),
        stack: Vec::with_capacity(64),
        last_child: Vec::with_capacity(1024),
        in_body: false,
    };
    b.tree.nodes.reserve(src.len() / 64);
    b.tree.text.reserve(src.len() / 4);
    b.push_node(Node {
        tag: Some(Tag::Root),
        parent: NONE,
        first_child: NONE,
        next_sibling: NONE,
        start: 0,
        end: 0,
        hints: 0,
        pre: false,
    });
    b.stack.push((0, Tag::Root, 0));
    b.run();
    b.tree
}

struct Builder<'a> {
    src: &'a str,
    pos: usize,
    tree: Tree,
    /// Open elements: node, tag, and a hash of the name of an element [`Tag`] lumps together
    /// (`Other`, `Dropped`), so that its end tag closes it and not another of its kind.
    stack: Vec<(u32, Tag, u32)>,
    /// Each node's last child, for appending in constant time.
    last_child: Vec<u32>,
    in_body: bool,
}

/// A start tag's attributes, as the builder needs them.
#[derive(Default)]
struct Attrs<'a> {
    class: Option<&'a str>,
    id: Option<&'a str>,
    role: Option<&'a str>,
    itemprop: Option<&'a str>,
    itemtype: Option<&'a str>,
    hidden: bool,
    aria_hidden: bool,
    style: Option<&'a str>,
    datetime: Option<&'a str>,
    content: Option<&'a str>,
    name: Option<&'a str>,
    property: Option<&'a str>,
    rel: Option<&'a str>,
    href: Option<&'a str>,
    lang: Option<&'a str>,
    type_: Option<&'a str>,
    title: Option<&'a str>,
    pubdate: bool,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

fn find_byte(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

impl<'a> Builder<'a> {
    fn push_node(&mut self, node: Node) -> u32 {
        let id = self.tree.nodes.len() as u32;
        let parent = node.parent;
        self.tree.nodes.push(node);
        self.last_child.push(NONE);
        if parent != NONE {
            let last = self.last_child[parent as usize];
            if last == NONE {
                self.tree.nodes[parent as usize].first_child = id;
            } else {
                self.tree.nodes[last as usize].next_sibling = id;
            }
            self.last_child[parent as usize] = id;
        }
        id
    }

    fn current(&self) -> u32 {
        self.stack.last().map_or(0, |&(n, _, _)| n)
    }

    fn in_pre(&self) -> bool {
        self.stack.iter().rev().any(|&(_, t, _)| t == Tag::Pre)
    }

    fn run(&mut self) {
        let bytes = self.src.as_bytes();
        while self.pos < bytes.len() {
            let next = find_byte(b'<', &bytes[self.pos..]).map_or(bytes.len(), |i| self.pos + i);
            if next > self.pos {
                let (from, to) = (self.pos, next);
                self.text(from, to);
                self.pos = next;
            }
            if self.pos >= bytes.len() {
                break;
            }
            self.markup();
        }
    }

    /// Appends the text `src[from..to]` (decoded) to the current element.
    fn text(&mut self, from: usize, to: usize) {
        let raw = &self.src[from..to];
        if !self.in_body && raw.bytes().all(is_ws) {
            return;
        }
        let start = self.tree.text.len();
        decode_into(raw, &mut self.tree.text);
        let end = self.tree.text.len();
        let parent = self.current();
        // Adjacent runs (split by a comment or an ignored tag) are merged.
        let last = self.last_child[parent as usize];
        if last != NONE {
            let l = &mut self.tree.nodes[last as usize];
            if l.tag.is_none() && l.end as usize == start {
                l.end = end as u32;
                return;
            }
        }
        let pre = self.in_pre();
        self.push_node(Node {
            tag: None,
            parent,
            first_child: NONE,
            next_sibling: NONE,
            start: start as u32,
            end: end as u32,
            hints: 0,
            pre,
        });
    }

    /// Handles the markup at `pos` (which holds `<`).
    fn markup(&mut self) {
        let rest = &self.src[self.pos..];
        let b = rest.as_bytes();
        if let Some(comment) = rest.strip_prefix("<!--") {
            self.pos += comment.find("-->").map_or(rest.len(), |i| 4 + i + 3);
        } else if b.len() > 1 && (b[1] == b'!' || b[1] == b'?') {
            self.pos += find_byte(b'>', b).map_or(rest.len(), |i| i + 1);
        } else if b.len() > 2 && b[1] == b'/' && b[2].is_ascii_alphabetic() {
            let end = name_end(b, 2);
            let tag = Tag::from_name(&b[2..end]);
            let name = &rest[2..end];
            self.pos += find_byte(b'>', &b[end..]).map_or(rest.len(), |i| end + i + 1);
            self.close(tag, name);
        } else if b.len() > 1 && b[1].is_ascii_alphabetic() {
            let end = name_end(b, 1);
            let name = &rest[1..end];
            let (attrs, len, self_closing) = attributes(rest, end);
            self.pos += len;
            self.open(name, attrs, self_closing);
        } else {
            // A lone `<` is text.
            let from = self.pos;
            self.pos += 1;
            self.text(from, from + 1);
        }
    }

    fn open(&mut self, name: &str, attrs: Attrs<'a>, self_closing: bool) {
        // The name lowercased in a small buffer (no allocation a tag): only short names are
        // special.
        let mut buf = [0u8; 10];
        let lower: &str = if name.len() <= buf.len() {
            for (b, c) in buf.iter_mut().zip(name.bytes()) {
                *b = c.to_ascii_lowercase();
            }
            std::str::from_utf8(&buf[..name.len()]).unwrap_or("")
        } else {
            ""
        };
        match lower {
            "script" | "style" | "title" | "textarea" | "xmp" | "iframe" | "noembed"
            | "noframes" | "noscript" | "plaintext" | "template" => {
                let content_end = if lower == "plaintext" {
                    self.src.len()
                } else {
                    find_end_tag(self.src, self.pos, lower)
                };
                let raw = &self.src[self.pos..content_end];
                if lower == "title" && self.tree.title.is_none() && !self.in_body {
                    let mut t = String::new();
                    decode_into(raw, &mut t);
                    let t = collapse(&t);
                    if !t.is_empty() {
                        self.tree.title = Some(t);
                    }
                } else if lower == "script"
                    && attrs
                        .type_
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                    && self.tree.json_ld.len() < MAX_JSON_LD
                {
                    self.tree.json_ld.push(raw.to_string());
                }
                self.pos = content_end;
                return;
            }
            "meta" => {
                let key = attrs.property.or(attrs.name).or(attrs.itemprop);
                if let (Some(key), Some(content)) = (key, attrs.content) {
                    if self.tree.meta.len() < MAX_META {
                        let mut c = String::new();
                        decode_into(content, &mut c);
                        self.tree.meta.push(MetaTag {
                            key: key.trim().to_ascii_lowercase(),
                            content: collapse(&c),
                            in_body: self.in_body,
                        });
                    }
                }
                return;
            }
            "link" => {
                if attrs.rel.is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|w| w.eq_ignore_ascii_case("canonical"))
                }) && self.tree.canonical.is_none()
                {
                    self.tree.canonical = attrs.href.map(|h| h.trim().to_string());
                }
                return;
            }
            "html" => {
                if self.tree.lang.is_none() {
                    self.tree.lang = attrs
                        .lang
                        .map(|l| l.trim().to_string())
                        .filter(|l| !l.is_empty());
                }
                return;
            }
            "head" => return,
            "body" => {
                self.in_body = true;
                return;
            }
            "base" | "area" | "col" | "param" | "source" | "track" | "wbr" | "img" | "keygen"
            | "frame" | "frameset" | "image" => return,
            _ => {}
        }
        self.in_body = true;
        let tag = Tag::from_name(name.as_bytes());
        self.implied_ends(tag);
        let mut hints = hints_of(&attrs);
        if tag == Tag::A && attrs.rel.is_some_and(|r| r.contains("author")) {
            hints |= hint::AUTHOR;
        }
        if tag == Tag::Time && attrs.pubdate {
            hints |= hint::DATE_PUBLISHED;
        }
        // A microformat's publication date: `<abbr class="published" title="2024-07-03">`.
        let published_title = attrs.title.filter(|_| {
            attrs.class.is_some_and(|c| {
                c.split_ascii_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("published"))
            })
        });
        if published_title.is_some() {
            hints |= hint::DATE_PUBLISHED;
        }
        // The `datetime` of a `<time>`, the `content` of an element with `itemprop`, kept.
        let value = if tag == Tag::Time {
            attrs.datetime.or(attrs.content)
        } else if attrs.itemprop.is_some() {
            attrs.content.or(attrs.datetime).or(published_title)
        } else {
            published_title
        };
        let (start, end) = match value {
            Some(v) if v.len() < 400 => {
                let s = self.tree.text.len();
                decode_into(v, &mut self.tree.text);
                (s as u32, self.tree.text.len() as u32)
            }
            _ => (0, 0),
        };
        let parent = self.current();
        let node = self.push_node(Node {
            tag: Some(tag),
            parent,
            first_child: NONE,
            next_sibling: NONE,
            start,
            end,
            hints,
            pre: false,
        });
        let void = matches!(tag, Tag::Br | Tag::Hr) || matches!(lower, "input" | "embed");
        if !void && !self_closing_ok(tag, self_closing) && self.stack.len() < MAX_DEPTH {
            self.stack.push((node, tag, name_hash(tag, name)));
        }
    }

    /// Closes the elements a start tag implies the end of.
    fn implied_ends(&mut self, tag: Tag) {
        if tag.closes_p() {
            self.close_within(Tag::P, |t| {
                matches!(
                    t,
                    Tag::Table | Tag::Td | Tag::Th | Tag::Caption | Tag::Button
                )
            });
        }
        match tag {
            Tag::Li => self.close_within(Tag::Li, |t| matches!(t, Tag::Ul | Tag::Ol)),
            Tag::Dt | Tag::Dd => {
                self.close_within(Tag::Dt, |t| t == Tag::Dl);
                self.close_within(Tag::Dd, |t| t == Tag::Dl);
            }
            Tag::Tr => {
                self.close_within(Tag::Tr, |t| matches!(t, Tag::Table | Tag::Tbody));
            }
            Tag::Td | Tag::Th => {
                self.close_within(Tag::Td, |t| matches!(t, Tag::Tr | Tag::Table));
                self.close_within(Tag::Th, |t| matches!(t, Tag::Tr | Tag::Table));
            }
            Tag::Tbody => {
                self.close_within(Tag::Tbody, |t| t == Tag::Table);
            }
            Tag::H(_) => {
                if matches!(self.stack.last(), Some((_, Tag::H(_), _))) {
                    self.stack.pop();
                }
            }
            _ => {}
        }
    }

    /// Pops up to and including the nearest open `tag`, unless a `boundary` is met first.
    fn close_within(&mut self, tag: Tag, boundary: impl Fn(Tag) -> bool) {
        for i in (1..self.stack.len()).rev() {
            let t = self.stack[i].1;
            if t == tag {
                self.stack.truncate(i);
                return;
            }
            if boundary(t) {
                return;
            }
        }
    }

    fn close(&mut self, tag: Tag, name: &str) {
        match tag {
            Tag::Br => {
                // `</br>` is a line break, as browsers read it.
                self.open("br", Attrs::default(), true);
                return;
            }
            Tag::Html | Tag::Body | Tag::Head => return,
            _ => {}
        }
        let hash = name_hash(tag, name);
        // A matching open element is closed with everything opened inside it; an end tag that
        // matches nothing near is ignored.
        for i in (1..self.stack.len()).rev() {
            let (_, t, h) = self.stack[i];
            if t == tag && h == hash {
                self.stack.truncate(i);
                return;
            }
            if self.stack.len() - i > 64 {
                return;
            }
        }
    }
}

/// A hash of a tag name, without case, for matching end tags of elements [`Tag`] lumps
/// together; 0 for the others, which their tag tells apart.
fn name_hash(tag: Tag, name: &str) -> u32 {
    match tag {
        Tag::Other | Tag::Dropped => name.bytes().fold(0x811c_9dc5u32, |h, b| {
            (h ^ u32::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0193)
        }),
        _ => 0,
    }
}

/// Whether `<tag/>` closes itself: only for elements that are empty in practice (`<div/>` and
/// `<span/>` are common in XHTML-ish pages and never hold the text after them).
fn self_closing_ok(tag: Tag, self_closing: bool) -> bool {
    self_closing && !matches!(tag, Tag::P | Tag::Li | Tag::Td | Tag::Th | Tag::Tr)
}

/// The hint bits of a start tag's attributes.
fn hints_of(a: &Attrs) -> u32 {
    let mut h = 0;
    if a.hidden || a.aria_hidden {
        h |= hint::HIDDEN;
    }
    if let Some(style) = a.style {
        let s: String = style
            .bytes()
            .filter(|b| !is_ws(*b))
            .map(|b| b.to_ascii_lowercase() as char)
            .collect();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            h |= hint::HIDDEN;
        }
    }
    if let Some(p) = a.itemprop {
        for w in p.split_ascii_whitespace() {
            match w.to_ascii_lowercase().as_str() {
                "articlebody" => h |= hint::ARTICLE_BODY,
                "headline" => h |= hint::HEADLINE,
                "datepublished" => h |= hint::DATE_PUBLISHED,
                "author" | "creator" => h |= hint::AUTHOR,
                _ => {}
            }
        }
    }
    if let Some(t) = a.itemtype {
        let t = t.trim_end_matches('/');
        let ty = t.rsplit('/').next().unwrap_or(t);
        if is_article_type(ty) {
            h |= hint::ARTICLE;
        }
    }
    if let Some(r) = a.role {
        match r.trim().to_ascii_lowercase().as_str() {
            "navigation" | "menu" | "menubar" | "banner" | "contentinfo" | "complementary"
            | "search" | "dialog" | "alertdialog" | "toolbar" | "tablist" => h |= hint::NAVIGATION,
            "main" => h |= hint::MAIN,
            "article" => h |= hint::ARTICLE,
            _ => {}
        }
    }
    for v in [a.class, a.id].into_iter().flatten() {
        h |= class_hints(v);
    }
    h
}

/// Whether a schema.org type names an article.
pub(super) fn is_article_type(ty: &str) -> bool {
    let ty = ty.trim();
    ty.ends_with("Article")
        || matches!(
            ty,
            "BlogPosting" | "SocialMediaPosting" | "LiveBlogPosting" | "Report" | "ReportageNews"
        )
}

/// The hints of a class or id value, from its words: each space-separated name is split at
/// `-`, `_`, `:` and lower-to-upper case changes, and the words are matched whole (so "ad" is
/// not found in "header", nor "nav" in "canvas").
pub(super) fn class_hints(value: &str) -> u32 {
    let mut h = 0;
    for name in value.split_ascii_whitespace().take(16) {
        let mut name_h = 0;
        let bytes = name.as_bytes();
        let mut start = 0;
        for i in 0..=bytes.len() {
            let boundary = i == bytes.len()
                || matches!(bytes[i], b'-' | b'_' | b':' | b'.' | b'/')
                || (i > start
                    && bytes[i].is_ascii_uppercase()
                    && bytes[i - 1].is_ascii_lowercase());
            if boundary {
                if i > start {
                    name_h |= word_hint(&name[start..i]);
                }
                start = if i < bytes.len() && !bytes[i].is_ascii_uppercase() {
                    i + 1
                } else {
                    i
                };
            }
        }
        h |= name_h;
    }
    h
}

/// The hint of one class or id word. General words of site furniture and of article content,
/// as web pages in any language name their parts in markup (not fitted to any site).
fn word_hint(word: &str) -> u32 {
    if word.len() > 24 {
        return 0;
    }
    let mut buf = [0u8; 24];
    let w = &mut buf[..word.len()];
    w.copy_from_slice(word.as_bytes());
    w.make_ascii_lowercase();
    match &*w {
        b"comment" | b"comments" | b"disqus" | b"discussion" | b"replies" | b"respond"
        | b"reply" => hint::COMMENTS | hint::FURNITURE,
        b"share" | b"sharing" | b"social" | b"sharebar" | b"related" | b"recommended"
        | b"recommendations" | b"recirc" | b"recirculation" | b"newsletter" | b"subscribe"
        | b"subscription" | b"signup" | b"promo" | b"promotion" | b"sponsor" | b"sponsored"
        | b"ad" | b"ads" | b"advert" | b"advertisement" | b"adslot" | b"adunit" | b"dfp"
        | b"banner" | b"cookie" | b"cookies" | b"consent" | b"gdpr" | b"popup" | b"modal"
        | b"overlay" | b"sidebar" | b"footer" | b"masthead" | b"toolbar" | b"tools"
        | b"pagination" | b"pager" | b"outbrain" | b"taboola" | b"trending" | b"popular"
        | b"teaser" | b"teasers" | b"readmore" | b"tags" | b"keywords" | b"topics" | b"print"
        | b"skip" | b"hidden" | b"hide" | b"sr" | b"visually" | b"offscreen" | b"paywall"
        | b"login" | b"rating" | b"shopping" | b"affiliate" | b"disclaimer" | b"donate"
        | b"donation" | b"follow" | b"rss" | b"noprint" | b"alert" | b"sticky" => hint::FURNITURE,
        b"nav" | b"navbar" | b"navigation" | b"menu" | b"breadcrumb" | b"breadcrumbs"
        | b"crumbs" | b"header" | b"topbar" => hint::NAVIGATION,
        b"caption" | b"credit" | b"credits" | b"byline" | b"dateline" | b"author" | b"bio"
        | b"meta" | b"metadata" | b"info" | b"timestamp" | b"date" | b"published" | b"time"
        | b"datetime" | b"pubdate" | b"posted" | b"datum" | b"fecha" => hint::ABOUT,
        b"article" | b"articlebody" | b"body" | b"content" | b"entry" | b"post" | b"story"
        | b"text" | b"prose" | b"blog" | b"main" | b"maincontent" | b"richtext" => hint::CONTENT,
        _ => 0,
    }
}

/// Where a tag name that starts at byte `from` ends.
fn name_end(b: &[u8], from: usize) -> usize {
    let mut end = from;
    while end < b.len() && !matches!(b[end], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/' | b'>') {
        end += 1;
    }
    end
}

/// Reads the attributes of a start tag from byte `from` of `rest`: those the builder uses, the
/// tag's length up to and including `>`, and whether it ends `/>`.
fn attributes(rest: &str, from: usize) -> (Attrs<'_>, usize, bool) {
    let b = rest.as_bytes();
    let mut i = from;
    let mut a = Attrs::default();
    let mut self_closing = false;
    loop {
        while i < b.len() && is_ws(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            return (a, b.len(), self_closing);
        }
        match b[i] {
            b'>' => return (a, i + 1, self_closing),
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
        while i < b.len() && is_ws(b[i]) {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && is_ws(b[i]) {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let start = i + 1;
                let end = find_byte(q, &b[start..]).map_or(b.len(), |j| start + j);
                value = &rest[start..end];
                i = (end + 1).min(b.len());
            } else {
                let start = i;
                while i < b.len() && !is_ws(b[i]) && b[i] != b'>' {
                    i += 1;
                }
                value = &rest[start..i];
            }
        }
        let slot = match name.len() {
            2 if name.eq_ignore_ascii_case("id") => &mut a.id,
            3 if name.eq_ignore_ascii_case("rel") => &mut a.rel,
            4 if name.eq_ignore_ascii_case("role") => &mut a.role,
            4 if name.eq_ignore_ascii_case("name") => &mut a.name,
            4 if name.eq_ignore_ascii_case("href") => &mut a.href,
            4 if name.eq_ignore_ascii_case("lang") => &mut a.lang,
            4 if name.eq_ignore_ascii_case("type") => &mut a.type_,
            5 if name.eq_ignore_ascii_case("class") => &mut a.class,
            5 if name.eq_ignore_ascii_case("style") => &mut a.style,
            5 if name.eq_ignore_ascii_case("title") => &mut a.title,
            6 if name.eq_ignore_ascii_case("hidden") => {
                a.hidden = true;
                continue;
            }
            7 if name.eq_ignore_ascii_case("content") => &mut a.content,
            7 if name.eq_ignore_ascii_case("pubdate") => {
                a.pubdate = true;
                continue;
            }
            8 if name.eq_ignore_ascii_case("itemprop") => &mut a.itemprop,
            8 if name.eq_ignore_ascii_case("itemtype") => &mut a.itemtype,
            8 if name.eq_ignore_ascii_case("property") => &mut a.property,
            8 if name.eq_ignore_ascii_case("datetime") => &mut a.datetime,
            11 if name.eq_ignore_ascii_case("aria-hidden") => {
                a.aria_hidden = value.trim().eq_ignore_ascii_case("true");
                continue;
            }
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(value);
        }
    }
}

/// Where the raw content of element `name` that starts at `from` ends: at its end tag
/// (`</name` followed by white space, `/` or `>`, in any case), or at the end of the text.
fn find_end_tag(src: &str, from: usize, name: &str) -> usize {
    let b = src.as_bytes();
    let n = name.as_bytes();
    let mut i = from;
    while let Some(j) = find_byte(b'<', &b[i..]) {
        let at = i + j;
        let after = at + 2 + n.len();
        if b.get(at + 1) == Some(&b'/')
            && after <= b.len()
            && b[at + 2..after].eq_ignore_ascii_case(n)
            && b.get(after)
                .is_none_or(|c| is_ws(*c) || matches!(c, b'/' | b'>'))
        {
            return at;
        }
        i = at + 1;
    }
    src.len()
}

/// HTML white space, plus the no-break space (a space for everything entente does with text).
pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C' | '\u{A0}')
}

/// Collapses white space runs to single spaces and trims.
pub(super) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
