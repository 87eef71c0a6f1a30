//! A small standard-alphabet base64 codec for the corpus inlined in a saved single file: the
//! decoder reads it at start, the encoder writes it when the page saves itself. Written by hand
//! because it is a few lines and a dependency would add to the wasm size; the decoder ignores
//! ASCII whitespace (the inlined text may be wrapped) and accepts missing padding.

use std::fmt;

/// Why a base64 text could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base64Error {
    /// The byte offset of the offending character in the input.
    pub offset: usize,
}

impl fmt::Display for Base64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid base64 at byte {}", self.offset)
    }
}

impl std::error::Error for Base64Error {}

fn sextet(b: u8) -> Option<u32> {
    let v = match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Decodes standard base64 (RFC 4648 §4), skipping ASCII whitespace.
///
/// # Errors
/// On a character outside the alphabet, on data after the padding, or on a dangling single
/// character.
pub fn decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut acc = 0u32;
    let mut n = 0u32;
    let mut padded_at = None;
    for (offset, b) in text.bytes().enumerate() {
        if b.is_ascii_whitespace() {
            continue;
        }
        if b == b'=' {
            padded_at.get_or_insert(offset);
            continue;
        }
        if padded_at.is_some() {
            return Err(Base64Error { offset });
        }
        let v = sextet(b).ok_or(Base64Error { offset })?;
        acc = (acc << 6) | v;
        n += 1;
        if n == 4 {
            out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
            acc = 0;
            n = 0;
        }
    }
    match n {
        0 => {}
        2 => out.push((acc >> 4) as u8),
        3 => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        _ => return Err(Base64Error { offset: text.len() }),
    }
    Ok(out)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes `bytes` as standard padded base64 (RFC 4648 §4), on one line.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Result<&[u8], usize>) {
        let got = decode(input);
        match expected {
            Ok(bytes) => assert_eq!(got.as_deref(), Ok(bytes), "decoding {input:?}"),
            Err(offset) => assert_eq!(got, Err(Base64Error { offset }), "decoding {input:?}"),
        }
    }

    #[test]
    fn decodes_the_rfc_vectors() {
        check("", Ok(b""));
        check("Zg==", Ok(b"f"));
        check("Zm8=", Ok(b"fo"));
        check("Zm9v", Ok(b"foo"));
        check("Zm9vYg==", Ok(b"foob"));
        check("Zm9vYmE=", Ok(b"fooba"));
        check("Zm9vYmFy", Ok(b"foobar"));
    }

    #[test]
    fn encodes_the_rfc_vectors_and_round_trips() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), coded);
        }
        let bytes: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        assert_eq!(decode(&encode(&bytes)).unwrap(), bytes);
    }

    #[test]
    fn tolerates_wrapping_and_missing_padding() {
        check("Zm9v\nYmFy\n", Ok(b"foobar"));
        check("  Zm9vYg ", Ok(b"foob"));
        check("Zm9vYmE", Ok(b"fooba"));
        check("/+/+", Ok(&[0xff, 0xef, 0xfe]));
    }

    #[test]
    fn rejects_garbage_with_its_offset() {
        check("Zm9v*", Err(4));
        check("Zg==Zg==", Err(4));
        check("Z", Err(1));
        check("Zm9vY", Err(5));
    }
}
