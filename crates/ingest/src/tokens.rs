//! Words and punctuation of a sentence, with byte spans.

/// One token of a sentence. Spans are byte offsets into the sentence. Small (five
/// words), as every rule walks over an article's tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub(crate) text: &'a str,
    /// `text` in lower case: borrowed from the sentence's ASCII-lower-cased copy or
    /// from `text` itself, or lent by [`Relowered`].
    lower: &'a str,
    /// The byte offset of `text` (sentences are cut to a few thousand bytes).
    start: u32,
    /// A word (letters, digits, inner hyphens and apostrophes); otherwise punctuation.
    pub(crate) word: bool,
    /// The word ended in "'s" or "’s", which is not part of `text`.
    pub(crate) possessive: bool,
}

/// The lower-case forms of the words that need one of their own, a non-ASCII word
/// with capitals ("Çavuşoğlu", "İzmir"): [`tokenize_into`] writes them here, and
/// [`Relowered::lend`] lends them to their tokens once all are written.
#[derive(Debug, Default)]
pub(crate) struct Relowered {
    text: String,
    /// Token index (in the list `tokenize_into` appends to), then span in `text`.
    spans: Vec<(usize, usize, usize)>,
}

impl Relowered {
    /// Points the tokens of `toks` (the list [`tokenize_into`] appended to) that need
    /// a lower-case form of their own at theirs.
    pub(crate) fn lend<'a>(&'a self, toks: &mut [Token<'a>]) {
        for &(t, start, end) in &self.spans {
            toks[t].lower = &self.text[start..end];
        }
    }
}

impl Token<'_> {
    /// Starts with an upper-case letter.
    pub(crate) fn capitalized(&self) -> bool {
        self.word
            && match self.text.as_bytes().first() {
                Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
                _ => self.text.chars().next().is_some_and(char::is_uppercase),
            }
    }

    /// Two or more letters, all upper case: "JCPOA", "US".
    pub(crate) fn acronym(&self) -> bool {
        self.word
            && !self.text.chars().any(char::is_lowercase)
            && self
                .text
                .chars()
                .filter(|c| c.is_alphabetic())
                .nth(1)
                .is_some()
    }

    pub(crate) fn lower(&self) -> &str {
        self.lower
    }

    /// The byte offset of the token's first byte in the sentence.
    pub(crate) fn start(&self) -> usize {
        self.start as usize
    }

    /// The byte offset one past the token's last byte (before any possessive "'s").
    pub(crate) fn end(&self) -> usize {
        self.start() + self.text.len()
    }

    pub(crate) fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }
}

/// The bytes for which [`u8::is_ascii_alphanumeric`] holds, as a table: the tokenizer
/// asks it of nearly every byte of the text.
const ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The length of the run of ASCII letters and digits at the start of `bytes`: eight
/// bytes at a time, so that a word costs one test rather than one per byte.
fn ascii_alphanumeric_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(eight) = bytes.get(n..n + 8) {
        let v = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        // The high bit of every byte that is not an ASCII letter or digit.
        let stops = !ascii_alphanumeric_bytes(v) & HIGH_BITS;
        if stops != 0 {
            // Little-endian: the first byte of the eight is the lowest.
            return n + (stops.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[n..]
        .iter()
        .position(|&b| !ASCII_ALPHANUMERIC[usize::from(b)])
        .unwrap_or(bytes.len() - n)
}

/// The high bit of each byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit set in each byte of `v` that is an ASCII letter or digit, every other
/// bit clear. Each byte is compared as seven bits, which never carry into the next
/// byte; bytes with the high bit set (not ASCII) are dropped at the end.
fn ascii_alphanumeric_bytes(v: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low7 = v & !HIGH_BITS;
    // For a seven-bit `x`, `x + (0x80 - lo)` has its high bit set exactly when
    // `x >= lo`.
    let at_least = |x: u64, lo: u8| x + ONES * u64::from(0x80 - lo);
    // Upper-case letters folded onto lower-case ones (no other byte lands there).
    let folded = low7 | (ONES * 0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(low7, b'0') & !at_least(low7, b'9' + 1);
    (letter | digit) & !v & HIGH_BITS
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// `text` in lower case, given `ascii_lower`, the same text with its ASCII letters
/// lower-cased; `None` when that takes a string of its own.
fn lower_of<'a>(text: &'a str, ascii_lower: &'a str) -> Option<&'a str> {
    if text.is_ascii() {
        return Some(ascii_lower);
    }
    if text.chars().any(char::is_uppercase) {
        None
    } else {
        Some(text)
    }
}

/// The character starting at byte `i` of `s`, if any; ASCII without decoding.
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => s.get(i..).and_then(|rest| rest.chars().next()),
    }
}

/// Splits a sentence into tokens. `ascii_lower` is the same sentence with its ASCII
/// letters lower-cased: ASCII words borrow their lower-case form from it.
/// Words that need a lower-case form of their own keep it in `relowered`.
#[cfg(test)]
pub(crate) fn tokenize<'a>(
    s: &'a str,
    ascii_lower: &'a str,
    relowered: &'a mut Relowered,
) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    tokenize_into(s, ascii_lower, &mut out, &mut Vec::new(), relowered);
    let relowered: &'a Relowered = relowered;
    relowered.lend(&mut out);
    out
}

/// Appends the tokens of a sentence to `out`: see [`tokenize`]. Appends to `runs` the
/// byte span of every run of alphanumeric characters of the sentence, in order (a
/// word token holds one or more: "Mir-Hosseini", "Iran's", "U.S"): the words
/// [`crate::gazetteer::Gazetteer::find_into`] looks up, found here in the same pass.
/// A word that needs a lower-case form of its own gets it in `relowered`, which the
/// caller lends to the tokens with [`Relowered::lend`] once it has every sentence's;
/// until then its lower-case form is its text.
pub(crate) fn tokenize_into<'a>(
    s: &'a str,
    ascii_lower: &'a str,
    out: &mut Vec<Token<'a>>,
    runs: &mut Vec<(usize, usize)>,
    relowered: &mut Relowered,
) {
    // Sentences are cut to a few thousand bytes.
    let offset = |at: usize| u32::try_from(at).expect("a sentence is shorter than 4 GB");
    let mut i = 0;
    while let Some(c) = char_at(s, i) {
        let start = i;
        if c == ' ' {
            // Most often between two words: no need to ask more of it.
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + c.len_utf8();
            let mut run_start = start;
            // Every character taken so far is ASCII.
            let mut ascii = c.is_ascii();
            loop {
                // ASCII letters and digits need no decoding.
                j += ascii_alphanumeric_run(&s.as_bytes()[j..]);
                let Some(cj) = char_at(s, j) else { break };
                // An ASCII character stopped the run, so it is no letter or digit: unless
                // a connector, the word ends here (as most do, at a space or a comma).
                if cj.is_ascii() && !matches!(cj, '-' | '\'' | '.') {
                    break;
                }
                if cj.is_alphanumeric() {
                    ascii = false;
                    j += cj.len_utf8();
                    continue;
                }
                // Inner hyphens, apostrophes and stops, when a letter or digit follows.
                if !(cj == '-' || cj == '‐' || is_apostrophe(cj) || cj == '.') {
                    break;
                }
                let next = char_at(s, j + cj.len_utf8());
                if !next.is_some_and(char::is_alphanumeric) {
                    break;
                }
                // Keep "U.S" together but not "word.Next", nor an initial run into a
                // name ("H.Rahimi-Zand").
                if cj == '.' {
                    let prev = s[..j].chars().next_back();
                    let after_next = next.and_then(|n| char_at(s, j + 1 + n.len_utf8()));
                    if !(prev.is_some_and(char::is_uppercase)
                        && next.is_some_and(char::is_uppercase))
                        || after_next.is_some_and(char::is_lowercase)
                    {
                        break;
                    }
                }
                // The connector ends one run of the word; the next starts after it.
                runs.push((run_start, j));
                ascii &= cj.is_ascii();
                j += cj.len_utf8();
                run_start = j;
            }
            runs.push((run_start, j));
            let end = j;
            let mut text = &s[start..end];
            let mut possessive = false;
            // On bytes: a last byte that is ASCII is the last character.
            if matches!(text.as_bytes().last(), Some(b's' | b'S')) {
                for suffix in ["'s", "’s", "'S", "’S"] {
                    if let Some(stem) = text.strip_suffix(suffix) {
                        if !stem.is_empty() {
                            text = stem;
                            possessive = true;
                        }
                        break;
                    }
                }
            }
            // A plural possessive "ministers'" has its apostrophe after the word.
            if !possessive && text.as_bytes().last() == Some(&b's') {
                if let Some(apostrophe) = char_at(s, j).filter(|c| is_apostrophe(*c)) {
                    let after = char_at(s, j + apostrophe.len_utf8());
                    if after.is_none_or(|c| !c.is_alphanumeric()) {
                        possessive = true;
                    }
                }
            }
            debug_assert!(!ascii || text.is_ascii());
            // `text` is a part of what the loop took: ASCII, when that was, and then
            // what `lower_of` would borrow.
            let ascii_lower = &ascii_lower[start..start + text.len()];
            let lower = if ascii {
                ascii_lower
            } else {
                lower_of(text, ascii_lower).unwrap_or_else(|| {
                    let at = relowered.text.len();
                    relowered.text.push_str(&text.to_lowercase());
                    relowered.spans.push((out.len(), at, relowered.text.len()));
                    text
                })
            };
            out.push(Token {
                text,
                lower,
                start: offset(start),
                word: true,
                possessive,
            });
            i = j;
            continue;
        }
        let text = &s[start..start + c.len_utf8()];
        out.push(Token {
            text,
            lower: text,
            start: offset(start),
            word: false,
            possessive: false,
        });
        i += c.len_utf8();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_hyphens_and_lose_possessives() {
        let s = "Iran's Foreign Minister Mir-Hosseini met Turkey’s envoy (U.S.).";
        let lower = s.to_ascii_lowercase();
        let mut relowered = Relowered::default();
        let toks = tokenize(s, &lower, &mut relowered);
        let words: Vec<&str> = toks.iter().filter(|t| t.word).map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "Iran",
                "Foreign",
                "Minister",
                "Mir-Hosseini",
                "met",
                "Turkey",
                "envoy",
                "U.S"
            ]
        );
        assert!(toks[0].possessive);
        assert!(toks.iter().find(|t| t.text == "Turkey").unwrap().possessive);
    }

    #[test]
    fn runs_are_the_alphanumeric_runs_of_the_sentence() {
        let mut texts: Vec<String> = [
            "Iran's Foreign Minister Mir-Hosseini met Turkey’s envoy (U.S.).",
            "ministers' talks: U.S.-Iran, word.Next 3.5 a‐b don't ’s 's x'",
            "Şahin–Çavuşoğlu, São Paulo; Ⅻ ½ ٣ 東京 co-op.",
            "",
            "-",
            "a",
        ]
        .map(str::to_owned)
        .into();
        texts.extend(crate::test_article_texts());
        for text in &texts {
            let (mut toks, mut runs) = (Vec::new(), Vec::new());
            let mut relowered = Relowered::default();
            let lower = text.to_ascii_lowercase();
            tokenize_into(text, &lower, &mut toks, &mut runs, &mut relowered);
            assert_eq!(runs, crate::gazetteer::words(text), "{text:?}");
        }
    }

    #[test]
    fn alphanumeric_runs_eight_at_a_time_agree_with_the_table() {
        let by_table = |bytes: &[u8]| {
            bytes
                .iter()
                .position(|&b| !ASCII_ALPHANUMERIC[usize::from(b)])
                .unwrap_or(bytes.len())
        };
        // Every byte value after every number of letters and digits, up to two chunks.
        for b in 0..=255u8 {
            for len in 0..20 {
                let mut bytes: Vec<u8> = b"aZ09zA9b0Yx1mQ5kLw"
                    .iter()
                    .cycle()
                    .take(len)
                    .copied()
                    .collect();
                bytes.push(b);
                bytes.extend_from_slice(b"abc defgh");
                assert_eq!(
                    ascii_alphanumeric_run(&bytes),
                    by_table(&bytes),
                    "{b} after {len}"
                );
                assert_eq!(ascii_alphanumeric_run(&bytes[..len]), len);
            }
        }
    }

    #[test]
    fn tokens_stay_small() {
        assert!(std::mem::size_of::<Token<'_>>() <= 40);
    }

    #[test]
    fn words_with_capitals_beyond_ascii_get_their_own_lower_case() {
        let s = "İzmir, Çavuşoğlu and ΟΔΥΣΣΕΥΣ met café owners in Moscow.";
        let lower = s.to_ascii_lowercase();
        let mut relowered = Relowered::default();
        for t in tokenize(s, &lower, &mut relowered) {
            assert_eq!(t.lower(), t.text.to_lowercase(), "{:?}", t.text);
        }
    }

    #[test]
    fn spans_point_into_the_sentence() {
        let s = "Mr. Peskov’s talks";
        let lower = s.to_ascii_lowercase();
        let mut relowered = Relowered::default();
        for t in tokenize(s, &lower, &mut relowered) {
            assert_eq!(&s[t.start()..t.end()], t.text);
        }
    }
}
