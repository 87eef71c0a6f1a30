//! The URL query-string codec of the view state: [`ViewState::to_query`] writes the short keys
//! of a shareable link, [`ViewState::from_query`] reads one back.
//!
//! The URL is untrusted input. Decoding never fails: what cannot be understood is dropped and
//! reported as a [`Notice`], and decoding what [`ViewState::to_query`] wrote gives back the same
//! state (the round-trip property the fuzzer checks).

use super::state::{
    ordered_pair, CountryMode, Entity, FigureSort, FigureSortKey, MatrixOrder, View, ViewState,
    Window, DEFAULT_TOP_N, MAX_TOP_N,
};
use crate::model::{CountryCode, FigureKind, PartialDate, Stance, Topic};
use std::fmt::Write as _;

/// Something in a URL that was ignored or adjusted, for a small visible notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The parameter concerned.
    pub key: String,
    /// What happened, as a short sentence for the user.
    pub message: String,
}

/// The longest search text kept from a URL, in bytes.
pub const MAX_QUERY_LEN: usize = 1000;
/// The most values kept for one list parameter.
pub const MAX_LIST_LEN: usize = 64;
/// The longest free-text value (source, organization, document id), in bytes.
pub const MAX_VALUE_LEN: usize = 200;

const KEYS: &[&str] = &[
    "q", "c", "cm", "p", "o", "t", "s", "src", "from", "to", "fk", "v", "mw", "mt", "ms", "mo",
    "mn", "mg", "cell", "fs", "doc", "at", "corpus",
];

/// Percent-encodes a value for a query string: unreserved characters stay, space becomes `+`,
/// and the list separator `,` is always escaped inside values.
fn encode_value(s: &str, out: &mut String) {
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'*' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
}

/// What decoding a value had to repair, so the notice can name the problem.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Damage {
    /// A `%` not followed by two hex digits (kept literally).
    escape: bool,
    /// Bytes that are not UTF-8 (replaced by U+FFFD).
    utf8: bool,
}

impl Damage {
    /// The notice for this damage, if any.
    fn message(self) -> Option<&'static str> {
        match (self.escape, self.utf8) {
            (false, false) => None,
            (true, false) => Some("invalid percent-encoding, kept as typed"),
            (false, true) => Some("not valid UTF-8: the bad bytes were replaced"),
            (true, true) => Some(
                "invalid percent-encoding, kept as typed, and not valid UTF-8: the bad bytes were replaced",
            ),
        }
    }
}

/// Decodes a percent-encoded value. Invalid escapes are kept literally and invalid UTF-8 is
/// replaced; `damage` records which happened.
fn decode_value(s: &str, damage: &mut Damage) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match bytes.get(i + 1..i + 3) {
                Some(&[hi, lo]) if hi.is_ascii_hexdigit() && lo.is_ascii_hexdigit() => {
                    out.push(hex_value(hi) << 4 | hex_value(lo));
                    i += 2;
                }
                _ => {
                    damage.escape = true;
                    out.push(b'%');
                }
            },
            b => out.push(b),
        }
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => {
            damage.utf8 = true;
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

fn hex_value(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        _ => digit - b'A' + 10,
    }
}

/// A whole number from a URL, or which way it falls outside what `i64` holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Whole {
    Value(i64),
    TooLarge,
    TooSmall,
    NotANumber,
}

fn whole_number(s: &str) -> Whole {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Whole::NotANumber;
    }
    match s.parse::<i64>() {
        Ok(n) => Whole::Value(n),
        Err(_) if s.starts_with('-') => Whole::TooSmall,
        Err(_) => Whole::TooLarge,
    }
}

fn push_param(out: &mut String, key: &str, value: &str) {
    if !out.is_empty() {
        out.push('&');
    }
    out.push_str(key);
    out.push('=');
    encode_value(value, out);
}

fn push_list<T>(out: &mut String, key: &str, items: &[T], id: impl Fn(&T) -> String) {
    if items.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push('&');
    }
    out.push_str(key);
    out.push('=');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        encode_value(&id(item), out);
    }
}

fn pair_id((a, b): (CountryCode, CountryCode)) -> String {
    format!("{a}-{b}")
}

fn cell_id((a, b): (Entity, Entity)) -> String {
    format!("{a}-{b}")
}

/// A cell: two entities (`AZ-CN`, `AZ-org.EU`); organization ids hold no `-`.
fn parse_cell(s: &str) -> Option<(Entity, Entity)> {
    let (a, b) = s.split_once('-')?;
    ordered_pair(Entity::from_id(a)?, Entity::from_id(b)?)
}

fn parse_pair(s: &str) -> Option<(CountryCode, CountryCode)> {
    let (a, b) = s.split_once('-')?;
    ordered_pair(
        CountryCode::new(&a.to_ascii_uppercase())?,
        CountryCode::new(&b.to_ascii_uppercase())?,
    )
}

fn valid_free_text(s: &str) -> bool {
    !s.is_empty() && s.len() <= MAX_VALUE_LEN && !s.chars().any(char::is_control)
}

impl ViewState {
    /// The query string (without `?`) for this state: only what differs from the default, in a
    /// fixed key order, so equal states give equal URLs.
    pub fn to_query(&self) -> String {
        let mut out = String::new();
        if !self.query.is_empty() {
            push_param(&mut out, "q", &self.query);
        }
        push_list(&mut out, "c", &self.countries, |c| c.to_string());
        if self.country_mode == CountryMode::All {
            push_param(&mut out, "cm", "all");
        }
        if let Some(p) = self.pair {
            push_param(&mut out, "p", &pair_id(p));
        }
        push_list(&mut out, "o", &self.organizations, |o| o.clone());
        push_list(&mut out, "t", &self.topics, |t| t.id().to_string());
        push_list(&mut out, "s", &self.stances, |s| s.id().to_string());
        push_list(&mut out, "src", &self.sources, |s| s.clone());
        if let Some(d) = self.date_from {
            push_param(&mut out, "from", &d.to_string());
        }
        if let Some(d) = self.date_to {
            push_param(&mut out, "to", &d.to_string());
        }
        push_list(&mut out, "fk", &self.figure_kinds, |k| k.id().to_string());
        if self.view != View::Documents {
            push_param(&mut out, "v", self.view.id());
        }
        let m = &self.matrix;
        if m.window != Window::Sentence {
            push_param(&mut out, "mw", m.window.id());
        }
        if let Some(t) = m.topic {
            push_param(&mut out, "mt", t.id());
        }
        if let Some(s) = m.stance {
            push_param(&mut out, "ms", s.id());
        }
        if m.order != MatrixOrder::Frequency {
            push_param(&mut out, "mo", m.order.id());
        }
        match m.top_n {
            Some(DEFAULT_TOP_N) => {}
            Some(n) => push_param(&mut out, "mn", &n.to_string()),
            None => push_param(&mut out, "mn", "all"),
        }
        if m.organizations {
            push_param(&mut out, "mg", "1");
        }
        if let Some(c) = m.cell {
            push_param(&mut out, "cell", &cell_id(c));
        }
        if self.figure_sort != FigureSort::default() {
            let sign = if self.figure_sort.descending { "-" } else { "" };
            push_param(
                &mut out,
                "fs",
                &format!("{sign}{}", self.figure_sort.key.id()),
            );
        }
        if let Some(d) = &self.document {
            push_param(&mut out, "doc", d);
            if let Some(at) = self.at {
                push_param(&mut out, "at", &at.to_string());
            }
        }
        if let Some(c) = &self.corpus {
            push_param(&mut out, "corpus", c);
        }
        out
    }

    /// Reads a query string (with or without the leading `?`). Never fails: unknown keys,
    /// repeated keys, invalid values, broken percent-encoding and oversized values are dropped
    /// or cut, each with a notice.
    pub fn from_query(query: &str) -> (ViewState, Vec<Notice>) {
        let mut s = ViewState::default();
        let mut notices = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut note = |key: &str, message: String| {
            // One notice per key is enough for the user, and bounds the list for hostile URLs.
            if notices.len() < 20 && !notices.iter().any(|n: &Notice| n.key == key) {
                notices.push(Notice {
                    key: key.chars().take(40).collect(),
                    message,
                });
            }
        };
        for part in query.split('&') {
            if part.is_empty() {
                continue;
            }
            let (raw_key, raw_value) = part.split_once('=').unwrap_or((part, ""));
            let key_owned = decode_value(raw_key, &mut Damage::default());
            let Some(&key) = KEYS.iter().find(|k| **k == key_owned) else {
                note(&key_owned, "unknown parameter ignored".into());
                continue;
            };
            if seen.contains(&key) {
                note(key, "repeated parameter: the first value is used".into());
                continue;
            }
            seen.push(key);
            let mut damage = Damage::default();
            let value = decode_value(raw_value, &mut damage);
            if let Some(message) = damage.message() {
                note(key, message.into());
            }
            let list = |value: &str, note: &mut dyn FnMut(&str, String)| -> Vec<String> {
                let items: Vec<String> = value
                    .split(',')
                    .map(|v| decode_value(v, &mut Damage::default()))
                    .filter(|v| !v.is_empty())
                    .collect();
                if items.len() > MAX_LIST_LEN {
                    note(
                        key,
                        format!("only the first {MAX_LIST_LEN} values are used"),
                    );
                }
                items.into_iter().take(MAX_LIST_LEN).collect()
            };
            // List values were encoded item by item, so split the raw value before decoding it.
            let raw_list = || raw_value.to_string();
            match key {
                "q" => {
                    let mut q = value;
                    if q.len() > MAX_QUERY_LEN {
                        let mut cut = MAX_QUERY_LEN;
                        while !q.is_char_boundary(cut) {
                            cut -= 1;
                        }
                        q.truncate(cut);
                        note(key, "search text was cut to 1000 characters".into());
                    }
                    s.query = q.chars().filter(|c| !c.is_control()).collect();
                }
                "c" => {
                    for v in list(&raw_list(), &mut note) {
                        match CountryCode::new(&v.to_ascii_uppercase()) {
                            Some(c) if !s.countries.contains(&c) => s.countries.push(c),
                            Some(_) => {}
                            None => note(key, format!("{:?} is not a country code", short(&v))),
                        }
                    }
                }
                "cm" => match value.as_str() {
                    "all" => s.country_mode = CountryMode::All,
                    "any" => s.country_mode = CountryMode::Any,
                    _ => note(key, "country mode must be any or all".into()),
                },
                "p" => match parse_pair(&value) {
                    Some(p) => s.pair = Some(p),
                    None => note(
                        key,
                        "a pair is two different country codes like AZ-PK".into(),
                    ),
                },
                "o" => {
                    for v in list(&raw_list(), &mut note) {
                        if valid_free_text(&v) && !s.organizations.contains(&v) {
                            s.organizations.push(v);
                        } else if !valid_free_text(&v) {
                            note(key, "an organization name was invalid".into());
                        }
                    }
                }
                "t" => {
                    for v in list(&raw_list(), &mut note) {
                        match Topic::from_id(&v) {
                            Some(t) if !s.topics.contains(&t) => s.topics.push(t),
                            Some(_) => {}
                            None => note(key, format!("{:?} is not a topic", short(&v))),
                        }
                    }
                }
                "s" => {
                    for v in list(&raw_list(), &mut note) {
                        match Stance::from_id(&v) {
                            Some(x) if !s.stances.contains(&x) => s.stances.push(x),
                            Some(_) => {}
                            None => note(key, format!("{:?} is not a stance", short(&v))),
                        }
                    }
                }
                "src" => {
                    for v in list(&raw_list(), &mut note) {
                        if valid_free_text(&v) && !s.sources.contains(&v) {
                            s.sources.push(v);
                        } else if !valid_free_text(&v) {
                            note(key, "a source name was invalid".into());
                        }
                    }
                }
                "from" | "to" => match PartialDate::parse_iso(&value) {
                    Some(d) if key == "from" => s.date_from = Some(d),
                    Some(d) => s.date_to = Some(d),
                    None => note(
                        key,
                        format!(
                            "{:?} is not a date like 2024-07-15, 2024-07 or 2024",
                            short(&value)
                        ),
                    ),
                },
                "fk" => {
                    for v in list(&raw_list(), &mut note) {
                        match FigureKind::from_id(&v) {
                            Some(k) if !s.figure_kinds.contains(&k) => s.figure_kinds.push(k),
                            Some(_) => {}
                            None => note(key, format!("{:?} is not a figure kind", short(&v))),
                        }
                    }
                }
                "v" => match View::from_id(&value) {
                    Some(v) => s.view = v,
                    None => note(key, "view must be docs, matrix or figures".into()),
                },
                "mw" => match Window::from_id(&value) {
                    Some(w) => s.matrix.window = w,
                    None => note(key, "window must be sentence, paragraph or document".into()),
                },
                "mt" => match Topic::from_id(&value) {
                    Some(t) => s.matrix.topic = Some(t),
                    None => note(key, format!("{:?} is not a topic", short(&value))),
                },
                "ms" => match Stance::from_id(&value) {
                    Some(x) => s.matrix.stance = Some(x),
                    None => note(key, format!("{:?} is not a stance", short(&value))),
                },
                "mo" => match MatrixOrder::from_id(&value) {
                    Some(o) => s.matrix.order = o,
                    None => note(key, "order must be freq, name or cluster".into()),
                },
                "mn" => {
                    let (low, high) = (2, i64::from(MAX_TOP_N));
                    let clamped = match whole_number(&value) {
                        _ if value == "all" => {
                            s.matrix.top_n = None;
                            None
                        }
                        Whole::Value(n) if (low..=high).contains(&n) => {
                            s.matrix.top_n = Some(n as u16);
                            None
                        }
                        Whole::Value(n) => Some(n.clamp(low, high)),
                        Whole::TooLarge => Some(high),
                        Whole::TooSmall => Some(low),
                        Whole::NotANumber => {
                            note(key, "top-N must be a number or all".into());
                            None
                        }
                    };
                    if let Some(n) = clamped {
                        s.matrix.top_n = Some(n as u16);
                        note(
                            key,
                            format!("top-N must be between 2 and {MAX_TOP_N}; using {n}"),
                        );
                    }
                }
                "mg" => match value.as_str() {
                    "1" => s.matrix.organizations = true,
                    "0" => s.matrix.organizations = false,
                    _ => note(key, "organizations in the matrix must be 1 or 0".into()),
                },
                "cell" => match parse_cell(&value) {
                    Some(p) => s.matrix.cell = Some(p),
                    None => note(
                        key,
                        "a cell is two different country codes like AZ-PK, or a country and an organization like AZ-org.EU".into(),
                    ),
                },
                "fs" => {
                    let (descending, id) = match value.strip_prefix('-') {
                        Some(rest) => (true, rest),
                        None => (false, value.as_str()),
                    };
                    match FigureSortKey::from_id(id) {
                        Some(k) => s.figure_sort = FigureSort { key: k, descending },
                        None => note(key, "unknown figure sort".into()),
                    }
                }
                "doc" => {
                    if valid_free_text(&value) {
                        s.document = Some(value);
                    } else {
                        note(key, "invalid document id".into());
                    }
                }
                "at" => match whole_number(&value) {
                    Whole::Value(n) => match u32::try_from(n) {
                        Ok(n) => s.at = Some(n),
                        Err(_) => note(key, format!("position {} is out of range", short(&value))),
                    },
                    Whole::TooLarge | Whole::TooSmall => {
                        note(key, format!("position {} is out of range", short(&value)))
                    }
                    Whole::NotANumber => note(key, "position must be a whole number".into()),
                },
                "corpus" => {
                    if !value.is_empty()
                        && value.len() <= 64
                        && value.bytes().all(|b| b.is_ascii_alphanumeric())
                    {
                        s.corpus = Some(value);
                    } else {
                        note(key, "invalid corpus id".into());
                    }
                }
                _ => {}
            }
        }
        // A cell with an organization needs organizations in the matrix.
        if !s.matrix.organizations && s.matrix.cell.is_some_and(|(_, b)| b.is_org()) {
            s.matrix.cell = None;
            note("cell", "a cell with an organization needs mg=1".into());
        }
        // A position means nothing without a document.
        if s.document.is_none() && s.at.is_some() {
            s.at = None;
            note("at", "position ignored without a document".into());
        }
        (s, notices)
    }
}

fn short(s: &str) -> String {
    s.chars().take(24).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::state::tests::{cc, full_state, org};
    use crate::explore::state::{Action, MatrixSettings};

    #[test]
    fn default_state_is_the_empty_query() {
        assert_eq!(ViewState::default().to_query(), "");
        assert_eq!(ViewState::from_query(""), (ViewState::default(), vec![]));
        assert_eq!(ViewState::from_query("?"), (ViewState::default(), vec![]));
    }

    #[test]
    fn round_trips_every_field() {
        let s = full_state();
        let q = s.to_query();
        let (back, notices) = ViewState::from_query(&q);
        assert_eq!(notices, vec![]);
        assert_eq!(back, s, "{q}");
    }

    #[test]
    fn matrix_organizations_and_their_cells_round_trip() {
        let s = ViewState::default()
            .reduce(Action::SetView(View::Matrix))
            .reduce(Action::SetMatrixOrganizations(true))
            .reduce(Action::SelectCell(Some((org("EU"), cc("AZ").into()))));
        assert_eq!(s.matrix.cell, Some((cc("AZ").into(), org("EU"))));
        assert_eq!(s.to_query(), "v=matrix&mg=1&cell=AZ-org.EU");
        for state in [
            s.clone(),
            s.reduce(Action::SelectCell(Some((org("NATO"), org("EU"))))),
            s.reduce(Action::SelectCell(Some((cc("PK").into(), cc("AZ").into())))),
            s.reduce(Action::SelectCell(None)),
            // The African Union is not Australia.
            s.reduce(Action::SelectCell(Some((org("AU"), cc("AU").into())))),
        ] {
            let (back, notices) = ViewState::from_query(&state.to_query());
            assert_eq!(notices, vec![]);
            assert_eq!(back, state, "{}", state.to_query());
        }
        // Hiding organizations closes an organization's cell, not a country pair's.
        let hidden = s.reduce(Action::SetMatrixOrganizations(false));
        assert_eq!(
            (hidden.matrix.organizations, hidden.matrix.cell),
            (false, None)
        );
        let pair = s
            .reduce(Action::SelectCell(Some((cc("AZ").into(), cc("PK").into()))))
            .reduce(Action::SetMatrixOrganizations(false));
        assert_eq!(pair.matrix.cell, Some((cc("AZ").into(), cc("PK").into())));
        assert_eq!(
            ViewState::from_query("mg=0").0.matrix,
            MatrixSettings::default()
        );
    }

    #[test]
    fn writes_short_readable_keys() {
        let s = ViewState::default()
            .reduce(Action::ToggleCountry(cc("AZ")))
            .reduce(Action::ToggleCountry(cc("PK")))
            .reduce(Action::SetQuery("peace talks".into()))
            .reduce(Action::SetView(View::Matrix));
        assert_eq!(s.to_query(), "q=peace+talks&c=AZ,PK&v=matrix");
    }

    fn notices_for(q: &str) -> Vec<String> {
        ViewState::from_query(q)
            .1
            .into_iter()
            .map(|n| format!("{}: {}", n.key, n.message))
            .collect()
    }

    #[test]
    fn tampered_urls_give_notices_not_failures() {
        assert_eq!(notices_for("zzz=1"), ["zzz: unknown parameter ignored"]);
        assert_eq!(
            notices_for("c=AZ&c=PK"),
            ["c: repeated parameter: the first value is used"]
        );
        assert_eq!(
            notices_for("q=%E0%A4"),
            ["q: not valid UTF-8: the bad bytes were replaced"]
        );
        assert_eq!(
            notices_for("q=50%"),
            ["q: invalid percent-encoding, kept as typed"]
        );
        assert_eq!(
            notices_for("q=%zz"),
            ["q: invalid percent-encoding, kept as typed"]
        );
        assert_eq!(
            notices_for("mn=99999999999999999999"),
            ["mn: top-N must be between 2 and 500; using 500"]
        );
        assert_eq!(
            notices_for("mn=9000"),
            ["mn: top-N must be between 2 and 500; using 500"]
        );
        assert_eq!(notices_for("c=A1,AZ"), ["c: \"A1\" is not a country code"]);
        assert_eq!(
            notices_for("p=AZ-AZ"),
            ["p: a pair is two different country codes like AZ-PK"]
        );
        assert_eq!(
            notices_for("from=2024-13"),
            ["from: \"2024-13\" is not a date like 2024-07-15, 2024-07 or 2024"]
        );
        assert_eq!(
            notices_for("at=5"),
            ["at: position ignored without a document"]
        );
        assert_eq!(
            notices_for("mg=yes"),
            ["mg: organizations in the matrix must be 1 or 0"]
        );
        assert_eq!(
            notices_for("cell=AZ-org."),
            ["cell: a cell is two different country codes like AZ-PK, or a country and an organization like AZ-org.EU"]
        );
        assert_eq!(
            notices_for("cell=AZ-org.EU"),
            ["cell: a cell with an organization needs mg=1"]
        );
        let (s, _) = ViewState::from_query("c=AZ&c=PK");
        assert_eq!(s.countries, vec![cc("AZ")]);
    }

    /// The tampered links of issue 11, one row each: the state they open and the notice that
    /// names the problem (the browser suite opens the same links).
    #[test]
    fn tampered_links_open_with_a_notice_naming_the_problem() {
        let doc = "doc=a-document";
        for (query, want_notice, check) in [
            (
                "q=%zz",
                "q: invalid percent-encoding, kept as typed",
                (|s: &ViewState| s.query == "%zz") as fn(&ViewState) -> bool,
            ),
            (
                "q=%E0%A4%A",
                "q: invalid percent-encoding, kept as typed, and not valid UTF-8: the bad bytes were replaced",
                |s| s.query == "\u{FFFD}%A",
            ),
            (
                "q=%FF%FE",
                "q: not valid UTF-8: the bad bytes were replaced",
                |s| s.query == "\u{FFFD}\u{FFFD}",
            ),
            (
                "q=first&q=second",
                "q: repeated parameter: the first value is used",
                |s| s.query == "first",
            ),
            (
                "utm_source=mail",
                "utm_source: unknown parameter ignored",
                |s| *s == ViewState::default(),
            ),
            (
                "at=99999999999",
                "at: position 99999999999 is out of range",
                |s| s.at.is_none(),
            ),
            (
                "at=-1",
                "at: position -1 is out of range",
                |s| s.at.is_none(),
            ),
            (
                "mn=-5",
                "mn: top-N must be between 2 and 500; using 2",
                |s| s.matrix.top_n == Some(2),
            ),
            (
                "mn=-99999999999999999999",
                "mn: top-N must be between 2 and 500; using 2",
                |s| s.matrix.top_n == Some(2),
            ),
            (
                "mn=many",
                "mn: top-N must be a number or all",
                |s| s.matrix.top_n == Some(DEFAULT_TOP_N),
            ),
            (
                "from=2020-13",
                "from: \"2020-13\" is not a date like 2024-07-15, 2024-07 or 2024",
                |s| s.date_from.is_none(),
            ),
            (
                "to=2023-02-30",
                "to: \"2023-02-30\" is not a date like 2024-07-15, 2024-07 or 2024",
                |s| s.date_to.is_none(),
            ),
        ] {
            let (state, notices) = ViewState::from_query(query);
            let notices: Vec<String> = notices
                .into_iter()
                .map(|n| format!("{}: {}", n.key, n.message))
                .collect();
            assert_eq!(notices, [want_notice], "{query}");
            assert!(check(&state), "{query}: {state:?}");
        }
        // In range with a document: no notice, the position is kept.
        let (s, notices) = ViewState::from_query(&format!("{doc}&at=4294967295"));
        assert_eq!((s.at, notices), (Some(u32::MAX), vec![]));
        let (s, notices) = ViewState::from_query(&format!("{doc}&at=4294967296"));
        assert_eq!(s.at, None);
        assert_eq!(notices[0].message, "position 4294967296 is out of range");
    }

    #[test]
    fn oversized_urls_are_cut() {
        let long = "a".repeat(100_000);
        let (s, notices) = ViewState::from_query(&format!("q={long}"));
        assert_eq!(s.query.len(), MAX_QUERY_LEN);
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].message, "search text was cut to 1000 characters");
        let many: Vec<String> = (0..5000).map(|i| format!("k{i}=1")).collect();
        let (_, notices) = ViewState::from_query(&many.join("&"));
        assert!(notices.len() <= 20);
        let codes: Vec<String> = (0..26 * 26)
            .map(|i| {
                format!(
                    "{}{}",
                    (b'A' + (i / 26) as u8) as char,
                    (b'A' + (i % 26) as u8) as char
                )
            })
            .collect();
        let (s, _) = ViewState::from_query(&format!("c={}", codes.join(",")));
        assert_eq!(s.countries.len(), MAX_LIST_LEN);
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn decoding_never_panics_and_reencoding_is_stable(q in ".{0,300}") {
            let (s, _) = ViewState::from_query(&q);
            let again = s.to_query();
            let (s2, notices) = ViewState::from_query(&again);
            prop_assert_eq!(&s2, &s);
            prop_assert!(notices.is_empty(), "{:?} from {:?}", notices, again);
        }

        #[test]
        fn decoding_key_value_soup_is_stable(parts in proptest::collection::vec(("(q|c|cm|p|o|t|s|src|from|to|fk|v|mw|mt|ms|mo|mn|mg|cell|fs|doc|at|corpus|x)", "[A-Za-z0-9,%+\\-*. ]{0,12}"), 0..12)) {
            let q: Vec<String> = parts.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let (s, _) = ViewState::from_query(&q.join("&"));
            let (s2, notices) = ViewState::from_query(&s.to_query());
            prop_assert_eq!(s2, s);
            prop_assert!(notices.is_empty());
        }
    }
}
