//! Disambiguation: what a matched country form means in its context.
//!
//! Each candidate from the alias table is kept as a state reference, marked, or rejected, and the
//! reason is recorded (`Mention::note`, `Rejected::reason`). The rules read only the neighbouring
//! words and the shape of the line, so one pass stays linear:
//!
//! - look-alikes listed in the data ("New Mexico", "Indian Ocean") are rejected;
//! - a dateline at the start of a paragraph ("BAKU, Azerbaijan, February 25.") is a `Dateline`;
//! - Georgia and Washington are the US states after a US city ("Atlanta, Georgia") or next to
//!   "state of", "state", "governor", …;
//! - inside a proper name (`ProperName`): a place followed by a name word ("Paris Agreement",
//!   "Minsk Group", "Washington Post") or by any other capitalized word ("Baku International Sea
//!   Trade Port"), after a capitalized word that is not a title ("Royal Dutch Shell", "One China"),
//!   as "Gulf of Mexico"-style heads, a city before a facility noun ("Kabul airport"), and a chain
//!   of places joined by dashes before a route noun ("Baku–Tbilisi–Ceyhan pipeline");
//! - names that are also given names (Jordan, Chad) next to another name are people: rejected;
//! - a capital right after "in", "at", "near" … is a `Venue` ("signed in Washington"), as is a
//!   capital given with its country ("Astana, Kazakhstan"); otherwise it stands for its state
//!   ("tensions with Washington", "visit to Baku").
//!
//! These word-shape rules are switched off on title-case and all-caps lines, where every word is
//! capitalized and capitals say nothing.

use super::lexer::{sep_between, Sep, Token, HAS_LETTER};
use super::{Alias, CountryScan, Gazetteer, Kind, GIVEN_NAME, HISTORICAL, US_STATE};
use crate::model::{Document, Mention, MentionForm, MentionRole, Rejected};
use std::borrow::Cow;

/// What the rules decided for one candidate.
enum Decision {
    Keep(MentionForm, MentionRole, Option<&'static str>),
    Reject(&'static str),
    Skip,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Prose,
    TitleCase,
    AllCaps,
}

struct Cx<'a> {
    g: &'a Gazetteer,
    doc: &'a Document,
    text: &'a str,
    toks: &'a [Token],
}

pub(super) fn scan_tokens(g: &Gazetteer, doc: &Document, toks: &[Token]) -> CountryScan {
    let cx = Cx {
        g,
        doc,
        text: &doc.text,
        toks,
    };
    let mut out = CountryScan::default();
    let mut sentence = 0usize;
    let mut i = 0;
    while let Some((at, j, alias)) = g.aliases.next_capitalized(cx.text, toks, i) {
        i = at;
        let start = toks[i].start;
        let mut end = toks[j - 1].end;
        if alias.kind == Kind::Abbr {
            let raw = &cx.text[start as usize..end as usize];
            if raw != alias.text.trim_end_matches('.') {
                i += 1;
                continue;
            }
            if alias.text.ends_with('.') && cx.text.as_bytes().get(end as usize) == Some(&b'.') {
                end += 1;
            }
        }
        match decide(&cx, i, j, end, alias) {
            Decision::Keep(form, role, note) => {
                while sentence + 1 < doc.sentences.len() && doc.sentences[sentence].end <= start {
                    sentence += 1;
                }
                out.mentions.push(Mention {
                    start,
                    end,
                    sentence: sentence as u32,
                    code: alias.code,
                    form,
                    role,
                    note: note.map(Cow::Borrowed),
                });
            }
            Decision::Reject(reason) => out.rejected.push(Rejected {
                start,
                end,
                code: alias.code,
                reason: Cow::Borrowed(reason),
            }),
            Decision::Skip => {
                i += 1;
                continue;
            }
        }
        i = j;
    }
    out
}

fn decide(cx: &Cx, i: usize, j: usize, end: u32, alias: &Alias) -> Decision {
    let form = match alias.kind {
        Kind::Not => return Decision::Reject(alias.note.unwrap_or("not a country")),
        Kind::Prefix => {
            // "Sino-Russian": only before a hyphen.
            return if matches!(cx.text.as_bytes().get(end as usize), Some(b'-')) {
                Decision::Keep(MentionForm::Demonym, MentionRole::State, alias.note)
            } else {
                Decision::Skip
            };
        }
        Kind::Name => MentionForm::Name,
        Kind::Abbr => MentionForm::Abbreviation,
        Kind::Demonym => MentionForm::Demonym,
        Kind::Capital => MentionForm::Capital,
    };
    let base_role = if alias.flags & HISTORICAL != 0 {
        MentionRole::Historical
    } else {
        MentionRole::State
    };
    let keep = |role: MentionRole, note: Option<&'static str>| {
        Decision::Keep(form, role, note.or(alias.note))
    };

    if is_dateline(cx, i, alias) {
        return Decision::Keep(MentionForm::Dateline, base_role, alias.note);
    }
    let prev = cx.prev_word(i);
    let next = cx.next_word(j, end);

    if alias.kind == Kind::Abbr && alias.text == "US" {
        if let Some((p, _)) = prev {
            let t = &cx.toks[p];
            if t.is_all_upper() && cx.g.context.pronoun_before.contains(&t.hash) {
                return Decision::Reject("the pronoun \"us\" in capitals");
            }
        }
    }
    if alias.flags & US_STATE != 0 {
        if let Some(reason) = us_state(cx, i, prev, next) {
            return Decision::Reject(reason);
        }
    }

    // Word-shape rules: only where capital letters carry information. The line's shape is
    // read only when a capitalized word or "of" stands next to the match.
    let cap_next = |n: Option<(usize, Sep)>| matches!(n, Some((k, Sep::Space)) if cx.toks[k].is_capitalized() || cx.word(k) == "of");
    if (cap_next(prev) || cap_next(next)) && cx.shape(i) == Shape::Prose {
        if let Some(d) = proper_name_or_person(cx, prev, next, alias, form) {
            return d;
        }
    }
    if matches!(alias.kind, Kind::Name | Kind::Capital) {
        if let Some(note) = place_chain(cx, i, j, alias) {
            return keep(MentionRole::ProperName, Some(note));
        }
    }
    if alias.kind == Kind::Capital {
        if let Some((n, Sep::Space)) = next {
            let t = &cx.toks[n];
            if !t.is_capitalized() && cx.g.context.facility.contains(&t.hash) {
                return keep(
                    MentionRole::ProperName,
                    Some("a facility named after the city"),
                );
            }
        }
        if let Some(note) = venue(cx, j, prev, next, alias) {
            return keep(MentionRole::Venue, Some(note));
        }
    }
    keep(base_role, None)
}

fn proper_name_or_person(
    cx: &Cx,
    prev: Option<(usize, Sep)>,
    next: Option<(usize, Sep)>,
    alias: &Alias,
    form: MentionForm,
) -> Option<Decision> {
    let ctx = &cx.g.context;
    let given = alias.flags & GIVEN_NAME != 0;
    let place = matches!(alias.kind, Kind::Name | Kind::Capital);
    let proper =
        |note: &'static str| Some(Decision::Keep(form, MentionRole::ProperName, Some(note)));

    // A capitalized word before it: "Royal Dutch Shell", "One China", "Michael Jordan"; a name
    // head even at the start of a sentence ("Lake Chad").
    if let Some((p, Sep::Space)) = prev {
        let t = &cx.toks[p];
        if t.is_capitalized() && ctx.name_head.contains(&t.hash) {
            return proper("inside a proper name (after a name word)");
        }
        if t.is_capitalized()
            && !t.is_all_upper()
            && t.flags & HAS_LETTER != 0
            && !cx.starts_sentence(p)
            && !ctx.premodifier.contains(&t.hash)
            && !ctx.state_word.contains(&t.hash)
            && !cx.is_country_word(p)
        {
            if given && place {
                return Some(Decision::Reject("a person's name (after a given name)"));
            }
            return proper("inside a proper name (after a capitalized word)");
        }
    }
    // "Gulf of Mexico", "Bank of China", "University of Georgia".
    if let Some((p, Sep::Space)) = prev {
        if p >= 1 && cx.word(p) == "of" {
            if let Some((h, Sep::Space)) = cx.prev_word(p) {
                let t = &cx.toks[h];
                if t.is_capitalized() && ctx.name_head.contains(&t.hash) {
                    return proper("inside a proper name (… of the place)");
                }
            }
        }
    }
    // A capitalized word after it: "Paris Agreement", "Washington Post", "Jordan Peterson".
    if let Some((n, Sep::Space)) = next {
        let t = &cx.toks[n];
        if t.is_capitalized() && t.flags & HAS_LETTER != 0 && !cx.starts_sentence(n) {
            if ctx.state_word.contains(&t.hash) || cx.is_country_word(n) {
                return None;
            }
            if ctx.name_head.contains(&t.hash) {
                return proper("inside a proper name (a name word follows)");
            }
            if given && place && !t.is_all_upper() {
                return Some(Decision::Reject("a person's name (a surname follows)"));
            }
            if place {
                return proper("inside a proper name (a capitalized word follows)");
            }
        }
    }
    None
}

/// Georgia or Washington as a US state.
fn us_state(
    cx: &Cx,
    i: usize,
    prev: Option<(usize, Sep)>,
    next: Option<(usize, Sep)>,
) -> Option<&'static str> {
    let ctx = &cx.g.context;
    if let Some((p, Sep::Space)) = prev {
        if p >= 1 {
            if let Some((pp, Sep::Space)) = cx.prev_word(p) {
                if ctx.us_before.contains(&(cx.toks[pp].hash, cx.toks[p].hash)) {
                    return Some("US state (\"state of …\")");
                }
            }
        }
    }
    if let Some((n, sep)) = next {
        if matches!(sep, Sep::Space | Sep::Hyphen | Sep::DotSpace)
            && ctx.us_after.contains(&cx.toks[n].hash)
            && !(cx.toks[n].is_capitalized() && cx.word(n).eq_ignore_ascii_case("state"))
        {
            return Some("US state (\"… state\", \"governor\")");
        }
        // "Georgia, USA", "Washington, U.S."
        let gap = cx.gap(i, n);
        if gap.trim() == "," && matches!(cx.word(n), "US" | "U" | "USA") {
            return Some("US state (\", USA\")");
        }
    }
    // "Atlanta, Georgia", "Seattle, Washington".
    if i >= 1 {
        let p = i - 1;
        if cx.gap(p, i).trim() == "," && ctx.us_city.contains(&cx.toks[p].hash) {
            return Some("US state (after a US city)");
        }
    }
    None
}

/// A dateline at the start of a paragraph: "BAKU, Azerbaijan, February 25." or "BAKU –".
fn is_dateline(cx: &Cx, i: usize, alias: &Alias) -> bool {
    let t = &cx.toks[i];
    if alias.kind == Kind::Capital && cx.paragraph_first(i) && t.is_all_upper() && t.len() > 2 {
        let rest = &cx.text[t.end as usize..];
        let rest = rest.trim_start_matches(' ');
        return rest.starts_with(',')
            || rest.starts_with('–')
            || rest.starts_with('—')
            || rest.starts_with("- ")
            || rest.starts_with('/')
            || rest.starts_with('(');
    }
    // The country after the city: "BAKU, Azerbaijan".
    if i >= 1 && matches!(alias.kind, Kind::Name | Kind::Abbr) {
        let p = i - 1;
        let pt = &cx.toks[p];
        let city = match cx.g.aliases.longest_at(cx.text, cx.toks, p) {
            Some((_, a)) => a.kind == Kind::Capital,
            None => true,
        };
        return city
            && cx.paragraph_first(p)
            && pt.is_all_upper()
            && pt.len() > 2
            && cx.gap(p, i) == ", ";
    }
    false
}

/// A chain of places joined by dashes before a route or facility noun: "Baku–Tbilisi–Ceyhan
/// (BTC) oil pipeline", "Baku-Tbilisi-Kars railway". A chain of country names ("the
/// Azerbaijan-Pakistan-Türkiye partnership") is not a route name.
fn place_chain(cx: &Cx, i: usize, j: usize, alias: &Alias) -> Option<&'static str> {
    let is_dash = |gap: &str| matches!(gap.trim(), "-" | "–" | "—" | "‑" | "‐");
    let mut first = i;
    while first >= 1 && is_dash(cx.gap(first - 1, first)) && cx.toks[first - 1].is_capitalized() {
        first -= 1;
        if i - first > 6 {
            return None;
        }
    }
    let mut last = j - 1;
    while last + 1 < cx.toks.len()
        && is_dash(cx.gap(last, last + 1))
        && cx.toks[last + 1].is_capitalized()
    {
        last += 1;
        if last - i > 6 {
            return None;
        }
    }
    if first == i && last == j - 1 {
        return None;
    }
    // The chain must hold a city or an unknown place, not only country names.
    let mut has_city = alias.kind == Kind::Capital;
    for k in first..=last {
        if k >= i && k < j {
            continue;
        }
        match cx.g.aliases.longest_at(cx.text, cx.toks, k) {
            Some((_, a)) if a.kind == Kind::Name || a.kind == Kind::Demonym => {}
            Some((_, a)) if a.kind == Kind::Abbr => {}
            _ => {
                if !cx.toks[k].is_all_upper() {
                    has_city = true;
                }
            }
        }
    }
    if !has_city {
        return None;
    }
    // After the chain: an optional "(BTC)", up to two lowercase modifiers, then the noun.
    let mut k = last + 1;
    let mut modifiers = 0;
    while k < cx.toks.len() && modifiers < 4 {
        let gap = cx.gap(k - 1, k);
        if gap.contains(['.', ',', ';', ':', '\n']) {
            return None;
        }
        let t = &cx.toks[k];
        if gap.trim_end().ends_with('(') && t.is_all_upper() {
            k += 1;
            continue;
        }
        if cx.g.context.facility.contains(&t.hash) {
            return Some("inside a route or facility name (a chain of places)");
        }
        if t.is_capitalized() {
            return None;
        }
        modifiers += 1;
        k += 1;
    }
    None
}

/// A capital named as the place where something happens.
fn venue(
    cx: &Cx,
    j: usize,
    prev: Option<(usize, Sep)>,
    next: Option<(usize, Sep)>,
    alias: &Alias,
) -> Option<&'static str> {
    // "Baku's position": a possessive is an actor, whatever precedes it.
    if let Some((n, Sep::Apos)) = next {
        if cx.word(n).eq_ignore_ascii_case("s") {
            return None;
        }
    }
    // "a Paris-based group": a place.
    if let Some((n, Sep::Hyphen)) = next {
        if matches!(cx.word(n), "based" | "headquartered") {
            return Some("a venue (a \"-based\" compound)");
        }
    }
    if let Some((p, Sep::Space)) = prev {
        // "trust in Baku", "investment in Baku": the noun takes "in", the city is no place;
        // "arrived in Baku": the destination of a visit stands for the state.
        let complement = matches!(cx.prev_word(p), Some((q, Sep::Space))
            if cx.g.context.complement_in.contains(&cx.toks[q].hash)
                || cx.g.context.visit.contains(&cx.toks[q].hash));
        if cx.g.context.venue_prep.contains(&cx.toks[p].hash) && !complement {
            return Some("a venue (a city where something takes place)");
        }
    }
    // "Astana, Kazakhstan": a city given with its country is a place.
    if j < cx.toks.len() && cx.gap(j - 1, j) == ", " {
        if let Some((_, a)) = cx.g.aliases.longest_at(cx.text, cx.toks, j) {
            if a.code == alias.code && a.kind == Kind::Name {
                return Some("a venue (a city given with its country)");
            }
        }
    }
    None
}

impl Cx<'_> {
    fn word(&self, k: usize) -> &str {
        let t = &self.toks[k];
        &self.text[t.start as usize..t.end as usize]
    }

    fn gap(&self, a: usize, b: usize) -> &str {
        self.text
            .get(self.toks[a].end as usize..self.toks[b].start as usize)
            .unwrap_or("")
    }

    /// The word before word `i` and how it is joined to it.
    fn prev_word(&self, i: usize) -> Option<(usize, Sep)> {
        (i >= 1).then(|| {
            (
                i - 1,
                sep_between(self.text, &self.toks[i - 1], &self.toks[i]),
            )
        })
    }

    /// The word after a match ending at byte `end` (word `j` is the first after it).
    fn next_word(&self, j: usize, end: u32) -> Option<(usize, Sep)> {
        let t = self.toks.get(j)?;
        let gap = self.text.get(end as usize..t.start as usize)?;
        Some((j, super::lexer::sep_of(gap)))
    }

    /// Whether word `k` begins a sentence (so its capital letter says nothing).
    fn starts_sentence(&self, k: usize) -> bool {
        if k == 0 {
            return true;
        }
        let gap = self.gap(k - 1, k);
        if gap.contains(['.', '!', '?', ':', '\n', '•', '|']) {
            return true;
        }
        let a = self.doc.sentence_at(self.toks[k - 1].start);
        let b = self.doc.sentence_at(self.toks[k].start);
        a != b
    }

    /// Whether word `k` is the first word of its paragraph.
    fn paragraph_first(&self, k: usize) -> bool {
        let start = self.toks[k].start;
        if k == 0 {
            return true;
        }
        let ps = &self.doc.paragraphs;
        let idx = ps.partition_point(|p| p.end <= start);
        match ps.get(idx) {
            Some(p) if p.start <= start => self.toks[k - 1].end <= p.start,
            // Without paragraphs, a blank line marks a paragraph start.
            _ => self.gap(k - 1, k).contains("\n\n"),
        }
    }

    /// Whether word `k` alone is a country form (so "Soviet Armenia" or "Azerbaijan Pakistan"
    /// are two references, not a name).
    fn is_country_word(&self, k: usize) -> bool {
        matches!(
            self.g.aliases.longest_at(self.text, self.toks, k),
            Some((_, a)) if a.kind != Kind::Not
        )
    }

    /// The shape of the line around word `i` (bounded, so long lines stay cheap).
    fn shape(&self, i: usize) -> Shape {
        let mut lo = i;
        while lo > 0 && i - lo < 24 && !self.gap(lo - 1, lo).contains('\n') {
            lo -= 1;
        }
        let mut hi = i;
        while hi + 1 < self.toks.len() && hi - i < 24 && !self.gap(hi, hi + 1).contains('\n') {
            hi += 1;
        }
        let (mut long, mut long_caps, mut words, mut upper) = (0, 0, 0, 0);
        for t in &self.toks[lo..=hi] {
            if t.flags & HAS_LETTER == 0 {
                continue;
            }
            words += 1;
            if t.is_all_upper() && t.len() > 1 {
                upper += 1;
            }
            if t.len() >= 3 {
                long += 1;
                if t.is_capitalized() {
                    long_caps += 1;
                }
            }
        }
        if words >= 3 && upper * 10 >= words * 8 {
            Shape::AllCaps
        } else if long >= 3 && long_caps * 10 >= long * 8 {
            Shape::TitleCase
        } else {
            Shape::Prose
        }
    }
}
