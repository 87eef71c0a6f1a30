//! The figure extractor's tables: number words, units and currencies, qualifiers and word
//! classes, read once from the data files under `data/` and kept in a [`OnceLock`].
//!
//! Lookups never allocate: phrases are matched in place against the text's bytes (a space in a
//! table phrase matches any run of whitespace), and single words are lowercased into a small
//! stack buffer before a hash lookup.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::scan;
use crate::model::{FigureKind, Qualifier};

const NUMBER_WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/data/number_words.tsv"));
const UNITS: &str = include_str!(concat!(env!("OUT_DIR"), "/data/units.tsv"));
const QUALIFIERS: &str = include_str!(concat!(env!("OUT_DIR"), "/data/figures_qualifiers.tsv"));
const WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/data/figures_words.tsv"));

/// The grammatical role of a number word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumClass {
    /// one … nine.
    Unit,
    /// ten … nineteen.
    Teen,
    /// twenty, thirty, … ninety.
    Tens,
    /// hundred.
    Hundred,
    /// thousand, million, bn, crore, …
    Scale,
    /// dozen.
    Dozen,
}

/// A number word or magnitude abbreviation.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NumWord {
    pub value: f64,
    pub class: NumClass,
    /// Only after digits ("3.7 bn"), never inside a number written in words.
    pub abbr: bool,
    /// Only after a currency prefix ("$5m"), where it cannot be a unit.
    pub money_only: bool,
}

/// A unit: what a number measures and how its value normalizes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Unit {
    pub kind: FigureKind,
    /// The normalized unit (currency code, `%`, base unit, duration unit).
    pub unit: &'static str,
    /// One of this unit expressed in the normalized unit.
    pub factor: f64,
}

/// Word classes (bit flags), from `figures_words.tsv`.
pub(crate) mod class {
    pub(crate) const MONTH: u16 = 1;
    pub(crate) const FUNC: u16 = 1 << 1;
    pub(crate) const DET: u16 = 1 << 2;
    pub(crate) const PLURAL: u16 = 1 << 3;
    pub(crate) const NONCOUNT: u16 = 1 << 4;
    pub(crate) const LABEL: u16 = 1 << 5;
    pub(crate) const PRONOUN: u16 = 1 << 6;
    pub(crate) const TIME: u16 = 1 << 7;
    pub(crate) const RANGE: u16 = 1 << 8;
    pub(crate) const YEARPREP: u16 = 1 << 10;
    pub(crate) const GENERIC: u16 = 1 << 11;
    pub(crate) const VERB: u16 = 1 << 12;
    pub(crate) const PARTITIVE: u16 = 1 << 13;
    pub(crate) const COUNTMOD: u16 = 1 << 14;
    pub(crate) const ADJECTIVE: u16 = 1 << 15;
}

/// A small, fast hasher for the short lowercase keys of the tables (FxHash's mixing step).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<V> = HashMap<&'static [u8], V, BuildHasherDefault<FxHasher>>;

/// The slot of a word's first two letters in a [`Bigrams`] table (a one-letter word uses slot 26
/// for its missing second letter); `None` if the word does not start with two ASCII letters.
#[inline]
fn bigram(word: &[u8]) -> Option<usize> {
    let a = word.first()?.to_ascii_lowercase();
    if !a.is_ascii_lowercase() {
        return None;
    }
    let b = match word.get(1) {
        None => 26,
        Some(b) if b.is_ascii_alphabetic() => usize::from(b.to_ascii_lowercase() - b'a'),
        Some(_) => return None,
    };
    Some(usize::from(a - b'a') * 27 + b)
}

/// For each first-two-letters slot, a bit per word length (1–31) that some listed word has: a
/// filter that rejects almost every word of running text without a hash lookup.
#[derive(Clone)]
pub(crate) struct Bigrams(Vec<u32>);

impl Bigrams {
    fn new() -> Self {
        Bigrams(vec![0; 26 * 27])
    }
    fn insert(&mut self, word: &[u8]) {
        if let Some(i) = bigram(word).filter(|_| word.len() < 32) {
            self.0[i] |= 1 << word.len();
        }
    }
    /// Whether `word` may be one of the listed words.
    #[inline]
    pub(crate) fn may_contain(&self, word: &[u8]) -> bool {
        word.len() < 32 && bigram(word).is_some_and(|i| self.0[i] & (1 << word.len()) != 0)
    }
}

/// One phrase of a [`PhraseTable`].
struct Phrase<T> {
    surface: &'static [u8],
    case_sensitive: bool,
    value: T,
}

/// A phrase's index with the ASCII-lowercased byte next to the indexed one (0 when that byte is
/// a space or absent, which a text byte is then not checked against): a cheap pre-check before
/// the full match.
#[derive(Clone, Copy)]
struct Slot {
    index: u32,
    next: u8,
}

fn next_byte(surface: &[u8], i: Option<usize>) -> u8 {
    match i.and_then(|i| surface.get(i)) {
        Some(b' ') | None => 0,
        Some(b) => b.to_ascii_lowercase(),
    }
}

/// Phrases matched in place, forwards (from their first byte) or backwards (ending at a given
/// byte), longest first.
pub(crate) struct PhraseTable<T> {
    phrases: Vec<Phrase<T>>,
    /// Phrases by their ASCII-lowercased first byte (with their second), longest first.
    by_first: Vec<Vec<Slot>>,
    /// Phrases by their ASCII-lowercased last byte (with the one before), longest first.
    by_last: Vec<Vec<Slot>>,
}

impl<T: Copy> PhraseTable<T> {
    fn new(mut phrases: Vec<Phrase<T>>) -> Self {
        crate::sort::sort_by_key(&mut phrases, |p| std::cmp::Reverse(p.surface.len()));
        let mut by_first = vec![Vec::new(); 256];
        let mut by_last = vec![Vec::new(); 256];
        for (i, p) in phrases.iter().enumerate() {
            if let (Some(&f), Some(&l)) = (p.surface.first(), p.surface.last()) {
                let n = p.surface.len();
                by_first[usize::from(f.to_ascii_lowercase())].push(Slot {
                    index: i as u32,
                    next: next_byte(p.surface, Some(1)),
                });
                by_last[usize::from(l.to_ascii_lowercase())].push(Slot {
                    index: i as u32,
                    next: next_byte(p.surface, n.checked_sub(2)),
                });
            }
        }
        PhraseTable {
            phrases,
            by_first,
            by_last,
        }
    }

    /// The longest phrase that starts at `pos`, with the position just after it.
    pub(crate) fn match_forward(&self, text: &[u8], pos: usize) -> Option<(T, usize)> {
        self.match_forward_impl(text, pos, false)
    }

    /// Like [`PhraseTable::match_forward`], but a digit may follow directly ("USD5").
    pub(crate) fn match_forward_before_digit(&self, text: &[u8], pos: usize) -> Option<(T, usize)> {
        self.match_forward_impl(text, pos, true)
    }

    fn match_forward_impl(&self, text: &[u8], pos: usize, digit_ok: bool) -> Option<(T, usize)> {
        let first = *text.get(pos)?;
        let second = text.get(pos + 1).map_or(0, u8::to_ascii_lowercase);
        for slot in &self.by_first[usize::from(first.to_ascii_lowercase())] {
            if slot.next != 0 && slot.next != second {
                continue;
            }
            let p = &self.phrases[slot.index as usize];
            if let Some(end) = scan::match_forward(text, pos, p.surface, p.case_sensitive, digit_ok)
            {
                return Some((p.value, end));
            }
        }
        None
    }

    /// The longest phrase that ends at `end`, with the position of its first byte.
    pub(crate) fn match_backward(&self, text: &[u8], end: usize) -> Option<(T, usize)> {
        if end == 0 {
            return None;
        }
        let last = text[end - 1];
        let before = if end >= 2 {
            text[end - 2].to_ascii_lowercase()
        } else {
            0
        };
        for slot in &self.by_last[usize::from(last.to_ascii_lowercase())] {
            if slot.next != 0 && slot.next != before {
                continue;
            }
            let p = &self.phrases[slot.index as usize];
            if let Some(start) = scan::match_backward(text, end, p.surface, p.case_sensitive) {
                return Some((p.value, start));
            }
        }
        None
    }
}

/// All the tables.
pub(crate) struct Lexicon {
    number_words: FxMap<NumWord>,
    /// Words that can start a number written in words (number words, "a", "half"): the filter
    /// run at every word of the text.
    number_starts: Bigrams,
    /// Number words and magnitudes, for the words after a number's first.
    number_words_filter: Bigrams,
    /// Units written after a number.
    pub units: PhraseTable<Unit>,
    /// Currencies written before a number.
    pub prefixes: PhraseTable<Unit>,
    /// Qualifiers written before a figure.
    pub qualifiers: PhraseTable<Qualifier>,
    /// Clock-time markers written after a number ("pm", "a.m.", "GMT").
    pub time_words: PhraseTable<()>,
    words: FxMap<u16>,
    /// Suffixes of lowercase adjectives ("-al", "-ic", "-ed").
    adjective_suffixes: Vec<&'static [u8]>,
    /// Suffixes of capitalized demonyms ("-an", "-ese", "-i").
    demonym_suffixes: Vec<&'static [u8]>,
}

/// The tables, built on first use.
pub(crate) fn get() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(build)
}

/// The data lines of a table: neither blank nor a `#` comment, split on tabs.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn has_flag(flags: Option<&&str>, flag: &str) -> bool {
    flags.is_some_and(|f| f.split(',').any(|x| x.trim() == flag))
}

fn build() -> Lexicon {
    let mut number_words = FxMap::default();
    let mut number_starts = Bigrams::new();
    let mut number_words_filter = Bigrams::new();
    for row in rows(NUMBER_WORDS) {
        let (Some(word), Some(value), Some(class)) = (row.first(), row.get(1), row.get(2)) else {
            continue;
        };
        let class = match *class {
            "unit" => NumClass::Unit,
            "teen" => NumClass::Teen,
            "tens" => NumClass::Tens,
            "hundred" => NumClass::Hundred,
            "scale" => NumClass::Scale,
            "dozen" => NumClass::Dozen,
            _ => continue,
        };
        let Ok(value) = value.parse::<f64>() else {
            continue;
        };
        let abbr = has_flag(row.get(3), "abbr");
        if !abbr {
            number_starts.insert(word.as_bytes());
        }
        number_words_filter.insert(word.as_bytes());
        number_words.insert(
            word.as_bytes(),
            NumWord {
                value,
                class,
                abbr,
                money_only: has_flag(row.get(3), "money"),
            },
        );
    }
    // "a million", "a dozen", "a decade"; "half a million".
    number_starts.insert(b"a");
    number_starts.insert(b"half");

    let mut units = Vec::new();
    let mut prefixes = Vec::new();
    for row in rows(UNITS) {
        let (Some(surface), Some(kind), Some(unit), Some(factor)) =
            (row.first(), row.get(1), row.get(2), row.get(3))
        else {
            continue;
        };
        let Some(kind) = FigureKind::from_id(kind) else {
            continue;
        };
        let Ok(factor) = factor.parse::<f64>() else {
            continue;
        };
        let flags = row.get(4);
        let value = Unit { kind, unit, factor };
        let case_sensitive = has_flag(flags, "cs");
        let pre = has_flag(flags, "pre");
        if pre {
            prefixes.push(Phrase {
                surface: surface.as_bytes(),
                case_sensitive,
                value,
            });
        }
        if !pre || has_flag(flags, "post") {
            units.push(Phrase {
                surface: surface.as_bytes(),
                case_sensitive,
                value,
            });
        }
    }

    let mut qualifiers = Vec::new();
    for row in rows(QUALIFIERS) {
        let (Some(phrase), Some(q)) = (row.first(), row.get(1)) else {
            continue;
        };
        let Some(q) = Qualifier::from_id(q) else {
            continue;
        };
        qualifiers.push(Phrase {
            surface: phrase.as_bytes(),
            case_sensitive: false,
            value: q,
        });
    }

    let mut words: FxMap<u16> = FxMap::default();
    let mut time_words = Vec::new();
    let mut adjective_suffixes = Vec::new();
    let mut demonym_suffixes = Vec::new();
    for row in rows(WORDS) {
        let (Some(word), Some(c)) = (row.first(), row.get(1)) else {
            continue;
        };
        let bit = match *c {
            "month" => class::MONTH,
            "func" => class::FUNC,
            "det" => class::DET,
            "plural" => class::PLURAL,
            "noncount" => class::NONCOUNT,
            "label" => class::LABEL,
            "pronoun" => class::PRONOUN,
            "time" => {
                time_words.push(Phrase {
                    surface: word.as_bytes(),
                    case_sensitive: false,
                    value: (),
                });
                class::TIME
            }
            "range" => class::RANGE,
            "yearprep" => class::YEARPREP,
            "generic" => class::GENERIC,
            "verb" => class::VERB,
            "partitive" => class::PARTITIVE,
            "countmod" => class::COUNTMOD,
            "adjective" => class::ADJECTIVE,
            "adjsuffix" => {
                adjective_suffixes.push(word.as_bytes());
                continue;
            }
            "demsuffix" => {
                demonym_suffixes.push(word.as_bytes());
                continue;
            }
            _ => continue,
        };
        *words.entry(word.as_bytes()).or_insert(0) |= bit;
    }

    Lexicon {
        number_words,
        number_starts,
        number_words_filter,
        units: PhraseTable::new(units),
        prefixes: PhraseTable::new(prefixes),
        qualifiers: PhraseTable::new(qualifiers),
        time_words: PhraseTable::new(time_words),
        words,
        adjective_suffixes,
        demonym_suffixes,
    }
}

/// Lowercases an ASCII word into `buf`; `None` if it is too long.
#[inline]
fn lower<'b>(word: &[u8], buf: &'b mut [u8; 24]) -> Option<&'b [u8]> {
    let out = buf.get_mut(..word.len())?;
    for (d, s) in out.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    Some(out)
}

impl Lexicon {
    /// Whether an ASCII word could start a number written in words: a cheap test on its first
    /// two letters and length, run at every word of the text.
    #[inline]
    pub(crate) fn may_start_number(&self, word: &[u8]) -> bool {
        self.number_starts.may_contain(word)
    }

    /// The number word or magnitude `word` (any case), if it is one.
    #[inline]
    pub(crate) fn number_word(&self, word: &[u8]) -> Option<NumWord> {
        if !self.number_words_filter.may_contain(word) {
            return None;
        }
        let mut buf = [0u8; 24];
        self.number_words.get(lower(word, &mut buf)?).copied()
    }

    /// Whether a word that modifies a counted noun is an adjective (left out of the noun as
    /// reported) rather than a noun ("border crossings"): listed, or with an adjective suffix
    /// (lowercase) or a demonym suffix (capitalized).
    pub(crate) fn is_adjective(&self, word: &[u8], class_bits: u16) -> bool {
        if class_bits & class::ADJECTIVE != 0 {
            return true;
        }
        let ends = |suffixes: &[&[u8]]| {
            suffixes
                .iter()
                .any(|s| word.len() > s.len() + 1 && word.ends_with(s))
        };
        if word.first().is_some_and(u8::is_ascii_uppercase) {
            ends(&self.demonym_suffixes)
        } else {
            ends(&self.adjective_suffixes)
        }
    }

    /// The classes of `word` (any case), as [`class`] bits; 0 for an unknown word.
    pub(crate) fn word_class(&self, word: &[u8]) -> u16 {
        let mut buf = [0u8; 24];
        lower(word, &mut buf)
            .and_then(|w| self.words.get(w).copied())
            .unwrap_or(0)
    }
}
