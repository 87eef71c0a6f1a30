//! The parser's small lexicons (month names, abbreviations, sentence openers, boilerplate cue
//! phrases, header words, function words), read once from `data/parse_*.txt`.
//!
//! The rules of the parser are shapes of lines; these lists only name the words those shapes need
//! ("Read more", "Mr", "July"). Entries are folded (lowercase, no diacritics) where matching
//! ignores case, and kept as written where case matters (abbreviations, sentence openers).

use crate::text::fold;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A small, fast hasher for the lexicons' short keys (the FxHash scheme): the sentence splitter
/// looks a word up at every period, where SipHash's strength buys nothing.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;
type HashSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;

/// How a word followed by a period behaves at a possible sentence end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Precedes a name or noun: never ends a sentence ("Mr.", "e.g.").
    Title,
    /// Ends no sentence before a number ("No. 5"), may end one otherwise.
    Number,
    /// May end a sentence: ends one only before a typical sentence opener.
    Ambiguous,
}

/// How a boilerplate cue phrase is matched against a folded line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueMode {
    /// The whole line.
    Exact,
    /// A prefix ending at a word boundary.
    Prefix,
    /// Anywhere in the line.
    Contains,
}

/// A boilerplate cue phrase.
#[derive(Clone, Debug)]
pub(crate) struct Cue {
    pub reason: String,
    pub mode: CueMode,
    pub phrase: String,
}

/// All lexicons of the parser.
#[derive(Debug, Default)]
pub(crate) struct Lexicons {
    pub months: HashMap<String, u8>,
    pub abbreviations: HashMap<String, Abbrev>,
    pub sentence_starters: HashSet<String>,
    pub cues: Vec<Cue>,
    pub organization_words: HashSet<String>,
    pub genres: HashSet<String>,
    pub languages: HashSet<String>,
    pub home_words: HashSet<String>,
    pub contents_headings: HashSet<String>,
    pub date_labels: Vec<String>,
    pub author_labels: Vec<String>,
    pub source_labels: Vec<String>,
    pub function_words: HashSet<String>,
}

/// The lexicons, built on first use.
pub(crate) fn lexicons() -> &'static Lexicons {
    static LEXICONS: OnceLock<Lexicons> = OnceLock::new();
    LEXICONS.get_or_init(build)
}

/// The meaningful lines of a data file: trimmed, without blank lines and `#` comments.
fn data_lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn build() -> Lexicons {
    let mut lex = Lexicons::default();

    for line in data_lines(include_str!(concat!(
        env!("OUT_DIR"),
        "/data/parse_months.txt"
    ))) {
        let mut words = line.split_whitespace();
        let Some(Ok(month)) = words.next().map(str::parse::<u8>) else {
            continue;
        };
        for name in words {
            lex.months.insert(fold(name), month);
        }
    }

    for line in data_lines(include_str!(concat!(
        env!("OUT_DIR"),
        "/data/parse_abbreviations.txt"
    ))) {
        let mut words = line.split_whitespace();
        let (Some(word), Some(kind)) = (words.next(), words.next()) else {
            continue;
        };
        let kind = match kind {
            "title" => Abbrev::Title,
            "number" => Abbrev::Number,
            _ => Abbrev::Ambiguous,
        };
        lex.abbreviations.insert(word.to_string(), kind);
    }

    lex.sentence_starters = data_lines(include_str!(concat!(
        env!("OUT_DIR"),
        "/data/parse_sentence_starters.txt"
    )))
    .map(str::to_string)
    .collect();

    for line in data_lines(include_str!(concat!(
        env!("OUT_DIR"),
        "/data/parse_boilerplate.txt"
    ))) {
        let Some((reason, pattern)) = line.split_once('|') else {
            continue;
        };
        let pattern = pattern.trim();
        let (mode, phrase) = match pattern.chars().next() {
            Some('=') => (CueMode::Exact, &pattern[1..]),
            Some('^') => (CueMode::Prefix, &pattern[1..]),
            Some('~') => (CueMode::Contains, &pattern[1..]),
            _ => (CueMode::Exact, pattern),
        };
        lex.cues.push(Cue {
            reason: reason.trim().to_string(),
            mode,
            phrase: fold(phrase.trim()),
        });
    }

    let mut section = "";
    for line in data_lines(include_str!(concat!(
        env!("OUT_DIR"),
        "/data/parse_header_words.txt"
    ))) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
            continue;
        }
        let word = fold(line);
        match section {
            "organization" => drop(lex.organization_words.insert(word)),
            "genre" => drop(lex.genres.insert(word)),
            "language" => drop(lex.languages.insert(word)),
            "home" => drop(lex.home_words.insert(word)),
            "contents" => drop(lex.contents_headings.insert(word)),
            "date label" => lex.date_labels.push(word),
            "author label" => lex.author_labels.push(word),
            "source label" => lex.source_labels.push(word),
            _ => {}
        }
    }
    // Longer labels first, so "last updated" wins over "updated".
    for labels in [
        &mut lex.date_labels,
        &mut lex.author_labels,
        &mut lex.source_labels,
    ] {
        crate::sort::sort_by_key(labels, |l| std::cmp::Reverse(l.len()));
    }

    lex.function_words = data_lines(include_str!(concat!(
        env!("OUT_DIR"),
        "/data/parse_function_words.txt"
    )))
    .map(fold)
    .collect();
    lex
}

impl Lexicons {
    /// The month number of a month name or abbreviation ("July", "JUL", "Jul.").
    pub(super) fn month(&self, word: &str) -> Option<u8> {
        let word = word.trim_end_matches('.');
        if word.is_empty() || word.len() > 12 || !word.chars().all(char::is_alphabetic) {
            return None;
        }
        self.months.get(&fold(word)).copied()
    }

    /// The reason of the first boilerplate cue that matches `line`, which must be short. A prefix
    /// cue does not match a finished sentence of more than four words: "Share prices rose 5
    /// percent." is news, "Share this article" and "Follow us on X." are furniture.
    pub(super) fn cue(&self, line: &str) -> Option<&str> {
        let line = line.trim();
        let sentence = line.ends_with('.') && super::shapes::word_count(line, 4) > 4;
        let folded = fold(line);
        let folded = folded.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != ')');
        self.cues
            .iter()
            .find(|cue| match cue.mode {
                CueMode::Exact => folded == cue.phrase,
                CueMode::Contains => folded.contains(cue.phrase.as_str()),
                CueMode::Prefix => !sentence && starts_with_word(folded, &cue.phrase),
            })
            .map(|cue| cue.reason.as_str())
    }

    /// Whether `line` starts with one of `labels` (folded) as a whole word, and what follows it
    /// (with a `:` separator skipped).
    pub(super) fn strip_label<'a>(&self, labels: &[String], line: &'a str) -> Option<&'a str> {
        // Labels are ASCII, so a folded prefix of the same byte length matches the original.
        for label in labels {
            let n = label.len();
            if line.len() >= n
                && line.is_char_boundary(n)
                && line[..n].eq_ignore_ascii_case(label)
                && line[n..]
                    .chars()
                    .next()
                    .is_some_and(|c| c == ':' || c.is_whitespace())
            {
                let rest = line[n..].trim_start();
                let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
                return Some(rest);
            }
        }
        None
    }
}

/// Whether `text` starts with `prefix` followed by a word boundary (the end, a space, or
/// punctuation other than a hyphen, so "follow" does not match "follow-up").
pub(crate) fn starts_with_word(text: &str, prefix: &str) -> bool {
    text.starts_with(prefix)
        && text[prefix.len()..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '\''))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_every_lexicon() {
        let lex = lexicons();
        assert_eq!(lex.month("JULY"), Some(7));
        assert_eq!(lex.month("Sept."), Some(9));
        assert_eq!(lex.month("Avqust"), Some(8));
        assert_eq!(lex.month("Julys"), None);
        assert_eq!(lex.abbreviations.get("Mr"), Some(&Abbrev::Title));
        assert_eq!(lex.abbreviations.get("No"), Some(&Abbrev::Number));
        assert!(lex.sentence_starters.contains("The"));
        assert!(lex.organization_words.contains("center"));
        assert!(lex.genres.contains("bulletin"));
        assert!(lex.languages.contains("az"));
        assert!(lex.home_words.contains("home"));
        assert!(lex.contents_headings.contains("table of contents"));
        assert!(lex.function_words.contains("the"));
    }

    #[test]
    fn matches_cues_on_whole_words() {
        let lex = lexicons();
        for (line, want) in [
            ("Read more", Some("read more link")),
            ("Read more.", Some("read more link")),
            ("Follow Trend on", Some("share prompt")),
            ("Follow-up talks", None),
            ("Shares rose", None),
            ("Tags:", Some("tag list")),
            ("Latest", Some("headline list")),
            ("Latest developments", None),
            ("Follow us on Twitter.", Some("share prompt")),
            ("Share prices rose 5 percent on Monday.", None),
            ("Comments (3)", Some("share prompt")),
            ("5 min read", Some("reading time")),
            (
                "© 2025 Example. All rights reserved.",
                Some("rights notice"),
            ),
            (
                "Stay up-to-date with more news on X's WhatsApp channel",
                Some("share prompt"),
            ),
        ] {
            assert_eq!(lex.cue(line), want, "{line}");
        }
    }

    #[test]
    fn strips_labels() {
        let lex = lexicons();
        assert_eq!(
            lex.strip_label(&lex.date_labels, "Date: 2025"),
            Some("2025")
        );
        assert_eq!(lex.strip_label(&lex.date_labels, " date"), None);
        assert_eq!(
            lex.strip_label(&lex.author_labels, "By Ali Gasimov"),
            Some("Ali Gasimov")
        );
        assert_eq!(lex.strip_label(&lex.author_labels, "Bypass"), None);
    }
}
