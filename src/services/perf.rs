//! Marks for the browser benchmark: after each render that shows a new view state, a
//! `performance.mark("entente:rendered")` and two attributes on the app's root element,
//! `data-state-seq` (a number that grows with each state) and `data-result-count`; and
//! `performance.measure` entries around the costly computations ([`measure`]), so the benchmark
//! can tell computing from rendering.

use super::page::app_root;

/// The name of the performance mark.
pub const RENDERED_MARK: &str = "entente:rendered";

/// Records that state number `seq`, with `result_count` results, is on screen.
pub fn rendered(seq: u64, result_count: usize) {
    if let Some(root) = app_root() {
        let _ = root.set_attribute("data-state-seq", &seq.to_string());
        let _ = root.set_attribute("data-result-count", &result_count.to_string());
    }
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(RENDERED_MARK);
    }
}

/// Runs `f` and records its duration as a `performance.measure` entry named `name` (`entente:filter`,
/// `entente:matrix`, …). The benchmark reads and clears them; a page nobody measures keeps one
/// small entry per computation, like the rendered marks.
pub fn measure<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return f();
    };
    let start = format!("{name}:start");
    let _ = performance.mark(&start);
    let value = f();
    let _ = performance.measure_with_start_mark(name, &start);
    performance.clear_marks_with_mark_name(&start);
    value
}
