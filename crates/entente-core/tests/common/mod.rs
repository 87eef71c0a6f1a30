//! The seed corpus for tests and benchmarks, shared by every target of the core and by the wasm
//! smoke tests (each target uses part of it, hence the `dead_code` allowance). The files are
//! embedded with `include_bytes!`, so the same helpers work where there is no file system.
//! [`shared_eval`] reads the shared reference annotation beside the repository, natively.
#![allow(dead_code)]

use entente_core::{parse, Corpus, Document};

/// The seed files, byte for byte.
pub const SEEDS: [(&str, &[u8]); 5] = [
    (
        "000_7f270fc2152f3a1b.txt",
        include_bytes!("../../../../seeds/000_7f270fc2152f3a1b.txt"),
    ),
    (
        "001_fff5bee5aa7f1e0f.txt",
        include_bytes!("../../../../seeds/001_fff5bee5aa7f1e0f.txt"),
    ),
    (
        "002_40c5e84d12538c1d.txt",
        include_bytes!("../../../../seeds/002_40c5e84d12538c1d.txt"),
    ),
    (
        "003_97d7f0275bbc7544.txt",
        include_bytes!("../../../../seeds/003_97d7f0275bbc7544.txt"),
    ),
    (
        "004_2208a95f7e68815d.txt",
        include_bytes!("../../../../seeds/004_2208a95f7e68815d.txt"),
    ),
];

/// The seed files as `(name, bytes)` pairs, for `parse_corpus`.
pub fn seed_files() -> Vec<(String, Vec<u8>)> {
    SEEDS
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect()
}

/// The parsed seed corpus (8 documents: four articles and a bulletin of four).
pub fn seed_corpus() -> Corpus {
    parse::parse_corpus("seeds", seed_files())
}

/// The parsed seed documents (8: four articles and a bulletin of four).
pub fn seed_documents() -> Vec<Document> {
    seed_corpus().documents
}

/// The shared evaluation folder (`shared/eval/` beside the repository, or `ENTENTE_SHARED_EVAL`).
pub fn shared_eval_dir() -> std::path::PathBuf {
    #[allow(clippy::disallowed_methods)] // a test's setting, read natively
    let chosen = std::env::var_os("ENTENTE_SHARED_EVAL");
    match chosen {
        Some(dir) => dir.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval"),
    }
}

/// The text of `file` in the shared evaluation folder ([`shared_eval_dir`]).
///
/// # Panics
/// When the file cannot be read: a test that scores against the reference annotation must fail,
/// not pass without checking, where the annotation is missing.
pub fn shared_eval(file: &str) -> String {
    let path = shared_eval_dir().join(file);
    #[allow(clippy::disallowed_methods)] // the reference annotation, read natively
    let text = std::fs::read_to_string(&path);
    text.unwrap_or_else(|e| {
        panic!(
            "{} could not be read ({e}): this test scores the seeds against the shared reference \
             annotation, which lives in shared/eval/ beside the repository; put it there or name \
             its folder in ENTENTE_SHARED_EVAL",
            path.display()
        )
    })
}
