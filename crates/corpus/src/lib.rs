//! Synthetic news articles for benchmarks: [`generate`] writes a deterministic corpus
//! of diplomatic news shaped like what summit reads.
//!
//! Articles report bilateral meetings (held and planned), phone calls, state visits,
//! multilateral talks, meetings on the sidelines of summits, and stories that are not
//! meetings (press conferences, statements, interviews), padded with background
//! paragraphs to 2-4 KB and wrapped in the noise real pages carry: datelines in
//! several agency styles, "Read more:" link lists, a social-media line, typos.
//!
//! Countries, demonyms, capitals and topics are the extractor's own tables
//! (`crates/ingest/data/countries.tsv`, `topics.tsv`), read at compile time. Persons
//! are generated from syllables; each office of each country has one holder at a time,
//! changing every few years. Countries, topics and quoted persons are drawn with
//! Zipf-like popularity, so hubs exist. All names of persons and agencies are made
//! up, and no text is taken from a real article.
//!
//! The same seed gives the same bytes on every platform: every article reads its own
//! ChaCha8 stream of the seed, so article `i` does not depend on how many are made.
#![deny(missing_docs)]

mod article;
mod rng;
mod world;

/// The corpus of `n` articles for `seed`, as (file name, text) pairs in order. File
/// names are `0000042-country.txt`, unique and sorted by article number.
pub fn generate(seed: u64, n: usize) -> impl Iterator<Item = (String, String)> {
    (0..n).map(move |index| article::article(seed, index))
}

/// Article number `index` of the corpus for `seed`, the same as the `index`-th item
/// of [`generate`]; lets callers make a corpus in parallel.
pub fn article(seed: u64, index: usize) -> (String, String) {
    article::article(seed, index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        let a: Vec<_> = generate(42, 30).collect();
        let b: Vec<_> = generate(42, 30).collect();
        assert_eq!(a, b);
        let other: Vec<_> = generate(43, 30).collect();
        assert_ne!(a, other);
    }

    #[test]
    fn a_shorter_corpus_is_a_prefix_of_a_longer_one() {
        let short: Vec<_> = generate(7, 5).collect();
        let long: Vec<_> = generate(7, 50).collect();
        assert_eq!(short[..], long[..5]);
        assert_eq!(long[17], article(7, 17));
    }

    #[test]
    fn count_names_and_sizes() {
        let corpus: Vec<_> = generate(1, 300).collect();
        assert_eq!(corpus.len(), 300);
        let mut names: Vec<&str> = corpus.iter().map(|(name, _)| name.as_str()).collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]), "names are sorted");
        names.dedup();
        assert_eq!(names.len(), 300);
        let total: usize = corpus.iter().map(|(_, text)| text.len()).sum();
        let mean = total / corpus.len();
        assert!((2_200..=3_600).contains(&mean), "mean size {mean}");
        for (name, text) in &corpus {
            assert!(
                (1_500..=4_600).contains(&text.len()),
                "{name} has {} bytes",
                text.len()
            );
        }
    }

    #[test]
    fn popular_countries_are_hubs() {
        let corpus: Vec<_> = generate(9, 400).collect();
        let with = |needle: &str| corpus.iter().filter(|(_, t)| t.contains(needle)).count();
        // Rank 0 is in far more articles than a country of the long tail.
        assert!(
            with("United States") > 5 * with("Tuvalu").max(1),
            "{}",
            with("United States")
        );
    }

    #[test]
    fn every_story_shape_and_noise_occurs() {
        let texts: Vec<String> = generate(5, 400).map(|(_, t)| t).collect();
        for needle in [
            " met ",
            "will travel to",
            "phone call",
            "state visit",
            "Foreign ministers of",
            "on the sidelines of",
            "press conference",
            "in a statement",
            "In an interview",
            "Read more:",
            " (",
        ] {
            assert!(
                texts.iter().any(|t| t.contains(needle)),
                "no article has {needle:?}"
            );
        }
    }
}
