//! Parsing: from the bytes of a scraped article file to clean [`Document`]s.
//!
//! Parsing never fails on text: whatever the input, the result is one or more documents, and
//! problems are reported as [`Document::warnings`]. The steps, each in its own module:
//!
//! 1. `normalize`: UTF-8 decoding (lossy, with a warning), BOM, CRLF, control characters,
//!    Markdown escapes (`\$`).
//! 2. `front_matter`: an optional `---` block whose values win over detection.
//! 3. `bulletin`: a publication with a table of contents becomes one document per section.
//! 4. `article`: per article, the header zone (headline, date line, byline, breadcrumbs, share
//!    prompts, letterhead), the body with its furniture set aside, the trailing site furniture, and
//!    the lead (source credit, dateline).
//! 5. `segment`: paragraphs (lines cut by page breaks joined) and sentences, as byte offsets.
//!
//! The rules are shapes of lines (a heading is short and has no final period; a counter is only
//! digits; a breadcrumb is `N. Word`), with small lexicons in `data/parse_*.txt` naming the words
//! they need. Every removed line is kept in [`Document::removed`] with its reason.
//!
//! The headline, when there is one, is the first paragraph of the text (so every later analysis
//! sees it); a dateline stays in the text as the first sentence of the lead.

mod article;
mod bulletin;
mod dates;
mod front_matter;
mod lexicon;
pub(crate) mod normalize;
mod segment;
mod shapes;
#[cfg(test)]
mod tests;

use crate::model::{Corpus, DateField, Document, Field, Origin, Removed};
use article::{Draft, Meta};
use front_matter::FrontMatter;

/// The warning on a document without a headline.
pub const NO_TITLE_WARNING: &str =
    "No headline found: the title is derived from the lead sentence.";
/// The warning on a document without article text.
pub const NO_TEXT_WARNING: &str = "No article text found.";

/// Parses one file into its documents (a bulletin yields one per section).
pub fn parse_file(source_file: &str, bytes: &[u8]) -> Vec<Document> {
    let (text, lossy) = normalize::decode(bytes);
    let (front_matter, start) = front_matter::split(&text);
    let lines: Vec<&str> = text[start..].split('\n').collect();

    let layout = bulletin::detect(&lines);
    let mut drafts: Vec<(Option<u32>, Draft<'_>)> = Vec::new();
    match layout {
        Some(layout) if layout.is_publication() => {
            let header = article::publication_header(&lines[..layout.contents]);
            for (n, &h) in layout.headings.iter().enumerate() {
                let end = layout.headings.get(n + 1).copied().unwrap_or(lines.len());
                let mut draft = article::section(lines[h], &lines[h + 1..end]);
                draft.meta.inherit(&header.meta);
                if n == 0 {
                    // The publication's header, contents and any preface are set aside once, with
                    // the first section.
                    let mut removed = header.removed.clone();
                    removed.push(Removed {
                        text: joined(&lines[layout.contents..layout.contents_end]),
                        reason: "table of contents".to_string(),
                    });
                    let preface = joined(&lines[layout.contents_end..h]);
                    if !preface.is_empty() {
                        removed.push(Removed {
                            text: preface,
                            reason: "bulletin preface".to_string(),
                        });
                    }
                    removed.append(&mut draft.removed);
                    draft.removed = removed;
                    draft.warnings.extend(header.warnings.iter().cloned());
                    for title in &layout.missing {
                        draft.warnings.push(format!(
                            "The table of contents lists \u{201C}{title}\u{201D}, which was not found in the text."
                        ));
                    }
                }
                drafts.push((Some(n as u32 + 1), draft));
            }
        }
        Some(layout) => {
            // A table of contents in a single article: set aside, the rest parsed as usual.
            let mut blanked = lines.clone();
            blanked[layout.contents..layout.contents_end].fill("");
            let mut draft = article::single(&blanked);
            draft.removed.push(Removed {
                text: joined(&lines[layout.contents..layout.contents_end]),
                reason: "table of contents".to_string(),
            });
            drafts.push((None, draft));
        }
        None => drafts.push((None, article::single(&lines))),
    }

    drafts
        .into_iter()
        .map(|(section, draft)| document(source_file, section, draft, front_matter.as_ref(), lossy))
        .collect()
}

/// The non-blank lines of a block, trimmed, one per line.
fn joined(lines: &[&str]) -> String {
    let kept: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    kept.join("\n")
}

/// Assembles a document from a parsed article.
fn document(
    source_file: &str,
    section: Option<u32>,
    draft: Draft<'_>,
    front_matter: Option<&FrontMatter>,
    lossy: bool,
) -> Document {
    let (text, paragraphs, sentences) = segment::build(&draft.units);
    let Meta {
        title,
        date,
        source,
        author,
        category,
        place,
        url,
    } = draft.meta;
    let detected = |v: Option<String>| v.map(Field::detected);
    let mut doc = Document {
        id: document_id(source_file, section),
        source_file: source_file.to_string(),
        section,
        title: detected(title),
        date: date.map(|value| DateField {
            value,
            origin: Origin::Detected,
        }),
        source: detected(source.map(|(_, s)| s)),
        author: detected(author),
        category: detected(category),
        place: detected(place),
        url: detected(url),
        text,
        paragraphs,
        sentences,
        removed: draft.removed,
        warnings: Vec::new(),
    };
    if lossy {
        doc.warnings.push(normalize::LOSSY_WARNING.to_string());
    }
    if let Some(fm) = front_matter {
        apply_front_matter(&mut doc, fm);
    }
    doc.warnings.extend(draft.warnings);
    if doc.text.is_empty() {
        doc.warnings.push(NO_TEXT_WARNING.to_string());
    } else if doc.title.is_none() {
        doc.warnings.push(NO_TITLE_WARNING.to_string());
    }
    doc
}

/// Front matter wins over detection. In a multi-article file its title names the publication, so
/// it does not replace the sections' own titles.
fn apply_front_matter(doc: &mut Document, fm: &FrontMatter) {
    let set = |field: &mut Option<Field>, value: &Option<String>| {
        if let Some(v) = value {
            *field = Some(Field::front_matter(v.clone()));
        }
    };
    if doc.section.is_none() {
        set(&mut doc.title, &fm.title);
    }
    set(&mut doc.source, &fm.source);
    set(&mut doc.author, &fm.author);
    set(&mut doc.category, &fm.category);
    set(&mut doc.place, &fm.place);
    set(&mut doc.url, &fm.url);
    if let Some(value) = fm.date {
        doc.date = Some(DateField {
            value,
            origin: Origin::FrontMatter,
        });
    }
    doc.warnings.extend(fm.warnings.iter().cloned());
}

/// A stable id from a file name and section: the file stem, lowercased, with anything but
/// letters, digits and `-` replaced, plus `-s{n}` for a section.
pub fn document_id(source_file: &str, section: Option<u32>) -> String {
    let name = source_file
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(source_file);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let mut id: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if id.is_empty() {
        id.push_str("doc");
    }
    if let Some(n) = section {
        id.push_str(&format!("-s{n}"));
    }
    id
}

/// Parses a set of files into a corpus: files are taken in name order, and ids are made unique.
pub fn parse_corpus(name: &str, files: Vec<(String, Vec<u8>)>) -> Corpus {
    let mut files = files;
    crate::sort::sort_by(&mut files, |a, b| a.0.cmp(&b.0));
    let mut documents: Vec<Document> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (file, bytes) in &files {
        for mut doc in parse_file(file, bytes) {
            let base = doc.id.clone();
            let mut n = 2;
            while !seen.insert(doc.id.clone()) {
                doc.id = format!("{base}-{n}");
                n += 1;
            }
            documents.push(doc);
        }
    }
    Corpus {
        name: name.to_string(),
        documents,
    }
}
