//! Figure extraction: every number that measures something, normalized.
//!
//! STUB: extracts nothing yet.

use crate::model::{Document, Figure, Mention};

/// Extracts the figures of a document. `mentions` are its country mentions, which figures may use
/// to tell a number inside a name from a measurement.
pub fn extract(doc: &Document, mentions: &[Mention]) -> Vec<Figure> {
    let _ = (doc, mentions);
    Vec::new()
}
