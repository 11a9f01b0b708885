//! The dictionaries: countries, epithets, places, organisations, titles, topics and
//! name-spelling variants, parsed once from the TSV files in `data/` (their sources and
//! licences are in `data/README.md`), and one automaton that finds them all in a
//! sentence.

use std::{collections::HashMap, sync::LazyLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::{tokens::char_at, words::WordMap};

/// A sovereign state.
#[derive(Debug)]
pub(crate) struct Country {
    pub(crate) name: String,
    pub(crate) capitals: Vec<String>,
}

/// A city or region.
#[derive(Debug)]
pub(crate) struct Place {
    pub(crate) name: String,
    pub(crate) country: Option<usize>,
}

/// A ministry, agency, outlet, alliance...
#[derive(Debug)]
pub(crate) struct Org {
    pub(crate) name: String,
    pub(crate) kind: String,
    pub(crate) country: Option<usize>,
}

/// A topic of the lexicon.
#[derive(Debug)]
pub(crate) struct Topic {
    pub(crate) name: String,
}

/// What a dictionary phrase stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Hit {
    /// A country by name or alias.
    Country(usize),
    /// A country's demonym or adjective: "Iranian".
    Demonym(usize),
    /// A country's capital: "Moscow" (also a place; used for the government).
    Capital(usize),
    /// A fixed epithet for a state: "the Islamic Republic".
    Epithet(usize),
    /// A city or region.
    Place(usize),
    /// An organisation.
    Org(usize),
    /// A title phrase; the index is into [`Gazetteer::roles`].
    Title(usize),
    /// A topic of the lexicon.
    Topic(usize),
}

/// One dictionary phrase found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    hits: Hits,
}

/// What a found phrase stands for, kept by kind: of each kind, the first index in the
/// order of the phrase's dictionary entries. Rules ask only "the country", "the
/// place"..., so this answers them without a list of hits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Hits {
    /// From [`Hit::Country`], [`Hit::Demonym`] or [`Hit::Epithet`], whichever came first.
    country: Option<u32>,
    capital: Option<u32>,
    place: Option<u32>,
    org: Option<u32>,
    title: Option<u32>,
    topic: Option<u32>,
    demonym: bool,
    /// Some hit at all.
    any: bool,
}

impl Hits {
    fn add(&mut self, hit: Hit) {
        fn first(slot: &mut Option<u32>, i: usize) {
            if slot.is_none() {
                *slot = Some(u32::try_from(i).expect("dictionary indexes fit in u32"));
            }
        }
        self.any = true;
        match hit {
            Hit::Country(c) | Hit::Epithet(c) => first(&mut self.country, c),
            Hit::Demonym(c) => {
                self.demonym = true;
                first(&mut self.country, c);
            }
            Hit::Capital(c) => first(&mut self.capital, c),
            Hit::Place(p) => first(&mut self.place, p),
            Hit::Org(o) => first(&mut self.org, o),
            Hit::Title(t) => first(&mut self.title, t),
            Hit::Topic(t) => first(&mut self.topic, t),
        }
    }
}

impl Found {
    pub(crate) fn country(&self) -> Option<usize> {
        self.hits.country.map(|i| i as usize)
    }
    pub(crate) fn capital(&self) -> Option<usize> {
        self.hits.capital.map(|i| i as usize)
    }
    pub(crate) fn place(&self) -> Option<usize> {
        self.hits.place.map(|i| i as usize)
    }
    pub(crate) fn org(&self) -> Option<usize> {
        self.hits.org.map(|i| i as usize)
    }
    pub(crate) fn title(&self) -> Option<usize> {
        self.hits.title.map(|i| i as usize)
    }
    pub(crate) fn topic(&self) -> Option<usize> {
        self.hits.topic.map(|i| i as usize)
    }
    pub(crate) fn is_demonym(&self) -> bool {
        self.hits.demonym
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    /// The text must be written as in the dictionary (or in capitals, for long names).
    Proper,
    /// Any case.
    Any,
}

/// One dictionary spelling behind an automaton pattern: as written, its case rule, and
/// what it stands for.
type Entry = (String, Case, Vec<Hit>);

/// All dictionaries and the automaton over their phrases.
pub(crate) struct Gazetteer {
    pub(crate) countries: Vec<Country>,
    pub(crate) places: Vec<Place>,
    pub(crate) orgs: Vec<Org>,
    pub(crate) topics: Vec<Topic>,
    /// Normalised roles, indexed by [`Hit::Title`].
    pub(crate) roles: Vec<String>,
    patterns: Vec<(String, Vec<Entry>)>,
    automaton: AhoCorasick,
    first_words: FirstWords,
    name_variants: WordMap<String, usize>,
}

/// A quick test that a word may start a dictionary phrase, run before the automaton.
///
/// A phrase found on word boundaries at the start of a word spans that whole word
/// (its run of alphanumeric characters), so the word is the phrase's own first word:
/// in any case for a phrase of [`Case::Any`]; for a proper name, as the dictionary
/// writes it or in a spelling without lower-case letters. The filter keeps one bit per
/// hash of each such first word; a clear bit rules the word out, a set bit only means
/// "maybe" (hashes collide).
struct FirstWords {
    bits: Vec<u64>,
    /// The longest first word, in bytes.
    max_len: usize,
}

/// How a first word is hashed into [`FirstWords`].
#[derive(Clone, Copy)]
enum Form {
    /// As written, for proper names.
    Exact,
    /// ASCII-lower-cased, for phrases of any case.
    Folded,
    /// ASCII-lower-cased, for proper names written without lower-case letters.
    Shouted,
}

impl FirstWords {
    /// Bits in the filter: a power of two, many times the number of first words.
    const BITS: usize = 1 << 20;

    fn new(patterns: &[(String, Vec<Entry>)]) -> FirstWords {
        let mut filter = FirstWords {
            bits: vec![0; Self::BITS / 64],
            max_len: 0,
        };
        for (_, entries) in patterns {
            for (spelling, case, _) in entries {
                let first = first_word(spelling);
                if first.is_empty() {
                    // Starts with punctuation: never found at the start of a word.
                    continue;
                }
                filter.max_len = filter.max_len.max(first.len());
                match case {
                    Case::Any => filter.set(Form::Folded, first),
                    Case::Proper => {
                        filter.set(Form::Exact, first);
                        filter.set(Form::Shouted, first);
                    }
                }
            }
        }
        filter
    }

    /// The FNV-1a offset basis of a form, and whether the form folds ASCII case.
    fn seed(form: Form) -> (u64, bool) {
        match form {
            Form::Exact => (0xcbf2_9ce4_8422_2325, false),
            Form::Folded => (0x8422_2325_cbf2_9ce4, true),
            Form::Shouted => (0x2325_cbf2_9ce4_8422, true),
        }
    }

    /// One FNV-1a step.
    fn step(hash: u64, byte: u8) -> u64 {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    }

    /// The bit of a hash.
    fn bit_of(hash: u64) -> usize {
        (hash >> 32) as usize % Self::BITS
    }

    /// The bit of a word in one form: an FNV-1a hash of its bytes.
    fn bit(form: Form, word: &str) -> usize {
        let (mut hash, fold) = Self::seed(form);
        for &b in word.as_bytes() {
            hash = Self::step(hash, if fold { b.to_ascii_lowercase() } else { b });
        }
        Self::bit_of(hash)
    }

    /// The bits of a word in all three forms, as [`FirstWords::bit`] gives them, in
    /// one pass over its bytes.
    fn bits(word: &str) -> [usize; 3] {
        let (mut exact, _) = Self::seed(Form::Exact);
        let (mut folded, _) = Self::seed(Form::Folded);
        let (mut shouted, _) = Self::seed(Form::Shouted);
        for &b in word.as_bytes() {
            let lower = b.to_ascii_lowercase();
            exact = Self::step(exact, b);
            folded = Self::step(folded, lower);
            shouted = Self::step(shouted, lower);
        }
        [exact, folded, shouted].map(Self::bit_of)
    }

    fn set(&mut self, form: Form, word: &str) {
        let bit = Self::bit(form, word);
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    fn is_set(&self, bit: usize) -> bool {
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// `word` (a whole run of alphanumeric characters) may be a phrase's first word.
    fn may_start(&self, word: &str) -> bool {
        if word.len() > self.max_len {
            return false;
        }
        let [exact, folded, shouted] = Self::bits(word);
        self.is_set(exact) || self.is_set(folded) || (self.is_set(shouted) && !has_lower_case(word))
    }
}

/// Some letter of `word` is lower case.
fn has_lower_case(word: &str) -> bool {
    if word.is_ascii() {
        word.bytes().any(|b| b.is_ascii_lowercase())
    } else {
        word.chars().any(char::is_lowercase)
    }
}

/// The leading run of alphanumeric characters of `phrase`.
fn first_word(phrase: &str) -> &str {
    let len = phrase
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(phrase.len(), |(i, _)| i);
    &phrase[..len]
}

/// The built-in dictionaries.
pub(crate) static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    Gazetteer::build(Sources {
        countries: include_str!("../data/countries.tsv"),
        epithets: include_str!("../data/epithets.tsv"),
        places: include_str!("../data/places.tsv"),
        regions: include_str!("../data/regions.tsv"),
        organizations: include_str!("../data/organizations.tsv"),
        titles: include_str!("../data/titles.tsv"),
        topics: include_str!("../data/topics.tsv"),
        given_names: include_str!("../data/given_names.tsv"),
    })
});

/// The text of every data file.
pub(crate) struct Sources {
    pub(crate) countries: &'static str,
    pub(crate) epithets: &'static str,
    pub(crate) places: &'static str,
    pub(crate) regions: &'static str,
    pub(crate) organizations: &'static str,
    pub(crate) titles: &'static str,
    pub(crate) topics: &'static str,
    pub(crate) given_names: &'static str,
}

/// Rows of a TSV file: comment lines (`#`) and blank lines skipped.
pub(crate) fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn list(cell: Option<&&str>) -> Vec<String> {
    cell.map(|c| {
        c.split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}

/// Words that the dictionaries list but that are too often something else in prose.
const TOO_AMBIGUOUS: &[&str] = &["Persia", "Turk", "Georgia"];

impl Gazetteer {
    fn build(src: Sources) -> Gazetteer {
        let mut patterns: HashMap<(String, bool), Vec<Hit>> = HashMap::new();
        let mut add = |phrase: &str, case: Case, hit: Hit| {
            let phrase = phrase.trim();
            if phrase.is_empty() {
                return;
            }
            let key = match case {
                Case::Proper => (phrase.to_owned(), true),
                Case::Any => (phrase.to_lowercase(), false),
            };
            // Typographic apostrophes: "Turkey’s" as well as "Turkey's".
            let curly = (key.0.contains('\'')).then(|| (key.0.replace('\'', "’"), key.1));
            for key in std::iter::once(key).chain(curly) {
                let hits = patterns.entry(key).or_default();
                if !hits.contains(&hit) {
                    hits.push(hit);
                }
            }
        };

        let mut countries = Vec::new();
        let mut country_by_name = HashMap::new();
        for row in rows(src.countries) {
            let idx = countries.len();
            let name = row[0].to_owned();
            add(&name, Case::Proper, Hit::Country(idx));
            for alias in list(row.get(2)) {
                add(&alias, Case::Proper, Hit::Country(idx));
                country_by_name.insert(model::fold(&alias), idx);
            }
            for demonym in list(row.get(3)) {
                if !TOO_AMBIGUOUS.contains(&demonym.as_str()) {
                    add(&demonym, Case::Proper, Hit::Demonym(idx));
                }
            }
            let capitals = list(row.get(4));
            for capital in &capitals {
                add(capital, Case::Proper, Hit::Capital(idx));
            }
            country_by_name.insert(model::fold(&name), idx);
            countries.push(Country { name, capitals });
        }
        let country_of = |name: &str| country_by_name.get(&model::fold(name)).copied();

        for row in rows(src.epithets) {
            if let (Some(phrase), Some(country)) =
                (row.first(), row.get(1).and_then(|c| country_of(c)))
            {
                let phrase = phrase.strip_prefix("the ").unwrap_or(phrase);
                add(phrase, Case::Proper, Hit::Epithet(country));
            }
        }

        let mut places = Vec::new();
        for row in rows(src.places) {
            let idx = places.len();
            add(row[0], Case::Proper, Hit::Place(idx));
            for alias in list(row.get(2)) {
                add(&alias, Case::Proper, Hit::Place(idx));
            }
            places.push(Place {
                name: row[0].to_owned(),
                country: row.get(1).and_then(|c| country_of(c)),
            });
        }
        for row in rows(src.regions) {
            let idx = places.len();
            add(row[0], Case::Proper, Hit::Place(idx));
            for alias in list(row.get(1)) {
                add(&alias, Case::Proper, Hit::Place(idx));
            }
            places.push(Place {
                name: row[0].to_owned(),
                country: None,
            });
        }
        // Every capital is a place too, unless the places table has it under a name
        // or an alias ("Kiev" is an alias of Kyiv).
        let place_aliases: std::collections::HashSet<String> = rows(src.places)
            .flat_map(|row| list(row.get(2)))
            .chain(places.iter().map(|p| p.name.clone()))
            .collect();
        for (c_idx, country) in countries.iter().enumerate() {
            for capital in &country.capitals {
                if !place_aliases.contains(capital) {
                    add(capital, Case::Proper, Hit::Place(places.len()));
                    places.push(Place {
                        name: capital.clone(),
                        country: Some(c_idx),
                    });
                }
            }
        }

        let mut orgs = Vec::new();
        for row in rows(src.organizations) {
            let idx = orgs.len();
            add(row[0], Case::Proper, Hit::Org(idx));
            for alias in list(row.get(3)) {
                add(&alias, Case::Proper, Hit::Org(idx));
            }
            orgs.push(Org {
                name: row[0].to_owned(),
                kind: row.get(1).copied().unwrap_or("other").to_owned(),
                country: row.get(2).and_then(|c| country_of(c)),
            });
        }

        let mut roles: Vec<String> = Vec::new();
        for row in rows(src.titles) {
            let Some(phrase) = row.first() else { continue };
            let role = row
                .get(1)
                .filter(|r| !r.is_empty())
                .copied()
                .unwrap_or(phrase);
            let idx = match roles.iter().position(|r| r == role) {
                Some(i) => i,
                None => {
                    roles.push(role.to_owned());
                    roles.len() - 1
                }
            };
            add(phrase, Case::Any, Hit::Title(idx));
            // "the foreign ministers of Iran and Russia": plurals of every title.
            let plural = match phrase.strip_suffix('y') {
                Some(stem) if !phrase.ends_with("ey") => format!("{stem}ies"),
                _ if phrase.ends_with('s') || phrase.ends_with("sh") || phrase.ends_with("ch") => {
                    format!("{phrase}es")
                }
                _ => format!("{phrase}s"),
            };
            add(&plural, Case::Any, Hit::Title(idx));
        }

        let mut topics = Vec::new();
        for row in rows(src.topics) {
            let idx = topics.len();
            add(row[0], Case::Any, Hit::Topic(idx));
            for alias in list(row.get(1)) {
                add(&alias, Case::Any, Hit::Topic(idx));
            }
            topics.push(Topic {
                name: row[0].to_owned(),
            });
        }

        let mut name_variants = WordMap::default();
        for (group, row) in rows(src.given_names).enumerate() {
            for cell in row {
                for variant in cell.split(';') {
                    let key = model::fold(variant);
                    if !key.is_empty() {
                        name_variants.entry(key).or_insert(group);
                    }
                }
            }
        }

        // One automaton pattern per ASCII-folded phrase; each keeps the spellings and
        // case rules of the dictionary entries that share it ("Syria" the country,
        // "syria" the topic).
        let mut grouped: HashMap<String, Vec<Entry>> = HashMap::new();
        for ((phrase, proper), hits) in patterns {
            let case = if proper { Case::Proper } else { Case::Any };
            grouped
                .entry(phrase.to_ascii_lowercase())
                .or_default()
                .push((phrase, case, hits));
        }
        let mut patterns: Vec<(String, Vec<Entry>)> = grouped.into_iter().collect();
        patterns.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, entries) in &mut patterns {
            entries.sort_by(|a, b| {
                a.0.cmp(&b.0)
                    .then((a.1 == Case::Any).cmp(&(b.1 == Case::Any)))
            });
        }
        // A contiguous NFA rather than a DFA: many times smaller, so it builds in a
        // fraction of the start-up time and its states stay in cache while searching.
        let automaton = AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(patterns.iter().map(|p| p.0.as_str()))
            .expect("the dictionary automaton builds from plain strings");
        let first_words = FirstWords::new(&patterns);
        Gazetteer {
            countries,
            places,
            orgs,
            topics,
            roles,
            patterns,
            automaton,
            first_words,
            name_variants,
        }
    }

    /// Every dictionary phrase in `text`, leftmost-longest, on word boundaries, with
    /// proper names matched in their written case.
    pub(crate) fn find(&self, text: &str) -> Vec<Found> {
        let mut out: Vec<Found> = Vec::new();
        let mut covered_to = 0;
        let mut next = 0;
        while let Some(c) = char_at(text, next) {
            let pos = next;
            next += c.len_utf8();
            if !c.is_alphanumeric() {
                continue;
            }
            // A word starts at `pos`: take the rest of it.
            while let Some(c) = char_at(text, next).filter(|c| c.is_alphanumeric()) {
                next += c.len_utf8();
            }
            let word_end = next;
            if pos < covered_to || !self.first_words.may_start(&text[pos..word_end]) {
                continue;
            }
            // The longest dictionary phrase that starts at this word.
            let input = aho_corasick::Input::new(text)
                .span(pos..text.len())
                .anchored(aho_corasick::Anchored::Yes);
            let Some(m) = self.automaton.find(input) else {
                continue;
            };
            let end = m.end();
            if !text.is_char_boundary(end) || !on_word_boundary(text, pos, end) {
                continue;
            }
            let written = &text[pos..end];
            let mut hits = Hits::default();
            for (spelling, case, entry_hits) in &self.patterns[m.pattern().as_usize()].1 {
                if *case == Case::Proper && !proper_case_matches(spelling, written) {
                    continue;
                }
                for &h in entry_hits {
                    hits.add(h);
                }
            }
            if hits.any {
                out.push(Found {
                    start: pos,
                    end,
                    hits,
                });
                covered_to = end;
            }
        }
        out
    }

    /// The spelling-variant group of a folded name part, if the dictionary knows it.
    pub(crate) fn name_variant_group(&self, folded: &str) -> Option<usize> {
        self.name_variants.get(folded).copied()
    }
}

fn proper_case_matches(pattern: &str, written: &str) -> bool {
    if pattern == written {
        return true;
    }
    // "MOSCOW", "IRAN": capitals for names longer than an acronym.
    let letters = written.chars().filter(|c| c.is_alphabetic()).count();
    letters > 3
        && written.chars().all(|c| !c.is_lowercase())
        && pattern.chars().any(char::is_lowercase)
}

fn on_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let word = |c: char| c.is_alphanumeric();
    let before_ok = before.is_none_or(|c| !word(c) || !first.is_some_and(word));
    let after_ok = after.is_none_or(|c| !word(c) || !last.is_some_and(word));
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_parses_sorted_and_without_duplicates() {
        let files = [
            ("countries", include_str!("../data/countries.tsv")),
            ("epithets", include_str!("../data/epithets.tsv")),
            ("places", include_str!("../data/places.tsv")),
            ("regions", include_str!("../data/regions.tsv")),
            ("organizations", include_str!("../data/organizations.tsv")),
            ("titles", include_str!("../data/titles.tsv")),
            ("topics", include_str!("../data/topics.tsv")),
            ("given_names", include_str!("../data/given_names.tsv")),
        ];
        for (name, text) in files {
            let firsts: Vec<&str> = rows(text).map(|r| r[0]).collect();
            assert!(!firsts.is_empty(), "{name} is empty");
            for pair in firsts.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{name}: {:?} must sort before {:?} and be unique",
                    pair[0],
                    pair[1]
                );
            }
        }
    }

    #[test]
    fn finds_countries_demonyms_and_titles_on_word_boundaries() {
        let g = &*GAZETTEER;
        let text = "Iranian Foreign Minister met the Romanian envoy in Moscow; Russia's stance.";
        let found = g.find(text);
        let words: Vec<&str> = found.iter().map(|f| &text[f.start..f.end]).collect();
        assert!(words.contains(&"Iranian"));
        assert!(words.contains(&"Foreign Minister"));
        assert!(words.contains(&"Moscow"));
        assert!(words.contains(&"Russia"));
        assert!(
            !words.contains(&"Oman"),
            "no match inside Romanian: {words:?}"
        );
    }

    #[test]
    fn proper_names_keep_their_case() {
        let g = &*GAZETTEER;
        let text = "let us talk to the US";
        let found = g.find(text);
        let words: Vec<&str> = found.iter().map(|f| &text[f.start..f.end]).collect();
        assert!(words.contains(&"US"));
        assert!(!words.contains(&"us"), "{words:?}");
    }
}
