//! Numerals: digits with thousands separators (Western "1,000,000", Indian "7,38,024", no-break
//! spaces), decimals, and numbers written in words ("twenty-five", "one hundred and twenty",
//! "a million", "two dozen", "half a million", "two and a half").
//!
//! A number is kept as an exact decimal (`mantissa / 10^frac`) so that "13.28 million" becomes
//! exactly 13280000 rather than 13280000.000000002.

use super::lexicon::{Lexicon, NumClass};
use super::scan;

/// A parsed numeral.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Num {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The digits, without separators or decimal point.
    pub mantissa: u64,
    /// How many of them are decimals.
    pub frac: u32,
    /// Written in words.
    pub words: bool,
    /// Four plain digits that read as a year (1100–2100, no separator, no decimals).
    pub year_like: bool,
    /// A plain integer without separators or decimals.
    pub plain_int: bool,
    /// Written in words starting with a capital letter ("Three Brothers", "Seven people died").
    pub capitalized: bool,
    /// Only an article ("a decade", "half a century"): valid before a large duration unit only.
    pub article: bool,
}

impl Num {
    /// The value.
    pub(super) fn value(&self) -> f64 {
        self.times(1.0)
    }

    /// The value times `factor`, exact when `factor` is a power of ten at least `10^frac`.
    pub(super) fn times(&self, factor: f64) -> f64 {
        let m = self.mantissa as f64;
        if self.frac == 0 {
            return m * factor;
        }
        let p = 10f64.powi(self.frac as i32);
        let q = factor / p;
        if factor >= p && q.fract() == 0.0 {
            m * q
        } else {
            m * factor / p
        }
    }
}

/// What the scanner found at a digit.
#[derive(Debug)]
pub(crate) enum Digits {
    /// A number.
    Num(Num),
    /// Not a measuring number (a clock time, a date with dots or slashes, a version, a fraction,
    /// an over-long digit string); the scan resumes at this position.
    Skip(usize),
}

/// The most significant digits kept; longer digit strings are identifiers, not figures.
const MAX_DIGITS: u32 = 18;

/// Parses the digits starting at `start` (which must be an ASCII digit).
pub(crate) fn scan_digits(t: &[u8], start: usize) -> Digits {
    let mut i = start;
    let mut mantissa: u64 = 0;
    let mut n_digits: u32 = 0;
    let push = |mantissa: &mut u64, n: &mut u32, d: u8| -> bool {
        *n += 1;
        if *n > MAX_DIGITS {
            return false;
        }
        *mantissa = *mantissa * 10 + u64::from(d - b'0');
        true
    };
    while i < t.len() && t[i].is_ascii_digit() {
        if !push(&mut mantissa, &mut n_digits, t[i]) {
            return Digits::Skip(scan::digits_end(t, i));
        }
        i += 1;
    }
    let first_run = i - start;
    let mut grouped = false;
    // Thousands groups: ",ddd" (Western), ",dd" followed by more groups (Indian), or a no-break
    // space and three digits.
    loop {
        if i < t.len() && t[i] == b',' {
            let g = scan::digits_end(t, i + 1) - (i + 1);
            let indian = g == 2
                && first_run <= 2
                && t.get(i + 3) == Some(&b',')
                && t.get(i + 4).is_some_and(u8::is_ascii_digit);
            if (g == 3 && first_run <= 3) || indian {
                for &d in &t[i + 1..i + 1 + g] {
                    if !push(&mut mantissa, &mut n_digits, d) {
                        return Digits::Skip(i + 1 + g);
                    }
                }
                i += 1 + g;
                grouped = true;
                continue;
            }
        }
        let w = scan::group_space_len(t, i);
        if w > 0 && first_run <= 3 {
            let g = scan::digits_end(t, i + w) - (i + w);
            if g == 3 {
                for &d in &t[i + w..i + w + 3] {
                    if !push(&mut mantissa, &mut n_digits, d) {
                        return Digits::Skip(i + w + 3);
                    }
                }
                i += w + 3;
                grouped = true;
                continue;
            }
        }
        break;
    }
    let mut frac = 0u32;
    if i + 1 < t.len() && t[i] == b'.' && t[i + 1].is_ascii_digit() {
        let d_end = scan::digits_end(t, i + 1);
        let dotted_again = d_end + 1 < t.len() && t[d_end] == b'.' && t[d_end + 1].is_ascii_digit();
        if dotted_again {
            // "12.07.2024", "1.2.3", "1.234.567": a date or version, unless every group has
            // three digits (European thousands).
            let mut j = i;
            let mut all_three = !grouped && first_run <= 3;
            while j + 1 < t.len() && t[j] == b'.' && t[j + 1].is_ascii_digit() {
                let e = scan::digits_end(t, j + 1);
                all_three &= e - (j + 1) == 3;
                j = e;
            }
            if !all_three {
                return Digits::Skip(j);
            }
            while i + 1 < t.len() && t[i] == b'.' && t[i + 1].is_ascii_digit() {
                for &d in &t[i + 1..i + 4] {
                    if !push(&mut mantissa, &mut n_digits, d) {
                        return Digits::Skip(j);
                    }
                }
                i += 4;
            }
            grouped = true;
        } else {
            for &d in &t[i + 1..d_end] {
                if n_digits >= MAX_DIGITS {
                    break; // drop decimals beyond the precision kept
                }
                push(&mut mantissa, &mut n_digits, d);
                frac += 1;
            }
            i = d_end;
        }
    }
    // "20:20", "3:1", "24/7", "12/07/2024": clock times, ratios, fractions and dates.
    if i + 1 < t.len() && (t[i] == b':' || t[i] == b'/') && t[i + 1].is_ascii_digit() {
        let mut j = i;
        while j + 1 < t.len() && matches!(t[j], b':' | b'/' | b'.') && t[j + 1].is_ascii_digit() {
            j = scan::digits_end(t, j + 1);
        }
        return Digits::Skip(j);
    }
    let plain_int = !grouped && frac == 0;
    let year_like = plain_int && first_run == 4 && (1100..=2100).contains(&mantissa);
    Digits::Num(Num {
        start,
        end: i,
        mantissa,
        frac,
        words: false,
        year_like,
        plain_int,
        capitalized: false,
        article: false,
    })
}

/// The number extended by a decimal comma ("1,5", "3,75"): one or two digits after a comma
/// that did not read as a thousands group. The caller accepts it only when a magnitude or unit
/// follows, since "1,2 and 3" is a list.
pub(crate) fn with_decimal_comma(t: &[u8], num: Num) -> Option<Num> {
    if !num.plain_int || num.words || t.get(num.end) != Some(&b',') {
        return None;
    }
    let e = scan::digits_end(t, num.end + 1);
    let n = e - (num.end + 1);
    if !(1..=2).contains(&n) || num.end - num.start > 15 {
        return None;
    }
    let mut mantissa = num.mantissa;
    for &d in &t[num.end + 1..e] {
        mantissa = mantissa * 10 + u64::from(d - b'0');
    }
    Some(Num {
        end: e,
        mantissa,
        frac: n as u32,
        year_like: false,
        plain_int: false,
        ..num
    })
}

/// Whether the word at `i` is a large duration unit that "a" can count ("a decade", "a
/// century"): anything else after "a" is not a number.
fn is_article_unit(t: &[u8], i: usize, lex: &Lexicon) -> bool {
    matches!(
        lex.units.match_forward(t, i),
        Some((u, _)) if u.kind == crate::model::FigureKind::Duration && u.factor >= 10.0
    )
}

/// Parses a number written in words starting at `start` (the start of an ASCII word).
pub(crate) fn scan_words(t: &[u8], start: usize, lex: &Lexicon) -> Option<Num> {
    let first_end = scan::letters_end(t, start);
    let first = &t[start..first_end];
    let capitalized = first.first().is_some_and(u8::is_ascii_uppercase);
    let word_num = |s: usize, e: usize| lex.number_word(&t[s..e]).filter(|w| !w.abbr);
    let mut num = Num {
        start,
        end: first_end,
        mantissa: 0,
        frac: 0,
        words: true,
        year_like: false,
        plain_int: true,
        capitalized,
        article: false,
    };

    // "half a million", "half a century".
    if scan::eq_ci(first, "half") {
        let (a_s, a_e) = scan::word_after(t, first_end);
        if a_e == a_s || a_s == first_end || !scan::eq_ci(&t[a_s..a_e], "a") {
            return None;
        }
        let (w_s, w_e) = scan::word_after(t, a_e);
        if w_s == a_e || w_s == w_e {
            return None;
        }
        return match word_num(w_s, w_e) {
            Some(w) if w.class == NumClass::Scale => {
                num.mantissa = (w.value / 2.0) as u64;
                num.end = w_e;
                Some(num)
            }
            _ if is_article_unit(t, w_s, lex) => {
                num.mantissa = 5;
                num.frac = 1;
                num.end = a_e;
                num.article = true;
                Some(num)
            }
            _ => None,
        };
    }

    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut last: Option<NumClass> = None;
    let mut pos = start;
    let mut article = false;
    if scan::eq_ci(first, "a") {
        let (w_s, w_e) = scan::word_after(t, first_end);
        if w_s == first_end || w_s == w_e {
            return None;
        }
        match word_num(w_s, w_e) {
            Some(w)
                if matches!(
                    w.class,
                    NumClass::Scale | NumClass::Hundred | NumClass::Dozen
                ) =>
            {
                current = 1;
                article = true;
                pos = w_s;
            }
            _ if is_article_unit(t, w_s, lex) => {
                num.mantissa = 1;
                num.article = true;
                return Some(num);
            }
            _ => return None,
        }
    }

    let mut end = start;
    loop {
        let w_end = scan::letters_end(t, pos);
        if w_end == pos {
            break;
        }
        let Some(w) = word_num(pos, w_end) else {
            // "one hundred and twenty": "and" joins only after hundred or a scale.
            if scan::eq_ci(&t[pos..w_end], "and")
                && matches!(last, Some(NumClass::Hundred | NumClass::Scale))
            {
                let (n_s, n_e) = scan::word_after(t, w_end);
                if n_s > w_end
                    && word_num(n_s, n_e).is_some_and(|n| {
                        matches!(n.class, NumClass::Unit | NumClass::Teen | NumClass::Tens)
                    })
                {
                    pos = n_s;
                    continue;
                }
            }
            break;
        };
        let v = w.value as u64;
        let ok = match w.class {
            NumClass::Unit | NumClass::Teen => match last {
                None | Some(NumClass::Hundred | NumClass::Scale) => true,
                Some(NumClass::Tens) => w.class == NumClass::Unit,
                _ => false,
            },
            NumClass::Tens => matches!(last, None | Some(NumClass::Hundred | NumClass::Scale)),
            NumClass::Hundred => {
                matches!(last, Some(NumClass::Unit | NumClass::Teen | NumClass::Tens))
                    || (article && last.is_none())
            }
            NumClass::Dozen => {
                matches!(last, Some(NumClass::Unit | NumClass::Teen | NumClass::Tens))
                    || (article && last.is_none())
            }
            NumClass::Scale => current > 0 && last != Some(NumClass::Scale),
        };
        if !ok {
            break;
        }
        match w.class {
            NumClass::Unit | NumClass::Teen | NumClass::Tens => current += v,
            NumClass::Hundred => current *= 100,
            NumClass::Dozen => current *= 12,
            NumClass::Scale => {
                total = total.saturating_add(current.saturating_mul(v));
                current = 0;
            }
        }
        last = Some(w.class);
        end = w_end;
        // Number words are joined by a hyphen ("twenty-five") or spaces.
        if w_end < t.len()
            && t[w_end] == b'-'
            && t.get(w_end + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            pos = w_end + 1;
        } else {
            let p = scan::skip_space(t, w_end);
            if p == w_end {
                break;
            }
            pos = p;
        }
    }
    last?;
    let mut value = total.saturating_add(current);
    if value == 0 {
        return None;
    }
    // "two and a half years".
    let mut frac = 0;
    if matches!(last, Some(NumClass::Unit | NumClass::Teen | NumClass::Tens)) {
        let (a_s, a_e) = scan::word_after(t, end);
        if a_s > end && scan::eq_ci(&t[a_s..a_e], "and") {
            let (b_s, b_e) = scan::word_after(t, a_e);
            let (c_s, c_e) = scan::word_after(t, b_e);
            if scan::eq_ci(&t[b_s..b_e], "a")
                && scan::eq_ci(&t[c_s..c_e], "half")
                && b_s > a_e
                && c_s > b_e
            {
                value = value * 10 + 5;
                frac = 1;
                end = c_e;
            }
        }
    }
    num.mantissa = value;
    num.frac = frac;
    num.end = end;
    num.plain_int = frac == 0;
    Some(num)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(s: &str) -> Option<(f64, usize)> {
        match scan_digits(s.as_bytes(), 0) {
            Digits::Num(n) => Some((n.value(), n.end)),
            Digits::Skip(_) => None,
        }
    }

    fn words(s: &str) -> Option<(f64, usize)> {
        scan_words(s.as_bytes(), 0, super::super::lexicon::get()).map(|n| (n.value(), n.end))
    }

    #[test]
    fn digit_forms() {
        let rows: &[(&str, Option<(f64, usize)>)] = &[
            ("375 companies", Some((375.0, 3))),
            ("10,000 km", Some((10000.0, 6))),
            ("1,000,000.", Some((1e6, 9))),
            ("7,38,024 people", Some((738024.0, 8))),
            ("13.28 million", Some((13.28, 5))),
            ("17.69%", Some((17.69, 5))),
            ("2.5.", Some((2.5, 3))),
            ("1.234.567 units", Some((1234567.0, 9))),
            ("10\u{a0}000 t", Some((10000.0, 7))),
            ("2020, 2021", Some((2020.0, 4))),
            ("1,2 and 3", Some((1.0, 1))),
            ("20:20", None),
            ("24/7", None),
            ("12.07.2024", None),
            ("1.2.3", None),
            ("1234567890123456789012", None),
        ];
        for (input, expected) in rows {
            assert_eq!(digits(input), *expected, "{input}");
        }
    }

    #[test]
    fn year_like() {
        let year = |s: &str| match scan_digits(s.as_bytes(), 0) {
            Digits::Num(n) => n.year_like,
            Digits::Skip(_) => false,
        };
        assert!(year("2024 was"));
        assert!(year("1992"));
        assert!(!year("2,024"));
        assert!(!year("20245"));
        assert!(!year("2024.5"));
        assert!(!year("3000"));
    }

    #[test]
    fn word_forms() {
        let rows: &[(&str, Option<f64>)] = &[
            ("seven people", Some(7.0)),
            ("twenty-five years", Some(25.0)),
            ("twenty five", Some(25.0)),
            ("one hundred and twenty days", Some(120.0)),
            ("two hundred thousand", Some(200_000.0)),
            ("a million people", Some(1e6)),
            ("a dozen countries", Some(12.0)),
            ("two dozen", Some(24.0)),
            ("three million five hundred thousand", Some(3_500_000.0)),
            ("half a million", Some(500_000.0)),
            ("two and a half years", Some(2.5)),
            ("a decade", Some(1.0)),
            ("half a century", Some(0.5)),
            ("one-gigawatt", Some(1.0)),
            ("a year", None),
            ("a lot", None),
            ("million", None),
            ("hundred", None),
            ("the", None),
            ("one two", Some(1.0)),
        ];
        for (input, expected) in rows {
            assert_eq!(words(input).map(|x| x.0), *expected, "{input}");
        }
    }

    #[test]
    fn exact_scaling() {
        let n = match scan_digits(b"13.28", 0) {
            Digits::Num(n) => n,
            Digits::Skip(_) => unreachable!(),
        };
        assert_eq!(n.times(1e6), 13_280_000.0);
        assert_eq!(n.times(1.0), 13.28);
    }
}
