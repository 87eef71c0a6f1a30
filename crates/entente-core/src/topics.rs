//! Topics per sentence, multi-label, from a lexicon in a data file.
//!
//! `data/topics.tsv` lists, for each of the ten topics, words and phrases with a weight (4: the
//! word alone names the topic, such as "pipeline"; 1: a faint sign, such as "relations"). A
//! sentence's weights are summed per topic in one pass over its words (longest phrase first, so
//! "natural gas" counts once and "think tank" is not a tank); a topic is kept when its sum reaches
//! [`THRESHOLD`], and at most the [`MAX_TOPICS`] strongest are kept, as the annotation guidelines
//! give a sentence one to three topics.

use crate::gazetteer::lexer::{self, word_hash, IdBuild, PhraseTable, Token, HAS_DIGIT};
use crate::gazetteer::tsv_rows;
use crate::model::{Document, Topic, TopicSet};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The summed weight a topic needs in a sentence.
pub const THRESHOLD: u32 = 3;
/// The most topics a sentence gets.
pub const MAX_TOPICS: usize = 3;

#[derive(Clone, Copy, Debug)]
struct Cue {
    topic: Topic,
    weight: u8,
}

struct Lexicon {
    phrases: PhraseTable<Cue>,
    /// Words followed by digits ("COP29"), keyed by the hash of the letters.
    numbered: HashMap<u64, Cue, IdBuild>,
}

const TOPICS_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/data/topics.tsv"));

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut phrases = PhraseTable::default();
        let mut numbered = HashMap::default();
        for row in tsv_rows(TOPICS_TSV) {
            let (Some(topic), Some(weight), Some(&phrase)) = (
                row.first().and_then(|t| Topic::from_id(t)),
                row.get(1).and_then(|w| w.parse::<u8>().ok()),
                row.get(2),
            ) else {
                continue;
            };
            let cue = Cue { topic, weight };
            if let Some(stem) = phrase.strip_suffix('#') {
                numbered.insert(word_hash(stem), cue);
                continue;
            }
            phrases.insert(phrase, cue);
            if !phrase.contains(' ') && !phrase.ends_with('s') {
                phrases.insert(&format!("{phrase}s"), cue);
            }
        }
        Lexicon { phrases, numbered }
    })
}

/// The topics of each sentence of a document (one entry per sentence).
pub fn classify(doc: &Document) -> Vec<TopicSet> {
    let mut tokens: Vec<Token> = Vec::new();
    lexer::tokenize(&doc.text, &mut tokens);
    classify_tokens(doc, &tokens)
}

pub(crate) fn classify_tokens(doc: &Document, toks: &[Token]) -> Vec<TopicSet> {
    let lex = lexicon();
    let text = doc.text.as_str();
    let mut out = vec![TopicSet::default(); doc.sentences.len()];
    if doc.sentences.is_empty() {
        return out;
    }
    let mut scores = [0u32; 10];
    let mut sentence = 0usize;
    let mut i = 0;
    while i < toks.len() {
        let start = toks[i].start;
        if start >= doc.sentences[sentence].end {
            out[sentence] = pick(&scores);
            scores = [0; 10];
            while sentence + 1 < doc.sentences.len() && doc.sentences[sentence].end <= start {
                sentence += 1;
            }
            if start >= doc.sentences[sentence].end {
                break;
            }
        }
        if start < doc.sentences[sentence].start {
            i += 1;
            continue;
        }
        match lex.phrases.longest_at(text, toks, i) {
            Some((j, cue)) => {
                scores[cue.topic as usize] += u32::from(cue.weight);
                i = j;
            }
            None => {
                if toks[i].flags & HAS_DIGIT != 0 {
                    let word = &text[toks[i].start as usize..toks[i].end as usize];
                    let letters = word.trim_end_matches(|c: char| c.is_ascii_digit());
                    if !letters.is_empty() && letters.len() < word.len() {
                        if let Some(cue) = lex.numbered.get(&word_hash(letters)) {
                            scores[cue.topic as usize] += u32::from(cue.weight);
                        }
                    }
                }
                i += 1;
            }
        }
    }
    out[sentence] = pick(&scores);
    out
}

/// The topics whose score reaches the threshold, strongest first, at most [`MAX_TOPICS`].
fn pick(scores: &[u32; 10]) -> TopicSet {
    let mut ranked: Vec<(u32, usize)> = scores
        .iter()
        .enumerate()
        .filter(|(_, &s)| s >= THRESHOLD)
        .map(|(t, &s)| (s, t))
        .collect();
    // Stronger first; ties keep topic order.
    crate::sort::sort_by(&mut ranked, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut set = TopicSet::default();
    for &(_, t) in ranked.iter().take(MAX_TOPICS) {
        set.insert(Topic::ALL[t]);
    }
    set
}

/// A document's topic profile: for each topic (in [`Topic::ALL`] order), how many sentences have
/// it.
pub fn profile(sentence_topics: &[TopicSet]) -> [u32; 10] {
    let mut counts = [0u32; 10];
    for set in sentence_topics {
        for t in set.iter() {
            counts[t as usize] += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::tests::doc;

    fn check(sentence: &str, want: &[&str]) {
        let d = doc(sentence);
        let got: Vec<&str> = classify(&d)[0].iter().map(Topic::id).collect();
        assert_eq!(got, want, "\n  sentence: {sentence}");
    }

    #[test]
    fn one_topic_per_strong_word() {
        check(
            "Energy cooperation remains a cornerstone of their relations.",
            &["energy"],
        );
        check("The two sides discussed the oil pipeline.", &["energy"]);
        check("Trade between them has surged.", &["trade"]);
        check(
            "Another area is transport and regional connectivity.",
            &["transport"],
        );
        check("They signed a peace agreement.", &["diplomacy"]);
        check("The war displaced thousands.", &["conflict"]);
        check("Hosting COP29 will address climate change.", &["climate"]);
        check(
            "They discussed artificial intelligence and 5G.",
            &["technology"],
        );
        check("A visa-free regime boosts tourism.", &["culture"]);
        check("The campaign of disinformation continues.", &["media"]);
    }

    #[test]
    fn several_topics_strongest_first_at_most_three() {
        check(
            "Military and economic cooperation, energy supplies and trade.",
            &["energy", "defense", "trade"],
        );
        check(
            "The arms deal, the gas pipeline, the railway, the summit and the war.",
            &["energy", "defense", "transport"],
        );
    }

    #[test]
    fn faint_signs_need_support() {
        check("Relations between the two countries are good.", &[]);
        check(
            "Political ties and bilateral cooperation grew.",
            &["diplomacy"],
        );
        check("A think tank said so.", &[]);
    }

    #[test]
    fn plural_and_case_insensitive() {
        check("PIPELINES and Pipelines", &["energy"]);
        check("Howitzers arrived.", &["defense"]);
    }

    #[test]
    fn one_entry_per_sentence_and_profile() {
        let d = doc("Oil.\n\nTrade.\n\nNothing here.");
        let t = classify(&d);
        assert_eq!(t.len(), 3);
        assert!(t[0].contains(Topic::Energy));
        assert!(t[1].contains(Topic::Trade));
        assert!(t[2].is_empty());
        let p = profile(&t);
        assert_eq!(p[Topic::Energy as usize], 1);
        assert_eq!(p[Topic::Trade as usize], 1);
        assert!(classify(&doc("")).is_empty());
    }
}
