//! The reader: one document's cleaned text in paragraphs, with countries, organizations and
//! figures highlighted (distinct colours plus distinct underlines, explained by a legend), its
//! metadata, and the removed boilerplate in a collapsed section. A country or organization in the
//! text is a button that adds it as a filter. An `at` offset marks its figure or sentence and
//! scrolls to it. It sits beside the views on wide screens and over them on phones.

use crate::display::{date_label, figure_value};
use crate::hooks::use_explorer::use_explorer;
use crate::marks::{self, MarkKind, Piece};
use crate::services::dom;
use entente_core::explore::state::Action;
use entente_core::gazetteer::country_label;
use entente_core::model::{CountryCode, Document, Field, Origin};
use yew::prelude::*;

/// The id of the element marked by `at`.
pub const TARGET_ID: &str = "reader-target";
/// The id of the reader's heading (focused when the reader opens).
pub const TITLE_ID: &str = "reader-title";

/// Props of [`Reader`].
#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    /// The document's index.
    pub index: u32,
    /// A byte offset to mark and scroll to.
    pub at: Option<u32>,
    /// The countries already chosen as filters.
    pub chosen_countries: Vec<CountryCode>,
    /// The organizations already chosen as filters.
    pub chosen_organizations: Vec<String>,
    /// Dispatches actions.
    pub on_action: Callback<Action>,
}

fn origin_note(f: &Field) -> Option<&'static str> {
    match f.origin {
        Origin::FrontMatter => None,
        Origin::Detected => Some("detected"),
        Origin::Derived => Some("derived"),
    }
}

fn meta_row(label: &'static str, value: Html, note: Option<&'static str>) -> Html {
    html! {
        <>
            <dt>{ label }</dt>
            <dd>{ value }if let Some(n) = note { <span class="origin-note">{ format!(" ({n})") }</span> }</dd>
        </>
    }
}

fn metadata(doc: &Document) -> Html {
    let text_field = |label: &'static str, f: &Option<Field>| -> Html {
        match f {
            Some(f) => meta_row(label, Html::from(f.value.clone()), origin_note(f)),
            None => Html::default(),
        }
    };
    let url = doc.url.as_ref().map(|u| {
        // The build-time parser keeps any front-matter URL (a `javascript:` one too): only web
        // addresses become links, anything else stays visible text.
        let value = match entente_core::text::web_link(&u.value) {
            Some(link) => {
                html! { <a href={link.to_string()} rel="noopener noreferrer nofollow" target="_blank" data-testid="source-link">{ u.value.clone() }</a> }
            }
            None => html! { <span data-testid="source-url-text">{ u.value.clone() }</span> },
        };
        meta_row("Original", value, None)
    });
    let date = doc.date.map(|d| {
        let note = match d.origin {
            Origin::FrontMatter => None,
            Origin::Detected => Some("detected"),
            Origin::Derived => Some("derived"),
        };
        meta_row("Date", Html::from(date_label(&d.value)), note)
    });
    let file = match doc.section {
        Some(s) => format!("{} (section {s})", doc.source_file),
        None => doc.source_file.clone(),
    };
    html! {
        <dl class="reader-meta">
            { date.unwrap_or_default() }
            { text_field("Source", &doc.source) }
            { text_field("Author", &doc.author) }
            { text_field("Section", &doc.category) }
            { text_field("Place", &doc.place) }
            { url.unwrap_or_default() }
            { meta_row("File", Html::from(file), None) }
        </dl>
    }
}

/// The reader panel.
#[function_component]
pub fn Reader(props: &ReaderProps) -> Html {
    let explorer = use_explorer();
    let index = props.index;
    let at = props.at;
    let marks = {
        let explorer = explorer.clone();
        use_memo(index, move |&i| {
            let i = i as usize;
            if i >= explorer.len() {
                return Vec::new();
            }
            marks::document_marks(&explorer.corpus.documents[i], &explorer.analyses[i])
        })
    };
    let paragraphs = {
        let explorer = explorer.clone();
        let marks = marks.clone();
        use_memo((index, at), move |&(i, at)| {
            let iu = i as usize;
            if iu >= explorer.len() {
                return Vec::new();
            }
            let doc = &explorer.corpus.documents[iu];
            let target = at.and_then(|a| marks::target_range(doc, &explorer.analyses[iu], a));
            marks::paragraphs(doc, &marks, target)
        })
    };
    {
        // Opening a document focuses its title (keyboard and screen-reader users land in it) and
        // gives focus back to where it was when the reader closes or shows another document.
        use_effect_with(index, move |_| {
            let previous = dom::active_element();
            dom::focus(TITLE_ID);
            move || {
                if let Some(p) = previous {
                    dom::restore_focus(&p);
                }
            }
        });
    }
    {
        use_effect_with((index, at), move |(_, at)| {
            if at.is_some() {
                dom::scroll_within("reader", TARGET_ID);
            } else {
                dom::scroll_to_top("reader");
            }
        });
    }
    if index as usize >= explorer.len() {
        return Html::default();
    }
    let doc = explorer.document(index);
    let analysis = &explorer.analyses[index as usize];
    let (title, derived) = doc.display_title();
    let close = props
        .on_action
        .reform(|_: MouseEvent| Action::OpenDocument(None, None));

    let piece_html = |p: &Piece| -> Html {
        let text = doc.text[p.start..p.end].to_string();
        match p.mark {
            None => Html::from(text),
            Some(MarkKind::Country(code)) => {
                let name = country_label(code);
                let chosen = props.chosen_countries.contains(&code);
                let label = if chosen {
                    format!("{name}: already a filter")
                } else {
                    format!("{name}: add as a filter")
                };
                let onclick = {
                    let on_action = props.on_action.clone();
                    Callback::from(move |_: MouseEvent| {
                        if !chosen {
                            on_action.emit(Action::ToggleCountry(code));
                        }
                    })
                };
                html! {
                    <button type="button" class="mark mark-country" title={label} {onclick}
                        data-code={code.to_string()}>{ text }</button>
                }
            }
            Some(MarkKind::OtherMention(code)) => html! {
                <span class="mark mark-other" title={format!("{}: not counted as a state here", country_label(code))}>{ text }</span>
            },
            Some(MarkKind::Organization(id)) => {
                let chosen = props.chosen_organizations.iter().any(|o| o == id);
                let name = entente_core::organizations::org_label(id).to_string();
                let onclick = {
                    let on_action = props.on_action.clone();
                    Callback::from(move |_: MouseEvent| {
                        if !chosen {
                            on_action.emit(Action::ToggleOrganization(id.to_string()));
                        }
                    })
                };
                html! {
                    <button type="button" class="mark mark-org" {onclick}
                        title={if chosen { format!("{name}: already a filter") } else { format!("{name}: add as a filter") }}>
                        { text }
                    </button>
                }
            }
            Some(MarkKind::Figure(i)) => {
                let title = analysis
                    .figures
                    .get(i as usize)
                    .map(|f| format!("{} · {}", figure_value(f), f.kind.label().to_lowercase()))
                    .unwrap_or_default();
                html! { <mark class="mark mark-figure" {title}>{ text }</mark> }
            }
        }
    };
    // Consecutive target pieces are wrapped together, once per document.
    let mut target_done = false;
    let body: Html = paragraphs
        .iter()
        .map(|pieces| {
            let mut nodes: Vec<Html> = Vec::new();
            let mut k = 0;
            while k < pieces.len() {
                if pieces[k].target {
                    let start = k;
                    while k < pieces.len() && pieces[k].target {
                        k += 1;
                    }
                    let inner: Html = pieces[start..k].iter().map(&piece_html).collect();
                    let id = (!target_done).then_some(TARGET_ID);
                    target_done = true;
                    nodes.push(html! { <span class="target" {id} data-testid="reader-target">{ inner }</span> });
                } else {
                    nodes.push(piece_html(&pieces[k]));
                    k += 1;
                }
            }
            html! { <p>{ for nodes }</p> }
        })
        .collect();

    html! {
        <section id="reader" class="reader" aria-labelledby={TITLE_ID} data-testid="reader" data-id={doc.id.clone()}>
            <div class="reader-bar">
                <button type="button" class="button" onclick={close} data-testid="close-reader"
                    aria-label="Close the reader (Escape)">{ "Close" }</button>
            </div>
            <h2 id={TITLE_ID} class="reader-title" tabindex="-1">
                { title }
                if derived {
                    <span class="badge badge-derived" title="No headline was found: this title is taken from the lead sentence">
                        { "derived title" }
                    </span>
                }
            </h2>
            { metadata(doc) }
            <ul class="legend" aria-label="Highlights">
                <li><span class="mark mark-country">{ "Country" }</span></li>
                <li><span class="mark mark-org">{ "Organization" }</span></li>
                <li><span class="mark mark-figure">{ "Figure" }</span></li>
                <li><span class="mark mark-other">{ "Country not counted (name, venue, history)" }</span></li>
            </ul>
            <p class="help">{ "Select a highlighted country or organization to add it as a filter." }</p>
            <div class="reader-text" data-testid="reader-text">{ body }</div>
            if !doc.removed.is_empty() {
                <details class="removed" data-testid="removed">
                    <summary>{ format!("Removed by the parser ({})", doc.removed.len()) }</summary>
                    <ul>
                        { for doc.removed.iter().map(|r| html! {
                            <li><span class="removed-reason">{ r.reason.clone() }</span>{ ": " }<span class="removed-text">{ r.text.clone() }</span></li>
                        }) }
                    </ul>
                </details>
            }
            if !doc.warnings.is_empty() {
                <details class="removed">
                    <summary>{ format!("Parser notes ({})", doc.warnings.len()) }</summary>
                    <ul>{ for doc.warnings.iter().map(|w| html! { <li>{ w.clone() }</li> }) }</ul>
                </details>
            }
        </section>
    }
}
