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
//! The scan does work only near digits and words that can start a number, never uses regular
//! expressions, and allocates only for the figures it returns.

mod grammar;
mod lexicon;
mod number;
mod scan;

#[cfg(test)]
mod tests;

use crate::model::{Document, Figure, FigureKind, Mention};
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

/// The sentences of a document as byte ranges: the parsed ones, or the whole text when the
/// document has none.
struct Sentences<'a> {
    doc: &'a Document,
}

impl Sentences<'_> {
    /// The index of the sentence holding `pos` (the one before it when `pos` falls between
    /// sentences).
    fn index(&self, pos: usize) -> usize {
        let s = &self.doc.sentences;
        if s.is_empty() {
            return 0;
        }
        let i = s.partition_point(|x| (x.end as usize) <= pos);
        if i < s.len() && (s[i].start as usize) <= pos {
            i
        } else {
            i.saturating_sub(1).min(s.len() - 1)
        }
    }

    /// The byte range of sentence `i`.
    fn range(&self, i: usize) -> (usize, usize) {
        match self.doc.sentences.get(i) {
            Some(s) => (s.start as usize, s.end as usize),
            None => (0, self.doc.text.len()),
        }
    }
}

/// Resolves bare numbers, then attaches sentences and years.
fn resolve(doc: &Document, found: Found) -> Vec<Figure> {
    let Found {
        mut cands,
        bares,
        years,
    } = found;
    let sentences = Sentences { doc };
    let t = doc.text.as_bytes();
    let mut extra = Vec::new();
    for b in &bares {
        if let Some(c) = resolve_bare(b, &cands, &sentences, t) {
            extra.push(c);
        }
    }
    cands.extend(extra);
    cands.sort_by_key(|c| (c.start, c.end));
    // The scan never yields overlapping figures, but keep the output well-formed regardless.
    let mut last_end = 0;
    cands.retain(|c| {
        let keep = c.start >= last_end;
        if keep {
            last_end = c.end;
        }
        keep
    });

    let lex = lexicon::get();
    let mut figures = Vec::with_capacity(cands.len());
    for (k, c) in cands.iter().enumerate() {
        let sentence = sentences.index(c.start);
        let next_start = cands.get(k + 1).map_or(usize::MAX, |n| n.start);
        let year = year_of(c, next_start, sentence, &sentences, &years, t, lex);
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

/// Makes a figure of a bare number when the document says what it measures.
fn resolve_bare(b: &Bare, cands: &[Cand], sentences: &Sentences, t: &[u8]) -> Option<Cand> {
    let sentence = sentences.index(b.start);
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
            let c = cands
                .iter()
                .find(|c| c.start == at && c.kind == FigureKind::Count)?;
            Some(bare(
                c.unit,
                FigureKind::Count,
                b.num.times(b.scale),
                b.scale,
                1.0,
            ))
        }
        // "375 companies … with 298 of them": the latest count in this or the previous sentence.
        Implied::OfThem => {
            let c = cands
                .iter()
                .rev()
                .filter(|c| c.end <= b.start)
                .take_while(|c| sentences.index(c.start) + 1 >= sentence)
                .find(|c| c.kind == FigureKind::Count)?;
            Some(bare(
                c.unit,
                FigureKind::Count,
                b.num.times(b.scale),
                b.scale,
                1.0,
            ))
        }
        // "Nuevo León (2,715 million dollars), Veracruz (1,572)": a number in parentheses after a
        // figure in parentheses, or a number with a magnitude ("exports of 2.1 billion"), takes
        // the unit of the latest money or quantity figure of its sentence.
        Implied::None => {
            if !(b.in_parens || b.has_scale) || b.num.year_like {
                return None;
            }
            let c = cands
                .iter()
                .rev()
                .filter(|c| c.end <= b.start)
                .take_while(|c| sentences.index(c.start) == sentence)
                .find(|c| {
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
            Some(bare(
                c.unit,
                c.kind,
                b.num.times(scale * c.factor),
                scale,
                c.factor,
            ))
        }
    }
}

/// The year a figure refers to: a year just after it ("$13.28 million in 2020"), else the one
/// year its sentence names.
fn year_of(
    c: &Cand,
    next_start: usize,
    sentence: usize,
    sentences: &Sentences,
    years: &[YearMention],
    t: &[u8],
    lex: &lexicon::Lexicon,
) -> Option<i16> {
    let (s_start, s_end) = sentences.range(sentence);
    let from = years.partition_point(|y| y.pos < c.end);
    if let Some(y) = years.get(from) {
        if !y.span && y.pos < s_end && y.pos < next_start && y.pos - c.end <= 32 {
            let (ws, we) = scan::word_before(t, y.pos);
            if we > ws && lex.word_class(&t[ws..we]) & class::YEARPREP != 0 {
                return Some(y.year);
            }
        }
    }
    let lo = years.partition_point(|y| y.pos < s_start);
    let mut only: Option<i16> = None;
    for y in years[lo..].iter().take_while(|y| y.pos < s_end) {
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
