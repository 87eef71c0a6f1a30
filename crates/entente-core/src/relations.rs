//! Relation sentences and the stance of each country pair in them.
//!
//! STUB: finds nothing yet.

use crate::model::{Document, Mention, Relation, TopicSet};

/// The relation sentences of a document, in order: every sentence that refers to two or more
/// distinct countries as states, with each pair's stance and the sentence's topics.
pub fn extract(
    doc: &Document,
    mentions: &[Mention],
    sentence_topics: &[TopicSet],
) -> Vec<Relation> {
    let _ = (doc, mentions, sentence_topics);
    Vec::new()
}
