//! The figure grammar: one pass over the text that stops only at digits and at words that can
//! start a number, and reads the figure around each.
//!
//! Around a number the scanner reads, in order: a currency written before it (`$`, `AZN`, `€`),
//! the number itself (digits or words), a magnitude (`million`, `bn`), a unit (`percent`,
//! `megawatts`, `-year`), a second number that makes a range (`80 to 90 percent`, `12-26%`,
//! `between 5 and 7`), and the qualifier before it all (`more than`, `about`). A number with no
//! unit may still count a plural noun (`375 companies`, `seven people`). Everything else — years,
//! dates, clock times, list markers, numbers inside names (`COP29`, `F-16`, `Section 907`) — is
//! recognized so that it is *not* reported. Numbers that need the rest of the document to be
//! understood (`298 of them`, `Veracruz (1,572)`) are kept aside as [`Bare`] numbers and resolved
//! by the caller.

use super::lexicon::{self, class, Lexicon, NumClass, Unit};
use super::number::{self, Digits, Num};
use super::scan;
use crate::model::{FigureKind, Qualifier, Sentence};

/// The unit of a candidate: a table unit, or the counted noun as written in the text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum UnitName {
    /// A normalized unit from the tables.
    Static(&'static str),
    /// A byte range of the text (the counted noun).
    Text(usize, usize),
}

/// A figure found by the scanner, before sentence and year are attached.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub kind: FigureKind,
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub unit: UnitName,
    pub qualifier: Option<Qualifier>,
    /// The magnitude written with the number (1e6 for "million"), for numbers that carry it over.
    pub scale: f64,
    /// The unit's factor (1e6 for "megawatts"), for numbers that carry the unit over.
    pub factor: f64,
    /// Written between parentheses: "(2,715 million dollars)".
    pub in_parens: bool,
}

/// What a unitless number may refer to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Implied {
    /// Nothing in particular.
    None,
    /// "298 of them": the noun of an earlier count.
    OfThem,
    /// "298 of the 375 companies": the noun of the count that starts after "the" (byte given).
    OfThe(usize),
    /// "10,000 of these businesses" or "298 of these": the noun that follows (byte after
    /// "these" given), else the noun of an earlier count, as for [`Implied::OfThem`].
    OfThese(usize),
    /// "20,000 people died and a million were displaced", "of whom 300,000 are in China": a
    /// number that is the subject of a verb counts the noun of an earlier count of its sentence.
    Verb,
}

/// A number with no unit of its own that may still be a figure once the rest of the document is
/// known.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Bare {
    pub start: usize,
    pub end: usize,
    pub num: Num,
    pub scale: f64,
    pub has_scale: bool,
    pub in_parens: bool,
    pub implied: Implied,
}

/// A calendar year in the text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct YearMention {
    pub pos: usize,
    pub year: i16,
    /// Part of a span of years ("2017-2021"): not a single year a figure can refer to.
    pub span: bool,
}

/// Everything one scan finds.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub cands: Vec<Cand>,
    pub bares: Vec<Bare>,
    pub years: Vec<YearMention>,
}

/// A number with what directly follows it: magnitude and unit.
#[derive(Clone, Copy, Debug)]
struct Expr {
    num: Num,
    /// First byte: the currency prefix, or the number.
    start: usize,
    scale: f64,
    has_scale: bool,
    unit: Option<Unit>,
    /// The unit is a currency written before the number.
    unit_from_prefix: bool,
    /// One past the last byte (after the unit, the magnitude or the number).
    end: usize,
}

/// How a second number is joined to the first.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Conn {
    To,
    Dash,
    And,
    Or,
}

/// What precedes a number and changes how a following second number is read.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Intro {
    None,
    /// "between" at this byte.
    Between(usize),
    /// "from"; `range` when it reads as a range ("ranging from") rather than a change.
    From {
        range: bool,
    },
}

/// What precedes a number and decides how it is read ([`Scanner::before`]).
struct Before {
    /// A minus sign is glued to the number.
    minus: bool,
    /// Where the words before the number end (before a minus sign and an escaping backslash).
    look: usize,
    /// The figure's first byte: its qualifier's, else the minus sign's or the number's.
    start: usize,
    qualifier: Option<Qualifier>,
    intro: Intro,
    /// A name, or a capitalized number word inside a sentence, before it: it counts no noun.
    blocked_count: bool,
    /// A determiner before a number word ("the two").
    det: bool,
    /// A number word of at most ten with no qualifier ("two", "ten"): often phrasing.
    small_words: bool,
}

/// The modifiers read before a counted noun ([`Scanner::count_noun`]): where each starts and
/// whether it is noun-like.
#[derive(Default)]
struct Modifiers {
    list: [(usize, bool); 5],
    len: usize,
}

impl Modifiers {
    fn push(&mut self, start: usize, noun_like: bool) {
        self.list[self.len] = (start, noun_like);
        self.len += 1;
    }

    /// Where the counted noun whose head starts at `head` starts: the noun-like modifiers just
    /// before the head are part of it.
    fn start(&self, head: usize) -> usize {
        let mut s = head;
        for &(ms, noun_like) in self.list[..self.len].iter().rev() {
            if !noun_like {
                break;
            }
            s = ms;
        }
        s
    }
}

/// A word of a noun phrase after a number, as [`Scanner::count_noun`] reads it.
struct NounWord {
    start: usize,
    end: usize,
    capitalized: bool,
    plural: bool,
    noun_like: bool,
    /// A function word, month, uncountable or time word: no counted noun follows.
    ends_phrase: bool,
}

struct Scanner<'a> {
    text: &'a str,
    t: &'a [u8],
    lex: &'static Lexicon,
    sentences: &'a [Sentence],
    out: &'a mut Found,
}

/// Scans `text` for figures. `sentences` (may be empty) help tell a capitalized number word that
/// starts a sentence ("Seven people died") from one inside a name ("the Three Brothers").
pub(crate) fn scan(text: &str, sentences: &[Sentence], out: &mut Found) {
    let t = text.as_bytes();
    let lex = lexicon::get();
    let mut s = Scanner {
        text,
        t,
        lex,
        sentences,
        out,
    };
    let mut i = 0;
    while i < t.len() {
        let b = t[i];
        if b.is_ascii_digit() {
            i = s.at_number(i, false).max(i + 1);
        } else if b.is_ascii_alphabetic() {
            let we = scan::letters_end(t, i);
            if lex.may_start_number(&t[i..we]) && s.word_start_ok(i) {
                i = s.at_number(i, true).max(we);
            } else {
                i = we;
            }
        } else {
            i += 1;
        }
    }
}

/// Whether an ASCII word has the shape of a regular English plural ("companies", "UAVs"), not
/// of a singular ending in -s ("crisis", "bus", "glass", "famous").
fn is_regular_plural(w: &[u8]) -> bool {
    let n = w.len();
    n >= 3
        && w[n - 1] == b's'
        && w[n - 2].is_ascii_alphanumeric()
        && !matches!(w[n - 2], b's' | b'u' | b'i')
}

/// The end of the run of ASCII letters and digits starting at `i`.
fn ascii_alnum_end(t: &[u8], mut i: usize) -> usize {
    while t.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    i
}

/// Suffixes allowed after a unit and a hyphen ("a 10-kilometre-long road", "a month-long
/// visit"). Any other ("euro-zone", "year-old") makes the phrase something else.
const UNIT_COMPOUND_SUFFIXES: [&str; 7] = ["long", "wide", "high", "deep", "tall", "thick", "plus"];

impl Scanner<'_> {
    /// Whether a word starting at `i` stands alone: not glued to letters or digits before it, and
    /// not the second part of a hyphenated compound ("Group-of-Seven").
    fn word_start_ok(&self, i: usize) -> bool {
        if scan::is_alnum_before(self.t, i) {
            return false;
        }
        !(i >= 2 && self.t[i - 1] == b'-' && scan::is_alnum_before(self.t, i - 1))
    }

    /// Whether the digits at `p` are glued to what precedes them so that they are part of a name,
    /// code or label ("COP29", "F-16", "+994", "#3", "No.5", "FY'20").
    fn digits_blocked(&self, p: usize) -> bool {
        let Some(c) = scan::char_before(self.text, p) else {
            return false;
        };
        if c.is_alphanumeric() {
            return true;
        }
        let before = p - c.len_utf8();
        match c {
            '-' | '‐' => scan::char_before(self.text, before).is_some_and(char::is_alphabetic),
            '+' | '#' | '№' | '_' | '@' | '=' | '^' | '~' | '&' => true,
            '.' | '/' | '\'' | '’' | ':' => scan::is_alnum_before(self.t, before),
            _ => false,
        }
    }

    /// A currency written before the number at `p` ("$", "US$", "AZN ", "€"), with its start. A
    /// backslash before "$" (markdown escaping) is left out of the span.
    fn prefix_back(&self, p: usize) -> Option<(Unit, usize)> {
        let t = self.t;
        if let Some((u, s)) = self.lex.prefixes.match_backward(t, p) {
            return Some((u, s));
        }
        let e = scan::skip_space_back(t, p);
        if e < p {
            // "AZN 50 million", "$ 5" — but a code after a line break is a heading, not a prefix.
            if t[e..p].contains(&b'\n') {
                return None;
            }
            return self.lex.prefixes.match_backward(t, e);
        }
        None
    }

    /// A currency written at `s` before a number, with where the number starts.
    fn prefix_forward(&self, s: usize) -> Option<(Unit, usize, usize)> {
        let t = self.t;
        let s = if t.get(s) == Some(&b'\\') && t.get(s + 1) == Some(&b'$') {
            s + 1
        } else {
            s
        };
        let (u, e) = self.lex.prefixes.match_forward_before_digit(t, s)?;
        let n = scan::skip_space(t, e);
        t.get(n).filter(|b| b.is_ascii_digit())?;
        Some((u, s, n))
    }

    /// Reads what follows a number: magnitude and unit. `Err` holds where to resume when the
    /// number turns out to be part of something else ("5G", "two-thirds", "25-year-old").
    fn expr(&self, num: Num, prefix: Option<(Unit, usize)>) -> Result<Expr, usize> {
        let has_cur = prefix.is_some();
        let (mut pos, scale, has_scale) = self.magnitude(num, has_cur)?;
        let unit_match = self.unit_after(num, pos, has_cur)?;
        let (unit, unit_from_prefix) = match (prefix, unit_match) {
            (Some((pu, _)), Some((u, e))) => {
                if u.kind == FigureKind::Money {
                    pos = e; // "$5 billion USD"
                }
                (Some(pu), true)
            }
            (Some((pu, _)), None) => (Some(pu), true),
            (None, Some((u, e))) => {
                pos = e;
                (Some(u), false)
            }
            (None, None) => (None, false),
        };
        if num.article && !unit.is_some_and(|u| u.kind == FigureKind::Duration && u.factor >= 10.0)
        {
            return Err(num.end);
        }
        Ok(Expr {
            num,
            start: prefix.map_or(num.start, |(_, s)| s),
            scale,
            has_scale,
            unit,
            unit_from_prefix,
            end: pos,
        })
    }

    /// The magnitude written with a number: letters glued to its digits ("5bn", "$5m"; a glued
    /// unit such as "230MW" is left for [`Scanner::unit_after`]), then up to two words after a
    /// space or a hyphen ("3.7 billion", "1.5 lakh crore"). Returns where it ends, the scale and
    /// whether one was written; `Err` with where the scan resumes when the glued letters make the
    /// digits part of a name or an ordinal ("5G", "14th", "1990s").
    fn magnitude(&self, num: Num, has_cur: bool) -> Result<(usize, f64, bool), usize> {
        let t = self.t;
        let mut pos = num.end;
        let mut scale = 1.0;
        let mut has_scale = false;
        let is_scale =
            |w: &lexicon::NumWord| w.class == NumClass::Scale && (!w.money_only || has_cur);

        // Letters glued to digits: a magnitude ("5bn", "$5m") or a unit ("230MW", "10km");
        // anything else makes the digits part of a name or an ordinal ("5G", "14th", "1990s").
        if !num.words && scan::is_alnum_at(t, pos) {
            let we = scan::letters_end(t, pos);
            match self.lex.number_word(&t[pos..we]).filter(is_scale) {
                Some(w) if we > pos && !scan::is_alnum_at(t, we) => {
                    scale = w.value;
                    has_scale = true;
                    pos = we;
                }
                _ => {
                    if self.lex.units.match_forward(t, pos).is_none() {
                        return Err(scan::alnum_end(self.text, pos));
                    }
                }
            }
        }
        // A magnitude after a space or a hyphen: "3.7 billion", "700 thousand", "$5 m",
        // "a $1-billion deal", "Rs 2,000-crore"; and a second one ("1.5 lakh crore").
        if !num.words {
            for _ in 0..2 {
                let s = if t.get(pos) == Some(&b'-') {
                    pos + 1
                } else {
                    scan::skip_space(t, pos)
                };
                if s == pos {
                    break;
                }
                let we = scan::letters_end(t, s);
                if we == s || scan::is_alnum_at(t, we) {
                    break;
                }
                match self.lex.number_word(&t[s..we]).filter(is_scale) {
                    Some(w) => {
                        scale *= w.value;
                        has_scale = true;
                        pos = we;
                    }
                    None => break,
                }
            }
        }
        Ok((pos, scale, has_scale))
    }

    /// The unit after a number and its magnitude, at `pos`: after a hyphen, glued or after
    /// spaces, and only a currency after a currency prefix. `Err` with where the scan resumes
    /// when the unit makes the number no figure ("two-thirds", "25-year-old", "one day",
    /// "25 years old").
    fn unit_after(
        &self,
        num: Num,
        pos: usize,
        has_cur: bool,
    ) -> Result<Option<(Unit, usize)>, usize> {
        let t = self.t;
        // The unit: after a hyphen ("12-month", "one-gigawatt"), glued ("7.9%") or after spaces.
        let mut hyphen = false;
        let unit_match =
            if t.get(pos) == Some(&b'-') && t.get(pos + 1).is_some_and(u8::is_ascii_alphabetic) {
                hyphen = true;
                match self.lex.units.match_forward(t, pos + 1) {
                    Some(m) => Some(m),
                    // "$5-billion-plus": the currency already says what it is.
                    None if has_cur => None,
                    // "two-thirds", "a 5-point plan", "twenty-first": a compound, not a figure.
                    None => return Err(scan::letters_end(t, pos + 1)),
                }
            } else {
                self.lex.units.match_forward(t, scan::skip_space(t, pos))
            };
        // After a currency prefix only a currency may follow ("$5 billion USD"); any other unit
        // belongs to the next phrase ("$18.7 billion year-on-year").
        let unit_match = unit_match.filter(|(u, _)| !has_cur || u.kind == FigureKind::Money);
        if let Some((u, e)) = unit_match {
            // "25-year-old", "euro-zone": the unit is part of another compound.
            if t.get(e) == Some(&b'-') && t.get(e + 1).is_some_and(u8::is_ascii_alphabetic) {
                let se = scan::letters_end(t, e + 1);
                let suffix = &t[e + 1..se];
                // "a decade-long conflict" describes rather than measures.
                if num.article
                    || !UNIT_COMPOUND_SUFFIXES
                        .iter()
                        .any(|s| scan::eq_ci(suffix, s))
                {
                    return Err(se);
                }
            }
            if num.words
                && num.mantissa == 1
                && num.frac == 0
                && !num.article
                && !hyphen
                && u.unit == "day"
            {
                // "one day" is an idiom far more often than a duration.
                return Err(e);
            }
            // "25 years old": an age.
            if u.kind == FigureKind::Duration {
                let (ws, we) = scan::word_after(t, e);
                if ws > e && scan::eq_ci(&t[ws..we], "old") {
                    return Err(we);
                }
            }
        }
        Ok(unit_match)
    }

    /// Whether a magnitude or a unit follows `pos` (after spaces).
    fn measure_follows(&self, pos: usize, has_cur: bool) -> bool {
        let t = self.t;
        let s = scan::skip_space(t, pos);
        let we = scan::letters_end(t, s);
        let scale = we > s
            && self
                .lex
                .number_word(&t[s..we])
                .is_some_and(|w| w.class == NumClass::Scale && (!w.money_only || has_cur));
        scale || self.lex.units.match_forward(t, s).is_some()
    }

    /// The connector after a figure that may join a second number: "to", "-", "–", "and", "or".
    fn connector(&self, pos: usize) -> Option<(Conn, usize)> {
        let t = self.t;
        let s = scan::skip_space(t, pos);
        match t.get(s) {
            Some(b'-') => return Some((Conn::Dash, s + 1)),
            Some(0xE2) if t.get(s + 1) == Some(&0x80) && t.get(s + 2) == Some(&0x93) => {
                return Some((Conn::Dash, s + 3));
            }
            _ => {}
        }
        if s == pos {
            return None;
        }
        let we = scan::letters_end(t, s);
        let w = &t[s..we];
        let conn = if scan::eq_ci(w, "to") {
            Conn::To
        } else if scan::eq_ci(w, "and") {
            Conn::And
        } else if scan::eq_ci(w, "or") {
            Conn::Or
        } else {
            return None;
        };
        Some((conn, we))
    }

    /// The second number of a range or list, starting after the connector at `after`.
    fn second(&self, after: usize) -> Option<Expr> {
        let t = self.t;
        let s = scan::skip_space(t, after);
        // "from $13.28 million to over $100 million": a qualified second number stands alone.
        if self.lex.qualifiers.match_forward(t, s).is_some() {
            return None;
        }
        let (prefix, p) = match self.prefix_forward(s) {
            Some((u, ps, n)) => (Some((u, ps)), n),
            None => (None, s),
        };
        let b = *t.get(p)?;
        let num = if b.is_ascii_digit() {
            match number::scan_digits(t, p) {
                Digits::Num(n) => n,
                Digits::Skip(_) => return None,
            }
        } else if b.is_ascii_alphabetic() && prefix.is_none() {
            let we = scan::letters_end(t, p);
            if !self.lex.may_start_number(&t[p..we]) {
                return None;
            }
            number::scan_words(t, p, self.lex)?
        } else {
            return None;
        };
        if num.article || (num.words && num.mantissa == 1 && num.frac == 0) {
            return None;
        }
        self.expr(num, prefix).ok()
    }

    /// A qualifier just before `look` ("more than", "about"), with its start.
    fn qualifier_back(&self, look: usize) -> Option<(Qualifier, usize)> {
        let s = scan::skip_space_back(self.t, look);
        if s == look {
            return None;
        }
        self.lex.qualifiers.match_backward(self.t, s)
    }

    /// "between" or "from" just before `lead`.
    fn intro_back(&self, lead: usize) -> Intro {
        let t = self.t;
        let (ws, we) = scan::word_before(t, lead);
        if we == ws || we == lead {
            return Intro::None;
        }
        let w = &t[ws..we];
        if scan::eq_ci(w, "between") {
            Intro::Between(ws)
        } else if scan::eq_ci(w, "from") {
            let (ps, pe) = scan::word_before(t, ws);
            let range = pe > ps && self.lex.word_class(&t[ps..pe]) & class::RANGE != 0;
            Intro::From { range }
        } else {
            Intro::None
        }
    }

    /// The word before `look` (after spaces), skipping one period ("Sept. 11", "No. 5").
    fn prev_word(&self, look: usize) -> (usize, usize) {
        let t = self.t;
        let mut e = scan::skip_space_back(t, look);
        if e > 0 && t[e - 1] == b'.' && e < look {
            e -= 1;
        }
        let s = scan::letters_start(t, e);
        if s == e || scan::is_alnum_before(t, s) {
            return (e, e);
        }
        (s, e)
    }

    /// Whether a capitalized name or a label word directly precedes `look`, so that the number is
    /// part of it: "Boeing 737", "Heydar Aliyev 100", "Section 907", "page 5". Labels number
    /// with digits: "at this stage nine positions" is a count.
    fn name_before(&self, look: usize, words: bool) -> bool {
        let (ws, we) = self.prev_word(look);
        if we == ws {
            return false;
        }
        let w = &self.t[ws..we];
        let cls = self.lex.word_class(w);
        if cls & class::LABEL != 0 && !words {
            return true;
        }
        w[0].is_ascii_uppercase()
            && cls & (class::FUNC | class::MONTH | class::DET) == 0
            && !self.title_case_line(look)
    }

    /// Whether the line around `pos` is a headline in title case ("Azerbaijan, Pakistan Sign 15
    /// Agreements Worth $2 Billion"), where a capital letter does not mark a name: most of its
    /// longer words are capitalized.
    fn title_case_line(&self, pos: usize) -> bool {
        let t = self.t;
        let lo = t[pos.saturating_sub(200)..pos]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(pos.saturating_sub(200), |i| pos.saturating_sub(200) + i + 1);
        let hi_limit = (pos + 200).min(t.len());
        let hi = t[pos..hi_limit]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(hi_limit, |i| pos + i);
        let (mut words, mut capitalized) = (0, 0);
        let mut i = lo;
        while i < hi {
            if t[i].is_ascii_alphabetic() && !scan::is_alnum_before(t, i) {
                let e = scan::letters_end(t, i);
                if e - i >= 4 {
                    words += 1;
                    capitalized += usize::from(t[i].is_ascii_uppercase());
                }
                i = e;
            } else {
                i += 1;
            }
        }
        words >= 3 && capitalized * 10 >= words * 7
    }

    /// Where a minus sign glued to the number at `p` starts: "-3", "−3" (U+2212), "(-)3".
    /// A hyphen after a digit or letter joins a range or a name instead ("12-26", "F-16").
    fn minus_before(&self, p: usize) -> Option<usize> {
        let t = self.t;
        let open = |i: usize| i == 0 || matches!(t[i - 1], b' ' | b'\t' | b'\n' | b'(');
        if p >= 3 && &t[p - 3..p] == b"(-)" {
            return Some(p - 3);
        }
        if p >= 1 && t[p - 1] == b'-' && open(p - 1) {
            return Some(p - 1);
        }
        if p >= 3 && t[p - 3..p] == [0xE2, 0x88, 0x92] && open(p - 3) {
            return Some(p - 3);
        }
        None
    }

    /// Whether the number is the second of a ratio: "one in five people", "1 in 10 voters".
    fn ratio_before(&self, look: usize) -> bool {
        let t = self.t;
        let (ws, we) = scan::word_before(t, look);
        if we == ws || !scan::eq_ci(&t[ws..we], "in") {
            return false;
        }
        let e = scan::skip_space_back(t, ws);
        if e == ws || e == 0 {
            return false;
        }
        let s = scan::letters_start(t, e);
        t[e - 1].is_ascii_digit() || s < e && self.lex.number_word(&t[s..e]).is_some()
    }

    /// Whether a determiner directly precedes `look` ("the two countries", "their three sons"),
    /// or a partitive ("one of two reactors", "each of the three sides").
    fn det_before(&self, look: usize) -> bool {
        let t = self.t;
        let (ws, we) = scan::word_before(t, look);
        if we == ws {
            return false;
        }
        let cls = self.lex.word_class(&t[ws..we]);
        if cls & class::DET != 0 {
            return true;
        }
        if !scan::eq_ci(&t[ws..we], "of") {
            return false;
        }
        let (ps, pe) = scan::word_before(t, ws);
        pe > ps && self.lex.word_class(&t[ps..pe]) & class::PARTITIVE != 0
    }

    /// Whether a capitalized month name is the word before `p` ("July 3", "Sept. 11").
    fn month_before(&self, p: usize) -> bool {
        let (ws, we) = self.prev_word(p);
        we > ws
            && self.t[ws].is_ascii_uppercase()
            && self.lex.word_class(&self.t[ws..we]) & class::MONTH != 0
    }

    /// Whether a capitalized month name follows `end` ("22 April").
    fn month_after(&self, end: usize) -> bool {
        let (ws, we) = scan::word_after(self.t, end);
        we > ws
            && ws > end
            && self.t[ws].is_ascii_uppercase()
            && self.lex.word_class(&self.t[ws..we]) & class::MONTH != 0
    }

    /// Skips the rest of a date's days: "July 11 and 12", "July 11-12".
    fn skip_date_tail(&self, end: usize) -> usize {
        let t = self.t;
        if let Some((conn, after)) = self.connector(end) {
            if conn != Conn::Or {
                let s = scan::skip_space(t, after);
                let e = scan::digits_end(t, s);
                if (1..=2).contains(&(e - s)) && !scan::is_alnum_at(t, e) {
                    return e;
                }
            }
        }
        end
    }

    /// Skips a span of years or a numeric date after a year: "2017-2021", "2017–21",
    /// "2025-12-05", "2020/21". Returns the end and whether anything was skipped.
    fn skip_year_tail(&self, mut end: usize) -> (usize, bool) {
        let t = self.t;
        let mut spanned = false;
        loop {
            let sep = match t.get(end) {
                Some(b'-' | b'/') => 1,
                Some(0xE2) if t.get(end + 1) == Some(&0x80) && t.get(end + 2) == Some(&0x93) => 3,
                _ => break,
            };
            let e = scan::digits_end(t, end + sep);
            if e == end + sep {
                break;
            }
            end = e;
            spanned = true;
        }
        (end, spanned)
    }

    /// Whether the number at `p` opens a line as a list marker ("1. Home", "2) Azerbaijan").
    fn list_marker(&self, p: usize, end: usize) -> bool {
        let t = self.t;
        if !matches!(t.get(end), Some(b'.' | b')'))
            || !t.get(end + 1).is_none_or(|b| b.is_ascii_whitespace())
        {
            return false;
        }
        let mut i = p;
        while i > 0 && matches!(t[i - 1], b' ' | b'\t') {
            i -= 1;
        }
        i == 0 || t[i - 1] == b'\n'
    }

    /// Whether `p` starts a sentence: a parsed sentence starts there, or only opening quotes and
    /// brackets separate it from a line break or a sentence's end.
    fn sentence_start(&self, p: usize) -> bool {
        if self
            .sentences
            .binary_search_by_key(&(p as u32), |s| s.start)
            .is_ok()
        {
            return true;
        }
        let t = self.t;
        let mut i = p;
        loop {
            if i == 0 {
                return true;
            }
            match t[i - 1] {
                b' ' | b'\t' | b'"' | b'\'' | b'(' | b'[' | b'*' | b'-' | b'\r' => i -= 1,
                // “ ‘
                0x9C | 0x98 if i >= 3 && t[i - 3] == 0xE2 && t[i - 2] == 0x80 => i -= 3,
                b'\n' | b'.' | b'!' | b'?' | b':' | b';' => return true,
                _ => return false,
            }
        }
    }

    /// The plural noun a number counts, at most three modifiers after `pos`: "375 companies",
    /// "five fundamental principles", "36 French-made howitzers", "12 F-16s", "31 Abrams tanks".
    /// Returns the noun as reported — the head with the nouns that qualify it, without
    /// adjectives ("five border crossings" -> "border crossings") — which ends the figure.
    /// `None` when a function word, punctuation or anything but a word comes first.
    fn count_noun(&self, pos: usize) -> Option<(usize, usize)> {
        let t = self.t;
        let mut i = scan::skip_space(t, pos);
        if i == pos {
            return None;
        }
        let mut mods = Modifiers::default();
        // Whether the previous word was capitalized: a model number may follow a name ("three
        // Ground Master 200 radars", "two Boeing 737 jets").
        let mut after_name = false;
        for _ in 0..4 {
            if after_name && t.get(i).is_some_and(u8::is_ascii_digit) {
                // A model designation names the thing; the noun after it is what is counted.
                mods.push(i, false);
                i = self.after_model_number(i)?;
                after_name = false;
                continue;
            }
            let w = self.noun_word(i)?;
            after_name = w.capitalized;
            if w.plural {
                // "31 Abrams tanks": after a capitalized plural, a lowercase plural is the head.
                if w.capitalized {
                    if let Some((ns, ne)) = self.plural_head_after(w.end) {
                        mods.push(w.start, w.noun_like);
                        return Some((mods.start(ns), ne));
                    }
                }
                return Some((mods.start(w.start), w.end));
            }
            if w.ends_phrase {
                return None;
            }
            mods.push(w.start, w.noun_like);
            let n = scan::skip_space(t, w.end);
            if n == w.end {
                return None;
            }
            i = n;
        }
        None
    }

    /// Where the word after a model number at `i` starts ("737" in "two Boeing 737 jets", with
    /// its hyphenated parts); `None` when nothing separate follows.
    fn after_model_number(&self, i: usize) -> Option<usize> {
        let t = self.t;
        let mut e = ascii_alnum_end(t, i);
        while t.get(e) == Some(&b'-') && t.get(e + 1).is_some_and(u8::is_ascii_alphanumeric) {
            e = ascii_alnum_end(t, e + 1);
        }
        let n = scan::skip_space(t, e);
        (n > e && !scan::is_alnum_at(t, e)).then_some(n)
    }

    /// The word of a noun phrase at `i`, classed for [`Scanner::count_noun`].
    fn noun_word(&self, i: usize) -> Option<NounWord> {
        let t = self.t;
        let (ws, we, model) = self.noun_token(i)?;
        let word = &t[ws..we];
        let acronym = word.len() >= 2 && word.iter().all(|b| !b.is_ascii_lowercase());
        let cls = if acronym || model {
            0
        } else {
            self.lex.word_class(word)
        };
        // Labels ("items", "pages") and generic nouns are still counted nouns after a number.
        let nounish = cls & !(class::GENERIC | class::LABEL) == 0;
        // An acronym ending in S names a plural system or group ("84 ATAGS") unless a
        // lowercase plural follows ("5 BRICS countries").
        let acronym_plural = acronym && word.len() >= 3 && word[word.len() - 1] == b'S';
        Some(NounWord {
            start: ws,
            end: we,
            capitalized: word[0].is_ascii_uppercase(),
            plural: cls & class::PLURAL != 0
                || nounish && is_regular_plural(word)
                || acronym_plural,
            noun_like: !model
                && !acronym
                && !word.contains(&b'-')
                && cls & (class::FUNC | class::DET | class::COUNTMOD) == 0
                && !self.lex.is_adjective(word, cls),
            // "84 more ATAGS", "12 additional battalions": modifiers that are function words go
            // on; other function words, months, uncountables and times end the phrase.
            ends_phrase: cls & class::COUNTMOD == 0
                && cls & (class::FUNC | class::MONTH | class::NONCOUNT | class::TIME) != 0,
        })
    }

    /// The lowercase plural noun right after `end`, the head of "31 Abrams tanks".
    fn plural_head_after(&self, end: usize) -> Option<(usize, usize)> {
        let t = self.t;
        let n = scan::skip_space(t, end);
        if n == end {
            return None;
        }
        let (ns, ne, model) = self.noun_token(n)?;
        let next = &t[ns..ne];
        let ncls = self.lex.word_class(next);
        let head = !model
            && next[0].is_ascii_lowercase()
            && (ncls & class::PLURAL != 0
                || ncls & !(class::GENERIC | class::LABEL) == 0 && is_regular_plural(next));
        head.then_some((ns, ne))
    }

    /// A word of a noun phrase at `i`: letters, with hyphenated parts and model numbers
    /// ("French-made", "F-35A", "Su-30SM", "A400M"). Returns its range and whether it holds
    /// digits (a model designation).
    fn noun_token(&self, i: usize) -> Option<(usize, usize, bool)> {
        let t = self.t;
        let mut we = scan::letters_end(t, i);
        if we == i {
            return None;
        }
        let mut model = false;
        loop {
            if t.get(we) == Some(&b'-') && t.get(we + 1).is_some_and(u8::is_ascii_alphanumeric) {
                we += 1;
            } else if !t.get(we).is_some_and(u8::is_ascii_digit) {
                break;
            }
            let e = ascii_alnum_end(t, we);
            model |= t[we..e].iter().any(u8::is_ascii_digit);
            we = e;
        }
        if scan::is_alnum_at(t, we) {
            return None;
        }
        Some((i, we, model))
    }

    /// Whether a small count written in words is phrasing rather than measurement: after a
    /// determiner ("the two countries", "their three sons") or of a generic noun ("two critical
    /// issues", "five fundamental principles"). The annotation calls these optional; leaving
    /// them out keeps precision where an annotator did not list them.
    ///
    /// Generic nouns are phrasing only for the smallest counts ("two countries", "five
    /// fundamental principles"); larger ones measure ("nine countries").
    fn phrasing(&self, det: bool, value: f64, noun: (usize, usize)) -> bool {
        // The head is the noun's last word.
        let head = scan::letters_start(self.t, noun.1);
        det || value <= 5.0 && self.lex.word_class(&self.t[head..noun.1]) & class::GENERIC != 0
    }

    /// "298 of them", "298 of the 375 companies", "300,000 are in China".
    fn implied(&self, end: usize) -> Implied {
        let t = self.t;
        let (os, oe) = scan::word_after(t, end);
        if os == end || oe == os {
            return Implied::None;
        }
        if self.lex.word_class(&t[os..oe]) & class::VERB != 0 {
            return Implied::Verb;
        }
        if !scan::eq_ci(&t[os..oe], "of") {
            return Implied::None;
        }
        let (ps, pe) = scan::word_after(t, oe);
        if ps == oe || pe == ps {
            return Implied::None;
        }
        let w = &t[ps..pe];
        if scan::eq_ci(w, "the") {
            Implied::OfThe(pe)
        } else if scan::eq_ci(w, "these") || scan::eq_ci(w, "those") {
            Implied::OfThese(pe)
        } else if self.lex.word_class(w) & class::PRONOUN != 0 {
            Implied::OfThem
        } else {
            Implied::None
        }
    }

    /// Whether `start..end` is wrapped in parentheses.
    fn in_parens(&self, start: usize, end: usize) -> bool {
        let t = self.t;
        let b = scan::skip_space_back(t, start);
        let a = scan::skip_space(t, end);
        b > 0 && t[b - 1] == b'(' && t.get(a) == Some(&b')')
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        start: usize,
        end: usize,
        kind: FigureKind,
        values: (f64, Option<f64>),
        unit: UnitName,
        qualifier: Option<Qualifier>,
        scale: f64,
        factor: f64,
    ) {
        let (value, max) = match values.1 {
            Some(max) => (None, Some(max)),
            None => (Some(values.0), None),
        };
        let min = max.map(|_| values.0);
        let in_parens = self.in_parens(start, end);
        self.out.cands.push(Cand {
            start,
            end,
            kind,
            value,
            min,
            max,
            unit,
            qualifier,
            scale,
            factor,
            in_parens,
        });
    }

    /// Reads the figure around the number at `p`; returns where the scan resumes.
    fn at_number(&mut self, p: usize, is_word: bool) -> usize {
        let (num, prefix) = match self.read_number(p, is_word) {
            Ok(read) => read,
            Err(resume) => return resume,
        };
        let e = match self.expr(num, prefix) {
            Ok(e) => e,
            Err(resume) => return resume.max(num.end),
        };
        if let Some(resume) = self.not_a_figure(p, &e) {
            return resume;
        }
        let before = self.before(p, is_word, prefix.is_some(), &e);
        // A second number: a range ("80 to 90 percent") or a list ("5 and 7 percent").
        if let Some((conn, after)) = self.connector(e.end) {
            if let Some(e2) = self.second(after) {
                let small = before.small_words && e2.num.words && e2.num.value() <= 10.0;
                if let Some(end) = self.pair(
                    &e,
                    &e2,
                    conn,
                    before.intro,
                    before.start,
                    before.qualifier,
                    before.blocked_count,
                    small,
                ) {
                    return end;
                }
            }
        }
        match e.unit {
            Some(u) => self.measured(&e, u, &before),
            None => self.counted(&e, &before),
        }
    }

    /// The number at `p` (digits, or words when `is_word`) with the currency written before it;
    /// `Err` with where the scan resumes when there is no figure's number there (a word that
    /// starts no number, digits inside a name or a code).
    fn read_number(&self, p: usize, is_word: bool) -> Result<(Num, Option<(Unit, usize)>), usize> {
        let t = self.t;
        let num = if is_word {
            number::scan_words(t, p, self.lex).ok_or(p + 1)?
        } else {
            match number::scan_digits(t, p) {
                Digits::Num(n) => n,
                Digits::Skip(e) => return Err(e),
            }
        };
        let prefix = if is_word { None } else { self.prefix_back(p) };
        // "1,5 billion", "3,5%": a decimal comma, when a magnitude or unit follows.
        let num = match number::with_decimal_comma(t, num) {
            Some(n) if self.measure_follows(n.end, prefix.is_some()) => n,
            _ => num,
        };
        if !is_word && prefix.is_none() && self.digits_blocked(p) {
            return Err(scan::alnum_end(self.text, num.end).max(num.end));
        }
        Ok((num, prefix))
    }

    /// Where the scan resumes when a number with neither magnitude nor unit is no figure: a year
    /// (recorded for the figures of its sentence), a day of a date, a clock time, a list marker.
    fn not_a_figure(&mut self, p: usize, e: &Expr) -> Option<usize> {
        let (t, num) = (self.t, e.num);
        let plain = e.unit.is_none() && !e.has_scale;
        if num.year_like && plain {
            let (end, span) = self.skip_year_tail(num.end);
            self.out.years.push(YearMention {
                pos: p,
                year: num.mantissa as i16,
                span,
            });
            return Some(end);
        }
        if !num.words && plain {
            if num.plain_int
                && num.mantissa <= 31
                && (self.month_before(p) || self.month_after(num.end))
            {
                return Some(self.skip_date_tail(num.end));
            }
            let s = scan::skip_space(t, num.end);
            if num.plain_int
                && num.mantissa <= 24
                && self.lex.time_words.match_forward(t, s).is_some()
            {
                return Some(s);
            }
            if num.plain_int && self.list_marker(p, num.end) {
                return Some(num.end + 1);
            }
        }
        None
    }

    /// What precedes the number at `p` (read as `e`): a minus sign, a qualifier, "between" or
    /// "from", and what keeps a unitless number from counting a noun.
    fn before(&self, p: usize, is_word: bool, has_prefix: bool, e: &Expr) -> Before {
        let (t, num) = (self.t, e.num);
        // A minus sign glued to the number: "-3 per cent", "(-)34.6 per cent".
        let minus = if is_word || has_prefix {
            None
        } else {
            self.minus_before(p)
        };
        let left = minus.unwrap_or(e.start);
        let look = if left > 0 && t[left - 1] == b'\\' {
            left - 1
        } else {
            left
        };
        let qual = self.qualifier_back(look);
        let lead = qual.map_or(look, |(_, s)| s);
        let cap_name = num.words && num.capitalized && !self.sentence_start(p);
        Before {
            minus: minus.is_some(),
            look,
            start: qual.map_or(left, |(_, s)| s),
            qualifier: qual.map(|(q, _)| q),
            intro: self.intro_back(lead),
            blocked_count: cap_name || (qual.is_none() && self.name_before(look, num.words)),
            det: num.words && qual.is_none() && self.det_before(look),
            small_words: num.words && qual.is_none() && num.value() <= 10.0,
        }
    }

    /// Emits a number with a unit ("$3.7 billion", "-3 per cent", "20 years"); returns its end.
    fn measured(&mut self, e: &Expr, u: Unit, before: &Before) -> usize {
        let value = e.num.times(e.scale * u.factor);
        let signed = matches!(
            u.kind,
            FigureKind::Money | FigureKind::Percent | FigureKind::Quantity
        );
        let value = if before.minus && signed {
            -value
        } else {
            value
        };
        let start = if signed || before.qualifier.is_some() {
            before.start
        } else {
            e.start
        };
        self.push(
            start,
            e.end,
            u.kind,
            (value, None),
            UnitName::Static(u.unit),
            before.qualifier,
            e.scale,
            u.factor,
        );
        e.end
    }

    /// A number with no unit: a count of the noun that follows ("375 companies") or that
    /// "of the"/"of these" names, else a [`Bare`] number for the caller to resolve. Returns
    /// where the scan resumes.
    fn counted(&mut self, e: &Expr, before: &Before) -> usize {
        let num = e.num;
        if num.words && num.mantissa == 1 && num.frac == 0 {
            return e.end; // "one of the", "number one"
        }
        if before.blocked_count || self.ratio_before(before.look) {
            return e.end;
        }
        let whole = num.frac == 0 || e.has_scale;
        if whole {
            if let Some((ns, ne)) = self.count_noun(e.end) {
                if !(before.small_words && self.phrasing(before.det, num.value(), (ns, ne))) {
                    self.push_count(
                        before,
                        num.times(e.scale),
                        e.scale,
                        (before.start, ne),
                        (ns, ne),
                    );
                }
                return ne;
            }
        }
        let implied = self.implied(e.end);
        // "as many as 10,000 of these businesses", "30 of the companies": the noun follows.
        if let Implied::OfThe(after) | Implied::OfThese(after) = implied {
            if whole {
                if let Some((ns, ne)) = self.count_noun(after) {
                    self.push_count(
                        before,
                        num.times(e.scale),
                        e.scale,
                        (before.start, e.end),
                        (ns, ne),
                    );
                    return ne;
                }
            }
        }
        self.out.bares.push(Bare {
            start: before.start,
            end: e.end,
            num,
            scale: e.scale,
            has_scale: e.has_scale,
            in_parens: self.in_parens(e.start, e.end),
            implied,
        });
        e.end
    }

    /// Emits a count of `value` over `span` whose noun is the text `noun`.
    fn push_count(
        &mut self,
        before: &Before,
        value: f64,
        scale: f64,
        span: (usize, usize),
        noun: (usize, usize),
    ) {
        self.push(
            span.0,
            span.1,
            FigureKind::Count,
            (value, None),
            UnitName::Text(noun.0, noun.1),
            before.qualifier,
            scale,
            1.0,
        );
    }

    /// Reads two joined numbers. Returns where the scan resumes if it emitted a figure.
    #[allow(clippy::too_many_arguments)]
    fn pair(
        &mut self,
        e: &Expr,
        e2: &Expr,
        conn: Conn,
        intro: Intro,
        start: usize,
        qualifier: Option<Qualifier>,
        blocked_count: bool,
        small_words: bool,
    ) -> Option<usize> {
        if e2.num.year_like && e2.unit.is_none() && !e2.has_scale {
            return None;
        }
        // The unit both share: the first number takes the second's ("80 to 90 percent"), and a
        // currency written before the first carries to the second ("$2-3 billion").
        let unit = match (e.unit, e2.unit) {
            (Some(a), Some(b)) => {
                if a.unit != b.unit || a.kind != b.kind {
                    return None;
                }
                Some((a, b))
            }
            (None, Some(b)) => Some((b, b)),
            (Some(a), None) if e.unit_from_prefix => Some((a, a)),
            (Some(_), None) => return None,
            (None, None) => None,
        };
        let noun = if unit.is_none() {
            if blocked_count || e.num.frac != 0 && !e.has_scale {
                return None;
            }
            Some(self.count_noun(e2.end)?)
        } else {
            None
        };
        // "2 to 3 million": the first number takes the second's magnitude.
        let scale1 = if !e.has_scale && e2.has_scale && e.num.value() <= e2.num.value() {
            e2.scale
        } else {
            e.scale
        };
        let (f1, f2) = unit.map_or((1.0, 1.0), |(a, b)| (a.factor, b.factor));
        let v1 = e.num.times(scale1 * f1);
        let v2 = e2.num.times(e2.scale * f2);
        let (kind, unit_name, factor) = match (unit, noun) {
            (Some((a, _)), _) => (a.kind, UnitName::Static(a.unit), a.factor),
            (None, Some((ns, ne))) => (FigureKind::Count, UnitName::Text(ns, ne), 1.0),
            (None, None) => return None,
        };
        let phrasing = kind == FigureKind::Count
            && small_words
            && noun.is_some_and(|n| {
                let det = self.det_before(e.start);
                self.phrasing(det, e.num.value(), n)
            });
        let between = matches!(intro, Intro::Between(_));
        let ranging = match conn {
            Conn::And => between,
            Conn::To | Conn::Dash | Conn::Or => !matches!(intro, Intro::From { range: false }),
        };
        if ranging && v1 < v2 {
            let start = match intro {
                Intro::Between(s) if qualifier.is_none() => s,
                _ => start,
            };
            let end = noun.map_or(e2.end, |(_, ne)| ne);
            if !phrasing {
                self.push(
                    start,
                    end,
                    kind,
                    (v1, Some(v2)),
                    unit_name,
                    qualifier,
                    scale1,
                    factor,
                );
            }
            return Some(end);
        }
        // A change ("from 10 billion to 20 billion cubic meters") or a list ("5 and 7 percent"):
        // the first number alone, with the unit it shares; the second is read on its own.
        if !phrasing {
            self.push(
                start,
                e.end,
                kind,
                (v1, None),
                unit_name,
                qualifier,
                scale1,
                factor,
            );
        }
        Some(e.end)
    }
}
