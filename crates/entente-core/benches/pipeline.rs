//! Benchmarks of the whole core on a synthetic corpus of 10,000 articles recombined from the
//! seeds: parse and extraction throughput (MB/s), index build, a search query, a facet filter and
//! the relation matrix. Each benchmark checks its result first, so a broken fast path cannot pass
//! for a win.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use entente_core::explore::state::{Action, ViewState};
use entente_core::explore::Explorer;
use entente_core::model::{Corpus, CountryCode};
use entente_core::{analyze, parse, synth};
use std::hint::black_box;

const DOCS: usize = 10_000;

#[path = "../tests/common/mod.rs"]
mod common;
use common::seed_documents;

fn synthetic_files(n: usize) -> Vec<(String, Vec<u8>)> {
    let pool = synth::Pool::new(&seed_documents());
    synth::generate(&pool, n, 42)
        .into_iter()
        .map(|(n, t)| (n, t.into_bytes()))
        .collect()
}

fn bench(c: &mut Criterion) {
    let files = synthetic_files(DOCS);
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    let corpus: Corpus = parse::parse_corpus("synthetic", files.clone());
    assert!(corpus.documents.len() >= DOCS, "bulletins add documents");
    let text_bytes: usize = corpus.documents.iter().map(|d| d.text.len()).sum();
    eprintln!(
        "corpus: {DOCS} files, {:.1} MB raw, {} documents",
        bytes as f64 / 1e6,
        corpus.documents.len()
    );

    let mut g = c.benchmark_group("throughput");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("parse", |b| {
        b.iter(|| {
            let n: usize = files
                .iter()
                .map(|(name, bytes)| parse::parse_file(name, bytes).len())
                .sum();
            assert!(n >= DOCS);
            n
        })
    });
    g.throughput(Throughput::Bytes(text_bytes as u64));
    g.bench_function("extract", |b| {
        b.iter(|| {
            corpus
                .documents
                .iter()
                .map(|d| analyze(black_box(d)).figures.len())
                .sum::<usize>()
        })
    });
    g.finish();

    let analyses: Vec<_> = corpus.documents.iter().map(analyze).collect();
    let mut g = c.benchmark_group("explore");
    g.sample_size(10);
    g.bench_function("index_build", |b| {
        b.iter(|| Explorer::with_analyses(corpus.clone(), analyses.clone()).len())
    });
    let explorer = Explorer::with_analyses(corpus.clone(), analyses.clone());
    g.sample_size(30);
    for q in [
        "energy",
        "azerbaijan pakistan",
        "\"peace agreement\" -armenia",
        "tra",
    ] {
        let state = ViewState::default().reduce(Action::SetQuery(q.into()));
        assert!(
            !explorer.filter(&state).docs.is_empty(),
            "query {q:?} finds something"
        );
        g.bench_with_input(BenchmarkId::new("search", q), &state, |b, s| {
            b.iter(|| explorer.filter(s).docs.len())
        });
    }
    let az = CountryCode::new("AZ").unwrap();
    let facet = ViewState::default()
        .reduce(Action::ToggleTopic(entente_core::model::Topic::Energy))
        .reduce(Action::ToggleCountry(az));
    g.bench_function("facet_filter", |b| {
        b.iter(|| explorer.filter(&facet).docs.len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
