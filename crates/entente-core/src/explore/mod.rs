//! The explorer engine behind the UI: a corpus with its analyses, indexed once, answering a
//! [`ViewState`] with the filtered documents, live facet counts, snippets and figure rows.
//!
//! Everything the app computes on a keystroke lives here, natively tested and benchmarked; the
//! Yew components only render what these functions return.
//!
//! Facet counts are disjunctive: the count next to a value is the number of results if that value
//! were added, given every *other* filter. Each facet value keeps a [`DocSet`] so that filtering and
//! counting are bit operations.

mod docset;
mod search;
pub mod state;
pub mod url;

use crate::analysis::{analyze, Analysed, Analysis};
use crate::model::{
    Corpus, CountryCode, Document, Figure, FigureKind, MentionRole, PartialDate, Stance, Topic,
};
use crate::organizations;
use docset::DocSet;
use search::{highlight_ranges, Query, SearchIndex, SearchIndexBuilder};
use state::{CountryMode, Facet, FigureSortKey, ViewState};
use std::collections::{BTreeMap, HashMap};

/// A corpus ready to explore: documents, their analyses, the search index and facet postings.
pub struct Explorer {
    /// The corpus.
    pub corpus: Corpus,
    /// One analysis per document.
    pub analyses: Vec<Analysis>,
    /// The full-text index.
    pub index: SearchIndex,
    doc_by_id: HashMap<String, u32>,
    countries: Vec<(CountryCode, DocSet)>,
    organizations: Vec<(&'static str, DocSet)>,
    topics: Vec<(Topic, DocSet)>,
    stances: Vec<(Stance, DocSet)>,
    sources: Vec<(String, DocSet)>,
    figure_kinds: Vec<(FigureKind, DocSet)>,
    pairs: HashMap<(CountryCode, CountryCode), DocSet>,
    /// Per document: the inclusive `[lo, hi]` range of `yyyymmdd` keys its date covers, or `None`
    /// without a year.
    date_ranges: Vec<Option<(u32, u32)>>,
}

/// Counts for every value of every facet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FacetCounts {
    /// Countries, most frequent first.
    pub countries: Vec<(CountryCode, usize)>,
    /// Organizations, most frequent first.
    pub organizations: Vec<(&'static str, usize)>,
    /// Topics in id order.
    pub topics: Vec<(Topic, usize)>,
    /// Stances in id order.
    pub stances: Vec<(Stance, usize)>,
    /// Sources, most frequent first.
    pub sources: Vec<(String, usize)>,
    /// Figure kinds in id order.
    pub figure_kinds: Vec<(FigureKind, usize)>,
}

/// The answer to a view state.
#[derive(Clone, Debug)]
pub struct Results {
    /// The matching documents, best first (by search score when there is a query, else newest
    /// first).
    pub docs: Vec<u32>,
    /// The same documents as a set.
    pub set: DocSet,
    /// Live facet counts.
    pub facets: FacetCounts,
    /// Documents hidden by a date range because their date has no year.
    pub undated_hidden: usize,
}

/// A snippet: text with byte ranges to highlight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// The text shown.
    pub text: String,
    /// Ranges of `text` to highlight.
    pub highlights: Vec<(usize, usize)>,
}

/// A figure row of the figures view: document index and the figure's index in its analysis.
pub type FigureRow = (u32, u32);

fn yyyymmdd(d: &PartialDate, end: bool) -> Option<u32> {
    let y = u32::try_from(d.year?).ok()?;
    let (m_lo, m_hi) = d.month.map_or((1, 12), |m| (u32::from(m), u32::from(m)));
    let (d_lo, d_hi) = d.day.map_or((1, 31), |x| (u32::from(x), u32::from(x)));
    Some(if end {
        y * 10_000 + m_hi * 100 + d_hi
    } else {
        y * 10_000 + m_lo * 100 + d_lo
    })
}

/// The topics that characterise a document: those of at least 5 % of its sentences (and at least
/// one), so one passing mention does not put a long article under a topic.
pub fn document_topics(analysis: &Analysis) -> Vec<Topic> {
    let n = analysis.sentence_topics.len();
    let threshold = (n as f64 * 0.05).ceil().max(1.0) as usize;
    Topic::ALL
        .into_iter()
        .filter(|t| {
            analysis
                .sentence_topics
                .iter()
                .filter(|s| s.contains(*t))
                .count()
                >= threshold
        })
        .collect()
}

/// Each value of a facet with how many documents of `base` have it.
fn counts_of<K: Clone>(table: &[(K, DocSet)], base: &DocSet) -> Vec<(K, usize)> {
    table
        .iter()
        .map(|(k, d)| (k.clone(), base.count_and(d)))
        .collect()
}

fn sorted_by_count<K: Clone + Ord>(map: BTreeMap<K, DocSet>) -> Vec<(K, DocSet)> {
    let mut v: Vec<(K, DocSet)> = map.into_iter().collect();
    crate::sort::sort_by(&mut v, |a, b| {
        b.1.count().cmp(&a.1.count()).then(a.0.cmp(&b.0))
    });
    v
}

/// An [`Explorer`] being indexed a few documents at a time ([`ExplorerBuilder::step`]), so the
/// page can index a large corpus in short tasks between frames instead of one long one.
pub struct ExplorerBuilder {
    corpus: Corpus,
    analyses: Vec<Analysis>,
    /// Documents indexed so far.
    next: usize,
    index: SearchIndexBuilder,
    doc_by_id: HashMap<String, u32>,
    countries: BTreeMap<CountryCode, DocSet>,
    organizations: BTreeMap<&'static str, DocSet>,
    sources: BTreeMap<String, DocSet>,
    pairs: HashMap<(CountryCode, CountryCode), DocSet>,
    topics: Vec<(Topic, DocSet)>,
    stances: Vec<(Stance, DocSet)>,
    figure_kinds: Vec<(FigureKind, DocSet)>,
    date_ranges: Vec<Option<(u32, u32)>>,
}

impl ExplorerBuilder {
    /// Starts indexing an analysed corpus.
    pub fn new(analysed: Analysed) -> ExplorerBuilder {
        ExplorerBuilder::with_analyses(analysed.corpus, analysed.analyses)
    }

    /// Starts indexing a corpus whose analyses are computed (one per document, in order).
    pub fn with_analyses(corpus: Corpus, analyses: Vec<Analysis>) -> ExplorerBuilder {
        let n = corpus.documents.len();
        ExplorerBuilder {
            corpus,
            analyses,
            next: 0,
            index: SearchIndexBuilder::default(),
            doc_by_id: HashMap::with_capacity(n),
            countries: BTreeMap::new(),
            organizations: BTreeMap::new(),
            sources: BTreeMap::new(),
            pairs: HashMap::new(),
            topics: Topic::ALL.iter().map(|&t| (t, DocSet::empty(n))).collect(),
            stances: Stance::ALL.iter().map(|&s| (s, DocSet::empty(n))).collect(),
            figure_kinds: FigureKind::ALL
                .iter()
                .map(|&k| (k, DocSet::empty(n)))
                .collect(),
            date_ranges: Vec::with_capacity(n),
        }
    }

    /// The documents of the corpus and how many are indexed.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.corpus.documents.len())
    }

    /// Indexes up to `max_documents` more documents, or once they all are, does the next piece
    /// of the search index's finishing work (a sort or a sweep: each a step of its own); returns
    /// whether all is done and [`ExplorerBuilder::finish`] is quick.
    pub fn step(&mut self, max_documents: usize) -> bool {
        let n = self.corpus.documents.len();
        if self.next == n {
            return self.index.finish_step();
        }
        let end = self.next.saturating_add(max_documents).min(n);
        for i in self.next..end {
            let (doc, a) = (&self.corpus.documents[i], &self.analyses[i]);
            self.index.add(&doc.text);
            let i = i as u32;
            self.doc_by_id.insert(doc.id.clone(), i);
            for m in a.countries.iter().filter(|m| m.role == MentionRole::State) {
                self.countries
                    .entry(m.code)
                    .or_insert_with(|| DocSet::empty(n))
                    .insert(i);
            }
            for id in a
                .organizations
                .iter()
                .filter_map(|o| organizations::intern(&o.id))
            {
                self.organizations
                    .entry(id)
                    .or_insert_with(|| DocSet::empty(n))
                    .insert(i);
            }
            if let Some(src) = &doc.source {
                self.sources
                    .entry(src.value.clone())
                    .or_insert_with(|| DocSet::empty(n))
                    .insert(i);
            }
            for t in document_topics(a) {
                self.topics[t as usize].1.insert(i);
            }
            for r in &a.relations {
                for p in &r.pairs {
                    let slot = Stance::ALL.iter().position(|s| *s == p.stance).unwrap_or(2);
                    self.stances[slot].1.insert(i);
                    self.pairs
                        .entry((p.a, p.b))
                        .or_insert_with(|| DocSet::empty(n))
                        .insert(i);
                }
            }
            for f in &a.figures {
                self.figure_kinds[f.kind as usize].1.insert(i);
            }
            self.date_ranges.push(
                doc.date
                    .and_then(|d| Some((yyyymmdd(&d.value, false)?, yyyymmdd(&d.value, true)?))),
            );
        }
        self.next = end;
        false
    }

    /// The explorer, once every document is indexed (any left are indexed now).
    pub fn finish(mut self) -> Explorer {
        self.step(usize::MAX);
        Explorer {
            corpus: self.corpus,
            analyses: self.analyses,
            index: self.index.finish(),
            doc_by_id: self.doc_by_id,
            countries: sorted_by_count(self.countries),
            organizations: sorted_by_count(self.organizations),
            topics: self.topics,
            stances: self.stances,
            sources: sorted_by_count(self.sources),
            figure_kinds: self.figure_kinds,
            pairs: self.pairs,
            date_ranges: self.date_ranges,
        }
    }
}

impl Explorer {
    /// Analyses and indexes a corpus.
    pub fn new(corpus: Corpus) -> Explorer {
        let analyses: Vec<Analysis> = corpus.documents.iter().map(analyze).collect();
        Explorer::with_analyses(corpus, analyses)
    }

    /// Indexes a corpus analysed where it was made (the binary corpus format stores the analyses).
    pub fn from_analysed(analysed: Analysed) -> Explorer {
        Explorer::with_analyses(analysed.corpus, analysed.analyses)
    }

    /// Indexes a corpus whose analyses are already computed (one per document, in order).
    pub fn with_analyses(corpus: Corpus, analyses: Vec<Analysis>) -> Explorer {
        let mut builder = ExplorerBuilder::with_analyses(corpus, analyses);
        builder.step(usize::MAX);
        builder.finish()
    }

    /// The number of documents.
    pub fn len(&self) -> usize {
        self.corpus.documents.len()
    }

    /// Whether the corpus is empty.
    pub fn is_empty(&self) -> bool {
        self.corpus.documents.is_empty()
    }

    /// A document by index.
    pub fn document(&self, i: u32) -> &Document {
        &self.corpus.documents[i as usize]
    }

    /// Documents with their analyses, as the exports take them (`docs` are corpus indices).
    pub fn for_export(&self, docs: &[u32]) -> Vec<(&Document, &Analysis)> {
        docs.iter()
            .map(|&d| (self.document(d), &self.analyses[d as usize]))
            .collect()
    }

    /// A document's index by id.
    pub fn document_index(&self, id: &str) -> Option<u32> {
        self.doc_by_id.get(id).copied()
    }

    /// The figure of a figures-view row.
    pub fn figure(&self, row: FigureRow) -> &Figure {
        &self.analyses[row.0 as usize].figures[row.1 as usize]
    }

    fn union<K: PartialEq>(&self, table: &[(K, DocSet)], chosen: &[K]) -> DocSet {
        let mut set = DocSet::empty(self.len());
        for (k, docs) in table {
            if chosen.contains(k) {
                set.or_with(docs);
            }
        }
        set
    }

    fn country_mask(&self, state: &ViewState) -> DocSet {
        match state.country_mode {
            CountryMode::Any => self.union(&self.countries, &state.countries),
            CountryMode::All => {
                let mut set = DocSet::full(self.len());
                for c in &state.countries {
                    match self.countries.iter().find(|(k, _)| k == c) {
                        Some((_, docs)) => set.and_with(docs),
                        None => return DocSet::empty(self.len()),
                    }
                }
                set
            }
        }
    }

    fn date_mask(&self, state: &ViewState) -> (DocSet, usize) {
        let lo = state
            .date_from
            .as_ref()
            .and_then(|d| yyyymmdd(d, false))
            .unwrap_or(0);
        let hi = state
            .date_to
            .as_ref()
            .and_then(|d| yyyymmdd(d, true))
            .unwrap_or(u32::MAX);
        let mut set = DocSet::empty(self.len());
        let mut undated = 0;
        for (i, r) in self.date_ranges.iter().enumerate() {
            match r {
                Some((a, b)) if *b >= lo && *a <= hi => set.insert(i as u32),
                Some(_) => {}
                None => undated += 1,
            }
        }
        (set, undated)
    }

    /// The documents matching one facet of the state, or `None` when that facet is not set.
    fn facet_mask(
        &self,
        state: &ViewState,
        facet: Facet,
        query_hits: &Option<DocSet>,
    ) -> Option<DocSet> {
        let n = self.len();
        Some(match facet {
            Facet::Query => query_hits.clone()?,
            Facet::Countries if !state.countries.is_empty() => self.country_mask(state),
            Facet::Pair => match state.pair {
                Some(p) => self
                    .pairs
                    .get(&p)
                    .cloned()
                    .unwrap_or_else(|| DocSet::empty(n)),
                None => return None,
            },
            Facet::Organizations if !state.organizations.is_empty() => {
                let mut set = DocSet::empty(n);
                for (k, docs) in &self.organizations {
                    if state.organizations.iter().any(|o| o == k) {
                        set.or_with(docs);
                    }
                }
                set
            }
            Facet::Topics if !state.topics.is_empty() => self.union(&self.topics, &state.topics),
            Facet::Stances if !state.stances.is_empty() => {
                self.union(&self.stances, &state.stances)
            }
            Facet::Sources if !state.sources.is_empty() => {
                self.union(&self.sources, &state.sources)
            }
            Facet::Dates if state.date_from.is_some() || state.date_to.is_some() => {
                self.date_mask(state).0
            }
            Facet::FigureKinds if !state.figure_kinds.is_empty() => {
                self.union(&self.figure_kinds, &state.figure_kinds)
            }
            _ => return None,
        })
    }

    /// Answers a view state: the matching documents in order, and facet counts.
    pub fn filter(&self, state: &ViewState) -> Results {
        let n = self.len();
        let query = Query::parse(&state.query);
        let hits = self
            .index
            .search(&query, |d| self.corpus.documents[d as usize].text.as_str());
        let query_hits = hits.as_ref().map(|hits| {
            let mut s = DocSet::empty(n);
            for h in hits {
                s.insert(h.doc);
            }
            s
        });
        const FACETS: [Facet; 9] = [
            Facet::Query,
            Facet::Countries,
            Facet::Pair,
            Facet::Organizations,
            Facet::Topics,
            Facet::Stances,
            Facet::Sources,
            Facet::Dates,
            Facet::FigureKinds,
        ];
        let masks: Vec<Option<DocSet>> = FACETS
            .iter()
            .map(|&f| self.facet_mask(state, f, &query_hits))
            .collect();
        let all_but = |skip: Option<Facet>| {
            let mut set = DocSet::full(n);
            for (f, m) in FACETS.iter().zip(&masks) {
                if Some(*f) != skip {
                    if let Some(m) = m {
                        set.and_with(m);
                    }
                }
            }
            set
        };
        let set = all_but(None);
        let count = |skip: Facet| all_but(Some(skip));
        // In "all" mode a country count is how many results remain if it is added, so the base
        // keeps the current country filter; in "any" mode the base ignores it.
        let country_base = match state.country_mode {
            CountryMode::All => set.clone(),
            CountryMode::Any => count(Facet::Countries),
        };
        let facets = FacetCounts {
            countries: counts_of(&self.countries, &country_base),
            organizations: counts_of(&self.organizations, &count(Facet::Organizations)),
            topics: counts_of(&self.topics, &count(Facet::Topics)),
            stances: counts_of(&self.stances, &count(Facet::Stances)),
            sources: counts_of(&self.sources, &count(Facet::Sources)),
            figure_kinds: counts_of(&self.figure_kinds, &count(Facet::FigureKinds)),
        };
        let docs: Vec<u32> = match &hits {
            Some(hits) => hits
                .iter()
                .map(|h| h.doc)
                .filter(|d| set.contains(*d))
                .collect(),
            None => {
                let mut docs: Vec<u32> = set.iter().collect();
                // Newest first; undated documents last, in corpus order.
                crate::sort::sort_by_key(&mut docs, |&d| {
                    std::cmp::Reverse(self.date_ranges[d as usize].map_or(0, |r| r.1))
                });
                docs
            }
        };
        let undated_hidden = if state.date_from.is_some() || state.date_to.is_some() {
            let mut base = count(Facet::Dates);
            let dated = self.date_mask(&ViewState::default()).0;
            let total = base.count();
            base.and_with(&dated);
            total - base.count()
        } else {
            0
        };
        Results {
            docs,
            set,
            facets,
            undated_hidden,
        }
    }

    /// For an empty (or any) result: how many documents each active filter would give back if it
    /// alone were cleared, largest first, so the UI can offer to relax the right one.
    pub fn relaxations(&self, state: &ViewState) -> Vec<(Facet, usize)> {
        let mut out: Vec<(Facet, usize)> = state
            .active_facets()
            .into_iter()
            .map(|f| {
                (
                    f,
                    self.filter(&state.reduce(state::Action::Clear(f)))
                        .docs
                        .len(),
                )
            })
            .collect();
        crate::sort::sort_by_key(&mut out, |r| std::cmp::Reverse(r.1));
        out
    }

    /// A snippet for a result: the sentence that best matches the query (most highlighted words),
    /// else the lead sentence, cut to about `max` bytes around the first highlight.
    pub fn snippet(&self, doc: u32, query: &str, max: usize) -> Snippet {
        let d = self.document(doc);
        let q = Query::parse(query);
        let mut best: Option<(usize, usize)> = None;
        if !q.is_empty() {
            for (i, s) in d.sentences.iter().enumerate() {
                let n = highlight_ranges(&d.text[s.range()], &q).len();
                if n > 0 && best.is_none_or(|(_, b)| n > b) {
                    best = Some((i, n));
                }
            }
        }
        let sentence = best.map_or(0, |(i, _)| i);
        let text = match d.sentences.get(sentence) {
            Some(s) => &d.text[s.range()],
            None => d.text.as_str(),
        };
        let highlights = highlight_ranges(text, &q);
        let (mut start, mut end) = (0, text.len());
        if text.len() > max {
            let first = highlights.first().map_or(0, |h| h.0);
            start = first.saturating_sub(max / 3);
            end = (start + max).min(text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            while !text.is_char_boundary(end) {
                end += 1;
            }
        }
        let mut out = String::new();
        let shift = if start > 0 {
            out.push('…');
            '…'.len_utf8()
        } else {
            0
        };
        out.push_str(&text[start..end]);
        if end < text.len() {
            out.push('…');
        }
        let highlights = highlights
            .into_iter()
            .filter(|&(s, e)| s >= start && e <= end)
            .map(|(s, e)| (s - start + shift, e - start + shift))
            .collect();
        Snippet {
            text: out,
            highlights,
        }
    }

    /// The figures of the result documents (restricted to the chosen figure kinds), sorted as the
    /// state asks.
    pub fn figure_rows(&self, results: &Results, state: &ViewState) -> Vec<FigureRow> {
        let mut rows: Vec<FigureRow> = Vec::new();
        let mut docs: Vec<u32> = results.docs.clone();
        crate::sort::sort_unstable(&mut docs);
        for d in docs {
            for (i, f) in self.analyses[d as usize].figures.iter().enumerate() {
                if state.figure_kinds.is_empty() || state.figure_kinds.contains(&f.kind) {
                    rows.push((d, i as u32));
                }
            }
        }
        let sort = state.figure_sort;
        let value = |r: &FigureRow| {
            let f = self.figure(*r);
            f.value.or(f.max).unwrap_or(0.0)
        };
        match sort.key {
            FigureSortKey::Document => {}
            FigureSortKey::Value => {
                crate::sort::sort_by(&mut rows, |a, b| value(a).total_cmp(&value(b)))
            }
            FigureSortKey::Kind => crate::sort::sort_by_key(&mut rows, |r| self.figure(*r).kind),
            FigureSortKey::Date => crate::sort::sort_by_key(&mut rows, |r| {
                self.date_ranges[r.0 as usize].map_or(0, |d| d.0)
            }),
            FigureSortKey::Year => {
                crate::sort::sort_by_key(&mut rows, |r| self.figure(*r).year.unwrap_or(i16::MIN))
            }
        }
        if sort.descending {
            rows.reverse();
        }
        rows
    }
}

#[cfg(test)]
mod tests;
