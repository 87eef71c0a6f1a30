//! Figures of the seed articles: every figure the reference annotation
//! (`shared/eval/seeds-gold.json`) expects, listed here, and no other. Figures the annotation
//! calls optional ("the two countries") may appear or not; as in `score.py`, a figure is matched
//! on kind and value, and an unmatched one is excused when its value is an optional one's.
//!
//! A second test names things in the seeds that look like figures and are not (years, dates,
//! clock times, names such as COP29 and Section 907, list and page numbers).

use entente_core::model::{Document, Figure, Qualifier};
use entente_core::{figures, parse};

mod common;
use common::SEEDS;

#[derive(Clone, Copy, Debug)]
enum Value {
    One(f64),
    Range(f64, f64),
}

#[derive(Debug)]
struct Gold {
    text: &'static str,
    kind: &'static str,
    value: Value,
    unit: &'static str,
    qualifier: Option<&'static str>,
}

fn fig(
    text: &'static str,
    kind: &'static str,
    value: Value,
    unit: &'static str,
    qualifier: Option<&'static str>,
) -> Gold {
    Gold {
        text,
        kind,
        value,
        unit,
        qualifier,
    }
}

struct Expected {
    file: &'static str,
    section: Option<u32>,
    figures: Vec<Gold>,
    optional: Vec<Gold>,
}

fn expected() -> Vec<Expected> {
    vec![
        Expected {
            file: "000_7f270fc2152f3a1b.txt",
            section: None,
            figures: vec![],
            optional: vec![fig(
                "two countries",
                "count",
                Value::One(2.0),
                "countries",
                None,
            )],
        },
        Expected {
            file: "001_fff5bee5aa7f1e0f.txt",
            section: None,
            figures: vec![
                fig(
                    "more than 30 countries",
                    "count",
                    Value::One(30.0),
                    "countries",
                    Some("over"),
                ),
                fig("two years", "duration", Value::One(2.0), "year", None),
                fig("$2 billion", "money", Value::One(2000000000.0), "USD", None),
                fig(
                    "just over $20 million",
                    "money",
                    Value::One(20000000.0),
                    "USD",
                    Some("over"),
                ),
                fig("$2 billion", "money", Value::One(2000000000.0), "USD", None),
            ],
            optional: vec![
                fig("two nations", "count", Value::One(2.0), "nations", None),
                fig("two countries", "count", Value::One(2.0), "countries", None),
            ],
        },
        Expected {
            file: "002_40c5e84d12538c1d.txt",
            section: None,
            figures: vec![
                fig("thirty years", "duration", Value::One(30.0), "year", None),
                fig("30-year", "duration", Value::One(30.0), "year", None),
                fig("99-year", "duration", Value::One(99.0), "year", None),
            ],
            optional: vec![fig(
                "two countries",
                "count",
                Value::One(2.0),
                "countries",
                None,
            )],
        },
        Expected {
            file: "003_97d7f0275bbc7544.txt",
            section: None,
            figures: vec![
                fig("20.7 percent", "percent", Value::One(20.7), "%", None),
                fig(
                    "$3.7 billion",
                    "money",
                    Value::One(3700000000.0),
                    "USD",
                    None,
                ),
                fig("7.9 percent", "percent", Value::One(7.9), "%", None),
                fig("17.69 percent", "percent", Value::One(17.69), "%", None),
                fig(
                    "375 companies",
                    "count",
                    Value::One(375.0),
                    "companies",
                    None,
                ),
                fig("298", "count", Value::One(298.0), "companies", None),
            ],
            optional: vec![
                fig("two nations", "count", Value::One(2.0), "nations", None),
                fig("two countries", "count", Value::One(2.0), "countries", None),
            ],
        },
        Expected {
            file: "004_2208a95f7e68815d.txt",
            section: Some(1),
            figures: vec![
                fig(
                    "about 80 to 90 percent",
                    "percent",
                    Value::Range(80.0, 90.0),
                    "%",
                    Some("approx"),
                ),
                fig(
                    "230 to 240 megawatts",
                    "quantity",
                    Value::Range(230000000.0, 240000000.0),
                    "W",
                    None,
                ),
                fig(
                    "one-gigawatt",
                    "quantity",
                    Value::One(1000000000.0),
                    "W",
                    None,
                ),
                fig(
                    "157 gigawatts",
                    "quantity",
                    Value::One(157000000000.0),
                    "W",
                    None,
                ),
                fig(
                    "27 gigawatts",
                    "quantity",
                    Value::One(27000000000.0),
                    "W",
                    None,
                ),
                fig(
                    "200 gigawatts",
                    "quantity",
                    Value::One(200000000000.0),
                    "W",
                    None,
                ),
                fig("seven people", "count", Value::One(7.0), "people", None),
                fig(
                    "more than 10,000 kilometers",
                    "quantity",
                    Value::One(10000000.0),
                    "m",
                    Some("over"),
                ),
                fig(
                    "a million people",
                    "count",
                    Value::One(1000000.0),
                    "people",
                    None,
                ),
                fig(
                    "nearly three decades",
                    "duration",
                    Value::One(30.0),
                    "year",
                    Some("approx"),
                ),
            ],
            optional: vec![
                fig(
                    "five fundamental principles",
                    "count",
                    Value::One(5.0),
                    "principles",
                    None,
                ),
                fig(
                    "two critical issues",
                    "count",
                    Value::One(2.0),
                    "issues",
                    None,
                ),
                fig(
                    "two unresolved issues",
                    "count",
                    Value::One(2.0),
                    "issues",
                    None,
                ),
            ],
        },
        Expected {
            file: "004_2208a95f7e68815d.txt",
            section: Some(2),
            figures: vec![
                fig(
                    "exceeding 50 kilometers",
                    "quantity",
                    Value::One(50000.0),
                    "m",
                    Some("over"),
                ),
                fig(
                    "$600 million",
                    "money",
                    Value::One(600000000.0),
                    "USD",
                    None,
                ),
                fig("36 howitzers", "count", Value::One(36.0), "howitzers", None),
                fig(
                    "$500 million",
                    "money",
                    Value::One(500000000.0),
                    "USD",
                    None,
                ),
            ],
            optional: vec![],
        },
        Expected {
            file: "004_2208a95f7e68815d.txt",
            section: Some(3),
            figures: vec![
                fig(
                    "$13.28 million",
                    "money",
                    Value::One(13280000.0),
                    "USD",
                    None,
                ),
                fig(
                    "over $100 million",
                    "money",
                    Value::One(100000000.0),
                    "USD",
                    Some("over"),
                ),
                fig("12-month", "duration", Value::One(12.0), "month", None),
                fig(
                    "up to 700,000 tons",
                    "quantity",
                    Value::One(700000.0),
                    "t",
                    Some("up_to"),
                ),
                fig("$2 billion", "money", Value::One(2000000000.0), "USD", None),
                fig(
                    "nine positions",
                    "count",
                    Value::One(9.0),
                    "positions",
                    None,
                ),
            ],
            optional: vec![
                fig("three nations", "count", Value::One(3.0), "nations", None),
                fig(
                    "three countries",
                    "count",
                    Value::One(3.0),
                    "countries",
                    None,
                ),
            ],
        },
        Expected {
            file: "004_2208a95f7e68815d.txt",
            section: Some(4),
            figures: vec![
                fig("$3 billion", "money", Value::One(3000000000.0), "USD", None),
                fig("$60 million", "money", Value::One(60000000.0), "USD", None),
            ],
            optional: vec![fig(
                "two nations",
                "count",
                Value::One(2.0),
                "nations",
                None,
            )],
        },
    ]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()) + 1e-9
}

/// The same value as score.py's `same_value`.
fn same_value(f: &Figure, g: &Gold) -> bool {
    match g.value {
        Value::Range(lo, hi) => {
            f.min.is_some_and(|m| close(m, lo)) && f.max.is_some_and(|m| close(m, hi))
        }
        Value::One(v) => {
            let got = f.value.or(match (f.min, f.max) {
                (Some(a), Some(b)) if close(a, b) => Some(a),
                _ => None,
            });
            got.is_some_and(|x| close(x, v))
        }
    }
}

fn qualifier_id(q: Option<Qualifier>) -> Option<&'static str> {
    q.map(Qualifier::id)
}

fn documents() -> Vec<Document> {
    SEEDS
        .iter()
        .flat_map(|(name, bytes)| parse::parse_file(name, bytes))
        .collect()
}

fn span<'a>(d: &'a Document, f: &Figure) -> &'a str {
    &d.text[f.start as usize..f.end as usize]
}

#[test]
fn every_expected_figure_and_no_other() {
    let docs = documents();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut problems = Vec::new();
    for exp in expected() {
        let found: Vec<(&Document, Figure)> = docs
            .iter()
            .filter(|d| d.source_file == exp.file && d.section == exp.section)
            .flat_map(|d| figures::extract(d, &[]).into_iter().map(move |f| (d, f)))
            .collect();
        let mut used = vec![false; found.len()];
        for g in &exp.figures {
            let hit = found
                .iter()
                .enumerate()
                .position(|(i, (_, f))| !used[i] && f.kind.id() == g.kind && same_value(f, g));
            match hit {
                Some(i) => {
                    used[i] = true;
                    tp += 1;
                    let (d, f) = &found[i];
                    if !f.unit.eq_ignore_ascii_case(g.unit) {
                        problems.push(format!(
                            "{} {:?}: {:?} unit {} (expected {})",
                            exp.file, exp.section, g.text, f.unit, g.unit
                        ));
                    }
                    if qualifier_id(f.qualifier) != g.qualifier {
                        problems.push(format!(
                            "{} {:?}: {:?} qualifier {:?} (expected {:?})",
                            exp.file, exp.section, g.text, f.qualifier, g.qualifier
                        ));
                    }
                    let text = span(d, f).replace("\\$", "$");
                    if text != g.text {
                        problems.push(format!(
                            "{} {:?}: span {:?} (expected {:?})",
                            exp.file, exp.section, text, g.text
                        ));
                    }
                }
                None => {
                    fn_ += 1;
                    problems.push(format!(
                        "{} {:?}: missed {:?}",
                        exp.file, exp.section, g.text
                    ));
                }
            }
        }
        for (i, (d, f)) in found.iter().enumerate() {
            if used[i] || exp.optional.iter().any(|o| same_value(f, o)) {
                continue;
            }
            fp += 1;
            problems.push(format!(
                "{} {:?}: extra {:?} {} {:?}",
                exp.file,
                exp.section,
                span(d, f),
                f.kind.id(),
                f.value.or(f.min)
            ));
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "seed figures: precision {precision:.3} recall {recall:.3} (tp {tp}, fp {fp}, fn {fn_})"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Things in the seeds that look like figures and are not, with the reason.
const NOT_FIGURES: [(&str, &str); 30] = [
    ("COP29", "number inside a name"),
    ("COP28", "number inside a name"),
    ("Section 907", "number inside a name"),
    ("5G", "number inside a name"),
    ("\"Three Brothers\"", "number word inside a name"),
    ("'One China'", "number word inside a name"),
    ("number one", "a rank, not a measure"),
    ("fourth largest", "ordinal"),
    ("second Shusha", "ordinal"),
    ("third remaining", "ordinal"),
    ("20th century", "ordinal"),
    ("1980s", "decade"),
    ("in 1992", "calendar year"),
    ("in 2021", "calendar year"),
    ("2024 UN Climate", "calendar year"),
    ("Declaring 2024", "calendar year"),
    ("JULY-2024", "calendar year"),
    ("September 11, 2001", "date"),
    ("July 11 and 12", "date"),
    ("July 3", "date"),
    ("July 20", "date"),
    ("November 22, 2022", "date"),
    ("February 25", "date"),
    ("April 22", "date"),
    ("22 April 2025", "date"),
    ("20:20", "clock time"),
    ("+04:00", "clock time"),
    ("10Mənbələr", "site furniture"),
    ("One of the key events", "not a count"),
    ("one of the major ports", "not a count"),
];

#[test]
fn no_figure_where_the_seeds_have_none() {
    // The parsed documents, and the raw files too: the parser drops site furniture (clock times,
    // source counters) that the extractor must ignore anyway when it is left in.
    let mut docs = documents();
    docs.extend(SEEDS.iter().map(|(name, bytes)| Document {
        id: format!("raw:{name}"),
        text: String::from_utf8_lossy(bytes).into_owned(),
        ..Document::default()
    }));
    let mut problems = Vec::new();
    let mut seen = vec![false; NOT_FIGURES.len()];
    for d in &docs {
        let figures = figures::extract(d, &[]);
        for (k, (phrase, why)) in NOT_FIGURES.iter().enumerate() {
            for (at, _) in d.text.match_indices(phrase) {
                seen[k] = true;
                let (a, b) = (at as u32, (at + phrase.len()) as u32);
                for f in figures.iter().filter(|f| f.start < b && a < f.end) {
                    problems.push(format!(
                        "{}: {:?} ({why}) reported as {:?}",
                        d.id,
                        phrase,
                        span(d, f)
                    ));
                }
            }
        }
    }
    for (k, (phrase, _)) in NOT_FIGURES.iter().enumerate() {
        if !seen[k] {
            problems.push(format!(
                "{phrase:?} no longer occurs in any seed document: update the list"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
