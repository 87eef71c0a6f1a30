//! Services: the only code that touches the page's globals (the DOM outside the app's root, the
//! location, the panic hook; later storage, clipboard and history). Components call these
//! functions instead of reaching for `web_sys::window()` themselves.

pub mod location;
pub mod page;
pub mod panic;
