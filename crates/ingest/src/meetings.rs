//! Meetings: trigger words ("met", "talks", "visit", "phone call"), their participants
//! (named persons, titles such as "his Russian counterpart", or countries when no one
//! is named), date, place, status, and the topics on their agenda.

use std::{collections::BTreeSet, sync::LazyLock};

use aho_corasick::{AhoCorasick, MatchKind};

use crate::{
    dates::{self, Date, Tense},
    extractor::{is_head, is_monarch, is_state_office, tense_at, Reading, RoleRef, TRAVEL_WORDS},
    gazetteer::Gazetteer,
    persons::speech_verb_at,
    sentence::Sent,
    words::WordMap,
};

/// What sort of encounter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Meeting,
    Visit,
    PhoneCall,
    Talks,
}

impl Kind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Meeting => "meeting",
            Kind::Visit => "visit",
            Kind::PhoneCall => "phone_call",
            Kind::Talks => "talks",
        }
    }

    fn remote(self) -> bool {
        self == Kind::PhoneCall
    }
}

/// Held already, or still to come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    Held,
    Planned,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Held => "held",
            Status::Planned => "planned",
        }
    }
}

/// Who took part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Participant {
    Person(usize),
    Country(usize),
}

/// A topic: from the lexicon, or an agenda phrase the lexicon lacks.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum TopicRef {
    Lexicon(usize),
    #[allow(
        dead_code,
        reason = "agenda phrases outside the lexicon are kept as free topics"
    )]
    Free(String),
}

/// One encounter as the article tells it.
#[derive(Clone, Debug)]
pub(crate) struct Meeting {
    pub(crate) kind: Kind,
    pub(crate) status: Status,
    pub(crate) date: Option<Date>,
    pub(crate) participants: BTreeSet<Participant>,
    /// (place index, sentence).
    pub(crate) place: Option<(usize, usize)>,
    pub(crate) topics: Vec<(TopicRef, usize)>,
    pub(crate) sents: Vec<usize>,
}

const AGENDA_CUES: &[&str] = &[
    "agenda",
    "discuss",
    "discussed",
    "discusses",
    "discussing",
    "discussion",
    "discussions",
    "exchange views",
    "exchanged views",
    "focus",
    "focused",
    "focusing",
    "main goal",
    "review",
    "reviewed",
    "talk about",
    "talked about",
    "talks on",
    "topic",
    "topics",
    "subject",
    "subjects",
    "consult",
    "consulted",
    "examine",
    "examined",
    "address",
    "addressed",
];

/// Finds whether any agenda cue occurs in a lower-cased sentence, in one pass.
/// (Whether there is a match does not depend on the match kind; a leftmost one lets
/// the automaton use its fastest prefilter.)
static ANY_CUE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(AGENDA_CUES)
        .expect("the agenda cues are plain strings")
});

/// The agenda cues by their first word, each as its list of words.
static CUES_BY_FIRST_WORD: LazyLock<WordMap<&'static str, Vec<Vec<&'static str>>>> =
    LazyLock::new(|| {
        let mut by_first: WordMap<&'static str, Vec<Vec<&'static str>>> = WordMap::default();
        for cue in AGENDA_CUES {
            let words: Vec<&'static str> = cue.split(' ').collect();
            by_first.entry(words[0]).or_default().push(words);
        }
        by_first
    });

/// An agenda cue phrase starts at word token `t`.
fn any_cue_at(s: &Sent<'_>, t: usize) -> bool {
    let Some(tok) = s.toks.get(t).filter(|tok| tok.word) else {
        return false;
    };
    let Some(cues) = CUES_BY_FIRST_WORD.get(tok.lower()) else {
        return false;
    };
    cues.iter().any(|words| {
        words[1..].iter().enumerate().all(|(i, word)| {
            s.toks
                .get(t + 1 + i)
                .is_some_and(|tok| tok.word && tok.lower() == *word)
        })
    })
}

/// Trigger words at token `t`: the kind and the last token of the trigger.
///
/// Sentence `s` names an encounter, not only a trip: "X met Y accompanied by
/// ministers", not "On this trip, A and B are accompanying X".
pub(crate) fn names_encounter(s: &Sent<'_>) -> bool {
    (0..s.toks.len()).any(|t| trigger_at(s, t).is_some_and(|(kind, _)| kind != Kind::Visit))
}

/// Inlined: it is asked of every token of the article, and most are turned away by
/// their first test or their length, which costs less than a call.
#[inline(always)]
fn trigger_at(s: &Sent<'_>, t: usize) -> Option<(Kind, usize)> {
    let tok = &s.toks[t];
    if !tok.word {
        return None;
    }
    let w = tok.lower();
    // The neighbouring words, looked at only for the few triggers that need them.
    let next = || s.toks.get(t + 1).filter(|n| n.word).map(|n| n.lower());
    let prev = || {
        t.checked_sub(1)
            .and_then(|p| s.toks.get(p))
            .filter(|p| p.word)
            .map(|p| p.lower())
    };
    match w {
        "phone" | "telephone" | "telephonic" | "video" => match next() {
            Some(
                "call" | "calls" | "conversation" | "conversations" | "talks" | "talk"
                | "conference",
            ) => Some((Kind::PhoneCall, t + 1)),
            _ => None,
        },
        // "discussed by phone", "discussed over the phone": a call of the discussers.
        "discussed"
            if (t + 1..(t + 4).min(s.toks.len())).any(|k| {
                matches!(s.toks[k].lower(), "phone" | "telephone")
                    && matches!(s.toks[k - 1].lower(), "by" | "the" | "over")
            }) =>
        {
            Some((Kind::PhoneCall, t))
        }
        // "calling up Mr Jaishankar", "called up his counterpart".
        "calling" | "called" | "calls" | "call" if matches!(next(), Some("up")) => {
            Some((Kind::PhoneCall, t + 1))
        }
        "phoned" | "videoconference" => Some((Kind::PhoneCall, t)),
        "spoke" | "spoken" | "speaks" | "talked" => {
            // "spoke by phone with X", "had spoken with X by phone on Saturday".
            let by_phone = (t + 1..(t + 12).min(s.toks.len())).any(|k| {
                matches!(s.toks[k].lower(), "phone" | "telephone")
                    && k >= 1
                    && matches!(s.toks[k - 1].lower(), "by" | "the" | "on" | "over")
            });
            if by_phone {
                return Some((Kind::PhoneCall, t));
            }
            // "Lula spoke with Prime Minister Li Qiang": a conversation, met in person
            // as far as the sentence tells.
            // Not a speaker's "we talked with my colleague", the talks told of.
            (matches!(w, "spoke" | "speaks")
                && matches!(next(), Some("with"))
                && !matches!(prev(), Some("we" | "i")))
            .then_some((Kind::Meeting, t))
        }
        // "bilateral meetings with X and Y", "held separate meetings": not "the recent
        // meetings of the Arab League", and not "regular meetings", a habit.
        "meetings"
            if !matches!(
                prev(),
                Some("bilateral" | "separate" | "hold" | "held" | "holds" | "holding")
            ) =>
        {
            None
        }
        // "is scheduled to call on Prime Minister Modi", a courtesy call; not "called on
        // Iran to release ...", a demand.
        "call" | "calls" | "called" if matches!(next(), Some("on")) && courtesy_call(s, t) => {
            Some((Kind::Meeting, t + 1))
        }
        // "sat down with X" (not "officials sat down together in 2017").
        "sat" if matches!(next(), Some("down")) && s.word_is(t + 2, "with") => {
            Some((Kind::Meeting, t + 1))
        }
        "meet" | "meets" | "met" | "meeting" | "meetings" | "summit" | "consultations" | "host"
        | "hosts" | "hosted" | "hosting" | "receive" | "received" | "receives" | "receiving" => {
            // "press meeting" is not; "meeting point" neither.
            if matches!(prev(), Some("press" | "news" | "cabinet")) {
                return None;
            }
            Some((Kind::Meeting, t))
        }
        "talks" | "negotiations" | "conversations" => {
            if matches!(prev(), Some("phone" | "telephone")) {
                return None;
            }
            Some((Kind::Talks, t))
        }
        // "welcomed Indonesian President Joko Widodo to Canberra", "was welcomed by X": a
        // guest; not "welcomed the decision" or "welcomed Iran's proposal".
        "welcomed" | "welcomes" | "welcoming" => welcomes_guest(s, t).then_some((Kind::Meeting, t)),
        // "agreed to resume regular visits": a habit, not one visit.
        "visits" if matches!(prev(), Some(p) if HABITUAL.contains(&p)) => None,
        "visit" | "visits" | "visited" | "visiting" | "trip" => {
            (!repeated_after(s, t)).then_some((Kind::Visit, t))
        }
        _ => None,
    }
}

/// "welcomed" at `t` takes a guest: "by" or "his/her" next, or "the visiting", or a
/// run of capitalised words (a title and a name) that is not a possessive ("welcomed
/// Australia's decision").
fn welcomes_guest(s: &Sent<'_>, t: usize) -> bool {
    let Some(next) = s.toks.get(t + 1).filter(|n| n.word) else {
        return false;
    };
    match next.lower() {
        "by" | "his" | "her" => return true,
        "the" => return s.word_is(t + 2, "visiting"),
        _ => {}
    }
    let run = s.toks[t + 1..].iter().take_while(|tok| tok.capitalized());
    let mut run = run.peekable();
    run.peek().is_some() && run.all(|tok| !tok.possessive)
}

/// "call on" at `t` visits someone: a capitalised title or name follows, and no "to"
/// later in the clause makes it a demand ("called on Israel to halt ...").
fn courtesy_call(s: &Sent<'_>, t: usize) -> bool {
    s.toks.get(t + 2).is_some_and(|tok| tok.capitalized())
        && !s.toks[t + 2..]
            .iter()
            .take_while(|tok| tok.word || !matches!(tok.text, "," | ";" | ":" | "."))
            .any(|tok| tok.word && tok.is("to"))
}

/// The trigger at `t` is denied in its own clause: "no immediate plans for a meeting",
/// "did not meet", "has never visited" (the six words before it, back to a comma).
fn negated(s: &Sent<'_>, t: usize) -> bool {
    s.toks[..t]
        .iter()
        .rev()
        .take_while(|tok| tok.word)
        .take(6)
        .any(|tok| {
            matches!(
                tok.lower(),
                "no" | "not" | "never" | "didn't" | "hasn't" | "won't"
            )
        })
}

/// "has visited France twice", "visited Moscow several times": not one visit. Looks at
/// the six tokens after `t`, within the clause.
fn repeated_after(s: &Sent<'_>, t: usize) -> bool {
    s.toks
        .iter()
        .skip(t + 1)
        .take(6)
        .take_while(|tok| tok.word || !matches!(tok.text, "," | ";" | ":"))
        .any(|tok| {
            tok.word
                && matches!(
                    tok.lower(),
                    "twice" | "times" | "repeatedly" | "often" | "frequently" | "regularly"
                )
        })
}

/// Words that make "visits" a habit rather than events: "regular visits", "reciprocal
/// visits".
const HABITUAL: &[&str] = &[
    "regular",
    "frequent",
    "annual",
    "periodic",
    "reciprocal",
    "mutual",
    "shuttle",
    "routine",
    // "Trump's recent visits to Gulf countries": several, none told of.
    "recent",
    "previous",
    "past",
    "several",
    "multiple",
    "numerous",
];

/// Reads the meetings of an article into `r.meetings`.
pub(crate) fn read(r: &mut Reading<'_>) {
    let mut current: Option<usize> = None;
    let mut pending: Vec<(TopicRef, usize)> = Vec::new();
    let mut last_subject: Option<usize> = None;
    for s in r.sents {
        let mut in_sentence: Vec<usize> = Vec::new();
        // Sets asked only whether they hold an item: short lists, most of them empty,
        // cost less than trees to fill and drop.
        let mut participant_tokens: Vec<usize> = Vec::new();
        let mut trigger_clauses: Vec<usize> = Vec::new();
        let first_here = first_person(r, s);
        // "He then travelled to Riyadh for talks with X": the pronoun is the subject told
        // before, not the first person this sentence names.
        let pronoun_first = s.word_is(0, "he") || s.word_is(0, "she") || pronoun_after_opener(s);
        let subject = if pronoun_first {
            last_subject.or(first_here)
        } else {
            first_here.or(last_subject)
        };
        // Only `participants` changes what `first_person` reads (the persons' roles and
        // countries): without a trigger the first person stays `first_here`.
        let mut any_trigger = false;
        let mut t = 0;
        while t < s.toks.len() {
            let Some((kind, last)) = trigger_at(s, t) else {
                t += 1;
                continue;
            };
            // "no immediate plans for a face-to-face meeting", "did not meet".
            if negated(s, t) {
                t = last + 1;
                continue;
            }
            let first = t;
            t = last + 1;
            any_trigger = true;
            let (parts, used, after) = participants(r, s, (first, last), subject, last_subject);
            let n_after = after.len();
            participant_tokens.extend(used);
            // The event's date and status, worked out only for a trigger that names a
            // meeting or tells more of one.
            let article_date = r.date;
            let date_from = first.saturating_sub(2);
            // "On the same day, Xi met Modi": the day of the meeting told before.
            let day_before = current
                .and_then(|c| r.meetings[c].date)
                .filter(|d| d.has_day());
            let when_cell = std::cell::OnceCell::new();
            let when = || {
                *when_cell.get_or_init(|| {
                    let tense = tense_at(s, first);
                    // "X will visit Seoul for a summit, Yoon's office said on Tuesday":
                    // the day of the saying, not of what is to come.
                    let said = (tense == Tense::Future)
                        .then(|| (last + 1..s.toks.len()).find(|&k| speech_verb_at(s, k)))
                        .flatten()
                        .map_or(s.text.len(), |k| s.toks[k].start());
                    let text = &s.text[s.toks[date_from].start()..said];
                    let date = dates::event_date(text, article_date, tense)
                        .or_else(|| opening_date(s, first, article_date, tense))
                        .or_else(|| day_before.filter(|_| SAME_DAY.is_match(&*s.lower)))
                        .or_else(|| article_date.filter(|_| ongoing(s, first, last, tense)));
                    (date, status(article_date, date, tense))
                })
            };
            let place = place_for(r, s, last, kind);
            let n_persons = parts
                .iter()
                .filter(|p| matches!(p, Participant::Person(_)))
                .count();
            let back_reference = anaphoric(s, first, last)
                && n_after == 0
                && current.is_some_and(|c| r.meetings[c].kind.remote() == kind.remote());
            let target = if back_reference {
                // "X accompanied Y on the trip": the trip told of before, not a new one.
                current
            } else if parts.len() >= 2 || (kind == Kind::Visit && n_persons == 1) {
                let (date, status) = when();
                let mut pushed: Vec<usize> = Vec::new();
                let country_of = |p: &Participant| match p {
                    Participant::Person(i) => r.persons[*i].country,
                    Participant::Country(c) => Some(*c),
                };
                for group in separate_groups(s, (first, last), &parts, &after, country_of) {
                    let mention = Meeting {
                        kind,
                        status,
                        date,
                        participants: group,
                        place,
                        topics: Vec::new(),
                        sents: vec![s.idx],
                    };
                    // Separate meetings of one sentence stay apart.
                    let refers_back = anaphoric(s, first, last);
                    let at = merge_or_push(&mut r.meetings, mention, refers_back, &pushed);
                    pushed.push(at);
                }
                let main = pushed.remove(0);
                // The other separate meetings share the sentence's topics.
                for other in pushed {
                    if !in_sentence.contains(&other) {
                        in_sentence.push(other);
                    }
                }
                Some(main)
            } else if parts.len() == 1 {
                let only = *parts
                    .iter()
                    .next()
                    .unwrap_or(&Participant::Country(usize::MAX));
                r.meetings.iter().rposition(|m| {
                    m.participants.contains(&only) && m.kind.remote() == kind.remote()
                })
            } else if anaphoric(s, first, last) {
                current.filter(|&c| r.meetings[c].kind.remote() == kind.remote())
            } else {
                None
            };
            if let Some(m_idx) = target {
                let clause = s.toks[..first]
                    .iter()
                    .filter(|tk| !tk.word && matches!(tk.text, ":" | ";"))
                    .count();
                trigger_clauses.push(clause);
                let m = &mut r.meetings[m_idx];
                if !m.sents.contains(&s.idx) {
                    m.sents.push(s.idx);
                }
                if m.date.is_none() {
                    let (date, status) = when();
                    m.date = date;
                    if date.is_some() {
                        m.status = status;
                    }
                }
                if m.place.is_none() {
                    m.place = place;
                }
                if !in_sentence.contains(&m_idx) {
                    in_sentence.push(m_idx);
                }
                current = Some(m_idx);
            }
        }
        let any_cue = ANY_CUE.is_match(&*s.lower);
        if in_sentence.is_empty() && !any_cue {
            // No meeting named here and no agenda cue: the sentence gives no topics,
            // unless a participant of the meeting just told of speaks ("Wang said
            // China is ready to push bilateral relations forward").
            if let Some(m_idx) = current.filter(|&c| speaks_for(r, s, &r.meetings[c], last_subject))
            {
                for t in 0..s.toks.len() {
                    if let Some(topic) = s
                        .found_starting(t)
                        .and_then(|f| f.topic())
                        .or_else(|| bilateral_at(r, s, t))
                    {
                        let topic = TopicRef::Lexicon(topic);
                        let m = &mut r.meetings[m_idx];
                        if !m.topics.iter().any(|(tr, _)| *tr == topic) {
                            m.topics.push((topic, s.idx));
                        }
                    }
                }
            }
            if let Some(p) = first_person_after(r, s, any_trigger, first_here) {
                last_subject = Some(p);
            }
            continue;
        }
        // Topics, from the clauses (split at ":" and ";") that carry an agenda cue or
        // the trigger itself.
        let clause_of: Vec<usize> = s
            .toks
            .iter()
            .scan(0usize, |clause, tok| {
                let here = *clause;
                if !tok.word && matches!(tok.text, ":" | ";") {
                    *clause += 1;
                }
                Some(here)
            })
            .collect();
        let mut cue_clauses: Vec<usize> = Vec::new();
        for (t, tok) in s.toks.iter().enumerate().filter(|_| any_cue) {
            // Compare token by token: offsets into the lower-cased sentence are not
            // offsets into the text ("İ" grows when lower-cased).
            if tok.word && any_cue_at(s, t) {
                cue_clauses.push(clause_of[t]);
            }
        }
        let cue = !cue_clauses.is_empty();
        let allowed = |t: usize| {
            !cue || cue_clauses.contains(&clause_of[t]) || trigger_clauses.contains(&clause_of[t])
        };
        let mut targets: Vec<usize> = match in_sentence.as_slice() {
            [one] => vec![*one],
            [] if cue => current.into_iter().collect(),
            many if cue => many.to_vec(),
            _ => Vec::new(),
        };
        let mut topics_here = Vec::new();
        for (t, _) in s.toks.iter().enumerate() {
            if participant_tokens.contains(&t) || !allowed(t) {
                continue;
            }
            if let Some(topic) = s
                .found_starting(t)
                .and_then(|f| f.topic())
                .or_else(|| bilateral_at(r, s, t))
            {
                topics_here.push(TopicRef::Lexicon(topic));
            }
        }
        if cue && topics_here.is_empty() && !targets.is_empty() {
            // An agenda item the lexicon lacks is kept as written, marked as such.
            if let Some(phrase) = free_topic(s) {
                topics_here.push(TopicRef::Free(phrase));
            }
        }
        if targets.is_empty() && cue && r.meetings.is_empty() {
            // Agenda talk before the meeting is named: keep it for the first meeting.
            pending.extend(topics_here.iter().map(|t| (t.clone(), s.idx)));
        }
        if let Some(&first_meeting) = targets.first() {
            for (topic, sent) in pending.drain(..) {
                let m = &mut r.meetings[first_meeting];
                if !m.topics.iter().any(|(tr, _)| *tr == topic) {
                    m.topics.push((topic, sent));
                }
            }
        }
        // "adding that Kim and Xi would discuss X": whoever discusses takes part.
        if cue {
            let cue_at =
                (0..s.toks.len()).find(|&t| s.word_is(t, "discuss") || s.word_is(t, "discussed"));
            // Not those of an opening phrase: "Prior to his meeting with X, the prime
            // minister met Y and discussed ...".
            let opening = opening_phrase_end(s);
            let discussers: BTreeSet<usize> = cue_at
                .map(|at| {
                    (0..at)
                        .rev()
                        .take_while(|&t| {
                            !(speech_verb_at(s, t)
                                || Some(t) == opening
                                || s.word_is(t, "that")
                                || s.punct_is(t, ";")
                                || s.punct_is(t, ":"))
                        })
                        .filter_map(|t| r.person_at(s.idx, t))
                        .collect()
                })
                .unwrap_or_default();
            // "During the conversation, Lula and Petro also discussed ...", after a
            // sentence about another meeting of Lula's: the meeting of those who
            // discuss, when one holds them all, not merely the last one named.
            let theirs = (in_sentence.is_empty() && discussers.len() >= 2)
                .then(|| {
                    r.meetings.iter().rposition(|m| {
                        discussers
                            .iter()
                            .all(|p| m.participants.contains(&Participant::Person(*p)))
                    })
                })
                .flatten();
            if let Some(m_idx) = theirs {
                targets = vec![m_idx];
                current = Some(m_idx);
            }
            for &m_idx in targets.iter().filter(|_| theirs.is_none()) {
                let m = &mut r.meetings[m_idx];
                if discussers.len() >= 2
                    && discussers
                        .iter()
                        .any(|p| m.participants.contains(&Participant::Person(*p)))
                {
                    m.participants
                        .extend(discussers.iter().map(|p| Participant::Person(*p)));
                }
            }
        }
        for m_idx in targets {
            for topic in &topics_here {
                let m = &mut r.meetings[m_idx];
                if !m.topics.iter().any(|(tr, _)| tr == topic) {
                    m.topics.push((topic.clone(), s.idx));
                }
            }
        }
        if let Some(p) = first_person_after(r, s, any_trigger, first_here) {
            last_subject = Some(p);
        }
    }
    // "Armenia and Azerbaijan held talks ... Pashinyan and Aliyev were hosted by ...":
    // a meeting of countries only is the meeting of their persons told again.
    let countries_of = |m: &Meeting| -> BTreeSet<usize> {
        m.participants
            .iter()
            .filter_map(|p| match p {
                Participant::Person(i) => r.persons[*i].country,
                Participant::Country(c) => Some(*c),
            })
            .collect()
    };
    let mut absorbed = vec![false; r.meetings.len()];
    for i in 0..r.meetings.len() {
        let only_countries = r.meetings[i]
            .participants
            .iter()
            .all(|p| matches!(p, Participant::Country(_)));
        if !only_countries {
            continue;
        }
        let mine = countries_of(&r.meetings[i]);
        let target = (0..r.meetings.len()).find(|&j| {
            let (a, b) = (&r.meetings[i], &r.meetings[j]);
            j != i
                && !absorbed[j]
                && b.participants
                    .iter()
                    .any(|p| matches!(p, Participant::Person(_)))
                && a.kind.remote() == b.kind.remote()
                && (a.date.is_none() || b.date.is_none() || a.date == b.date)
                && mine.is_subset(&countries_of(b))
        });
        if let Some(j) = target {
            let m = r.meetings[i].clone();
            let into = &mut r.meetings[j];
            into.date = into.date.or(m.date);
            into.place = into.place.or(m.place);
            for s in m.sents {
                if !into.sents.contains(&s) {
                    into.sents.push(s);
                }
            }
            for t in m.topics {
                if !into.topics.iter().any(|(x, _)| *x == t.0) {
                    into.topics.push(t);
                }
            }
            absorbed[i] = true;
        }
    }
    let mut idx = 0;
    r.meetings.retain(|_| {
        idx += 1;
        !absorbed[idx - 1]
    });
    host_countries(r);
    // Country participants standing for a person who is there anyway.
    let persons = &r.persons;
    for m in &mut r.meetings {
        let person_countries: BTreeSet<usize> = m
            .participants
            .iter()
            .filter_map(|p| {
                if let Participant::Person(i) = p {
                    persons[*i].country
                } else {
                    None
                }
            })
            .collect();
        m.participants
            .retain(|p| !matches!(p, Participant::Country(c) if person_countries.contains(c)));
        if m.place.is_none() && !m.kind.remote() {
            m.place = destination_of(r.g, r.sents, r.destination, m);
        }
    }
    r.meetings.retain(|m| {
        m.participants.len() >= 2 || (m.kind == Kind::Visit && !m.participants.is_empty())
    });
}

/// "Albanese arrived on a visit to India ... talks with Prime Minister Narendra Modi":
/// a meeting that names a country no participant represents, and exactly one
/// participant with a title but no country, teaches that this participant is the
/// country's. The country stops being a participant of its own in the next step.
/// Without such a country, the country of the city the meeting is held in does the
/// same (see [`host_of_place`]).
fn host_countries(r: &mut Reading<'_>) {
    let mut learned = Vec::new();
    for m in &r.meetings {
        let represented: BTreeSet<usize> = m
            .participants
            .iter()
            .filter_map(|p| match p {
                Participant::Person(i) => r.persons[*i].country,
                Participant::Country(_) => None,
            })
            .collect();
        let mut unexplained = m.participants.iter().filter_map(|p| match p {
            Participant::Country(c) if !represented.contains(c) => Some(*c),
            _ => None,
        });
        let mut stateless = m.participants.iter().filter_map(|p| match p {
            Participant::Person(i) if r.persons[*i].country.is_none() => Some(*i),
            _ => None,
        });
        let (Some(person), None) = (stateless.next(), stateless.next()) else {
            continue;
        };
        // Someone of known country must be there to be received: in "Modi is expected
        // to visit China" alone, Modi is the visitor.
        if represented.is_empty() || r.persons[person].role.is_none() || companion(r, m, person) {
            continue;
        }
        match (unexplained.next(), unexplained.next()) {
            (Some(country), None) => {
                let named_in = r.countries.get(&country);
                let sent = m
                    .sents
                    .iter()
                    .copied()
                    .find(|s| named_in.is_some_and(|set| set.contains(s)))
                    .or_else(|| named_in.and_then(|set| set.first().copied()))
                    .or_else(|| m.sents.first().copied());
                learned.push((person, country, sent));
            }
            // "President Abdel-Fattah El-Sisi received Iranian Foreign Minister Abbas
            // Araqchi in Cairo": a guest of known country, met in a city of another
            // country, was received by that country's official.
            (None, _) if official(r, person) => {
                if let Some((country, sent)) = visited_country(r, m, &represented, person)
                    .or_else(|| host_of_place(r, m, &represented, person))
                {
                    learned.push((person, country, Some(sent)));
                }
            }
            _ => {}
        }
    }
    for (person, country, sent) in learned {
        let p = &mut r.persons[person];
        if p.country.is_none() {
            p.country = Some(country);
            p.country_sent = sent;
        }
    }
}

/// The person travels with another participant rather than receiving them: "along
/// with Defence Secretary Lloyd Austin", "accompanied by X", in one of the meeting's
/// sentences.
fn companion(r: &Reading<'_>, m: &Meeting, person: usize) -> bool {
    r.persons[person].mentions.iter().any(|&(sent, first, _)| {
        let s = &r.sents[sent];
        let title_from = r.cands[r.cands_by_sent[sent].clone()]
            .iter()
            .find(|c| c.first == first)
            .and_then(|c| c.title_from)
            .unwrap_or(first);
        m.sents.contains(&sent) && title_from >= 1 && companion_phrase_at(s, title_from - 1)
    })
}

/// Token `k` ends "along with", "together with", "accompanied by" or "joined by".
fn companion_phrase_at(s: &Sent<'_>, k: usize) -> bool {
    k >= 1
        && ((s.word_is(k, "with") && (s.word_is(k - 1, "along") || s.word_is(k - 1, "together")))
            || (s.word_is(k, "by")
                && (s.word_is(k - 1, "accompanied") || s.word_is(k - 1, "joined"))))
}

/// The person holds an office of a state (or its throne, or speaks for it), not of an
/// organisation.
fn official(r: &Reading<'_>, person: usize) -> bool {
    let p = &r.persons[person];
    p.org.is_none()
        && p.role.is_some_and(|role| {
            let role = &r.g.roles[role];
            is_state_office(role) || is_monarch(role) || role == "spokesperson"
        })
}

/// The country of the city a meeting was held in, with the sentence naming it, unless a
/// participant represents it already or the meeting is on the sidelines of a summit,
/// whose host city is no participant's.
fn host_of_place(
    r: &Reading<'_>,
    m: &Meeting,
    represented: &BTreeSet<usize>,
    host: usize,
) -> Option<(usize, usize)> {
    if m.kind.remote() {
        return None;
    }
    let (place, sent) = m
        .place
        .or_else(|| destination_of(r.g, r.sents, r.destination, m))?;
    // Not the traveller named before the travel word: "X is set to travel to Tokyo".
    let s = &r.sents[sent];
    let travel = (0..s.toks.len()).find(|&t| TRAVEL_WORDS.contains(&s.toks[t].lower()));
    if travel.is_some_and(|t| {
        r.persons[host]
            .mentions
            .iter()
            .any(|mm| mm.0 == sent && mm.1 < t)
    }) {
        return None;
    }
    let third_country = m.sents.iter().any(|&i| {
        let lower = &*r.sents[i].lower;
        lower.contains("sidelines") || lower.contains("summit")
    });
    let country = r.g.places[place].country?;
    (!third_country && !represented.contains(&country)).then_some((country, sent))
}

/// Sentence `s`, soon after meeting `m` was last told of, reports what one of its
/// participants said: a named participant, or "he"/"she" for the `last_subject`,
/// before a speech verb.
fn speaks_for(r: &Reading<'_>, s: &Sent<'_>, m: &Meeting, last_subject: Option<usize>) -> bool {
    const NEAR: usize = 6;
    if m.sents.last().is_none_or(|&last| s.idx > last + NEAR) {
        return false;
    }
    let Some(verb) = (0..s.toks.len()).find(|&t| speech_verb_at(s, t)) else {
        return false;
    };
    let speaker = if s.word_is(0, "he") || s.word_is(0, "she") {
        last_subject
    } else {
        (0..verb).find_map(|t| r.person_at(s.idx, t))
    };
    if !speaker.is_some_and(|p| m.participants.contains(&Participant::Person(p))) {
        return false;
    }
    // "At the United Nations in New York on September 25, Fidan criticized ...":
    // another occasion, with a day or a place of its own.
    let elsewhere = r.places.iter().any(|(&place, sents)| {
        sents.contains(&s.idx) && m.place.is_none_or(|(mine, _)| mine != place)
    });
    let dated =
        dates::event_date(s.text, r.date, tense_at(s, verb)).is_some_and(|d| m.date != Some(d));
    !elsewhere && !dated
}

/// The article's `destination` ("arrived in Muscat") as the place of a meeting that
/// names none, unless the meeting's sentences send someone to another country: "Scholz
/// will visit India for talks with Modi" is not held where the article's traveller
/// arrived.
fn destination_of(
    g: &Gazetteer,
    sents: &[Sent<'_>],
    destination: Option<(usize, usize)>,
    m: &Meeting,
) -> Option<(usize, usize)> {
    let (place, sent) = destination?;
    if m.sents.contains(&sent) {
        return destination;
    }
    let there = g.places[place].country;
    let elsewhere = m.sents.iter().any(|&i| {
        let s = &sents[i];
        (0..s.toks.len()).any(|t| {
            TRAVEL_WORDS.contains(&s.toks[t].lower())
                && travelled_to(s, t + 1).is_some_and(|c| Some(c) != there)
        })
    });
    (!elsewhere).then_some((place, sent))
}

/// "Scholz will visit India for talks with Prime Minister Modi": the country a
/// meeting's sentence sends someone other than `host` to, when no participant
/// represents it, and the sentence naming it.
fn visited_country(
    r: &Reading<'_>,
    m: &Meeting,
    represented: &BTreeSet<usize>,
    host: usize,
) -> Option<(usize, usize)> {
    m.sents.iter().find_map(|&i| {
        let s = &r.sents[i];
        // Not the traveller: "X is set to travel to Tokyo for talks with ..."
        let named_before = |t: usize| {
            r.persons[host]
                .mentions
                .iter()
                .any(|mm| mm.0 == i && mm.1 < t)
        };
        (0..s.toks.len())
            .filter(|&t| TRAVEL_WORDS.contains(&s.toks[t].lower()) && !named_before(t))
            .find_map(|t| travelled_to(s, t + 1))
            .filter(|c| !represented.contains(c))
            .map(|c| (c, i))
    })
}

/// The country named (not by its demonym) right at `t`, or after "to" or "in" there:
/// where a travel word at `t - 1` goes.
fn travelled_to(s: &Sent<'_>, t: usize) -> Option<usize> {
    let t = if s.word_is(t, "to") || s.word_is(t, "in") {
        t + 1
    } else {
        t
    };
    let f = s.found_starting(t)?;
    f.country().filter(|_| !f.is_demonym())
}

/// "Iran-Russia relations", "relations with Russia", "ties between the two countries":
/// the lexicon's bilateral-relations topic, found by its shape rather than its words.
fn bilateral_at(r: &Reading<'_>, s: &Sent<'_>, t: usize) -> Option<usize> {
    let tok = &s.toks[t];
    if !tok.word {
        return None;
    }
    let shared_head = tok.lower() == "bilateral" && bilateral_conjunct(s, t);
    if !shared_head && !matches!(tok.lower(), "relations" | "ties") {
        return None;
    }
    let topic =
        r.g.topics
            .iter()
            .position(|tp| tp.name == "bilateral relations")?;
    if shared_head {
        return Some(topic);
    }
    let country_at = |k: usize| {
        s.found_ending(k)
            .is_some_and(|f| f.country().is_some() || f.capital().is_some())
    };
    // "Iran-Russia relations": a hyphenated pair of countries right before.
    let pair_before = t >= 3 && country_at(t - 1) && s.punct_is(t - 2, "-") && country_at(t - 3);
    let hyphen_token = t >= 1 && s.toks[t - 1].text.contains('-') && {
        let prev = &s.toks[t - 1];
        s.found
            .iter()
            .filter(|f| f.start >= prev.start() && f.end <= prev.end() && f.country().is_some())
            .count()
            >= 2
    };
    let with_country = (s.word_is(t + 1, "with") || s.word_is(t + 1, "between"))
        && (t + 2..(t + 5).min(s.toks.len())).any(|k| {
            s.found_starting(k)
                .is_some_and(|f| f.country().is_some() || f.capital().is_some())
        });
    (pair_before || hyphen_token || with_country).then_some(topic)
}

/// "bilateral and international issues", "bilateral, regional and global matters":
/// "bilateral" shares the head noun of the conjuncts after it, so it says "bilateral
/// issues".
fn bilateral_conjunct(s: &Sent<'_>, t: usize) -> bool {
    const HEADS: &[&str] = &[
        "issues",
        "matters",
        "questions",
        "affairs",
        "topics",
        "relations",
        "ties",
        "cooperation",
    ];
    let mut joined = false;
    for k in t + 1..(t + 8).min(s.toks.len()) {
        let tok = &s.toks[k];
        if s.word_is(k, "and") || s.punct_is(k, ",") {
            joined = true;
        } else if !tok.word {
            return false;
        } else if HEADS.contains(&tok.lower()) {
            return joined;
        }
    }
    false
}

/// The object of an agenda verb when the lexicon has no word for it: "will discuss
/// fishing rights" gives "fishing rights". Generic heads ("issues", "matters") and
/// pronouns give nothing.
fn free_topic(s: &Sent<'_>) -> Option<String> {
    const VERBS: &[&str] = &[
        "discuss",
        "discussed",
        "discussing",
        "discusses",
        "review",
        "reviewed",
        "examine",
        "examined",
    ];
    const STOP: &[&str] = &[
        "and", "as", "at", "before", "during", "for", "from", "in", "on", "with", "while", "when",
        "which", "that", "amid", "after", "to", "between", "by", "said", "says", "told",
    ];
    const GENERIC: &[&str] = &[
        "issue",
        "issues",
        "matter",
        "matters",
        "question",
        "questions",
        "topic",
        "topics",
        "situation",
        "ways",
        "prospects",
        "developments",
        "things",
        "it",
        "them",
        "this",
        "these",
        "that",
        "those",
        "everything",
        "cooperation",
        "relations",
        "ties",
        "agenda",
        "steps",
        "plans",
        "details",
        "areas",
        "fields",
        "subjects",
        "interest",
        "preparations",
        "outcome",
        "outcomes",
        "results",
        "progress",
    ];
    // "the outcomes of the summit between X and Y": another meeting, no topic.
    const MEETINGS: &[&str] = &[
        "summit",
        "meeting",
        "meetings",
        "talks",
        "visit",
        "negotiations",
        "consultations",
        "conversation",
    ];
    let at = (0..s.toks.len()).find(|&t| s.toks[t].word && VERBS.contains(&s.toks[t].lower()))?;
    let mut words = Vec::new();
    for tok in &s.toks[at + 1..] {
        if !tok.word {
            if tok.text == "-" {
                continue;
            }
            break;
        }
        let lower = tok.lower();
        if STOP.contains(&lower) {
            break;
        }
        if words.is_empty() && matches!(lower, "the" | "a" | "an" | "further" | "possible" | "also")
        {
            continue;
        }
        words.push(tok);
        if words.len() > 6 {
            return None;
        }
    }
    let head = words.last()?.lower();
    if GENERIC.contains(&head)
        || words.len() == 1 && words[0].capitalized()
        || words.iter().any(|w| MEETINGS.contains(&w.lower()))
    {
        return None;
    }
    let first = words.first()?;
    let last = words.last()?;
    Some(s.text[first.start()..last.end()].to_owned())
}

/// "this meeting", "the talks", "their meeting": a reference back to a meeting told of before.
fn anaphoric(s: &Sent<'_>, first: usize, last: usize) -> bool {
    // "the prime minister met X": a verb, whose "the" is its subject's.
    if first == last
        && matches!(
            s.toks[first].lower(),
            "met"
                | "meets"
                | "visited"
                | "received"
                | "receives"
                | "hosted"
                | "welcomed"
                | "spoke"
                | "phoned"
                | "talked"
                | "conferred"
        )
    {
        return false;
    }
    let singular = !s.toks[last].text.ends_with("ings") && !s.toks[last].text.ends_with("its");
    // The determiner may be separated from the trigger by lower-case modifiers only
    // ("their upcoming meeting"), not by a name ("the Astana talks"); "round of" is
    // skipped ("the new round of talks").
    let mut k = first;
    if first >= 2 && s.word_is(first - 1, "of") && s.word_is(first - 2, "round") {
        k = first - 2;
    }
    for _ in 0..3 {
        // "The first tripartite summit was held in Sochi": one of a series, not the
        // meeting told of.
        if k >= 1
            && matches!(
                s.toks[k - 1].lower(),
                "first" | "second" | "third" | "fourth" | "fifth" | "previous" | "last" | "next"
                    // "to resume the stalled talks": a negotiation, not a meeting.
                    | "stalled" | "frozen" | "suspended" | "deadlocked" | "nuclear" | "peace"
            )
        {
            return false;
        }
        if k == 0 {
            return false;
        }
        k -= 1;
        let tok = &s.toks[k];
        if !tok.word {
            return false;
        }
        let lower = tok.lower();
        if matches!(
            lower,
            "this" | "the" | "that" | "their" | "his" | "her" | "our"
        ) {
            return singular;
        }
        if tok.capitalized() && !tok.possessive {
            return false;
        }
    }
    false
}

fn status(article: Option<Date>, date: Option<Date>, tense: Tense) -> Status {
    if let (Some(a), Some(d)) = (article, date) {
        if d.to_string().len() == 10 && a.to_string().len() == 10 {
            if d > a {
                return Status::Planned;
            }
            if d < a {
                return Status::Held;
            }
        }
    }
    match tense {
        Tense::Future => Status::Planned,
        _ => Status::Held,
    }
}

/// [`first_person`] of a sentence after its triggers were read: `first_here`, found
/// before them, unless a trigger may have changed the sentence's candidates.
fn first_person_after(
    r: &Reading<'_>,
    s: &Sent<'_>,
    any_trigger: bool,
    first_here: Option<usize>,
) -> Option<usize> {
    let first_now = if any_trigger {
        first_person(r, s)
    } else {
        first_here
    };
    debug_assert_eq!(first_now, first_person(r, s));
    first_now
}

fn first_person(r: &Reading<'_>, s: &Sent<'_>) -> Option<usize> {
    // A sentence's candidates run in text order without overlapping: the first token
    // that names a person belongs to the first candidate assigned one.
    r.cands_by_sent
        .get(s.idx)
        .and_then(|cands| cands.clone().find_map(|i| r.assign[i]))
        .or_else(|| {
            r.role_refs
                .iter()
                .filter(|rr| rr.sent == s.idx)
                .find_map(|rr| {
                    role_holders(r, rr, None)
                        .0
                        .into_iter()
                        .find_map(|p| match p {
                            Participant::Person(i) => Some(i),
                            Participant::Country(_) => None,
                        })
                })
        })
}

/// The participants of the trigger at `first..=last`, the tokens they occupy, and
/// those of them named after the trigger.
fn participants(
    r: &mut Reading<'_>,
    s: &Sent<'_>,
    (first, last): (usize, usize),
    subject: Option<usize>,
    told_before: Option<usize>,
) -> (BTreeSet<Participant>, Vec<usize>, BTreeSet<Participant>) {
    let mut out = BTreeSet::new();
    let mut used = Vec::new();
    let is_speech = |t: usize| speech_verb_at(s, t);
    // After the trigger: "with X", "between X and Y", "by X", "of X".
    let mut k = last + 1;
    let mut prev_participant = false;
    let mut with_found = false;
    while k < s.toks.len() {
        if is_speech(k) || s.punct_is(k, ";") || s.punct_is(k, ":") || s.is_quote(k) {
            break;
        }
        // A comma ends the trigger's phrase, except inside "X, Y and Z" lists and
        // after an opening phrase: "In a phone call with X, Y said".
        if s.punct_is(k, ",") {
            // "the meeting, which was attended by X": a relative clause about the meeting.
            let relative = s.toks.get(k + 1).is_some_and(|tk| {
                tk.word
                    && matches!(
                        tk.lower(),
                        "which" | "attended" | "including" | "joined" | "where"
                    )
            });
            if relative {
                k += 2;
                continue;
            }
            // "Before meeting Xi, Lula spoke with ...": the comma closing an opening
            // phrase ends its list; the main clause's subject is the other party.
            let closes_opening = (opening_phrase(s, first)
                && !(last + 1..k).any(|j| s.punct_is(j, ",")))
                || opening_phrase_end(s) == Some(k);
            let list_goes_on = prev_participant
                && !closes_opening
                && (r.person_at(s.idx, k + 1).is_some()
                    || s.found_starting(k + 1)
                        .is_some_and(|f| f.country().is_some()));
            if !list_goes_on && (closes_opening || !titled_apposition(r, s, k)) {
                // "Before meeting Xi, Lula ...": the gerund's subject is the main
                // clause's; not in "Prior to the meeting of X, Y had a call".
                let gerund = first > 0
                    && !matches!(
                        s.toks[first - 1].lower(),
                        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "of"
                    );
                if (with_found || (closes_opening && gerund && !out.is_empty()))
                    && (opening_phrase(s, first) || opening_phrase_end(s) == Some(k))
                {
                    // The main clause's subject: a title without a name right after
                    // the comma ("the prime minister met Premier Li") before anyone
                    // named further on.
                    let titled_subject = r
                        .role_refs
                        .iter()
                        .find(|rr| rr.sent == s.idx && rr.first > k && rr.first <= k + 3)
                        .cloned();
                    if let Some(rr) = titled_subject {
                        out.extend(resolve_role(r, &rr, subject));
                    } else if let Some(p) = (k + 1..s.toks.len())
                        .take_while(|&j| !is_speech(j))
                        .find_map(|j| r.person_at(s.idx, j))
                    {
                        out.insert(Participant::Person(p));
                    } else if let Some(rr) = r
                        .role_refs
                        .iter()
                        .find(|rr| rr.sent == s.idx && rr.first > k)
                        .cloned()
                    {
                        out.extend(resolve_role(r, &rr, subject));
                    }
                } else if !with_found && out.is_empty() && opening_phrase(s, first) {
                    // "During Thursday's meeting, Xi and Blinken discussed ...": the
                    // main clause's subjects, named before its verb, took part.
                    out.extend(
                        clause_subjects(r, s, k + 1)
                            .into_iter()
                            .map(Participant::Person),
                    );
                }
                break;
            }
        }
        // "the G20, held without Xi in attendance": not a participant.
        if s.word_is(k, "without") {
            break;
        }
        if s.word_is(k, "with") || s.word_is(k, "between") {
            // "a proposal to mediate in the conflict between Russia and Ukraine",
            // "ties with China": the parties of something else, not of the meeting.
            // (A closing quote may stand between: "the 'All-Weather Partnership'
            // between Pakistan and China".)
            let noun = if k >= 2 && s.is_quote(k - 1) {
                k - 2
            } else {
                k - 1
            };
            if k > last + 1
                && s.toks[noun].word
                && matches!(
                    s.toks[noun].lower(),
                    "conflict"
                        | "conflicts"
                        | "war"
                        | "dispute"
                        | "disputes"
                        | "tensions"
                        | "relations"
                        | "ties"
                        | "border"
                        | "fighting"
                        | "clashes"
                        | "rivalry"
                        | "cooperation"
                        | "trade"
                        | "deal"
                        | "agreement"
                        | "peace"
                        | "crisis"
                        | "normalization"
                        | "normalisation"
                        | "reconciliation"
                        | "partnership"
                        | "partnerships"
                        | "friendship"
                        | "alliance"
                        | "relationship"
                        | "treaty"
                        | "agreements"
                        | "deals"
                        | "links"
                        | "corridor"
                        | "rift"
                        | "feud"
                )
            {
                break;
            }
            with_found = true;
        }
        if trigger_at(s, k).is_some() {
            break;
        }
        if let Some(p) = r.person_at(s.idx, k) {
            out.insert(Participant::Person(p));
            used.push(k);
            prev_participant = true;
            k += 1;
            continue;
        }
        if let Some(rr) = role_ref_at(r, s, k) {
            out.extend(resolve_role(r, &rr, subject));
            used.extend(rr.first..=rr.span_last);
            prev_participant = true;
            k = rr.span_last + 1;
            continue;
        }
        if let Some(f) = s.found_starting(k) {
            // "with the United States", "and the Netherlands".
            let the = usize::from(k >= 2 && s.word_is(k - 1, "the"));
            let prev_word = k
                .checked_sub(1 + the)
                .map(|p| s.toks[p].lower())
                .unwrap_or_default();
            let after = s.phrase_last_token(k);
            let is_title_next = s
                .found_starting(after + 1)
                .is_some_and(|nf| nf.title().is_some());
            if let Some(c) = f.country() {
                if !is_title_next
                    && !f.is_demonym()
                    && (matches!(prev_word, "with" | "between")
                        || (prev_participant && prev_word == "and"))
                {
                    out.insert(Participant::Country(c));
                    used.extend(k..=after);
                    prev_participant = true;
                }
            }
            k = after + 1;
            continue;
        }
        if s.toks[k].word && !matches!(s.toks[k].lower(), "and" | "the" | "his" | "her" | "its") {
            prev_participant = false;
        }
        k += 1;
    }
    // Before the trigger: the subject, back to a speech verb, or to the comma that
    // closes an opening phrase about another event ("Prior to the meeting with bin
    // Salman, Araghchi held talks with ...").
    let opening_end = opening_phrase_end(s).filter(|&c| c < first);
    let mut before = BTreeSet::new();
    let mut k = first;
    while k > 0 {
        k -= 1;
        if is_speech(k) || s.punct_is(k, ";") || s.punct_is(k, ":") || Some(k) == opening_end {
            break;
        }
        // "the two leaders discussed the outcomes of the summit between X and Y": the
        // ones discussing a meeting (its outcome, preparations for it) are no party to
        // it; not "discussed Ukraine in a phone call".
        if any_cue_at(s, k) && k + 1 < first {
            let object = (k + 1..first)
                .find(|&j| trigger_at(s, j).is_some())
                .unwrap_or(first);
            if about_meeting(s, k + 1, object) {
                break;
            }
        }
        // "Jaishankar, who accompanied Modi, held talks with ...": the relative clause
        // names someone else.
        if s.punct_is(k, ",") {
            if let Some(open) = relative_clause_start(s, k) {
                k = open;
                continue;
            }
        }
        if let Some(p) = r.person_at(s.idx, k) {
            if !stood_in_for(r, s, k, p) {
                before.insert(Participant::Person(p));
                used.push(k);
            }
            continue;
        }
        if let Some(rr) = role_ref_at(r, s, k) {
            if rr.role.is_some() {
                before.extend(resolve_role(r, &rr, subject));
                used.extend(rr.first..=rr.span_last);
            }
            k = rr.first;
        }
    }
    // "Russia and Ukraine held talks": countries as the subject when no one is named.
    if before.is_empty() {
        before.extend(
            country_subjects(s, first)
                .into_iter()
                .map(Participant::Country),
        );
    }
    // "his meeting", "their talks", "he had spoken with": the sentence's subject.
    let possessive = (1..=3).filter_map(|back| first.checked_sub(back)).any(|k| {
        s.toks[k].word && matches!(s.toks[k].lower(), "his" | "her" | "their" | "he" | "she")
    }) || pronoun_subject(s, first)
        || (s.word_is(0, "he") || s.word_is(0, "she"))
        // "He then travelled to Riyadh for talks with ...": the sentence opens with
        // its subject, no one named before the trigger; not "He said: 'the meeting
        // ...'", where the speaker is not the one meeting.
        && (1..first).all(|k| {
            !is_speech(k) && !s.is_quote(k) && !s.punct_is(k, ":") && !s.punct_is(k, ";")
        })
        && first > 0;
    if before.is_empty() && possessive {
        if let Some(p) = subject {
            before.insert(Participant::Person(p));
        }
    }
    // "Jaishankar has held several bilaterals. The most notable among them was a
    // meeting with Armenian counterpart X": a meeting with someone, no one else named
    // before it, is the one told of before's.
    let indefinite = (1..=2)
        .filter_map(|back| first.checked_sub(back))
        .any(|k| s.word_is(k, "a") || s.word_is(k, "an"));
    // (Not in an opening phrase: "In a phone call with X, Y said ..." is Y's.)
    if before.is_empty()
        && indefinite
        && !opening_phrase(s, first)
        && opening_phrase_end(s).is_none_or(|end| end < first)
        && s.word_is(last + 1, "with")
        && !out.is_empty()
        && (0..first).all(|k| r.person_at(s.idx, k).is_none() && role_ref_at(r, s, k).is_none())
    {
        if let Some(p) = told_before.filter(|p| !out.contains(&Participant::Person(*p))) {
            before.insert(Participant::Person(p));
        }
    }
    // "Premier Li and Zhang will also meet with him": the person named last before
    // this sentence, when no one is named after the trigger.
    let object_at = |k: usize| s.word_is(k, "him") || s.word_is(k, "her");
    let pronoun_object = object_at(last + 1)
        || ((s.word_is(last + 1, "with") || s.word_is(last + 1, "to")) && object_at(last + 2));
    // Not "held talks with X ... and met him again", nor "X will travel to Kazan,
    // where Erdogan will receive him": X is "him", named in the sentence.
    let object_before = || {
        (0..first).any(|k| {
            (["with", "to", "by"].iter().any(|w| s.word_is(k, w))
                && (k + 1..first.min(k + 6)).any(|j| r.person_at(s.idx, j).is_some()))
                || ["where", "who", "which", "when"]
                    .iter()
                    .any(|w| s.word_is(k, w))
        })
    };
    if out.is_empty() && !before.is_empty() && pronoun_object && !object_before() {
        let named_last = (0..r.persons.len())
            .filter(|&i| !before.contains(&Participant::Person(i)))
            .filter_map(|i| {
                r.persons[i]
                    .mentions
                    .iter()
                    .filter(|m| m.0 < s.idx)
                    .map(|m| (m.0, m.1))
                    .max()
                    .map(|at| (at, i))
            })
            .max();
        if let Some((_, p)) = named_last {
            out.insert(Participant::Person(p));
        }
    }
    let after = out.clone();
    let n_after = after.len();
    // "Lammy is to travel to Beijing along with Reeves to meet Chinese officials": a
    // companion is on the subject's side; with no one named across from them, they
    // meet no one here.
    if n_after == 0 && before.len() >= 2 && companions_before(s, first) {
        if let Some(&lead) = before
            .iter()
            .find(|p| matches!(p, Participant::Person(i) if Some(*i) == subject))
        {
            before = BTreeSet::from([lead]);
        } else {
            before.clear();
        }
    }
    out.extend(before);
    (out, used, after)
}

/// "held separate talks with the Omani and Qatari ministers": one meeting of those
/// named before the trigger with each named after it. Otherwise `parts` as one meeting.
fn separate_groups(
    s: &Sent<'_>,
    (first, last): (usize, usize),
    parts: &BTreeSet<Participant>,
    after: &BTreeSet<Participant>,
    country_of: impl Fn(&Participant) -> Option<usize>,
) -> Vec<BTreeSet<Participant>> {
    // "separate talks", "bilateral meetings with A, B and C": one meeting each. Not
    // bilateral talks with a president and his minister: one meeting of two sides.
    let near = first.saturating_sub(3)..=last;
    let separate = near.clone().any(|k| s.word_is(k, "separate"));
    let bilateral = near.into_iter().any(|k| s.word_is(k, "bilateral"));
    let countries_apart = |group: &BTreeSet<Participant>| {
        let countries: BTreeSet<usize> = group.iter().filter_map(&country_of).collect();
        countries.len() == group.len()
    };
    // "X met with Kyrgyz President A, Tajik President B and SCO Secretary General C":
    // one person meeting three or more of as many states (one may serve none) is a
    // round of meetings, unless the sentence says they met together.
    let round = !separate
        && !bilateral
        && first == last
        && matches!(s.toks[first].lower(), "met" | "meets" | "meet")
        && after.len() >= 3
        && parts.len() == after.len() + 1
        && {
            let known: Vec<usize> = after.iter().filter_map(&country_of).collect();
            let distinct: BTreeSet<usize> = known.iter().copied().collect();
            distinct.len() == known.len()
                && after.len() - known.len() <= 1
                && after.iter().all(|p| matches!(p, Participant::Person(_)))
                && ![
                    "trilateral",
                    "quadrilateral",
                    "joint",
                    "together",
                    "jointly",
                ]
                .iter()
                .any(|w| s.lower.contains(w))
        };
    if !separate && !bilateral && !round {
        return vec![parts.clone()];
    }
    if !separate && !round && after.len() >= 2 && !countries_apart(after) {
        return vec![parts.clone()];
    }
    let mut before: BTreeSet<Participant> = parts.difference(after).copied().collect();
    let mut after = after.clone();
    // "A, B and C are the officials X is to hold bilateral talks with": all named
    // before; the one guest among hosts of one country meets each.
    if after.is_empty() && parts.len() >= 3 {
        let countries: Vec<Option<usize>> = parts.iter().map(&country_of).collect();
        let lone =
            |c: &Option<usize>| c.is_some() && countries.iter().filter(|x| *x == c).count() == 1;
        let hosts = countries
            .iter()
            .filter(|c| !lone(c))
            .collect::<BTreeSet<_>>();
        if let (Some(guest), [Some(_)]) = (
            parts
                .iter()
                .zip(&countries)
                .find(|(_, c)| lone(c))
                .map(|(p, _)| *p),
            hosts.into_iter().collect::<Vec<_>>().as_slice(),
        ) {
            if countries.iter().filter(|c| lone(c)).count() == 1 {
                before = BTreeSet::from([guest]);
                after = parts.iter().copied().filter(|p| *p != guest).collect();
            }
        }
    }
    if after.len() < 2 || before.is_empty() {
        return vec![parts.clone()];
    }
    after
        .iter()
        .map(|p| {
            let mut group = before.clone();
            group.insert(*p);
            group
        })
        .collect()
}

/// The words `from..first` before a trigger make it the complement of an agenda
/// cue's object, "the outcomes of", "preparations for": all words, one of them "of"
/// or "for", none a preposition that names the meeting's own occasion.
fn about_meeting(s: &Sent<'_>, from: usize, first: usize) -> bool {
    let words = &s.toks[from..first];
    words.iter().all(|t| t.word)
        && words.iter().any(|t| matches!(t.lower(), "of" | "for"))
        && !words.iter().any(|t| {
            matches!(
                t.lower(),
                "in" | "during" | "at" | "with" | "by" | "over" | "via" | "on"
            )
        })
}

/// "In addition to discussing Syria with his counterparts, he will ...": the main
/// clause's subject is "he" or "she", after an opening phrase and its comma.
fn pronoun_after_opener(s: &Sent<'_>) -> bool {
    let opener = s.toks.first().is_some_and(|t| {
        t.word
            && matches!(
                t.lower(),
                "in" | "during"
                    | "after"
                    | "following"
                    | "before"
                    | "prior"
                    | "ahead"
                    | "while"
                    | "upon"
                    | "on"
                    | "besides"
                    | "apart"
            )
    });
    // The comma is looked for only after an opener: this is asked of every sentence.
    opener
        && (0..s.toks.len())
            .find(|&k| s.punct_is(k, ","))
            .is_some_and(|c| s.word_is(c + 1, "he") || s.word_is(c + 1, "she"))
}

/// "he will also hold separate bilateral meetings with ...": "he" or "she" before the
/// trigger at `first`, past auxiliaries, adverbs and modifiers only.
fn pronoun_subject(s: &Sent<'_>, first: usize) -> bool {
    const BETWEEN: &[&str] = &[
        "will",
        "would",
        "also",
        "then",
        "later",
        "hold",
        "holds",
        "held",
        "has",
        "had",
        "have",
        "is",
        "was",
        "to",
        "separate",
        "bilateral",
        "a",
        "an",
        "further",
        "more",
        "first",
    ];
    let mut k = first;
    while k > 0 && s.toks[k - 1].word && BETWEEN.contains(&s.toks[k - 1].lower()) {
        k -= 1;
    }
    k > 0 && (s.word_is(k - 1, "he") || s.word_is(k - 1, "she"))
}

/// A companion phrase ([`companion_phrase_at`]) before token `first`.
fn companions_before(s: &Sent<'_>, first: usize) -> bool {
    (1..first).any(|k| companion_phrase_at(s, k))
}

/// Countries named right before a trigger, joined by "and" or commas, with only
/// auxiliaries between them and it: "Russia and Ukraine held talks", "India and China
/// will hold border talks", "Iran, Russia and Turkey met".
fn country_subjects(s: &Sent<'_>, first: usize) -> Vec<usize> {
    const BETWEEN: &[&str] = &[
        "held", "hold", "holds", "will", "would", "to", "have", "has", "had", "began", "begin",
        "resumed", "resume", "started", "start", "opened", "open", "also", "again", "direct",
        "border", "new", "fresh", "first", "further", "more", "agreed", "plan", "planned", "are",
        "were", "set", "due",
    ];
    let mut k = first;
    while k > 0 && s.toks[k - 1].word && BETWEEN.contains(&s.toks[k - 1].lower()) {
        k -= 1;
    }
    let mut countries = Vec::new();
    loop {
        if k == 0 {
            break;
        }
        let Some(f) = s.found_ending(k - 1) else {
            break;
        };
        let Some(c) = f.country().filter(|_| !f.is_demonym()) else {
            break;
        };
        let mut start = s.phrase_first_token(k - 1);
        // "Japan and the United States".
        if start > 0 && s.word_is(start - 1, "the") {
            start -= 1;
        }
        // Not a place: "in Moscow", "to Iran".
        if start > 0
            && s.toks[start - 1].word
            && matches!(
                s.toks[start - 1].lower(),
                "in" | "to" | "from" | "at" | "with"
            )
        {
            break;
        }
        countries.push(c);
        k = start;
        if k > 0 && (s.word_is(k - 1, "and") || s.punct_is(k - 1, ",")) {
            k -= 1;
            continue;
        }
        break;
    }
    if countries.len() >= 2 {
        countries
    } else {
        Vec::new()
    }
}

/// The comma at `k` sits between a title and the name it introduces: "met Qatar's
/// prime minister, Sheikh Mohammed bin Abdulrahman, on Friday".
fn titled_apposition(r: &Reading<'_>, s: &Sent<'_>, k: usize) -> bool {
    // "with his Uzbek counterpart, Bakhtiyor Saidov, ...".
    let counterpart = k >= 1
        && ["counterpart", "colleague"]
            .iter()
            .any(|w| s.word_is(k - 1, w));
    r.cands_by_sent.get(s.idx).is_some_and(|range| {
        r.cands[range.clone()].iter().any(|c| {
            c.first > k && c.first <= k + 2 && (c.title_from.is_some_and(|t| t < k) || counterpart)
        })
    })
}

/// Phrases that put an event on the day of the one told before.
static SAME_DAY: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new([
        "same day",
        "later that day",
        "later in the day",
        "earlier in the day",
        "earlier that day",
        "that evening",
        "that afternoon",
    ])
    .expect("fixed phrases build an automaton")
});

/// "Nurtleu and Saidov are holding talks in Astana", "Xi is meeting Lula", "the meeting
/// is taking place": an event under way as the article is written, so on its date. Only a present form of "be"
/// right before an "-ing" verb that is or leads to the trigger (`first..=last`) counts,
/// and not in a sentence that tells of a coming event ("is meeting ... next week").
fn ongoing(s: &Sent<'_>, first: usize, last: usize, tense: Tense) -> bool {
    const VERBS: &[&str] = &[
        "holding",
        "meeting",
        "visiting",
        "hosting",
        "receiving",
        "talking",
        "conducting",
    ];
    if tense == Tense::Future {
        return false;
    }
    // "The meeting is taking place ...", "talks are under way".
    let be = |k: usize| s.word_is(k, "is") || s.word_is(k, "are");
    if be(last + 1)
        && ((s.word_is(last + 2, "taking") && s.word_is(last + 3, "place"))
            || s.word_is(last + 2, "underway")
            || (s.word_is(last + 2, "under") && s.word_is(last + 3, "way")))
    {
        return true;
    }
    let from = first.saturating_sub(6);
    (from..=last.min(s.toks.len().saturating_sub(1))).any(|k| {
        s.toks[k].word
            && VERBS.contains(&s.toks[k].lower())
            && k >= 1
            && (s.word_is(k - 1, "are") || s.word_is(k - 1, "is"))
            // Only words between the verb and the trigger: "are holding a new round
            // of talks", not "is holding a press conference after the talks".
            && s.toks[k..first].iter().all(|t| {
                t.word
                    && !matches!(
                        t.lower(),
                        "after" | "before" | "following" | "ahead" | "on" | "at" | "during"
                    )
            })
    })
}

/// Words that open a sentence's time phrase: "On Tuesday, ...", "Earlier on Friday,
/// ...", "Late on Oct. 8 ...", "Last week ...".
const TIME_OPENERS: &[&str] = &[
    "on",
    "earlier",
    "later",
    "late",
    "last",
    "yesterday",
    "today",
    "tomorrow",
    "this",
    "next",
];

/// The date of a time phrase that opens the sentence, before the trigger at `first`:
/// "On Tuesday, Modi met Albanese", "Earlier on Friday Lula met Xi". The phrase ends
/// at its comma, or after six tokens; a date later in the sentence was looked for
/// first, and an opening clause of another kind ("After the May 5 elections, ...")
/// dates nothing.
fn opening_date(s: &Sent<'_>, first: usize, article: Option<Date>, tense: Tense) -> Option<Date> {
    // "Also on Tuesday, ...", "But on Monday ...".
    let lead = usize::from(
        s.toks
            .first()
            .is_some_and(|t| t.word && matches!(t.lower(), "also" | "and" | "but")),
    );
    let opener = s.toks.get(lead).filter(|t| t.word)?;
    if !TIME_OPENERS.contains(&opener.lower()) {
        return None;
    }
    let end = (1..first.min(7))
        .find(|&k| s.punct_is(k, ","))
        .unwrap_or(first.min(6));
    let phrase_end = s.toks.get(end).map_or(s.text.len(), |t| t.start());
    dates::event_date(&s.text[..phrase_end], article, tense)
}

/// The persons named from token `from` up to the clause's verb: "Xi and US
/// Secretary of State Antony Blinken discussed ..." (names, their titles, "and" and
/// commas; the first other word in lower case ends it).
fn clause_subjects(r: &Reading<'_>, s: &Sent<'_>, from: usize) -> Vec<usize> {
    let mut found = Vec::new();
    for k in from..s.toks.len() {
        if let Some(p) = r.person_at(s.idx, k) {
            if !found.contains(&p) {
                found.push(p);
            }
            continue;
        }
        let tok = &s.toks[k];
        let joins = !tok.word && tok.text == ",";
        let lower_word = tok.word && !tok.capitalized() && !tok.is("and");
        if lower_word || !(tok.word || joins) {
            break;
        }
    }
    if found.len() >= 2 {
        found
    } else {
        Vec::new()
    }
}

/// The mention of person `p` at token `k` is of someone another person stands in for
/// or who is kept away: "Wang will represent Xi at the summit", "on behalf of
/// X", "without X".
fn stood_in_for(r: &Reading<'_>, s: &Sent<'_>, k: usize, p: usize) -> bool {
    // The first token of the mention, and of a title before it.
    let mut start = k;
    while start > 0 && r.person_at(s.idx, start - 1) == Some(p) {
        start -= 1;
    }
    while start > 0
        && s.found_ending(start - 1)
            .is_some_and(|f| f.title().is_some() || f.country().is_some())
    {
        start = s.phrase_first_token(start - 1);
    }
    let before = |back: usize| {
        start
            .checked_sub(back)
            .filter(|&j| s.toks[j].word)
            .map(|j| s.toks[j].lower())
    };
    matches!(
        before(1),
        Some("represent" | "represents" | "representing" | "replace" | "replacing" | "without")
    ) || (before(1) == Some("of") && before(2) == Some("behalf"))
}

/// The comma that opens a relative clause closed by the comma at `close`: ", who
/// accompanied Modi," (the clause starts with who, whom or which).
fn relative_clause_start(s: &Sent<'_>, close: usize) -> Option<usize> {
    let open = (0..close).rev().find(|&k| s.punct_is(k, ","))?;
    (s.word_is(open + 1, "who") || s.word_is(open + 1, "whom") || s.word_is(open + 1, "which"))
        .then_some(open)
}

/// The comma that closes a sentence's opening phrase about time or another event:
/// "Prior to the meeting with X,", "After talks in Moscow,", "Ahead of the summit,";
/// or about its source: "According to the ministry's spokesman X,".
fn opening_phrase_end(s: &Sent<'_>) -> Option<usize> {
    let mut opener = s.toks.iter().position(|t| t.word)?;
    // "It should be noted that prior to the meeting of X, ...".
    if s.word_is(opener, "it") {
        if let Some(that) =
            (opener + 1..s.toks.len().min(opener + 8)).find(|&k| s.word_is(k, "that"))
        {
            opener = that + 1;
        }
    }
    let opens = s.toks.get(opener).is_some_and(|t| {
        matches!(
            t.lower(),
            "prior" | "before" | "after" | "following" | "ahead" | "during" | "according"
        )
    });
    opens
        .then(|| (opener + 1..s.toks.len()).find(|&k| s.punct_is(k, ",")))
        .flatten()
}

/// The trigger sits in an opening phrase: "In a phone call with X, ...", "During talks with X, ...".
fn opening_phrase(s: &Sent<'_>, first: usize) -> bool {
    let opener = s.toks.iter().position(|t| t.word).is_some_and(|i| {
        matches!(
            s.toks[i].lower(),
            "in" | "during" | "at" | "after" | "following" | "before" | "on"
        )
    });
    opener && !(0..first).any(|k| s.punct_is(k, ","))
}

/// The title without a name ("the Russian foreign minister") covering token `k`.
fn role_ref_at(r: &Reading<'_>, s: &Sent<'_>, k: usize) -> Option<RoleRef> {
    r.role_refs
        .iter()
        .find(|rr| rr.sent == s.idx && rr.first <= k && k <= rr.last)
        .cloned()
}

/// Who a title without a name stands for.
fn resolve_role(r: &mut Reading<'_>, rr: &RoleRef, subject: Option<usize>) -> Vec<Participant> {
    let (out, learned) = role_holders(r, rr, subject);
    for (person, country) in learned {
        if r.persons[person].country.is_none() {
            r.persons[person].country = Some(country);
            r.persons[person].country_sent = Some(rr.sent);
        }
    }
    out
}

/// Who a title without a name stands for, and the countries this teaches about persons
/// ("his Russian counterpart" is Russian).
fn role_holders(
    r: &Reading<'_>,
    rr: &RoleRef,
    subject: Option<usize>,
) -> (Vec<Participant>, Vec<(usize, usize)>) {
    let mut out = Vec::new();
    let mut learned = Vec::new();
    let role = match rr.role {
        Some(role) => Some(role),
        None => subject.and_then(|p| r.persons[p].role),
    };
    // "the two leaders" are the heads of state or government named, "both ministers"
    // whoever holds a ministry; the literal title "leader" (of a party, of North
    // Korea) only when no head is named. Without a count ("African leaders") the
    // phrase names no one in particular.
    let generic = role
        .map(|x| r.g.roles[x].as_str())
        .filter(|_| rr.count.is_some());
    let heads = generic == Some("leader")
        && r.persons
            .iter()
            .any(|p| p.role.is_some_and(|x| is_head(&r.g.roles[x])));
    let fits = |i: usize| -> bool {
        let Some(want) = role else { return true };
        let Some(have) = r.persons[i].role else {
            return false;
        };
        let have_name = r.g.roles[have].as_str();
        match generic {
            Some("leader") if heads => is_head(have_name),
            Some("minister") => have_name.ends_with("minister"),
            // "the Russian diplomat said", "the Iranian and Russian diplomats": a
            // country's diplomat in news copy is most often its foreign minister.
            _ if r.g.roles[want] == "diplomat" => {
                have == want || have_name.contains("foreign minister")
            }
            _ => have == want,
        }
    };
    let holders = |r: &Reading<'_>, country: Option<usize>| -> Vec<usize> {
        (0..r.persons.len())
            .filter(|&i| Some(i) != subject || rr.role.is_some())
            .filter(|&i| fits(i))
            .filter(|&i| match country {
                Some(c) => {
                    r.persons[i].country == Some(c)
                        || (rr.role.is_none() && r.persons[i].country.is_none())
                }
                None => true,
            })
            .collect()
    };
    if rr.countries.is_empty() {
        if role.is_none() {
            return (out, learned);
        }
        let mut found = holders(r, None);
        // "the prime minister met Premier Li": not the one the sentence names.
        if found.len() > 1 && !rr.plural {
            let unnamed: Vec<usize> = found
                .iter()
                .copied()
                .filter(|&i| !r.persons[i].mentions.iter().any(|m| m.0 == rr.sent))
                .collect();
            if unnamed.len() == 1 {
                found = unnamed;
            }
        }
        // "the two leaders" with three heads named: the two named last in the sentences
        // before (in its own, the one who "hosted the two ministers" is no minister
        // it means).
        if let Some(n) = rr.count.filter(|&n| generic.is_some() && n < found.len()) {
            let last_seen = |i: usize| {
                r.persons[i]
                    .mentions
                    .iter()
                    .map(|m| m.0)
                    .filter(|&sent| sent < rr.sent)
                    .max()
            };
            found.sort_by_key(|&i| std::cmp::Reverse(last_seen(i)));
            if found.get(n - 1).map(|&i| last_seen(i)) != found.get(n).map(|&i| last_seen(i)) {
                found.truncate(n);
                found.sort_unstable();
            }
        }
        // "the two leaders" when the article names one person with the role "leader":
        // the phrase means others (the two presidents who met), not that one.
        if rr.count.is_some_and(|n| n != found.len()) {
            return (out, learned);
        }
        if rr.plural || found.len() == 1 {
            out.extend(found.into_iter().map(Participant::Person));
        }
        return (out, learned);
    }
    for &c in &rr.countries {
        let found = holders(r, Some(c));
        if found.len() == 1 {
            learned.push((found[0], c));
            out.push(Participant::Person(found[0]));
        } else {
            out.push(Participant::Country(c));
        }
    }
    (out, learned)
}

/// The venue a trigger's sentence names: "in Moscow", "to Beijing", "the Russian capital".
fn place_for(r: &Reading<'_>, s: &Sent<'_>, last: usize, kind: Kind) -> Option<(usize, usize)> {
    if kind.remote() {
        return None;
    }
    for k in last + 1..s.toks.len() {
        let Some(f) = s.found_starting(k) else {
            continue;
        };
        let prev = k
            .checked_sub(1)
            .map(|p| s.toks[p].lower())
            .unwrap_or_default();
        // "in Moscow", "to Beijing", "in Kazakhstan's capital Astana", "the port city of
        // Busan".
        let named_city = matches!(prev, "capital" | "city")
            || (prev == "of"
                && k >= 2
                && (s.word_is(k - 2, "city") || s.word_is(k - 2, "capital")));
        if matches!(prev, "in" | "at" | "to")
            || named_city
            || (prev == "[" && k >= 2 && s.word_is(k - 2, "in"))
        {
            if let Some(p) = f.place() {
                return Some((p, s.idx));
            }
        }
        // "talks in the Kremlin", "hosted X at the White House": a seat of government.
        let at_the = prev == "the" && k >= 2 && (s.word_is(k - 2, "in") || s.word_is(k - 2, "at"));
        if at_the || matches!(prev, "in" | "at") {
            if let Some(p) = f.seat() {
                return Some((p, s.idx));
            }
        }
        if f.is_demonym() && s.word_is(k + 1, "capital") {
            if let Some(p) = f.country().and_then(|c| r.capital_place(c)) {
                return Some((p, s.idx));
            }
        }
    }
    // "He then travelled to Riyadh for talks with ...": the city travelled to before it;
    // "In Moscow, X held talks with Y": the city that opens the sentence.
    (1..last).rev().find_map(|k| {
        let to_city =
            k >= 2 && s.word_is(k - 1, "to") && TRAVEL_WORDS.contains(&s.toks[k - 2].lower());
        let opens = k == 1 && (s.word_is(0, "in") || s.word_is(0, "at"));
        let place = s
            .found_starting(k)
            .and_then(|f| f.place())
            .filter(|_| to_city || opens)?;
        Some((place, s.idx))
    })
}

/// Adds a meeting mention, merging it into an earlier one of the same encounter.
/// Meetings at the indexes in `apart` are not merged with.
fn merge_or_push(
    meetings: &mut Vec<Meeting>,
    m: Meeting,
    refers_back: bool,
    apart: &[usize],
) -> usize {
    let persons = |x: &Meeting| -> BTreeSet<Participant> {
        x.participants
            .iter()
            .filter(|p| matches!(p, Participant::Person(_)))
            .copied()
            .collect()
    };
    let mp = persons(&m);
    for (i, old) in meetings.iter_mut().enumerate() {
        if old.kind.remote() != m.kind.remote() || apart.contains(&i) {
            continue;
        }
        if let (Some(a), Some(b)) = (old.date, m.date) {
            if a != b {
                continue;
            }
        }
        let op = persons(old);
        // A lone traveller's trip still to come is not a meeting of several already
        // held: "met X in Cairo ... a visit that will also take him to Beirut on Tuesday".
        // (The other way round, "X arrived in Moscow on a visit" before talks planned
        // for the next day, it is the same trip.)
        if mp.len() == 1
            && op.len() > 1
            && m.status == Status::Planned
            && old.status == Status::Held
        {
            continue;
        }
        // One side's persons include the other's: "his visit" then "his talks with X".
        let same = if mp.is_empty() && op.is_empty() {
            old.participants == m.participants
        } else {
            // Equal persons, a partial mention of one of them ("his visit"), or a
            // reference back ("the meeting, attended by ..."); not "Separately, X held
            // a bilateral meeting with Y" after a multilateral one.
            !mp.is_disjoint(&op)
                && (mp == op
                    || ((refers_back || mp.len() == 1 || op.len() == 1)
                        && (mp.is_subset(&op) || op.is_subset(&mp))))
        };
        if !same {
            continue;
        }
        old.participants.extend(m.participants.iter().copied());
        if old.date.is_none() && m.date.is_some() {
            old.date = m.date;
            old.status = m.status;
        }
        if old.place.is_none() {
            old.place = m.place;
        }
        for s in m.sents {
            if !old.sents.contains(&s) {
                old.sents.push(s);
            }
        }
        return i;
    }
    meetings.push(m);
    meetings.len() - 1
}
