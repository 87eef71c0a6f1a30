//! Invariant checks shared by the fuzz targets and the core's wasm smoke tests
//! (`crates/entente-wasm-tests` includes this file): every offset the core hands out must lie
//! inside the text, on character boundaries, in order, and the URL codec must round-trip. A
//! violated invariant panics, which libFuzzer reports as a crash with the input that caused it.

use entente_core::explore::state::ViewState;
use entente_core::import::FileOutcome;
use entente_core::{Analysis, Document};

/// Decodes `query` as a view URL, then checks the round trip: encoding the state and decoding it
/// again gives the same state without any notice, and encoding is stable.
pub fn check_url_round_trip(query: &str) {
    let (state, _notices) = ViewState::from_query(query);
    let encoded = state.to_query();
    let (again, notices) = ViewState::from_query(&encoded);
    assert_eq!(
        again, state,
        "round trip changed the state; query {encoded:?}"
    );
    assert!(
        notices.is_empty(),
        "re-decoding {encoded:?} gave notices {notices:?}"
    );
    assert_eq!(again.to_query(), encoded, "encoding is not stable");
}

/// Panics unless `start..end` is a valid, character-aligned range of `text`.
pub fn check_range(what: &str, text: &str, start: u32, end: u32) {
    let (s, e) = (start as usize, end as usize);
    assert!(s <= e, "{what}: start {s} > end {e}");
    assert!(
        e <= text.len(),
        "{what}: end {e} past the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(s),
        "{what}: start {s} not on a char boundary"
    );
    assert!(
        text.is_char_boundary(e),
        "{what}: end {e} not on a char boundary"
    );
}

/// Checks a parsed document: paragraphs and sentences valid, ordered, and each sentence inside
/// the paragraph it names; the accessors the UI calls do not panic.
pub fn check_document(doc: &Document) {
    assert!(!doc.id.is_empty(), "empty id");
    let text = &doc.text;
    let mut prev = 0;
    for (i, p) in doc.paragraphs.iter().enumerate() {
        check_range(&format!("paragraph {i}"), text, p.start, p.end);
        assert!(p.start >= prev, "paragraph {i} overlaps the one before");
        prev = p.end;
    }
    let mut prev = 0;
    for (i, s) in doc.sentences.iter().enumerate() {
        check_range(&format!("sentence {i}"), text, s.start, s.end);
        assert!(s.start >= prev, "sentence {i} overlaps the one before");
        prev = s.end;
        let p = doc
            .paragraphs
            .get(s.paragraph as usize)
            .unwrap_or_else(|| panic!("sentence {i} names missing paragraph {}", s.paragraph));
        assert!(
            p.start <= s.start && s.end <= p.end,
            "sentence {i} ({}..{}) outside its paragraph ({}..{})",
            s.start,
            s.end,
            p.start,
            p.end
        );
        let _ = doc.sentence_text(i);
        let _ = doc.sentence_at(s.start);
    }
    let _ = doc.display_title();
}

/// Checks an analysis against its document: every span valid, every sentence index real.
pub fn check_analysis(doc: &Document, a: &Analysis) {
    let text = &doc.text;
    let n = doc.sentences.len() as u32;
    // A span of the text in a sentence of the document.
    let check_in_sentence = |what: &str, start: u32, end: u32, sentence: u32| {
        check_range(what, text, start, end);
        assert!(sentence < n, "{what} in sentence {sentence} of {n}");
    };
    for m in &a.countries {
        check_in_sentence("country mention", m.start, m.end, m.sentence);
    }
    for r in &a.rejected {
        check_range("rejected candidate", text, r.start, r.end);
    }
    for o in &a.organizations {
        check_in_sentence("organization", o.start, o.end, o.sentence);
    }
    for f in &a.figures {
        check_in_sentence("figure", f.start, f.end, f.sentence);
        for v in [f.value, f.min, f.max].into_iter().flatten() {
            assert!(!v.is_nan(), "figure value is NaN");
        }
    }
    for r in &a.relations {
        check_in_sentence("relation", r.start, r.end, r.sentence);
    }
}

/// Checks what an import reader gave for a file called `name`.
pub fn check_outcome(name: &str, out: &FileOutcome) {
    match &out.refusal {
        Some(r) => {
            assert!(out.documents.is_empty(), "refused file with documents");
            assert!(
                r.message.starts_with(name),
                "refusal does not name the file: {}",
                r.message
            );
        }
        None => assert!(!out.documents.is_empty(), "accepted file without documents"),
    }
    for doc in &out.documents {
        check_document(doc);
        assert!(
            doc.text.chars().any(|c| !c.is_whitespace()),
            "imported document without text"
        );
        if let Some(u) = &doc.url {
            let lower = u.value.to_ascii_lowercase();
            assert!(
                lower.starts_with("http://") || lower.starts_with("https://"),
                "unsafe url kept: {:?}",
                u.value
            );
        }
    }
}
