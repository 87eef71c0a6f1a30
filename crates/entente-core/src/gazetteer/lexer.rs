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
use std::collections::HashMap;
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

/// Mixes two 64-bit values (used to chain word hashes into phrase keys).
#[inline]
pub(crate) fn mix(h: u64, v: u64) -> u64 {
    let x = (h.rotate_left(23) ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

/// Hashes a folded word eight bytes at a time: bytes are packed into a word and mixed once per
/// eight, which keeps the per-byte work to a shift and an or.
#[derive(Clone, Copy)]
struct WordHasher {
    h: u64,
    acc: u64,
    n: u32,
}

impl WordHasher {
    #[inline]
    fn new() -> Self {
        WordHasher {
            h: SEED,
            acc: 0,
            n: 0,
        }
    }
    #[inline]
    fn push(&mut self, b: u8) {
        self.acc = (self.acc << 8) | u64::from(b);
        self.n += 1;
        if self.n == 8 {
            self.h = mix(self.h, self.acc);
            self.acc = 0;
            self.n = 0;
        }
    }
    #[inline]
    fn push_char(&mut self, c: char) {
        if c.is_ascii() {
            self.push(c as u8);
        } else {
            let mut buf = [0u8; 4];
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                self.push(b);
            }
        }
    }
    /// Pushes a character folded for matching.
    #[inline]
    fn push_folded(&mut self, c: char) {
        let (a, b) = fold_char(c);
        self.push_char(a);
        if let Some(b) = b {
            self.push_char(b);
        }
    }
    #[inline]
    fn finish(self) -> u64 {
        mix(self.h, self.acc ^ (u64::from(self.n) << 60))
    }
}

/// The hash of a folded word given as text ("Azerbaijan" and "azerbaijan" hash alike).
pub(crate) fn word_hash(word: &str) -> u64 {
    let mut h = WordHasher::new();
    for c in word.chars() {
        h.push_folded(c);
    }
    h.finish()
}

/// Per ASCII byte: its class bits (0 for a byte that is not part of a word).
const B_LOWER: u8 = 1;
const B_UPPER: u8 = 2;
const B_DIGIT: u8 = 4;
const ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'a'..=b'z' => B_LOWER,
            b'A'..=b'Z' => B_UPPER,
            b'0'..=b'9' => B_DIGIT,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The hash of an ASCII word of letters and digits, eight bytes at a time. Or-ing 0x20 into every
/// byte lowercases the letters and leaves the digits as they are, so this equals [`word_hash`]
/// for such words.
#[inline]
fn ascii_word_hash(w: &[u8]) -> u64 {
    const LOWER: u64 = 0x2020_2020_2020_2020;
    let mut h = SEED;
    let chunks = w.chunks_exact(8);
    let rem = chunks.remainder();
    for c in chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = mix(h, u64::from_be_bytes(b) | LOWER);
    }
    let mut acc = 0u64;
    for &b in rem {
        acc = (acc << 8) | u64::from(b | 0x20);
    }
    mix(h, acc ^ ((rem.len() as u64) << 60))
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
            if ASCII_CLASS[b as usize] == 0 {
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
        let start = i;
        // Fast path: a word of ASCII letters and digits (nearly all words of English news).
        let mut classes = 0u8;
        while i < n && bytes[i] < 0x80 {
            let class = ASCII_CLASS[bytes[i] as usize];
            if class == 0 {
                break;
            }
            classes |= class;
            i += 1;
        }
        let ascii_end = i;
        let non_ascii_letter = i < n && bytes[i] >= 0x80 && decode(text, i).is_alphanumeric();
        let (hash, upper_initial) = if i > start && !non_ascii_letter {
            (
                ascii_word_hash(&bytes[start..ascii_end]),
                ASCII_CLASS[bytes[start] as usize] == B_UPPER,
            )
        } else {
            // Slow path: fold every character.
            i = start;
            classes = 0;
            let mut h = WordHasher::new();
            let mut upper_initial = false;
            while i < n {
                let b = bytes[i];
                if b < 0x80 {
                    let class = ASCII_CLASS[b as usize];
                    if class == 0 {
                        break;
                    }
                    if i == start {
                        upper_initial = class == B_UPPER;
                    }
                    classes |= class;
                    h.push(b | ((class & B_UPPER) << 4));
                    i += 1;
                } else {
                    let c = decode(text, i);
                    if !c.is_alphanumeric() {
                        break;
                    }
                    if c.is_uppercase() {
                        if i == start {
                            upper_initial = true;
                        }
                        classes |= B_UPPER;
                    } else if c.is_alphabetic() {
                        // Lowercase, or a letter without case (CJK, Arabic): never "all upper".
                        classes |= B_LOWER;
                    } else {
                        classes |= B_DIGIT;
                    }
                    h.push_folded(c);
                    i += c.len_utf8();
                }
            }
            (h.finish(), upper_initial)
        };
        let mut flags = 0u8;
        if upper_initial {
            flags |= UPPER_INITIAL;
        }
        if classes & (B_LOWER | B_UPPER) != 0 {
            flags |= HAS_LETTER;
            if classes & B_LOWER == 0 {
                flags |= ALL_UPPER;
            }
        }
        if classes & B_DIGIT != 0 {
            flags |= HAS_DIGIT;
        }
        out.push(Token {
            start: start as u32,
            end: i as u32,
            hash,
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

/// A key of the table: a whole phrase, the beginning of a longer one, or both.
#[derive(Clone, Debug)]
struct Slot<V> {
    value: Option<V>,
    prefix: bool,
}

/// A table of phrases mapped to values, matched longest-first at word starts. One hash probe per
/// word tells both whether a phrase ends there and whether a longer one may.
#[derive(Clone, Debug)]
pub(crate) struct PhraseTable<V> {
    slots: HashMap<u64, Slot<V>, IdBuild>,
    max_words: usize,
}

impl<V> Default for PhraseTable<V> {
    fn default() -> Self {
        PhraseTable {
            slots: HashMap::default(),
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
            self.slots
                .entry(h)
                .or_insert(Slot {
                    value: None,
                    prefix: false,
                })
                .prefix = true;
            h = mix(mix(h, sep.key()), w[1].hash);
        }
        self.max_words = self.max_words.max(toks.len());
        self.slots
            .entry(h)
            .or_insert(Slot {
                value: None,
                prefix: false,
            })
            .value = Some(value);
        true
    }

    /// Whether a phrase with this text is in the table.
    pub(crate) fn get_text(&self, phrase: &str) -> Option<&V> {
        let (h, _) = phrase_key(phrase)?;
        self.slots.get(&h)?.value.as_ref()
    }

    /// The longest phrase starting at word `i`: the index one past its last word, and its value.
    #[inline]
    pub(crate) fn longest_at(&self, text: &str, tokens: &[Token], i: usize) -> Option<(usize, &V)> {
        let mut h = mix(SEED, tokens[i].hash);
        let mut slot = self.slots.get(&h)?;
        let mut best = slot.value.as_ref().map(|v| (i + 1, v));
        let mut j = i + 1;
        while slot.prefix && j < tokens.len() && j - i < self.max_words {
            let sep = sep_between(text, &tokens[j - 1], &tokens[j]);
            if sep == Sep::Break {
                break;
            }
            h = mix(mix(h, sep.key()), tokens[j].hash);
            match self.slots.get(&h) {
                Some(s) => slot = s,
                None => break,
            }
            if let Some(v) = slot.value.as_ref() {
                best = Some((j + 1, v));
            }
            j += 1;
        }
        best
    }

    /// The next phrase that starts with a capitalized word, at word `from` or after: its first
    /// word, the index one past its last word, and its value (how the gazetteer and the
    /// organizations find names).
    pub(crate) fn next_capitalized(
        &self,
        text: &str,
        tokens: &[Token],
        from: usize,
    ) -> Option<(usize, usize, &V)> {
        (from..tokens.len()).find_map(|i| {
            if !tokens[i].is_capitalized() {
                return None;
            }
            self.longest_at(text, tokens, i).map(|(j, v)| (i, j, v))
        })
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
    fn ascii_fast_path_matches_folding_hash() {
        for w in [
            "a",
            "Azerbaijan",
            "AZERBAIJAN",
            "COP29",
            "internationalization",
            "G20",
            "x1y2z3w4v5",
        ] {
            let mut t = Vec::new();
            tokenize(w, &mut t);
            assert_eq!(t.len(), 1);
            assert_eq!(t[0].hash, word_hash(w), "{w}");
        }
        // A word with a non-ASCII letter takes the folding path and still matches.
        let mut t = Vec::new();
        tokenize("Türkiye Turkiye", &mut t);
        assert_eq!(t[0].hash, t[1].hash);
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
