//! Parse throughput (MB/s) on large inputs made from the seeds: the five seed files parsed over and
//! over (realistic per-file costs: header zone, boilerplate, a bulletin split), one long article
//! (a seed's body repeated into a 5 MB file of many paragraphs), and a 5 MB single line. Each
//! benchmark checks its result, so a broken fast path cannot pass for a win.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use entente_core::parse::parse_file;
use std::hint::black_box;

#[path = "../tests/common/mod.rs"]
mod common;
use common::SEEDS;

/// About 5 MB of `unit` repeated.
fn repeat_to_5mb(unit: &[u8]) -> Vec<u8> {
    unit.repeat(5_000_000 / unit.len() + 1)
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    g.sample_size(10);

    // The seed files, each parsed as a file: 100 rounds of the five (about 6 MB).
    const ROUNDS: usize = 100;
    let seed_bytes: usize = SEEDS.iter().map(|(_, b)| b.len()).sum::<usize>() * ROUNDS;
    g.throughput(Throughput::Bytes(seed_bytes as u64));
    g.bench_function("seed_files", |b| {
        b.iter(|| {
            let mut documents = 0;
            for _ in 0..ROUNDS {
                for (name, bytes) in SEEDS {
                    documents += parse_file(name, black_box(bytes)).len();
                }
            }
            assert_eq!(documents, 8 * ROUNDS);
            documents
        })
    });

    // One long article: the body of seed 002 (from its first paragraph) repeated.
    let seed = SEEDS[2].1;
    let body_start = seed
        .windows(2)
        .position(|w| w == b"\n\n")
        .expect("a blank line")
        + 2;
    let mut article = b"A long article assembled from a seed\n\n".to_vec();
    article.extend(repeat_to_5mb(&seed[body_start..]));
    let want = parse_file("long.txt", &article);
    assert!(want[0].paragraphs.len() > 10_000);
    let n_sentences = want[0].sentences.len();
    g.throughput(Throughput::Bytes(article.len() as u64));
    g.bench_function("long_article_5mb", |b| {
        b.iter(|| {
            let docs = parse_file("long.txt", black_box(&article));
            assert_eq!(docs[0].sentences.len(), n_sentences);
            docs.len()
        })
    });

    // A 5 MB single line of prose.
    let line = repeat_to_5mb(
        b"Azerbaijan and the U.S. signed 20.7 percent more deals with Mr. Smith, officials said. ",
    );
    let n_sentences = parse_file("line.txt", &line)[0].sentences.len();
    assert!(n_sentences > 50_000);
    g.throughput(Throughput::Bytes(line.len() as u64));
    g.bench_function("single_line_5mb", |b| {
        b.iter(|| {
            let docs = parse_file("line.txt", black_box(&line));
            assert_eq!(docs[0].sentences.len(), n_sentences);
            docs.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
