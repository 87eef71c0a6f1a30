//! bytes → the parsed documents (front matter, bulletins, boilerplate, segmentation): never
//! panics, and every paragraph and sentence is a valid range of the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for doc in entente_core::parse::parse_file("fuzz.txt", data) {
        entente_fuzz::check_document(&doc);
    }
});
