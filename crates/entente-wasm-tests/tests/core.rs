//! The core on wasm32: parse the seeds, run every analyser, and round-trip the binary format.
//! Run with `cargo xtask test` (or `cargo test -p entente-wasm-tests --target
//! wasm32-unknown-unknown` with `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner`).
#![cfg(target_arch = "wasm32")]

use entente_core::{analyze, format, parse};
use wasm_bindgen_test::wasm_bindgen_test;

/// The seed files, embedded so the test needs no file system.
const SEEDS: [(&str, &[u8]); 5] = [
    (
        "000_7f270fc2152f3a1b.txt",
        include_bytes!("../../../seeds/000_7f270fc2152f3a1b.txt"),
    ),
    (
        "001_fff5bee5aa7f1e0f.txt",
        include_bytes!("../../../seeds/001_fff5bee5aa7f1e0f.txt"),
    ),
    (
        "002_40c5e84d12538c1d.txt",
        include_bytes!("../../../seeds/002_40c5e84d12538c1d.txt"),
    ),
    (
        "003_97d7f0275bbc7544.txt",
        include_bytes!("../../../seeds/003_97d7f0275bbc7544.txt"),
    ),
    (
        "004_2208a95f7e68815d.txt",
        include_bytes!("../../../seeds/004_2208a95f7e68815d.txt"),
    ),
];

fn seed_corpus() -> entente_core::Corpus {
    parse::parse_corpus(
        "Seed corpus",
        SEEDS
            .iter()
            .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
            .collect(),
    )
}

#[wasm_bindgen_test]
fn parses_every_seed_into_documents() {
    let corpus = seed_corpus();
    assert!(corpus.documents.len() >= SEEDS.len());
    for (name, _) in SEEDS {
        assert!(
            corpus.documents.iter().any(|d| d.source_file == name),
            "{name} yields a document"
        );
    }
    assert!(corpus.documents.iter().all(|d| !d.text.is_empty()));
}

#[wasm_bindgen_test]
fn analyses_every_seed_without_panicking() {
    for doc in &seed_corpus().documents {
        let _ = analyze(doc);
    }
}

#[wasm_bindgen_test]
fn the_binary_format_round_trips() {
    let analysed = entente_core::Analysed::new(seed_corpus());
    assert_eq!(
        format::decode(&format::encode(&analysed)).unwrap(),
        analysed
    );
}

#[wasm_bindgen_test]
fn parsing_never_fails_on_hostile_bytes() {
    for bytes in [
        &b""[..],
        b"\xff\xfe\x00",
        b"\n\n\n",
        "\u{202e}bidi\u{200b}".as_bytes(),
    ] {
        let _ = parse::parse_file("x.txt", bytes);
    }
}
