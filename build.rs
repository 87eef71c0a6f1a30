//! Embeds the corpus in the app: every file of `seeds/` (or of the folder named by
//! `ENTENTE_CORPUS`, relative to the package root) that the browser import accepts (`.txt`, `.md`,
//! `.html`, `.json`, `.csv`) is read with the core's importer at build time, analysed, and written to `$OUT_DIR/corpus.bin` in the core's binary format, which
//! `src/corpus.rs` includes with `include_bytes!`. The app therefore never fetches its corpus over
//! the network, and never runs the analysers for it.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-env-changed=ENTENTE_CORPUS");
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let folder = match env::var("ENTENTE_CORPUS") {
        Ok(dir) if !dir.trim().is_empty() => root.join(dir.trim()),
        _ => root.join("seeds"),
    };
    // Watching the folder catches added and removed files; watching each file catches edits.
    println!("cargo:rerun-if-changed={}", folder.display());
    let files = read_corpus_files(&folder);
    for (_, path, _) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    let name = if env::var_os("ENTENTE_CORPUS").is_some() {
        folder.file_name().map_or_else(
            || "Corpus".to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    } else {
        "Seed corpus".to_string()
    };
    let report = entente_core::import::read_files(
        files
            .into_iter()
            .map(|(file, _, bytes)| (file, bytes))
            .collect(),
    );
    // A refused file does not stop the build (the others still make a corpus), but it is shown.
    for file in &report.files {
        if let Some(refusal) = &file.refusal {
            println!("cargo:warning={}", refusal.message);
        }
        for w in &file.warnings {
            println!("cargo:warning={w}");
        }
    }
    let corpus = entente_core::Corpus {
        name,
        documents: report.documents,
    };
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo")).join("corpus.bin");
    // Analysing here, once, means the page never runs (nor ships) the analysers for this corpus.
    let analysed = entente_core::Analysed::new(corpus);
    fs::write(&out, entente_core::codec::encode(&analysed))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

/// The corpus files of `folder` as (file name, path, bytes), in name order. A missing or
/// unreadable folder stops the build with a message naming it: an app silently built without its
/// corpus would be worse.
fn read_corpus_files(folder: &Path) -> Vec<(String, PathBuf, Vec<u8>)> {
    let entries = fs::read_dir(folder).unwrap_or_else(|e| {
        panic!(
            "cannot read the corpus folder {} (set ENTENTE_CORPUS to another folder): {e}",
            folder.display()
        )
    });
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()))
            .path();
        let importable = entente_core::import::Format::from_name(&path.to_string_lossy()).is_some();
        if !importable || !path.is_file() {
            continue;
        }
        let bytes =
            fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        files.push((name, path, bytes));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}
