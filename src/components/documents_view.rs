//! The documents view: the result list, a page of items at a time with "show more", so the page
//! never holds thousands of nodes; and the exports of the result documents.

use crate::components::document_item::DocumentItem;
use crate::hooks::use_explorer::use_explorer;
use crate::services::download;
use crate::shared::Shared;
use entente_core::explore::state::Action;
use entente_core::explore::Results;
use yew::prelude::*;

/// Results shown at first and added by each "show more": a screenful or two. Each shown result
/// costs a snippet and its nodes on every keystroke, so the page stays small.
pub const PAGE: usize = 20;

/// Props of [`DocumentsView`].
#[derive(Properties, PartialEq)]
pub struct DocumentsViewProps {
    /// The results.
    pub results: Shared<Results>,
    /// The search text.
    pub query: AttrValue,
    /// The open document, if any.
    pub open: Option<u32>,
    /// Dispatches actions.
    pub on_action: Callback<Action>,
}

/// The documents view.
#[function_component]
pub fn DocumentsView(props: &DocumentsViewProps) -> Html {
    let explorer = use_explorer();
    let shown = use_state_eq(|| PAGE);
    {
        // A new result starts again at one page.
        let shown = shown.clone();
        use_effect_with(props.results.clone(), move |_| shown.set(PAGE));
    }
    let docs = &props.results.docs;
    let limit = (*shown).min(docs.len());
    let show_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };
    let export = |kind: &'static str| {
        let explorer = explorer.clone();
        let results = props.results.clone();
        Callback::from(move |_: MouseEvent| {
            let pairs = explorer.for_export(&results.docs);
            match kind {
                "csv" => download::save(
                    "entente-documents.csv",
                    "text/csv",
                    &entente_core::export::documents_csv(&pairs),
                ),
                _ => download::save(
                    "entente-relations.csv",
                    "text/csv",
                    &entente_core::export::relations_csv(&pairs),
                ),
            };
        })
    };
    html! {
        <section class="view view-documents" aria-labelledby="documents-heading">
            <div class="view-bar">
                <h2 id="documents-heading" class="view-title">{ "Documents" }</h2>
                <div class="exports" role="group" aria-label="Export the result documents">
                    <button type="button" class="button-quiet" onclick={export("csv")} data-testid="export-documents-csv">{ "CSV" }</button>
                    <button type="button" class="button-quiet" onclick={export("relations")}>{ "Relations CSV" }</button>
                </div>
            </div>
            <ol class="document-list" data-testid="document-list" aria-label="Documents">
                { for docs[..limit].iter().map(|&index| html! {
                    <DocumentItem key={index} {index} query={props.query.clone()}
                        selected={props.open == Some(index)} on_action={props.on_action.clone()} />
                }) }
            </ol>
            if limit < docs.len() {
                <p class="more">
                    <button type="button" class="button" onclick={show_more} data-testid="show-more">
                        { format!("Show more ({} of {} shown)", limit, docs.len()) }
                    </button>
                </p>
            }
        </section>
    }
}
