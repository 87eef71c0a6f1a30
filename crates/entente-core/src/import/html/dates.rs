//! Dates as a page shows them near its headline ("07.11.2023", "2023-11-07 15:03",
//! "7 November 2023", "Nov. 7, 2023"), read into `YYYY-MM-DD`. Only whole dates with a plausible
//! year count, and a slash date only when its order is certain (a day above 12); anything else
//! is no date, never a guess.

/// Month names, by calendar (not by site): English, German, French, Spanish, Italian,
/// Portuguese and Dutch full names, and the three-letter English abbreviations.
const MONTHS: [&[&str]; 12] = [
    &[
        "january", "januar", "janvier", "enero", "gennaio", "janeiro", "januari", "jan", "jänner",
    ],
    &[
        "february",
        "februar",
        "février",
        "fevrier",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
        "feb",
    ],
    &[
        "march", "märz", "maerz", "mars", "marzo", "março", "maart", "mar",
    ],
    &["april", "avril", "abril", "aprile", "apr"],
    &["may", "mai", "mayo", "maggio", "maio", "mei"],
    &["june", "juni", "juin", "junio", "giugno", "junho", "jun"],
    &["july", "juli", "juillet", "julio", "luglio", "julho", "jul"],
    &["august", "août", "aout", "agosto", "augustus", "aug"],
    &[
        "september",
        "septembre",
        "septiembre",
        "settembre",
        "setembro",
        "sep",
        "sept",
    ],
    &[
        "october", "oktober", "octobre", "octubre", "ottobre", "outubro", "oct", "okt",
    ],
    &["november", "novembre", "noviembre", "novembro", "nov"],
    &[
        "december",
        "dezember",
        "décembre",
        "decembre",
        "diciembre",
        "dicembre",
        "dezembro",
        "dec",
        "dez",
    ],
];

fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&w.as_str()))
        .map(|i| i as u32 + 1)
}

fn iso(y: u32, m: u32, d: u32) -> Option<String> {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    ((1990..=2100).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn num(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())?
}

/// A date written as one token of digits and separators.
fn numeric(token: &str) -> Option<String> {
    let t = token.trim_matches(|c: char| !c.is_ascii_digit());
    for sep in ['-', '.', '/'] {
        let parts: Vec<&str> = t.split(sep).collect();
        if let [a, b, c] = parts.as_slice() {
            let (a_n, b_n, c_n) = (num(a)?, num(b)?, num(c)?);
            if a.len() == 4 {
                return iso(a_n, b_n, c_n);
            }
            if c.len() == 4 {
                return match sep {
                    // Day first, the order wherever dots or dashes are used.
                    '.' | '-' => iso(c_n, b_n, a_n),
                    // A slash or dash date only when its order is certain.
                    _ if a_n > 12 => iso(c_n, b_n, a_n),
                    _ if b_n > 12 => iso(c_n, a_n, b_n),
                    _ => None,
                };
            }
        }
    }
    None
}

/// The first whole date in a short text.
pub(super) fn find(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .take(40)
        .collect();
    for (i, w) in words.iter().enumerate() {
        if w.bytes().filter(u8::is_ascii_digit).count() >= 6 {
            if let Some(d) = numeric(w) {
                return Some(d);
            }
        }
        let Some(m) = month(w) else { continue };
        let day = |s: &str| {
            let s = s
                .trim_end_matches('.')
                .trim_end_matches("st")
                .trim_end_matches("nd");
            let s = s.trim_end_matches("rd").trim_end_matches("th");
            num(s).filter(|d| (1..=31).contains(d))
        };
        let year = |s: &str| num(s.trim_end_matches('.')).filter(|y| *y >= 1990);
        // "7 November 2023", "7. November 2023", "7 de noviembre de 2023".
        let before = if i >= 1 { words.get(i - 1) } else { None };
        let before2 = if i >= 2 { words.get(i - 2) } else { None };
        let after = words.get(i + 1);
        let after2 = words.get(i + 2);
        let d_before = before.and_then(|w| day(w)).or_else(|| {
            (before.is_some_and(|w| *w == "de")).then(|| before2.and_then(|w| day(w)))?
        });
        if let Some(d) = d_before {
            let y = after.and_then(|w| year(w)).or_else(|| {
                (after.is_some_and(|w| *w == "de")).then(|| after2.and_then(|w| year(w)))?
            });
            if let Some(y) = y {
                return iso(y, m, d);
            }
        }
        // "November 7, 2023", "Nov. 7 2023".
        if let (Some(d), Some(y)) = (after.and_then(|w| day(w)), after2.and_then(|w| year(w))) {
            return iso(y, m, d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn reads_shown_dates() {
        let rows: &[(&str, Option<&str>)] = &[
            ("07.11.2023", Some("2023-11-07")),
            ("Erstellt am: 1.2.2022, 10:16", Some("2022-02-01")),
            ("Written: 2023-11-07 15:03:30", Some("2023-11-07")),
            ("2020/07/13 01:10", Some("2020-07-13")),
            ("(18.01.2018) Text", Some("2018-01-18")),
            ("27/01/2020", Some("2020-01-27")),
            ("01/27/2020", Some("2020-01-27")),
            ("03/04/2020", None),
            ("01-11-2023 10:29", Some("2023-11-01")),
            ("7 November 2023", Some("2023-11-07")),
            ("7. März 2021", Some("2021-03-07")),
            ("Nov. 7, 2023 at 10:00", Some("2023-11-07")),
            ("November 7th, 2023", Some("2023-11-07")),
            ("7 de noviembre de 2023", Some("2023-11-07")),
            ("31.02.2023", None),
            ("May the force be with you", None),
            ("in 2023 alone", None),
            ("12.5 million", None),
        ];
        for (text, want) in rows {
            assert_eq!(find(text).as_deref(), *want, "{text}");
        }
    }
}
