//! Explorer tests over a small hand-made corpus whose analyses are written out, so filtering and
//! faceting are checked independently of the analysers.

use super::state::{Action, CountryMode, Facet, FigureSort, FigureSortKey, ViewState};
use super::*;
use crate::model::{
    DateField, Field, Mention, MentionForm, OrgMention, Origin, Pair, Relation, Sentence, TopicSet,
};

fn cc(s: &str) -> CountryCode {
    CountryCode::new(s).unwrap()
}

struct Spec {
    text: &'static str,
    date: Option<&'static str>,
    source: Option<&'static str>,
    countries: &'static [&'static str],
    orgs: &'static [&'static str],
    topic: Option<Topic>,
    pair: Option<(&'static str, &'static str, Stance)>,
    money: Option<f64>,
}

const SPECS: [Spec; 4] = [
    Spec {
        text: "Azerbaijan and Pakistan agreed on energy deals worth $2 billion.",
        date: Some("2025-02-25"),
        source: Some("Trend"),
        countries: &["AZ", "PK"],
        orgs: &[],
        topic: Some(Topic::Energy),
        pair: Some(("AZ", "PK", Stance::Cooperative)),
        money: Some(2e9),
    },
    Spec {
        text: "Armenia accused Azerbaijan at the OSCE.",
        date: Some("2024-07"),
        source: Some("CAIR"),
        countries: &["AM", "AZ"],
        orgs: &["OSCE"],
        topic: Some(Topic::Conflict),
        pair: Some(("AM", "AZ", Stance::Conflictual)),
        money: None,
    },
    Spec {
        text: "China and Azerbaijan: trade reached $3.7 billion.",
        date: Some("2025-04-22"),
        source: Some("Trend"),
        countries: &["AZ", "CN"],
        orgs: &[],
        topic: Some(Topic::Trade),
        pair: Some(("AZ", "CN", Stance::Cooperative)),
        money: Some(3.7e9),
    },
    Spec {
        text: "Türkiye hosted a forum on February 25.",
        date: Some("--02-25"),
        source: None,
        countries: &["TR"],
        orgs: &[],
        topic: None,
        pair: None,
        money: None,
    },
];

fn explorer() -> Explorer {
    let mut docs = Vec::new();
    let mut analyses = Vec::new();
    for (i, s) in SPECS.iter().enumerate() {
        let len = s.text.len() as u32;
        docs.push(Document {
            id: format!("d{i}"),
            source_file: format!("d{i}.txt"),
            date: s.date.map(|d| DateField {
                value: PartialDate::parse_iso(d).unwrap(),
                origin: Origin::Detected,
            }),
            source: s.source.map(Field::detected),
            text: s.text.to_string(),
            paragraphs: vec![crate::model::Span { start: 0, end: len }],
            sentences: vec![Sentence {
                start: 0,
                end: len,
                paragraph: 0,
            }],
            ..Document::default()
        });
        let mut topics = TopicSet::default();
        if let Some(t) = s.topic {
            topics.insert(t);
        }
        analyses.push(Analysis {
            countries: s
                .countries
                .iter()
                .map(|c| Mention {
                    start: 0,
                    end: 1,
                    sentence: 0,
                    code: cc(c),
                    form: MentionForm::Name,
                    role: MentionRole::State,
                    note: None,
                })
                .collect(),
            organizations: s
                .orgs
                .iter()
                .map(|&id| OrgMention {
                    start: 0,
                    end: 1,
                    sentence: 0,
                    id: id.into(),
                })
                .collect(),
            sentence_topics: vec![topics],
            figures: s
                .money
                .map(|v| Figure {
                    start: 0,
                    end: 1,
                    sentence: 0,
                    kind: FigureKind::Money,
                    value: Some(v),
                    min: None,
                    max: None,
                    unit: "USD".into(),
                    qualifier: None,
                    year: None,
                })
                .into_iter()
                .collect(),
            relations: s
                .pair
                .map(|(a, b, stance)| Relation {
                    sentence: 0,
                    start: 0,
                    end: len,
                    pairs: vec![Pair {
                        a: cc(a),
                        b: cc(b),
                        stance,
                    }],
                    topics,
                })
                .into_iter()
                .collect(),
            rejected: vec![],
        });
    }
    Explorer::with_analyses(
        Corpus {
            name: "t".into(),
            documents: docs,
        },
        analyses,
    )
}

fn ids(ex: &Explorer, state: &ViewState) -> Vec<String> {
    ex.filter(state)
        .docs
        .iter()
        .map(|&d| ex.document(d).id.clone())
        .collect()
}

fn count_of<K: PartialEq>(list: &[(K, usize)], k: K) -> usize {
    list.iter().find(|(x, _)| *x == k).map_or(0, |x| x.1)
}

#[test]
fn no_filter_lists_everything_newest_first() {
    let ex = explorer();
    assert_eq!(ids(&ex, &ViewState::default()), ["d2", "d0", "d1", "d3"]);
}

#[test]
fn search_ranks_and_is_diacritic_insensitive() {
    let ex = explorer();
    let s = ViewState::default().reduce(Action::SetQuery("turkiye".into()));
    assert_eq!(ids(&ex, &s), ["d3"]);
    let s = ViewState::default().reduce(Action::SetQuery("azerbaijan -armenia ".into()));
    assert_eq!(ids(&ex, &s).len(), 2);
}

#[test]
fn countries_any_and_all() {
    let ex = explorer();
    let any = ViewState::default()
        .reduce(Action::ToggleCountry(cc("PK")))
        .reduce(Action::ToggleCountry(cc("CN")));
    assert_eq!(ids(&ex, &any), ["d2", "d0"]);
    let all = any.reduce(Action::SetCountryMode(CountryMode::All));
    assert!(ids(&ex, &all).is_empty());
    let all = ViewState::default()
        .reduce(Action::SetCountryMode(CountryMode::All))
        .reduce(Action::ToggleCountry(cc("AZ")))
        .reduce(Action::ToggleCountry(cc("AM")));
    assert_eq!(ids(&ex, &all), ["d1"]);
}

#[test]
fn facet_counts_are_disjunctive() {
    let ex = explorer();
    let s = ViewState::default().reduce(Action::ToggleSource("Trend".into()));
    let r = ex.filter(&s);
    assert_eq!(r.docs.len(), 2);
    // Other sources keep their counts (what adding them would give)…
    assert_eq!(count_of(&r.facets.sources, "CAIR".to_string()), 1);
    // …while other facets count within the result.
    assert_eq!(count_of(&r.facets.countries, cc("AZ")), 2);
    assert_eq!(count_of(&r.facets.countries, cc("AM")), 0);
    assert_eq!(count_of(&r.facets.figure_kinds, FigureKind::Money), 2);
    assert_eq!(count_of(&r.facets.stances, Stance::Cooperative), 2);
}

#[test]
fn pair_topic_stance_org_and_kind_filters() {
    let ex = explorer();
    let base = ViewState::default();
    assert_eq!(
        ids(
            &ex,
            &base.reduce(Action::SetPair(Some((cc("PK"), cc("AZ")))))
        ),
        ["d0"]
    );
    assert_eq!(
        ids(&ex, &base.reduce(Action::ToggleTopic(Topic::Conflict))),
        ["d1"]
    );
    assert_eq!(
        ids(&ex, &base.reduce(Action::ToggleStance(Stance::Conflictual))),
        ["d1"]
    );
    assert_eq!(
        ids(&ex, &base.reduce(Action::ToggleOrganization("OSCE".into()))),
        ["d1"]
    );
    assert_eq!(
        ids(
            &ex,
            &base.reduce(Action::ToggleFigureKind(FigureKind::Money))
        ),
        ["d2", "d0"]
    );
}

#[test]
fn date_ranges_handle_partial_dates() {
    let ex = explorer();
    let s = ViewState::default().reduce(Action::SetDates(
        PartialDate::parse_iso("2024"),
        PartialDate::parse_iso("2025-02"),
    ));
    let r = ex.filter(&s);
    let got: Vec<&str> = r.docs.iter().map(|&d| ex.document(d).id.as_str()).collect();
    assert_eq!(got, ["d0", "d1"]);
    assert_eq!(
        r.undated_hidden, 1,
        "the yearless --02-25 is hidden and reported"
    );
    // A month-precision document date overlaps a day range inside that month.
    let s =
        ViewState::default().reduce(Action::SetDates(PartialDate::parse_iso("2024-07-10"), None));
    assert!(ids(&ex, &s).contains(&"d1".to_string()));
}

#[test]
fn relaxations_name_the_filter_to_clear() {
    let ex = explorer();
    let s = ViewState::default()
        .reduce(Action::ToggleSource("CAIR".into()))
        .reduce(Action::ToggleTopic(Topic::Trade));
    assert!(ex.filter(&s).docs.is_empty());
    let relax = ex.relaxations(&s);
    assert_eq!(relax, vec![(Facet::Topics, 1), (Facet::Sources, 1)]);
    let s = s.reduce(Action::SetQuery("azerbaijan".into()));
    assert_eq!(
        ex.relaxations(&s)[0].0,
        Facet::Topics,
        "ties keep the order of the filters"
    );
}

#[test]
fn snippets_highlight_the_query() {
    let ex = explorer();
    let snip = ex.snippet(0, "pakistan", 200);
    let marked: Vec<&str> = snip
        .highlights
        .iter()
        .map(|&(s, e)| &snip.text[s..e])
        .collect();
    assert_eq!(marked, ["Pakistan"]);
    let short = ex.snippet(0, "billion", 20);
    assert!(short.text.starts_with('…'));
    for &(s, e) in &short.highlights {
        assert_eq!(&short.text[s..e], "billion");
    }
}

#[test]
fn figure_rows_sort_and_follow_kind_filter() {
    let ex = explorer();
    let mut s = ViewState::default();
    let r = ex.filter(&s);
    assert_eq!(ex.figure_rows(&r, &s).len(), 2);
    s = s.reduce(Action::SetFigureSort(FigureSort {
        key: FigureSortKey::Value,
        descending: true,
    }));
    let rows = ex.figure_rows(&r, &s);
    assert_eq!(ex.figure(rows[0]).value, Some(3.7e9));
    s = s.reduce(Action::ToggleFigureKind(FigureKind::Percent));
    let r = ex.filter(&s);
    assert!(ex.figure_rows(&r, &s).is_empty());
}

/// Indexing a few documents at a time gives the explorer indexing all at once gives: the same
/// results, facet counts and search hits for every kind of filter.
#[test]
fn indexing_in_steps_equals_indexing_at_once() {
    let whole = explorer();
    let analysed = Analysed {
        corpus: whole.corpus.clone(),
        analyses: whole.analyses.clone(),
    };
    for step in [1, 2, 3] {
        let mut builder = ExplorerBuilder::new(analysed.clone());
        let mut steps = 0;
        while !builder.step(step) {
            steps += 1;
            assert!(builder.progress().0 <= builder.progress().1);
        }
        // The documents a few at a time, then the search index's finishing pieces: planning
        // the word pairs' sort, a pass per digit, then the vocabulary and the pairs' arrays.
        let documents = SPECS.len().div_ceil(step);
        assert!(
            (documents + 2..=documents + 6).contains(&steps),
            "step {step}: {steps} steps"
        );
        let stepped = builder.finish();
        let states = [
            ViewState::default(),
            ViewState::default().reduce(Action::SetQuery("azerbaijan".into())),
            ViewState::default().reduce(Action::SetQuery("\"energy deals\"".into())),
            ViewState::default().reduce(Action::ToggleCountry(cc("AZ"))),
            ViewState::default().reduce(Action::ToggleTopic(Topic::Energy)),
        ];
        for state in &states {
            let (a, b) = (whole.filter(state), stepped.filter(state));
            assert_eq!(a.docs, b.docs, "{state:?}");
            assert_eq!(a.facets, b.facets, "{state:?}");
        }
    }
}
