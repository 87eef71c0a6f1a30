//! Small text utilities shared by the parser, the analysers and the search index: folding for
//! case- and diacritic-insensitive comparison, word-boundary-aware truncation, and the one rule
//! for which document URLs may become links.

/// Shortens `s` to at most `max` bytes, cutting at a word boundary and adding an ellipsis when
/// anything was cut.
pub fn truncate_words(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut cut = max;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &s[..cut];
    let head = match head.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &head[..i],
        _ => head,
    };
    format!(
        "{}…",
        head.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
    )
}

/// Folds one character for matching: lowercase, with Latin diacritics removed ("Türkiye" and
/// "turkiye" fold alike). Characters outside the table are lowercased only. Returns up to two
/// characters (ß → ss, æ → ae, …).
pub fn fold_char(c: char) -> (char, Option<char>) {
    if c.is_ascii() {
        return (c.to_ascii_lowercase(), None);
    }
    let base = match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => 'a',
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => 'c',
        'Ď' | 'ď' | 'Đ' | 'đ' | 'Ð' | 'ð' => 'd',
        'È'..='Ë'
        | 'è'..='ë'
        | 'Ē'
        | 'ē'
        | 'Ĕ'
        | 'ĕ'
        | 'Ė'
        | 'ė'
        | 'Ę'
        | 'ę'
        | 'Ě'
        | 'ě'
        | 'Ə'
        | 'ə' => 'e',
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => 'g',
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' => 'h',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ' | 'ĩ' | 'Ī' | 'ī' | 'Ĭ' | 'ĭ' | 'Į' | 'į' | 'İ' | 'ı' => {
            'i'
        }
        'Ĵ' | 'ĵ' => 'j',
        'Ķ' | 'ķ' => 'k',
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => 'l',
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ŏ' | 'ŏ' | 'Ő' | 'ő' => 'o',
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => 'r',
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' | 'Ș' | 'ș' => 's',
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' | 'Ț' | 'ț' => 't',
        'Ù'..='Ü'
        | 'ù'..='ü'
        | 'Ũ'
        | 'ũ'
        | 'Ū'
        | 'ū'
        | 'Ŭ'
        | 'ŭ'
        | 'Ů'
        | 'ů'
        | 'Ű'
        | 'ű'
        | 'Ų'
        | 'ų' => 'u',
        'Ŵ' | 'ŵ' => 'w',
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => 'y',
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => 'z',
        'ß' => return ('s', Some('s')),
        'Æ' | 'æ' => return ('a', Some('e')),
        'Œ' | 'œ' => return ('o', Some('e')),
        'Þ' | 'þ' => return ('t', Some('h')),
        // Typographic apostrophes fold to the ASCII one so "China’s" matches "China's".
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        _ => return (c.to_lowercase().next().unwrap_or(c), None),
    };
    (base, None)
}

/// Folds a whole string with [`fold_char`].
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let (a, b) = fold_char(c);
        out.push(a);
        if let Some(b) = b {
            out.push(b);
        }
    }
    out
}

/// `url` as a link target, or `None` when it must stay text. Only web addresses qualify: a
/// document's URL comes from untrusted text (front matter, imported files), and a `javascript:`
/// or `data:` URL rendered as a link would run or load whatever it holds when clicked. Surrounding
/// whitespace is trimmed; a URL with whitespace or control characters inside (which browsers
/// would silently drop or re-encode) or without anything after the scheme is refused.
pub fn web_link(url: &str) -> Option<&str> {
    let url = url.trim();
    let scheme_len = if starts_with_ignore_case(url, "https://") {
        "https://".len()
    } else if starts_with_ignore_case(url, "http://") {
        "http://".len()
    } else {
        return None;
    };
    let clean = url.len() > scheme_len && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    clean.then_some(url)
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_become_links() {
        for (url, want) in [
            (
                "https://example.org/a?b=c#d",
                Some("https://example.org/a?b=c#d"),
            ),
            ("http://example.org", Some("http://example.org")),
            ("  HTTPS://Example.org/x  ", Some("HTTPS://Example.org/x")),
            ("javascript:window.__pwned=1", None),
            ("JavaScript:alert(1)", None),
            (" javascript:alert(1)", None),
            ("\u{0}javascript:alert(1)", None),
            ("data:text/html,<script>alert(1)</script>", None),
            ("vbscript:msgbox(1)", None),
            ("file:///etc/passwd", None),
            ("//example.org/protocol-relative", None),
            ("/relative/path", None),
            ("example.org", None),
            ("https://", None),
            ("http:", None),
            ("https://exa mple.org", None),
            ("https://example.org/\u{0}", None),
            ("https://example.org/\njavascript:x", None),
            ("", None),
            ("é", None),
        ] {
            assert_eq!(web_link(url), want, "{url:?}");
        }
    }

    #[test]
    fn folds_case_and_diacritics() {
        for (input, want) in [
            ("Türkiye", "turkiye"),
            ("Côte d’Ivoire", "cote d'ivoire"),
            ("BAKU", "baku"),
            ("Straße", "strasse"),
            ("Ağdam", "agdam"),
            ("Şuşa", "susa"),
        ] {
            assert_eq!(fold(input), want, "{input}");
        }
    }

    #[test]
    fn truncates_at_word_boundary() {
        assert_eq!(truncate_words("short", 10), "short");
        assert_eq!(
            truncate_words("Azerbaijan and Pakistan have long maintained", 20),
            "Azerbaijan and…"
        );
        // Never splits a multi-byte character.
        let t = truncate_words("ééééééééééé", 5);
        assert!(t.ends_with('…'));
    }
}
