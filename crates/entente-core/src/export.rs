//! Exports: the records that `entente extract --json` prints and that the app downloads, and the
//! flat CSV tables of documents, figures and relation pairs.
//!
//! The app and the CLI share these functions, so an export from the browser and one from the
//! command line of the same corpus are byte for byte the same.

use crate::analysis::Analysis;
use crate::gazetteer::country_name;
use crate::model::{
    CountryCode, Document, Field, FigureKind, MentionForm, MentionRole, Origin, Qualifier, Stance,
    TopicSet,
};
use crate::organizations::org_label;
use crate::relations::matrix::Entity;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// One document as `entente extract --json` prints it.
#[derive(Serialize)]
pub struct DocumentRecord<'a> {
    /// The file the document came from, as given.
    pub source_file: &'a str,
    /// 1-based section within a multi-article file, or null.
    pub section: Option<u32>,
    /// The stable id used in URLs.
    pub id: &'a str,
    /// The title to show (the headline, or a derived one).
    pub title: String,
    /// Whether `title` was derived (no headline was found).
    pub title_derived: bool,
    /// The date, ISO-like (`2025-12-05`, `2024-07`, `--02-25`), or null.
    pub date: Option<String>,
    /// The source or publisher.
    pub source: Option<&'a str>,
    /// The author.
    pub author: Option<&'a str>,
    /// The section or category of the publication.
    pub category: Option<&'a str>,
    /// The dateline place.
    pub place: Option<&'a str>,
    /// The original URL.
    pub url: Option<&'a str>,
    /// Where each metadata field came from (`front_matter`, `detected`, `derived`).
    pub origins: BTreeMap<&'static str, Origin>,
    /// The cleaned text.
    pub text: &'a str,
    /// Paragraphs as `[start, end]` byte offsets into `text`.
    pub paragraphs: Vec<[u32; 2]>,
    /// Sentences as `[start, end, paragraph]`.
    pub sentences: Vec<[u32; 3]>,
    /// Boilerplate removed from the article.
    pub removed: &'a [crate::model::Removed],
    /// Parser warnings.
    pub warnings: &'a [String],
    /// Countries referred to as states, most mentioned first.
    pub countries: Vec<CountryRecord>,
    /// Country mentions that do not count as state references (inside proper names, historical
    /// states, venues).
    pub other_mentions: Vec<OtherMention>,
    /// Candidates rejected by disambiguation.
    pub rejected: &'a [crate::model::Rejected],
    /// Organizations, most mentioned first.
    pub organizations: Vec<OrgRecord>,
    /// The document's topic profile: sentences per topic.
    pub topics: BTreeMap<&'static str, u32>,
    /// Figures in text order.
    pub figures: Vec<FigureRecord<'a>>,
    /// Relation sentences in text order.
    pub relations: Vec<RelationRecord<'a>>,
}

/// A country in a document.
#[derive(Serialize)]
pub struct CountryRecord {
    /// ISO 3166-1 alpha-2 code.
    pub code: CountryCode,
    /// English short name.
    pub name: &'static str,
    /// Number of state mentions.
    pub mentions: usize,
    /// The mentions as `[start, end, sentence]`.
    pub spans: Vec<[u32; 3]>,
}

/// A country mention that is not a state reference.
#[derive(Serialize)]
pub struct OtherMention {
    /// ISO code.
    pub code: CountryCode,
    /// Why it does not count.
    pub role: MentionRole,
    /// How it is referred to.
    pub form: MentionForm,
    /// The reason, when recorded.
    pub note: Option<Cow<'static, str>>,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

/// An organization in a document.
#[derive(Serialize)]
pub struct OrgRecord {
    /// The organization's id.
    pub id: &'static str,
    /// Its display name.
    pub name: String,
    /// Number of mentions.
    pub mentions: usize,
}

/// A figure with its context.
#[derive(Serialize)]
pub struct FigureRecord<'a> {
    /// The exact span.
    pub text: &'a str,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Sentence index.
    pub sentence: u32,
    /// What it measures.
    pub kind: FigureKind,
    /// Normalized value (single figures).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Lower bound (ranges).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Upper bound (ranges).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Normalized unit.
    pub unit: &'a str,
    /// Qualifier.
    pub qualifier: Option<Qualifier>,
    /// The year it refers to.
    pub year: Option<i16>,
    /// Countries (state references) of its sentence.
    pub countries: Vec<CountryCode>,
    /// Topics of its sentence.
    pub topics: TopicSet,
}

/// A relation sentence.
#[derive(Serialize)]
pub struct RelationRecord<'a> {
    /// The sentence text.
    pub text: &'a str,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Sentence index.
    pub sentence: u32,
    /// Country pairs with their stance.
    pub pairs: &'a [crate::model::Pair],
    /// Topics.
    pub topics: TopicSet,
}

fn field(f: &Option<Field>) -> Option<&str> {
    f.as_ref().map(|f| f.value.as_str())
}

/// The countries (state references) of each sentence, sorted and deduplicated.
pub fn sentence_countries(doc: &Document, analysis: &Analysis) -> Vec<Vec<CountryCode>> {
    let mut out = vec![Vec::new(); doc.sentences.len()];
    for m in analysis
        .countries
        .iter()
        .filter(|m| m.role == MentionRole::State)
    {
        if let Some(v) = out.get_mut(m.sentence as usize) {
            if !v.contains(&m.code) {
                v.push(m.code);
            }
        }
    }
    for v in &mut out {
        crate::sort::sort(v);
    }
    out
}

/// Builds the extract record of one document.
pub fn document_record<'a>(doc: &'a Document, analysis: &'a Analysis) -> DocumentRecord<'a> {
    let (title, title_derived) = doc.display_title();
    let mut origins = BTreeMap::new();
    for (name, f) in [
        ("title", &doc.title),
        ("source", &doc.source),
        ("author", &doc.author),
        ("category", &doc.category),
        ("place", &doc.place),
        ("url", &doc.url),
    ] {
        if let Some(f) = f {
            origins.insert(name, f.origin);
        }
    }
    if let Some(d) = &doc.date {
        origins.insert("date", d.origin);
    }
    if doc.title.is_none() {
        origins.insert("title", Origin::Derived);
    }

    let mut by_code: BTreeMap<CountryCode, Vec<[u32; 3]>> = BTreeMap::new();
    let mut other_mentions = Vec::new();
    for m in &analysis.countries {
        if m.role == MentionRole::State {
            by_code
                .entry(m.code)
                .or_default()
                .push([m.start, m.end, m.sentence]);
        } else {
            other_mentions.push(OtherMention {
                code: m.code,
                role: m.role,
                form: m.form,
                note: m.note.clone(),
                start: m.start,
                end: m.end,
            });
        }
    }
    let mut countries: Vec<CountryRecord> = by_code
        .into_iter()
        .map(|(code, spans)| CountryRecord {
            code,
            // The exports' documented placeholder for a code the gazetteer does not know.
            name: country_name(code).unwrap_or("?"),
            mentions: spans.len(),
            spans,
        })
        .collect();
    crate::sort::sort_by(&mut countries, |a, b| {
        b.mentions.cmp(&a.mentions).then(a.code.cmp(&b.code))
    });

    let mut org_counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for id in analysis
        .organizations
        .iter()
        .filter_map(|o| crate::organizations::intern(&o.id))
    {
        *org_counts.entry(id).or_default() += 1;
    }
    let mut organizations: Vec<OrgRecord> = org_counts
        .into_iter()
        .map(|(id, mentions)| OrgRecord {
            id,
            name: org_label(id).to_string(),
            mentions,
        })
        .collect();
    crate::sort::sort_by(&mut organizations, |a, b| {
        b.mentions.cmp(&a.mentions).then(a.id.cmp(b.id))
    });

    let mut topics = BTreeMap::new();
    for set in &analysis.sentence_topics {
        for t in set.iter() {
            *topics.entry(t.id()).or_insert(0) += 1;
        }
    }

    let per_sentence = sentence_countries(doc, analysis);
    let figures = analysis
        .figures
        .iter()
        .map(|f| FigureRecord {
            text: span_text(doc, f.start, f.end),
            start: f.start,
            end: f.end,
            sentence: f.sentence,
            kind: f.kind,
            value: f.value,
            min: f.min,
            max: f.max,
            unit: &f.unit,
            qualifier: f.qualifier,
            year: f.year,
            countries: per_sentence
                .get(f.sentence as usize)
                .cloned()
                .unwrap_or_default(),
            topics: analysis
                .sentence_topics
                .get(f.sentence as usize)
                .copied()
                .unwrap_or_default(),
        })
        .collect();
    let relations = analysis
        .relations
        .iter()
        .map(|r| RelationRecord {
            text: span_text(doc, r.start, r.end),
            start: r.start,
            end: r.end,
            sentence: r.sentence,
            pairs: &r.pairs,
            topics: r.topics,
        })
        .collect();

    DocumentRecord {
        source_file: &doc.source_file,
        section: doc.section,
        id: &doc.id,
        title,
        title_derived,
        date: doc.date.map(|d| d.value.to_string()),
        source: field(&doc.source),
        author: field(&doc.author),
        category: field(&doc.category),
        place: field(&doc.place),
        url: field(&doc.url),
        origins,
        text: &doc.text,
        paragraphs: doc.paragraphs.iter().map(|p| [p.start, p.end]).collect(),
        sentences: doc
            .sentences
            .iter()
            .map(|s| [s.start, s.end, s.paragraph])
            .collect(),
        removed: &doc.removed,
        warnings: &doc.warnings,
        countries,
        other_mentions,
        rejected: &analysis.rejected,
        organizations,
        topics,
        figures,
        relations,
    }
}

/// The JSON array of extract records for a set of documents with their analyses, one document per
/// line so that large outputs stay greppable.
pub fn extract_json(docs: &[(&Document, &Analysis)]) -> String {
    json_lines(docs.iter().map(|(d, a)| document_record(d, a)))
}

/// A JSON array written with one element per line.
fn json_lines<T: Serialize>(items: impl Iterator<Item = T>) -> String {
    let mut out = String::from("[");
    for (i, item) in items.enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&serde_json::to_string(&item).unwrap_or_else(|_| "null".to_string()));
    }
    out.push_str("\n]");
    out
}

/// Appends one CSV row (RFC 4180 quoting) to `out`.
pub fn csv_row<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let f = f.as_ref();
        // Leading formula characters are neutralised so a spreadsheet never evaluates article text.
        let risky = f.starts_with(['=', '+', '-', '@'])
            && f.parse::<f64>().is_err()
            && crate::model::PartialDate::parse_iso(f).is_none();
        if risky || f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            if risky {
                out.push('\'');
            }
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn codes(c: &[CountryCode]) -> String {
    c.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(";")
}

fn topic_ids(t: TopicSet) -> String {
    t.iter().map(|t| t.id()).collect::<Vec<_>>().join(";")
}

fn qualifier_id(q: Option<Qualifier>) -> &'static str {
    q.map_or("", Qualifier::id)
}

/// The text of `start..end` in the document (empty for a range that is not in it).
fn span_text(doc: &Document, start: u32, end: u32) -> &str {
    doc.text.get(start as usize..end as usize).unwrap_or("")
}

/// A flat table's header: the columns that name a row's document, then `rest`.
fn doc_header(rest: &[&'static str]) -> Vec<&'static str> {
    ["document", "source_file", "section", "date"]
        .iter()
        .chain(rest)
        .copied()
        .collect()
}

/// A flat table's row: the cells that name the document (as [`doc_header`]), then `rest`.
fn doc_row(doc: &Document, rest: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut row = vec![
        doc.id.clone(),
        doc.source_file.clone(),
        opt(doc.section),
        opt(doc.date.map(|d| d.value)),
    ];
    row.extend(rest);
    row
}

/// The documents as a CSV table, one row per document.
pub fn documents_csv(docs: &[(&Document, &Analysis)]) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "id",
            "source_file",
            "section",
            "title",
            "title_derived",
            "date",
            "source",
            "author",
            "sentences",
            "countries",
            "organizations",
            "figures",
            "relations",
            "warnings",
        ],
    );
    for (doc, a) in docs {
        let r = document_record(doc, a);
        csv_row(
            &mut out,
            &[
                r.id.to_string(),
                r.source_file.to_string(),
                opt(r.section),
                r.title.clone(),
                r.title_derived.to_string(),
                r.date.clone().unwrap_or_default(),
                r.source.unwrap_or("").to_string(),
                r.author.unwrap_or("").to_string(),
                r.sentences.len().to_string(),
                r.countries
                    .iter()
                    .map(|c| c.code.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                r.organizations
                    .iter()
                    .map(|o| o.id)
                    .collect::<Vec<_>>()
                    .join(";"),
                r.figures.len().to_string(),
                r.relations.len().to_string(),
                r.warnings.join(" | "),
            ],
        );
    }
    out
}

/// The figures as a flat CSV table, one row per figure.
pub fn figures_csv(docs: &[(&Document, &Analysis)]) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        &doc_header(&[
            "text",
            "kind",
            "value",
            "min",
            "max",
            "unit",
            "qualifier",
            "year",
            "countries",
            "topics",
            "start",
            "end",
            "sentence",
            "sentence_text",
        ]),
    );
    for (doc, a) in docs {
        for f in document_record(doc, a).figures {
            csv_row(
                &mut out,
                &doc_row(
                    doc,
                    [
                        f.text.to_string(),
                        f.kind.id().to_string(),
                        opt(f.value),
                        opt(f.min),
                        opt(f.max),
                        f.unit.to_string(),
                        qualifier_id(f.qualifier).to_string(),
                        opt(f.year),
                        codes(&f.countries),
                        topic_ids(f.topics),
                        f.start.to_string(),
                        f.end.to_string(),
                        f.sentence.to_string(),
                        doc.sentence_text(f.sentence as usize).to_string(),
                    ],
                ),
            );
        }
    }
    out
}

/// The relations as a flat CSV table, one row per country pair of each relation sentence.
pub fn relations_csv(docs: &[(&Document, &Analysis)]) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        &doc_header(&[
            "a", "b", "stance", "topics", "sentence", "start", "end", "text",
        ]),
    );
    for (doc, a) in docs {
        for r in &a.relations {
            for p in &r.pairs {
                csv_row(
                    &mut out,
                    &doc_row(
                        doc,
                        [
                            p.a.to_string(),
                            p.b.to_string(),
                            p.stance.id().to_string(),
                            topic_ids(r.topics),
                            r.sentence.to_string(),
                            r.start.to_string(),
                            r.end.to_string(),
                            span_text(doc, r.start, r.end).to_string(),
                        ],
                    ),
                );
            }
        }
    }
    out
}

/// The flat relation rows as JSON: one object per pair.
pub fn relations_json(docs: &[(&Document, &Analysis)]) -> String {
    #[derive(Serialize)]
    struct Row<'a> {
        document: &'a str,
        source_file: &'a str,
        section: Option<u32>,
        date: Option<String>,
        a: CountryCode,
        b: CountryCode,
        stance: Stance,
        topics: TopicSet,
        sentence: u32,
        start: u32,
        end: u32,
        text: &'a str,
    }
    let mut rows = Vec::new();
    for (doc, a) in docs {
        for r in &a.relations {
            for p in &r.pairs {
                rows.push(Row {
                    document: &doc.id,
                    source_file: &doc.source_file,
                    section: doc.section,
                    date: doc.date.map(|d| d.value.to_string()),
                    a: p.a,
                    b: p.b,
                    stance: p.stance,
                    topics: r.topics,
                    sentence: r.sentence,
                    start: r.start,
                    end: r.end,
                    text: span_text(doc, r.start, r.end),
                });
            }
        }
    }
    json_lines(rows.into_iter())
}

/// The flat figure rows as JSON.
pub fn figures_json(docs: &[(&Document, &Analysis)]) -> String {
    #[derive(Serialize)]
    struct Row<'a> {
        document: &'a str,
        source_file: &'a str,
        section: Option<u32>,
        date: Option<String>,
        #[serde(flatten)]
        figure: FigureRecord<'a>,
    }
    let mut rows = Vec::new();
    for (doc, a) in docs {
        for figure in document_record(doc, a).figures {
            rows.push(Row {
                document: &doc.id,
                source_file: &doc.source_file,
                section: doc.section,
                date: doc.date.map(|d| d.value.to_string()),
                figure,
            });
        }
    }
    json_lines(rows.into_iter())
}

/// A matrix as CSV: a header row `code,name,kind,` then the entities' codes (`AZ`, and `org.EU`
/// for an organization, as in URLs), and one row per entity with its code, name, kind (`country`
/// or `organization`) and counts. `entities` picks and orders the rows and columns (for the app's
/// top-N and ordering); the CLI passes all of the matrix's entities.
pub fn matrix_csv(matrix: &crate::relations::matrix::Matrix, entities: &[Entity]) -> String {
    let mut out = String::new();
    let mut header = vec!["code".to_string(), "name".to_string(), "kind".to_string()];
    header.extend(entities.iter().map(|e| e.to_string()));
    csv_row(&mut out, &header);
    for &a in entities {
        let mut row = vec![a.to_string(), a.label(), entity_kind(a).to_string()];
        row.extend(entities.iter().map(|&b| matrix.count(a, b).to_string()));
        csv_row(&mut out, &row);
    }
    out
}

/// The `kind` column of a matrix CSV row.
pub fn entity_kind(e: Entity) -> &'static str {
    if e.is_org() {
        "organization"
    } else {
        "country"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        let mut out = String::new();
        csv_row(
            &mut out,
            &[
                "plain",
                "a,b",
                "say \"hi\"",
                "=HYPERLINK(1)",
                "-5",
                "line\nbreak",
            ],
        );
        assert_eq!(
            out,
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"'=HYPERLINK(1)\",-5,\"line\nbreak\"\r\n"
        );
        // Partial dates are written by entente, not taken from article text, and stay readable.
        let mut out = String::new();
        csv_row(&mut out, &["--02-25"]);
        assert_eq!(out, "--02-25\r\n");
    }

    #[test]
    fn matrix_csv_follows_the_given_entities_and_labels_organizations_apart() {
        use crate::relations::matrix::{MatrixQuery, PairIndex};
        let corpus = crate::parse::parse_corpus(
            "t",
            vec![(
                "a.txt".into(),
                b"Talks\n\nAzerbaijan and the European Union signed an energy deal. Pakistan welcomed \
                  the EU. Azerbaijan and Pakistan agreed.\n"
                    .to_vec(),
            )],
        );
        let analyses: Vec<_> = corpus.documents.iter().map(crate::analyze).collect();
        let index =
            PairIndex::build_with_organizations(corpus.documents.iter().zip(analyses.iter()));
        let matrix = index.matrix(&MatrixQuery {
            organizations: true,
            ..Default::default()
        });
        let id = |s: &str| Entity::from_id(s).unwrap();
        // The app's top-N and ordering pick and order the rows; the CLI passes them all.
        let shown = [id("org.EU"), id("PK"), id("AZ")];
        let csv = matrix_csv(&matrix, &shown);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "code,name,kind,org.EU,PK,AZ");
        assert_eq!(lines[1], "org.EU,European Union,organization,0,1,1");
        assert_eq!(lines[2], "PK,Pakistan,country,1,0,1");
        assert_eq!(lines[3], "AZ,Azerbaijan,country,1,1,0");
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn extract_json_has_the_documented_fields() {
        let corpus = crate::parse::parse_corpus(
            "t",
            vec![("a.txt".into(), b"Title line\n\nSome text here.\n".to_vec())],
        );
        let doc = &corpus.documents[0];
        let analysis = crate::analyze(doc);
        let json: serde_json::Value =
            serde_json::from_str(&extract_json(&[(doc, &analysis)])).unwrap();
        let rec = &json[0];
        for key in [
            "source_file",
            "section",
            "id",
            "title",
            "title_derived",
            "date",
            "source",
            "author",
            "text",
            "paragraphs",
            "sentences",
            "warnings",
            "countries",
            "organizations",
            "topics",
            "figures",
            "relations",
        ] {
            assert!(rec.get(key).is_some(), "missing {key}");
        }
        assert_eq!(rec["source_file"], "a.txt");
    }
}
