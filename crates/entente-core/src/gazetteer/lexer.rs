//! The word lexer and phrase table shared by the gazetteer, the organization matcher, the topic
//! classifier and the stance cues.
//!
//! Text is cut once into words (maximal runs of letters and digits), each with a 64-bit hash of
//! its folded form ([`crate::text::fold_char`]: case and Latin diacritics removed), so "Türkiye",
//! "TURKIYE" and "turkiye" hash alike and no word is ever allocated. A phrase is a sequence of
//! words joined by simple separators (space, hyphen, apostrophe, period); its key mixes the word
//! hashes with the separator classes, so "Guinea-Bissau" and "Guinea Bissau" share a key while
//! "Azerbaijan–U.S." (an en dash) is two phrases. [`PhraseTable`] finds the longest phrase that
//! starts at a word in one hash probe per word, plus one per extra word while a longer phrase is
//! still possible.

use crate::text::fold_char;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The first character of the word is uppercase.
pub(crate) const UPPER_INITIAL: u8 = 1;
/// The word has at least one letter and no lowercase letter ("NATO", "BAKU", "U").
pub(crate) const ALL_UPPER: u8 = 2;
/// The word has a digit.
pub(crate) const HAS_DIGIT: u8 = 4;
/// The word has a letter.
pub(crate) const HAS_LETTER: u8 = 8;

/// One word of the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Token {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Hash of the folded word.
    pub hash: u64,
    /// `UPPER_INITIAL | ALL_UPPER | HAS_DIGIT | HAS_LETTER`.
    pub flags: u8,
}

impl Token {
    pub(crate) fn is_capitalized(&self) -> bool {
        self.flags & UPPER_INITIAL != 0
    }
    pub(crate) fn is_all_upper(&self) -> bool {
        self.flags & ALL_UPPER != 0
    }
    pub(crate) fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
}

const SEED: u64 = 0xcbf2_9ce4_8422_2325;
const MUL: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn mix_char(h: u64, c: u32) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(MUL)
}

/// Mixes two 64-bit values (used to chain word hashes into phrase keys).
#[inline]
pub(crate) fn mix(h: u64, v: u64) -> u64 {
    let x = (h.rotate_left(23) ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

/// The hash of a folded word given as text ("Azerbaijan" and "azerbaijan" hash alike).
pub(crate) fn word_hash(word: &str) -> u64 {
    let mut h = SEED;
    for c in word.chars() {
        let (a, b) = fold_char(c);
        h = mix_char(h, a as u32);
        if let Some(b) = b {
            h = mix_char(h, b as u32);
        }
    }
    h
}

/// Cuts `text` into words, appending them to `out`.
pub(crate) fn tokenize(text: &str, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let n = bytes.len();
    out.reserve(n / 6);
    while i < n {
        let b = bytes[i];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
        } else {
            let c = decode(text, i);
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
        }
        // A word starts at i.
        let start = i;
        let mut h = SEED;
        let mut flags = 0u8;
        let mut has_lower = false;
        let mut first = true;
        while i < n {
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_lowercase() {
                    has_lower = true;
                    flags |= HAS_LETTER;
                    h = mix_char(h, u32::from(b));
                } else if b.is_ascii_uppercase() {
                    if first {
                        flags |= UPPER_INITIAL;
                    }
                    flags |= HAS_LETTER;
                    h = mix_char(h, u32::from(b | 0x20));
                } else if b.is_ascii_digit() {
                    flags |= HAS_DIGIT;
                    h = mix_char(h, u32::from(b));
                } else {
                    break;
                }
                i += 1;
            } else {
                let c = decode(text, i);
                if !c.is_alphanumeric() {
                    break;
                }
                if c.is_uppercase() {
                    if first {
                        flags |= UPPER_INITIAL;
                    }
                } else if c.is_lowercase() {
                    has_lower = true;
                }
                if c.is_alphabetic() {
                    flags |= HAS_LETTER;
                } else {
                    flags |= HAS_DIGIT;
                }
                let (a, b2) = fold_char(c);
                h = mix_char(h, a as u32);
                if let Some(b2) = b2 {
                    h = mix_char(h, b2 as u32);
                }
                i += c.len_utf8();
            }
            first = false;
        }
        if flags & HAS_LETTER != 0 && !has_lower {
            flags |= ALL_UPPER;
        }
        out.push(Token {
            start: start as u32,
            end: i as u32,
            hash: h,
            flags,
        });
    }
}

#[inline]
fn decode(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

/// How two neighbouring words are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sep {
    /// Whitespace within a paragraph (at most one line break).
    Space,
    /// A single hyphen ("Guinea-Bissau", "Azerbaijan-Pakistan").
    Hyphen,
    /// A single apostrophe ("d'Ivoire", "Azerbaijan's").
    Apos,
    /// A single period with no space ("U.S").
    Dot,
    /// A period and whitespace ("St. Lucia").
    DotSpace,
    /// Anything else: a phrase cannot continue across it.
    Break,
}

impl Sep {
    /// The separator's contribution to a phrase key: a hyphen and a space are the same.
    fn key(self) -> u64 {
        match self {
            Sep::Space | Sep::Hyphen => 1,
            Sep::Apos => 2,
            Sep::Dot => 3,
            Sep::DotSpace => 4,
            Sep::Break => 5,
        }
    }
}

/// Classifies the bytes between two words.
pub(crate) fn sep_of(gap: &str) -> Sep {
    match gap {
        " " => return Sep::Space,
        "-" | "\u{2010}" | "\u{2011}" => return Sep::Hyphen,
        "'" | "\u{2019}" | "\u{2018}" | "\u{02BC}" => return Sep::Apos,
        "." => return Sep::Dot,
        _ => {}
    }
    if gap.is_empty() {
        return Sep::Break;
    }
    let (dot, rest) = match gap.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, gap),
    };
    let mut newlines = 0;
    for c in rest.chars() {
        if c == '\n' {
            newlines += 1;
        } else if !(c.is_whitespace() || c == '\u{00A0}') {
            return Sep::Break;
        }
    }
    if rest.is_empty() || newlines > 1 {
        return Sep::Break;
    }
    if dot {
        Sep::DotSpace
    } else {
        Sep::Space
    }
}

/// The separator between tokens `a` and `b` of `text`.
#[inline]
pub(crate) fn sep_between(text: &str, a: &Token, b: &Token) -> Sep {
    text.get(a.end as usize..b.start as usize)
        .map_or(Sep::Break, sep_of)
}

/// A hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type IdBuild = BuildHasherDefault<IdHasher>;

/// The key of a phrase given as text, tokenized the same way as documents. `None` for an empty
/// phrase or one with a separator a phrase cannot cross.
pub(crate) fn phrase_key(phrase: &str) -> Option<(u64, usize)> {
    let mut toks = Vec::new();
    tokenize(phrase, &mut toks);
    let first = toks.first()?;
    let mut h = mix(SEED, first.hash);
    for w in toks.windows(2) {
        let sep = sep_between(phrase, &w[0], &w[1]);
        if sep == Sep::Break {
            return None;
        }
        h = mix(mix(h, sep.key()), w[1].hash);
    }
    Some((h, toks.len()))
}

/// A table of phrases mapped to values, matched longest-first at word starts.
#[derive(Clone, Debug)]
pub(crate) struct PhraseTable<V> {
    full: HashMap<u64, V, IdBuild>,
    prefixes: HashSet<u64, IdBuild>,
    max_words: usize,
}

impl<V> Default for PhraseTable<V> {
    fn default() -> Self {
        PhraseTable {
            full: HashMap::default(),
            prefixes: HashSet::default(),
            max_words: 0,
        }
    }
}

impl<V> PhraseTable<V> {
    /// Adds (or replaces) a phrase. Returns false when the phrase cannot be keyed.
    pub(crate) fn insert(&mut self, phrase: &str, value: V) -> bool {
        let mut toks = Vec::new();
        tokenize(phrase, &mut toks);
        let Some(first) = toks.first() else {
            return false;
        };
        let mut h = mix(SEED, first.hash);
        for w in toks.windows(2) {
            let sep = sep_between(phrase, &w[0], &w[1]);
            if sep == Sep::Break {
                return false;
            }
            self.prefixes.insert(h);
            h = mix(mix(h, sep.key()), w[1].hash);
        }
        self.max_words = self.max_words.max(toks.len());
        self.full.insert(h, value);
        true
    }

    /// Whether a phrase with this text is in the table.
    pub(crate) fn get_text(&self, phrase: &str) -> Option<&V> {
        let (h, _) = phrase_key(phrase)?;
        self.full.get(&h)
    }

    /// The longest phrase starting at word `i`: the index one past its last word, and its value.
    #[inline]
    pub(crate) fn longest_at(&self, text: &str, tokens: &[Token], i: usize) -> Option<(usize, &V)> {
        let mut h = mix(SEED, tokens[i].hash);
        let mut best = self.full.get(&h).map(|v| (i + 1, v));
        let mut j = i + 1;
        while j < tokens.len() && j - i < self.max_words && self.prefixes.contains(&h) {
            let sep = sep_between(text, &tokens[j - 1], &tokens[j]);
            if sep == Sep::Break {
                break;
            }
            h = mix(mix(h, sep.key()), tokens[j].hash);
            if let Some(v) = self.full.get(&h) {
                best = Some((j + 1, v));
            }
            j += 1;
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut t = Vec::new();
        tokenize(text, &mut t);
        t.iter()
            .map(|t| &text[t.start as usize..t.end as usize])
            .collect()
    }

    #[test]
    fn cuts_words_on_letters_and_digits() {
        assert_eq!(
            words("Azerbaijan’s COP29, Türkiye-U.S. talks"),
            ["Azerbaijan", "s", "COP29", "Türkiye", "U", "S", "talks"]
        );
        assert_eq!(words(""), Vec::<&str>::new());
        assert_eq!(words("—–…"), Vec::<&str>::new());
    }

    #[test]
    fn flags_case() {
        let mut t = Vec::new();
        tokenize("BAKU Baku baku B2", &mut t);
        assert!(t[0].is_all_upper() && t[0].is_capitalized());
        assert!(!t[1].is_all_upper() && t[1].is_capitalized());
        assert!(!t[2].is_capitalized());
        assert!(t[3].flags & HAS_DIGIT != 0);
    }

    #[test]
    fn folds_case_and_diacritics_in_hashes() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        tokenize("Türkiye", &mut a);
        tokenize("TURKIYE", &mut b);
        assert_eq!(a[0].hash, b[0].hash);
        assert_eq!(a[0].hash, word_hash("turkiye"));
    }

    #[test]
    fn classifies_separators() {
        for (gap, want) in [
            (" ", Sep::Space),
            ("\n", Sep::Space),
            ("\n\n", Sep::Break),
            ("-", Sep::Hyphen),
            ("–", Sep::Break),
            ("’", Sep::Apos),
            (".", Sep::Dot),
            (". ", Sep::DotSpace),
            (", ", Sep::Break),
            ("", Sep::Break),
        ] {
            assert_eq!(sep_of(gap), want, "{gap:?}");
        }
    }

    #[test]
    fn finds_longest_phrase() {
        let mut table = PhraseTable::default();
        table.insert("Guinea", 1);
        table.insert("Guinea-Bissau", 2);
        table.insert("Papua New Guinea", 3);
        table.insert("U.S.", 4);
        let check = |text: &str, i: usize, want: Option<(usize, i32)>| {
            let mut t = Vec::new();
            tokenize(text, &mut t);
            assert_eq!(
                table.longest_at(text, &t, i).map(|(e, v)| (e, *v)),
                want,
                "{text}"
            );
        };
        check("Guinea-Bissau and Guinea", 0, Some((2, 2)));
        check("Guinea Bissau", 0, Some((2, 2)));
        check("Guinea–Bissau", 0, Some((1, 1)));
        check("Guinea-Bissau and Guinea", 3, Some((4, 1)));
        check("Papua New Guinea", 0, Some((3, 3)));
        check("Papua New", 0, None);
        check("the U.S. and", 1, Some((3, 4)));
        assert_eq!(table.get_text("guinea bissau"), Some(&2));
    }
}
