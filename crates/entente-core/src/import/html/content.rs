//! Finds a page's article in its tree and writes it out as paragraphs of text.
//!
//! The method is the one the best article extractors share, on entente's own tree: elements
//! that are never article text are cut first (controls, media, hidden elements, navigation);
//! then every paragraph scores its ancestors by its length and commas, each ancestor keeps the
//! share of its text that is not link text, and the page's own markup weighs in (an
//! `itemprop="articleBody"`, an `<article>`, class and id words of content or of furniture). The
//! best-scoring element is the article, joined by siblings that hold more of it. Inside it, what
//! a reader would not call the article is left out: furniture by its markup (comments, sharing,
//! related links, captions, bylines), blocks made mostly of links, and headings that head
//! nothing.

use super::tree::{hint, Tag, Tree, NONE};

/// Per-node figures, summed over the node's subtree (cut subtrees count nothing).
#[derive(Clone, Copy, Default, Debug)]
struct Stat {
    /// Bytes of text, white space left out.
    text: u32,
    /// Bytes of text inside links.
    links: u32,
    /// Commas (ASCII and the CJK/Arabic ones) in the text.
    commas: u32,
}

/// Why an element is left out of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cut {
    Keep,
    /// Never text, wherever it is (controls, media, hidden, navigation).
    Always,
}

/// A paragraph of the article and what it is.
#[derive(Debug, Clone)]
pub(super) struct Para {
    pub text: String,
    /// The heading level (1–6), or 0 for a paragraph of text.
    pub heading: u8,
}

/// The article's paragraphs, and whether the page's markup pointed at it.
#[derive(Debug, Default)]
pub(super) struct Article {
    pub paragraphs: Vec<Para>,
    /// The element chosen (for metadata read from inside the article: its `<h1>`, `<time>`).
    pub root: u32,
}

struct Extractor<'t> {
    tree: &'t Tree,
    cut: Vec<Cut>,
    stat: Vec<Stat>,
    /// Each block's own text bytes: its text outside any block inside it.
    own_text: Vec<u32>,
    /// Each node's nearest block (itself for a block).
    block_of: Vec<u32>,
}

/// Extracts the article of a page.
pub(super) fn extract(tree: &Tree) -> Article {
    let n = tree.nodes.len();
    let mut ex = Extractor {
        tree,
        cut: vec![Cut::Keep; n],
        stat: vec![Stat::default(); n],
        own_text: vec![0; n],
        block_of: vec![0; n],
    };
    ex.mark_cuts();
    ex.sum_stats();
    let root = ex.choose();
    let mut out = Writer::new(&ex, root);
    out.write(root);
    out.finish();
    if out.paras.is_empty() {
        // Nothing but what looked like furniture: the page's text as it stands (still without
        // what is never text), rather than nothing. A page of scripts and navigation stays
        // empty and is refused.
        out = Writer::new(&ex, 0);
        out.soft_cuts = false;
        out.write(0);
        out.finish();
    }
    Article {
        paragraphs: out.paras,
        root,
    }
}

fn is_comma(c: u8) -> bool {
    c == b','
}

impl Extractor<'_> {
    fn tag(&self, n: u32) -> Option<Tag> {
        self.tree.nodes[n as usize].tag
    }

    fn hints(&self, n: u32) -> u32 {
        self.tree.nodes[n as usize].hints
    }

    /// Cuts what is never article text, wherever it stands.
    fn mark_cuts(&mut self) {
        for i in 0..self.tree.nodes.len() {
            let node = &self.tree.nodes[i];
            let parent_cut = node.parent != NONE && self.cut[node.parent as usize] != Cut::Keep;
            let cut = parent_cut
                || match node.tag {
                    Some(Tag::Dropped | Tag::Button | Tag::Nav | Tag::Head) => true,
                    Some(_) => node.hints & hint::HIDDEN != 0,
                    None => false,
                };
            if cut {
                self.cut[i] = Cut::Always;
            }
            self.block_of[i] = match node.tag {
                Some(t) if t.is_block() => i as u32,
                _ if node.parent != NONE => self.block_of[node.parent as usize],
                _ => 0,
            };
        }
    }

    /// Sums text, link text and commas bottom-up (children come after their parent).
    fn sum_stats(&mut self) {
        let nodes = &self.tree.nodes;
        for i in (0..nodes.len()).rev() {
            if self.cut[i] != Cut::Keep {
                continue;
            }
            let node = &nodes[i];
            if node.tag.is_none() {
                let t = &self.tree.text.as_bytes()[node.start as usize..node.end as usize];
                let mut text = 0u32;
                let mut commas = 0u32;
                for &b in t {
                    if !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C') {
                        text += 1;
                    }
                    if is_comma(b) {
                        commas += 1;
                    }
                }
                // U+3001, U+FF0C and U+060C, the ideographic, fullwidth and Arabic commas.
                let s = self.tree.text_of(i as u32);
                if s.len() != s.chars().count() {
                    commas += s.chars().filter(|c| matches!(c, '、' | '，' | '،')).count() as u32;
                }
                self.stat[i] = Stat {
                    text,
                    links: 0,
                    commas,
                };
                self.own_text[self.block_of[i] as usize] += text;
            } else if node.tag == Some(Tag::A) {
                self.stat[i].links = self.stat[i].text;
            }
            if node.parent != NONE {
                let s = self.stat[i];
                let p = &mut self.stat[node.parent as usize];
                p.text += s.text;
                p.links += s.links;
                p.commas += s.commas;
            }
        }
    }

    fn link_density(&self, n: u32) -> f32 {
        let s = self.stat[n as usize];
        if s.text == 0 {
            0.0
        } else {
            s.links as f32 / s.text as f32
        }
    }

    /// The weight the page's markup gives an element as the article's container. Words of
    /// content, an article's markup and the `<article>` element do not add up beyond one
    /// class weight, and an `<article>` among sibling `<article>`s is a card in a list.
    fn markup_weight(&self, n: u32) -> f32 {
        let h = self.hints(n);
        let tag = self.tag(n);
        let card = matches!(tag, Some(Tag::Article)) && self.article_siblings(n) >= 2;
        let mut positive: f32 = 0.0;
        if h & hint::CONTENT != 0 {
            positive += 25.0;
        }
        if h & (hint::ARTICLE | hint::MAIN) != 0 && !card {
            positive += 15.0;
        }
        match tag {
            Some(Tag::Article) if !card => positive += 15.0,
            Some(Tag::Main) => positive += 10.0,
            _ => {}
        }
        // What the markup promises counts in full only for an element with text enough to be
        // an article: a small box whose class says "text" is no article.
        let size = (self.stat[n as usize].text as f32 / 1000.0).min(1.0);
        let mut w = positive.min(25.0) * size;
        if h & hint::ARTICLE_BODY != 0 {
            w += 50.0 * size;
        }
        if h & (hint::FURNITURE | hint::NAVIGATION | hint::COMMENTS) != 0 {
            w -= 25.0;
        }
        if h & hint::ABOUT != 0 {
            w -= 10.0;
        }
        match tag {
            Some(Tag::Div) => w += 5.0,
            Some(Tag::Pre | Tag::Td | Tag::Blockquote) => w += 3.0,
            Some(
                Tag::Address
                | Tag::Ol
                | Tag::Ul
                | Tag::Dl
                | Tag::Dd
                | Tag::Dt
                | Tag::Li
                | Tag::Form,
            ) => w -= 3.0,
            Some(Tag::H(_) | Tag::Th) => w -= 5.0,
            Some(Tag::Aside | Tag::Footer | Tag::Header) => w -= 25.0,
            _ => {}
        }
        w
    }

    /// How many other `<article>` elements share the element's parent.
    fn article_siblings(&self, n: u32) -> usize {
        let p = self.tree.nodes[n as usize].parent;
        if p == NONE {
            return 0;
        }
        self.tree
            .children(p)
            .filter(|&c| c != n && self.tag(c) == Some(Tag::Article))
            .take(2)
            .count()
    }

    /// Whether an element is a paragraph for scoring: a `<p>`, `<pre>`, `<td>`, `<blockquote>`,
    /// or a block with text of its own.
    fn is_paragraph(&self, n: u32) -> bool {
        match self.tag(n) {
            Some(Tag::P | Tag::Pre | Tag::Td | Tag::Blockquote | Tag::Dd) => true,
            Some(Tag::Div | Tag::Section | Tag::Article | Tag::Main | Tag::Li) => {
                self.own_text[n as usize] >= 25
            }
            _ => false,
        }
    }

    /// Chooses the element that holds the article.
    fn choose(&self) -> u32 {
        let n = self.tree.nodes.len();
        let mut score = vec![0f32; n];
        let mut candidate = vec![false; n];
        for i in 0..n as u32 {
            if self.cut[i as usize] != Cut::Keep || !self.is_paragraph(i) {
                continue;
            }
            let s = self.stat[i as usize];
            if s.text < 25 {
                continue;
            }
            let base = 1.0 + s.commas.min(40) as f32 + (s.text as f32 / 100.0).min(3.0);
            // A container with text of its own (text between `<br>`s, say) is a candidate
            // itself, as well as scoring its ancestors.
            let container = matches!(
                self.tag(i),
                Some(Tag::Div | Tag::Section | Tag::Article | Tag::Main | Tag::Td)
            );
            let (mut a, mut level) = if container {
                (i, 0)
            } else {
                (self.tree.nodes[i as usize].parent, 0)
            };
            while a != NONE && level < 5 {
                if self.tag(a) == Some(Tag::Root) {
                    break;
                }
                if !candidate[a as usize] {
                    candidate[a as usize] = true;
                    score[a as usize] += self.markup_weight(a);
                }
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                score[a as usize] += base / div;
                // A card in a list of `<article>`s (teasers of other stories) scores for itself
                // only, not for the list around it.
                if self.tag(a) == Some(Tag::Article) && self.article_siblings(a) >= 2 {
                    break;
                }
                a = self.tree.nodes[a as usize].parent;
                level += 1;
            }
        }
        let mut best = NONE;
        let mut best_score = f32::MIN;
        for i in 0..n {
            if !candidate[i] || self.cut[i] != Cut::Keep {
                continue;
            }
            let s = score[i] * (1.0 - self.link_density(i as u32));
            score[i] = s;
            if s > best_score {
                best_score = s;
                best = i as u32;
            }
        }
        if best == NONE {
            return 0;
        }
        // A container the markup names as the article body, holding a good part of the best
        // element's text or more, wins.
        if let Some(body) = self.marked_body(best) {
            return body;
        }
        // Climb while the parent holds the same text (a wrapper), or much more of a scored
        // article (the best element was one part of it).
        let mut top = best;
        loop {
            let p = self.tree.nodes[top as usize].parent;
            if p == NONE || self.tag(p) == Some(Tag::Root) || self.cut[p as usize] != Cut::Keep {
                break;
            }
            let (st, sp) = (self.stat[top as usize], self.stat[p as usize]);
            let wrapper = sp.text <= st.text + st.text / 10 + 20;
            let parent_better = candidate[p as usize] && score[p as usize] > score[top as usize];
            if wrapper || parent_better {
                top = p;
            } else {
                break;
            }
        }
        self.with_siblings(top, &score, &candidate)
    }

    /// An element marked as the article body (`itemprop="articleBody"`) that holds at least half
    /// the chosen element's text, or is inside it with most of it.
    fn marked_body(&self, best: u32) -> Option<u32> {
        let best_text = self.stat[best as usize].text;
        let mut found: Option<u32> = None;
        for i in 0..self.tree.nodes.len() {
            if self.cut[i] != Cut::Keep || self.hints(i as u32) & hint::ARTICLE_BODY == 0 {
                continue;
            }
            let t = self.stat[i].text;
            if t * 2 >= best_text
                && t >= 200
                && found.is_none_or(|f| t > self.stat[f as usize].text)
            {
                found = Some(i as u32);
            }
        }
        found
    }

    /// The chosen element, or its parent when siblings hold more of the article (the best
    /// element is one of several blocks of it).
    fn with_siblings(&self, top: u32, score: &[f32], candidate: &[bool]) -> u32 {
        let p = self.tree.nodes[top as usize].parent;
        if p == NONE || self.tag(p) == Some(Tag::Root) {
            return top;
        }
        let top_score = score[top as usize];
        let threshold = (top_score * 0.2).max(10.0);
        let mut joined = 0u32;
        for s in self.tree.children(p) {
            if s == top || self.cut[s as usize] != Cut::Keep || self.tag(s).is_none() {
                continue;
            }
            let st = self.stat[s as usize];
            let furniture = self.hints(s) & (hint::FURNITURE | hint::NAVIGATION | hint::COMMENTS)
                != 0
                || matches!(
                    self.tag(s),
                    Some(Tag::Aside | Tag::Footer | Tag::Header | Tag::Form | Tag::Figure)
                );
            let content = (candidate[s as usize] && score[s as usize] >= threshold)
                || (!furniture && st.text >= 200 && self.link_density(s) < 0.2)
                || (self.tag(s) == Some(Tag::P) && st.text > 80 && self.link_density(s) < 0.25);
            if content {
                joined += st.text;
            }
        }
        if joined * 4 >= self.stat[top as usize].text && joined > 0 {
            p
        } else {
            top
        }
    }
}

/// Writes the chosen element's text as paragraphs, leaving out furniture.
struct Writer<'e, 't> {
    ex: &'e Extractor<'t>,
    root: u32,
    root_text: u32,
    /// Whether furniture by class words, link density and cards is left out (else only the
    /// elements that are furniture by their tag: asides, headers, footers, forms).
    soft_cuts: bool,
    paras: Vec<Para>,
    cur: String,
    cur_heading: u8,
    pending_space: bool,
}

impl<'e, 't> Writer<'e, 't> {
    fn new(ex: &'e Extractor<'t>, root: u32) -> Self {
        Writer {
            ex,
            root,
            soft_cuts: true,
            root_text: ex.stat[root as usize].text,
            paras: Vec::new(),
            cur: String::new(),
            cur_heading: 0,
            pending_space: false,
        }
    }

    /// Whether an element inside the article is furniture rather than article text.
    fn is_furniture(&self, n: u32) -> bool {
        let ex = self.ex;
        let st = ex.stat[n as usize];
        if st.text == 0 {
            return false;
        }
        let h = ex.hints(n);
        let tag = ex.tag(n);
        if matches!(
            tag,
            Some(Tag::Aside | Tag::Footer | Tag::Header | Tag::Figcaption | Tag::Caption)
        ) && h & hint::ARTICLE_BODY == 0
        {
            return true;
        }
        // An element with most of the article's text is a wrapper, whatever its class says.
        let big = st.text * 2 > self.root_text && h & hint::COMMENTS == 0;
        if big {
            return false;
        }
        if h & hint::ARTICLE_BODY != 0 {
            return false;
        }
        // A name of content and of furniture at once ("entry-content-read-more") is content,
        // unless it names comments.
        let content_word = h & hint::CONTENT != 0 && h & hint::COMMENTS == 0;
        if h & (hint::FURNITURE | hint::NAVIGATION | hint::COMMENTS) != 0 && !content_word {
            return true;
        }
        if tag == Some(Tag::Form) {
            return true;
        }
        if tag == Some(Tag::Article) && ex.article_siblings(n) >= 2 {
            return true;
        }
        if h & hint::ABOUT != 0 && h & hint::CONTENT == 0 && st.text < 400 {
            return true;
        }
        // Blocks that are mostly links: menus, lists of related stories, tag lists.
        let ld = ex.link_density(n);
        match tag {
            Some(
                Tag::Ul
                | Tag::Ol
                | Tag::Dl
                | Tag::Div
                | Tag::Section
                | Tag::Table
                | Tag::Li
                | Tag::P,
            ) => ld > 0.5 && (st.text < 1000 || ld > 0.8),
            _ => false,
        }
    }

    fn write(&mut self, n: u32) {
        let ex = self.ex;
        if ex.cut[n as usize] != Cut::Keep {
            return;
        }
        let node = &ex.tree.nodes[n as usize];
        let Some(tag) = node.tag else {
            self.text(n);
            return;
        };
        let furniture = if self.soft_cuts {
            self.is_furniture(n)
        } else {
            matches!(
                tag,
                Tag::Aside | Tag::Footer | Tag::Header | Tag::Form | Tag::Figcaption
            ) && ex.hints(n) & hint::ARTICLE_BODY == 0
        };
        // The chosen element itself is never furniture (it may be a card when every story on
        // the page is one).
        if n != self.root && furniture {
            self.flush();
            return;
        }
        match tag {
            Tag::Br => {
                // One break is a line break; a second in a row ends the paragraph.
                self.pending_space = false;
                if self.cur.ends_with('\n') {
                    self.flush();
                } else if !self.cur.is_empty() {
                    self.cur.push('\n');
                }
                return;
            }
            Tag::Td | Tag::Th => self.pending_space = true,
            _ => {}
        }
        let block = tag.is_block() && !matches!(tag, Tag::Td | Tag::Th);
        if block {
            self.flush();
        }
        if let Tag::H(level) = tag {
            self.cur_heading = level;
        }
        for c in ex.tree.children(n) {
            self.write(c);
        }
        if block {
            self.flush();
        }
    }

    fn text(&mut self, n: u32) {
        let node = &self.ex.tree.nodes[n as usize];
        let text = self.ex.tree.text_of(n);
        if node.pre {
            if self.pending_space && !self.cur.is_empty() {
                self.cur.push(' ');
            }
            self.pending_space = false;
            self.cur.extend(text.chars().filter(|&c| c != '\r'));
            return;
        }
        for (i, w) in text.split(super::tree::is_space).enumerate() {
            if i > 0 {
                self.pending_space = true;
            }
            if w.is_empty() {
                continue;
            }
            if self.pending_space && !self.cur.is_empty() && !self.cur.ends_with('\n') {
                self.cur.push(' ');
            }
            self.pending_space = false;
            self.cur.push_str(w);
        }
    }

    fn flush(&mut self) {
        self.pending_space = false;
        let t = self.cur.trim();
        if !t.is_empty() {
            self.paras.push(Para {
                text: t.to_string(),
                heading: self.cur_heading,
            });
        }
        self.cur.clear();
        self.cur_heading = 0;
    }

    fn finish(&mut self) {
        self.flush();
        // Headings that head nothing (the last paragraphs, or followed only by another heading)
        // are what is left of a cut block: "Related stories", "Comments".
        if self.paras.iter().any(|p| p.heading == 0) {
            while self.paras.last().is_some_and(|p| p.heading > 0) {
                self.paras.pop();
            }
        }
    }
}
