//! Finding and decoding the corpus the app is given: the one inlined in the page as text (how a
//! saved single file carries an imported corpus), or else the one embedded at build time. Pure:
//! the page is read by `services::page`, and this module only decides and decodes.

use entente_core::{codec, inline_text, Analysed};
use std::fmt;

/// The corpus written by `build.rs`, in the core's binary format.
pub const EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

/// Where the active corpus came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CorpusOrigin {
    /// Embedded in the app at build time.
    Embedded,
    /// Inlined in the page (a saved single file).
    Inlined,
    /// Kept in the browser's storage (IndexedDB).
    Stored,
    /// Imported in this tab but not kept (the storage refused it): gone when the tab closes.
    Memory,
}

impl CorpusOrigin {
    /// A stable identifier, for the page's `data-origin` (tests and user styles key on it, not on
    /// the wording of [`CorpusOrigin::label`]).
    pub fn id(self) -> &'static str {
        match self {
            CorpusOrigin::Embedded => "embedded",
            CorpusOrigin::Inlined => "inlined",
            CorpusOrigin::Stored => "stored",
            CorpusOrigin::Memory => "memory",
        }
    }

    /// A few words for the user.
    pub fn label(self) -> &'static str {
        match self {
            CorpusOrigin::Embedded => "built in",
            CorpusOrigin::Inlined => "saved in this file",
            CorpusOrigin::Stored => "kept in this browser",
            CorpusOrigin::Memory => "in memory only",
        }
    }
}

/// A decoded corpus (documents and their analyses) and its origin.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedCorpus {
    /// The corpus with the analyses computed where it was made.
    pub analysed: Analysed,
    /// Where it came from.
    pub origin: CorpusOrigin,
}

/// Why the corpus could not be read: the page must say so rather than show an empty list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// Which corpus failed.
    pub origin: CorpusOrigin,
    /// The reason, from the decoder.
    pub reason: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let which = match self.origin {
            CorpusOrigin::Embedded => "the built-in corpus",
            CorpusOrigin::Inlined => "the corpus saved in this file",
            CorpusOrigin::Stored => "the corpus kept in this browser",
            CorpusOrigin::Memory => "the imported corpus",
        };
        write!(f, "{which} could not be read: {}", self.reason)
    }
}

/// Decodes the inlined corpus if the page has one (non-blank), otherwise the embedded bytes.
///
/// # Errors
/// When the chosen corpus is not valid inlined text or not a readable corpus. A broken inlined corpus
/// is an error, not a silent fallback: the user opened that file to see that corpus.
pub fn load(inlined_text: Option<&str>, embedded: &[u8]) -> Result<LoadedCorpus, LoadError> {
    let inlined = inlined_text.filter(|t| !t.trim().is_empty());
    let (origin, bytes) = match inlined {
        Some(text) => {
            let bytes = inline_text::decode(text).map_err(|e| LoadError {
                origin: CorpusOrigin::Inlined,
                reason: e.to_string(),
            })?;
            (CorpusOrigin::Inlined, std::borrow::Cow::Owned(bytes))
        }
        None => (CorpusOrigin::Embedded, std::borrow::Cow::Borrowed(embedded)),
    };
    let analysed = codec::decode(&bytes).map_err(|e| LoadError {
        origin,
        reason: e.to_string(),
    })?;
    Ok(LoadedCorpus { analysed, origin })
}

/// Decodes a corpus kept in the browser or imported, in the core's binary format.
///
/// # Errors
/// When the bytes are not a readable corpus.
pub fn decode_bytes(bytes: &[u8]) -> Result<Analysed, codec::CodecError> {
    codec::decode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_time_parse_of_the_seeds_yields_the_documents() {
        let loaded = load(None, EMBEDDED).expect("the embedded corpus decodes");
        assert_eq!(loaded.origin, CorpusOrigin::Embedded);
        // The default build embeds seeds/ (five files); ENTENTE_CORPUS may name another folder.
        if std::env::var_os("ENTENTE_CORPUS").is_none() {
            assert_eq!(loaded.analysed.corpus.name, "Seed corpus");
            let mut files: Vec<&str> = loaded
                .analysed
                .corpus
                .documents
                .iter()
                .map(|d| d.source_file.as_str())
                .collect();
            files.dedup();
            assert_eq!(
                files.len(),
                5,
                "one or more documents per seed file: {files:?}"
            );
            assert!(loaded
                .analysed
                .corpus
                .documents
                .iter()
                .all(|d| !d.text.is_empty()));
        }
    }

    #[test]
    fn an_inlined_corpus_wins_over_the_embedded_one() {
        let corpus = Analysed::new(entente_core::Corpus {
            name: "Imported".into(),
            documents: entente_core::parse::parse_file("a.txt", b"Title\n\nSome text."),
        });
        let text = inline_text::encode(&codec::encode(&corpus));
        let loaded = load(Some(&text), EMBEDDED).unwrap();
        assert_eq!(loaded.origin, CorpusOrigin::Inlined);
        assert_eq!(loaded.analysed, corpus);
        // Blank inlined text (an empty slot in the page) means "no inlined corpus".
        assert_eq!(
            load(Some("  \n"), EMBEDDED).unwrap().origin,
            CorpusOrigin::Embedded
        );
    }

    #[test]
    fn a_broken_corpus_is_reported_not_hidden() {
        let err = load(Some("not\rinlined"), EMBEDDED).unwrap_err();
        assert_eq!(err.origin, CorpusOrigin::Inlined);
        assert!(err
            .to_string()
            .starts_with("the corpus saved in this file could not be read"));
        let err = load(Some(&inline_text::encode(b"hello")), EMBEDDED).unwrap_err();
        assert!(err.to_string().contains("not an entente corpus"), "{err}");
        let err = load(None, b"garbage").unwrap_err();
        assert_eq!(err.origin, CorpusOrigin::Embedded);
    }
}
