//! Folding names into match keys.

use deunicode::deunicode;

/// Folds a name into a match key: accents and scripts to ASCII, lower case, and every
/// character that is not a letter or digit dropped. "Mir -Hosseini" and
/// "mir-hosseini" both give "mirhosseini". A leading "the " is dropped too.
///
/// Keys are for matching only; names are always displayed as written.
pub fn fold(name: &str) -> String {
    let ascii = deunicode(name);
    let lower = ascii.to_ascii_lowercase();
    let trimmed = lower.trim_start();
    let body = trimmed.strip_prefix("the ").unwrap_or(trimmed);
    body.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// Turns a name into a readable identifier fragment: ASCII, lower case, words joined
/// by `-`. "Dmitry Peskov" gives "dmitry-peskov"; an empty result becomes "x".
pub fn slug(name: &str) -> String {
    let ascii = deunicode(name).to_ascii_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_drops_case_accents_spaces_and_punctuation() {
        assert_eq!(fold("Mir -Hosseini"), "mirhosseini");
        assert_eq!(fold("Mir-Hosseini"), "mirhosseini");
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("the Netherlands"), "netherlands");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn fold_is_idempotent() {
        for s in [
            "Côte d'Ivoire",
            "the U.S.",
            "Ibrahim Rouhani",
            "  the the x",
        ] {
            assert_eq!(fold(&fold(s)), fold(s), "{s}");
        }
    }

    #[test]
    fn slug_is_readable_and_never_empty() {
        assert_eq!(slug("Dmitry Peskov"), "dmitry-peskov");
        assert_eq!(slug("Côte d'Ivoire"), "cote-d-ivoire");
        assert_eq!(slug("\"{}\""), "x");
    }
}
