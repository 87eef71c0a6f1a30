//! Dates in metadata lines and datelines.
//!
//! Recognizes `2025-12-05`, `22 April 2025`, `April 22, 2025`, `JULY-2024`, `July 2024`,
//! `22.04.2025`, and — only where a date without a year is expected, in a dateline — `February 25`.
//! A missing year is never filled in: the result is a [`PartialDate`] with what the text says.
//! Dates are only looked for in short metadata lines and at the start of an article, never in its
//! prose ("on July 3" in a sentence is not the publication date).

use super::lexicon::lexicons;
use super::shapes::is_closer;
use crate::model::PartialDate;

/// The plausible range of publication years.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A token of a line, with its byte range.
#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// Splits a line into tokens at whitespace and commas, trimming brackets and final periods.
fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let sep = c.is_whitespace() || c == ',';
        match (start, sep) {
            (None, false) => start = Some(i),
            (Some(st), true) => {
                let raw = &s[st..i];
                let lead = raw.len() - raw.trim_start_matches(['(', '[']).len();
                let text =
                    raw[lead..].trim_end_matches(|c: char| c == '.' || c == ':' || is_closer(c));
                if !text.is_empty() {
                    out.push(Token {
                        text,
                        start: st + lead,
                        end: st + lead + text.len(),
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn number(s: &str, max_len: usize) -> Option<i32> {
    (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())?
}

fn year(s: &str) -> Option<i16> {
    (s.len() == 4)
        .then(|| number(s, 4))?
        .filter(|y| YEARS.contains(y))
        .map(|y| y as i16)
}

/// A day of the month, also written "22nd", "1st".
fn day(s: &str) -> Option<u8> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = &s[digits..];
    if !(suffix.is_empty() || ["st", "nd", "rd", "th"].contains(&suffix)) {
        return None;
    }
    number(&s[..digits], 2)
        .filter(|d| (1..=31).contains(d))
        .map(|d| d as u8)
}

fn valid(date: PartialDate) -> Option<PartialDate> {
    date.is_valid().then_some(date)
}

/// A date written as one token: `2025-12-05`, `2025-12-05T10:00`, `2025/12/05`, `22.04.2025`,
/// `JULY-2024`, `2024-07`.
pub(crate) fn single_token_date(t: &str) -> Option<PartialDate> {
    let t = t.split('T').next().unwrap_or(t);
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    let lex = lexicons();
    match parts.as_slice() {
        [y, m, d] if year(y).is_some() => valid(PartialDate {
            year: Some(year(y)?),
            month: Some(number(m, 2)? as u8),
            day: Some(number(d, 2)? as u8),
        }),
        // Day first: the European order, the usual one in the region's press. A slash date is read
        // only when it cannot be month-first (day above 12).
        [d, m, y] if y.len() == 4 && (t.contains('.') || number(d, 2)? > 12) => {
            valid(PartialDate {
                year: Some(year(y)?),
                month: Some(number(m, 2)? as u8),
                day: Some(number(d, 2)? as u8),
            })
        }
        [y, m] if year(y).is_some() && t.contains('-') => valid(PartialDate {
            year: Some(year(y)?),
            month: Some(number(m, 2)? as u8),
            day: None,
        }),
        [m, y] if t.contains('-') || t.contains('/') => {
            let month = lex.month(m).or_else(|| number(m, 2).map(|n| n as u8))?;
            valid(PartialDate {
                year: Some(year(y)?),
                month: Some(month),
                day: None,
            })
        }
        _ => None,
    }
}

/// Finds the first date in a short line. With `allow_partial`, a month and day without a year
/// count too. Returns the date and the byte range it covers.
pub(crate) fn find_date(s: &str, allow_partial: bool) -> Option<(PartialDate, usize, usize)> {
    let lex = lexicons();
    let toks = tokens(s);
    for (i, t) in toks.iter().enumerate() {
        if let Some(d) = single_token_date(t.text) {
            return Some((d, t.start, t.end));
        }
        let next = |k: usize| toks.get(i + k).map(|t| t.text);
        // 22 April 2025
        if let (Some(d), Some(m), Some(y)) = (
            day(t.text),
            next(1).and_then(|w| lex.month(w)),
            next(2).and_then(year),
        ) {
            if let Some(date) = valid(PartialDate {
                year: Some(y),
                month: Some(m),
                day: Some(d),
            }) {
                return Some((date, t.start, toks[i + 2].end));
            }
        }
        if let Some(m) = lex.month(t.text) {
            // Single-letter or two-letter "months" ("mar", "mai") need a neighbouring number.
            // April 22, 2025 / April 22
            if let Some(d) = next(1).and_then(day) {
                if let Some(y) = next(2).and_then(year) {
                    if let Some(date) = valid(PartialDate {
                        year: Some(y),
                        month: Some(m),
                        day: Some(d),
                    }) {
                        return Some((date, t.start, toks[i + 2].end));
                    }
                }
                if allow_partial {
                    if let Some(date) = valid(PartialDate {
                        year: None,
                        month: Some(m),
                        day: Some(d),
                    }) {
                        return Some((date, t.start, toks[i + 1].end));
                    }
                }
            }
            // July 2024
            if let Some(y) = next(1).and_then(year) {
                return Some((
                    PartialDate {
                        year: Some(y),
                        month: Some(m),
                        day: None,
                    },
                    t.start,
                    toks[i + 1].end,
                ));
            }
        }
    }
    None
}

/// A dateline at the start of an article: "BAKU, Azerbaijan, February 25.", "LONDON (Reuters) –",
/// "BRUSSELS –", "Baku, Azerbaijan, Feb. 25, 2025:".
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Dateline {
    /// The place as written ("BAKU, Azerbaijan").
    pub place: String,
    /// The date, often without a year.
    pub date: Option<PartialDate>,
    /// A news agency credited in brackets ("Reuters").
    pub agency: Option<String>,
}

/// Whether a word is a place-name word in capitals ("BAKU", "NEW", "BEIRUT/AMMAN").
fn caps_word(w: &str) -> bool {
    w.chars().any(char::is_alphabetic)
        && w.chars().all(|c| {
            (c.is_alphabetic() && !c.is_lowercase()) || matches!(c, '-' | '/' | '\'' | '.')
        })
}

/// Whether a word is capitalized ("Azerbaijan", "Al-Quds").
fn capitalized_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
}

/// Reads a dateline at the start of `s` (the first paragraph of an article).
pub(crate) fn dateline(s: &str) -> Option<Dateline> {
    // A dateline is short: look at the head only, cut at a character boundary.
    let mut cut = s.len().min(160);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &s[..cut];

    // The city: up to the first comma, bracket or dash.
    let city_end = head
        .find([',', '(', '–', '—'])
        .into_iter()
        .chain(head.find(" - "))
        .min()?;
    let city = head[..city_end].trim();
    let city_words: Vec<&str> = city.split_whitespace().collect();
    if city_words.is_empty() || city_words.len() > 4 {
        return None;
    }
    let city_in_caps = city_words.iter().all(|w| caps_word(w));
    if !city_in_caps && !city_words.iter().all(|w| capitalized_word(w)) {
        return None;
    }
    let mut place = city.to_string();
    let mut date = None;
    let mut agency = None;
    let mut rest = &head[city_end..];

    if let Some(after) = rest.strip_prefix(',') {
        // ", Country" (optional), then ", Month Day[, Year]" and a terminator.
        let parts: Vec<&str> = after.splitn(4, ',').collect();
        let offset = |k: usize| 1 + parts[..k].iter().map(|p| p.len() + 1).sum::<usize>();
        let mut k = 0;
        let first_words: Vec<&str> = parts[0].split_whitespace().collect();
        if parts.len() > 1
            && (1..=4).contains(&first_words.len())
            && first_words
                .iter()
                .all(|w| capitalized_word(w) || caps_word(w))
            && find_date(parts[0], true).is_none()
        {
            place.push_str(", ");
            place.push_str(parts[0].trim());
            k = 1;
        }
        let part = parts.get(k)?;
        let lead = part.len() - part.trim_start().len();
        let (mut d, start, end) = find_date(part, true)?;
        if start != lead {
            return None;
        }
        let mut date_end = offset(k) + end;
        // ", 2025" after a month and day, in the next part.
        if d.year.is_none() && part[end..].trim().is_empty() {
            if let Some(next) = parts.get(k + 1) {
                let t = next.trim_start();
                let digits = t.bytes().take_while(u8::is_ascii_digit).count();
                if let Some(y) = year(&t[..digits]) {
                    d.year = Some(y);
                    date_end = offset(k + 1) + (next.len() - t.len()) + digits;
                }
            }
        }
        let mut tail = rest.get(date_end..)?;
        // "Baku, February 25, AZERTAC." — an agency in capitals after the date.
        if let Some(after) = tail.strip_prefix(", ") {
            let end = after
                .find(|c: char| !(c.is_alphabetic() || c == '-'))
                .unwrap_or(after.len());
            let word = &after[..end];
            if (2..=20).contains(&word.len())
                && word.chars().all(|c| !c.is_lowercase())
                && after[end..].starts_with(['.', ':', ' '])
            {
                agency = Some(word.to_string());
                tail = &after[end..];
            }
        }
        // A capitalized (not capitals) city needs its country or an agency too, so that
        // "Yesterday, May 5." is not read as a dateline.
        if !city_in_caps && k == 0 && agency.is_none() {
            return None;
        }
        let terminated = tail.starts_with(['.', ':'])
            || [" –", " —", " -", " (", " /"]
                .iter()
                .any(|t| tail.starts_with(t));
        if !terminated {
            return None;
        }
        date = Some(d);
        rest = tail.trim_start_matches(['.', ':', ' ']);
    } else if !city_in_caps {
        return None;
    }

    // "(Reuters) –" or "/TASS/." after the city or the date.
    let r = rest.trim_start();
    for (open, close) in [('(', ')'), ('/', '/')] {
        if let Some(inner) = r.strip_prefix(open) {
            if let Some(end) = inner.find(close) {
                let name = inner[..end].trim();
                if !name.is_empty() && name.len() <= 40 {
                    agency = Some(name.to_string());
                    rest = &inner[end + 1..];
                }
            }
            break;
        }
    }
    // A city alone must be followed by a dash: "BRUSSELS – The EU…".
    if date.is_none() {
        let r = rest.trim_start();
        if !(r.starts_with('–') || r.starts_with('—') || r.starts_with("- ")) {
            return None;
        }
    }
    Some(Dateline {
        place,
        date,
        agency,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(d: Option<PartialDate>) -> Option<String> {
        d.map(|d| d.to_string())
    }

    #[test]
    fn finds_dates_in_metadata_lines() {
        for (line, partial, want) in [
            (" date 2025-12-05 MENAFN", false, Some("2025-12-05")),
            (
                "Politics Materials 22 April 2025 20:20 (UTC +04:00)",
                false,
                Some("2025-04-22"),
            ),
            ("JULY-2024", false, Some("2024-07")),
            ("July 2024", false, Some("2024-07")),
            ("April 22, 2025", false, Some("2025-04-22")),
            ("Published: 22.04.2025, 10:00", false, Some("2025-04-22")),
            ("2025/04/22", false, Some("2025-04-22")),
            ("12/04/2025", false, None),
            ("25/04/2025", false, Some("2025-04-25")),
            ("February 25", false, None),
            ("February 25", true, Some("--02-25")),
            ("February 30, 2025", false, None),
            ("2025-13-01", false, None),
            ("May I say", true, None),
            ("No date here", true, None),
            ("1st March 2024", false, Some("2024-03-01")),
        ] {
            assert_eq!(
                iso(find_date(line, partial).map(|d| d.0)).as_deref(),
                want,
                "{line:?}"
            );
        }
    }

    #[test]
    fn reads_datelines() {
        for (text, place, date, agency) in [
            (
                "BAKU, Azerbaijan, February 25. Azerbaijan and Pakistan",
                Some("BAKU, Azerbaijan"),
                Some("--02-25"),
                None,
            ),
            (
                "BAKU, Azerbaijan, April 22. In recent years",
                Some("BAKU, Azerbaijan"),
                Some("--04-22"),
                None,
            ),
            (
                "Baku, Azerbaijan, Feb. 25, 2025: The talks",
                Some("Baku, Azerbaijan"),
                Some("2025-02-25"),
                None,
            ),
            (
                "LONDON (Reuters) - Britain said",
                Some("LONDON"),
                None,
                Some("Reuters"),
            ),
            ("BRUSSELS – The EU said", Some("BRUSSELS"), None, None),
            ("BEIRUT/AMMAN – Talks", Some("BEIRUT/AMMAN"), None, None),
            (
                "ASTANA, July 3 (AKIpress) - Leaders met",
                Some("ASTANA"),
                Some("--07-03"),
                Some("AKIpress"),
            ),
            (
                "Baku, February 25, AZERTAC. President Ilham Aliyev",
                Some("Baku"),
                Some("--02-25"),
                Some("AZERTAC"),
            ),
            (
                "BAKU, March 3, APA. The ministry said",
                Some("BAKU"),
                Some("--03-03"),
                Some("APA"),
            ),
            (
                "MOSCOW, March 15 /TASS/. Russia said",
                Some("MOSCOW"),
                Some("--03-15"),
                Some("TASS"),
            ),
            (
                "Azerbaijan and Pakistan have long maintained",
                None,
                None,
                None,
            ),
            ("In recent years, relations between", None, None, None),
            ("Yesterday, May 5. Something", None, None, None),
            ("For many years, economic cooperation", None, None, None),
        ] {
            let got = dateline(text);
            assert_eq!(got.as_ref().map(|d| d.place.as_str()), place, "{text:?}");
            assert_eq!(
                got.as_ref()
                    .and_then(|d| d.date)
                    .map(|d| d.to_string())
                    .as_deref(),
                date,
                "{text:?}"
            );
            assert_eq!(
                got.as_ref().and_then(|d| d.agency.as_deref()),
                agency,
                "{text:?}"
            );
        }
    }
}
