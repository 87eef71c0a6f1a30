//! Segmentation: article units into the cleaned text, its paragraphs and its sentences, with byte
//! offsets into the text.
//!
//! Paragraphs: each unit (a line) is a paragraph, except that a line cut mid-sentence by a page
//! break continues in the next one (the first ends without final punctuation and the next starts
//! in lowercase, or both are prose rather than headings). Paragraphs are separated by a blank line
//! in the text and runs of spaces are collapsed.
//!
//! Sentences never span paragraphs. A sentence ends at `.`, `!` or `?` (with any closing quotes or
//! brackets after it) followed by a space and a capital, digit or opening quote, except after an
//! abbreviation (Mr., No. 5, e.g.), an initial or dotted abbreviation followed by a word that does
//! not typically open a sentence (U.S. forces, John F. Kennedy), inside a decimal (20.7), and at
//! an ellipsis. The scan is linear and allocation-free.

use super::article::{Unit, UnitKind};
use super::lexicon::{lexicons, Abbrev};
use super::shapes::{
    ends_terminal, is_closer, is_heading_shaped, is_opener, last_significant, roman_value,
    strip_list_marker,
};
use crate::model::{Sentence, Span};

/// Builds the text, paragraphs and sentences of an article from its units.
pub(crate) fn build(units: &[Unit<'_>]) -> (String, Vec<Span>, Vec<Sentence>) {
    let capacity = units.iter().map(|u| u.text.len() + 2).sum();
    let mut text = String::with_capacity(capacity);
    let mut paragraphs: Vec<Span> = Vec::new();
    let mut start = 0;
    let wrap = wrap_widths(units);
    for (i, unit) in units.iter().enumerate() {
        let join = i > 0
            && (continues(&units[i - 1], &text[start..], unit)
                || wrapped(&units[i - 1], unit, wrap[i - 1]));
        if join {
            text.push(' ');
        } else {
            if i > 0 {
                paragraphs.push(span(start, text.len()));
                text.push_str("\n\n");
            }
            start = text.len();
        }
        push_collapsed(&mut text, unit.text);
    }
    if !units.is_empty() {
        paragraphs.push(span(start, text.len()));
    }
    let mut sentences = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        split_sentences(&text, *p, i as u32, &mut sentences);
    }
    (text, paragraphs, sentences)
}

fn span(start: usize, end: usize) -> Span {
    Span {
        start: start as u32,
        end: end as u32,
    }
}

/// Eight copies of the byte 0x01 and of 0x80, for word-at-a-time byte tests.
const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `v` is zero (exact: no false positives or negatives).
#[inline]
fn has_zero_byte(v: u64) -> bool {
    v.wrapping_sub(LO) & !v & HI != 0
}

/// The eight bytes of `b` from `i`, little-endian.
#[inline]
fn load(b: &[u8], i: usize) -> u64 {
    let mut chunk = [0u8; 8];
    chunk.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(chunk)
}

/// The position of the first two consecutive spaces in `b`. Eight bytes at a time: most lines
/// have none.
fn find_double_space(b: &[u8]) -> Option<usize> {
    let spaces = LO * u64::from(b' ');
    let mut i = 0;
    while i + 8 <= b.len() {
        let v = load(b, i) ^ spaces;
        // Byte k of `v | v >> 8` is zero when bytes k and k + 1 are both spaces (the last byte
        // alone may flag a false candidate, which the exact check below rejects).
        if has_zero_byte(v | (v >> 8)) {
            let end = (i + 8).min(b.len() - 1);
            if let Some(k) = (i..end).find(|&k| b[k] == b' ' && b[k + 1] == b' ') {
                return Some(k);
            }
        }
        i += 7;
    }
    (i..b.len().saturating_sub(1)).find(|&k| b[k] == b' ' && b[k + 1] == b' ')
}

/// The position of the next byte from `i` that may end a sentence: `.`, `!`, `?`, or the lead
/// byte 0xE2 of `…` (and of other punctuation, which the caller tells apart). Eight bytes at a
/// time.
#[inline]
fn next_terminal(b: &[u8], mut i: usize) -> usize {
    let (dots, bangs, questions, e2) = (LO * 0x2E, LO * 0x21, LO * 0x3F, LO * 0xE2);
    while i + 8 <= b.len() {
        let x = load(b, i);
        if has_zero_byte(x ^ dots)
            || has_zero_byte(x ^ bangs)
            || has_zero_byte(x ^ questions)
            || has_zero_byte(x ^ e2)
        {
            break;
        }
        i += 8;
    }
    while i < b.len() && !matches!(b[i], b'.' | b'!' | b'?' | 0xE2) {
        i += 1;
    }
    i
}

/// Appends `s` with runs of spaces collapsed to one.
fn push_collapsed(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let Some(first) = find_double_space(b) else {
        out.push_str(s);
        return;
    };
    let mut copied = 0;
    let mut i = first;
    while i + 1 < b.len() {
        if b[i] == b' ' && b[i + 1] == b' ' {
            // Keep the first space, skip the rest; spaces are ASCII, so these are char boundaries.
            out.push_str(&s[copied..=i]);
            i += 1;
            while i < b.len() && b[i] == b' ' {
                i += 1;
            }
            copied = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&s[copied..]);
}

/// The widest line of a hard-wrapped block, for every unit: blocks of three or more lines, none
/// longer than a wrap width (120 bytes). Zero for units in other blocks.
fn wrap_widths(units: &[Unit<'_>]) -> Vec<usize> {
    let mut out = vec![0; units.len()];
    let mut i = 0;
    while i < units.len() {
        let block = units[i].block;
        let end = i + units[i..].iter().take_while(|u| u.block == block).count();
        let widest = units[i..end]
            .iter()
            .map(|u| u.text.len())
            .max()
            .unwrap_or(0);
        if end - i >= 3 && widest <= 120 {
            out[i..end].fill(widest);
        }
        i = end;
    }
    out
}

/// Whether `next` continues `prev` in a hard-wrapped block of width `width`: `prev` is nearly as
/// wide as the block and ends without final punctuation.
fn wrapped(prev: &Unit<'_>, next: &Unit<'_>, width: usize) -> bool {
    width > 0
        && prev.block == next.block
        && prev.kind != UnitKind::Title
        && next.kind == UnitKind::Text
        && prev.text.len() >= 40
        && prev.text.len() * 4 >= width * 3
        && !ends_terminal(prev.text)
}

/// Whether `next` continues the paragraph `paragraph` (whose last unit is `prev`) across a line
/// or page break.
fn continues(prev: &Unit<'_>, paragraph: &str, next: &Unit<'_>) -> bool {
    if prev.kind == UnitKind::Title || next.kind != UnitKind::Text {
        return false;
    }
    if ends_terminal(paragraph) || last_significant(paragraph).is_none() {
        return false;
    }
    let first = next.text.chars().next().unwrap_or(' ');
    if first.is_lowercase() {
        return true;
    }
    // A paragraph that ends with a function word ("…the", "…of") was cut mid-sentence.
    let last_word = paragraph
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_end_matches(is_closer);
    if last_word.chars().all(char::is_lowercase)
        && lexicons().function_words.contains(last_word)
        && !is_heading_shaped(next.text)
    {
        return true;
    }
    !is_heading_shaped(paragraph) && !is_heading_shaped(next.text)
}

/// Splits the paragraph `p` of `text` into sentences, appending them to `out`.
pub(crate) fn split_sentences(text: &str, p: Span, paragraph: u32, out: &mut Vec<Sentence>) {
    let base = p.start as usize;
    let para = &text[p.range()];
    // A list item's sentence starts after its marker.
    let first = strip_list_marker(para).map_or(0, |rest| para.len() - rest.len());
    let b = para.as_bytes();
    let mut start = first;
    let mut i = first;
    while i < b.len() {
        i = next_terminal(b, i);
        if i >= b.len() {
            break;
        }
        let c = b[i];
        let is_ellipsis_char =
            c == 0xE2 && b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA6);
        if c == 0xE2 && !is_ellipsis_char {
            i += 1;
            continue;
        }
        // The run of terminal punctuation.
        let run_start = i;
        let mut ellipsis = false;
        while i < b.len() {
            match b[i] {
                b'.' | b'!' | b'?' => i += 1,
                0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA6) => {
                    ellipsis = true;
                    i += 3;
                }
                _ => break,
            }
        }
        let run = &para[run_start..i];
        if run.contains("..") {
            ellipsis = true;
        }
        // Closing quotes and brackets belong to the sentence.
        let mut end = i;
        while let Some(ch) = para[end..].chars().next() {
            if is_closer(ch) {
                end += ch.len_utf8();
            } else {
                break;
            }
        }
        i = end.max(i);
        if end >= b.len() {
            break;
        }
        if !para[end..].starts_with(char::is_whitespace) {
            continue;
        }
        let next = end + (para[end..].len() - para[end..].trim_start().len());
        if next >= b.len() {
            break;
        }
        if ellipsis || !opens_sentence(&para[next..]) {
            continue;
        }
        if run == "." && !ends_at_period(&para[start..run_start], start == first, &para[next..]) {
            continue;
        }
        push(out, base, para, start, end, paragraph);
        start = next;
        i = next;
    }
    push(out, base, para, start, para.len(), paragraph);
}

/// Adds the sentence `para[start..end]` (trimmed) if it has any letter or digit.
fn push(
    out: &mut Vec<Sentence>,
    base: usize,
    para: &str,
    start: usize,
    end: usize,
    paragraph: u32,
) {
    let s = &para[start..end];
    let trimmed_start = start + (s.len() - s.trim_start().len());
    let trimmed_end = start + s.trim_end().len();
    if trimmed_start >= trimmed_end
        || !para[trimmed_start..trimmed_end]
            .chars()
            .any(char::is_alphanumeric)
    {
        return;
    }
    out.push(Sentence {
        start: (base + trimmed_start) as u32,
        end: (base + trimmed_end) as u32,
        paragraph,
    });
}

/// Whether `rest` can open a sentence: a capital, a digit, or an opening quote or bracket before
/// one.
fn opens_sentence(rest: &str) -> bool {
    let mut chars = rest.chars();
    let Some(c) = chars.next() else {
        return false;
    };
    if c.is_uppercase() || c.is_ascii_digit() {
        return true;
    }
    if is_opener(c) {
        return chars
            .next()
            .is_some_and(|d| d.is_uppercase() || d.is_ascii_digit() || is_opener(d));
    }
    false
}

/// The first word of `rest`, without opening quotes.
fn first_word(rest: &str) -> &str {
    let rest = rest.trim_start_matches(is_opener);
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Whether a period ends the sentence `before` (its text up to the period), given what follows.
/// `at_paragraph_start` says the sentence is the first of its paragraph.
fn ends_at_period(before: &str, at_paragraph_start: bool, rest: &str) -> bool {
    // The word before the period, without opening quotes and brackets. Bounded: a word is short.
    let word_start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let word = before[word_start..].trim_start_matches(is_opener);
    if word.is_empty() || word.len() > 40 {
        return true;
    }
    let lex = lexicons();
    let next_is_number = rest.starts_with(|c: char| c.is_ascii_digit());
    let next_opens = || lex.sentence_starters.contains(first_word(rest));
    if let Some(kind) = lex.abbreviations.get(word) {
        return match kind {
            Abbrev::Title => false,
            Abbrev::Number => !next_is_number,
            Abbrev::Ambiguous => next_opens(),
        };
    }
    // "U.S", "e.g", "J.R.R": letters joined by periods.
    let dotted = word.contains('.')
        && word.split('.').all(|part| {
            (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
        });
    // An initial: one capital letter ("John F. Kennedy").
    let mut chars = word.chars();
    let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    if dotted || initial {
        return next_opens();
    }
    // A section numeral opening a heading: "IV. Azerbaijan and China…".
    if at_paragraph_start && word_start == 0 && roman_value(word).is_some() {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(p: &str) -> Vec<String> {
        let mut out = Vec::new();
        split_sentences(p, span(0, p.len()), 0, &mut out);
        out.iter().map(|s| p[s.range()].to_string()).collect()
    }

    #[test]
    fn finds_bytes_word_at_a_time() {
        for (input, want) in [
            ("no doubles here at all, really", None),
            ("a  b", Some(1)),
            ("0123456  x", Some(7)),
            ("01234567  x", Some(8)),
            ("0123456789abcdef ", None),
            ("0123456789abcde  ", Some(15)),
            ("  ", Some(0)),
            (" ", None),
        ] {
            assert_eq!(find_double_space(input.as_bytes()), want, "{input:?}");
        }
        let text = "abcdefghijklmnop. q";
        assert_eq!(next_terminal(text.as_bytes(), 0), 16);
        assert_eq!(next_terminal(b"abcdefgh", 0), 8);
        assert_eq!(next_terminal("ab’cd".as_bytes(), 0), 2);
    }

    #[test]
    fn collapses_spaces() {
        for (input, want) in [
            ("a  b   c", "a b c"),
            ("  x", " x"),
            ("y  ", "y "),
            ("é  ü", "é ü"),
            ("", ""),
        ] {
            let mut out = String::new();
            push_collapsed(&mut out, input);
            assert_eq!(out, want, "{input:?}");
        }
    }

    fn check(p: &str, want: &[&str]) {
        assert_eq!(sentences(p), want, "{p:?}");
    }

    #[test]
    fn splits_sentences() {
        check("One. Two! Three? Four", &["One.", "Two!", "Three?", "Four"]);
        check(
            "Relations with the U.S. are strong. U.S. forces left. Ties with the U.S. The visit.",
            &[
                "Relations with the U.S. are strong.",
                "U.S. forces left.",
                "Ties with the U.S.",
                "The visit.",
            ],
        );
        check(
            "Mr. Aliyev met Dr. Smith. He left.",
            &["Mr. Aliyev met Dr. Smith.", "He left."],
        );
        check(
            "See No. 5 and Jan. 20 talks. Next.",
            &["See No. 5 and Jan. 20 talks.", "Next."],
        );
        check(
            "Trade rose 20.7 percent to $3.7 billion. It grew.",
            &["Trade rose 20.7 percent to $3.7 billion.", "It grew."],
        );
        check(
            "Gas, e.g. LNG, and oil, i.e. Brent. Yes.",
            &["Gas, e.g. LNG, and oil, i.e. Brent.", "Yes."],
        );
        check(
            "John F. Kennedy spoke. Then.",
            &["John F. Kennedy spoke.", "Then."],
        );
        check(
            "He paused... Then he left. Wait… What",
            &["He paused... Then he left.", "Wait… What"],
        );
        check(
            "\"It is over.\" He left. 'Yes,' he said. “Done,” she said.",
            &[
                "\"It is over.\"",
                "He left.",
                "'Yes,' he said.",
                "“Done,” she said.",
            ],
        );
        check(
            "potential.' The mutual trade. 'Currently, talks.' This shows.",
            &[
                "potential.'",
                "The mutual trade.",
                "'Currently, talks.'",
                "This shows.",
            ],
        );
        check(
            "Established in 1992. Over the years. 375 firms.",
            &["Established in 1992.", "Over the years.", "375 firms."],
        );
        check("Why? he asked. Fine.", &["Why? he asked.", "Fine."]);
        check(
            "III. The Azerbaijan-Pakistan partnership",
            &["III. The Azerbaijan-Pakistan partnership"],
        );
        check("I. Key Takeaways from Q&A", &["I. Key Takeaways from Q&A"]);
        check(
            "BAKU, Azerbaijan, February 25. Azerbaijan and Pakistan.",
            &["BAKU, Azerbaijan, February 25.", "Azerbaijan and Pakistan."],
        );
        check(
            "Apple Inc. The firm. Smith Inc. reported.",
            &["Apple Inc.", "The firm.", "Smith Inc. reported."],
        );
        check(
            "- Launching a fund. Working on it.",
            &["Launching a fund.", "Working on it."],
        );
        check(
            "stated, \"[b]ut there is an opportunity now. But in order.\"",
            &[
                "stated, \"[b]ut there is an opportunity now.",
                "But in order.\"",
            ],
        );
        check(
            "apa.az and 3.5.1 stay. Yes",
            &["apa.az and 3.5.1 stay.", "Yes"],
        );
        check("", &[]);
        check("...", &[]);
        check(". A", &["A"]);
    }

    fn units<'a>(lines: &[(&'a str, UnitKind)]) -> Vec<Unit<'a>> {
        lines
            .iter()
            .enumerate()
            .map(|(i, &(text, kind))| Unit {
                text,
                kind,
                block: i as u32,
            })
            .collect()
    }

    #[test]
    fn joins_lines_broken_by_page_breaks() {
        let (text, paragraphs, _) = build(&units(&[
            ("The title", UnitKind::Title),
            (
                "For Baku, this was an internal matter that should not be part of bilateral",
                UnitKind::Text,
            ),
            ("negotiations. The stalemate persisted.", UnitKind::Text),
            (
                "A long paragraph of prose. It says much, and it ends, On November 22, 2022, the",
                UnitKind::Text,
            ),
            (
                "Azerbaijani Cabinet of Ministers decided to eliminate customs duties.",
                UnitKind::Text,
            ),
            ("A sub-heading of the article", UnitKind::Text),
            ("Its   paragraph.", UnitKind::Text),
            ("- an item", UnitKind::Item),
            ("- another item", UnitKind::Item),
        ]));
        let paras: Vec<&str> = paragraphs.iter().map(|p| &text[p.range()]).collect();
        assert_eq!(
            paras,
            [
                "The title",
                "For Baku, this was an internal matter that should not be part of bilateral negotiations. The stalemate persisted.",
                "A long paragraph of prose. It says much, and it ends, On November 22, 2022, the Azerbaijani Cabinet of Ministers decided to eliminate customs duties.",
                "A sub-heading of the article",
                "Its paragraph.",
                "- an item",
                "- another item",
            ]
        );
        assert!(text.contains("The title\n\nFor Baku"));
    }
}
