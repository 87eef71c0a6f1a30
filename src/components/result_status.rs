//! The result bar above the views: the result count (always visible, announced politely), the
//! active filters as chips that each clear one filter, and "clear all".

use crate::display::plural;
use entente_core::explore::state::{Action, CountryMode, Facet, ViewState};
use entente_core::gazetteer::country_label;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ResultStatus`].
#[derive(Properties, PartialEq)]
pub struct ResultStatusProps {
    /// The view state.
    pub state: Rc<ViewState>,
    /// Matching documents.
    pub count: usize,
    /// Documents in the corpus.
    pub total: usize,
    /// Dispatches actions.
    pub on_action: Callback<Action>,
}

/// A short description of one active filter, for its chip and for the empty-result message.
pub fn facet_summary(state: &ViewState, facet: Facet) -> String {
    let list = |v: Vec<String>| v.join(", ");
    match facet {
        Facet::Query => format!("search “{}”", state.query.trim()),
        Facet::Countries => {
            let names = list(state.countries.iter().map(|c| country_label(*c)).collect());
            if state.country_mode == CountryMode::All && state.countries.len() > 1 {
                format!("all of {names}")
            } else {
                names
            }
        }
        Facet::Pair => match state.pair {
            Some((a, b)) => format!("pair {} – {}", country_label(a), country_label(b)),
            None => String::new(),
        },
        Facet::Organizations => list(
            state
                .organizations
                .iter()
                .map(|o| entente_core::organizations::org_label(o).to_string())
                .collect(),
        ),
        Facet::Topics => list(state.topics.iter().map(|t| t.label().to_string()).collect()),
        Facet::Stances => format!(
            "stance {}",
            list(state.stances.iter().map(|s| s.id().to_string()).collect())
        ),
        Facet::Sources => format!("source {}", list(state.sources.clone())),
        Facet::Dates => match (state.date_from, state.date_to) {
            (Some(f), Some(t)) => format!("{f} to {t}"),
            (Some(f), None) => format!("from {f}"),
            (None, Some(t)) => format!("until {t}"),
            (None, None) => String::new(),
        },
        Facet::FigureKinds => format!(
            "figures: {}",
            list(
                state
                    .figure_kinds
                    .iter()
                    .map(|k| k.label().to_lowercase())
                    .collect()
            )
        ),
    }
}

/// The result bar.
#[function_component]
pub fn ResultStatus(props: &ResultStatusProps) -> Html {
    let active = props.state.active_facets();
    let text = if active.is_empty() {
        plural(props.total, "document", "documents")
    } else {
        format!(
            "{} of {}",
            plural(props.count, "document", "documents"),
            props.total
        )
    };
    html! {
        <div class="result-status">
            <p class="result-count" role="status" aria-live="polite" data-testid="result-count">{ text }</p>
            if !active.is_empty() {
                <ul class="chips active-filters" aria-label="Active filters">
                    { for active.iter().map(|&f| {
                        let label = facet_summary(&props.state, f);
                        let onclick = props.on_action.reform(move |_: MouseEvent| Action::Clear(f));
                        html! {
                            <li>
                                <button type="button" class="chip chip-remove" {onclick}
                                    aria-label={format!("Remove filter: {label}")}>
                                    { label.clone() }<span aria-hidden="true">{ " ×" }</span>
                                </button>
                            </li>
                        }
                    }) }
                    if active.len() > 1 {
                        <li>
                            <button type="button" class="button-quiet" data-testid="clear-all"
                                onclick={props.on_action.reform(|_: MouseEvent| Action::ClearAll)}>
                                { "Clear all" }
                            </button>
                        </li>
                    }
                </ul>
            }
        </div>
    }
}
