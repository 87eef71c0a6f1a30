//! Full-text search: an inverted index over folded words, a small query language and BM25
//! ranking, plus highlighted snippets.
//!
//! Query language: words (case- and diacritic-insensitive; the last word is also a prefix while
//! the user types, and `word*` is an explicit prefix), `"quoted phrases"`, and `-word` or
//! `-"phrase"` to exclude. The index keeps no word positions, to stay small in the browser;
//! phrases are verified by scanning the folded text of the documents that hold all their words.

use crate::hash::FxHashMap;
use crate::text::fold_char;

/// BM25 parameters (the usual defaults).
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A prefix expands to at most this many vocabulary words, so a one-letter prefix stays cheap.
const MAX_PREFIX_EXPANSION: usize = 256;
/// A prefix shorter than this matches only the word itself: one typed letter would otherwise
/// expand to the most common words of the language and rank nearly every document (at 2,000
/// documents "a" cost 23 ms against 0.15 ms for two letters).
const MIN_PREFIX_CHARS: usize = 2;

/// One posting: a document and how often the word occurs in it.
#[derive(Clone, Copy, Debug)]
struct Posting {
    doc: u32,
    tf: u32,
}

/// The inverted index of a corpus.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    /// Sorted vocabulary, for exact and prefix lookup.
    vocabulary: Vec<(Box<str>, u32)>,
    postings: Vec<Vec<Posting>>,
    doc_len: Vec<u32>,
    avg_len: f32,
    /// Documents holding each pair of adjacent words, so a phrase query finds its documents
    /// without scanning texts (a two-word phrase exactly; a longer one is then verified).
    bigrams: Bigrams,
}

/// Adjacent word pairs and their documents, in three flat arrays (sorted pair keys, offsets, and
/// document lists): one allocation each instead of one per pair, built by a single sort.
#[derive(Clone, Debug, Default)]
struct Bigrams {
    keys: Vec<u64>,
    /// `offsets[i]..offsets[i + 1]` is the range of `docs` for `keys[i]`.
    offsets: Vec<u32>,
    docs: Vec<u32>,
}

impl Bigrams {
    fn key(a: u32, b: u32) -> u64 {
        (u64::from(a) << 32) | u64::from(b)
    }

    /// From (pair key, document) entries sorted by key, in document order within each pair.
    fn from_sorted(mut entries: Vec<(u64, u32)>) -> Bigrams {
        entries.dedup();
        let mut keys = Vec::new();
        let mut offsets = Vec::new();
        let mut docs = Vec::with_capacity(entries.len());
        for (key, doc) in entries {
            if keys.last() != Some(&key) {
                keys.push(key);
                offsets.push(docs.len() as u32);
            }
            docs.push(doc);
        }
        offsets.push(docs.len() as u32);
        Bigrams {
            keys,
            offsets,
            docs,
        }
    }

    /// The sorted documents holding word `a` right before word `b`.
    fn get(&self, a: u32, b: u32) -> &[u32] {
        match self.keys.binary_search(&Bigrams::key(a, b)) {
            Ok(i) => &self.docs[self.offsets[i] as usize..self.offsets[i + 1] as usize],
            Err(_) => &[],
        }
    }
}

/// Calls `f(start, end, folded_word)` for every word of `text`: a run of letters and digits after
/// folding, with byte offsets into `text`. `buf` is reused to avoid an allocation per word.
pub(super) fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(usize, usize, &str)) {
    buf.clear();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            let (a, b) = fold_char(c);
            buf.push(a);
            if let Some(b) = b {
                buf.push(b);
            }
        } else if let Some(s) = start.take() {
            f(s, i, buf);
            buf.clear();
        }
    }
    if let Some(s) = start {
        f(s, text.len(), buf);
        buf.clear();
    }
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Required words: `(folded word, is prefix)`.
    pub words: Vec<(String, bool)>,
    /// Required phrases, each a list of folded words.
    pub phrases: Vec<Vec<String>>,
    /// Excluded words.
    pub exclude_words: Vec<String>,
    /// Excluded phrases.
    pub exclude_phrases: Vec<Vec<String>>,
}

impl Query {
    /// Parses the search box text. Never fails: unbalanced quotes end at the end of the text.
    pub fn parse(input: &str) -> Query {
        let mut q = Query::default();
        let mut rest = input;
        let mut buf = String::new();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                break;
            }
            let negate = rest.starts_with('-') && rest.len() > 1;
            if negate {
                rest = &rest[1..];
            }
            if let Some(after) = rest.strip_prefix('"') {
                let end = after.find('"').unwrap_or(after.len());
                let mut words = Vec::new();
                for_each_word(&after[..end], &mut buf, |_, _, w| words.push(w.to_string()));
                rest = after.get(end + 1..).unwrap_or("");
                match (negate, words.len()) {
                    (_, 0) => {}
                    (false, 1) => q.words.push((words.remove(0), false)),
                    (true, 1) => q.exclude_words.push(words.remove(0)),
                    (false, _) => q.phrases.push(words),
                    (true, _) => q.exclude_phrases.push(words),
                }
                continue;
            }
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let token = &rest[..end];
            rest = &rest[end..];
            let explicit_prefix = token.ends_with('*');
            let mut words = Vec::new();
            for_each_word(token, &mut buf, |_, _, w| words.push(w.to_string()));
            // "Azerbaijan-Pakistan" or "U.S." hold several words: they must appear together.
            if words.len() > 1 {
                if negate {
                    q.exclude_phrases.push(words);
                } else {
                    q.phrases.push(words);
                }
            } else if let Some(w) = words.pop() {
                if negate {
                    q.exclude_words.push(w);
                } else {
                    q.words.push((w, explicit_prefix));
                }
            }
        }
        // While typing, the last bare word is also a prefix.
        if !input.ends_with(char::is_whitespace) && !input.trim_end().ends_with('"') {
            if let Some(last) = q.words.last_mut() {
                last.1 = true;
            }
        }
        q
    }

    /// Whether the query asks for nothing.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
            && self.phrases.is_empty()
            && self.exclude_words.is_empty()
            && self.exclude_phrases.is_empty()
    }

    /// Every positive folded word, for highlighting.
    pub fn highlight_words(&self) -> Vec<(String, bool)> {
        let mut out = self.words.clone();
        for p in &self.phrases {
            out.extend(p.iter().map(|w| (w.clone(), false)));
        }
        out
    }
}

/// A ranked search hit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// Document index.
    pub doc: u32,
    /// BM25 score (higher is better).
    pub score: f32,
}

/// A [`SearchIndex`] being built a document at a time, so a caller can spread the work over
/// several short tasks (the page must not freeze while a large corpus is indexed).
#[derive(Default)]
pub(super) struct SearchIndexBuilder {
    ids: FxHashMap<String, u32>,
    postings: Vec<Vec<Posting>>,
    doc_len: Vec<u32>,
    buf: String,
    // Term frequencies of the current document, by term id, with the ids it touched: cheaper
    // than a map per document.
    tf: Vec<u32>,
    touched: Vec<u32>,
    bigrams: Vec<(u64, u32)>,
    /// Once every document is added: how far [`SearchIndexBuilder::finish_step`] has got.
    finishing: Finishing,
}

/// The steps after the last document, each a linear sweep or one sort.
#[derive(Default)]
enum Finishing {
    #[default]
    NotStarted,
    /// The word pairs' radix sort, a pass per step.
    SortingPairs(crate::sort::RadixSort),
    /// The word pairs sorted; the vocabulary next.
    PairsSorted,
    /// Everything but the assembly done.
    Done {
        vocabulary: Vec<(Box<str>, u32)>,
        bigrams: Bigrams,
    },
}

impl SearchIndexBuilder {
    /// Indexes the next document's text.
    pub(super) fn add(&mut self, text: &str) {
        let doc = self.doc_len.len() as u32;
        let mut len = 0u32;
        let mut previous: Option<u32> = None;
        let SearchIndexBuilder {
            ids,
            postings,
            buf,
            tf,
            touched,
            bigrams,
            ..
        } = self;
        for_each_word(text, buf, |_, _, w| {
            len += 1;
            let id = match ids.get(w) {
                Some(&id) => id,
                None => {
                    let id = postings.len() as u32;
                    ids.insert(w.to_string(), id);
                    postings.push(Vec::new());
                    tf.push(0);
                    id
                }
            };
            if tf[id as usize] == 0 {
                touched.push(id);
            }
            tf[id as usize] += 1;
            if let Some(p) = previous {
                bigrams.push((Bigrams::key(p, id), doc));
            }
            previous = Some(id);
        });
        for id in touched.drain(..) {
            postings[id as usize].push(Posting {
                doc,
                tf: std::mem::take(&mut tf[id as usize]),
            });
        }
        self.doc_len.push(len);
    }

    /// Does the next piece of the work that follows the last document (a pass of the word pairs'
    /// sort, the vocabulary's sort, the word pairs' arrays); returns whether it is all done, after
    /// which [`SearchIndexBuilder::finish`] only assembles. A caller indexing in slices runs
    /// each piece as a slice of its own; documents cannot be added once this has started.
    pub(super) fn finish_step(&mut self) -> bool {
        match std::mem::take(&mut self.finishing) {
            Finishing::NotStarted => {
                self.finishing =
                    Finishing::SortingPairs(crate::sort::RadixSort::new(&self.bigrams));
            }
            Finishing::SortingPairs(mut sort) => {
                self.finishing = if sort.pass(&mut self.bigrams) {
                    Finishing::SortingPairs(sort)
                } else {
                    Finishing::PairsSorted
                };
            }
            Finishing::PairsSorted => {
                let mut vocabulary: Vec<(Box<str>, u32)> = std::mem::take(&mut self.ids)
                    .into_iter()
                    .map(|(w, id)| (w.into_boxed_str(), id))
                    .collect();
                crate::sort::sort_unstable(&mut vocabulary);
                let bigrams = Bigrams::from_sorted(std::mem::take(&mut self.bigrams));
                self.finishing = Finishing::Done {
                    vocabulary,
                    bigrams,
                };
            }
            done @ Finishing::Done { .. } => self.finishing = done,
        }
        matches!(self.finishing, Finishing::Done { .. })
    }

    /// The finished index (any work [`SearchIndexBuilder::finish_step`] has left is done now).
    pub(super) fn finish(mut self) -> SearchIndex {
        // Postings are in document order already: documents are added in order.
        debug_assert!(self
            .postings
            .iter()
            .all(|p| p.windows(2).all(|w| w[0].doc < w[1].doc)));
        while !self.finish_step() {}
        let Finishing::Done {
            vocabulary,
            bigrams,
        } = self.finishing
        else {
            unreachable!("finish_step ends at Done");
        };
        let total: u64 = self.doc_len.iter().map(|&l| u64::from(l)).sum();
        let avg_len = if self.doc_len.is_empty() {
            1.0
        } else {
            (total as f32 / self.doc_len.len() as f32).max(1.0)
        };
        SearchIndex {
            vocabulary,
            postings: self.postings,
            doc_len: self.doc_len,
            avg_len,
            bigrams,
        }
    }
}

impl SearchIndex {
    /// Builds the index over document texts (index `i` is document `i`).
    pub fn build<'a>(texts: impl IntoIterator<Item = &'a str>) -> SearchIndex {
        let mut builder = SearchIndexBuilder::default();
        for text in texts {
            builder.add(text);
        }
        builder.finish()
    }

    /// The number of indexed documents.
    pub fn len(&self) -> usize {
        self.doc_len.len()
    }

    /// Whether no document is indexed.
    pub fn is_empty(&self) -> bool {
        self.doc_len.is_empty()
    }

    fn exact(&self, word: &str) -> Option<u32> {
        self.vocabulary
            .binary_search_by(|(w, _)| w.as_ref().cmp(word))
            .ok()
            .map(|i| self.vocabulary[i].1)
    }

    /// Term ids matching a word: the exact word, plus (for a prefix) up to
    /// `MAX_PREFIX_EXPANSION` words that start with it.
    fn expand(&self, word: &str, prefix: bool) -> Vec<(u32, bool)> {
        if !prefix || word.chars().count() < MIN_PREFIX_CHARS {
            return self
                .exact(word)
                .map(|id| vec![(id, true)])
                .unwrap_or_default();
        }
        let start = self.vocabulary.partition_point(|(w, _)| w.as_ref() < word);
        self.vocabulary[start..]
            .iter()
            .take_while(|(w, _)| w.starts_with(word))
            .take(MAX_PREFIX_EXPANSION)
            .map(|(w, id)| (*id, w.as_ref() == word))
            .collect()
    }

    fn idf(&self, df: usize) -> f32 {
        let n = self.doc_len.len() as f32;
        ((n - df as f32 + 0.5) / (df as f32 + 0.5) + 1.0).ln()
    }

    /// Per-document BM25 contribution of one query word (max over its expansions; an exact match
    /// beats a prefix match), as a dense vector. Documents without the word have `None`.
    fn word_scores(&self, word: &str, prefix: bool) -> Vec<Option<f32>> {
        let mut scores = vec![None; self.doc_len.len()];
        for (id, exact) in self.expand(word, prefix) {
            let list = &self.postings[id as usize];
            let idf = self.idf(list.len());
            let weight = if exact { 1.0 } else { 0.8 };
            for p in list {
                let dl = self.doc_len[p.doc as usize] as f32;
                let tf = p.tf as f32;
                let s =
                    weight * idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * dl / self.avg_len));
                let slot = &mut scores[p.doc as usize];
                *slot = Some(slot.map_or(s, |old: f32| old.max(s)));
            }
        }
        scores
    }

    /// The documents that may hold a phrase, sorted, and whether that list is exact: the
    /// intersection of the documents of its adjacent word pairs (exact for two words; a longer
    /// phrase's words could be paired in different places, so its candidates need verifying).
    fn phrase_candidates(&self, phrase: &[String]) -> (Vec<u32>, bool) {
        let ids: Option<Vec<u32>> = phrase.iter().map(|w| self.exact(w)).collect();
        let Some(ids) = ids else {
            return (Vec::new(), true);
        };
        if ids.len() < 2 {
            let docs = ids
                .first()
                .map(|&id| self.postings[id as usize].iter().map(|p| p.doc).collect())
                .unwrap_or_default();
            return (docs, true);
        }
        let mut docs: Option<Vec<u32>> = None;
        for pair in ids.windows(2) {
            let list = self.bigrams.get(pair[0], pair[1]);
            docs = Some(match docs {
                None => list.to_vec(),
                Some(d) => d
                    .into_iter()
                    .filter(|x| list.binary_search(x).is_ok())
                    .collect(),
            });
        }
        (docs.unwrap_or_default(), ids.len() == 2)
    }

    /// Runs a query. `text_of(doc)` gives a document's text, used to verify phrases. Returns the
    /// matching documents, best first; an empty query returns `None` (no ranking applies).
    pub fn search<'a>(&self, query: &Query, text_of: impl Fn(u32) -> &'a str) -> Option<Vec<Hit>> {
        if query.is_empty() {
            return None;
        }
        let n = self.doc_len.len();
        // Every document starts as a match; each required word narrows, each exclusion removes.
        let mut total: Vec<Option<f32>> = vec![Some(0.0); n];
        let require = |scores: Vec<Option<f32>>, total: &mut Vec<Option<f32>>| {
            for (t, s) in total.iter_mut().zip(scores) {
                *t = match (*t, s) {
                    (Some(a), Some(b)) => Some(a + b),
                    _ => None,
                };
            }
        };
        for (w, prefix) in &query.words {
            require(self.word_scores(w, *prefix), &mut total);
        }
        for phrase in &query.phrases {
            for w in phrase {
                require(self.word_scores(w, false), &mut total);
            }
        }
        for w in &query.exclude_words {
            for (id, _) in self.expand(w, false) {
                for p in &self.postings[id as usize] {
                    total[p.doc as usize] = None;
                }
            }
        }
        for phrase in &query.phrases {
            let (candidates, exact) = self.phrase_candidates(phrase);
            for (doc, t) in total.iter_mut().enumerate() {
                let doc = doc as u32;
                if t.is_some()
                    && (candidates.binary_search(&doc).is_err()
                        || (!exact && !contains_phrase(text_of(doc), phrase)))
                {
                    *t = None;
                }
            }
        }
        for phrase in &query.exclude_phrases {
            let (candidates, exact) = self.phrase_candidates(phrase);
            for doc in candidates {
                let t = &mut total[doc as usize];
                if t.is_some() && (exact || contains_phrase(text_of(doc), phrase)) {
                    *t = None;
                }
            }
        }
        let mut hits: Vec<Hit> = total
            .into_iter()
            .enumerate()
            .filter_map(|(doc, score)| {
                score.map(|score| Hit {
                    doc: doc as u32,
                    score,
                })
            })
            .collect();
        crate::sort::sort_by(&mut hits, |a, b| {
            b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc))
        });
        Some(hits)
    }
}

/// Whether `text` holds the folded words of `phrase` consecutively.
pub(super) fn contains_phrase(text: &str, phrase: &[String]) -> bool {
    !phrase_spans(text, phrase).is_empty()
}

/// The byte spans of `text` where the words of `phrase` appear consecutively.
pub(super) fn phrase_spans(text: &str, phrase: &[String]) -> Vec<(usize, usize)> {
    let n = phrase.len();
    let mut out = Vec::new();
    if n == 0 {
        return out;
    }
    // Partial matches in progress: (start byte, words matched so far). Each word advances or
    // drops them, so the scan is one pass with no allocation per word.
    let mut partial: Vec<(usize, usize)> = Vec::new();
    let mut buf = String::new();
    for_each_word(text, &mut buf, |s, e, w| {
        partial.retain_mut(|(_, k)| {
            if phrase[*k] == w {
                *k += 1;
                true
            } else {
                false
            }
        });
        if phrase[0] == w {
            partial.push((s, 1));
        }
        partial.retain(|&(start, k)| {
            if k == n {
                out.push((start, e));
                false
            } else {
                true
            }
        });
    });
    out
}

/// Byte ranges of `text` to highlight for a query: every word equal to (or, for a prefix,
/// starting with) a query word, and every phrase occurrence.
pub(super) fn highlight_ranges(text: &str, query: &Query) -> Vec<(usize, usize)> {
    let words = query.words.clone();
    let mut out = Vec::new();
    let mut buf = String::new();
    if !words.is_empty() {
        for_each_word(text, &mut buf, |s, e, w| {
            if words.iter().any(|(q, prefix)| {
                if *prefix {
                    w.starts_with(q.as_str())
                } else {
                    w == q
                }
            }) {
                out.push((s, e));
            }
        });
    }
    for p in &query.phrases {
        out.extend(phrase_spans(text, p));
    }
    crate::sort::sort_unstable(&mut out);
    // Merge overlaps so the UI can cut the text into disjoint marked pieces.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    for (s, e) in out {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCS: [&str; 4] = [
        "Türkiye and Azerbaijan signed an energy deal.",
        "Turkiye's trade with Pakistan grew; energy exports rose.",
        "The United States and Azerbaijan discussed security.",
        "Energy energy energy: a report on energy security in Europe.",
    ];

    fn run(q: &str) -> Vec<u32> {
        let index = SearchIndex::build(DOCS);
        index
            .search(&Query::parse(q), |d| DOCS[d as usize])
            .unwrap_or_default()
            .iter()
            .map(|h| h.doc)
            .collect()
    }

    fn sorted(mut v: Vec<u32>) -> Vec<u32> {
        v.sort();
        v
    }

    #[test]
    fn matches_case_and_diacritic_insensitively() {
        assert_eq!(sorted(run("türkiye ")), vec![0, 1]);
        assert_eq!(sorted(run("TURKIYE ")), vec![0, 1]);
    }

    #[test]
    fn last_word_is_a_prefix_while_typing() {
        assert_eq!(sorted(run("azerb")), vec![0, 2]);
        assert_eq!(run("azerb "), Vec::<u32>::new());
        assert_eq!(sorted(run("secur* ")), vec![2, 3]);
    }

    #[test]
    fn phrases_and_exclusions() {
        assert_eq!(run("\"energy security\""), vec![3]);
        assert_eq!(sorted(run("energy -pakistan")), vec![0, 3]);
        assert_eq!(sorted(run("energy -\"energy deal\"")), vec![1, 3]);
        assert_eq!(run("\"united states\" azerbaijan"), vec![2]);
        // A hyphenated or dotted token is a phrase of its words.
        assert_eq!(run("united-states"), vec![2]);
    }

    #[test]
    fn longer_phrases_are_verified_not_just_paired() {
        let docs = [
            "energy security in Europe is a priority",
            // Both word pairs of the phrase occur, but never the three words in a row.
            "energy security matters; security in Asia too",
            "the the energy security in Europe",
        ];
        let index = SearchIndex::build(docs);
        let run = |q: &str| -> Vec<u32> {
            let mut v: Vec<u32> = index
                .search(&Query::parse(q), |d| docs[d as usize])
                .unwrap_or_default()
                .iter()
                .map(|h| h.doc)
                .collect();
            v.sort();
            v
        };
        assert_eq!(run("\"energy security in\""), vec![0, 2]);
        assert_eq!(run("\"security in\""), vec![0, 1, 2]);
        assert_eq!(run("security -\"energy security in\""), vec![1]);
        assert_eq!(run("\"in asia\" \"energy security\""), vec![1]);
        assert_eq!(run("\"unknown words\""), Vec::<u32>::new());
        assert_eq!(
            phrase_spans("the the energy", &["the".into(), "energy".into()]),
            vec![(4, 14)]
        );
    }

    #[test]
    fn one_letter_is_not_expanded_as_a_prefix() {
        // Typing "a" finds the word "a" (document 3), not every document holding "and",
        // "an", "azerbaijan", …
        assert_eq!(run("a"), vec![3]);
        assert_eq!(sorted(run("az")), vec![0, 2]);
    }

    #[test]
    fn ranks_by_bm25() {
        // Document 3 says "energy" four times in a short text.
        assert_eq!(run("energy ")[0], 3);
    }

    #[test]
    fn empty_and_odd_queries_never_fail() {
        let index = SearchIndex::build(DOCS);
        assert!(index
            .search(&Query::parse("   "), |d| DOCS[d as usize])
            .is_none());
        for q in [
            "\"",
            "-",
            "--",
            "\"\"",
            "*",
            "-\"",
            "\"unterminated phrase",
            "🙂",
            "a\u{0}b",
        ] {
            let _ = index.search(&Query::parse(q), |d| DOCS[d as usize]);
        }
    }

    #[test]
    fn highlights_words_prefixes_and_phrases() {
        let q = Query::parse("\"energy security\" azer");
        let text = DOCS[3];
        let ranges = highlight_ranges(text, &q);
        let marked: Vec<&str> = ranges.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(marked, vec!["energy security"]);
        let t0 = DOCS[0];
        let marked: Vec<&str> = highlight_ranges(t0, &q)
            .iter()
            .map(|&(s, e)| &t0[s..e])
            .collect();
        assert_eq!(marked, vec!["Azerbaijan"]);
    }
}
