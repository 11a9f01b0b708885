//! The extractor (stub: the real one is being written).

use model::{Article, Extraction, Node, NodeKind};
use sha2::{Digest, Sha256};

/// Something worth telling the user about an article: noise skipped, text repaired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// One line, no trailing period.
    pub message: String,
}

/// The result of extracting one article.
#[derive(Clone, Debug)]
pub struct Extracted {
    /// The article's graph fragment.
    pub extraction: Extraction,
    /// Warnings about the text.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads articles. Cheap to share between threads.
#[derive(Clone, Debug, Default)]
pub struct Extractor {}

impl Extractor {
    /// An extractor with the built-in gazetteers.
    pub fn new() -> Extractor {
        Extractor {}
    }

    /// Extracts persons, countries, meetings and topics from one article's text.
    /// `source` names where the text came from (a path or `-`).
    pub fn extract(&self, text: &str, source: &str) -> Extracted {
        let article = Article {
            id: article_id(text),
            source: source.to_owned(),
            title: None,
            date: None,
            bytes: text.len(),
        };
        let mut node = Node::new(NodeKind::Article, &article.id);
        node.id = article.node_id();
        node.name = source.to_owned();
        Extracted {
            extraction: Extraction { article: Some(article), nodes: vec![node], edges: Vec::new() },
            diagnostics: Vec::new(),
        }
    }
}

/// The content hash that identifies an article: the first 8 bytes of the SHA-256 of
/// its text, as 16 lower-case hex digits.
pub fn article_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}
