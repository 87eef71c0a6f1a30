//! Hooks (`use_*`): how components reach app-wide values.

pub mod use_corpus;
