//! a query string → view state (the URL decoder), with the round-trip property: encoding what
//! was decoded and decoding it again gives the same state, without any notice.
#![no_main]
use entente_core::explore::state::ViewState;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let (state, _notices) = ViewState::from_query(&query);
    let encoded = state.to_query();
    let (again, notices) = ViewState::from_query(&encoded);
    assert_eq!(
        again, state,
        "round trip changed the state; query {encoded:?}"
    );
    assert!(
        notices.is_empty(),
        "re-decoding {encoded:?} gave notices {notices:?}"
    );
    assert_eq!(again.to_query(), encoded, "encoding is not stable");
});
