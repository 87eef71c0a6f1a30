//! Throughput of figure extraction alone (MB/s of document text) on about 4 MB of synthetic
//! input in three shapes:
//! - `seed_docs`: the parsed seed articles repeated as separate documents (ordinary prose, the
//!   way the app and the CLI call the extractor: one article at a time);
//! - `seed_one_document`: the same text as a single 4 MB document;
//! - `dense_docs`: 8 KB documents where nearly every sentence holds money, percentages, ranges,
//!   counts, dates, years and names with numbers (about one figure every 30 bytes: the worst
//!   case for the scanner, which works only near digits and number words).
//!
//! Each benchmark checks the number of figures it finds, so a broken fast path cannot pass for
//! a win.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use entente_core::figures;
use entente_core::model::{Document, Sentence};
use std::hint::black_box;

const TARGET_BYTES: usize = 4_000_000;

#[path = "../tests/common/mod.rs"]
mod common;
use common::seed_documents;

/// `parts` repeated until their text reaches `TARGET_BYTES`.
fn repeated(parts: &[Document]) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut bytes = 0;
    while bytes < TARGET_BYTES {
        for p in parts {
            bytes += p.text.len();
            docs.push(p.clone());
        }
    }
    docs
}

/// All of `docs` as one document, sentences included.
fn concatenated(docs: &[Document]) -> Document {
    let mut doc = Document::default();
    for p in docs {
        let offset = doc.text.len() as u32;
        doc.text.push_str(&p.text);
        doc.text.push_str("\n\n");
        doc.sentences.extend(p.sentences.iter().map(|s| Sentence {
            start: s.start + offset,
            end: s.end + offset,
            paragraph: 0,
        }));
    }
    doc
}

/// A figure-dense paragraph: every sentence carries figures and look-alikes.
const DENSE: &str = "Trade grew from $13.28 million in 2020 to over $100 million in 2023, \
and about 80 to 90 percent of it was energy. On July 3, 2024, the two countries signed deals \
worth €1.2 bn ($1.3 billion) for 230 to 240 megawatts and a one-gigawatt plant. More than 30 \
countries bought 36 howitzers and 12-26% more drones; 375 companies operate, with 298 of them \
active. The 99-year lease covers 86,600 square kilometres, 9.4 bcm of gas and up to 700,000 tons \
of LNG. COP29, the G20 and Section 907 were discussed at 20:20 for nearly three decades.";

/// An 8 KB document of dense paragraphs, with its sentences.
fn dense_document() -> Document {
    let mut text = String::new();
    while text.len() < 8_000 {
        text.push_str(DENSE);
        text.push_str("\n\n");
    }
    let mut sentences = Vec::new();
    let mut start = 0usize;
    for (i, _) in text.match_indices(". ") {
        sentences.push(Sentence {
            start: start as u32,
            end: (i + 1) as u32,
            paragraph: 0,
        });
        start = i + 2;
    }
    Document {
        text,
        sentences,
        ..Document::default()
    }
}

fn count(docs: &[Document]) -> usize {
    docs.iter()
        .map(|d| figures::extract(black_box(d), &[]).len())
        .sum()
}

fn bench(c: &mut Criterion) {
    let seed_docs = repeated(&seed_documents());
    let one = concatenated(&seed_docs);
    let dense_docs = repeated(&[dense_document()]);
    let bytes = |docs: &[Document]| docs.iter().map(|d| d.text.len()).sum::<usize>();
    let (n_seed, n_one, n_dense) = (
        count(&seed_docs),
        count(std::slice::from_ref(&one)),
        count(&dense_docs),
    );
    eprintln!(
        "seed_docs: {} documents, {:.1} MB, {n_seed} figures; dense_docs: {} documents, {:.1} MB, {n_dense} figures",
        seed_docs.len(),
        bytes(&seed_docs) as f64 / 1e6,
        dense_docs.len(),
        bytes(&dense_docs) as f64 / 1e6,
    );
    // The seed set: 36 expected figures per copy, plus the optional ones the extractor reports
    // (exactly as tests/figures_seeds.rs checks).
    assert!(n_seed > 0 && n_seed == n_one);

    let mut g = c.benchmark_group("figures");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(bytes(&seed_docs) as u64));
    g.bench_function("seed_docs", |b| {
        b.iter(|| {
            let n = count(&seed_docs);
            assert_eq!(n, n_seed);
            n
        })
    });
    g.throughput(Throughput::Bytes(one.text.len() as u64));
    g.bench_function("seed_one_document", |b| {
        b.iter(|| {
            let n = figures::extract(black_box(&one), &[]).len();
            assert_eq!(n, n_one);
            n
        })
    });
    g.throughput(Throughput::Bytes(bytes(&dense_docs) as u64));
    g.bench_function("dense_docs", |b| {
        b.iter(|| {
            let n = count(&dense_docs);
            assert_eq!(n, n_dense);
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
