//! Benchmarks of the relation analysers and the matrix: the throughput of the gazetteer, the
//! organization matcher, the topic classifier and relation extraction over the seed documents
//! (MB/s of document text), and the matrix over 10,000 documents (the seeds repeated) and over the
//! dense generated corpus of the browser benchmark (2,000 articles from `synth`, seed 7, as
//! `cargo xtask bench` generates them), which must recompute in at most 10 ms. Each benchmark
//! checks its result first, so a broken fast path cannot pass for a win.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use entente_core::model::{Topic, TopicSet};
use entente_core::relations::matrix::{MatrixQuery, PairIndex, Window};
use entente_core::{
    analyze, gazetteer, organizations, parse, relations, synth, topics, Analysis, Document,
};
use std::hint::black_box;

const DOCS: usize = 10_000;
/// Articles of the dense corpus, and the generator's seed: those of `cargo xtask bench`.
const DENSE_ARTICLES: usize = 2_000;
const DENSE_SEED: u64 = 7;

#[path = "../tests/common/mod.rs"]
mod common;
use common::seed_documents;

fn bench(c: &mut Criterion) {
    let docs = seed_documents();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let expected_mentions: usize = docs.iter().map(|d| gazetteer::scan(d).mentions.len()).sum();
    let expected_relations: usize = docs.iter().map(|d| analyze(d).relations.len()).sum();
    assert!(expected_mentions > 200 && expected_relations > 100);

    let mut g = c.benchmark_group("analysers");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("gazetteer", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|d| gazetteer::scan(black_box(d)).mentions.len())
                .sum();
            assert_eq!(n, expected_mentions);
            n
        })
    });
    g.bench_function("organizations", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| organizations::scan(black_box(d)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("topics", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| topics::classify(black_box(d)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("all_four", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|d| {
                    let scan = gazetteer::scan(black_box(d));
                    let orgs = organizations::scan(d);
                    let t = topics::classify(d);
                    black_box(orgs.len());
                    relations::extract(d, &scan.mentions, &t).len()
                })
                .sum();
            assert_eq!(n, expected_relations);
            n
        })
    });
    // What `analyze` runs: the four over one cut of the text into words.
    g.bench_function("all_four_shared_lexing", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|d| relations::analyze_document(black_box(d)).relations.len())
                .sum();
            assert_eq!(n, expected_relations);
            n
        })
    });
    g.finish();

    // 10,000 documents: the seeds' analyses repeated.
    let analyses: Vec<Analysis> = docs.iter().map(analyze).collect();
    let corpus: Vec<(&Document, &Analysis)> = (0..DOCS)
        .map(|i| (&docs[i % docs.len()], &analyses[i % docs.len()]))
        .collect();
    let index = PairIndex::build_with_organizations(corpus.iter().copied());
    assert_eq!(index.n_documents(), DOCS);
    let pairs_per_round: usize = analyses
        .iter()
        .map(|a| a.relations.iter().map(|r| r.pairs.len()).sum::<usize>())
        .sum();
    let rounds = DOCS / docs.len();
    let half: Vec<u32> = (0..DOCS as u32).step_by(2).collect();
    let mut diplomacy = TopicSet::default();
    diplomacy.insert(Topic::Diplomacy);

    let mut g = c.benchmark_group("matrix_10k_documents");
    g.bench_function("build_index", |b| {
        b.iter(|| PairIndex::build(corpus.iter().copied()).n_documents())
    });
    g.bench_function("build_index_with_organizations", |b| {
        b.iter(|| {
            let i = PairIndex::build_with_organizations(corpus.iter().copied());
            assert!(i.entities().iter().any(|e| e.is_org()));
            i.n_documents()
        })
    });
    for window in Window::ALL {
        g.bench_function(window.id(), |b| {
            b.iter(|| {
                let m = index.matrix(&MatrixQuery {
                    window,
                    ..Default::default()
                });
                if window == Window::Sentence {
                    assert_eq!(m.total() as usize, pairs_per_round * rounds);
                }
                assert!(!m.cells.is_empty());
                m.cells.len()
            })
        });
    }
    // Organizations as rows too: the country cells must stay what they are without them.
    for window in Window::ALL {
        let countries_only = index
            .matrix(&MatrixQuery {
                window,
                ..Default::default()
            })
            .total();
        g.bench_function(format!("{}_with_organizations", window.id()), |b| {
            b.iter(|| {
                let m = index.matrix(&MatrixQuery {
                    window,
                    organizations: true,
                    ..Default::default()
                });
                let country_total: u64 = m
                    .cells
                    .iter()
                    .filter(|c| !c.b.is_org())
                    .map(|c| u64::from(c.count))
                    .sum();
                assert_eq!(country_total, countries_only);
                assert!(m.total() > countries_only);
                m.cells.len()
            })
        });
    }
    for organizations in [false, true] {
        let name = if organizations {
            "sentence_half_documents_diplomacy_with_organizations"
        } else {
            "sentence_half_documents_diplomacy"
        };
        g.bench_function(name, |b| {
            b.iter(|| {
                let m = index.matrix(&MatrixQuery {
                    documents: Some(&half),
                    topics: diplomacy,
                    organizations,
                    ..Default::default()
                });
                assert_eq!(m.cells.iter().any(|c| c.b.is_org()), organizations);
                m.cells.len()
            })
        });
    }
    g.finish();
    dense(c, &docs);
}

/// The matrix over the generated corpus of the browser benchmark, where a document names far
/// more countries (and so pairs) than a seed: every window with and without organizations, over
/// all documents and over two search-like subsets (about 30 % and 70 % of the documents).
fn dense(c: &mut Criterion, seeds: &[Document]) {
    let pool = synth::Pool::new(seeds);
    let files: Vec<(String, Vec<u8>)> = synth::generate(&pool, DENSE_ARTICLES, DENSE_SEED)
        .into_iter()
        .map(|(n, t)| (n, t.into_bytes()))
        .collect();
    let corpus = parse::parse_corpus("dense", files);
    let analyses: Vec<Analysis> = corpus.documents.iter().map(analyze).collect();
    let n = corpus.documents.len() as u32;
    assert!(n >= DENSE_ARTICLES as u32);
    let index = PairIndex::build_with_organizations(corpus.documents.iter().zip(&analyses));
    // Subsets spread over the corpus like search results: a fixed pseudo-random pick.
    let subset = |percent: u64| -> Vec<u32> {
        let mut rng = synth::Rng::new(percent);
        (0..n)
            .filter(|_| rng.below(100) < percent as usize)
            .collect()
    };
    let subsets: [(&str, Option<Vec<u32>>); 3] = [
        ("", None),
        ("_30pct", Some(subset(30))),
        ("_70pct", Some(subset(70))),
    ];

    for window in Window::ALL {
        for organizations in [false, true] {
            let m = index.matrix(&MatrixQuery {
                window,
                organizations,
                ..Default::default()
            });
            eprintln!(
                "dense corpus, {n} documents, {} window{}: {} co-mentions in {} cells",
                window.id(),
                if organizations {
                    " with organizations"
                } else {
                    ""
                },
                m.total(),
                m.cells.len()
            );
        }
    }
    let mut g = c.benchmark_group("matrix_dense_2000_articles");
    for window in Window::ALL {
        for organizations in [false, true] {
            for (suffix, docs) in &subsets {
                let query = MatrixQuery {
                    documents: docs.as_deref(),
                    window,
                    organizations,
                    ..Default::default()
                };
                let expected = index.matrix(&query).total();
                assert!(expected > 0);
                let orgs = if organizations {
                    "_with_organizations"
                } else {
                    ""
                };
                g.bench_function(format!("{}{orgs}{suffix}", window.id()), |b| {
                    b.iter(|| {
                        let m = index.matrix(black_box(&query));
                        assert_eq!(m.total(), expected);
                        m.cells.len()
                    })
                });
            }
        }
    }
    // What the app computes on a keystroke: the matrix and its dense table of counts.
    let query = MatrixQuery {
        documents: subsets[2].1.as_deref(),
        window: Window::Document,
        organizations: true,
        ..Default::default()
    };
    let cells = index.matrix(&query).cells.len();
    g.bench_function("document_with_organizations_70pct_and_dense_table", |b| {
        b.iter(|| {
            let m = index.matrix(black_box(&query));
            let dense = m.dense();
            assert_eq!(m.cells.len(), cells);
            assert_eq!(dense.len(), m.entities.len() * m.entities.len());
            dense.iter().filter(|&&n| n > 0).count()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
