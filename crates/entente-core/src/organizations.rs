//! International organizations (EU, NATO, UN, OSCE, …) and their aliases, matched in one pass.
//!
//! STUB: finds nothing yet.

use crate::model::{Document, OrgMention};

/// Finds the organizations a document names.
pub fn scan(doc: &Document) -> Vec<OrgMention> {
    let _ = doc;
    Vec::new()
}

/// The display name of an organization id, or the id itself when unknown.
pub fn org_name(id: &str) -> &str {
    id
}
