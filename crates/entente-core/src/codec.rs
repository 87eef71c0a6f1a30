//! The one versioned binary format for a parsed corpus.
//!
//! The build script, the CLI and the import worker write it; the app reads it, whether embedded in
//! the wasm binary, stored in IndexedDB or inlined in a saved single file.
//!
//! Layout: the 8-byte magic `ENTENTE\0`, a little-endian `u16` format version, a little-endian
//! `u16` of flags, a little-endian `u32` length of the uncompressed payload, then the payload
//! compressed with raw DEFLATE; with the flag [`FLAG_LONG_RANGE`], far repeats in the payload
//! were first replaced by references ([`crate::longrange`]: DEFLATE alone sees only 32 KiB
//! back). The payload is an [`Analysed`] corpus (the documents and the
//! analysis of each) in postcard's serde encoding: the analyses are computed once, where the
//! corpus is made, so the page that opens it runs no analyser and starts quickly.
//! Compression matters because a saved single file is not compressed in transit.
//!
//! Version history: 1 held the documents only; 2 adds the analyses; 3 adds the flag
//! [`FLAG_LONG_RANGE`] (version 2, whose flags are zero, is still read).

use crate::analysis::Analysed;
use crate::model::Corpus;
use std::fmt;

/// The magic bytes that open every encoded corpus.
pub const MAGIC: &[u8; 8] = b"ENTENTE\0";
/// The current format version. Bump it whenever the model's serde shape changes.
pub const VERSION: u16 = 3;
/// The oldest version still read: 2 is 3 without the long-range flag.
const OLDEST_READ: u16 = 2;
/// The header flag that says the long-range pass ([`crate::longrange`]) was applied.
pub const FLAG_LONG_RANGE: u16 = 1;
/// The largest payload accepted when decoding (guards against a tampered length).
pub const MAX_PAYLOAD: usize = 1 << 30;

const HEADER_LEN: usize = 16;

/// Why an encoded corpus could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecError {
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

impl fmt::Display for CodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::NotACorpus => write!(f, "not an entente corpus file"),
            ErrorKind::Version(v) => {
                write!(f, "corpus format version {v} is not supported (this build reads versions {OLDEST_READ} to {VERSION})")
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

impl std::error::Error for CodecError {}

fn corrupt(why: impl fmt::Display) -> CodecError {
    CodecError {
        kind: ErrorKind::Corrupt(why.to_string()),
    }
}

/// Encodes an analysed corpus compactly: the long-range pass, then DEFLATE level 6.
pub fn encode(corpus: &Analysed) -> Vec<u8> {
    // On 2,000 generated articles natively: the long-range pass and DEFLATE level 6 take 0.62 s
    // for 2.02 MB of the 12.1 MB payload; level 6 alone took 0.95 s for 3.72 MB. Level 9 after
    // the pass gains 0.2 % for a third more time.
    let payload = payload(corpus);
    seal(
        &crate::longrange::encode(&payload),
        payload.len(),
        FLAG_LONG_RANGE,
        6,
    )
}

/// Encodes an analysed corpus at a DEFLATE level (0, stored, to 10) without the long-range pass:
/// the fastest encoding, for a corpus the user is waiting for; [`compact`] shrinks it later.
/// [`decode`] reads them all.
pub fn encode_with_level(corpus: &Analysed, level: u8) -> Vec<u8> {
    let payload = payload(corpus);
    seal(&payload, payload.len(), 0, level)
}

/// `data` as raw DEFLATE stored blocks (no compression). Written here rather than by the
/// compressor at level 0, which still runs its match loop: on 2,000 articles natively it took
/// 100 ms for a copy of 12 MB, this takes a few.
fn stored(data: &[u8]) -> Vec<u8> {
    const MAX_BLOCK: usize = 65_535;
    let blocks = data.len().div_ceil(MAX_BLOCK).max(1);
    let mut out = Vec::with_capacity(data.len() + blocks * 5);
    let mut chunks = data.chunks(MAX_BLOCK).peekable();
    if chunks.peek().is_none() {
        // An empty stream is one empty final block.
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(chunk) = chunks.next() {
        // BFINAL in bit 0, BTYPE 00 (stored) in bits 1-2, the rest of the byte padding; then
        // LEN and its one's complement, little-endian.
        let last = chunks.peek().is_none();
        let len = chunk.len() as u16;
        out.push(u8::from(last));
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out
}

fn payload(corpus: &Analysed) -> Vec<u8> {
    // Serializing plain owned data into a Vec cannot fail; an empty payload would be caught on read.
    postcard::to_allocvec(corpus).unwrap_or_default()
}

/// The header and the DEFLATE stream of `stream` (the payload, or its long-range form).
fn seal(stream: &[u8], payload_len: usize, flags: u16, level: u8) -> Vec<u8> {
    let compressed = if level == 0 {
        stored(stream)
    } else {
        miniz_oxide::deflate::compress_to_vec(stream, level.min(10))
    };
    let mut out = Vec::with_capacity(HEADER_LEN + compressed.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&flags.to_le_bytes());
    out.extend_from_slice(&(payload_len as u32).to_le_bytes());
    out.extend_from_slice(&compressed);
    out
}

/// The smallest encoding of an encoded corpus, for a saved single file (which travels
/// uncompressed): inflated, given the long-range pass if it lacks it, and deflated at level 9.
/// The payload is not decoded, so the content hash and every byte of the corpus stay as they
/// were.
///
/// # Errors
/// As [`decode`], when the bytes are not a readable corpus.
pub fn compact(bytes: &[u8]) -> Result<Vec<u8>, CodecError> {
    let header = Header::read(bytes)?;
    let input = &bytes[HEADER_LEN..];
    let limit = header.stream_limit();
    let stream = miniz_oxide::inflate::decompress_to_vec_with_limit(input, limit)
        .map_err(|e| corrupt(format!("{:?}", e.status)))?;
    let stream = if header.long_range {
        stream
    } else {
        if stream.len() != header.len {
            return Err(corrupt("length mismatch"));
        }
        crate::longrange::encode(&stream)
    };
    Ok(seal(&stream, header.len, FLAG_LONG_RANGE, 9))
}

/// What the fixed-size header says.
struct Header {
    /// The payload's length.
    len: usize,
    long_range: bool,
}

impl Header {
    fn read(bytes: &[u8]) -> Result<Header, CodecError> {
        if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
            return Err(CodecError {
                kind: ErrorKind::NotACorpus,
            });
        }
        let version = u16::from_le_bytes([bytes[8], bytes[9]]);
        if !(OLDEST_READ..=VERSION).contains(&version) {
            return Err(CodecError {
                kind: ErrorKind::Version(version),
            });
        }
        let flags = u16::from_le_bytes([bytes[10], bytes[11]]);
        if flags & !FLAG_LONG_RANGE != 0 || (version < 3 && flags != 0) {
            return Err(corrupt(format!("unknown flags {flags:#x}")));
        }
        let len = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]) as usize;
        if len > MAX_PAYLOAD {
            return Err(CodecError {
                kind: ErrorKind::TooLarge(len),
            });
        }
        // DEFLATE expands at most about 1032 times: a larger claim is a tampered length, refused
        // before it is allocated. (The long-range pass could expand further, but no corpus
        // repeats itself that much: the generated benchmark corpus packs 6 times.)
        if len
            > (bytes.len() - HEADER_LEN)
                .saturating_mul(1032)
                .saturating_add(1024)
        {
            return Err(corrupt("length mismatch"));
        }
        Ok(Header {
            len,
            long_range: flags & FLAG_LONG_RANGE != 0,
        })
    }

    /// The most bytes the DEFLATE stream may inflate to: the payload, or its long-range form,
    /// which is never longer than the payload plus a varint.
    fn stream_limit(&self) -> usize {
        if self.long_range {
            self.len + 16
        } else {
            self.len
        }
    }
}

/// Decodes a corpus written by [`encode`], checking that every offset in it fits its text (the
/// bytes may come from a tampered file).
///
/// # Errors
/// When the bytes are not an entente corpus, are of another format version, or are corrupt.
pub fn decode(bytes: &[u8]) -> Result<Analysed, CodecError> {
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
    /// With the long-range pass: the payload's length (`payload` holds the inflated long-range
    /// form until it is expanded).
    long_range: Option<usize>,
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
    pub fn new(bytes: &'a [u8]) -> Result<Decoder<'a>, CodecError> {
        let header = Header::read(bytes)?;
        Ok(Decoder {
            input: &bytes[HEADER_LEN..],
            in_pos: 0,
            inflater: Some(Box::default()),
            // Inflated into first; the long-range form is then expanded into the payload.
            payload: vec![0; header.stream_limit()],
            long_range: header.long_range.then_some(header.len),
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
    fn inflate(&mut self, units: usize) -> Result<(), CodecError> {
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
            TINFLStatus::Done if self.long_range.is_some() => {
                let len = self.long_range.unwrap_or_default();
                self.payload = crate::longrange::decode(&self.payload[..self.out_pos], len)
                    .map_err(corrupt)?;
            }
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
    fn take<T: serde::de::DeserializeOwned>(&mut self) -> Result<T, CodecError> {
        let rest = &self.payload[self.pos..];
        let (value, left) = postcard::take_from_bytes::<T>(rest).map_err(corrupt)?;
        self.pos += rest.len() - left.len();
        Ok(value)
    }

    /// Reads a sequence's length, refusing one that the bytes left could not hold (every item
    /// takes at least one byte), so a tampered length cannot make a huge allocation.
    fn take_len(&mut self) -> Result<usize, CodecError> {
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
    pub fn step(&mut self, max_items: usize) -> Result<bool, CodecError> {
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
                    return Err(CodecError {
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
                return Err(CodecError {
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
    pub fn finish(self) -> Result<Analysed, CodecError> {
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

    /// Stored blocks written by hand inflate to their input: empty, one short block, exactly
    /// one full block, and several blocks with a short last one.
    #[test]
    fn stored_blocks_inflate_to_their_input() {
        for len in [0usize, 1, 100, 65_535, 65_536, 200_000] {
            let data: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            let deflated = stored(&data);
            assert_eq!(
                deflated.len(),
                len + 5 * len.div_ceil(65_535).max(1),
                "{len} bytes"
            );
            let inflated = miniz_oxide::inflate::decompress_to_vec(&deflated).unwrap();
            assert_eq!(inflated, data, "{len} bytes");
        }
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

    /// A corpus encoded as version 2 wrote it: no flags, no long-range pass.
    fn version_2(corpus: &Analysed) -> Vec<u8> {
        let payload = postcard::to_allocvec(corpus).unwrap();
        let mut v2 = MAGIC.to_vec();
        v2.extend_from_slice(&2u16.to_le_bytes());
        v2.extend_from_slice(&0u16.to_le_bytes());
        v2.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        v2.extend(miniz_oxide::deflate::compress_to_vec(&payload, 6));
        v2
    }

    #[test]
    fn version_2_is_still_read_and_unknown_flags_are_refused() {
        let corpus = sample();
        let v2 = version_2(&corpus);
        assert_eq!(decode(&v2).unwrap(), corpus);
        let mut v1 = v2.clone();
        v1[8] = 1;
        assert!(decode(&v1).unwrap_err().to_string().contains("version 1"));
        let mut flagged = encode(&corpus);
        assert_eq!(flagged[10], FLAG_LONG_RANGE as u8);
        flagged[10] |= 2;
        assert!(decode(&flagged).unwrap_err().to_string().contains("flags"));
    }

    /// Forty articles, then the same forty again: each repeat lies further back than DEFLATE's
    /// window.
    fn repeated() -> Analysed {
        const WORDS: [&str; 12] = [
            "Baku", "Armenia", "talks", "border", "minister", "agreed", "the", "a", "gas",
            "pipeline", "Tuesday", "Georgia",
        ];
        let mut x = 88_172_645_463_325_252u64;
        let articles: Vec<String> = (0..40)
            .map(|i| {
                let words: Vec<&str> = (0..400)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        WORDS[(x % 12) as usize]
                    })
                    .collect();
                format!("Report {i}\n\n{}.\n", words.join(" "))
            })
            .collect();
        let files = (0..80)
            .map(|i| (format!("{i}.txt"), articles[i % 40].clone().into_bytes()))
            .collect();
        Analysed::new(parse_corpus("repeats", files))
    }

    #[test]
    fn far_repeats_cost_little() {
        let analysed = repeated();
        let encoded = encode(&analysed);
        let plain = encode_with_level(&analysed, 6).len();
        // The second forty cost next to nothing: the whole is little more than half.
        assert!(
            encoded.len() * 10 < plain * 6,
            "{} against {plain}",
            encoded.len()
        );
        assert_eq!(decode(&encoded).unwrap(), analysed);
        let mut decoder = Decoder::new(&encoded).unwrap();
        while !decoder.step(3).unwrap() {}
        assert_eq!(decoder.corpus_hash(), corpus_hash(&analysed.corpus));
        assert_eq!(decoder.finish().unwrap(), analysed);
    }

    #[test]
    fn compact_shrinks_a_fast_encoding_and_keeps_the_corpus() {
        let analysed = repeated();
        let fast = encode_with_level(&analysed, 1);
        let compacted = compact(&fast).unwrap();
        assert!(compacted.len() <= encode(&analysed).len());
        assert!(
            compacted.len() * 2 < fast.len(),
            "{} of {}",
            compacted.len(),
            fast.len()
        );
        assert_eq!(decode(&compacted).unwrap(), analysed);
        // Compacting again, or a version 2 file, gives the same bytes.
        assert_eq!(compact(&compacted).unwrap(), compacted);
        assert_eq!(compact(&version_2(&analysed)).unwrap(), compacted);
        assert!(compact(b"hello").is_err());
        let mut truncated = fast.clone();
        truncated.truncate(fast.len() - 5);
        assert!(compact(&truncated).is_err());
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
