//! The import panel: pickers for files and for a whole folder (drops anywhere on the page go
//! here too), a progress bar with the files, megabytes and current file and a Cancel button while
//! the import worker runs, then the summary: what was imported, each skipped file with its
//! reason, and the warnings. A finished import with documents is handed to `on_imported`; a
//! cancelled or failed one hands over nothing.

use crate::import::{ImportedCorpus, Progress, Summary};
use crate::services::files;
use crate::services::worker::{self, ImportRun, PickedFile, WorkerEvent};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The id of the file input for loose files.
pub const FILES_INPUT_ID: &str = "import-files";
/// The id of the file input for a folder.
pub const FOLDER_INPUT_ID: &str = "import-folder";
/// The extensions the file picker offers (the importer refuses anything else, with a reason).
const ACCEPT: &str = ".txt,.md,.markdown,.text,.html,.htm,.xhtml,.json,.csv";

/// Props of [`ImportPanel`].
#[derive(Properties, PartialEq)]
pub struct ImportPanelProps {
    /// Called with each finished import that gave documents.
    pub on_imported: Callback<ImportedCorpus>,
    /// The import's state, held by a component above the panel ([`use_import_state`]).
    pub state: ImportState,
}

/// What the panel shows and the running import. It lives above the explorer, because a finished
/// import opens a new corpus, which mounts a new explorer (and with it a new panel): the summary
/// must outlive that, and switching corpora mid-import must not orphan the worker.
#[derive(Clone)]
pub struct ImportState {
    status: UseStateHandle<Status>,
    // The running import; dropping it terminates the worker.
    run: Rc<RefCell<Option<ImportRun>>>,
}

impl PartialEq for ImportState {
    fn eq(&self, other: &Self) -> bool {
        self.status == other.status && Rc::ptr_eq(&self.run, &other.run)
    }
}

/// The import state, for the component that mounts the [`ImportPanel`].
#[hook]
pub fn use_import_state() -> ImportState {
    ImportState {
        status: use_state(|| Status::Idle),
        run: use_mut_ref(|| None),
    }
}

/// Where an import stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Idle,
    Running(Progress),
    Done(Summary),
    Failed(String),
    Cancelled,
}

/// The import panel.
#[function_component]
pub fn ImportPanel(props: &ImportPanelProps) -> Html {
    let status = props.state.status.clone();
    let dragging = use_state_eq(|| false);
    let run: Rc<RefCell<Option<ImportRun>>> = props.state.run.clone();
    // The latest callback: the drop listeners are set up once and must not call a stale one.
    let on_imported = use_mut_ref(|| props.on_imported.clone());
    *on_imported.borrow_mut() = props.on_imported.clone();

    let start = {
        let status = status.clone();
        let run = run.clone();
        let on_imported = on_imported.clone();
        Callback::from(move |picked: Vec<PickedFile>| {
            if picked.is_empty() {
                return;
            }
            // A new import replaces one still running.
            drop(run.borrow_mut().take());
            // The sizes come with the worker's first progress: asking each file here is a
            // synchronous round trip to the browser process per file in Chromium.
            status.set(Status::Running(Progress {
                files_total: picked.len(),
                ..Progress::default()
            }));
            let on_event = {
                let status = status.clone();
                let run = run.clone();
                let on_imported = on_imported.clone();
                Callback::from(move |event: WorkerEvent| match event {
                    WorkerEvent::Progress(p) => status.set(Status::Running(p)),
                    WorkerEvent::Done {
                        name,
                        bytes,
                        summary,
                    } => {
                        release(&run);
                        if let Some(bytes) = bytes {
                            let on_imported = on_imported.borrow().clone();
                            on_imported.emit(ImportedCorpus {
                                name,
                                bytes,
                                summary: summary.sentence(),
                            });
                        }
                        status.set(Status::Done(summary));
                    }
                    WorkerEvent::Failed(message) => {
                        release(&run);
                        status.set(Status::Failed(message));
                    }
                })
            };
            match worker::start(picked, on_event) {
                Ok(r) => *run.borrow_mut() = Some(r),
                Err(message) => status.set(Status::Failed(message)),
            }
        })
    };

    {
        let start = start.clone();
        let dragging = dragging.clone();
        use_effect_with((), move |_| {
            let listeners =
                files::listen_for_drops(Callback::from(move |over| dragging.set(over)), start);
            move || drop(listeners)
        });
    }

    let on_pick = {
        let start = start.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let picked = files::from_input(&input);
            // Cleared, so that picking the same files again starts a new import.
            input.set_value("");
            start.emit(picked);
        })
    };
    let on_cancel = {
        let status = status.clone();
        let run = run.clone();
        Callback::from(move |_: MouseEvent| {
            drop(run.borrow_mut().take());
            status.set(Status::Cancelled);
        })
    };

    let announcement = match &*status {
        Status::Idle => String::new(),
        Status::Running(p) => format!(
            "Importing {}…",
            crate::display::plural(p.files_total, "file", "files")
        ),
        Status::Done(s) if s.documents == 0 => {
            format!("Nothing was imported: {}", s.sentence())
        }
        Status::Done(s) => format!("Imported {}", s.sentence()),
        Status::Failed(message) => format!("The import failed: {message}. Nothing was kept."),
        Status::Cancelled => "Import cancelled. Nothing was kept.".to_string(),
    };
    let class = classes!("import", dragging.then_some("import-dropping"));
    html! {
        <section class={class} aria-labelledby="import-heading" data-testid="import-panel">
            <h2 id="import-heading" class="import-heading">{ "Explore your own articles" }</h2>
            <p class="import-hint">
                { "Drop files or a folder on the page, or choose them: .txt, .md, .html, .json and .csv, up to 50 MB each. They are read in this browser and never uploaded." }
            </p>
            <div class="import-pickers">
                <input type="file" id={FILES_INPUT_ID} class="visually-hidden import-input" multiple=true
                    accept={ACCEPT} onchange={on_pick.clone()} data-testid="import-files" />
                <label for={FILES_INPUT_ID} class="button">{ "Choose files…" }</label>
                <input type="file" id={FOLDER_INPUT_ID} class="visually-hidden import-input" multiple=true
                    webkitdirectory=true onchange={on_pick} data-testid="import-folder" />
                <label for={FOLDER_INPUT_ID} class="button">{ "Choose a folder…" }</label>
            </div>
            if *dragging {
                <p class="import-drop-hint">{ "Drop to import" }</p>
            }
            if let Status::Running(progress) = &*status {
                <div class="import-progress">
                    <progress id="import-progress" max="1000"
                        value={((progress.fraction() * 1000.0).round() as u32).to_string()}
                        aria-label="Import progress" aria-valuetext={progress.label()}
                        data-testid="import-progress" />
                    <p class="import-progress-label" data-testid="import-progress-label">{ progress.label() }</p>
                    <button type="button" class="button" onclick={on_cancel} data-testid="import-cancel">
                        { "Cancel" }
                    </button>
                </div>
            }
            <p class="import-status" role="status" aria-live="polite" data-testid="import-status">
                { announcement }
            </p>
            if let Status::Done(summary) = &*status {
                <SummaryView summary={summary.clone()} />
            }
        </section>
    }
}

/// Drops the finished run after the worker's message handler has returned (it is that run's
/// handler that reports the end, and a handler must not free itself while it runs).
fn release(run: &Rc<RefCell<Option<ImportRun>>>) {
    let run = run.clone();
    wasm_bindgen_futures::spawn_local(async move {
        drop(run.borrow_mut().take());
    });
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    summary: Summary,
}

/// How many skipped files or warnings a summary lists before "Show all": a generated folder
/// of 2,000 files gave 965 warnings, and rendering them all was a long task of its own.
const LIST_PREVIEW: usize = 20;

/// The lists of a finished import.
#[function_component]
fn SummaryView(props: &SummaryProps) -> Html {
    let s = &props.summary;
    let skipped: Vec<(String, String)> = s
        .skipped
        .iter()
        .map(|k| (k.name.clone(), k.reason.clone()))
        .collect();
    let warnings: Vec<(String, String)> = s
        .warnings
        .iter()
        .map(|w| (w.name.clone(), format!("{}: {}", w.name, w.message)))
        .collect();
    html! {
        <div class="import-summary" data-testid="import-summary"
            data-documents={s.documents.to_string()} data-files={s.files.to_string()}>
            if !skipped.is_empty() {
                <h3 class="import-subheading">
                    { crate::display::plural(skipped.len(), "file skipped", "files skipped") }
                </h3>
                <PreviewList items={Rc::new(skipped)} testid="import-skipped" what="skipped files" />
            }
            if !warnings.is_empty() {
                <h3 class="import-subheading">
                    { crate::display::plural(warnings.len(), "warning", "warnings") }
                </h3>
                <PreviewList items={Rc::new(warnings)} testid="import-warnings" what="warnings" />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PreviewListProps {
    /// (file name, line shown) pairs.
    items: Rc<Vec<(String, String)>>,
    testid: &'static str,
    /// What the items are, for the button ("warnings").
    what: &'static str,
}

/// A list showing its first [`LIST_PREVIEW`] items, and all of them on request.
#[function_component]
fn PreviewList(props: &PreviewListProps) -> Html {
    let all = use_state_eq(|| false);
    let shown = if *all {
        props.items.len()
    } else {
        props.items.len().min(LIST_PREVIEW)
    };
    let on_all = {
        let all = all.clone();
        Callback::from(move |_: MouseEvent| all.set(true))
    };
    html! {
        <>
            <ul class="import-list" data-testid={props.testid}>
                { for props.items[..shown].iter().map(|(name, line)| html! {
                    <li data-name={name.clone()}>{ line }</li>
                }) }
            </ul>
            if shown < props.items.len() {
                <button type="button" class="button-quiet" onclick={on_all}
                    data-testid={format!("{}-all", props.testid)}>
                    { format!("Show all {} {}", props.items.len(), props.what) }
                </button>
            }
        </>
    }
}
