//! The view state and the URL, kept in step in one place.
//!
//! The state starts from the page's query string ([`ViewState::from_query`], which never fails and
//! reports what it ignored as notices), changes only through [`Action`]s applied by the core's
//! pure reducer, and is written back to the URL by an effect after each change: pushed or
//! replaced as [`Action::history`] says. Back and Forward (`popstate`) read the URL again.

use crate::services::history;
use entente_core::explore::state::{Action, HistoryMode, ViewState};
use entente_core::explore::url::Notice;
use std::rc::Rc;
use yew::prelude::*;

/// The view state with what the URL effect needs.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewModel {
    /// The current state.
    pub state: Rc<ViewState>,
    /// Grows by one with every new state (for the benchmark marks and effects).
    pub seq: u64,
    /// How the URL must be written for this state; `None` when the state came from the URL.
    pub write: Option<HistoryMode>,
    /// What the URL parser ignored or adjusted, for a dismissible notice.
    pub notices: Rc<Vec<Notice>>,
}

impl ViewModel {
    /// The model for a query string.
    pub fn from_query(search: &str) -> ViewModel {
        let (state, notices) = ViewState::from_query(search);
        ViewModel {
            state: Rc::new(state),
            seq: 0,
            write: None,
            notices: Rc::new(notices),
        }
    }
}

/// A change to the view model.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewMsg {
    /// A user action.
    Act(Action),
    /// The URL changed under us (Back/Forward): its query string.
    Url(String),
    /// Hides the URL notices.
    DismissNotices,
}

impl Reducible for ViewModel {
    type Action = ViewMsg;

    fn reduce(self: Rc<Self>, msg: ViewMsg) -> Rc<Self> {
        match msg {
            ViewMsg::Act(action) => {
                let mode = action.history();
                let next = self.state.reduce(action);
                if next == *self.state {
                    return self;
                }
                Rc::new(ViewModel {
                    state: Rc::new(next),
                    seq: self.seq + 1,
                    write: Some(mode),
                    notices: self.notices.clone(),
                })
            }
            ViewMsg::Url(search) => {
                let (state, notices) = ViewState::from_query(&search);
                Rc::new(ViewModel {
                    state: Rc::new(state),
                    seq: self.seq + 1,
                    write: None,
                    notices: Rc::new(notices),
                })
            }
            ViewMsg::DismissNotices => {
                if self.notices.is_empty() {
                    return self;
                }
                Rc::new(ViewModel {
                    notices: Rc::new(Vec::new()),
                    write: None,
                    ..(*self).clone()
                })
            }
        }
    }
}

/// The view model with the callback that changes it.
#[derive(Clone)]
pub struct ViewHandle {
    /// The model (state, sequence number, notices).
    pub model: UseReducerHandle<ViewModel>,
    /// Applies a user action: writes the URL, then updates the state.
    pub on_action: Callback<Action>,
}

/// The view model, read from the URL at start, and the callback that applies user actions.
///
/// The URL is written in the event handler itself, before the state changes: WebKit ties a
/// history entry to the user gesture that made it, and an entry pushed later (after an
/// asynchronous render) is skipped by its Back button. An effect writes it again after each
/// render; [`history::write`] skips a URL that is already current, so the two never conflict.
#[hook]
pub fn use_view_state() -> ViewHandle {
    let model = use_reducer(|| ViewModel::from_query(&crate::services::location::search()));
    // The state the next action applies to: the rendered one, or one an action just made.
    let latest = use_mut_ref(|| model.state.clone());
    *latest.borrow_mut() = model.state.clone();
    let on_action = {
        let dispatcher = model.dispatcher();
        let latest = latest.clone();
        use_callback((), move |action: Action, _| {
            let mode = action.history();
            let next = latest.borrow().reduce(action.clone());
            if next != **latest.borrow() {
                history::write(&next.to_query(), mode);
                *latest.borrow_mut() = Rc::new(next);
            }
            dispatcher.dispatch(ViewMsg::Act(action));
        })
    };
    {
        let model = model.clone();
        use_effect_with(model.seq, move |_| {
            if let Some(mode) = model.write {
                history::write(&model.state.to_query(), mode);
            }
        });
    }
    {
        let dispatcher = model.dispatcher();
        use_effect_with((), move |_| {
            let listener =
                history::on_popstate(move |search| dispatcher.dispatch(ViewMsg::Url(search)));
            move || drop(listener)
        });
    }
    ViewHandle { model, on_action }
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_core::explore::state::View;

    fn apply(model: ViewModel, msg: ViewMsg) -> ViewModel {
        (*Rc::new(model).reduce(msg)).clone()
    }

    #[test]
    fn actions_advance_and_say_how_to_write_the_url() {
        let m = ViewModel::from_query("?zzz=1&q=gas");
        assert_eq!(m.notices.len(), 1);
        let m = apply(m, ViewMsg::Act(Action::SetView(View::Matrix)));
        assert_eq!((m.seq, m.write), (1, Some(HistoryMode::Push)));
        assert_eq!(m.state.to_query(), "q=gas&v=matrix");
        let m = apply(m, ViewMsg::Act(Action::SetQuery("oil".into())));
        assert_eq!((m.seq, m.write), (2, Some(HistoryMode::Replace)));
        // A no-op keeps the model (no render, no URL write).
        let same = apply(m.clone(), ViewMsg::Act(Action::SetQuery("oil".into())));
        assert_eq!(same, m);
        let back = apply(m, ViewMsg::Url("?q=gas".into()));
        assert_eq!((back.seq, back.write), (3, None));
        assert_eq!(back.state.query, "gas");
        let m = apply(ViewModel::from_query("?zzz=1"), ViewMsg::DismissNotices);
        assert!(m.notices.is_empty());
    }
}
