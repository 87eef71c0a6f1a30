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

/// Reads a row of the table below: `text = kind value unit [qualifier]`, a range `lo..hi`.
fn gold(row: &'static str) -> Gold {
    let (text, rest) = row.rsplit_once(" = ").expect("text = kind value unit");
    let mut words = rest.split(' ');
    let mut next = || words.next().unwrap_or_else(|| panic!("short row: {row}"));
    let (kind, value, unit) = (next(), next(), next());
    let number = |v: &str| {
        v.parse::<f64>()
            .unwrap_or_else(|_| panic!("value in {row}"))
    };
    let value = match value.split_once("..") {
        Some((lo, hi)) => Value::Range(number(lo), number(hi)),
        None => Value::One(number(value)),
    };
    let qualifier = words.next();
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

/// Per seed document (file, bulletin section): the figures the annotation expects, then the
/// optional ones, in the row notation of `src/figures/tests.rs`.
type Table = [(
    &'static str,
    Option<u32>,
    &'static [&'static str],
    &'static [&'static str],
)];

const EXPECTED: &Table = &[
    (
        "000_7f270fc2152f3a1b.txt",
        None,
        &[],
        &["two countries = count 2 countries"],
    ),
    (
        "001_fff5bee5aa7f1e0f.txt",
        None,
        &[
            "more than 30 countries = count 30 countries over",
            "two years = duration 2 year",
            "$2 billion = money 2000000000 USD",
            "just over $20 million = money 20000000 USD over",
            "$2 billion = money 2000000000 USD",
        ],
        &[
            "two nations = count 2 nations",
            "two countries = count 2 countries",
        ],
    ),
    (
        "002_40c5e84d12538c1d.txt",
        None,
        &[
            "thirty years = duration 30 year",
            "30-year = duration 30 year",
            "99-year = duration 99 year",
        ],
        &["two countries = count 2 countries"],
    ),
    (
        "003_97d7f0275bbc7544.txt",
        None,
        &[
            "20.7 percent = percent 20.7 %",
            "$3.7 billion = money 3700000000 USD",
            "7.9 percent = percent 7.9 %",
            "17.69 percent = percent 17.69 %",
            "375 companies = count 375 companies",
            "298 = count 298 companies",
        ],
        &[
            "two nations = count 2 nations",
            "two countries = count 2 countries",
        ],
    ),
    (
        "004_2208a95f7e68815d.txt",
        Some(1),
        &[
            "about 80 to 90 percent = percent 80..90 % approx",
            "230 to 240 megawatts = quantity 230000000..240000000 W",
            "one-gigawatt = quantity 1000000000 W",
            "157 gigawatts = quantity 157000000000 W",
            "27 gigawatts = quantity 27000000000 W",
            "200 gigawatts = quantity 200000000000 W",
            "seven people = count 7 people",
            "more than 10,000 kilometers = quantity 10000000 m over",
            "a million people = count 1000000 people",
            "nearly three decades = duration 30 year approx",
        ],
        &[
            "five fundamental principles = count 5 principles",
            "two critical issues = count 2 issues",
            "two unresolved issues = count 2 issues",
        ],
    ),
    (
        "004_2208a95f7e68815d.txt",
        Some(2),
        &[
            "exceeding 50 kilometers = quantity 50000 m over",
            "$600 million = money 600000000 USD",
            "36 howitzers = count 36 howitzers",
            "$500 million = money 500000000 USD",
        ],
        &[],
    ),
    (
        "004_2208a95f7e68815d.txt",
        Some(3),
        &[
            "$13.28 million = money 13280000 USD",
            "over $100 million = money 100000000 USD over",
            "12-month = duration 12 month",
            "up to 700,000 tons = quantity 700000 t up_to",
            "$2 billion = money 2000000000 USD",
            "nine positions = count 9 positions",
        ],
        &[
            "three nations = count 3 nations",
            "three countries = count 3 countries",
        ],
    ),
    (
        "004_2208a95f7e68815d.txt",
        Some(4),
        &[
            "$3 billion = money 3000000000 USD",
            "$60 million = money 60000000 USD",
        ],
        &["two nations = count 2 nations"],
    ),
];

fn expected() -> Vec<Expected> {
    EXPECTED
        .iter()
        .map(|&(file, section, figures, optional)| Expected {
            file,
            section,
            figures: figures.iter().map(|r| gold(r)).collect(),
            optional: optional.iter().map(|r| gold(r)).collect(),
        })
        .collect()
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
