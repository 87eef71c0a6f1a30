//! entente's browser test harness: one suite, written once against W3C WebDriver, run in each of
//! the three engines (Blink through chromedriver, Gecko through geckodriver, WebKit through
//! WebKitWebDriver under an Xvfb display that the harness starts and stops itself).
//!
//! The suite (`tests/browser/main.rs`) lists its tests; [`runner::main`] starts the static server
//! for `dist/`, then for each engine picked by `ENTENTE_BROWSERS` launches the driver, opens a
//! session and runs every test with a [`Ctx`]: the WebDriver client plus helpers that wait for
//! conditions (never for a fixed time), read the page's CSP record and take screenshots.
//!
//! Adding a test: write `async fn my_test(ctx: &mut Ctx) -> anyhow::Result<()>` in a module
//! beside `main.rs` and list it in that module's `tests()` with [`test!`] (or
//! `test!(my_test, only = [Engine::Chromium])` for an engine-specific one).

pub mod cdp;
pub mod context;
pub mod engine;
mod process;
pub mod runner;

pub use context::{Ctx, Expected, Site};
pub use engine::Engine;
pub use runner::{Test, TestFn};

/// Builds a [`Test`] from an `async fn(&mut Ctx) -> anyhow::Result<()>`, named after it.
/// `test!(f, only = [Engine::Chromium])` limits it to some engines.
#[macro_export]
macro_rules! test {
    ($f:path) => {
        $crate::Test {
            name: stringify!($f),
            only: None,
            run: |ctx| Box::pin($f(ctx)),
        }
    };
    ($f:path, only = [$($e:expr),+ $(,)?]) => {
        $crate::Test {
            name: stringify!($f),
            only: Some(&[$($e),+]),
            run: |ctx| Box::pin($f(ctx)),
        }
    };
}
