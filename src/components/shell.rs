//! The explorer's frame: takes the corpus's explorer from the context, holds the view state (in step
//! with the URL), computes the results once per filter change, and lays out the header, notices,
//! sidebar, tabs, the active view and the reader. Page-wide keys: `/` focuses the search box and
//! `Escape` closes the reader, then the matrix evidence.

use crate::components::documents_view::DocumentsView;
use crate::components::empty_result::EmptyResult;
use crate::components::figures_view::FiguresView;
use crate::components::header::Header;
use crate::components::matrix_view::MatrixView;
use crate::components::notices::Notices;
use crate::components::reader::Reader;
use crate::components::result_status::ResultStatus;
use crate::components::sidebar::{Sidebar, SEARCH_ID};
use crate::components::tabs::{panel_id, tab_id, Tabs, VIEWS};
use crate::hooks::use_corpus::use_corpus_context;
use crate::hooks::use_explorer::ExplorerHandle;
use crate::hooks::use_library::use_library;
use crate::hooks::use_view_state::{use_view_state, ViewMsg};
use crate::services::keyboard::{self, Shortcut};
use crate::services::{dom, perf};
use crate::shared::Shared;
use entente_core::explore::state::{Action, ViewState};
use entente_core::explore::Results;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The part of the state that decides the result set: the display settings (view, matrix,
/// figure sort, open document) are cleared, so changing them reuses the results.
pub fn filter_key(state: &ViewState) -> ViewState {
    ViewState {
        view: Default::default(),
        matrix: Default::default(),
        figure_sort: Default::default(),
        document: None,
        at: None,
        corpus: None,
        ..state.clone()
    }
}

/// Props of [`Shell`].
#[derive(Properties, PartialEq)]
pub struct ShellProps {
    /// Shown under the header (the import panel).
    #[prop_or_default]
    pub children: Html,
}

/// The explorer frame.
#[function_component]
pub fn Shell(props: &ShellProps) -> Html {
    let explorer: Rc<ExplorerHandle> = Rc::new(use_corpus_context().explorer);
    let handle = use_view_state();
    let model = handle.model.clone();
    let state = model.state.clone();
    // The filters alone, as one `Rc` that stays the same while only display settings change (a
    // matrix window, a tab, the open document), so the sidebar and the result status, which
    // show only filters, skip those renders: with hundreds of facet values they are the costly
    // part of the page after the matrix.
    let filters: Rc<ViewState> = use_memo(filter_key(&state), |key| key.clone());
    let results = {
        let explorer = (*explorer).clone();
        Shared(use_memo(
            (explorer, Shared(filters.clone())),
            |(explorer, key)| perf::measure("entente:filter", || explorer.filter(key)),
        ))
    };
    let relaxations = {
        let explorer = (*explorer).clone();
        let empty = results.docs.is_empty();
        use_memo(
            (explorer, Shared(filters.clone()), empty),
            |(explorer, key, empty)| {
                if *empty {
                    explorer.relaxations(key)
                } else {
                    Vec::new()
                }
            },
        )
    };
    let on_action = handle.on_action.clone();
    let library = use_library();
    let on_dismiss = {
        let dispatcher = model.dispatcher();
        let dismiss_library = library.dismiss.clone();
        use_callback((), move |_: (), _| {
            dispatcher.dispatch(ViewMsg::DismissNotices);
            dismiss_library.emit(());
        })
    };

    // The shortcuts listener lives as long as the shell; it reads the latest state from here.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    {
        let latest: Rc<RefCell<Rc<ViewState>>> = latest.clone();
        let on_action = on_action.clone();
        use_effect_with((), move |_| {
            let listener = keyboard::on_shortcut(move |shortcut| match shortcut {
                Shortcut::FocusSearch => {
                    dom::focus(SEARCH_ID);
                }
                Shortcut::Escape => {
                    let state = latest.borrow().clone();
                    if state.document.is_some() {
                        on_action.emit(Action::OpenDocument(None, None));
                    } else if state.matrix.cell.is_some() {
                        on_action.emit(Action::SelectCell(None));
                    }
                }
            });
            move || drop(listener)
        });
    }
    {
        let count = results.docs.len();
        use_effect_with(model.seq, move |seq| perf::rendered(*seq, count));
    }
    // The matrix's pair index, built while the user reads the first results.
    use_effect_with((*explorer).clone(), |explorer| {
        let cancelled = Rc::new(std::cell::Cell::new(false));
        wasm_bindgen_futures::spawn_local(explorer.clone().prebuild_pair_index(cancelled.clone()));
        move || cancelled.set(true)
    });

    let open_index = state
        .document
        .as_ref()
        .and_then(|id| explorer.document_index(id));
    let mut messages: Vec<AttrValue> = library
        .library
        .notices
        .iter()
        .map(|n| AttrValue::from(n.clone()))
        .collect();
    messages.extend(
        model
            .notices
            .iter()
            .map(|n| AttrValue::from(format!("Link parameter “{}”: {}.", n.key, n.message))),
    );
    let unknown_document = state.document.is_some() && open_index.is_none();
    if let (true, Some(id)) = (unknown_document, &state.document) {
        let shown: String = id.chars().take(60).collect();
        messages.push(AttrValue::from(format!(
            "The link names a document “{shown}” that is not in this corpus."
        )));
    }
    let on_dismiss_all = {
        let on_dismiss = on_dismiss.clone();
        let on_action = on_action.clone();
        Callback::from(move |_| {
            on_dismiss.emit(());
            if unknown_document {
                on_action.emit(Action::OpenDocument(None, None));
            }
        })
    };

    let total = explorer.len();
    let empty = results.docs.is_empty();
    // The last results that were not empty, with the corpus they belong to. While a query has no
    // result (a lone letter, on the way to a word), the matrix stays mounted on them, hidden:
    // the next letter then updates its table instead of building hundreds of cells again.
    let last_found = use_mut_ref(|| None::<(ExplorerHandle, Shared<Results>)>);
    if !empty {
        *last_found.borrow_mut() = Some(((*explorer).clone(), results.clone()));
    }
    let kept_matrix_results = if empty {
        last_found
            .borrow()
            .as_ref()
            .filter(|(e, _)| *e == *explorer)
            .map(|(_, r)| r.clone())
    } else {
        Some(results.clone())
    };
    let view = state.view;
    let panel = |v: entente_core::explore::state::View| -> Html {
        if v != view {
            return html! { <div role="tabpanel" id={panel_id(v)} aria-labelledby={tab_id(v)} hidden=true></div> };
        }
        let empty_result = || html! { <EmptyResult state={state.clone()} relaxations={relaxations.clone()} on_action={on_action.clone()} /> };
        let content = if v == entente_core::explore::state::View::Matrix {
            // The same shape whether or not the result is empty, so the table's nodes are kept.
            html! {
                <>
                    if empty { { empty_result() } }
                    if let Some(kept) = kept_matrix_results.clone() {
                        <div class="view-kept" hidden={empty}>
                            <MatrixView results={kept} settings={state.matrix.clone()} on_action={on_action.clone()} />
                        </div>
                    }
                </>
            }
        } else if empty {
            empty_result()
        } else {
            match v {
                entente_core::explore::state::View::Documents => html! {
                    <DocumentsView results={results.clone()} query={AttrValue::from(state.query.clone())}
                        open={open_index} on_action={on_action.clone()} />
                },
                entente_core::explore::state::View::Matrix => Html::default(),
                entente_core::explore::state::View::Figures => html! {
                    <FiguresView results={results.clone()} kinds={state.figure_kinds.clone()}
                        sort={state.figure_sort} on_action={on_action.clone()} />
                },
            }
        };
        html! {
            <div role="tabpanel" id={panel_id(v)} aria-labelledby={tab_id(v)} class="panel" data-testid="panel" data-view={tab_id(v)}>
                { content }
            </div>
        }
    };
    let reader_open = open_index.is_some();
    html! {
        <ContextProvider<ExplorerHandle> context={(*explorer).clone()}>
            <div class={classes!("shell", reader_open.then_some("shell-reader-open"))}>
                <a class="skip-link" href="#main">{ "Skip to results" }</a>
                <Header seq={model.seq} />
                { props.children.clone() }
                <Notices messages={messages} on_dismiss={on_dismiss_all} />
                <div class="layout">
                    <Sidebar state={filters.clone()} results={results.clone()} on_action={on_action.clone()} />
                    <main id="main" class="content" tabindex="-1">
                        <ResultStatus state={filters.clone()} count={results.docs.len()} {total} on_action={on_action.clone()} />
                        <Tabs view={view} counts={[Some(results.docs.len()), None, None]} on_action={on_action.clone()} />
                        { for VIEWS.iter().map(|&v| panel(v)) }
                    </main>
                    if let Some(index) = open_index {
                        <Reader {index} at={state.at} chosen_countries={state.countries.clone()}
                            chosen_organizations={state.organizations.clone()} on_action={on_action.clone()} />
                    }
                </div>
            </div>
        </ContextProvider<ExplorerHandle>>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_core::explore::state::View;

    #[test]
    fn display_settings_do_not_change_the_filter_key() {
        let (a, _) = ViewState::from_query("q=gas&c=AZ&v=matrix&mw=paragraph&doc=x&at=5&fs=-value");
        let (b, _) = ViewState::from_query("q=gas&c=AZ");
        assert_eq!(filter_key(&a), filter_key(&b));
        let c = b.reduce(Action::SetQuery("oil".into()));
        assert_ne!(filter_key(&c), filter_key(&b));
        assert_eq!(filter_key(&a).view, View::Documents);
    }
}
