//! Text with highlighted ranges (search matches in a snippet, a figure in its sentence), rendered
//! as text nodes and `<mark>` elements only: the text is never parsed as HTML.

use yew::prelude::*;

/// Renders `text` with the byte `ranges` (sorted, non-overlapping) wrapped in `<mark>`. Ranges that
/// are out of bounds, overlap, or do not fall on character boundaries are skipped.
pub fn highlighted(text: &str, ranges: &[(usize, usize)]) -> Html {
    let mut nodes: Vec<Html> = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut pos = 0;
    for &(start, end) in ranges {
        if start < pos
            || start >= end
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        if start > pos {
            nodes.push(Html::from(text[pos..start].to_string()));
        }
        nodes.push(html! { <mark>{ text[start..end].to_string() }</mark> });
        pos = end;
    }
    if pos < text.len() {
        nodes.push(Html::from(text[pos..].to_string()));
    }
    nodes.into_iter().collect::<Html>()
}
