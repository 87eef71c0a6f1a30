//! Optional front matter for user corpora: a block of `key: value` lines between two `---` lines
//! at the top of a file. Its values win over everything the parser detects.
//!
//! ```text
//! ---
//! title: Azerbaijan and China upgrade relations
//! date: 2024-07-03
//! source: Example News
//! url: https://example.com/a
//! author: A. Writer
//! ---
//! ```

use super::dates::find_date;
use crate::model::PartialDate;

/// The most lines a front-matter block may have before its closing `---`.
const MAX_LINES: usize = 64;

/// The values of a front-matter block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<PartialDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub category: Option<String>,
    pub place: Option<String>,
    /// Problems with the block ("date … not understood").
    pub warnings: Vec<String>,
}

/// Splits front matter off the top of `text`: the values and the byte offset where the article
/// starts. Text without a complete block is left whole.
pub(crate) fn split(text: &str) -> (Option<FrontMatter>, usize) {
    let start = text.len() - text.trim_start_matches(['\n', ' ']).len();
    let body = &text[start..];
    let Some(first_end) = body.find('\n') else {
        return (None, 0);
    };
    if body[..first_end].trim_end() != "---" {
        return (None, 0);
    }
    let mut fm = FrontMatter::default();
    let mut pos = first_end + 1;
    for _ in 0..MAX_LINES {
        if pos > body.len() {
            break;
        }
        let end = body[pos..].find('\n').map_or(body.len(), |i| pos + i);
        let line = body[pos..end].trim();
        if line == "---" || line == "..." {
            return (Some(fm), start + (end + 1).min(body.len()));
        }
        if let Some((key, value)) = line.split_once(':') {
            let value = unquote(value.trim());
            if !value.is_empty() {
                fm.set(&key.trim().to_ascii_lowercase(), value);
            }
        }
        pos = end + 1;
    }
    // No closing line: not front matter, just text that starts with a rule.
    (None, 0)
}

fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

impl FrontMatter {
    fn set(&mut self, key: &str, value: &str) {
        let value_owned = Some(value.to_string());
        match key {
            "title" | "headline" => self.title = value_owned,
            "source" | "publisher" | "site" => self.source = value_owned,
            "url" | "link" => self.url = value_owned,
            "author" | "by" => self.author = value_owned,
            "category" | "section" => self.category = value_owned,
            "place" | "dateline" | "location" => self.place = value_owned,
            "date" | "published" => {
                let date = PartialDate::parse_iso(value)
                    .or_else(|| find_date(value, true).map(|(d, _, _)| d));
                match date {
                    Some(d) => self.date = Some(d),
                    None => self.warnings.push(format!(
                        "The front matter's date \u{201C}{value}\u{201D} was not understood."
                    )),
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_block() {
        let text = "---\ntitle: \"A: B\"\ndate: 2024-07\nsource: Ex\nurl: https://e.x/a\nauthor: Me\nother: x\n---\nBody";
        let (fm, start) = split(text);
        let fm = fm.expect("front matter");
        assert_eq!(fm.title.as_deref(), Some("A: B"));
        assert_eq!(fm.date.map(|d| d.to_string()).as_deref(), Some("2024-07"));
        assert_eq!(fm.source.as_deref(), Some("Ex"));
        assert_eq!(fm.url.as_deref(), Some("https://e.x/a"));
        assert_eq!(fm.author.as_deref(), Some("Me"));
        assert_eq!(&text[start..], "Body");
    }

    #[test]
    fn leaves_other_text_whole() {
        for text in ["---\nno end", "Title\n---\nx: y\n---", "", "---", "--- \n"] {
            assert_eq!(split(text), (None, 0), "{text:?}");
        }
    }

    #[test]
    fn warns_on_bad_dates() {
        let (fm, _) = split("---\ndate: someday\n---\n");
        let fm = fm.expect("front matter");
        assert_eq!(fm.date, None);
        assert_eq!(fm.warnings.len(), 1);
        let (fm, _) = split("---\ndate: February 25\n---\n");
        assert_eq!(
            fm.and_then(|f| f.date).map(|d| d.to_string()).as_deref(),
            Some("--02-25")
        );
    }
}
