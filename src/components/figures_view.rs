//! The figures view: a sortable table of the figures in the result documents (formatted value,
//! kind, qualifier, countries, topics, year, document, context), a chart of money figures by
//! country, and CSV/JSON exports. A figure's value opens the reader at the figure.

use crate::chart::money_by_country;
use crate::components::highlighted::highlighted;
use crate::components::money_chart::MoneyChartView;
use crate::display::{date_label, figure_value};
use crate::hooks::use_explorer::use_explorer;
use crate::services::download;
use crate::shared::Shared;
use entente_core::explore::state::{Action, FigureSort, FigureSortKey};
use entente_core::explore::{FigureRow, Results};
use entente_core::gazetteer::country_label;
use entente_core::model::{FigureKind, MentionRole, Qualifier};
use std::rc::Rc;
use yew::prelude::*;

/// Rows shown at first and added by each "show more".
const PAGE: usize = 100;
/// The context shown around a figure, in bytes.
const CONTEXT: usize = 180;

/// Props of [`FiguresView`].
#[derive(Properties, PartialEq)]
pub struct FiguresViewProps {
    /// The results.
    pub results: Shared<Results>,
    /// Chosen figure kinds (the rows are restricted to them).
    pub kinds: Vec<FigureKind>,
    /// The sort.
    pub sort: FigureSort,
    /// Dispatches actions.
    pub on_action: Callback<Action>,
}

/// Cuts `text` to about `max` bytes around `focus`, on character boundaries, with ellipses;
/// returns the text and the focus range in it.
fn around(text: &str, focus: (usize, usize), max: usize) -> (String, (usize, usize)) {
    let (fs, fe) = (focus.0.min(text.len()), focus.1.min(text.len()));
    if text.len() <= max {
        return (text.to_string(), (fs, fe));
    }
    let mut start = fs.saturating_sub(max / 3);
    let mut end = (start + max).max(fe).min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let shift = out.len();
    out.push_str(&text[start..end]);
    if end < text.len() {
        out.push('…');
    }
    (out, (fs - start + shift, fe - start + shift))
}

/// The figures view.
#[function_component]
pub fn FiguresView(props: &FiguresViewProps) -> Html {
    let explorer = use_explorer();
    let shown = use_state_eq(|| PAGE);
    let rows: Rc<Vec<FigureRow>> = {
        let explorer = explorer.clone();
        use_memo(
            (props.results.clone(), props.kinds.clone(), props.sort),
            move |(results, kinds, sort)| {
                let state = entente_core::explore::state::ViewState {
                    figure_kinds: kinds.clone(),
                    figure_sort: *sort,
                    ..Default::default()
                };
                explorer.figure_rows(results, &state)
            },
        )
    };
    let chart = {
        let explorer = explorer.clone();
        use_memo(Shared(rows.clone()), move |rows| {
            money_by_country(&explorer, rows, 10)
        })
    };
    {
        let shown = shown.clone();
        use_effect_with(Shared(rows.clone()), move |_| shown.set(PAGE));
    }
    let limit = (*shown).min(rows.len());

    let header = |key: FigureSortKey, label: &'static str| -> Html {
        let active = props.sort.key == key;
        let sort = if active {
            if props.sort.descending {
                "descending"
            } else {
                "ascending"
            }
        } else {
            "none"
        };
        let next = FigureSort {
            key,
            descending: if active {
                !props.sort.descending
            } else {
                key == FigureSortKey::Value
            },
        };
        let onclick = props
            .on_action
            .reform(move |_: MouseEvent| Action::SetFigureSort(next));
        html! {
            <th scope="col" aria-sort={sort}>
                <button type="button" class="sort-button" {onclick} data-sort={format!("{key:?}").to_lowercase()}>
                    { label }
                    <span aria-hidden="true" class="sort-mark">
                        { if !active { "" } else if props.sort.descending { " ▼" } else { " ▲" } }
                    </span>
                </button>
            </th>
        }
    };
    let export = |json: bool| {
        let explorer = explorer.clone();
        let results = props.results.clone();
        Callback::from(move |_: MouseEvent| {
            let pairs = explorer.for_export(&results.docs);
            if json {
                download::save(
                    "entente-figures.json",
                    "application/json",
                    &entente_core::export::figures_json(&pairs),
                );
            } else {
                download::save(
                    "entente-figures.csv",
                    "text/csv",
                    &entente_core::export::figures_csv(&pairs),
                );
            }
        })
    };
    let show_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };

    let row_html = |row: &FigureRow| -> Html {
        let doc = explorer.document(row.0);
        let analysis = &explorer.analyses[row.0 as usize];
        let f = explorer.figure(*row);
        let mut countries: Vec<String> = Vec::new();
        for m in analysis
            .countries
            .iter()
            .filter(|m| m.sentence == f.sentence && m.role == MentionRole::State)
        {
            let name = country_label(m.code);
            if !countries.contains(&name) {
                countries.push(name);
            }
        }
        let topics: Vec<&str> = analysis
            .sentence_topics
            .get(f.sentence as usize)
            .map(|t| t.iter().map(|t| t.label()).collect())
            .unwrap_or_default();
        let (context, focus) = match doc.sentences.get(f.sentence as usize) {
            Some(s) if s.start <= f.start && f.end <= s.end => around(
                &doc.text[s.range()],
                ((f.start - s.start) as usize, (f.end - s.start) as usize),
                CONTEXT,
            ),
            _ => (String::new(), (0, 0)),
        };
        let (title, _) = doc.display_title();
        let open = {
            let id = doc.id.clone();
            let at = f.start;
            props
                .on_action
                .reform(move |_: MouseEvent| Action::OpenDocument(Some(id.clone()), Some(at)))
        };
        let value = figure_value(f);
        html! {
            <tr key={format!("{}-{}", row.0, row.1)} data-testid="figure-row">
                <td class="figure-value">
                    <button type="button" class="link-button" onclick={open}
                        aria-label={format!("{value}: open in the reader")}>{ value.clone() }</button>
                </td>
                <td>{ f.kind.label() }</td>
                <td>{ f.qualifier.map_or("", Qualifier::label) }</td>
                <td>{ countries.join(", ") }</td>
                <td>{ topics.join(", ") }</td>
                <td>{ f.year.map(|y| y.to_string()).unwrap_or_default() }</td>
                <td class="figure-doc">
                    <span class="figure-doc-title">{ crate::display::truncate(&title, 60) }</span>
                    <span class="figure-doc-date">{ doc.date.map(|d| date_label(&d.value)).unwrap_or_default() }</span>
                </td>
                <td class="figure-context">{ highlighted(&context, &[focus]) }</td>
            </tr>
        }
    };

    html! {
        <section class="view view-figures" aria-labelledby="figures-heading">
            <div class="view-bar">
                <h2 id="figures-heading" class="view-title">
                    { format!("Figures ({})", crate::display::number(rows.len() as f64)) }
                </h2>
                <div class="exports" role="group" aria-label="Export the figures">
                    <button type="button" class="button-quiet" onclick={export(false)} data-testid="export-figures-csv">{ "CSV" }</button>
                    <button type="button" class="button-quiet" onclick={export(true)} data-testid="export-figures-json">{ "JSON" }</button>
                </div>
            </div>
            <MoneyChartView chart={chart} />
            if rows.is_empty() {
                <p class="empty" data-testid="figures-empty">{ "No figures in these documents." }</p>
            } else {
                <div class="table-scroll">
                    <table class="figures-table" data-testid="figures-table">
                        <caption class="visually-hidden">{ "Figures in the result documents; the column buttons sort the table" }</caption>
                        <thead>
                            <tr>
                                { header(FigureSortKey::Value, "Value") }
                                { header(FigureSortKey::Kind, "Kind") }
                                <th scope="col">{ "Qualifier" }</th>
                                <th scope="col">{ "Countries" }</th>
                                <th scope="col">{ "Topics" }</th>
                                { header(FigureSortKey::Year, "Year") }
                                { header(FigureSortKey::Date, "Document") }
                                <th scope="col">{ "Context" }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for rows[..limit].iter().map(row_html) }
                        </tbody>
                    </table>
                </div>
                if limit < rows.len() {
                    <p class="more">
                        <button type="button" class="button" onclick={show_more}>
                            { format!("Show more ({} of {} shown)", limit, rows.len()) }
                        </button>
                    </p>
                }
            }
        </section>
    }
}
