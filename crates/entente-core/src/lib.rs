//! The pure core of entente.
//!
//! Everything that entente knows about documents lives here, free of any web or operating-system
//! dependency, so the same code runs natively (build script, CLI, tests, benchmarks, fuzzers) and in
//! the browser (the app and its import worker):
//!
//! - [`parse`] turns messy article text into [`model::Document`]s;
//! - [`gazetteer`], [`organizations`], [`topics`], [`figures`] and [`relations`] analyse a document,
//!   and [`analysis::analyze`] runs them all;
//! - [`codec`] is the one versioned binary encoding of a parsed corpus.
//!
//! The core never touches the DOM, the network, the file system or a clock.
#![deny(missing_docs)]
// An item is `pub` only where the façade reaches it; the rest is `pub(crate)`.
#![warn(unreachable_pub)]

pub mod analysis;
pub mod codec;
pub mod explore;
pub mod export;
pub mod figures;
pub mod gazetteer;
mod hash;
pub mod import;
pub mod inline_text;
pub(crate) mod longrange;
pub mod model;
pub mod organizations;
pub mod parse;
pub mod relations;
pub mod sort;
pub mod synth;
pub mod text;
pub mod topics;

pub use analysis::{analyze, Analysed, Analysis};
pub use model::{Corpus, Document};
