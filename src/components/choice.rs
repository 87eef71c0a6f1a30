//! A labelled `<select>` over string values: one component for every setting chosen from a list
//! (the matrix's window, topic, stance, order and size), so their markup exists once.

use yew::prelude::*;

/// Props of [`Choice`].
#[derive(Properties, PartialEq)]
pub struct ChoiceProps {
    /// The visible label.
    pub label: AttrValue,
    /// The test id of the `<select>`.
    pub testid: AttrValue,
    /// `(value, label)` pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// The chosen value.
    pub selected: AttrValue,
    /// Reports the newly chosen value.
    pub on_change: Callback<String>,
}

/// A labelled select.
#[function_component]
pub fn Choice(props: &ChoiceProps) -> Html {
    let onchange = props.on_change.reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    });
    html! {
        <label>
            { props.label.clone() }{ " " }
            <select {onchange} data-testid={props.testid.clone()}>
                { for props.options.iter().map(|(value, label)| html! {
                    <option value={value.clone()} selected={*value == props.selected}>{ label.clone() }</option>
                }) }
            </select>
        </label>
    }
}
