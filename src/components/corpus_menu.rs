//! The corpus menu in the header: which corpus is active, the others to switch to, and what can
//! be done with them (rename, delete after a confirmation, keep in this browser), with "Save as a
//! single file" and the export of the active corpus's extraction. A disclosure button opens it;
//! arrow keys move between its controls and Escape closes it, giving focus back to the button.

use crate::components::confirm_dialog::ConfirmDialog;
use crate::corpus::CorpusOrigin;
use crate::hooks::use_explorer::use_explorer;
use crate::hooks::use_library::use_library;
use crate::library::{CorpusEntry, Storage};
use crate::services::{dom, download};
use yew::prelude::*;

/// The id of the menu's panel.
pub const MENU_ID: &str = "corpus-menu";
/// The id of the button that opens it.
pub const BUTTON_ID: &str = "corpus-menu-button";
const RENAME_ID: &str = "corpus-rename-field";

/// What the single-file save said last.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing yet.
    Idle,
    /// Being made.
    Saving,
    /// Offered as a download under this name.
    Saved(String),
    /// Failed, with the reason.
    Failed(String),
}

/// The save status and the callback that saves: shared by the menu and the storage notice.
#[hook]
pub fn use_single_file_save() -> (SaveStatus, Callback<MouseEvent>) {
    let library = use_library();
    let status = use_state_eq(|| SaveStatus::Idle);
    let on_save = {
        let status = status.clone();
        let save = library.save_single_file.clone();
        Callback::from(move |_: MouseEvent| {
            status.set(SaveStatus::Saving);
            let status = status.clone();
            save.emit(Callback::from(move |result: Result<String, String>| {
                status.set(match result {
                    Ok(file) => SaveStatus::Saved(file),
                    Err(why) => SaveStatus::Failed(why),
                })
            }));
        })
    };
    ((*status).clone(), on_save)
}

/// The words for a save status.
pub fn save_status_text(status: &SaveStatus) -> String {
    match status {
        SaveStatus::Idle => String::new(),
        SaveStatus::Saving => "Making the file…".into(),
        SaveStatus::Saved(file) => format!("Saved as {file}"),
        SaveStatus::Failed(why) => format!("The file could not be saved: {why}"),
    }
}

/// The corpus menu.
#[function_component]
pub fn CorpusMenu() -> Html {
    let library = use_library();
    let explorer = use_explorer();
    let open = use_state_eq(|| false);
    let renaming = use_state_eq(|| None::<String>);
    let confirming = use_state_eq(|| None::<CorpusEntry>);
    let (save_status, on_save) = use_single_file_save();
    let lib = library.library.clone();
    let active = lib.active_entry().clone();
    {
        let renaming = (*renaming).clone();
        use_effect_with(renaming, |r| {
            if r.is_some() {
                dom::select(RENAME_ID);
            }
        });
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let on_keydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                open.set(false);
                dom::focus(BUTTON_ID);
            }
            "ArrowDown" | "ArrowUp" => {
                let in_field = e.target_dyn_into::<web_sys::HtmlInputElement>().is_some();
                if !in_field {
                    e.prevent_default();
                    dom::focus_step_within(MENU_ID, e.key() == "ArrowDown");
                }
            }
            _ => {}
        })
    };
    let on_export = {
        let explorer = explorer.clone();
        let name = active.name.clone();
        Callback::from(move |_: MouseEvent| {
            let pairs: Vec<_> = explorer
                .corpus
                .documents
                .iter()
                .zip(explorer.analyses.iter())
                .collect();
            let file =
                crate::services::single_file::file_name(&name).replace(".html", "-extraction.json");
            download::save(
                &file,
                "application/json",
                &entente_core::export::extract_json(&pairs),
            );
        })
    };
    let entry_item = |entry: &CorpusEntry| -> Html {
        let is_active = entry.id == lib.active;
        let id = entry.id.clone();
        let on_open = {
            let switch = library.switch.clone();
            let open = open.clone();
            let id = id.clone();
            Callback::from(move |_: MouseEvent| {
                open.set(false);
                switch.emit(id.clone());
            })
        };
        let can_change = entry.origin != CorpusOrigin::Embedded;
        let can_delete = matches!(entry.origin, CorpusOrigin::Stored | CorpusOrigin::Memory);
        let can_keep = matches!(entry.origin, CorpusOrigin::Inlined | CorpusOrigin::Memory)
            && !matches!(lib.storage, Storage::Unavailable(_));
        let editing = renaming.as_deref() == Some(entry.id.as_str());
        let rename_form = if editing {
            let on_submit = {
                let rename = library.rename.clone();
                let renaming = renaming.clone();
                let id = id.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let name = dom::input_value(RENAME_ID).unwrap_or_default();
                    rename.emit((id.clone(), name));
                    renaming.set(None);
                })
            };
            let on_cancel = {
                let renaming = renaming.clone();
                Callback::from(move |_: MouseEvent| renaming.set(None))
            };
            html! {
                <form class="corpus-rename" onsubmit={on_submit}>
                    <label for={RENAME_ID} class="visually-hidden">{ format!("New name for {}", entry.name) }</label>
                    <input id={RENAME_ID} type="text" value={entry.name.clone()} maxlength="200" data-testid="corpus-rename-field" />
                    <button type="submit" class="button-quiet" data-testid="corpus-rename-save">{ "Save" }</button>
                    <button type="button" class="button-quiet" onclick={on_cancel}>{ "Cancel" }</button>
                </form>
            }
        } else {
            Html::default()
        };
        let on_rename = {
            let renaming = renaming.clone();
            let id = id.clone();
            Callback::from(move |_: MouseEvent| renaming.set(Some(id.clone())))
        };
        let on_delete = {
            let confirming = confirming.clone();
            let entry = entry.clone();
            Callback::from(move |_: MouseEvent| confirming.set(Some(entry.clone())))
        };
        let on_keep = {
            let keep = library.keep.clone();
            let id = id.clone();
            Callback::from(move |_: MouseEvent| keep.emit(id.clone()))
        };
        let details = format!(
            "{} · {}",
            crate::display::plural(entry.documents, "document", "documents"),
            entry.origin.label()
        );
        html! {
            <li class={classes!("corpus-entry", is_active.then_some("corpus-entry-active"))}
                data-testid="corpus-entry" data-id={entry.id.clone()} data-origin={entry.origin.label()}>
                <button type="button" class="corpus-open" onclick={on_open} data-testid="corpus-open"
                    aria-current={is_active.then_some("true")}>
                    <span class="corpus-entry-name" data-testid="corpus-entry-name">{ entry.name.clone() }</span>
                    <span class="corpus-entry-details">{ details }</span>
                </button>
                if can_change && !editing {
                    <span class="corpus-entry-actions">
                        if can_keep {
                            <button type="button" class="button-quiet" onclick={on_keep} data-testid="corpus-keep"
                                disabled={lib.busy}>{ "Keep in this browser" }</button>
                        }
                        <button type="button" class="button-quiet" onclick={on_rename} data-testid="corpus-rename"
                            aria-label={format!("Rename {}", entry.name)}>{ "Rename" }</button>
                        if can_delete {
                            <button type="button" class="button-quiet" onclick={on_delete} data-testid="corpus-delete"
                                aria-label={format!("Delete {}", entry.name)}>{ "Delete" }</button>
                        }
                    </span>
                }
                { rename_form }
            </li>
        }
    };
    let dialog = match &*confirming {
        Some(entry) => {
            let on_confirm = {
                let delete = library.delete.clone();
                let confirming = confirming.clone();
                let id = entry.id.clone();
                Callback::from(move |_| {
                    delete.emit(id.clone());
                    confirming.set(None);
                })
            };
            let on_cancel = {
                let confirming = confirming.clone();
                Callback::from(move |_| confirming.set(None))
            };
            html! {
                <ConfirmDialog title={format!("Delete “{}”?", entry.name)}
                    message={format!("Its {} will be removed from this browser. Files you saved are not affected.",
                        crate::display::plural(entry.documents, "document", "documents"))}
                    confirm_label="Delete" {on_confirm} {on_cancel} />
            }
        }
        None => Html::default(),
    };
    let status_text = save_status_text(&save_status);
    html! {
        <div class="corpus-menu-wrap">
            <button type="button" id={BUTTON_ID} class="button corpus-menu-button" onclick={toggle}
                aria-expanded={(*open).to_string()} aria-controls={MENU_ID} data-testid="corpus-menu-button">
                { format!("Corpus: {}", active.name) }
            </button>
            <div id={MENU_ID} class="corpus-menu" hidden={!*open} onkeydown={on_keydown}
                role="group" aria-label="Corpora" data-testid="corpus-menu">
                <ul class="corpus-list">
                    { for lib.entries.iter().map(entry_item) }
                </ul>
                <div class="corpus-menu-actions">
                    <button type="button" class="button-quiet" onclick={on_save.clone()} data-testid="save-single-file"
                        disabled={save_status == SaveStatus::Saving}>
                        { "Save as a single file" }
                    </button>
                    <button type="button" class="button-quiet" onclick={on_export} data-testid="export-extraction-json">
                        { "Extraction JSON" }
                    </button>
                </div>
                <p class="save-status" role="status" data-testid="save-status">{ status_text }</p>
            </div>
            { dialog }
        </div>
    }
}
