//! The page header: the app's name, a one-line summary of the active corpus, and the copy-link
//! button. When the clipboard is missing or refuses (some engines under `file://`), the link is
//! shown selected in a read-only field to copy by hand: a visible fallback, never a silent failure.

use crate::hooks::use_corpus::use_corpus_context;
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
    let context = use_corpus_context();
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
    let corpus = &context.explorer.corpus;
    let n = corpus.documents.len();
    let summary = format!(
        "{} · {} · {}",
        corpus.name,
        crate::format::plural(n, "document", "documents"),
        context.origin.label()
    );
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
            <p class="header-summary" data-testid="corpus-summary">{ summary }</p>
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
        </header>
    }
}
