//! the import readers: the first byte picks the format (HTML, JSON, CSV, text), the rest is the
//! file. Never panics; an outcome is either documents with valid offsets or a refusal that names
//! the file; a kept URL is always an http(s) link; the report's counts add up.
#![no_main]
use entente_core::import::{read_file, Importer};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 4] = ["fuzz.html", "fuzz.json", "fuzz.csv", "fuzz.txt"];

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(first) % NAMES.len()];
    let out = read_file(name, bytes);
    entente_fuzz::check_outcome(name, &out);
    let n = out.documents.len();
    let mut importer = Importer::default();
    importer.add_outcome(out.clone());
    importer.add_outcome(out);
    let report = importer.finish();
    assert_eq!(report.summary.imported, 2 * n);
    let mut ids: Vec<&str> = report.documents.iter().map(|d| d.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 2 * n, "ids are not unique");
});
