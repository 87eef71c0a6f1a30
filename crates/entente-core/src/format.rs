//! The one versioned binary format for a parsed corpus.
//!
//! The build script, the CLI and the import worker write it; the app reads it, whether embedded in
//! the wasm binary, stored in IndexedDB or inlined in a saved single file.
//!
//! Layout: the 8-byte magic `ENTENTE\0`, a little-endian `u16` format version, a `u16` of flags
//! (reserved, zero), a little-endian `u32` length of the uncompressed payload, then the payload
//! compressed with raw DEFLATE. The payload is the [`Corpus`] in postcard's serde encoding.
//! Compression matters because a saved single file is not compressed in transit.

use crate::model::Corpus;
use std::fmt;

/// The magic bytes that open every encoded corpus.
pub const MAGIC: &[u8; 8] = b"ENTENTE\0";
/// The current format version. Bump it whenever the model's serde shape changes.
pub const VERSION: u16 = 1;
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
        }
    }
}

impl std::error::Error for FormatError {}

fn corrupt(why: impl fmt::Display) -> FormatError {
    FormatError {
        kind: ErrorKind::Corrupt(why.to_string()),
    }
}

/// Encodes a corpus.
pub fn encode(corpus: &Corpus) -> Vec<u8> {
    // Serializing plain owned data into a Vec cannot fail; an empty payload would be caught on read.
    let payload = postcard::to_allocvec(corpus).unwrap_or_default();
    let compressed = miniz_oxide::deflate::compress_to_vec(&payload, 9);
    let mut out = Vec::with_capacity(HEADER_LEN + compressed.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&compressed);
    out
}

/// Decodes a corpus written by [`encode`].
///
/// # Errors
/// When the bytes are not an entente corpus, are of another format version, or are corrupt.
pub fn decode(bytes: &[u8]) -> Result<Corpus, FormatError> {
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
    postcard::from_bytes(&payload).map_err(corrupt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_corpus;

    fn sample() -> Corpus {
        parse_corpus(
            "sample",
            vec![(
                "a.txt".into(),
                b"Title\n\nAzerbaijan and Pakistan signed $2 billion.\n".to_vec(),
            )],
        )
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
}
