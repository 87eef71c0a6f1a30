//! The entente web app: a Yew front end over the pure core.
//!
//! The app shows one analysed corpus at a time ([`Analysed`](entente_core::Analysed): the
//! documents and their analyses, in the core's binary format), chosen from its library
//! ([`library`], provided by [`hooks::use_library`]): the corpus embedded at build time by `build.rs`, the one inlined in
//! the page (a saved single file carries its corpus that way), and the corpora kept in the
//! browser's storage. The active corpus is decoded and indexed once when it is opened and shared
//! through a context ([`hooks::use_corpus`]); the shell is keyed by the corpus's id, so a new
//! corpus is a new explorer and a view state read again from the URL.
//!
//! Code map: [`corpus`] (pure: finding and decoding the corpus), [`library`] (pure: the corpus
//! library's state, messages and reducer), the pure presentation modules
//! [`display`] (figure values, dates, counts), [`marks`] (highlighted text), [`matrix`] (matrix order, colours, the SVG
//! export) and [`chart`], with [`shared`] (`Rc`s compared by identity); every sort goes through
//! the core's `sort` (one shared instance). `components/` (one component a file,
//! [`components::shell::Shell`] is the explorer's frame), `hooks/` (`use_*`: the corpus, the
//! library's provider, the explorer, the view state kept in step with the URL), and `services/`,
//! the only place that touches the page's globals (DOM outside the app root, location and
//! history, clipboard, downloads, keyboard shortcuts, performance marks, clock and
//! timers, panic hook).

pub mod chart;
pub mod components;
pub mod corpus;
pub mod display;
pub mod hooks;
pub mod import;
pub mod library;
pub mod marks;
pub mod matrix;
pub mod services;
pub mod shared;

use components::import_panel::{use_import_state, ImportPanel};
use components::{load_error::LoadError, shell::Shell};
use hooks::use_corpus::CorpusContext;
use hooks::use_library::{use_library, LibraryProvider};
use library::CORPUS_KEY;
use std::rc::Rc;
use yew::prelude::*;

/// The URL flag that makes the app panic on purpose (`?debug=panic`), so that tests and users can
/// check that a panic shows the error banner instead of a blank page.
pub const DEBUG_PANIC_FLAG: &str = "panic";

/// Starts the app in the browser: installs the panic hook first (so even a panic during start
/// shows a banner), then renders [`App`] into the page's `#app` element.
pub fn start() {
    services::panic::install_hook();
    // Before anything renders: a single file copies itself as it was delivered.
    services::single_file::snapshot_at_start();
    services::page::mark_started();
    match services::page::app_root() {
        Some(root) => {
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}

/// The root component: reads the built-in and inlined corpora, then hands the library to the
/// page.
#[function_component]
pub fn App() -> Html {
    if services::location::query_param("debug").as_deref() == Some(DEBUG_PANIC_FLAG) {
        panic!("entente was asked to panic by the URL flag debug=panic");
    }
    let initial = use_memo((), |_| {
        let inlined = services::page::inlined_corpus();
        let wanted = services::location::query_param(CORPUS_KEY);
        library::initial(inlined.as_deref(), corpus::EMBEDDED, wanted.as_deref()).map(Rc::new)
    });
    match &*initial {
        Ok(library) => html! {
            <LibraryProvider initial={library.clone()}>
                <ActiveCorpus />
            </LibraryProvider>
        },
        Err(error) => html! {
            <LoadError message={error.to_string()} />
        },
    }
}

/// The explorer of the active corpus: a new corpus is a new shell (a fresh explorer and a view
/// state read again from the URL, which the library has just written). The import panel sits
/// under the header and hands a finished import to the library, which keeps and opens it.
#[function_component]
fn ActiveCorpus() -> Html {
    let handle = use_library();
    // Above the keyed shell, so an import's summary outlives the corpus it opens.
    let import = use_import_state();
    let library = &handle.library;
    if library.resolving {
        return html! { <p class="loading">{ "Opening the corpus named in the link…" }</p> };
    }
    let context = CorpusContext {
        explorer: library.opened.explorer(),
        origin: library.active_entry().origin,
    };
    html! {
        <ContextProvider<CorpusContext> context={context}>
            <Shell key={library.active.clone()}>
                <ImportPanel on_imported={handle.add.clone()} state={import} />
            </Shell>
        </ContextProvider<CorpusContext>>
    }
}
