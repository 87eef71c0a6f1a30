//! The HTML reader: reduces a saved web page to its article and the metadata its markup states,
//! then hands both to the build-time parser.
//!
//! A page is read in one pass into a compact tree (`tree`, which never runs or keeps markup:
//! scripts, styles and other raw text are skipped), its article is found by content density,
//! link density and the page's own markup (`content`), and its metadata is read from
//! structured data, `<meta>` tags and the article's elements before anything is guessed
//! (`meta`). One page gives one document: the text parser's bulletin split applies only when
//! the article's text holds a table of contents followed by the sections it lists.

mod content;
mod dates;
mod entities;
mod meta;
mod tree;

use super::{display_name, parse_with_given, FileOutcome, Format, Given, RefusalKind};
use crate::model::Origin;
use content::Para;
use meta::Meta;

/// Reads one HTML file.
pub(super) fn read(name: &str, text: &str) -> FileOutcome {
    let page = reduce(text);
    let mut warnings = Vec::new();
    let mut body = page.body_text();
    if body.trim().is_empty() {
        match (&page.meta.body, &page.meta.description) {
            (Some(b), _) if !b.trim().is_empty() => body = b.clone(),
            (_, Some(d)) if !d.trim().is_empty() => {
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
    let given = page.given();
    let mut documents = parse_with_given(name, &given, &body);
    if documents.is_empty() {
        return FileOutcome::refused(
            name,
            Some(Format::Html),
            RefusalKind::OnlyBoilerplate,
            "the page holds only boilerplate, no article text",
        );
    }
    // A value the page did not state but entente inferred (a `<title>` without the site's
    // name, a date from the URL) is recorded as detected, not as given.
    if let [doc] = documents.as_mut_slice() {
        let m = &page.meta;
        if m.title.as_ref().is_some_and(|t| !t.stated) {
            if let Some(t) = &mut doc.title {
                t.origin = Origin::Detected;
            }
        }
        if m.date.as_ref().is_some_and(|d| !d.stated) {
            if let Some(d) = &mut doc.date {
                d.origin = Origin::Detected;
            }
        }
    }
    FileOutcome {
        documents,
        warnings,
        ..FileOutcome::default()
    }
}

/// A page that is not valid UTF-8, decoded as the single-byte encoding its `<meta charset>` (or
/// `http-equiv` content type) declares: ISO-8859-1, Windows-1252 or ASCII, which browsers all
/// read as Windows-1252. `None` for any other declaration, or none.
pub(super) fn decode_declared(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let label: Vec<u8> = lower[at..]
        .iter()
        .copied()
        .skip_while(|&b| b == b'"' || b == b'\'' || b == b' ')
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
        .collect();
    let single_byte = matches!(
        label.as_slice(),
        b"iso-8859-1"
            | b"iso8859-1"
            | b"latin1"
            | b"l1"
            | b"windows-1252"
            | b"cp1252"
            | b"us-ascii"
            | b"ascii"
            | b"iso-8859-15"
            | b"latin-1"
    );
    single_byte.then(|| {
        bytes
            .iter()
            .map(|&b| match b {
                0x80..=0x9F => entities::windows_1252(b),
                _ => char::from(b),
            })
            .collect()
    })
}

/// What was read from a page: its article's paragraphs and its metadata.
#[derive(Debug)]
struct Page {
    paragraphs: Vec<Para>,
    meta: Meta,
}

/// Reads a page.
fn reduce(src: &str) -> Page {
    let tree = tree::build(src);
    let article = content::extract(&tree);
    let meta = meta::read(&tree, article.root);
    Page {
        paragraphs: article.paragraphs,
        meta,
    }
}

impl Page {
    /// The metadata handed to the parser as front matter.
    fn given(&self) -> Given {
        let m = &self.meta;
        let v = |s: &Option<meta::Stated>| s.as_ref().map(|s| s.value.clone());
        Given {
            title: v(&m.title),
            date: v(&m.date),
            source: v(&m.site),
            author: v(&m.author),
            category: v(&m.section),
            place: None,
            url: v(&m.url),
        }
    }

    /// The article text: its paragraphs, without the headline (given separately) where the
    /// article repeats it at the top.
    fn body_text(&self) -> String {
        let title = self.meta.title.as_ref().map(|t| t.value.as_str());
        let mut out = String::new();
        let mut started = false;
        for p in &self.paragraphs {
            if !started {
                let repeats_title = title.is_some_and(|t| same_words(t, &p.text));
                if p.heading == 1 || repeats_title {
                    continue;
                }
            }
            started = true;
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&p.text);
        }
        if out.is_empty() {
            // A page that is nothing but its headline: the headline is its text.
            return self
                .paragraphs
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n");
        }
        out
    }
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

#[cfg(test)]
mod tests;
