//! Shapes of lines: the general, language-light tests the parser builds on (a heading is short and
//! has no final period, a counter is only digits, a breadcrumb item is `N. Word`, a byline is two to
//! four capitalized words, …).
//!
//! Every test is bounded: it looks at most at a few hundred bytes, so a 5 MB single-line file costs
//! nothing here.

use super::lexicon::lexicons;
use crate::text::fold;

/// The longest line that can be a heading, in bytes.
pub(crate) const MAX_HEADING_BYTES: usize = 200;
/// The most words a heading has.
pub(crate) const MAX_HEADING_WORDS: usize = 25;
/// The most words a line of site furniture (a cue such as "Read more", a tag) has.
pub(crate) const MAX_CUE_WORDS: usize = 12;

/// Closing quotes and brackets, which may follow the end of a sentence.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '”' | '’' | '»' | '›' | '*' | '_'
    )
}

/// Opening quotes and brackets, which may precede the start of a sentence.
pub(crate) fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '“' | '‘' | '«' | '‹' | '„')
}

/// The number of space-separated words, counting at most `limit + 1`. Normalized text has only
/// ASCII spaces and line breaks as whitespace, so a byte scan does.
pub(crate) fn word_count(s: &str, limit: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        let space = b == b' ' || b == b'\n' || b == b'\t';
        if !space && !in_word {
            words += 1;
            if words > limit {
                break;
            }
        }
        in_word = !space;
    }
    words
}

/// The last character that is not a closing quote or bracket (or space).
pub(crate) fn last_significant(s: &str) -> Option<char> {
    s.trim_end_matches(|c: char| is_closer(c) || c.is_whitespace())
        .chars()
        .next_back()
}

/// Whether the text ends like a finished sentence or clause: `.`, `!`, `?`, `…`, `:` or `;`,
/// possibly followed by closing quotes.
pub(crate) fn ends_terminal(s: &str) -> bool {
    matches!(last_significant(s), Some('.' | '!' | '?' | '…' | ':' | ';'))
}

/// Whether a line has the shape of a heading: short, with a letter, and without a final period,
/// comma, colon or semicolon (a question mark is allowed: headlines ask questions).
pub(crate) fn is_heading_shaped(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.len() > MAX_HEADING_BYTES || !s.chars().any(char::is_alphabetic) {
        return false;
    }
    if word_count(s, MAX_HEADING_WORDS) > MAX_HEADING_WORDS {
        return false;
    }
    !matches!(
        last_significant(s),
        Some('.' | ',' | ';' | ':' | '…') | None
    )
}

/// Whether a line reads as prose, the start of an article body: a finished sentence of several
/// words, or a long line.
pub(crate) fn is_body_like(s: &str) -> bool {
    let s = s.trim();
    s.len() > MAX_HEADING_BYTES || (word_count(s, 4) >= 4 && !is_heading_shaped(s))
}

/// Whether a line has no letter or digit at all ("...", "***", "---").
pub(crate) fn is_separator(s: &str) -> bool {
    !s.chars().any(char::is_alphanumeric)
}

/// Whether a line is only digits (a page number, a vote count).
pub(crate) fn is_digits(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && s.len() <= 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a line is a counter glued to its label ("10Sources", "87 votes", "12 comments"): digits
/// then at most one word.
pub(crate) fn is_counter(s: &str) -> bool {
    let s = s.trim();
    if s.len() > 40 {
        return false;
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let rest = s[digits..].trim_start();
    rest.is_empty()
        || (!rest.contains(char::is_whitespace) && rest.chars().all(char::is_alphabetic))
}

/// Whether a line is a bare domain name ("apa.az", "www.trend.az").
pub(crate) fn is_domain(s: &str) -> bool {
    let s = s.trim();
    if s.len() < 4 || s.len() > 80 || s.contains(char::is_whitespace) {
        return false;
    }
    let s = s.strip_prefix("www.").unwrap_or(s);
    let Some((name, tld)) = s.rsplit_once('.') else {
        return false;
    };
    (2..=6).contains(&tld.len())
        && tld.bytes().all(|b| b.is_ascii_lowercase())
        && !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        && name.bytes().any(|b| b.is_ascii_lowercase())
        && !name.split('.').any(str::is_empty)
        // "e.g", "i.e": a dotted abbreviation, not a domain.
        && name.len() > 1
}

/// Whether a line is a bare URL.
pub(crate) fn is_url(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with("http://") || s.starts_with("https://"))
        && s.len() > 10
        && !s.contains(char::is_whitespace)
}

/// Whether a line is written in capitals: at least four letters and no lowercase letter.
pub(crate) fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 4
}

/// Whether a line looks like a person's name: two to four capitalized words ("Ali Gasimov",
/// "John F. Kennedy", "Jean-Marc Ayrault"), no digits.
pub(crate) fn is_name_shaped(s: &str) -> bool {
    let s = s.trim();
    if s.len() > 48 {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            let first = chars.next().unwrap_or(' ');
            // Lowercase letters, with a capital only after a hyphen or apostrophe ("Jean-Marc").
            let mut prev = first;
            first.is_uppercase()
                && chars.all(|c| {
                    let ok = c.is_lowercase()
                        || matches!(c, '-' | '\'' | '’' | '.')
                        || (c.is_uppercase() && matches!(prev, '-' | '\'' | '’'));
                    prev = c;
                    ok
                })
                && !is_all_caps(w)
        })
}

/// Splits a list marker off a line: `- item`, `* item`, `• item`, `– item`.
pub(crate) fn strip_list_marker(s: &str) -> Option<&str> {
    for marker in ["- ", "* ", "• ", "– ", "· ", "▪ "] {
        if let Some(rest) = s.strip_prefix(marker) {
            let rest = rest.trim_start();
            if !rest.is_empty() {
                return Some(rest);
            }
        }
    }
    None
}

/// The value of a Roman numeral of up to 39 (I … XXXIX), in capitals.
pub(crate) fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 7 {
        return None;
    }
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    // Only canonical spellings ("IV", not "IIII" or "VX").
    (roman(total) == s).then_some(total)
}

fn roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Splits a leading section number off a line: `IV. Title`, `2. Title`, `3) Title`. Returns the
/// number, whether it was Roman, and the rest.
pub(crate) fn strip_numeral(s: &str) -> Option<(u32, bool, &str)> {
    let s = s.trim_start();
    let end = s.find(['.', ')'])?;
    if end == 0 || end > 7 {
        return None;
    }
    let (num, rest) = (&s[..end], &s[end + 1..]);
    if !rest.starts_with(' ') {
        return None;
    }
    let rest = rest.trim_start();
    if rest.is_empty() {
        return None;
    }
    if num.bytes().all(|b| b.is_ascii_digit()) {
        return Some((
            num.parse().ok().filter(|n| *n > 0 && *n < 1000)?,
            false,
            rest,
        ));
    }
    roman_value(num).map(|n| (n, true, rest))
}

/// Removes a table-of-contents page reference from the end of an entry: dot leaders and a page
/// number ("Title ........ 7", "Title 7").
pub(crate) fn strip_page_reference(s: &str) -> &str {
    let t = s.trim_end();
    let digits = t.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 || digits == t.len() {
        return t;
    }
    let head = &t[..t.len() - digits];
    if !head.ends_with([' ', '.', '…', '\u{2002}']) {
        return t;
    }
    let head = head.trim_end_matches([' ', '.', '…', '\u{2002}']);
    // "Preparations for COP 29" keeps its number: only strip after a leader or a wide gap.
    if t[head.len()..t.len() - digits].contains("..")
        || t[head.len()..t.len() - digits].contains('…')
        || t[head.len()..t.len() - digits].len() >= 2
    {
        head
    } else {
        t
    }
}

/// Converts a line in capitals to title case, keeping function words lowercase:
/// "CENTER OF ANALYSIS OF INTERNATIONAL RELATIONS" → "Center of Analysis of International
/// Relations".
pub(crate) fn title_case(s: &str) -> String {
    let lex = lexicons();
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if i > 0 && lex.function_words.contains(&fold(&lower)) {
            out.push_str(&lower);
            continue;
        }
        let mut chars = lower.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks a predicate over rows of (input, expected).
    fn check(name: &str, f: fn(&str) -> bool, rows: &[(&str, bool)]) {
        for (input, want) in rows {
            assert_eq!(f(input), *want, "{name}({input:?})");
        }
    }

    #[test]
    fn heading_shapes() {
        check(
            "is_heading_shaped",
            is_heading_shaped,
            &[
                ("Foundations and developing cooperation", true),
                ("Political obstacle and crisis of trust: Section 907", true),
                ("Will Armenia sign?", true),
                ("A finished sentence.", false),
                ("Tags:", false),
                ("", false),
                ("2024", false),
                (&"word ".repeat(30), false),
            ],
        );
        check(
            "is_body_like",
            is_body_like,
            &[
                ("Azerbaijan and China signed a declaration.", true),
                ("Short one.", false),
                ("Foundations and developing cooperation", false),
                (&"long ".repeat(60), true),
            ],
        );
    }

    #[test]
    fn furniture_shapes() {
        check(
            "is_digits",
            is_digits,
            &[("87", true), ("8 7", false), ("", false)],
        );
        check(
            "is_counter",
            is_counter,
            &[
                ("10Mənbələr", true),
                ("12 comments", true),
                ("87", true),
                ("2024 was a year", false),
                ("apa.az", false),
            ],
        );
        check(
            "is_domain",
            is_domain,
            &[
                ("apa.az", true),
                ("www.trend.az", true),
                ("news.example.co.uk", true),
                ("e.g", false),
                ("U.S.", false),
                ("Apa.az", false),
                ("20.7", false),
                ("two words.az", false),
            ],
        );
        check(
            "is_separator",
            is_separator,
            &[("...", true), ("* * *", true), ("a.", false)],
        );
        check(
            "is_all_caps",
            is_all_caps,
            &[
                ("CENTER OF ANALYSIS", true),
                ("BEYNƏLXALQ MÜNASİBƏTLƏR", true),
                ("JULY-2024", true),
                ("AZ", false),
                ("Mixed Case", false),
            ],
        );
        check(
            "is_name_shaped",
            is_name_shaped,
            &[
                ("Ali Gasimov", true),
                ("John F. Kennedy", true),
                ("Jean-Marc Ayrault", true),
                ("Read more", false),
                ("Ali", false),
                ("NATO Summit", false),
                ("Follow Trend on", false),
            ],
        );
    }

    #[test]
    fn numerals_and_markers() {
        assert_eq!(roman_value("IV"), Some(4));
        assert_eq!(roman_value("XIX"), Some(19));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("VX"), None);
        assert_eq!(roman_value("AB"), None);
        assert_eq!(
            strip_numeral("III. The partnership"),
            Some((3, true, "The partnership"))
        );
        assert_eq!(strip_numeral("2) Second"), Some((2, false, "Second")));
        assert_eq!(strip_numeral("20.7 percent"), None);
        assert_eq!(strip_numeral("U.S. relations"), None);
        assert_eq!(strip_list_marker("- item"), Some("item"));
        assert_eq!(strip_list_marker("-item"), None);
        assert_eq!(strip_page_reference("Title ........ 7"), "Title");
        assert_eq!(
            strip_page_reference("Preparations for COP 29"),
            "Preparations for COP 29"
        );
        assert_eq!(strip_page_reference("Title   12"), "Title");
    }

    #[test]
    fn title_cases_capitals() {
        assert_eq!(
            title_case("CENTER OF ANALYSIS OF INTERNATIONAL RELATIONS"),
            "Center of Analysis of International Relations"
        );
        assert_eq!(title_case("THE WORLD"), "The World");
    }
}
