//! The corpus library's provider: owns the library ([`crate::library`], whose model and reducer
//! are pure) and gives components a [`LibraryHandle`]: the state, and callbacks to add (store,
//! then open), switch, rename, delete, keep, and save the active corpus as a single file. Its
//! effects (the browser's storage, the URL, decoding and indexing in slices, the clock) go
//! through services. The explorer is rebuilt whenever the active corpus changes: the shell is
//! keyed by its id.

use crate::corpus::CorpusOrigin;
use crate::hooks::use_explorer::ExplorerHandle;
use crate::import::ImportedCorpus;
use crate::library::{
    reduce, stored_record, CorpusEntry, Library, LibraryMsg, Opened, Storage, CORPUS_KEY,
};
use crate::services::store::{Store, StoreError};
use crate::services::{clock, history, location, perf, single_file, slices};
use entente_core::codec;
use entente_core::explore::state::{HistoryMode, ViewState};
use entente_core::explore::ExplorerBuilder;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

impl Reducible for Library {
    type Action = LibraryMsg;

    fn reduce(self: Rc<Self>, msg: LibraryMsg) -> Rc<Self> {
        match reduce(&self, msg) {
            Some(next) => Rc::new(next),
            None => self,
        }
    }
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
            Ok(store) => {
                store
                    .put(&stored_record(&entry, &bytes, clock::now_iso()), &bytes)
                    .await
            }
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

/// A change to a corpus in the browser's storage.
#[derive(Clone, Copy)]
enum StoredChange<'a> {
    /// Give it this name.
    Rename(&'a str),
    /// Remove it.
    Delete,
}

/// Makes `change` in the storage for a stored corpus (nothing to do for another), and tells the
/// user when the storage refuses ("“Name” could not be renamed: …"). True when it is done.
async fn change_stored(
    dispatcher: &Dispatcher,
    entry: &CorpusEntry,
    change: StoredChange<'_>,
) -> bool {
    if entry.origin != CorpusOrigin::Stored {
        return true;
    }
    let done = match change {
        StoredChange::Rename(_) => "renamed",
        StoredChange::Delete => "deleted",
    };
    let result = match Store::open().await {
        Ok(store) => match change {
            StoredChange::Rename(name) => store.rename(&entry.id, name).await,
            StoredChange::Delete => store.delete(&entry.id).await,
        },
        Err(e) => Err(e),
    };
    if let Err(e) = &result {
        dispatcher.dispatch(LibraryMsg::Notice(format!(
            "“{}” could not be {done}: {e}.",
            entry.name
        )));
    }
    result.is_ok()
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
            // The same step as the reducer's, to know the stored entries before the next render.
            if let Some(next) = reduce(&library, LibraryMsg::Listed(list.clone())) {
                library = next;
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

/// The latest library and its entry with this id, if it still has one.
fn latest_entry(latest: &RefCell<Rc<Library>>, id: &str) -> Option<(Rc<Library>, CorpusEntry)> {
    let library = latest.borrow().clone();
    let entry = library.entry(id).cloned()?;
    Some((library, entry))
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
            let Some((library, entry)) = latest_entry(&latest, &id) else {
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
            let name = name.trim().to_string();
            let Some((_, mut entry)) = latest_entry(&latest, &id) else {
                return;
            };
            if name.is_empty() || entry.origin == CorpusOrigin::Embedded {
                return;
            }
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if !change_stored(&dispatcher, &entry, StoredChange::Rename(&name)).await {
                    return;
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
            let Some((library, entry)) = latest_entry(&latest, &id) else {
                return;
            };
            if entry.origin == CorpusOrigin::Embedded {
                return;
            }
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if !change_stored(&dispatcher, &entry, StoredChange::Delete).await {
                    return;
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
