//! Services: the only code that touches the page's globals (the DOM outside the app's root, the
//! location and history, the clipboard, downloads, keyboard shortcuts, performance marks, the
//! clock and timers, the panic hook, the browser's storage of corpora, the page saving itself as
//! one file, long work cut into slices). Components and hooks call these functions instead of
//! reaching for `web_sys::window()`, `Date` or `setTimeout` themselves.

pub mod clipboard;
pub mod clock;
pub mod dom;
pub mod download;
pub mod files;
pub mod history;
pub mod keyboard;
pub mod location;
pub mod page;
pub mod panic;
pub mod perf;
pub mod single_file;
pub mod slices;
pub mod store;
pub mod worker;
