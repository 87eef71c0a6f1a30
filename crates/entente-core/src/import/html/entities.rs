//! Character references: the named ones that occur in articles and every numeric one, decoded
//! as the HTML standard says (numeric references 128–159 are Windows-1252, impossible code points
//! become U+FFFD, unknown names stay as written).

/// Named character references that occur in articles. A fixed table from the HTML standard, not
/// a tunable lexicon; anything else is left as written.
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("ndash", "\u{2013}"),
    ("mdash", "\u{2014}"),
    ("hellip", "\u{2026}"),
    ("lsquo", "\u{2018}"),
    ("rsquo", "\u{2019}"),
    ("sbquo", "\u{201A}"),
    ("ldquo", "\u{201C}"),
    ("rdquo", "\u{201D}"),
    ("bdquo", "\u{201E}"),
    ("laquo", "\u{AB}"),
    ("raquo", "\u{BB}"),
    ("lsaquo", "\u{2039}"),
    ("rsaquo", "\u{203A}"),
    ("copy", "\u{A9}"),
    ("reg", "\u{AE}"),
    ("trade", "\u{2122}"),
    ("euro", "\u{20AC}"),
    ("pound", "\u{A3}"),
    ("yen", "\u{A5}"),
    ("cent", "\u{A2}"),
    ("deg", "\u{B0}"),
    ("middot", "\u{B7}"),
    ("bull", "\u{2022}"),
    ("times", "\u{D7}"),
    ("divide", "\u{F7}"),
    ("plusmn", "\u{B1}"),
    ("minus", "\u{2212}"),
    ("permil", "\u{2030}"),
    ("sect", "\u{A7}"),
    ("para", "\u{B6}"),
    ("shy", "\u{AD}"),
    ("thinsp", "\u{2009}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("zwj", "\u{200D}"),
    ("zwnj", "\u{200C}"),
    ("lrm", "\u{200E}"),
    ("rlm", "\u{200F}"),
    ("prime", "\u{2032}"),
    ("Prime", "\u{2033}"),
    ("frac12", "\u{BD}"),
    ("frac14", "\u{BC}"),
    ("frac34", "\u{BE}"),
    ("eacute", "\u{E9}"),
    ("egrave", "\u{E8}"),
    ("aacute", "\u{E1}"),
    ("agrave", "\u{E0}"),
    ("iacute", "\u{ED}"),
    ("oacute", "\u{F3}"),
    ("uacute", "\u{FA}"),
    ("ntilde", "\u{F1}"),
    ("ccedil", "\u{E7}"),
    ("uuml", "\u{FC}"),
    ("ouml", "\u{F6}"),
    ("auml", "\u{E4}"),
    ("Uuml", "\u{DC}"),
    ("Ouml", "\u{D6}"),
    ("Auml", "\u{C4}"),
    ("szlig", "\u{DF}"),
    ("Eacute", "\u{C9}"),
];

/// The Windows-1252 characters that numeric references 128–159 mean in HTML.
const C1: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// Decodes character references (`&amp;`, `&#8217;`, `&#x2019;`) of `s` into `out`. Unknown or
/// malformed ones stay as written; code points that cannot be characters become U+FFFD.
pub(super) fn decode_into(s: &str, out: &mut String) {
    if !s.contains('&') {
        out.push_str(s);
        return;
    }
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match reference(rest) {
            Some((decoded, len)) => {
                match decoded {
                    Decoded::Char(c) => out.push(c),
                    Decoded::Str(s) => out.push_str(s),
                }
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

enum Decoded {
    Char(char),
    Str(&'static str),
}

/// Reads one character reference at the start of `s` (which starts with `&`).
fn reference(s: &str) -> Option<(Decoded, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, start) = match b.get(2) {
            Some(b'x' | b'X') => (true, 3),
            _ => (false, 2),
        };
        let mut end = start;
        while end < b.len()
            && end - start < 8
            && (if hex {
                b[end].is_ascii_hexdigit()
            } else {
                b[end].is_ascii_digit()
            })
        {
            end += 1;
        }
        if end == start {
            return None;
        }
        let value = u32::from_str_radix(&s[start..end], if hex { 16 } else { 10 }).ok()?;
        let len = if b.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        };
        let c = match value {
            0x80..=0x9F => C1[(value - 0x80) as usize],
            0 => '\u{FFFD}',
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        return Some((Decoded::Char(c), len));
    }
    let end = b
        .iter()
        .skip(1)
        .take(12)
        .position(|c| !c.is_ascii_alphanumeric())?
        + 1;
    if b.get(end) != Some(&b';') {
        return None;
    }
    let name = &s[1..end];
    ENTITIES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| (Decoded::Str(v), end + 1))
}

/// The Windows-1252 character of a byte 0x80–0x9F.
pub(super) fn windows_1252(b: u8) -> char {
    C1[usize::from(b.wrapping_sub(0x80)) % C1.len()]
}
