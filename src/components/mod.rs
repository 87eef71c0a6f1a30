//! The components, one a file. Components read app-wide values through hooks and never touch the
//! page's globals themselves (that is `services/`). Children report ids and values through
//! `on_*` callbacks (most often `on_action`, a view-state [`Action`](entente_core::explore::state::Action));
//! the shell owns the state.

pub mod choice;
pub mod confirm_dialog;
pub mod corpus_menu;
pub mod date_range;
pub mod document_item;
pub mod documents_view;
pub mod empty_result;
pub mod evidence;
pub mod facet_list;
pub mod figures_view;
pub mod header;
pub mod highlighted;
pub mod import_panel;
pub mod load_error;
pub mod matrix_view;
pub mod money_chart;
pub mod notices;
pub mod reader;
pub mod result_status;
pub mod shell;
pub mod sidebar;
pub mod tabs;
