//! The page header: the app's name, a one-line summary of the active corpus, the corpus menu
//! (switch, keep, rename, delete, save as a single file), the copy-link button, and the storage
//! notice when the browser cannot keep corpora. When the clipboard is missing or refuses (some
//! engines under `file://`), the link is shown selected in a read-only field to copy by hand: a
//! visible fallback, never a silent failure.

use crate::components::corpus_menu::{save_status_text, use_single_file_save, CorpusMenu};
use crate::hooks::use_library::use_library;
use crate::services::{clipboard, dom, location};
use yew::prelude::*;

/// The id of the fallback field.
pub const COPY_FIELD_ID: &str = "copy-link-field";

#[derive(Clone, Debug, PartialEq)]
enum CopyStatus {
    Idle,
    Copied,
    Failed(String),
}

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The view state's sequence number: a new state clears the copy message.
    pub seq: u64,
}

/// The page header.
#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let library = use_library();
    let (save_status, on_save) = use_single_file_save();
    let status = use_state_eq(|| CopyStatus::Idle);
    {
        let status = status.clone();
        use_effect_with(props.seq, move |_| status.set(CopyStatus::Idle));
    }
    {
        let failed = matches!(*status, CopyStatus::Failed(_));
        use_effect_with(failed, move |failed| {
            if *failed {
                dom::select(COPY_FIELD_ID);
            }
        });
    }
    let active = library.library.active_entry();
    let summary = format!(
        "{} · {} · {}",
        active.name,
        crate::display::plural(active.documents, "document", "documents"),
        active.origin.label()
    );
    let problem = library.library.problem.clone();
    let on_dismiss_problem = library.dismiss.reform(|_: MouseEvent| ());
    let on_copy = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let url = location::href();
            let status = status.clone();
            clipboard::copy(&url.clone(), move |ok| {
                status.set(if ok {
                    CopyStatus::Copied
                } else {
                    CopyStatus::Failed(url)
                })
            });
        })
    };
    let on_close = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| status.set(CopyStatus::Idle))
    };
    html! {
        <header class="header">
            <h1 class="header-name">{ "entente" }</h1>
            <p class="header-summary" data-testid="corpus-summary" data-origin={active.origin.id()}>{ summary }</p>
            <CorpusMenu />
            <div class="copy-link">
                <button type="button" class="button" onclick={on_copy} data-testid="copy-link">
                    { "Copy link" }
                </button>
                <span class="copy-status" role="status" data-testid="copy-status">
                    if *status == CopyStatus::Copied { { "Link copied" } }
                </span>
            </div>
            if let CopyStatus::Failed(url) = &*status {
                <div class="copy-fallback" data-testid="copy-fallback">
                    <label for={COPY_FIELD_ID}>{ "The clipboard is not available here: copy this link" }</label>
                    <input id={COPY_FIELD_ID} class="copy-field" type="text" readonly=true value={url.clone()} />
                    <button type="button" class="button-quiet" onclick={on_close}>{ "Done" }</button>
                </div>
            }
            if let Some(problem) = problem {
                <div class="storage-notice" role="status" data-testid="storage-notice">
                    <p>{ problem }</p>
                    <button type="button" class="button" onclick={on_save} data-testid="storage-save-single-file">
                        { "Save as a single file" }
                    </button>
                    <button type="button" class="button-quiet" onclick={on_dismiss_problem}>{ "Dismiss" }</button>
                    <span class="save-status" data-testid="storage-save-status">{ save_status_text(&save_status) }</span>
                </div>
            }
        </header>
    }
}
