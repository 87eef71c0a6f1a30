//! Hooks (`use_*`): how components reach app-wide values.

pub mod use_corpus;
pub mod use_explorer;
pub mod use_view_state;
