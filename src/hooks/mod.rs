//! Hooks (`use_*`): how components reach app-wide values (the corpus library, the active corpus,
//! its explorer, the view state).

pub mod use_corpus;
pub mod use_explorer;
pub mod use_library;
pub mod use_view_state;
