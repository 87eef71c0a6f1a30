//! The message shown instead of the explorer when the corpus cannot be read.

use yew::prelude::*;

/// Props of [`LoadError`].
#[derive(Properties, PartialEq)]
pub struct LoadErrorProps {
    /// What went wrong, as a sentence for the user.
    pub message: AttrValue,
}

/// A visible error in place of the app.
#[function_component]
pub fn LoadError(props: &LoadErrorProps) -> Html {
    html! {
        <div class="error-panel" role="alert" data-testid="corpus-error">
            <h1>{ "entente cannot show this corpus" }</h1>
            <p>{ props.message.clone() }</p>
        </div>
    }
}
