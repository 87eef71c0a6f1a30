//! The relation matrix (in progress).
