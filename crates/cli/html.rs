//! Saved web pages: their article text, without markup. One linear pass; good enough
//! for news pages, not a full HTML parser.

use std::path::Path;

/// Elements whose content is never article text.
const SKIPPED: [&str; 13] = [
    "aside", "button", "footer", "form", "iframe", "nav", "noscript", "object", "script", "select",
    "style", "svg", "template",
];

/// Elements that end a paragraph.
const BLOCKS: [&str; 30] = [
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "title",
    "tr",
];

/// Whether `text`, read from `path`, is an HTML page: by its extension, or by how it
/// starts.
pub(crate) fn is_html(path: Option<&Path>, text: &str) -> bool {
    let by_name = path.and_then(Path::extension).is_some_and(|ext| {
        ["html", "htm", "xhtml"]
            .iter()
            .any(|e| ext.eq_ignore_ascii_case(e))
    });
    let head: String = text
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    by_name || head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// The text of an HTML page: one paragraph per block element, entities decoded,
/// scripts, styles, navigation and other page furniture left out.
pub(crate) fn to_text(html: &str) -> String {
    let mut raw = String::with_capacity(html.len() / 2);
    let mut skipping: Option<&'static str> = None;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skipping.is_none() {
                push_text(&mut raw, rest);
            }
            break;
        };
        if skipping.is_none() {
            push_text(&mut raw, &rest[..lt]);
        }
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(tag) = Tag::parse(rest) else {
            // A lone `<` in text.
            if skipping.is_none() {
                raw.push('<');
            }
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.len..];
        if let Some(skipped) = skipping {
            if tag.closing && tag.name.eq_ignore_ascii_case(skipped) {
                skipping = None;
            }
            continue;
        }
        let name = tag.name.to_ascii_lowercase();
        if let Some(skipped) = SKIPPED.iter().find(|s| **s == name) {
            if !tag.closing && !tag.self_closing {
                skipping = Some(skipped);
            }
        } else if BLOCKS.contains(&name.as_str()) {
            raw.push_str("\n\n");
        } else if name == "br" {
            raw.push('\n');
        }
    }
    tidy(&raw)
}

/// One tag: `<name ...>`, `</name>` or `<name ... />`; declarations (`<!doctype>`,
/// `<?xml?>`) come out as tags with an empty name.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    /// Bytes from `<` to `>` inclusive.
    len: usize,
}

impl<'a> Tag<'a> {
    fn parse(text: &'a str) -> Option<Tag<'a>> {
        let body = text.strip_prefix('<')?;
        let (closing, body) = match body.strip_prefix('/') {
            Some(body) => (true, body),
            None => (false, body),
        };
        let declaration = body.starts_with('!') || body.starts_with('?');
        let name_len = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(body.len());
        if name_len == 0 && !declaration {
            return None;
        }
        // Find the closing `>`, stepping over quoted attribute values.
        let mut quote = None;
        for (idx, c) in body.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if !declaration => quote = Some(c),
                (None, '>') => {
                    let start = 1 + usize::from(closing);
                    return Some(Tag {
                        name: &body[..name_len],
                        closing,
                        self_closing: body[..idx].ends_with('/'),
                        len: start + idx + 1,
                    });
                }
                (None, _) => {}
            }
        }
        // An unclosed tag runs to the end of the page.
        Some(Tag {
            name: &body[..name_len],
            closing,
            self_closing: false,
            len: text.len(),
        })
    }
}

/// Appends a run of text: whitespace folds to spaces (line breaks come from tags
/// only), entities are decoded.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        push_spaced(out, &rest[..amp]);
        rest = &rest[amp..];
        match decode_entity(rest) {
            Some((decoded, len)) => {
                out.push(decoded);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    push_spaced(out, rest);
}

fn push_spaced(out: &mut String, text: &str) {
    out.extend(
        text.chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c }),
    );
}

/// The character an entity at the start of `text` stands for, and the entity's length.
fn decode_entity(text: &str) -> Option<(char, usize)> {
    let (end, _) = text
        .char_indices()
        .take_while(|(idx, _)| *idx < 12)
        .find(|(_, c)| *c == ';')?;
    let name = &text[1..end];
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace())?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => ' ',
            "lsquo" => '\u{2018}',
            "rsquo" => '\u{2019}',
            "ldquo" => '\u{201c}',
            "rdquo" => '\u{201d}',
            "ndash" => '\u{2013}',
            "mdash" => '\u{2014}',
            "hellip" => '\u{2026}',
            "laquo" => '\u{ab}',
            "raquo" => '\u{bb}',
            _ => return None,
        }
    };
    Some((decoded, end + 1))
}

/// Trims every line, folds runs of spaces, and keeps at most one blank line between
/// paragraphs.
fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank_pending = false;
    for line in raw.lines() {
        let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            blank_pending = !out.is_empty();
            continue;
        }
        if blank_pending {
            out.push('\n');
            blank_pending = false;
        }
        out.push_str(&words.join(" "));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_recognised_by_name_or_start() {
        assert!(is_html(Some(Path::new("a/b.HTML")), "text"));
        assert!(is_html(None, "  <!DOCTYPE html>\n<html>"));
        assert!(is_html(None, "<html lang=en>"));
        assert!(!is_html(
            Some(Path::new("a.txt")),
            "Moscow, 1 May - <b>talks</b>"
        ));
    }

    #[test]
    fn markup_becomes_paragraphs_of_text() {
        let page = "<!DOCTYPE html><html><head><title>Talks in Moscow</title>\
            <style>p { color: red }</style><script>var s = \"<p>not text</p>\";</script></head>\
            <body><nav><a href=\"/\">Home</a></nav><!-- ad -->\
            <article><h1>Ministers meet</h1><p class=\"lead\">Okafor met\n   his counterpart \
            &ndash; in <b>Moscow</b> &amp; Sochi.</p><p>It&#39;s done&#x21;<br>Next &unknown; 3 < 4</p>\
            </article><footer>Copyright</footer></body></html>";
        assert_eq!(
            to_text(page),
            "Talks in Moscow\n\nMinisters meet\n\nOkafor met his counterpart \u{2013} in Moscow & Sochi.\n\n\
             It's done!\nNext &unknown; 3 < 4\n"
        );
    }

    #[test]
    fn broken_markup_does_not_lose_the_rest_or_panic() {
        assert_eq!(
            to_text("<p>one</p><p title=\"a > b\">two</p>"),
            "one\n\ntwo\n"
        );
        assert_eq!(to_text("<p>open <b"), "open\n");
        assert_eq!(to_text("<script>never closed"), "");
        assert_eq!(to_text("<br/><br />x"), "x\n");
        assert_eq!(to_text("&#xFFFFFFF; &#; &"), "&#xFFFFFFF; &#; &\n");
        assert_eq!(to_text("é<p>ü"), "é\n\nü\n");
        assert_eq!(to_text("&#0; &ééééééééé;"), "&#0; &ééééééééé;\n");
    }
}
