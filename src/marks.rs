//! Pure text segmentation for the reader and the matrix evidence: a document's paragraphs cut
//! into pieces, each plain or marked (a country, an organization, a figure), with the target
//! sentence (the `at` offset of the URL) flagged so the reader can scroll to it.
//!
//! The analysers' spans are trusted for nothing: a span that is out of bounds, not on a character
//! boundary, empty or overlapping an earlier kept mark is dropped, so a bad analysis can never
//! make the reader panic. The pieces are rendered as text nodes only.

use entente_core::model::{CountryCode, Document, MentionRole};
use entente_core::Analysis;
use std::ops::Range;

/// What a marked piece of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// A country referred to as a state (clickable: adds a filter).
    Country(CountryCode),
    /// A country named inside a proper name, as a historical state or a venue: shown, not counted.
    OtherMention(CountryCode),
    /// An organization, by id.
    Organization(&'static str),
    /// A figure, by its index in the analysis.
    Figure(u32),
}

impl MarkKind {
    /// Priority when two marks overlap: figures, then countries, then organizations.
    fn rank(self) -> u8 {
        match self {
            MarkKind::Figure(_) => 0,
            MarkKind::Country(_) => 1,
            MarkKind::OtherMention(_) => 2,
            MarkKind::Organization(_) => 3,
        }
    }
}

/// A marked span of a document's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it is.
    pub kind: MarkKind,
}

/// A piece of a paragraph: a byte range of the text, its mark if any, and whether it lies in the
/// target sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The mark, for a marked piece.
    pub mark: Option<MarkKind>,
    /// Whether the piece is inside the target range.
    pub target: bool,
}

fn valid(text: &str, start: usize, end: usize) -> bool {
    start < end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// Sorts candidate marks and keeps a non-overlapping set: by start, and at equal starts by
/// priority. Invalid spans are dropped.
pub fn resolve(text: &str, mut marks: Vec<Mark>) -> Vec<Mark> {
    marks.retain(|m| valid(text, m.start, m.end));
    // By start, then priority, then the longest first.
    entente_core::sort::sort_by_numeric_key(&mut marks, |m| {
        (
            ((m.start as u64) << 8) | u64::from(m.kind.rank()),
            entente_core::sort::desc(m.end as u64),
        )
    });
    let mut kept: Vec<Mark> = Vec::with_capacity(marks.len());
    for m in marks {
        match kept.last_mut() {
            Some(last) if m.start < last.end => {
                // Overlap: a higher-priority mark replaces a lower one that starts at the same place.
                if m.start == last.start && m.kind.rank() < last.kind.rank() {
                    *last = m;
                }
            }
            _ => kept.push(m),
        }
    }
    kept
}

/// Every mark of a document's analysis, resolved.
pub fn document_marks(doc: &Document, analysis: &Analysis) -> Vec<Mark> {
    let mut marks = Vec::with_capacity(
        analysis.countries.len() + analysis.organizations.len() + analysis.figures.len(),
    );
    for m in &analysis.countries {
        let kind = if m.role == MentionRole::State {
            MarkKind::Country(m.code)
        } else {
            MarkKind::OtherMention(m.code)
        };
        marks.push(Mark {
            start: m.start as usize,
            end: m.end as usize,
            kind,
        });
    }
    for o in &analysis.organizations {
        // An id this build does not know (a corpus stored by another version) is not marked.
        if let Some(id) = entente_core::organizations::intern(&o.id) {
            marks.push(Mark {
                start: o.start as usize,
                end: o.end as usize,
                kind: MarkKind::Organization(id),
            });
        }
    }
    for (i, f) in analysis.figures.iter().enumerate() {
        marks.push(Mark {
            start: f.start as usize,
            end: f.end as usize,
            kind: MarkKind::Figure(i as u32),
        });
    }
    resolve(&doc.text, marks)
}

/// Cuts `range` of `text` into pieces at the boundaries of `marks` (resolved, sorted) and of
/// `target`. Cuts always fall on character boundaries.
pub fn pieces(
    text: &str,
    range: Range<usize>,
    marks: &[Mark],
    target: Option<Range<usize>>,
) -> Vec<Piece> {
    let end = range.end.min(text.len());
    let start = range.start.min(end);
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return Vec::new();
    }
    let target = target.filter(|t| valid(text, t.start, t.end));
    let mut cuts: Vec<usize> = vec![start, end];
    let first = marks.partition_point(|m| m.end <= start);
    let inside = marks[first..]
        .iter()
        .take_while(|m| m.start < end)
        .filter(|m| m.start >= start && m.end <= end);
    let mut in_range: Vec<Mark> = Vec::new();
    for m in inside {
        cuts.push(m.start);
        cuts.push(m.end);
        in_range.push(*m);
    }
    if let Some(t) = &target {
        for c in [t.start, t.end] {
            if c > start && c < end {
                cuts.push(c);
            }
        }
    }
    entente_core::sort::sort_by_numeric_key(&mut cuts, |c| (*c as u64, 0));
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a >= b {
            continue;
        }
        let mark = in_range
            .iter()
            .find(|m| m.start <= a && b <= m.end)
            .map(|m| m.kind);
        let target = target.as_ref().is_some_and(|t| t.start <= a && b <= t.end);
        out.push(Piece {
            start: a,
            end: b,
            mark,
            target,
        });
    }
    out
}

/// The pieces of each paragraph of a document. A document without paragraphs is one paragraph.
pub fn paragraphs(doc: &Document, marks: &[Mark], target: Option<Range<usize>>) -> Vec<Vec<Piece>> {
    if doc.paragraphs.is_empty() {
        return vec![pieces(&doc.text, 0..doc.text.len(), marks, target)];
    }
    doc.paragraphs
        .iter()
        .map(|p| pieces(&doc.text, p.range(), marks, target.clone()))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The byte range the reader should mark for an `at` offset: the figure that starts there if
/// any, else the sentence that holds it.
pub fn target_range(doc: &Document, analysis: &Analysis, at: u32) -> Option<Range<usize>> {
    if let Some(f) = analysis.figures.iter().find(|f| f.start == at) {
        return Some(f.start as usize..f.end as usize);
    }
    let i = doc.sentence_at(at)?;
    Some(doc.sentences[i].range())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cc(s: &str) -> CountryCode {
        CountryCode::new(s).unwrap()
    }

    /// Renders pieces as text with brackets: `[x]` for a mark, `{x}` for a target piece.
    fn show(text: &str, pieces: &[Piece]) -> String {
        let mut out = String::new();
        for p in pieces {
            let t = &text[p.start..p.end];
            match (p.mark.is_some(), p.target) {
                (true, true) => out.push_str(&format!("{{[{t}]}}")),
                (true, false) => out.push_str(&format!("[{t}]")),
                (false, true) => out.push_str(&format!("{{{t}}}")),
                (false, false) => out.push_str(t),
            }
        }
        out
    }

    fn mark(start: usize, end: usize, kind: MarkKind) -> Mark {
        Mark { start, end, kind }
    }

    #[test]
    fn cuts_at_marks_and_target() {
        let text = "Azerbaijan and Türkiye signed. Trade rose 5 %.";
        let marks = resolve(
            text,
            vec![
                mark(0, 10, MarkKind::Country(cc("AZ"))),
                mark(15, 23, MarkKind::Country(cc("TR"))),
                mark(43, 46, MarkKind::Figure(0)),
            ],
        );
        let p = pieces(text, 0..text.len(), &marks, Some(32..text.len()));
        assert_eq!(
            show(text, &p),
            "[Azerbaijan] and [Türkiye] signed. {Trade rose }{[5 %]}{.}"
        );
    }

    #[test]
    fn drops_bad_and_overlapping_spans() {
        let text = "Türkiye";
        // 2 is inside "ü": not a char boundary; 0..99 is out of bounds; 3..3 is empty.
        let marks = resolve(
            text,
            vec![
                mark(0, 2, MarkKind::Organization("X")),
                mark(0, 99, MarkKind::Organization("X")),
                mark(3, 3, MarkKind::Organization("X")),
                mark(0, 8, MarkKind::Organization("OTS")),
                mark(0, 8, MarkKind::Country(cc("TR"))),
                mark(1, 4, MarkKind::Figure(1)),
            ],
        );
        assert_eq!(marks, vec![mark(0, 8, MarkKind::Country(cc("TR")))]);
        assert!(
            pieces(text, 2..5, &marks, None).is_empty(),
            "cut inside a character"
        );
        assert_eq!(show(text, &pieces(text, 0..99, &marks, None)), "[Türkiye]");
    }

    #[test]
    fn marks_outside_the_range_are_ignored() {
        let text = "One. Two Azerbaijan.";
        let marks = vec![mark(9, 19, MarkKind::Country(cc("AZ")))];
        assert_eq!(show(text, &pieces(text, 0..4, &marks, None)), "One.");
        assert_eq!(
            show(text, &pieces(text, 5..20, &marks, None)),
            "Two [Azerbaijan]."
        );
    }
}
