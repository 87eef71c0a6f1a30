//! a query string → view state (the URL decoder), with the round-trip property: encoding what
//! was decoded and decoding it again gives the same state, without any notice.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    entente_fuzz::check_url_round_trip(&String::from_utf8_lossy(data));
});
