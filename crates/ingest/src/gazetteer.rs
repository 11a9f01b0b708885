//! The dictionaries: countries, epithets, places, organisations, titles, topics and
//! name-spelling variants, parsed once from the TSV files in `data/` (their sources and
//! licences are in `data/README.md`), and a table of their phrases by first word that
//! finds them all in a sentence.

use std::{collections::HashMap, sync::LazyLock};

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
    /// A seat of government in a city: "the Kremlin" is in Moscow (a place index).
    Seat(usize),
    /// A city or region.
    Place(usize),
    /// An organisation.
    Org(usize),
    /// A title phrase; the index is into [`Gazetteer::roles`].
    Title(usize),
    /// A title only one state gives: "External Affairs Minister" is India's.
    TitleOf(usize),
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
    /// From [`Hit::TitleOf`].
    title_country: Option<u32>,
    topic: Option<u32>,
    seat: Option<u32>,
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
            Hit::TitleOf(c) => first(&mut self.title_country, c),
            Hit::Topic(t) => first(&mut self.topic, t),
            Hit::Seat(p) => first(&mut self.seat, p),
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
    /// The one state whose title this is, if the title belongs to one.
    pub(crate) fn title_country(&self) -> Option<usize> {
        self.hits.title_country.map(|i| i as usize)
    }
    pub(crate) fn topic(&self) -> Option<usize> {
        self.hits.topic.map(|i| i as usize)
    }
    pub(crate) fn is_demonym(&self) -> bool {
        self.hits.demonym
    }
    /// The city of a seat of government: "the Kremlin" is in Moscow.
    pub(crate) fn seat(&self) -> Option<usize> {
        self.hits.seat.map(|i| i as usize)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    /// The text must be written as in the dictionary (or in capitals, for long names).
    Proper,
    /// Any case.
    Any,
}

/// One dictionary spelling behind a pattern: as written, its case rule, and
/// what it stands for.
type Entry = (String, Case, Vec<Hit>);

/// All dictionaries and the table of their phrases.
pub(crate) struct Gazetteer {
    pub(crate) countries: Vec<Country>,
    pub(crate) places: Vec<Place>,
    pub(crate) orgs: Vec<Org>,
    pub(crate) topics: Vec<Topic>,
    /// Normalised roles, indexed by [`Hit::Title`].
    pub(crate) roles: Vec<String>,
    patterns: Vec<(String, Vec<Entry>)>,
    first_words: FirstWords,
    name_variants: WordMap<String, usize>,
    /// ASCII-lower-cased place name -> the first place of that name.
    place_by_name: WordMap<String, usize>,
    /// Lower-cased organisation names and aliases.
    org_by_name: WordMap<String, usize>,
    /// For each country, the place of its first capital.
    capital_places: Vec<Option<usize>>,
}

/// The patterns by their first word: a table that gives, for a word of a text, the
/// longest pattern starting there that may be found on word boundaries.
///
/// Patterns are ASCII-lower-cased phrases, matched against the text with its ASCII
/// letters lower-cased. A pattern matched at the start of a word and ending on a word
/// boundary spans that whole word (its run of alphanumeric characters), so its own
/// first word is the text's word. A match that ends inside the word is never kept, and
/// it is shorter than any match that spans the word; so the longest match worth
/// keeping is the longest pattern of the word's group that the text goes on with, and
/// a word that is no pattern's first word starts no phrase at all. (This is what an
/// anchored leftmost-longest automaton over the patterns finds, less the matches
/// [`Gazetteer::found`] would drop; a unit test holds the two to the same results.)
struct FirstWords {
    /// Open addressing over [`FirstWords::groups`]: 0 for an empty slot, else the
    /// group's index plus one in the low 16 bits and the top 16 bits of its hash.
    slots: Vec<u32>,
    groups: Vec<FirstWord>,
}

/// The patterns that start with one first word.
struct FirstWord {
    /// The first word, ASCII-lower-cased.
    word: Box<[u8]>,
    /// Its first eight bytes, as [`load`] reads them.
    word_head: u64,
    /// The pattern that is this word alone.
    alone: Option<usize>,
    /// The patterns that go on after the word, longest first.
    longer: Vec<Longer>,
}

/// A pattern that goes on after its first word.
struct Longer {
    /// Its first bytes after the first word (up to four), as [`load`] reads them.
    head: u32,
    /// The bits of `head` that hold those bytes.
    head_mask: u32,
    /// All its bytes after the first word.
    tail: Box<[u8]>,
    pattern: usize,
}

impl FirstWords {
    /// Slots in the table: a power of two, at least twice the number of first words.
    const MIN_SLOTS: usize = 1 << 12;

    fn new(patterns: &[(String, Vec<Entry>)]) -> FirstWords {
        let mut by_word: HashMap<&[u8], usize> = HashMap::new();
        let mut groups: Vec<FirstWord> = Vec::new();
        for (idx, (pattern, _)) in patterns.iter().enumerate() {
            let first = first_word(pattern).as_bytes();
            if first.is_empty() {
                // Starts with punctuation: never found at the start of a word.
                continue;
            }
            let group = *by_word.entry(first).or_insert_with(|| {
                groups.push(FirstWord {
                    word: first.into(),
                    word_head: load(first, 0, first.len().min(8)),
                    alone: None,
                    longer: Vec::new(),
                });
                groups.len() - 1
            });
            let group = &mut groups[group];
            let tail = &pattern.as_bytes()[first.len()..];
            if tail.is_empty() {
                group.alone = Some(idx);
            } else {
                let head_len = tail.len().min(4);
                group.longer.push(Longer {
                    head: load(tail, 0, head_len) as u32,
                    head_mask: mask(head_len) as u32,
                    tail: tail.into(),
                    pattern: idx,
                });
            }
        }
        for group in &mut groups {
            group
                .longer
                .sort_by_key(|l| std::cmp::Reverse(l.tail.len()));
        }
        assert!(
            groups.len() < 1 << 16,
            "first words are numbered in 16 bits"
        );
        let n_slots = (groups.len() * 2).next_power_of_two().max(Self::MIN_SLOTS);
        let mut slots = vec![0; n_slots];
        for (idx, group) in groups.iter().enumerate() {
            let hash = hash_word(&group.word, 0..group.word.len());
            let mut slot = hash as usize & (n_slots - 1);
            while slots[slot] != 0 {
                slot = (slot + 1) & (n_slots - 1);
            }
            slots[slot] = tag(hash) | (idx as u32 + 1);
        }
        FirstWords { slots, groups }
    }

    /// The group of the first word at `at` in `lower` (a text with its ASCII letters
    /// lower-cased).
    fn group(&self, lower: &[u8], at: std::ops::Range<usize>) -> Option<&FirstWord> {
        let word = &lower[at.clone()];
        let hash = hash_word(lower, at.clone());
        let head = load(lower, at.start, word.len().min(8));
        let tag = tag(hash);
        let n_slots = self.slots.len();
        let mut slot = hash as usize & (n_slots - 1);
        loop {
            let entry = self.slots[slot];
            if entry == 0 {
                return None;
            }
            if entry & 0xffff_0000 == tag {
                let group = &self.groups[(entry & 0xffff) as usize - 1];
                if group.word_head == head
                    && group.word.len() == word.len()
                    && (word.len() <= 8 || group.word[8..] == word[8..])
                {
                    return Some(group);
                }
            }
            slot = (slot + 1) & (n_slots - 1);
        }
    }

    /// The longest pattern that starts with the word at `word` of `lower` (a text with
    /// its ASCII letters lower-cased) and that the text goes on with: its end and its
    /// index. Shorter patterns of the same first word, and patterns ending inside the
    /// word, are never the longest match kept: see [`FirstWords`].
    fn longest(&self, lower: &[u8], word: std::ops::Range<usize>) -> Option<(usize, usize)> {
        let group = self.group(lower, word.clone())?;
        if !group.longer.is_empty() {
            let rest = &lower[word.end..];
            let next = load(lower, word.end, rest.len().min(4)) as u32;
            for longer in &group.longer {
                // The head holds the whole of a short tail.
                let tail = &longer.tail;
                if next & longer.head_mask == longer.head
                    && tail.len() <= rest.len()
                    && (tail.len() <= 4 || rest[4..].starts_with(&tail[4..]))
                    // Not inside a longer word: "Iranian parliament" in "Iranian
                    // parliamentary speaker" leaves "Iranian" to a shorter pattern.
                    && !rest.get(tail.len()).is_some_and(u8::is_ascii_alphanumeric)
                {
                    return Some((word.end + longer.tail.len(), longer.pattern));
                }
            }
        }
        group.alone.map(|pattern| (word.end, pattern))
    }
}

/// The top 16 bits of a word's hash, in the high half of a slot of
/// [`FirstWords::slots`]: a probe compares them before it reads a group, so that a word
/// that is no first word almost never touches [`FirstWords::groups`] (a cache miss).
/// (The slot number comes from the low bits, so these are independent of it.)
fn tag(hash: u64) -> u32 {
    (hash >> 32) as u32 & 0xffff_0000
}

/// The mask of the low `len` bytes of a `u64` (`len` at most 8).
fn mask(len: usize) -> u64 {
    u64::MAX.checked_shr(8 * (8 - len as u32)).unwrap_or(0)
}

/// Bytes `at..at + len` of `bytes` (`len` at most 8) as a little-endian `u64`, the
/// missing high bytes zero.
fn load(bytes: &[u8], at: usize, len: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")) & mask(len),
        None => bytes[at..at + len]
            .iter()
            .rev()
            .fold(0, |v, &b| v << 8 | u64::from(b)),
    }
}

/// A hash of the word at `word` in `bytes`, eight bytes at a time. It depends on the
/// word's bytes only, not on the bytes around it.
fn hash_word(bytes: &[u8], word: std::ops::Range<usize>) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut hash = (word.len() as u64).wrapping_mul(K);
    let mut at = word.start;
    while at < word.end {
        let len = (word.end - at).min(8);
        hash = (hash ^ load(bytes, at, len)).wrapping_mul(K);
        hash ^= hash >> 29;
        at += len;
    }
    hash.wrapping_mul(K)
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

        let mut seats = Vec::new();
        for row in rows(src.epithets) {
            if let (Some(phrase), Some(country)) =
                (row.first(), row.get(1).and_then(|c| country_of(c)))
            {
                let phrase = phrase.strip_prefix("the ").unwrap_or(phrase);
                add(phrase, Case::Proper, Hit::Epithet(country));
                if let Some(city) = row.get(2).filter(|c| !c.is_empty()) {
                    seats.push((phrase, *city));
                }
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
        for (phrase, city) in seats {
            if let Some(idx) = places.iter().position(|p| p.name == city) {
                add(phrase, Case::Proper, Hit::Seat(idx));
            }
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
        let mut org_by_name = WordMap::default();
        for row in rows(src.organizations) {
            let idx = orgs.len();
            add(row[0], Case::Proper, Hit::Org(idx));
            org_by_name.entry(row[0].to_lowercase()).or_insert(idx);
            for alias in list(row.get(3)) {
                add(&alias, Case::Proper, Hit::Org(idx));
                org_by_name.entry(alias.to_lowercase()).or_insert(idx);
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
            let state = row.get(2).and_then(|c| country_of(c));
            if let Some(c) = state {
                add(phrase, Case::Any, Hit::TitleOf(c));
            }
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

        // One pattern per ASCII-folded phrase; each keeps the spellings and
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
        let first_words = FirstWords::new(&patterns);
        let mut place_by_name = WordMap::default();
        for (idx, place) in places.iter().enumerate() {
            place_by_name
                .entry(place.name.to_ascii_lowercase())
                .or_insert(idx);
        }
        let capital_places = countries
            .iter()
            .map(|c| {
                let capital = c.capitals.first()?;
                places.iter().position(|p| p.name == *capital)
            })
            .collect();
        Gazetteer {
            countries,
            places,
            orgs,
            topics,
            roles,
            patterns,
            first_words,
            name_variants,
            place_by_name,
            org_by_name,
            capital_places,
        }
    }

    /// The organisation named `name` or one of its aliases, ignoring case.
    pub(crate) fn org_named(&self, name: &str) -> Option<usize> {
        self.org_by_name.get(&name.to_lowercase()).copied()
    }

    /// The first place named `name`, ignoring ASCII case.
    pub(crate) fn place_named(&self, name: &str) -> Option<usize> {
        self.place_by_name.get(&name.to_ascii_lowercase()).copied()
    }

    /// The place of a country's first capital.
    pub(crate) fn capital_place(&self, country: usize) -> Option<usize> {
        self.capital_places[country]
    }

    /// Every dictionary phrase in `text`, leftmost-longest, on word boundaries, with
    /// proper names matched in their written case. `ascii_lower` is `text` with its
    /// ASCII letters lower-cased.
    #[cfg(test)]
    pub(crate) fn find(&self, text: &str, ascii_lower: &str) -> Vec<Found> {
        let mut out = Vec::new();
        self.find_into(text, ascii_lower, &words(text), &mut out);
        out
    }

    /// Appends [`Gazetteer::find`] to `out`, given `words`, the byte span of every run
    /// of alphanumeric characters of `text`, in order (as
    /// [`crate::tokens::tokenize_into`] gives them): a phrase can only start at one of
    /// them.
    pub(crate) fn find_into(
        &self,
        text: &str,
        ascii_lower: &str,
        words: &[(usize, usize)],
        out: &mut Vec<Found>,
    ) {
        let mut covered_to = 0;
        for &(pos, word_end) in words {
            if pos < covered_to {
                continue;
            }
            // The longest dictionary phrase that starts at this word.
            let Some((end, pattern)) = self
                .first_words
                .longest(ascii_lower.as_bytes(), pos..word_end)
            else {
                continue;
            };
            if let Some(found) = self.found(text, pos, end, pattern) {
                covered_to = end;
                out.push(found);
            }
        }
    }

    /// A match of `pattern` at `pos..end` of `text`, kept when it lies
    /// on word boundaries and some dictionary entry of the pattern allows its case.
    fn found(&self, text: &str, pos: usize, end: usize, pattern: usize) -> Option<Found> {
        if !text.is_char_boundary(end) || !on_word_boundary(text, pos, end) {
            return None;
        }
        let written = &text[pos..end];
        let mut hits = Hits::default();
        for (spelling, case, entry_hits) in &self.patterns[pattern].1 {
            if *case == Case::Proper && !proper_case_matches(spelling, written) {
                continue;
            }
            for &h in entry_hits {
                hits.add(h);
            }
        }
        hits.any.then_some(Found {
            start: pos,
            end,
            hits,
        })
    }

    /// The spelling-variant group of a folded name part, if the dictionary knows it.
    pub(crate) fn name_variant_group(&self, folded: &str) -> Option<usize> {
        self.name_variants.get(folded).copied()
    }
}

/// The byte span of every run of alphanumeric characters of `text`, in order.
#[cfg(test)]
pub(crate) fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
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
        out.push((pos, next));
    }
    out
}

fn proper_case_matches(pattern: &str, written: &str) -> bool {
    // Byte by byte: names are short, and most differ early, which costs less than a
    // call to compare them.
    if pattern.len() == written.len() && pattern.bytes().zip(written.bytes()).all(|(a, b)| a == b) {
        return true;
    }
    // "MOSCOW", "IRAN": capitals for names longer than an acronym.
    let letters = written.chars().filter(|c| c.is_alphabetic()).count();
    letters > 3
        && written.chars().all(|c| !c.is_lowercase())
        && pattern.chars().any(char::is_lowercase)
}

fn on_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric();
    // Each side looks at the match's own edge only when the neighbour is a word
    // character: most matches end before a space or a stop.
    let before_ok = char_before(text, start)
        .is_none_or(|c| !word(c) || !char_at(text, start).is_some_and(word));
    let after_ok =
        char_at(text, end).is_none_or(|c| !word(c) || !char_before(text, end).is_some_and(word));
    before_ok && after_ok
}

/// The character ending at byte `i` of `s` (a character boundary), if any; ASCII
/// without decoding.
fn char_before(s: &str, i: usize) -> Option<char> {
    match s.as_bytes()[..i].last() {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => s[..i].chars().next_back(),
    }
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
        let found = g.find(text, &text.to_ascii_lowercase());
        let words: Vec<&str> = found.iter().map(|f| &text[f.start..f.end]).collect();
        assert!(words.contains(&"Iranian"));
        assert!(words.contains(&"Foreign Minister"));
        assert!(words.contains(&"Moscow"));
        assert!(words.contains(&"Russia"));
        assert!(
            !words.contains(&"Oman"),
            "no match inside Romanian: {words:?}"
        );
        // "Iranian parliament" is an organisation's alias: not inside "parliamentary".
        let text = "Iranian parliamentary speaker";
        let found = g.find(text, &text.to_ascii_lowercase());
        assert!(found
            .first()
            .is_some_and(|f| &text[f.start..f.end] == "Iranian" && f.country().is_some()));
    }

    /// [`Gazetteer::find`] without [`FirstWords`]: an anchored automaton over the
    /// patterns, run at every word, keeping the longest match that does not end inside
    /// a word.
    fn find_by_automaton(g: &Gazetteer, text: &str) -> Vec<Found> {
        static AUTOMATON: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(aho_corasick::MatchKind::Standard)
                .start_kind(aho_corasick::StartKind::Anchored)
                .build(GAZETTEER.patterns.iter().map(|p| p.0.as_str()))
                .unwrap()
        });
        let mut out = Vec::new();
        let mut covered_to = 0;
        for (pos, c) in text.char_indices() {
            let word_start = c.is_alphanumeric()
                && text[..pos]
                    .chars()
                    .next_back()
                    .is_none_or(|p| !p.is_alphanumeric());
            if !word_start || pos < covered_to {
                continue;
            }
            let input = aho_corasick::Input::new(text)
                .span(pos..text.len())
                .anchored(aho_corasick::Anchored::Yes);
            let mut state = aho_corasick::automaton::OverlappingState::start();
            let mut longest: Option<aho_corasick::Match> = None;
            loop {
                AUTOMATON.find_overlapping(input.clone(), &mut state);
                let Some(m) = state.get_match() else { break };
                let inside_word = text
                    .as_bytes()
                    .get(m.end())
                    .is_some_and(u8::is_ascii_alphanumeric);
                if m.start() == pos && !inside_word && longest.is_none_or(|l| m.end() > l.end()) {
                    longest = Some(m);
                }
            }
            let Some(m) = longest else {
                continue;
            };
            if let Some(found) = g.found(text, pos, m.end(), m.pattern().as_usize()) {
                covered_to = found.end;
                out.push(found);
            }
        }
        out
    }

    #[test]
    fn first_words_never_change_what_is_found() {
        let g = &*GAZETTEER;
        // Every spelling, in several cases and followed by what may or may not
        // continue it, and each glued to the next: "minister of", "Iran-Iraq", "U.S.".
        let mut texts: Vec<String> = Vec::new();
        let spellings: Vec<&str> = g
            .patterns
            .iter()
            .flat_map(|(_, entries)| entries.iter().map(|e| e.0.as_str()))
            .collect();
        for pair in spellings.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            for text in [
                a.to_owned(),
                format!("{a} {b}"),
                format!("{a}s {b}."),
                format!("the {a}'s {b}"),
                format!("{a}-{b}, {a}. {b}"),
                format!("{} and {}", a.to_uppercase(), b.to_lowercase()),
                format!("{}{b} {a}{}", a.to_lowercase(), b.to_uppercase()),
                format!("({a}) {b}’s {a} of {b}"),
                format!("{a} {a}"),
            ] {
                texts.push(text);
            }
        }
        texts.extend(crate::test_article_texts());
        for text in &texts {
            let lower = text.to_ascii_lowercase();
            assert_eq!(g.find(text, &lower), find_by_automaton(g, text), "{text:?}");
        }
    }

    #[test]
    fn places_are_looked_up_as_by_a_scan() {
        let g = &*GAZETTEER;
        for place in &g.places {
            for name in [
                place.name.clone(),
                place.name.to_ascii_uppercase(),
                place.name.to_ascii_lowercase(),
                format!("{}x", place.name),
            ] {
                let scan = g
                    .places
                    .iter()
                    .position(|p| p.name.eq_ignore_ascii_case(&name));
                assert_eq!(g.place_named(&name), scan, "{name:?}");
            }
        }
        for (idx, country) in g.countries.iter().enumerate() {
            let scan = country
                .capitals
                .first()
                .and_then(|capital| g.places.iter().position(|p| p.name == *capital));
            assert_eq!(g.capital_place(idx), scan, "{}", country.name);
        }
    }

    #[test]
    fn slots_tell_first_words_apart_by_their_tags() {
        let table = &GAZETTEER.first_words;
        let tags: std::collections::HashSet<u32> = table
            .slots
            .iter()
            .filter(|&&s| s != 0)
            .map(|s| s & 0xffff_0000)
            .collect();
        // Thousands of first words: a tag taken from the wrong bits would be one value.
        assert!(tags.len() > table.groups.len() / 2, "{} tags", tags.len());
        for group in &table.groups {
            let lower = [b"x ".as_slice(), &group.word, b" y"].concat();
            let found = table.group(&lower, 2..2 + group.word.len());
            assert!(found.is_some_and(|f| f.word == group.word));
        }
    }

    #[test]
    fn every_seat_of_government_stands_in_a_known_city() {
        let g = &*GAZETTEER;
        let mut seats = 0;
        for row in rows(include_str!("../data/epithets.tsv")) {
            let Some(city) = row.get(2).filter(|c| !c.is_empty()) else {
                continue;
            };
            seats += 1;
            let phrase = row[0];
            let found = g.find(phrase, &phrase.to_ascii_lowercase());
            let seat = found.first().and_then(Found::seat);
            assert_eq!(
                seat.map(|p| g.places[p].name.as_str()),
                Some(*city),
                "{phrase}"
            );
        }
        assert!(seats > 0);
    }

    #[test]
    fn proper_names_keep_their_case() {
        let g = &*GAZETTEER;
        let text = "let us talk to the US";
        let found = g.find(text, &text.to_ascii_lowercase());
        let words: Vec<&str> = found.iter().map(|f| &text[f.start..f.end]).collect();
        assert!(words.contains(&"US"));
        assert!(!words.contains(&"us"), "{words:?}");
    }
}
