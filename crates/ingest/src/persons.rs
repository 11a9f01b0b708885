//! Finding persons: runs of capitalised words that the dictionaries do not claim, kept
//! when their context says "person" (a title before, an apposition after, a speech
//! verb, an honorific, "his counterpart"), then grouped into one entity per real
//! person within the article.

use std::sync::LazyLock;

use crate::{
    gazetteer::Gazetteer,
    names::{self, Same},
    sentence::Sent,
    words::WordSet,
};

/// Verbs that follow a speaker's name.
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "acknowledged",
    "added",
    "adding",
    "admitted",
    "announced",
    "answered",
    "argued",
    "arguing",
    "asked",
    "asserted",
    "believes",
    "called",
    "cited",
    "claimed",
    "commented",
    "concluded",
    "confirmed",
    "continued",
    "declared",
    "denied",
    "described",
    "emphasised",
    "emphasising",
    "emphasized",
    "emphasizing",
    "explained",
    "explaining",
    "expressed",
    "highlighted",
    "indicated",
    "insisted",
    "insisting",
    "mentioned",
    "noted",
    "noting",
    "observed",
    "pointed",
    "posted",
    "praised",
    "reiterated",
    "remarked",
    "reminded",
    "replied",
    "reported",
    "responded",
    "revealed",
    "said",
    "saying",
    "says",
    "stated",
    "states",
    "stressed",
    "stressing",
    "suggested",
    "tells",
    "thanked",
    "told",
    "tweeted",
    "underlined",
    "underscored",
    "urged",
    "warned",
    "warning",
    "welcomed",
    "wrote",
];

/// Is `word` (lower case) one of [`SPEECH_VERBS`]?
pub(crate) fn is_speech_verb(word: &str) -> bool {
    static SET: LazyLock<WordSet<&str>> = LazyLock::new(|| SPEECH_VERBS.iter().copied().collect());
    SET.contains(word)
}

/// Token `t` is a speech verb, not a word of a dictionary name ("the United States").
pub(crate) fn speech_verb_at(s: &Sent<'_>, t: usize) -> bool {
    s.toks[t].word && s.cover[t].is_none() && is_speech_verb(s.toks[t].lower())
}

/// Is `word` (lower case) one of [`ORG_WORDS`]?
fn is_org_word(word: &str) -> bool {
    static SET: LazyLock<WordSet<&str>> = LazyLock::new(|| ORG_WORDS.iter().copied().collect());
    SET.contains(word)
}

/// Is `word` (lower case) one of [`NOT_NAMES`]?
fn is_not_name(word: &str) -> bool {
    static SET: LazyLock<WordSet<&str>> = LazyLock::new(|| NOT_NAMES.iter().copied().collect());
    SET.contains(word)
}

/// Words that make a capitalised run an organisation or a thing, not a person.
const ORG_WORDS: &[&str] = &[
    "academy",
    "administration",
    "affairs",
    "agency",
    "agencies",
    "airlines",
    "alliance",
    "army",
    "assembly",
    "association",
    "authority",
    "bank",
    "board",
    "bureau",
    "cabinet",
    "center",
    "centre",
    "channel",
    "charter",
    "church",
    "club",
    "coalition",
    "commission",
    "committee",
    "company",
    "conference",
    "congress",
    "corporation",
    "corridor",
    "council",
    "court",
    "daily",
    "department",
    "directorate",
    "division",
    "duma",
    "embassy",
    "federation",
    "force",
    "forces",
    "forum",
    "foundation",
    "front",
    "fund",
    "gazette",
    "government",
    "group",
    "guard",
    "herald",
    "holding",
    "hospital",
    "house",
    "institute",
    "journal",
    "league",
    "media",
    "ministry",
    "mission",
    "movement",
    "navy",
    "network",
    "news",
    "office",
    "organisation",
    "organization",
    "parliament",
    "palace",
    "party",
    "plan",
    "police",
    "post",
    "press",
    "program",
    "programme",
    "radio",
    "regime",
    "republic",
    "resolution",
    "school",
    "secretariat",
    "senate",
    "service",
    "society",
    "staff",
    "summit",
    "television",
    "times",
    "treaty",
    "tribune",
    "tv",
    "union",
    "university",
    "war",
    "week",
    "world",
];

/// Capitalised words that start sentences or headlines and are not names.
const NOT_NAMES: &[&str] = &[
    "a",
    "about",
    "according",
    "accordingly",
    "additionally",
    "after",
    "against",
    "all",
    "also",
    "although",
    "amid",
    "an",
    "and",
    "another",
    "answering",
    "any",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "earlier",
    "either",
    "elsewhere",
    "even",
    "every",
    "following",
    "for",
    "from",
    "further",
    "he",
    "her",
    "here",
    "his",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "last",
    "later",
    "meanwhile",
    "more",
    "moreover",
    "most",
    "my",
    "neither",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "our",
    "over",
    "original",
    "read",
    "regarding",
    "same",
    "she",
    "since",
    "so",
    "some",
    "such",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "today",
    "two",
    "under",
    "undoubtedly",
    "unlike",
    "upon",
    "we",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "within",
    "without",
    "yet",
    "you",
    "your",
    // Verbs of title-case headlines: "Foreign Ministers of Iran and Russia Meet in
    // Moscow".
    "meet",
    "meets",
    "hold",
    "holds",
    "discuss",
    "discusses",
    "visit",
    "visits",
    "says",
    "agree",
    "agrees",
    "sign",
    "signs",
    "urge",
    "urges",
    "hails",
    "vow",
    "vows",
    "arrives",
    "receives",
    "welcomes",
    "talks",
    "meeting",
    "meetings",
    "presidency",
    "emeritus",
    "god",
    "willing",
    "sure",
    "of course",
    "united",
    "nations",
    "north",
    "south",
    "east",
    "west",
    "central",
    "western",
    "eastern",
    "first",
    "second",
    "afterwards",
    "again",
    "apparently",
    "besides",
    "consequently",
    "crucially",
    "currently",
    "eventually",
    "finally",
    "furthermore",
    "hence",
    "importantly",
    "indeed",
    "initially",
    "instead",
    "likewise",
    "nevertheless",
    "nonetheless",
    "notably",
    "officially",
    "otherwise",
    "overall",
    "previously",
    "recently",
    "reportedly",
    "separately",
    "similarly",
    "specifically",
    "still",
    "subsequently",
    "therefore",
    "thus",
    "tomorrow",
    "tonight",
    "ultimately",
    "yesterday",
];

/// Honorifics that are never part of a name, when a run of capitalised words starts
/// with one.
/// Words that name a relative right before a name: "his wife Emine Erdogan".
const KIN: &[&str] = &[
    "wife",
    "wives",
    "husband",
    "spouse",
    "son",
    "sons",
    "daughter",
    "daughters",
    "brother",
    "sister",
    "father",
    "mother",
    "widow",
    "nephew",
    "niece",
    "cousin",
];

const LEADING_HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam"];

/// Honorifics that announce a person.
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "sheikh", "lord", "lady",
];

/// Lower-case words allowed inside a name.
const CONNECTORS: &[&str] = &[
    "al", "bin", "bint", "ibn", "de", "da", "di", "del", "der", "van", "von", "la", "le", "dos",
    "das",
];

/// Why a run of capitalised words was taken for a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cue {
    /// A title or role right before it.
    Title,
    /// An apposition with a title right after it.
    Apposition,
    /// "his Russian counterpart X".
    Counterpart,
    /// "Mr. X".
    Honorific,
    /// "X said".
    Speech,
    /// A given name the dictionary knows.
    GivenName,
    /// "X met", "X held talks", "met X": a party to a diplomatic encounter.
    Action,
    /// Nothing: kept only if it names a person found elsewhere.
    None,
}

/// A run of capitalised words that may name a person.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub(crate) sent: usize,
    /// Token range, inclusive.
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) surface: String,
    pub(crate) cue: Cue,
    pub(crate) role: Option<usize>,
    pub(crate) country: Option<usize>,
    /// The title phrase before the name started at this token (so it is not a role
    /// reference of its own).
    pub(crate) title_from: Option<usize>,
    /// An apposition list of countries for "X and Y, the Presidents of A and B".
    pub(crate) appos_countries: Vec<usize>,
    pub(crate) appos_role: Option<usize>,
    /// The organisation named before the title: "UN Secretary-General X".
    pub(crate) org: Option<usize>,
    /// Named as someone's relative: "their wives Emine Erdogan and ...".
    pub(crate) kin: bool,
}

/// A person of the article.
#[derive(Clone, Debug, Default)]
pub(crate) struct Person {
    pub(crate) name: String,
    pub(crate) aliases: Vec<String>,
    pub(crate) role: Option<usize>,
    pub(crate) country: Option<usize>,
    /// (sentence, first token, last token) of every mention.
    pub(crate) mentions: Vec<(usize, usize, usize)>,
    /// Sentence that gave the role, and the one that gave the country.
    pub(crate) role_sent: Option<usize>,
    pub(crate) country_sent: Option<usize>,
    /// The organisation the person works for, and the sentence that says so.
    pub(crate) org: Option<(usize, usize)>,
    pub(crate) merges: Vec<String>,
    /// [`names::parts`] of the name and of every alias, computed once.
    pub(crate) parted: Vec<Vec<String>>,
    /// First named as someone's relative ([`Candidate::kin`]): a bare family name does
    /// not stand for them, the relative it is more likely to be is the one in the news.
    pub(crate) kin: bool,
}

/// Token `t` may be a word of a name: capitalised, not a dictionary phrase's, and not
/// an acronym, a month, a weekday, a number or a handle.
///
/// Inlined, so that the first test, which turns away most tokens, costs no call.
#[inline(always)]
fn is_name_word(s: &Sent<'_>, t: usize) -> bool {
    s.toks[t].capitalized() && s.cover[t].is_none() && capitalized_is_name_word(s, t)
}

/// [`is_name_word`] of a capitalised token outside any dictionary phrase: kept out
/// of line, as it is asked of few tokens.
#[inline(never)]
fn capitalized_is_name_word(s: &Sent<'_>, t: usize) -> bool {
    let tok = &s.toks[t];
    if tok.acronym() && tok.text.chars().count() > 1 {
        return false;
    }
    let lower = tok.lower();
    if is_not_name(lower)
        || crate::dates::is_month(tok.text)
        || crate::dates::is_weekday(tok.text)
        || tok.text.chars().any(|c| c.is_ascii_digit())
    {
        return false;
    }
    // "@handle" and "#tag" are not names.
    if t > 0 && s.toks[t - 1].end() == tok.start() && matches!(s.toks[t - 1].text, "@" | "#") {
        return false;
    }
    true
}

/// Lower-case particles joined by a hyphen to the capitalised part of a family name:
/// the Arabic article in its common spellings ("el-Sisi", "al-Burhan", "ash-Shaibani")
/// and "bin", "ibn", "abu". See [`is_particle_surname`].
const HYPHEN_PARTICLES: &[&str] = &[
    "al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ed", "es", "ul", "ud", "bin", "ibn",
    "abu",
];

/// A family name that starts with a lower-case particle and a hyphen: "el-Sisi" in
/// "Abdel Fattah el-Sisi". It continues a run of names but does not start one, since
/// the same shape names groups and places ("al-Shabaab", "al-Aqsa").
fn is_particle_surname(s: &Sent<'_>, t: usize) -> bool {
    let tok = &s.toks[t];
    if !tok.word || s.cover[t].is_some() {
        return false;
    }
    let Some((particle, rest)) = tok.text.split_once('-') else {
        return false;
    };
    HYPHEN_PARTICLES.contains(&particle)
        && rest.chars().next().is_some_and(char::is_uppercase)
        && rest
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

/// A single capital followed by a stop: "S." in "S. Jaishankar".
fn is_initial(s: &Sent<'_>, t: usize) -> bool {
    let tok = &s.toks[t];
    // Capitalised first: most tokens are not, and that test is the cheapest.
    tok.capitalized()
        && {
            let mut chars = tok.text.chars();
            chars.next().is_some() && chars.next().is_none()
        }
        && s.punct_is(t + 1, ".")
}

/// Appends the candidate runs of one sentence to `out` (one list for the article).
pub(crate) fn candidates_into(g: &Gazetteer, s: &Sent<'_>, out: &mut Vec<Candidate>) {
    let n = s.toks.len();
    let mut t = 0;
    while t < n {
        // Both a name word and an initial are capitalised: one test turns most tokens
        // away.
        if !(s.toks[t].capitalized() && (is_name_word(s, t) || is_initial(s, t))) {
            t += 1;
            continue;
        }
        let mut first = t;
        let mut last = t;
        let mut k = t;
        loop {
            if s.toks[k].possessive {
                break;
            }
            let next = if is_initial(s, k) { k + 2 } else { k + 1 };
            if next >= n {
                break;
            }
            // "Mir -Hosseini": a stray space before a hyphen.
            let hyphen_typo = s.punct_is(next, "-")
                && s.toks
                    .get(next + 1)
                    .is_some_and(|tk| tk.start() == s.toks[next].end())
                && next + 1 < n
                && is_name_word(s, next + 1);
            if hyphen_typo {
                k = next + 1;
                last = k;
                continue;
            }
            if is_name_word(s, next) || is_initial(s, next) || is_particle_surname(s, next) {
                k = next;
                last = k;
                continue;
            }
            if s.toks[next].word
                && CONNECTORS.contains(&s.toks[next].text)
                && next + 1 < n
                && is_name_word(s, next + 1)
            {
                k = next + 1;
                last = k;
                continue;
            }
            break;
        }
        // "King Abdullah II", "Mohammed VI": a regnal number is part of the name.
        if s.toks.get(last + 1).is_some_and(|tk| {
            tk.word
                && matches!(
                    tk.text,
                    "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX" | "X" | "XI" | "XII"
                )
        }) {
            last += 1;
        }
        t = last + 1;
        // "Sir Keir Starmer", "Mr Xi" at the start of a sentence: the honorific joined
        // the run; it cues the name and is not part of it ("Sheikh" is, in some names).
        if first < last && s.toks[first].word && LEADING_HONORIFICS.contains(&s.toks[first].lower())
        {
            first += if s.punct_is(first + 1, ".") { 2 } else { 1 };
        }
        let words: Vec<&str> = (first..=last)
            .filter(|&i| s.toks[i].word)
            .map(|i| s.toks[i].lower())
            .collect();
        if words.iter().any(|w| is_org_word(w)) {
            continue;
        }
        // A run right before an organisation word belongs to the organisation's name.
        if s.toks
            .get(last + 1)
            .is_some_and(|tk| tk.word && is_org_word(tk.lower()) && tk.capitalized())
        {
            continue;
        }
        // "the Department of Foreign Affairs", "the Ministry of the Interior": a run
        // after an organisation word and "of" is the rest of the organisation's name.
        let mut before = first;
        if before >= 1 && s.word_is(before - 1, "the") {
            before -= 1;
        }
        if before >= 2
            && s.word_is(before - 1, "of")
            && s.toks[before - 2].capitalized()
            && is_org_word(s.toks[before - 2].lower())
        {
            continue;
        }
        if s.toks[last].text.len() == 1 && first == last {
            continue;
        }
        // "Mohamed Al Hammadi / Presidential Court", "AFP/Jane Doe": a photo credit.
        if s.punct_is(last + 1, "/") || (first > 0 && s.punct_is(first - 1, "/")) {
            continue;
        }
        let surface = names::display(s.slice(first, last));
        let mut cand = Candidate {
            sent: s.idx,
            first,
            last,
            surface,
            cue: Cue::None,
            role: None,
            country: None,
            title_from: None,
            appos_countries: Vec::new(),
            appos_role: None,
            org: None,
            kin: first >= 1 && s.toks[first - 1].word && KIN.contains(&s.toks[first - 1].lower()),
        };
        context_before(g, s, &mut cand);
        if cand.cue == Cue::None {
            context_after(s, &mut cand);
        } else {
            let mut after = cand.clone();
            context_after(s, &mut after);
            if cand.country.is_none() {
                cand.country = after.country;
            }
            if cand.role.is_none() {
                cand.role = after.role;
            }
            cand.appos_countries = after.appos_countries;
            cand.appos_role = after.appos_role;
        }
        // "Foreign Minister Dmitri Peskov of Russia".
        if cand.cue == Cue::Title && cand.country.is_none() && s.word_is(last + 1, "of") {
            let k = if s.word_is(last + 2, "the") {
                last + 3
            } else {
                last + 2
            };
            cand.country = s.found_starting(k).and_then(|f| f.country());
        }
        if cand.cue == Cue::None {
            let words_in_run = (first..=last).filter(|&i| s.toks[i].word).count();
            let given = s.toks[first].word
                && names::with_folded(s.toks[first].text, |folded| {
                    g.name_variant_group(folded).is_some()
                });
            if words_in_run >= 2 && given {
                cand.cue = Cue::GivenName;
            } else if words_in_run >= 2
                && (speech_follows(s, last)
                    || first.checked_sub(1).is_some_and(|p| speech_verb_at(s, p)))
            {
                // "X said", "said X".
                cand.cue = Cue::Speech;
            } else if words_in_run >= 2
                && (encounter_follows(s, last) || guest_after_verb(s, first))
            {
                // "Keir Starmer met ...", "Antony Blinken held talks with ...", "met Xi
                // Jinping".
                cand.cue = Cue::Action;
            } else if words_in_run == 1 && (encounter_follows(s, last) || will_meet(s, last)) {
                // "Erdogan met with President ...", "Merz will hold talks": a family
                // name alone, kept only if it is also written mid-sentence (see
                // [`cluster`]), which a capitalised common word is not.
                cand.cue = Cue::Action;
            }
        }
        out.push(cand);
    }
}

fn speech_follows(s: &Sent<'_>, last: usize) -> bool {
    verb_after(s, last).is_some_and(is_speech_verb)
}

/// The word that follows a name ending at `last`, past one "also", "has" or "had": the
/// verb of "X said", "X has met". None after a comma.
fn verb_after<'a>(s: &'a Sent<'_>, last: usize) -> Option<&'a str> {
    let mut k = last + 1;
    if s.punct_is(k, ",") {
        return None;
    }
    if s.word_is(k, "also") || s.word_is(k, "has") || s.word_is(k, "had") {
        k += 1;
    }
    s.toks.get(k).filter(|tk| tk.word).map(|tk| tk.lower())
}

/// Verbs whose subject, a full name before them, is a person: "X met", "X held talks",
/// "X hosted", "X has visited".
const ENCOUNTER_VERBS: &[&str] = &[
    "met",
    "meets",
    "held",
    "holds",
    "hosted",
    "hosts",
    "received",
    "receives",
    "visited",
    "visits",
    "phoned",
    "welcomed",
    "arrived",
    "arrives",
    "travelled",
    "traveled",
    "spoke",
    "talked",
];

/// "X will meet", "X will hold talks", "X is to visit": a plan to meet, after a name
/// ending at `last`.
fn will_meet(s: &Sent<'_>, last: usize) -> bool {
    let k =
        if (s.word_is(last + 1, "is") || s.word_is(last + 1, "was")) && s.word_is(last + 2, "to") {
            last + 3
        } else if s.word_is(last + 1, "will") || s.word_is(last + 1, "would") {
            last + 2
        } else {
            return false;
        };
    [
        "meet", "hold", "visit", "receive", "host", "travel", "talk", "speak",
    ]
    .iter()
    .any(|w| s.word_is(k, w))
}

fn encounter_follows(s: &Sent<'_>, last: usize) -> bool {
    verb_after(s, last).is_some_and(|verb| ENCOUNTER_VERBS.contains(&verb))
}

/// A full name right after a verb that takes a person: "met Xi Jinping", "received
/// Abbas Araghchi".
fn guest_after_verb(s: &Sent<'_>, first: usize) -> bool {
    first.checked_sub(1).is_some_and(|p| {
        s.toks[p].word
            && matches!(
                s.toks[p].lower(),
                "met"
                    | "meets"
                    | "received"
                    | "receives"
                    | "hosted"
                    | "hosts"
                    | "welcomed"
                    | "phoned"
            )
    })
}

/// Country named right before token `t` (exclusive): "Russian", "Iran's", "Iran".
fn country_before(s: &Sent<'_>, t: usize) -> Option<usize> {
    if t == 0 {
        return None;
    }
    // "Iranian parliamentary speaker", "Russian State Duma Speaker": a modifier or the
    // body the title belongs to may stand between.
    let mut t = t;
    for _ in 0..2 {
        let here = s.found_ending(t - 1);
        if here.is_some_and(|f| f.country().is_some() || f.capital().is_some()) {
            break;
        }
        let org_start = here
            .filter(|f| f.org().is_some())
            .map(|_| s.phrase_first_token(t - 1));
        let tok = &s.toks[t - 1];
        let modifier = tok.word
            && !tok.capitalized()
            && (is_title_modifier(s, t - 1)
                || matches!(
                    tok.lower(),
                    "parliamentary" | "presidential" | "interim" | "caretaker"
                ));
        match org_start.or(modifier.then_some(t - 1)) {
            Some(start) if start > 0 => t = start,
            _ => return None,
        }
    }
    let f = s.found_ending(t - 1)?;
    let c = f.country().or(f.capital())?;
    // "Iran Foreign Minister", "Iran's", "Iranian".
    Some(c)
}

/// Looks left of the run for a title chain, an honorific or "counterpart".
fn context_before(g: &Gazetteer, s: &Sent<'_>, cand: &mut Candidate) {
    // "my colleague Mr. Saidov": the honorific alone names no one.
    if cand.first == cand.last && LEADING_HONORIFICS.contains(&s.toks[cand.first].lower()) {
        return;
    }
    let mut k = cand.first;
    // Skip an opening quote and one comma: "counterpart, Shehbaz Sharif".
    if k > 0 && s.is_quote(k - 1) {
        k -= 1;
    }
    let comma = k > 0 && s.punct_is(k - 1, ",");
    if comma {
        k -= 1;
    }
    if k == 0 {
        return;
    }
    let mut prev = k - 1;
    // "Mr. X", "Sheikh X": an honorific; a title may still stand before it ("Qatar's
    // Emir Sheikh Tamim").
    let honorific_at = if !comma
        && s.punct_is(prev, ".")
        && prev > 0
        && HONORIFICS.contains(&s.toks[prev - 1].lower())
    {
        Some(prev - 1)
    } else if !comma && s.toks[prev].word && HONORIFICS.contains(&s.toks[prev].lower()) {
        Some(prev)
    } else {
        None
    };
    if let Some(at) = honorific_at {
        cand.cue = Cue::Honorific;
        if at == 0 {
            return;
        }
        let mut before = at - 1;
        // "Qatar's prime minister, Sheikh Mohammed": the title in apposition.
        if before > 0 && s.punct_is(before, ",") {
            before -= 1;
        }
        // "President of the United Arab Emirates Sheikh Mohamed": a country ends the
        // title chain, read below as "President of the Islamic Republic of Iran X".
        let titled = s
            .found_ending(before)
            .is_some_and(|f| f.title().is_some() || (f.country().is_some() && !f.is_demonym()));
        if !titled {
            return;
        }
        prev = before;
    }
    // "his counterpart from Laos Thongloun Sisoulith".
    if let Some(c) = s
        .found_ending(prev)
        .filter(|f| !f.is_demonym())
        .and_then(|f| f.country())
    {
        let start = s.phrase_first_token(prev);
        if start >= 2
            && (s.word_is(start - 1, "from") || s.word_is(start - 1, "of"))
            && (s.word_is(start - 2, "counterpart") || s.word_is(start - 2, "colleague"))
        {
            cand.cue = Cue::Counterpart;
            cand.country = Some(c);
            return;
        }
    }
    // "his Iranian colleague Javad Zarif": diplomatic usage, as "counterpart".
    if ["counterpart", "counterparts", "colleague", "colleagues"]
        .iter()
        .any(|w| s.word_is(prev, w))
    {
        cand.cue = Cue::Counterpart;
        cand.country = country_before(s, prev);
        return;
    }
    // A title chain: [Country's|Demonym] Title [of (the) Country|Demonym Title|Org]* [for|to X] Name
    let mut j = prev as isize;
    let mut role = None;
    let mut country = None;
    let mut title_start = None;
    let mut title_last = None;
    let mut near_role = None;
    // A title's complement: "for Afghanistan", "to Moscow", "of the Ministry of
    // Foreign Affairs", "for Economic Diplomacy".
    if let Some(title_end) = title_across_complement(s, prev) {
        j = title_end as isize;
    }
    // "the Emir's Bentley": what a title holder owns is not named by the title.
    if j == prev as isize && s.toks[prev].possessive {
        return;
    }
    while j >= 0 {
        let ju = j as usize;
        let Some(f) = s.found_ending(ju) else { break };
        let Some(title) = f.title() else { break };
        let fs = s.phrase_first_token(ju);
        role = Some(title);
        title_start = Some(fs);
        title_last = title_last.or(Some(ju));
        if let Some(c) = country_before(s, fs) {
            country = country.or(Some(c));
            title_start = Some(s.phrase_first_token(fs - 1));
        }
        // "State Councilor and Foreign Minister Wang Yi": titles joined by "and".
        if title_start == Some(fs)
            && fs >= 2
            && s.word_is(fs - 1, "and")
            && s.found_ending(fs - 2)
                .is_some_and(|pf| pf.title().is_some())
        {
            // The title next to the name is the one the person acts in.
            near_role = near_role.or(role);
            j = fs as isize - 2;
            continue;
        }
        // "Saudi Foreign Minister Prince Faisal": a title before a title heads the chain.
        if title_start == Some(fs)
            && fs >= 1
            && s.found_ending(fs - 1)
                .is_some_and(|pf| pf.title().is_some())
        {
            j = fs as isize - 1;
            continue;
        }
        // "Minister of Foreign Affairs of Russia X" is rare; "President of the Islamic
        // Republic of Iran X" is handled below by looking for "of (the) Country".
        let mut b = title_start.unwrap_or(fs) as isize - 1;
        // Skip modifiers: "top", "deputy", "former", "the".
        while b >= 0 && is_title_modifier(s, b as usize) {
            b -= 1;
        }
        // "... of the Iranian President": keep walking to the head of the chain.
        if b >= 1 && (s.word_is(b as usize, "the") || s.word_is(b as usize, "of")) {
            let mut c = b;
            if s.word_is(c as usize, "the") {
                c -= 1;
            }
            if c >= 1 && s.word_is(c as usize, "of") {
                j = c - 1;
                continue;
            }
        }
        break;
    }
    // "President of the Republic of Kazakhstan Kassym-Jomart Tokayev".
    if role.is_none() && j >= 0 {
        let ju = j as usize;
        if let Some(f) = s.found_ending(ju) {
            if let Some(c) = f.country() {
                let fs = s.phrase_first_token(ju);
                let mut b = fs as isize - 1;
                if b >= 0 && s.word_is(b as usize, "the") {
                    b -= 1;
                }
                if b >= 1 && s.word_is(b as usize, "of") {
                    if let Some(tf) = s.found_ending(b as usize - 1) {
                        if let Some(title) = tf.title() {
                            role = Some(title);
                            country = Some(c);
                            title_start = Some(s.phrase_first_token(b as usize - 1));
                        }
                    }
                }
            }
        }
    }
    // "President of the United Arab Emirates Mohamed bin Zayed": the complement read
    // over above names the country.
    if country.is_none() {
        if let Some(last) = title_last.filter(|&l| s.word_is(l + 1, "of")) {
            let k = if s.word_is(last + 2, "the") {
                last + 3
            } else {
                last + 2
            };
            country = s
                .found_starting(k)
                .filter(|f| !f.is_demonym())
                .and_then(|f| f.country());
        }
    }
    // "External Affairs Minister S Jaishankar": a title only one state gives.
    if country.is_none() {
        country = title_last
            .and_then(|last| s.found_ending(last))
            .and_then(|f| f.title_country());
    }
    let role = near_role.or(role);
    if let Some(role) = role {
        // A comma between a title and a name is an apposition only for "the
        // spokesperson of the ministry, X"-like chains; accept it.
        cand.cue = Cue::Title;
        cand.role = Some(role);
        cand.country = country;
        cand.title_from = title_start;
        if let Some(start) = title_start.filter(|&st| st > 0) {
            cand.org = s.found_ending(start - 1).and_then(|f| f.org());
        }
        let _ = g;
    }
}

/// Scans back from `from` over a complement ("for Economic Diplomacy", "of the
/// Ministry of Foreign Affairs") to the title it completes; returns the title's last token.
fn title_across_complement(s: &Sent<'_>, from: usize) -> Option<usize> {
    let mut k = from;
    for _ in 0..10 {
        let tok = &s.toks[k];
        let lower = tok.lower();
        let prep = tok.word && matches!(lower, "of" | "for" | "to" | "in" | "on");
        if prep && k >= 1 && k < from && s.found_ending(k - 1).is_some_and(|f| f.title().is_some())
        {
            return Some(k - 1);
        }
        let filler = tok.word
            && (tok.capitalized()
                || matches!(lower, "of" | "for" | "to" | "the" | "on" | "in" | "and"));
        if !(filler || s.cover[k].is_some()) || k == 0 {
            return None;
        }
        if s.found_ending(k).is_some_and(|f| f.title().is_some()) && k < from {
            return None;
        }
        k -= 1;
    }
    None
}

fn is_title_modifier(s: &Sent<'_>, t: usize) -> bool {
    s.toks[t].word
        && matches!(
            s.toks[t].lower(),
            "top"
                | "former"
                | "then"
                | "current"
                | "acting"
                | "incumbent"
                | "newly"
                | "appointed"
                | "new"
                | "senior"
                | "chief"
        )
}

/// Looks right of the run for ", the Foreign Minister of Russia" or ", Iran's envoy".
fn context_after(s: &Sent<'_>, cand: &mut Candidate) {
    let n = s.toks.len();
    let mut k = cand.last + 1;
    if k < n && s.is_quote(k) {
        k += 1;
    }
    if !(k < n && s.punct_is(k, ",")) {
        return;
    }
    k += 1;
    if s.word_is(k, "the") || s.word_is(k, "a") || s.word_is(k, "an") {
        k += 1;
    }
    let mut country = None;
    if k < n {
        if let Some(f) = s.found_starting(k) {
            if let Some(c) = f.country() {
                country = Some(c);
                k = s.phrase_last_token(k) + 1;
            }
        }
    }
    while k < n
        && is_title_modifier(s, k)
        && s.found_starting(k).is_none_or(|f| f.title().is_none())
    {
        k += 1;
    }
    if k < n {
        if let Some(f) = s.found_starting(k) {
            if let Some(c) = f.country() {
                country = country.or(Some(c));
                k = s.phrase_last_token(k) + 1;
            }
        }
    }
    let Some(title) = (k < n)
        .then(|| s.found_starting(k).and_then(|f| f.title()))
        .flatten()
    else {
        if let Some((title, country)) = closing_title(s, k) {
            cand.cue = Cue::Apposition;
            cand.role = Some(title);
            cand.country = country;
        }
        return;
    };
    k = s.phrase_last_token(k) + 1;
    // "of Russia", "of Russia and Iran", "of the Islamic Republic".
    let mut countries = Vec::new();
    if s.word_is(k, "of") {
        k += 1;
        loop {
            if s.word_is(k, "the") {
                k += 1;
            }
            match (k < n)
                .then(|| s.found_starting(k).and_then(|f| f.country()))
                .flatten()
            {
                Some(c) => {
                    countries.push(c);
                    k = s.phrase_last_token(k) + 1;
                }
                None => break,
            }
            if s.punct_is(k, ",") || s.word_is(k, "and") {
                k += 1;
            } else {
                break;
            }
        }
    }
    cand.cue = Cue::Apposition;
    cand.role = Some(title);
    cand.country = country.or(countries.first().copied().filter(|_| countries.len() == 1));
    if countries.len() >= 2 {
        cand.appos_countries = countries;
        cand.appos_role = Some(title);
    }
}

/// "Wang Yi, member of the Political Bureau of the ... Central Committee and Chinese
/// foreign minister, held talks": a long apposition from `k` whose last role, after
/// "and" or "also", is a title (with its country, if a demonym or country precedes
/// it). Not a clause ("X, who met the Russian foreign minister, ...").
fn closing_title(s: &Sent<'_>, k: usize) -> Option<(usize, Option<usize>)> {
    const LONGEST: usize = 30;
    let end = (k..s.toks.len().min(k + LONGEST)).find(|&t| s.punct_is(t, ","))?;
    let clause = (k..end).any(|t| {
        s.toks[t].word
            && matches!(
                s.toks[t].lower(),
                "who" | "whom" | "whose" | "which" | "that" | "when" | "where"
            )
    });
    if clause || end == 0 {
        return None;
    }
    let f = s.found_ending(end - 1)?;
    let title = f.title()?;
    let mut first = s.phrase_first_token(end - 1);
    let mut country = None;
    if first > k {
        if let Some(c) = s.found_ending(first - 1).and_then(|f| f.country()) {
            country = Some(c);
            first = s.phrase_first_token(first - 1);
        }
    }
    (first > k && (s.word_is(first - 1, "and") || s.word_is(first - 1, "also")))
        .then_some((title, country))
}

/// Groups candidates into persons. Candidates with a person cue found persons; the
/// others (a bare "Peskov") only join a person found elsewhere in the article.
pub(crate) fn cluster(g: &Gazetteer, cands: &[Candidate]) -> (Vec<Person>, Vec<Option<usize>>) {
    let mut persons: Vec<Person> = Vec::new();
    let mut assign: Vec<Option<usize>> = vec![None; cands.len()];
    let mut cand_parts: Vec<Vec<String>> = cands.iter().map(|c| names::parts(&c.surface)).collect();
    let counts: Vec<usize> = cand_parts.iter().map(Vec::len).collect();
    let word_count = |c: &Candidate| {
        c.surface
            .split([' ', '-'])
            .filter(|w| !w.is_empty())
            .count()
    };
    // Longest, most clearly cued names first, then the rest, in text order.
    let mut order: Vec<usize> = (0..cands.len()).collect();
    // A family name cued by a verb only ("Erdogan met ...") is as weak as no cue.
    let weak = |c: &Candidate| c.cue == Cue::None || (c.cue == Cue::Action && c.first == c.last);
    order.sort_by_key(|&i| (weak(&cands[i]), counts[i] < 2, i));
    for i in order {
        let c = &cands[i];
        // "Peskov-Mir-Hosseini": two known names joined by a hyphen.
        if c.surface.contains('-') && compound_of(g, &persons, &c.surface).is_some() {
            continue;
        }
        // A relative is named in full: not found by a family name alone.
        if let Some(p) = best_match_parts(g, &persons, &cand_parts[i], !c.kin) {
            let person = &mut persons[p];
            if !person.aliases.contains(&c.surface) && person.name != c.surface {
                // `parted[0]` is the parts of the name, which stays as it is until
                // every candidate is placed.
                if let Some(why) = names::same_parts(g, &cand_parts[i], &person.parted[0]) {
                    person.merges.push(why.describe(&c.surface, &person.name));
                }
                person.aliases.push(c.surface.clone());
                // Each candidate is seen once: its parts are moved, not copied.
                person.parted.push(std::mem::take(&mut cand_parts[i]));
            }
            person.mentions.push((c.sent, c.first, c.last));
            adopt(person, c);
            assign[i] = Some(p);
            continue;
        }
        if c.cue == Cue::None || (c.cue == Cue::Speech && word_count(c) < 2) {
            continue;
        }
        // A family name alone, cued by a verb only: a name if it is also capitalised
        // mid-sentence somewhere ("Officials met ..." is not).
        if c.cue == Cue::Action
            && c.first == c.last
            && !cands.iter().any(|o| o.surface == c.surface && o.first > 0)
        {
            continue;
        }
        let mut person = Person {
            name: c.surface.clone(),
            parted: vec![std::mem::take(&mut cand_parts[i])],
            kin: c.kin,
            ..Person::default()
        };
        person.mentions.push((c.sent, c.first, c.last));
        adopt(&mut person, c);
        persons.push(person);
        assign[i] = Some(persons.len() - 1);
    }
    // A longer spelling seen later is a better display name ("Peskov" then "Dmitry Peskov").
    // The parts of the name and of each alias are `parted`, in that order.
    debug_assert!(persons.iter().all(|p| {
        let spellings = std::iter::once(&p.name).chain(&p.aliases);
        p.parted.len() == p.aliases.len() + 1
            && spellings
                .zip(&p.parted)
                .all(|(name, parts)| names::parts(name) == *parts)
    }));
    for p in &mut persons {
        let n_name_parts = p.parted[0].len();
        if let Some(longer) = p
            .aliases
            .iter()
            .zip(&p.parted[1..])
            .filter(|(_, parts)| parts.len() > n_name_parts)
            .max_by_key(|(_, parts)| parts.len())
            .map(|(alias, _)| alias.clone())
        {
            let old = std::mem::replace(&mut p.name, longer.clone());
            p.aliases.retain(|a| *a != longer);
            p.aliases.push(old);
        }
    }
    (persons, assign)
}

/// Two different known persons whose names, joined by a hyphen, make `surface`.
pub(crate) fn compound_of(
    g: &Gazetteer,
    persons: &[Person],
    surface: &str,
) -> Option<(usize, usize)> {
    let pieces: Vec<&str> = surface.split('-').collect();
    (1..pieces.len()).find_map(|cut| {
        let left = pieces[..cut].join("-");
        let right = pieces[cut..].join("-");
        match (
            best_match(g, persons, &left),
            best_match(g, persons, &right),
        ) {
            (Some(a), Some(b)) if a != b => Some((a, b)),
            _ => None,
        }
    })
}

fn adopt(person: &mut Person, c: &Candidate) {
    if person.org.is_none() {
        person.org = c.org.map(|o| (o, c.sent));
    }
    if person.role.is_none() && c.role.is_some() {
        person.role = c.role;
        person.role_sent = Some(c.sent);
    }
    if person.country.is_none() && c.country.is_some() {
        person.country = c.country;
        person.country_sent = Some(c.sent);
    }
}

/// The one person this spelling names; `None` when none or several do.
pub(crate) fn best_match(g: &Gazetteer, persons: &[Person], surface: &str) -> Option<usize> {
    best_match_parts(g, persons, &names::parts(surface), true)
}

/// [`best_match`] of a spelling already split by [`names::parts`]; only as it is or as
/// a variant unless `by_family_name`.
fn best_match_parts(
    g: &Gazetteer,
    persons: &[Person],
    mine: &[String],
    by_family_name: bool,
) -> Option<usize> {
    let mut exact = Vec::new();
    let mut surname = Vec::new();
    for (idx, p) in persons.iter().enumerate() {
        // The closest way any of its spellings is the same name: a spelling match is
        // as close as it gets, so the rest need no comparing.
        let mut best = None;
        for known in &p.parted {
            match names::same_parts(g, mine, known) {
                Some(Same::Spelling) => {
                    best = Some(Same::Spelling);
                    break;
                }
                Some(Same::Variant) => best = Some(Same::Variant),
                Some(same @ (Same::Middle | Same::Initial)) if best != Some(Same::Variant) => {
                    best = Some(same)
                }
                Some(Same::Surname) if best.is_none() => best = Some(Same::Surname),
                _ => {}
            }
        }
        match best {
            Some(Same::Spelling | Same::Variant) => exact.push(idx),
            Some(Same::Surname | Same::Middle | Same::Initial) if !p.kin => surname.push(idx),
            Some(Same::Surname | Same::Middle | Same::Initial) => {}
            None => {}
        }
    }
    match (exact.len(), surname.len()) {
        (1, _) => Some(exact[0]),
        _ if !by_family_name => None,
        (0, 1) => Some(surname[0]),
        (0, 0) => part_match(persons, mine),
        _ => None,
    }
}

/// A one-word mention that is a part of exactly one known name other than its last:
/// "Xi" for "Xi Jinping" (family name first), "Lula" for "Luiz Inácio Lula da Silva".
fn part_match(persons: &[Person], mine: &[String]) -> Option<usize> {
    let [word] = mine else { return None };
    if word.len() < 2 {
        return None;
    }
    let mut hits = persons.iter().enumerate().filter(|(_, p)| {
        p.parted
            .iter()
            .any(|parts| parts.len() >= 2 && parts[..parts.len() - 1].contains(word))
    });
    let first = hits.next()?;
    hits.next().is_none().then_some(first.0)
}
