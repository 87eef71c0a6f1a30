//! Pure data for the figures view's chart: money figures summed by the countries named in their
//! sentence, in the most common currency of the rows (sums across currencies would mean nothing).

use entente_core::explore::{Explorer, FigureRow};
use entente_core::model::{CountryCode, FigureKind, MentionRole};
use entente_core::sort;

/// One bar: a country, the sum of its money figures, and how many figures it sums.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The country.
    pub code: CountryCode,
    /// The sum, in the chart's currency.
    pub total: f64,
    /// The number of figures summed.
    pub figures: usize,
}

/// The chart: its currency and at most `max_bars` bars, largest first.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct MoneyChart {
    /// The currency code.
    pub currency: String,
    /// The bars.
    pub bars: Vec<Bar>,
}

/// Builds the chart from figure rows. A range counts at its midpoint.
pub fn money_by_country(explorer: &Explorer, rows: &[FigureRow], max_bars: usize) -> MoneyChart {
    let money: Vec<FigureRow> = rows
        .iter()
        .copied()
        .filter(|r| explorer.figure(*r).kind == FigureKind::Money)
        .collect();
    let mut currencies: Vec<(&str, usize)> = Vec::new();
    for r in &money {
        let unit = explorer.figure(*r).unit.as_str();
        match currencies.iter_mut().find(|(u, _)| *u == unit) {
            Some(e) => e.1 += 1,
            None => currencies.push((unit, 1)),
        }
    }
    // Most figures first; ties keep the order of first appearance.
    sort::sort_by_numeric_key(&mut currencies, |c| (sort::desc(c.1 as u64), 0));
    let Some(&(currency, _)) = currencies.first() else {
        return MoneyChart::default();
    };
    let mut bars: Vec<Bar> = Vec::new();
    let mut seen: Vec<CountryCode> = Vec::new();
    for r in &money {
        let f = explorer.figure(*r);
        if f.unit != currency {
            continue;
        }
        let value = match (f.value, f.min, f.max) {
            (Some(v), _, _) => v,
            (None, Some(a), Some(b)) => (a + b) / 2.0,
            (None, Some(a), None) | (None, None, Some(a)) => a,
            _ => continue,
        };
        if !value.is_finite() {
            continue;
        }
        seen.clear();
        for m in explorer.analyses[r.0 as usize]
            .countries
            .iter()
            .filter(|m| m.sentence == f.sentence && m.role == MentionRole::State)
        {
            if seen.contains(&m.code) {
                continue;
            }
            seen.push(m.code);
            match bars.iter_mut().find(|b| b.code == m.code) {
                Some(b) => {
                    b.total += value;
                    b.figures += 1;
                }
                None => bars.push(Bar {
                    code: m.code,
                    total: value,
                    figures: 1,
                }),
            }
        }
    }
    sort::sort_by_numeric_key(&mut bars, |b| {
        (
            sort::desc(sort::f64_key(b.total)),
            u64::from(u16::from_be_bytes(b.code.0)),
        )
    });
    bars.truncate(max_bars);
    MoneyChart {
        currency: currency.to_string(),
        bars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_core::analysis::Analysis;
    use entente_core::model::{Document, Figure, Mention, MentionForm, Sentence, Span};
    use entente_core::Corpus;

    fn cc(s: &str) -> CountryCode {
        CountryCode::new(s).unwrap()
    }

    fn money(value: f64, unit: &str, sentence: u32) -> Figure {
        Figure {
            start: 0,
            end: 1,
            sentence,
            kind: FigureKind::Money,
            value: Some(value),
            min: None,
            max: None,
            unit: unit.into(),
            qualifier: None,
            year: None,
        }
    }

    fn mention(code: &str, sentence: u32, role: MentionRole) -> Mention {
        Mention {
            start: 0,
            end: 1,
            sentence,
            code: cc(code),
            form: MentionForm::Name,
            role,
            note: None,
        }
    }

    #[test]
    fn sums_the_most_common_currency_by_the_countries_of_each_sentence() {
        let doc = Document {
            id: "d".into(),
            text: "x".repeat(20),
            paragraphs: vec![Span { start: 0, end: 20 }],
            sentences: vec![
                Sentence {
                    start: 0,
                    end: 10,
                    paragraph: 0,
                },
                Sentence {
                    start: 10,
                    end: 20,
                    paragraph: 0,
                },
            ],
            ..Document::default()
        };
        let analysis = Analysis {
            countries: vec![
                mention("AZ", 0, MentionRole::State),
                mention("AZ", 0, MentionRole::State),
                mention("PK", 0, MentionRole::State),
                mention("TR", 1, MentionRole::State),
                mention("FR", 1, MentionRole::ProperName),
            ],
            figures: vec![
                money(2e9, "USD", 0),
                money(1e9, "USD", 1),
                money(5e6, "EUR", 1),
            ],
            ..Analysis::default()
        };
        let explorer = Explorer::with_analyses(
            Corpus {
                name: "t".into(),
                documents: vec![doc],
            },
            vec![analysis],
        );
        let rows: Vec<FigureRow> = vec![(0, 0), (0, 1), (0, 2)];
        let chart = money_by_country(&explorer, &rows, 10);
        assert_eq!(chart.currency, "USD");
        let bars: Vec<(String, f64, usize)> = chart
            .bars
            .iter()
            .map(|b| (b.code.to_string(), b.total, b.figures))
            .collect();
        // A country named twice in a sentence counts its figure once; a proper name not at all.
        assert_eq!(
            bars,
            [
                ("AZ".into(), 2e9, 1),
                ("PK".into(), 2e9, 1),
                ("TR".into(), 1e9, 1)
            ]
        );
        assert_eq!(money_by_country(&explorer, &rows, 1).bars.len(), 1);
        assert!(money_by_country(&explorer, &[], 10).bars.is_empty());
    }
}
