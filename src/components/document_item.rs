//! One document in the list: its title (a derived title is marked as such), date and source.

use crate::hooks::use_corpus::use_corpus;
use yew::prelude::*;

/// Props of [`DocumentItem`].
#[derive(Properties, PartialEq)]
pub struct DocumentItemProps {
    /// Index of the document in the corpus.
    pub index: usize,
}

/// One row of the document list.
#[function_component]
pub fn DocumentItem(props: &DocumentItemProps) -> Html {
    let corpus = use_corpus();
    let Some(doc) = corpus.documents.get(props.index) else {
        return Html::default();
    };
    let (title, derived) = doc.display_title();
    let date = doc
        .date
        .map_or_else(|| "undated".to_string(), |d| d.value.to_string());
    let source = doc
        .source
        .as_ref()
        .map_or("unknown source", |s| s.value.as_str())
        .to_string();
    html! {
        <li class="document" data-testid="document" data-id={doc.id.clone()}>
            <h2 class="document-title">
                { title }
                if derived {
                    <span class="badge badge-derived" title="No headline was found: this title is taken from the lead sentence">
                        { "derived title" }
                    </span>
                }
            </h2>
            <p class="document-meta">
                <span class="document-date">{ date }</span>
                { " · " }
                <span class="document-source">{ source }</span>
                { " · " }
                <span class="document-file">{ doc.source_file.clone() }</span>
            </p>
        </li>
    }
}
