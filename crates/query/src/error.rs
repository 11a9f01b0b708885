//! The crate error.

/// Why an exported document could not be read back.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The text is not JSON, or not a graph document of the shape
    /// [`crate::export::json`] writes.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}
