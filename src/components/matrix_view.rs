//! The matrix view: a country × country heatmap over the result documents, as a real table
//! (`th scope` headers) for screen readers. Window, topic, stance, order and top-N selectors and
//! an organizations toggle (organizations become rows and columns too, labelled apart: italic,
//! purple, marked ◆); a legend; a tooltip per cell (count, topics, stance balance); arrow keys move
//! between cells and Enter opens a cell's evidence; CSV and SVG exports.
//!
//! The table is its own component ([`MatrixTable`]) whose props are the computed matrix and the
//! chosen rows, compared by identity: when anything else changes (the URL's sequence number, a
//! setting that leaves the matrix as it was), its hundreds of cells are not rebuilt or diffed.

use crate::components::choice::Choice;
use crate::components::evidence::Evidence;
use crate::display::plural;
use crate::hooks::use_explorer::{cached, use_explorer, MatrixKey};
use crate::matrix::{self, legend, level, light_text, MatrixData};
use crate::services::{dom, download, perf};
use crate::shared::Shared;
use entente_core::explore::state::{
    ordered_pair, Action, Entity, MatrixOrder, MatrixSettings, Window,
};
use entente_core::explore::Results;
use entente_core::model::{Stance, Topic};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`MatrixView`].
#[derive(Properties, PartialEq)]
pub struct MatrixViewProps {
    /// The results.
    pub results: Shared<Results>,
    /// The matrix settings of the view state.
    pub settings: MatrixSettings,
    /// Dispatches actions.
    pub on_action: Callback<Action>,
}

fn window_label(w: Window) -> &'static str {
    match w {
        Window::Sentence => "one sentence",
        Window::Paragraph => "one paragraph",
        Window::Document => "one document",
    }
}

/// The action of a matrix setting chosen in a [`Choice`]: one function for all of them.
fn setting_action(kind: &str, value: &str) -> Action {
    match kind {
        "window" => Action::SetWindow(Window::from_id(value).unwrap_or_default()),
        "topic" => Action::SetMatrixTopic(Topic::from_id(value)),
        "stance" => Action::SetMatrixStance(Stance::from_id(value)),
        "order" => Action::SetMatrixOrder(MatrixOrder::from_id(value).unwrap_or_default()),
        _ => Action::SetTopN(value.parse::<u16>().ok()),
    }
}

fn cell_id(r: usize, c: usize) -> String {
    format!("cell-{r}-{c}")
}

/// The (row, column) of a cell button's id (`cell-ROW-COL`).
fn parse_cell_id(id: &str) -> Option<(usize, usize)> {
    let (r, c) = id.strip_prefix("cell-")?.split_once('-')?;
    Some((r.parse().ok()?, c.parse().ok()?))
}

/// The cell button an event happened on (or inside), if any.
fn cell_button(e: &Event) -> Option<web_sys::Element> {
    e.target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .and_then(|el| el.closest(".cell-button").ok().flatten())
}

/// The largest count among the shown rows and columns.
fn shown_max(data: &MatrixData, shown: &[usize]) -> u32 {
    shown
        .iter()
        .flat_map(|&i| shown.iter().map(move |&j| (i, j)))
        .map(|(i, j)| data.grid.get(i, j))
        .max()
        .unwrap_or(0)
}

/// A row header: the name, and for an organization a marker and a hidden word for screen
/// readers, so it is told apart from the countries without relying on style alone.
fn row_label(e: Entity) -> Html {
    if e.is_org() {
        html! {
            <>
                <span class="org-marker" aria-hidden="true">{ "◆ " }</span>
                { e.label() }
                <span class="visually-hidden">{ " (organization)" }</span>
            </>
        }
    } else {
        Html::from(e.label())
    }
}

/// Props of [`MatrixTable`].
#[derive(Properties, PartialEq)]
struct MatrixTableProps {
    data: Shared<MatrixData>,
    /// Indices into the grid of the rows (and columns) shown, in order.
    shown: Shared<Vec<usize>>,
    caption: AttrValue,
    /// The selected cell.
    selected: Option<(Entity, Entity)>,
    on_action: Callback<Action>,
}

/// The heatmap table with its roving tab stop and arrow keys.
#[function_component]
fn MatrixTable(props: &MatrixTableProps) -> Html {
    let data = &props.data;
    let shown = &props.shown;
    // The cell that holds the tab stop (roving tabindex), as (row, column) in `shown`.
    let active = use_state(|| None::<(usize, usize)>);
    let grid = &data.grid;
    let n = shown.len();
    let max = shown_max(data, shown);
    let nonzero = |r: usize, c: usize| r < n && c < n && grid.get(shown[r], shown[c]) > 0;
    let first_cell = (0..n)
        .flat_map(|r| (0..n).map(move |c| (r, c)))
        .find(|&(r, c)| nonzero(r, c));
    let tab_stop = match *active {
        Some((r, c)) if nonzero(r, c) => Some((r, c)),
        _ => first_cell,
    };

    // The table's cells share three listeners on the table rather than one each: a keystroke
    // that changes the matrix then rebuilds hundreds of buttons without as many closures and
    // listener registrations.
    let onclick = {
        let shown = shown.clone();
        let data = data.clone();
        let active = active.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |e: MouseEvent| {
            let Some((r, c)) = cell_button(&e).and_then(|b| parse_cell_id(&b.id())) else {
                return;
            };
            let (Some(&i), Some(&j)) = (shown.get(r), shown.get(c)) else {
                return;
            };
            active.set(Some((r, c)));
            on_action.emit(Action::SelectCell(Some((
                data.grid.codes[i],
                data.grid.codes[j],
            ))));
        })
    };
    // The tooltip (count, topics, stance balance) is written when the pointer first reaches a
    // cell: composing it for every cell on every change would cost more than the rest of the cell.
    let onmouseover = {
        let shown = shown.clone();
        let data = data.clone();
        Callback::from(move |e: MouseEvent| {
            // Written on every entry, not once: the button may have been reused for another
            // count since (the renderer does not know of this attribute, so never clears it).
            let Some(button) = cell_button(&e) else {
                return;
            };
            let Some((r, c)) = parse_cell_id(&button.id()) else {
                return;
            };
            let (Some(&i), Some(&j)) = (shown.get(r), shown.get(c)) else {
                return;
            };
            if let Some(cell) = data.cell(data.grid.codes[i], data.grid.codes[j]) {
                let _ = button.set_attribute("title", &matrix::describe(cell));
            }
        })
    };
    let onkeydown = {
        let shown = shown.clone();
        let data = data.clone();
        let active = active.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Start from the focused cell (its id is `cell-ROW-COL`), else the tab stop.
            let focused = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .and_then(|el| parse_cell_id(&el.id()));
            let Some((r, c)) = focused.or(tab_stop) else {
                return;
            };
            let n = shown.len();
            let ok = |r: usize, c: usize| data.grid.get(shown[r], shown[c]) > 0;
            let (dr, dc): (isize, isize) = match e.key().as_str() {
                "ArrowRight" => (0, 1),
                "ArrowLeft" => (0, -1),
                "ArrowDown" => (1, 0),
                "ArrowUp" => (-1, 0),
                _ => return,
            };
            e.prevent_default();
            // Walk in the direction to the next cell with co-mentions.
            let (mut rr, mut cc) = (r as isize, c as isize);
            loop {
                rr += dr;
                cc += dc;
                if rr < 0 || cc < 0 || rr >= n as isize || cc >= n as isize {
                    return;
                }
                if ok(rr as usize, cc as usize) {
                    break;
                }
            }
            active.set(Some((rr as usize, cc as usize)));
            dom::focus(&cell_id(rr as usize, cc as usize));
        })
    };

    if n == 0 {
        html! {
            <p class="empty" data-testid="matrix-empty">
                { "No two countries are named together in these documents with these settings." }
            </p>
        }
    } else {
        html! {
            <div class="matrix-scroll">
                <table class="matrix" data-testid="matrix" {onkeydown} {onclick} {onmouseover}>
                    <caption>{ props.caption.clone() }</caption>
                    <thead>
                        <tr>
                            <td class="matrix-corner"></td>
                            { for shown.iter().map(|&j| {
                                let e = grid.codes[j];
                                html! {
                                    <th scope="col" class={classes!("matrix-col", e.is_org().then_some("matrix-org"))}>
                                        <abbr title={e.label()}>{ matrix::short_label(e) }</abbr>
                                    </th>
                                }
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for shown.iter().enumerate().map(|(r, &i)| html! {
                            <tr key={grid.codes[i].to_string()}>
                                <th scope="row" class={classes!("matrix-row", grid.codes[i].is_org().then_some("matrix-org"))}>{ row_label(grid.codes[i]) }</th>
                                { for shown.iter().enumerate().map(|(c, &j)| {
                                    let count = grid.get(i, j);
                                    let l = level(count, max);
                                    let class = classes!("cell", format!("heat-{l}"), light_text(l).then_some("heat-light"));
                                    if count == 0 {
                                        html! { <td {class}></td> }
                                    } else {
                                        let (a, b) = (grid.codes[i], grid.codes[j]);
                                        let selected = props.selected == ordered_pair(a, b);
                                        html! {
                                            <td {class}>
                                                <button type="button" id={cell_id(r, c)} class={classes!("cell-button", selected.then_some("cell-selected"))}
                                                    aria-label={format!("{} and {}: {}. Show the evidence", a.label(), b.label(), plural(count as usize, "co-mention", "co-mentions"))}
                                                    aria-pressed={if selected { "true" } else { "false" }}
                                                    tabindex={if tab_stop == Some((r, c)) { "0" } else { "-1" }}
                                                    data-pair={format!("{a}-{b}")}>
                                                    { count }
                                                </button>
                                            </td>
                                        }
                                    }
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        }
    }
}

/// The matrix view.
#[function_component]
pub fn MatrixView(props: &MatrixViewProps) -> Html {
    let explorer = use_explorer();
    let settings = &props.settings;
    let data: Rc<MatrixData> = {
        let explorer = explorer.clone();
        let key: MatrixKey = (
            props.results.clone(),
            settings.window,
            settings.topic,
            settings.stance,
            settings.organizations,
        );
        let data = use_memo(key, move |key| {
            let (results, window, topic, stance, organizations) = key.clone();
            let mut cache = explorer.matrix_cache.borrow_mut();
            cached(&mut cache.data, key, || {
                perf::measure("entente:matrix", || {
                    matrix::compute(
                        &explorer.pair_index(organizations),
                        &results.docs,
                        window,
                        topic,
                        stance,
                        organizations,
                    )
                })
            })
        });
        (*data).clone()
    };
    let shown: Rc<Vec<usize>> = {
        let explorer = explorer.clone();
        let shown = use_memo(
            (Shared(data.clone()), settings.top_n, settings.order),
            move |key| {
                let (data, n, order) = key;
                let mut cache = explorer.matrix_cache.borrow_mut();
                cached(&mut cache.shown, key, || {
                    perf::measure("entente:matrix-order", || data.grid.select(*n, *order))
                })
            },
        );
        (*shown).clone()
    };
    let grid = &data.grid;
    let max = shown_max(&data, &shown);

    let export = |svg: bool| {
        let data = data.clone();
        let shown = shown.clone();
        let window = settings.window;
        Callback::from(move |_: MouseEvent| {
            if svg {
                let title = format!(
                    "Countries named together in {} (entente)",
                    window_label(window)
                );
                download::save(
                    "entente-matrix.svg",
                    "image/svg+xml",
                    &matrix::svg(&data.grid, &shown, &title),
                );
            } else {
                download::save(
                    "entente-matrix.csv",
                    "text/csv",
                    &entente_core::export::matrix_csv(
                        &data.matrix,
                        &matrix::shown_entities(&data.grid, &shown),
                    ),
                );
            }
        })
    };

    let total_with_pairs = grid.totals.iter().filter(|t| **t > 0).count();
    let caption = {
        let mut c = format!(
            "{} named together in {}, over {}",
            if settings.organizations {
                "Countries and organizations"
            } else {
                "Countries"
            },
            window_label(settings.window),
            plural(
                props.results.docs.len(),
                "result document",
                "result documents"
            )
        );
        if let Some(t) = settings.topic {
            c.push_str(&format!(", topic {}", t.label()));
        }
        if let Some(s) = settings.stance {
            c.push_str(&format!(", {} stance", s.id()));
        }
        c
    };

    let set = |kind: &'static str| {
        props
            .on_action
            .reform(move |value: String| setting_action(kind, &value))
    };
    let opt = |value: &str, label: &str| {
        (
            AttrValue::from(value.to_string()),
            AttrValue::from(label.to_string()),
        )
    };
    let mut top_options: Vec<(AttrValue, AttrValue)> = [10u16, 20, 30, 50]
        .into_iter()
        .chain(settings.top_n.filter(|n| ![10, 20, 30, 50].contains(n)))
        .map(|k| opt(&k.to_string(), &format!("top {k}")))
        .collect();
    top_options.push(opt("all", "all"));
    let mut topic_options = vec![opt("", "all topics")];
    topic_options.extend(Topic::ALL.iter().map(|t| opt(t.id(), t.label())));
    let mut stance_options = vec![opt("", "all stances")];
    stance_options.extend(Stance::ALL.iter().map(|s| opt(s.id(), s.id())));
    let controls = html! {
        <div class="matrix-controls" role="group" aria-label="Matrix settings">
            <Choice label="Window" testid="matrix-window" on_change={set("window")}
                options={vec![opt("sentence", "sentence"), opt("paragraph", "paragraph"), opt("document", "document")]}
                selected={settings.window.id()} />
            <Choice label="Topic" testid="matrix-topic" on_change={set("topic")} options={topic_options}
                selected={settings.topic.map_or("", |t| t.id())} />
            <Choice label="Stance" testid="matrix-stance" on_change={set("stance")} options={stance_options}
                selected={settings.stance.map_or("", |s| s.id())} />
            <Choice label="Order" testid="matrix-order" on_change={set("order")}
                options={MatrixOrder::ALL.iter().map(|o| opt(o.id(), o.label())).collect::<Vec<_>>()}
                selected={settings.order.id()} />
            <Choice label="Show" testid="matrix-top" on_change={set("top")} options={top_options}
                selected={settings.top_n.map_or_else(|| AttrValue::from("all"), |n| AttrValue::from(n.to_string()))} />
            <label class="matrix-orgs-toggle">
                <input type="checkbox" data-testid="matrix-orgs" checked={settings.organizations}
                    onchange={props.on_action.reform(|e: Event| Action::SetMatrixOrganizations(
                        e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))} />
                { " Organizations" }
            </label>
            if settings.top_n.is_some_and(|k| usize::from(k) < total_with_pairs) {
                <button type="button" class="button-quiet" data-testid="matrix-show-all"
                    onclick={props.on_action.reform(|_: MouseEvent| Action::SetTopN(None))}>
                    { format!("Show all {total_with_pairs}") }
                </button>
            }
        </div>
    };

    let legend_html = if max > 0 {
        html! {
            <div class="matrix-legend" aria-label="Colour scale">
                <span class="legend-title">{ "Co-mentions:" }</span>
                <ul class="legend-steps">
                    { for legend(max).into_iter().map(|(l, lo, hi)| html! {
                        <li>
                            <span class={classes!("swatch", format!("heat-{l}"))} aria-hidden="true"></span>
                            { if lo == hi { lo.to_string() } else { format!("{lo}–{hi}") } }
                        </li>
                    }) }
                </ul>
            </div>
        }
    } else {
        Html::default()
    };

    html! {
        <section class="view view-matrix" aria-labelledby="matrix-heading">
            <div class="view-bar">
                <h2 id="matrix-heading" class="view-title">{ "Relation matrix" }</h2>
                <div class="exports" role="group" aria-label="Export the matrix">
                    <button type="button" class="button-quiet" onclick={export(false)} data-testid="export-matrix-csv">{ "CSV" }</button>
                    <button type="button" class="button-quiet" onclick={export(true)} data-testid="export-matrix-svg">{ "SVG" }</button>
                </div>
            </div>
            { controls }
            <p class="help" id="matrix-help">
                { "Each cell counts how often two countries are named together. Arrow keys move between cells; Enter shows the sentences." }
            </p>
            { legend_html }
            <MatrixTable data={Shared(data.clone())} shown={Shared(shown.clone())} caption={AttrValue::from(caption)}
                selected={settings.cell} on_action={props.on_action.clone()} />
            if let Some((a, b)) = settings.cell {
                <Evidence {a} {b} data={Shared(data.clone())} on_action={props.on_action.clone()} />
            }
        </section>
    }
}
