//! [`Shared`]: an `Rc` that compares by identity, for component props that carry large computed
//! values (the results, the matrix). Comparing two result sets element by element on every
//! render would cost more than re-rendering; a new computation is always a new `Rc`. As a memo
//! key it also keeps its value alive, so a new value can never reuse the address of the old.

use std::ops::Deref;
use std::rc::Rc;

/// A shared value compared by pointer.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Self {
        Shared(rc)
    }
}
