//! The date-range filter: two fields that take a year, a month or a day (`2024`, `2024-07`,
//! `2024-07-15`). A field applies when it holds a valid date or nothing, and says so otherwise.

use entente_core::explore::state::Action;
use entente_core::model::PartialDate;
use yew::prelude::*;

/// Props of [`DateRange`].
#[derive(Properties, PartialEq)]
pub struct DateRangeProps {
    /// The earliest date.
    pub from: Option<PartialDate>,
    /// The latest date.
    pub to: Option<PartialDate>,
    /// Documents hidden because their date has no year.
    pub undated_hidden: usize,
    /// Dispatches the new range.
    pub on_action: Callback<Action>,
}

fn text_of(d: &Option<PartialDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Parses a field: `Ok(None)` when blank, `Err` when not a date with a year.
fn parse(text: &str) -> Result<Option<PartialDate>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match PartialDate::parse_iso(t) {
        Some(d) if d.year.is_some() => Ok(Some(d)),
        _ => Err(()),
    }
}

/// The date-range fieldset.
#[function_component]
pub fn DateRange(props: &DateRangeProps) -> Html {
    let from = use_state(|| text_of(&props.from));
    let to = use_state(|| text_of(&props.to));
    {
        // The URL may change the range (Back/Forward, clear): the fields follow.
        let (from, to) = (from.clone(), to.clone());
        use_effect_with((props.from, props.to), move |(f, t)| {
            if parse(&from).ok() != Some(*f) {
                from.set(text_of(f));
            }
            if parse(&to).ok() != Some(*t) {
                to.set(text_of(t));
            }
        });
    }
    let apply = {
        let on_action = props.on_action.clone();
        move |f: &str, t: &str| {
            if let (Ok(f), Ok(t)) = (parse(f), parse(t)) {
                on_action.emit(Action::SetDates(f, t));
            }
        }
    };
    let on_from = {
        let (from, to, apply) = (from.clone(), to.clone(), apply.clone());
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            apply(&v, &to);
            from.set(v);
        })
    };
    let on_to = {
        let (from, to) = (from.clone(), to.clone());
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            apply(&from, &v);
            to.set(v);
        })
    };
    let from_bad = parse(&from).is_err();
    let to_bad = parse(&to).is_err();
    let on_clear = props
        .on_action
        .reform(|_: MouseEvent| Action::Clear(entente_core::explore::state::Facet::Dates));
    let active = props.from.is_some() || props.to.is_some();
    html! {
        <fieldset class="facet" data-testid="facet-dates">
            <legend class="facet-title">{ "Date" }</legend>
            if active {
                <button type="button" class="button-quiet facet-clear" onclick={on_clear}
                    aria-label="Clear date" data-testid="clear-dates">{ "clear" }</button>
            }
            <div class="date-fields">
                <label for="date-from">{ "From" }</label>
                <input id="date-from" type="text" inputmode="numeric" placeholder="2024 or 2024-07"
                    value={(*from).clone()} oninput={on_from} aria-invalid={from_bad.to_string()}
                    aria-describedby="date-help" autocomplete="off" />
                <label for="date-to">{ "To" }</label>
                <input id="date-to" type="text" inputmode="numeric" placeholder="2025-12-31"
                    value={(*to).clone()} oninput={on_to} aria-invalid={to_bad.to_string()}
                    aria-describedby="date-help" autocomplete="off" />
            </div>
            <p id="date-help" class={classes!("help", (from_bad || to_bad).then_some("help-error"))}>
                if from_bad || to_bad {
                    { "Write a year, a month or a day: 2024, 2024-07 or 2024-07-15." }
                } else {
                    { "A year, a month or a day. Partial dates match what they cover." }
                }
            </p>
            if props.undated_hidden > 0 {
                <p class="help" data-testid="undated-hidden">
                    { format!("{} without a year hidden by the range.", crate::display::plural(props.undated_hidden, "document", "documents")) }
                </p>
            }
        </fieldset>
    }
}
