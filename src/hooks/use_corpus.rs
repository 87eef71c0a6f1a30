//! The corpus context: the decoded corpus is provided once by [`App`](crate::App) and read by any
//! component with [`use_corpus`], as a cheap `Rc` clone.

use crate::corpus::{CorpusOrigin, LoadedCorpus};
use entente_core::Corpus;
use std::rc::Rc;
use yew::prelude::*;

/// The value of the corpus context.
#[derive(Clone, Debug)]
pub struct CorpusContext {
    /// The active corpus.
    pub corpus: Rc<Corpus>,
    /// Where it came from.
    pub origin: CorpusOrigin,
}

impl CorpusContext {
    /// The context for a loaded corpus.
    pub fn new(loaded: &LoadedCorpus) -> Self {
        CorpusContext {
            corpus: Rc::clone(&loaded.corpus),
            origin: loaded.origin,
        }
    }
}

/// Contexts compare by identity: comparing two corpora document by document on every render
/// would cost more than it saves, and a new corpus is always a new `Rc`.
impl PartialEq for CorpusContext {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.corpus, &other.corpus) && self.origin == other.origin
    }
}

/// The active corpus.
///
/// # Panics
/// When called outside the provider, which would be a bug in the component tree.
#[hook]
pub fn use_corpus() -> Rc<Corpus> {
    use_corpus_context().corpus
}

/// The active corpus with its origin.
///
/// # Panics
/// When called outside the provider.
#[hook]
pub fn use_corpus_context() -> CorpusContext {
    use_context::<CorpusContext>().expect("use_corpus is called inside the corpus provider")
}
