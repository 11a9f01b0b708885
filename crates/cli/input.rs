//! Finding article files and turning their bytes into text the extractor can read.
//!
//! Nothing here fails the whole run: every problem is reported for the one input it
//! concerns, so the other inputs still go through.

use std::{
    collections::BTreeSet,
    fs, io,
    path::{Path, PathBuf},
};

use crate::html;

/// The most text one article may have. News articles are a few kilobytes; anything far
/// larger is a dump or a mistake, and extracting all of it would only take long.
pub(crate) const MAX_ARTICLE_BYTES: usize = 1 << 20;

/// How much of the start of a file is examined to tell text from binary data.
const SNIFF_BYTES: usize = 8 << 10;

/// One thing named on the command line, or found in a folder named there.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// How the input is shown to the user and recorded as the article's source: the
    /// path as given (a leading `./` dropped), or `-` for standard input.
    pub(crate) source: String,
    /// Where to read it from, or why it cannot be read.
    pub(crate) origin: Result<Origin, String>,
}

#[derive(Debug, Clone)]
pub(crate) enum Origin {
    Stdin,
    File(PathBuf),
}

/// What reading one input gave.
#[derive(Debug)]
pub(crate) enum Text {
    /// Text to extract, and what the user should know about how it was read.
    Read { text: String, warnings: Vec<String> },
    /// Nothing to extract, and it is not an error (an empty file).
    Skipped(String),
    /// The input could not be used.
    Failed(String),
}

/// Expands the paths given on the command line into inputs, in order: files as they
/// are, folders recursively in name order with hidden entries (names starting with `.`)
/// and the store itself left out, `-` as standard input.
pub(crate) fn expand(paths: &[PathBuf], store: &Path) -> Vec<Entry> {
    let store = fs::canonicalize(store).ok();
    let mut entries = Vec::new();
    let mut seen_dirs = BTreeSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            entries.push(Entry {
                source: "-".to_owned(),
                origin: Ok(Origin::Stdin),
            });
            continue;
        }
        let source = display(path);
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, store.as_deref(), &mut seen_dirs, &mut entries),
            Ok(meta) if meta.is_file() => entries.push(Entry {
                source,
                origin: Ok(Origin::File(path.clone())),
            }),
            Ok(_) => entries.push(Entry {
                source,
                origin: Err("not a regular file or folder".to_owned()),
            }),
            Err(err) => entries.push(Entry {
                source,
                origin: Err(describe_io(&err)),
            }),
        }
    }
    entries
}

fn walk(
    dir: &Path,
    store: Option<&Path>,
    seen_dirs: &mut BTreeSet<PathBuf>,
    entries: &mut Vec<Entry>,
) {
    // A symbolic link back up the tree must not send us round in circles.
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    if Some(canonical.as_path()) == store || !seen_dirs.insert(canonical) {
        return;
    }
    let read_dir = match fs::read_dir(dir) {
        Ok(read_dir) => read_dir,
        Err(err) => {
            entries.push(Entry {
                source: display(dir),
                origin: Err(describe_io(&err)),
            });
            return;
        }
    };
    let mut children: Vec<PathBuf> = Vec::new();
    for child in read_dir {
        match child {
            Ok(child) => {
                if !child.file_name().to_string_lossy().starts_with('.') {
                    children.push(child.path());
                }
            }
            Err(err) => entries.push(Entry {
                source: display(dir),
                origin: Err(describe_io(&err)),
            }),
        }
    }
    children.sort();
    for child in children {
        match fs::metadata(&child) {
            Ok(meta) if meta.is_dir() => walk(&child, store, seen_dirs, entries),
            Ok(meta) if meta.is_file() => entries.push(Entry {
                source: display(&child),
                origin: Ok(Origin::File(child)),
            }),
            // Sockets, pipes and devices in a folder are not articles.
            Ok(_) => {}
            Err(err) => entries.push(Entry {
                source: display(&child),
                origin: Err(describe_io(&err)),
            }),
        }
    }
}

/// The path as the user wrote it, without a leading `./`.
pub(crate) fn display(path: &Path) -> String {
    let shown = path.to_string_lossy();
    let mut rest: &str = &shown;
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped.trim_start_matches('/');
    }
    if rest.is_empty() {
        shown.into_owned()
    } else {
        rest.to_owned()
    }
}

/// An I/O error in a few words, without the OS error number.
pub(crate) fn describe_io(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}

/// Reads one input. `stdin` holds standard input, read once beforehand.
pub(crate) fn read(entry: &Entry, stdin: &[u8]) -> Text {
    match &entry.origin {
        Err(message) => Text::Failed(message.clone()),
        Ok(Origin::Stdin) => decode(stdin, None),
        Ok(Origin::File(path)) => match fs::read(path) {
            Ok(bytes) => decode(&bytes, Some(path)),
            Err(err) => Text::Failed(describe_io(&err)),
        },
    }
}

/// Turns bytes into article text: binary data is refused, invalid UTF-8 is repaired,
/// web pages lose their markup, oversized text is cut.
pub(crate) fn decode(bytes: &[u8], path: Option<&Path>) -> Text {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Text::Skipped("the file is empty".to_owned());
    }
    if let Some(why) = looks_binary(bytes) {
        return Text::Failed(format!(
            "this is not text ({why}): only plain-text and HTML articles can be read"
        ));
    }
    let mut warnings = Vec::new();
    let mut text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let n_bad = text
                .chars()
                .filter(|&c| c == char::REPLACEMENT_CHARACTER)
                .count();
            warnings.push(format!(
                "the text is not valid UTF-8: {n_bad} undecodable byte sequence{} replaced by U+FFFD",
                if n_bad == 1 { " was" } else { "s were" }
            ));
            text
        }
    };
    if html::is_html(path, &text) {
        text = html::to_text(&text);
        if text.is_empty() {
            return Text::Skipped("the page has no text outside its markup".to_owned());
        }
    }
    if text.len() > MAX_ARTICLE_BYTES {
        let cut = cut_point(text.as_bytes(), MAX_ARTICLE_BYTES);
        warnings.push(format!(
            "the text has {} bytes, more than an article can have: only the first {cut} are read",
            text.len()
        ));
        text.truncate(cut);
    }
    Text::Read { text, warnings }
}

/// Why the start of `bytes` looks like binary data, if it does: NUL bytes, or mostly
/// control characters and undecodable bytes.
fn looks_binary(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.contains(&0) {
        return Some("it contains NUL bytes");
    }
    let n_control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c) || b == 0x7f)
        .count();
    // Cut the sample at a character boundary so a cut character is not counted as bad.
    let sample = &head[..cut_point(head, head.len())];
    let decoded = String::from_utf8_lossy(sample);
    let n_chars = decoded.chars().count().max(1);
    let n_bad = decoded
        .chars()
        .filter(|&c| c == char::REPLACEMENT_CHARACTER)
        .count();
    if n_control * 10 > head.len() {
        return Some("it is mostly control characters");
    }
    if n_bad * 3 > n_chars {
        return Some("it is mostly bytes that are not UTF-8 text");
    }
    None
}

/// Where to cut `bytes` to at most `max` bytes: after the last line break or space
/// before `max` when there is one close by, and never inside a UTF-8 sequence.
fn cut_point(bytes: &[u8], max: usize) -> usize {
    if bytes.len() <= max {
        return bytes.len();
    }
    let window = &bytes[max.saturating_sub(4096)..max];
    if let Some(pos) = window.iter().rposition(|&b| b == b'\n' || b == b' ') {
        return max.saturating_sub(4096) + pos + 1;
    }
    let mut cut = max;
    // Continuation bytes look like 0b10xxxxxx; back up to the start of a character.
    while cut > 0 && (bytes[cut] & 0xC0) == 0x80 {
        cut -= 1;
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_bytes(bytes: &[u8]) -> Text {
        decode(bytes, None)
    }

    fn read_text(bytes: &[u8]) -> (String, Vec<String>) {
        match decode_bytes(bytes) {
            Text::Read { text, warnings } => (text, warnings),
            other => panic!("not read: {other:?}"),
        }
    }

    #[test]
    fn plain_text_is_read_as_is() {
        let (text, warnings) = read_text("Okafor met his counterpart in Moscow.\n".as_bytes());
        assert_eq!(text, "Okafor met his counterpart in Moscow.\n");
        assert!(warnings.is_empty());
    }

    #[test]
    fn invalid_utf8_is_repaired_with_a_warning() {
        let (text, warnings) = read_text(b"Caf\xe9 talks in Gen\xe8ve were held.");
        assert_eq!(text, "Caf\u{fffd} talks in Gen\u{fffd}ve were held.");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("UTF-8"));
    }

    #[test]
    fn empty_and_blank_files_are_skipped() {
        assert!(matches!(decode_bytes(b""), Text::Skipped(_)));
        assert!(matches!(decode_bytes(b" \n\t\n"), Text::Skipped(_)));
        assert!(matches!(decode_bytes(b"\xEF\xBB\xBF"), Text::Skipped(_)));
    }

    #[test]
    fn binary_data_is_refused() {
        assert!(matches!(
            decode_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Text::Failed(_)
        ));
        assert!(matches!(
            decode_bytes(&[0x01, 0x02, 0x03, 0x04, b'a', 0x05, 0x06]),
            Text::Failed(_)
        ));
        assert!(matches!(
            decode_bytes(&[0xff, 0xfe, 0xfd, 0xfc, 0xfb, b'a']),
            Text::Failed(_)
        ));
    }

    #[test]
    fn huge_text_is_cut_on_a_character_boundary() {
        let mut bytes = "é".repeat(MAX_ARTICLE_BYTES).into_bytes();
        bytes.push(b'x');
        let (text, warnings) = read_text(&bytes);
        assert!(text.len() <= MAX_ARTICLE_BYTES);
        assert!(text.chars().all(|c| c == 'é'));
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn huge_text_is_cut_after_a_word() {
        let bytes = "word ".repeat(MAX_ARTICLE_BYTES).into_bytes();
        let (text, _) = read_text(&bytes);
        assert!(text.ends_with("word "));
    }

    #[test]
    fn displayed_paths_lose_a_leading_dot_slash() {
        assert_eq!(display(Path::new("./seeds/a.txt")), "seeds/a.txt");
        assert_eq!(display(Path::new("seeds")), "seeds");
        assert_eq!(display(Path::new(".")), ".");
        assert_eq!(display(Path::new("./")), "./");
    }
}
