//! Tests of the whole parser on small, made-up inputs: adversarial files (empty, only boilerplate,
//! CRLF, BOM, invalid UTF-8, a 5 MB single line, control characters), front matter, metadata
//! shapes, bulletins, sentence edge cases, and a property test that parsing never panics and every
//! offset is valid on arbitrary input.

use super::*;
use crate::model::{Document, Origin};
use proptest::prelude::*;

/// Checks the structural invariants every parsed document keeps.
pub(crate) fn check_invariants(doc: &Document) {
    let text = &doc.text;
    let len = text.len() as u32;
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "control character in {text:?}"
    );
    let mut prev_end = 0;
    for (i, p) in doc.paragraphs.iter().enumerate() {
        assert!(p.start < p.end && p.end <= len, "paragraph {i} {p:?}");
        assert!(text.is_char_boundary(p.start as usize) && text.is_char_boundary(p.end as usize));
        assert!(
            i == 0 || p.start >= prev_end + 2,
            "paragraphs overlap or touch"
        );
        let s = &text[p.range()];
        assert_eq!(s, s.trim(), "paragraph {i} is not trimmed");
        prev_end = p.end;
    }
    // Paragraphs cover the text: it is exactly them joined by blank lines.
    let rebuilt: Vec<&str> = doc.paragraphs.iter().map(|p| &text[p.range()]).collect();
    assert_eq!(rebuilt.join("\n\n"), *text);
    let mut prev_end = 0;
    for (i, s) in doc.sentences.iter().enumerate() {
        assert!(s.start < s.end && s.end <= len, "sentence {i} {s:?}");
        assert!(text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize));
        assert!(s.start >= prev_end, "sentences out of order or overlapping");
        let p = doc.paragraphs[s.paragraph as usize];
        assert!(
            p.start <= s.start && s.end <= p.end,
            "sentence {i} outside its paragraph"
        );
        prev_end = s.end;
    }
    for w in doc.sentences.windows(2) {
        assert!(w[0].paragraph <= w[1].paragraph);
    }
}

/// Parses a single-document input and checks its invariants.
fn parse_one(input: &str) -> Document {
    let docs = parse_file("test.txt", input.as_bytes());
    assert_eq!(docs.len(), 1, "{input:?}");
    check_invariants(&docs[0]);
    docs.into_iter().next().unwrap_or_default()
}

fn sentences(doc: &Document) -> Vec<&str> {
    (0..doc.sentences.len())
        .map(|i| doc.sentence_text(i))
        .collect()
}

fn value(f: &Option<crate::model::Field>) -> Option<&str> {
    f.as_ref().map(|f| f.value.as_str())
}

#[test]
fn empty_and_blank_files_give_one_empty_document_with_a_warning() {
    for input in ["", "\n\n", "   \n\t\n", "\u{FEFF}"] {
        let doc = parse_one(input);
        assert_eq!(doc.text, "");
        assert!(doc.paragraphs.is_empty() && doc.sentences.is_empty());
        assert_eq!(doc.warnings, [NO_TEXT_WARNING], "{input:?}");
        assert_eq!(doc.display_title(), (String::new(), true));
    }
}

#[test]
fn only_boilerplate_keeps_it_aside() {
    let doc = parse_one("Read more\n\nFollow us on Twitter\nTags:\nLatest\n\n12\n\napa.az\n");
    assert_eq!(doc.text, "");
    assert_eq!(doc.warnings, [NO_TEXT_WARNING]);
    let removed: Vec<&str> = doc.removed.iter().map(|r| r.text.as_str()).collect();
    assert!(removed.join("\n").contains("Read more"));
    assert!(removed.join("\n").contains("apa.az"));
}

#[test]
fn no_title_is_derived_and_flagged() {
    let doc = parse_one("Azerbaijan and Pakistan signed deals. Trade grew by 5 percent.");
    assert_eq!(doc.title, None);
    assert_eq!(doc.warnings, [NO_TITLE_WARNING]);
    let (title, derived) = doc.display_title();
    assert!(derived);
    assert_eq!(title, "Azerbaijan and Pakistan signed deals.");
}

#[test]
fn crlf_bom_and_control_characters_parse_like_clean_text() {
    let clean = "A headline about talks\n\nBAKU, Azerbaijan, May 2. The talks went well. Both sides agreed.\n\nThey met again.";
    let want = parse_one(clean);
    for input in [
        clean.replace('\n', "\r\n"),
        format!("\u{FEFF}{clean}"),
        clean
            .replace("talks", "ta\u{0}lks")
            .replace("went", "we\u{7}nt\u{1B}"),
        clean.replace(' ', "\u{A0}"),
    ] {
        let doc = parse_one(&input);
        assert_eq!(doc.text, want.text, "{input:?}");
        assert_eq!(doc.sentences, want.sentences);
        assert_eq!(doc.title, want.title);
        assert_eq!(doc.date, want.date);
    }
    assert_eq!(value(&want.title), Some("A headline about talks"));
    assert_eq!(
        want.date.map(|d| d.value.to_string()).as_deref(),
        Some("--05-02")
    );
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let docs = parse_file("x.txt", b"Caf\xE9 talks ended. Both \xFF sides left.");
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    check_invariants(doc);
    assert!(doc.text.contains('\u{FFFD}'));
    assert!(doc.warnings.iter().any(|w| w == normalize::LOSSY_WARNING));
}

#[test]
// A guard against quadratic scans (hours, not seconds), not a speed measurement: the one clock
// read in the core's tests.
#[allow(clippy::disallowed_methods, clippy::disallowed_types)]
fn a_5mb_single_line_is_parsed_in_linear_time() {
    let sentence = "Azerbaijan and the U.S. signed 20.7 deals with Mr. Smith. ";
    let line = sentence.repeat(5_000_000 / sentence.len() + 1);
    let start = std::time::Instant::now();
    let doc = parse_one(&line);
    let elapsed = start.elapsed();
    assert_eq!(doc.paragraphs.len(), 1);
    assert_eq!(doc.sentences.len(), 5_000_000 / sentence.len() + 1);
    // Generous even for a debug build on a busy machine; a quadratic scan would take hours.
    assert!(elapsed.as_secs() < 20, "took {elapsed:?}");
    // Pathological shapes: no spaces at all, only periods, one huge word before a period.
    for input in [
        "a".repeat(1_000_000),
        ". ".repeat(500_000),
        format!("{}. The end.", "x".repeat(1_000_000)),
        "Contents\n".to_string() + &"Entry line\n".repeat(100_000),
    ] {
        let start = std::time::Instant::now();
        let docs = parse_file("big.txt", input.as_bytes());
        docs.iter().for_each(check_invariants);
        assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
    }
}

#[test]
fn front_matter_wins_over_detection() {
    let input = "---\ntitle: Given title\ndate: 2024-07-03\nsource: Given Source\nurl: https://example.com/a\nauthor: Given Author\n---\nDetected headline here\n\n date 2025-01-01\n\nBAKU, Azerbaijan, May 2. Text of the article follows here.";
    let doc = parse_one(input);
    let fm = |f: &Option<crate::model::Field>| f.as_ref().map(|f| (f.value.clone(), f.origin));
    let given = |s: &str| Some((s.to_string(), Origin::FrontMatter));
    assert_eq!(fm(&doc.title), given("Given title"));
    assert_eq!(fm(&doc.source), given("Given Source"));
    assert_eq!(fm(&doc.url), given("https://example.com/a"));
    assert_eq!(fm(&doc.author), given("Given Author"));
    let date = doc.date.expect("a date");
    assert_eq!(
        (date.value.to_string(), date.origin),
        ("2024-07-03".to_string(), Origin::FrontMatter)
    );
    // Detection still fills what the front matter does not give, and the text keeps no front matter.
    assert_eq!(value(&doc.place), Some("BAKU, Azerbaijan"));
    assert!(!doc.text.contains("---") && !doc.text.contains("title:"));
    assert!(doc.text.starts_with("Detected headline here\n\nBAKU"));
}

#[test]
fn front_matter_with_a_bad_date_warns() {
    let doc =
        parse_one("---\ndate: sometime\n---\nA headline of the story\n\nThe text of the story.");
    assert!(doc.warnings.iter().any(|w| w.contains("sometime")));
    assert_eq!(doc.date, None);
}

/// Metadata expected from a small article.
struct Want {
    title: Option<&'static str>,
    date: Option<&'static str>,
    source: Option<&'static str>,
    author: Option<&'static str>,
    category: Option<&'static str>,
    place: Option<&'static str>,
    first_paragraph: &'static str,
}

const NONE: Want = Want {
    title: None,
    date: None,
    source: None,
    author: None,
    category: None,
    place: None,
    first_paragraph: "",
};

fn check_meta(input: &str, want: Want) {
    let doc = parse_one(input);
    assert_eq!(value(&doc.title), want.title, "title of {input:?}");
    assert_eq!(
        doc.date.map(|d| d.value.to_string()).as_deref(),
        want.date,
        "date of {input:?}"
    );
    assert_eq!(value(&doc.source), want.source, "source of {input:?}");
    assert_eq!(value(&doc.author), want.author, "author of {input:?}");
    assert_eq!(value(&doc.category), want.category, "category of {input:?}");
    assert_eq!(value(&doc.place), want.place, "place of {input:?}");
    let first = doc.paragraphs.first().map_or("", |p| &doc.text[p.range()]);
    assert_eq!(first, want.first_paragraph, "first paragraph of {input:?}");
}

#[test]
fn detects_metadata_from_line_shapes() {
    check_meta(
        "Published: 3 March 2024\nBy Jane Doe\n\nTalks resume in Geneva\n\nGENEVA (Reuters) - Talks resumed on Monday. Both sides met.",
        Want {
            title: Some("Talks resume in Geneva"),
            date: Some("2024-03-03"),
            source: Some("Reuters"),
            author: Some("Jane Doe"),
            place: Some("GENEVA"),
            first_paragraph: "Talks resume in Geneva",
            ..NONE
        },
    );
    check_meta(
        "Home / World / Europe\n\nEU and Armenia hold talks\n\nSource: Example Agency\n\nBRUSSELS – The EU and Armenia held talks on Monday.",
        Want {
            title: Some("EU and Armenia hold talks"),
            source: Some("Example Agency"),
            category: Some("Europe"),
            place: Some("BRUSSELS"),
            first_paragraph: "EU and Armenia hold talks",
            ..NONE
        },
    );
    check_meta(
        "2025-04-22 Some unrelated promoted headline\n1. Home\n2. Economy\n\nGas exports rise to record\n\nMay 5, 2025 10:00\nFollow Example on\nJohn Smith\nJohn Smith\n\nExports rose sharply this year, officials said.\n\nTags:\nGas\nExports",
        Want {
            title: Some("Gas exports rise to record"),
            date: Some("2025-04-22"),
            source: Some("Example"),
            author: Some("John Smith"),
            category: Some("Economy"),
            first_paragraph: "Gas exports rise to record",
            ..NONE
        },
    );
    check_meta(
        "INSTITUTE FOR REGIONAL STUDIES\nMARCH 2023\nREPORT\n\nEnergy corridors in the Caspian region\n\nThe region's corridors grew in importance this decade.",
        Want {
            title: Some("Energy corridors in the Caspian region"),
            date: Some("2023-03"),
            source: Some("Institute for Regional Studies"),
            category: Some("Report"),
            first_paragraph: "Energy corridors in the Caspian region",
            ..NONE
        },
    );
    check_meta(
        "EN\n\nEXCLUSIVE: Minister speaks on trade-INTERVIEW\n\nThe minister spoke about trade with reporters.\n\n45\n12 comments\nexample.com",
        Want {
            title: Some("Minister speaks on trade"),
            source: Some("example.com"),
            category: Some("Interview"),
            first_paragraph: "EXCLUSIVE: Minister speaks on trade-INTERVIEW",
            ..NONE
        },
    );
    // A label word opening prose is not a metadata label.
    check_meta(
        "Pipelines across the Caspian\n\nVia Baku, the pipeline reaches Europe\n\nBy the end of 2024 trade doubled\n\nThe pipeline carried more gas this year than ever.",
        Want {
            title: Some("Pipelines across the Caspian"),
            first_paragraph: "Pipelines across the Caspian",
            ..NONE
        },
    );
    // A headline that mentions a date is still a headline; a year alone is no date line.
    check_meta(
        "Azerbaijan and China sign deal on 22 April 2025 in Beijing\n\n2024 was a record year for trade between them, officials said.",
        Want {
            title: Some("Azerbaijan and China sign deal on 22 April 2025 in Beijing"),
            first_paragraph: "Azerbaijan and China sign deal on 22 April 2025 in Beijing",
            ..NONE
        },
    );
    // Fields side by side on a byline; a place before a date.
    check_meta(
        "Niger and Nigeria agree to reopen crossings\n\nBy Amina Bello | 3 March 2025\n\nNIAMEY — The two states agreed on Monday.",
        Want {
            title: Some("Niger and Nigeria agree to reopen crossings"),
            date: Some("2025-03-03"),
            author: Some("Amina Bello"),
            place: Some("NIAMEY"),
            first_paragraph: "Niger and Nigeria agree to reopen crossings",
            ..NONE
        },
    );
    check_meta(
        "Georgia's ports bet on the corridor\n\nTbilisi, 12 September 2024 (Regional Desk)\n\nGeorgia plans to triple the port's capacity.",
        Want {
            title: Some("Georgia's ports bet on the corridor"),
            date: Some("2024-09-12"),
            place: Some("Tbilisi"),
            first_paragraph: "Georgia's ports bet on the corridor",
            ..NONE
        },
    );
    check_meta(
        "(MENAFN- Example News) The talks ended on Friday in Baku.",
        Want {
            source: Some("Example News"),
            first_paragraph: "The talks ended on Friday in Baku.",
            ..NONE
        },
    );
    // A credit that lost its opening bracket, glued to the lead.
    check_meta(
        "date 2025-12-05 MENAFN - Example News Agency)For many years, trade was slow. It grew.",
        Want {
            date: Some("2025-12-05"),
            source: Some("Example News Agency"),
            first_paragraph: "For many years, trade was slow. It grew.",
            ..NONE
        },
    );
}

#[test]
fn metadata_lines_of_other_shapes() {
    let doc = parse_one(
        "# Ministers meet in Baku\n\nPublished: 12.03.2024 | 14:35\nUpdated 2 hours ago\n5 min read\n\nMOSCOW, March 15 /TASS/. Ministers met. Share prices rose 5 percent on Monday.\n\nPhoto: Reuters\n\nThey agreed on a plan.",
    );
    assert_eq!(value(&doc.title), Some("Ministers meet in Baku"));
    assert_eq!(
        doc.date.map(|d| d.value.to_string()).as_deref(),
        Some("2024-03-12")
    );
    assert_eq!(value(&doc.source), Some("TASS"));
    let paragraphs: Vec<&str> = doc
        .paragraphs
        .iter()
        .map(|p| &doc.text[p.range()])
        .collect();
    assert_eq!(
        paragraphs,
        [
            "Ministers meet in Baku",
            "MOSCOW, March 15 /TASS/. Ministers met. Share prices rose 5 percent on Monday.",
            "They agreed on a plan.",
        ]
    );
    let reasons: Vec<&str> = doc.removed.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(reasons, ["date line", "reading time", "photo credit"]);
}

#[test]
fn removes_boilerplate_but_keeps_sub_headings() {
    let doc = parse_one(
        "AZ\n\nA long headline about relations between two states\n\nThe first paragraph of the article says something.\n\nA sub-heading inside the article\n\nThe second paragraph says more. It ends here.\n\nRead more\n\nStay up-to-date with more news on Example's WhatsApp channel\n\nSeçilən\n87\n50\nexample.az\n\n10Mənbələr",
    );
    let paragraphs: Vec<&str> = doc
        .paragraphs
        .iter()
        .map(|p| &doc.text[p.range()])
        .collect();
    assert_eq!(
        paragraphs,
        [
            "A long headline about relations between two states",
            "The first paragraph of the article says something.",
            "A sub-heading inside the article",
            "The second paragraph says more. It ends here.",
        ]
    );
    assert_eq!(value(&doc.source), Some("example.az"));
    let reasons: Vec<&str> = doc.removed.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "language marker",
            "read more link",
            "share prompt",
            "site furniture"
        ]
    );
}

#[test]
fn joins_lines_broken_by_page_breaks() {
    let doc = parse_one(
        "Heading of the piece\n\nThe stalemate was an internal matter that should not be part of bilateral\n\n12\n\nnegotiations. Progress began in 2023. On November 22, 2022, the\n\nCabinet of Ministers decided to act.\n\nA sub-heading\n\nMore text follows here.",
    );
    let paragraphs: Vec<&str> = doc
        .paragraphs
        .iter()
        .map(|p| &doc.text[p.range()])
        .collect();
    assert_eq!(
        paragraphs,
        [
            "Heading of the piece",
            "The stalemate was an internal matter that should not be part of bilateral negotiations. Progress began in 2023. On November 22, 2022, the Cabinet of Ministers decided to act.",
            "A sub-heading",
            "More text follows here.",
        ]
    );
    assert_eq!(
        sentences(&doc)[1..4],
        [
            "The stalemate was an internal matter that should not be part of bilateral negotiations.",
            "Progress began in 2023.",
            "On November 22, 2022, the Cabinet of Ministers decided to act."
        ]
    );
    assert!(doc.removed.iter().any(|r| r.text == "12"));
}

#[test]
fn joins_hard_wrapped_lines() {
    let doc = parse_one(
        "The foreign ministers of Azerbaijan and Armenia met with\nPresident Ilham Aliyev and Prime Minister Nikol Pashinyan on\nMonday. They discussed the text of the peace treaty and\nBorder Commission work.\n\nA short heading\nThe next paragraph starts on the line after its heading.",
    );
    assert_eq!(doc.title, None);
    let paragraphs: Vec<&str> = doc
        .paragraphs
        .iter()
        .map(|p| &doc.text[p.range()])
        .collect();
    assert_eq!(
        paragraphs,
        [
            "The foreign ministers of Azerbaijan and Armenia met with President Ilham Aliyev and Prime Minister Nikol Pashinyan on Monday. They discussed the text of the peace treaty and Border Commission work.",
            "A short heading",
            "The next paragraph starts on the line after its heading.",
        ]
    );
}

#[test]
fn splits_sentences_at_real_ends_only() {
    for (input, want) in [
        (
            "Ties with the U.S. and U.K. grew. Mr. Aliyev met Dr. Lee. No. 5 was signed.",
            &[
                "Ties with the U.S. and U.K. grew.",
                "Mr. Aliyev met Dr. Lee.",
                "No. 5 was signed.",
            ][..],
        ),
        (
            "Trade rose 20.7 percent, e.g. in gas. It was $3.7 billion in Jan. 2024.",
            &[
                "Trade rose 20.7 percent, e.g. in gas.",
                "It was $3.7 billion in Jan. 2024.",
            ],
        ),
        (
            "He said “it is over.” Then he left... quietly. “Yes,” she said.",
            &[
                "He said “it is over.”",
                "Then he left... quietly.",
                "“Yes,” she said.",
            ],
        ),
        (
            "'We agree,' he said. \"Good.\" J. R. Smith came. Was it right? Yes!",
            &[
                "'We agree,' he said.",
                "\"Good.\"",
                "J. R. Smith came.",
                "Was it right?",
                "Yes!",
            ],
        ),
        (
            "Relations with the U.S. The visit was short.",
            &["Relations with the U.S.", "The visit was short."],
        ),
    ] {
        let doc = parse_one(input);
        assert_eq!(sentences(&doc), want, "{input:?}");
    }
}

#[test]
fn unescapes_markdown() {
    let doc = parse_one("A deal worth \\$600 million was signed. It is *big*.");
    assert_eq!(
        doc.text,
        "A deal worth $600 million was signed. It is *big*."
    );
}

#[test]
fn splits_a_publication_into_sections() {
    let input = "EXAMPLE CENTRE FOR POLICY RESEARCH\n\nMAY-2023\n\nNEWSLETTER\n\nContents\n\n1. First story about gas ....... 2\n2. Second story about trade ....... 5\n\n1. First story about gas\n\nGas flows rose this spring. Exports grew.\n\n2. Second story about trade\n\nBy Ann Lee\n\nTrade grew too. Both sides were pleased.";
    let docs = parse_file("news.txt", input.as_bytes());
    docs.iter().for_each(check_invariants);
    // (section, title, date, source, author)
    type Row<'a> = (
        Option<u32>,
        Option<&'a str>,
        Option<String>,
        Option<&'a str>,
        Option<&'a str>,
    );
    let got: Vec<Row<'_>> = docs
        .iter()
        .map(|d| {
            (
                d.section,
                value(&d.title),
                d.date.map(|d| d.value.to_string()),
                value(&d.source),
                value(&d.author),
            )
        })
        .collect();
    let source = Some("Example Centre for Policy Research");
    assert_eq!(
        got,
        [
            (
                Some(1),
                Some("First story about gas"),
                Some("2023-05".into()),
                source,
                None
            ),
            (
                Some(2),
                Some("Second story about trade"),
                Some("2023-05".into()),
                source,
                Some("Ann Lee")
            ),
        ]
    );
    assert_eq!(docs[0].id, "news-s1");
    assert_eq!(
        docs[1].text,
        "2. Second story about trade\n\nTrade grew too. Both sides were pleased."
    );
    assert!(docs[0]
        .removed
        .iter()
        .any(|r| r.reason == "table of contents"));
    assert_eq!(value(&docs[0].category), Some("Newsletter"));
}

#[test]
fn a_contents_table_without_sections_is_set_aside() {
    let doc = parse_one(
        "A report on regional energy\n\nTable of contents\nIntroduction ....... 2\nFindings ....... 4\n\nThe report looks at energy. It finds growth.",
    );
    let paragraphs: Vec<&str> = doc
        .paragraphs
        .iter()
        .map(|p| &doc.text[p.range()])
        .collect();
    assert_eq!(
        paragraphs,
        [
            "A report on regional energy",
            "The report looks at energy. It finds growth."
        ]
    );
    assert!(doc.removed.iter().any(|r| r.reason == "table of contents"));
}

#[test]
fn numbered_headings_without_contents_stay_one_article() {
    let docs = parse_file(
        "a.txt",
        b"An analysis of the region\n\nI. Introduction\n\nThe region matters.\n\nII. Background\n\nIt has a long history.",
    );
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].section, None);
}

#[test]
fn ids_are_stable_and_unique() {
    assert_eq!(
        document_id("seeds/004_ab.txt", Some(2)),
        "004_ab-s2".replace('_', "-")
    );
    assert_eq!(document_id("C:\\x\\My File.TXT", None), "my-file");
    assert_eq!(document_id(".txt", None), "doc");
    let corpus = parse_corpus(
        "c",
        vec![
            ("b/a.txt".into(), b"Text one here.".to_vec()),
            ("a/a.txt".into(), b"Text two here.".to_vec()),
        ],
    );
    let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "a-2"]);
}

/// Text made of the pieces real articles are made of, to reach the parser's deeper paths.
fn article_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just(". ".to_string()),
        Just("U.S. ".to_string()),
        Just("Mr. ".to_string()),
        Just("20.7 ".to_string()),
        Just("… ".to_string()),
        Just("“Quote,” ".to_string()),
        Just("' ".to_string()),
        Just("BAKU, Azerbaijan, February 25. ".to_string()),
        Just(" date 2025-12-05 ".to_string()),
        Just("JULY-2024\n".to_string()),
        Just("Table of contents\n".to_string()),
        Just("- I. **Entry**\n2\n".to_string()),
        Just("I. Entry\n".to_string()),
        Just("1. Home\n2. News\n".to_string()),
        Just("Read more\n".to_string()),
        Just("---\ntitle: x\n---\n".to_string()),
        Just("Ali Gasimov\nAli Gasimov\n".to_string()),
        Just("(MENAFN - X)".to_string()),
        Just("\\$".to_string()),
        Just("**".to_string()),
        Just("\u{FEFF}\u{200B}\u{A0}\u{85}\u{0}".to_string()),
        "[A-Za-zƏəÜüİı ]{0,20}",
        "\\PC{0,8}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let docs = parse_file("x.txt", &bytes);
        prop_assert!(!docs.is_empty());
        docs.iter().for_each(check_invariants);
    }

    #[test]
    fn never_panics_on_arbitrary_strings(s in "\\PC{0,400}") {
        parse_file("x.txt", s.as_bytes()).iter().for_each(check_invariants);
    }

    #[test]
    fn never_panics_on_article_like_text(s in article_like()) {
        parse_file("x.txt", s.as_bytes()).iter().for_each(check_invariants);
    }
}
