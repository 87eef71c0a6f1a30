//! The seed corpus for tests and benchmarks, shared by every target of the core (each target uses
//! part of it, hence the `dead_code` allowance). The files are embedded with `include_bytes!`, so
//! the same helpers work where there is no file system.
#![allow(dead_code)]

use entente_core::{parse, Document};

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

/// The parsed seed documents (8: four articles and a bulletin of four).
pub fn seed_documents() -> Vec<Document> {
    parse::parse_corpus("seeds", seed_files()).documents
}
