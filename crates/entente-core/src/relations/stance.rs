//! The stance of each country pair in a sentence: cooperative, conflictual or neutral.
//!
//! Cue words and phrases come from `data/stance.tsv` (cooperation and conflict cues, negators,
//! reversers, concessive openers, and the small words that mark a country as a comparison, a
//! counterparty or a place). One pass over the sentence's words finds the cues; then:
//!
//! - **negation**: a negator up to three words before a cue flips it ("did not receive aid" is
//!   conflictual; "not opposed" is no longer conflictual); "not only", "no longer" negate nothing;
//! - **reversal**: "lift the embargo", "end the war" turn a conflict cue into cooperation;
//! - **concession**: cues inside "although …," or "despite …" count a quarter;
//! - **modality** is lexical: "impossible", "no right" are conflict cues.
//!
//! Each pair is then scoped. Countries joined only by "and", commas or dashes form a group:
//! within a group the pair is related only when the group is relational ("between X and Y",
//! "X–Y relations") or acts together as the subject of a cooperative clause ("Azerbaijan and
//! Pakistan have signed …"); otherwise they are merely listed together (neutral: "France, Russia
//! and the United States", "in Afghanistan and in Iraq"), and co-agents of a conflict are not in
//! conflict with each other. Across groups, the cues between the two countries count fully and
//! those elsewhere in their clauses count half. A counterparty inside another country's phrase
//! ("Armenia's arms deal with India threatens Azerbaijan") relates to that country only, so AM–IN
//! is cooperative, AM–AZ conflictual and IN–AZ neutral. A country named as a comparison ("second
//! after China") is neutral, and a country named as a place ("forces in Afghanistan") is neutral
//! unless the cue is conflict or trade.

use crate::gazetteer::lexer::{self, PhraseTable, Sep, Token};
use crate::gazetteer::tsv_rows;
use crate::model::{CountryCode, Mention, Pair, Stance};
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Coop,
    Conf,
    Neg,
    NoNeg,
    Rev,
    Conc,
    Cmp,
    With,
    Loc,
}

#[derive(Clone, Copy, Debug)]
struct Cue {
    kind: Kind,
    weight: u8,
    econ: bool,
    country_only: bool,
    scope: bool,
    back: bool,
}

const STANCE_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/data/stance.tsv"));

fn lexicon() -> &'static PhraseTable<Cue> {
    static LEX: OnceLock<PhraseTable<Cue>> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut table = PhraseTable::default();
        for row in tsv_rows(STANCE_TSV) {
            let (Some(&kind), Some(weight), Some(&phrase)) = (
                row.first(),
                row.get(1).and_then(|w| w.parse::<u8>().ok()),
                row.get(2),
            ) else {
                continue;
            };
            let kind = match kind {
                "coop" => Kind::Coop,
                "conf" => Kind::Conf,
                "neg" => Kind::Neg,
                "noneg" => Kind::NoNeg,
                "rev" => Kind::Rev,
                "conc" => Kind::Conc,
                "cmp" => Kind::Cmp,
                "with" => Kind::With,
                "loc" => Kind::Loc,
                _ => continue,
            };
            let flags = row.get(3).copied().unwrap_or("");
            let cue = Cue {
                kind,
                weight,
                econ: flags.contains("econ"),
                country_only: flags.contains("country"),
                scope: flags.contains("scope"),
                back: flags.contains("back"),
            };
            table.insert(phrase, cue);
            if matches!(kind, Kind::Coop | Kind::Conf)
                && !phrase.contains(' ')
                && !phrase.ends_with('s')
            {
                table.insert(&format!("{phrase}s"), cue);
            }
        }
        table
    })
}

/// A polarity cue after negation, reversal and concession.
#[derive(Clone, Copy, Debug)]
struct Hit {
    pos: usize,
    /// Positive for cooperation, negative for conflict.
    value: f32,
    econ: bool,
}

/// One occurrence of a country in the sentence.
#[derive(Clone, Copy, Debug)]
struct Occ {
    code: CountryCode,
    first: usize,
    last: usize,
    group: usize,
    marker: Option<Kind>,
}

#[derive(Clone, Copy, Debug, Default)]
struct Group {
    relational: bool,
    /// The members act together ("joint drills by South Korea and the U.S.").
    joint: bool,
    subject: bool,
    /// Every country of the sentence is in this group.
    all: bool,
}

/// Words that may stand between two coordinated countries ("Azerbaijan, Pakistan, and the
/// United States", "in Afghanistan and in Iraq", "Azerbaijan's and Pakistan's").
const COORDINATION: &[&str] = &["and", "or", "the", "in", "as", "well", "also", "both", "s"];
/// Words after which a group starts a clause as its subject.
const CLAUSE_OPENERS: &[&str] = &[
    "both", "that", "while", "and", "but", "however", "thus", "so", "then", "whereas", "as",
    "when", "if", "now",
];

/// The pairs of a relation sentence, `a < b`, each with its stance. `codes` are the sentence's
/// distinct countries, sorted; `mentions` are its counted mentions.
/// `doc_tokens`, when given, are the words of the whole text (as [`lexer::tokenize`] cuts them);
/// otherwise the sentence is cut here.
pub(crate) fn pair_stances(
    text: &str,
    (start, end): (u32, u32),
    doc_tokens: Option<&[Token]>,
    mentions: &[Mention],
    codes: &[CountryCode],
) -> Vec<Pair> {
    let owned: Vec<Token>;
    let toks: &[Token] = match doc_tokens {
        Some(all) => {
            let a = all.partition_point(|t| t.start < start);
            let b = all.partition_point(|t| t.start < end);
            &all[a..b]
        }
        None => {
            let sentence = text.get(start as usize..end as usize).unwrap_or("");
            let mut v: Vec<Token> = Vec::new();
            lexer::tokenize(sentence, &mut v);
            for t in &mut v {
                t.start += start;
                t.end += start;
            }
            owned = v;
            &owned
        }
    };
    let cx = Sentence::new(text, toks, mentions, codes.len());
    let mut pairs = Vec::with_capacity(codes.len() * (codes.len() - 1) / 2);
    for (x, &a) in codes.iter().enumerate() {
        for &b in &codes[x + 1..] {
            pairs.push(Pair {
                a,
                b,
                stance: cx.stance(a, b),
            });
        }
    }
    pairs
}

struct Sentence<'a> {
    text: &'a str,
    toks: &'a [Token],
    occs: Vec<Occ>,
    groups: Vec<Group>,
    hits: Vec<Hit>,
    /// Clause number of each word.
    clause: Vec<u16>,
}

impl<'a> Sentence<'a> {
    fn new(text: &'a str, toks: &'a [Token], mentions: &[Mention], n_codes: usize) -> Self {
        let lex = lexicon();
        // Country occurrences as word ranges.
        let mut occs: Vec<Occ> = Vec::new();
        let mut covered = vec![false; toks.len()];
        for m in mentions {
            let (s, e) = (m.start, m.end);
            let first = toks.partition_point(|t| t.start < s);
            let last = toks.partition_point(|t| t.start < e);
            if first >= last {
                continue;
            }
            for c in &mut covered[first..last] {
                *c = true;
            }
            occs.push(Occ {
                code: m.code,
                first,
                last: last - 1,
                group: 0,
                marker: None,
            });
        }

        // Clause boundaries: semicolons, colons, dashes between spaces, brackets, and commas
        // before "but", "while", "whereas", "which", "who".
        let mut clause = vec![0u16; toks.len()];
        let mut c = 0u16;
        for (k, slot) in clause.iter_mut().enumerate() {
            if k > 0 {
                let gap = gap(text, toks, k - 1, k);
                let word = word(text, toks, k);
                if gap.contains([';', ':', '(', ')', '—'])
                    || gap.contains(" – ")
                    || gap.contains(" - ")
                    || (gap.contains(',')
                        && [
                            "but", "while", "whereas", "which", "who", "although", "though",
                        ]
                        .iter()
                        .any(|w| word.eq_ignore_ascii_case(w)))
                    || word.eq_ignore_ascii_case("amid")
                {
                    c += 1;
                }
            }
            *slot = c;
        }

        // Cues.
        let mut raw: Vec<(usize, usize, Cue)> = Vec::new();
        let mut k = 0;
        while k < toks.len() {
            if covered[k] {
                k += 1;
                continue;
            }
            match lex.longest_at(text, toks, k) {
                Some((j, cue)) => {
                    raw.push((k, j, *cue));
                    k = j;
                }
                None => k += 1,
            }
        }
        // Markers before countries: "after China", "with India", "in Afghanistan".
        for o in &mut occs {
            let mut p = o.first;
            if p >= 1 && word(text, toks, p - 1).eq_ignore_ascii_case("the") {
                p -= 1;
            }
            if let Some(&(_, _, cue)) = raw.iter().find(|(_, e, _)| *e == p) {
                if matches!(cue.kind, Kind::Cmp | Kind::With | Kind::Loc) {
                    // A possessive is an actor, not a place or a counterparty: "in Pakistan's
                    // economy".
                    let possessive = o.last + 1 < toks.len()
                        && lexer::sep_between(text, &toks[o.last], &toks[o.last + 1]) == Sep::Apos
                        && word(text, toks, o.last + 1).eq_ignore_ascii_case("s");
                    if !possessive {
                        o.marker = Some(cue.kind);
                    }
                }
            }
        }

        // Polarity hits with negation, reversal and concession.
        let mut hits = Vec::new();
        for (idx, &(pos, end, cue)) in raw.iter().enumerate() {
            let mut kind = cue.kind;
            if !matches!(kind, Kind::Coop | Kind::Conf) {
                continue;
            }
            if cue.country_only && !next_to_country(text, toks, pos, end, &occs) {
                continue;
            }
            // The nearest modifier before the cue, within three words and the same stretch of
            // text (no comma or stop between).
            for &(mpos, mend, m) in raw[..idx].iter().rev() {
                if pos - mend > 3
                    || gap(text, toks, mend.saturating_sub(1), pos).contains([',', '.', ';', ':'])
                {
                    break;
                }
                match m.kind {
                    Kind::Neg => {
                        kind = if kind == Kind::Coop {
                            Kind::Conf
                        } else {
                            Kind::NoNeg
                        };
                        break;
                    }
                    Kind::Rev if kind == Kind::Conf => {
                        kind = Kind::Coop;
                        break;
                    }
                    Kind::Coop | Kind::Conf => break,
                    _ => {}
                }
                let _ = mpos;
            }
            // A refusal negates the cooperation that follows it in its stretch of text:
            // "reluctance to agree to a joint application".
            if kind == Kind::Coop
                && raw[..idx].iter().rev().any(|&(spos, send, m)| {
                    m.scope
                        && spos < pos
                        && clause[spos] == clause[pos]
                        && !gap(text, toks, send.saturating_sub(1), pos).contains([',', '.', ';'])
                })
            {
                kind = Kind::Conf;
            }
            // A failure predicate negates the cooperation before it: "a peace agreement … is
            // impossible".
            if kind == Kind::Coop
                && raw[idx + 1..].iter().any(|&(bpos, _, m)| {
                    m.back
                        && clause[bpos] == clause[pos]
                        && !gap(text, toks, pos, bpos).contains(['.', ';'])
                })
            {
                kind = Kind::Conf;
            }
            let sign = match kind {
                Kind::Coop => 1.0,
                Kind::Conf => -1.0,
                _ => continue,
            };
            hits.push(Hit {
                pos,
                value: sign * f32::from(cue.weight),
                econ: cue.econ,
            });
        }
        // Concession: "although …," and "despite …" up to the next comma, semicolon or colon.
        for &(pos, end, cue) in &raw {
            if cue.kind != Kind::Conc {
                continue;
            }
            let mut stop = end;
            while stop < toks.len()
                && !gap(text, toks, stop.saturating_sub(1), stop).contains([',', ';', ':'])
            {
                stop += 1;
            }
            for h in &mut hits {
                if h.pos >= pos && h.pos < stop {
                    h.value *= 0.25;
                }
            }
        }

        // Coordination groups.
        crate::sort::sort_by_key(&mut occs, |o| o.first);
        let mut groups: Vec<Group> = Vec::new();
        let mut compound = Vec::new();
        // How each occurrence joins the previous one; a run of joins made only of commas is not
        // a list ("For China, Azerbaijan offers …": a fronted phrase, then the subject).
        let mut joins: Vec<Join> = (0..occs.len())
            .map(|i| {
                if i == 0 {
                    Join::None
                } else {
                    coordinated(text, toks, &occs[i - 1], &occs[i])
                }
            })
            .collect();
        let mut r = 1;
        while r < joins.len() {
            if joins[r] == Join::None {
                r += 1;
                continue;
            }
            let mut e = r;
            while e < joins.len() && joins[e] != Join::None {
                e += 1;
            }
            if joins[r..e].iter().all(|j| *j == Join::Comma) {
                for j in &mut joins[r..e] {
                    *j = Join::None;
                }
            }
            r = e;
        }
        for i in 0..occs.len() {
            let joined = joins[i] != Join::None;
            if joined {
                occs[i].group = occs[i - 1].group;
                let g = occs[i].group;
                let tight = occs[i].first == occs[i - 1].last + 1
                    && gap(text, toks, occs[i - 1].last, occs[i].first)
                        .trim()
                        .chars()
                        .all(|c| matches!(c, '-' | '–' | '—' | '‑' | '/'));
                compound[g] = compound[g] && tight;
            } else {
                occs[i].group = groups.len();
                groups.push(Group::default());
                compound.push(true);
            }
        }
        for (g, group) in groups.iter_mut().enumerate() {
            let members: Vec<&Occ> = occs.iter().filter(|o| o.group == g).collect();
            let first = members[0];
            let mut distinct: Vec<CountryCode> = members.iter().map(|o| o.code).collect();
            crate::sort::sort_unstable(&mut distinct);
            distinct.dedup();
            group.all = distinct.len() == n_codes;
            let between = (first.first.saturating_sub(5)..first.first)
                .any(|k| word(text, toks, k).eq_ignore_ascii_case("between"))
                && !occs
                    .iter()
                    .any(|o| o.first < first.first && o.first + 5 >= first.first);
            // "accused each other", "their mutual …": the members act on one another.
            let reciprocal = toks.iter().enumerate().any(|(k, _)| {
                let w = word(text, toks, k);
                (w.eq_ignore_ascii_case("other")
                    && k >= 1
                    && word(text, toks, k - 1).eq_ignore_ascii_case("each"))
                    || (w.eq_ignore_ascii_case("another")
                        && k >= 1
                        && word(text, toks, k - 1).eq_ignore_ascii_case("one"))
            });
            // "joint drills by South Korea and the U.S.": the members act together.
            let joint = (first.first.saturating_sub(4)..first.first).any(|k| {
                ["joint", "jointly", "together", "mutual"]
                    .iter()
                    .any(|w| word(text, toks, k).eq_ignore_ascii_case(w))
            });
            group.relational = between || (members.len() > 1 && (compound[g] || reciprocal));
            group.joint = members.len() > 1 && joint;
            group.subject = first.marker.is_none()
                && (first.first == 0 || {
                    let mut p = first.first;
                    if p >= 1 && word(text, toks, p - 1).eq_ignore_ascii_case("the") {
                        p -= 1;
                    }
                    p == 0
                        || CLAUSE_OPENERS
                            .iter()
                            .any(|w| word(text, toks, p - 1).eq_ignore_ascii_case(w))
                        || gap(text, toks, p - 1, p).contains([',', ';', ':', '—', '–'])
                });
        }
        Sentence {
            text,
            toks,
            occs,
            groups,
            hits,
            clause,
        }
    }

    fn stance(&self, a: CountryCode, b: CountryCode) -> Stance {
        // Prefer two occurrences in the same group, else the closest two.
        let mut best: Option<(usize, usize, bool, usize)> = None;
        for (i, x) in self.occs.iter().enumerate().filter(|(_, o)| o.code == a) {
            for (j, y) in self.occs.iter().enumerate().filter(|(_, o)| o.code == b) {
                let same = x.group == y.group;
                let dist = x.first.abs_diff(y.first);
                let better = match best {
                    None => true,
                    Some((_, _, bs, bd)) => (same && !bs) || (same == bs && dist < bd),
                };
                if better {
                    best = Some((i, j, same, dist));
                }
            }
        }
        let Some((i, j, same, _)) = best else {
            return Stance::Neutral;
        };
        let (x, y) = if self.occs[i].first <= self.occs[j].first {
            (&self.occs[i], &self.occs[j])
        } else {
            (&self.occs[j], &self.occs[i])
        };
        if same {
            let g = &self.groups[x.group];
            let (coop, conf, _) = self.score_all(x, y);
            if g.relational {
                return decide(coop, conf);
            }
            if g.joint {
                return Stance::Cooperative;
            }
            if (g.subject || g.all) && coop > conf {
                return Stance::Cooperative;
            }
            return Stance::Neutral;
        }
        // Two counterparties of someone else ("a deal with India, howitzers from France"), or a
        // country named for comparison: not related to each other.
        if x.marker == Some(Kind::With) && y.marker == Some(Kind::With) {
            return Stance::Neutral;
        }
        // A counterparty inside another country's phrase relates to that country only.
        if let Some(head) = self.embedding_head(x) {
            let _ = head;
            return Stance::Neutral;
        }
        let (coop, conf, econ) = self.score_span(x, y);
        // A counterparty inside the first country's phrase: the phrase itself is the relation
        // ("Armenia's arms deal with India").
        if self.embedding_head(y).is_some_and(|h| h.first == x.first) {
            let (coop, conf) = self.score_between(x, y);
            return decide(coop, conf);
        }
        if (x.marker == Some(Kind::Cmp) || y.marker == Some(Kind::Cmp)) && conf <= coop {
            return Stance::Neutral;
        }
        let _ = econ;
        let stance = decide(coop, conf);
        // A place is a partner only in trade or investment right before it ("companies
        // registered in Azerbaijan"), not as the scene of a third party's deeds ("support for
        // forces in Afghanistan").
        let placed = |o: &Occ| o.marker == Some(Kind::Loc) && !self.econ_before(o);
        if stance == Stance::Cooperative && (placed(x) || placed(y)) {
            return Stance::Neutral;
        }
        stance
    }

    /// If `o` is a counterparty right inside an earlier country's phrase ("Armenia's arms deal
    /// with India"), that country's occurrence.
    fn embedding_head(&self, o: &Occ) -> Option<&Occ> {
        if o.marker != Some(Kind::With) {
            return None;
        }
        let head = self
            .occs
            .iter()
            .filter(|h| h.last < o.first && h.group != o.group)
            .max_by_key(|h| h.last)?;
        let between = o.first - head.last - 1;
        let g = gap(self.text, self.toks, head.last, o.first);
        (between <= 5
            && !g.contains([',', ';', ':', '.'])
            && self.clause[head.last] == self.clause[o.first])
            .then_some(head)
    }

    /// Cues strictly between two occurrences.
    fn score_between(&self, x: &Occ, y: &Occ) -> (f32, f32) {
        let (mut coop, mut conf, mut econ) = (0.0, 0.0, false);
        for h in &self.hits {
            if h.pos > x.last && h.pos < y.first {
                add(h, 1.0, &mut coop, &mut conf, &mut econ);
            }
        }
        (coop, conf)
    }

    /// Cues anywhere in the sentence (for pairs inside one group).
    fn score_all(&self, x: &Occ, y: &Occ) -> (f32, f32, bool) {
        let clauses = [self.clause[x.first], self.clause[y.first]];
        let mut coop = 0.0;
        let mut conf = 0.0;
        let mut econ = false;
        for h in &self.hits {
            let w = if clauses.contains(&self.clause[h.pos]) {
                1.0
            } else {
                0.5
            };
            add(h, w, &mut coop, &mut conf, &mut econ);
        }
        (coop, conf, econ)
    }

    /// Cues between the two countries count fully; cues elsewhere in their clauses count half,
    /// unless another country stands between the cue and the pair, or the cue belongs to an
    /// embedded counterparty's phrase.
    fn score_span(&self, x: &Occ, y: &Occ) -> (f32, f32, bool) {
        let mut coop = 0.0;
        let mut conf = 0.0;
        let mut econ = false;
        // Cues that describe y's embedded counterparties' relation with their head are skipped:
        // for "AM's deal with IN threatens AZ", the pair AM–AZ reads only "threatens".
        let mut from = x.last;
        for o in &self.occs {
            if o.first > x.last && o.first < y.first && o.group != x.group && o.group != y.group {
                if let Some(h) = self.embedding_head(o) {
                    if h.first == x.first {
                        from = from.max(o.last);
                    }
                }
            }
        }
        let cx = [self.clause[x.first], self.clause[y.first]];
        let cross = self.clause[x.last] != self.clause[y.first];
        for h in &self.hits {
            let w = if h.pos > from && h.pos < y.first {
                // Across a clause boundary, the first country's own clause says little about
                // the second: "…, but it was met with hesitation from Armenia".
                if cross && self.clause[h.pos] == self.clause[x.last] {
                    0.25
                } else {
                    1.0
                }
            } else if h.pos > x.last && h.pos < y.first {
                0.0
            } else if h.pos > y.last
                && h.pos <= y.last + 3
                && self.clause[h.pos] == self.clause[y.last]
                && !self.country_between(h.pos, x, y)
            {
                // The verb right after the second country is its own: "…, which Azerbaijan
                // firmly opposed".
                1.0
            } else if cx.contains(&self.clause[h.pos]) && !self.country_between(h.pos, x, y) {
                0.5
            } else {
                0.0
            };
            add(h, w, &mut coop, &mut conf, &mut econ);
        }
        (coop, conf, econ)
    }

    /// Whether an economic cue stands within four words before an occurrence.
    fn econ_before(&self, o: &Occ) -> bool {
        self.hits
            .iter()
            .any(|h| h.econ && h.value > 0.0 && h.pos < o.first && h.pos + 4 >= o.first)
    }

    /// Whether a country other than x and y stands between the cue at `pos` and the pair.
    fn country_between(&self, pos: usize, x: &Occ, y: &Occ) -> bool {
        self.occs.iter().any(|o| {
            o.code != x.code
                && o.code != y.code
                && ((pos < x.first && o.first > pos && o.first < x.first)
                    || (pos > y.last && o.first > y.last && o.first < pos))
        })
    }
}

fn add(h: &Hit, w: f32, coop: &mut f32, conf: &mut f32, econ: &mut bool) {
    if w == 0.0 {
        return;
    }
    if h.value > 0.0 {
        *coop += h.value * w;
        *econ |= h.econ;
    } else {
        *conf -= h.value * w;
    }
}

/// The least evidence for a stance: one weak cue between the two, or a clear one nearby.
const MIN_EVIDENCE: f32 = 1.0;

/// Conflict wins ties: it is the rarer, marked stance.
fn decide(coop: f32, conf: f32) -> Stance {
    if conf >= MIN_EVIDENCE && conf >= coop {
        Stance::Conflictual
    } else if coop >= MIN_EVIDENCE {
        Stance::Cooperative
    } else {
        Stance::Neutral
    }
}

/// How two neighbouring occurrences are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Join {
    None,
    /// Only a comma.
    Comma,
    /// "and", "or", a dash, a slash.
    Coordinated,
}

/// Whether a country-only cue is next to a country: right before one (through "with", "between",
/// "against", "on", "over" and "the") or right after one (through a possessive).
fn next_to_country(text: &str, toks: &[Token], pos: usize, end: usize, occs: &[Occ]) -> bool {
    let mut n = end;
    if n < toks.len()
        && ["with", "between", "against", "on", "over"]
            .iter()
            .any(|w| word(text, toks, n).eq_ignore_ascii_case(w))
    {
        n += 1;
    }
    if n < toks.len() && word(text, toks, n).eq_ignore_ascii_case("the") {
        n += 1;
    }
    if occs.iter().any(|o| o.first == n) {
        return true;
    }
    let mut p = pos;
    if p >= 1 && word(text, toks, p - 1).eq_ignore_ascii_case("s") {
        p -= 1;
    }
    p >= 1 && occs.iter().any(|o| o.last == p - 1)
}

/// Whether two neighbouring occurrences are coordinated: only "and", commas, dashes and the
/// like between them.
fn coordinated(text: &str, toks: &[Token], a: &Occ, b: &Occ) -> Join {
    let punct_only = (a.last..b.first).all(|k| {
        gap(text, toks, k, k + 1).chars().all(|c| {
            c.is_whitespace() || matches!(c, ',' | '-' | '–' | '—' | '‑' | '/' | '\'' | '’' | '&')
        })
    });
    if !punct_only {
        return Join::None;
    }
    let words_ok = (a.last + 1..b.first).all(|k| {
        let w = word(text, toks, k);
        COORDINATION.iter().any(|c| w.eq_ignore_ascii_case(c))
    });
    if !words_ok {
        return Join::None;
    }
    let and = (a.last + 1..b.first).any(|k| {
        let w = word(text, toks, k);
        w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or")
    });
    let g = gap(text, toks, a.last, b.first);
    if and || g.contains(['-', '–', '—', '‑', '/', '&']) {
        Join::Coordinated
    } else if g.contains(',') {
        Join::Comma
    } else {
        Join::None
    }
}

fn word<'t>(text: &'t str, toks: &[Token], k: usize) -> &'t str {
    toks.get(k)
        .and_then(|t| text.get(t.start as usize..t.end as usize))
        .unwrap_or("")
}

/// The text between word `a` and word `b` (empty when out of range).
fn gap<'t>(text: &'t str, toks: &[Token], a: usize, b: usize) -> &'t str {
    match (toks.get(a), toks.get(b)) {
        (Some(x), Some(y)) if x.end <= y.start => {
            text.get(x.end as usize..y.start as usize).unwrap_or("")
        }
        _ => "",
    }
}
