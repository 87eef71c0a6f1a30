//! The import worker, a second wasm entry that Trunk builds as a Web Worker (`data-type="worker"`
//! in `index.html`): it runs [`ImportJob`] off the main thread. The page posts the files in
//! batches; the worker parses each as it arrives, then analyses and encodes the corpus, posting
//! progress (at most every 50 ms, so the page is not flooded with renders) and at the end the
//! corpus bytes, transferred, with the summary. The messages are
//! [`entente::services::worker::protocol`]. Cancel terminates the worker: there is no state to
//! undo.

use entente::import::{needs_bytes, ImportJob, Phase, Progress};
use entente::services::worker::protocol;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// The shortest time between two progress messages, in milliseconds.
const PROGRESS_EVERY_MS: f64 = 50.0;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(message: &JsValue) {
    let _ = scope().post_message(message);
}

/// Posts progress when enough time has passed since the last post, when the phase changes, or
/// when `force`.
struct Reporter {
    last: Cell<f64>,
    phase: Cell<Phase>,
}

impl Reporter {
    fn report(&self, progress: &Progress, force: bool) {
        let now = js_sys::Date::now();
        let new_phase = self.phase.replace(progress.phase) != progress.phase;
        if force || new_phase || now - self.last.get() >= PROGRESS_EVERY_MS {
            self.last.set(now);
            post(&protocol::progress(progress));
        }
    }
}

fn handle(job: &RefCell<Option<ImportJob>>, reporter: &Reporter, data: &JsValue) {
    match protocol::kind(data).as_str() {
        protocol::START => {
            *job.borrow_mut() = Some(ImportJob::new(
                &protocol::string(data, "name"),
                protocol::number(data, "files") as usize,
                protocol::number(data, "bytes") as u64,
            ));
        }
        protocol::FILES => {
            let mut guard = job.borrow_mut();
            let Some(job) = guard.as_mut() else { return };
            let names = js_sys::Array::from(&protocol::get(data, "names"));
            let sizes = js_sys::Array::from(&protocol::get(data, "sizes"));
            let buffers = js_sys::Array::from(&protocol::get(data, "buffers"));
            for i in 0..names.length() {
                let name = names.get(i).as_string().unwrap_or_default();
                let size = sizes.get(i).as_f64().unwrap_or(0.0) as u64;
                let buffer = buffers.get(i);
                if buffer.is_instance_of::<js_sys::ArrayBuffer>() {
                    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                    job.add_file(&name, &bytes);
                } else if needs_bytes(&name, size) {
                    // The page could not read it: it is reported, as an empty file would be.
                    job.add_file(&name, &[]);
                } else {
                    job.add_unread(&name, size);
                }
                reporter.report(job.progress(), false);
            }
            reporter.report(job.progress(), true);
        }
        protocol::END => {
            let Some(job) = job.borrow_mut().take() else {
                return;
            };
            let finished = job.finish(|p| reporter.report(p, false));
            let bytes = finished.bytes.as_deref().map(js_sys::Uint8Array::from);
            let message = protocol::done(&finished.summary, bytes.as_ref());
            let transfer = js_sys::Array::new();
            if let Some(b) = &bytes {
                transfer.push(&b.buffer());
            }
            let _ = scope().post_message_with_transfer(&message, &transfer);
        }
        _ => {}
    }
}

fn main() {
    // A panic ends the worker (the build aborts on panic): tell the page first.
    std::panic::set_hook(Box::new(|info| {
        let message = protocol::message(protocol::FAILED);
        protocol::set(&message, "message", &info.to_string().into());
        post(&message);
    }));
    let job = Rc::new(RefCell::new(None));
    let reporter = Rc::new(Reporter {
        last: Cell::new(0.0),
        phase: Cell::new(Phase::Reading),
    });
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        handle(&job, &reporter, &event.data());
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&protocol::message(protocol::READY));
}
