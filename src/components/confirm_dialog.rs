//! An in-page confirmation: a modal `alertdialog` with a question, a Cancel button (focused
//! first, so Enter never confirms by accident) and a confirm button. Escape cancels, Tab stays
//! within the two buttons, and focus goes back where it was when the dialog closes.

use crate::services::dom;
use yew::prelude::*;

/// The id of the Cancel button (focused when the dialog opens).
pub const CANCEL_ID: &str = "confirm-cancel";
const CONFIRM_ID: &str = "confirm-accept";

/// Props of [`ConfirmDialog`].
#[derive(Properties, PartialEq)]
pub struct ConfirmDialogProps {
    /// The question, as a short title.
    pub title: AttrValue,
    /// What will happen.
    pub message: AttrValue,
    /// The confirm button's label ("Delete").
    pub confirm_label: AttrValue,
    /// The user confirmed.
    pub on_confirm: Callback<()>,
    /// The user cancelled (button, Escape).
    pub on_cancel: Callback<()>,
}

/// The confirmation dialog.
#[function_component]
pub fn ConfirmDialog(props: &ConfirmDialogProps) -> Html {
    use_effect_with((), |_| {
        let previous = dom::active_element();
        dom::focus(CANCEL_ID);
        move || {
            if let Some(e) = previous {
                dom::restore_focus(&e);
            }
        }
    });
    let on_keydown = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                on_cancel.emit(());
            }
            "Tab" => {
                // Two buttons: Tab and Shift+Tab go from one to the other.
                e.prevent_default();
                let on_cancel_button = dom::active_element().is_some_and(|a| a.id() == CANCEL_ID);
                dom::focus(if on_cancel_button {
                    CONFIRM_ID
                } else {
                    CANCEL_ID
                });
            }
            _ => {}
        })
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let confirm = props.on_confirm.reform(|_: MouseEvent| ());
    html! {
        <div class="dialog-backdrop">
            <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title"
                aria-describedby="confirm-message" onkeydown={on_keydown} data-testid="confirm-dialog">
                <h2 id="confirm-title" class="dialog-title">{ props.title.clone() }</h2>
                <p id="confirm-message">{ props.message.clone() }</p>
                <div class="dialog-buttons">
                    <button type="button" id={CANCEL_ID} class="button" onclick={cancel} data-testid="confirm-cancel">
                        { "Cancel" }
                    </button>
                    <button type="button" id={CONFIRM_ID} class="button button-danger" onclick={confirm} data-testid="confirm-accept">
                        { props.confirm_label.clone() }
                    </button>
                </div>
            </div>
        </div>
    }
}
