//! Relation sentences, the stance of each country pair in them, and the relation matrix.
//!
//! A relation sentence refers to two or more distinct countries as states (RELATIONS.md): only
//! mentions with [`MentionRole::State`] count, and datelines are left out (they say where a story
//! was filed, not who acts in it). Every unordered pair of its countries gets its own stance
//! ([`stance`]): in "Armenia's arms deal with India threatens Azerbaijan", AM–IN is cooperative,
//! AM–AZ conflictual and AZ–IN neutral. The sentence's topics come from [`crate::topics`]; a
//! relation sentence with no topic cue is filed under diplomacy, since the relation itself is a
//! diplomatic fact.
//!
//! [`matrix`] aggregates relations over documents into the symmetric country × country matrix.

pub mod matrix;
mod stance;

use crate::gazetteer::{self, lexer, CountryScan};
use crate::model::{
    CountryCode, Document, Mention, MentionForm, MentionRole, OrgMention, Relation, Topic, TopicSet,
};
use crate::{organizations, topics};

/// What the gazetteer, the organization matcher, the topic classifier and relation extraction
/// find in a document.
#[derive(Clone, Debug, Default)]
pub struct RelationAnalysis {
    /// Country mentions and rejected candidates ([`crate::gazetteer::scan`]).
    pub countries: CountryScan,
    /// Organization mentions ([`crate::organizations::scan`]).
    pub organizations: Vec<OrgMention>,
    /// The topics of each sentence ([`crate::topics::classify`]).
    pub sentence_topics: Vec<TopicSet>,
    /// Relation sentences ([`extract`]).
    pub relations: Vec<Relation>,
}

/// Runs the gazetteer, the organization matcher, the topic classifier and relation extraction
/// over one cut of the text into words: the same results as calling each of them, for a third of
/// the lexing.
pub fn analyze_document(doc: &Document) -> RelationAnalysis {
    let mut tokens = Vec::new();
    lexer::tokenize(&doc.text, &mut tokens);
    let countries = gazetteer::scan_with_tokens(doc, &tokens);
    let organizations = organizations::scan_tokens(doc, &tokens);
    let sentence_topics = topics::classify_tokens(doc, &tokens);
    let relations = extract_with_tokens(doc, &countries.mentions, &sentence_topics, Some(&tokens));
    RelationAnalysis {
        countries,
        organizations,
        sentence_topics,
        relations,
    }
}

/// Whether a mention counts in relations: a state reference that is not a dateline.
pub fn counts_in_relations(m: &Mention) -> bool {
    m.role == MentionRole::State && m.form != MentionForm::Dateline
}

/// The relation sentences of a document, in order: every sentence that refers to two or more
/// distinct countries as states, with each pair's stance and the sentence's topics.
pub fn extract(
    doc: &Document,
    mentions: &[Mention],
    sentence_topics: &[TopicSet],
) -> Vec<Relation> {
    extract_with_tokens(doc, mentions, sentence_topics, None)
}

/// [`extract`], reusing the words of the whole text when they are already cut.
fn extract_with_tokens(
    doc: &Document,
    mentions: &[Mention],
    sentence_topics: &[TopicSet],
    tokens: Option<&[lexer::Token]>,
) -> Vec<Relation> {
    let mut out = Vec::new();
    let counted: Vec<Mention> = mentions
        .iter()
        .filter(|m| counts_in_relations(m))
        .cloned()
        .collect();
    let mut i = 0;
    while i < counted.len() {
        let s = counted[i].sentence;
        let mut j = i + 1;
        while j < counted.len() && counted[j].sentence == s {
            j += 1;
        }
        let group = &counted[i..j];
        i = j;
        let Some(sentence) = doc.sentences.get(s as usize) else {
            continue;
        };
        let mut codes: Vec<CountryCode> = group.iter().map(|m| m.code).collect();
        crate::sort::sort_unstable(&mut codes);
        codes.dedup();
        if codes.len() < 2 {
            continue;
        }
        let pairs = stance::pair_stances(
            &doc.text,
            (sentence.start, sentence.end),
            tokens,
            group,
            &codes,
        );
        let mut topics = sentence_topics.get(s as usize).copied().unwrap_or_default();
        if topics.is_empty() {
            topics.insert(Topic::Diplomacy);
        }
        out.push(Relation {
            sentence: s,
            start: sentence.start,
            end: sentence.end,
            pairs,
            topics,
        });
    }
    out
}

#[cfg(test)]
mod tests;
