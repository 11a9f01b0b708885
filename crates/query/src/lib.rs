//! query (placeholder until the crate lands).
