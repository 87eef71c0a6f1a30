//! The gazetteer: country names, abbreviations, demonyms and capitals, matched in one pass over a
//! document, with disambiguation.
//!
//! STUB: finds nothing yet.

use crate::model::{CountryCode, Document, Mention, Rejected};

/// The result of scanning a document for countries.
#[derive(Clone, Debug, Default)]
pub struct CountryScan {
    /// Every country mention, in text order, including those inside proper names.
    pub mentions: Vec<Mention>,
    /// Candidates judged not to be countries, with the reason.
    pub rejected: Vec<Rejected>,
}

/// Finds the countries a document refers to.
pub fn scan(doc: &Document) -> CountryScan {
    let _ = doc;
    CountryScan::default()
}

/// The English short name of a country ("Azerbaijan", "United Kingdom"), or the code itself when
/// unknown.
pub fn country_name(code: CountryCode) -> &'static str {
    let _ = code;
    "?"
}
