//! Import: turns the files a user drops on the page (text, Markdown, HTML, JSON, CSV) into
//! corpus-ready [`Document`]s, with a per-file outcome and a summary.
//!
//! Every reader ends in the build-time parser ([`crate::parse::parse_file`]), so front matter,
//! metadata detection, boilerplate removal and bulletin splitting are the same for an imported
//! file as for the embedded corpus. The readers only reduce their format to text plus a
//! front-matter header of the values the file states explicitly.
//!
//! Bad input is data: a file is either read (possibly with warnings) or refused with a sentence
//! that names it, and one bad file never stops the others ([`read_files`], [`Importer`]). Nothing
//! here panics on any input; the `import` fuzz target checks it.

mod csv;
mod html;
mod json;

use crate::model::{DateField, Document, Field, Origin, PartialDate};
use crate::parse;
use std::collections::{HashMap, HashSet};

/// The largest file accepted, in bytes (50 MB).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// The extensions accepted, as shown to users in a refusal.
pub const ACCEPTED: &str = ".txt, .md, .html, .htm, .json, .csv";

/// A file format the importer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text or Markdown, parsed as at build time.
    Text,
    /// An HTML page, reduced to its article text.
    Html,
    /// `entente extract --json` output or an array of `{title, date, source, url, text}`.
    Json,
    /// A table with a header row naming the same columns.
    Csv,
}

impl Format {
    /// The format a file name's extension names (case-insensitive), if it is accepted.
    pub fn from_name(name: &str) -> Option<Format> {
        let ext = extension(name)?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "md" | "markdown" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// The extension of the last path component, without the dot.
fn extension(name: &str) -> Option<&str> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() => Some(ext),
        _ => None,
    }
}

/// Why a file was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefusalKind {
    /// The extension is not one the importer reads.
    UnsupportedFormat,
    /// The file is over [`MAX_FILE_BYTES`].
    TooLarge,
    /// The file holds nothing but white space, or no record with text.
    Empty,
    /// Everything in the file was boilerplate (navigation, scripts, prompts).
    OnlyBoilerplate,
    /// A JSON or CSV file could not be read; the line is 1-based.
    Syntax {
        /// The line of the error.
        line: usize,
    },
    /// The file is well formed but not in a shape the importer knows (a JSON object without
    /// documents, a CSV file without a `text` column).
    UnknownShape,
}

/// A refused file: the kind, and a sentence for the user that names the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// What went wrong.
    pub kind: RefusalKind,
    /// A sentence naming the file and the reason ("notes.pdf: .pdf files are not supported …").
    pub message: String,
}

/// What reading one file gave.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileOutcome {
    /// The file name, as given.
    pub name: String,
    /// The format read, if the extension was accepted.
    pub format: Option<Format>,
    /// The documents read (empty when refused). Ids are unique within the file only.
    pub documents: Vec<Document>,
    /// Problems that concern the file rather than one document (a skipped record, a CSV row with
    /// too many fields), as sentences naming the file.
    pub warnings: Vec<String>,
    /// Why the file was refused, if it was.
    pub refusal: Option<Refusal>,
}

impl FileOutcome {
    fn refused(name: &str, format: Option<Format>, kind: RefusalKind, reason: &str) -> Self {
        FileOutcome {
            name: name.to_string(),
            format,
            refusal: Some(Refusal {
                kind,
                message: format!("{}: {reason}", display_name(name)),
            }),
            ..FileOutcome::default()
        }
    }
}

/// A file name for messages: control characters (including bidi overrides) are replaced, so a
/// hostile name cannot reorder or hide the text around it.
fn display_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if is_invisible_or_control(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .take(200)
        .collect();
    if out.is_empty() {
        out.push_str("(unnamed file)");
    }
    out
}

fn is_invisible_or_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Reads one file: dispatches on its extension, refuses what it cannot read, and never panics.
pub fn read_file(name: &str, bytes: &[u8]) -> FileOutcome {
    let format = Format::from_name(name);
    let Some(format) = format else {
        let reason = match extension(name) {
            Some(ext) => format!(
                ".{} files are not supported (accepted: {ACCEPTED})",
                display_name(&ext.to_ascii_lowercase())
            ),
            None => format!("files without an extension are not supported (accepted: {ACCEPTED})"),
        };
        return FileOutcome::refused(name, None, RefusalKind::UnsupportedFormat, &reason);
    };
    if bytes.len() > MAX_FILE_BYTES {
        return refuse_too_large(name, bytes.len() as u64);
    }
    let mut decoded = decode(bytes);
    if format == Format::Html && decoded.warning.is_some() {
        // A page that is not UTF-8 may say which single-byte encoding it is in.
        if let Some(text) = html::decode_declared(bytes) {
            decoded = Decoded {
                text,
                warning: None,
            };
        }
    }
    if decoded.text.trim().is_empty() {
        return FileOutcome::refused(name, Some(format), RefusalKind::Empty, "the file is empty");
    }
    let mut outcome = match format {
        Format::Text => read_text(name, &decoded.text),
        Format::Html => html::read(name, &decoded.text),
        Format::Json => json::read(name, &decoded.text),
        Format::Csv => csv::read(name, &decoded.text),
    };
    outcome.name = name.to_string();
    outcome.format = Some(format);
    for doc in &mut outcome.documents {
        if let Some(w) = &decoded.warning {
            doc.warnings.push(w.clone());
        }
        if let Some(mut url) = doc.url.take() {
            // Only web links are kept (see `web_link`), as the link itself, without the spaces
            // around it; the warning says why a link is gone.
            if let Some(link) = crate::text::web_link(&url.value) {
                url.value = link.to_string();
                doc.url = Some(url);
            } else {
                doc.warnings.push(format!(
                    "The link \u{201C}{}\u{201D} was ignored: only http and https links are kept.",
                    display_name(&crate::text::truncate_words(&url.value, 80))
                ));
            }
        }
    }
    outcome
}

/// The refusal of a file over [`MAX_FILE_BYTES`], from its size alone: a browser import refuses
/// such a file without reading it into memory.
pub fn refuse_too_large(name: &str, size: u64) -> FileOutcome {
    let mb = size as f64 / (1024.0 * 1024.0);
    FileOutcome::refused(
        name,
        Format::from_name(name),
        RefusalKind::TooLarge,
        &format!("the file is {mb:.1} MB, over the 50 MB limit"),
    )
}

/// Text decoded from a file's bytes, with a warning when the decoding was lossy.
struct Decoded {
    text: String,
    warning: Option<String>,
}

/// Decodes bytes as UTF-8 (without its byte-order mark), or as UTF-16 when a UTF-16 byte-order
/// mark says so; invalid sequences become U+FFFD, with a warning.
fn decode(bytes: &[u8]) -> Decoded {
    let lossy = |what: &str| {
        Some(format!(
            "The file is not valid {what}: invalid bytes were replaced with \u{FFFD}."
        ))
    };
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode(rest);
    }
    let utf16 = match bytes {
        [0xFF, 0xFE, rest @ ..] => Some((rest, false)),
        [0xFE, 0xFF, rest @ ..] => Some((rest, true)),
        _ => None,
    };
    if let Some((rest, big_endian)) = utf16 {
        let units = rest.chunks(2).map(|c| match (c, big_endian) {
            ([a, b], false) => u16::from_le_bytes([*a, *b]),
            ([a, b], true) => u16::from_be_bytes([*a, *b]),
            _ => 0xFFFD,
        });
        let mut bad = rest.len() % 2 != 0;
        let text: String = char::decode_utf16(units)
            .map(|r| {
                r.unwrap_or_else(|_| {
                    bad = true;
                    '\u{FFFD}'
                })
            })
            .collect();
        return Decoded {
            text,
            warning: if bad { lossy("UTF-16") } else { None },
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: s.to_string(),
            warning: None,
        },
        Err(_) => Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            warning: lossy("UTF-8"),
        },
    }
}

/// A `.txt` or `.md` file: exactly the build-time parser.
fn read_text(name: &str, text: &str) -> FileOutcome {
    let documents = keep_content(parse::parse_file(name, text.as_bytes()));
    if documents.is_empty() {
        return FileOutcome::refused(
            name,
            Some(Format::Text),
            RefusalKind::OnlyBoilerplate,
            "the file holds only boilerplate (navigation, prompts, site furniture), no article text",
        );
    }
    FileOutcome {
        documents,
        ..FileOutcome::default()
    }
}

/// Drops documents the parser left without text (everything in them was boilerplate).
fn keep_content(docs: Vec<Document>) -> Vec<Document> {
    docs.into_iter()
        .filter(|d| {
            d.text
                .chars()
                .any(|c| !c.is_whitespace() && !is_invisible_or_control(c))
        })
        .collect()
}

/// Metadata a structured file states explicitly (a JSON record, a CSV row, an HTML page's tags).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Given {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub category: Option<String>,
    pub place: Option<String>,
    pub url: Option<String>,
}

/// One line of a front-matter value: control characters and line breaks become spaces, and a
/// value that the front-matter reader would unquote is quoted once more so it comes back whole.
fn front_matter_value(v: &str) -> String {
    let flat: String = v
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let flat = flat.trim();
    let bytes = flat.as_bytes();
    if bytes.len() >= 2 && bytes[0] == bytes[bytes.len() - 1] && matches!(bytes[0], b'"' | b'\'') {
        let q = if bytes[0] == b'"' { '\'' } else { '"' };
        format!("{q}{flat}{q}")
    } else {
        flat.to_string()
    }
}

/// Parses `text` with the metadata `given` as its front matter, so that detection is the
/// build-time parser's and the given values win.
pub(crate) fn parse_with_given(source_file: &str, given: &Given, text: &str) -> Vec<Document> {
    let mut header = String::from("---\n");
    // Unsafe links are dropped for every format in `read_file`, with a warning on the document.
    let url = given
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    for (key, value) in [
        ("title", given.title.as_deref()),
        ("date", given.date.as_deref()),
        ("source", given.source.as_deref()),
        ("author", given.author.as_deref()),
        ("category", given.category.as_deref()),
        ("place", given.place.as_deref()),
        ("url", url),
    ] {
        if let Some(v) = value {
            let v = front_matter_value(v);
            if !v.is_empty() {
                header.push_str(key);
                header.push_str(": ");
                header.push_str(&v);
                header.push('\n');
            }
        }
    }
    header.push_str("---\n");
    // A header that is always present means a `---` at the top of the text itself stays text.
    let mut input = header;
    input.push_str(text);
    let mut docs = keep_content(parse::parse_file(source_file, input.as_bytes()));
    // The given values win over whatever the parser made of them (for a single article; the
    // sections of a bulletin keep their own headlines).
    if let [doc] = docs.as_mut_slice() {
        let set = |slot: &mut Option<Field>, v: Option<&str>| {
            if let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) {
                let v: String = v
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                *slot = Some(Field {
                    value: v,
                    origin: Origin::FrontMatter,
                });
            }
        };
        set(&mut doc.title, given.title.as_deref());
        set(&mut doc.source, given.source.as_deref());
        set(&mut doc.author, given.author.as_deref());
        set(&mut doc.category, given.category.as_deref());
        set(&mut doc.place, given.place.as_deref());
        set(&mut doc.url, url);
        if let Some(d) = given.date.as_deref().and_then(PartialDate::parse_iso) {
            doc.date = Some(DateField {
                value: d,
                origin: Origin::FrontMatter,
            });
        }
    }
    docs
}

/// Counts for the summary shown when an import ends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files offered.
    pub files: usize,
    /// Files that gave at least one document.
    pub files_imported: usize,
    /// Documents imported.
    pub imported: usize,
    /// Files refused.
    pub skipped: usize,
    /// Warnings: file-level ones plus those on the imported documents.
    pub warnings: usize,
}

/// One file's line in an import report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileReport {
    /// The file name, as given.
    pub name: String,
    /// The format read, if accepted.
    pub format: Option<Format>,
    /// How many documents the file gave.
    pub documents: usize,
    /// File-level warnings.
    pub warnings: Vec<String>,
    /// Why the file was refused, if it was.
    pub refusal: Option<Refusal>,
}

/// The result of importing a set of files.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// Every imported document, with ids unique across the import, in the order the files were
    /// added.
    pub documents: Vec<Document>,
    /// One line per file, in the order added.
    pub files: Vec<FileReport>,
    /// The counts.
    pub summary: Summary,
}

/// An import in progress: files are added one at a time (so a worker can report progress and
/// stop between files), and [`Importer::finish`] gives the report.
#[derive(Debug, Default)]
pub struct Importer {
    report: ImportReport,
    ids: HashSet<String>,
    /// The next suffix to try for each id that was taken, so that many documents with one id
    /// (a hostile file can hold 100,000) get theirs in linear time.
    next_suffix: HashMap<String, usize>,
}

impl Importer {
    /// Reads one file and adds its outcome; returns the file's line of the report.
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) -> &FileReport {
        let outcome = read_file(name, bytes);
        self.add_outcome(outcome)
    }

    /// Adds an outcome already read with [`read_file`], making its ids unique.
    pub fn add_outcome(&mut self, outcome: FileOutcome) -> &FileReport {
        let s = &mut self.report.summary;
        s.files += 1;
        s.warnings += outcome.warnings.len();
        if outcome.refusal.is_some() {
            s.skipped += 1;
        } else if !outcome.documents.is_empty() {
            s.files_imported += 1;
        }
        let n_documents = outcome.documents.len();
        for mut doc in outcome.documents {
            s.imported += 1;
            s.warnings += doc.warnings.len();
            if doc.id.is_empty() {
                doc.id = "doc".to_string();
            }
            if !self.ids.insert(doc.id.clone()) {
                let base = std::mem::take(&mut doc.id);
                let n = self.next_suffix.entry(base.clone()).or_insert(2);
                loop {
                    let id = format!("{base}-{n}");
                    *n += 1;
                    if self.ids.insert(id.clone()) {
                        doc.id = id;
                        break;
                    }
                }
            }
            self.report.documents.push(doc);
        }
        self.report.files.push(FileReport {
            name: outcome.name,
            format: outcome.format,
            documents: n_documents,
            warnings: outcome.warnings,
            refusal: outcome.refusal,
        });
        let last = self.report.files.len() - 1;
        &self.report.files[last]
    }

    /// The documents read so far, in the order read (each keeps its place: an import can analyse
    /// them as they arrive).
    pub fn documents(&self) -> &[Document] {
        &self.report.documents
    }

    /// The summary so far.
    pub fn summary(&self) -> Summary {
        self.report.summary
    }

    /// Ends the import.
    pub fn finish(self) -> ImportReport {
        self.report
    }
}

/// Imports a set of files: they are read in name order (so the same folder always gives the same
/// corpus), each independently, and ids are made unique across them.
pub fn read_files(files: Vec<(String, Vec<u8>)>) -> ImportReport {
    let mut files = files;
    crate::sort::sort_by(&mut files, |a, b| a.0.cmp(&b.0));
    let mut importer = Importer::default();
    for (name, bytes) in &files {
        importer.add_file(name, bytes);
    }
    importer.finish()
}

#[cfg(test)]
mod tests;
