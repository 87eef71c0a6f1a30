//! Figure extraction: every number that measures something — money, percentages, physical
//! quantities, counts of things, durations and ranges of these — normalized, with the sentence it
//! came from and the year it refers to.
//!
//! The work is split in layers:
//! - [`lexicon`] loads the data tables (`data/number_words.tsv`, `data/units.tsv`,
//!   `data/figures_qualifiers.tsv`, `data/figures_words.tsv`): no word list lives in code;
//! - [`scan`] holds byte-level helpers (whitespace, words, in-place phrase matching);
//! - [`number`] reads numerals, in digits or in words;
//! - [`grammar`] is the single pass over the text that reads each figure around its number and
//!   recognizes what is *not* a figure (years, dates, clock times, list markers, names);
//! - this module resolves what needs the whole document — "298 of them" counts the noun of an
//!   earlier count, "Veracruz (1,572)" carries the unit of "(2,715 million dollars)" — and ties
//!   each figure to its sentence and year.
//!
//! Policy on the annotation's optional figures: small counts written in words that read as
//! phrasing rather than measurement are not reported — after a determiner or a partitive ("the
//! two countries", "one of two reactors", up to ten) or of a generic noun ("two critical issues",
//! "five fundamental principles", up to five; the nouns are listed in `figures_words.tsv`). A
//! qualifier ("more than three countries") or digits ("3 countries") make them measures again.
//! Multipliers ("2.6 times"), fractions ("two-thirds"), ages ("25-year-old") and ratios ("one in
//! five") are never reported.
//!
//! The scan does work only near digits and words that can start a number (a two-letter and
//! length filter rejects other words without a lookup; word ends are found eight bytes at a
//! time), never uses regular expressions, resolves in one ordered pass, and allocates only for
//! the figures it returns. `benches/figures.rs` measures it.

mod grammar;
mod lexicon;
mod number;
mod scan;

#[cfg(test)]
mod tests;

use crate::model::{Document, Figure, FigureKind, Mention, Sentence};
use grammar::{Bare, Cand, Found, Implied, UnitName, YearMention};
use lexicon::class;

/// Extracts the figures of a document, in text order. `mentions` are its country mentions;
/// numbers inside names are recognized from the text's shape, so they are not needed yet.
pub fn extract(doc: &Document, mentions: &[Mention]) -> Vec<Figure> {
    let _ = mentions;
    let mut found = Found::default();
    grammar::scan(&doc.text, &doc.sentences, &mut found);
    resolve(doc, found)
}

/// How many earlier figures a bare number looks back through for the noun or unit it takes.
const LOOK_BACK: usize = 32;

/// Finds the sentence of positions visited in increasing order, in amortized constant time (the
/// scan, the bare numbers and the output all run in text order).
struct SentenceCursor<'a> {
    sentences: &'a [Sentence],
    text_len: usize,
    i: usize,
}

impl<'a> SentenceCursor<'a> {
    fn new(doc: &'a Document) -> Self {
        SentenceCursor {
            sentences: &doc.sentences,
            text_len: doc.text.len(),
            i: 0,
        }
    }

    /// The index of the sentence holding `pos`: the last one that starts at or before it (0
    /// when none does, or when the document has no sentences). `pos` must not decrease from one
    /// call to the next.
    fn index(&mut self, pos: usize) -> usize {
        let s = self.sentences;
        while self.i + 1 < s.len() && (s[self.i + 1].start as usize) <= pos {
            self.i += 1;
        }
        self.i
    }

    /// The byte range of sentence `i` (the whole text when the document has no sentences).
    fn range(&self, i: usize) -> (usize, usize) {
        match self.sentences.get(i) {
            Some(s) => (s.start as usize, s.end as usize),
            None => (0, self.text_len),
        }
    }
}

/// Resolves bare numbers, then attaches sentences and years.
fn resolve(doc: &Document, found: Found) -> Vec<Figure> {
    let Found {
        mut cands,
        mut bares,
        years,
    } = found;
    let t = doc.text.as_bytes();
    // The scan yields both lists in text order; sorting is a safeguard that costs one pass.
    if !cands.is_sorted_by_key(|c| (c.start, c.end)) {
        crate::sort::sort_by_key(&mut cands, |c| (c.start, c.end));
    }
    if !bares.is_sorted_by_key(|b| b.start) {
        crate::sort::sort_by_key(&mut bares, |b| b.start);
    }
    let mut cursor = SentenceCursor::new(doc);
    let sentence_of: Vec<usize> = cands.iter().map(|c| cursor.index(c.start)).collect();

    let mut extra = Vec::new();
    let mut cursor = SentenceCursor::new(doc);
    let mut k = 0;
    for b in &bares {
        while k < cands.len() && cands[k].start < b.start {
            k += 1;
        }
        let sentence = cursor.index(b.start);
        if let Some(c) = resolve_bare(b, sentence, &cands, &sentence_of, k, t) {
            extra.push((c, sentence));
        }
    }

    // Merge the two ordered lists into the output, dropping anything that would overlap (the
    // scan never yields overlapping figures, but the output stays well-formed regardless).
    let lex = lexicon::get();
    let cursor = SentenceCursor::new(doc);
    let mut years_from = 0;
    let mut years_in_sentence = 0;
    let mut last_end = 0;
    let mut figures = Vec::with_capacity(cands.len() + extra.len());
    let mut scanned = cands.into_iter().zip(sentence_of).peekable();
    let mut resolved = extra.into_iter().peekable();
    let key = |c: &Cand| (c.start, c.end);
    loop {
        let take_scanned = match (scanned.peek(), resolved.peek()) {
            (Some(a), Some(b)) => key(&a.0) <= key(&b.0),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let Some((c, sentence)) = (if take_scanned {
            scanned.next()
        } else {
            resolved.next()
        }) else {
            break;
        };
        if c.start < last_end {
            continue;
        }
        last_end = c.end;
        let next_start = match (scanned.peek(), resolved.peek()) {
            (Some(a), Some(b)) => a.0.start.min(b.0.start),
            (Some(a), None) => a.0.start,
            (None, Some(b)) => b.0.start,
            (None, None) => usize::MAX,
        };
        let (s_start, s_end) = cursor.range(sentence);
        while years_from < years.len() && years[years_from].pos < c.end {
            years_from += 1;
        }
        while years_in_sentence < years.len() && years[years_in_sentence].pos < s_start {
            years_in_sentence += 1;
        }
        // A year just after the figure, in the same clause ("$13.28 million in 2020"); else the
        // one year its sentence names; else the nearest year named before it ("In 2022, the
        // spending was $700 million; in 2024, it will be $1.4 billion").
        let with_prep = |y: &YearMention| {
            let (ws, we) = scan::word_before(t, y.pos);
            !y.span && we > ws && lex.word_class(&t[ws..we]) & class::YEARPREP != 0
        };
        let after = years.get(years_from).filter(|y| {
            y.pos < s_end
                && y.pos < next_start
                && y.pos - c.end <= 32
                && !t[c.end..y.pos].iter().any(|b| b";,.:!?()".contains(b))
                && with_prep(y)
        });
        let year = after
            .map(|y| y.year)
            .or_else(|| only_year(&years[years_in_sentence..], s_end))
            .or_else(|| {
                years[years_in_sentence..years_from]
                    .iter()
                    .rev()
                    .find(|y| y.pos < c.start)
                    .filter(|y| with_prep(y))
                    .map(|y| y.year)
            });
        let unit = match c.unit {
            UnitName::Static(u) => u.to_string(),
            UnitName::Text(s, e) => doc.text[s..e].to_string(),
        };
        figures.push(Figure {
            start: c.start as u32,
            end: c.end as u32,
            sentence: sentence as u32,
            kind: c.kind,
            value: c.value,
            min: c.min,
            max: c.max,
            unit,
            qualifier: c.qualifier,
            year,
        });
    }
    figures
}

/// Makes a figure of a bare number when the document says what it measures. `cands` is sorted,
/// `sentence_of` gives each one's sentence, and `cands[..k]` are the figures before the number.
fn resolve_bare(
    b: &Bare,
    sentence: usize,
    cands: &[Cand],
    sentence_of: &[usize],
    k: usize,
    t: &[u8],
) -> Option<Cand> {
    // The figures before the number, nearest first. The look-back is bounded so that a huge
    // document without sentence breaks stays linear.
    let before = || {
        cands[..k]
            .iter()
            .zip(&sentence_of[..k])
            .rev()
            .take(LOOK_BACK)
    };
    let bare = |unit, kind, value, scale, factor| Cand {
        start: b.start,
        end: b.end,
        kind,
        value: Some(value),
        min: None,
        max: None,
        unit,
        qualifier: None,
        scale,
        factor,
        in_parens: b.in_parens,
    };
    match b.implied {
        // "298 of the 375 companies".
        Implied::OfThe(after) => {
            let at = scan::skip_space(t, after);
            let c = cands[k..]
                .iter()
                .find(|c| c.start >= at)
                .filter(|c| c.start == at && c.kind == FigureKind::Count)?;
            let value = b.num.times(b.scale);
            Some(bare(c.unit, FigureKind::Count, value, b.scale, 1.0))
        }
        // "20,000 people died and a million were displaced": the latest count of the sentence.
        Implied::Verb => {
            let (c, _) = before()
                .take_while(|(_, s)| **s == sentence)
                .find(|(c, _)| c.kind == FigureKind::Count)?;
            let value = b.num.times(b.scale);
            Some(bare(c.unit, FigureKind::Count, value, b.scale, 1.0))
        }
        // "375 companies … with 298 of them": the latest count in this or the previous sentence.
        Implied::OfThem | Implied::OfThese(_) => {
            let (c, _) = before()
                .take_while(|(_, s)| **s + 1 >= sentence)
                .find(|(c, _)| c.kind == FigureKind::Count)?;
            let value = b.num.times(b.scale);
            Some(bare(c.unit, FigureKind::Count, value, b.scale, 1.0))
        }
        // "Nuevo León (2,715 million dollars), Veracruz (1,572)": a number in parentheses after a
        // figure in parentheses, or a number with a magnitude ("exports of 2.1 billion"), takes
        // the unit of the latest money or quantity figure of its sentence.
        Implied::None => {
            if !(b.in_parens || b.has_scale) || b.num.year_like {
                return None;
            }
            let (c, _) = before()
                .take_while(|(_, s)| **s == sentence)
                .find(|(c, _)| {
                    c.value.is_some()
                        && match c.kind {
                            FigureKind::Money | FigureKind::Quantity => true,
                            FigureKind::Percent => b.in_parens,
                            _ => false,
                        }
                })?;
            if !b.has_scale && !c.in_parens {
                return None;
            }
            let scale = if b.has_scale { b.scale } else { c.scale };
            let value = b.num.times(scale * c.factor);
            Some(bare(c.unit, c.kind, value, scale, c.factor))
        }
    }
}

/// The one year that the sentence ending at `s_end` names, if it names exactly one (`years`
/// starts at the sentence's first year).
fn only_year(years: &[YearMention], s_end: usize) -> Option<i16> {
    let mut only: Option<i16> = None;
    for y in years.iter().take_while(|y| y.pos < s_end) {
        if y.span {
            continue;
        }
        match only {
            None => only = Some(y.year),
            Some(o) if o == y.year => {}
            Some(_) => return None,
        }
    }
    only
}
