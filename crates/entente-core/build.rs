//! Copies the data tables of `data/` to `$OUT_DIR/data/` without their `#` comment lines, and
//! the modules include those copies with `include_str!`. The comments document the tables for
//! people (about 15% of their bytes) but every table reader skips them, so shipping them only
//! made the wasm app bigger. Only lines that begin with `#` are dropped: all readers skip those.

// The build script runs natively at build time: reading `data/` and the environment is its job.
#![allow(clippy::disallowed_methods)]

use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let data = root.join("data");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo")).join("data");
    fs::create_dir_all(&out).unwrap_or_else(|e| panic!("cannot create {}: {e}", out.display()));
    println!("cargo:rerun-if-changed={}", data.display());
    let entries =
        fs::read_dir(&data).unwrap_or_else(|e| panic!("cannot read {}: {e}", data.display()));
    for entry in entries {
        let path = entry.expect("a readable data folder").path();
        let is_table = path.extension().is_some_and(|e| e == "tsv" || e == "txt");
        if !is_table {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let mut kept = String::with_capacity(text.len());
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            kept.push_str(line);
            kept.push('\n');
        }
        let target = out.join(path.file_name().expect("a file name"));
        fs::write(&target, kept)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
    }
}
