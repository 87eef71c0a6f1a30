//! Pure data for the figures view's chart: money figures summed by the countries named in their
//! sentence, in the most common currency of the rows (sums across currencies would mean nothing).

use crate::order;
use entente_core::explore::{Explorer, FigureRow};
use entente_core::model::{CountryCode, FigureKind, MentionRole};

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
    order::sort_by_key(&mut currencies, |c| (order::desc(c.1 as u64), 0));
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
    order::sort_by_key(&mut bars, |b| {
        (
            order::desc(order::f64_key(b.total)),
            u64::from(u16::from_be_bytes(b.code.0)),
        )
    });
    bars.truncate(max_bars);
    MoneyChart {
        currency: currency.to_string(),
        bars,
    }
}
