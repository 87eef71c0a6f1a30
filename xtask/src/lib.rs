//! The pieces of the task runner that other crates reuse or that deserve unit tests: the static
//! file server (`cargo xtask serve` and the browser suite serve `dist/` with it) and the HTML
//! post-processing that turns Trunk's output into the CSP-locked site and the single file.

pub mod html;
pub mod server;
