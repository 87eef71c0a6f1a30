//! Runs every analyser over a document: the per-document facts that the search index, the facets,
//! the matrix and the exports are built from.

use crate::model::{Document, Figure, Mention, OrgMention, Rejected, Relation, TopicSet};
use crate::{figures, relations};

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
    // The gazetteer, organizations, topics and relations share one cut of the text into words.
    let rel = relations::analyze_document(doc);
    let figures = figures::extract(doc, &rel.countries.mentions);
    Analysis {
        countries: rel.countries.mentions,
        rejected: rel.countries.rejected,
        organizations: rel.organizations,
        sentence_topics: rel.sentence_topics,
        figures,
        relations: rel.relations,
    }
}
