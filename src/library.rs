//! The corpus library's model, pure: every corpus the app can show and the one it shows, the
//! messages that change it and [`reduce`], tested natively. The provider that runs its effects
//! (storage, URL, decoding in slices) is `hooks::use_library`.
//!
//! The library holds the built-in corpus (always there), the corpus inlined in a saved single
//! file (when the page is one), and the corpora kept in the browser's storage
//! (`services::store`), plus any imported corpus the storage refused, which stays open in memory
//! until the tab closes.
//!
//! The active corpus is named in view URLs by its content hash (the `corpus` key), except for
//! the built-in corpus of the hosted site, whose URLs stay as they were. A URL whose hash is not
//! in the library opens the built-in corpus with a notice and the filters the URL still holds.

use crate::corpus::{self, CorpusOrigin, LoadError};
use crate::hooks::use_explorer::ExplorerHandle;
use crate::services::store::StoredCorpus;
use entente_core::codec;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

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
    pub(crate) fn new(analysed: entente_core::Analysed, bytes: Option<Rc<Vec<u8>>>) -> Opened {
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

    /// A corpus already indexed (by the library's provider, in slices), whose content hash is
    /// `id`.
    pub(crate) fn indexed(
        id: String,
        explorer: ExplorerHandle,
        bytes: Option<Rc<Vec<u8>>>,
    ) -> Opened {
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

    /// The library entry of this corpus, under `name` or else the corpus's own.
    pub(crate) fn entry(&self, name: Option<&str>, origin: CorpusOrigin) -> CorpusEntry {
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
    pub(crate) fn default_id(&self) -> String {
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

/// The library after `msg`, or `None` when it leaves the library as it was (so nothing renders
/// again).
pub fn reduce(library: &Library, msg: LibraryMsg) -> Option<Library> {
    let mut next = library.clone();
    {
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
                    return None;
                }
                next.notices.clear();
                next.problem = None;
            }
        }
    }
    Some(next)
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

/// The storage record of a corpus kept at `created` (an ISO 8601 time).
pub fn stored_record(entry: &CorpusEntry, bytes: &[u8], created: String) -> StoredCorpus {
    StoredCorpus {
        id: entry.id.clone(),
        name: entry.name.clone(),
        created,
        documents: u32::try_from(entry.documents).unwrap_or(u32::MAX),
        size: bytes.len() as u64,
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
        let lib = initial(None, corpus::EMBEDDED, None).unwrap();
        let step = |lib: &Library, msg| reduce(lib, msg).expect("a change");
        let stored = StoredCorpus {
            id: "aaaaaaaaaaaa".into(),
            name: "Kept".into(),
            created: "2026-01-01T00:00:00Z".into(),
            documents: 3,
            size: 100,
        };
        let lib = step(&lib, LibraryMsg::Listed(vec![stored]));
        assert_eq!(lib.storage, Storage::Ready);
        assert_eq!(lib.entries.len(), 2);
        assert_eq!(lib.entries[1].origin, CorpusOrigin::Stored);
        let mut renamed = lib.entries[1].clone();
        renamed.name = "Renamed".into();
        let lib = step(&lib, LibraryMsg::Upsert(renamed, None));
        assert_eq!(lib.entries[1].name, "Renamed");
        let builtin = lib.entries[0].id.clone();
        let lib = step(&lib, LibraryMsg::Remove(builtin));
        assert_eq!(lib.entries.len(), 2);
        let lib = step(&lib, LibraryMsg::Remove("aaaaaaaaaaaa".into()));
        assert_eq!(lib.entries.len(), 1);
        let lib = step(&lib, LibraryMsg::StorageFailed("no IndexedDB".into()));
        assert!(lib.problem.as_deref().unwrap().contains("no IndexedDB"));
        let lib = step(&lib, LibraryMsg::Dismiss);
        assert!(lib.problem.is_none());
        assert!(
            reduce(&lib, LibraryMsg::Dismiss).is_none(),
            "nothing to dismiss: no new state, no render"
        );
    }
}
