//! The relation matrix: symmetric country × country counts over a set of documents, with, for each
//! cell, its topic breakdown, its stance balance and references to the evidence sentences.
//!
//! The matrix is recomputed on every filter change, so the work is split in two:
//!
//! - [`PairIndex::build`] runs once per corpus. For each document and each window it lists the
//!   co-mentioned country pairs as flat entries (pair id, stance, topics, evidence range), with
//!   pair ids assigned in (a, b) order, so nothing is hashed or sorted later.
//! - [`PairIndex::matrix`] walks the entries of the selected documents once to count, and once
//!   more to lay the evidence out cell by cell (a counting sort). 10,000 documents take a few
//!   milliseconds natively (see `benches/analysis.rs`).
//!
//! Windows:
//!
//! - [`Window::Sentence`]: one entry per pair of a relation sentence ([`crate::relations::extract`]):
//!   its pair stance and the sentence's topics. A cell's count is exactly the number of relation
//!   pairs for that pair, and each has one evidence reference, the sentence: the app and the CLI
//!   show the same records.
//! - [`Window::Paragraph`] and [`Window::Document`]: one entry per paragraph (or document) in
//!   which both countries are referred to as states (mentions that count in relations). Its
//!   stance is the dominant stance of the pair's relation sentences in that window (ties go to
//!   conflictual, then cooperative), or neutral when they never share a sentence; its topics are
//!   those of the pair's relation sentences, or else those of the window's sentences that mention
//!   either country. Its evidence is the pair's relation sentences in the window, or, when they
//!   never share a sentence, the first sentence that mentions each of them.

use super::counts_in_relations;
use crate::analysis::Analysis;
use crate::model::{CountryCode, Document, Stance, Topic, TopicSet};
use std::ops::Range;

/// The co-mention window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Window {
    /// Countries in the same sentence (the relation records).
    #[default]
    Sentence,
    /// Countries in the same paragraph.
    Paragraph,
    /// Countries in the same document.
    Document,
}

impl Window {
    /// All windows.
    pub const ALL: [Window; 3] = [Window::Sentence, Window::Paragraph, Window::Document];
    /// The id used in URLs and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Window::Sentence => "sentence",
            Window::Paragraph => "paragraph",
            Window::Document => "document",
        }
    }
    /// Parses an id.
    pub fn from_id(id: &str) -> Option<Window> {
        Window::ALL.into_iter().find(|w| w.id() == id)
    }
}

/// A reference to an evidence sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Evidence {
    /// The document's index in the corpus given to [`PairIndex::build`].
    pub doc: u32,
    /// The sentence's index in that document.
    pub sentence: u32,
}

/// One co-mention of a pair in one window of one document.
#[derive(Clone, Copy, Debug)]
struct Entry {
    pair: u32,
    evidence: u32,
    n_evidence: u16,
    topics: u16,
    stance: u8,
}

#[derive(Clone, Debug, Default)]
struct WindowEntries {
    entries: Vec<Entry>,
    /// `entries[doc_start[d]..doc_start[d + 1]]` are document d's.
    doc_start: Vec<u32>,
    /// Evidence pool that entries point into.
    evidence: Vec<Evidence>,
}

/// The per-document pair lists of a corpus, built once, from which matrices are computed.
#[derive(Clone, Debug, Default)]
pub struct PairIndex {
    countries: Vec<CountryCode>,
    /// Pair id → (row, column) indices into `countries`, row < column, in (row, column) order.
    pairs: Vec<(u16, u16)>,
    windows: [WindowEntries; 3],
    n_docs: u32,
}

/// What to compute.
#[derive(Clone, Copy, Debug, Default)]
pub struct MatrixQuery<'a> {
    /// The documents (indices into the corpus given to [`PairIndex::build`]); `None` for all.
    pub documents: Option<&'a [u32]>,
    /// The co-mention window.
    pub window: Window,
    /// Only co-mentions with at least one of these topics; empty for all.
    pub topics: TopicSet,
    /// Only co-mentions with this stance; `None` for all.
    pub stance: Option<Stance>,
    /// Only pairs of these countries (rows and columns are limited to them); `None` for all.
    pub countries: Option<&'a [CountryCode]>,
}

/// One cell of the matrix (row `a` < column `b`; the matrix is symmetric).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The alphabetically first country.
    pub a: CountryCode,
    /// The alphabetically second country.
    pub b: CountryCode,
    /// How many co-mentions (relation pairs at sentence window; paragraphs or documents at the
    /// wider windows).
    pub count: u32,
    /// Co-mentions per topic, in [`Topic::ALL`] order (a co-mention may have several topics).
    pub topics: [u32; 10],
    /// Co-mentions per stance, in [`Stance::ALL`] order: cooperative, conflictual, neutral.
    pub stances: [u32; 3],
    evidence: Range<u32>,
}

impl Cell {
    /// Co-mentions with a topic.
    pub fn topic_count(&self, t: Topic) -> u32 {
        self.topics[t as usize]
    }
    /// Co-mentions with a stance.
    pub fn stance_count(&self, s: Stance) -> u32 {
        self.stances[stance_index(s)]
    }
}

/// A computed matrix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matrix {
    /// Rows (and columns), sorted by code: the countries with at least one co-mention, or the
    /// requested subset.
    pub countries: Vec<CountryCode>,
    /// The non-empty cells, `a < b`, sorted by (a, b).
    pub cells: Vec<Cell>,
    evidence: Vec<Evidence>,
}

impl Matrix {
    /// The cell of two countries, in either order.
    pub fn cell(&self, a: CountryCode, b: CountryCode) -> Option<&Cell> {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        self.cells
            .binary_search_by(|c| (c.a, c.b).cmp(&(a, b)))
            .ok()
            .map(|i| &self.cells[i])
    }
    /// The count of two countries, in either order (0 for an empty cell or a country with itself).
    pub fn count(&self, a: CountryCode, b: CountryCode) -> u32 {
        self.cell(a, b).map_or(0, |c| c.count)
    }
    /// The evidence references of a cell, in document then sentence order.
    pub fn evidence(&self, cell: &Cell) -> &[Evidence] {
        &self.evidence[cell.evidence.start as usize..cell.evidence.end as usize]
    }
    /// The full symmetric count table, row-major over [`Matrix::countries`].
    pub fn dense(&self) -> Vec<u32> {
        let n = self.countries.len();
        let mut out = vec![0; n * n];
        for c in &self.cells {
            if let (Ok(i), Ok(j)) = (
                self.countries.binary_search(&c.a),
                self.countries.binary_search(&c.b),
            ) {
                out[i * n + j] = c.count;
                out[j * n + i] = c.count;
            }
        }
        out
    }
    /// The sum of all cell counts.
    pub fn total(&self) -> u64 {
        self.cells.iter().map(|c| u64::from(c.count)).sum()
    }
}

fn stance_index(s: Stance) -> usize {
    match s {
        Stance::Cooperative => 0,
        Stance::Conflictual => 1,
        Stance::Neutral => 2,
    }
}

fn window_index(w: Window) -> usize {
    match w {
        Window::Sentence => 0,
        Window::Paragraph => 1,
        Window::Document => 2,
    }
}

/// A co-mention before pair ids are assigned.
struct Raw {
    a: CountryCode,
    b: CountryCode,
    doc: u32,
    window: usize,
    evidence: Vec<u32>,
    topics: TopicSet,
    stance: Stance,
}

impl PairIndex {
    /// Builds the index of a corpus: documents with their analyses, in corpus order (the order
    /// that [`MatrixQuery::documents`] and [`Evidence::doc`] refer to).
    pub fn build<'a>(docs: impl IntoIterator<Item = (&'a Document, &'a Analysis)>) -> PairIndex {
        let mut raws: Vec<Raw> = Vec::new();
        let mut n_docs = 0u32;
        for (d, (doc, analysis)) in docs.into_iter().enumerate() {
            n_docs += 1;
            collect_document(d as u32, doc, analysis, &mut raws);
        }
        // Countries and pair ids in sorted order.
        let mut countries: Vec<CountryCode> = raws.iter().flat_map(|r| [r.a, r.b]).collect();
        crate::sort::sort_unstable(&mut countries);
        countries.dedup();
        let idx = |c: CountryCode| countries.binary_search(&c).unwrap_or(0) as u16;
        let mut pairs: Vec<(u16, u16)> = raws.iter().map(|r| (idx(r.a), idx(r.b))).collect();
        crate::sort::sort_unstable(&mut pairs);
        pairs.dedup();
        let mut windows: [WindowEntries; 3] = Default::default();
        for w in &mut windows {
            w.doc_start = vec![0; n_docs as usize + 1];
        }
        // Raws are grouped by document, then window.
        for r in &raws {
            let pair = pairs
                .binary_search(&(idx(r.a), idx(r.b)))
                .unwrap_or_default() as u32;
            let w = &mut windows[r.window];
            let evidence = w.evidence.len() as u32;
            w.evidence.extend(r.evidence.iter().map(|&s| Evidence {
                doc: r.doc,
                sentence: s,
            }));
            w.entries.push(Entry {
                pair,
                evidence,
                n_evidence: r.evidence.len().min(u16::MAX as usize) as u16,
                topics: r.topics.0,
                stance: stance_index(r.stance) as u8,
            });
            w.doc_start[r.doc as usize + 1] = w.entries.len() as u32;
        }
        // Documents without entries start where the previous one ended.
        for w in &mut windows {
            for d in 1..w.doc_start.len() {
                w.doc_start[d] = w.doc_start[d].max(w.doc_start[d - 1]);
            }
        }
        PairIndex {
            countries,
            pairs,
            windows,
            n_docs,
        }
    }

    /// The number of documents indexed.
    pub fn n_documents(&self) -> usize {
        self.n_docs as usize
    }

    /// Every country that is co-mentioned with another one somewhere in the corpus.
    pub fn countries(&self) -> &[CountryCode] {
        &self.countries
    }

    /// Computes a matrix.
    pub fn matrix(&self, q: &MatrixQuery) -> Matrix {
        let w = &self.windows[window_index(q.window)];
        // Which pairs the country subset allows.
        let pair_ok: Option<Vec<bool>> = q.countries.map(|subset| {
            let inside: Vec<bool> = self.countries.iter().map(|c| subset.contains(c)).collect();
            self.pairs
                .iter()
                .map(|&(a, b)| inside[a as usize] && inside[b as usize])
                .collect()
        });
        let stance = q.stance.map(|s| stance_index(s) as u8);
        let topic_mask = q.topics.0;
        let keep = |e: &Entry| {
            (topic_mask == 0 || e.topics & topic_mask != 0)
                && stance.is_none_or(|s| s == e.stance)
                && pair_ok.as_ref().is_none_or(|ok| ok[e.pair as usize])
        };
        let all: Vec<u32>;
        let docs: &[u32] = match q.documents {
            Some(d) => d,
            None => {
                all = (0..self.n_docs).collect();
                &all
            }
        };
        let entries_of = |d: u32| -> &[Entry] {
            let d = d as usize;
            if d + 1 >= w.doc_start.len() {
                return &[];
            }
            &w.entries[w.doc_start[d] as usize..w.doc_start[d + 1] as usize]
        };

        // Pass 1: counts, topics, stances and evidence sizes per pair.
        let n_pairs = self.pairs.len();
        let mut count = vec![0u32; n_pairs];
        let mut n_evidence = vec![0u32; n_pairs];
        let mut topics = vec![[0u32; 10]; 0];
        let mut stances = vec![[0u32; 3]; n_pairs];
        let mut touched: Vec<u32> = Vec::new();
        for &d in docs {
            for e in entries_of(d) {
                if !keep(e) {
                    continue;
                }
                let p = e.pair as usize;
                if count[p] == 0 {
                    touched.push(e.pair);
                }
                count[p] += 1;
                n_evidence[p] += u32::from(e.n_evidence);
                stances[p][e.stance as usize] += 1;
            }
        }
        crate::sort::sort_unstable(&mut touched);
        // Topic counts only for touched pairs (dense over touched, indexed by rank).
        let mut rank = vec![u32::MAX; 0];
        if !touched.is_empty() {
            rank = vec![u32::MAX; n_pairs];
            for (r, &p) in touched.iter().enumerate() {
                rank[p as usize] = r as u32;
            }
            topics = vec![[0u32; 10]; touched.len()];
        }
        // Evidence offsets (counting sort by pair).
        let mut offset = vec![0u32; touched.len() + 1];
        for (r, &p) in touched.iter().enumerate() {
            offset[r + 1] = offset[r] + n_evidence[p as usize];
        }
        let mut fill = offset.clone();
        let mut evidence = vec![
            Evidence {
                doc: 0,
                sentence: 0
            };
            offset[touched.len()] as usize
        ];
        // Pass 2: topics and evidence.
        for &d in docs {
            for e in entries_of(d) {
                if !keep(e) {
                    continue;
                }
                let r = rank[e.pair as usize] as usize;
                let mut t = e.topics;
                while t != 0 {
                    let bit = t.trailing_zeros() as usize;
                    if bit < 10 {
                        topics[r][bit] += 1;
                    }
                    t &= t - 1;
                }
                let src =
                    &w.evidence[e.evidence as usize..e.evidence as usize + e.n_evidence as usize];
                let at = fill[r] as usize;
                evidence[at..at + src.len()].copy_from_slice(src);
                fill[r] += src.len() as u32;
            }
        }
        // Evidence within a cell in document then sentence order (documents may be given in any
        // order).
        for r in 0..touched.len() {
            crate::sort::sort_unstable(&mut evidence[offset[r] as usize..offset[r + 1] as usize]);
        }
        let cells: Vec<Cell> = touched
            .iter()
            .enumerate()
            .map(|(r, &p)| {
                let (a, b) = self.pairs[p as usize];
                Cell {
                    a: self.countries[a as usize],
                    b: self.countries[b as usize],
                    count: count[p as usize],
                    topics: topics[r],
                    stances: stances[p as usize],
                    evidence: offset[r]..offset[r + 1],
                }
            })
            .collect();
        let countries = match q.countries {
            Some(subset) => {
                let mut c = subset.to_vec();
                crate::sort::sort_unstable(&mut c);
                c.dedup();
                c
            }
            None => {
                let mut c: Vec<CountryCode> = cells.iter().flat_map(|c| [c.a, c.b]).collect();
                crate::sort::sort_unstable(&mut c);
                c.dedup();
                c
            }
        };
        Matrix {
            countries,
            cells,
            evidence,
        }
    }
}

/// Adds one document's co-mentions, window by window.
fn collect_document(d: u32, doc: &Document, analysis: &Analysis, raws: &mut Vec<Raw>) {
    // Sentence window: the relation records themselves.
    for rel in &analysis.relations {
        for p in &rel.pairs {
            raws.push(Raw {
                a: p.a,
                b: p.b,
                doc: d,
                window: 0,
                evidence: vec![rel.sentence],
                topics: rel.topics,
                stance: p.stance,
            });
        }
    }
    // Wider windows: group counted mentions by paragraph, or take the whole document.
    let paragraph_of = |s: u32| doc.sentences.get(s as usize).map_or(0, |s| s.paragraph);
    let counted: Vec<(CountryCode, u32)> = analysis
        .countries
        .iter()
        .filter(|m| counts_in_relations(m))
        .map(|m| (m.code, m.sentence))
        .collect();
    for (window, key) in [(1usize, true), (2usize, false)] {
        let mut i = 0;
        while i < counted.len() {
            let k = if key { paragraph_of(counted[i].1) } else { 0 };
            let mut j = i;
            while j < counted.len() && (!key || paragraph_of(counted[j].1) == k) {
                j += 1;
            }
            window_pairs(d, window, &counted[i..j], analysis, raws);
            i = j;
        }
    }
}

/// The pairs of one paragraph or document: `mentions` are its counted mentions (code, sentence).
fn window_pairs(
    d: u32,
    window: usize,
    mentions: &[(CountryCode, u32)],
    analysis: &Analysis,
    raws: &mut Vec<Raw>,
) {
    let mut codes: Vec<CountryCode> = mentions.iter().map(|m| m.0).collect();
    crate::sort::sort_unstable(&mut codes);
    codes.dedup();
    if codes.len() < 2 {
        return;
    }
    let (lo, hi) = (
        mentions.iter().map(|m| m.1).min().unwrap_or(0),
        mentions.iter().map(|m| m.1).max().unwrap_or(0),
    );
    let first_sentence = |c: CountryCode| mentions.iter().find(|m| m.0 == c).map(|m| m.1);
    for (x, &a) in codes.iter().enumerate() {
        for &b in &codes[x + 1..] {
            let mut evidence = Vec::new();
            let mut topics = TopicSet::default();
            let mut tally = [0u32; 3];
            for rel in &analysis.relations {
                if rel.sentence < lo || rel.sentence > hi {
                    continue;
                }
                if let Some(p) = rel.pairs.iter().find(|p| p.a == a && p.b == b) {
                    evidence.push(rel.sentence);
                    topics.0 |= rel.topics.0;
                    tally[stance_index(p.stance)] += 1;
                }
            }
            let stance = if evidence.is_empty() {
                // Never in one sentence: the first sentence of each, and their topics.
                for c in [a, b] {
                    if let Some(s) = first_sentence(c) {
                        evidence.push(s);
                    }
                }
                crate::sort::sort_unstable(&mut evidence);
                evidence.dedup();
                for m in mentions.iter().filter(|m| m.0 == a || m.0 == b) {
                    if let Some(t) = analysis.sentence_topics.get(m.1 as usize) {
                        topics.0 |= t.0;
                    }
                }
                Stance::Neutral
            } else if tally[1] >= tally[0] && tally[1] >= tally[2] {
                Stance::Conflictual
            } else if tally[0] >= tally[2] {
                Stance::Cooperative
            } else {
                Stance::Neutral
            };
            raws.push(Raw {
                a,
                b,
                doc: d,
                window,
                evidence,
                topics,
                stance,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::gazetteer::tests::doc;
    use proptest::prelude::*;

    fn code(s: &str) -> CountryCode {
        CountryCode::new(s).unwrap()
    }

    fn corpus(texts: &[&str]) -> (Vec<Document>, Vec<Analysis>) {
        let docs: Vec<Document> = texts.iter().map(|t| doc(t)).collect();
        let analyses = docs.iter().map(analyze).collect();
        (docs, analyses)
    }

    fn index(docs: &[Document], analyses: &[Analysis]) -> PairIndex {
        PairIndex::build(docs.iter().zip(analyses))
    }

    const TEXTS: [&str; 3] = [
        "Azerbaijan and Pakistan signed an energy deal.\n\nRussia attacked Ukraine. Pakistan traded with Azerbaijan.",
        "Azerbaijan and Pakistan expanded trade.\n\nFrance criticized Azerbaijan.",
        "China and Azerbaijan held talks.",
    ];

    #[test]
    fn sentence_window_counts_relation_pairs() {
        let (docs, analyses) = corpus(&TEXTS);
        let idx = index(&docs, &analyses);
        let m = idx.matrix(&MatrixQuery::default());
        let (az, pk, fr, cn) = (code("AZ"), code("PK"), code("FR"), code("CN"));
        assert_eq!(m.count(az, pk), 3);
        assert_eq!(m.count(pk, az), 3);
        assert_eq!(m.count(az, fr), 1);
        assert_eq!(m.count(az, cn), 1);
        assert_eq!(m.count(az, az), 0);
        let c = m.cell(fr, az).unwrap();
        assert_eq!(c.stance_count(Stance::Conflictual), 1);
        assert_eq!(
            m.evidence(c),
            &[Evidence {
                doc: 1,
                sentence: 1
            }]
        );
        let c = m.cell(az, pk).unwrap();
        assert_eq!(c.topic_count(Topic::Energy), 1);
        assert_eq!(c.topic_count(Topic::Trade), 1);
    }

    #[test]
    fn filters() {
        let (docs, analyses) = corpus(&TEXTS);
        let idx = index(&docs, &analyses);
        let (az, pk, fr) = (code("AZ"), code("PK"), code("FR"));
        let mut energy = TopicSet::default();
        energy.insert(Topic::Energy);
        let m = idx.matrix(&MatrixQuery {
            topics: energy,
            ..Default::default()
        });
        assert_eq!(m.count(az, pk), 1);
        assert_eq!(m.count(az, fr), 0);
        let m = idx.matrix(&MatrixQuery {
            stance: Some(Stance::Conflictual),
            ..Default::default()
        });
        assert_eq!(m.cells.len(), 2, "{:?}", m.cells);
        let m = idx.matrix(&MatrixQuery {
            documents: Some(&[2]),
            ..Default::default()
        });
        assert_eq!(m.countries, vec![code("AZ"), code("CN")]);
        let subset = [az, fr];
        let m = idx.matrix(&MatrixQuery {
            countries: Some(&subset),
            ..Default::default()
        });
        assert_eq!(m.cells.len(), 1);
        assert_eq!(m.countries, vec![az, fr]);
        // Out-of-range document indices are ignored.
        let m = idx.matrix(&MatrixQuery {
            documents: Some(&[7, 0]),
            ..Default::default()
        });
        assert_eq!(m.count(az, pk), 2);
    }

    #[test]
    fn wider_windows_count_windows() {
        let (docs, analyses) = corpus(&TEXTS);
        let idx = index(&docs, &analyses);
        let (az, pk, fr, ru) = (code("AZ"), code("PK"), code("FR"), code("RU"));
        let p = idx.matrix(&MatrixQuery {
            window: Window::Paragraph,
            ..Default::default()
        });
        assert_eq!(p.count(az, pk), 3);
        assert_eq!(p.count(pk, fr), 0);
        // RU and PK share a paragraph but no sentence: neutral, first sentences as evidence.
        let c = p.cell(ru, pk).unwrap();
        assert_eq!(c.stance_count(Stance::Neutral), 1);
        let d = idx.matrix(&MatrixQuery {
            window: Window::Document,
            ..Default::default()
        });
        assert_eq!(d.count(az, pk), 2);
        assert_eq!(d.count(pk, fr), 1);
        assert_eq!(d.count(ru, az), 1);
        assert!(d.dense().len() == d.countries.len() * d.countries.len());
    }

    #[test]
    fn empty_corpus() {
        let idx = PairIndex::build(std::iter::empty());
        let m = idx.matrix(&MatrixQuery::default());
        assert!(m.cells.is_empty() && m.countries.is_empty());
        assert_eq!(idx.n_documents(), 0);
    }

    const NAMES: [&str; 8] = [
        "Azerbaijan",
        "Pakistan",
        "China",
        "France",
        "the United States",
        "Armenia",
        "Iran",
        "Baku",
    ];
    const VERBS: [&str; 5] = [
        "signed a deal with",
        "attacked",
        "and",
        "held talks with",
        "criticized",
    ];

    /// A random document: paragraphs of sentences "X verb Y." over a few names.
    fn random_doc() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::collection::vec((0..NAMES.len(), 0..VERBS.len(), 0..NAMES.len()), 1..4),
            1..4,
        )
        .prop_map(|paras| {
            paras
                .iter()
                .map(|sents| {
                    sents
                        .iter()
                        .map(|&(a, v, b)| format!("{} {} {}.", NAMES[a], VERBS[v], NAMES[b]))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect::<Vec<_>>()
                .join("\n\n")
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn matrix_is_symmetric_and_counts_match_relations(
            texts in prop::collection::vec(random_doc(), 1..6),
            window in 0usize..3,
            pick in prop::collection::vec(any::<bool>(), 6),
        ) {
            let docs: Vec<Document> = texts.iter().map(|t| doc(t)).collect();
            let analyses: Vec<Analysis> = docs.iter().map(analyze).collect();
            let idx = PairIndex::build(docs.iter().zip(&analyses));
            let selected: Vec<u32> = (0..docs.len() as u32).filter(|&d| pick[d as usize]).collect();
            let m = idx.matrix(&MatrixQuery {
                documents: Some(&selected),
                window: Window::ALL[window],
                ..Default::default()
            });
            // Symmetric.
            let n = m.countries.len();
            let dense = m.dense();
            for i in 0..n {
                prop_assert_eq!(dense[i * n + i], 0);
                for j in 0..n {
                    prop_assert_eq!(dense[i * n + j], dense[j * n + i]);
                }
            }
            for c in &m.cells {
                prop_assert!(c.a < c.b);
                prop_assert_eq!(m.count(c.a, c.b), m.count(c.b, c.a));
                prop_assert_eq!(c.stances.iter().sum::<u32>(), c.count);
                prop_assert!(!m.evidence(c).is_empty());
                for e in m.evidence(c) {
                    prop_assert!(selected.contains(&e.doc));
                }
            }
            if window == 0 {
                // Sentence window: each cell counts the relation pairs, one evidence each.
                let mut expected: std::collections::BTreeMap<(CountryCode, CountryCode), u32> =
                    Default::default();
                for &d in &selected {
                    for r in &analyses[d as usize].relations {
                        for p in &r.pairs {
                            *expected.entry((p.a, p.b)).or_default() += 1;
                        }
                    }
                }
                prop_assert_eq!(m.cells.len(), expected.len());
                for c in &m.cells {
                    prop_assert_eq!(Some(&c.count), expected.get(&(c.a, c.b)));
                    prop_assert_eq!(m.evidence(c).len() as u32, c.count);
                }
            }
        }
    }
}
