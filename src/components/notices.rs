//! Small dismissible notices: what the URL parser ignored or adjusted, and links to documents
//! that are not in this corpus. Never a crash, never silent.

use yew::prelude::*;

/// Props of [`Notices`].
#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    /// The messages, as sentences.
    pub messages: Vec<AttrValue>,
    /// Hides them.
    pub on_dismiss: Callback<()>,
}

/// The notice strip under the header; nothing when there is nothing to say.
#[function_component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.messages.is_empty() {
        return Html::default();
    }
    let on_click = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notices" role="status" data-testid="notices">
            <ul class="notice-list">
                { for props.messages.iter().map(|m| html! { <li class="notice">{ m.clone() }</li> }) }
            </ul>
            <button type="button" class="button-quiet" onclick={on_click} data-testid="dismiss-notices">
                { "Dismiss" }
            </button>
        </div>
    }
}
