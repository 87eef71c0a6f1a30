//! Copying text to the clipboard. `navigator.clipboard` is missing in some contexts (an insecure
//! origin, some engines under `file://`) and `writeText` may be refused; every such case is
//! reported to the caller, which then shows the link in a field to copy by hand. Every call goes
//! through `Reflect` and `Function::call`, which catch JavaScript exceptions, so a missing API can
//! never throw through the wasm.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Copies `text`; `done(true)` once it is on the clipboard, `done(false)` when it cannot be.
/// `done` is called exactly once, possibly later (the API is asynchronous).
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let promise = (|| -> Option<Promise> {
        let window = web_sys::window()?;
        let navigator = Reflect::get(&window, &"navigator".into()).ok()?;
        let clipboard = Reflect::get(&navigator, &"clipboard".into()).ok()?;
        if clipboard.is_undefined() || clipboard.is_null() {
            return None;
        }
        let write = Reflect::get(&clipboard, &"writeText".into()).ok()?;
        let write: Function = write.dyn_into().ok()?;
        write
            .call1(&clipboard, &JsValue::from_str(text))
            .ok()?
            .dyn_into::<Promise>()
            .ok()
    })();
    let Some(promise) = promise else {
        done(false);
        return;
    };
    // One of the two callbacks runs; the shared cell hands `done` to whichever does.
    let cell = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let on_ok = {
        let cell = cell.clone();
        Closure::once_into_js(move |_: JsValue| {
            if let Some(done) = cell.take() {
                done(true);
            }
        })
    };
    let on_err = Closure::once_into_js(move |_: JsValue| {
        if let Some(done) = cell.take() {
            done(false);
        }
    });
    let then = Reflect::get(&promise, &"then".into())
        .ok()
        .and_then(|t| t.dyn_into::<Function>().ok());
    if let Some(then) = then {
        let _ = then.call2(&promise, &on_ok, &on_err);
    }
}
