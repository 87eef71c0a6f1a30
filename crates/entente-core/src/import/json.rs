//! The JSON reader: `entente extract --json` output, or an array of plain records
//! `{title, date, source, url, text}` (also wrapped as `{"documents": [...]}`, or a single record).
//!
//! An extract record whose offsets check out is rebuilt exactly as it was extracted (so exporting
//! and importing a corpus gives the same documents, ids included); any other record goes through
//! the build-time parser with its fields as front matter. A syntax error refuses the file with
//! its line; a record without text is skipped with a warning.

use super::{display_name, parse_with_given, FileOutcome, Format, Given, RefusalKind};
use crate::model::{DateField, Document, Field, Origin, PartialDate, Removed, Sentence, Span};
use crate::parse::document_id;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Reads one JSON file.
pub(super) fn read(name: &str, text: &str) -> FileOutcome {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let line = e.line().max(1);
            let full = e.to_string();
            let what = full
                .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
                .unwrap_or(&full);
            return FileOutcome::refused(
                name,
                Some(Format::Json),
                RefusalKind::Syntax { line },
                &format!("invalid JSON at line {line}: {what}"),
            );
        }
    };
    let records = match value {
        Value::Array(a) => a,
        Value::Object(mut o) => match o.remove("documents") {
            Some(Value::Array(a)) => a,
            _ if o.contains_key("text") => vec![Value::Object(o)],
            _ => return unknown_shape(name),
        },
        _ => return unknown_shape(name),
    };
    let mut warnings = Vec::new();
    let mut documents: Vec<Document> = Vec::new();
    let several = records.len() > 1;
    let mut section = 0u32;
    for (i, record) in records.into_iter().enumerate() {
        let n = i + 1;
        let Value::Object(obj) = record else {
            warnings.push(format!(
                "{}: record {n} is not an object and was skipped.",
                display_name(name)
            ));
            continue;
        };
        let text = string_field(&obj, "text");
        if text.as_deref().is_none_or(|t| t.trim().is_empty()) {
            warnings.push(format!(
                "{}: record {n} has no text and was skipped.",
                display_name(name)
            ));
            continue;
        }
        if is_extract_record(&obj) {
            match from_extract(Value::Object(obj.clone())) {
                Some(doc) => {
                    documents.push(doc);
                    continue;
                }
                None => warnings.push(format!(
                    "{}: record {n} looked like entente extract output but its offsets did not check out; its text was parsed again.",
                    display_name(name)
                )),
            }
        }
        // A title entente derived from the lead sentence is not a headline: derive it again.
        let derived = matches!(obj.get("title_derived"), Some(Value::Bool(true)));
        let given = Given {
            title: string_field(&obj, "title").filter(|_| !derived),
            date: string_field(&obj, "date"),
            source: string_field(&obj, "source"),
            author: string_field(&obj, "author"),
            category: string_field(&obj, "category"),
            place: string_field(&obj, "place"),
            url: string_field(&obj, "url"),
        };
        let source_file = string_field(&obj, "source_file")
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| name.to_string());
        let docs = parse_with_given(&source_file, &given, text.as_deref().unwrap_or(""));
        if docs.is_empty() {
            warnings.push(format!(
                "{}: record {n} held only boilerplate and was skipped.",
                display_name(name)
            ));
        }
        // Records are numbered as the sections of the file; a lone record keeps what the parser
        // gave (one article, or the sections of a bulletin).
        for mut doc in docs {
            if several {
                section += 1;
                doc.section = Some(section);
                doc.id = document_id(&source_file, Some(section));
            }
            documents.push(doc);
        }
    }
    if documents.is_empty() {
        return FileOutcome {
            warnings,
            ..FileOutcome::refused(
                name,
                Some(Format::Json),
                RefusalKind::Empty,
                "the file holds no document with text",
            )
        };
    }
    FileOutcome {
        documents,
        warnings,
        ..FileOutcome::default()
    }
}

fn unknown_shape(name: &str) -> FileOutcome {
    FileOutcome::refused(
        name,
        Some(Format::Json),
        RefusalKind::UnknownShape,
        "expected an array of documents (objects with a \"text\" field), or an object with a \"documents\" array",
    )
}

/// A string field, found case-insensitively; numbers and booleans are taken as their text.
fn string_field(obj: &Map<String, Value>, key: &str) -> Option<String> {
    let value = obj.get(key).or_else(|| {
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })?;
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn is_extract_record(obj: &Map<String, Value>) -> bool {
    ["source_file", "paragraphs", "sentences"]
        .iter()
        .all(|k| obj.contains_key(*k))
}

/// The fields of an extract record that make a document (the analyses are recomputed).
#[derive(Deserialize)]
struct ExtractRecord {
    source_file: String,
    section: Option<u32>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    title_derived: bool,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    origins: HashMap<String, Origin>,
    text: String,
    paragraphs: Vec<[u32; 2]>,
    sentences: Vec<[u32; 3]>,
    #[serde(default)]
    removed: Vec<Removed>,
    #[serde(default)]
    warnings: Vec<String>,
}

/// Rebuilds an extracted document, or `None` if the record is not consistent (offsets out of
/// the text, off character boundaries, out of order, or a sentence outside the paragraph it
/// names).
fn from_extract(value: Value) -> Option<Document> {
    let r: ExtractRecord = serde_json::from_value(value).ok()?;
    let text = &r.text;
    let ok = |start: u32, end: u32, prev_end: u32| {
        start <= end
            && start >= prev_end
            && (end as usize) <= text.len()
            && text.is_char_boundary(start as usize)
            && text.is_char_boundary(end as usize)
    };
    let mut prev = 0;
    for &[start, end] in &r.paragraphs {
        if !ok(start, end, prev) {
            return None;
        }
        prev = end;
    }
    let mut prev = 0;
    for &[start, end, p] in &r.sentences {
        let inside = r
            .paragraphs
            .get(p as usize)
            .is_some_and(|&[p_start, p_end]| p_start <= start && end <= p_end);
        if !ok(start, end, prev) || !inside {
            return None;
        }
        prev = end;
    }
    let origin = |k: &str, default: Origin| r.origins.get(k).copied().unwrap_or(default);
    let field = |k: &str, v: &Option<String>| {
        v.as_deref()
            .filter(|v| !v.trim().is_empty())
            .map(|v| Field {
                value: v
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect(),
                origin: origin(k, Origin::FrontMatter),
            })
    };
    let id =
        r.id.as_deref()
            .filter(|id| {
                !id.is_empty()
                    && id.len() <= 200
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            })
            .map_or_else(|| document_id(&r.source_file, r.section), str::to_string);
    Some(Document {
        id,
        source_file: r.source_file.clone(),
        section: r.section,
        title: if r.title_derived {
            None
        } else {
            field("title", &r.title)
        },
        date: r
            .date
            .as_deref()
            .and_then(PartialDate::parse_iso)
            .map(|value| DateField {
                value,
                origin: origin("date", Origin::FrontMatter),
            }),
        source: field("source", &r.source),
        author: field("author", &r.author),
        category: field("category", &r.category),
        place: field("place", &r.place),
        url: field("url", &r.url),
        paragraphs: r
            .paragraphs
            .iter()
            .map(|&[start, end]| Span { start, end })
            .collect(),
        sentences: r
            .sentences
            .iter()
            .map(|&[start, end, paragraph]| Sentence {
                start,
                end,
                paragraph,
            })
            .collect(),
        removed: r.removed,
        warnings: r.warnings,
        text: r.text,
    })
}
