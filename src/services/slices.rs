//! Long work cut into short tasks: a large corpus is decoded and indexed a few documents at a time,
//! giving the browser back the main thread between slices so the page keeps painting and taking
//! input (no task much over the 50 ms the browser counts as long).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How long one slice may run, in milliseconds: well under the 50 ms of a long task, leaving
/// room for the steps whose length cannot be cut (one step overshoots by at most its own size).
pub const SLICE_MS: f64 = 15.0;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Gives the main thread back to the browser until its next task. A message to ourselves, not
/// `setTimeout(0)`: timeouts are clamped to 4 ms when chained and to a second in a background
/// tab, which would stretch an import in a tab the user left.
pub async fn yield_now() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let on_message = Closure::once_into_js(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        });
        channel
            .port1()
            .set_onmessage(Some(on_message.unchecked_ref()));
    });
    let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
    let _ = JsFuture::from(promise).await;
    channel.port1().set_onmessage(None);
}

/// Runs `step` (which does a bounded piece of work and says whether all is done) until it is
/// done, in slices of about [`SLICE_MS`], yielding between slices.
///
/// # Errors
/// The first error `step` returns.
pub async fn run<E>(mut step: impl FnMut() -> Result<bool, E>) -> Result<(), E> {
    loop {
        let start = now();
        loop {
            if step()? {
                return Ok(());
            }
            if now() - start >= SLICE_MS {
                break;
            }
        }
        yield_now().await;
    }
}

/// Like [`run`], for work nobody is waiting for: slices of `slice_ms` (a few milliseconds), so
/// that a keystroke arriving meanwhile waits at most that long for the main thread.
///
/// # Errors
/// The first error `step` returns.
pub async fn run_in_background<E>(
    slice_ms: f64,
    mut step: impl FnMut() -> Result<bool, E>,
) -> Result<(), E> {
    loop {
        let start = now();
        loop {
            if step()? {
                return Ok(());
            }
            if now() - start >= slice_ms {
                break;
            }
        }
        yield_now().await;
    }
}

/// Waits `ms` milliseconds (a timer: the wait may stretch in a background tab, which is what
/// background work wants).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}
