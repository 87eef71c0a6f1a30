//! One article, line by line: the header zone (headline, date lines, bylines, breadcrumbs, share
//! prompts, letterheads), the body (with furniture such as page numbers and cue lines set aside),
//! the trailing site furniture (vote counts, source counters, domain lines, tag lists), and the
//! lead (a source credit glued to the first paragraph, a dateline).
//!
//! Everything set aside goes to [`Removed`] with a reason; every metadata value found is recorded
//! in [`Meta`]. The article text itself is a list of [`Unit`]s (lines) that
//! [`segment`](super::segment) later joins into paragraphs.

use super::dates::{dateline, find_date, single_token_date};
use super::lexicon::lexicons;
use super::shapes::*;
use crate::model::{PartialDate, Removed};
use crate::text::fold;

/// Priorities of the ways a source is found: a lower number wins.
pub(crate) mod source_priority {
    /// A credit glued to the lead ("(MENAFN - Trend News Agency)"), a `Source:` line, an agency
    /// in a dateline.
    pub(crate) const CREDIT: u8 = 1;
    /// An organization's letterhead ("CENTER OF ANALYSIS OF …").
    pub(crate) const LETTERHEAD: u8 = 2;
    /// A "Follow X on" prompt.
    pub(crate) const FOLLOW: u8 = 3;
    /// A bare domain line in the site furniture ("apa.az").
    pub(crate) const DOMAIN: u8 = 4;
}

/// Metadata found in an article, before origins are attached.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Meta {
    /// The headline, cleaned (section numeral and genre tag removed).
    pub title: Option<String>,
    pub date: Option<PartialDate>,
    /// The source with the priority of how it was found.
    pub source: Option<(u8, String)>,
    pub author: Option<String>,
    pub category: Option<String>,
    pub place: Option<String>,
    pub url: Option<String>,
}

impl Meta {
    /// Offers a source; it is kept if no better one is known.
    pub(super) fn offer_source(&mut self, priority: u8, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        if self.source.as_ref().is_none_or(|(p, _)| priority < *p) {
            self.source = Some((priority, value.to_string()));
        }
    }

    /// Fills the fields this one lacks from `other` (a publication's metadata for its sections).
    pub(super) fn inherit(&mut self, other: &Meta) {
        if self.date.is_none() {
            self.date = other.date;
        }
        if let Some((p, s)) = &other.source {
            self.offer_source(*p, s);
        }
        for (mine, theirs) in [
            (&mut self.author, &other.author),
            (&mut self.category, &other.category),
            (&mut self.place, &other.place),
            (&mut self.url, &other.url),
        ] {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
    }
}

/// What a unit of article text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// The headline (a paragraph of its own).
    Title,
    /// A line of prose or a sub-heading.
    Text,
    /// A list item (`- …`).
    Item,
}

/// A line of article text, borrowed from the normalized input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unit<'a> {
    pub text: &'a str,
    pub kind: UnitKind,
    /// The block (a run of lines without a blank line between them) the line belongs to.
    pub block: u32,
}

/// An article being parsed.
#[derive(Clone, Debug, Default)]
pub(crate) struct Draft<'a> {
    pub meta: Meta,
    pub units: Vec<Unit<'a>>,
    pub removed: Vec<Removed>,
    pub warnings: Vec<String>,
    /// The current block number, bumped at every blank line.
    block: u32,
}

impl<'a> Draft<'a> {
    pub(super) fn remove(&mut self, text: &str, reason: &str) {
        // Consecutive lines removed for the same reason are kept together.
        if let Some(last) = self.removed.last_mut() {
            if last.reason == reason {
                last.text.push('\n');
                last.text.push_str(text);
                return;
            }
        }
        self.removed.push(Removed {
            text: text.to_string(),
            reason: reason.to_string(),
        });
    }

    fn push(&mut self, text: &'a str, kind: UnitKind) {
        let block = self.block;
        self.units.push(Unit { text, kind, block });
    }

    /// Starts a new block (after a blank line, or around a headline).
    fn new_block(&mut self) {
        self.block += 1;
    }
}

/// Parses a single article from its lines.
pub(crate) fn single<'a>(lines: &[&'a str]) -> Draft<'a> {
    let mut draft = Draft::default();
    let body = scan_header(lines, &mut draft, None);
    scan_body(lines, body, &mut draft);
    read_lead(&mut draft);
    draft
}

/// Parses a section of a publication: its heading line, then its own header zone and body.
pub(crate) fn section<'a>(heading: &'a str, lines: &[&'a str]) -> Draft<'a> {
    let mut draft = Draft::default();
    let heading = heading.trim();
    let title = strip_numeral(heading).map_or(heading, |(_, _, t)| t);
    draft.meta.title = Some(clean_title(title, &mut draft.meta));
    draft.push(heading, UnitKind::Title);
    draft.new_block();
    let body = scan_header(lines, &mut draft, Some(heading));
    scan_body(lines, body, &mut draft);
    read_lead(&mut draft);
    draft
}

/// Parses a publication's header (the lines above its table of contents) for the metadata its
/// sections share; all its lines are set aside.
pub(crate) fn publication_header(lines: &[&str]) -> Draft<'static> {
    let mut draft = Draft::default();
    let body = scan_header(lines, &mut draft, None);
    let mut owned = Draft {
        meta: draft.meta.clone(),
        removed: std::mem::take(&mut draft.removed),
        warnings: std::mem::take(&mut draft.warnings),
        units: Vec::new(),
        block: 0,
    };
    // The publication's own headline is not any section's title.
    owned.meta.title = None;
    for unit in &draft.units {
        owned.remove(unit.text, "publication header");
    }
    for line in &lines[body..] {
        if !line.trim().is_empty() {
            owned.remove(line.trim(), "publication header");
        }
    }
    owned
}

/// Scans the header zone (the lines above the first paragraph of prose) and returns the index of
/// the first body line. `heading` is the section heading when the title is already known.
fn scan_header<'a>(lines: &[&'a str], draft: &mut Draft<'a>, heading: Option<&str>) -> usize {
    let lex = lexicons();
    let mut title_key = heading.map(|h| fold(h.trim()));
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.is_empty() {
            draft.new_block();
            i += 1;
            continue;
        }
        let short = word_count(line, MAX_CUE_WORDS) <= MAX_CUE_WORDS && line.len() <= 160;

        // A date line, possibly with text glued after the date: " date 2025-12-05 MENAFN - …".
        if let Some((date, rest)) = date_prefix(line) {
            if draft.meta.date.is_none() {
                draft.meta.date = Some(date);
            }
            let rest = rest.trim();
            // A time or a few words after the date ("| 14:35", "10:00 GMT") belong to it.
            if is_date_line(rest) && !is_body_like(rest) {
                draft.remove(line, "date line");
                i += 1;
                continue;
            }
            draft.remove(&line[..line.len() - rest.len()], "date line");
            if is_body_like(rest) {
                draft.push(rest, UnitKind::Text);
                return i + 1;
            }
            if !rest.is_empty() {
                // A headline of another story sharing the date line.
                draft.remove(rest, "promotion");
            }
            i += 1;
            continue;
        }
        if is_separator(line) {
            draft.remove(line, "separator");
            i += 1;
            continue;
        }
        if short {
            if let Some(reason) = lex.cue(line) {
                if let Some(name) = follow_target(line) {
                    draft.meta.offer_source(source_priority::FOLLOW, name);
                }
                draft.remove(line, reason);
                i += 1;
                continue;
            }
        }
        if is_url(line) {
            draft.meta.url.get_or_insert_with(|| line.to_string());
            draft.remove(line, "url");
            i += 1;
            continue;
        }
        // "By Amina Bello | 3 March 2025": metadata fields side by side.
        if short && metadata_fields(line, &mut draft.meta) {
            draft.remove(line, "byline");
            i += 1;
            continue;
        }
        if short {
            if let Some(name) = lex.strip_label(&lex.author_labels, line) {
                if is_name_list(name) {
                    draft.meta.author.get_or_insert_with(|| name.to_string());
                    draft.remove(line, "byline");
                    i += 1;
                    continue;
                }
            }
            if let Some(name) = lex.strip_label(&lex.source_labels, line) {
                if is_source_name(name) {
                    draft.meta.offer_source(source_priority::CREDIT, name);
                    draft.remove(line, "source line");
                    i += 1;
                    continue;
                }
            }
            if is_date_line(line) {
                if let Some((date, start, _)) = find_date(line, false) {
                    if draft.meta.date.is_none() {
                        draft.meta.date = Some(date);
                    }
                    if let Some(place) = place_before_date(&line[..start]) {
                        draft.meta.place.get_or_insert_with(|| place.to_string());
                    }
                    draft.remove(line, "date line");
                    i += 1;
                    continue;
                }
            }
        }
        if let Some((n, last)) = breadcrumbs(&lines[i..], title_key.is_none()) {
            let crumbs: Vec<&str> = lines[i..i + n].iter().map(|l| l.trim()).collect();
            if !lex.home_words.contains(&fold(last)) {
                draft.meta.category.get_or_insert_with(|| last.to_string());
            }
            draft.remove(&crumbs.join("\n"), "navigation");
            i += n;
            continue;
        }
        if line.len() <= 12 && line.chars().count() <= 3 && lex.languages.contains(&fold(line)) {
            draft.remove(line, "language marker");
            i += 1;
            continue;
        }
        // A byline printed twice ("Ali Gasimov" / "Ali Gasimov"), as author pages often do.
        if is_name_shaped(line) {
            let next = lines[i + 1..]
                .iter()
                .map(|l| l.trim())
                .find(|l| !l.is_empty());
            if next == Some(line) {
                draft.meta.author.get_or_insert_with(|| line.to_string());
                let mut j = i + 1;
                while j < lines.len() && (lines[j].trim().is_empty() || lines[j].trim() == line) {
                    j += 1;
                }
                let repeated: Vec<&str> = lines[i..j]
                    .iter()
                    .map(|l| l.trim())
                    .filter(|l| !l.is_empty())
                    .collect();
                draft.remove(&repeated.join("\n"), "byline");
                i = j;
                continue;
            }
        }
        if is_all_caps(line) && is_heading_shaped(line) {
            let folded = fold(line);
            if lex.genres.contains(folded.as_str()) {
                draft.meta.category.get_or_insert_with(|| title_case(line));
                draft.remove(line, "publication header");
                i += 1;
                continue;
            }
            if folded
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| lex.organization_words.contains(w))
            {
                draft
                    .meta
                    .offer_source(source_priority::LETTERHEAD, &title_case(line));
                draft.remove(line, "publication header");
                i += 1;
                continue;
            }
        }
        if is_digits(line) || is_counter(line) && line.len() <= 12 {
            draft.remove(line, "counter");
            i += 1;
            continue;
        }
        if is_body_like(line) {
            return i;
        }
        if is_heading_shaped(line) && word_count(line, 2) >= 2 {
            // A line that runs on into the next one is the start of hard-wrapped prose.
            if lines
                .get(i + 1)
                .is_some_and(|next| runs_on(line, next.trim()))
            {
                return i;
            }
            let key = fold(line);
            match &title_key {
                None => {
                    draft.meta.title = Some(clean_title(line, &mut draft.meta));
                    draft.new_block();
                    draft.push(line, UnitKind::Title);
                    draft.new_block();
                    title_key = Some(key);
                }
                Some(t) if *t == key || strip_numeral_key(t) == key => {
                    draft.remove(line, "repeated headline")
                }
                // A second heading above the body: a subtitle, kept as text.
                Some(_) => draft.push(line, UnitKind::Text),
            }
            i += 1;
            continue;
        }
        if word_count(line, 1) == 1 && is_heading_shaped(line) {
            // A lone word above the headline or body: a kicker or a menu item.
            draft.remove(line, "header furniture");
            i += 1;
            continue;
        }
        // A short finished sentence (a standfirst): article text.
        return i;
    }
    lines.len()
}

/// Reads a line of metadata fields side by side ("By Amina Bello | 3 March 2025", "Jane Doe ·
/// 12 May 2024 · Reuters") into `meta`, when every field is an author, a date or a source.
fn metadata_fields(line: &str, meta: &mut Meta) -> bool {
    let lex = lexicons();
    let sep = [" | ", " · ", " • "].into_iter().find(|s| line.contains(s));
    let Some(sep) = sep else {
        return false;
    };
    let mut found = Meta::default();
    for part in line.split(sep).map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(name) = lex.strip_label(&lex.author_labels, part) {
            if !is_name_list(name) {
                return false;
            }
            found.author.get_or_insert_with(|| name.to_string());
        } else if let Some(name) = lex.strip_label(&lex.source_labels, part) {
            if !is_source_name(name) {
                return false;
            }
            found.offer_source(source_priority::CREDIT, name);
        } else if let Some((date, _, _)) = find_date(part, false).filter(|_| is_date_line(part)) {
            found.date.get_or_insert(date);
        } else if is_name_shaped(part) && found.author.is_none() {
            found.author = Some(part.to_string());
        } else {
            return false;
        }
    }
    if found.author.is_none() && found.date.is_none() {
        return false;
    }
    if meta.author.is_none() {
        meta.author = found.author;
    }
    if meta.date.is_none() {
        meta.date = found.date;
    }
    if let Some((p, s)) = found.source {
        meta.offer_source(p, &s);
    }
    true
}

/// The place that opens a date line ("Tbilisi, 12 September 2024"): one to three capitalized
/// words before a comma. `head` is the line up to the date.
fn place_before_date(head: &str) -> Option<&str> {
    let place = head.trim_end().strip_suffix(',')?.trim();
    let words = word_count(place, 3);
    ((1..=3).contains(&words)
        && place.split(' ').all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
        }))
    .then_some(place)
}

/// Whether `line` visibly continues on the `next` line of the same block: it ends with a function
/// word ("…met in") or the next line starts in lowercase.
fn runs_on(line: &str, next: &str) -> bool {
    if next.is_empty() || ends_terminal(line) {
        return false;
    }
    let last = line.rsplit(' ').next().unwrap_or("");
    next.starts_with(|c: char| c.is_lowercase()) || lexicons().function_words.contains(last)
}

/// The folded heading without its section numeral.
fn strip_numeral_key(key: &str) -> String {
    strip_numeral(key).map_or_else(|| key.to_string(), |(_, _, t)| t.to_string())
}

/// Scans the body, `lines[from..]`: prose and list items become units; separators, page numbers
/// and cue lines are set aside, and so is the site furniture that trails the article.
fn scan_body<'a>(lines: &[&'a str], from: usize, draft: &mut Draft<'a>) {
    let tail = trailing_furniture(lines, from);
    draft.new_block();
    for raw in &lines[from..tail] {
        let line = raw.trim();
        if line.is_empty() {
            draft.new_block();
            continue;
        }
        if is_separator(line) {
            draft.remove(line, "separator");
            continue;
        }
        if is_digits(line) {
            draft.remove(line, "page number");
            continue;
        }
        if let Some(reason) = cue(line) {
            if let Some(name) = follow_target(line) {
                draft.meta.offer_source(source_priority::FOLLOW, name);
            }
            draft.remove(line, reason);
            continue;
        }
        let kind = if strip_list_marker(line).is_some() {
            UnitKind::Item
        } else {
            UnitKind::Text
        };
        draft.push(line, kind);
    }
    for raw in &lines[tail..] {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let lex = lexicons();
        if is_domain(line) {
            draft.meta.offer_source(source_priority::DOMAIN, line);
        } else if let Some(name) = lex.strip_label(&lex.source_labels, line) {
            if is_source_name(name) {
                draft.meta.offer_source(source_priority::CREDIT, name);
            }
        } else if is_url(line) && draft.meta.url.is_none() {
            draft.meta.url = Some(line.to_string());
        }
        let reason = cue(line).unwrap_or("site furniture");
        draft.remove(line, reason);
    }
}

/// The reason of the boilerplate cue a short line matches.
fn cue(line: &str) -> Option<&'static str> {
    (line.len() <= 160 && word_count(line, MAX_CUE_WORDS) <= MAX_CUE_WORDS)
        .then(|| lexicons().cue(line))
        .flatten()
}

/// Whether a line at the end of an article is site furniture rather than text: a cue line, a
/// counter, a domain or URL, a separator, or a line of one to three words without final
/// punctuation ("Seçilən", a tag).
fn is_trailing_furniture(line: &str) -> bool {
    is_separator(line)
        || is_digits(line)
        || is_counter(line)
        || is_domain(line)
        || is_url(line)
        || cue(line).is_some()
        || (line.len() <= 40 && word_count(line, 3) <= 3 && !ends_terminal(line))
}

/// The index where the trailing site furniture of `lines[from..]` starts (`lines.len()` if none).
fn trailing_furniture(lines: &[&str], from: usize) -> usize {
    let mut tail = lines.len();
    while tail > from {
        let line = lines[tail - 1].trim();
        if !line.is_empty() && !is_trailing_furniture(line) {
            break;
        }
        tail -= 1;
    }
    // Blank lines before the furniture stay with the body.
    while tail < lines.len() && lines[tail].trim().is_empty() {
        tail += 1;
    }
    tail
}

/// Reads the lead (the first paragraph of prose): a source credit glued to its start, then a
/// dateline.
fn read_lead(draft: &mut Draft<'_>) {
    let Some(idx) = draft.units.iter().position(|u| u.kind == UnitKind::Text) else {
        return;
    };
    let text = draft.units[idx].text;
    if let Some((credit, consumed)) = source_credit(text) {
        // "MENAFN - Trend News Agency": a distributor, then the source.
        let source = credit
            .rsplit_once(" - ")
            .or_else(|| credit.rsplit_once(" – "))
            .map_or(credit, |(_, s)| s);
        // "MENAFN- AzerNews": a distributor in capitals glued to its dash.
        let source = match source.split_once(['-', '–']) {
            Some((left, right))
                if left.len() >= 2
                    && left.chars().all(|c| c.is_ascii_uppercase())
                    && !right.trim().is_empty() =>
            {
                right.trim()
            }
            _ => source,
        };
        draft.meta.offer_source(source_priority::CREDIT, source);
        draft.remove(text[..consumed].trim(), "source credit");
        let rest = text[consumed..].trim_start();
        if rest.is_empty() {
            draft.units.remove(idx);
            return;
        }
        draft.units[idx].text = rest;
    }
    if let Some(d) = dateline(draft.units[idx].text) {
        draft.meta.place.get_or_insert(d.place);
        if draft.meta.date.is_none() {
            draft.meta.date = d.date;
        }
        if let Some(agency) = d.agency {
            draft.meta.offer_source(source_priority::CREDIT, &agency);
        }
    }
}

/// A source credit at the very start of a lead: "(MENAFN - Trend News Agency) For many…", or the
/// same with its opening bracket lost ("MENAFN - Trend News Agency)For many…"). Returns the credit
/// and the bytes it takes, with the space after it.
fn source_credit(text: &str) -> Option<(&str, usize)> {
    let mut head_len = text.len().min(100);
    while !text.is_char_boundary(head_len) {
        head_len -= 1;
    }
    let head = &text[..head_len];
    let opened = head.starts_with('(');
    let inner_start = usize::from(opened);
    let close = head.find(')')?;
    let inner = head[inner_start..close].trim();
    if inner.contains('(') || inner.is_empty() || inner.len() > 70 {
        return None;
    }
    if !inner.starts_with(|c: char| c.is_uppercase()) || word_count(inner, 8) > 8 {
        return None;
    }
    // Without its opening bracket, a credit must look like one: a distributor and a source joined
    // by a dash ("MENAFN - Trend"), or a name glued to the next word.
    let after = &text[close + 1..];
    if !opened {
        let glued = after.starts_with(|c: char| c.is_uppercase());
        if !(inner.contains(" - ") || inner.contains(" – ") || glued) {
            return None;
        }
    }
    let mut consumed = close + 1;
    let rest = &text[consumed..];
    let trimmed = rest.trim_start();
    // "(Reuters) - The…": the dash after a credit goes with it.
    let after_dash = trimmed
        .strip_prefix("- ")
        .or_else(|| trimmed.strip_prefix("– "))
        .or_else(|| trimmed.strip_prefix("— "));
    consumed += rest.len() - after_dash.unwrap_or(trimmed).len();
    Some((inner, consumed))
}

/// "Follow Trend on" → "Trend"; "Follow us on X" → none.
fn follow_target(line: &str) -> Option<&str> {
    let rest = line
        .get(..7)
        .filter(|p| p.eq_ignore_ascii_case("follow "))
        .map(|_| &line[7..])?;
    let name = rest
        .strip_suffix(" on")
        .or_else(|| rest.split_once(" on ").map(|(n, _)| n))?
        .trim();
    let ok = (1..=4).contains(&word_count(name, 4))
        && name.starts_with(|c: char| c.is_uppercase())
        && !["us", "me"].contains(&fold(name).as_str());
    ok.then_some(name)
}

/// A date at the start of a line, alone or after a label, with the text that follows it:
/// " date 2025-12-05 MENAFN - …", "Published: April 22, 2025", "2025-04-22 Other headline".
fn date_prefix(line: &str) -> Option<(PartialDate, &str)> {
    let lex = lexicons();
    let labelled = lex.strip_label(&lex.date_labels, line);
    let after = labelled.unwrap_or(line);
    let first_end = after.find(char::is_whitespace).unwrap_or(after.len());
    if let Some(date) = single_token_date(&after[..first_end]) {
        // Without a label only a full numeric date opens a date line: "2024 was a year" is prose.
        if labelled.is_some() || date.day.is_some() {
            return Some((date, &after[first_end..]));
        }
    }
    if labelled.is_some() {
        if let Some((date, 0, end)) = find_date(after, false) {
            return Some((date, &after[end..]));
        }
    }
    None
}

/// Whether a short line is a metadata line around a date ("Politics Materials 22 April 2025
/// 20:20 (UTC +04:00)", "JULY-2024") rather than a headline that mentions a date: at most four
/// words besides the date, time and time zone.
fn is_date_line(line: &str) -> bool {
    if line.len() > 120 || word_count(line, 16) > 16 {
        return false;
    }
    let lex = lexicons();
    let other_words = line
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .filter(|w| {
            lex.month(w).is_none() && !matches!(*w, "UTC" | "GMT" | "AM" | "PM" | "am" | "pm")
        })
        .count();
    other_words <= 4
}

/// The length of a breadcrumb run at the start of `lines`: "1. Home" / "2. Azerbaijan" /
/// "3. Politics" (numbered from one, each item a few words), or a single line "Home / World /
/// Politics". A numbered run counts when its first item is a home link, or when it comes before
/// any headline (`before_title`). Returns the number of lines and the last item.
fn breadcrumbs<'a>(lines: &[&'a str], before_title: bool) -> Option<(usize, &'a str)> {
    let lex = lexicons();
    let first = lines.first()?.trim();
    if first.len() <= 160 {
        for sep in [" / ", " > ", " » ", " | ", " › "] {
            let items: Vec<&str> = first.split(sep).collect();
            if items.len() >= 2
                && lex.home_words.contains(&fold(items[0].trim()))
                && items.iter().all(|i| word_count(i, 5) <= 5)
            {
                return Some((1, items[items.len() - 1].trim()));
            }
        }
    }
    let mut n = 0;
    for line in lines {
        let line = line.trim();
        match strip_numeral(line) {
            Some((num, false, item))
                if num as usize == n + 1
                    && is_heading_shaped(item)
                    && word_count(item, 4) <= 4
                    && line.len() <= 60 =>
            {
                n += 1
            }
            _ => break,
        }
    }
    if n < 2 {
        return None;
    }
    let home_first = lex.home_words.contains(&fold(crumb_item(first)));
    (home_first || before_title).then(|| (n, crumb_item(lines[n - 1].trim())))
}

/// The item of a breadcrumb line, without its number.
fn crumb_item(line: &str) -> &str {
    strip_numeral(line).map_or(line, |(_, _, t)| t)
}

/// Whether the value of a `Source:` line is a name ("Trend", "Ministry of Foreign Affairs",
/// "apa.az") rather than prose ("Via Baku, the pipeline reaches Europe").
fn is_source_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && word_count(s, 8) <= 8
        && !s.contains(',')
        && !ends_terminal(s)
        && s.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || is_domain(s))
}

/// Whether a byline value is one or more names ("Ali Gasimov", "A. Writer and B. Writer").
fn is_name_list(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && !ends_terminal(s)
        && s.split([',', '&']).flat_map(|p| p.split(" and ")).all(|p| {
            let p = p.trim();
            !p.is_empty() && word_count(p, 5) <= 5 && p.starts_with(|c: char| c.is_uppercase())
        })
}

/// The title as shown: a genre tag glued to a headline ("…development-ANALYSIS", "EXCLUSIVE: …")
/// goes to the category.
fn clean_title(line: &str, meta: &mut Meta) -> String {
    let lex = lexicons();
    let is_genre = |tag: &str| is_all_caps(tag) && lex.genres.contains(&fold(tag));
    let mut title = line.trim();
    // A tag after a dash or colon at the end.
    if let Some(pos) = title.rfind(['-', '–', '—', ':', '|']) {
        let tag = title[pos..]
            .trim_start_matches(['-', '–', '—', ':', '|'])
            .trim();
        let head = title[..pos].trim_end();
        if is_genre(tag) && !head.is_empty() {
            meta.category.get_or_insert_with(|| title_case(tag));
            title = head;
        }
    }
    // A tag before a colon at the start.
    if let Some((tag, rest)) = title.split_once(':') {
        let tag = tag.trim();
        if is_genre(tag) && !rest.trim().is_empty() {
            meta.category.get_or_insert_with(|| title_case(tag));
            title = rest.trim();
        }
    }
    title.to_string()
}
