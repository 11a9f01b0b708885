//! The extractor: article text in, one article's nodes and edges out.

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::LazyLock,
};

use aho_corasick::AhoCorasick;

use model::{Article, Edge, EdgeKind, Evidence, Extraction, Node, NodeKind};
use sha2::{Digest, Sha256};

use crate::{
    dates::{self, Date, Tense},
    gazetteer::{Gazetteer, GAZETTEER},
    meetings::{self, Meeting, Participant},
    names,
    persons::{self, Candidate, Person},
    sentence::{self, Sent},
    text, tokens,
};

/// Something worth telling the user about an article: noise skipped, text repaired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How much the user should care.
    pub level: Level,
    /// One line, no trailing period.
    pub message: String,
}

/// How much a [`Diagnostic`] matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Ordinary noise handled as expected: a link list or an embedded post skipped.
    Note,
    /// Text lost or repaired: a sentence cut, an empty article.
    Warning,
}

/// The result of extracting one article.
#[derive(Clone, Debug)]
pub struct Extracted {
    /// The article's graph fragment.
    pub extraction: Extraction,
    /// Warnings about the text.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads articles. Cheap to create and to share between threads: the dictionaries are
/// parsed once per process.
#[derive(Clone, Debug, Default)]
pub struct Extractor {}

/// Sentences longer than this are cut: real prose has no sentence this long, and rules
/// must stay linear on hostile input such as a 50 MB line.
const MAX_SENTENCE_BYTES: usize = 4_000;

impl Extractor {
    /// An extractor with the built-in dictionaries.
    pub fn new() -> Extractor {
        Extractor {}
    }

    /// Extracts persons, countries, meetings and topics from one article's text.
    /// `source` names where the text came from (a path or `-`). Never fails: odd input
    /// gives fewer facts and a diagnostic.
    pub fn extract(&self, text: &str, source: &str) -> Extracted {
        let g = &*GAZETTEER;
        let layout = text::layout(text);
        let mut diagnostics: Vec<Diagnostic> = layout
            .notes
            .iter()
            .map(|n| Diagnostic {
                level: Level::Note,
                message: n.clone(),
            })
            .collect();
        let article = Article {
            id: article_id(text),
            source: source.to_owned(),
            title: layout.title.clone(),
            date: layout.date.map(|d| d.to_string()),
            bytes: text.len(),
        };
        // Each sentence's span, cut when too long.
        let mut spans = Vec::with_capacity(layout.sentences.len());
        for s in &layout.sentences {
            let mut end = s.end;
            if end - s.start > MAX_SENTENCE_BYTES {
                end = s.start + MAX_SENTENCE_BYTES;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                diagnostics.push(Diagnostic {
                    level: Level::Warning,
                    message: format!(
                        "a sentence of {} bytes was cut to {MAX_SENTENCE_BYTES}",
                        s.end - s.start
                    ),
                });
            }
            spans.push((s.start, end));
        }
        // The sentences' text with ASCII letters lower-cased, one after another in one
        // buffer: each sentence's tokens borrow their lower-case forms from it.
        let mut folded = String::with_capacity(spans.iter().map(|(a, b)| b - a).sum());
        for &(start, end) in &spans {
            folded.push_str(&text[start..end]);
        }
        folded.make_ascii_lowercase();
        // Their tokens, dictionary phrases and the phrase covering each token, one
        // sentence after another in one list each (about one token per five bytes of
        // prose): each sentence borrows its part.
        let mut toks = Vec::with_capacity(folded.len() / 4 + spans.len());
        let mut found = Vec::with_capacity(folded.len() / 32 + spans.len());
        let mut cover = Vec::with_capacity(toks.capacity());
        // The alphanumeric runs that dictionary phrases may start at, for one sentence.
        let mut runs = Vec::new();
        // Lower-case forms that are no slice of the text or of `folded`.
        let mut relowered = tokens::Relowered::default();
        let mut ends = Vec::with_capacity(spans.len());
        let mut at = 0;
        for &(start, end) in &spans {
            let len = end - start;
            let (sentence, lower) = (&text[start..end], &folded[at..at + len]);
            let (first_tok, first_found) = (toks.len(), found.len());
            runs.clear();
            tokens::tokenize_into(sentence, lower, &mut toks, &mut runs, &mut relowered);
            g.find_into(sentence, lower, &runs, &mut found);
            sentence::cover_into(&toks[first_tok..], &found[first_found..], &mut cover);
            ends.push((toks.len(), found.len()));
            at += len;
        }
        relowered.lend(&mut toks);
        let mut sents = Vec::with_capacity(spans.len());
        let (mut at, mut first_tok, mut first_found) = (0, 0, 0);
        for (idx, (&(start, end), &(tok_end, found_end))) in spans.iter().zip(&ends).enumerate() {
            let len = end - start;
            sents.push(Sent::new(
                idx,
                start,
                end,
                &text[start..end],
                &folded[at..at + len],
                &toks[first_tok..tok_end],
                &found[first_found..found_end],
                &cover[first_tok..tok_end],
            ));
            at += len;
            first_tok = tok_end;
            first_found = found_end;
        }
        if text.trim().is_empty() {
            diagnostics.push(Diagnostic {
                level: Level::Warning,
                message: "the article is empty".to_owned(),
            });
        }
        let outlet = outlet_at_home(g, &layout);
        let mut reading = Reading::new(
            g,
            &sents,
            &folded,
            layout.date,
            layout.dateline_city.as_deref(),
        );
        if let Some(country) = outlet {
            reading.home_officials(country);
        }
        let extraction = reading.into_extraction(article);
        Extracted {
            extraction,
            diagnostics,
        }
    }
}

/// The country of the national outlet that wrote the article from its own country, if
/// the layout names one: abroad a national outlet names the hosts' officials as plainly
/// as its own ("Defence Secretary Lloyd Austin" from Washington), and an international
/// wire writes every state's officials with their country. The city written from is
/// the dateline's, or a field of the publication line ("PTI | Washington | Updated:
/// ...").
fn outlet_at_home(g: &Gazetteer, layout: &text::Layout) -> Option<usize> {
    let home = layout
        .dateline_city
        .iter()
        .chain(&layout.outlets)
        .find_map(|city| g.place_named(city))
        .map(|p| g.places[p].country);
    layout.outlets.iter().find_map(|name| {
        let org = &g.orgs[g.org_named(name)?];
        let country = org.country.filter(|_| org.kind == "outlet")?;
        home.is_none_or(|home| home == Some(country))
            .then_some(country)
    })
}

/// Words before "to"/"in" and a city that name where a traveller goes: "arrived in
/// Moscow", "will travel to Kyiv", "a trip to Beijing".
pub(crate) const TRAVEL_WORDS: &[&str] = &[
    "arrived",
    "arrives",
    "arriving",
    "arrival",
    "visit",
    "trip",
    "travel",
    "traveled",
    "travelled",
    "travels",
    "traveling",
    "travelling",
    "fly",
    "flew",
    "flies",
    "head",
    "heads",
    "headed",
    "heading",
    "landed",
];

/// Roles (as `titles.tsv` names them) that are elected or appointed offices of a
/// state: ministers, presidents and heads of government, and their closest staff.
pub(crate) fn is_state_office(role: &str) -> bool {
    role.ends_with("minister")
        || matches!(
            role,
            "president"
                | "vice president"
                | "chancellor"
                | "vice chancellor"
                | "supreme leader"
                | "state councilor"
                | "national security adviser"
                | "foreign ministry spokesperson"
                | "security council secretary"
        )
}

/// Roles that head a state or its government: who "the two leaders" are. Not
/// "chancellor", which is also Britain's finance minister.
pub(crate) fn is_head(role: &str) -> bool {
    matches!(role, "president" | "prime minister" | "supreme leader") || is_monarch(role)
}

/// Roles of a reigning house: "King Abdullah II", "Emir Sheikh Tamim".
pub(crate) fn is_monarch(role: &str) -> bool {
    matches!(
        role,
        "king" | "queen" | "emir" | "sultan" | "crown prince" | "monarch"
    )
}

/// The content hash that identifies an article: the first 8 bytes of the SHA-256 of
/// its text, as 16 lower-case hex digits.
pub fn article_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(16);
    for b in &digest[..8] {
        id.push(char::from(HEX[usize::from(b >> 4)]));
        id.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    id
}

/// A title mentioned without a name: "the Russian Foreign Minister", "the Presidents
/// of Iran and Russia", "his Russian counterpart".
#[derive(Clone, Debug)]
pub(crate) struct RoleRef {
    pub(crate) sent: usize,
    pub(crate) first: usize,
    pub(crate) last: usize,
    /// `None` for "counterpart": the role is that of the person it is the counterpart of.
    pub(crate) role: Option<usize>,
    pub(crate) countries: Vec<usize>,
    pub(crate) plural: bool,
    /// How many the phrase says it names: 2 for "the two leaders" and "both ministers".
    pub(crate) count: Option<usize>,
    /// Last token of the whole phrase, "of Iran, Russia and Turkey" included.
    pub(crate) span_last: usize,
}

/// Everything read from one article, before it becomes nodes and edges.
pub(crate) struct Reading<'a> {
    pub(crate) g: &'a Gazetteer,
    pub(crate) sents: &'a [Sent<'a>],
    pub(crate) date: Option<Date>,
    pub(crate) cands: Vec<Candidate>,
    pub(crate) persons: Vec<Person>,
    /// For each candidate, the person it names.
    pub(crate) assign: Vec<Option<usize>>,
    pub(crate) role_refs: Vec<RoleRef>,
    /// Countries: index → sentences mentioning it.
    pub(crate) countries: BTreeMap<usize, BTreeSet<usize>>,
    /// Places: index → sentences.
    pub(crate) places: BTreeMap<usize, BTreeSet<usize>>,
    pub(crate) orgs: BTreeMap<usize, BTreeSet<usize>>,
    pub(crate) meetings: Vec<Meeting>,
    /// Where the article's traveller went: "arrived in Moscow".
    pub(crate) destination: Option<(usize, usize)>,
    /// For each sentence, the indexes into `cands` of its candidates (read sentence by
    /// sentence, so one range each).
    pub(crate) cands_by_sent: Vec<std::ops::Range<usize>>,
}

impl<'a> Reading<'a> {
    /// Reads the article's sentences `sents`; `folded` is their text with ASCII letters
    /// lower-cased, one after another.
    fn new(
        g: &'a Gazetteer,
        sents: &'a [Sent<'a>],
        folded: &str,
        date: Option<Date>,
        dateline: Option<&str>,
    ) -> Reading<'a> {
        let mut cands = Vec::new();
        let mut cands_by_sent = Vec::with_capacity(sents.len());
        for s in sents {
            let first = cands.len();
            persons::candidates_into(g, s, &mut cands);
            cands_by_sent.push(first..cands.len());
        }
        let (mut persons, mut assign) = persons::cluster(g, &cands);
        split_compounds(g, &cands, &mut persons, &mut assign);
        respectively(&cands, &assign, &mut persons);
        if may_hold(folded, "accompan") {
            accompanying(&cands, &assign, sents, &mut persons);
        }
        counterparts(&cands, &assign, &mut persons);
        let role_refs = role_refs(sents, &cands, may_hold(folded, "counterpart"));
        let mut reading = Reading {
            g,
            sents,
            date,
            cands,
            persons,
            assign,
            role_refs,
            countries: BTreeMap::new(),
            places: BTreeMap::new(),
            orgs: BTreeMap::new(),
            meetings: Vec::new(),
            destination: None,
            cands_by_sent,
        };
        reading.read_places_and_countries(dateline);
        meetings::read(&mut reading);
        reading
    }

    fn read_places_and_countries(&mut self, dateline: Option<&str>) {
        for s in self.sents {
            for (t, f) in s.phrase_starts() {
                let locative = t > 0
                    && s.toks[t - 1].word
                    && matches!(
                        s.toks[t - 1].lower(),
                        "in" | "to"
                            | "at"
                            | "from"
                            | "into"
                            | "near"
                            | "outside"
                            | "around"
                            | "via"
                            | "toward"
                            | "towards"
                    );
                if let Some(c) = f.country() {
                    self.countries.entry(c).or_default().insert(s.idx);
                }
                if let Some(c) = f.capital() {
                    if !locative && f.country().is_none() && governs(s, t) {
                        // "Tehran and Moscow": capitals standing for governments.
                        self.countries.entry(c).or_default().insert(s.idx);
                    }
                }
                if let Some(p) = f.place() {
                    if locative || f.capital().is_none() {
                        self.places.entry(p).or_default().insert(s.idx);
                    }
                    if locative && self.destination.is_none() && t >= 2 {
                        let verb = s.toks[t - 2].lower();
                        if TRAVEL_WORDS.contains(&verb) {
                            self.destination = Some((p, s.idx));
                        }
                    }
                }
                if let Some(o) = f.org() {
                    self.orgs.entry(o).or_default().insert(s.idx);
                }
                // "the Russian capital".
                if f.is_demonym() && s.word_is(t + 1, "capital") {
                    if let Some(c) = f.country() {
                        if let Some(p) = self.capital_place(c) {
                            self.places.entry(p).or_default().insert(s.idx);
                            if self.destination.is_none() && t >= 2 {
                                self.destination = Some((p, s.idx));
                            }
                        }
                    }
                }
            }
        }
        if self.destination.is_none() {
            if let Some(city) = dateline {
                if let Some(p) = self.g.place_named(city) {
                    self.destination = Some((p, 0));
                }
            }
        }
    }

    /// A national outlet at home names its own state's ministers and officials without
    /// their country ("SEOUL, June 4 (Yonhap) -- Foreign Minister Cho Tae-yul ..."), and
    /// every other state's with it: such an official still without a country after the
    /// whole article is read serves the outlet's state. Not heads of state or
    /// government (nor vice presidents): the home press names foreign ones as plainly
    /// as its own ("President Xi Jinping" in Yonhap's copy). Nor officials of an
    /// organisation, nor monarchs, whom even the home press names by title alone
    /// ("Sultan Haitham bin Tariq"), nor anyone visiting the outlet's country.
    fn home_officials(&mut self, country: usize) {
        // "Modi is expected to visit China", in Xinhua: whoever visits the outlet's
        // country is a foreigner, however plainly named.
        let visitors: Vec<usize> = self
            .meetings
            .iter()
            .filter(|m| {
                m.kind == meetings::Kind::Visit
                    && (m.participants.contains(&Participant::Country(country))
                        || m.place.or(self.destination).is_some_and(|(place, _)| {
                            self.g.places[place].country == Some(country)
                        }))
            })
            .flat_map(|m| {
                m.participants.iter().filter_map(|p| match p {
                    Participant::Person(i) => Some(*i),
                    Participant::Country(_) => None,
                })
            })
            .collect();
        for (i, p) in self.persons.iter_mut().enumerate() {
            let official = p.role.is_some_and(|r| {
                let role = self.g.roles[r].as_str();
                is_state_office(role) && !is_head(role) && role != "vice president"
            });
            if p.country.is_none() && p.org.is_none() && official && !visitors.contains(&i) {
                p.country = Some(country);
                p.country_sent = p.role_sent.or(p.mentions.first().map(|m| m.0));
            }
        }
    }

    /// The place index of a country's first capital.
    pub(crate) fn capital_place(&self, country: usize) -> Option<usize> {
        self.g.capital_place(country)
    }

    /// The person a candidate token range names, if any.
    pub(crate) fn person_at(&self, sent: usize, tok: usize) -> Option<usize> {
        self.cands_by_sent
            .get(sent)?
            .clone()
            .find(|&i| self.cands[i].first <= tok && tok <= self.cands[i].last)
            .and_then(|i| self.assign[i])
    }

    fn evidence(&self, article: &str, sent: usize) -> Evidence {
        let s = &self.sents[sent];
        Evidence {
            article: article.to_owned(),
            sentence: s.collapsed().to_owned(),
            start: s.start,
            end: s.end,
        }
    }

    fn into_extraction(self, article: Article) -> Extraction {
        let aid = article.id.clone();
        let mut graph = Fragment::default();
        let ev = |sent: usize| self.evidence(&aid, sent);
        let mut article_node = Node::new(NodeKind::Article, &article.id);
        article_node.id = article.node_id();
        article_node.name = article
            .title
            .clone()
            .unwrap_or_else(|| article.source.clone());
        article_node
            .props
            .insert("source".into(), article.source.clone());
        if let Some(d) = &article.date {
            article_node.props.insert("date".into(), d.clone());
        }
        let article_id = article_node.id.clone();
        graph.add_node(article_node);
        let mention = |graph: &mut Fragment, id: &str, sent: usize| {
            let mut e = Edge::new(&article_id, EdgeKind::Mentions, id);
            e.evidence.push(ev(sent));
            graph.add_edge(e);
        };

        // Countries.
        let mut country_ids: BTreeMap<usize, String> = BTreeMap::new();
        let add_country = |graph: &mut Fragment, c: usize, sents: &[usize]| -> String {
            let name = &self.g.countries[c].name;
            let mut node = Node::new(NodeKind::Country, name);
            node.keys.insert(names::folded_key("c:", name));
            for &s in sents.iter().take(3) {
                node.evidence.push(ev(s));
            }
            let id = node.id.clone();
            graph.add_node(node);
            if let Some(&first) = sents.first() {
                mention(graph, &id, first);
            }
            id
        };
        for (&c, sents) in &self.countries {
            let sents: Vec<usize> = sents.iter().copied().collect();
            let id = add_country(&mut graph, c, &sents);
            country_ids.insert(c, id);
        }

        // Persons.
        let mut person_ids = Vec::new();
        for p in &self.persons {
            let mut node = Node::new(NodeKind::Person, &p.name);
            for alias in &p.aliases {
                node.aliases.insert(alias.clone());
            }
            // `parted` holds the parts of the name and of every alias, in some order;
            // the keys go into a set, so the order does not matter.
            for parts in &p.parted {
                names::push_person_keys(parts, &mut node.keys);
            }
            // "Sheikh Tamim": the honorific is no part of the name, but the two words
            // are how readers know the person; kept as an alias.
            for &(sent, first, last) in &p.mentions {
                let s = &self.sents[sent];
                if first == 0 || !s.word_is(first - 1, "sheikh") || !s.toks[first - 1].capitalized()
                {
                    continue;
                }
                let span = &s.text[s.toks[first - 1].start()..s.toks[last].end()];
                let alias = span.split_whitespace().collect::<Vec<_>>().join(" ");
                if alias != node.name && node.aliases.insert(alias.clone()) {
                    names::push_person_keys(&names::parts(&alias), &mut node.keys);
                }
            }
            debug_assert_eq!(node.keys, {
                let mut keys = BTreeSet::new();
                for name in std::iter::once(&node.name).chain(&node.aliases) {
                    keys.extend(names::person_keys(name));
                }
                keys
            });
            if let Some(r) = p.role {
                node.props.insert("role".into(), self.g.roles[r].clone());
            }
            if !p.merges.is_empty() {
                node.props
                    .insert("merged_because".into(), p.merges.join("; "));
            }
            let sents: BTreeSet<usize> = p.mentions.iter().map(|m| m.0).collect();
            for &s in sents.iter().take(5) {
                node.evidence.push(ev(s));
            }
            let id = node.id.clone();
            graph.add_node(node);
            if let Some(&first) = sents.first() {
                mention(&mut graph, &id, first);
            }
            if let Some(c) = p.country {
                let cid = match country_ids.get(&c) {
                    Some(id) => id.clone(),
                    None => {
                        let sent = p.country_sent.or(p.role_sent).unwrap_or(p.mentions[0].0);
                        let id = add_country(&mut graph, c, &[sent]);
                        country_ids.insert(c, id.clone());
                        id
                    }
                };
                let mut e = Edge::new(&id, EdgeKind::Represents, &cid);
                if let Some(r) = p.role {
                    e.props.insert("role".into(), self.g.roles[r].clone());
                }
                e.evidence.push(ev(p
                    .country_sent
                    .or(p.role_sent)
                    .unwrap_or(p.mentions[0].0)));
                graph.add_edge(e);
            }
            if let Some((o, sent)) = p.org {
                let org = &self.g.orgs[o];
                let mut node = Node::new(NodeKind::Organization, &org.name);
                node.keys.insert(names::folded_key("o:", &org.name));
                node.props.insert("type".into(), org.kind.clone());
                node.evidence.push(ev(sent));
                let oid = node.id.clone();
                graph.add_node(node);
                let mut e = Edge::new(&id, EdgeKind::MemberOf, &oid);
                if let Some(r) = p.role {
                    e.props.insert("role".into(), self.g.roles[r].clone());
                }
                e.evidence.push(ev(sent));
                graph.add_edge(e);
            }
            person_ids.push(id);
        }

        // Places and organisations.
        let mut place_ids: BTreeMap<usize, String> = BTreeMap::new();
        let add_place = |graph: &mut Fragment,
                         country_ids: &BTreeMap<usize, String>,
                         p: usize,
                         sent: usize|
         -> String {
            let place = &self.g.places[p];
            let mut node = Node::new(NodeKind::Place, &place.name);
            node.keys.insert(names::folded_key("p:", &place.name));
            node.evidence.push(ev(sent));
            if let Some(c) = place.country {
                node.props
                    .insert("country".into(), self.g.countries[c].name.clone());
            }
            let id = node.id.clone();
            graph.add_node(node);
            mention(graph, &id, sent);
            if let Some(cid) = place.country.and_then(|c| country_ids.get(&c)) {
                let mut e = Edge::new(&id, EdgeKind::LocatedIn, cid);
                e.evidence.push(ev(sent));
                graph.add_edge(e);
            }
            id
        };
        for (&p, sents) in &self.places {
            let first = *sents.iter().next().unwrap_or(&0);
            let id = add_place(&mut graph, &country_ids, p, first);
            place_ids.insert(p, id);
        }
        for (&o, sents) in &self.orgs {
            let org = &self.g.orgs[o];
            let mut node = Node::new(NodeKind::Organization, &org.name);
            node.keys.insert(names::folded_key("o:", &org.name));
            node.props.insert("type".into(), org.kind.clone());
            if let Some(c) = org.country {
                node.props
                    .insert("country".into(), self.g.countries[c].name.clone());
            }
            let first = *sents.iter().next().unwrap_or(&0);
            node.evidence.push(ev(first));
            let id = node.id.clone();
            graph.add_node(node);
            mention(&mut graph, &id, first);
        }

        // Meetings.
        for m in &self.meetings {
            let mut part_names: Vec<String> = m
                .participants
                .iter()
                .map(|p| match p {
                    Participant::Person(i) => self.persons[*i].name.clone(),
                    Participant::Country(c) => self.g.countries[*c].name.clone(),
                })
                .collect();
            part_names.sort();
            let date = m.date.map(|d| d.to_string());
            let label = format!(
                "{} {}{}",
                part_names.join(" – "),
                m.kind.as_str().replace('_', " "),
                date.as_deref()
                    .map(|d| format!(", {d}"))
                    .unwrap_or_default()
            );
            let mut node = Node::new(NodeKind::Meeting, &label);
            node.id = format!(
                "meeting/{}-{}-{}",
                date.as_deref().unwrap_or("undated"),
                m.kind.as_str(),
                part_names
                    .iter()
                    .map(|n| model::slug(n))
                    .collect::<Vec<_>>()
                    .join("-")
            );
            node.props.insert("type".into(), m.kind.as_str().to_owned());
            node.props
                .insert("status".into(), m.status.as_str().to_owned());
            if let Some(d) = &date {
                node.props.insert("date".into(), d.clone());
            }
            if let Some(d) = &article.date {
                node.props.insert("reported".into(), d.clone());
            }
            for &s in &m.sents {
                node.evidence.push(ev(s));
            }
            let mid = node.id.clone();
            graph.add_node(node);
            mention(&mut graph, &mid, m.sents[0]);
            for p in &m.participants {
                let (src, sent) = match p {
                    Participant::Person(i) => (person_ids[*i].clone(), m.sents[0]),
                    Participant::Country(c) => {
                        let id = match country_ids.get(c) {
                            Some(id) => id.clone(),
                            None => {
                                let id = add_country(&mut graph, *c, &[m.sents[0]]);
                                country_ids.insert(*c, id.clone());
                                id
                            }
                        };
                        (id, m.sents[0])
                    }
                };
                let mut e = Edge::new(&src, EdgeKind::Attended, &mid);
                e.evidence.push(ev(sent));
                graph.add_edge(e);
            }
            if let Some((p, sent)) = m.place {
                let pid = match place_ids.get(&p) {
                    Some(id) => id.clone(),
                    None => {
                        let id = add_place(&mut graph, &country_ids, p, sent);
                        place_ids.insert(p, id.clone());
                        id
                    }
                };
                let mut e = Edge::new(&mid, EdgeKind::HeldIn, &pid);
                e.evidence.push(ev(sent));
                graph.add_edge(e);
            }
            for (topic, sent) in &m.topics {
                let (name, lexicon) = match topic {
                    meetings::TopicRef::Lexicon(t) => (self.g.topics[*t].name.clone(), true),
                    meetings::TopicRef::Free(text) => (text.clone(), false),
                };
                let mut node = Node::new(NodeKind::Topic, &name);
                node.keys.insert(names::folded_key("t:", &name));
                if !lexicon {
                    node.props.insert("lexicon".into(), "no".into());
                }
                node.evidence.push(ev(*sent));
                let tid = node.id.clone();
                graph.add_node(node);
                mention(&mut graph, &tid, *sent);
                let mut e = Edge::new(&mid, EdgeKind::Discussed, &tid);
                e.evidence.push(ev(*sent));
                graph.add_edge(e);
            }
        }
        let (nodes, edges) = graph.finish();
        Extraction {
            article: Some(article),
            nodes,
            edges,
        }
    }
}

/// An article's nodes and edges as they are read, merged when finished the way
/// [`model::Graph`] merges them: records of the same node id (of the same source,
/// kind and destination, for edges) are absorbed into the first in the order added,
/// and the result is ordered by id (by source, kind and destination). Sorting one list
/// at the end costs less than a map kept ordered throughout.
#[derive(Default)]
struct Fragment {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

impl Fragment {
    fn add_node(&mut self, node: Node) {
        self.nodes.push(node);
    }

    fn add_edge(&mut self, edge: Edge) {
        self.edges.push(edge);
    }

    fn finish(self) -> (Vec<Node>, Vec<Edge>) {
        let Fragment {
            mut nodes,
            mut edges,
        } = self;
        // Stable sorts: records of one node or edge stay in the order added.
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        edges.sort_by(|a, b| {
            (a.src.as_str(), a.kind, a.dst.as_str()).cmp(&(b.src.as_str(), b.kind, b.dst.as_str()))
        });
        let mut merged_nodes: Vec<Node> = Vec::with_capacity(nodes.len());
        for node in nodes {
            match merged_nodes.last_mut() {
                Some(last) if last.id == node.id => last.absorb(node),
                _ => merged_nodes.push(node),
            }
        }
        let mut merged_edges: Vec<Edge> = Vec::with_capacity(edges.len());
        for edge in edges {
            match merged_edges.last_mut() {
                Some(last)
                    if last.src == edge.src && last.kind == edge.kind && last.dst == edge.dst =>
                {
                    last.absorb(edge)
                }
                _ => merged_edges.push(edge),
            }
        }
        (merged_nodes, merged_edges)
    }
}

/// A capital standing for its government: "Tehran and Moscow", "Moscow's stance",
/// "Washington needed to", rather than a place ("in Moscow", "the Vienna talks").
fn governs(s: &Sent<'_>, t: usize) -> bool {
    const VERBS: &[&str] = &[
        "accused",
        "agreed",
        "announced",
        "believes",
        "can",
        "condemned",
        "considers",
        "continues",
        "could",
        "decided",
        "demanded",
        "denied",
        "did",
        "does",
        "has",
        "had",
        "have",
        "hoped",
        "hopes",
        "insists",
        "is",
        "must",
        "needed",
        "needs",
        "plans",
        "refused",
        "rejected",
        "remains",
        "responded",
        "said",
        "says",
        "seeks",
        "should",
        "sought",
        "supported",
        "supports",
        "urged",
        "wants",
        "wanted",
        "warned",
        "was",
        "welcomed",
        "will",
        "would",
    ];
    let last = s.phrase_last_token(t);
    if s.toks[last].possessive {
        return true;
    }
    let next = s.toks.get(last + 1);
    if next.is_some_and(|n| n.word && VERBS.contains(&n.lower())) {
        return true;
    }
    // "Tehran and Moscow", "between Beijing and Washington".
    let other_capital = |k: usize| {
        s.found_starting(k)
            .is_some_and(|f| f.capital().is_some() || f.country().is_some())
    };
    (s.word_is(last + 1, "and") && other_capital(last + 2))
        || (t >= 2
            && s.word_is(t - 1, "and")
            && s.found_ending(t - 2)
                .is_some_and(|f| f.capital().is_some() || f.country().is_some()))
}

/// "the Peskov-Mir-Hosseini meeting": a hyphenated run that joins two known names.
fn split_compounds(
    g: &Gazetteer,
    cands: &[Candidate],
    persons: &mut [Person],
    assign: &mut [Option<usize>],
) {
    for (i, c) in cands.iter().enumerate() {
        if assign[i].is_some() || !c.surface.contains('-') {
            continue;
        }
        if let Some((a, b)) = persons::compound_of(g, persons, &c.surface) {
            persons[a].mentions.push((c.sent, c.first, c.last));
            persons[b].mentions.push((c.sent, c.first, c.last));
            assign[i] = Some(a);
        }
    }
}

/// "X met his Russian counterpart Y": Y holds X's role. X is the sentence's first
/// person: in "X held talks with President A and his counterpart Y", "his" is X's.
fn counterparts(cands: &[Candidate], assign: &[Option<usize>], persons: &mut [Person]) {
    for (i, c) in cands.iter().enumerate() {
        let Some(them) = assign[i].filter(|_| c.cue == persons::Cue::Counterpart) else {
            continue;
        };
        let subject = cands[..i]
            .iter()
            .zip(&assign[..i])
            .find(|(o, a)| o.sent == c.sent && a.is_some_and(|p| p != them));
        if let Some((_, Some(us))) = subject {
            if persons[them].role.is_none() && persons[*us].role.is_some() {
                persons[them].role = persons[*us].role;
                persons[them].role_sent = Some(c.sent);
            }
        }
    }
}

/// Whether a sentence's `lower` may hold `word`, lower-case ASCII letters other than
/// "i" and "k": `folded`, the article's sentences with their ASCII letters lower-cased,
/// holds it. One search of the article spares one of every sentence, as most articles
/// lack the word. (Only ASCII letters lower-case to ASCII letters, but for "İ" and the
/// Kelvin sign, which give an "i" and a "k".)
fn may_hold(folded: &str, word: &str) -> bool {
    debug_assert!(word
        .bytes()
        .all(|b| b.is_ascii_lowercase() && b != b'i' && b != b'k'));
    folded.contains(word)
}

/// "X, Y and Z are accompanying W": a delegation shares its leader's country.
fn accompanying(
    cands: &[Candidate],
    assign: &[Option<usize>],
    sents: &[Sent<'_>],
    persons: &mut [Person],
) {
    for s in sents {
        // Not "X met Y, accompanied by ministers": two sides, not one delegation.
        if !s.lower.contains("accompan") || meetings::names_encounter(s) {
            continue;
        }
        let here: BTreeSet<usize> = cands
            .iter()
            .zip(assign)
            .filter(|(c, _)| c.sent == s.idx)
            .filter_map(|(_, a)| *a)
            .collect();
        let countries: BTreeSet<usize> = here.iter().filter_map(|&p| persons[p].country).collect();
        if let [country] = countries.into_iter().collect::<Vec<_>>().as_slice() {
            for &p in &here {
                if persons[p].country.is_none() {
                    persons[p].country = Some(*country);
                    persons[p].country_sent = Some(s.idx);
                }
            }
        }
    }
}

/// "Xi Jinping and Lula da Silva, the Presidents of China and Brazil".
fn respectively(cands: &[Candidate], assign: &[Option<usize>], persons: &mut [Person]) {
    for (i, c) in cands.iter().enumerate() {
        if c.appos_countries.len() < 2 {
            continue;
        }
        // Walk back over "X, Y and Z".
        let mut group = vec![i];
        let mut j = i;
        while j > 0 {
            let prev = &cands[j - 1];
            if prev.sent != c.sent || prev.last + 3 < cands[j].first {
                break;
            }
            group.insert(0, j - 1);
            j -= 1;
        }
        if group.len() != c.appos_countries.len() {
            continue;
        }
        for (k, &ci) in group.iter().enumerate() {
            if let Some(p) = assign[ci] {
                let person = &mut persons[p];
                if person.country.is_none() {
                    person.country = Some(c.appos_countries[k]);
                    person.country_sent = Some(c.sent);
                }
                if person.role.is_none() {
                    person.role = c.appos_role;
                    person.role_sent = Some(c.sent);
                }
            }
        }
    }
}

/// Titles that name no one in their own sentence: "the Russian Foreign Minister said".
/// `counterpart`: whether some sentence may hold "counterpart" (see [`may_hold`]).
fn role_refs(sents: &[Sent<'_>], cands: &[Candidate], counterpart: bool) -> Vec<RoleRef> {
    let mut out = Vec::new();
    for s in sents {
        let in_name_context = |t: usize| {
            cands.iter().any(|c| {
                c.sent == s.idx
                    && (c.title_from.is_some_and(|from| from <= t && t < c.first)
                        || (c.first <= t && t <= c.last + 12 && c.appos_role.is_some()))
            })
        };
        // Where a title or "counterpart" may start: at a dictionary phrase, or, in a
        // sentence that holds "counterpart" at all, at any token.
        let may_start: Vec<usize> = if counterpart && s.lower.contains("counterpart") {
            (0..s.toks.len()).collect()
        } else {
            s.phrase_starts()
                .filter(|(_, f)| f.title().is_some())
                .map(|(t, _)| t)
                .collect()
        };
        // The first token not read yet.
        let mut t = 0;
        for first in may_start {
            if first < t {
                continue;
            }
            let counterpart = s.word_is(first, "counterpart") || s.word_is(first, "counterparts");
            let title = s.found_starting(first).and_then(|f| f.title());
            if title.is_none() && !counterpart {
                continue;
            }
            let last = if counterpart {
                first
            } else {
                s.phrase_last_token(first)
            };
            t = last + 1;
            if in_name_context(first) {
                continue;
            }
            // Followed directly by a name: that name carries the title already.
            if cands.iter().any(|c| {
                c.sent == s.idx
                    && (c.first == last + 1 || (c.first == last + 2 && s.punct_is(last + 1, ",")))
            }) {
                continue;
            }
            let mut countries = Vec::new();
            if first > 0 {
                if let Some(f) = s.found_ending(first - 1) {
                    if let Some(c) = f.country() {
                        countries.push(c);
                        // "the Iranian and Russian diplomats": more countries joined
                        // before the first.
                        let plural = s.toks[last].text.ends_with('s');
                        let mut start = s.phrase_first_token(first - 1);
                        while plural
                            && start >= 2
                            && (s.word_is(start - 1, "and") || s.punct_is(start - 1, ","))
                        {
                            let Some(c) = s.found_ending(start - 2).and_then(|f| f.country())
                            else {
                                break;
                            };
                            countries.insert(0, c);
                            start = s.phrase_first_token(start - 2);
                        }
                    }
                }
                // "the top Iranian diplomat"
                if countries.is_empty() && first > 1 {
                    if let Some(f) = s
                        .found_ending(first - 1)
                        .or_else(|| s.found_ending(first - 2))
                    {
                        if let Some(c) = f.country() {
                            countries.push(c);
                        }
                    }
                }
            }
            let mut span_last = last;
            if countries.is_empty() && s.word_is(last + 1, "of") {
                let mut k = last + 2;
                loop {
                    if s.word_is(k, "the") {
                        k += 1;
                    }
                    // "of Peru and Chile, U.S. Secretary of State X": a country before
                    // a title begins another phrase.
                    let titled = |k: usize| {
                        s.found_starting(s.phrase_last_token(k) + 1)
                            .is_some_and(|f| f.title().is_some())
                    };
                    match s.found_starting(k).and_then(|f| f.country()) {
                        Some(c) if !titled(k) => {
                            countries.push(c);
                            span_last = s.phrase_last_token(k);
                            k = span_last + 1;
                        }
                        _ => break,
                    }
                    if s.punct_is(k, ",") || s.word_is(k, "and") {
                        k += 1;
                    } else {
                        break;
                    }
                }
            }
            // "Presidents of Kazakhstan and China Kassym-Jomart Tokayev and Xi
            // Jinping": the names that follow carry the title and the countries.
            if span_last > last
                && cands
                    .iter()
                    .any(|c| c.sent == s.idx && c.first == span_last + 1)
            {
                continue;
            }
            let plural = s.toks[last].text.ends_with('s') && !s.toks[last].text.ends_with("ss");
            let count = (1..=2)
                .filter_map(|back| first.checked_sub(back))
                .find_map(|k| match s.toks[k].lower() {
                    "both" | "two" => Some(2),
                    "three" => Some(3),
                    "four" => Some(4),
                    _ => None,
                })
                .filter(|_| plural);
            out.push(RoleRef {
                sent: s.idx,
                first,
                last,
                role: if counterpart { None } else { title },
                countries,
                plural,
                count,
                span_last,
            });
        }
    }
    out
}

/// The tense of the event a trigger at `first` names: the trigger word itself ("met"),
/// the words just before it ("will hold talks", "to visit"), then the whole sentence.
pub(crate) fn tense_at(s: &Sent<'_>, first: usize) -> Tense {
    const PAST_TRIGGERS: &[&str] = &[
        "met", "visited", "hosted", "received", "spoke", "talked", "phoned", "held",
    ];
    let word = s.toks[first].lower();
    if PAST_TRIGGERS.contains(&word) {
        return Tense::Past;
    }
    for back in 1..=4 {
        let Some(k) = first.checked_sub(back) else {
            break;
        };
        let tok = &s.toks[k];
        if !tok.word {
            break;
        }
        match tok.lower() {
            // "the first South Korean president to visit Japan in 12 years": a fact
            // about a visit made, not a plan.
            "to" if after_ordinal(s, k) => return Tense::Past,
            // "travelled to Riyadh for talks", "prior to the meeting": a preposition, no
            // infinitive.
            "to" if s.toks.get(k + 1).is_some_and(|t| t.capitalized())
                || (k >= 1 && s.word_is(k - 1, "prior")) => {}
            "will" | "would" | "to" | "shall" | "upcoming" | "planned" | "scheduled"
            | "forthcoming" | "next" => {
                return Tense::Future;
            }
            "held" | "had" | "after" | "following" | "last" | "recent" | "previous" | "earlier" => {
                return Tense::Past
            }
            _ => {}
        }
    }
    tense(s)
}

/// "the first ... to", "the only ... to": an ordinal and at most four words before the
/// "to" at `to`.
fn after_ordinal(s: &Sent<'_>, to: usize) -> bool {
    (1..=5)
        .filter_map(|back| to.checked_sub(back))
        .take_while(|&k| s.toks[k].word)
        .any(|k| {
            matches!(s.toks[k].lower(), "first" | "last" | "only")
                && k.checked_sub(1).is_some_and(|d| s.word_is(d, "the"))
        })
}

/// The tense of the event a trigger names, from the words of its sentence.
pub(crate) fn tense(s: &Sent<'_>) -> Tense {
    *s.tense.get_or_init(|| sentence_tense(s))
}

/// Words and phrases that tell of a coming event.
const FUTURE: &[&str] = &[
    "will",
    "upcoming",
    "scheduled",
    "plan",
    "plans",
    "planned",
    "expected",
    "due",
    "next",
    "tomorrow",
    "tomorrow's",
    "shall",
    "supposed",
    "would",
    "forthcoming",
    "invitation",
    "invited",
    "later",
    "to meet",
    "to hold",
    "to visit",
    "to discuss",
    "to carry",
    "set to",
    "going to",
    "is to",
    "are to",
];

/// Words and phrases that tell of a past event.
const PAST: &[&str] = &[
    "met",
    "held",
    "had",
    "talked",
    "discussed",
    "after",
    "last",
    "yesterday",
    "ago",
    "visited",
    "spoke",
    "was",
    "were",
    "agreed",
    "signed",
    "reviewed",
];

/// [`FUTURE`] then [`PAST`], in one automaton.
static TENSE_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(FUTURE.iter().chain(PAST)).expect("the tense words are plain strings")
});

/// Future when the lower-cased sentence holds a word of [`FUTURE`] (on word
/// boundaries), else past when it holds one of [`PAST`].
fn sentence_tense(s: &Sent<'_>) -> Tense {
    // Every occurrence, overlapping ones included: see [`dates::words_present`].
    let mut past = false;
    for m in TENSE_WORDS.find_overlapping_iter(&*s.lower) {
        if !dates::on_word_boundaries(&s.lower, m.start(), m.end()) {
            continue;
        }
        if m.pattern().as_usize() < FUTURE.len() {
            return Tense::Future;
        }
        past = true;
    }
    if past {
        Tense::Past
    } else {
        Tense::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_ids_are_the_sha256_prefix_in_hex() {
        // The SHA-256 of the empty text, and of "abc", begin so.
        assert_eq!(article_id(""), "e3b0c44298fc1c14");
        assert_eq!(article_id("abc"), "ba7816bf8f01cfea");
    }

    #[test]
    fn only_i_and_k_come_of_lower_casing_other_than_ascii() {
        // What `may_hold` relies on.
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if c.is_ascii() {
                continue;
            }
            for l in c.to_lowercase() {
                assert!(!l.is_ascii_alphabetic() || matches!(l, 'i' | 'k'), "{c:?}");
            }
        }
    }

    #[test]
    fn tense_words_never_overlap_on_word_boundaries() {
        dates::tests::assert_overlaps_never_on_boundaries(FUTURE);
        dates::tests::assert_overlaps_never_on_boundaries(PAST);
    }
}
