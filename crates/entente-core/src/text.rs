//! Small text utilities shared by the parser, the analysers and the search index: folding for
//! case- and diacritic-insensitive comparison, and word-boundary-aware truncation.

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

#[cfg(test)]
mod tests {
    use super::*;

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
