//! The corpus context: the active corpus, analysed and indexed once ([`ExplorerHandle`]), with
//! where it came from. Provided by [`App`](crate::App) and read by any component with
//! [`use_corpus_context`], as a cheap clone.

use crate::corpus::{CorpusOrigin, LoadedCorpus};
use crate::hooks::use_explorer::ExplorerHandle;
use yew::prelude::*;

/// The value of the corpus context.
#[derive(Clone, PartialEq)]
pub struct CorpusContext {
    /// The active corpus's explorer (documents, analyses, indexes). Compared by identity.
    pub explorer: ExplorerHandle,
    /// Where the corpus came from.
    pub origin: CorpusOrigin,
}

impl CorpusContext {
    /// Indexes a loaded corpus: the one expensive step, done once per corpus.
    pub fn new(loaded: LoadedCorpus) -> Self {
        CorpusContext {
            explorer: ExplorerHandle::new(loaded.analysed),
            origin: loaded.origin,
        }
    }
}

/// The active corpus with its origin.
///
/// # Panics
/// When called outside the provider, which would be a bug in the component tree.
#[hook]
pub fn use_corpus_context() -> CorpusContext {
    use_context::<CorpusContext>().expect("use_corpus_context is called inside the corpus provider")
}
