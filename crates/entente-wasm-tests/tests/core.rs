//! The core on wasm32: parse the seeds, run every analyser, round-trip the binary format and the
//! URL codec, and check on each result the invariants the fuzz targets check natively (spans
//! inside the text on character boundaries, in order; sentence indices real; no NaN values).
//! Run with `cargo xtask test` (or `cargo test -p entente-wasm-tests --target
//! wasm32-unknown-unknown` with `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner`).
#![cfg(target_arch = "wasm32")]

use entente_core::{analyze, codec, parse};
use wasm_bindgen_test::wasm_bindgen_test;

// The seed files, as every test target of the core has them.
#[path = "../../entente-core/tests/common/mod.rs"]
mod common;
use common::SEEDS;

// The fuzz targets' invariant checks: one owner, two engines.
#[path = "../../../fuzz/src/lib.rs"]
mod invariants;

#[wasm_bindgen_test]
fn parses_every_seed_into_valid_documents() {
    let corpus = common::seed_corpus();
    assert!(corpus.documents.len() >= SEEDS.len());
    for (name, _) in SEEDS {
        assert!(
            corpus.documents.iter().any(|d| d.source_file == name),
            "{name} yields a document"
        );
    }
    for doc in &corpus.documents {
        assert!(!doc.text.is_empty());
        invariants::check_document(doc);
    }
}

#[wasm_bindgen_test]
fn analyses_every_seed_within_its_text() {
    let mut found = (0, 0, 0);
    for doc in &common::seed_corpus().documents {
        let analysis = analyze(doc);
        invariants::check_analysis(doc, &analysis);
        found.0 += analysis.countries.len();
        found.1 += analysis.figures.len();
        found.2 += analysis.relations.len();
    }
    // The analysers ran, not only returned: the seeds name countries, figures and relations.
    assert!(found.0 > 0 && found.1 > 0 && found.2 > 0, "{found:?}");
}

#[wasm_bindgen_test]
fn the_binary_format_round_trips() {
    let analysed = entente_core::Analysed::new(common::seed_corpus());
    assert_eq!(codec::decode(&codec::encode(&analysed)).unwrap(), analysed);
}

#[wasm_bindgen_test]
fn the_url_codec_round_trips() {
    for query in [
        "",
        "q=azerbaijan+%22gas+deal%22&c=AZ,PK&cm=all&v=matrix",
        "mw=paragraph&mg=1&cell=AZ-org.EU&mn=all&mo=cluster",
        "p=az-tr&from=2024-07&to=--02-25&fk=money&fs=value",
        "c=ZZ&%FF=%&v=nope&mn=99999&cell=org.EU-org.EU",
    ] {
        invariants::check_url_round_trip(query);
    }
}

#[wasm_bindgen_test]
fn hostile_bytes_give_valid_documents() {
    for bytes in [
        &b""[..],
        b"\xff\xfe\x00",
        b"\n\n\n",
        "\u{202e}bidi\u{200b}".as_bytes(),
        b"Caf\xE9 talks. \xFF\xFE Azerbaijan and Turkey agreed $3 bn.",
    ] {
        for doc in parse::parse_file("x.txt", bytes) {
            invariants::check_document(&doc);
            invariants::check_analysis(&doc, &analyze(&doc));
        }
    }
}

#[wasm_bindgen_test]
fn imports_each_format_into_valid_documents() {
    let files: [(&str, &[u8]); 5] = [
        ("a.html", b"<html><head><title>Talks</title></head><body><article><h1>Baku and Ankara</h1><p>Azerbaijan and Turkey signed a $3 billion deal.</p></article></body></html>"),
        ("b.json", br#"[{"title": "Gas", "date": "2024-07-03", "url": "javascript:alert(1)", "text": "Georgia and Armenia met."}]"#),
        ("c.csv", b"title,text\nTrade,\"Pakistan and China, again.\"\n"),
        ("d.txt", SEEDS[1].1),
        ("e.json", b"{not json"),
    ];
    let mut documents = 0;
    for (name, bytes) in files {
        let outcome = entente_core::import::read_file(name, bytes);
        invariants::check_outcome(name, &outcome);
        documents += outcome.documents.len();
    }
    assert!(documents >= 4, "{documents} documents");
}
