//! Throughput of figure extraction alone (MB/s of document text), on two synthetic inputs:
//! the seed articles repeated into one document of about 4 MB (ordinary prose, where the scanner
//! mostly skips), and a figure-dense text of about 4 MB where nearly every sentence holds money,
//! percentages, ranges, counts, dates and years (the scanner's worst case). Each benchmark checks
//! the number of figures it finds, so a broken fast path cannot pass for a win.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use entente_core::model::{Document, Sentence};
use entente_core::{figures, parse};
use std::hint::black_box;

const TARGET_BYTES: usize = 4_000_000;

/// The parsed seed documents.
fn seed_documents() -> Vec<Document> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("seeds folder")
        .filter_map(|e| e.ok())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    parse::parse_corpus("seeds", files).documents
}

/// One document made of `parts` repeated until it reaches `TARGET_BYTES`, sentences included.
fn repeated(parts: &[Document]) -> (Document, usize) {
    let mut doc = Document::default();
    let mut reps = 0;
    while doc.text.len() < TARGET_BYTES {
        for p in parts {
            let offset = doc.text.len() as u32;
            doc.text.push_str(&p.text);
            doc.text.push_str("\n\n");
            doc.sentences.extend(p.sentences.iter().map(|s| Sentence {
                start: s.start + offset,
                end: s.end + offset,
                paragraph: 0,
            }));
        }
        reps += 1;
    }
    (doc, reps)
}

/// A figure-dense paragraph: every sentence carries figures and look-alikes.
const DENSE: &str = "Trade grew from $13.28 million in 2020 to over $100 million in 2023, \
and about 80 to 90 percent of it was energy. On July 3, 2024, the two countries signed deals \
worth €1.2 bn ($1.3 billion) for 230 to 240 megawatts and a one-gigawatt plant. More than 30 \
countries bought 36 howitzers and 12-26% more drones; 375 companies operate, with 298 of them \
active. The 99-year lease covers 86,600 square kilometres, 9.4 bcm of gas and up to 700,000 tons \
of LNG. COP29, the G20 and Section 907 were discussed at 20:20 for nearly three decades.";

fn dense_document() -> Document {
    let mut text = String::new();
    while text.len() < TARGET_BYTES {
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

fn bench(c: &mut Criterion) {
    let seeds = seed_documents();
    let per_rep: usize = seeds.iter().map(|d| figures::extract(d, &[]).len()).sum();
    let (prose, reps) = repeated(&seeds);
    let dense = dense_document();
    let dense_per_rep = figures::extract(
        &Document {
            text: DENSE.to_string(),
            ..Document::default()
        },
        &[],
    )
    .len();
    let dense_reps = dense.text.matches("Trade grew").count();
    eprintln!(
        "prose: {:.1} MB, {} figures; dense: {:.1} MB, {} figures",
        prose.text.len() as f64 / 1e6,
        per_rep * reps,
        dense.text.len() as f64 / 1e6,
        dense_per_rep * dense_reps
    );

    let mut g = c.benchmark_group("figures");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(prose.text.len() as u64));
    g.bench_function("seed_prose", |b| {
        b.iter(|| {
            let n = figures::extract(black_box(&prose), &[]).len();
            assert_eq!(n, per_rep * reps);
            n
        })
    });
    g.throughput(Throughput::Bytes(dense.text.len() as u64));
    g.bench_function("figure_dense", |b| {
        b.iter(|| {
            let n = figures::extract(black_box(&dense), &[]).len();
            assert_eq!(n, dense_per_rep * dense_reps);
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
