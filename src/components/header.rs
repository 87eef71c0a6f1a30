//! The page header: the app's name and a one-line summary of the active corpus.

use crate::hooks::use_corpus::use_corpus_context;
use yew::prelude::*;

/// The page header.
#[function_component]
pub fn Header() -> Html {
    let context = use_corpus_context();
    let n = context.corpus.documents.len();
    let summary = format!(
        "{} · {n} document{} · {}",
        context.corpus.name,
        if n == 1 { "" } else { "s" },
        context.origin.label()
    );
    html! {
        <header class="header">
            <h1 class="header-name">{ "entente" }</h1>
            <p class="header-summary" data-testid="corpus-summary">{ summary }</p>
        </header>
    }
}
