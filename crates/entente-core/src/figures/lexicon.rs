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

const NUMBER_WORDS: &str = include_str!("../../data/number_words.tsv");
const UNITS: &str = include_str!("../../data/units.tsv");
const QUALIFIERS: &str = include_str!("../../data/figures_qualifiers.tsv");
const WORDS: &str = include_str!("../../data/figures_words.tsv");

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
    pub const MONTH: u16 = 1;
    pub const FUNC: u16 = 1 << 1;
    pub const DET: u16 = 1 << 2;
    pub const PLURAL: u16 = 1 << 3;
    pub const NONCOUNT: u16 = 1 << 4;
    pub const LABEL: u16 = 1 << 5;
    pub const PRONOUN: u16 = 1 << 6;
    pub const TIME: u16 = 1 << 7;
    pub const RANGE: u16 = 1 << 8;
    pub const ORDINAL: u16 = 1 << 9;
    pub const YEARPREP: u16 = 1 << 10;
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

type FxMap<V> = HashMap<&'static str, V, BuildHasherDefault<FxHasher>>;

/// One phrase of a [`PhraseTable`].
struct Phrase<T> {
    surface: &'static [u8],
    case_sensitive: bool,
    value: T,
}

/// Phrases matched in place, forwards (from their first byte) or backwards (ending at a given
/// byte), longest first.
pub(crate) struct PhraseTable<T> {
    phrases: Vec<Phrase<T>>,
    /// Indexes of phrases by their ASCII-lowercased first byte, longest phrase first.
    by_first: Vec<Vec<u32>>,
    /// Indexes of phrases by their ASCII-lowercased last byte, longest phrase first.
    by_last: Vec<Vec<u32>>,
}

impl<T: Copy> PhraseTable<T> {
    fn new(mut phrases: Vec<Phrase<T>>) -> Self {
        phrases.sort_by(|a, b| b.surface.len().cmp(&a.surface.len()));
        let mut by_first = vec![Vec::new(); 256];
        let mut by_last = vec![Vec::new(); 256];
        for (i, p) in phrases.iter().enumerate() {
            if let (Some(&f), Some(&l)) = (p.surface.first(), p.surface.last()) {
                by_first[usize::from(f.to_ascii_lowercase())].push(i as u32);
                by_last[usize::from(l.to_ascii_lowercase())].push(i as u32);
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
        for &i in &self.by_first[usize::from(first.to_ascii_lowercase())] {
            let p = &self.phrases[i as usize];
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
        for &i in &self.by_last[usize::from(last.to_ascii_lowercase())] {
            let p = &self.phrases[i as usize];
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
    /// For each ASCII lowercase first letter, a bit per word length (1–31) that some number word
    /// (or the article "a") has: a cheap filter run at every word of the text.
    number_word_lengths: [u32; 26],
    /// Units written after a number.
    pub units: PhraseTable<Unit>,
    /// Currencies written before a number.
    pub prefixes: PhraseTable<Unit>,
    /// Qualifiers written before a figure.
    pub qualifiers: PhraseTable<Qualifier>,
    /// Clock-time markers written after a number ("pm", "a.m.", "GMT").
    pub time_words: PhraseTable<()>,
    words: FxMap<u16>,
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
    let mut number_word_lengths = [0u32; 26];
    let mut mark_length = |w: &str| {
        if let Some(f) = w.bytes().next().filter(u8::is_ascii_alphabetic) {
            if w.len() < 32 {
                number_word_lengths[usize::from(f.to_ascii_lowercase() - b'a')] |= 1 << w.len();
            }
        }
    };
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
            mark_length(word);
        }
        number_words.insert(
            *word,
            NumWord {
                value,
                class,
                abbr,
                money_only: has_flag(row.get(3), "money"),
            },
        );
    }
    // "a million", "a dozen", "a decade"; "half a million".
    mark_length("a");
    mark_length("half");

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
        let q = match *q {
            "over" => Qualifier::Over,
            "under" => Qualifier::Under,
            "approx" => Qualifier::Approx,
            "up_to" => Qualifier::UpTo,
            _ => continue,
        };
        qualifiers.push(Phrase {
            surface: phrase.as_bytes(),
            case_sensitive: false,
            value: q,
        });
    }

    let mut words: FxMap<u16> = FxMap::default();
    let mut time_words = Vec::new();
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
            "ordinal" => class::ORDINAL,
            "yearprep" => class::YEARPREP,
            _ => continue,
        };
        *words.entry(*word).or_insert(0) |= bit;
    }

    Lexicon {
        number_words,
        number_word_lengths,
        units: PhraseTable::new(units),
        prefixes: PhraseTable::new(prefixes),
        qualifiers: PhraseTable::new(qualifiers),
        time_words: PhraseTable::new(time_words),
        words,
    }
}

/// Lowercases an ASCII word into `buf`; `None` if it is too long or not ASCII.
fn lower<'b>(word: &[u8], buf: &'b mut [u8; 24]) -> Option<&'b str> {
    if word.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..word.len()]).ok()
}

impl Lexicon {
    /// Whether an ASCII word could start a number written in words: a cheap test on its first
    /// letter and length, run at every word of the text.
    #[inline]
    pub(crate) fn may_start_number(&self, word: &[u8]) -> bool {
        match word.first() {
            Some(&f) if f.is_ascii_alphabetic() && word.len() < 32 => {
                self.number_word_lengths[usize::from(f.to_ascii_lowercase() - b'a')]
                    & (1 << word.len())
                    != 0
            }
            _ => false,
        }
    }

    /// The number word `word` (any case), if it is one.
    pub(crate) fn number_word(&self, word: &[u8]) -> Option<NumWord> {
        let mut buf = [0u8; 24];
        self.number_words.get(lower(word, &mut buf)?).copied()
    }

    /// The classes of `word` (any case), as [`class`] bits; 0 for an unknown word.
    pub(crate) fn word_class(&self, word: &[u8]) -> u16 {
        let mut buf = [0u8; 24];
        lower(word, &mut buf)
            .and_then(|w| self.words.get(w).copied())
            .unwrap_or(0)
    }
}
