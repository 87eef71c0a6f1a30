//! The browser's storage of corpora: an IndexedDB database (`entente`) with two object stores,
//! `corpora` (one small record per corpus: id, name, created date, document count, byte size, so
//! the list never reads the corpora themselves) and `bytes` (the corpus in the core's binary
//! format, under the same id).
//!
//! Every write is one transaction over both stores: a put, a rename or a delete either happens
//! whole or not at all, so a tab closed mid-write, a full disk or an aborted transaction leaves
//! the corpora stored before it exactly as they were. Nothing here decides what to do about a
//! failure: each operation returns a [`StoreError`] and the library (`hooks::use_library`) tells
//! the user and carries on in memory.
//!
//! IndexedDB can be missing altogether (`window.indexedDB` undefined or throwing, as in some
//! engines under `file://` and in some private modes), its `open` can fail, or it can never
//! answer: [`Store::open`] turns each of those into [`StoreError::Unavailable`].

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use std::fmt;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

/// The database's name.
pub const DATABASE: &str = "entente";

thread_local! {
    /// Whether this page's database refused a corpus stored as a `Blob` (then bytes are stored).
    static BLOBS_REFUSED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}
/// The schema version; `onupgradeneeded` creates the stores of this version.
const VERSION: u32 = 1;
/// The store of corpus records.
const META: &str = "corpora";
/// The store of corpus bytes.
const BYTES: &str = "bytes";
/// How long `open` may stay silent before the storage counts as unavailable (an engine can
/// leave the request pending forever, e.g. when another tab blocks an upgrade).
const OPEN_TIMEOUT_MS: i32 = 5_000;

/// What is known about a stored corpus without reading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredCorpus {
    /// The corpus's content hash (`codec::corpus_hash`), the key in both stores.
    pub id: String,
    /// The name the user sees (and may change).
    pub name: String,
    /// When it was stored, as an ISO 8601 timestamp.
    pub created: String,
    /// How many documents it holds.
    pub documents: u32,
    /// The size of its encoded bytes.
    pub size: u64,
}

/// Why a storage operation failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// There is no usable IndexedDB here.
    Unavailable(String),
    /// The browser refused the write for lack of space.
    Quota,
    /// The transaction was aborted before it completed; nothing of it was written.
    Aborted(String),
    /// Any other failure, with the browser's words.
    Failed(String),
}

impl StoreError {
    /// Classifies a `DOMException` by its name (the part of it engines agree on).
    pub fn from_dom_name(name: &str, message: &str) -> StoreError {
        let detail = if message.is_empty() {
            name.to_string()
        } else {
            format!("{name}: {message}")
        };
        match name {
            "QuotaExceededError" => StoreError::Quota,
            "AbortError" => StoreError::Aborted(detail),
            "InvalidStateError" | "SecurityError" | "UnknownError" | "NotAllowedError" => {
                StoreError::Unavailable(detail)
            }
            _ => StoreError::Failed(detail),
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Unavailable(why) => {
                write!(f, "this browser's storage is not available here ({why})")
            }
            StoreError::Quota => write!(f, "this browser's storage is full"),
            StoreError::Aborted(why) => write!(f, "the write was aborted ({why})"),
            StoreError::Failed(why) => write!(f, "the browser's storage failed ({why})"),
        }
    }
}

/// Reads a thrown value or an `error` property as a [`StoreError`].
fn error_of(value: &JsValue) -> StoreError {
    if let Some(e) = value.dyn_ref::<web_sys::DomException>() {
        return StoreError::from_dom_name(&e.name(), &e.message());
    }
    if let Some(e) = value.dyn_ref::<js_sys::Error>() {
        let name: String = e.name().into();
        let message: String = e.message().into();
        return StoreError::from_dom_name(&name, &message);
    }
    if value.is_null() || value.is_undefined() {
        return StoreError::Aborted("AbortError".into());
    }
    StoreError::Failed(value.as_string().unwrap_or_else(|| format!("{value:?}")))
}

/// A future that settles with `request`'s result or its error.
fn request_done(request: &IdbRequest) -> JsFuture {
    JsFuture::from(request_promise(request))
}

/// A promise that settles with `request`'s result or its error.
fn request_promise(request: &IdbRequest) -> Promise {
    Promise::new(&mut |resolve: Function, reject: Function| {
        let ok = {
            let request = request.clone();
            Closure::once_into_js(move |_: JsValue| {
                let result = request.result().unwrap_or(JsValue::UNDEFINED);
                let _ = resolve.call1(&JsValue::NULL, &result);
            })
        };
        let err = {
            let request = request.clone();
            Closure::once_into_js(move |_: JsValue| {
                let error = request
                    .error()
                    .ok()
                    .flatten()
                    .map_or(JsValue::NULL, JsValue::from);
                let _ = reject.call1(&JsValue::NULL, &error);
            })
        };
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(err.unchecked_ref()));
    })
}

/// A promise that resolves when `tx` commits and rejects with its error when it aborts (an
/// explicit `abort()` has no error: that reads as [`StoreError::Aborted`]).
fn transaction_done(tx: &IdbTransaction) -> JsFuture {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let complete = Closure::once_into_js(move |_: JsValue| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let abort = {
            let tx = tx.clone();
            Closure::once_into_js(move |_: JsValue| {
                let error = tx.error().map_or(JsValue::NULL, JsValue::from);
                let _ = reject.call1(&JsValue::NULL, &error);
            })
        };
        tx.set_oncomplete(Some(complete.unchecked_ref()));
        tx.set_onabort(Some(abort.unchecked_ref()));
    });
    JsFuture::from(promise)
}

/// A promise that rejects after `ms` milliseconds (the other side of a race).
fn timeout(ms: i32) -> Promise {
    Promise::new(&mut |_resolve: Function, reject: Function| {
        let fire = Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("timeout"));
        });
        if let Some(window) = web_sys::window() {
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(fire.unchecked_ref(), ms);
        }
    })
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn record(corpus: &StoredCorpus) -> Object {
    let object = Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &value);
    };
    set("id", corpus.id.as_str().into());
    set("name", corpus.name.as_str().into());
    set("created", corpus.created.as_str().into());
    set("documents", corpus.documents.into());
    // Sizes stay far below 2^53: a JS number holds them exactly.
    set("size", JsValue::from_f64(corpus.size as f64));
    object
}

fn from_record(value: &JsValue) -> Option<StoredCorpus> {
    let text = |key| get(value, key).as_string();
    let number = |key| get(value, key).as_f64();
    Some(StoredCorpus {
        id: text("id")?,
        name: text("name").unwrap_or_default(),
        created: text("created").unwrap_or_default(),
        documents: number("documents").unwrap_or(0.0) as u32,
        size: number("size").unwrap_or(0.0) as u64,
    })
}

/// An open database.
pub struct Store {
    db: IdbDatabase,
}

impl Store {
    /// Opens (creating on first use) the database.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`] when there is no IndexedDB, `open` throws or fails, or it
    /// does not answer within a few seconds.
    pub async fn open() -> Result<Store, StoreError> {
        let window =
            web_sys::window().ok_or_else(|| StoreError::Unavailable("no window".into()))?;
        // `indexed_db()` is an error when the getter throws and `None` when it is missing.
        let factory = window
            .indexed_db()
            .map_err(|e| StoreError::Unavailable(error_of(&e).to_string()))?
            .ok_or_else(|| StoreError::Unavailable("IndexedDB is missing".into()))?;
        let request = factory
            .open_with_u32(DATABASE, VERSION)
            .map_err(|e| unavailable(&e))?;
        let upgrade = {
            let request = request.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
                let Ok(db) = request.result().and_then(|r| r.dyn_into::<IdbDatabase>()) else {
                    return;
                };
                let names = db.object_store_names();
                for store in [META, BYTES] {
                    if !names.contains(store) {
                        let _ = db.create_object_store(store);
                    }
                }
            })
        };
        request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let opened = Promise::race(&Array::of2(
            &request_promise(&request),
            &timeout(OPEN_TIMEOUT_MS),
        ));
        let result = JsFuture::from(opened).await;
        request.set_onupgradeneeded(None);
        drop(upgrade);
        match result {
            Ok(db) => db
                .dyn_into::<IdbDatabase>()
                .map(|db| Store { db })
                .map_err(|_| StoreError::Unavailable("open gave no database".into())),
            Err(e) if e.as_string().as_deref() == Some("timeout") => {
                Err(StoreError::Unavailable("IndexedDB did not answer".into()))
            }
            Err(e) => Err(unavailable(&e)),
        }
    }

    fn transaction(
        &self,
        stores: &[&str],
        mode: IdbTransactionMode,
    ) -> Result<IdbTransaction, StoreError> {
        let names = Array::new();
        for s in stores {
            names.push(&JsValue::from_str(s));
        }
        self.db
            .transaction_with_str_sequence_and_mode(&names, mode)
            .map_err(|e| error_of(&e))
    }

    /// The stored corpora (records only), oldest first.
    ///
    /// # Errors
    /// When the storage cannot be read.
    pub async fn list(&self) -> Result<Vec<StoredCorpus>, StoreError> {
        let tx = self.transaction(&[META], IdbTransactionMode::Readonly)?;
        let store = tx.object_store(META).map_err(|e| error_of(&e))?;
        let request = store.get_all().map_err(|e| error_of(&e))?;
        let all = request_done(&request).await.map_err(|e| error_of(&e))?;
        let mut list: Vec<StoredCorpus> = Array::from(&all)
            .iter()
            .filter_map(|v| from_record(&v))
            .collect();
        list.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
        Ok(list)
    }

    /// The bytes of corpus `id`, or `None` when it is not stored.
    ///
    /// # Errors
    /// When the storage cannot be read.
    pub async fn get(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let tx = self.transaction(&[BYTES], IdbTransactionMode::Readonly)?;
        let store = tx.object_store(BYTES).map_err(|e| error_of(&e))?;
        let request = store
            .get(&JsValue::from_str(id))
            .map_err(|e| error_of(&e))?;
        let value = request_done(&request).await.map_err(|e| error_of(&e))?;
        if value.is_undefined() || value.is_null() {
            return Ok(None);
        }
        // A `Blob` since format v3's uncompressed imports; bytes before.
        let value = match value.dyn_into::<web_sys::Blob>() {
            Ok(blob) => wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
                .await
                .map_err(|e| error_of(&e))?,
            Err(value) => value,
        };
        let bytes = if value.is_instance_of::<js_sys::ArrayBuffer>() {
            Uint8Array::new(&value)
        } else {
            value
                .dyn_into::<Uint8Array>()
                .map_err(|_| StoreError::Failed(format!("corpus {id} is not stored as bytes")))?
        };
        Ok(Some(bytes.to_vec()))
    }

    /// Stores a corpus (record and bytes) in one transaction, replacing one with the same id.
    ///
    /// # Errors
    /// When the transaction aborts (quota, an explicit abort, a closed database): then nothing
    /// of it was written.
    pub async fn put(&self, corpus: &StoredCorpus, bytes: &[u8]) -> Result<(), StoreError> {
        if BLOBS_REFUSED.get() {
            return self.put_as(corpus, bytes, false).await;
        }
        match self.put_as(corpus, bytes, true).await {
            Ok(()) => Ok(()),
            Err(_) => {
                // WebKit refuses blobs in the database of a `file://` page ("Error preparing
                // Blob/File data"): the bytes themselves then, from now on. A failure that is
                // not about blobs fails again and is reported.
                let result = self.put_as(corpus, bytes, false).await;
                if result.is_ok() {
                    BLOBS_REFUSED.set(true);
                }
                result
            }
        }
    }

    async fn put_as(
        &self,
        corpus: &StoredCorpus,
        bytes: &[u8],
        as_blob: bool,
    ) -> Result<(), StoreError> {
        let tx = self.transaction(&[META, BYTES], IdbTransactionMode::Readwrite)?;
        let done = transaction_done(&tx);
        // Both requests are made before anything is awaited, so the transaction cannot commit
        // between them.
        let key = JsValue::from_str(&corpus.id);
        let queued = crate::services::perf::measure("entente:store-put", || {
            let data: JsValue = if as_blob {
                // A `Blob` is handed over by reference and written behind; bytes are cloned on
                // the main thread (50 ms for the 12 MB of 2,000 imported articles).
                let parts = js_sys::Array::new();
                // SAFETY: the view is read by the `Blob` constructor, which copies it, before
                // anything else runs that could allocate in (and so move) the wasm memory.
                parts.push(&unsafe { Uint8Array::view(bytes) }.into());
                web_sys::Blob::new_with_u8_array_sequence(&parts)?.into()
            } else {
                Uint8Array::from(bytes).into()
            };
            tx.object_store(BYTES)?.put_with_key(&data, &key)?;
            tx.object_store(META)?.put_with_key(&record(corpus), &key)?;
            Ok::<(), JsValue>(())
        });
        settle(&tx, queued, done).await
    }

    /// Renames corpus `id` (its record only; read and written in one transaction).
    ///
    /// # Errors
    /// When the corpus is not stored or the transaction fails.
    pub async fn rename(&self, id: &str, name: &str) -> Result<(), StoreError> {
        let tx = self.transaction(&[META], IdbTransactionMode::Readwrite)?;
        let done = transaction_done(&tx);
        let store = tx.object_store(META).map_err(|e| error_of(&e))?;
        let key = JsValue::from_str(id);
        let request = store.get(&key).map_err(|e| error_of(&e))?;
        // The write is made inside the read's success event, while the transaction is active.
        let missing = std::rc::Rc::new(std::cell::Cell::new(false));
        let on_read = {
            let request = request.clone();
            let name = name.to_string();
            let missing = missing.clone();
            let tx = tx.clone();
            Closure::once_into_js(move |_: JsValue| {
                let current = request.result().ok().as_ref().and_then(from_record);
                match current {
                    Some(mut corpus) => {
                        corpus.name = name;
                        let _ = store.put_with_key(&record(&corpus), &key);
                    }
                    None => {
                        missing.set(true);
                        let _ = tx.abort();
                    }
                }
            })
        };
        request.set_onsuccess(Some(on_read.unchecked_ref()));
        let result = done.await.map(|_| ()).map_err(|e| error_of(&e));
        if missing.get() {
            return Err(StoreError::Failed(format!("no stored corpus {id}")));
        }
        result
    }

    /// Deletes corpus `id` (record and bytes) in one transaction.
    ///
    /// # Errors
    /// When the transaction fails; then nothing was deleted.
    pub async fn delete(&self, id: &str) -> Result<(), StoreError> {
        let tx = self.transaction(&[META, BYTES], IdbTransactionMode::Readwrite)?;
        let done = transaction_done(&tx);
        let key = JsValue::from_str(id);
        let queued = (|| {
            tx.object_store(BYTES)?.delete(&key)?;
            tx.object_store(META)?.delete(&key)?;
            Ok::<(), JsValue>(())
        })();
        settle(&tx, queued, done).await
    }
}

/// Each operation opens its own connection; closing it on drop lets running transactions finish
/// (IndexedDB closes a connection only once they have) and never leaves one open to block a
/// future schema upgrade.
impl Drop for Store {
    fn drop(&mut self) {
        self.db.close();
    }
}

/// Waits for a write transaction. When queueing its requests failed, the transaction is
/// aborted, and its own error (the reason it had already ended, if it had) wins over the
/// queueing error.
async fn settle(
    tx: &IdbTransaction,
    queued: Result<(), JsValue>,
    done: JsFuture,
) -> Result<(), StoreError> {
    match queued {
        Ok(()) => done.await.map(|_| ()).map_err(|e| error_of(&e)),
        Err(queue_error) => {
            let _ = tx.abort();
            match done.await {
                Err(e) if !e.is_null() => Err(error_of(&e)),
                Err(_) => Err(StoreError::Aborted("the transaction ended early".into())),
                Ok(_) => Err(error_of(&queue_error)),
            }
        }
    }
}

/// A failure to open is always "unavailable", whatever the exception's name.
fn unavailable(value: &JsValue) -> StoreError {
    match error_of(value) {
        StoreError::Unavailable(why) | StoreError::Aborted(why) | StoreError::Failed(why) => {
            StoreError::Unavailable(why)
        }
        StoreError::Quota => StoreError::Quota,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dom_exceptions_are_classified_by_name() {
        assert_eq!(
            StoreError::from_dom_name("QuotaExceededError", "full"),
            StoreError::Quota
        );
        assert_eq!(
            StoreError::from_dom_name("AbortError", ""),
            StoreError::Aborted("AbortError".into())
        );
        assert_eq!(
            StoreError::from_dom_name("InvalidStateError", "private mode"),
            StoreError::Unavailable("InvalidStateError: private mode".into())
        );
        assert_eq!(
            StoreError::from_dom_name("DataError", "bad key"),
            StoreError::Failed("DataError: bad key".into())
        );
        assert_eq!(
            StoreError::Quota.to_string(),
            "this browser's storage is full"
        );
    }
}
