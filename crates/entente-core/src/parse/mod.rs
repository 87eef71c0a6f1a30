//! Parsing: from the bytes of a scraped article file to clean [`Document`]s.
//!
//! Parsing never fails on text: whatever the input, the result is zero or more documents, and
//! problems are reported as [`Document::warnings`].
//!
//! STUB: this placeholder keeps the text whole and splits paragraphs on blank lines; the real
//! parser (front matter, metadata, boilerplate, bulletins, sentences) replaces it.

use crate::model::{Corpus, Document, Sentence, Span};

/// Parses one file into its documents (a bulletin yields one per section).
pub fn parse_file(source_file: &str, bytes: &[u8]) -> Vec<Document> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let mut paragraphs = Vec::new();
    let mut offset = 0usize;
    for part in text.split("\n\n") {
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            let start = offset + (part.len() - part.trim_start().len());
            paragraphs.push(Span {
                start: start as u32,
                end: (start + trimmed.len()) as u32,
            });
        }
        offset += part.len() + 2;
    }
    let sentences = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| Sentence {
            start: p.start,
            end: p.end,
            paragraph: i as u32,
        })
        .collect();
    vec![Document {
        id: document_id(source_file, None),
        source_file: source_file.to_string(),
        text,
        paragraphs,
        sentences,
        ..Document::default()
    }]
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
    files.sort_by(|a, b| a.0.cmp(&b.0));
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
