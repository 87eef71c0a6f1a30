//! Files from the user: those of a file input (loose files, or a picked folder's files with
//! their relative paths), and those dropped anywhere on the page, folders walked through the
//! browser's entries API. Only `File` handles are gathered here; reading them is
//! `services::worker`'s business.

use crate::services::worker::PickedFile;
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

/// The path the browser gives a file: `folder/sub/name` for a picked folder's files, else the
/// name.
fn path_of(file: &web_sys::File) -> String {
    js_sys::Reflect::get(file, &"webkitRelativePath".into())
        .ok()
        .and_then(|v| v.as_string())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| file.name())
}

/// The files of a file input.
pub fn from_input(input: &web_sys::HtmlInputElement) -> Vec<PickedFile> {
    let Some(list) = input.files() else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|file| PickedFile {
            path: path_of(&file),
            file,
        })
        .collect()
}

/// Listens for files dragged over and dropped on the page: `on_over` says whether files are
/// being dragged over it (to show the drop hint), `on_drop` gets the dropped files, folders
/// walked. Dropping the listeners stops listening.
pub fn listen_for_drops(
    on_over: Callback<bool>,
    on_drop: Callback<Vec<PickedFile>>,
) -> Vec<EventListener> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    // preventDefault is what makes the page a drop target (and stops the browser from opening
    // a dropped file in place of the app), so the listeners must not be passive.
    let active = EventListenerOptions::enable_prevent_default();
    let carries_files = |event: &web_sys::Event| {
        event
            .dyn_ref::<web_sys::DragEvent>()
            .and_then(|e| e.data_transfer())
            .is_some_and(|t| {
                t.types()
                    .iter()
                    .any(|k| k.as_string().as_deref() == Some("Files"))
            })
    };
    let over = {
        let on_over = on_over.clone();
        EventListener::new_with_options(&window, "dragover", active, move |event| {
            if carries_files(event) {
                event.prevent_default();
                on_over.emit(true);
            }
        })
    };
    let leave = {
        let on_over = on_over.clone();
        EventListener::new(&window, "dragleave", move |event| {
            // Leaving the window, not moving between elements: no related target.
            let left = event
                .dyn_ref::<web_sys::DragEvent>()
                .is_some_and(|e| e.related_target().is_none());
            if left {
                on_over.emit(false);
            }
        })
    };
    let drop = EventListener::new_with_options(&window, "drop", active, move |event| {
        if !carries_files(event) {
            return;
        }
        event.prevent_default();
        on_over.emit(false);
        let Some(transfer) = event
            .dyn_ref::<web_sys::DragEvent>()
            .and_then(|e| e.data_transfer())
        else {
            return;
        };
        collect_dropped(&transfer, on_drop.clone());
    });
    vec![over, leave, drop]
}

/// Gathers the dropped files, walking dropped folders; calls `done` once with all of them.
fn collect_dropped(transfer: &web_sys::DataTransfer, done: Callback<Vec<PickedFile>>) {
    let items = transfer.items();
    let entries: Vec<JsValue> = (0..items.length())
        .filter_map(|i| items.get(i))
        .filter_map(|item| {
            let get_entry = js_sys::Reflect::get(&item, &"webkitGetAsEntry".into()).ok()?;
            let f = get_entry.dyn_into::<js_sys::Function>().ok()?;
            f.call0(&item).ok().filter(|e| !e.is_null())
        })
        .collect();
    if entries.is_empty() {
        // No entries API: the plain file list (folders cannot be read this way).
        let files = transfer.files().map_or_else(Vec::new, |list| {
            (0..list.length())
                .filter_map(|i| list.get(i))
                .map(|file| PickedFile {
                    path: file.name(),
                    file,
                })
                .collect()
        });
        done.emit(files);
        return;
    }
    let walk = Rc::new(Walk {
        files: RefCell::new(Vec::new()),
        pending: RefCell::new(0),
        done,
    });
    for entry in entries {
        walk.visit(entry);
    }
}

/// A walk over dropped entries: the entries API is callback-based, so the walk counts the
/// callbacks it still waits for and reports when none is left.
struct Walk {
    files: RefCell<Vec<PickedFile>>,
    pending: RefCell<usize>,
    done: Callback<Vec<PickedFile>>,
}

impl Walk {
    fn visit(self: &Rc<Self>, entry: JsValue) {
        let is = |flag: &str| {
            js_sys::Reflect::get(&entry, &flag.into())
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false)
        };
        // The full path starts with "/": drop it, as a picked folder's paths do not have it.
        let path = js_sys::Reflect::get(&entry, &"fullPath".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
            .trim_start_matches('/')
            .to_string();
        if is("isFile") {
            self.wait();
            let walk = self.clone();
            let on_file = Closure::once_into_js(move |file: web_sys::File| {
                walk.files.borrow_mut().push(PickedFile { path, file });
                walk.finish_one();
            });
            let walk = self.clone();
            let on_error = Closure::once_into_js(move |_: JsValue| walk.finish_one());
            call(&entry, "file", &[on_file, on_error]);
        } else if is("isDirectory") {
            if let Some(reader) = call(&entry, "createReader", &[]) {
                self.read_all(reader);
            }
        }
    }

    /// A directory reader gives its entries in chunks: read until it gives none.
    fn read_all(self: &Rc<Self>, reader: JsValue) {
        self.wait();
        let walk = self.clone();
        let again = reader.clone();
        let on_entries = Closure::once_into_js(move |entries: js_sys::Array| {
            if entries.length() > 0 {
                for entry in entries.iter() {
                    walk.visit(entry);
                }
                walk.read_all(again);
            }
            walk.finish_one();
        });
        let walk = self.clone();
        let on_error = Closure::once_into_js(move |_: JsValue| walk.finish_one());
        call(&reader, "readEntries", &[on_entries, on_error]);
    }

    fn wait(&self) {
        *self.pending.borrow_mut() += 1;
    }

    fn finish_one(&self) {
        let left = {
            let mut pending = self.pending.borrow_mut();
            *pending -= 1;
            *pending
        };
        if left == 0 {
            self.done
                .emit(std::mem::take(&mut *self.files.borrow_mut()));
        }
    }
}

/// Calls method `name` of `target` with `args`.
fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Option<JsValue> {
    let f = js_sys::Reflect::get(target, &name.into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(target, &args).ok()
}
