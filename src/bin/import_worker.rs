//! The import worker, a second wasm entry that Trunk builds as a Web Worker (`data-type="worker"`
//! in `index.html`): it runs [`ImportJob`] off the main thread. The page posts the `File` objects
//! in small messages; the worker sizes and reads them a batch at a time, parses and analyses each
//! file as it arrives, then
//! encodes the corpus, posting progress (at most every 50 ms, so the page is not flooded with
//! renders) and at the end the corpus bytes, transferred, with the summary. The messages are
//! [`entente::services::worker::protocol`]. Cancel terminates the worker: there is no state to
//! undo.

use entente::import::{needs_bytes, next_batch, ImportJob, Phase, Progress};
use entente::services::worker::protocol;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
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

/// Files posted by the page and not yet read, shared by the message handler and [`run`].
#[derive(Default)]
struct Incoming {
    /// Path, file and size, in the order posted.
    waiting: VecDeque<(String, Source, u64)>,
    /// Bytes posted that [`run`] has not counted yet.
    new_bytes: u64,
    /// The page has posted every file.
    ended: bool,
    /// Resolves the promise [`run`] waits on for more files.
    wake: Option<js_sys::Function>,
}

impl Incoming {
    fn wake(&mut self) {
        if let Some(wake) = self.wake.take() {
            let _ = wake.call0(&JsValue::UNDEFINED);
        }
    }
}

/// A file to read, or its contents read by the page (an `ArrayBuffer`, or `null` when the page
/// did not or could not read it).
enum Source {
    File(web_sys::File),
    Read(JsValue),
}

type Batch = Vec<(String, Source, u64)>;

/// The next batch to read, as soon as one is complete ([`next_batch`]); `None` at the end.
async fn wait_batch(incoming: &RefCell<Incoming>) -> Option<Batch> {
    loop {
        if let Some(batch) = take_batch(incoming) {
            return Some(batch);
        }
        if incoming.borrow().ended {
            return None;
        }
        let more =
            js_sys::Promise::new(&mut |resolve, _| incoming.borrow_mut().wake = Some(resolve));
        let _ = JsFuture::from(more).await;
    }
}

/// The next batch if one is complete now. Reading starts only once the page has posted every
/// file: each posted `File` is a synchronous round trip from the page to the browser process,
/// and reads from the worker meanwhile made those round trips, and the page's tasks, long.
fn take_batch(incoming: &RefCell<Incoming>) -> Option<Batch> {
    let mut incoming = incoming.borrow_mut();
    if !incoming.ended {
        return None;
    }
    let listed: Vec<(&str, u64)> = incoming
        .waiting
        .iter()
        .map(|(name, _, size)| (name.as_str(), *size))
        .collect();
    let n = next_batch(&listed, incoming.ended)?;
    Some(incoming.waiting.drain(..n).collect())
}

/// Starts reading a batch's files: a promise settling with each file's `ArrayBuffer` (or why
/// not), `null` for a file that is not read.
fn read(batch: &Batch) -> js_sys::Promise {
    let reads: js_sys::Array = batch
        .iter()
        .map(|(name, source, size)| match source {
            Source::File(file) if needs_bytes(name, *size) => file.array_buffer().into(),
            Source::File(_) => JsValue::NULL,
            Source::Read(contents) => contents.clone(),
        })
        .collect();
    js_sys::Promise::all_settled(&reads)
}

/// Reads the files as they are posted, a batch at a time with the next batch's reads started
/// before the current one is parsed, adds each file to the job (which parses and analyses it),
/// then encodes the corpus and posts it.
async fn run(name: String, files: usize, incoming: Rc<RefCell<Incoming>>, reporter: Rc<Reporter>) {
    let mut job = ImportJob::new(&name, files, 0);
    let count = |job: &mut ImportJob| {
        job.expect_bytes(std::mem::take(&mut incoming.borrow_mut().new_bytes));
    };
    let mut current = wait_batch(&incoming).await.map(|b| (read(&b), b));
    while let Some((reads, batch)) = current.take() {
        let upcoming = take_batch(&incoming).map(|b| (read(&b), b));
        let settled = match JsFuture::from(reads).await {
            Ok(v) => js_sys::Array::from(&v),
            Err(_) => js_sys::Array::new(),
        };
        count(&mut job);
        for (i, (name, _, size)) in batch.iter().enumerate() {
            let buffer = protocol::get(&settled.get(i as u32), "value");
            if buffer.is_instance_of::<js_sys::ArrayBuffer>() {
                job.add_file(name, &js_sys::Uint8Array::new(&buffer).to_vec());
            } else if needs_bytes(name, *size) {
                // The file could not be read (removed meanwhile, a permission): it is reported,
                // as an empty file would be.
                job.add_file(name, &[]);
            } else {
                job.add_unread(name, *size);
            }
            reporter.report(job.progress(), false);
        }
        current = match upcoming {
            Some(next) => Some(next),
            None => wait_batch(&incoming).await.map(|b| (read(&b), b)),
        };
    }
    count(&mut job);
    reporter.report(job.progress(), true);
    let finished = job.finish(|p| reporter.report(p, true));
    let bytes = finished.bytes.as_deref().map(js_sys::Uint8Array::from);
    let message = protocol::done(&finished.summary, bytes.as_ref());
    let transfer = js_sys::Array::new();
    if let Some(b) = &bytes {
        transfer.push(&b.buffer());
    }
    let _ = scope().post_message_with_transfer(&message, &transfer);
}

fn handle(incoming: &Rc<RefCell<Incoming>>, reporter: &Rc<Reporter>, data: &JsValue) {
    match protocol::kind(data).as_str() {
        protocol::START => {
            *incoming.borrow_mut() = Incoming::default();
            wasm_bindgen_futures::spawn_local(run(
                protocol::string(data, "name"),
                protocol::number(data, "files") as usize,
                incoming.clone(),
                reporter.clone(),
            ));
        }
        protocol::FILES => {
            let names = js_sys::Array::from(&protocol::get(data, "names"));
            let files = protocol::get(data, "files");
            let mut incoming = incoming.borrow_mut();
            if files.is_undefined() {
                let sizes = js_sys::Array::from(&protocol::get(data, "sizes"));
                let buffers = js_sys::Array::from(&protocol::get(data, "buffers"));
                for i in 0..names.length() {
                    let size = sizes.get(i).as_f64().unwrap_or(0.0) as u64;
                    incoming.new_bytes += size;
                    let name = names.get(i).as_string().unwrap_or_default();
                    incoming
                        .waiting
                        .push_back((name, Source::Read(buffers.get(i)), size));
                }
            } else {
                for (name, file) in names.iter().zip(js_sys::Array::from(&files).iter()) {
                    let file: web_sys::File = file.unchecked_into();
                    let size = file.size() as u64;
                    incoming.new_bytes += size;
                    let name = name.as_string().unwrap_or_default();
                    incoming.waiting.push_back((name, Source::File(file), size));
                }
            }
            incoming.wake();
        }
        protocol::END => {
            let mut incoming = incoming.borrow_mut();
            incoming.ended = true;
            incoming.wake();
        }
        protocol::COMPACT => compact(data),
        _ => {}
    }
}

/// Shrinks a corpus for a saved single file ([`protocol::COMPACT`]), a request of its own, apart
/// from any import.
fn compact(data: &JsValue) {
    let bytes = js_sys::Uint8Array::new(&protocol::get(data, "bytes")).to_vec();
    match entente_core::codec::compact(&bytes) {
        Ok(compacted) => {
            let array = js_sys::Uint8Array::from(compacted.as_slice());
            let message = protocol::message(protocol::COMPACTED);
            protocol::set(&message, "bytes", &array.buffer());
            let _ =
                scope().post_message_with_transfer(&message, &js_sys::Array::of1(&array.buffer()));
        }
        Err(e) => {
            let message = protocol::message(protocol::FAILED);
            protocol::set(&message, "message", &e.to_string().into());
            post(&message);
        }
    }
}

fn main() {
    // A panic ends the worker (the build aborts on panic): tell the page first.
    std::panic::set_hook(Box::new(|info| {
        let message = protocol::message(protocol::FAILED);
        protocol::set(&message, "message", &info.to_string().into());
        post(&message);
    }));
    let incoming = Rc::new(RefCell::new(Incoming::default()));
    let reporter = Rc::new(Reporter {
        last: Cell::new(0.0),
        phase: Cell::new(Phase::Reading),
    });
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        handle(&incoming, &reporter, &event.data());
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&protocol::message(protocol::READY));
}
