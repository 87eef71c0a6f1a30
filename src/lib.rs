//! The entente web app: a Yew front end over the pure core.
//!
//! The app is given one value, an analysed corpus ([`Analysed`](entente_core::Analysed): the
//! documents and their analyses, in the core's binary format): the one inlined in the page (a
//! saved single file carries its corpus that way) or else the one embedded at build time by
//! `build.rs`. It is decoded and indexed once at start and shared through a context
//! ([`hooks::use_corpus`]).
//!
//! Code map: [`corpus`] (pure: finding and decoding the corpus), [`base64`] (pure), the pure
//! presentation modules [`format`] (figure values, dates), [`marks`] (highlighted text),
//! [`matrix`] (matrix order, colours, exports) and [`chart`], with [`order`] (one shared sort)
//! and [`shared`] (`Rc`s compared by identity); `components/` (one component a
//! file, [`components::shell::Shell`] is the explorer's frame), `hooks/` (`use_*`: the corpus,
//! the explorer, the view state kept in step with the URL), and `services/`, the only place that
//! touches the page's globals (DOM outside the app root, location and history, clipboard,
//! downloads, keyboard shortcuts, performance marks, panic hook).

pub mod base64;
pub mod chart;
pub mod components;
pub mod corpus;
pub mod format;
pub mod hooks;
pub mod import;
pub mod marks;
pub mod matrix;
pub mod order;
pub mod services;
pub mod shared;

use components::{import_panel::ImportPanel, load_error::LoadError, shell::Shell};
use hooks::use_corpus::CorpusContext;
use yew::prelude::*;

/// The URL flag that makes the app panic on purpose (`?debug=panic`), so that tests and users can
/// check that a panic shows the error banner instead of a blank page.
pub const DEBUG_PANIC_FLAG: &str = "panic";

/// Starts the app in the browser: installs the panic hook first (so even a panic during start
/// shows a banner), then renders [`App`] into the page's `#app` element.
pub fn start() {
    services::panic::install_hook();
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

/// The root component: loads the corpus and lays out the page, with the import panel under the
/// explorer's header. An imported corpus becomes the active one, in memory only (keeping corpora across
/// reloads is the corpus library's job).
#[function_component]
pub fn App() -> Html {
    if services::location::query_param("debug").as_deref() == Some(DEBUG_PANIC_FLAG) {
        panic!("entente was asked to panic by the URL flag debug=panic");
    }
    let loaded = use_memo((), |_| {
        let inlined = services::page::inlined_corpus();
        corpus::load(inlined.as_deref(), corpus::EMBEDDED).map(CorpusContext::new)
    });
    let imported = use_state(|| None::<Result<CorpusContext, corpus::LoadError>>);
    let on_imported = {
        let imported = imported.clone();
        Callback::from(move |corpus: import::ImportedCorpus| {
            imported.set(Some(
                corpus::load_imported(&corpus.bytes).map(CorpusContext::new),
            ));
        })
    };
    let active = match &*imported {
        Some(result) => result,
        None => &*loaded,
    };
    match active {
        Ok(context) => {
            let context = context.clone();
            html! {
                <ContextProvider<CorpusContext> context={context}>
                    <Shell>
                        <ImportPanel on_imported={on_imported} />
                    </Shell>
                </ContextProvider<CorpusContext>>
            }
        }
        Err(error) => html! {
            <LoadError message={error.to_string()} />
        },
    }
}
