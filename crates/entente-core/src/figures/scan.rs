//! Byte-level helpers for the figure scanner: whitespace, words and in-place phrase matching.
//!
//! Everything works on the text's bytes and returns byte positions that are always on character
//! boundaries: positions only ever move over whole ASCII bytes, whole whitespace characters or
//! whole matched phrases.

/// The length of the non-ASCII whitespace character at `i` (no-break, narrow no-break and thin
/// spaces), or 0.
#[inline]
fn wide_space_len(t: &[u8], i: usize) -> usize {
    match t.get(i) {
        Some(0xC2) if t.get(i + 1) == Some(&0xA0) => 2,
        Some(0xE2) if t.get(i + 1) == Some(&0x80) => match t.get(i + 2) {
            Some(0x89 | 0xAF | 0x8A | 0x88) => 3,
            _ => 0,
        },
        _ => 0,
    }
}

/// The length of the whitespace character ending at `i` (exclusive), or 0.
#[inline]
fn wide_space_len_back(t: &[u8], i: usize) -> usize {
    if i >= 2 && t[i - 2] == 0xC2 && t[i - 1] == 0xA0 {
        2
    } else if i >= 3
        && t[i - 3] == 0xE2
        && t[i - 2] == 0x80
        && matches!(t[i - 1], 0x89 | 0xAF | 0x8A | 0x88)
    {
        3
    } else {
        0
    }
}

/// The length of a space-like separator between digit groups at `i` ("10 000" with a no-break
/// or thin space), or 0. Plain spaces are not group separators: "in 2024 10 companies".
#[inline]
pub(crate) fn group_space_len(t: &[u8], i: usize) -> usize {
    wide_space_len(t, i)
}

/// Skips whitespace from `i`, crossing at most one line break: a blank line ends a phrase, so on
/// a blank line the returned position is that of its first line break. Returns `i` when there is
/// no space.
pub(crate) fn skip_space(t: &[u8], i: usize) -> usize {
    let mut j = i;
    let mut newline = None;
    while j < t.len() {
        match t[j] {
            b' ' | b'\t' | b'\r' => j += 1,
            b'\n' => {
                if let Some(p) = newline {
                    return p;
                }
                newline = Some(j);
                j += 1;
            }
            _ => {
                let w = wide_space_len(t, j);
                if w == 0 {
                    break;
                }
                j += w;
            }
        }
    }
    j
}

/// Skips whitespace backwards from `i` (exclusive), crossing at most one line break; on a blank
/// line, returns the position just after its last line break.
pub(crate) fn skip_space_back(t: &[u8], i: usize) -> usize {
    let mut j = i;
    let mut newline = None;
    while j > 0 {
        match t[j - 1] {
            b' ' | b'\t' | b'\r' => j -= 1,
            b'\n' => {
                if let Some(p) = newline {
                    return p;
                }
                newline = Some(j);
                j -= 1;
            }
            _ => {
                let w = wide_space_len_back(t, j);
                if w == 0 {
                    break;
                }
                j -= w;
            }
        }
    }
    j
}

/// The end of the run of ASCII letters starting at `i`. Words are the bulk of any text, so this
/// tests eight bytes at a time: a byte is a letter when, with bit 0x20 set (lowercase), it lies in
/// `a..=z` and its high bit is clear; the sums below stay within each byte, so lanes do not carry
/// into each other.
#[inline]
pub(crate) fn letters_end(t: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = t.get(i..i + 8) {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        let v = u64::from_le_bytes(bytes);
        let y = (v | 0x2020_2020_2020_2020) & 0x7f7f_7f7f_7f7f_7f7f;
        let at_least_a = y.wrapping_add(0x1f1f_1f1f_1f1f_1f1f) & HIGH; // y >= 0x61
        let past_z = y.wrapping_add(0x0505_0505_0505_0505) & HIGH; // y >= 0x7b
        let letters = at_least_a & !past_z & !(v & HIGH);
        let others = !letters & HIGH;
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < t.len() && t[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// The start of the run of ASCII letters ending at `i` (exclusive).
#[inline]
pub(crate) fn letters_start(t: &[u8], mut i: usize) -> usize {
    while i > 0 && t[i - 1].is_ascii_alphabetic() {
        i -= 1;
    }
    i
}

/// The end of the run of digits starting at `i`.
#[inline]
pub(crate) fn digits_end(t: &[u8], mut i: usize) -> usize {
    while i < t.len() && t[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// The end of the run of letters and digits (any script) starting at `i`.
pub(crate) fn alnum_end(text: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(text, i) {
        if !c.is_alphanumeric() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// The character starting at byte `i`, if `i` is a boundary inside the text.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The character ending at byte `i` (exclusive), if any.
#[inline]
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// Whether the character at byte `i` is a letter or digit of any script.
#[inline]
pub(crate) fn is_alnum_at(t: &[u8], i: usize) -> bool {
    match t.get(i) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => {
            // Decode one UTF-8 character; the scanner only calls this on boundaries.
            let end = (i + 4).min(t.len());
            match std::str::from_utf8(&t[i..end]) {
                Ok(s) => s.chars().next().is_some_and(char::is_alphanumeric),
                Err(e) => std::str::from_utf8(&t[i..i + e.valid_up_to()])
                    .ok()
                    .and_then(|s| s.chars().next())
                    .is_some_and(char::is_alphanumeric),
            }
        }
    }
}

/// Whether the character ending at byte `i` (exclusive) is a letter or digit of any script.
#[inline]
pub(crate) fn is_alnum_before(t: &[u8], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let b = t[i - 1];
    if b.is_ascii() {
        return b.is_ascii_alphanumeric();
    }
    let mut s = i - 1;
    while s > 0 && i - s < 4 && (t[s] & 0xC0) == 0x80 {
        s -= 1;
    }
    std::str::from_utf8(&t[s..i])
        .ok()
        .and_then(|c| c.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// Whether the text at `i` spells `surface` (ASCII case-insensitively unless `case_sensitive`;
/// a space in `surface` matches a run of whitespace), ending on a word boundary when the surface
/// ends in a letter or digit (or, with `digit_ok`, when a digit follows: "USD5"). Returns the end
/// of the match.
pub(crate) fn match_forward(
    t: &[u8],
    pos: usize,
    surface: &[u8],
    case_sensitive: bool,
    digit_ok: bool,
) -> Option<usize> {
    let mut i = pos;
    for &c in surface {
        if c == b' ' {
            let j = skip_space(t, i);
            if j == i {
                return None;
            }
            i = j;
            continue;
        }
        if !same_byte(*t.get(i)?, c, case_sensitive) {
            return None;
        }
        i += 1;
    }
    let ends_alnum = surface.last().is_some_and(u8::is_ascii_alphanumeric);
    if ends_alnum && is_alnum_at(t, i) && !(digit_ok && t[i].is_ascii_digit()) {
        return None;
    }
    Some(i)
}

/// Whether the text ending at `end` spells `surface` (see [`match_forward`]), starting on a word
/// boundary when the surface starts with a letter or digit. Returns the start of the match.
pub(crate) fn match_backward(
    t: &[u8],
    end: usize,
    surface: &[u8],
    case_sensitive: bool,
) -> Option<usize> {
    let mut i = end;
    for &c in surface.iter().rev() {
        if c == b' ' {
            let j = skip_space_back(t, i);
            if j == i {
                return None;
            }
            i = j;
            continue;
        }
        if i == 0 || !same_byte(t[i - 1], c, case_sensitive) {
            return None;
        }
        i -= 1;
    }
    let starts_alnum = surface.first().is_some_and(u8::is_ascii_alphanumeric);
    if starts_alnum && is_alnum_before(t, i) {
        return None;
    }
    Some(i)
}

/// Whether a byte of the text is the surface's `c` (ignoring ASCII case unless asked not to).
#[inline]
fn same_byte(b: u8, c: u8, case_sensitive: bool) -> bool {
    if case_sensitive {
        b == c
    } else {
        b.eq_ignore_ascii_case(&c)
    }
}

/// Whether the ASCII word equals `lit` ignoring ASCII case.
#[inline]
pub(crate) fn eq_ci(word: &[u8], lit: &str) -> bool {
    word.eq_ignore_ascii_case(lit.as_bytes())
}

/// The ASCII word that ends just before position `i`, skipping whitespace first: `(start, end)`.
/// Empty (`start == end`) when the previous token is not a word.
pub(crate) fn word_before(t: &[u8], i: usize) -> (usize, usize) {
    let e = skip_space_back(t, i);
    let s = letters_start(t, e);
    (s, e)
}

/// The ASCII word that starts at `i` after whitespace: `(start, end)`, empty if none.
pub(crate) fn word_after(t: &[u8], i: usize) -> (usize, usize) {
    let s = skip_space(t, i);
    (s, letters_end(t, s))
}
