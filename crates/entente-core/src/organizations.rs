//! International organizations (EU, NATO, UN, OSCE, …) and their aliases, matched in one pass.
//!
//! The table is `data/organizations.tsv`: an id (the usual abbreviation), a display name and
//! aliases. Matching reuses the gazetteer's word lexer: at each capitalized word the longest
//! alias wins ("UN Security Council" is the Council, not the UN). Acronyms are case-sensitive
//! ("WHO" is the organization, "Who" is not); names must start with a capital letter. A name
//! right after another capitalized word is part of a longer name and skipped ("National Security
//! Council" is not the UN Security Council).

use crate::gazetteer::lexer::{self, PhraseTable, Sep, Token};
use crate::gazetteer::tsv_rows;
use crate::model::{Document, OrgMention};
use std::borrow::Cow;
use std::sync::OnceLock;

/// One organization of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgInfo {
    /// The id: the usual abbreviation (`EU`, `NATO`, `OSCE`, `MINSK` for the OSCE Minsk Group).
    pub id: &'static str,
    /// The display name ("European Union").
    pub name: &'static str,
    /// Every alias matched in text.
    pub aliases: Vec<&'static str>,
}

#[derive(Clone, Copy)]
struct OrgAlias {
    org: usize,
    text: &'static str,
    case_sensitive: bool,
}

struct Table {
    aliases: PhraseTable<OrgAlias>,
}

const ORGS_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/data/organizations.tsv"));

/// The organizations (ids, names, aliases) without the alias automaton: showing a corpus needs
/// only names, so the page neither builds nor ships the matcher.
fn orgs() -> &'static [OrgInfo] {
    static ORGS: OnceLock<Vec<OrgInfo>> = OnceLock::new();
    ORGS.get_or_init(|| {
        tsv_rows(ORGS_TSV)
            .filter_map(|row| {
                let (Some(&id), Some(&name), Some(&list)) = (row.first(), row.get(1), row.get(2))
                else {
                    return None;
                };
                Some(OrgInfo {
                    id,
                    name,
                    aliases: list.split('|').filter(|a| !a.is_empty()).collect(),
                })
            })
            .collect()
    })
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut aliases = PhraseTable::default();
        for (org, info) in orgs().iter().enumerate() {
            for &text in &info.aliases {
                let case_sensitive = !text.chars().any(char::is_lowercase);
                aliases.insert(
                    text,
                    OrgAlias {
                        org,
                        text,
                        case_sensitive,
                    },
                );
            }
        }
        Table { aliases }
    })
}

/// Finds the organizations a document names.
pub fn scan(doc: &Document) -> Vec<OrgMention> {
    let mut tokens: Vec<Token> = Vec::new();
    lexer::tokenize(&doc.text, &mut tokens);
    scan_tokens(doc, &tokens)
}

pub(crate) fn scan_tokens(doc: &Document, toks: &[Token]) -> Vec<OrgMention> {
    let t = table();
    let text = doc.text.as_str();
    let mut out = Vec::new();
    let mut sentence = 0usize;
    let mut i = 0;
    while let Some((at, j, alias)) = t.aliases.next_capitalized(text, toks, i) {
        i = at;
        let start = toks[i].start;
        let mut end = toks[j - 1].end;
        if alias.case_sensitive {
            let bare = alias.text.trim_end_matches(['.', '+']);
            if &text[start as usize..end as usize] != bare {
                i += 1;
                continue;
            }
            let tail = &alias.text[bare.len()..];
            if !tail.is_empty() && text[end as usize..].starts_with(tail) {
                end += tail.len() as u32;
            }
        } else if inside_longer_name(text, toks, i) {
            i = j;
            continue;
        }
        while sentence + 1 < doc.sentences.len() && doc.sentences[sentence].end <= start {
            sentence += 1;
        }
        out.push(OrgMention {
            start,
            end,
            sentence: sentence as u32,
            id: Cow::Borrowed(orgs()[alias.org].id),
        });
        i = j;
    }
    out
}

/// A name right after a capitalized word that does not start a sentence belongs to a longer name
/// ("National Security Council").
fn inside_longer_name(text: &str, toks: &[Token], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let p = &toks[i - 1];
    if lexer::sep_between(text, p, &toks[i]) != Sep::Space || !p.is_capitalized() {
        return false;
    }
    let word = &text[p.start as usize..p.end as usize];
    if p.is_all_upper() || matches!(word, "The" | "A" | "An" | "And" | "Of" | "In" | "At" | "By") {
        return false;
    }
    // A capitalized word at a sentence start says nothing.
    let before = &text[..p.start as usize];
    let before = before.trim_end_matches([' ', '"', '“', '\'', '‘', '(']);
    !(before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n']))
}

/// The name of an organization id ("European Union"), or `None` for an id the table does not
/// know.
pub fn org_name(id: &str) -> Option<&'static str> {
    orgs().iter().find(|o| o.id == id).map(|o| o.name)
}

/// What an organization is called in the app and the exports: its name, or its id when unknown.
pub fn org_label(id: &str) -> &str {
    org_name(id).unwrap_or(id)
}

/// The table's own copy of an organization id, or `None` for an id it does not know (a corpus
/// stored by another build): facets and exports key organizations by these static ids.
pub fn intern(id: &str) -> Option<&'static str> {
    orgs().iter().find(|o| o.id == id).map(|o| o.id)
}

/// Every organization of the table, in data-file order.
pub fn all_organizations() -> &'static [OrgInfo] {
    orgs()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::tests::doc;

    fn check(text: &str, want: &str) {
        let d = doc(text);
        let got: Vec<String> = scan(&d)
            .iter()
            .map(|m| format!("{}={}", &text[m.start as usize..m.end as usize], m.id))
            .collect();
        assert_eq!(got.join(" "), want, "\n  text: {text}");
    }

    #[test]
    fn finds_organizations_by_alias() {
        check(
            "the EU, NATO and the United Nations",
            "EU=EU NATO=NATO United Nations=UN",
        );
        check(
            "past UN Security Council resolutions",
            "UN Security Council=UNSC",
        );
        check(
            "the Minsk Group within the OSCE framework",
            "Minsk Group=MINSK OSCE=OSCE",
        );
        check("the OSCE Minsk Group co-chairs", "OSCE Minsk Group=MINSK");
        check(
            "the European Investment Bank (EIB) and the EBRD",
            "European Investment Bank=EIB EIB=EIB EBRD=EBRD",
        );
        check(
            "its chairmanship of the Non-Aligned Movement and a fund with the Commonwealth",
            "Non-Aligned Movement=NAM Commonwealth=Commonwealth",
        );
        check(
            "the Shanghai Cooperation Organization summit, the G7 and the G20",
            "Shanghai Cooperation Organization=SCO G7=G7 G20=G20",
        );
        check("OPEC+ cuts and NATO’s mission", "OPEC+=OPEC NATO=NATO");
        check("the U.N. said", "U.N.=UN");
    }

    #[test]
    fn acronyms_are_case_sensitive() {
        check("Who said the eu", "");
        check("the WHO said", "WHO=WHO");
    }

    #[test]
    fn skips_names_inside_longer_names() {
        check("the National Security Council met", "");
        check("The Security Council met", "Security Council=UNSC");
    }

    #[test]
    fn names_and_lists() {
        assert_eq!(org_name("EU"), Some("European Union"));
        assert_eq!(org_name("MINSK"), Some("OSCE Minsk Group"));
        assert_eq!(org_name("nope"), None);
        assert_eq!(org_label("nope"), "nope");
        let ids: Vec<&str> = all_organizations().iter().map(|o| o.id).collect();
        for id in [
            "EU",
            "NATO",
            "UN",
            "UNSC",
            "OSCE",
            "MINSK",
            "SCO",
            "CIS",
            "OTS",
            "OIC",
            "G7",
            "G20",
            "BRICS",
            "NAM",
            "Commonwealth",
            "ASEAN",
            "AU",
            "EBRD",
            "EIB",
            "IMF",
            "WB",
            "OPEC",
            "WTO",
        ] {
            assert!(ids.contains(&id), "{id}");
        }
        // Ids are unique.
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len());
    }
}
