//! Input normalization: bytes to clean UTF-8 text with `\n` line ends.
//!
//! Decodes UTF-8 (lossily, with a warning, when the bytes are not valid), drops byte-order marks,
//! turns CRLF and lone CR into `\n`, removes stray control and invisible formatting characters,
//! turns no-break spaces into spaces, unescapes Markdown backslash escapes (`\$` → `$`) and drops
//! Markdown bold markers (`**`). It is one pass over the bytes with no per-character allocation,
//! since every file goes through it.

/// The warning put on a document whose file was not valid UTF-8.
pub(crate) const LOSSY_WARNING: &str =
    "The file is not valid UTF-8: undecodable bytes were replaced with \u{FFFD}.";

/// Decodes and cleans `bytes`; the flag says whether decoding was lossy.
pub(crate) fn decode(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (clean(s), false),
        Err(_) => (clean(&String::from_utf8_lossy(bytes)), true),
    }
}

/// The bytes that may need a change: control characters, `\\`, `*`, and the lead bytes of the
/// multi-byte characters that are dropped or replaced (U+0080–U+00BF, U+2000–U+206F, U+FEFF).
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = c != b'\n' as usize;
        c += 1;
    }
    t[0x7F] = true;
    t[b'\\' as usize] = true;
    t[b'*' as usize] = true;
    t[b'&' as usize] = true;
    t[b'#' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t[0xEF] = true;
    t
};

/// Cleans valid UTF-8 text (see the module docs).
pub(crate) fn clean(s: &str) -> String {
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        // Copy the run of ordinary bytes in one go: most text needs no change.
        let run = b[i..]
            .iter()
            .position(|&c| SPECIAL[c as usize])
            .unwrap_or(b.len() - i);
        out.extend_from_slice(&b[i..i + run]);
        i += run;
        if i == b.len() {
            break;
        }
        let c = b[i];
        match c {
            b'\r' => {
                out.push(b'\n');
                i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            }
            // Vertical tab and form feed are line and page breaks in extracted text.
            0x0B | 0x0C => {
                out.push(b'\n');
                i += 1;
            }
            b'\t' => {
                out.push(b' ');
                i += 1;
            }
            0x00..=0x1F | 0x7F => i += 1,
            b'\\' => match b.get(i + 1) {
                // A Markdown escape: keep the escaped punctuation, drop the backslash.
                Some(&n) if n.is_ascii_punctuation() => {
                    out.push(n);
                    i += 2;
                }
                _ => {
                    out.push(b'\\');
                    i += 1;
                }
            },
            b'&' => match entity(&b[i..]) {
                Some((replacement, len)) => {
                    out.extend_from_slice(replacement.as_bytes());
                    i += len;
                }
                None => {
                    out.push(b'&');
                    i += 1;
                }
            },
            // A Markdown heading marker at the start of a line ("## Sub-heading").
            b'#' if out.is_empty() || out.last() == Some(&b'\n') => {
                let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
                if hashes <= 6 && b.get(i + hashes) == Some(&b' ') {
                    i += hashes + 1;
                } else {
                    out.extend_from_slice(&b[i..i + hashes]);
                    i += hashes;
                }
            }
            b'*' if b.get(i + 1) == Some(&b'*') => {
                // Markdown bold markers: drop the whole run of asterisks.
                while b.get(i) == Some(&b'*') {
                    i += 1;
                }
            }
            0x00..=0x7F => {
                out.push(c);
                i += 1;
            }
            _ => {
                // A multi-byte character: its length from the lead byte (the input is valid UTF-8).
                let len = match c {
                    0xC0..=0xDF => 2,
                    0xE0..=0xEF => 3,
                    _ => 4,
                }
                .min(b.len() - i);
                let seq = &b[i..i + len];
                match seq {
                    // C1 control characters.
                    [0xC2, 0x80..=0x9F] => {}
                    // No-break space.
                    [0xC2, 0xA0] => out.push(b' '),
                    // Soft hyphen.
                    [0xC2, 0xAD] => {}
                    // Zero-width space, left-to-right and right-to-left marks, embeddings and
                    // overrides.
                    [0xE2, 0x80, 0x8B | 0x8E | 0x8F | 0xAA..=0xAE] => {}
                    // Zero-width non-joiner and joiner between two ASCII letters or digits,
                    // where they join nothing and only hide a word from search and the
                    // analysers ("Bel\u{200D}grade"). Elsewhere they shape Persian, Arabic and
                    // Indic text and emoji, and stay.
                    [0xE2, 0x80, 0x8C | 0x8D]
                        if out.last().is_some_and(u8::is_ascii_alphanumeric)
                            && b.get(i + len).is_some_and(u8::is_ascii_alphanumeric) => {}
                    // Line and paragraph separators.
                    [0xE2, 0x80, 0xA8 | 0xA9] => out.push(b'\n'),
                    // Narrow no-break space, figure space and other fixed-width spaces.
                    [0xE2, 0x80, 0x80..=0x8A | 0xAF] | [0xE2, 0x81, 0x9F] => out.push(b' '),
                    // Word joiner and invisible operators; the directional isolates, which can
                    // reorder what is shown as the embeddings and overrides can.
                    [0xE2, 0x81, 0xA0..=0xA4 | 0xA6..=0xA9] => {}
                    // Byte-order mark / zero-width no-break space, anywhere.
                    [0xEF, 0xBB, 0xBF] => {}
                    _ => out.extend_from_slice(seq),
                }
                i += len;
            }
        }
    }
    // Only whole characters were dropped or replaced by ASCII, so the bytes stay valid UTF-8; the
    // checked conversion costs one fast pass and keeps the module free of `unsafe`.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The HTML character references that scraped text keeps: `&amp;`, `&nbsp;`, `&rsquo;`, `&#39;`,
/// `&#x2019;`, …. Returns the replacement and the length of the reference.
fn entity(b: &[u8]) -> Option<(&'static str, usize)> {
    const NAMED: [(&str, &str); 16] = [
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&apos;", "'"),
        ("&nbsp;", " "),
        ("&rsquo;", "\u{2019}"),
        ("&lsquo;", "\u{2018}"),
        ("&rdquo;", "\u{201D}"),
        ("&ldquo;", "\u{201C}"),
        ("&ndash;", "\u{2013}"),
        ("&mdash;", "\u{2014}"),
        ("&hellip;", "\u{2026}"),
        ("&laquo;", "\u{AB}"),
        ("&raquo;", "\u{BB}"),
        ("&euro;", "\u{20AC}"),
    ];
    for (name, replacement) in NAMED {
        if b.starts_with(name.as_bytes()) {
            return Some((replacement, name.len()));
        }
    }
    // Numeric references to the few characters scraped text uses; others stay as written (a
    // `&'static str` table keeps this allocation-free).
    let end = b.iter().take(10).position(|&c| c == b';')?;
    let body = std::str::from_utf8(&b[2.min(end)..end]).ok()?;
    if b.get(1) != Some(&b'#') {
        return None;
    }
    let code = match body.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => body.parse().ok()?,
    };
    let replacement = match code {
        34 => "\"",
        38 => "&",
        39 => "'",
        160 => " ",
        0x2013 => "\u{2013}",
        0x2014 => "\u{2014}",
        0x2018 => "\u{2018}",
        0x2019 => "\u{2019}",
        0x201C => "\u{201C}",
        0x201D => "\u{201D}",
        0x2026 => "\u{2026}",
        _ => return None,
    };
    Some((replacement, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, want: &str) {
        assert_eq!(clean(input), want, "{input:?}");
    }

    #[test]
    fn cleans_input() {
        check("a\r\nb\rc\n", "a\nb\nc\n");
        check("\u{FEFF}Title", "Title");
        check("a\u{0}b\u{7}c\u{1B}d", "abcd");
        check("tab\there", "tab here");
        check("page\u{C}break", "page\nbreak");
        check("no\u{A0}break", "no break");
        check("zero\u{200B}width", "zerowidth");
        check(
            "a \u{202E}txt.exe\u{202C} b \u{2067}x\u{2069} \u{2066}y\u{2069} \u{2068}z\u{2069} \u{200E}\u{200F}",
            "a txt.exe b x y z ",
        );
        check(
            "Bel\u{200D}grade, Buda\u{200C}pest, G7\u{200C}8",
            "Belgrade, Budapest, G78",
        );
        // Joiners that shape scripts and emoji stay.
        check(
            "\u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645}",
            "\u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645}",
        );
        check("\u{1F469}\u{200D}\u{1F4BB}", "\u{1F469}\u{200D}\u{1F4BB}");
        check("word\u{200D} next", "word\u{200D} next");
        check("c1\u{85}control", "c1control");
        check("soft\u{AD}hyphen", "softhyphen");
        check("A \\$600 million", "A $600 million");
        check("\\*not bold\\*, a\\_b, C:\\dir", "*not bold*, a_b, C:\\dir");
        check("- I. **Key Takeaways**", "- I. Key Takeaways");
        check("trailing \\", "trailing \\");
        check("Türkiye – “quotes” — ok…", "Türkiye – “quotes” — ok…");
        check(
            "Q&A &amp; talks&nbsp;on &ldquo;peace&rdquo; &#39;now&#39; &#x2019; &#9999; &bogus;",
            "Q&A & talks on “peace” 'now' ’ &#9999; &bogus;",
        );
        check(
            "# Title\n## Sub-heading\n#hashtag and a # sign\n####### seven",
            "Title\nSub-heading\n#hashtag and a # sign\n####### seven",
        );
    }

    #[test]
    fn decodes_lossily_with_a_flag() {
        let (text, lossy) = decode(b"ok \xFF\xFE bad");
        assert!(lossy);
        assert!(text.contains('\u{FFFD}'));
        let (text, lossy) = decode("Bakı".as_bytes());
        assert!(!lossy);
        assert_eq!(text, "Bakı");
    }
}
