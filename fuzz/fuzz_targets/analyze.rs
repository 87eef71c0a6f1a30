//! text → countries, organizations, topics, figures and relations: the document comes from the
//! parser, then every analyser runs; every span must be a valid range inside the text, and the
//! export record (what the app downloads) must build and serialize.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for doc in entente_core::parse::parse_file("fuzz.txt", data) {
        let analysis = entente_core::analyze(&doc);
        entente_fuzz::check_analysis(&doc, &analysis);
        let _ = entente_core::export::extract_json(&[(&doc, &analysis)]);
    }
});
