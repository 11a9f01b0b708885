//! store (placeholder until the crate lands).
