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
    if line.is_empty() || line.len() > MAX_HEADING_BYTES + 20 {
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

/// Finds the layout of a multi-article publication, if `lines` are one.
pub(crate) fn detect(lines: &[&str]) -> Option<Layout> {
    let lex = lexicons();
    let contents = lines.iter().position(|l| {
        let l = l.trim().trim_end_matches(':');
        l.len() <= 40 && !l.is_empty() && lex.contents_headings.contains(&fold(l))
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
        j += 1;
    }
    if entries.len() < 2 {
        return None;
    }
    let contents_end = j;

    let mut headings = Vec::new();
    let mut missing = Vec::new();
    let mut from = contents_end;
    for entry in &entries {
        let found = (from..lines.len()).find(|&k| {
            lines[k].trim().len() <= MAX_HEADING_BYTES + 20
                && entry_key(lines[k]).is_some_and(|(key, _)| key == entry.key)
        });
        match found {
            Some(k) => {
                headings.push(k);
                from = k + 1;
            }
            None => missing.push(entry.title.clone()),
        }
    }
    (headings.len() >= 2).then_some(Layout {
        contents,
        contents_end,
        headings,
        missing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> Option<Layout> {
        let lines: Vec<&str> = text.split('\n').collect();
        detect(&lines)
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
