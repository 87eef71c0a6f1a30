//! One facet of the sidebar: a titled group of checkboxes with live counts, the first few shown
//! and the rest behind "show all", and a clear button when any value is chosen.

use yew::prelude::*;

/// One value of a facet.
#[derive(Clone, Debug, PartialEq)]
pub struct FacetItem {
    /// The value's id, reported back on toggle.
    pub key: AttrValue,
    /// What the user reads.
    pub label: AttrValue,
    /// Results if this value were toggled on, given the other filters.
    pub count: usize,
    /// Whether it is chosen.
    pub checked: bool,
}

/// Props of [`FacetList`].
#[derive(Properties, PartialEq)]
pub struct FacetListProps {
    /// A short id for element ids and test ids ("countries").
    pub id: AttrValue,
    /// The group's title.
    pub title: AttrValue,
    /// The values, in display order.
    pub items: Vec<FacetItem>,
    /// How many values the facet has in all (more than `items` when the list is capped); 0 when
    /// `items` holds them all.
    #[prop_or_default]
    pub total: usize,
    /// How many to show before "show all".
    #[prop_or(8)]
    pub limit: usize,
    /// Reports a toggled value's key.
    pub on_toggle: Callback<AttrValue>,
    /// Clears the facet.
    pub on_clear: Callback<()>,
    /// Extra controls under the title (the any/all switch of countries).
    #[prop_or_default]
    pub children: Html,
}

/// A facet group.
#[function_component]
pub fn FacetList(props: &FacetListProps) -> Html {
    let expanded = use_state(|| false);
    if props.items.is_empty() {
        return Html::default();
    }
    let any_checked = props.items.iter().any(|i| i.checked);
    let hidden = props.items.len().saturating_sub(props.limit);
    let shown: Vec<(usize, &FacetItem)> = props
        .items
        .iter()
        .enumerate()
        .filter(|(k, i)| *expanded || *k < props.limit || i.checked)
        .collect();
    let heading_id = format!("facet-{}-title", props.id);
    let toggle_expand = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());
    html! {
        <fieldset class="facet" data-testid={format!("facet-{}", props.id)}>
            <legend id={heading_id.clone()} class="facet-title">
                { props.title.clone() }
            </legend>
            if any_checked {
                <button type="button" class="button-quiet facet-clear" onclick={on_clear}
                    aria-label={format!("Clear {}", props.title)}
                    data-testid={format!("clear-{}", props.id)}>
                    { "clear" }
                </button>
            }
            { props.children.clone() }
            <ul class="facet-values">
                { for shown.into_iter().map(|(index, item)| {
                    let key = item.key.clone();
                    let on_toggle = props.on_toggle.clone();
                    let onchange = Callback::from(move |_: Event| on_toggle.emit(key.clone()));
                    // Keys may hold spaces and punctuation: ids use the position instead.
                    let input_id = format!("facet-{}-{index}", props.id);
                    html! {
                        <li key={item.key.to_string()} class={classes!("facet-value", (item.count == 0 && !item.checked).then_some("facet-value-empty"))}>
                            <input type="checkbox" id={input_id.clone()} checked={item.checked} {onchange}
                                data-key={item.key.clone()} />
                            <label for={input_id}>
                                <span class="facet-label">{ item.label.clone() }</span>
                                <span class="facet-count" aria-label={format!("{} results", item.count)}>{ item.count }</span>
                            </label>
                        </li>
                    }
                }) }
            </ul>
            if hidden > 0 {
                <button type="button" class="button-quiet" onclick={toggle_expand}
                    aria-expanded={(*expanded).to_string()}>
                    { if *expanded {
                        "Show fewer".to_string()
                    } else if props.total > props.items.len() {
                        format!("Show {} of {}", props.items.len(), props.total)
                    } else {
                        format!("Show all {}", props.items.len())
                    } }
                </button>
            }
        </fieldset>
    }
}
