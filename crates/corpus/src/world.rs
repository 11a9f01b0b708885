//! The made-up world the articles report on: real countries, capitals and topics read
//! from the extractor's own tables, and generated officials who hold offices in turn.

use std::sync::LazyLock;

use crate::rng::{Rng, STREAM_MINOR, STREAM_OFFICIAL, STREAM_WORLD};

/// One country of `crates/ingest/data/countries.tsv`.
#[derive(Debug)]
pub(crate) struct Country {
    /// The short name, as news writes it ("United States").
    pub(crate) name: String,
    /// The first demonym ("American"), if the table has one.
    pub(crate) demonym: Option<String>,
    /// The first capital ("Washington").
    pub(crate) capital: String,
}

impl Country {
    /// The name as it reads inside a sentence: "the United States", "France".
    pub(crate) fn the_name(&self) -> String {
        if needs_article(&self.name) {
            format!("the {}", self.name)
        } else {
            self.name.clone()
        }
    }

    /// The adjective inside a sentence where an apostrophe form reads badly:
    /// "Russian", or "Dominica" without a demonym.
    pub(crate) fn adjective_lower(&self) -> String {
        self.demonym.clone().unwrap_or_else(|| self.name.clone())
    }

    /// An adjective for titles: "Russian", or "Dominica's" without a demonym.
    pub(crate) fn adjective(&self) -> String {
        match &self.demonym {
            Some(d) => d.clone(),
            None => format!("{}'s", self.the_name()),
        }
    }
}

fn needs_article(name: &str) -> bool {
    const PLURAL_OR_FORMAL: &[&str] = &[
        "Bahamas",
        "Comoros",
        "Gambia",
        "Maldives",
        "Netherlands",
        "Philippines",
        "Seychelles",
    ];
    name.starts_with("United ")
        || name.ends_with("Republic")
        || name.ends_with("Islands")
        || name.starts_with("Democratic Republic")
        || name.starts_with("Republic of")
        || PLURAL_OR_FORMAL.contains(&name)
}

/// The tables, parsed once, in popularity order (most reported first).
#[derive(Debug)]
pub(crate) struct Tables {
    pub(crate) countries: Vec<Country>,
    pub(crate) topics: Vec<String>,
}

/// Countries that news reports on most, first in popularity order; the rest follow in
/// table order. Only the order is ours: every fact comes from `countries.tsv`.
const POPULAR: &[&str] = &[
    "United States",
    "China",
    "Russia",
    "Ukraine",
    "India",
    "Iran",
    "Turkey",
    "France",
    "Germany",
    "United Kingdom",
    "Japan",
    "Saudi Arabia",
    "Israel",
    "Brazil",
    "Egypt",
    "Qatar",
    "Pakistan",
    "South Korea",
    "Italy",
    "United Arab Emirates",
    "Indonesia",
    "South Africa",
    "Poland",
    "Kazakhstan",
    "Iraq",
    "Syria",
    "Azerbaijan",
    "Armenia",
    "Belarus",
    "Canada",
];

pub(crate) static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut countries: Vec<Country> = include_str!("../../ingest/data/countries.tsv")
        .lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let first = |col: usize| {
                cols.get(col)
                    .and_then(|c| c.split(';').next())
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
            };
            Some(Country {
                name: first(0)?,
                demonym: first(3),
                capital: first(4)?,
            })
        })
        .collect();
    countries.sort_by_key(|c| {
        POPULAR
            .iter()
            .position(|p| *p == c.name)
            .unwrap_or(POPULAR.len())
    });
    let mut topics: Vec<String> = include_str!("../../ingest/data/topics.tsv")
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    // Topic popularity is a fixed shuffle, the same for every seed.
    Rng::new(0, STREAM_WORLD).shuffle(&mut topics);
    Tables { countries, topics }
});

/// An office a person holds for a country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Office {
    President,
    PrimeMinister,
    ForeignMinister,
    DefenceMinister,
    FinanceMinister,
    TradeMinister,
    EnergyMinister,
    DeputyForeignMinister,
    SecurityAdviser,
    InteriorMinister,
}

impl Office {
    /// Offices by how often they make the news, with weights in percent.
    const WEIGHTED: [(Office, usize); 10] = [
        (Office::ForeignMinister, 34),
        (Office::President, 18),
        (Office::PrimeMinister, 13),
        (Office::DefenceMinister, 8),
        (Office::DeputyForeignMinister, 6),
        (Office::TradeMinister, 5),
        (Office::FinanceMinister, 5),
        (Office::EnergyMinister, 4),
        (Office::SecurityAdviser, 4),
        (Office::InteriorMinister, 3),
    ];

    pub(crate) fn draw(rng: &mut Rng) -> Office {
        let mut roll = rng.below(100);
        for (office, weight) in Office::WEIGHTED {
            if roll < weight {
                return office;
            }
            roll -= weight;
        }
        Office::ForeignMinister
    }

    /// The title as written before a name: "Foreign Minister".
    pub(crate) fn title(self) -> &'static str {
        match self {
            Office::President => "President",
            Office::PrimeMinister => "Prime Minister",
            Office::ForeignMinister => "Foreign Minister",
            Office::DefenceMinister => "Defence Minister",
            Office::FinanceMinister => "Finance Minister",
            Office::TradeMinister => "Trade Minister",
            Office::EnergyMinister => "Energy Minister",
            Office::DeputyForeignMinister => "Deputy Foreign Minister",
            Office::SecurityAdviser => "National Security Adviser",
            Office::InteriorMinister => "Interior Minister",
        }
    }

    /// Other ways to write the title, lower case inside a sentence.
    pub(crate) fn variants(self) -> &'static [&'static str] {
        match self {
            Office::President => &["president", "head of state"],
            Office::PrimeMinister => &["prime minister", "premier", "head of government"],
            Office::ForeignMinister => &[
                "foreign minister",
                "top diplomat",
                "minister of foreign affairs",
            ],
            Office::DefenceMinister => &[
                "defence minister",
                "defense minister",
                "minister of defence",
            ],
            Office::FinanceMinister => &["finance minister", "minister of finance"],
            Office::TradeMinister => &["trade minister", "minister of trade"],
            Office::EnergyMinister => &["energy minister", "minister of energy"],
            Office::DeputyForeignMinister => &["deputy foreign minister"],
            Office::SecurityAdviser => &["national security adviser", "security adviser"],
            Office::InteriorMinister => &["interior minister", "minister of the interior"],
        }
    }

    fn index(self) -> u64 {
        Office::WEIGHTED
            .iter()
            .position(|(o, _)| *o == self)
            .unwrap_or(0) as u64
    }

    /// Typical months in office for this office.
    fn term_months(self) -> u64 {
        match self {
            Office::President => 60,
            Office::PrimeMinister => 40,
            Office::ForeignMinister => 44,
            _ => 30,
        }
    }
}

/// A generated person.
#[derive(Clone, Debug)]
pub(crate) struct Person {
    /// "Talor Venasco", "K. Amir-Dastani", "Ilo M. Parvenko".
    pub(crate) name: String,
    /// The surname used on second mention.
    pub(crate) surname: String,
    /// "he" or "she".
    pub(crate) he: &'static str,
    /// "his" or "her".
    pub(crate) his: &'static str,
}

/// The holder of `office` for country number `country` in the month `month` (months
/// since year 0). Offices change hands every few years at a per-office offset, so the
/// same person comes back in every article of their term.
pub(crate) fn official(seed: u64, country: usize, office: Office, month: u64) -> Person {
    let key = (country as u64) << 8 | office.index();
    let mut offset_rng = Rng::new(seed, STREAM_OFFICIAL | key << 20 | 0xFFFFF);
    let term = office.term_months() + offset_rng.below(24) as u64;
    let offset = offset_rng.below(term as usize) as u64;
    let term_index = (month + offset) / term;
    person(&mut Rng::new(
        seed,
        STREAM_OFFICIAL | key << 20 | (term_index & 0xFFFFF),
    ))
}

/// A person outside the offices: a spokesperson, an analyst, an envoy. `rank` is
/// drawn Zipf so that some are quoted again and again.
pub(crate) fn minor(seed: u64, rank: usize) -> Person {
    person(&mut Rng::new(seed, STREAM_MINOR | rank as u64))
}

const ONSETS: &[&str] = &[
    "b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kh",
    "sh", "st", "tr", "ch", "gr", "ks", "y",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "a", "e", "o", "i", "a", "ai", "ia"];
const CODAS: &[&str] = &[
    "", "", "", "n", "r", "l", "s", "m", "k", "v", "sh", "nd", "rt",
];
const INNER_CODAS: &[&str] = &["n", "r", "l", "s"];
const SURNAME_ENDINGS: &[&str] = &[
    "", "", "", "", "ov", "ova", "enko", "ez", "sen", "ski", "ani", "idis", "escu", "yan", "oglu",
    "ier", "ala", "ic", "berg", "ini",
];

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

fn word(rng: &mut Rng, n_syllables: usize) -> String {
    let mut out = String::new();
    for i in 0..n_syllables {
        if i > 0 || rng.chance(85) {
            out.push_str(rng.pick(ONSETS));
        }
        out.push_str(rng.pick(VOWELS));
        if i + 1 == n_syllables {
            out.push_str(rng.pick(CODAS));
        } else if rng.chance(20) {
            out.push_str(rng.pick(INNER_CODAS));
        }
    }
    capitalize(&out)
}

fn initial(rng: &mut Rng) -> String {
    let letters = "ABDEFGHJKLMNOPRSTVY".as_bytes();
    format!("{}.", rng.pick(letters) as char)
}

fn person(rng: &mut Rng) -> Person {
    let n_given = if rng.chance(75) { 2 } else { 3 };
    let given = word(rng, n_given);
    let n_surname = if rng.chance(60) { 2 } else { 3 };
    let mut surname = word(rng, n_surname);
    surname.push_str(rng.pick(SURNAME_ENDINGS));
    if rng.chance(10) {
        surname = format!("{}-{}", word(rng, 2), surname);
    }
    let name = match rng.below(100) {
        0..=5 => format!("{} {surname}", initial(rng)),
        6..=9 => format!("{} {} {surname}", initial(rng), initial(rng)),
        10..=17 => format!("{given} {} {surname}", initial(rng)),
        _ => format!("{given} {surname}"),
    };
    let female = rng.chance(40);
    Person {
        name,
        surname,
        he: if female { "she" } else { "he" },
        his: if female { "her" } else { "his" },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse_and_popular_countries_come_first() {
        let tables = &*TABLES;
        assert!(tables.countries.len() > 190);
        assert_eq!(tables.countries[0].name, "United States");
        assert_eq!(tables.countries[0].capital, "Washington");
        assert!(tables.topics.len() > 100);
        for p in POPULAR {
            assert!(
                tables.countries.iter().any(|c| c.name == *p),
                "{p} is not in countries.tsv"
            );
        }
    }

    #[test]
    fn an_office_has_one_holder_for_a_term_and_then_another() {
        let first = official(3, 5, Office::ForeignMinister, 2024 * 12);
        let next_month = official(3, 5, Office::ForeignMinister, 2024 * 12 + 1);
        let ten_years = official(3, 5, Office::ForeignMinister, 2034 * 12);
        assert!(first.name == next_month.name || first.name != ten_years.name);
        assert_ne!(first.name, ten_years.name);
    }
}
