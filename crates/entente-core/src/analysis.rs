//! Runs every analyser over a document: the per-document facts that the search index, the facets,
//! the matrix and the exports are built from.

use crate::model::{Document, Figure, Mention, OrgMention, Rejected, Relation, TopicSet};
use crate::{figures, gazetteer, organizations, relations, topics};

/// Everything entente extracts from one document. Offsets point into [`Document::text`].
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Country mentions, in text order.
    pub countries: Vec<Mention>,
    /// Country candidates rejected by disambiguation, with reasons.
    pub rejected: Vec<Rejected>,
    /// Organization mentions, in text order.
    pub organizations: Vec<OrgMention>,
    /// The topics of each sentence.
    pub sentence_topics: Vec<TopicSet>,
    /// Figures, in text order.
    pub figures: Vec<Figure>,
    /// Relation sentences, in text order.
    pub relations: Vec<Relation>,
}

/// Analyses one document.
pub fn analyze(doc: &Document) -> Analysis {
    let scan = gazetteer::scan(doc);
    let organizations = organizations::scan(doc);
    let sentence_topics = topics::classify(doc);
    let figures = figures::extract(doc, &scan.mentions);
    let relations = relations::extract(doc, &scan.mentions, &sentence_topics);
    Analysis {
        countries: scan.mentions,
        rejected: scan.rejected,
        organizations,
        sentence_topics,
        figures,
        relations,
    }
}
