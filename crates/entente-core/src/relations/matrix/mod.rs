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

//! The code is in three parts: this module's types (the windows, entities, queries, cells and
//! the index), `builder` (collecting co-mentions and laying the index out) and `query` (a
//! matrix and a cell's evidence from the index).

mod builder;
mod query;
#[cfg(test)]
mod tests;

pub use builder::{PairIndexBuilder, PairIndexFinish};

use crate::model::{CountryCode, Stance, Topic, TopicSet};
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
}
