//! The list of the corpus's documents, in corpus order.

use crate::components::document_item::DocumentItem;
use crate::hooks::use_corpus::use_corpus;
use yew::prelude::*;

/// The document list.
#[function_component]
pub fn DocumentList() -> Html {
    let corpus = use_corpus();
    if corpus.documents.is_empty() {
        return html! {
            <p class="empty" data-testid="document-list-empty">{ "This corpus has no documents." }</p>
        };
    }
    html! {
        <ol class="document-list" data-testid="document-list" aria-label="Documents">
            { for (0..corpus.documents.len()).map(|index| html! {
                <DocumentItem key={corpus.documents[index].id.clone()} {index} />
            }) }
        </ol>
    }
}
