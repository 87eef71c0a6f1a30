//! Binary data as the text of an HTML data block (`<script type="application/octet-stream">`):
//! how a saved single file carries its corpus and its wasm. Seven bits per character, so the
//! text is 8/7 of the bytes (base64 makes it 4/3).
//!
//! A UTF-8 page stores a character below 128 in one byte, and in a script element's text the
//! HTML parser keeps every such character as it is except three: NUL (replaced), CR (newlines
//! are normalized) and `<` (which could start `</script`). The bytes are read as a stream of
//! 7-bit groups, most significant bit first; each group is written as the character of that
//! code, except those three. An unsafe group is written together with the group after it as one
//! two-byte character, `U+0100 + 128·k + next` (k = 0, 1, 2 for NUL, CR, `<`); the last group,
//! when unsafe, as `U+0100 + 128·(3 + k)`. Nothing is trimmed: spaces and newlines are data.
//! The JavaScript decoder the single file starts its wasm with is in `xtask/src/html.rs`.

use std::fmt;

/// The 7-bit groups that cannot be written as themselves.
const UNSAFE: [u8; 3] = [0, b'\r', b'<'];
/// The first of the two-byte characters that stand for an unsafe group.
const ESCAPE_BASE: u32 = 0x100;

/// Why a text could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineTextError {
    /// The offset of the offending character, in characters.
    pub offset: usize,
}

impl fmt::Display for InlineTextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unexpected character at {}", self.offset)
    }
}

impl std::error::Error for InlineTextError {}

/// Writes `bytes` as text that an HTML data block keeps exactly.
pub fn encode(bytes: &[u8]) -> String {
    let groups = (bytes.len() * 8).div_ceil(7);
    let group = |g: usize| -> u8 {
        // Bits 7g .. 7g + 7 of the stream, zero past the end.
        let bit = g * 7;
        let (i, shift) = (bit / 8, bit % 8);
        let hi = u16::from(bytes[i]);
        let lo = u16::from(bytes.get(i + 1).copied().unwrap_or(0));
        (((hi << 8 | lo) >> (9 - shift)) & 0x7f) as u8
    };
    let mut out = String::with_capacity(groups + groups / 32);
    let mut g = 0;
    while g < groups {
        let value = group(g);
        match UNSAFE.iter().position(|&u| u == value) {
            None => {
                out.push(char::from(value));
                g += 1;
            }
            Some(k) if g + 1 < groups => {
                let code = ESCAPE_BASE + 128 * k as u32 + u32::from(group(g + 1));
                out.push(char::from_u32(code).unwrap_or_default());
                g += 2;
            }
            Some(k) => {
                let code = ESCAPE_BASE + 128 * (3 + k as u32);
                out.push(char::from_u32(code).unwrap_or_default());
                g += 1;
            }
        }
    }
    out
}

/// Reads the bytes [`encode`] wrote.
///
/// # Errors
/// On a character that [`encode`] never writes (the text was altered).
pub fn decode(text: &str) -> Result<Vec<u8>, InlineTextError> {
    let mut out = Vec::with_capacity(text.len() * 7 / 8 + 1);
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut put = |group: u8| {
        acc = (acc << 7 | u32::from(group)) & 0x7fff;
        bits += 7;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    };
    for (offset, c) in text.chars().enumerate() {
        let code = u32::from(c);
        if code < 0x80 {
            if UNSAFE.contains(&(code as u8)) {
                return Err(InlineTextError { offset });
            }
            put(code as u8);
            continue;
        }
        let v = code.wrapping_sub(ESCAPE_BASE);
        let (k, next) = ((v / 128) as usize, (v % 128) as u8);
        match k {
            0..=2 => {
                put(UNSAFE[k]);
                put(next);
            }
            3..=5 if next == 0 => put(UNSAFE[k - 3]),
            _ => return Err(InlineTextError { offset }),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_length_and_byte() {
        let all: Vec<u8> = (0..=255).collect();
        for n in 0..=all.len() {
            let text = encode(&all[..n]);
            assert_eq!(decode(&text).unwrap(), &all[..n], "{n} bytes");
        }
        for bytes in [vec![0u8; 50], vec![0xffu8; 50], b"<<<<\r\r\r\0\0".to_vec()] {
            assert_eq!(decode(&encode(&bytes)).unwrap(), bytes);
        }
    }

    #[test]
    fn the_text_is_safe_in_a_script_element() {
        let noise: Vec<u8> = (0u32..20_000)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let text = encode(&noise);
        assert!(!text.contains(['\0', '\r', '<']));
        assert!(text
            .chars()
            .all(|c| (c as u32) < 0x80 || (0x100..0x400).contains(&(c as u32))));
        // About 8/7 of the bytes in UTF-8, against base64's 4/3.
        let ratio = text.len() as f64 / noise.len() as f64;
        assert!(ratio < 1.2, "{ratio}");
        assert_eq!(decode(&text).unwrap(), noise);
    }

    #[test]
    fn altered_text_is_refused() {
        assert_eq!(decode("ab\rc"), Err(InlineTextError { offset: 2 }));
        assert!(decode("a\u{2028}").is_err());
        assert!(
            decode("\u{0281}").is_err(),
            "an end escape with a next group"
        );
    }
}
