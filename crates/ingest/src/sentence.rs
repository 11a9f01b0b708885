//! One sentence, analysed: tokens, dictionary phrases, and the items a rule walks over
//! (a dictionary phrase or a single token).

use std::borrow::Cow;

use crate::{gazetteer::Found, tokens::Token};

/// A sentence with its tokens and dictionary phrases.
pub(crate) struct Sent<'a> {
    /// Position in the article's sentence list.
    pub(crate) idx: usize,
    /// Byte span in the article text.
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) text: &'a str,
    pub(crate) toks: &'a [Token<'a>],
    pub(crate) found: &'a [Found],
    /// For each token, the dictionary phrase covering it (an index into `found`).
    pub(crate) cover: &'a [Option<usize>],
    /// Lower-case text, for cue phrases.
    pub(crate) lower: Cow<'a, str>,
    /// The text with whitespace runs folded, as evidence shows it: see
    /// [`Sent::collapsed`].
    collapsed: std::cell::OnceCell<String>,
    /// The sentence-wide tense, computed when first asked.
    pub(crate) tense: std::cell::OnceCell<crate::dates::Tense>,
}

/// Appends to `cover`, for each of a sentence's `toks`, the index in `found` (the
/// sentence's dictionary phrases) of the phrase covering it.
pub(crate) fn cover_into(toks: &[Token<'_>], found: &[Found], cover: &mut Vec<Option<usize>>) {
    let base = cover.len();
    cover.resize(base + toks.len(), None);
    let cover = &mut cover[base..];
    // Phrases and tokens both run in text order: one pass over each.
    let mut first_tok = 0;
    for (f_idx, f) in found.iter().enumerate() {
        while first_tok < toks.len() && toks[first_tok].start() < f.start {
            first_tok += 1;
        }
        for (t_idx, t) in toks.iter().enumerate().skip(first_tok) {
            if t.end() > f.end {
                break;
            }
            cover[t_idx] = Some(f_idx);
        }
    }
}

impl<'a> Sent<'a> {
    /// Sentence `idx`, bytes `start..end` of the article: `text`, and `ascii_lower`,
    /// the same text with its ASCII letters lower-cased, split into `toks` by
    /// [`crate::tokens::tokenize_into`], with its dictionary phrases `found` by
    /// [`crate::gazetteer::Gazetteer::find_into`] and their `cover` by [`cover_into`].
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        idx: usize,
        start: usize,
        end: usize,
        text: &'a str,
        ascii_lower: &'a str,
        toks: &'a [Token<'a>],
        found: &'a [Found],
        cover: &'a [Option<usize>],
    ) -> Sent<'a> {
        debug_assert_eq!(toks.len(), cover.len());
        Sent {
            idx,
            start,
            end,
            text,
            toks,
            found,
            cover,
            lower: if text.is_ascii() {
                Cow::Borrowed(ascii_lower)
            } else {
                Cow::Owned(text.to_lowercase())
            },
            collapsed: std::cell::OnceCell::new(),
            tense: std::cell::OnceCell::new(),
        }
    }

    /// The text with whitespace runs folded, as evidence shows it; computed when first
    /// asked, as many sentences are never cited.
    pub(crate) fn collapsed(&self) -> &str {
        self.collapsed
            .get_or_init(|| crate::text::collapse_whitespace(self.text))
    }

    /// The dictionary phrase covering token `t`, when that phrase starts at `t`.
    pub(crate) fn found_starting(&self, t: usize) -> Option<&Found> {
        let f = &self.found[self.cover.get(t).copied().flatten()?];
        (f.start == self.toks[t].start()).then_some(f)
    }

    /// Every token at which a dictionary phrase starts, with that phrase, in order: the
    /// `t` for which [`Sent::found_starting`] gives a phrase, found from the phrases
    /// rather than by asking of every token.
    pub(crate) fn phrase_starts(&self) -> impl Iterator<Item = (usize, &Found)> + '_ {
        // Phrases do not overlap: their starts, like the tokens', only grow.
        let mut t = 0;
        self.found.iter().enumerate().filter_map(move |(f_idx, f)| {
            while t < self.toks.len() && self.toks[t].start() < f.start {
                t += 1;
            }
            (t < self.toks.len() && self.toks[t].start() == f.start && self.cover[t] == Some(f_idx))
                .then_some((t, f))
        })
    }

    /// The dictionary phrase covering token `t`, when that phrase ends at `t`.
    pub(crate) fn found_ending(&self, t: usize) -> Option<&Found> {
        let f = &self.found[self.cover.get(t).copied().flatten()?];
        (f.end >= self.toks[t].end() && f.end <= self.toks[t].end() + 3).then_some(f)
    }

    /// The first token index of the phrase covering `t` (or `t`).
    pub(crate) fn phrase_first_token(&self, t: usize) -> usize {
        match self.cover[t] {
            Some(f) => {
                let start = self.found[f].start;
                (0..=t)
                    .find(|&i| self.toks[i].start() >= start)
                    .unwrap_or(t)
            }
            None => t,
        }
    }

    /// The last token index of the phrase covering `t` (or `t`).
    pub(crate) fn phrase_last_token(&self, t: usize) -> usize {
        match self.cover[t] {
            Some(f) => {
                let end = self.found[f].end;
                (t..self.toks.len())
                    .take_while(|&i| self.toks[i].end() <= end)
                    .last()
                    .unwrap_or(t)
            }
            None => t,
        }
    }

    /// Token `t` is the word `w` (any case).
    pub(crate) fn word_is(&self, t: usize, w: &str) -> bool {
        self.toks.get(t).is_some_and(|tok| tok.word && tok.is(w))
    }

    /// Token `t` is punctuation `p`.
    pub(crate) fn punct_is(&self, t: usize, p: &str) -> bool {
        self.toks
            .get(t)
            .is_some_and(|tok| !tok.word && tok.text == p)
    }

    /// Token `t` is an opening or closing quote mark.
    pub(crate) fn is_quote(&self, t: usize) -> bool {
        self.toks
            .get(t)
            .is_some_and(|tok| !tok.word && matches!(tok.text, "\"" | "“" | "”" | "'" | "‘" | "’"))
    }

    /// The sentence text of tokens `a..=b`.
    pub(crate) fn slice(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.toks[a].start()..self.toks[b].end()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        gazetteer::GAZETTEER,
        tokens::{tokenize_into, Relowered},
    };

    #[test]
    fn phrase_starts_are_the_tokens_found_starting_gives_a_phrase() {
        let mut texts = crate::test_article_texts();
        texts.push("Mir-Hosseini met the Iran-Russia envoy of South Korea's Seoul.".to_owned());
        for text in &texts {
            let lower = text.to_ascii_lowercase();
            let (mut toks, mut runs, mut found, mut cover) =
                (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            let mut relowered = Relowered::default();
            tokenize_into(text, &lower, &mut toks, &mut runs, &mut relowered);
            GAZETTEER.find_into(text, &lower, &runs, &mut found);
            cover_into(&toks, &found, &mut cover);
            let s = Sent::new(0, 0, text.len(), text, &lower, &toks, &found, &cover);
            let by_token: Vec<(usize, &Found)> = (0..toks.len())
                .filter_map(|t| s.found_starting(t).map(|f| (t, f)))
                .collect();
            assert_eq!(s.phrase_starts().collect::<Vec<_>>(), by_token, "{text:?}");
        }
    }
}
