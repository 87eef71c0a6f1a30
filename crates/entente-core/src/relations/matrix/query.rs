//! Answering a [`MatrixQuery`] from a [`PairIndex`]: one in-order pass over the window's
//! co-mentions, pair by pair, testing each against the query ([`PairIndex::matrix`]), and the
//! evidence of one cell with the same test ([`PairIndex::evidence`]).

use super::{
    stance_index, window_index, Cell, Entity, Evidence, Matrix, MatrixQuery, PairIndex,
    STANCE_SHIFT, TOPIC_BITS,
};

impl PairIndex {
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
