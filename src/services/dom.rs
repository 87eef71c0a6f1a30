//! Small DOM chores the components ask for by element id: moving focus, selecting a field's
//! text, scrolling an element into view, and remembering where focus was.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

fn element(id: &str) -> Option<Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// Focuses the element with this id, if any. Returns whether it exists.
pub fn focus(id: &str) -> bool {
    match element(id).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        Some(e) => {
            let _ = e.focus();
            true
        }
        None => false,
    }
}

/// Focuses and selects the text of the input with this id.
pub fn select(id: &str) {
    if let Some(input) = element(id).and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
        let _ = input.focus();
        input.select();
    }
}

/// Scrolls the element with this id into the middle of its scrolling box.
pub fn scroll_into_view(id: &str) {
    if let Some(e) = element(id) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        e.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Scrolls the container with id `container` (and only it, not the page) so that the element
/// with id `target` sits a third of the way down. Falls back to [`scroll_into_view`] when the
/// container does not scroll (a printed page, a tall window).
pub fn scroll_within(container: &str, target: &str) {
    let (Some(c), Some(t)) = (element(container), element(target)) else {
        return;
    };
    if c.scroll_height() <= c.client_height() {
        scroll_into_view(target);
        return;
    }
    let offset = t.get_bounding_client_rect().top() - c.get_bounding_client_rect().top();
    let top = f64::from(c.scroll_top()) + offset - f64::from(c.client_height()) / 3.0;
    c.set_scroll_top(top.max(0.0) as i32);
}

/// Scrolls the element with this id to its top.
pub fn scroll_to_top(id: &str) {
    if let Some(e) = element(id) {
        e.set_scroll_top(0);
    }
}

/// The element that has focus now, to give it back later.
pub fn active_element() -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<HtmlElement>()
        .ok()
}

/// Gives focus back to an element saved with [`active_element`], if it is still in the page.
pub fn restore_focus(e: &HtmlElement) -> bool {
    if e.is_connected() {
        let _ = e.focus();
        true
    } else {
        false
    }
}

/// Moves focus to the next (or previous) button, link or field inside the element with id
/// `container`, wrapping around: arrow-key navigation in a menu.
pub fn focus_step_within(container: &str, forward: bool) {
    let Some(c) = element(container) else {
        return;
    };
    let Ok(list) = c.query_selector_all("button:not([disabled]), input, a[href]") else {
        return;
    };
    let items: Vec<HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .collect();
    if items.is_empty() {
        return;
    }
    let current = active_element();
    let at = items
        .iter()
        .position(|e| current.as_ref().is_some_and(|a| a == e));
    let next = match (at, forward) {
        (Some(i), true) => (i + 1) % items.len(),
        (Some(i), false) => (i + items.len() - 1) % items.len(),
        (None, true) => 0,
        (None, false) => items.len() - 1,
    };
    let _ = items[next].focus();
}

/// The value of the input with this id.
pub fn input_value(id: &str) -> Option<String> {
    element(id)?
        .dyn_into::<HtmlInputElement>()
        .ok()
        .map(|i| i.value())
}
