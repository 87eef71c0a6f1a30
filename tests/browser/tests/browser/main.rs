//! entente's browser suite, run in Chromium, Firefox and WebKit by `cargo xtask test` (which
//! builds `dist/` first). Each module beside this file holds the tests of one area and lists them
//! in its `tests()`; add a module and chain its list here.
//!
//! Run one engine or one test by hand after `cargo xtask dist`:
//! `ENTENTE_BROWSERS=firefox ENTENTE_BROWSER_TESTS=panic cargo test -p entente-browser-tests --test browser`.

mod explorer;
mod foundation;
mod hostile;
mod import;
mod library;

fn main() -> std::process::ExitCode {
    let mut tests = foundation::tests();
    tests.extend(explorer::tests());
    tests.extend(library::tests());
    tests.extend(import::tests());
    tests.extend(hostile::tests());
    entente_browser_tests::runner::main(tests)
}
