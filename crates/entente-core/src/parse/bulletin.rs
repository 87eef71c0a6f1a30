//! Multi-article publications: a bulletin or report with a table of contents whose entries come
//! back as section headings in the body becomes one document per section.
//!
//! The table of contents is a "Table of contents" line (any heading of the `[contents]` lexicon)
//! followed by entries ("- I. Title", "Title ..... 7", each maybe followed by a page-number line).
//! A section starts at the first line after the table that repeats an entry's title (with or
//! without its numeral). Without a table of contents, numbered headings are only sub-headings of
//! one article: an analysis with "I. Introduction" and "II. Background" is still one document.

use super::lexicon::lexicons;
use super::shapes::{
    is_body_like, is_digits, is_heading_shaped, strip_list_marker, strip_numeral,
    strip_page_reference, MAX_HEADING_BYTES,
};
use crate::text::fold;
use std::collections::HashMap;

/// The layout of a publication, as line indices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Layout {
    /// The line that opens the table of contents; the lines above it are the publication header.
    pub contents: usize,
    /// One past the table's last line.
    pub contents_end: usize,
    /// The heading line of each section, in order.
    pub headings: Vec<usize>,
    /// Table entries that no heading repeats.
    pub missing: Vec<String>,
}

/// A table-of-contents entry.
struct Entry {
    key: String,
    title: String,
}

/// The folded title of an entry or heading line, without list marker, numeral and page number.
fn entry_key(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    if line.is_empty() || line.len() > MAX_HEADING_BYTES + 20 || is_body_like(line) {
        return None;
    }
    let line = strip_list_marker(line).unwrap_or(line);
    let line = strip_page_reference(line);
    let title = strip_numeral(line).map_or(line, |(_, _, t)| t).trim();
    if title.is_empty() || !title.chars().any(char::is_alphabetic) {
        return None;
    }
    Some((fold(title), title.to_string()))
}

/// The most entries a table of contents may have: a longer run of short lines is something else.
const MAX_ENTRIES: usize = 100;

/// Finds the table of contents in `lines` and the section headings that repeat its entries. The
/// file is a multi-article publication when at least two headings are found
/// ([`Layout::is_publication`]); otherwise the table is only set aside. Linear in the lines.
pub(crate) fn detect(lines: &[&str]) -> Option<Layout> {
    let lex = lexicons();
    let contents = lines.iter().position(|l| {
        let l = l.trim().trim_end_matches(':').trim_end();
        !l.is_empty() && l.len() <= 40 && lex.contents_headings.contains(&fold(l))
    })?;

    let mut entries: Vec<Entry> = Vec::new();
    let mut j = contents + 1;
    while j < lines.len() {
        let line = lines[j].trim();
        if line.is_empty() || (is_digits(line) && !entries.is_empty()) {
            j += 1;
            continue;
        }
        let Some((key, title)) = entry_key(line) else {
            break;
        };
        let heading_like = is_heading_shaped(&title) || !is_body_like(&title);
        // The first entry's title again: the first section has begun.
        if !heading_like || entries.first().is_some_and(|e| e.key == key) {
            break;
        }
        entries.push(Entry { key, title });
        if entries.len() > MAX_ENTRIES {
            return None;
        }
        j += 1;
    }
    if entries.len() < 2 {
        return None;
    }
    let contents_end = j;

    // One pass over the body: a line that repeats an entry not yet found opens its section;
    // entries skipped over are missing.
    let index: HashMap<&str, usize> = entries
        .iter()
        .enumerate()
        .rev()
        .map(|(n, e)| (e.key.as_str(), n))
        .collect();
    let mut headings = Vec::new();
    let mut missing = Vec::new();
    let mut next = 0;
    for (k, line) in lines.iter().enumerate().skip(contents_end) {
        if next == entries.len() {
            break;
        }
        let Some((key, _)) = entry_key(line) else {
            continue;
        };
        if let Some(&n) = index.get(key.as_str()) {
            if n >= next {
                missing.extend(entries[next..n].iter().map(|e| e.title.clone()));
                headings.push(k);
                next = n + 1;
            }
        }
    }
    missing.extend(entries[next..].iter().map(|e| e.title.clone()));
    Some(Layout {
        contents,
        contents_end,
        headings,
        missing,
    })
}

impl Layout {
    /// Whether the file is a multi-article publication: two or more sections were found.
    pub(super) fn is_publication(&self) -> bool {
        self.headings.len() >= 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> Option<Layout> {
        let lines: Vec<&str> = text.split('\n').collect();
        detect(&lines).filter(Layout::is_publication)
    }

    #[test]
    fn finds_sections_named_in_the_contents() {
        let text =
            "HEADER\n\nTable of contents\n\n- I. **First story**\n2\n- II. Second story\n7\n\n\
                    I. First story\n\nText one.\n\nII. Second story\n\nText two.";
        let l = layout(&crate::parse::normalize::clean(text)).expect("a bulletin");
        assert_eq!(l.contents, 2);
        assert_eq!(l.contents_end, 9);
        assert_eq!(l.headings, vec![9, 13]);
        assert!(l.missing.is_empty());
    }

    #[test]
    fn dotted_leaders_and_missing_entries() {
        let text = "Contents:\nAlpha story ....... 3\nBeta story ....... 5\nGamma story ... 9\n\n\
                    Alpha story\nText.\nGamma story\nText.";
        let l = layout(text).expect("a bulletin");
        assert_eq!(l.headings, vec![5, 7]);
        assert_eq!(l.missing, vec!["Beta story".to_string()]);
    }

    #[test]
    fn single_articles_are_not_bulletins() {
        for text in [
            "I. Introduction\n\nText.\n\nII. Background\n\nMore text.",
            "Table of contents\n\nOnly one entry\n\nOnly one entry\nText.",
            "Contents\nA\nB\n\nNo headings repeat here.",
            "",
        ] {
            assert_eq!(layout(text), None, "{text:?}");
        }
    }
}
