//! The corpus library: every corpus the app can show and the one it shows.
//!
//! The library holds the built-in corpus (always there), the corpus inlined in a saved single
//! file (when the page is one), and the corpora kept in the browser's storage
//! (`services::store`), plus any imported corpus the storage refused, which stays open in memory
//! until the tab closes. [`LibraryProvider`] owns it and gives components a [`LibraryHandle`]:
//! the state, and callbacks to add (store, then open), switch, rename, delete, keep, and save the
//! active corpus as a single file.
//!
//! The active corpus is named in view URLs by its content hash (the `corpus` key), except for
//! the built-in corpus of the hosted site, whose URLs stay as they were. A URL whose hash is not
//! in the library opens the built-in corpus with a notice and the filters the URL still holds.
//! The explorer is rebuilt whenever the active corpus changes: the shell is keyed by its id.

use crate::corpus::{self, CorpusOrigin, LoadError};
use crate::hooks::use_explorer::ExplorerHandle;
use crate::import::ImportedCorpus;
use crate::services::store::{Store, StoreError, StoredCorpus};
use crate::services::{history, location, perf, single_file, slices};
use entente_core::codec;
use entente_core::explore::state::{HistoryMode, ViewState};
use entente_core::explore::ExplorerBuilder;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// The URL key that names the corpus.
pub const CORPUS_KEY: &str = "corpus";

/// A corpus the library knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusEntry {
    /// Its content hash.
    pub id: String,
    /// Its name.
    pub name: String,
    /// How many documents it holds.
    pub documents: usize,
    /// Where it lives.
    pub origin: CorpusOrigin,
}

/// The state of the browser's storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Storage {
    /// Being opened.
    Opening,
    /// Open; the stored corpora are listed.
    Ready,
    /// Not usable: corpora can only be kept in memory (and saved as single files).
    Unavailable(String),
}

/// A decoded corpus with the bytes a single file would carry (`None` for the built-in one, which
/// the wasm carries). It is indexed the first time it is shown ([`Opened::explorer`]): a single
/// file decodes the built-in corpus too (for its id), but indexes it only if the user opens it.
#[derive(Clone)]
pub struct Opened {
    cell: Rc<OpenedCell>,
    /// Its encoded bytes.
    pub bytes: Option<Rc<Vec<u8>>>,
}

struct OpenedCell {
    /// The decoded corpus until it is indexed.
    pending: RefCell<Option<entente_core::Analysed>>,
    explorer: OnceCell<ExplorerHandle>,
    id: String,
    name: String,
    documents: usize,
}

/// Opened corpora compare by identity.
impl PartialEq for Opened {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.cell, &other.cell)
    }
}

impl Opened {
    fn new(analysed: entente_core::Analysed, bytes: Option<Rc<Vec<u8>>>) -> Opened {
        let corpus = &analysed.corpus;
        let cell = OpenedCell {
            id: codec::corpus_hash(corpus),
            name: corpus.name.clone(),
            documents: corpus.documents.len(),
            pending: RefCell::new(None),
            explorer: OnceCell::new(),
        };
        *cell.pending.borrow_mut() = Some(analysed);
        Opened {
            cell: Rc::new(cell),
            bytes,
        }
    }

    /// The corpus's explorer, indexed on first use.
    pub fn explorer(&self) -> ExplorerHandle {
        self.cell
            .explorer
            .get_or_init(|| {
                let analysed = self
                    .cell
                    .pending
                    .borrow_mut()
                    .take()
                    .expect("an opened corpus is indexed once, from its decoded form");
                ExplorerHandle::new(analysed)
            })
            .clone()
    }

    /// A corpus already indexed (by [`open_bytes`], in slices), whose content hash is `id`.
    fn indexed(id: String, explorer: ExplorerHandle, bytes: Option<Rc<Vec<u8>>>) -> Opened {
        let corpus = &explorer.corpus;
        let cell = OpenedCell {
            id,
            name: corpus.name.clone(),
            documents: corpus.documents.len(),
            pending: RefCell::new(None),
            explorer: OnceCell::from(explorer),
        };
        Opened {
            cell: Rc::new(cell),
            bytes,
        }
    }

    fn entry(&self, name: Option<&str>, origin: CorpusOrigin) -> CorpusEntry {
        CorpusEntry {
            id: self.cell.id.clone(),
            name: name.map_or_else(|| self.cell.name.clone(), str::to_string),
            documents: self.cell.documents,
            origin,
        }
    }
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened")
            .field("id", &self.cell.id)
            .field("documents", &self.cell.documents)
            .field("bytes", &self.bytes.as_ref().map(|b| b.len()))
            .finish()
    }
}

/// The library's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Library {
    /// Every corpus: the built-in one first, then the inlined one, then the others oldest first.
    pub entries: Vec<CorpusEntry>,
    /// The id of the active corpus.
    pub active: String,
    /// The active corpus, decoded.
    pub opened: Opened,
    /// The corpora open in this tab (built-in, inlined, in memory), by id.
    pub memory: Vec<(String, Opened)>,
    /// The id of the corpus inlined in the page, if it carries one.
    pub inlined: Option<String>,
    /// The storage's state.
    pub storage: Storage,
    /// The latest storage problem, shown until dismissed with the offer to save a single file.
    pub problem: Option<String>,
    /// One-off messages (a link to an unknown corpus, a corpus that could not be opened).
    pub notices: Vec<String>,
    /// True while the corpus named by the start URL is being looked up in the storage.
    pub resolving: bool,
    /// True while a storage operation runs.
    pub busy: bool,
}

impl Library {
    /// The active corpus's entry.
    pub fn active_entry(&self) -> &CorpusEntry {
        self.entries
            .iter()
            .find(|e| e.id == self.active)
            .unwrap_or(&self.entries[0])
    }

    /// The entry with this id.
    pub fn entry(&self, id: &str) -> Option<&CorpusEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The corpus a URL without a `corpus` key shows: the page's own.
    fn default_id(&self) -> String {
        self.inlined
            .clone()
            .unwrap_or_else(|| self.entries[0].id.clone())
    }

    /// The value of the URL's `corpus` key for corpus `id`: none for the built-in corpus of a
    /// page that carries no other, so the hosted site's links stay short and stable.
    pub fn url_key(&self, id: &str) -> Option<String> {
        let builtin = self.entries[0].id == id;
        (!builtin || self.inlined.is_some()).then(|| id.to_string())
    }
}

/// A change to the library.
pub enum LibraryMsg {
    /// The storage opened with these corpora.
    Listed(Vec<StoredCorpus>),
    /// The storage cannot be used.
    StorageFailed(String),
    /// Opens a corpus (already decoded).
    Activate(CorpusEntry, Opened),
    /// Adds or updates an entry (and keeps its corpus in memory if given).
    Upsert(CorpusEntry, Option<Opened>),
    /// Removes an entry.
    Remove(String),
    /// A storage problem for the user.
    Problem(String),
    /// A one-off notice.
    Notice(String),
    /// The start URL's corpus was looked up.
    Resolved,
    /// A storage operation started or ended.
    Busy(bool),
    /// Hides the notices and the problem.
    Dismiss,
}

impl Reducible for Library {
    type Action = LibraryMsg;

    fn reduce(self: Rc<Self>, msg: LibraryMsg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            LibraryMsg::Listed(stored) => {
                next.storage = Storage::Ready;
                for s in stored {
                    let entry = CorpusEntry {
                        id: s.id.clone(),
                        name: s.name,
                        documents: s.documents as usize,
                        origin: CorpusOrigin::Stored,
                    };
                    upsert(&mut next.entries, entry);
                }
            }
            LibraryMsg::StorageFailed(why) => {
                next.problem = Some(format!(
                    "This browser's storage is not available here ({why}): corpora you open stay in memory until this tab closes."
                ));
                next.storage = Storage::Unavailable(why);
            }
            LibraryMsg::Activate(entry, opened) => {
                next.active = entry.id.clone();
                if entry.origin != CorpusOrigin::Stored {
                    remember(&mut next.memory, &entry.id, &opened);
                }
                if next.entry(&entry.id).is_none() {
                    upsert(&mut next.entries, entry);
                }
                next.opened = opened;
                next.resolving = false;
            }
            LibraryMsg::Upsert(entry, opened) => {
                if let Some(opened) = opened {
                    remember(&mut next.memory, &entry.id, &opened);
                }
                upsert(&mut next.entries, entry);
            }
            LibraryMsg::Remove(id) => {
                // The built-in corpus and the page's own cannot be removed.
                if id != next.entries[0].id && Some(&id) != next.inlined.as_ref() {
                    next.entries.retain(|e| e.id != id);
                    next.memory.retain(|(m, _)| *m != id);
                }
            }
            LibraryMsg::Problem(text) => next.problem = Some(text),
            LibraryMsg::Notice(text) => {
                if !next.notices.contains(&text) {
                    next.notices.push(text);
                }
            }
            LibraryMsg::Resolved => next.resolving = false,
            LibraryMsg::Busy(busy) => next.busy = busy,
            LibraryMsg::Dismiss => {
                if next.notices.is_empty() && next.problem.is_none() {
                    return self;
                }
                next.notices.clear();
                next.problem = None;
            }
        }
        Rc::new(next)
    }
}

/// Adds `entry` after the built-in and inlined ones, or updates the entry with its id. A stored
/// record updates an inlined or in-memory entry of the same corpus: it is now kept, under the
/// name the user gave it.
fn upsert(entries: &mut Vec<CorpusEntry>, entry: CorpusEntry) {
    match entries.iter_mut().find(|e| e.id == entry.id) {
        Some(existing) if existing.origin == CorpusOrigin::Embedded => {}
        Some(existing) => *existing = entry,
        None => entries.push(entry),
    }
}

fn remember(memory: &mut Vec<(String, Opened)>, id: &str, opened: &Opened) {
    if !memory.iter().any(|(m, _)| m == id) {
        memory.push((id.to_string(), opened.clone()));
    }
}

/// The library at start: the built-in corpus and the inlined one, and which to show. The stored
/// corpora come later ([`LibraryMsg::Listed`]); when the URL names a corpus that is neither
/// built in nor inlined, `resolving` holds the page until the storage has been asked.
///
/// # Errors
/// When the built-in or the inlined corpus cannot be read.
pub fn initial(
    inlined_text: Option<&str>,
    embedded: &[u8],
    url_corpus: Option<&str>,
) -> Result<Library, LoadError> {
    let builtin = corpus::load(None, embedded)?;
    let builtin = Opened::new(builtin.analysed, None);
    let mut entries = vec![builtin.entry(None, CorpusOrigin::Embedded)];
    let mut memory = vec![(entries[0].id.clone(), builtin)];
    let mut inlined = None;
    if let Some(text) = inlined_text.filter(|t| !t.trim().is_empty()) {
        let loaded = corpus::load(Some(text), embedded)?;
        let bytes = entente_core::inline_text::decode(text).ok().map(Rc::new);
        let opened = Opened::new(loaded.analysed, bytes);
        let entry = opened.entry(None, CorpusOrigin::Inlined);
        if entry.id != entries[0].id {
            memory.push((entry.id.clone(), opened));
            inlined = Some(entry.id.clone());
            entries.push(entry);
        }
    }
    let default = inlined.clone().unwrap_or_else(|| entries[0].id.clone());
    let (active, resolving) = match url_corpus {
        Some(id) if entries.iter().any(|e| e.id == id) => (id.to_string(), false),
        Some(_) => (default, true),
        None => (default, false),
    };
    let opened = memory
        .iter()
        .find(|(id, _)| *id == active)
        .map(|(_, o)| o.clone())
        .unwrap_or_else(|| memory[0].1.clone());
    Ok(Library {
        entries,
        active,
        opened,
        memory,
        inlined,
        storage: Storage::Opening,
        problem: None,
        notices: Vec::new(),
        resolving,
        busy: false,
    })
}

/// The library with what changes it.
#[derive(Clone)]
pub struct LibraryHandle {
    /// The state.
    pub library: Rc<Library>,
    /// Stores an imported corpus, then opens it (in memory only if the storage refuses it).
    pub add: Callback<ImportedCorpus>,
    /// Opens the corpus with this id.
    pub switch: Callback<String>,
    /// Renames a corpus: (id, new name).
    pub rename: Callback<(String, String)>,
    /// Deletes a corpus (the caller has asked for confirmation).
    pub delete: Callback<String>,
    /// Keeps the inlined or in-memory corpus with this id in the browser's storage.
    pub keep: Callback<String>,
    /// Saves the active corpus as a single file; the outcome, for the user, goes to the callback.
    pub save_single_file: Callback<Callback<Result<String, String>>>,
    /// Hides the notices and the storage problem.
    pub dismiss: Callback<()>,
}

impl PartialEq for LibraryHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.library, &other.library)
    }
}

/// The library, for any component under [`LibraryProvider`].
///
/// # Panics
/// When called outside the provider.
#[hook]
pub fn use_library() -> LibraryHandle {
    use_context::<LibraryHandle>().expect("use_library is called inside the library provider")
}

/// Writes the URL for corpus `key` (`None`: no key): the given query's other keys are kept.
fn write_url(query: &str, key: Option<String>, mode: HistoryMode) {
    let (mut state, _) = ViewState::from_query(query);
    state.corpus = key;
    history::write(&state.to_query(), mode);
}

type Dispatcher = UseReducerDispatcher<Library>;

/// Decodes and indexes `bytes` into an opened corpus and its entry, in slices between which the
/// page stays responsive (a large imported or stored corpus takes a second or more to index).
async fn open_bytes(
    bytes: Rc<Vec<u8>>,
    name: Option<&str>,
    origin: CorpusOrigin,
) -> Result<(CorpusEntry, Opened), String> {
    let mut decoder = codec::Decoder::new(&bytes).map_err(|e| e.to_string())?;
    slices::yield_now().await;
    slices::run(|| decoder.step(4))
        .await
        .map_err(|e| e.to_string())?;
    let id = decoder.corpus_hash();
    let analysed = decoder.finish().map_err(|e| e.to_string())?;
    slices::yield_now().await;
    let mut builder = ExplorerBuilder::new(analysed);
    slices::run(|| Ok::<_, ()>(builder.step(2))).await.ok();
    slices::yield_now().await;
    let explorer = ExplorerHandle::from_explorer(builder.finish());
    let opened = Opened::indexed(id, explorer, Some(bytes));
    Ok((opened.entry(name, origin), opened))
}

fn stored_record(entry: &CorpusEntry, bytes: &[u8]) -> StoredCorpus {
    StoredCorpus {
        id: entry.id.clone(),
        name: entry.name.clone(),
        created: String::from(js_sys::Date::new_0().to_iso_string()),
        documents: u32::try_from(entry.documents).unwrap_or(u32::MAX),
        size: bytes.len() as u64,
    }
}

/// Stores a corpus; on success it becomes a stored entry, otherwise it stays in memory and the
/// user is told why. Then it is opened when `activate` says so.
async fn keep_corpus(
    dispatcher: Dispatcher,
    mut entry: CorpusEntry,
    opened: Opened,
    bytes: Rc<Vec<u8>>,
    activate: bool,
    storage_usable: bool,
) {
    let result = if storage_usable {
        dispatcher.dispatch(LibraryMsg::Busy(true));
        let result = match Store::open().await {
            Ok(store) => store.put(&stored_record(&entry, &bytes), &bytes).await,
            Err(e) => Err(e),
        };
        dispatcher.dispatch(LibraryMsg::Busy(false));
        result
    } else {
        Err(StoreError::Unavailable("it could not be opened".into()))
    };
    match result {
        Ok(()) => {
            entry.origin = CorpusOrigin::Stored;
        }
        Err(e) => {
            if entry.origin != CorpusOrigin::Inlined {
                entry.origin = CorpusOrigin::Memory;
            }
            dispatcher.dispatch(LibraryMsg::Problem(format!(
                "“{}” could not be kept in this browser: {e}. It stays open in memory until this tab closes; save it as a single file to keep it.",
                entry.name
            )));
        }
    }
    perf::measure("entente:activate", || {
        dispatcher.dispatch(LibraryMsg::Upsert(entry.clone(), Some(opened.clone())));
        if activate {
            write_url("", Some(entry.id.clone()), HistoryMode::Push);
            dispatcher.dispatch(LibraryMsg::Activate(entry, opened));
        }
    });
}

/// Opens corpus `id`: from memory, or from the storage. `url` says how to write the URL first
/// (`None` when the URL already names it, as after Back).
async fn open_corpus(
    dispatcher: Dispatcher,
    library: Rc<Library>,
    id: String,
    url: Option<(String, HistoryMode)>,
) {
    let Some(entry) = library.entry(&id).cloned() else {
        return;
    };
    let write = |library: &Library| {
        if let Some((query, mode)) = &url {
            write_url(query, library.url_key(&id), *mode);
        }
    };
    if let Some((_, opened)) = library.memory.iter().find(|(m, _)| *m == id) {
        write(&library);
        dispatcher.dispatch(LibraryMsg::Activate(entry, opened.clone()));
        return;
    }
    dispatcher.dispatch(LibraryMsg::Busy(true));
    let bytes = match Store::open().await {
        Ok(store) => store.get(&id).await,
        Err(e) => Err(e),
    };
    dispatcher.dispatch(LibraryMsg::Busy(false));
    match bytes {
        Ok(Some(bytes)) => {
            match open_bytes(Rc::new(bytes), Some(&entry.name), entry.origin).await {
                Ok((_, opened)) => {
                    write(&library);
                    dispatcher.dispatch(LibraryMsg::Activate(entry, opened));
                }
                Err(why) => dispatcher.dispatch(LibraryMsg::Notice(format!(
                    "“{}” could not be opened: {why}.",
                    entry.name
                ))),
            }
        }
        Ok(None) => dispatcher.dispatch(LibraryMsg::Notice(format!(
            "“{}” is no longer in this browser's storage.",
            entry.name
        ))),
        Err(e) => dispatcher.dispatch(LibraryMsg::Notice(format!(
            "“{}” could not be read: {e}.",
            entry.name
        ))),
    }
    dispatcher.dispatch(LibraryMsg::Resolved);
}

/// The start: lists the stored corpora, then, if the URL named a corpus that was not at hand,
/// opens it from the storage or says it is missing and opens the built-in corpus with the URL's
/// other filters.
async fn start(dispatcher: Dispatcher, library: Rc<Library>) {
    let listed = match Store::open().await {
        Ok(store) => store.list().await,
        Err(e) => Err(e),
    };
    let mut library = (*library).clone();
    match listed {
        Ok(list) => {
            for s in &list {
                upsert(
                    &mut library.entries,
                    CorpusEntry {
                        id: s.id.clone(),
                        name: s.name.clone(),
                        documents: s.documents as usize,
                        origin: CorpusOrigin::Stored,
                    },
                );
            }
            dispatcher.dispatch(LibraryMsg::Listed(list));
        }
        Err(e) => {
            let why = match e {
                StoreError::Unavailable(why) => why,
                other => other.to_string(),
            };
            dispatcher.dispatch(LibraryMsg::StorageFailed(why));
        }
    }
    if !library.resolving {
        return;
    }
    let wanted = location::query_param(CORPUS_KEY).unwrap_or_default();
    if library.entry(&wanted).is_some() {
        open_corpus(dispatcher, Rc::new(library), wanted, None).await;
        return;
    }
    let shown: String = wanted.chars().take(64).collect();
    dispatcher.dispatch(LibraryMsg::Notice(format!(
        "This link was made for a corpus you don't have: {shown}. It is shown on the built-in corpus instead, with the filters that still apply."
    )));
    let builtin = library.entries[0].clone();
    let opened = library.memory[0].1.clone();
    write_url(
        &location::search(),
        library.url_key(&builtin.id),
        HistoryMode::Replace,
    );
    dispatcher.dispatch(LibraryMsg::Activate(builtin, opened));
}

/// Props of [`LibraryProvider`].
#[derive(Properties, PartialEq)]
pub struct LibraryProviderProps {
    /// The library at start ([`initial`]).
    pub initial: Rc<Library>,
    /// The app.
    pub children: Html,
}

/// Owns the library and provides its [`LibraryHandle`].
#[function_component]
pub fn LibraryProvider(props: &LibraryProviderProps) -> Html {
    let library = {
        let initial = props.initial.clone();
        use_reducer(move || (*initial).clone())
    };
    // Callbacks read the latest state from here, so they can stay the same across renders.
    let latest = use_mut_ref(|| Rc::new((*library).clone()));
    *latest.borrow_mut() = Rc::new((*library).clone());
    {
        let dispatcher = library.dispatcher();
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let library = latest.borrow().clone();
            wasm_bindgen_futures::spawn_local(start(dispatcher, library));
        });
    }
    {
        // Back and Forward across corpora: the URL's corpus key decides which one shows.
        let dispatcher = library.dispatcher();
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let listener = history::on_popstate(move |_| {
                let library = latest.borrow().clone();
                let wanted = location::query_param(CORPUS_KEY)
                    .filter(|id| library.entry(id).is_some())
                    .unwrap_or_else(|| library.default_id());
                if wanted != library.active {
                    wasm_bindgen_futures::spawn_local(open_corpus(
                        dispatcher.clone(),
                        library,
                        wanted,
                        None,
                    ));
                }
            });
            move || drop(listener)
        });
    }
    let add = {
        let dispatcher = library.dispatcher();
        let latest = latest.clone();
        use_callback((), move |imported: ImportedCorpus, _| {
            let library = latest.borrow().clone();
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = imported.name.trim();
                let name = (!name.is_empty()).then_some(name);
                match open_bytes(imported.bytes.clone(), name, CorpusOrigin::Memory).await {
                    Ok((entry, opened)) if library.entry(&entry.id).is_some() => {
                        let existing = library.entry(&entry.id).cloned().unwrap_or(entry);
                        dispatcher.dispatch(LibraryMsg::Notice(format!(
                            "This corpus is already in your library, as “{}”.",
                            existing.name
                        )));
                        // The same content, just decoded and indexed: reading it back from the
                        // storage would do that work a second time (half a second at 2,000
                        // articles).
                        write_url("", library.url_key(&existing.id), HistoryMode::Push);
                        dispatcher.dispatch(LibraryMsg::Activate(existing, opened));
                    }
                    Ok((entry, opened)) => {
                        let usable = !matches!(library.storage, Storage::Unavailable(_));
                        keep_corpus(dispatcher, entry, opened, imported.bytes, true, usable).await;
                    }
                    Err(why) => dispatcher.dispatch(LibraryMsg::Notice(format!(
                        "The imported corpus could not be opened: {why}."
                    ))),
                }
            });
        })
    };
    let switch = {
        let dispatcher = library.dispatcher();
        let latest = latest.clone();
        use_callback((), move |id: String, _| {
            let library = latest.borrow().clone();
            if id != library.active {
                wasm_bindgen_futures::spawn_local(open_corpus(
                    dispatcher.clone(),
                    library,
                    id,
                    Some((String::new(), HistoryMode::Push)),
                ));
            }
        })
    };
    let keep = {
        let dispatcher = library.dispatcher();
        let latest = latest.clone();
        use_callback((), move |id: String, _| {
            let library = latest.borrow().clone();
            let Some(entry) = library.entry(&id).cloned() else {
                return;
            };
            let Some((_, opened)) = library.memory.iter().find(|(m, _)| *m == id).cloned() else {
                return;
            };
            let Some(bytes) = opened.bytes.clone() else {
                return;
            };
            let usable = !matches!(library.storage, Storage::Unavailable(_));
            wasm_bindgen_futures::spawn_local(keep_corpus(
                dispatcher.clone(),
                entry,
                opened,
                bytes,
                false,
                usable,
            ));
        })
    };
    let rename = {
        let dispatcher = library.dispatcher();
        let latest = latest.clone();
        use_callback((), move |(id, name): (String, String), _| {
            let library = latest.borrow().clone();
            let name = name.trim().to_string();
            let Some(mut entry) = library.entry(&id).cloned() else {
                return;
            };
            if name.is_empty() || entry.origin == CorpusOrigin::Embedded {
                return;
            }
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if entry.origin == CorpusOrigin::Stored {
                    let result = match Store::open().await {
                        Ok(store) => store.rename(&id, &name).await,
                        Err(e) => Err(e),
                    };
                    if let Err(e) = result {
                        dispatcher.dispatch(LibraryMsg::Notice(format!(
                            "“{}” could not be renamed: {e}.",
                            entry.name
                        )));
                        return;
                    }
                }
                entry.name = name;
                dispatcher.dispatch(LibraryMsg::Upsert(entry, None));
            });
        })
    };
    let delete = {
        let dispatcher = library.dispatcher();
        let latest = latest.clone();
        use_callback((), move |id: String, _| {
            let library = latest.borrow().clone();
            let Some(entry) = library.entry(&id).cloned() else {
                return;
            };
            if entry.origin == CorpusOrigin::Embedded {
                return;
            }
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if entry.origin == CorpusOrigin::Stored {
                    let result = match Store::open().await {
                        Ok(store) => store.delete(&id).await,
                        Err(e) => Err(e),
                    };
                    if let Err(e) = result {
                        dispatcher.dispatch(LibraryMsg::Notice(format!(
                            "“{}” could not be deleted: {e}.",
                            entry.name
                        )));
                        return;
                    }
                }
                if library.inlined.as_ref() == Some(&id) {
                    // The page still carries it: deleting the stored copy leaves the inlined one.
                    let mut back = entry.clone();
                    back.origin = CorpusOrigin::Inlined;
                    dispatcher.dispatch(LibraryMsg::Upsert(back, None));
                    return;
                }
                let was_active = library.active == id;
                dispatcher.dispatch(LibraryMsg::Remove(id.clone()));
                if was_active {
                    let mut rest = (*library).clone();
                    rest.entries.retain(|e| e.id != id);
                    let target = rest.default_id();
                    open_corpus(
                        dispatcher,
                        Rc::new(rest),
                        target,
                        Some((String::new(), HistoryMode::Push)),
                    )
                    .await;
                }
            });
        })
    };
    let save_single_file = {
        let latest = latest.clone();
        use_callback((), move |done: Callback<Result<String, String>>, _| {
            let library = latest.borrow().clone();
            let entry = library.active_entry().clone();
            let bytes = library.opened.bytes.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let file = single_file::file_name(&entry.name);
                let title = format!("entente · {}", entry.name);
                let result = single_file::save(&file, &title, bytes.as_deref().map(Vec::as_slice))
                    .await
                    .map(|()| file);
                done.emit(result);
            });
        })
    };
    let dismiss = {
        let dispatcher = library.dispatcher();
        use_callback((), move |_: (), _| dispatcher.dispatch(LibraryMsg::Dismiss))
    };
    let handle = LibraryHandle {
        library: Rc::new((*library).clone()),
        add,
        switch,
        rename,
        delete,
        keep,
        save_single_file,
        dismiss,
    };
    html! {
        <ContextProvider<LibraryHandle> context={handle}>
            { props.children.clone() }
        </ContextProvider<LibraryHandle>>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imported(name: &str, text: &str) -> Vec<u8> {
        let corpus = entente_core::Corpus {
            name: name.into(),
            documents: entente_core::parse::parse_file("a.txt", text.as_bytes()),
        };
        codec::encode(&entente_core::Analysed::new(corpus))
    }

    #[test]
    fn the_start_url_chooses_the_corpus() {
        let bytes = imported("Mine", "Title\n\nSome text about Azerbaijan.");
        let inlined = entente_core::inline_text::encode(&bytes);
        let lib = initial(None, corpus::EMBEDDED, None).unwrap();
        assert_eq!(lib.entries.len(), 1);
        assert_eq!(lib.active, lib.entries[0].id);
        assert_eq!(
            lib.url_key(&lib.active),
            None,
            "the hosted site's URLs stay short"
        );
        // A single file shows its own corpus, and names it in URLs; the built-in one too.
        let lib = initial(Some(&inlined), corpus::EMBEDDED, None).unwrap();
        assert_eq!(lib.entries.len(), 2);
        assert_eq!(lib.active_entry().origin, CorpusOrigin::Inlined);
        assert_eq!(lib.active_entry().name, "Mine");
        assert_eq!(lib.url_key(&lib.active), Some(lib.active.clone()));
        assert!(lib.url_key(&lib.entries[0].id).is_some());
        // Only the corpus shown is indexed; the built-in one waits until it is opened.
        assert!(lib.memory[0].1.cell.explorer.get().is_none());
        assert_eq!(lib.opened.explorer().corpus.name, "Mine");
        assert_eq!(
            lib.memory[0].1.explorer().corpus.documents.len(),
            lib.entries[0].documents
        );
        let builtin = lib.entries[0].id.clone();
        let lib = initial(Some(&inlined), corpus::EMBEDDED, Some(&builtin)).unwrap();
        assert_eq!(lib.active, builtin);
        assert!(!lib.resolving);
        // An id that is neither waits for the storage.
        let lib = initial(None, corpus::EMBEDDED, Some("0123456789ab")).unwrap();
        assert!(lib.resolving);
    }

    #[test]
    fn stored_records_update_entries_and_removal_spares_the_built_in_corpus() {
        let lib = Rc::new(initial(None, corpus::EMBEDDED, None).unwrap());
        let stored = StoredCorpus {
            id: "aaaaaaaaaaaa".into(),
            name: "Kept".into(),
            created: "2026-01-01T00:00:00Z".into(),
            documents: 3,
            size: 100,
        };
        let lib = lib.reduce(LibraryMsg::Listed(vec![stored]));
        assert_eq!(lib.storage, Storage::Ready);
        assert_eq!(lib.entries.len(), 2);
        assert_eq!(lib.entries[1].origin, CorpusOrigin::Stored);
        let mut renamed = lib.entries[1].clone();
        renamed.name = "Renamed".into();
        let lib = lib.reduce(LibraryMsg::Upsert(renamed, None));
        assert_eq!(lib.entries[1].name, "Renamed");
        let builtin = lib.entries[0].id.clone();
        let lib = lib.reduce(LibraryMsg::Remove(builtin));
        assert_eq!(lib.entries.len(), 2);
        let lib = lib.reduce(LibraryMsg::Remove("aaaaaaaaaaaa".into()));
        assert_eq!(lib.entries.len(), 1);
        let lib = lib.reduce(LibraryMsg::StorageFailed("no IndexedDB".into()));
        assert!(lib.problem.as_deref().unwrap().contains("no IndexedDB"));
        let lib = lib.reduce(LibraryMsg::Dismiss);
        assert!(lib.problem.is_none());
    }
}
