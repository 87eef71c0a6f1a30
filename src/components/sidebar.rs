//! The filter sidebar: the search box and every facet with live counts (countries with any/all
//! and a pair, organizations, topics, stance, source, dates, figure kind). On phones the facets
//! fold behind a "Filters" button; the search box stays in view.

use crate::components::date_range::DateRange;
use crate::components::facet_list::{FacetItem, FacetList};
use crate::hooks::use_explorer::use_explorer;
use crate::services::clock;
use crate::shared::Shared;
use entente_core::explore::state::{Action, CountryMode, Facet, ViewState};
use entente_core::explore::Results;
use entente_core::gazetteer::country_label;
use entente_core::model::{CountryCode, FigureKind, Stance, Topic};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The most values a facet lists (the most frequent; chosen values are always listed).
const MAX_VALUES: usize = 200;

/// The id of the search box (`/` focuses it).
pub const SEARCH_ID: &str = "search";

/// Props of [`Sidebar`].
#[derive(Properties, PartialEq)]
pub struct SidebarProps {
    /// The view state.
    pub state: Rc<ViewState>,
    /// The current results (for the counts).
    pub results: Shared<Results>,
    /// Dispatches actions.
    pub on_action: Callback<Action>,
}

/// How long after a corpus is shown the pair selects list every country.
const LIST_AFTER_MS: u32 = 50;

/// The pair being chosen: the view state holds a pair only once both countries are chosen, so
/// the first choice is the sidebar's own state, set again from the view state whenever its pair
/// changes ([`PairDraft::follow`]).
#[derive(Debug, Default, PartialEq)]
struct PairDraft {
    /// The view state's pair the sides were last set from.
    pair: Option<(CountryCode, CountryCode)>,
    /// What each select shows.
    sides: [Option<CountryCode>; 2],
}

impl PairDraft {
    /// Takes the view state's pair when it has changed.
    fn follow(&mut self, pair: Option<(CountryCode, CountryCode)>) {
        if self.pair != pair {
            self.pair = pair;
            self.sides = pair.map_or([None; 2], |(a, b)| [Some(a), Some(b)]);
        }
    }

    /// Select `which` now shows `chosen`: the action for the view state, if any (a whole pair, or
    /// no pair while a side is empty).
    fn choose(&mut self, which: usize, chosen: Option<CountryCode>) -> Option<Action> {
        self.sides[which] = chosen;
        match self.sides {
            [Some(a), Some(b)] if a != b => Some(Action::SetPair(Some((a, b)))),
            [None, _] | [_, None] => Some(Action::SetPair(None)),
            _ => None,
        }
    }
}

/// Props of [`PairSelect`].
#[derive(Properties, PartialEq)]
struct PairSelectProps {
    /// 0 for the first country of the pair, 1 for the second.
    which: usize,
    /// The current pair.
    pair: Option<(CountryCode, CountryCode)>,
    /// The pair being chosen, shared by the two selects.
    draft: Shared<RefCell<PairDraft>>,
    /// Dispatches actions.
    on_action: Callback<Action>,
}

/// One of the pair's two selects, over every country of the corpus by name. Its own component,
/// with the option list built once per corpus, so typing in the search box does not rebuild
/// hundreds of options. The list is added just after the corpus is first shown: with a few hundred
/// countries the two selects were half the nodes of the first render (the chosen country, if any,
/// is an option from the start).
#[function_component]
fn PairSelect(props: &PairSelectProps) -> Html {
    let explorer = use_explorer();
    let listed = use_state_eq(|| false);
    {
        let listed = listed.clone();
        use_effect_with(explorer.clone(), move |_| {
            listed.set(false);
            let timer = clock::after(LIST_AFTER_MS, move || listed.set(true));
            move || drop(timer)
        });
    }
    let options = {
        let explorer = explorer.clone();
        use_memo(explorer, |explorer| {
            let mut v: Vec<(CountryCode, String)> = explorer
                .filter(&ViewState::default())
                .facets
                .countries
                .iter()
                .map(|(c, _)| (*c, country_label(*c)))
                .collect();
            entente_core::sort::sort_by_text(&mut v, |x| x.1.clone());
            v
        })
    };
    let which = props.which;
    let pair = props.pair;
    let onchange = {
        let on_action = props.on_action.clone();
        let draft = props.draft.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let action = draft.borrow_mut().choose(which, CountryCode::new(&v));
            if let Some(action) = action {
                on_action.emit(action);
            }
        })
    };
    let current = pair.map(|(a, b)| if which == 0 { a } else { b });
    let id = format!("pair-{which}");
    html! {
        <>
            <label for={id.clone()} class="visually-hidden">
                { if which == 0 { "First country of the pair" } else { "Second country of the pair" } }
            </label>
            <select id={id} {onchange} data-testid={format!("pair-{which}")}>
                <option value="" selected={current.is_none()}>{ "any country" }</option>
                { for options.iter().filter(|(c, _)| *listed || current == Some(*c)).map(|(c, name)| html! {
                    <option key={c.to_string()} value={c.to_string()} selected={current == Some(*c)}>{ name.clone() }</option>
                }) }
            </select>
        </>
    }
}

/// The sidebar.
#[function_component]
pub fn Sidebar(props: &SidebarProps) -> Html {
    let open = use_state(|| false);
    let state = &props.state;
    let draft = use_mut_ref(PairDraft::default);
    draft.borrow_mut().follow(state.pair);
    let draft = Shared(draft);
    let facets = &props.results.facets;
    let act = |f: fn(AttrValue) -> Option<Action>| {
        let on_action = props.on_action.clone();
        Callback::from(move |key: AttrValue| {
            if let Some(a) = f(key) {
                on_action.emit(a);
            }
        })
    };
    let clear = |facet: Facet| props.on_action.reform(move |_| Action::Clear(facet));

    let on_search = props.on_action.reform(|e: InputEvent| {
        Action::SetQuery(
            e.target_unchecked_into::<web_sys::HtmlInputElement>()
                .value(),
        )
    });
    let on_submit = Callback::from(|e: SubmitEvent| e.prevent_default());

    // A facet builds at most MAX_VALUES items (plus the chosen ones) on each keystroke: a
    // corpus with thousands of sources must not cost thousands of nodes.
    let countries: Vec<FacetItem> = facets
        .countries
        .iter()
        .enumerate()
        .filter(|(i, (c, _))| *i < MAX_VALUES || state.countries.contains(c))
        .map(|(_, x)| x)
        .map(|(c, n)| FacetItem {
            key: AttrValue::from(c.to_string()),
            label: AttrValue::from(country_label(*c)),
            count: *n,
            checked: state.countries.contains(c),
        })
        .collect();
    let organizations: Vec<FacetItem> = facets
        .organizations
        .iter()
        .enumerate()
        .filter(|(i, (o, _))| *i < MAX_VALUES || state.organizations.iter().any(|x| x == o))
        .map(|(_, x)| x)
        .map(|(o, n)| FacetItem {
            key: AttrValue::from(*o),
            label: AttrValue::from(entente_core::organizations::org_label(o).to_string()),
            count: *n,
            checked: state.organizations.iter().any(|x| x == o),
        })
        .collect();
    let topics: Vec<FacetItem> = facets
        .topics
        .iter()
        .map(|(t, n)| FacetItem {
            key: AttrValue::from(t.id()),
            label: AttrValue::from(t.label()),
            count: *n,
            checked: state.topics.contains(t),
        })
        .collect();
    let stances: Vec<FacetItem> = facets
        .stances
        .iter()
        .map(|(s, n)| FacetItem {
            key: AttrValue::from(s.id()),
            label: AttrValue::from(s.label()),
            count: *n,
            checked: state.stances.contains(s),
        })
        .collect();
    let sources: Vec<FacetItem> = facets
        .sources
        .iter()
        .enumerate()
        .filter(|(i, (s, _))| *i < MAX_VALUES || state.sources.contains(s))
        .map(|(_, x)| x)
        .map(|(s, n)| FacetItem {
            key: AttrValue::from(s.clone()),
            label: AttrValue::from(s.clone()),
            count: *n,
            checked: state.sources.contains(s),
        })
        .collect();
    let kinds: Vec<FacetItem> = facets
        .figure_kinds
        .iter()
        .map(|(k, n)| FacetItem {
            key: AttrValue::from(k.id()),
            label: AttrValue::from(k.label()),
            count: *n,
            checked: state.figure_kinds.contains(k),
        })
        .collect();

    let mode = state.country_mode;
    let set_mode = |m: CountryMode| {
        props
            .on_action
            .reform(move |_: Event| Action::SetCountryMode(m))
    };
    let country_mode = html! {
        <div class="segmented" role="radiogroup" aria-label="Match countries">
            <input type="radio" id="cm-any" name="country-mode" checked={mode == CountryMode::Any}
                onchange={set_mode(CountryMode::Any)} />
            <label for="cm-any">{ "any" }</label>
            <input type="radio" id="cm-all" name="country-mode" checked={mode == CountryMode::All}
                onchange={set_mode(CountryMode::All)} />
            <label for="cm-all">{ "all" }</label>
        </div>
    };

    let toggle_open = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let n_active = state
        .active_facets()
        .iter()
        .filter(|f| **f != Facet::Query)
        .count();
    html! {
        <aside class="sidebar" aria-label="Filters" data-testid="sidebar">
            <form class="search" role="search" onsubmit={on_submit}>
                <label for={SEARCH_ID} class="search-label">{ "Search" }</label>
                <input id={SEARCH_ID} type="search" value={state.query.clone()} oninput={on_search}
                    placeholder="Words, \"a phrase\", -exclude" autocomplete="off" spellcheck="false"
                    aria-describedby="search-help" data-testid="search" />
                <p id="search-help" class="help">
                    { "Press / to search. Prefixes match while you type; " }
                    <code>{ "\"quotes\"" }</code>{ " for a phrase, " }<code>{ "-word" }</code>{ " to exclude." }
                </p>
            </form>
            <button type="button" class="button filters-toggle" onclick={toggle_open}
                aria-expanded={(*open).to_string()} aria-controls="facets">
                { if n_active > 0 { format!("Filters ({n_active})") } else { "Filters".to_string() } }
            </button>
            <div id="facets" class={classes!("facets", (*open).then_some("facets-open"))}>
                <FacetList id="countries" title="Countries" items={countries} limit={10} total={facets.countries.len()}
                    on_toggle={act(|k| CountryCode::new(&k).map(Action::ToggleCountry))}
                    on_clear={clear(Facet::Countries)}>
                    { country_mode }
                </FacetList>
                if !facets.countries.is_empty() {
                    <fieldset class="facet" data-testid="facet-pair">
                        <legend class="facet-title">{ "Country pair" }</legend>
                        if state.pair.is_some() {
                            <button type="button" class="button-quiet facet-clear" aria-label="Clear country pair"
                                onclick={props.on_action.reform(|_: MouseEvent| Action::Clear(Facet::Pair))}>
                                { "clear" }
                            </button>
                        }
                        <p class="help">{ "Documents where the two are related in a sentence." }</p>
                        <div class="pair-fields">
                            <PairSelect which={0} pair={state.pair} draft={draft.clone()} on_action={props.on_action.clone()} />
                            <PairSelect which={1} pair={state.pair} {draft} on_action={props.on_action.clone()} />
                        </div>
                    </fieldset>
                }
                <FacetList id="organizations" title="Organizations" items={organizations} total={facets.organizations.len()}
                    on_toggle={act(|k| Some(Action::ToggleOrganization(k.to_string())))}
                    on_clear={clear(Facet::Organizations)} />
                <FacetList id="topics" title="Topics" items={topics} limit={10}
                    on_toggle={act(|k| Topic::from_id(&k).map(Action::ToggleTopic))}
                    on_clear={clear(Facet::Topics)} />
                <FacetList id="stances" title="Stance" items={stances}
                    on_toggle={act(|k| Stance::from_id(&k).map(Action::ToggleStance))}
                    on_clear={clear(Facet::Stances)} />
                <FacetList id="sources" title="Source" items={sources} total={facets.sources.len()}
                    on_toggle={act(|k| Some(Action::ToggleSource(k.to_string())))}
                    on_clear={clear(Facet::Sources)} />
                <DateRange from={state.date_from} to={state.date_to}
                    undated_hidden={props.results.undated_hidden} on_action={props.on_action.clone()} />
                <FacetList id="kinds" title="Figure kind" items={kinds}
                    on_toggle={act(|k| FigureKind::from_id(&k).map(Action::ToggleFigureKind))}
                    on_clear={clear(Facet::FigureKinds)} />
            </div>
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_country_waits_in_the_draft_until_the_pair_is_whole() {
        let cc = |s: &str| CountryCode::new(s);
        let mut d = PairDraft::default();
        d.follow(None);
        assert_eq!(d.choose(1, cc("PK")), Some(Action::SetPair(None)));
        assert_eq!(d.sides, [None, cc("PK")]);
        // A render with the same (empty) pair keeps the first choice.
        d.follow(None);
        assert_eq!(
            d.choose(0, cc("AZ")),
            Some(Action::SetPair(Some((
                cc("AZ").unwrap(),
                cc("PK").unwrap()
            ))))
        );
        assert_eq!(d.choose(0, cc("PK")), None, "one country twice is no pair");
        // The view state's pair wins when it changes (Back, the clear button, a link).
        d.follow(Some((cc("AM").unwrap(), cc("AZ").unwrap())));
        assert_eq!(d.sides, [cc("AM"), cc("AZ")]);
        d.follow(None);
        assert_eq!(d.sides, [None, None]);
    }
}
