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
    // Level 6, not 9: the import worker encodes while the user waits. On 2,000 generated articles
    // (9.7 MB) level 9 took 0.77 s natively for 3.715 MB, level 6 0.60 s for 3.729 MB (+0.4 %).
    encode_with_level(corpus, 6)
}

/// Encodes an analysed corpus at a DEFLATE level (0, stored, to 10); [`decode`] reads them all.
pub fn encode_with_level(corpus: &Analysed, level: u8) -> Vec<u8> {
    // Serializing plain owned data into a Vec cannot fail; an empty payload would be caught on read.
    let payload = postcard::to_allocvec(corpus).unwrap_or_default();
    let compressed = miniz_oxide::deflate::compress_to_vec(&payload, level.min(10));
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
    let mut decoder = Decoder::new(bytes)?;
    while !decoder.step(usize::MAX)? {}
    decoder.finish()
}

/// A corpus being decoded a little at a time ([`Decoder::step`]), so the page can open a large
/// corpus in short tasks between frames. [`decode`] runs it to the end at once.
///
/// Each step first inflates the next part of the payload, then, once it is whole, reads the next
/// documents, or the next analyses, checking each analysis against its document as it comes.
pub struct Decoder<'a> {
    /// The compressed payload.
    input: &'a [u8],
    /// How much of `input` is inflated.
    in_pos: usize,
    /// The inflater's state, until the payload is whole.
    inflater: Option<Box<miniz_oxide::inflate::core::DecompressorOxide>>,
    payload: Vec<u8>,
    /// How much of `payload` is inflated.
    out_pos: usize,
    /// Where the next item starts in `payload`.
    pos: usize,
    name: String,
    documents: Vec<crate::model::Document>,
    n_documents: usize,
    analyses: Vec<crate::analysis::Analysis>,
    /// Known once every document is read.
    n_analyses: Option<usize>,
    /// FNV-1a over the documents' bytes, as [`corpus_hash`] computes it.
    hash: u64,
}

/// Compressed bytes inflated per unit of [`Decoder::step`]'s budget.
const INFLATE_UNIT: usize = 16 * 1024;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn hash_text(h: u64) -> String {
    format!("{:012x}", h >> 16)
}

impl<'a> Decoder<'a> {
    /// Checks the header; the payload is inflated by the first steps.
    ///
    /// # Errors
    /// As [`decode`].
    pub fn new(bytes: &'a [u8]) -> Result<Decoder<'a>, FormatError> {
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
        // DEFLATE expands at most about 1032 times: a larger claim is a tampered length, refused
        // before it is allocated.
        let input = &bytes[HEADER_LEN..];
        if len > input.len().saturating_mul(1032).saturating_add(1024) {
            return Err(corrupt("length mismatch"));
        }
        Ok(Decoder {
            input,
            in_pos: 0,
            inflater: Some(Box::default()),
            payload: vec![0; len],
            out_pos: 0,
            pos: 0,
            name: String::new(),
            documents: Vec::new(),
            n_documents: 0,
            analyses: Vec::new(),
            n_analyses: None,
            hash: FNV_OFFSET,
        })
    }

    /// Inflates up to `units` × [`INFLATE_UNIT`] more compressed bytes; once the payload is
    /// whole, reads the corpus's name and its number of documents.
    fn inflate(&mut self, units: usize) -> Result<(), FormatError> {
        use miniz_oxide::inflate::core::inflate_flags::{
            TINFL_FLAG_HAS_MORE_INPUT, TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
        };
        use miniz_oxide::inflate::TINFLStatus;
        let Some(inflater) = self.inflater.as_mut() else {
            return Ok(());
        };
        let end = self
            .in_pos
            .saturating_add(units.saturating_mul(INFLATE_UNIT))
            .min(self.input.len());
        let mut flags = TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        if end < self.input.len() {
            flags |= TINFL_FLAG_HAS_MORE_INPUT;
        }
        let (status, read, written) = miniz_oxide::inflate::core::decompress(
            inflater,
            &self.input[self.in_pos..end],
            &mut self.payload,
            self.out_pos,
            flags,
        );
        self.in_pos += read;
        self.out_pos += written;
        match status {
            TINFLStatus::Done if self.out_pos == self.payload.len() => {}
            TINFLStatus::Done | TINFLStatus::HasMoreOutput => {
                return Err(corrupt("length mismatch"))
            }
            TINFLStatus::NeedsMoreInput if end < self.input.len() => return Ok(()),
            other => return Err(corrupt(format!("{other:?}"))),
        }
        self.inflater = None;
        self.name = self.take()?;
        let start = self.pos;
        self.n_documents = self.take_len()?;
        self.hash = fnv(FNV_OFFSET, &self.payload[start..self.pos]);
        Ok(())
    }

    /// Reads the next value of the payload.
    fn take<T: serde::de::DeserializeOwned>(&mut self) -> Result<T, FormatError> {
        let rest = &self.payload[self.pos..];
        let (value, left) = postcard::take_from_bytes::<T>(rest).map_err(corrupt)?;
        self.pos += rest.len() - left.len();
        Ok(value)
    }

    /// Reads a sequence's length, refusing one that the bytes left could not hold (every item
    /// takes at least one byte), so a tampered length cannot make a huge allocation.
    fn take_len(&mut self) -> Result<usize, FormatError> {
        let n: usize = self.take()?;
        if n > self.payload.len() - self.pos {
            return Err(corrupt("a sequence is longer than the data"));
        }
        Ok(n)
    }

    /// Documents and analyses read so far, and in all (both 0 while the payload inflates).
    pub fn progress(&self) -> (usize, usize) {
        (
            self.documents.len() + self.analyses.len(),
            self.n_documents * 2,
        )
    }

    /// Reads up to `max_items` more documents or analyses; returns whether all are read.
    ///
    /// # Errors
    /// As [`decode`].
    pub fn step(&mut self, max_items: usize) -> Result<bool, FormatError> {
        if self.inflater.is_some() {
            self.inflate(max_items)?;
            return Ok(false);
        }
        let mut budget = max_items;
        while budget > 0 && self.documents.len() < self.n_documents {
            let start = self.pos;
            let doc = self.take()?;
            self.hash = fnv(self.hash, &self.payload[start..self.pos]);
            self.documents.push(doc);
            budget -= 1;
        }
        if self.documents.len() < self.n_documents {
            return Ok(false);
        }
        let n_analyses = match self.n_analyses {
            Some(n) => n,
            None => {
                let n = self.take_len()?;
                if n != self.n_documents {
                    return Err(FormatError {
                        kind: ErrorKind::Inconsistent,
                    });
                }
                self.n_analyses = Some(n);
                self.analyses.reserve_exact(n);
                n
            }
        };
        while budget > 0 && self.analyses.len() < n_analyses {
            let analysis: crate::analysis::Analysis = self.take()?;
            if !analysis.fits(&self.documents[self.analyses.len()]) {
                return Err(FormatError {
                    kind: ErrorKind::Inconsistent,
                });
            }
            self.analyses.push(analysis);
            budget -= 1;
        }
        Ok(self.analyses.len() == n_analyses)
    }

    /// The content hash of the documents read ([`corpus_hash`] of the decoded corpus), without
    /// encoding them again.
    pub fn corpus_hash(&self) -> String {
        hash_text(self.hash)
    }

    /// The decoded corpus.
    ///
    /// # Errors
    /// As [`decode`]; also when called before [`Decoder::step`] has read everything.
    pub fn finish(self) -> Result<Analysed, FormatError> {
        if self.inflater.is_some()
            || self.n_analyses != Some(self.analyses.len())
            || self.documents.len() != self.n_documents
        {
            return Err(corrupt("the corpus was not read to its end"));
        }
        Ok(Analysed {
            corpus: Corpus {
                name: self.name,
                documents: self.documents,
            },
            analyses: self.analyses,
        })
    }
}

/// A short content hash of a corpus (12 lowercase hex digits): what a view URL's `corpus` key
/// holds, so a link names the corpus it was made for. It covers every document's fields, not the
/// corpus name, so renaming a corpus keeps its links, and it does not depend on the encoding.
pub fn corpus_hash(corpus: &Corpus) -> String {
    // FNV-1a over the documents' postcard bytes: stable across builds and platforms, and collisions
    // among the few corpora one person keeps are negligible at 48 bits.
    let bytes = postcard::to_allocvec(&corpus.documents).unwrap_or_default();
    hash_text(fnv(FNV_OFFSET, &bytes))
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

    /// Decoding one item per step gives what decoding at once gives, with the same content hash
    /// as [`corpus_hash`] computes from the decoded documents, at every compression level.
    #[test]
    fn decodes_in_steps() {
        let corpus = Analysed::new(parse_corpus(
            "three",
            (0..3)
                .map(|i| {
                    (
                        format!("{i}.txt"),
                        format!("Title {i}\n\nAzerbaijan and Georgia met {i} times.\n")
                            .into_bytes(),
                    )
                })
                .collect(),
        ));
        for level in [0, 1, 6] {
            let bytes = encode_with_level(&corpus, level);
            let mut decoder = Decoder::new(&bytes).unwrap();
            let mut inflating = 0;
            while decoder.progress() == (0, 0) {
                assert!(!decoder.step(1).unwrap());
                inflating += 1;
            }
            assert_eq!(inflating, 1, "a small payload inflates in one unit");
            assert_eq!(decoder.progress(), (0, 6));
            let mut steps = 1;
            while !decoder.step(1).unwrap() {
                steps += 1;
            }
            assert_eq!(steps, 6, "three documents, then three analyses");
            assert_eq!(decoder.corpus_hash(), corpus_hash(&corpus.corpus));
            assert_eq!(decoder.finish().unwrap(), corpus);
        }
        // A payload of several inflation units, stored uncompressed (level 0) and compressed.
        let long = Analysed::new(parse_corpus(
            "long",
            (0..30)
                .map(|i| {
                    let body = format!("Azerbaijan and Georgia met {i} times in Baku. ").repeat(40);
                    (
                        format!("{i}.txt"),
                        format!("Title {i}\n\n{body}\n").into_bytes(),
                    )
                })
                .collect(),
        ));
        for level in [0, 6] {
            let bytes = encode_with_level(&long, level);
            let mut decoder = Decoder::new(&bytes).unwrap();
            let mut inflating = 0;
            while decoder.progress() == (0, 0) {
                assert!(!decoder.step(1).unwrap());
                inflating += 1;
            }
            let units = (bytes.len() - HEADER_LEN).div_ceil(INFLATE_UNIT);
            assert_eq!(inflating, units, "level {level}");
            while !decoder.step(1).unwrap() {}
            assert_eq!(decoder.finish().unwrap(), long);
        }
        // Finishing early is an error, not a partial corpus.
        let bytes = encode(&corpus);
        let mut decoder = Decoder::new(&bytes).unwrap();
        decoder.step(2).unwrap();
        assert!(decoder.finish().is_err());
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
