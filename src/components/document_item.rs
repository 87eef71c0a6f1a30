//! One result in the documents view: its title (a derived title is marked as such) as the button
//! that opens the reader, date, source, country chips and a snippet with the search words
//! highlighted.

use crate::components::highlighted::highlighted;
use crate::display::date_label;
use crate::hooks::use_explorer::use_explorer;
use entente_core::explore::state::Action;
use entente_core::gazetteer::country_label;
use entente_core::model::{CountryCode, MentionRole};
use yew::prelude::*;

/// The most country chips shown on one result.
const MAX_CHIPS: usize = 6;
/// The snippet length, in bytes.
const SNIPPET_LEN: usize = 260;

/// Props of [`DocumentItem`].
#[derive(Properties, PartialEq)]
pub struct DocumentItemProps {
    /// Index of the document in the corpus.
    pub index: u32,
    /// The search text (for the snippet).
    pub query: AttrValue,
    /// Whether the document is open in the reader.
    pub selected: bool,
    /// Dispatches actions.
    pub on_action: Callback<Action>,
}

/// The document's countries referred to as states, most mentioned first.
fn top_countries(mentions: &[entente_core::model::Mention]) -> Vec<(CountryCode, usize)> {
    let mut counts: Vec<(CountryCode, usize)> = Vec::new();
    for m in mentions.iter().filter(|m| m.role == MentionRole::State) {
        match counts.iter_mut().find(|(c, _)| *c == m.code) {
            Some(e) => e.1 += 1,
            None => counts.push((m.code, 1)),
        }
    }
    entente_core::sort::sort_by_numeric_key(&mut counts, |c| {
        (
            entente_core::sort::desc(c.1 as u64),
            u64::from(u16::from_be_bytes(c.0 .0)),
        )
    });
    counts
}

/// Without a search, the snippet is the first sentence that does not repeat the title (a
/// headline is often also the text's first line, and a derived title is the lead sentence).
fn lead_snippet(doc: &entente_core::model::Document, title: &str) -> Option<String> {
    let head = title.trim_end_matches('…').trim();
    doc.sentences
        .iter()
        .take(6)
        .map(|s| doc.text[s.range()].trim())
        .find(|t| !t.is_empty() && !t.starts_with(head) && !title.contains(*t))
        .map(|t| crate::display::truncate(t, SNIPPET_LEN))
}

/// One row of the result list.
#[function_component]
pub fn DocumentItem(props: &DocumentItemProps) -> Html {
    let explorer = use_explorer();
    if props.index as usize >= explorer.len() {
        return Html::default();
    }
    let doc = explorer.document(props.index);
    let analysis = &explorer.analyses[props.index as usize];
    let (title, derived) = doc.display_title();
    let date = doc
        .date
        .map_or_else(|| "undated".to_string(), |d| date_label(&d.value));
    let source = doc.source.as_ref().map(|s| s.value.clone());
    let lead = if props.query.trim().is_empty() {
        lead_snippet(doc, &title)
    } else {
        None
    };
    let snippet = match lead {
        Some(text) => entente_core::explore::Snippet {
            text,
            highlights: Vec::new(),
        },
        None => explorer.snippet(props.index, &props.query, SNIPPET_LEN),
    };
    let countries = top_countries(&analysis.countries);
    let more = countries.len().saturating_sub(MAX_CHIPS);
    let open = {
        let id = doc.id.clone();
        props
            .on_action
            .reform(move |_: MouseEvent| Action::OpenDocument(Some(id.clone()), None))
    };
    html! {
        <li class={classes!("document", props.selected.then_some("document-selected"))}
            data-testid="document" data-id={doc.id.clone()}>
            <h3 class="document-title">
                <button type="button" class="link-button" onclick={open}
                    aria-current={props.selected.then_some("true")}>
                    { title }
                </button>
                if derived {
                    <span class="badge badge-derived" title="No headline was found: this title is taken from the lead sentence">
                        { "derived title" }
                    </span>
                }
            </h3>
            <p class="document-meta">
                <span class="document-date">{ date }</span>
                if let Some(source) = source {
                    { " · " }<span class="document-source">{ source }</span>
                }
                if let Some(section) = doc.section {
                    { " · " }<span class="document-file">{ format!("{} §{section}", doc.source_file) }</span>
                } else {
                    { " · " }<span class="document-file">{ doc.source_file.clone() }</span>
                }
            </p>
            if !countries.is_empty() {
                <ul class="chips" aria-label="Countries">
                    { for countries.iter().take(MAX_CHIPS).map(|(c, n)| html! {
                        <li class="chip chip-country" title={format!("{n} mention{}", if *n == 1 { "" } else { "s" })}>
                            { country_label(*c) }
                        </li>
                    }) }
                    if more > 0 {
                        <li class="chip chip-more">{ format!("+{more}") }</li>
                    }
                </ul>
            }
            <p class="snippet">{ highlighted(&snippet.text, &snippet.highlights) }</p>
        </li>
    }
}
