//! Unit tests of the import dispatch and readers: one row per input, with what it must give.

use super::*;

/// What a file must give: documents (with their titles), or a refusal of a kind.
#[derive(Debug)]
enum Expect<'a> {
    Docs(&'a [Option<&'a str>]),
    Refused(RefusalKind),
}

fn check(name: &str, input: &[u8], expected: Expect) {
    let out = read_file(name, input);
    match expected {
        Expect::Docs(titles) => {
            assert!(out.refusal.is_none(), "{name}: refused: {:?}", out.refusal);
            let got: Vec<Option<String>> = out
                .documents
                .iter()
                .map(|d| d.title.as_ref().map(|t| t.value.clone()))
                .collect();
            let want: Vec<Option<String>> = titles.iter().map(|t| t.map(str::to_string)).collect();
            // Titles the parser may detect on its own are not pinned here: only given ones.
            assert_eq!(got.len(), want.len(), "{name}: documents {got:?}");
            for (g, w) in got.iter().zip(&want) {
                if w.is_some() {
                    assert_eq!(g, w, "{name}");
                }
            }
            for d in &out.documents {
                assert!(!d.text.trim().is_empty(), "{name}: empty document");
            }
        }
        Expect::Refused(kind) => {
            let r = out.refusal.unwrap_or_else(|| panic!("{name}: not refused"));
            assert_eq!(r.kind, kind, "{name}: {}", r.message);
            assert!(
                r.message.starts_with(name),
                "{name}: message {:?}",
                r.message
            );
            assert!(out.documents.is_empty());
        }
    }
}

#[test]
fn dispatches_and_refuses() {
    use Expect::*;
    let rows: &[(&str, &[u8], Expect)] = &[
        ("a.txt", b"Some article text about talks.\n", Docs(&[None])),
        ("a.MD", b"---\ntitle: Given\n---\nTalks continued in Baku on Monday.\n", Docs(&[None])),
        ("dir/a.htm", b"<h1>Head</h1><p>Talks continued in Baku on Monday.</p>", Docs(&[Some("Head")])),
        ("a.html", b"<nav>Home</nav><script>x()</script>", Refused(RefusalKind::OnlyBoilerplate)),
        ("a.json", b"[{\"title\":\"T\",\"text\":\"Talks continued in Baku on Monday.\"}]", Docs(&[Some("T")])),
        ("a.json", b"{\"documents\":[{\"text\":\"Talks continued in Baku on Monday.\"},{\"text\":\"Talks continued in Baku on Monday.\"}]}", Docs(&[None, None])),
        ("a.json", b"{\"title\":\"One\",\"text\":\"Talks continued in Baku on Monday.\"}", Docs(&[Some("One")])),
        ("a.json", b"[{\"title\":\"T\"}]", Refused(RefusalKind::Empty)),
        ("a.json", b"[1, 2]", Refused(RefusalKind::Empty)),
        ("a.json", b"{\"x\":1}", Refused(RefusalKind::UnknownShape)),
        ("a.json", b"\"text\"", Refused(RefusalKind::UnknownShape)),
        ("a.json", b"[\n{\"text\": \"a\"},\n{\"text\" \"b\"}\n]", Refused(RefusalKind::Syntax { line: 3 })),
        ("a.json", b"[{\"text\": \"a\"}", Refused(RefusalKind::Syntax { line: 1 })),
        ("a.csv", b"title,text\nT,Talks continued in Baku on Monday.\n", Docs(&[Some("T")])),
        ("a.csv", b"Title;TEXT\nT;Talks continued in Baku on Monday.\nU;Talks continued in Baku on Monday.\n", Docs(&[Some("T"), Some("U")])),
        ("a.csv", b"title,body\nT,Talks continued in Baku on Monday.\n", Docs(&[Some("T")])),
        ("a.csv", b"title,date\nT,2024\n", Refused(RefusalKind::UnknownShape)),
        ("a.csv", b"title,text\nT,\"open\n", Refused(RefusalKind::Syntax { line: 2 })),
        ("a.csv", b"title,text\nT,\n", Refused(RefusalKind::Empty)),
        ("a.pdf", b"%PDF-1.4", Refused(RefusalKind::UnsupportedFormat)),
        ("README", b"text", Refused(RefusalKind::UnsupportedFormat)),
        (".txt", b"text", Refused(RefusalKind::UnsupportedFormat)),
        ("a.txt", b"", Refused(RefusalKind::Empty)),
        ("a.txt", b" \n\t\r\n", Refused(RefusalKind::Empty)),
        ("a.json", b"\xEF\xBB\xBF", Refused(RefusalKind::Empty)),
    ];
    for (name, input, expected) in rows {
        check(
            name,
            input,
            match expected {
                Docs(t) => Docs(t),
                Refused(k) => Refused(*k),
            },
        );
    }
}

#[test]
fn refuses_files_over_the_limit() {
    let big = vec![b'a'; MAX_FILE_BYTES + 1];
    let out = read_file("big.txt", &big);
    let r = out.refusal.expect("refused");
    assert_eq!(r.kind, RefusalKind::TooLarge);
    assert!(r.message.contains("50 MB"), "{}", r.message);
    // A browser refuses from the size alone, with the same outcome.
    assert_eq!(
        refuse_too_large("big.txt", big.len() as u64),
        read_file("big.txt", &big)
    );
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    for name in ["bad.txt", "bad.html"] {
        let out = read_file(name, b"Caf\xE9 talks in Baku continue.\n");
        assert!(out.refusal.is_none(), "{name}");
        let doc = &out.documents[0];
        assert!(doc.text.contains("Caf\u{FFFD}"), "{name}: {:?}", doc.text);
        assert!(
            doc.warnings.iter().any(|w| w.contains("UTF-8")),
            "{name}: {:?}",
            doc.warnings
        );
    }
    let ok = read_file("good.txt", "Café talks.".as_bytes());
    assert!(ok.documents[0]
        .warnings
        .iter()
        .all(|w| !w.contains("UTF-8")));
}

#[test]
fn utf16_with_a_byte_order_mark_is_read() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Talks in Baku.".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let out = read_file("w.txt", &bytes);
    assert!(out.documents[0].text.contains("Talks in Baku."));
}

#[test]
fn given_values_win_and_survive_quotes_and_newlines() {
    let json = br#"[{"title":"\"Quoted\" and \"more\"","date":"2024-07-03","source":"Ex\nNews","url":"https://e.x/a","author":"A: B","text":"Talks continued in Baku on Monday."}]"#;
    let out = read_file("q.json", json);
    let d = &out.documents[0];
    assert_eq!(d.title.as_ref().unwrap().value, "\"Quoted\" and \"more\"");
    assert_eq!(d.title.as_ref().unwrap().origin, Origin::FrontMatter);
    assert_eq!(d.date.unwrap().value.to_string(), "2024-07-03");
    assert_eq!(d.source.as_ref().unwrap().value, "Ex News");
    assert_eq!(d.author.as_ref().unwrap().value, "A: B");
    assert_eq!(d.url.as_ref().unwrap().value, "https://e.x/a");
}

#[test]
fn only_web_links_are_kept() {
    let rows = [
        ("https://e.x/a", true),
        ("HTTP://e.x/a", true),
        ("javascript:alert(1)", false),
        (" JaVaScRiPt:alert(1)", false),
        ("data:text/html,<script>", false),
        ("https://e.x/a b", false),
        ("//e.x/a", false),
    ];
    for (url, kept) in rows {
        let json =
            serde_json::json!([{ "url": url, "text": "Talks continued in Baku on Monday." }])
                .to_string();
        let out = read_file("u.json", json.as_bytes());
        let d = &out.documents[0];
        assert_eq!(d.url.is_some(), kept, "{url}");
        let warned = d.warnings.iter().any(|w| w.contains("only http and https"));
        assert_eq!(warned, !kept, "{url}: {:?}", d.warnings);
    }
}

#[test]
fn extract_output_round_trips() {
    let corpus = crate::parse::parse_corpus(
        "t",
        vec![
            (
                "one.txt".into(),
                "First title\n\nSome text. More text.\n".as_bytes().to_vec(),
            ),
            (
                "two.txt".into(),
                "---\ntitle: Two\ndate: 2024-07\n---\nOther text.\n"
                    .as_bytes()
                    .to_vec(),
            ),
        ],
    );
    let analyses: Vec<_> = corpus.documents.iter().map(crate::analyze).collect();
    let pairs: Vec<_> = corpus.documents.iter().zip(&analyses).collect();
    let json = crate::export::extract_json(&pairs);
    let out = read_file("extract.json", json.as_bytes());
    assert!(out.refusal.is_none(), "{:?}", out.refusal);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert_eq!(out.documents.len(), corpus.documents.len());
    for (got, want) in out.documents.iter().zip(&corpus.documents) {
        assert_eq!(got.id, want.id);
        assert_eq!(got.text, want.text);
        assert_eq!(got.paragraphs, want.paragraphs);
        assert_eq!(got.sentences, want.sentences);
        assert_eq!(got.title, want.title);
        assert_eq!(got.date, want.date);
        assert_eq!(got.source_file, want.source_file);
    }
}

#[test]
fn inconsistent_extract_records_are_parsed_again() {
    let json = br#"[{"source_file":"x.txt","section":null,"text":"Talks continued in Baku on Monday.","paragraphs":[[0,99]],"sentences":[[0,10,0]]}]"#;
    let out = read_file("x.json", json);
    assert_eq!(out.documents.len(), 1);
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    let d = &out.documents[0];
    assert!(d.paragraphs.iter().all(|p| p.end as usize <= d.text.len()));
}

#[test]
fn csv_rows_become_sections_and_warn() {
    let csv = b"title,text,date\nA,Talks continued in Baku on Monday.,2024-01-02\nB,,\n\nC,Talks continued in Baku on Monday.,2024,extra\n";
    let out = read_file("rows.csv", csv);
    let titles: Vec<_> = out
        .documents
        .iter()
        .map(|d| d.title.as_ref().unwrap().value.as_str())
        .collect();
    assert_eq!(titles, ["A", "C"]);
    let ids: Vec<_> = out.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["rows-s1", "rows-s2"]);
    assert_eq!(
        out.documents[0].date.unwrap().value.to_string(),
        "2024-01-02"
    );
    assert_eq!(out.warnings.len(), 2, "{:?}", out.warnings);
    assert!(out.warnings[0].contains("line 3"), "{}", out.warnings[0]);
    assert!(out.warnings[1].contains("line 5"), "{}", out.warnings[1]);
}

#[test]
fn read_files_keeps_going_and_counts() {
    let files = vec![
        ("b.txt".to_string(), b"The body of b is a sentence.".to_vec()),
        ("a.txt".to_string(), b"The body of a is a sentence.".to_vec()),
        ("a.json".to_string(), b"[{\"text\":\"Talks continued in Baku on Monday.\"},{\"text\":\"Talks continued in Baku on Monday.\"},{\"x\":1}]".to_vec()),
        ("bad.json".to_string(), b"[".to_vec()),
        ("c.pdf".to_string(), b"%PDF".to_vec()),
        ("dir/a.txt".to_string(), b"The body of another a is a sentence.".to_vec()),
    ];
    let report = read_files(files);
    let s = report.summary;
    assert_eq!(s.files, 6);
    assert_eq!(s.files_imported, 4);
    assert_eq!(s.skipped, 2);
    assert_eq!(s.imported, 5);
    assert!(s.warnings >= 1);
    let names: Vec<_> = report.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["a.json", "a.txt", "b.txt", "bad.json", "c.pdf", "dir/a.txt"]
    );
    let mut ids: Vec<_> = report.documents.iter().map(|d| d.id.clone()).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "ids must be unique: {ids:?}");
    assert!(report.documents.iter().any(|d| d.id == "a-2"));
}

#[test]
fn hostile_names_cannot_reorder_messages() {
    let out = read_file("evil\u{202E}fdp.txt\u{0}.pdf", b"x");
    let msg = out.refusal.unwrap().message;
    assert!(!msg.contains('\u{202E}') && !msg.contains('\0'), "{msg:?}");
}

#[test]
fn hostile_shapes_stay_linear() {
    // Each of these was quadratic in a first draft: many distinct <meta> names, many
    // <article>s, and many documents sharing one id.
    let n = 20_000;
    let mut html = String::new();
    for i in 0..n {
        html.push_str(&format!(
            "<meta name=k{i} content=v><article><p>Story number {i} is here.</p></article>"
        ));
    }
    let out = read_file("many.html", html.as_bytes());
    assert_eq!(out.documents.len(), 1);

    let mut importer = Importer::default();
    let doc = Document {
        id: "same".into(),
        text: "Talks continued in Baku on Monday.".into(),
        ..Document::default()
    };
    let outcome = FileOutcome {
        name: "same.json".into(),
        documents: vec![doc; n],
        ..FileOutcome::default()
    };
    importer.add_outcome(outcome.clone());
    importer.add_outcome(outcome);
    let report = importer.finish();
    assert_eq!(report.documents[n - 1].id, format!("same-{n}"));
    assert_eq!(report.documents[2 * n - 1].id, format!("same-{}", 2 * n));
}
