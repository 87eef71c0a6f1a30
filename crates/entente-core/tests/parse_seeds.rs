//! Parsing the seed corpus: the 8 documents with their metadata, what is removed and kept, the
//! structural invariants, and every reference relation sentence of the shared evaluation folder
//! (beside the repository) found as exactly one parsed sentence.

use entente_core::model::{Document, Origin};
use entente_core::parse::{parse_corpus, parse_file};

mod common;
use common::{shared_eval, SEEDS};

fn seed_documents() -> Vec<Document> {
    let files = SEEDS
        .iter()
        .map(|(name, bytes)| (format!("seeds/{name}"), bytes.to_vec()))
        .collect();
    parse_corpus("Seed corpus", files).documents
}

fn find<'a>(docs: &'a [Document], stem: &str, section: Option<u32>) -> &'a Document {
    docs.iter()
        .find(|d| d.source_file.contains(stem) && d.section == section)
        .unwrap_or_else(|| panic!("no document {stem} {section:?}"))
}

/// The expected metadata of one seed document.
struct Expected {
    file: &'static str,
    section: Option<u32>,
    /// The headline; `None` when the title is derived.
    title: Option<&'static str>,
    /// The start of the displayed title.
    display_starts: &'static str,
    date: Option<&'static str>,
    source: Option<&'static str>,
    author: Option<&'static str>,
    category: Option<&'static str>,
    place: Option<&'static str>,
    paragraphs: usize,
}

const CENTER: Option<&str> = Some("Center of Analysis of International Relations");

const EXPECTED: [Expected; 8] = [
    Expected {
        file: "000_",
        section: None,
        title: None,
        display_starts: "For many years, economic cooperation between Azerbaijan and the United Kingdom",
        date: Some("2025-12-05"),
        source: Some("Trend News Agency"),
        author: None,
        category: None,
        place: None,
        paragraphs: 7,
    },
    Expected {
        file: "001_",
        section: None,
        title: None,
        display_starts: "Azerbaijan and Pakistan have long maintained a strong and strategic partnership",
        date: Some("--02-25"),
        source: None,
        author: None,
        category: None,
        place: Some("BAKU, Azerbaijan"),
        paragraphs: 14,
    },
    Expected {
        file: "002_",
        section: None,
        title: Some("A new era in Azerbaijan–U.S. strategic cooperation: From energy to artificial intelligence, from peace to regional development"),
        display_starts: "A new era in Azerbaijan–U.S. strategic cooperation",
        date: None,
        source: Some("apa.az"),
        author: None,
        category: Some("Analysis"),
        place: None,
        paragraphs: 29,
    },
    Expected {
        file: "003_",
        section: None,
        title: Some("Azerbaijan-China interests form wide base for enhancing mutual co-op - political analyst"),
        display_starts: "Azerbaijan-China interests form wide base",
        date: Some("2025-04-22"),
        source: Some("Trend"),
        author: Some("Ali Gasimov"),
        category: Some("Politics"),
        place: Some("BAKU, Azerbaijan"),
        paragraphs: 16,
    },
    Expected {
        file: "004_",
        section: Some(1),
        title: Some("Key Takeaways from Q&A session with President Ilham Aliyev at the Shusha Global Media Forum"),
        display_starts: "Key Takeaways from Q&A session",
        date: Some("2024-07"),
        source: CENTER,
        author: None,
        category: Some("Bulletin"),
        place: None,
        paragraphs: 55,
    },
    Expected {
        file: "004_",
        section: Some(2),
        title: Some("Armenia's arms spree is a dangerous game of escalation"),
        display_starts: "Armenia's arms spree",
        date: Some("2024-07"),
        source: CENTER,
        author: None,
        category: Some("Bulletin"),
        place: None,
        paragraphs: 8,
    },
    Expected {
        file: "004_",
        section: Some(3),
        title: Some("The Azerbaijan-Pakistan-Türkiye trilateral partnership is rapidly evolving"),
        display_starts: "The Azerbaijan-Pakistan-Türkiye trilateral partnership",
        date: Some("2024-07"),
        source: CENTER,
        author: None,
        category: Some("Bulletin"),
        place: None,
        paragraphs: 13,
    },
    Expected {
        file: "004_",
        section: Some(4),
        title: Some("Azerbaijan and China upgrade bilateral relations to strategic partnership"),
        display_starts: "Azerbaijan and China upgrade bilateral relations",
        date: Some("2024-07"),
        source: CENTER,
        author: None,
        category: Some("Bulletin"),
        place: None,
        paragraphs: 8,
    },
];

#[test]
fn seeds_yield_eight_documents_with_their_metadata() {
    let docs = seed_documents();
    assert_eq!(docs.len(), 8);
    let value = |f: &Option<entente_core::model::Field>| f.as_ref().map(|f| f.value.clone());
    for (doc, want) in docs.iter().zip(EXPECTED.iter()) {
        let what = format!("{} {:?}", want.file, want.section);
        assert!(doc.source_file.contains(want.file), "{what}: order");
        assert_eq!(doc.section, want.section, "{what}");
        assert_eq!(value(&doc.title).as_deref(), want.title, "{what}: title");
        let (display, derived) = doc.display_title();
        assert!(
            display.starts_with(want.display_starts),
            "{what}: {display}"
        );
        assert_eq!(derived, want.title.is_none(), "{what}: derived flag");
        assert_eq!(
            doc.date.map(|d| d.value.to_string()).as_deref(),
            want.date,
            "{what}: date"
        );
        assert_eq!(value(&doc.source).as_deref(), want.source, "{what}: source");
        assert_eq!(value(&doc.author).as_deref(), want.author, "{what}: author");
        assert_eq!(
            value(&doc.category).as_deref(),
            want.category,
            "{what}: category"
        );
        assert_eq!(value(&doc.place).as_deref(), want.place, "{what}: place");
        assert_eq!(doc.paragraphs.len(), want.paragraphs, "{what}: paragraphs");
        assert!(
            doc.sentences.len() >= doc.paragraphs.len(),
            "{what}: sentences"
        );
        for field in [
            &doc.title,
            &doc.source,
            &doc.author,
            &doc.category,
            &doc.place,
        ] {
            assert!(field.as_ref().is_none_or(|f| f.origin == Origin::Detected));
        }
        // Only a missing headline is worth a warning on the seeds.
        let want_warnings = usize::from(want.title.is_none());
        assert_eq!(
            doc.warnings.len(),
            want_warnings,
            "{what}: {:?}",
            doc.warnings
        );
    }
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "000-7f270fc2152f3a1b",
            "001-fff5bee5aa7f1e0f",
            "002-40c5e84d12538c1d",
            "003-97d7f0275bbc7544",
            "004-2208a95f7e68815d-s1",
            "004-2208a95f7e68815d-s2",
            "004-2208a95f7e68815d-s3",
            "004-2208a95f7e68815d-s4",
        ]
    );
}

#[test]
fn seeds_keep_article_text_only() {
    let docs = seed_documents();
    // Furniture of every kind is gone from the text…
    for doc in &docs {
        for furniture in [
            "date 20",
            "MENAFN",
            "Read more",
            "Follow Trend",
            "Ali Gasimov",
            "Tags:",
            "Latest",
            "WhatsApp",
            "1. Home",
            "Politics Materials",
            "Seçilən",
            "apa.az",
            "Mənbələr",
            "Table of contents",
            "CENTER OF ANALYSIS",
            "JULY-2024",
            "BULLETIN",
            "\\$",
            "**",
        ] {
            assert!(
                !doc.text.contains(furniture),
                "{} has {furniture:?}",
                doc.id
            );
        }
        assert!(!doc.text.contains("\n\n\n"));
    }
    // … and kept aside with a reason.
    let reasons =
        |d: &Document| -> Vec<String> { d.removed.iter().map(|r| r.reason.clone()).collect() };
    let d003 = find(&docs, "003_", None);
    for reason in [
        "navigation",
        "byline",
        "share prompt",
        "read more link",
        "repeated headline",
        "promotion",
        "tag list",
        "headline list",
    ] {
        assert!(
            reasons(d003).iter().any(|r| r == reason),
            "003 lacks {reason}"
        );
    }
    assert_eq!(
        d003.text
            .matches("Azerbaijan-China interests form wide base")
            .count(),
        1
    );
    let d002 = find(&docs, "002_", None);
    assert_eq!(reasons(d002), ["language marker", "site furniture"]);
    assert_eq!(d002.removed[1].text, "Seçilən\n87\n50\napa.az\n10Mənbələr");
    let d004 = find(&docs, "004_", Some(1));
    assert!(reasons(d004).iter().any(|r| r == "table of contents"));
    for s in 2..=4 {
        assert!(find(&docs, "004_", Some(s)).removed.is_empty());
    }

    // Headlines open the text; sub-headings are paragraphs of their own.
    let paragraph = |d: &Document, i: usize| d.text[d.paragraphs[i].range()].to_string();
    assert!(paragraph(d002, 0).starts_with("A new era in Azerbaijan–U.S."));
    assert_eq!(paragraph(d002, 5), "Foundations and developing cooperation");
    assert_eq!(
        paragraph(d004, 2),
        "The future of Armenia-Azerbaijan peace process"
    );
    assert_eq!(
        paragraph(find(&docs, "004_", Some(3)), 0),
        "III. The Azerbaijan-Pakistan-Türkiye trilateral partnership is rapidly evolving"
    );
    assert!(find(&docs, "001_", None)
        .text
        .starts_with("BAKU, Azerbaijan, February 25. Azerbaijan and Pakistan"));
    assert!(find(&docs, "000_", None)
        .text
        .starts_with("For many years, economic cooperation"));

    // Lines cut by page breaks are joined; escapes are undone.
    let s1 = &d004.text;
    assert!(s1.contains("should not be part of bilateral negotiations. The stalemate"));
    assert!(s1.contains("questions about Armenia’s commitment to the peace process"));
    assert!(s1.contains("underscored that France has \"no right"));
    let s3 = &find(&docs, "004_", Some(3)).text;
    assert!(s3.contains("On November 22, 2022, the Azerbaijani Cabinet of Ministers"));
    assert!(s3.contains("joint investment portfolio, indicate a serious commitment to economic integration. Prime Minister Sharif noted"));
    assert!(find(&docs, "004_", Some(2))
        .text
        .contains("A $600 million arms deal"));
}

#[test]
fn seed_offsets_are_valid() {
    for doc in seed_documents() {
        let text = &doc.text;
        let mut prev = 0;
        for p in &doc.paragraphs {
            assert!(p.start >= prev && p.start < p.end && p.end as usize <= text.len());
            assert!(
                text.is_char_boundary(p.start as usize) && text.is_char_boundary(p.end as usize)
            );
            prev = p.end;
        }
        let mut prev = 0;
        for s in &doc.sentences {
            let p = doc.paragraphs[s.paragraph as usize];
            assert!(s.start >= prev && s.start < s.end && p.start <= s.start && s.end <= p.end);
            assert!(
                text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize)
            );
            let t = &text[s.range()];
            assert_eq!(t, t.trim());
            prev = s.end;
        }
    }
}

#[test]
fn parse_file_splits_the_bulletin_alone() {
    let (name, bytes) = SEEDS[4];
    let docs = parse_file(name, bytes);
    let sections: Vec<Option<u32>> = docs.iter().map(|d| d.section).collect();
    assert_eq!(sections, [Some(1), Some(2), Some(3), Some(4)]);
}

/// Collapses whitespace and undoes the `\$` escape that the reference keeps from the raw files.
fn normalized(s: &str) -> String {
    s.replace("\\$", "$")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every reference relation sentence (copied from the documents) is exactly one of our sentences.
/// Fails, saying why, when the shared evaluation folder is not beside the repository.
#[test]
fn every_reference_relation_sentence_is_one_parsed_sentence() {
    let gold: serde_json::Value =
        serde_json::from_str(&shared_eval("seeds-relations.json")).expect("valid JSON");
    let docs = seed_documents();
    let mut misses = Vec::new();
    let mut total = 0;
    for g in gold["documents"].as_array().into_iter().flatten() {
        let file = g["file"].as_str().unwrap_or_default();
        let section = g["section"].as_u64().map(|s| s as u32);
        let doc = find(&docs, file, section);
        let ours: Vec<String> = (0..doc.sentences.len())
            .map(|i| normalized(doc.sentence_text(i)))
            .collect();
        for s in g["sentences"].as_array().into_iter().flatten() {
            total += 1;
            let want = normalized(s["text"].as_str().unwrap_or_default());
            let n = ours.iter().filter(|o| **o == want).count();
            if n != 1 {
                misses.push(format!("{file} {section:?} ({n} matches): {want}"));
            }
        }
    }
    assert!(total > 100, "only {total} reference sentences");
    assert!(
        misses.is_empty(),
        "{} of {total} missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

/// The held-out articles (written outside the seeds, in `tests/eval/heldout`, committed) get their
/// reference dates and a detected headline: the rules are not tuned to the seeds.
#[test]
// The held-out folder is read natively: its files are listed, not named here.
#[allow(clippy::disallowed_methods)]
fn heldout_articles_get_their_reference_dates() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/eval/heldout");
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir}: {e}"));
    let mut checked = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("JSON");
        let text = std::fs::read(path.with_extension("txt")).expect("the article");
        let docs = parse_file(gold["file"].as_str().unwrap_or_default(), &text);
        assert_eq!(docs.len(), 1, "{path:?}");
        let doc = &docs[0];
        assert_eq!(
            doc.date.map(|d| d.value.to_string()),
            gold["date"].as_str().map(str::to_string),
            "{path:?}"
        );
        assert!(doc.title.is_some(), "{path:?}: no headline");
        assert!(doc.warnings.is_empty(), "{path:?}: {:?}", doc.warnings);
        checked += 1;
    }
    assert!(checked > 0);
}
