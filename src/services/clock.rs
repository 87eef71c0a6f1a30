//! The clock and timers: the page's time (for the date a corpus is kept) and callbacks after a
//! delay, so components and hooks reach neither `Date` nor `setTimeout` themselves.

use gloo_timers::callback::Timeout;

/// Now, as an ISO 8601 UTC time ("2026-01-01T00:00:00.000Z").
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// A callback that runs once after a delay, unless dropped first.
#[must_use = "dropping the timer cancels it"]
pub struct Timer(#[allow(dead_code)] Timeout);

/// Runs `f` after `ms` milliseconds, unless the returned [`Timer`] is dropped first.
pub fn after(ms: u32, f: impl FnOnce() + 'static) -> Timer {
    Timer(Timeout::new(ms, f))
}
