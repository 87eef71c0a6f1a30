//! The view tabs (Documents, Matrix, Figures): a WAI-ARIA tab list with one tab stop, arrow keys,
//! Home and End. Each switch is a navigation (a history entry).

use crate::services::dom;
use entente_core::explore::state::{Action, View};
use yew::prelude::*;

/// The views in tab order.
pub const VIEWS: [View; 3] = [View::Documents, View::Matrix, View::Figures];

/// The id of a view's tab.
pub fn tab_id(v: View) -> &'static str {
    match v {
        View::Documents => "tab-docs",
        View::Matrix => "tab-matrix",
        View::Figures => "tab-figures",
    }
}

/// The id of a view's panel.
pub fn panel_id(v: View) -> &'static str {
    match v {
        View::Documents => "panel-docs",
        View::Matrix => "panel-matrix",
        View::Figures => "panel-figures",
    }
}

fn label(v: View) -> &'static str {
    match v {
        View::Documents => "Documents",
        View::Matrix => "Matrix",
        View::Figures => "Figures",
    }
}

/// Props of [`Tabs`].
#[derive(Properties, PartialEq)]
pub struct TabsProps {
    /// The active view.
    pub view: View,
    /// A count to show on each tab (documents, pairs, figures), if known.
    pub counts: [Option<usize>; 3],
    /// Dispatches actions.
    pub on_action: Callback<Action>,
}

/// The tab list.
#[function_component]
pub fn Tabs(props: &TabsProps) -> Html {
    let current = VIEWS.iter().position(|v| *v == props.view).unwrap_or(0);
    let onkeydown = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowRight" => (current + 1) % VIEWS.len(),
                "ArrowLeft" => (current + VIEWS.len() - 1) % VIEWS.len(),
                "Home" => 0,
                "End" => VIEWS.len() - 1,
                _ => return,
            };
            e.prevent_default();
            on_action.emit(Action::SetView(VIEWS[next]));
            dom::focus(tab_id(VIEWS[next]));
        })
    };
    html! {
        <div class="tabs" role="tablist" aria-label="Views" {onkeydown}>
            { for VIEWS.iter().enumerate().map(|(k, &v)| {
                let selected = v == props.view;
                let onclick = props.on_action.reform(move |_: MouseEvent| Action::SetView(v));
                html! {
                    <button type="button" role="tab" id={tab_id(v)} class="tab"
                        aria-selected={selected.to_string()} aria-controls={panel_id(v)}
                        tabindex={if selected { "0" } else { "-1" }} {onclick}>
                        { label(v) }
                        if let Some(n) = props.counts[k] {
                            <span class="tab-count">{ crate::display::number(n as f64) }</span>
                        }
                    </button>
                }
            }) }
        </div>
    }
}
