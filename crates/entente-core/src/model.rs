//! The document model: what a parsed article is, and the plain-data vocabulary (country codes,
//! topics, stances, figure kinds) that every analysis and the UI share.
//!
//! Offsets are byte offsets into [`Document::text`], the cleaned article text, stored as `u32` to
//! keep the in-memory corpus compact (a single document is never 4 GiB).

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// A corpus: a named list of parsed documents, the value the app is given (embedded at build time,
/// imported in the browser, or inlined in a saved single file).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// A human name for the corpus ("Seed corpus", a folder name, …).
    pub name: String,
    /// The documents, in a stable order (by source file, then section).
    pub documents: Vec<Document>,
}

/// Where a metadata value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Given explicitly in the file's front matter (or an import's column).
    FrontMatter,
    /// Detected from the shape of the text (a date line, a headline, a dateline, …).
    Detected,
    /// Derived by entente when nothing was given or detected (a title from the lead sentence).
    Derived,
}

/// A metadata string with its origin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// The value as shown to the user.
    pub value: String,
    /// Where it came from.
    pub origin: Origin,
}

impl Field {
    /// A detected value.
    pub fn detected(value: impl Into<String>) -> Self {
        Field {
            value: value.into(),
            origin: Origin::Detected,
        }
    }
    /// A value given in front matter.
    pub fn front_matter(value: impl Into<String>) -> Self {
        Field {
            value: value.into(),
            origin: Origin::FrontMatter,
        }
    }
}

/// A date that may lack its year, month or day. A date is never completed by guessing: "February
/// 25" without a year stays `--02-25`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct PartialDate {
    /// The year, if known.
    pub year: Option<i16>,
    /// The month (1–12), if known.
    pub month: Option<u8>,
    /// The day of the month (1–31), if known.
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses the ISO-like forms that [`Display`](fmt::Display) writes: `2025-12-05`, `2024-07`,
    /// `2024`, `--02-25` and `--02`. Returns `None` for anything else or an impossible date.
    pub fn parse_iso(s: &str) -> Option<PartialDate> {
        let s = s.trim();
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?
        };
        let date = if let Some(rest) = s.strip_prefix("--") {
            let mut it = rest.split('-');
            let month = num(it.next()?, 2)?;
            let day = match it.next() {
                Some(d) => Some(num(d, 2)?),
                None => None,
            };
            if it.next().is_some() {
                return None;
            }
            PartialDate {
                year: None,
                month: Some(month as u8),
                day: day.map(|d| d as u8),
            }
        } else {
            let mut it = s.split('-');
            let year = num(it.next()?, 4)?;
            let month = match it.next() {
                Some(m) => Some(num(m, 2)?),
                None => None,
            };
            let day = match it.next() {
                Some(d) if month.is_some() => Some(num(d, 2)?),
                Some(_) => return None,
                None => None,
            };
            if it.next().is_some() {
                return None;
            }
            PartialDate {
                year: Some(year as i16),
                month: month.map(|m| m as u8),
                day: day.map(|d| d as u8),
            }
        };
        date.is_valid().then_some(date)
    }

    /// Whether the known parts form a possible date (month 1–12, day within the month).
    pub fn is_valid(&self) -> bool {
        if self.year.is_none() && self.month.is_none() {
            return false;
        }
        if self.day.is_some() && self.month.is_none() {
            return false;
        }
        match (self.month, self.day) {
            (Some(m), _) if !(1..=12).contains(&m) => false,
            (Some(m), Some(d)) => {
                let max = match m {
                    2 => match self.year {
                        Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
                        _ => 29,
                    },
                    4 | 6 | 9 | 11 => 30,
                    _ => 31,
                };
                (1..=max).contains(&d)
            }
            _ => true,
        }
    }

    /// A sortable key: unknown parts sort first within their known prefix. Dates without a year
    /// sort before all dated ones.
    pub fn sort_key(&self) -> u32 {
        let y = self.year.map_or(0, |y| y.max(0) as u32);
        y * 10_000 + u32::from(self.month.unwrap_or(0)) * 100 + u32::from(self.day.unwrap_or(0))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => write!(f, "{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => write!(f, "{y:04}-{m:02}"),
            (Some(y), None, _) => write!(f, "{y:04}"),
            (None, Some(m), Some(d)) => write!(f, "--{m:02}-{d:02}"),
            (None, Some(m), None) => write!(f, "--{m:02}"),
            (None, None, _) => Ok(()),
        }
    }
}

/// A date with its origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateField {
    /// The (possibly partial) date.
    pub value: PartialDate,
    /// Where it came from.
    pub origin: Origin,
}

/// A half-open byte range `start..end` into a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// The range as `usize`s, for slicing.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A sentence: a byte range of the text and the paragraph that holds it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Sentence {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Index into [`Document::paragraphs`].
    pub paragraph: u32,
}

impl Sentence {
    /// The range as `usize`s, for slicing.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Text the parser removed from the article (site furniture, navigation, prompts), kept aside so
/// that nothing is silently lost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// The removed line(s), as in the input.
    pub text: String,
    /// Why it was removed, in a few lowercase words ("navigation", "share prompt", …).
    pub reason: String,
}

/// One parsed article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// A stable id for URLs: derived from the file name and section, unique within a corpus.
    pub id: String,
    /// The file the document came from, as given.
    pub source_file: String,
    /// 1-based section number within a multi-article file, or `None` for a single article.
    pub section: Option<u32>,
    /// The headline, when there is one. `None` means the UI shows a derived title
    /// ([`Document::display_title`]).
    pub title: Option<Field>,
    /// The publication date, possibly partial.
    pub date: Option<DateField>,
    /// The source or publisher (a news agency, a site, a think tank).
    pub source: Option<Field>,
    /// The author.
    pub author: Option<Field>,
    /// The section or category of the publication ("Politics").
    pub category: Option<Field>,
    /// The dateline place ("BAKU, Azerbaijan").
    pub place: Option<Field>,
    /// The original URL.
    pub url: Option<Field>,
    /// The cleaned article text; every offset in the model points into it.
    pub text: String,
    /// Paragraph ranges, in order, covering the text's non-blank content.
    pub paragraphs: Vec<Span>,
    /// Sentence ranges, in order.
    pub sentences: Vec<Sentence>,
    /// Boilerplate removed from the article.
    pub removed: Vec<Removed>,
    /// Problems met while parsing (lossy decoding, a missing title, …), as sentences for the user.
    pub warnings: Vec<String>,
}

impl Document {
    /// The title to show: the headline if there is one, otherwise one derived from the lead
    /// sentence. The flag says whether it was derived.
    pub fn display_title(&self) -> (String, bool) {
        if let Some(t) = &self.title {
            return (t.value.clone(), t.origin == Origin::Derived);
        }
        // A dateline ("BAKU, Azerbaijan, February 25.") opens the text as a sentence of its own
        // but is no lead: the title comes from the sentence after it.
        let is_dateline = |s: &&Sentence| {
            let t = &self.text[s.range()];
            self.place
                .as_ref()
                .is_some_and(|p| t.starts_with(p.value.as_str()) && t.len() <= p.value.len() + 24)
        };
        let lead = self
            .sentences
            .iter()
            .take(2)
            .find(|s| !is_dateline(s))
            .map(|s| &self.text[s.range()])
            .unwrap_or(self.text.as_str())
            .trim();
        (crate::text::truncate_words(lead, 90), true)
    }

    /// The text of sentence `i`.
    pub fn sentence_text(&self, i: usize) -> &str {
        self.sentences.get(i).map_or("", |s| &self.text[s.range()])
    }

    /// The index of the sentence that contains byte `offset`, if any.
    pub fn sentence_at(&self, offset: u32) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= offset);
        (i < self.sentences.len() && self.sentences[i].start <= offset).then_some(i)
    }
}

/// An ISO 3166-1 alpha-2 country code (plus the user-assigned `XK` for Kosovo and the historical
/// `SU`, `YU`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct CountryCode(pub [u8; 2]);

impl CountryCode {
    /// Builds a code from two ASCII uppercase letters.
    pub fn new(s: &str) -> Option<CountryCode> {
        let b = s.as_bytes();
        (b.len() == 2 && b.iter().all(u8::is_ascii_uppercase)).then(|| CountryCode([b[0], b[1]]))
    }
    /// The code as a string slice.
    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored, so this cannot fail; fall back defensively.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.as_str())
    }
}

impl Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        CountryCode::new(&s).ok_or_else(|| serde::de::Error::custom("invalid country code"))
    }
}

/// The ten relation topics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Topic {
    /// Oil, gas, pipelines, power, renewables as supply.
    Energy,
    /// Military, arms, security cooperation, counterterrorism.
    Defense,
    /// Trade, investment, customs, companies, economy.
    Trade,
    /// Corridors, ports, railways, transit, logistics.
    Transport,
    /// Visits, talks, agreements, peace process, international organizations.
    Diplomacy,
    /// War, occupation, territorial disputes, sanctions, accusations.
    Conflict,
    /// Climate, environment, COP.
    Climate,
    /// AI, digital, 5G, innovation.
    Technology,
    /// Culture, education, tourism, people-to-people, visas.
    Culture,
    /// Media, disinformation, narratives.
    Media,
}

impl Topic {
    /// All topics, in id order.
    pub const ALL: [Topic; 10] = [
        Topic::Energy,
        Topic::Defense,
        Topic::Trade,
        Topic::Transport,
        Topic::Diplomacy,
        Topic::Conflict,
        Topic::Climate,
        Topic::Technology,
        Topic::Culture,
        Topic::Media,
    ];
    /// The short id used in JSON and URLs (`energy`, `defense`, …).
    pub fn id(self) -> &'static str {
        match self {
            Topic::Energy => "energy",
            Topic::Defense => "defense",
            Topic::Trade => "trade",
            Topic::Transport => "transport",
            Topic::Diplomacy => "diplomacy",
            Topic::Conflict => "conflict",
            Topic::Climate => "climate",
            Topic::Technology => "technology",
            Topic::Culture => "culture",
            Topic::Media => "media",
        }
    }
    /// The label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Topic::Energy => "Energy",
            Topic::Defense => "Defense & security",
            Topic::Trade => "Trade & investment",
            Topic::Transport => "Transport & connectivity",
            Topic::Diplomacy => "Diplomacy & peace process",
            Topic::Conflict => "Conflict & tension",
            Topic::Climate => "Climate & environment",
            Topic::Technology => "Technology",
            Topic::Culture => "Culture, education & tourism",
            Topic::Media => "Media & information",
        }
    }
    /// Parses an id.
    pub fn from_id(id: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.id() == id)
    }
}

// JSON (exports) shows topic ids; the binary corpus format stores the one-byte index.
impl Serialize for Topic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(self.id())
        } else {
            s.serialize_u8(*self as u8)
        }
    }
}

impl<'de> Deserialize<'de> for Topic {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            let id = <Cow<'de, str>>::deserialize(d)?;
            Topic::from_id(&id).ok_or_else(|| serde::de::Error::custom("unknown topic"))
        } else {
            let i = u8::deserialize(d)?;
            Topic::ALL
                .get(usize::from(i))
                .copied()
                .ok_or_else(|| serde::de::Error::custom("unknown topic"))
        }
    }
}

/// A set of topics, as a bit set (bit `t as u8`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TopicSet(pub u16);

impl TopicSet {
    /// Adds a topic.
    pub fn insert(&mut self, t: Topic) {
        self.0 |= 1 << t as u8;
    }
    /// Whether the set holds `t`.
    pub fn contains(self, t: Topic) -> bool {
        self.0 & (1 << t as u8) != 0
    }
    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The topics, in id order.
    pub fn iter(self) -> impl Iterator<Item = Topic> {
        Topic::ALL.into_iter().filter(move |t| self.contains(*t))
    }
}

// JSON shows the list of topic ids; the binary corpus format stores the bit set.
impl Serialize for TopicSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_seq(self.iter())
        } else {
            s.serialize_u16(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for TopicSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            let mut set = TopicSet::default();
            for t in Vec::<Topic>::deserialize(d)? {
                set.insert(t);
            }
            Ok(set)
        } else {
            let bits = u16::deserialize(d)?;
            // Bits beyond the known topics would make `iter` and `contains` disagree.
            if bits >> Topic::ALL.len() != 0 {
                return Err(serde::de::Error::custom("unknown topic bits"));
            }
            Ok(TopicSet(bits))
        }
    }
}

/// The stance of two countries towards each other in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Agreement, partnership, support, trade, visits, joint projects.
    Cooperative,
    /// War, attack, threat, sanctions, accusation, dispute, rejection.
    Conflictual,
    /// Named together without a relation between them.
    Neutral,
}

impl Stance {
    /// All stances.
    pub const ALL: [Stance; 3] = [Stance::Cooperative, Stance::Conflictual, Stance::Neutral];
    /// The id used in JSON and URLs.
    pub fn id(self) -> &'static str {
        match self {
            Stance::Cooperative => "cooperative",
            Stance::Conflictual => "conflictual",
            Stance::Neutral => "neutral",
        }
    }
    /// The label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Stance::Cooperative => "Cooperative",
            Stance::Conflictual => "Conflictual",
            Stance::Neutral => "Neutral",
        }
    }
    /// Parses an id.
    pub fn from_id(id: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// How a country is referred to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionForm {
    /// A name or short form ("Italy", "the United Kingdom").
    Name,
    /// An abbreviation ("U.S.", "UK", "UAE").
    Abbreviation,
    /// A demonym or adjective ("Azerbaijani", "British").
    Demonym,
    /// A capital standing for its state ("Moscow has lost its levers").
    Capital,
    /// A dateline ("BAKU, Azerbaijan, June 24.").
    Dateline,
}

/// Whether a mention counts as a reference to the state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionRole {
    /// A reference to the state; counted in relations.
    State,
    /// Inside a proper name (the Baku–Tbilisi–Ceyhan pipeline, the Paris Agreement); kept as a
    /// mention but left out of relation counts.
    ProperName,
    /// A historical state (Soviet Union, Yugoslavia); left out of relation counts.
    Historical,
    /// A capital named only as the place where something happens; left out of relation counts.
    Venue,
}

/// A country mention in a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// First byte in the document text.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Index of the sentence that holds it.
    pub sentence: u32,
    /// The country.
    pub code: CountryCode,
    /// How it is referred to.
    pub form: MentionForm,
    /// Whether it counts as a state reference.
    pub role: MentionRole,
    /// Why the role was chosen, when it is not plain `State` ("inside proper name: … pipeline").
    pub note: Option<Cow<'static, str>>,
}

/// A candidate that looked like a country but was judged not to be one, with the reason
/// ("US state: Atlanta, Georgia", "person's name").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rejected {
    /// First byte in the document text.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The country it could have been.
    pub code: CountryCode,
    /// Why it was rejected.
    pub reason: Cow<'static, str>,
}

/// An organization mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgMention {
    /// First byte in the document text.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Index of the sentence that holds it.
    pub sentence: u32,
    /// The organization's id (its usual abbreviation: `EU`, `NATO`, `OSCE`, …).
    pub id: Cow<'static, str>,
}

/// The kind of a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// An amount of money.
    Money,
    /// A percentage or percentage points.
    Percent,
    /// A physical quantity with a unit.
    Quantity,
    /// A count of things.
    Count,
    /// A duration.
    Duration,
}

impl FigureKind {
    /// All kinds.
    pub const ALL: [FigureKind; 5] = [
        FigureKind::Money,
        FigureKind::Percent,
        FigureKind::Quantity,
        FigureKind::Count,
        FigureKind::Duration,
    ];
    /// The id used in JSON and URLs.
    pub fn id(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Percent => "percent",
            FigureKind::Quantity => "quantity",
            FigureKind::Count => "count",
            FigureKind::Duration => "duration",
        }
    }
    /// The label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            FigureKind::Money => "Money",
            FigureKind::Percent => "Percent",
            FigureKind::Quantity => "Quantity",
            FigureKind::Count => "Count",
            FigureKind::Duration => "Duration",
        }
    }
    /// Parses an id.
    pub fn from_id(id: &str) -> Option<FigureKind> {
        FigureKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// A qualifier on a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// More than, over, exceeding, above, at least.
    Over,
    /// Less than, below.
    Under,
    /// About, around, almost, nearly, some, roughly, approximately.
    Approx,
    /// Up to, as much as.
    UpTo,
}

impl Qualifier {
    /// All qualifiers.
    pub const ALL: [Qualifier; 4] = [
        Qualifier::Over,
        Qualifier::Under,
        Qualifier::Approx,
        Qualifier::UpTo,
    ];
    /// The id used in JSON, CSV and the figure lexicon (`data/figures_qualifiers.tsv`).
    pub fn id(self) -> &'static str {
        match self {
            Qualifier::Over => "over",
            Qualifier::Under => "under",
            Qualifier::Approx => "approx",
            Qualifier::UpTo => "up_to",
        }
    }
    /// The words shown to users before a value ("over", "about").
    pub fn label(self) -> &'static str {
        match self {
            Qualifier::Over => "over",
            Qualifier::Under => "under",
            Qualifier::Approx => "about",
            Qualifier::UpTo => "up to",
        }
    }
    /// Parses an id.
    pub fn from_id(id: &str) -> Option<Qualifier> {
        Qualifier::ALL.into_iter().find(|q| q.id() == id)
    }
}

/// A number that measures something.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// First byte in the document text (qualifier words included).
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Index of the sentence that holds it.
    pub sentence: u32,
    /// What it measures.
    pub kind: FigureKind,
    /// The normalized value, for a single figure.
    pub value: Option<f64>,
    /// The lower bound, for a range.
    pub min: Option<f64>,
    /// The upper bound, for a range.
    pub max: Option<f64>,
    /// The normalized unit: a currency code, `%`, `pp`, an SI-style base unit, the counted noun,
    /// or a duration unit (`year`, `month`, `week`, `day`, `hour`).
    pub unit: String,
    /// The qualifier, if any.
    pub qualifier: Option<Qualifier>,
    /// The year the figure refers to, when its sentence says so ("$13.28 million in 2020").
    pub year: Option<i16>,
}

/// Two countries put in relation by a sentence, with their stance towards each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Pair {
    /// The alphabetically first country.
    pub a: CountryCode,
    /// The alphabetically second country.
    pub b: CountryCode,
    /// Their stance towards each other in this sentence.
    pub stance: Stance,
}

/// A relation sentence: one that refers to two or more distinct countries as states.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// Index of the sentence.
    pub sentence: u32,
    /// First byte of the sentence.
    pub start: u32,
    /// One past its last byte.
    pub end: u32,
    /// Every unordered pair of distinct countries in the sentence, `a < b`.
    pub pairs: Vec<Pair>,
    /// The sentence's topics.
    pub topics: TopicSet,
}
