//! Parsing the seed corpus: dump helper (temporary).
use entente_core::parse::parse_file;

const SEEDS: [(&str, &[u8]); 5] = [
    (
        "000_7f270fc2152f3a1b.txt",
        include_bytes!("../../../seeds/000_7f270fc2152f3a1b.txt"),
    ),
    (
        "001_fff5bee5aa7f1e0f.txt",
        include_bytes!("../../../seeds/001_fff5bee5aa7f1e0f.txt"),
    ),
    (
        "002_40c5e84d12538c1d.txt",
        include_bytes!("../../../seeds/002_40c5e84d12538c1d.txt"),
    ),
    (
        "003_97d7f0275bbc7544.txt",
        include_bytes!("../../../seeds/003_97d7f0275bbc7544.txt"),
    ),
    (
        "004_2208a95f7e68815d.txt",
        include_bytes!("../../../seeds/004_2208a95f7e68815d.txt"),
    ),
];

#[test]
fn dump() {
    if std::env::var("ENTENTE_DUMP").is_err() {
        return;
    }
    for (name, bytes) in SEEDS {
        for d in parse_file(name, bytes) {
            println!("=== {} {:?} id={}", d.source_file, d.section, d.id);
            println!("title={:?}", d.title);
            println!("display={:?}", d.display_title());
            println!(
                "date={:?} source={:?} author={:?} category={:?} place={:?} url={:?}",
                d.date.map(|x| x.value.to_string()),
                d.source,
                d.author,
                d.category,
                d.place,
                d.url
            );
            println!("warnings={:?}", d.warnings);
            for r in &d.removed {
                println!("  REMOVED [{}] {:?}", r.reason, r.text);
            }
            for (i, p) in d.paragraphs.iter().enumerate() {
                println!(
                    "  P{i}: {:?}",
                    &d.text[p.range()].chars().take(100).collect::<String>()
                );
            }
            if std::env::var("ENTENTE_DUMP").as_deref() == Ok("s") {
                for s in &d.sentences {
                    println!("    S[{}] {:?}", s.paragraph, &d.text[s.range()]);
                }
            }
        }
    }
}

fn norm(s: &str) -> String {
    s.replace("\\$", "$")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn gold_sentences() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/eval/seeds-relations.json"
    );
    let Ok(json) = std::fs::read_to_string(path) else {
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut docs = Vec::new();
    for (name, bytes) in SEEDS {
        docs.extend(parse_file(name, bytes));
    }
    let mut bad = 0;
    let mut total = 0;
    for g in gold["documents"].as_array().unwrap() {
        let file = g["file"].as_str().unwrap();
        let section = g["section"].as_u64().map(|s| s as u32);
        let d = docs
            .iter()
            .find(|d| d.source_file == file && d.section == section)
            .unwrap();
        let ours: Vec<String> = (0..d.sentences.len())
            .map(|i| norm(d.sentence_text(i)))
            .collect();
        for s in g["sentences"].as_array().unwrap() {
            total += 1;
            let t = norm(s["text"].as_str().unwrap());
            let n = ours.iter().filter(|o| **o == t).count();
            if n != 1 {
                bad += 1;
                println!("MISS {file} {section:?} ({n}): {t}");
                for o in ours.iter().filter(|o| {
                    o.contains(&t[..t.len().min(40)]) || t.contains(&o[..o.len().min(40)])
                }) {
                    println!("   ours: {o}");
                }
            }
        }
    }
    println!("{bad}/{total} missed");
}
