//! What an empty result says: which filters are set, and an offer to relax the one that gives
//! back the most documents (from the core's `relaxations`).

use crate::components::result_status::facet_summary;
use crate::display::plural;
use entente_core::explore::state::{Action, Facet, ViewState};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`EmptyResult`].
#[derive(Properties, PartialEq)]
pub struct EmptyResultProps {
    /// The view state.
    pub state: Rc<ViewState>,
    /// For each active filter, the results if it alone were cleared, largest first.
    pub relaxations: Rc<Vec<(Facet, usize)>>,
    /// Dispatches actions.
    pub on_action: Callback<Action>,
}

/// The empty-result message.
#[function_component]
pub fn EmptyResult(props: &EmptyResultProps) -> Html {
    let active = props.state.active_facets();
    if active.is_empty() {
        return html! {
            <p class="empty" data-testid="empty-result">{ "This corpus has no documents." }</p>
        };
    }
    let why: Vec<String> = active
        .iter()
        .map(|f| facet_summary(&props.state, *f))
        .collect();
    let useful: Vec<(Facet, usize)> = props
        .relaxations
        .iter()
        .copied()
        .filter(|r| r.1 > 0)
        .collect();
    html! {
        <div class="empty" data-testid="empty-result" role="status">
            <p><strong>{ "No document matches all of these filters: " }</strong>{ why.join("; ") }{ "." }</p>
            if useful.is_empty() {
                <p>{ "Even without any one of them nothing matches. " }
                    <button type="button" class="button" onclick={props.on_action.reform(|_: MouseEvent| Action::ClearAll)}>
                        { "Clear all filters" }
                    </button>
                </p>
            } else {
                <p>{ "Relax a filter:" }</p>
                <ul class="relax-list">
                    { for useful.iter().map(|&(f, n)| {
                        let label = format!("Remove {} ({})", facet_summary(&props.state, f), plural(n, "document", "documents"));
                        let onclick = props.on_action.reform(move |_: MouseEvent| Action::Clear(f));
                        html! { <li><button type="button" class="button" data-testid="relax" {onclick}>{ label }</button></li> }
                    }) }
                </ul>
            }
        </div>
    }
}
