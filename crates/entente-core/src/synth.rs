//! A deterministic synthetic corpus in the style of a seed corpus, for benchmarks and scale tests.
//!
//! Articles are recombined seed sentences with other countries and other numbers substituted,
//! dated across a span of years, with the same messy shapes as real scraped text: a date line
//! with a source, or a dateline without a year, and now and then a bulletin holding several
//! numbered articles behind a table of contents. The same `(seed documents, n, seed)` always gives
//! the same files, byte for byte.

use crate::analysis::analyze;
use crate::gazetteer::country_name;
use crate::model::{CountryCode, Document, MentionRole};

/// A small, fast, deterministic PRNG (SplitMix64): statistical quality is ample for test data and
/// it needs no dependency.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A sentence of the pool, with the spans of its country names (relative to the sentence).
struct PoolSentence {
    text: String,
    countries: Vec<(usize, usize)>,
}

/// What the generator draws from: seed sentences and headlines, and the countries it may
/// substitute.
pub struct Pool {
    sentences: Vec<PoolSentence>,
    titles: Vec<PoolSentence>,
    sources: Vec<String>,
    countries: Vec<&'static str>,
}

fn pool_sentence(doc: &Document, start: u32, end: u32, mentions: &[(u32, u32)]) -> PoolSentence {
    let text = doc.text[start as usize..end as usize].replace('\n', " ");
    let countries = mentions
        .iter()
        .filter(|(s, e)| *s >= start && *e <= end)
        .map(|(s, e)| ((s - start) as usize, (e - start) as usize))
        .collect();
    PoolSentence { text, countries }
}

impl Pool {
    /// Builds the pool from parsed seed documents.
    pub fn new(seeds: &[Document]) -> Pool {
        let mut sentences = Vec::new();
        let mut titles = Vec::new();
        let mut sources = Vec::new();
        for doc in seeds {
            let analysis = analyze(doc);
            // Only plain names are substituted: a demonym or capital replaced by a country name
            // would read oddly, and proper names must stay intact.
            let mentions: Vec<(u32, u32)> = analysis
                .countries
                .iter()
                .filter(|m| {
                    m.role == MentionRole::State && m.form == crate::model::MentionForm::Name
                })
                .map(|m| (m.start, m.end))
                .collect();
            for s in &doc.sentences {
                let len = s.end - s.start;
                if (40..1200).contains(&len) {
                    sentences.push(pool_sentence(doc, s.start, s.end, &mentions));
                }
            }
            if let Some(t) = &doc.title {
                let scan = crate::gazetteer::scan(&Document {
                    text: t.value.clone(),
                    sentences: vec![crate::model::Sentence {
                        start: 0,
                        end: t.value.len() as u32,
                        paragraph: 0,
                    }],
                    ..Document::default()
                });
                let spans: Vec<(usize, usize)> = scan
                    .mentions
                    .iter()
                    .filter(|m| {
                        m.role == MentionRole::State && m.form == crate::model::MentionForm::Name
                    })
                    .map(|m| (m.start as usize, m.end as usize))
                    .collect();
                titles.push(PoolSentence {
                    text: t.value.clone(),
                    countries: spans,
                });
            }
            if let Some(s) = &doc.source {
                if !sources.contains(&s.value) {
                    sources.push(s.value.clone());
                }
            }
        }
        if sentences.is_empty() {
            sentences.push(PoolSentence {
                text:
                    "Azerbaijan and Pakistan agreed to raise trade to $2 billion within two years."
                        .into(),
                countries: vec![(0, 10), (15, 23)],
            });
        }
        if sources.is_empty() {
            sources.push("Synthetic News".into());
        }
        let countries = all_country_names();
        Pool {
            sentences,
            titles,
            sources,
            countries,
        }
    }
}

/// Every country name the gazetteer knows, for substitution.
fn all_country_names() -> Vec<&'static str> {
    let mut out = Vec::new();
    for a in b'A'..=b'Z' {
        for b in b'A'..=b'Z' {
            let code = CountryCode([a, b]);
            if let Some(name) = country_name(code).filter(|n| !n.contains(',')) {
                out.push(name);
            }
        }
    }
    if out.is_empty() {
        out.extend([
            "Azerbaijan",
            "Pakistan",
            "Georgia",
            "Türkiye",
            "China",
            "Kazakhstan",
        ]);
    }
    out
}

/// Rewrites a pool sentence: country names swapped for others, digits replaced by others of the
/// same shape (four-digit years stay plausible years).
fn rewrite(s: &PoolSentence, rng: &mut Rng, pool: &Pool, out: &mut String) {
    let mut last = 0;
    let emit_digits = |chunk: &str, rng: &mut Rng, out: &mut String| {
        let bytes = chunk.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                let run = &chunk[start..i];
                if run.len() == 4 && (run.starts_with("19") || run.starts_with("20")) {
                    out.push_str(&(2005 + rng.below(21)).to_string());
                } else {
                    for (k, _) in run.char_indices() {
                        // No leading zero, so "07" stays two digits but "30" never becomes "05".
                        let d = if k == 0 && run.len() > 1 {
                            1 + rng.below(9)
                        } else {
                            rng.below(10)
                        };
                        out.push(char::from(b'0' + d as u8));
                    }
                }
            } else {
                let ch_len = chunk[i..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&chunk[i..i + ch_len]);
                i += ch_len;
            }
        }
    };
    for &(a, b) in &s.countries {
        if a < last || b > s.text.len() {
            continue;
        }
        emit_digits(&s.text[last..a], rng, out);
        if rng.below(3) == 0 {
            out.push_str(&s.text[a..b]);
        } else {
            out.push_str(pool.countries[rng.below(pool.countries.len())]);
        }
        last = b;
    }
    emit_digits(&s.text[last..], rng, out);
}

fn date_header(rng: &mut Rng, pool: &Pool, out: &mut String) {
    let year = 2015 + rng.below(11);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    match rng.below(3) {
        0 => {
            let source = rng.pick(&pool.sources);
            out.push_str(&format!(
                " date {year}-{month:02}-{day:02} MENAFN - {source})"
            ));
        }
        1 => {
            out.push_str(&format!(
                "{day} {} {year} 10:{:02} (UTC +04:00)\n\n",
                MONTHS[month - 1],
                rng.below(60)
            ));
        }
        _ => {
            let city = rng.pick(&[
                "BAKU, Azerbaijan",
                "ISLAMABAD, Pakistan",
                "TBILISI, Georgia",
                "ASTANA, Kazakhstan",
            ]);
            out.push_str(&format!("{city}, {} {day}. ", MONTHS[month - 1]));
        }
    }
}

fn body(rng: &mut Rng, pool: &Pool, sentences: usize, out: &mut String) {
    let mut in_paragraph = 0;
    let paragraph_len = 2 + rng.below(4);
    for _ in 0..sentences {
        let s = rng.pick(&pool.sentences);
        if in_paragraph > 0 {
            out.push(' ');
        }
        rewrite(s, rng, pool, out);
        in_paragraph += 1;
        if in_paragraph >= paragraph_len {
            out.push_str("\n\n");
            in_paragraph = 0;
        }
    }
    out.push('\n');
}

fn title(rng: &mut Rng, pool: &Pool, out: &mut String) {
    if pool.titles.is_empty() {
        out.push_str("Bilateral relations enter a new stage");
    } else {
        let t = rng.pick(&pool.titles);
        rewrite(t, rng, pool, out);
    }
}

const ROMAN: [&str; 6] = ["I", "II", "III", "IV", "V", "VI"];

/// Generates `n` article files `(file name, text)` from a pool. Every twentieth file is a
/// bulletin with a table of contents and two to five numbered articles.
pub fn generate(pool: &Pool, n: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    let mut files = Vec::with_capacity(n);
    for i in 0..n {
        let mut text = String::with_capacity(6000);
        if i % 20 == 19 {
            let sections = 2 + rng.below(4);
            let year = 2015 + rng.below(11);
            text.push_str("\n\nCENTER OF POLICY ANALYSIS\n\n");
            text.push_str(&format!(
                "{}-{year}\n\nBULLETIN\n\nTable of contents\n\n",
                MONTHS[rng.below(12)].to_uppercase()
            ));
            let mut titles = Vec::new();
            for (k, numeral) in ROMAN.iter().take(sections).enumerate() {
                let mut t = String::new();
                title(&mut rng, pool, &mut t);
                text.push_str(&format!("- {numeral}. **{t}**\n{}\n", 2 + 3 * k));
                titles.push(t);
            }
            text.push('\n');
            for (k, t) in titles.iter().enumerate() {
                text.push_str(&format!("{}. {t}\n\n", ROMAN[k]));
                let len = 8 + rng.below(20);
                body(&mut rng, pool, len, &mut text);
                text.push('\n');
            }
        } else {
            if rng.below(2) == 0 {
                title(&mut rng, pool, &mut text);
                text.push_str("\n\n");
            }
            date_header(&mut rng, pool, &mut text);
            let len = 10 + rng.below(40);
            body(&mut rng, pool, len, &mut text);
        }
        files.push((format!("{i:06}_synthetic.txt"), text));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> Pool {
        let docs = crate::parse::parse_file(
            "seed.txt",
            "Azerbaijan and Pakistan agreed to raise trade to $2 billion by 2030.\n\nChina invested 375 million dollars in Georgia's ports last year.\n".as_bytes(),
        );
        Pool::new(&docs)
    }

    #[test]
    fn is_deterministic_and_sized() {
        let p = pool();
        let a = generate(&p, 45, 7);
        let b = generate(&p, 45, 7);
        assert_eq!(a, b);
        assert_ne!(generate(&p, 45, 8), a);
        assert_eq!(a.len(), 45);
        assert!(a.iter().all(|(_, t)| !t.trim().is_empty()));
        assert!(
            a[19].1.contains("Table of contents"),
            "every twentieth file is a bulletin"
        );
    }

    #[test]
    fn names_are_unique_and_sorted() {
        let files = generate(&pool(), 30, 1);
        let mut names: Vec<&String> = files.iter().map(|f| &f.0).collect();
        let before = names.clone();
        names.sort();
        names.dedup();
        assert_eq!(names, before);
    }
}
