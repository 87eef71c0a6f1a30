//! The CSV reader: a header row naming the columns (`title`, `date`, `source`, `url`, `author`,
//! `text`, …, in any case and order; `text` is required), then one document per row.
//!
//! A hand-written RFC 4180 reader: fields separated by commas (or by semicolons or tabs when the
//! header uses those instead), quoted fields with doubled quotes and embedded line breaks, CRLF or
//! LF line ends. It is tolerant where spreadsheets are sloppy (short rows, text after a closing
//! quote) and strict only where the data would be lost: a quoted field that is never closed
//! refuses the file, naming the line where it opened.

use super::{display_name, parse_with_given, FileOutcome, Format, Given, RefusalKind};
use crate::model::Document;
use crate::parse::document_id;

/// The column names understood, with their aliases (the front-matter keys), lowercase.
const COLUMNS: &[(&str, &[&str])] = &[
    ("text", &["text", "body", "content"]),
    ("title", &["title", "headline"]),
    ("date", &["date", "published"]),
    ("source", &["source", "publisher", "site"]),
    ("url", &["url", "link"]),
    ("author", &["author", "by"]),
    ("category", &["category"]),
    ("place", &["place", "dateline", "location"]),
];

/// One record of the file and the line it starts on.
#[derive(Debug, PartialEq, Eq)]
struct Row {
    line: usize,
    fields: Vec<String>,
}

/// An unterminated quoted field: the line where it opened.
#[derive(Debug, PartialEq, Eq)]
struct Unterminated {
    line: usize,
}

/// Reads one CSV file.
pub(super) fn read(name: &str, text: &str) -> FileOutcome {
    let delimiter = sniff_delimiter(text);
    let rows = match parse_rows(text, delimiter) {
        Ok(rows) => rows,
        Err(Unterminated { line }) => {
            return FileOutcome::refused(
                name,
                Some(Format::Csv),
                RefusalKind::Syntax { line },
                &format!(
                    "invalid CSV at line {line}: a quoted field opens there and is never closed"
                ),
            )
        }
    };
    let mut rows = rows.into_iter();
    let Some(header) = rows.next() else {
        return FileOutcome::refused(
            name,
            Some(Format::Csv),
            RefusalKind::Empty,
            "the file is empty",
        );
    };
    let column = |key: &str| -> Option<usize> {
        let aliases = COLUMNS
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(&[][..], |(_, a)| a);
        header
            .fields
            .iter()
            .position(|h| aliases.iter().any(|a| h.trim().eq_ignore_ascii_case(a)))
    };
    let Some(text_col) = column("text") else {
        let found: Vec<String> = header
            .fields
            .iter()
            .take(12)
            .map(|h| format!("\u{201C}{}\u{201D}", display_name(h.trim())))
            .collect();
        return FileOutcome::refused(
            name,
            Some(Format::Csv),
            RefusalKind::UnknownShape,
            &format!(
                "the header row (line {}) has no \u{201C}text\u{201D} column (found {})",
                header.line,
                found.join(", ")
            ),
        );
    };
    let cols: Vec<Option<usize>> = [
        "title", "date", "source", "author", "category", "place", "url",
    ]
    .iter()
    .map(|k| column(k))
    .collect();

    let mut warnings = Vec::new();
    let mut documents: Vec<Document> = Vec::new();
    let mut no_text: Vec<usize> = Vec::new();
    let mut too_long: Vec<usize> = Vec::new();
    let rows: Vec<Row> = rows
        .filter(|r| r.fields.iter().any(|f| !f.trim().is_empty()))
        .collect();
    let several = rows.len() > 1;
    let mut section = 0u32;
    for row in &rows {
        if row.fields.len() > header.fields.len() {
            too_long.push(row.line);
        }
        let get = |c: Option<usize>| -> Option<String> {
            c.and_then(|c| row.fields.get(c))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let Some(text) = get(Some(text_col)) else {
            no_text.push(row.line);
            continue;
        };
        let given = Given {
            title: get(cols[0]),
            date: get(cols[1]),
            source: get(cols[2]),
            author: get(cols[3]),
            category: get(cols[4]),
            place: get(cols[5]),
            url: get(cols[6]),
        };
        let docs = parse_with_given(name, &given, &text);
        if docs.is_empty() {
            no_text.push(row.line);
        }
        // Rows are numbered as the sections of the file.
        for mut doc in docs {
            if several {
                section += 1;
                doc.section = Some(section);
                doc.id = document_id(name, Some(section));
            }
            documents.push(doc);
        }
    }
    let lines = |v: &[usize]| {
        let mut s: Vec<String> = v.iter().take(5).map(usize::to_string).collect();
        if v.len() > 5 {
            s.push("…".into());
        }
        s.join(", ")
    };
    if !no_text.is_empty() {
        warnings.push(format!(
            "{}: {} row(s) had no text and were skipped (line {}).",
            display_name(name),
            no_text.len(),
            lines(&no_text)
        ));
    }
    if !too_long.is_empty() {
        warnings.push(format!(
            "{}: {} row(s) had more fields than the header; the extra fields were ignored (line {}).",
            display_name(name),
            too_long.len(),
            lines(&too_long)
        ));
    }
    if documents.is_empty() {
        return FileOutcome {
            warnings,
            ..FileOutcome::refused(
                name,
                Some(Format::Csv),
                RefusalKind::Empty,
                "the file holds no row with text",
            )
        };
    }
    FileOutcome {
        documents,
        warnings,
        ..FileOutcome::default()
    }
}

/// The delimiter the header row uses: a comma, unless the header has none and uses semicolons or
/// tabs (as spreadsheets in many locales write).
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.split('\n').next().unwrap_or("");
    let mut quoted = false;
    let (mut commas, mut semis, mut tabs) = (0, 0, 0);
    for b in first.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semis += 1,
            b'\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if commas > 0 || (semis == 0 && tabs == 0) {
        b','
    } else if semis >= tabs {
        b';'
    } else {
        b'\t'
    }
}

/// Splits the text into records. Blank lines give records of one empty field, which the caller
/// skips.
fn parse_rows(text: &str, delimiter: u8) -> Result<Vec<Row>, Unterminated> {
    let b = text.as_bytes();
    let mut rows = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < b.len() {
        let row_line = line;
        let mut fields = Vec::new();
        loop {
            let mut field = String::new();
            if i < b.len() && b[i] == b'"' {
                let open_line = line;
                i += 1;
                loop {
                    let Some(j) = b[i..].iter().position(|&c| c == b'"').map(|j| i + j) else {
                        return Err(Unterminated { line: open_line });
                    };
                    line += b[i..j].iter().filter(|&&c| c == b'\n').count();
                    field.push_str(&text[i..j]);
                    if b.get(j + 1) == Some(&b'"') {
                        field.push('"');
                        i = j + 2;
                    } else {
                        i = j + 1;
                        break;
                    }
                }
                // Text after the closing quote is kept as written, as spreadsheets do.
                let start = i;
                while i < b.len() && b[i] != delimiter && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
                field.push_str(&text[start..i]);
            } else {
                let start = i;
                while i < b.len() && b[i] != delimiter && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
                field.push_str(&text[start..i]);
            }
            fields.push(field);
            if i >= b.len() {
                break;
            }
            if b[i] == delimiter {
                i += 1;
                continue;
            }
            // A line end: CRLF, LF or a lone CR.
            i += if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            line += 1;
            break;
        }
        rows.push(Row {
            line: row_line,
            fields,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Result<Vec<Vec<&str>>, usize>) {
        let got = parse_rows(input, b',')
            .map(|rows| rows.into_iter().map(|r| r.fields).collect::<Vec<_>>())
            .map_err(|e| e.line);
        let expected = expected.map(|rows| {
            rows.into_iter()
                .map(|r| r.into_iter().map(str::to_string).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        });
        assert_eq!(got, expected, "{input:?}");
    }

    #[test]
    fn reads_rfc4180() {
        check("a,b\n1,2\n", Ok(vec![vec!["a", "b"], vec!["1", "2"]]));
        check("a,b\r\n1,2", Ok(vec![vec!["a", "b"], vec!["1", "2"]]));
        check("a\r1", Ok(vec![vec!["a"], vec!["1"]]));
        check("\"x, y\",z", Ok(vec![vec!["x, y", "z"]]));
        check("\"say \"\"hi\"\"\"", Ok(vec![vec!["say \"hi\""]]));
        check(
            "\"line\nbreak\",2\n3",
            Ok(vec![vec!["line\nbreak", "2"], vec!["3"]]),
        );
        check("a,,\n", Ok(vec![vec!["a", "", ""]]));
        check("\"q\"tail,x", Ok(vec![vec!["qtail", "x"]]));
        check("mid\"quote,x", Ok(vec![vec!["mid\"quote", "x"]]));
        check("", Ok(vec![]));
        check("\n", Ok(vec![vec![""]]));
        check("a\n\"open\n\nnever", Err(2));
        check("\"", Err(1));
        check("é,\"ü\"", Ok(vec![vec!["é", "ü"]]));
    }

    #[test]
    fn finds_lines_after_embedded_breaks() {
        let rows = parse_rows("h\n\"a\nb\"\nc\n", b',').unwrap();
        let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 4]);
        assert_eq!(
            parse_rows("h\n\"a\nb\"\n\"c", b','),
            Err(Unterminated { line: 4 })
        );
    }

    #[test]
    fn sniffs_the_delimiter() {
        for (header, expected) in [
            ("title,text", b','),
            ("title;text", b';'),
            ("title\ttext", b'\t'),
            ("text", b','),
            ("\"a;b\",text", b','),
            ("\"a,b\";text", b';'),
        ] {
            assert_eq!(sniff_delimiter(header), expected, "{header}");
        }
    }
}
