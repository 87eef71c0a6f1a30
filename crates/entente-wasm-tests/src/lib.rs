//! Nothing to see here: this crate only holds `tests/`, the core's smoke tests compiled to
//! wasm32-unknown-unknown and run under Node (`cargo xtask test` runs them with
//! wasm-bindgen-test-runner). They prove that the core behaves the same in the browser's engine as
//! natively: no clock, no threads, no file system, no panic on the seed corpus.
