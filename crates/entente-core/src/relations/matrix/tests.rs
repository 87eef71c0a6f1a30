//! The matrix engine's tests: windows, filters, organizations, the text form of entities, long
//! runs, and the property that a matrix equals a plain reference count.

use super::builder::{collect_document, Collected};
use super::*;
use crate::analysis::{analyze, Analysis};
use crate::gazetteer::tests::doc;
use crate::model::Document;
use crate::relations::counts_in_relations;
use proptest::prelude::*;

fn code(s: &str) -> CountryCode {
    CountryCode::new(s).unwrap()
}

fn corpus(texts: &[&str]) -> (Vec<Document>, Vec<Analysis>) {
    let docs: Vec<Document> = texts.iter().map(|t| doc(t)).collect();
    let analyses = docs.iter().map(analyze).collect();
    (docs, analyses)
}

fn index(docs: &[Document], analyses: &[Analysis]) -> PairIndex {
    PairIndex::build_with_organizations(docs.iter().zip(analyses))
}

const TEXTS: [&str; 3] = [
    "Azerbaijan and Pakistan signed an energy deal.\n\nRussia attacked Ukraine. Pakistan traded with Azerbaijan.",
    "Azerbaijan and Pakistan expanded trade.\n\nFrance criticized Azerbaijan.",
    "China and Azerbaijan held talks.",
];

#[test]
fn sentence_window_counts_relation_pairs() {
    let (docs, analyses) = corpus(&TEXTS);
    let idx = index(&docs, &analyses);
    let m = idx.matrix(&MatrixQuery::default());
    let (az, pk, fr, cn) = (code("AZ"), code("PK"), code("FR"), code("CN"));
    assert_eq!(m.count(az, pk), 3);
    assert_eq!(m.count(pk, az), 3);
    assert_eq!(m.count(az, fr), 1);
    assert_eq!(m.count(az, cn), 1);
    assert_eq!(m.count(az, az), 0);
    let c = m.cell(fr, az).unwrap();
    assert_eq!(c.stance_count(Stance::Conflictual), 1);
    assert_eq!(
        idx.evidence(&MatrixQuery::default(), fr, az),
        [Evidence {
            doc: 1,
            sentence: 1
        }]
    );
    let c = m.cell(az, pk).unwrap();
    assert_eq!(c.topic_count(Topic::Energy), 1);
    assert_eq!(c.topic_count(Topic::Trade), 1);
}

#[test]
fn filters() {
    let (docs, analyses) = corpus(&TEXTS);
    let idx = index(&docs, &analyses);
    let (az, pk, fr) = (code("AZ"), code("PK"), code("FR"));
    let mut energy = TopicSet::default();
    energy.insert(Topic::Energy);
    let m = idx.matrix(&MatrixQuery {
        topics: energy,
        ..Default::default()
    });
    assert_eq!(m.count(az, pk), 1);
    assert_eq!(m.count(az, fr), 0);
    let m = idx.matrix(&MatrixQuery {
        stance: Some(Stance::Conflictual),
        ..Default::default()
    });
    assert_eq!(m.cells.len(), 2, "{:?}", m.cells);
    let m = idx.matrix(&MatrixQuery {
        documents: Some(&[2]),
        ..Default::default()
    });
    assert_eq!(
        m.entities,
        vec![code("AZ").into(), Entity::from(code("CN"))]
    );
    let subset = [az, fr];
    let m = idx.matrix(&MatrixQuery {
        countries: Some(&subset),
        ..Default::default()
    });
    assert_eq!(m.cells.len(), 1);
    assert_eq!(m.entities, vec![Entity::from(az), fr.into()]);
    // Out-of-range document indices are ignored.
    let m = idx.matrix(&MatrixQuery {
        documents: Some(&[7, 0]),
        ..Default::default()
    });
    assert_eq!(m.count(az, pk), 2);
}

#[test]
fn wider_windows_count_windows() {
    let (docs, analyses) = corpus(&TEXTS);
    let idx = index(&docs, &analyses);
    let (az, pk, fr, ru) = (code("AZ"), code("PK"), code("FR"), code("RU"));
    let p = idx.matrix(&MatrixQuery {
        window: Window::Paragraph,
        ..Default::default()
    });
    assert_eq!(p.count(az, pk), 3);
    assert_eq!(p.count(pk, fr), 0);
    // RU and PK share a paragraph but no sentence: neutral, first sentences as evidence.
    let c = p.cell(ru, pk).unwrap();
    assert_eq!(c.stance_count(Stance::Neutral), 1);
    let d = idx.matrix(&MatrixQuery {
        window: Window::Document,
        ..Default::default()
    });
    assert_eq!(d.count(az, pk), 2);
    assert_eq!(d.count(pk, fr), 1);
    assert_eq!(d.count(ru, az), 1);
    assert!(d.dense().len() == d.entities.len() * d.entities.len());
}

/// A cell with its evidence, comparable across matrices.
type Summary = (Entity, Entity, u32, [u32; 10], [u32; 3], Vec<Evidence>);

fn summary(idx: &PairIndex, q: &MatrixQuery, c: &Cell) -> Summary {
    (
        c.a,
        c.b,
        c.count,
        c.topics,
        c.stances,
        idx.evidence(q, c.a, c.b),
    )
}

fn org(id: &str) -> Entity {
    Entity::Org(OrgId::new(id).unwrap())
}

const ORG_TEXTS: [&str; 2] = [
    "Azerbaijan and the European Union signed an energy deal.\n\nNATO condemned Russia. Russia attacked Ukraine.",
    "The OSCE and the UN held talks. Pakistan welcomed the EU.",
];

#[test]
fn organizations_are_rows_only_when_asked_for() {
    let (docs, analyses) = corpus(&ORG_TEXTS);
    let idx = index(&docs, &analyses);
    let (az, ru, ua, pk) = (code("AZ"), code("RU"), code("UA"), code("PK"));
    let countries = idx.matrix(&MatrixQuery::default());
    assert_eq!(
        countries.entities,
        vec![Entity::from(ru), ua.into()],
        "{:?}",
        countries.cells
    );
    let with_orgs = MatrixQuery {
        organizations: true,
        ..Default::default()
    };
    let with = idx.matrix(&with_orgs);
    assert_eq!(
        with.entities,
        vec![
            az.into(),
            pk.into(),
            ru.into(),
            ua.into(),
            org("EU"),
            org("NATO"),
            org("OSCE"),
            org("UN")
        ]
    );
    // Country cells are the same with or without organizations.
    assert_eq!(
        summary(&idx, &with_orgs, with.cell(ru, ua).unwrap()),
        summary(
            &idx,
            &MatrixQuery::default(),
            countries.cell(ru, ua).unwrap()
        )
    );
    let eu = with.cell(org("EU"), az).unwrap();
    assert_eq!(
        (eu.a, eu.b),
        (az.into(), org("EU")),
        "a country comes first"
    );
    assert_eq!(eu.count, 1);
    assert_eq!(
        eu.stance_count(Stance::Neutral),
        1,
        "organization pairs are neutral"
    );
    assert_eq!(eu.topic_count(Topic::Energy), 1);
    assert_eq!(
        idx.evidence(&with_orgs, eu.a, eu.b),
        [Evidence {
            doc: 0,
            sentence: 0
        }]
    );
    assert_eq!(with.count(ru, org("NATO")), 1);
    assert_eq!(with.count(org("OSCE"), org("UN")), 1);
    assert_eq!(with.count(pk, org("EU")), 1);
    // NATO and Ukraine share a paragraph, not a sentence.
    assert_eq!(with.count(ua, org("NATO")), 0);
    let paragraphs = MatrixQuery {
        organizations: true,
        window: Window::Paragraph,
        ..Default::default()
    };
    let p = idx.matrix(&paragraphs);
    let c = p.cell(ua, org("NATO")).unwrap();
    assert_eq!(c.stance_count(Stance::Neutral), 1);
    assert_eq!(
        idx.evidence(&paragraphs, org("NATO"), ua).len(),
        2,
        "the first sentence of each"
    );
    // Without organizations, an organization's cell has no evidence either.
    assert!(idx
        .evidence(&MatrixQuery::default(), ua, org("NATO"))
        .is_empty());
    // Filters apply to organization cells too; a country subset leaves organizations.
    let conflict = idx.matrix(&MatrixQuery {
        organizations: true,
        stance: Some(Stance::Conflictual),
        ..Default::default()
    });
    assert_eq!(conflict.count(ru, ua), 1);
    assert_eq!(conflict.count(ru, org("NATO")), 0);
    let trade = idx.matrix(&MatrixQuery {
        organizations: true,
        topics: TopicSet(1 << Topic::Energy as u8),
        ..Default::default()
    });
    assert_eq!(trade.count(az, org("EU")), 1);
    assert_eq!(trade.count(pk, org("EU")), 0);
    let subset = [az];
    let m = idx.matrix(&MatrixQuery {
        organizations: true,
        countries: Some(&subset),
        ..Default::default()
    });
    assert_eq!(m.count(az, org("EU")), 1);
    assert_eq!(m.count(pk, org("EU")), 0);
    assert_eq!(m.count(ru, ua), 0);
    assert_eq!(m.entities[0], Entity::from(az));
}

#[test]
fn entity_text_form_round_trips() {
    for (text, entity) in [
        ("AZ", Entity::from(code("AZ"))),
        ("org.EU", org("EU")),
        ("org.AU", org("AU")),
        ("org.Commonwealth", org("Commonwealth")),
    ] {
        assert_eq!(entity.to_string(), text);
        assert_eq!(Entity::from_id(text), Some(entity));
    }
    assert_eq!(Entity::from_id("az"), Some(code("AZ").into()));
    assert_ne!(Entity::from_id("AU"), Entity::from_id("org.AU"));
    for bad in ["", "A", "org.", "org.E-U", "org.ABCDEFGHIJKLMNOP", "A1"] {
        assert_eq!(Entity::from_id(bad), None, "{bad}");
    }
    assert!(
        org("NATO") > Entity::from(code("ZW")),
        "countries sort first"
    );
    assert_eq!(org("EU").name(), Some("European Union"));
    assert_eq!(Entity::from(code("AZ")).name(), Some("Azerbaijan"));
    assert_eq!(Entity::from(code("ZZ")).name(), None);
    assert_eq!(Entity::from(code("ZZ")).label(), "ZZ");
    assert_eq!(Entity::from_id("org.XYZ").unwrap().label(), "XYZ");
}

#[test]
fn long_runs_add_up_past_the_counters_width() {
    // A pair co-mentioned in more documents than a four-bit lane holds, at every window,
    // with and without a selection and a filter.
    let (docs, analyses) = corpus(&TEXTS);
    let once = index(&docs, &analyses);
    const ROUNDS: u32 = 37;
    let repeated: Vec<(&Document, &Analysis)> = docs
        .iter()
        .zip(&analyses)
        .cycle()
        .take(docs.len() * ROUNDS as usize)
        .collect();
    let many = PairIndex::build_with_organizations(repeated);
    let every: Vec<u32> = (0..docs.len() as u32 * ROUNDS).collect();
    for window in Window::ALL {
        for stance in [None, Some(Stance::Neutral)] {
            for documents in [None, Some(&every[..])] {
                let q = MatrixQuery {
                    window,
                    stance,
                    organizations: true,
                    ..Default::default()
                };
                let one = once.matrix(&q);
                let all = many.matrix(&MatrixQuery { documents, ..q });
                assert!(stance.is_some() || !one.cells.is_empty());
                assert_eq!(all.entities, one.entities);
                assert_eq!(all.cells.len(), one.cells.len());
                for (x, y) in all.cells.iter().zip(&one.cells) {
                    assert_eq!((x.a, x.b), (y.a, y.b));
                    assert_eq!(x.count, y.count * ROUNDS);
                    assert_eq!(x.topics, y.topics.map(|n| n * ROUNDS));
                    assert_eq!(x.stances, y.stances.map(|n| n * ROUNDS));
                    assert_eq!(
                        many.evidence(&q, x.a, x.b).len(),
                        once.evidence(&q, x.a, x.b).len() * ROUNDS as usize
                    );
                }
            }
        }
    }
}

#[test]
fn empty_corpus() {
    let idx = PairIndex::build(std::iter::empty());
    let m = idx.matrix(&MatrixQuery::default());
    assert!(m.cells.is_empty() && m.entities.is_empty());
    assert_eq!(idx.n_documents(), 0);
}

const NAMES: [&str; 11] = [
    "Azerbaijan",
    "Pakistan",
    "China",
    "France",
    "the United States",
    "Armenia",
    "Iran",
    "Baku",
    "the European Union",
    "NATO",
    "the OSCE Minsk Group",
];
const VERBS: [&str; 5] = [
    "signed a deal with",
    "attacked",
    "and",
    "held talks with",
    "criticized",
];

/// A random document: paragraphs of sentences "X verb Y." over a few names.
fn random_doc() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::collection::vec((0..NAMES.len(), 0..VERBS.len(), 0..NAMES.len()), 1..4),
        1..4,
    )
    .prop_map(|paras| {
        paras
            .iter()
            .map(|sents| {
                sents
                    .iter()
                    .map(|&(a, v, b)| format!("{} {} {}.", NAMES[a], VERBS[v], NAMES[b]))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    })
}

/// The pairs with an organization that the sentence window must count, worked out from the
/// analyses alone: per sentence, every distinct organization with every other distinct
/// organization or counted country.
fn expected_org_pairs(
    analyses: &[Analysis],
    selected: &[u32],
) -> std::collections::BTreeMap<(Entity, Entity), u32> {
    let mut out: std::collections::BTreeMap<(Entity, Entity), u32> = Default::default();
    for &d in selected {
        let a = &analyses[d as usize];
        let mut sentences: Vec<u32> = a.organizations.iter().map(|m| m.sentence).collect();
        sentences.dedup();
        for s in sentences {
            let mut here: Vec<Entity> = a
                .countries
                .iter()
                .filter(|m| m.sentence == s && counts_in_relations(m))
                .map(|m| Entity::Country(m.code))
                .chain(
                    a.organizations
                        .iter()
                        .filter(|m| m.sentence == s)
                        .map(|m| Entity::Org(OrgId::new(&m.id).unwrap())),
                )
                .collect();
            here.sort();
            here.dedup();
            for (x, &p) in here.iter().enumerate() {
                for &q in &here[x + 1..] {
                    if q.is_org() {
                        *out.entry((p, q)).or_default() += 1;
                    }
                }
            }
        }
    }
    out
}

/// The matrix (its rows, and each cell with its evidence) worked out the straightforward way:
/// every co-mention that [`collect_document`] lists, tested against the query one by one
/// and added up in a map, in document order. The index's pair-by-pair layout, its
/// specialised loops and its lazily read evidence must give exactly this.
fn reference(
    docs: &[Document],
    analyses: &[Analysis],
    q: &MatrixQuery,
) -> (Vec<Entity>, Vec<Summary>) {
    let mut collected = Collected::default();
    for (d, (doc, analysis)) in docs.iter().zip(analyses).enumerate() {
        collect_document(d as u32, doc, analysis, true, &mut collected);
    }
    let Collected { raws, evidence } = collected;
    let allowed = |e: Entity| match e {
        Entity::Country(c) => q.countries.is_none_or(|s| s.contains(&c)),
        Entity::Org(_) => q.organizations,
    };
    let mut cells: std::collections::BTreeMap<(Entity, Entity), Summary> = Default::default();
    for r in raws.iter().filter(|r| {
        r.window == window_index(q.window)
            && q.documents.is_none_or(|d| d.contains(&r.doc))
            && (q.topics.is_empty() || r.topics.0 & q.topics.0 != 0)
            && q.stance.is_none_or(|s| s == r.stance)
            && allowed(r.a)
            && allowed(r.b)
    }) {
        let c = cells
            .entry((r.a, r.b))
            .or_insert_with(|| (r.a, r.b, 0, [0; 10], [0; 3], Vec::new()));
        c.2 += 1;
        for t in r.topics.iter() {
            c.3[t as usize] += 1;
        }
        c.4[stance_index(r.stance)] += 1;
        let from = r.evidence_start as usize;
        let sentences = &evidence[from..from + r.evidence_len as usize];
        c.5.extend(sentences.iter().map(|&sentence| Evidence {
            doc: r.doc,
            sentence,
        }));
    }
    let mut entities: Vec<Entity> = cells.keys().flat_map(|&(a, b)| [a, b]).collect();
    if let Some(subset) = q.countries {
        entities.retain(|e| e.is_org());
        entities.extend(subset.iter().map(|&c| Entity::Country(c)));
    }
    entities.sort();
    entities.dedup();
    (entities, cells.into_values().collect())
}

/// A query's optional parts, drawn at random: documents (in any order, with repeats and
/// out-of-range indices), a topic, a stance and a country subset.
type QueryParts = (
    Option<Vec<u32>>,
    usize,
    Option<usize>,
    Option<usize>,
    Option<Vec<usize>>,
    bool,
);

fn query_parts() -> impl Strategy<Value = QueryParts> {
    (
        prop::option::of(prop::collection::vec(0u32..9, 0..10)),
        0usize..3,
        prop::option::of(0..Topic::ALL.len()),
        prop::option::of(0..Stance::ALL.len()),
        prop::option::of(prop::collection::vec(0..COUNTRY_CODES.len(), 0..4)),
        any::<bool>(),
    )
}

/// The countries of [`NAMES`], for country subsets.
const COUNTRY_CODES: [&str; 7] = ["AZ", "PK", "CN", "FR", "US", "AM", "IR"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Laid out a few co-mentions per step, as the page does in the background, the
    /// index is the one built at once.
    #[test]
    fn an_index_finished_in_steps_is_the_index_built_at_once(
        texts in prop::collection::vec(random_doc(), 1..8),
        budget in 1usize..24,
        organizations in any::<bool>(),
    ) {
        let docs: Vec<Document> = texts.iter().map(|t| doc(t)).collect();
        let analyses: Vec<Analysis> = docs.iter().map(analyze).collect();
        let at_once = PairIndex::build_impl(docs.iter().zip(&analyses), organizations);
        let mut builder = PairIndexBuilder::new(organizations);
        for (d, a) in docs.iter().zip(&analyses) {
            builder.add(d, a);
        }
        prop_assert_eq!(builder.len(), docs.len());
        let mut finish = builder.finishing();
        let mut steps = 1;
        while !finish.step(budget) {
            steps += 1;
        }
        prop_assert!(steps >= 1);
        prop_assert_eq!(finish.index(), at_once);
    }

    #[test]
    fn matrix_and_evidence_equal_the_straightforward_computation(
        texts in prop::collection::vec(random_doc(), 1..8),
        (documents, window, topic, stance, countries, organizations) in query_parts(),
    ) {
        let docs: Vec<Document> = texts.iter().map(|t| doc(t)).collect();
        let analyses: Vec<Analysis> = docs.iter().map(analyze).collect();
        let idx = PairIndex::build_with_organizations(docs.iter().zip(&analyses));
        let countries: Option<Vec<CountryCode>> = countries.map(|c| {
            let mut c: Vec<CountryCode> = c.iter().map(|&i| code(COUNTRY_CODES[i])).collect();
            c.sort();
            c.dedup();
            c
        });
        let mut topics = TopicSet::default();
        if let Some(t) = topic {
            topics.insert(Topic::ALL[t]);
        }
        let q = MatrixQuery {
            documents: documents.as_deref(),
            window: Window::ALL[window],
            topics,
            stance: stance.map(|s| Stance::ALL[s]),
            countries: countries.as_deref(),
            organizations,
        };
        let m = idx.matrix(&q);
        let (entities, cells) = reference(&docs, &analyses, &q);
        prop_assert_eq!(&m.entities, &entities);
        let got: Vec<Summary> = m.cells.iter().map(|c| summary(&idx, &q, c)).collect();
        prop_assert_eq!(&got, &cells);
        // The rows the engine records for the dense table are those a search finds.
        let mut searched = m.clone();
        searched.rows.clear();
        prop_assert_eq!(m.dense(), searched.dense());
        for c in &m.cells {
            prop_assert_eq!(c.stances.iter().sum::<u32>(), c.count);
            let evidence = idx.evidence(&q, c.b, c.a);
            prop_assert!(evidence.windows(2).all(|w| w[0] < w[1]), "{:?}", evidence);
            if q.window == Window::Sentence {
                prop_assert_eq!(evidence.len() as u32, c.count);
            }
        }
        // Pairs outside the matrix have no evidence.
        for (i, &a) in idx.entities().iter().enumerate() {
            for &b in &idx.entities()[i + 1..] {
                if m.cell(a, b).is_none() {
                    prop_assert!(idx.evidence(&q, a, b).is_empty());
                }
            }
        }
        // Documents are a set: their order and repeats do not matter.
        if let Some(d) = &documents {
            let mut sorted = d.clone();
            sorted.sort();
            sorted.dedup();
            let again = idx.matrix(&MatrixQuery { documents: Some(&sorted), ..q });
            prop_assert_eq!(&again, &m);
        }
    }

    #[test]
    fn matrix_is_symmetric_and_counts_match_relations(
        texts in prop::collection::vec(random_doc(), 1..6),
        window in 0usize..3,
        pick in prop::collection::vec(any::<bool>(), 6),
        organizations in any::<bool>(),
    ) {
        let docs: Vec<Document> = texts.iter().map(|t| doc(t)).collect();
        let analyses: Vec<Analysis> = docs.iter().map(analyze).collect();
        let idx = PairIndex::build_with_organizations(docs.iter().zip(&analyses));
        let selected: Vec<u32> = (0..docs.len() as u32).filter(|&d| pick[d as usize]).collect();
        let query = MatrixQuery {
            documents: Some(&selected),
            window: Window::ALL[window],
            organizations,
            ..Default::default()
        };
        let m = idx.matrix(&query);
        // Symmetric.
        let n = m.entities.len();
        let dense = m.dense();
        for i in 0..n {
            prop_assert_eq!(dense[i * n + i], 0);
            for j in 0..n {
                prop_assert_eq!(dense[i * n + j], dense[j * n + i]);
            }
        }
        for c in &m.cells {
            prop_assert!(c.a < c.b);
            prop_assert_eq!(m.count(c.a, c.b), m.count(c.b, c.a));
            prop_assert_eq!(c.stances.iter().sum::<u32>(), c.count);
            let evidence = idx.evidence(&query, c.a, c.b);
            prop_assert!(!evidence.is_empty());
            for e in &evidence {
                prop_assert!(selected.contains(&e.doc));
            }
        }
        prop_assert_eq!(m.entities.iter().any(|e| e.is_org()), organizations && m.cells.iter().any(|c| c.b.is_org()));
        // Country cells do not depend on whether organizations are rows.
        let other_query = MatrixQuery { organizations: !organizations, ..query };
        let other = idx.matrix(&other_query);
        let country_cells = |idx: &PairIndex, q: &MatrixQuery, m: &Matrix| -> Vec<Summary> {
            m.cells.iter().filter(|c| !c.b.is_org()).map(|c| summary(idx, q, c)).collect()
        };
        prop_assert_eq!(country_cells(&idx, &query, &m), country_cells(&idx, &other_query, &other));
        // An index of countries only gives the same country cells and no organizations.
        let countries_index = PairIndex::build(docs.iter().zip(&analyses));
        let countries_only = countries_index.matrix(&query);
        prop_assert_eq!(country_cells(&idx, &query, &m), countries_only.cells.iter().map(|c| summary(&countries_index, &query, c)).collect::<Vec<_>>());
        if window == 0 {
            // Sentence window: each cell counts the relation pairs (and, with organizations,
            // the sentences naming an organization beside another entity), one evidence each.
            let mut expected: std::collections::BTreeMap<(Entity, Entity), u32> =
                Default::default();
            for &d in &selected {
                for r in &analyses[d as usize].relations {
                    for p in &r.pairs {
                        *expected.entry((p.a.into(), p.b.into())).or_default() += 1;
                    }
                }
            }
            if organizations {
                expected.extend(expected_org_pairs(&analyses, &selected));
            }
            prop_assert_eq!(m.cells.len(), expected.len());
            for c in &m.cells {
                prop_assert_eq!(Some(&c.count), expected.get(&(c.a, c.b)));
                prop_assert_eq!(idx.evidence(&query, c.a, c.b).len() as u32, c.count);
            }
        }
    }
}
