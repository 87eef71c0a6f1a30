//! The gazetteer: country names, abbreviations, demonyms and capitals, matched in one pass over a
//! document, with disambiguation.
//!
//! Codes and ISO names come from `data/countries.tsv` (generated from Debian's iso-codes by
//! `data/gen_countries.py`); aliases, abbreviations, demonyms, capitals and look-alikes from the
//! hand-written `data/country_aliases.tsv`; the context words that disambiguation reads from
//! `data/country_context.tsv`. The tables are built once, on first use.
//!
//! Matching cuts the text into words once ([`lexer`]) and looks up, at each capitalized word, the
//! longest alias that starts there, so "Papua New Guinea" is never "Guinea" and "Nigeria" never
//! "Niger". Names and demonyms are case- and diacritic-insensitive but must start with a capital
//! ("turkey" is a bird); abbreviations are case-sensitive ("us" is a pronoun). Each candidate then
//! goes through the context rules of [`rules`], which keep it as a state reference, mark it
//! (inside a proper name, a venue, a historical state, a dateline) or reject it with a reason.

pub(crate) mod lexer;
mod rules;
#[cfg(test)]
pub(crate) mod tests;

use crate::model::{CountryCode, Document, Mention, Rejected};
use lexer::{word_hash, IdBuild, PhraseTable, Token};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The result of scanning a document for countries.
#[derive(Clone, Debug, Default)]
pub struct CountryScan {
    /// Every country mention, in text order, including those inside proper names.
    pub mentions: Vec<Mention>,
    /// Candidates judged not to be countries, with the reason.
    pub rejected: Vec<Rejected>,
}

/// Whether a code is a current state or territory, Kosovo's user-assigned code, or a historical
/// state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountryStatus {
    /// An ISO 3166-1 code in use.
    Current,
    /// A user-assigned code (`XK`, Kosovo).
    UserAssigned,
    /// A withdrawn code kept for historical states (`SU`, `YU`, `CS`, `DD`).
    Historical,
}

/// One country of the gazetteer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountryInfo {
    /// The ISO 3166-1 alpha-2 code.
    pub code: CountryCode,
    /// The English short name shown to users ("Azerbaijan", "United Kingdom").
    pub name: &'static str,
    /// Other ISO names (official and common names).
    pub other_names: Vec<&'static str>,
    /// Current, user-assigned or historical.
    pub status: CountryStatus,
}

/// How an alias refers to its country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Name,
    Abbr,
    Demonym,
    Capital,
    Prefix,
    Not,
}

pub(crate) const HISTORICAL: u8 = 1;
pub(crate) const US_STATE: u8 = 2;
pub(crate) const GIVEN_NAME: u8 = 4;

/// One matchable form of a country.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Alias {
    pub code: CountryCode,
    pub kind: Kind,
    pub flags: u8,
    /// The form as written in the data file (abbreviations are compared with it exactly).
    pub text: &'static str,
    pub note: Option<&'static str>,
}

/// Word sets read by the disambiguation rules (hashes of folded words).
#[derive(Default)]
pub(crate) struct Context {
    pub state_word: HashSet<u64, IdBuild>,
    pub name_head: HashSet<u64, IdBuild>,
    pub facility: HashSet<u64, IdBuild>,
    pub venue_prep: HashSet<u64, IdBuild>,
    pub complement_in: HashSet<u64, IdBuild>,
    pub visit: HashSet<u64, IdBuild>,
    pub premodifier: HashSet<u64, IdBuild>,
    pub us_city: HashSet<u64, IdBuild>,
    /// The last two words of each `us_before` phrase.
    pub us_before: HashSet<(u64, u64)>,
    pub us_after: HashSet<u64, IdBuild>,
    pub pronoun_before: HashSet<u64, IdBuild>,
}

pub(crate) struct Gazetteer {
    pub aliases: PhraseTable<Alias>,
    pub context: Context,
}

/// The countries alone (codes, names, status): what showing a corpus needs. Kept apart from the
/// alias automaton and context words, so that the page, which never scans text, does not build
/// (or ship) them.
pub(crate) struct Countries {
    pub countries: Vec<CountryInfo>,
    pub by_code: HashMap<CountryCode, usize>,
}

const COUNTRIES_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/data/countries.tsv"));
const ALIASES_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/data/country_aliases.tsv"));
const CONTEXT_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/data/country_context.tsv"));

/// The data lines of a TSV file: comments (`#`) and blank lines skipped.
pub(crate) fn tsv_rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn build_countries() -> Countries {
    let mut countries = Vec::new();
    let mut by_code = HashMap::new();
    for row in tsv_rows(COUNTRIES_TSV) {
        let (Some(code), Some(&name)) = (row.first().and_then(|c| CountryCode::new(c)), row.get(1))
        else {
            continue;
        };
        let other_names: Vec<&'static str> = row
            .get(2)
            .map(|s| s.split('|').filter(|n| !n.is_empty()).collect())
            .unwrap_or_default();
        let status = match row.get(3).copied() {
            Some("historical") => CountryStatus::Historical,
            Some("user-assigned") => CountryStatus::UserAssigned,
            _ => CountryStatus::Current,
        };
        by_code.insert(code, countries.len());
        countries.push(CountryInfo {
            code,
            name,
            other_names,
            status,
        });
    }
    Countries { countries, by_code }
}

pub(crate) fn countries() -> &'static Countries {
    static TABLE: OnceLock<Countries> = OnceLock::new();
    TABLE.get_or_init(build_countries)
}

fn build() -> Gazetteer {
    let mut aliases = PhraseTable::default();
    for c in &countries().countries {
        let flags = if c.status == CountryStatus::Historical {
            HISTORICAL
        } else {
            0
        };
        for &n in std::iter::once(&c.name).chain(c.other_names.iter()) {
            aliases.insert(
                n,
                Alias {
                    code: c.code,
                    kind: Kind::Name,
                    flags,
                    text: n,
                    note: None,
                },
            );
        }
    }
    for row in tsv_rows(ALIASES_TSV) {
        let (Some(code), Some(kind), Some(&text)) = (
            row.first().and_then(|c| CountryCode::new(c)),
            row.get(1),
            row.get(2),
        ) else {
            continue;
        };
        let kind = match *kind {
            "name" => Kind::Name,
            "abbr" => Kind::Abbr,
            "demonym" => Kind::Demonym,
            "capital" => Kind::Capital,
            "prefix" => Kind::Prefix,
            "not" => Kind::Not,
            _ => continue,
        };
        let mut flags = 0;
        for f in row.get(3).copied().unwrap_or("").split(',') {
            flags |= match f.trim() {
                "historical" => HISTORICAL,
                "us_state" => US_STATE,
                "given_name" => GIVEN_NAME,
                _ => 0,
            };
        }
        let note = row.get(4).copied().filter(|n| !n.is_empty());
        let alias = Alias {
            code,
            kind,
            flags,
            text,
            note,
        };
        aliases.insert(text, alias);
        // Plural demonyms ("Azerbaijanis", "Armenians") refer to the same country.
        if kind == Kind::Demonym && !text.ends_with('s') {
            aliases.insert(&format!("{text}s"), alias);
        }
    }
    let mut context = Context::default();
    for row in tsv_rows(CONTEXT_TSV) {
        let (Some(&kind), Some(&word)) = (row.first(), row.get(1)) else {
            continue;
        };
        let set = match kind {
            "state_word" => &mut context.state_word,
            "name_head" => &mut context.name_head,
            "facility" => &mut context.facility,
            "venue_prep" => &mut context.venue_prep,
            "complement_in" => &mut context.complement_in,
            "visit" => &mut context.visit,
            "premodifier" => &mut context.premodifier,
            "us_city" => &mut context.us_city,
            "us_after" => &mut context.us_after,
            "pronoun_before" => &mut context.pronoun_before,
            "us_before" => {
                let mut toks = Vec::new();
                lexer::tokenize(word, &mut toks);
                if let [.., a, b] = toks.as_slice() {
                    context.us_before.insert((a.hash, b.hash));
                }
                continue;
            }
            _ => continue,
        };
        set.insert(word_hash(word));
        // Facility nouns also match their plural ("the Minsk agreements").
        if kind == "facility" && !word.ends_with('s') {
            context.facility.insert(word_hash(&format!("{word}s")));
        }
    }
    Gazetteer { aliases, context }
}

pub(crate) fn gazetteer() -> &'static Gazetteer {
    static TABLE: OnceLock<Gazetteer> = OnceLock::new();
    TABLE.get_or_init(build)
}

/// Finds the countries a document refers to.
pub fn scan(doc: &Document) -> CountryScan {
    let mut tokens: Vec<Token> = Vec::new();
    lexer::tokenize(&doc.text, &mut tokens);
    rules::scan_tokens(gazetteer(), doc, &tokens)
}

/// [`scan`] over words already cut by [`lexer::tokenize`] (shared with the other analysers).
pub(crate) fn scan_with_tokens(doc: &Document, tokens: &[Token]) -> CountryScan {
    rules::scan_tokens(gazetteer(), doc, tokens)
}

/// The English short name of a country ("Azerbaijan", "United Kingdom"), or `None` for a code
/// the gazetteer does not know.
pub fn country_name(code: CountryCode) -> Option<&'static str> {
    let g = countries();
    g.by_code.get(&code).map(|&i| g.countries[i].name)
}

/// What a country is called in the app and the exports: its name, or its code when the gazetteer
/// does not know it (a corpus made by another build).
pub fn country_label(code: CountryCode) -> String {
    country_name(code).map_or_else(|| code.as_str().to_string(), str::to_string)
}

/// Every country the gazetteer knows, ordered by code.
pub fn all_countries() -> &'static [CountryInfo] {
    &countries().countries
}

/// The gazetteer's record for a code.
pub fn country(code: CountryCode) -> Option<&'static CountryInfo> {
    let g = countries();
    g.by_code.get(&code).map(|&i| &g.countries[i])
}

/// The country a name, short form, abbreviation, demonym or capital refers to, matched
/// case- and diacritic-insensitively as a whole ("türkiye", "U.S.", "Azerbaijani", "Baku", or a
/// code such as "az"). `None` for look-alikes ("New Mexico") and unknown names.
pub fn lookup(name: &str) -> Option<CountryCode> {
    let name = name.trim();
    let g = gazetteer();
    if let Some(a) = g.aliases.get_text(name) {
        return (a.kind != Kind::Not).then_some(a.code);
    }
    let upper = name.to_ascii_uppercase();
    CountryCode::new(&upper).filter(|c| countries().by_code.contains_key(c))
}
