//! Runs every analyser over a document: the per-document facts that the search index, the facets,
//! the matrix and the exports are built from.

use crate::model::{Corpus, Document, Figure, Mention, OrgMention, Rejected, Relation, TopicSet};
use crate::{figures, relations};
use serde::{Deserialize, Serialize};

/// Everything entente extracts from one document. Offsets point into [`Document::text`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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

/// A corpus with the analysis of each of its documents: what the binary corpus format stores, so
/// the page shows a corpus without running the analysers (they run at build time, in the CLI, or
/// in the import worker).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysed {
    /// The documents.
    pub corpus: Corpus,
    /// One analysis per document, in document order.
    pub analyses: Vec<Analysis>,
}

impl Analysed {
    /// Runs every analyser over every document.
    pub fn new(corpus: Corpus) -> Analysed {
        let analyses = corpus.documents.iter().map(analyze).collect();
        Analysed { corpus, analyses }
    }

    /// Whether every analysis fits its document: one per document, and every offset inside the
    /// text on a character boundary. A stored corpus is untrusted input, and the UI slices text by
    /// these offsets.
    pub fn is_consistent(&self) -> bool {
        self.analyses.len() == self.corpus.documents.len()
            && self
                .corpus
                .documents
                .iter()
                .zip(&self.analyses)
                .all(|(d, a)| a.fits(d))
    }
}

/// Whether `start..end` is a slice of `text` on character boundaries.
fn in_text(text: &str, start: u32, end: u32) -> bool {
    start <= end && text.is_char_boundary(start as usize) && text.is_char_boundary(end as usize)
}

impl Analysis {
    pub(crate) fn fits(&self, doc: &Document) -> bool {
        let text = doc.text.as_str();
        let sentences = doc.sentences.len() as u32;
        let paragraphs = doc.paragraphs.len() as u32;
        let span = |start: u32, end: u32| in_text(text, start, end);
        // The document's own ranges first: the UI slices its text by them.
        doc.paragraphs.iter().all(|p| span(p.start, p.end))
            && doc
                .sentences
                .iter()
                .all(|s| span(s.start, s.end) && (s.paragraph < paragraphs || paragraphs == 0))
            && self
                .countries
                .iter()
                .all(|m| span(m.start, m.end) && m.sentence < sentences)
            && self.rejected.iter().all(|r| span(r.start, r.end))
            && self
                .organizations
                .iter()
                .all(|o| span(o.start, o.end) && o.sentence < sentences)
            && self.sentence_topics.len() <= doc.sentences.len()
            && self
                .figures
                .iter()
                .all(|f| span(f.start, f.end) && f.sentence < sentences)
            && self
                .relations
                .iter()
                .all(|r| span(r.start, r.end) && r.sentence < sentences)
    }
}
