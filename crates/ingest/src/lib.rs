//! ingest (placeholder until the crate lands).
