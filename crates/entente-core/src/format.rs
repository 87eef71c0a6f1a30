//! The one versioned binary format for a parsed corpus.
//!
//! The build script, the CLI and the import worker write it; the app reads it, whether embedded in
//! the wasm binary, stored in IndexedDB or inlined in a saved single file.
//!
//! Layout: the 8-byte magic `ENTENTE\0`, a little-endian `u16` format version, a `u16` of flags
//! (reserved, zero), a little-endian `u32` length of the uncompressed payload, then the payload
//! compressed with raw DEFLATE. The payload is an [`Analysed`] corpus (the documents and the
//! analysis of each) in postcard's serde encoding: the analyses are computed once, where the
//! corpus is made, so the page that opens it runs no analyser and starts quickly.
//! Compression matters because a saved single file is not compressed in transit.
//!
//! Version history: 1 held the documents only; 2 adds the analyses.

use crate::analysis::Analysed;
use crate::model::Corpus;
use std::fmt;

/// The magic bytes that open every encoded corpus.
pub const MAGIC: &[u8; 8] = b"ENTENTE\0";
/// The current format version. Bump it whenever the model's serde shape changes.
pub const VERSION: u16 = 2;
/// The largest payload accepted when decoding (guards against a tampered length).
pub const MAX_PAYLOAD: usize = 1 << 30;

const HEADER_LEN: usize = 16;

/// Why an encoded corpus could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ErrorKind {
    NotACorpus,
    Version(u16),
    TooLarge(usize),
    Corrupt(String),
    Inconsistent,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::NotACorpus => write!(f, "not an entente corpus file"),
            ErrorKind::Version(v) => {
                write!(f, "corpus format version {v} is not supported (this build reads version {VERSION})")
            }
            ErrorKind::TooLarge(n) => write!(f, "corpus payload of {n} bytes exceeds the limit"),
            ErrorKind::Corrupt(why) => write!(f, "corpus data is corrupt: {why}"),
            ErrorKind::Inconsistent => {
                write!(
                    f,
                    "corpus data is corrupt: its analyses do not fit its documents"
                )
            }
        }
    }
}

impl std::error::Error for FormatError {}

fn corrupt(why: impl fmt::Display) -> FormatError {
    FormatError {
        kind: ErrorKind::Corrupt(why.to_string()),
    }
}

/// Encodes an analysed corpus.
pub fn encode(corpus: &Analysed) -> Vec<u8> {
    // Serializing plain owned data into a Vec cannot fail; an empty payload would be caught on read.
    let payload = postcard::to_allocvec(corpus).unwrap_or_default();
    // Level 6, not 9: the import worker encodes while the user waits. On 2,000 generated articles
    // (9.7 MB) level 9 took 0.77 s natively for 3.715 MB, level 6 0.60 s for 3.729 MB (+0.4 %).
    let compressed = miniz_oxide::deflate::compress_to_vec(&payload, 6);
    let mut out = Vec::with_capacity(HEADER_LEN + compressed.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&compressed);
    out
}

/// Decodes a corpus written by [`encode`], checking that every offset in it fits its text (the
/// bytes may come from a tampered file).
///
/// # Errors
/// When the bytes are not an entente corpus, are of another format version, or are corrupt.
pub fn decode(bytes: &[u8]) -> Result<Analysed, FormatError> {
    if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
        return Err(FormatError {
            kind: ErrorKind::NotACorpus,
        });
    }
    let version = u16::from_le_bytes([bytes[8], bytes[9]]);
    if version != VERSION {
        return Err(FormatError {
            kind: ErrorKind::Version(version),
        });
    }
    let len = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]) as usize;
    if len > MAX_PAYLOAD {
        return Err(FormatError {
            kind: ErrorKind::TooLarge(len),
        });
    }
    let payload = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes[HEADER_LEN..], len)
        .map_err(|e| corrupt(format!("{:?}", e.status)))?;
    if payload.len() != len {
        return Err(corrupt("length mismatch"));
    }
    let analysed: Analysed = postcard::from_bytes(&payload).map_err(corrupt)?;
    if !analysed.is_consistent() {
        return Err(FormatError {
            kind: ErrorKind::Inconsistent,
        });
    }
    Ok(analysed)
}

/// A short content hash of a corpus (12 lowercase hex digits): what a view URL's `corpus` key
/// holds, so a link names the corpus it was made for. It covers every document's fields, not the
/// corpus name, so renaming a corpus keeps its links, and it does not depend on the encoding.
pub fn corpus_hash(corpus: &Corpus) -> String {
    // FNV-1a over the documents' postcard bytes: stable across builds and platforms, and collisions
    // among the few corpora one person keeps are negligible at 48 bits.
    let bytes = postcard::to_allocvec(&corpus.documents).unwrap_or_default();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:012x}", h >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_corpus;

    fn sample() -> Analysed {
        Analysed::new(parse_corpus(
            "sample",
            vec![(
                "a.txt".into(),
                b"Title\n\nAzerbaijan and Pakistan signed $2 billion.\n".to_vec(),
            )],
        ))
    }

    #[test]
    fn round_trips() {
        let corpus = sample();
        assert_eq!(decode(&encode(&corpus)).unwrap(), corpus);
    }

    #[test]
    fn rejects_bad_input_with_a_reason() {
        let good = encode(&sample());
        assert_eq!(
            decode(b"hello").unwrap_err().to_string(),
            "not an entente corpus file"
        );
        let mut other_version = good.clone();
        other_version[8] = 99;
        assert!(decode(&other_version)
            .unwrap_err()
            .to_string()
            .contains("version 99"));
        let mut truncated = good.clone();
        truncated.truncate(good.len() - 5);
        assert!(decode(&truncated).is_err());
        let mut huge = good.clone();
        huge[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(decode(&huge).is_err());
    }

    #[test]
    fn never_panics_on_flipped_bytes() {
        let good = encode(&sample());
        for i in 0..good.len() {
            let mut b = good.clone();
            b[i] ^= 0x5a;
            let _ = decode(&b);
        }
    }

    #[test]
    fn the_analyses_travel_with_the_documents() {
        let analysed = sample();
        let decoded = decode(&encode(&analysed)).unwrap();
        assert_eq!(decoded.analyses.len(), 1);
        let codes: Vec<&str> = decoded.analyses[0]
            .countries
            .iter()
            .map(|m| m.code.as_str())
            .collect();
        assert_eq!(codes, ["AZ", "PK"]);
        assert_eq!(decoded.analyses[0].figures.len(), 1);
        assert_eq!(decoded.analyses[0].relations.len(), 1);
    }

    #[test]
    fn analyses_that_do_not_fit_their_text_are_refused() {
        let mut analysed = sample();
        let len = analysed.corpus.documents[0].text.len() as u32;
        analysed.analyses[0].countries[0].end = len + 10;
        let err = decode(&encode(&analysed)).unwrap_err();
        assert!(err.to_string().contains("do not fit"), "{err}");

        let mut missing = sample();
        missing.analyses.clear();
        assert!(decode(&encode(&missing)).is_err());

        let mut bad_sentence = sample();
        bad_sentence.corpus.documents[0].sentences[0].end = len + 1;
        assert!(decode(&encode(&bad_sentence)).is_err());
    }

    #[test]
    fn the_corpus_hash_names_the_content_not_the_name() {
        let a = sample();
        let hash = corpus_hash(&a.corpus);
        assert_eq!(hash.len(), 12);
        assert!(hash
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        let mut renamed = a.corpus.clone();
        renamed.name = "Another name".into();
        assert_eq!(corpus_hash(&renamed), hash);
        let mut edited = a.corpus.clone();
        edited.documents[0].text.push('!');
        assert_ne!(corpus_hash(&edited), hash);
        // Decoding what was encoded names the same corpus.
        assert_eq!(corpus_hash(&decode(&encode(&a)).unwrap().corpus), hash);
    }
}
