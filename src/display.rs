//! Pure formatting for the UI: figure values as people write them ("$3.7 bn", "20.7 %",
//! "157 GW", "230–240 MW"), partial dates and counts. The labels of the core's vocabulary
//! (countries, organizations, topics, stances, figure kinds, qualifiers) are the core's, beside
//! each type.
//!
//! The core stores figures normalized (3.7e9 USD, 1.57e11 W) so they can be compared and sorted;
//! this module turns them back into short readable text. It never fails: an odd unit is shown as
//! written, and a missing value as an empty string.

use entente_core::model::{Figure, FigureKind, PartialDate};

/// `s` cut to at most `max` bytes at a word boundary, with an ellipsis when cut.
pub fn truncate(s: &str, max: usize) -> String {
    entente_core::text::truncate_words(s, max)
}

/// "1 document", "3 documents".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", group(n as f64), if n == 1 { one } else { many })
}

/// A date for people: ISO when the year is known ("2025-12-05", "2024-07"), and words when it
/// is not ("25 Feb, year unknown"), so a partial date never looks like a typo.
pub fn date_label(d: &PartialDate) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = |m: u8| {
        MONTHS
            .get(usize::from(m).wrapping_sub(1))
            .copied()
            .unwrap_or("?")
    };
    match (d.year, d.month, d.day) {
        (Some(_), _, _) => d.to_string(),
        (None, Some(m), Some(day)) => format!("{day} {}, year unknown", month(m)),
        (None, Some(m), None) => format!("{}, year unknown", month(m)),
        _ => "undated".to_string(),
    }
}

/// Formats a number with at most two decimals (trailing zeros dropped) and thousands separators.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let rounded = (v * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let abs = rounded.abs();
    let int = abs.trunc();
    let frac = ((abs - int) * 100.0).round() as u32;
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group(int));
    if frac > 0 {
        let f = format!("{frac:02}");
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

/// An integral value with comma thousands separators.
fn group(int: f64) -> String {
    // Integer formatting, not `{:.0}`: float formatting would add kilobytes to the wasm.
    let digits = (int.abs() as u64).to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A scale for large values: the divisor and its short word.
fn word_scale(max: f64, short: bool) -> (f64, &'static str) {
    let max = max.abs();
    if max >= 1e12 {
        (1e12, if short { "tn" } else { "trillion" })
    } else if max >= 1e9 {
        (1e9, if short { "bn" } else { "billion" })
    } else if max >= 1e6 {
        (1e6, if short { "m" } else { "million" })
    } else {
        (1.0, "")
    }
}

/// SI prefixes for units that take them (W, Wh, V).
fn si_scale(max: f64) -> (f64, &'static str) {
    let max = max.abs();
    [(1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        .into_iter()
        .find(|(s, _)| max >= *s)
        .unwrap_or((1.0, ""))
}

fn currency_symbol(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        _ => return None,
    })
}

/// The values of a figure: one for a single figure, two for a range.
fn values(f: &Figure) -> Option<(f64, Option<f64>)> {
    match (f.value, f.min, f.max) {
        (Some(v), _, _) => Some((v, None)),
        (None, Some(lo), Some(hi)) => Some((lo, Some(hi))),
        (None, Some(lo), None) => Some((lo, None)),
        (None, None, Some(hi)) => Some((hi, None)),
        (None, None, None) => None,
    }
}

/// Writes `lo` (and `hi`) in the scale `(div, suffix)`: "230–240" plus the suffix once.
fn scaled(lo: f64, hi: Option<f64>, div: f64) -> String {
    match hi {
        Some(hi) => format!("{}–{}", number(lo / div), number(hi / div)),
        None => number(lo / div),
    }
}

fn join(amount: &str, suffix: &str) -> String {
    if suffix.is_empty() {
        amount.to_string()
    } else {
        format!("{amount} {suffix}")
    }
}

/// A figure's value as people write it: "$3.7 bn", "AZN 50 m", "20.7 %", "1.5 pp", "157 GW",
/// "230–240 MW", "10 bcm", "298 companies", "30 years". Empty when the figure has no value.
pub fn figure_value(f: &Figure) -> String {
    let Some((lo, hi)) = values(f) else {
        return String::new();
    };
    if !lo.is_finite() || hi.is_some_and(|h| !h.is_finite()) {
        return String::new();
    }
    let max = hi.unwrap_or(lo).abs().max(lo.abs());
    let unit = f.unit.as_str();
    match f.kind {
        FigureKind::Money => {
            let (div, suffix) = word_scale(max, true);
            let amount = join(&scaled(lo, hi, div), suffix);
            match currency_symbol(unit) {
                Some(sym) => format!("{sym}{amount}"),
                None if unit.is_empty() => amount,
                None => format!("{unit} {amount}"),
            }
        }
        FigureKind::Percent => join(
            &scaled(lo, hi, 1.0),
            if unit.is_empty() { "%" } else { unit },
        ),
        FigureKind::Quantity => match unit {
            "W" | "Wh" | "V" => {
                let (div, prefix) = si_scale(max);
                format!("{} {prefix}{unit}", scaled(lo, hi, div))
            }
            "m" if max >= 1e3 => format!("{} km", scaled(lo, hi, 1e3)),
            "m2" if max >= 1e6 => format!("{} km²", scaled(lo, hi, 1e6)),
            "m3" if max >= 1e9 => format!("{} bcm", scaled(lo, hi, 1e9)),
            _ => {
                let shown = match unit {
                    "m2" => "m²",
                    "m3" => "m³",
                    other => other,
                };
                let (div, word) = word_scale(max, false);
                join(&join(&scaled(lo, hi, div), word), shown)
            }
        },
        FigureKind::Count => {
            let (div, word) = word_scale(max, false);
            join(&join(&scaled(lo, hi, div), word), unit)
        }
        FigureKind::Duration => {
            let one = hi.is_none() && (lo - 1.0).abs() < f64::EPSILON;
            let unit = if one || unit.is_empty() || unit.ends_with('s') {
                unit.to_string()
            } else {
                format!("{unit}s")
            };
            join(&scaled(lo, hi, 1.0), &unit)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(
        kind: FigureKind,
        value: Option<f64>,
        range: Option<(f64, f64)>,
        unit: &str,
    ) -> Figure {
        Figure {
            start: 0,
            end: 0,
            sentence: 0,
            kind,
            value,
            min: range.map(|r| r.0),
            max: range.map(|r| r.1),
            unit: unit.into(),
            qualifier: None,
            year: None,
        }
    }

    fn check(kind: FigureKind, value: f64, unit: &str, expected: &str) {
        assert_eq!(
            figure_value(&figure(kind, Some(value), None, unit)),
            expected
        );
    }

    fn check_range(kind: FigureKind, lo: f64, hi: f64, unit: &str, expected: &str) {
        assert_eq!(
            figure_value(&figure(kind, None, Some((lo, hi)), unit)),
            expected
        );
    }

    #[test]
    fn formats_single_figures_as_people_write_them() {
        use FigureKind::*;
        check(Money, 3.7e9, "USD", "$3.7 bn");
        check(Money, 13.28e6, "USD", "$13.28 m");
        check(Money, 50e6, "AZN", "AZN 50 m");
        check(Money, 2.5e12, "EUR", "€2.5 tn");
        check(Money, 13_280.0, "GBP", "£13,280");
        check(Percent, 20.7, "%", "20.7 %");
        check(Percent, 1.5, "pp", "1.5 pp");
        check(Quantity, 157e9, "W", "157 GW");
        check(Quantity, 1.2e9, "Wh", "1.2 GWh");
        check(Quantity, 10e9, "m3", "10 bcm");
        check(Quantity, 5e6, "m3", "5 million m³");
        check(Quantity, 3000.0, "m", "3 km");
        check(Quantity, 2e6, "t", "2 million t");
        check(Quantity, 100_000.0, "barrels/day", "100,000 barrels/day");
        check(Count, 298.0, "companies", "298 companies");
        check(Count, 1_572.0, "people", "1,572 people");
        check(Duration, 30.0, "year", "30 years");
        check(Duration, 1.0, "month", "1 month");
    }

    #[test]
    fn formats_ranges_with_the_unit_once() {
        use FigureKind::*;
        check_range(Quantity, 230e6, 240e6, "W", "230–240 MW");
        check_range(Percent, 12.0, 26.0, "%", "12–26 %");
        check_range(Money, 1e9, 2e9, "USD", "$1–2 bn");
    }

    #[test]
    fn odd_values_never_fail() {
        assert_eq!(
            figure_value(&figure(FigureKind::Money, None, None, "USD")),
            ""
        );
        assert_eq!(
            figure_value(&figure(FigureKind::Count, Some(f64::NAN), None, "x")),
            ""
        );
        assert_eq!(number(-1234.5), "-1,234.5");
        assert_eq!(number(0.004), "0");
    }

    #[test]
    fn partial_dates_read_as_words_without_a_year() {
        let d = |s: &str| PartialDate::parse_iso(s).unwrap();
        assert_eq!(date_label(&d("2025-12-05")), "2025-12-05");
        assert_eq!(date_label(&d("2024-07")), "2024-07");
        assert_eq!(date_label(&d("--02-25")), "25 Feb, year unknown");
        assert_eq!(date_label(&d("--02")), "Feb, year unknown");
        assert_eq!(plural(1, "document", "documents"), "1 document");
        assert_eq!(plural(2000, "document", "documents"), "2,000 documents");
    }
}
