//! The explorer context: the corpus indexed once ([`Explorer::from_analysed`]), with the
//! relation pair index the matrix is computed from ([`PairIndex::build`]), shared by every view as
//! a cheap `Rc` clone. The pair index is built the first time the matrix is shown, not with the
//! explorer: the documents list does not need it, and on a large corpus it costs as much as the
//! search index, so the first results come sooner. Once they are on screen, the index is built
//! in the background in short slices ([`ExplorerHandle::prebuild_pair_index`]), so that the
//! first visit to the Matrix tab usually finds it ready. The index with organizations
//! ([`PairIndex::build_with_organizations`]) costs several times more again, so it is built the
//! first time the matrix shows organizations.

use crate::matrix::MatrixData;
use crate::services::slices;
use crate::shared::Shared;
use entente_core::explore::state::{MatrixOrder, Window};
use entente_core::explore::Explorer;
use entente_core::explore::Results;
use entente_core::model::{Stance, Topic};
use entente_core::relations::matrix::{PairIndex, PairIndexBuilder};
use std::cell::{Cell, OnceCell, RefCell};
use std::ops::Deref;
use std::rc::Rc;
use yew::prelude::*;

/// The value of the explorer context.
#[derive(Clone)]
pub struct ExplorerHandle {
    /// The explorer (documents, analyses, search index, facets).
    pub explorer: Rc<Explorer>,
    /// The per-document co-mention lists of the matrix, once asked for.
    pairs: Rc<OnceCell<Rc<PairIndex>>>,
    /// The same with organizations, once asked for.
    org_pairs: Rc<OnceCell<Rc<PairIndex>>>,
    /// The matrix view's last results, kept while another tab is shown.
    pub matrix_cache: Rc<RefCell<MatrixCache>>,
}

/// What a matrix is computed from: the results and the settings that change the counts.
pub type MatrixKey = (Shared<Results>, Window, Option<Topic>, Option<Stance>, bool);

/// What a row order is computed from: the matrix, the top-N and the order.
pub type OrderKey = (Shared<MatrixData>, Option<u16>, MatrixOrder);

/// What the matrix view computed last. The view is not rendered while another tab is shown
/// (hidden tabs compute nothing), so its memos go with it; this keeps the last matrix and row
/// order, so coming back to an unchanged matrix costs no recomputation.
#[derive(Default)]
pub struct MatrixCache {
    /// The last matrix and its key.
    pub data: Option<(MatrixKey, Rc<MatrixData>)>,
    /// The last row order: the matrix it orders, the top-N and the order.
    pub shown: Option<(OrderKey, Rc<Vec<usize>>)>,
}

/// The value kept in `slot` for `key`, or `compute`d and kept there.
pub fn cached<K: PartialEq + Clone, V>(
    slot: &mut Option<(K, Rc<V>)>,
    key: &K,
    compute: impl FnOnce() -> V,
) -> Rc<V> {
    if let Some((k, v)) = slot {
        if k == key {
            return v.clone();
        }
    }
    let v = Rc::new(compute());
    *slot = Some((key.clone(), v.clone()));
    v
}

impl ExplorerHandle {
    /// Indexes an analysed corpus: the one expensive step, done once per corpus. The analyses come
    /// with the corpus, so the page links none of the analysers.
    pub fn new(analysed: entente_core::Analysed) -> ExplorerHandle {
        ExplorerHandle::from_explorer(Explorer::from_analysed(analysed))
    }

    /// The handle of an explorer already indexed (in slices, by the library).
    pub fn from_explorer(explorer: Explorer) -> ExplorerHandle {
        ExplorerHandle {
            explorer: Rc::new(explorer),
            pairs: Rc::default(),
            org_pairs: Rc::default(),
            matrix_cache: Rc::default(),
        }
    }

    /// The pair index to compute a matrix from, with organizations or without (each built on
    /// the first call that asks for it).
    pub fn pair_index(&self, organizations: bool) -> Rc<PairIndex> {
        let documents = || {
            self.explorer
                .corpus
                .documents
                .iter()
                .zip(&self.explorer.analyses)
        };
        if organizations {
            self.org_pairs
                .get_or_init(|| Rc::new(PairIndex::build_with_organizations(documents())))
                .clone()
        } else {
            self.pairs
                .get_or_init(|| Rc::new(PairIndex::build(documents())))
                .clone()
        }
    }
}

/// How long the page waits after a corpus is shown before building its pair index in the
/// background: the first results and their paint come first.
const PREBUILD_AFTER_MS: i32 = 300;

/// The longest background slice: a keystroke that arrives during one waits at most about this.
const PREBUILD_SLICE_MS: f64 = 4.0;

/// Documents added to the pair index between two looks at the clock.
const PREBUILD_DOCS_PER_STEP: usize = 8;

/// Co-mentions laid out between two looks at the clock (a dense corpus of 2,000 articles has
/// half a million).
const PREBUILD_LAYOUT_PER_STEP: usize = 8_192;

impl ExplorerHandle {
    /// Builds the countries' pair index in the background: after [`PREBUILD_AFTER_MS`], a few
    /// documents at a time in slices of [`PREBUILD_SLICE_MS`]. Stops when `cancelled` says so
    /// (another corpus is shown) or when the index was built meanwhile (the Matrix tab was
    /// opened first and built it at once).
    pub async fn prebuild_pair_index(self, cancelled: Rc<Cell<bool>>) {
        slices::sleep(PREBUILD_AFTER_MS).await;
        let done = || cancelled.get() || self.pairs.get().is_some();
        if done() {
            return;
        }
        let explorer = self.explorer.clone();
        let docs = &explorer.corpus.documents;
        let analyses = &explorer.analyses;
        let mut builder = PairIndexBuilder::new(false);
        let finished = slices::run_in_background(PREBUILD_SLICE_MS, || {
            if done() {
                return Err(());
            }
            let from = builder.len();
            let to = (from + PREBUILD_DOCS_PER_STEP).min(docs.len());
            for (doc, analysis) in docs[from..to].iter().zip(&analyses[from..to]) {
                builder.add(doc, analysis);
            }
            Ok(to == docs.len())
        })
        .await;
        if finished.is_err() {
            return;
        }
        let mut finish = builder.finishing();
        let laid_out = slices::run_in_background(PREBUILD_SLICE_MS, || {
            if done() {
                return Err(());
            }
            Ok(finish.step(PREBUILD_LAYOUT_PER_STEP))
        })
        .await;
        if laid_out.is_ok() {
            let _ = self.pairs.set(Rc::new(finish.index()));
        }
    }
}

/// Handles compare by identity: a new corpus is always a new explorer.
impl PartialEq for ExplorerHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.explorer, &other.explorer)
    }
}

impl Deref for ExplorerHandle {
    type Target = Explorer;
    fn deref(&self) -> &Explorer {
        &self.explorer
    }
}

/// The explorer of the active corpus.
///
/// # Panics
/// When called outside the provider, which would be a bug in the component tree.
#[hook]
pub fn use_explorer() -> ExplorerHandle {
    use_context::<ExplorerHandle>().expect("use_explorer is called inside the explorer provider")
}
