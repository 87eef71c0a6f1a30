//! The relation matrix: symmetric country × country counts over a set of documents, with, for each
//! cell, its topic breakdown, its stance balance and, on request, the evidence sentences.
//!
//! The matrix is recomputed on every filter change and search keystroke, so the work is split:
//!
//! - [`PairIndex::build`] runs once per corpus. For each window it lists every co-mention pair
//!   by pair (pair-major): for each pair its co-mentions in document order, each a document
//!   index and 16 bits of topics and stance, with the evidence sentences in arrays of their own.
//!   Pair ids are assigned in (a, b) order, so nothing is hashed or sorted later.
//! - [`PairIndex::matrix`] walks each pair's run once, testing each co-mention's document against
//!   a bit set of the selected documents and adding up its topics and stance in four-bit
//!   counters of one word, without a branch; a pair's counts stay in registers, and the arrays
//!   are read in order. The cost is one pass over the window's co-mentions whatever the
//!   selection (about 2 ms natively for the 490,000 document-window co-mentions of the
//!   generated 2,000-article corpus; see `benches/analysis.rs`).
//! - [`PairIndex::evidence`] reads the evidence of one cell, with the same query, when the cell
//!   is opened: a matrix carries no evidence (gathering it for every cell was ≈40 % of a
//!   recompute).
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
//!
//! Organizations ([`Entity::Org`]: EU, NATO, UN, OSCE, … from the analysis's organization
//! mentions) can be rows and columns beside the countries, with the same windows and filters:
//! at the sentence window a sentence that names an organization beside a country that counts in
//! relations, or beside another organization, is one co-mention of each such pair, with the
//! topics of a relation sentence and a neutral stance (stance is scored between countries, by the
//! analysers, which the page does not run); the wider windows treat organization mentions like
//! counted country mentions. Country × country cells are the same with or without organizations.
//! Organization pairs are built only by [`PairIndex::build_with_organizations`]; a matrix of
//! countries skips their runs without reading them.

use super::counts_in_relations;
use crate::analysis::Analysis;
use crate::hash::FxHashMap;
use crate::model::{CountryCode, Document, Stance, Topic, TopicSet};
use std::fmt;

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

/// An organization's id (`EU`, `NATO`, `Commonwealth`, the first column of
/// `data/organizations.tsv`), held inline so that an [`Entity`] is `Copy` like a country code.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct OrgId {
    len: u8,
    bytes: [u8; OrgId::MAX_LEN],
}

impl OrgId {
    /// The longest id, in bytes.
    pub const MAX_LEN: usize = 15;
    /// An id of 1 to [`OrgId::MAX_LEN`] ASCII letters and digits (every id of the table is one);
    /// `None` otherwise.
    pub fn new(id: &str) -> Option<OrgId> {
        let b = id.as_bytes();
        if b.is_empty() || b.len() > OrgId::MAX_LEN || !b.iter().all(u8::is_ascii_alphanumeric) {
            return None;
        }
        let mut bytes = [0; OrgId::MAX_LEN];
        bytes[..b.len()].copy_from_slice(b);
        Some(OrgId {
            len: b.len() as u8,
            bytes,
        })
    }
    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        // Only ASCII letters and digits are ever stored.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("?")
    }
}

impl Ord for OrgId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // Byte order is `str` order, without checking UTF-8 on every comparison.
        self.bytes[..usize::from(self.len)].cmp(&other.bytes[..usize::from(other.len)])
    }
}

impl PartialOrd for OrgId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for OrgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for OrgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A row (and column) of the matrix: a country, or, when a [`MatrixQuery`] asks for them, an
/// organization. Countries sort before organizations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entity {
    /// A country.
    Country(CountryCode),
    /// An international organization.
    Org(OrgId),
}

impl Entity {
    /// What an organization's id starts with in [`Entity`]'s text form, so that the African
    /// Union (`org.AU`) is never read as Australia (`AU`).
    pub const ORG_PREFIX: &'static str = "org.";

    /// Reads the text form that [`Entity`]'s `Display` writes: a country code (`AZ`, any case)
    /// or `org.` and an organization id (`org.EU`, exact case).
    pub fn from_id(s: &str) -> Option<Entity> {
        match s.strip_prefix(Entity::ORG_PREFIX) {
            Some(id) => OrgId::new(id).map(Entity::Org),
            None => CountryCode::new(&s.to_ascii_uppercase()).map(Entity::Country),
        }
    }
    /// Whether this is an organization.
    pub fn is_org(self) -> bool {
        matches!(self, Entity::Org(_))
    }
    /// The country, for a country.
    pub fn country(self) -> Option<CountryCode> {
        match self {
            Entity::Country(c) => Some(c),
            Entity::Org(_) => None,
        }
    }
    /// The short label: the country code or the organization id (without the prefix).
    pub fn code(&self) -> &str {
        match self {
            Entity::Country(c) => c.as_str(),
            Entity::Org(o) => o.as_str(),
        }
    }
    /// The country's or the organization's name, `None` when unknown.
    pub fn name(&self) -> Option<&'static str> {
        match self {
            Entity::Country(c) => crate::gazetteer::country_name(*c),
            Entity::Org(o) => crate::organizations::org_name(o.as_str()),
        }
    }
    /// What the app and the exports call it: its name, or its code when unknown.
    pub fn label(&self) -> String {
        self.name()
            .map_or_else(|| self.code().to_string(), str::to_string)
    }
}

impl From<CountryCode> for Entity {
    fn from(c: CountryCode) -> Entity {
        Entity::Country(c)
    }
}

/// The text form: `AZ` for a country, `org.EU` for an organization ([`Entity::from_id`] reads it).
impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Entity::Country(c) => f.write_str(c.as_str()),
            Entity::Org(o) => write!(f, "{}{}", Entity::ORG_PREFIX, o.as_str()),
        }
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

/// Bits of a co-mention's `meta`: its topics in the low ten ([`Topic::ALL`] order), its stance
/// index from bit [`STANCE_SHIFT`] on.
const TOPIC_BITS: u16 = (1 << 10) - 1;
const STANCE_SHIFT: u16 = 12;

/// One window's co-mentions, pair by pair: a matrix adds up each pair's run of co-mentions in
/// registers, reading the arrays in order, instead of scattering every co-mention of every
/// selected document over a table of tens of thousands of pairs (on a dense corpus those
/// scattered updates, one cache miss each, were the matrix's main cost).
#[derive(Clone, Debug, Default, PartialEq)]
struct Postings {
    /// Pair p's co-mentions are `pair_start[p]..pair_start[p + 1]` (one more than the pairs).
    pair_start: Vec<u32>,
    /// Per co-mention: its document, ascending within a pair.
    docs: Vec<u32>,
    /// Per co-mention: its topics and stance (see [`TOPIC_BITS`]).
    meta: Vec<u16>,
    /// Co-mention i's evidence is `sentences[evidence_start[i]..evidence_start[i + 1]]`, in text
    /// order; it is read only when a cell's evidence is asked for.
    evidence_start: Vec<u32>,
    /// Sentence indices in the co-mention's document.
    sentences: Vec<u32>,
}

impl Postings {
    fn of_pair(&self, p: usize) -> std::ops::Range<usize> {
        self.pair_start[p] as usize..self.pair_start[p + 1] as usize
    }
}

/// The co-mentions of a corpus, pair by pair and window by window, built once, from which
/// matrices and cell evidence are computed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PairIndex {
    /// Every entity in a pair, sorted (countries, then organizations).
    entities: Vec<Entity>,
    /// Pair id → (row, column) indices into `entities`, row < column, in (row, column) order.
    pairs: Vec<(u16, u16)>,
    /// The co-mentions, by window.
    windows: [Postings; 3],
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
    /// Only pairs of these countries (country rows and columns are limited to them; organization
    /// rows are not); `None` for all.
    pub countries: Option<&'a [CountryCode]>,
    /// Organizations as rows and columns beside the countries (when the index was built with
    /// [`PairIndex::build_with_organizations`]; otherwise there are none to add).
    pub organizations: bool,
}

/// One cell of the matrix (row `a` < column `b`; the matrix is symmetric).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The first entity (a country before an organization, then alphabetically).
    pub a: Entity,
    /// The second entity.
    pub b: Entity,
    /// How many co-mentions (relation pairs at sentence window; paragraphs or documents at the
    /// wider windows).
    pub count: u32,
    /// Co-mentions per topic, in [`Topic::ALL`] order (a co-mention may have several topics).
    pub topics: [u32; 10],
    /// Co-mentions per stance, in [`Stance::ALL`] order: cooperative, conflictual, neutral.
    pub stances: [u32; 3],
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
    /// Rows (and columns), sorted (countries, then organizations): the entities with at least one
    /// co-mention, or the requested countries and the co-mentioned organizations.
    pub entities: Vec<Entity>,
    /// The non-empty cells, `a < b`, sorted by (a, b).
    pub cells: Vec<Cell>,
    /// Per cell, the rows of `a` and `b` in `entities`, as the engine knows them (for
    /// [`Matrix::dense`], which would otherwise search for two rows per cell).
    rows: Vec<(u32, u32)>,
}

impl Matrix {
    /// The cell of two entities, in either order.
    pub fn cell(&self, a: impl Into<Entity>, b: impl Into<Entity>) -> Option<&Cell> {
        let (a, b) = (a.into(), b.into());
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        self.cells
            .binary_search_by(|c| (c.a, c.b).cmp(&(a, b)))
            .ok()
            .map(|i| &self.cells[i])
    }
    /// The count of two entities, in either order (0 for an empty cell or an entity with
    /// itself).
    pub fn count(&self, a: impl Into<Entity>, b: impl Into<Entity>) -> u32 {
        self.cell(a, b).map_or(0, |c| c.count)
    }
    /// The full symmetric count table, row-major over [`Matrix::entities`].
    pub fn dense(&self) -> Vec<u32> {
        let n = self.entities.len();
        let mut out = vec![0; n * n];
        if self.rows.len() == self.cells.len() {
            for (c, &(i, j)) in self.cells.iter().zip(&self.rows) {
                let (i, j) = (i as usize, j as usize);
                out[i * n + j] = c.count;
                out[j * n + i] = c.count;
            }
            return out;
        }
        for c in &self.cells {
            if let (Ok(i), Ok(j)) = (
                self.entities.binary_search(&c.a),
                self.entities.binary_search(&c.b),
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

/// A co-mention before pair ids are assigned. Its evidence sentences are
/// `evidence[start..start + len]` of the builder's flat list (one vector for all, not one each:
/// half a million small allocations were a good part of a dense corpus's build).
#[derive(Debug)]
struct Raw {
    a: Entity,
    b: Entity,
    doc: u32,
    window: usize,
    evidence_start: u32,
    evidence_len: u32,
    topics: TopicSet,
    stance: Stance,
}

/// The co-mentions being collected, with their evidence sentences in one list.
#[derive(Debug, Default)]
struct Collected {
    raws: Vec<Raw>,
    evidence: Vec<u32>,
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

    fn build_impl<'a>(
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

impl PairIndex {
    /// The number of documents indexed.
    pub fn n_documents(&self) -> usize {
        self.n_docs as usize
    }

    /// Every entity that is co-mentioned with another one somewhere in the corpus: countries,
    /// then organizations.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Computes a matrix: counts, topics and stances per cell. The evidence of a cell is read
    /// only when it is asked for, by [`PairIndex::evidence`] with the same query.
    pub fn matrix(&self, q: &MatrixQuery) -> Matrix {
        let w = &self.windows[window_index(q.window)];
        let filter = Filter::new(self, q);
        let mut cells = Vec::new();
        let mut used = vec![false; self.entities.len()];
        let mut ids: Vec<(u16, u16)> = Vec::new();
        for (p, &(a, b)) in self.pairs.iter().enumerate() {
            if !filter.pair_ok(a, b) {
                continue;
            }
            let run = w.of_pair(p);
            let (stances, topics) = filter.add_up(&w.docs[run.clone()], &w.meta[run]);
            let count = stances.iter().sum();
            if count == 0 {
                continue;
            }
            used[usize::from(a)] = true;
            used[usize::from(b)] = true;
            ids.push((a, b));
            cells.push(Cell {
                a: self.entities[usize::from(a)],
                b: self.entities[usize::from(b)],
                count,
                topics,
                stances,
            });
        }
        // The index's entities are sorted, so marking the rows in use lists them in order
        // (sorting the tens of thousands of cells' entities cost more than the cells).
        let in_use = self.entities.iter().zip(&used).filter(|(_, u)| **u);
        let entities: Vec<Entity> = match q.countries {
            Some(subset) => {
                let mut rows: Vec<Entity> = subset
                    .iter()
                    .map(|&c| Entity::Country(c))
                    .chain(in_use.map(|(&e, _)| e).filter(|e| e.is_org()))
                    .collect();
                crate::sort::sort_unstable(&mut rows);
                rows.dedup();
                rows
            }
            None => in_use.map(|(&e, _)| e).collect(),
        };
        // Each index entity in use, its row: its rank among those in use, or, with a country
        // subset (whose rows need not all be in the index), a search.
        let mut row = vec![0u32; self.entities.len()];
        let in_use = used.iter().enumerate().filter(|(_, u)| **u);
        for (rank, (i, _)) in in_use.enumerate() {
            row[i] = match q.countries {
                None => rank as u32,
                Some(_) => entities
                    .binary_search(&self.entities[i])
                    .unwrap_or_default() as u32,
            };
        }
        let rows = ids
            .iter()
            .map(|&(a, b)| (row[usize::from(a)], row[usize::from(b)]))
            .collect();
        Matrix {
            entities,
            cells,
            rows,
        }
    }

    /// The evidence of one cell of the matrix that `q` gives, in either order: one reference per
    /// sentence of each co-mention that the cell counts (at the sentence window, exactly
    /// [`Cell::count`] of them), in document then sentence order. Empty for an empty cell.
    pub fn evidence(
        &self,
        q: &MatrixQuery,
        a: impl Into<Entity>,
        b: impl Into<Entity>,
    ) -> Vec<Evidence> {
        let (a, b) = (a.into(), b.into());
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        let (Ok(a), Ok(b)) = (
            self.entities.binary_search(&a),
            self.entities.binary_search(&b),
        ) else {
            return Vec::new();
        };
        let (a, b) = (a as u16, b as u16);
        let Ok(p) = self.pairs.binary_search(&(a, b)) else {
            return Vec::new();
        };
        let filter = Filter::new(self, q);
        if !filter.pair_ok(a, b) {
            return Vec::new();
        }
        let w = &self.windows[window_index(q.window)];
        let mut out = Vec::new();
        for k in w.of_pair(p) {
            let doc = w.docs[k];
            if filter.keep(doc, w.meta[k]) {
                let sentences = w.evidence_start[k] as usize..w.evidence_start[k + 1] as usize;
                out.extend(
                    w.sentences[sentences]
                        .iter()
                        .map(|&sentence| Evidence { doc, sentence }),
                );
            }
        }
        out
    }
}

/// A query turned into what a co-mention is tested against.
struct Filter {
    /// The selected documents, one bit each; `None` for all.
    selected: Option<Vec<u64>>,
    /// The topic filter's bits; 0 for all.
    topics: u16,
    /// The stance filter's index; `None` for all.
    stance: Option<u16>,
    /// Per entity of the index: whether it can be a row (the country subset, organizations or
    /// not).
    entity_ok: Vec<bool>,
}

impl Filter {
    fn new(index: &PairIndex, q: &MatrixQuery) -> Filter {
        let selected = q.documents.map(|docs| {
            let mut bits = vec![0u64; (index.n_docs as usize).div_ceil(64)];
            // Out-of-range indices are ignored; a document listed twice counts once.
            for &d in docs.iter().filter(|&&d| d < index.n_docs) {
                bits[d as usize / 64] |= 1 << (d % 64);
            }
            bits
        });
        let entity_ok = index
            .entities
            .iter()
            .map(|e| match e {
                Entity::Country(c) => q.countries.is_none_or(|subset| subset.contains(c)),
                Entity::Org(_) => q.organizations,
            })
            .collect();
        Filter {
            selected,
            topics: q.topics.0,
            stance: q.stance.map(|s| stance_index(s) as u16),
            entity_ok,
        }
    }

    fn pair_ok(&self, a: u16, b: u16) -> bool {
        self.entity_ok[usize::from(a)] && self.entity_ok[usize::from(b)]
    }

    // Without short-circuits: the loops below run these on every co-mention, and a branch on
    // a filter that passes about half of them would be mispredicted about half of the time.
    fn passes(&self, meta: u16) -> bool {
        let topics_ok = (self.topics == 0) | (meta & self.topics != 0);
        let stance_ok = match self.stance {
            None => true,
            Some(s) => meta >> STANCE_SHIFT == s,
        };
        topics_ok & stance_ok
    }

    fn keep(&self, doc: u32, meta: u16) -> bool {
        self.selected
            .as_deref()
            .is_none_or(|bits| selected(bits, doc))
            & self.passes(meta)
    }

    /// The stance and topic counts of one pair's co-mentions that pass, with the loop
    /// specialised for each kind of filter, since it runs over every co-mention of the corpus.
    fn add_up(&self, docs: &[u32], meta: &[u16]) -> ([u32; 3], [u32; 10]) {
        let plain = self.topics == 0 && self.stance.is_none();
        match (&self.selected, plain) {
            (None, true) => add_up(docs, meta, |_, _| true),
            (None, false) => add_up(docs, meta, |_, m| self.passes(m)),
            (Some(bits), true) => add_up(docs, meta, |d, _| selected(bits, d)),
            (Some(bits), false) => add_up(docs, meta, |d, m| selected(bits, d) & self.passes(m)),
        }
    }
}

fn selected(bits: &[u64], doc: u32) -> bool {
    bits.get(doc as usize / 64)
        .is_some_and(|w| w >> (doc % 64) & 1 != 0)
}

/// How many co-mentions [`add_up`] adds in one word: its counters are four bits wide.
const LANE_MAX: usize = 15;

/// Per topic bit set, its topics as four-bit counters (lane t for topic t): one co-mention's
/// topic counts, ready to be added to other co-mentions' in one word (SWAR).
static TOPIC_LANES: [u64; 1 << 10] = {
    let mut table = [0u64; 1 << 10];
    let mut set = 0;
    while set < table.len() {
        let mut t = 0;
        while t < 10 {
            if set >> t & 1 != 0 {
                table[set] |= 1 << (4 * t);
            }
            t += 1;
        }
        set += 1;
    }
    table
};

/// Adds up the co-mentions that `keep` passes: ten topic and three stance counters in four-bit
/// lanes of one word (topics in lanes 0–9, stances in 10–12), fifteen co-mentions at a time, so
/// each co-mention costs a table lookup and an add, without a branch (whether it passes is
/// a mask).
#[inline(always)]
fn add_up(docs: &[u32], meta: &[u16], keep: impl Fn(u32, u16) -> bool) -> ([u32; 3], [u32; 10]) {
    let mut stances = [0u32; 3];
    let mut topics = [0u32; 10];
    for (docs, meta) in docs.chunks(LANE_MAX).zip(meta.chunks(LANE_MAX)) {
        let mut lanes = 0u64;
        for (&d, &m) in docs.iter().zip(meta) {
            let one = TOPIC_LANES[usize::from(m & TOPIC_BITS)]
                | 1 << (40 + 4 * u32::from((m >> STANCE_SHIFT) & 3));
            lanes += one & 0u64.wrapping_sub(u64::from(keep(d, m)));
        }
        if lanes != 0 {
            for (t, n) in topics.iter_mut().enumerate() {
                *n += (lanes >> (4 * t)) as u32 & 15;
            }
            for (s, n) in stances.iter_mut().enumerate() {
                *n += (lanes >> (40 + 4 * s)) as u32 & 15;
            }
        }
    }
    (stances, topics)
}

/// Adds one document's co-mentions, window by window (with organizations or not).
fn collect_document(
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
        PairIndex::build_with_organizations(docs.iter().zip(analyses))
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
            idx.evidence(&MatrixQuery::default(), fr, az),
            [Evidence {
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
        assert_eq!(
            m.entities,
            vec![code("AZ").into(), Entity::from(code("CN"))]
        );
        let subset = [az, fr];
        let m = idx.matrix(&MatrixQuery {
            countries: Some(&subset),
            ..Default::default()
        });
        assert_eq!(m.cells.len(), 1);
        assert_eq!(m.entities, vec![Entity::from(az), fr.into()]);
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
        assert!(d.dense().len() == d.entities.len() * d.entities.len());
    }

    /// A cell with its evidence, comparable across matrices.
    type Summary = (Entity, Entity, u32, [u32; 10], [u32; 3], Vec<Evidence>);

    fn summary(idx: &PairIndex, q: &MatrixQuery, c: &Cell) -> Summary {
        (
            c.a,
            c.b,
            c.count,
            c.topics,
            c.stances,
            idx.evidence(q, c.a, c.b),
        )
    }

    fn org(id: &str) -> Entity {
        Entity::Org(OrgId::new(id).unwrap())
    }

    const ORG_TEXTS: [&str; 2] = [
        "Azerbaijan and the European Union signed an energy deal.\n\nNATO condemned Russia. Russia attacked Ukraine.",
        "The OSCE and the UN held talks. Pakistan welcomed the EU.",
    ];

    #[test]
    fn organizations_are_rows_only_when_asked_for() {
        let (docs, analyses) = corpus(&ORG_TEXTS);
        let idx = index(&docs, &analyses);
        let (az, ru, ua, pk) = (code("AZ"), code("RU"), code("UA"), code("PK"));
        let countries = idx.matrix(&MatrixQuery::default());
        assert_eq!(
            countries.entities,
            vec![Entity::from(ru), ua.into()],
            "{:?}",
            countries.cells
        );
        let with_orgs = MatrixQuery {
            organizations: true,
            ..Default::default()
        };
        let with = idx.matrix(&with_orgs);
        assert_eq!(
            with.entities,
            vec![
                az.into(),
                pk.into(),
                ru.into(),
                ua.into(),
                org("EU"),
                org("NATO"),
                org("OSCE"),
                org("UN")
            ]
        );
        // Country cells are the same with or without organizations.
        assert_eq!(
            summary(&idx, &with_orgs, with.cell(ru, ua).unwrap()),
            summary(
                &idx,
                &MatrixQuery::default(),
                countries.cell(ru, ua).unwrap()
            )
        );
        let eu = with.cell(org("EU"), az).unwrap();
        assert_eq!(
            (eu.a, eu.b),
            (az.into(), org("EU")),
            "a country comes first"
        );
        assert_eq!(eu.count, 1);
        assert_eq!(
            eu.stance_count(Stance::Neutral),
            1,
            "organization pairs are neutral"
        );
        assert_eq!(eu.topic_count(Topic::Energy), 1);
        assert_eq!(
            idx.evidence(&with_orgs, eu.a, eu.b),
            [Evidence {
                doc: 0,
                sentence: 0
            }]
        );
        assert_eq!(with.count(ru, org("NATO")), 1);
        assert_eq!(with.count(org("OSCE"), org("UN")), 1);
        assert_eq!(with.count(pk, org("EU")), 1);
        // NATO and Ukraine share a paragraph, not a sentence.
        assert_eq!(with.count(ua, org("NATO")), 0);
        let paragraphs = MatrixQuery {
            organizations: true,
            window: Window::Paragraph,
            ..Default::default()
        };
        let p = idx.matrix(&paragraphs);
        let c = p.cell(ua, org("NATO")).unwrap();
        assert_eq!(c.stance_count(Stance::Neutral), 1);
        assert_eq!(
            idx.evidence(&paragraphs, org("NATO"), ua).len(),
            2,
            "the first sentence of each"
        );
        // Without organizations, an organization's cell has no evidence either.
        assert!(idx
            .evidence(&MatrixQuery::default(), ua, org("NATO"))
            .is_empty());
        // Filters apply to organization cells too; a country subset leaves organizations.
        let conflict = idx.matrix(&MatrixQuery {
            organizations: true,
            stance: Some(Stance::Conflictual),
            ..Default::default()
        });
        assert_eq!(conflict.count(ru, ua), 1);
        assert_eq!(conflict.count(ru, org("NATO")), 0);
        let trade = idx.matrix(&MatrixQuery {
            organizations: true,
            topics: TopicSet(1 << Topic::Energy as u8),
            ..Default::default()
        });
        assert_eq!(trade.count(az, org("EU")), 1);
        assert_eq!(trade.count(pk, org("EU")), 0);
        let subset = [az];
        let m = idx.matrix(&MatrixQuery {
            organizations: true,
            countries: Some(&subset),
            ..Default::default()
        });
        assert_eq!(m.count(az, org("EU")), 1);
        assert_eq!(m.count(pk, org("EU")), 0);
        assert_eq!(m.count(ru, ua), 0);
        assert_eq!(m.entities[0], Entity::from(az));
    }

    #[test]
    fn entity_text_form_round_trips() {
        for (text, entity) in [
            ("AZ", Entity::from(code("AZ"))),
            ("org.EU", org("EU")),
            ("org.AU", org("AU")),
            ("org.Commonwealth", org("Commonwealth")),
        ] {
            assert_eq!(entity.to_string(), text);
            assert_eq!(Entity::from_id(text), Some(entity));
        }
        assert_eq!(Entity::from_id("az"), Some(code("AZ").into()));
        assert_ne!(Entity::from_id("AU"), Entity::from_id("org.AU"));
        for bad in ["", "A", "org.", "org.E-U", "org.ABCDEFGHIJKLMNOP", "A1"] {
            assert_eq!(Entity::from_id(bad), None, "{bad}");
        }
        assert!(
            org("NATO") > Entity::from(code("ZW")),
            "countries sort first"
        );
        assert_eq!(org("EU").name(), Some("European Union"));
        assert_eq!(Entity::from(code("AZ")).name(), Some("Azerbaijan"));
        assert_eq!(Entity::from(code("ZZ")).name(), None);
        assert_eq!(Entity::from(code("ZZ")).label(), "ZZ");
        assert_eq!(Entity::from_id("org.XYZ").unwrap().label(), "XYZ");
    }

    #[test]
    fn long_runs_add_up_past_the_counters_width() {
        // A pair co-mentioned in more documents than a four-bit lane holds, at every window,
        // with and without a selection and a filter.
        let (docs, analyses) = corpus(&TEXTS);
        let once = index(&docs, &analyses);
        const ROUNDS: u32 = 37;
        let repeated: Vec<(&Document, &Analysis)> = docs
            .iter()
            .zip(&analyses)
            .cycle()
            .take(docs.len() * ROUNDS as usize)
            .collect();
        let many = PairIndex::build_with_organizations(repeated);
        let every: Vec<u32> = (0..docs.len() as u32 * ROUNDS).collect();
        for window in Window::ALL {
            for stance in [None, Some(Stance::Neutral)] {
                for documents in [None, Some(&every[..])] {
                    let q = MatrixQuery {
                        window,
                        stance,
                        organizations: true,
                        ..Default::default()
                    };
                    let one = once.matrix(&q);
                    let all = many.matrix(&MatrixQuery { documents, ..q });
                    assert!(stance.is_some() || !one.cells.is_empty());
                    assert_eq!(all.entities, one.entities);
                    assert_eq!(all.cells.len(), one.cells.len());
                    for (x, y) in all.cells.iter().zip(&one.cells) {
                        assert_eq!((x.a, x.b), (y.a, y.b));
                        assert_eq!(x.count, y.count * ROUNDS);
                        assert_eq!(x.topics, y.topics.map(|n| n * ROUNDS));
                        assert_eq!(x.stances, y.stances.map(|n| n * ROUNDS));
                        assert_eq!(
                            many.evidence(&q, x.a, x.b).len(),
                            once.evidence(&q, x.a, x.b).len() * ROUNDS as usize
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn empty_corpus() {
        let idx = PairIndex::build(std::iter::empty());
        let m = idx.matrix(&MatrixQuery::default());
        assert!(m.cells.is_empty() && m.entities.is_empty());
        assert_eq!(idx.n_documents(), 0);
    }

    const NAMES: [&str; 11] = [
        "Azerbaijan",
        "Pakistan",
        "China",
        "France",
        "the United States",
        "Armenia",
        "Iran",
        "Baku",
        "the European Union",
        "NATO",
        "the OSCE Minsk Group",
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

    /// The pairs with an organization that the sentence window must count, worked out from the
    /// analyses alone: per sentence, every distinct organization with every other distinct
    /// organization or counted country.
    fn expected_org_pairs(
        analyses: &[Analysis],
        selected: &[u32],
    ) -> std::collections::BTreeMap<(Entity, Entity), u32> {
        let mut out: std::collections::BTreeMap<(Entity, Entity), u32> = Default::default();
        for &d in selected {
            let a = &analyses[d as usize];
            let mut sentences: Vec<u32> = a.organizations.iter().map(|m| m.sentence).collect();
            sentences.dedup();
            for s in sentences {
                let mut here: Vec<Entity> = a
                    .countries
                    .iter()
                    .filter(|m| m.sentence == s && counts_in_relations(m))
                    .map(|m| Entity::Country(m.code))
                    .chain(
                        a.organizations
                            .iter()
                            .filter(|m| m.sentence == s)
                            .map(|m| Entity::Org(OrgId::new(&m.id).unwrap())),
                    )
                    .collect();
                here.sort();
                here.dedup();
                for (x, &p) in here.iter().enumerate() {
                    for &q in &here[x + 1..] {
                        if q.is_org() {
                            *out.entry((p, q)).or_default() += 1;
                        }
                    }
                }
            }
        }
        out
    }

    /// The matrix (its rows, and each cell with its evidence) worked out the straightforward way:
    /// every co-mention that [`collect_document`] lists, tested against the query one by one
    /// and added up in a map, in document order. The index's pair-by-pair layout, its
    /// specialised loops and its lazily read evidence must give exactly this.
    fn reference(
        docs: &[Document],
        analyses: &[Analysis],
        q: &MatrixQuery,
    ) -> (Vec<Entity>, Vec<Summary>) {
        let mut collected = Collected::default();
        for (d, (doc, analysis)) in docs.iter().zip(analyses).enumerate() {
            collect_document(d as u32, doc, analysis, true, &mut collected);
        }
        let Collected { raws, evidence } = collected;
        let allowed = |e: Entity| match e {
            Entity::Country(c) => q.countries.is_none_or(|s| s.contains(&c)),
            Entity::Org(_) => q.organizations,
        };
        let mut cells: std::collections::BTreeMap<(Entity, Entity), Summary> = Default::default();
        for r in raws.iter().filter(|r| {
            r.window == window_index(q.window)
                && q.documents.is_none_or(|d| d.contains(&r.doc))
                && (q.topics.is_empty() || r.topics.0 & q.topics.0 != 0)
                && q.stance.is_none_or(|s| s == r.stance)
                && allowed(r.a)
                && allowed(r.b)
        }) {
            let c = cells
                .entry((r.a, r.b))
                .or_insert_with(|| (r.a, r.b, 0, [0; 10], [0; 3], Vec::new()));
            c.2 += 1;
            for t in r.topics.iter() {
                c.3[t as usize] += 1;
            }
            c.4[stance_index(r.stance)] += 1;
            let from = r.evidence_start as usize;
            let sentences = &evidence[from..from + r.evidence_len as usize];
            c.5.extend(sentences.iter().map(|&sentence| Evidence {
                doc: r.doc,
                sentence,
            }));
        }
        let mut entities: Vec<Entity> = cells.keys().flat_map(|&(a, b)| [a, b]).collect();
        if let Some(subset) = q.countries {
            entities.retain(|e| e.is_org());
            entities.extend(subset.iter().map(|&c| Entity::Country(c)));
        }
        entities.sort();
        entities.dedup();
        (entities, cells.into_values().collect())
    }

    /// A query's optional parts, drawn at random: documents (in any order, with repeats and
    /// out-of-range indices), a topic, a stance and a country subset.
    type QueryParts = (
        Option<Vec<u32>>,
        usize,
        Option<usize>,
        Option<usize>,
        Option<Vec<usize>>,
        bool,
    );

    fn query_parts() -> impl Strategy<Value = QueryParts> {
        (
            prop::option::of(prop::collection::vec(0u32..9, 0..10)),
            0usize..3,
            prop::option::of(0..Topic::ALL.len()),
            prop::option::of(0..Stance::ALL.len()),
            prop::option::of(prop::collection::vec(0..COUNTRY_CODES.len(), 0..4)),
            any::<bool>(),
        )
    }

    /// The countries of [`NAMES`], for country subsets.
    const COUNTRY_CODES: [&str; 7] = ["AZ", "PK", "CN", "FR", "US", "AM", "IR"];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Laid out a few co-mentions per step, as the page does in the background, the
        /// index is the one built at once.
        #[test]
        fn an_index_finished_in_steps_is_the_index_built_at_once(
            texts in prop::collection::vec(random_doc(), 1..8),
            budget in 1usize..24,
            organizations in any::<bool>(),
        ) {
            let docs: Vec<Document> = texts.iter().map(|t| doc(t)).collect();
            let analyses: Vec<Analysis> = docs.iter().map(analyze).collect();
            let at_once = PairIndex::build_impl(docs.iter().zip(&analyses), organizations);
            let mut builder = PairIndexBuilder::new(organizations);
            for (d, a) in docs.iter().zip(&analyses) {
                builder.add(d, a);
            }
            prop_assert_eq!(builder.len(), docs.len());
            let mut finish = builder.finishing();
            let mut steps = 1;
            while !finish.step(budget) {
                steps += 1;
            }
            prop_assert!(steps >= 1);
            prop_assert_eq!(finish.index(), at_once);
        }

        #[test]
        fn matrix_and_evidence_equal_the_straightforward_computation(
            texts in prop::collection::vec(random_doc(), 1..8),
            (documents, window, topic, stance, countries, organizations) in query_parts(),
        ) {
            let docs: Vec<Document> = texts.iter().map(|t| doc(t)).collect();
            let analyses: Vec<Analysis> = docs.iter().map(analyze).collect();
            let idx = PairIndex::build_with_organizations(docs.iter().zip(&analyses));
            let countries: Option<Vec<CountryCode>> = countries.map(|c| {
                let mut c: Vec<CountryCode> = c.iter().map(|&i| code(COUNTRY_CODES[i])).collect();
                c.sort();
                c.dedup();
                c
            });
            let mut topics = TopicSet::default();
            if let Some(t) = topic {
                topics.insert(Topic::ALL[t]);
            }
            let q = MatrixQuery {
                documents: documents.as_deref(),
                window: Window::ALL[window],
                topics,
                stance: stance.map(|s| Stance::ALL[s]),
                countries: countries.as_deref(),
                organizations,
            };
            let m = idx.matrix(&q);
            let (entities, cells) = reference(&docs, &analyses, &q);
            prop_assert_eq!(&m.entities, &entities);
            let got: Vec<Summary> = m.cells.iter().map(|c| summary(&idx, &q, c)).collect();
            prop_assert_eq!(&got, &cells);
            // The rows the engine records for the dense table are those a search finds.
            let mut searched = m.clone();
            searched.rows.clear();
            prop_assert_eq!(m.dense(), searched.dense());
            for c in &m.cells {
                prop_assert_eq!(c.stances.iter().sum::<u32>(), c.count);
                let evidence = idx.evidence(&q, c.b, c.a);
                prop_assert!(evidence.windows(2).all(|w| w[0] < w[1]), "{:?}", evidence);
                if q.window == Window::Sentence {
                    prop_assert_eq!(evidence.len() as u32, c.count);
                }
            }
            // Pairs outside the matrix have no evidence.
            for (i, &a) in idx.entities().iter().enumerate() {
                for &b in &idx.entities()[i + 1..] {
                    if m.cell(a, b).is_none() {
                        prop_assert!(idx.evidence(&q, a, b).is_empty());
                    }
                }
            }
            // Documents are a set: their order and repeats do not matter.
            if let Some(d) = &documents {
                let mut sorted = d.clone();
                sorted.sort();
                sorted.dedup();
                let again = idx.matrix(&MatrixQuery { documents: Some(&sorted), ..q });
                prop_assert_eq!(&again, &m);
            }
        }

        #[test]
        fn matrix_is_symmetric_and_counts_match_relations(
            texts in prop::collection::vec(random_doc(), 1..6),
            window in 0usize..3,
            pick in prop::collection::vec(any::<bool>(), 6),
            organizations in any::<bool>(),
        ) {
            let docs: Vec<Document> = texts.iter().map(|t| doc(t)).collect();
            let analyses: Vec<Analysis> = docs.iter().map(analyze).collect();
            let idx = PairIndex::build_with_organizations(docs.iter().zip(&analyses));
            let selected: Vec<u32> = (0..docs.len() as u32).filter(|&d| pick[d as usize]).collect();
            let query = MatrixQuery {
                documents: Some(&selected),
                window: Window::ALL[window],
                organizations,
                ..Default::default()
            };
            let m = idx.matrix(&query);
            // Symmetric.
            let n = m.entities.len();
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
                let evidence = idx.evidence(&query, c.a, c.b);
                prop_assert!(!evidence.is_empty());
                for e in &evidence {
                    prop_assert!(selected.contains(&e.doc));
                }
            }
            prop_assert_eq!(m.entities.iter().any(|e| e.is_org()), organizations && m.cells.iter().any(|c| c.b.is_org()));
            // Country cells do not depend on whether organizations are rows.
            let other_query = MatrixQuery { organizations: !organizations, ..query };
            let other = idx.matrix(&other_query);
            let country_cells = |idx: &PairIndex, q: &MatrixQuery, m: &Matrix| -> Vec<Summary> {
                m.cells.iter().filter(|c| !c.b.is_org()).map(|c| summary(idx, q, c)).collect()
            };
            prop_assert_eq!(country_cells(&idx, &query, &m), country_cells(&idx, &other_query, &other));
            // An index of countries only gives the same country cells and no organizations.
            let countries_index = PairIndex::build(docs.iter().zip(&analyses));
            let countries_only = countries_index.matrix(&query);
            prop_assert_eq!(country_cells(&idx, &query, &m), countries_only.cells.iter().map(|c| summary(&countries_index, &query, c)).collect::<Vec<_>>());
            if window == 0 {
                // Sentence window: each cell counts the relation pairs (and, with organizations,
                // the sentences naming an organization beside another entity), one evidence each.
                let mut expected: std::collections::BTreeMap<(Entity, Entity), u32> =
                    Default::default();
                for &d in &selected {
                    for r in &analyses[d as usize].relations {
                        for p in &r.pairs {
                            *expected.entry((p.a.into(), p.b.into())).or_default() += 1;
                        }
                    }
                }
                if organizations {
                    expected.extend(expected_org_pairs(&analyses, &selected));
                }
                prop_assert_eq!(m.cells.len(), expected.len());
                for c in &m.cells {
                    prop_assert_eq!(Some(&c.count), expected.get(&(c.a, c.b)));
                    prop_assert_eq!(idx.evidence(&query, c.a, c.b).len() as u32, c.count);
                }
            }
        }
    }
}
