//! The components, one a file. Components read app-wide values through hooks and never touch the
//! page's globals themselves (that is `services/`).

pub mod document_item;
pub mod document_list;
pub mod header;
pub mod load_error;
