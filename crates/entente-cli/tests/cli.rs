//! The `entente` command end to end: real processes on the seed corpus.

use std::process::{Command, Output};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");

fn entente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_entente"))
        .args(args)
        .output()
        .expect("run entente")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

#[test]
fn extract_json_lists_the_eight_seed_documents() {
    let out = entente(&["extract", "--json", SEEDS]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 8);
    let sections: Vec<_> = docs.iter().map(|d| d["section"].as_u64()).collect();
    assert_eq!(
        sections,
        [None, None, None, None, Some(1), Some(2), Some(3), Some(4)]
    );
    for d in docs {
        for key in [
            "id",
            "title",
            "title_derived",
            "text",
            "countries",
            "figures",
            "relations",
            "topics",
        ] {
            assert!(d.get(key).is_some(), "{key} missing");
        }
    }
}

#[test]
fn unreadable_paths_are_reported_and_the_rest_processed() {
    let out = entente(&["extract", "--csv", "/nonexistent/file.txt", SEEDS]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "one line per problem: {err}");
    assert!(err.contains("/nonexistent/file.txt"));
    assert_eq!(
        stdout(&out).lines().count(),
        9,
        "header and the 8 documents"
    );

    let empty = std::env::temp_dir().join(format!("entente-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let out = entente(&["figures", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("holds no .txt, .md, .html, .htm, .json, .csv files"));
    std::fs::remove_dir_all(&empty).ok();

    let out = entente(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_import_format_is_read_and_refusals_are_named() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/import");
    let out = entente(&["extract", "--json", fixtures]);
    assert_eq!(out.status.code(), Some(1), "refused files make the exit 1");
    let docs: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let files: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            d["source_file"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
        })
        .collect();
    // HTML, JSON (both shapes) and CSV records beside text and Markdown; the PDF inside the
    // folder is passed over without a word.
    for name in [
        "article.txt",
        "latin1.txt",
        "notes.md",
        "page.html",
        "records.json",
        "table.csv",
        "wrapped.json",
    ] {
        assert!(files.contains(&name), "{name} missing from {files:?}");
    }
    assert_eq!(
        files.len(),
        9,
        "two records each in records.json and table.csv"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    for (file, reason) in [
        ("boilerplate.html", "no article text"),
        ("broken.json", "invalid JSON at line 3"),
        ("empty.txt", "the file is empty"),
        ("unterminated.csv", "invalid CSV at line 3"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(file) && l.contains(reason)),
            "no line names {file} ({reason}): {err}"
        );
    }
    assert!(!err.contains("report.pdf"), "{err}");
    // Named explicitly, an unsupported file is refused with the reason.
    let out = entente(&["figures", &format!("{fixtures}/report.pdf")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".pdf files are not supported"));
}

#[test]
fn matrix_csv_is_symmetric_and_matches_relation_rows() {
    let out = entente(&["matrix", SEEDS]);
    assert!(out.status.success());
    let text = stdout(&out);
    let rows: Vec<Vec<String>> = text
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    assert_eq!(rows[0][..3], ["code", "name", "kind"]);
    let total = check_matrix_rows(&rows);
    assert!(rows[1..].iter().all(|r| r[2] == "country"));
    // At the sentence window, the matrix counts exactly the relation pairs.
    let rel = entente(&["relations", "--csv", SEEDS]);
    let pairs = stdout(&rel).lines().count() as u64 - 1;
    assert_eq!(total, pairs);

    let bad = entente(&["matrix", "--topic", "nonsense", SEEDS]);
    assert_eq!(bad.status.code(), Some(2));
}

/// Checks that a matrix CSV is square and symmetric, with each row's code heading its column;
/// returns the sum of the counts above the diagonal.
fn check_matrix_rows(rows: &[Vec<String>]) -> u64 {
    let codes = &rows[0][3..];
    let n = codes.len();
    assert_eq!(rows.len(), n + 1);
    let mut total = 0u64;
    for (i, row) in rows[1..].iter().enumerate() {
        assert_eq!(row[0], codes[i]);
        for j in 0..n {
            assert_eq!(row[3 + j], rows[1 + j][3 + i], "symmetric at {i},{j}");
            if j > i {
                total += row[3 + j].parse::<u64>().unwrap();
            }
        }
    }
    total
}

#[test]
fn matrix_orgs_adds_organization_rows_after_the_countries() {
    let rows = |args: &[&str]| -> Vec<Vec<String>> {
        let out = entente(args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout(&out)
            .lines()
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect()
    };
    let countries = rows(&["matrix", SEEDS]);
    let with = rows(&["matrix", "--orgs", SEEDS]);
    check_matrix_rows(&with);
    let kinds: Vec<&str> = with[1..].iter().map(|r| r[2].as_str()).collect();
    let first_org = kinds
        .iter()
        .position(|k| *k == "organization")
        .expect("an organization row");
    assert!(
        kinds[first_org..].iter().all(|k| *k == "organization"),
        "{kinds:?}"
    );
    for row in &with[1 + first_org..] {
        assert!(row[0].starts_with("org."), "{row:?}");
    }
    // The seeds name the European Union and the OSCE Minsk Group beside countries.
    let codes = &with[0][3..];
    for id in ["org.EU", "org.MINSK"] {
        assert!(codes.iter().any(|c| c == id), "{id} in {codes:?}");
    }
    let eu = with.iter().find(|r| r[0] == "org.EU").unwrap();
    assert_eq!(eu[1], "European Union");
    // Country × country counts are unchanged by --orgs (a country named only beside an
    // organization gets a row of its own, with no country co-mentions).
    let count = |rows: &[Vec<String>], a: &str, b: &str| -> u64 {
        let col = rows[0].iter().position(|c| c == b);
        let row = rows.iter().find(|r| r[0] == a);
        match (row, col) {
            (Some(r), Some(c)) => r[c].parse().unwrap(),
            _ => 0,
        }
    };
    let country_codes: Vec<&String> = with[0][3..3 + first_org].iter().collect();
    assert!(country_codes.len() >= countries.len() - 1);
    for a in &country_codes {
        for b in &country_codes {
            assert_eq!(count(&with, a, b), count(&countries, a, b), "{a}-{b}");
        }
    }
    // A country subset keeps the organizations.
    let subset = rows(&["matrix", "--orgs", "--countries", "PK,AZ", SEEDS]);
    assert_eq!(subset[1][0], "PK");
    assert_eq!(subset[2][0], "AZ");
    assert!(subset[3..].iter().all(|r| r[2] == "organization"));
}

#[test]
fn generate_is_deterministic_and_packs() {
    let base = std::env::temp_dir().join(format!("entente-gen-{}", std::process::id()));
    let (a, b) = (base.join("a"), base.join("b"));
    for dir in [&a, &b] {
        let out = entente(&[
            "generate",
            "--docs",
            "25",
            "--seed",
            "9",
            "--from",
            SEEDS,
            dir.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let names: Vec<_> = std::fs::read_dir(&a)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 25);
    for n in &names {
        assert_eq!(
            std::fs::read(a.join(n)).unwrap(),
            std::fs::read(b.join(n)).unwrap()
        );
    }
    let packed = base.join("corpus.entente");
    let out = entente(&["pack", "-o", packed.to_str().unwrap(), a.to_str().unwrap()]);
    assert!(out.status.success());
    let packed = entente_core::codec::decode(&std::fs::read(&packed).unwrap()).unwrap();
    assert!(
        packed.corpus.documents.len() >= 25,
        "bulletins add sections"
    );
    // The pack carries the analyses, so the app opens it without analysing.
    assert_eq!(packed.analyses.len(), packed.corpus.documents.len());
    assert!(packed.analyses.iter().any(|a| !a.countries.is_empty()));
    std::fs::remove_dir_all(&base).ok();
}
