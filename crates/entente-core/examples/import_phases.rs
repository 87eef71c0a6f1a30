//! Times each phase of an import natively, on a folder of articles (the browser benchmark's
//! generated corpus, say): reading, analysis, encoding at several DEFLATE levels, decoding,
//! indexing for search and facets, and the matrix's pair index. It shows where an import's
//! seconds go before any browser is involved.
//!
//! `cargo run --release -p entente-core --example import_phases -- target/bench/corpus-2000`

// A native tool, not the core: it reads a folder and times phases with the clock.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use entente_core::explore::Explorer;
use entente_core::relations::matrix::{PairIndex, PairIndexBuilder};
use entente_core::{codec, Analysed};
use std::time::Instant;

fn time<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    println!("{label:<28} {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    out
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench/corpus-2000".into());
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into();
        files.push((name, std::fs::read(&path)?));
    }
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    println!("{} files, {:.1} MB", files.len(), bytes as f64 / 1e6);
    let report = time("read (parse)", || entente_core::import::read_files(files));
    let corpus = entente_core::model::Corpus {
        name: "import".into(),
        documents: report.documents,
    };
    let analysed = time("analyse", || Analysed::new(corpus));
    let payload = time("serialize (postcard)", || {
        postcard::to_allocvec(&analysed).unwrap_or_default()
    });
    time("deflate level 1 alone", || {
        miniz_oxide::deflate::compress_to_vec(&payload, 1)
    });
    let mut encoded = Vec::new();
    for level in [0u8, 1, 3, 6] {
        encoded = time(&format!("encode (level {level})"), || {
            codec::encode_with_level(&analysed, level)
        });
        println!("{:<28} {:>8.1} KB", "  size", encoded.len() as f64 / 1e3);
    }
    // How the stored bytes split between the documents and their analyses.
    for (part, payload) in [
        (
            "documents",
            postcard::to_allocvec(&analysed.corpus).unwrap_or_default(),
        ),
        (
            "analyses",
            postcard::to_allocvec(&analysed.analyses).unwrap_or_default(),
        ),
    ] {
        let deflated = miniz_oxide::deflate::compress_to_vec(&payload, 6);
        println!(
            "{:<28} {:>8.1} KB raw, {:.1} KB deflated",
            part,
            payload.len() as f64 / 1e3,
            deflated.len() as f64 / 1e3
        );
    }
    let decoded = time("decode (level 6)", || {
        codec::decode(&encoded).expect("decodes")
    });
    let explorer = time("explorer (search, facets)", || {
        Explorer::from_analysed(decoded)
    });
    let pairs = time("pair index", || {
        PairIndex::build(explorer.corpus.documents.iter().zip(&explorer.analyses))
    });
    let builder = time("  of which adding documents", || {
        let mut b = PairIndexBuilder::new(false);
        for (doc, analysis) in explorer.corpus.documents.iter().zip(&explorer.analyses) {
            b.add(doc, analysis);
        }
        b
    });
    time("  of which finishing", || builder.finish());
    println!(
        "{} documents, {} entities",
        explorer.len(),
        pairs.entities().len()
    );
    Ok(())
}
