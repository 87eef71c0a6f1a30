//! The explorer context: the corpus analysed and indexed once ([`Explorer::new`]) and shared by
//! every view as a cheap `Rc` clone.

use entente_core::explore::Explorer;
use std::ops::Deref;
use std::rc::Rc;
use yew::prelude::*;

/// The value of the explorer context.
#[derive(Clone)]
pub struct ExplorerHandle(pub Rc<Explorer>);

/// Handles compare by identity: a new corpus is always a new explorer.
impl PartialEq for ExplorerHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for ExplorerHandle {
    type Target = Explorer;
    fn deref(&self) -> &Explorer {
        &self.0
    }
}

/// The explorer of the active corpus.
///
/// # Panics
/// When called outside the provider, which would be a bug in the component tree.
#[hook]
pub fn use_explorer() -> ExplorerHandle {
    use_context::<ExplorerHandle>().expect("use_explorer is called inside the explorer provider")
}
