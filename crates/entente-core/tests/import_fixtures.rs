//! The import readers over the committed fixtures (`tests/fixtures/import/`: one file of each
//! accepted format plus bad files) and the hostile corpus (`tests/fixtures/hostile/`), and the two
//! hostile inputs too large to commit (a 5 MB single line, 100,000 one-line documents), generated
//! here. Fixtures are embedded with `include_bytes!`, so these tests need no file system.

use entente_core::import::{read_file, read_files, Format, RefusalKind};
use entente_core::model::Origin;
use entente_core::parse::parse_file;

mod common;
use common::SEEDS;

macro_rules! fixtures {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../../tests/fixtures/", $dir, "/", $name)) as &[u8])),*]
    };
}

const IMPORT: &[(&str, &[u8])] = fixtures!("import":
    "article.txt", "notes.md", "page.html", "records.json", "wrapped.json", "table.csv",
    "latin1.txt", "broken.json", "unterminated.csv", "empty.txt", "boilerplate.html", "report.pdf",
);

const HOSTILE: &[(&str, &[u8])] = fixtures!("hostile":
    "script-tag.txt", "img-onerror.txt", "svg-onload.txt", "javascript-link.txt", "iframe.txt",
    "css-url.txt", "bidi-zero-width.txt",
);

fn import_folder() -> entente_core::import::ImportReport {
    read_files(
        IMPORT
            .iter()
            .map(|(n, b)| (format!("fixtures/{n}"), b.to_vec()))
            .collect(),
    )
}

#[test]
// Native only, and so the one file system read here: the table above must name every committed
// fixture.
#[allow(clippy::disallowed_methods)]
fn every_fixture_is_listed() {
    for (dir, table) in [("import", IMPORT), ("hostile", HOSTILE)] {
        let path = format!("{}/../../tests/fixtures/{dir}", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(&path).expect("fixture folder") {
            let name = entry
                .expect("entry")
                .file_name()
                .into_string()
                .expect("utf-8 name");
            if name.ends_with(".md") && dir == "hostile" {
                continue; // the generator note
            }
            assert!(
                table.iter().any(|(n, _)| *n == name),
                "{dir}/{name} is not tested"
            );
        }
    }
}

#[test]
fn a_mixed_folder_imports_with_a_summary() {
    let report = import_folder();
    let s = report.summary;
    assert_eq!(s.files, IMPORT.len());
    assert_eq!(s.skipped, 5, "{:#?}", report.files);
    assert_eq!(s.files_imported, 7);
    assert_eq!(s.imported, 9);
    assert_eq!(report.documents.len(), 9);
    assert!(s.warnings >= 1, "the Latin-1 file warns");
    let mut ids: Vec<&str> = report.documents.iter().map(|d| d.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 9, "unique ids");
}

#[test]
fn titles_dates_and_sources_come_through() {
    let report = import_folder();
    // (title, date, source) of every imported document, in import (file name) order.
    let expected: &[(&str, Option<&str>, Option<&str>)] = &[
        (
            "Georgia and Armenia agree to expand rail freight",
            Some("2024-03-14"),
            Some("Caucasus Transit Review"),
        ),
        ("Moldova and Romania sign energy accord", None, None),
        (
            "Kazakhstan and China sign energy memorandum",
            Some("2023-11-02"),
            Some("Steppe Energy Notes"),
        ),
        (
            "Türkiye and Azerbaijan hold defence talks",
            Some("2024-05-21"),
            Some("Example Wire"),
        ),
        (
            "Uzbekistan and Tajikistan settle water-sharing dispute",
            Some("2024-02-08"),
            Some("Central Asia Monitor"),
        ),
        (
            "Mongolia joins regional power grid study",
            Some("2023-09"),
            Some("Central Asia Monitor"),
        ),
        (
            "Estonia and Finland link power grids",
            Some("2024-01-17"),
            Some("Baltic Energy Desk"),
        ),
        (
            "Poland, Lithuania sign \"Via Baltica\" deal",
            Some("2023-10-05"),
            Some("Baltic Energy Desk"),
        ),
        (
            "Serbia and Hungary open new border crossing",
            Some("2024-06-30"),
            Some("Balkan Brief"),
        ),
    ];
    let got: Vec<(String, Option<String>, Option<String>)> = report
        .documents
        .iter()
        .map(|d| {
            (
                d.display_title().0,
                d.date.map(|d| d.value.to_string()),
                d.source.as_ref().map(|s| s.value.clone()),
            )
        })
        .collect();
    let want: Vec<(String, Option<String>, Option<String>)> = expected
        .iter()
        .map(|(t, d, s)| (t.to_string(), d.map(str::to_string), s.map(str::to_string)))
        .collect();
    assert_eq!(got, want);
}

/// Reads one fixture alone.
fn read(name: &str) -> entente_core::import::FileOutcome {
    let (_, bytes) = IMPORT.iter().find(|(n, _)| *n == name).expect("fixture");
    read_file(name, bytes)
}

#[test]
fn bad_files_are_refused_with_their_name_and_reason() {
    let rows: &[(&str, RefusalKind, &str)] = &[
        ("broken.json", RefusalKind::Syntax { line: 3 }, "line 3"),
        (
            "unterminated.csv",
            RefusalKind::Syntax { line: 3 },
            "line 3",
        ),
        ("empty.txt", RefusalKind::Empty, "empty"),
        (
            "boilerplate.html",
            RefusalKind::OnlyBoilerplate,
            "no article text",
        ),
        (
            "report.pdf",
            RefusalKind::UnsupportedFormat,
            ".pdf files are not supported",
        ),
    ];
    for (name, kind, phrase) in rows {
        let out = read(name);
        let r = out
            .refusal
            .unwrap_or_else(|| panic!("{name} was not refused"));
        assert_eq!(r.kind, *kind, "{name}: {}", r.message);
        assert!(r.message.starts_with(name), "{}", r.message);
        assert!(r.message.contains(phrase), "{}", r.message);
    }
}

#[test]
fn invalid_utf8_is_imported_with_a_warning() {
    let out = read("latin1.txt");
    assert!(out.refusal.is_none());
    let doc = &out.documents[0];
    assert!(doc.text.contains('\u{FFFD}'));
    assert!(
        doc.warnings.iter().any(|w| w.contains("UTF-8")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn html_keeps_the_article_and_drops_the_furniture() {
    let out = read("page.html");
    assert_eq!(out.format, Some(Format::Html));
    let doc = &out.documents[0];
    let text = &doc.text;
    for kept in [
        "The defence ministers of Türkiye and Azerbaijan met in Ankara",
        "three joint drills next year & to study",
        "\u{2014} the first since 2021",
        "the talks would continue in the autumn",
    ] {
        assert!(text.contains(kept), "missing {kept:?} in {text:?}");
    }
    for dropped in [
        "__pwned",
        "font-family",
        "Business",
        "Another story",
        "All rights reserved",
        "Subscribe",
        "tracker",
        "<",
        ">",
    ] {
        assert!(!text.contains(dropped), "kept {dropped:?} in {text:?}");
    }
    assert_eq!(
        doc.author.as_ref().map(|a| a.value.as_str()),
        Some("L. Aliyeva")
    );
    assert_eq!(
        doc.url.as_ref().map(|u| u.value.as_str()),
        Some("https://example.org/tr-az-defence")
    );
    assert_eq!(
        doc.title.as_ref().map(|t| t.origin),
        Some(Origin::FrontMatter)
    );
}

#[test]
fn csv_fields_keep_quotes_commas_and_line_breaks() {
    let out = read("table.csv");
    assert_eq!(out.documents.len(), 2);
    let second = &out.documents[1];
    assert!(second.text.contains("85 percent"), "{:?}", second.text);
    assert!(
        second.paragraphs.len() >= 2,
        "the embedded blank line is a paragraph break"
    );
    assert!(out.documents[0].text.contains("1,000 megawatts"));
}

/// Every paragraph and sentence is a valid range of the text.
fn assert_offsets_valid(doc: &entente_core::Document) {
    for p in &doc.paragraphs {
        assert!(doc.text.get(p.range()).is_some(), "paragraph {p:?}");
    }
    for s in &doc.sentences {
        assert!(doc.text.get(s.range()).is_some(), "sentence {s:?}");
    }
}

/// The parser keeps markup-like text as literal text (it never interprets it), and the import
/// keeps it too.
#[test]
fn hostile_documents_stay_plain_text() {
    let payloads: &[(&str, &[&str])] = &[
        (
            "script-tag.txt",
            &["<script>window.__pwned=1</script>", "</script><script>"],
        ),
        (
            "img-onerror.txt",
            &["<img src=x onerror=\"window.__pwned=1\">"],
        ),
        (
            "svg-onload.txt",
            &["<svg onload=\"window.__pwned=1\"><circle r=\"5\"/></svg>"],
        ),
        (
            "javascript-link.txt",
            &[
                "<a href=\"javascript:window.__pwned=1\">",
                "(javascript:window.__pwned=1)",
            ],
        ),
        (
            "iframe.txt",
            &["<iframe src=\"javascript:window.__pwned=1\"></iframe>"],
        ),
        (
            "css-url.txt",
            &["url(https://attacker.invalid/beacon.png)", "@import url("],
        ),
    ];
    for (name, expected) in payloads {
        let (_, bytes) = HOSTILE.iter().find(|(n, _)| n == name).expect("fixture");
        for docs in [parse_file(name, bytes), read_file(name, bytes).documents] {
            assert_eq!(docs.len(), 1, "{name}");
            let doc = &docs[0];
            assert_offsets_valid(doc);
            for p in *expected {
                assert!(
                    doc.text.contains(p),
                    "{name}: {p:?} not kept in {:?}",
                    doc.text
                );
            }
        }
    }
}

#[test]
fn hostile_metadata_is_text_and_links_are_web_only() {
    let (_, bytes) = HOSTILE
        .iter()
        .find(|(n, _)| *n == "script-tag.txt")
        .unwrap();
    let doc = &read_file("script-tag.txt", bytes).documents[0];
    let title = doc.title.as_ref().expect("title").value.as_str();
    assert!(
        title.contains("<script>window.__pwned=1</script>"),
        "{title:?}"
    );

    let (_, bytes) = HOSTILE
        .iter()
        .find(|(n, _)| *n == "javascript-link.txt")
        .unwrap();
    let out = read_file("javascript-link.txt", bytes);
    assert_eq!(
        out.documents[0].url, None,
        "a javascript: URL is never kept by the import"
    );
    assert!(out.documents[0].warnings.iter().any(|w| w.contains("http")));
}

#[test]
fn bidi_and_zero_width_characters_never_hide_visible_text() {
    let (_, bytes) = HOSTILE
        .iter()
        .find(|(n, _)| *n == "bidi-zero-width.txt")
        .unwrap();
    let invisible = |c: char| matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}');
    for docs in [
        parse_file("b.txt", bytes),
        read_file("b.txt", bytes).documents,
    ] {
        let doc = &docs[0];
        assert_offsets_valid(doc);
        // The parser may keep these characters as text or drop them; either way every visible
        // letter survives, in order.
        let visible: String = doc.text.chars().filter(|c| !invisible(*c)).collect();
        for phrase in [
            "in a statement txt.exe with reversed text",
            "Belgrade, Budapest and Szeged all appear",
        ] {
            assert!(visible.contains(phrase), "{phrase:?} not in {visible:?}");
        }
    }
}

#[test]
fn hostile_generated_five_megabyte_single_line() {
    let unit = "The talks continued without a line break, <script>window.__pwned=1</script> ";
    let mut text = String::with_capacity(5 * 1024 * 1024 + unit.len());
    while text.len() < 5 * 1024 * 1024 {
        text.push_str(unit);
    }
    let out = read_file("long.txt", text.as_bytes());
    assert!(out.refusal.is_none());
    let doc = &out.documents[0];
    assert!(doc.text.len() > 5_000_000);
    assert!(doc.text.contains("<script>window.__pwned=1</script>"));
    assert_offsets_valid(doc);
}

#[test]
fn hostile_generated_hundred_thousand_documents() {
    // The full 100,000 in optimized builds; a tenth in debug builds, where the parser is ~30×
    // slower, so the default test run stays quick (the shape of the input is the same).
    let n: usize = if cfg!(debug_assertions) {
        10_000
    } else {
        100_000
    };
    let records: Vec<serde_json::Value> = (1..=n)
        .map(|n| {
            serde_json::json!({
                "text": format!("Document {n} mentions Georgia and Armenia <img src=x onerror=window.__pwned=1>.")
            })
        })
        .collect();
    let json = serde_json::to_vec(&records).unwrap();
    let report = read_files(vec![("many.json".into(), json)]);
    assert_eq!(report.summary.imported, n);
    assert_eq!(report.summary.skipped, 0);
    let last = report.documents.last().unwrap();
    assert_eq!(last.id, format!("many-s{n}"));
    assert!(last.text.contains("<img src=x onerror=window.__pwned=1>"));
}

/// A dropped `.txt` file gives exactly the documents of the build-time parser, bulletins split
/// into the same sections.
#[test]
fn text_import_is_the_build_time_parse() {
    let mut total = 0;
    for (name, bytes) in SEEDS {
        let imported = read_file(name, bytes).documents;
        let built: Vec<_> = parse_file(name, bytes)
            .into_iter()
            .filter(|d| !d.text.trim().is_empty())
            .collect();
        assert_eq!(imported, built, "{name}");
        total += imported.len();
    }
    assert!(
        total > SEEDS.len(),
        "a seed bulletin is split into sections"
    );
}
