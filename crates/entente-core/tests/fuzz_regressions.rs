//! Regression tests for the crashes the fuzzers found, one named test per finding. Each input is
//! the fuzzer's, kept in `fuzz/regressions/<target>-<name>.bin` (its first byte is the import
//! target's format selector: 0 HTML, 1 JSON, 2 CSV, 3 text).

use entente_core::import::read_file;

const NAMES: [&str; 4] = ["fuzz.html", "fuzz.json", "fuzz.csv", "fuzz.txt"];

/// Runs an `import` fuzz input and checks what the fuzz target checks for offsets.
fn import_input(input: &[u8]) -> Vec<entente_core::Document> {
    let (first, bytes) = input.split_first().expect("non-empty input");
    let out = read_file(NAMES[usize::from(*first) % 4], bytes);
    for doc in &out.documents {
        for s in &doc.sentences {
            let p = doc.paragraphs[s.paragraph as usize];
            assert!(
                p.start <= s.start && s.end <= p.end,
                "sentence {s:?} outside its paragraph {p:?}"
            );
            assert!(doc.text.get(s.range()).is_some());
        }
    }
    out.documents
}

/// Found by `import` (2026-11-23): an `entente extract --json` record whose sentence lay outside
/// the paragraph it named was rebuilt as is. Such a record is now parsed again instead.
#[test]
fn import_extract_sentence_outside_paragraph() {
    let docs = import_input(include_bytes!(
        "../../../fuzz/regressions/import-extract-sentence-outside-paragraph.bin"
    ));
    assert_eq!(docs.len(), 2);
}

/// Found by `import` (2026-11-23), in a change of this session before it reached main: the link
/// rule (`text::web_link`) began to trim the spaces around a URL, but the importer kept the
/// untrimmed value (`" https://…"`), which is no web address. The importer now keeps the link
/// as the rule returns it.
#[test]
fn import_url_with_surrounding_space() {
    let docs = import_input(include_bytes!(
        "../../../fuzz/regressions/import-url-with-surrounding-space.bin"
    ));
    assert!(!docs.is_empty());
    for doc in &docs {
        if let Some(url) = &doc.url {
            assert_eq!(url.value, url.value.trim(), "{:?}", url.value);
            assert!(url.value.starts_with("https://"), "{:?}", url.value);
        }
    }
}
