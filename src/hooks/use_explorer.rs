//! The explorer context: the corpus indexed once ([`Explorer::from_analysed`]), with the
//! relation pair index the matrix is computed from ([`PairIndex::build`]), shared by every view as
//! a cheap `Rc` clone. The index with organizations ([`PairIndex::build_with_organizations`])
//! costs several times more, so it is built the first time the matrix shows organizations.

use entente_core::explore::Explorer;
use entente_core::relations::matrix::PairIndex;
use std::cell::OnceCell;
use std::ops::Deref;
use std::rc::Rc;
use yew::prelude::*;

/// The value of the explorer context.
#[derive(Clone)]
pub struct ExplorerHandle {
    /// The explorer (documents, analyses, search index, facets).
    pub explorer: Rc<Explorer>,
    /// The per-document co-mention lists of the matrix.
    pub pairs: Rc<PairIndex>,
    /// The same with organizations, once asked for.
    org_pairs: Rc<OnceCell<Rc<PairIndex>>>,
}

impl ExplorerHandle {
    /// Indexes an analysed corpus: the one expensive step, done once per corpus. The analyses come
    /// with the corpus, so the page links none of the analysers.
    pub fn new(analysed: entente_core::Analysed) -> ExplorerHandle {
        let explorer = Explorer::from_analysed(analysed);
        let pairs = PairIndex::build(explorer.corpus.documents.iter().zip(&explorer.analyses));
        ExplorerHandle {
            explorer: Rc::new(explorer),
            pairs: Rc::new(pairs),
            org_pairs: Rc::default(),
        }
    }

    /// The pair index to compute a matrix from: with organizations (built on the first call that
    /// asks for them) or without.
    pub fn pair_index(&self, organizations: bool) -> Rc<PairIndex> {
        if !organizations {
            return self.pairs.clone();
        }
        self.org_pairs
            .get_or_init(|| {
                Rc::new(PairIndex::build_with_organizations(
                    self.explorer
                        .corpus
                        .documents
                        .iter()
                        .zip(&self.explorer.analyses),
                ))
            })
            .clone()
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
