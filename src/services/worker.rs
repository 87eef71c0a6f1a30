//! The import worker, seen from the page: starts it, posts it the picked or dropped files (the
//! `File` objects: the worker reads them), passes the worker's progress and result on, and stops
//! it on cancel. The page never reads, parses or analyses: a long main-thread task would freeze
//! it.
//!
//! Where the worker comes from: on the hosted site, `import-worker.js` beside the page (a
//! same-origin script that loads the worker's wasm-bindgen glue and wasm); in the single file,
//! which is opened from `file://` and has no files beside it, the glue and the wasm are inlined
//! in data blocks (`#entente-worker`, `#entente-worker-wasm`, written by `cargo xtask dist`) and
//! the worker starts from a `blob:` URL made of them.
//!
//! [`protocol`] is the message format, shared with the worker (`src/bin/import_worker.rs`).

use crate::import::{self, Phase, Progress, Summary};
use crate::services::slices;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

/// Files per message to the worker (see [`send_files`]).
const POST_FILES: usize = 10;

/// The worker's start script on the hosted site, relative to the page.
pub const SITE_WORKER_URL: &str = "./import-worker.js";
/// The data block holding the worker's JavaScript in the single file.
pub const INLINED_WORKER_ID: &str = "entente-worker";
/// The data block holding the worker's wasm (gzipped, as `entente_core::inline_text`) in the
/// single file.
pub const INLINED_WORKER_WASM_ID: &str = "entente-worker-wasm";

/// The messages between the page and the worker: plain objects with a `type`, built and read
/// here on both sides.
pub mod protocol {
    use super::*;
    use js_sys::{Array, Object, Reflect};

    /// Page → worker: a new import of `files` files, into a corpus called `name`.
    pub const START: &str = "start";
    /// Page → worker: more files: their paths (`names`) and either the `File` objects (`files`;
    /// the worker sizes and reads them) or, from the single file, their `sizes` and contents
    /// (`buffers`, transferred; `null` for a file not read, see [`import::needs_bytes`]).
    pub const FILES: &str = "files";
    /// Page → worker: every file has been posted.
    pub const END: &str = "end";
    /// Worker → page: the worker's wasm runs and takes messages.
    pub const READY: &str = "ready";
    /// Worker → page: [`Progress`].
    pub const PROGRESS: &str = "progress";
    /// Worker → page: the encoded corpus (`bytes`, an `ArrayBuffer` or `null`) and the summary.
    pub const DONE: &str = "done";
    /// Worker → page: the worker failed (`message`).
    pub const FAILED: &str = "failed";
    /// Page → worker, apart from any import: shrink an encoded corpus (`bytes`, an
    /// `ArrayBuffer`, transferred) for a saved single file (`entente_core::codec::compact`).
    pub const COMPACT: &str = "compact";
    /// Worker → page: the compacted corpus (`bytes`, an `ArrayBuffer`, transferred).
    pub const COMPACTED: &str = "compacted";

    /// A new message object of `kind`.
    pub fn message(kind: &str) -> Object {
        let o = Object::new();
        set(&o, "type", &kind.into());
        o
    }

    /// Sets `key` on `o`.
    pub fn set(o: &Object, key: &str, value: &JsValue) {
        let _ = Reflect::set(o, &key.into(), value);
    }

    /// The `key` property of `o`.
    pub fn get(o: &JsValue, key: &str) -> JsValue {
        Reflect::get(o, &key.into()).unwrap_or(JsValue::UNDEFINED)
    }

    /// A string property ("" when absent).
    pub fn string(o: &JsValue, key: &str) -> String {
        get(o, key).as_string().unwrap_or_default()
    }

    /// A number property (0 when absent).
    pub fn number(o: &JsValue, key: &str) -> f64 {
        get(o, key).as_f64().unwrap_or(0.0)
    }

    /// A message's type.
    pub fn kind(o: &JsValue) -> String {
        string(o, "type")
    }

    fn phase_name(phase: Phase) -> &'static str {
        match phase {
            Phase::Reading => "reading",
            Phase::Encoding => "encoding",
        }
    }

    /// A progress message.
    pub fn progress(p: &Progress) -> Object {
        let o = message(PROGRESS);
        set(&o, "phase", &phase_name(p.phase).into());
        set(&o, "filesDone", &(p.files_done as f64).into());
        set(&o, "filesTotal", &(p.files_total as f64).into());
        set(&o, "bytesDone", &(p.bytes_done as f64).into());
        set(&o, "bytesTotal", &(p.bytes_total as f64).into());
        set(&o, "documentsDone", &(p.documents_done as f64).into());
        set(&o, "current", &p.current.as_str().into());
        o
    }

    /// Reads a progress message.
    pub fn read_progress(o: &JsValue) -> Progress {
        Progress {
            phase: match string(o, "phase").as_str() {
                "encoding" => Phase::Encoding,
                _ => Phase::Reading,
            },
            files_done: number(o, "filesDone") as usize,
            files_total: number(o, "filesTotal") as usize,
            bytes_done: number(o, "bytesDone") as u64,
            bytes_total: number(o, "bytesTotal") as u64,
            documents_done: number(o, "documentsDone") as usize,
            current: string(o, "current"),
        }
    }

    fn pairs(items: impl Iterator<Item = (String, String)>) -> Array {
        items
            .map(|(a, b)| Array::of2(&a.into(), &b.into()))
            .collect()
    }

    fn read_pairs(v: &JsValue) -> Vec<(String, String)> {
        Array::from(v)
            .iter()
            .map(|p| {
                let p = Array::from(&p);
                (
                    p.get(0).as_string().unwrap_or_default(),
                    p.get(1).as_string().unwrap_or_default(),
                )
            })
            .collect()
    }

    /// The final message: the summary and the corpus bytes (whose buffer the caller transfers).
    pub fn done(summary: &Summary, bytes: Option<&js_sys::Uint8Array>) -> Object {
        let o = message(DONE);
        set(&o, "files", &(summary.files as f64).into());
        set(&o, "filesImported", &(summary.files_imported as f64).into());
        set(&o, "documents", &(summary.documents as f64).into());
        set(
            &o,
            "skipped",
            &pairs(
                summary
                    .skipped
                    .iter()
                    .map(|s| (s.name.clone(), s.reason.clone())),
            ),
        );
        set(
            &o,
            "warnings",
            &pairs(
                summary
                    .warnings
                    .iter()
                    .map(|w| (w.name.clone(), w.message.clone())),
            ),
        );
        set(
            &o,
            "bytes",
            &bytes.map_or(JsValue::NULL, |b| b.buffer().into()),
        );
        o
    }

    /// Reads the final message.
    pub fn read_done(o: &JsValue) -> (Option<Vec<u8>>, Summary) {
        let bytes = get(o, "bytes");
        let bytes = (!bytes.is_null() && !bytes.is_undefined())
            .then(|| js_sys::Uint8Array::new(&bytes).to_vec());
        let summary = Summary {
            files: number(o, "files") as usize,
            files_imported: number(o, "filesImported") as usize,
            documents: number(o, "documents") as usize,
            skipped: read_pairs(&get(o, "skipped"))
                .into_iter()
                .map(|(name, reason)| import::Skipped { name, reason })
                .collect(),
            warnings: read_pairs(&get(o, "warnings"))
                .into_iter()
                .map(|(name, message)| import::Warning { name, message })
                .collect(),
        };
        (bytes, summary)
    }
}

/// What the worker reports.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkerEvent {
    /// How far it has got.
    Progress(Progress),
    /// It finished: the corpus name, the encoded corpus (none when nothing was imported), and
    /// the summary.
    Done {
        /// The corpus's name.
        name: String,
        /// The corpus in the binary format.
        bytes: Option<Rc<Vec<u8>>>,
        /// What was imported.
        summary: Summary,
    },
    /// It failed or could not start.
    Failed(String),
}

/// A file picked or dropped, with its path as the browser gives it (a folder's files carry
/// `folder/sub/name`).
#[derive(Clone, Debug)]
pub struct PickedFile {
    /// The path, for names and messages.
    pub path: String,
    /// The file.
    pub file: web_sys::File,
}

/// A running import. Dropping it stops the worker (terminated, whatever it was doing) and the
/// reading of files: cancel keeps nothing.
pub struct ImportRun {
    worker: web_sys::Worker,
    stopped: Rc<Cell<bool>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for ImportRun {
    fn drop(&mut self) {
        self.stopped.set(true);
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The worker's code inlined in the page (the single file): the JavaScript and the wasm's text.
fn inlined_worker() -> Option<(String, String)> {
    let document = document()?;
    let js = document
        .get_element_by_id(INLINED_WORKER_ID)?
        .text_content()?;
    let wasm = document
        .get_element_by_id(INLINED_WORKER_WASM_ID)?
        .text_content()?;
    Some((js, wasm))
}

/// Creates the worker: from the inlined code through a `blob:` URL in the single file, or from
/// the site's script. Returns it with the object URL to revoke once it runs.
fn create_worker() -> Result<(web_sys::Worker, Option<String>), String> {
    let error = |e: JsValue| {
        format!(
            "the import worker could not start: {}",
            e.as_string()
                .or_else(|| js_sys::Error::from(e).message().as_string())
                .unwrap_or_default()
        )
    };
    match inlined_worker() {
        Some((js, wasm)) => {
            let parts = js_sys::Array::of1(&JsValue::from_str(&js));
            let options = web_sys::BlobPropertyBag::new();
            options.set_type("text/javascript");
            let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
                .map_err(error)?;
            let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(error)?;
            let worker = web_sys::Worker::new(&url).map_err(error)?;
            // The inlined start code waits for its wasm as the first message (decoding the
            // text and inflating it there, off the main thread). Not trimmed: spaces are data.
            let first = js_sys::Object::new();
            protocol::set(&first, "wasm", &JsValue::from_str(&wasm));
            worker.post_message(&first).map_err(error)?;
            Ok((worker, Some(url)))
        }
        None => Ok((web_sys::Worker::new(SITE_WORKER_URL).map_err(error)?, None)),
    }
}

/// Shrinks an encoded corpus for a saved single file, in a worker of its own
/// ([`protocol::COMPACT`]): the page's wasm links only the corpus decoder, the worker the
/// compressor, and a large corpus takes a moment that the page should not spend.
///
/// # Errors
/// When the worker cannot start, or fails; the message says why.
pub async fn compact(bytes: &[u8]) -> Result<Vec<u8>, String> {
    type Settle = Option<(js_sys::Function, js_sys::Function)>;
    let (worker, blob_url) = create_worker()?;
    let settle: Rc<RefCell<Settle>> = Rc::new(RefCell::new(None));
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        *settle.borrow_mut() = Some((resolve, reject));
    });
    let pending = RefCell::new(Some(js_sys::Uint8Array::from(bytes)));
    let on_message = {
        let (worker, settle) = (worker.clone(), settle.clone());
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            let finish = |ok: bool, value: &JsValue| {
                if let Some((resolve, reject)) = settle.borrow_mut().take() {
                    let _ = if ok { resolve } else { reject }.call1(&JsValue::NULL, value);
                }
            };
            match protocol::kind(&data).as_str() {
                protocol::READY => {
                    let Some(array) = pending.borrow_mut().take() else {
                        return;
                    };
                    let message = protocol::message(protocol::COMPACT);
                    protocol::set(&message, "bytes", &array.buffer());
                    let transfer = js_sys::Array::of1(&array.buffer());
                    if let Err(e) = worker.post_message_with_transfer(&message, &transfer) {
                        finish(false, &e);
                    }
                }
                protocol::COMPACTED => finish(true, &protocol::get(&data, "bytes")),
                protocol::FAILED => finish(false, &protocol::get(&data, "message")),
                _ => {}
            }
        })
    };
    let on_error = {
        let settle = settle.clone();
        Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
            if let Some((_, reject)) = settle.borrow_mut().take() {
                let _ = reject.call1(&JsValue::NULL, &event.message().into());
            }
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let result = JsFuture::from(promise).await;
    worker.set_onmessage(None);
    worker.set_onerror(None);
    worker.terminate();
    if let Some(url) = blob_url {
        let _ = web_sys::Url::revoke_object_url(&url);
    }
    drop((on_message, on_error));
    match result {
        Ok(buffer) => Ok(js_sys::Uint8Array::new(&buffer).to_vec()),
        Err(e) => Err(format!(
            "the corpus could not be compacted: {}",
            e.as_string()
                .or_else(|| js_sys::Error::from(e).message().as_string())
                .unwrap_or_default()
        )),
    }
}

/// Starts importing `files`, reporting to `on_event`. The files are taken in path order, so the
/// same folder always gives the same corpus.
///
/// # Errors
/// When the worker cannot be created (the message says why).
pub fn start(
    mut files: Vec<PickedFile>,
    on_event: Callback<WorkerEvent>,
) -> Result<ImportRun, String> {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let name = import::corpus_name(&paths);
    let (worker, blob_url) = create_worker()?;
    let stopped = Rc::new(Cell::new(false));
    // The files are read while the worker starts (its wasm loads and compiles meanwhile); the
    // first batch is posted once it says it is ready.
    let mut resolve_ready: Option<js_sys::Function> = None;
    let ready = js_sys::Promise::new(&mut |resolve, _| resolve_ready = Some(resolve));
    let page_reads = blob_url.is_some();
    wasm_bindgen_futures::spawn_local(send_files(
        worker.clone(),
        name.clone(),
        files,
        ready,
        stopped.clone(),
        page_reads,
    ));
    let on_message = {
        let worker = worker.clone();
        let stopped = stopped.clone();
        let on_event = on_event.clone();
        let name = name.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if stopped.get() {
                return;
            }
            let data = event.data();
            match protocol::kind(&data).as_str() {
                protocol::READY => {
                    if let Some(url) = &blob_url {
                        let _ = web_sys::Url::revoke_object_url(url);
                    }
                    if let Some(resolve) = resolve_ready.take() {
                        let _ = resolve.call0(&JsValue::UNDEFINED);
                    }
                }
                protocol::PROGRESS => {
                    on_event.emit(WorkerEvent::Progress(protocol::read_progress(&data)))
                }
                protocol::DONE => {
                    let (bytes, summary) = protocol::read_done(&data);
                    stopped.set(true);
                    worker.terminate();
                    on_event.emit(WorkerEvent::Done {
                        name: name.clone(),
                        bytes: bytes.map(Rc::new),
                        summary,
                    });
                }
                protocol::FAILED => {
                    stopped.set(true);
                    worker.terminate();
                    on_event.emit(WorkerEvent::Failed(format!(
                        "the import failed: {}",
                        protocol::string(&data, "message")
                    )));
                }
                _ => {}
            }
        })
    };
    let on_error = {
        let stopped = stopped.clone();
        let worker = worker.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            if stopped.get() {
                return;
            }
            stopped.set(true);
            worker.terminate();
            let detail = event
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "the browser gave no reason".to_string());
            on_event.emit(WorkerEvent::Failed(format!(
                "the import worker stopped: {detail}"
            )));
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(ImportRun {
        worker,
        stopped,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Posts the files to the worker once it is `ready`, a few at a time between which the page
/// gets the main thread back. The page reads nothing itself: in Chromium, a picked file's `size`,
/// `arrayBuffer()` and even its posting to a worker are each a synchronous round trip to the
/// browser process (posting 2,000 files at once held the main thread for 0.4 s), and the worker
/// sizes and reads them.
async fn send_files(
    worker: web_sys::Worker,
    name: String,
    files: Vec<PickedFile>,
    ready: js_sys::Promise,
    stopped: Rc<Cell<bool>>,
    page_reads: bool,
) {
    if JsFuture::from(ready).await.is_err() || stopped.get() {
        return;
    }
    let start = protocol::message(protocol::START);
    protocol::set(&start, "name", &name.as_str().into());
    protocol::set(&start, "files", &(files.len() as f64).into());
    if worker.post_message(&start).is_err() {
        return;
    }
    let mut chunks = files.chunks(POST_FILES);
    let posted = if page_reads {
        post_read_files(&worker, &mut chunks, &stopped).await
    } else {
        slices::run(|| {
            if stopped.get() {
                return Err(());
            }
            let Some(chunk) = chunks.next() else {
                return Ok(true);
            };
            let message = protocol::message(protocol::FILES);
            let names: js_sys::Array = chunk.iter().map(|f| JsValue::from_str(&f.path)).collect();
            let handles: js_sys::Array = chunk.iter().map(|f| JsValue::from(&f.file)).collect();
            protocol::set(&message, "names", &names);
            protocol::set(&message, "files", &handles);
            worker.post_message(&message).map(|_| false).map_err(|_| ())
        })
        .await
    };
    if posted.is_ok() {
        let _ = worker.post_message(&protocol::message(protocol::END));
    }
}

/// The single file's way: the page reads the files and posts their bytes, transferred. WebKit
/// does not let a worker started from a `blob:` URL of a `file://` page read the page's files
/// (every read fails), while the page itself may. Each chunk is read, then posted, so no task
/// holds more than a chunk's round trips.
async fn post_read_files(
    worker: &web_sys::Worker,
    chunks: &mut std::slice::Chunks<'_, PickedFile>,
    stopped: &Cell<bool>,
) -> Result<(), ()> {
    for chunk in chunks {
        let sizes: Vec<f64> = chunk.iter().map(|f| f.file.size()).collect();
        let reads: js_sys::Array = chunk
            .iter()
            .zip(&sizes)
            .map(|(f, &size)| {
                if import::needs_bytes(&f.path, size as u64) {
                    f.file.array_buffer().into()
                } else {
                    JsValue::NULL
                }
            })
            .collect();
        // A file that cannot be read (removed meanwhile, a permission) goes unread: the worker
        // then reports it as empty rather than the whole import failing.
        let settled = JsFuture::from(js_sys::Promise::all_settled(&reads))
            .await
            .map(|v| js_sys::Array::from(&v))
            .map_err(|_| ())?;
        if stopped.get() {
            return Err(());
        }
        let names: js_sys::Array = chunk.iter().map(|f| JsValue::from_str(&f.path)).collect();
        let buffers = js_sys::Array::new();
        let transfer = js_sys::Array::new();
        for result in settled.iter() {
            let value = protocol::get(&result, "value");
            if value.is_instance_of::<js_sys::ArrayBuffer>() {
                transfer.push(&value);
                buffers.push(&value);
            } else {
                buffers.push(&JsValue::NULL);
            }
        }
        let message = protocol::message(protocol::FILES);
        protocol::set(&message, "names", &names);
        protocol::set(
            &message,
            "sizes",
            &sizes
                .iter()
                .map(|&s| JsValue::from(s))
                .collect::<js_sys::Array>(),
        );
        protocol::set(&message, "buffers", &buffers);
        worker
            .post_message_with_transfer(&message, &transfer)
            .map_err(|_| ())?;
        slices::yield_now().await;
    }
    Ok(())
}
