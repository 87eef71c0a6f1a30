//! What an import hands to the library: a corpus made in the browser, in the core's binary format,
//! with the name the user gave it and the import's summary.

use std::rc::Rc;

/// A corpus imported in the browser.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedCorpus {
    /// The name shown in the header and the corpus menu.
    pub name: String,
    /// The corpus, encoded by `entente_core::format::encode`.
    pub bytes: Rc<Vec<u8>>,
    /// What the import did (imported, skipped, warnings), for the user.
    pub summary: String,
}
