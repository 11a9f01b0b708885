//! One generated article: a template for the story, filler for the background, noise
//! around it.

use jiff::{civil::Date, ToSpan as _};

use crate::{
    rng::Rng,
    world::{self, Country, Office, Person, TABLES},
};

/// Fictional news agencies: (name, short form, social handle).
const AGENCIES: &[(&str, &str, &str)] = &[
    ("Meridian Wire", "MW", "meridianwire"),
    ("Northlight News", "NLN", "northlightnews"),
    ("Coastal Press Service", "CPS", "coastalpress"),
    ("Atlas Newsroom", "ANR", "atlasnewsroom"),
    ("Kestrel News Agency", "KNA", "kestrelnews"),
    ("Orbis Report", "OR", "orbisreport"),
    ("Harbor Dispatch", "HD", "harbordispatch"),
    ("Lantern Agency", "LA", "lanternagency"),
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_SHORT: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

/// Multilateral gatherings on whose sidelines bilateral meetings happen.
const GATHERINGS: &[&str] = &[
    "G20 summit",
    "UN General Assembly",
    "BRICS summit",
    "ASEAN Regional Forum",
    "SCO summit",
    "NATO summit",
    "World Economic Forum",
    "UN climate conference",
    "Commonwealth heads of government meeting",
    "African Union summit",
];

/// The kinds of story, with weights in percent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Story {
    BilateralHeld,
    BilateralPlanned,
    PhoneCall,
    StateVisit,
    Multilateral,
    Sidelines,
    PressConference,
    Statement,
    Interview,
}

const STORIES: [(Story, usize); 9] = [
    (Story::BilateralHeld, 22),
    (Story::BilateralPlanned, 12),
    (Story::PhoneCall, 14),
    (Story::StateVisit, 8),
    (Story::Multilateral, 8),
    (Story::Sidelines, 8),
    (Story::PressConference, 10),
    (Story::Statement, 10),
    (Story::Interview, 8),
];

/// A person in office for a country, as the story names them.
struct Actor<'w> {
    person: Person,
    office: Office,
    country: &'w Country,
}

impl Actor<'_> {
    /// First mention, in one of several shapes.
    fn intro(&self, rng: &mut Rng) -> String {
        let p = &self.person;
        let title = self.office.title();
        match rng.below(10) {
            0..=3 => format!("{} {title} {}", self.country.adjective(), p.name),
            4..=5 => format!("{title} {} of {}", p.name, self.country.the_name()),
            6..=7 => format!(
                "{}, {}'s {}",
                p.name,
                self.country.the_name(),
                rng.pick(self.office.variants())
            ),
            _ => format!(
                "{}'s {title} {}",
                capitalize_first(&self.country.the_name()),
                p.name
            ),
        }
    }

    /// Later mentions: the surname, sometimes the role.
    fn again(&self, rng: &mut Rng) -> String {
        if rng.chance(75) {
            self.person.surname.clone()
        } else {
            format!(
                "the {} {}",
                self.country.adjective(),
                rng.pick(self.office.variants())
            )
        }
    }
}

fn capitalize_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// "an Iranian", "a Russian".
fn a_an(word: &str) -> &'static str {
    match word.chars().next() {
        Some('A' | 'E' | 'I' | 'O' | 'U' | 'a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// "A, B and C".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// How a date is written in running text.
fn written_date(rng: &mut Rng, date: Date, with_year: bool) -> String {
    let month = usize::from(date.month() as u8 - 1);
    let day = date.day();
    let year = date.year();
    match (rng.below(4), with_year) {
        (0, true) => format!("{day} {} {year}", MONTHS[month]),
        (1, true) => format!("{} {day}, {year}", MONTHS_SHORT[month]),
        (_, true) => format!("{} {day}, {year}", MONTHS[month]),
        (0, false) => format!("{day} {}", MONTHS[month]),
        (_, false) => format!("{} {day}", MONTHS[month]),
    }
}

fn weekday(date: Date) -> &'static str {
    use jiff::civil::Weekday::*;
    match date.weekday() {
        Monday => "Monday",
        Tuesday => "Tuesday",
        Wednesday => "Wednesday",
        Thursday => "Thursday",
        Friday => "Friday",
        Saturday => "Saturday",
        Sunday => "Sunday",
    }
}

fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(days.days()).unwrap_or(date)
}

/// When something happened, relative to the dateline: "on Tuesday", "on March 5, 2024".
fn past_when(rng: &mut Rng, today: Date) -> String {
    let then = add_days(today, -(rng.range(1, 6) as i64));
    match rng.below(10) {
        0..=3 => format!("on {}", weekday(then)),
        4 => format!("on {} evening", weekday(then)),
        5 => format!("earlier on {}", weekday(today)),
        6..=7 => format!("on {}", written_date(rng, then, true)),
        _ => format!("on {}", written_date(rng, then, false)),
    }
}

/// When something will happen: "next week", "on Friday", "on 12 May 2024".
fn future_when(rng: &mut Rng, today: Date) -> String {
    let then = add_days(today, rng.range(2, 40) as i64);
    match rng.below(10) {
        0..=1 => "next week".to_owned(),
        2 => "later this month".to_owned(),
        3..=4 => format!("on {}", weekday(add_days(today, rng.range(1, 6) as i64))),
        5..=7 => format!("on {}", written_date(rng, then, true)),
        _ => format!("on {}", written_date(rng, then, false)),
    }
}

/// Everything one article is built from.
struct Draft<'w> {
    rng: Rng,
    seed: u64,
    today: Date,
    agency: (&'static str, &'static str, &'static str),
    countries: Vec<&'w Country>,
    country_ranks: Vec<usize>,
    topics: Vec<&'w str>,
}

impl<'w> Draft<'w> {
    fn month(&self) -> u64 {
        (self.today.year() as u64) * 12 + (self.today.month() as u64 - 1)
    }

    fn actor(&self, which: usize, office: Office) -> Actor<'w> {
        let rank = self.country_ranks[which];
        Actor {
            person: world::official(self.seed, rank, office, self.month()),
            office,
            country: self.countries[which],
        }
    }

    fn minor(&mut self) -> Person {
        let rank = self.rng.zipf(20_000);
        world::minor(self.seed, rank)
    }

    fn topic(&self, idx: usize) -> String {
        self.topics[idx % self.topics.len()].to_owned()
    }

    fn place(&self, which: usize) -> String {
        self.countries[which].capital.clone()
    }
}

/// The article number `index` of the corpus with seed `seed`: (file name, text).
pub(crate) fn article(seed: u64, index: usize) -> (String, String) {
    let tables = &*TABLES;
    let mut rng = Rng::new(seed, index as u64);
    let start = jiff::civil::date(2019, 1, 1);
    let today = add_days(start, rng.below(7 * 365) as i64);
    let agency = rng.pick(AGENCIES);
    let story = {
        let mut roll = rng.below(100);
        let mut chosen = Story::BilateralHeld;
        for (story, weight) in STORIES {
            if roll < weight {
                chosen = story;
                break;
            }
            roll -= weight;
        }
        chosen
    };
    let n_countries = match story {
        Story::Multilateral => rng.range(3, 5),
        _ => 2,
    };
    let country_ranks = rng.zipf_distinct(tables.countries.len(), n_countries, &[]);
    let countries: Vec<&Country> = country_ranks
        .iter()
        .map(|&r| &tables.countries[r])
        .collect();
    let topic_ranks = rng.zipf_distinct(tables.topics.len(), 4, &[]);
    let topics: Vec<&str> = topic_ranks
        .iter()
        .map(|&r| tables.topics[r].as_str())
        .collect();
    let mut s = Draft {
        rng,
        seed,
        today,
        agency,
        countries,
        country_ranks,
        topics,
    };

    let (headline, mut paragraphs) = match story {
        Story::BilateralHeld => bilateral_held(&mut s),
        Story::BilateralPlanned => bilateral_planned(&mut s),
        Story::PhoneCall => phone_call(&mut s),
        Story::StateVisit => state_visit(&mut s),
        Story::Multilateral => multilateral(&mut s),
        Story::Sidelines => sidelines(&mut s),
        Story::PressConference => press_conference(&mut s),
        Story::Statement => statement(&mut s),
        Story::Interview => interview(&mut s),
    };

    // The dateline opens the first paragraph, in one of the shapes agencies use.
    let city = if story == Story::StateVisit || s.rng.chance(50) {
        s.place(1)
    } else {
        s.place(0)
    };
    let (header, dateline) = dateline(&mut s, &city);
    paragraphs[0] = format!("{dateline}{}", paragraphs[0]);

    // Background until the article is 2-4 KB.
    let target = s.rng.range(2_100, 3_500);
    let mut len: usize =
        headline.len() + header.len() + paragraphs.iter().map(|p| p.len() + 2).sum::<usize>();
    let mut used = [false; N_BACKGROUND];
    let mut typos = usize::from(s.rng.chance(30));
    while len < target {
        let Some(mut para) = background(&mut s, &mut used) else {
            break;
        };
        if typos > 0 && s.rng.chance(50) {
            para = typo(&mut s.rng, &para);
            typos -= 1;
        }
        if len + para.len() + 2 > 3_800 {
            continue;
        }
        len += para.len() + 2;
        // The story's lead and first paragraph stay on top, as in agency copy.
        let first = paragraphs.len().min(2);
        let at = s.rng.range(first, paragraphs.len());
        paragraphs.insert(at, para);
    }

    let mut text = String::with_capacity(len + 512);
    text.push_str(&headline);
    text.push_str("\n\n");
    if !header.is_empty() {
        text.push_str(&header);
        text.push_str("\n\n");
    }
    for para in &paragraphs {
        text.push_str(para);
        text.push_str("\n\n");
    }
    tail(&mut s, &mut text);
    let name = format!("{index:07}-{}.txt", world_slug(&s.countries[0].name));
    (name, text)
}

fn world_slug(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// The header line (possibly empty) and the dateline that opens the first paragraph.
fn dateline(s: &mut Draft<'_>, city: &str) -> (String, String) {
    let (agency, short, _) = s.agency;
    let month = usize::from(s.today.month() as u8 - 1);
    let day = s.today.day();
    let year = s.today.year();
    match s.rng.below(4) {
        0 => (
            String::new(),
            format!(
                "{}, {} {day} ({agency}) - ",
                city.to_uppercase(),
                MONTHS[month]
            ),
        ),
        1 => (
            String::new(),
            format!("{city}, {day} {} {year} ({short}) -- ", MONTHS[month]),
        ),
        2 => (
            format!("{} {day}, {year}", MONTHS[month]),
            format!("{city} ({short}) - "),
        ),
        _ => (
            format!(
                "{year}-{:02}-{day:02} {:02}:{:02} GMT",
                month + 1,
                s.rng.below(24),
                s.rng.below(60)
            ),
            format!("{city}({short})- "),
        ),
    }
}

fn held_verb(rng: &mut Rng) -> &'static str {
    rng.pick(&[
        "constructive",
        "frank",
        "productive",
        "substantive",
        "difficult but useful",
        "warm",
    ])
}

fn bilateral_held(s: &mut Draft<'_>) -> (String, Vec<String>) {
    let office = Office::draw(&mut s.rng);
    let a = s.actor(0, office);
    let b = s.actor(1, office);
    let when = past_when(&mut s.rng, s.today);
    let place = if s.rng.chance(70) {
        s.place(1)
    } else {
        s.place(0)
    };
    let (t0, t1, t2) = (s.topic(0), s.topic(1), s.topic(2));
    let (ai, bi) = (a.intro(&mut s.rng), b.intro(&mut s.rng));
    let lead = match s.rng.below(5) {
        0 => format!("{ai} met {bi} in {place} {when}, and the two sides said the talks focused on {t0} and {t1}."),
        1 => format!("{ai} held talks with {} {} counterpart {} in {place} {when}.", a.person.his, b.country.adjective(), b.person.name),
        2 => format!("{ai} and {bi} met {when} in {place} to discuss {}.", list(&[t0.clone(), t1.clone(), t2.clone()])),
        3 => format!("{} received {ai} in {place} {when} for talks on {t0}.", capitalize_first(&bi)),
        _ => format!("{ai} sat down with {bi} {when} in {place}, the first meeting between the two since the start of the year."),
    };
    let again_a = a.again(&mut s.rng);
    let mut body = vec![
        format!(
            "The two {}s discussed {}, according to a statement released by the {} government after the meeting.",
            office.title().to_lowercase(),
            list(&[t0.clone(), t1, t2.clone()]),
            a.country.adjective()
        ),
        format!(
            "{} told reporters that the talks had been {} and that both sides had agreed to keep in close contact on {t2}.",
            capitalize_first(&again_a),
            held_verb(&mut s.rng)
        ),
    ];
    if s.rng.chance(50) {
        body.push(format!(
            "{} said {} country wanted \"a predictable relationship\" with {}, and invited {} to visit {} next year.",
            b.person.surname,
            b.person.his,
            a.country.the_name(),
            a.person.surname,
            b.country.capital
        ));
    }
    let headline = format!(
        "{} and {} discuss {t0} in {place}",
        a.person.surname, b.person.surname
    );
    (headline, [vec![lead], body].concat())
}

fn bilateral_planned(s: &mut Draft<'_>) -> (String, Vec<String>) {
    let office = Office::draw(&mut s.rng);
    let a = s.actor(0, office);
    let b = s.actor(1, office);
    let when = future_when(&mut s.rng, s.today);
    let (t0, t1) = (s.topic(0), s.topic(1));
    let ai = a.intro(&mut s.rng);
    let lead = match s.rng.below(3) {
        0 => format!(
            "{ai} will travel to {} {when} for talks with {}, {} office said.",
            b.country.capital,
            b.intro(&mut s.rng),
            a.person.his
        ),
        1 => format!(
            "{ai} is scheduled to meet {} {} counterpart {} {when} in {}.",
            a.person.his,
            b.country.adjective(),
            b.person.name,
            b.country.capital
        ),
        _ => format!(
            "{ai} is expected to hold talks with {} {when}, officials in {} said.",
            b.intro(&mut s.rng),
            a.country.capital
        ),
    };
    let body = vec![
        format!("The agenda is expected to include {t0} and {t1}, a diplomatic source told {}.", s.agency.0),
        format!(
            "It will be {} first visit to {} since taking office, and {} is also due to meet business leaders.",
            a.again(&mut s.rng),
            b.country.the_name(),
            a.person.he
        ),
    ];
    let headline = format!(
        "{} to visit {} for talks on {t0}",
        a.person.surname, b.country.capital
    );
    (headline, [vec![lead], body].concat())
}

fn phone_call(s: &mut Draft<'_>) -> (String, Vec<String>) {
    let office = if s.rng.chance(50) {
        Office::President
    } else {
        Office::draw(&mut s.rng)
    };
    let a = s.actor(0, office);
    let b = s.actor(1, office);
    let when = past_when(&mut s.rng, s.today);
    let (t0, t1) = (s.topic(0), s.topic(1));
    let (ai, bi) = (a.intro(&mut s.rng), b.intro(&mut s.rng));
    let lead = match s.rng.below(3) {
        0 => format!("{ai} held a phone call with {bi} {when}, discussing {t0} and {t1}."),
        1 => format!("{ai} and {bi} spoke by telephone {when} about {t0}."),
        _ => format!(
            "In a telephone conversation {when}, {ai} and {bi} exchanged views on {t0} and {t1}."
        ),
    };
    let body = vec![
        format!(
            "The call was initiated by the {} side, {}'s office said in a readout.",
            b.country.adjective(),
            b.person.surname
        ),
        format!(
            "{} stressed the importance of {t1} and said {} would \"continue to coordinate closely\" with {}.",
            capitalize_first(&a.again(&mut s.rng)),
            a.country.the_name(),
            b.country.the_name()
        ),
    ];
    let headline = format!(
        "{} and {} leaders talk by phone",
        a.country.adjective(),
        b.country.adjective()
    );
    (headline, [vec![lead], body].concat())
}

fn state_visit(s: &mut Draft<'_>) -> (String, Vec<String>) {
    let a = s.actor(0, Office::President);
    let b = s.actor(1, Office::President);
    let host = s.actor(1, Office::ForeignMinister);
    let when = past_when(&mut s.rng, s.today);
    let (t0, t1) = (s.topic(0), s.topic(1));
    let days = s.rng.pick(&["two-day", "three-day", "four-day"]);
    let since = s.today.year() - s.rng.range(2, 12) as i16;
    let lead = format!(
        "{} arrived in {} {when} on {} {days} state visit, {} first to {} since {since}.",
        a.intro(&mut s.rng),
        b.country.capital,
        a_an(days),
        a.person.his,
        b.country.the_name()
    );
    let body = vec![
        format!(
            "{} was welcomed at the airport by {} and later held talks with {} at the presidential palace.",
            a.person.surname,
            host.intro(&mut s.rng),
            b.intro(&mut s.rng)
        ),
        format!(
            "The two presidents signed agreements on {t0} and {t1}, and witnessed the signing of {} memorandums of understanding.",
            s.rng.pick(&["six", "eight", "a dozen", "several"])
        ),
    ];
    let headline = format!(
        "{} begins state visit to {}",
        a.person.surname,
        b.country.the_name()
    );
    (headline, [vec![lead], body].concat())
}

fn multilateral(s: &mut Draft<'_>) -> (String, Vec<String>) {
    let actors: Vec<Actor<'_>> = (0..s.countries.len())
        .map(|i| s.actor(i, Office::ForeignMinister))
        .collect();
    let when = past_when(&mut s.rng, s.today);
    let place = s.place(0);
    let (t0, t1) = (s.topic(0), s.topic(1));
    let names: Vec<String> = actors.iter().map(|a| a.country.the_name()).collect();
    let lead = format!(
        "Foreign ministers of {} held talks in {place} {when} on {t0}.",
        list(&names)
    );
    let intros: Vec<String> = actors.iter().map(|a| a.intro(&mut s.rng)).collect();
    let body = vec![
        format!("The meeting brought together {}.", list(&intros)),
        format!(
            "In a joint declaration, the ministers called for {t1} and agreed to meet again in {} next year.",
            actors[1].country.capital
        ),
    ];
    let headline = format!("{}-nation talks in {place} focus on {t0}", actors.len());
    (headline, [vec![lead], body].concat())
}

fn sidelines(s: &mut Draft<'_>) -> (String, Vec<String>) {
    let office = if s.rng.chance(50) {
        Office::President
    } else {
        Office::ForeignMinister
    };
    let a = s.actor(0, office);
    let b = s.actor(1, office);
    let gathering = s.rng.pick(GATHERINGS);
    let host_rank = s.rng.zipf(TABLES.countries.len());
    let venue = TABLES.countries[host_rank].capital.clone();
    let when = past_when(&mut s.rng, s.today);
    let t0 = s.topic(0);
    let lead = format!(
        "{} met {} on the sidelines of the {gathering} in {venue} {when}.",
        a.intro(&mut s.rng),
        b.intro(&mut s.rng)
    );
    let body = vec![format!(
        "{} and {} discussed {t0} and preparations for the next round of consultations, their offices said.",
        a.person.surname, b.person.surname
    )];
    let headline = format!(
        "{} meets {} at {gathering}",
        a.person.surname, b.person.surname
    );
    (headline, [vec![lead], body].concat())
}

fn press_conference(s: &mut Draft<'_>) -> (String, Vec<String>) {
    let office = Office::draw(&mut s.rng);
    let a = s.actor(0, office);
    let b = s.actor(1, Office::President);
    let when = past_when(&mut s.rng, s.today);
    let t0 = s.topic(0);
    let lead = format!(
        "{} told a press conference in {} {when} that {} would not change its position on {t0}.",
        a.intro(&mut s.rng),
        a.country.capital,
        a.country.the_name()
    );
    let body = vec![
        format!(
            "Speaking to reporters, {} said {} government was ready to work with {} but would \"defend its interests\".",
            a.person.surname,
            a.person.his,
            b.country.the_name()
        ),
        format!(
            "{} said {} had no plans to meet {} in the coming weeks.",
            capitalize_first(a.person.he),
            a.person.he,
            b.person.name
        ),
    ];
    let headline = format!("{} rules out shift on {t0}", a.person.surname);
    (headline, [vec![lead], body].concat())
}

fn statement(s: &mut Draft<'_>) -> (String, Vec<String>) {
    let when = past_when(&mut s.rng, s.today);
    let (t0, t1) = (s.topic(0), s.topic(1));
    let spokesperson = s.minor();
    let a_country = s.countries[0];
    let b_country = s.countries[1];
    let verb = s.rng.pick(&[
        "welcomed",
        "condemned",
        "was following with concern",
        "supported",
    ]);
    let lead = format!(
        "The {} Foreign Ministry said in a statement {when} that it {verb} the latest developments on {t0}.",
        a_country.adjective()
    );
    let body = vec![
        format!(
            "The statement, read out by spokesperson {}, called on {} to \"show restraint\" and to return to dialogue on {t1}.",
            spokesperson.name,
            b_country.the_name()
        ),
        format!(
            "{} later told reporters that the ministry had summoned the {} ambassador.",
            spokesperson.surname,
            b_country.adjective()
        ),
    ];
    let headline = format!(
        "{} urges {} to show restraint",
        a_country.name, b_country.name
    );
    (headline, [vec![lead], body].concat())
}

fn interview(s: &mut Draft<'_>) -> (String, Vec<String>) {
    let office = Office::draw(&mut s.rng);
    let a = s.actor(0, office);
    let when = past_when(&mut s.rng, s.today);
    let (t0, t1) = (s.topic(0), s.topic(1));
    let analyst = s.minor();
    let b_country = s.countries[1];
    let lead = format!(
        "In an interview with {} published {when}, {} said {} was prepared to discuss {t0} with any partner.",
        s.agency.0,
        a.intro(&mut s.rng),
        a.country.the_name()
    );
    let body = vec![
        format!(
            "Asked about {}, {} said relations were \"going through a difficult period\" but that {t1} offered room for cooperation.",
            b_country.the_name(),
            a.person.surname
        ),
        format!(
            "\"The message is aimed at {} as much as at {},\" said {}, an analyst at the Institute of International Studies in {}.",
            b_country.capital,
            a.country.capital,
            analyst.name,
            a.country.capital
        ),
    ];
    let headline = format!("{}: ready to talk about {t0}", a.person.surname);
    (headline, [vec![lead], body].concat())
}

/// How many background sentence shapes [`background_sentence`] knows.
const N_BACKGROUND: usize = 32;

/// A paragraph of background: relations, trade, history, quotes. `used` marks the
/// sentence shapes this article already has, so none repeats; `None` when all are used.
fn background(s: &mut Draft<'_>, used: &mut [bool; N_BACKGROUND]) -> Option<String> {
    let n_sentences = s.rng.range(2, 3);
    let mut para = Vec::new();
    for _ in 0..n_sentences {
        let free: Vec<usize> = (0..N_BACKGROUND).filter(|&i| !used[i]).collect();
        if free.is_empty() {
            break;
        }
        let shape = s.rng.pick(&free);
        used[shape] = true;
        para.push(background_sentence(s, shape));
    }
    (!para.is_empty()).then(|| para.join(" "))
}

fn background_sentence(s: &mut Draft<'_>, shape: usize) -> String {
    let a = s.countries[0];
    let b = s.countries[s.rng.range(1, s.countries.len() - 1)];
    let topic_idx = s.rng.below(4);
    let t = s.topic(topic_idx);
    let year = s.today.year() - s.rng.range(1, 15) as i16;
    let month = MONTHS[s.rng.below(12)];
    match shape {
        0 => format!(
            "Relations between {} and {} have {} since {year}, when the two countries {}.",
            a.the_name(),
            b.the_name(),
            s.rng.pick(&["improved steadily", "been strained", "deepened", "gone through ups and downs"]),
            s.rng.pick(&["signed a trade agreement", "restored diplomatic ties", "opened new consulates", "launched a strategic dialogue"])
        ),
        1 => format!(
            "Trade between the two countries reached {}.{} billion dollars last year, according to official figures.",
            s.rng.range(1, 90),
            s.rng.below(10)
        ),
        2 => format!("{} officials have repeatedly said that {t} remains a priority.", capitalize_first(&a.adjective())),
        3 => format!("Analysts in {} say the contacts signal a shift in {}'s approach to {t}.", b.capital, a.the_name()),
        4 => {
            let who = s.minor();
            format!(
                "\"We are ready to work with all partners on {t},\" said {}, a spokesperson for the {} government.",
                who.name,
                a.adjective()
            )
        }
        5 => format!("The {} embassy in {} did not respond to a request for comment.", b.adjective(), a.capital),
        6 => format!(
            "Officials from both sides have held {} rounds of consultations on {t} since {year}.",
            s.rng.pick(&["three", "four", "several", "five"])
        ),
        7 => format!(
            "Opposition lawmakers in {} criticised the government's handling of {t}, calling it {}.",
            a.capital,
            s.rng.pick(&["naive", "too cautious", "inconsistent", "overdue"])
        ),
        8 => format!(
            "{} is one of {}'s largest trading partners, and the two economies are closely linked through {}.",
            capitalize_first(&b.the_name()),
            a.the_name(),
            s.rng.pick(&["energy exports", "shipping routes", "labour migration", "joint ventures"])
        ),
        9 => format!("Earlier this year, {} announced new measures on {t}, a move welcomed by its neighbours.", a.the_name()),
        10 => format!("Protests over {t} took place in {} last month, with several thousand people taking part.", b.capital),
        11 => format!(
            "According to diplomats in {}, the issue of {t} has been on the agenda for years without a breakthrough.",
            a.capital
        ),
        12 => format!(
            "The {} currency {} against the dollar after the news.",
            a.adjective(),
            s.rng.pick(&["rose slightly", "fell", "was little changed"])
        ),
        13 => format!(
            "Observers expect progress on {t} to be slow, citing disagreements over {}.",
            s.rng.pick(&["financing", "verification", "timelines", "the sequencing of steps"])
        ),
        14 => format!(
            "A working group on {t} was set up in {month} {year} but has met only {} times since.",
            s.rng.pick(&["two", "three", "a handful of"])
        ),
        15 => format!(
            "{} has {} citizens living in {}, most of them working in {}.",
            capitalize_first(&b.the_name()),
            s.rng.pick(&["tens of thousands of", "some 40,000", "about 120,000", "several hundred thousand"]),
            a.the_name(),
            s.rng.pick(&["construction", "agriculture", "services", "the oil sector"])
        ),
        16 => {
            let who = s.minor();
            format!(
                "\"Nobody expects a breakthrough on {t} overnight,\" said {}, who teaches international relations at a university in {}.",
                who.name, b.capital
            )
        }
        17 => format!(
            "Parliament in {} is due to debate a bill on {t} before the summer recess.",
            a.capital
        ),
        18 => format!(
            "Flights between {} and {} resumed in {month} after a pause of {} months.",
            a.capital,
            b.capital,
            s.rng.range(2, 30)
        ),
        19 => format!(
            "The {} side has long argued that {t} cannot be separated from wider questions of regional security.",
            b.adjective_lower()
        ),
        20 => "Business groups in both countries have called for simpler visa rules and more direct investment."
            .to_owned(),
        21 => format!(
            "The two governments set up an intergovernmental commission in {year}; its last session was held in {}.",
            s.rng.pick(&[a.capital.as_str(), b.capital.as_str()])
        ),
        22 => format!(
            "Polls published in {month} showed that a majority of {} voters see {t} as an important issue.",
            a.adjective_lower()
        ),
        23 => format!(
            "Critics say the government has spent more effort on {t} than on domestic problems such as {}.",
            s.rng.pick(&["inflation", "unemployment", "housing", "public health"])
        ),
        24 => format!(
            "The last time officials of the two countries sat down together was in {month} {year}, when talks on {t} ended without a joint statement."
        ),
        25 => format!(
            "{} supplies about {} percent of {}'s {}.",
            capitalize_first(&b.the_name()),
            s.rng.range(5, 60),
            a.the_name(),
            s.rng.pick(&["wheat imports", "natural gas", "fertiliser", "electronics imports"])
        ),
        26 => format!(
            "State television in {} showed footage of the delegations shaking hands before the doors were closed to the press.",
            a.capital
        ),
        27 => format!(
            "The announcement came a day after the central bank in {} raised interest rates by {} basis points.",
            b.capital,
            s.rng.pick(&["25", "50", "75", "100"])
        ),
        28 => format!(
            "Human rights groups urged both sides to put {t} and the fate of detained journalists on the agenda."
        ),
        29 => format!(
            "Satellite images published by independent researchers in {month} showed new construction near the border."
        ),
        30 => format!(
            "The {} foreign ministry has not published a full list of the agreements reached.",
            b.adjective_lower()
        ),
        _ => format!(
            "Diplomats say a follow-up round on {t} could take place before the end of {}.",
            s.today.year() + i16::from(s.rng.chance(30))
        ),
    }
}

/// Swaps two adjacent letters, or drops one, in a longer lower-case word.
fn typo(rng: &mut Rng, para: &str) -> String {
    let words: Vec<&str> = para.split(' ').collect();
    let candidates: Vec<usize> = words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.len() >= 6 && w.bytes().all(|b| b.is_ascii_lowercase()))
        .map(|(i, _)| i)
        .collect();
    if candidates.is_empty() {
        return para.to_owned();
    }
    let at = rng.pick(&candidates);
    let mut bytes = words[at].as_bytes().to_vec();
    let i = rng.range(1, bytes.len() - 2);
    if rng.chance(50) {
        bytes.swap(i, i + 1);
    } else {
        bytes.remove(i);
    }
    let mangled = String::from_utf8(bytes).unwrap_or_default();
    let mut out: Vec<&str> = words.clone();
    out[at] = &mangled;
    out.join(" ")
}

/// Link lists, a social-media line, a copyright line.
fn tail(s: &mut Draft<'_>, text: &mut String) {
    let (agency, _, handle) = s.agency;
    if s.rng.chance(60) {
        text.push_str(
            s.rng
                .pick(&["Read more:", "Read More:", "READ MORE:", "Related:"]),
        );
        text.push('\n');
        for _ in 0..s.rng.range(2, 4) {
            let c = TABLES.countries[s.rng.zipf(TABLES.countries.len())]
                .name
                .as_str();
            let t = TABLES.topics[s.rng.zipf(TABLES.topics.len())].as_str();
            let line = match s.rng.below(3) {
                0 => format!("{c} says {t} talks to resume"),
                1 => format!("What the {t} dispute means for {c}"),
                _ => format!("{c} officials meet on {t}"),
            };
            text.push_str(&line);
            text.push('\n');
        }
        text.push('\n');
    }
    match s.rng.below(4) {
        0 => text.push_str(&format!("Follow {agency} on X: @{handle}\n")),
        1 => text.push_str("Share this article: Facebook | X | Telegram | WhatsApp\n"),
        2 => text.push_str(&format!(
            "© {} {agency}. All rights reserved.\n",
            s.today.year()
        )),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_articles_read_naturally() {
        assert_eq!(list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
        assert_eq!(list(&["a".into()]), "a");
        assert_eq!(a_an("Iranian"), "an");
        assert_eq!(a_an("two-day"), "a");
    }

    #[test]
    fn a_typo_changes_one_word() {
        let mut rng = Rng::new(1, 1);
        let before = "the ministers discussed cooperation";
        let after = typo(&mut rng, before);
        assert_ne!(before, after);
        assert_eq!(before.split(' ').count(), after.split(' ').count());
    }
}
