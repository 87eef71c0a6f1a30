//! Building a [`PairIndex`]: each document's co-mentions are collected window by window
//! ([`PairIndexBuilder::add`]), their entities and pairs get dense ids on first sight, and the
//! index is laid out pair by pair in bounded steps ([`PairIndexFinish::step`]).

use super::{stance_index, Entity, OrgId, PairIndex, Postings, STANCE_SHIFT, TOPIC_BITS};
use crate::analysis::Analysis;
use crate::hash::FxHashMap;
use crate::model::{CountryCode, Document, Stance, Topic, TopicSet};
use crate::relations::counts_in_relations;

/// A co-mention before pair ids are assigned. Its evidence sentences are
/// `evidence[start..start + len]` of the builder's flat list (one vector for all, not one each:
/// half a million small allocations were a good part of a dense corpus's build).
#[derive(Debug)]
pub(super) struct Raw {
    pub(super) a: Entity,
    pub(super) b: Entity,
    pub(super) doc: u32,
    pub(super) window: usize,
    pub(super) evidence_start: u32,
    pub(super) evidence_len: u32,
    pub(super) topics: TopicSet,
    pub(super) stance: Stance,
}

/// The co-mentions being collected, with their evidence sentences in one list.
#[derive(Debug, Default)]
pub(super) struct Collected {
    pub(super) raws: Vec<Raw>,
    pub(super) evidence: Vec<u32>,
}

impl Collected {
    fn push(
        &mut self,
        (a, b): (Entity, Entity),
        doc: u32,
        window: usize,
        evidence: &[u32],
        topics: TopicSet,
        stance: Stance,
    ) {
        self.raws.push(Raw {
            a,
            b,
            doc,
            window,
            evidence_start: self.evidence.len() as u32,
            evidence_len: evidence.len() as u32,
            topics,
            stance,
        });
        self.evidence.extend_from_slice(evidence);
    }
}

/// Dense ids of the entities met while an index is built: countries straight from their two
/// letters, organizations (a few dozen) by a short search.
#[derive(Debug)]
struct Interner {
    countries: Vec<u16>,
    orgs: Vec<(OrgId, u16)>,
    list: Vec<Entity>,
}

impl Default for Interner {
    fn default() -> Self {
        Interner {
            countries: vec![u16::MAX; 26 * 26],
            orgs: Vec::new(),
            list: Vec::new(),
        }
    }
}

impl Interner {
    fn id(&mut self, e: Entity) -> u16 {
        let slot = match e {
            // Codes are two ASCII capitals; anything else (a hand-made corpus) takes the slow path.
            Entity::Country(CountryCode([x @ b'A'..=b'Z', y @ b'A'..=b'Z'])) => {
                Some(usize::from(x - b'A') * 26 + usize::from(y - b'A'))
            }
            _ => None,
        };
        if let Some(id) = slot.map(|k| self.countries[k]).filter(|&id| id != u16::MAX) {
            return id;
        }
        if let Entity::Org(o) = e {
            if let Some(&(_, id)) = self.orgs.iter().find(|(x, _)| *x == o) {
                return id;
            }
        } else if slot.is_none() {
            if let Some(id) = self.list.iter().position(|x| *x == e) {
                return id as u16;
            }
        }
        let id = self.list.len() as u16;
        self.list.push(e);
        match (slot, e) {
            (Some(k), _) => self.countries[k] = id,
            (None, Entity::Org(o)) => self.orgs.push((o, id)),
            _ => {}
        }
        id
    }
}

/// Two entities in one sentence: a relation pair of two countries, or a pair with an
/// organization.
#[derive(Clone, Copy, Debug)]
struct SentencePair {
    sentence: u32,
    a: Entity,
    b: Entity,
    stance: Stance,
    topics: TopicSet,
}

impl PairIndex {
    /// Builds the index of a corpus, countries only: documents with their analyses, in corpus
    /// order (the order that [`MatrixQuery::documents`] and [`Evidence::doc`] refer to).
    pub fn build<'a>(docs: impl IntoIterator<Item = (&'a Document, &'a Analysis)>) -> PairIndex {
        PairIndex::build_impl(docs, false)
    }

    /// Builds the index of a corpus with organizations as well, so that
    /// [`MatrixQuery::organizations`] has rows to add. Organizations are in many sentences, so
    /// this costs more than [`PairIndex::build`]; the app builds it only when organizations are
    /// first asked for.
    pub fn build_with_organizations<'a>(
        docs: impl IntoIterator<Item = (&'a Document, &'a Analysis)>,
    ) -> PairIndex {
        PairIndex::build_impl(docs, true)
    }

    pub(super) fn build_impl<'a>(
        docs: impl IntoIterator<Item = (&'a Document, &'a Analysis)>,
        organizations: bool,
    ) -> PairIndex {
        let mut builder = PairIndexBuilder::new(organizations);
        for (doc, analysis) in docs {
            builder.add(doc, analysis);
        }
        builder.finish()
    }
}

/// A [`PairIndex`] built a document at a time, so that a page can build it in short slices
/// between other work: [`PairIndexBuilder::add`] reads a document's co-mentions and gives their
/// entities and pairs dense ids on first sight; [`PairIndexBuilder::finishing`] then sorts the
/// few distinct entities and pairs, and [`PairIndexFinish::step`] lays the co-mentions out a
/// bounded number at a time.
#[derive(Debug)]
pub struct PairIndexBuilder {
    collected: Collected,
    /// Per co-mention, the dense id of its pair (an index into `distinct`).
    first_ids: Vec<u32>,
    interner: Interner,
    seen: FxHashMap<(u16, u16), u32>,
    /// Distinct pairs of dense entity ids, in first-sight order.
    distinct: Vec<(u16, u16)>,
    n_docs: u32,
    organizations: bool,
}

impl PairIndexBuilder {
    /// An empty builder; with `organizations`, as [`PairIndex::build_with_organizations`].
    pub fn new(organizations: bool) -> PairIndexBuilder {
        PairIndexBuilder {
            collected: Collected::default(),
            first_ids: Vec::new(),
            interner: Interner::default(),
            seen: FxHashMap::default(),
            distinct: Vec::new(),
            n_docs: 0,
            organizations,
        }
    }

    /// Adds the next document of the corpus, in corpus order.
    pub fn add(&mut self, doc: &Document, analysis: &Analysis) {
        let from = self.collected.raws.len();
        collect_document(
            self.n_docs,
            doc,
            analysis,
            self.organizations,
            &mut self.collected,
        );
        // Dense ids by first sight: sorting and searching half a million co-mentions' entities
        // and pairs would dominate the build; the few distinct ones are sorted at the end.
        for r in &self.collected.raws[from..] {
            let key = (self.interner.id(r.a), self.interner.id(r.b));
            let distinct = &mut self.distinct;
            let id = *self.seen.entry(key).or_insert_with(|| {
                distinct.push(key);
                (distinct.len() - 1) as u32
            });
            self.first_ids.push(id);
        }
        self.n_docs += 1;
    }

    /// How many documents were added.
    pub fn len(&self) -> usize {
        self.n_docs as usize
    }

    /// Whether no document was added.
    pub fn is_empty(&self) -> bool {
        self.n_docs == 0
    }

    /// The index of the documents added, at once.
    pub fn finish(self) -> PairIndex {
        let mut finish = self.finishing();
        while !finish.step(usize::MAX) {}
        finish.index()
    }

    /// Starts laying out the index: entities and pairs are sorted now (a few thousand at
    /// most); the co-mentions are placed by [`PairIndexFinish::step`].
    pub fn finishing(self) -> PairIndexFinish {
        let PairIndexBuilder {
            collected,
            first_ids,
            interner,
            distinct,
            n_docs,
            ..
        } = self;
        let mut order: Vec<u16> = (0..interner.list.len() as u16).collect();
        crate::sort::sort_unstable_by_key(&mut order, |&i| interner.list[usize::from(i)]);
        let mut rank = vec![0u16; order.len()];
        for (k, &i) in order.iter().enumerate() {
            rank[usize::from(i)] = k as u16;
        }
        let entities: Vec<Entity> = order
            .iter()
            .map(|&i| interner.list[usize::from(i)])
            .collect();
        let ranked: Vec<(u16, u16)> = distinct
            .iter()
            .map(|&(a, b)| (rank[usize::from(a)], rank[usize::from(b)]))
            .collect();
        let mut by_key: Vec<u32> = (0..ranked.len() as u32).collect();
        crate::sort::sort_unstable_by_key(&mut by_key, |&i| ranked[i as usize]);
        let mut pair_rank = vec![0u32; ranked.len()];
        for (k, &i) in by_key.iter().enumerate() {
            pair_rank[i as usize] = k as u32;
        }
        let pairs: Vec<(u16, u16)> = by_key.iter().map(|&i| ranked[i as usize]).collect();
        let n_pairs = pairs.len();
        // `pair_of` replaces each co-mention's first-sight id by its pair's rank, in place.
        let mut pair_of = first_ids;
        for p in &mut pair_of {
            *p = pair_rank[*p as usize];
        }
        PairIndexFinish {
            collected,
            pair_of,
            slot: Vec::new(),
            next: std::array::from_fn(|_| vec![0; n_pairs + 1]),
            windows: std::array::from_fn(|_| Postings {
                pair_start: Vec::new(),
                docs: Vec::new(),
                meta: Vec::new(),
                evidence_start: Vec::new(),
                sentences: Vec::new(),
            }),
            entities,
            pairs,
            n_docs,
            phase: FinishPhase::Count,
            cursor: 0,
        }
    }
}

/// What [`PairIndexFinish::step`] does next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FinishPhase {
    /// Counting the co-mentions of each window and pair (a counting sort's first pass).
    Count,
    /// Placing each co-mention at its pair's next free place.
    Place,
    /// Turning each window's evidence lengths into starts (the window in `cursor`'s high bits is
    /// not needed: one window per step at most, in order).
    EvidenceStarts(usize),
    /// Copying the evidence sentences.
    Copy,
    /// Done.
    Done,
}

/// A [`PairIndex`] being laid out in steps ([`PairIndexBuilder::finishing`]). Raws come in
/// document order, so each pair's co-mentions stay in document, then text, order.
#[derive(Debug)]
pub struct PairIndexFinish {
    collected: Collected,
    /// Per co-mention, its pair's rank.
    pair_of: Vec<u32>,
    /// Per co-mention, its place in its window's postings.
    slot: Vec<u32>,
    /// Per window, the counting sort's next free place of each pair.
    next: [Vec<u32>; 3],
    windows: [Postings; 3],
    entities: Vec<Entity>,
    pairs: Vec<(u16, u16)>,
    n_docs: u32,
    phase: FinishPhase,
    cursor: usize,
}

impl PairIndexFinish {
    /// Does about `budget` co-mentions' worth of work; true once the index is complete.
    pub fn step(&mut self, budget: usize) -> bool {
        let n = self.collected.raws.len();
        let end = self.cursor.saturating_add(budget.max(1)).min(n);
        match self.phase {
            FinishPhase::Count => {
                for i in self.cursor..end {
                    let r = &self.collected.raws[i];
                    self.next[r.window][self.pair_of[i] as usize + 1] += 1;
                }
                self.cursor = end;
                if end == n {
                    let n_pairs = self.pairs.len();
                    for (starts, w) in self.next.iter_mut().zip(&mut self.windows) {
                        for p in 0..n_pairs {
                            starts[p + 1] += starts[p];
                        }
                        let len = starts[n_pairs] as usize;
                        w.pair_start = starts.clone();
                        w.docs = vec![0; len];
                        w.meta = vec![0; len];
                        w.evidence_start = vec![0; len + 1];
                    }
                    self.slot = vec![0; n];
                    self.phase = FinishPhase::Place;
                    self.cursor = 0;
                }
            }
            FinishPhase::Place => {
                for i in self.cursor..end {
                    let r = &self.collected.raws[i];
                    let next = &mut self.next[r.window][self.pair_of[i] as usize];
                    let at = *next;
                    *next += 1;
                    self.slot[i] = at;
                    let w = &mut self.windows[r.window];
                    let at = at as usize;
                    w.docs[at] = r.doc;
                    w.meta[at] = (r.topics.0 & TOPIC_BITS)
                        | ((stance_index(r.stance) as u16) << STANCE_SHIFT);
                    w.evidence_start[at + 1] = r.evidence_len;
                }
                self.cursor = end;
                if end == n {
                    self.phase = FinishPhase::EvidenceStarts(0);
                    self.cursor = 0;
                }
            }
            FinishPhase::EvidenceStarts(window) => {
                let w = &mut self.windows[window];
                let len = w.docs.len();
                let stop = self.cursor.saturating_add(budget.max(1)).min(len);
                for i in self.cursor..stop {
                    w.evidence_start[i + 1] += w.evidence_start[i];
                }
                self.cursor = stop;
                if stop == len {
                    w.sentences = vec![0; w.evidence_start[len] as usize];
                    self.cursor = 0;
                    self.phase = if window == 2 {
                        FinishPhase::Copy
                    } else {
                        FinishPhase::EvidenceStarts(window + 1)
                    };
                }
            }
            FinishPhase::Copy => {
                for i in self.cursor..end {
                    let r = &self.collected.raws[i];
                    let w = &mut self.windows[r.window];
                    let from = w.evidence_start[self.slot[i] as usize] as usize;
                    let len = r.evidence_len as usize;
                    let src = r.evidence_start as usize;
                    w.sentences[from..from + len]
                        .copy_from_slice(&self.collected.evidence[src..src + len]);
                }
                self.cursor = end;
                if end == n {
                    self.phase = FinishPhase::Done;
                }
            }
            FinishPhase::Done => {}
        }
        self.phase == FinishPhase::Done
    }

    /// The index, once [`PairIndexFinish::step`] said it is complete (any work left is done
    /// now).
    pub fn index(mut self) -> PairIndex {
        while !self.step(usize::MAX) {}
        PairIndex {
            entities: self.entities,
            pairs: self.pairs,
            windows: self.windows,
            n_docs: self.n_docs,
        }
    }
}

/// Adds one document's co-mentions, window by window (with organizations or not).
pub(super) fn collect_document(
    d: u32,
    doc: &Document,
    analysis: &Analysis,
    organizations: bool,
    raws: &mut Collected,
) {
    // Sentence window: the relation records themselves, then the pairs with an organization.
    let mut sentence_pairs: Vec<SentencePair> = Vec::new();
    for rel in &analysis.relations {
        for p in &rel.pairs {
            sentence_pairs.push(SentencePair {
                sentence: rel.sentence,
                a: Entity::Country(p.a),
                b: Entity::Country(p.b),
                stance: p.stance,
                topics: rel.topics,
            });
        }
    }
    let counted: Vec<(Entity, u32)> = analysis
        .countries
        .iter()
        .filter(|m| counts_in_relations(m))
        .map(|m| (Entity::Country(m.code), m.sentence))
        .collect();
    let orgs: Vec<(Entity, u32)> = analysis
        .organizations
        .iter()
        .filter(|_| organizations)
        .filter_map(|m| Some((Entity::Org(OrgId::new(&m.id)?), m.sentence)))
        .collect();
    org_sentence_pairs(analysis, &counted, &orgs, &mut sentence_pairs);
    for p in &sentence_pairs {
        raws.push((p.a, p.b), d, 0, &[p.sentence], p.topics, p.stance);
    }
    // Wider windows: group the mentions by paragraph, or take the whole document. Relation
    // pairs and country mentions come in text order; organizations need merging in.
    let mut mentions: Vec<(Entity, u32)> = counted.iter().chain(&orgs).copied().collect();
    if !orgs.is_empty() {
        crate::sort::sort_by_key(&mut sentence_pairs, |p| p.sentence);
        crate::sort::sort_by_key(&mut mentions, |m| m.1);
    }
    let paragraph_of = |s: u32| doc.sentences.get(s as usize).map_or(0, |s| s.paragraph);
    for (window, key) in [(1usize, true), (2usize, false)] {
        let mut i = 0;
        while i < mentions.len() {
            let k = if key { paragraph_of(mentions[i].1) } else { 0 };
            let mut j = i;
            while j < mentions.len() && (!key || paragraph_of(mentions[j].1) == k) {
                j += 1;
            }
            window_pairs(d, window, &mentions[i..j], &sentence_pairs, analysis, raws);
            i = j;
        }
    }
}

/// The pairs with an organization in each sentence that names one beside another entity: an
/// organization with each country that counts in relations, and two organizations with each
/// other. Their topics are the sentence's, or diplomacy when it has none, as for relation
/// sentences. Their stance is neutral: stance is scored between countries by the analysers, and
/// the page, which never runs them, cannot score an organization pair.
fn org_sentence_pairs(
    analysis: &Analysis,
    counted: &[(Entity, u32)],
    orgs: &[(Entity, u32)],
    out: &mut Vec<SentencePair>,
) {
    let mut i = 0;
    while i < orgs.len() {
        let s = orgs[i].1;
        let mut j = i;
        while j < orgs.len() && orgs[j].1 == s {
            j += 1;
        }
        // Mentions are in text order, so a sentence's countries are one run.
        let countries =
            &counted[counted.partition_point(|m| m.1 < s)..counted.partition_point(|m| m.1 <= s)];
        let mut keys: Vec<Entity> = countries.iter().chain(&orgs[i..j]).map(|m| m.0).collect();
        i = j;
        crate::sort::sort_unstable(&mut keys);
        keys.dedup();
        let mut topics = analysis
            .sentence_topics
            .get(s as usize)
            .copied()
            .unwrap_or_default();
        if topics.is_empty() {
            topics.insert(Topic::Diplomacy);
        }
        for (x, &a) in keys.iter().enumerate() {
            for &b in keys[x + 1..].iter().filter(|b| b.is_org()) {
                out.push(SentencePair {
                    sentence: s,
                    a,
                    b,
                    stance: Stance::Neutral,
                    topics,
                });
            }
        }
    }
}

/// The pairs of one paragraph or document: `mentions` are its counted mentions (entity,
/// sentence), in sentence order; `sentence_pairs` are the document's, in sentence order.
fn window_pairs(
    d: u32,
    window: usize,
    mentions: &[(Entity, u32)],
    sentence_pairs: &[SentencePair],
    analysis: &Analysis,
    raws: &mut Collected,
) {
    let mut entities: Vec<Entity> = mentions.iter().map(|m| m.0).collect();
    crate::sort::sort_unstable(&mut entities);
    entities.dedup();
    if entities.len() < 2 {
        return;
    }
    let (lo, hi) = (
        mentions.iter().map(|m| m.1).min().unwrap_or(0),
        mentions.iter().map(|m| m.1).max().unwrap_or(0),
    );
    // The window's sentence pairs by (a, b, sentence): the entity pairs below are walked in the
    // same order, so one cursor finds each pair's run without scanning the window per pair.
    let mut inside: Vec<&SentencePair> = sentence_pairs[sentence_pairs
        .partition_point(|p| p.sentence < lo)
        ..sentence_pairs.partition_point(|p| p.sentence <= hi)]
        .iter()
        .collect();
    crate::sort::sort_unstable_by_key(&mut inside, |p| (p.a, p.b, p.sentence));
    let mut cursor = 0;
    let first_sentence = |e: Entity| mentions.iter().find(|m| m.0 == e).map(|m| m.1);
    let mut evidence = Vec::new();
    for (x, &a) in entities.iter().enumerate() {
        for &b in &entities[x + 1..] {
            evidence.clear();
            let mut topics = TopicSet::default();
            let mut tally = [0u32; 3];
            while cursor < inside.len() && (inside[cursor].a, inside[cursor].b) < (a, b) {
                cursor += 1;
            }
            let run = inside[cursor..].iter().take_while(|p| (p.a, p.b) == (a, b));
            for p in run {
                // One sentence counts once, as one relation record does.
                if evidence.last() != Some(&p.sentence) {
                    evidence.push(p.sentence);
                }
                topics.0 |= p.topics.0;
                tally[stance_index(p.stance)] += 1;
            }
            let stance = if evidence.is_empty() {
                // Never in one sentence: the first sentence of each, and their topics.
                for e in [a, b] {
                    if let Some(s) = first_sentence(e) {
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
            raws.push((a, b), d, window, &evidence, topics, stance);
        }
    }
}
