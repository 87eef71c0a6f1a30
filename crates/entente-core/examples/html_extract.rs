//! Reads saved web pages through the importer exactly as a browser import does, and prints what
//! each page gave as one JSON object a line: the file, the documents' count, the metadata of the
//! first document with its provenance, the body (every document's text, joined), or the refusal.
//! The evaluation scripts in `tests/eval/html/` read this output; the time spent reading, and the
//! throughput, go to standard error.
//!
//! `cargo run --release -p entente-core --example html_extract -- PAGE.html DIR …`
//! (a directory is read one level deep, its `.html` and `.htm` files in name order).

// A native tool around the core: it reads files and times them, which the core itself never does.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use entente_core::import::read_file;
use entente_core::model::{Field, Origin};
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn origin(o: Origin) -> &'static str {
    match o {
        Origin::FrontMatter => "given",
        Origin::Detected => "detected",
        Origin::Derived => "derived",
    }
}

fn field(f: &Option<Field>) -> serde_json::Value {
    match f {
        Some(f) => json!({"value": f.value, "origin": origin(f.origin)}),
        None => serde_json::Value::Null,
    }
}

fn main() -> std::io::Result<()> {
    let mut paths: Vec<PathBuf> = Vec::new();
    for arg in std::env::args().skip(1) {
        let p = PathBuf::from(&arg);
        if p.is_dir() {
            let mut inner: Vec<PathBuf> = std::fs::read_dir(&p)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|q| {
                    q.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm")
                    })
                })
                .collect();
            inner.sort();
            paths.extend(inner);
        } else {
            paths.push(p);
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut spent = Duration::ZERO;
    let mut bytes = 0usize;
    for path in &paths {
        let data = std::fs::read(path)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The importer dispatches on the extension: a page saved without one is read as HTML.
        let import_name = if name.ends_with(".html") || name.ends_with(".htm") {
            name.clone()
        } else {
            format!("{name}.html")
        };
        let t = Instant::now();
        let outcome = read_file(&import_name, &data);
        spent += t.elapsed();
        bytes += data.len();
        let docs = &outcome.documents;
        let body = docs
            .iter()
            .enumerate()
            .map(|(i, d)| match (&d.title, i) {
                // A later section's headline is part of the page's text.
                (Some(t), 1..) => format!("{}\n\n{}", t.value, d.text),
                _ => d.text.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n\n");
        let first = docs.first();
        let record = json!({
            "file": name,
            "documents": docs.len(),
            "title": first.map_or(serde_json::Value::Null, |d| field(&d.title)),
            "date": first.and_then(|d| d.date.as_ref()).map(|d| json!({
                "value": d.value.to_string(),
                "origin": origin(d.origin),
            })),
            "author": first.map_or(serde_json::Value::Null, |d| field(&d.author)),
            "source": first.map_or(serde_json::Value::Null, |d| field(&d.source)),
            "url": first.map_or(serde_json::Value::Null, |d| field(&d.url)),
            "body": body,
            "refusal": outcome.refusal.as_ref().map(|r| r.message.clone()),
        });
        writeln!(out, "{record}")?;
    }
    out.flush()?;
    let secs = spent.as_secs_f64();
    eprintln!(
        "{} pages, {:.1} MB read in {:.3} s: {:.1} MB/s",
        paths.len(),
        bytes as f64 / 1e6,
        secs,
        if secs > 0.0 {
            bytes as f64 / 1e6 / secs
        } else {
            0.0
        }
    );
    Ok(())
}
