//! Folding names into match keys.

use deunicode::deunicode;

/// Folds a name into a match key: accents and scripts to ASCII, lower case, and every
/// character that is not a letter or digit dropped. "Mir -Hosseini" and
/// "mir-hosseini" both give "mirhosseini". A leading "the " is dropped too.
///
/// Keys are for matching only; names are always displayed as written.
pub fn fold(name: &str) -> String {
    // Most names are ASCII already: skip transliteration and the lower-cased copy.
    if name.is_ascii() {
        return folded_ascii(name).map(char::from).collect();
    }
    folded_ascii(&deunicode(name)).map(char::from).collect()
}

/// Appends [`fold`]`(name)` to `out`: for an ASCII name, without a string of its own.
pub fn push_fold(out: &mut String, name: &str) {
    if name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // A single word of ASCII letters and digits (most name parts): nothing to drop,
        // so copied whole and lower-cased in place.
        let start = out.len();
        out.push_str(name);
        out[start..].make_ascii_lowercase();
    } else if name.is_ascii() {
        out.reserve(name.len());
        out.extend(folded_ascii(name).map(char::from));
    } else {
        out.extend(folded_ascii(&deunicode(name)).map(char::from));
    }
}

/// [`fold`]`(name)` written into `buf`, for looking a key up without allocating:
/// `None` when `name` is not ASCII or its key does not fit.
pub fn fold_into<'b>(name: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    if name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // As in `push_fold`: nothing to drop.
        let key = buf.get_mut(..name.len())?;
        // Byte by byte: for a word, cheaper than a call to copy it.
        for (to, from) in key.iter_mut().zip(name.bytes()) {
            *to = from.to_ascii_lowercase();
        }
        return std::str::from_utf8(key).ok();
    }
    if !name.is_ascii() {
        return None;
    }
    let mut n = 0;
    for b in folded_ascii(name) {
        *buf.get_mut(n)? = b;
        n += 1;
    }
    std::str::from_utf8(buf.get(..n)?).ok()
}

/// Whether `fold(name) == key`, without building the folded name when `name` is ASCII:
/// for comparing one key with many names.
pub fn folds_to(name: &str, key: &str) -> bool {
    if !name.is_ascii() {
        return fold(name) == key;
    }
    folded_ascii(name).eq(key.bytes())
}

/// The bytes of the key of an ASCII name: leading space and a leading "the " dropped,
/// then letters and digits only, lower-cased.
fn folded_ascii(ascii: &str) -> impl Iterator<Item = u8> + '_ {
    let trimmed = ascii.trim_start();
    let body = match trimmed.get(..4) {
        Some(head) if head.eq_ignore_ascii_case("the ") => &trimmed[4..],
        _ => trimmed,
    };
    body.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
}

/// Turns a name into a readable identifier fragment: ASCII, lower case, words joined
/// by `-`. "Dmitry Peskov" gives "dmitry-peskov"; an empty result becomes "x".
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    push_slug(&mut out, name);
    out
}

/// Appends [`slug`]`(name)` to `out`.
pub(crate) fn push_slug(out: &mut String, name: &str) {
    // Borrowed when `name` needs no transliteration; the same text `deunicode` gives.
    let ascii = deunicode::deunicode_with_tofu_cow(name, "[?]");
    let start = out.len();
    out.reserve(ascii.len());
    // Any byte that is not an ASCII letter or digit separates words; a character of
    // several bytes gives one separator all the same, as separators never repeat.
    for b in ascii.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b.to_ascii_lowercase()));
        } else if out.len() > start && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.len() > start && out.ends_with('-') {
        out.pop();
    }
    if out.len() == start {
        out.push('x');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_fold_and_fold_into_give_fold() {
        for name in [
            "the Hague",
            " The  Hague",
            "O'Brien 3rd",
            "Ümit",
            "",
            "the",
            "Them",
        ] {
            let mut out = String::from("k:");
            push_fold(&mut out, name);
            assert_eq!(out, format!("k:{}", fold(name)), "{name:?}");
            let mut buf = [0u8; 32];
            let expected = name.is_ascii().then(|| fold(name));
            assert_eq!(
                fold_into(name, &mut buf).map(str::to_owned),
                expected,
                "{name:?}"
            );
        }
        let mut small = [0u8; 3];
        assert_eq!(fold_into("Moscow", &mut small), None);
    }

    #[test]
    fn fold_drops_case_accents_spaces_and_punctuation() {
        assert_eq!(fold("Mir -Hosseini"), "mirhosseini");
        assert_eq!(fold("Mir-Hosseini"), "mirhosseini");
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("the Netherlands"), "netherlands");
        assert_eq!(fold(""), "");
    }

    /// The rule as first written: transliterate, lower-case, trim, drop "the ", keep
    /// letters and digits.
    fn fold_reference(name: &str) -> String {
        let lower = deunicode(name).to_ascii_lowercase();
        let trimmed = lower.trim_start();
        let body = trimmed.strip_prefix("the ").unwrap_or(trimmed);
        body.chars().filter(char::is_ascii_alphanumeric).collect()
    }

    #[test]
    fn fold_matches_its_reference() {
        let pieces = [
            "The ", "the ", "THE ", "Theo", " ", "\t", "Mir", "-", "Hosseini", "Türkiye", "É", "İ",
            "ß", "Ω", "北京", "'", "s", "1", "Ⅻ", "\u{00a0}", "tHe ", "x",
        ];
        // Every string of up to three pieces.
        let mut checked = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for s in [a.to_owned(), format!("{a}{b}"), format!("{a}{b}{c}")] {
                        assert_eq!(fold(&s), fold_reference(&s), "{s:?}");
                        let key = fold_reference(&s);
                        assert!(folds_to(&s, &key), "{s:?}");
                        assert!(!folds_to(&s, &format!("{key}x")), "{s:?}");
                        if let Some(shorter) = key.get(..key.len().saturating_sub(1)) {
                            assert_eq!(folds_to(&s, shorter), shorter == key, "{s:?}");
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 10_000);
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

    /// [`slug`] as first written: transliterate, lower-case, join runs of letters and
    /// digits with `-`.
    fn slug_reference(name: &str) -> String {
        let ascii = deunicode(name).to_ascii_lowercase();
        let mut out = String::new();
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

    #[test]
    fn slug_matches_its_reference() {
        let pieces = [
            "", " ", "-", "Ab", "x9", "Côte", "d'Ivoire", "\u{7f}", "\u{fffd}", "İ", "北京", "--",
            "Ω",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(slug(&s), slug_reference(&s), "{s:?}");
                    let mut id = String::from("kind/");
                    push_slug(&mut id, &s);
                    assert_eq!(id, format!("kind/{}", slug_reference(&s)), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn slug_is_readable_and_never_empty() {
        assert_eq!(slug("Dmitry Peskov"), "dmitry-peskov");
        assert_eq!(slug("Côte d'Ivoire"), "cote-d-ivoire");
        assert_eq!(slug("\"{}\""), "x");
    }
}
