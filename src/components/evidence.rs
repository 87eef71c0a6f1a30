//! A matrix cell's evidence: the sentences (or, for wider windows, the places) where the two
//! countries (or a country and an organization, or two organizations) are named together, both
//! highlighted, each opening the reader at that sentence.

use crate::display::{date_label, plural};
use crate::hooks::use_explorer::use_explorer;
use crate::marks::{self, Mark, MarkKind};
use crate::matrix::MatrixData;
use crate::services::{dom, perf};
use crate::shared::Shared;
use entente_core::explore::state::{Action, Entity};
use entente_core::model::Topic;
use entente_core::relations::matrix::OrgId;
use yew::prelude::*;

/// Sentences shown at first and added by each "show more".
const PAGE: usize = 50;

/// Props of [`Evidence`].
#[derive(Properties, PartialEq)]
pub struct EvidenceProps {
    /// The first country (or organization).
    pub a: Entity,
    /// The second country or organization.
    pub b: Entity,
    /// The current matrix (the pair's cell may be missing from it).
    pub data: Shared<MatrixData>,
    /// Dispatches actions.
    pub on_action: Callback<Action>,
}

/// The evidence panel.
#[function_component]
pub fn Evidence(props: &EvidenceProps) -> Html {
    let explorer = use_explorer();
    let shown = use_state(|| PAGE);
    let (a, b) = (props.a, props.b);
    {
        // Focus moves into the panel, and back to the cell when the panel closes.
        use_effect_with((a, b), |_| {
            let previous = dom::active_element();
            dom::focus("evidence-heading");
            move || {
                if let Some(p) = previous {
                    dom::restore_focus(&p);
                }
            }
        });
    }
    // The engine gives a matrix without evidence; the open cell's is read from the pair index,
    // once per cell and matrix.
    let evidence = {
        let explorer = explorer.clone();
        use_memo((a, b, props.data.clone()), move |(a, b, data)| {
            perf::measure("entente:evidence", || {
                data.evidence(&explorer.pair_index(data.organizations()), *a, *b)
            })
        })
    };
    let close = props
        .on_action
        .reform(|_: MouseEvent| Action::SelectCell(None));
    // The pair filter is for two countries; a cell with an organization has none.
    let filter = match (a, b) {
        (Entity::Country(x), Entity::Country(y)) => Some(
            props
                .on_action
                .reform(move |_: MouseEvent| Action::SetPair(Some((x, y)))),
        ),
        _ => None,
    };
    let title = format!("{} and {}", a.label(), b.label());
    let body = match props.data.cell(a, b) {
        None => html! {
            <p class="empty">{ "These two are not named together in the current documents and settings." }</p>
        },
        Some(detail) => {
            let topics: Vec<String> = Topic::ALL
                .iter()
                .zip(detail.topics)
                .filter(|(_, n)| *n > 0)
                .map(|(t, n)| format!("{} {n}", t.label()))
                .collect();
            let stance = crate::matrix::stance_balance(detail.a, detail.b, detail.stances);
            let limit = (*shown).min(evidence.len());
            let more = {
                let shown = shown.clone();
                Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
            };
            html! {
                <>
                    <p class="evidence-summary">
                        { plural(detail.count as usize, "co-mention", "co-mentions") }
                        if !topics.is_empty() { { format!(" · topics: {}", topics.join(", ")) } }
                        if let Some(stance) = stance { { format!(" · stance: {stance}") } }
                    </p>
                    <ol class="evidence-list" data-testid="evidence-list">
                        { for evidence[..limit].iter().enumerate().map(|(k, e)| {
                            let (d, s) = (e.doc, e.sentence);
                            if d as usize >= explorer.len() {
                                return Html::default();
                            }
                            let doc = explorer.document(d);
                            let analysis = &explorer.analyses[d as usize];
                            let Some(sentence) = doc.sentences.get(s as usize) else {
                                return Html::default();
                            };
                            let is_one = |e: Entity| e == a || e == b;
                            let sentence_marks: Vec<Mark> = analysis
                                .countries
                                .iter()
                                .filter(|m| m.sentence == s && is_one(Entity::Country(m.code)))
                                .map(|m| Mark { start: m.start as usize, end: m.end as usize, kind: MarkKind::Country(m.code) })
                                .chain(analysis.organizations.iter()
                                    .filter(|m| m.sentence == s && OrgId::new(&m.id).is_some_and(|o| is_one(Entity::Org(o))))
                                    .filter_map(|m| Some(Mark { start: m.start as usize, end: m.end as usize,
                                        kind: MarkKind::Organization(entente_core::organizations::intern(&m.id)?) })))
                                .collect();
                            let sentence_marks = marks::resolve(&doc.text, sentence_marks);
                            let pieces = marks::pieces(&doc.text, sentence.range(), &sentence_marks, None);
                            let (doc_title, _) = doc.display_title();
                            let open = {
                                let id = doc.id.clone();
                                let at = sentence.start;
                                props.on_action.reform(move |_: MouseEvent| Action::OpenDocument(Some(id.clone()), Some(at)))
                            };
                            html! {
                                <li key={format!("{d}-{s}-{k}")} class="evidence" data-testid="evidence">
                                    <blockquote class="evidence-text">
                                        { for pieces.iter().map(|p| {
                                            let text = doc.text[p.start..p.end].to_string();
                                            match p.mark {
                                                Some(MarkKind::Country(_)) => html! { <mark class="mark mark-country">{ text }</mark> },
                                                Some(MarkKind::Organization(_)) => html! { <mark class="mark mark-org">{ text }</mark> },
                                                _ => Html::from(text),
                                            }
                                        }) }
                                    </blockquote>
                                    <p class="evidence-source">
                                        <button type="button" class="link-button" onclick={open} data-testid="evidence-open">
                                            { crate::display::truncate(&doc_title, 80) }
                                        </button>
                                        { doc.date.map(|d| format!(" · {}", date_label(&d.value))).unwrap_or_default() }
                                    </p>
                                </li>
                            }
                        }) }
                    </ol>
                    if limit < evidence.len() {
                        <button type="button" class="button" onclick={more}>
                            { format!("Show more ({limit} of {} shown)", evidence.len()) }
                        </button>
                    }
                </>
            }
        }
    };
    html! {
        <section class="evidence-panel" aria-labelledby="evidence-heading" data-testid="evidence-panel">
            <div class="view-bar">
                <h3 id="evidence-heading" class="view-title" tabindex="-1">{ title }</h3>
                <div class="exports">
                    if let Some(filter) = filter {
                        <button type="button" class="button-quiet" onclick={filter} data-testid="evidence-filter">{ "Filter documents to this pair" }</button>
                    }
                    <button type="button" class="button" onclick={close} data-testid="close-evidence"
                        aria-label="Close the evidence (Escape)">{ "Close" }</button>
                </div>
            </div>
            { body }
        </section>
    }
}
