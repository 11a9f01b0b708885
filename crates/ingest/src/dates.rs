//! Dates as news writes them: absolute ("Mar. 29, 2023", "5 October 2021",
//! "2021-10-05") and relative ("on Wednesday", "next week", "last month"), the latter
//! resolved against the article's own date, never against the clock.

use std::{fmt, sync::LazyLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use jiff::{civil, ToSpan};

/// A civil date known to the day, the month or only the year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date {
    year: i16,
    /// 1..=12, or 0 when unknown.
    month: u8,
    /// 1..=31, or 0 when unknown.
    day: u8,
}

impl Date {
    /// Known to the day, not only to the month or year.
    pub(crate) fn has_day(self) -> bool {
        self.day != 0
    }

    #[cfg(test)]
    pub(crate) fn new(year: i16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    fn from_civil(d: civil::Date) -> Date {
        Date {
            year: d.year(),
            month: d.month() as u8,
            day: d.day() as u8,
        }
    }

    fn to_civil(self) -> Option<civil::Date> {
        if self.day == 0 {
            return None;
        }
        civil::Date::new(self.year, self.month as i8, self.day as i8).ok()
    }

    pub(crate) fn valid(year: i64, month: i64, day: i64) -> Option<Date> {
        if !(1900..=2200).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        let date = civil::Date::new(year as i16, month as i8, day as i8).ok()?;
        Some(Date::from_civil(date))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (0, _) => write!(f, "{:04}", self.year),
            (m, 0) => write!(f, "{:04}-{m:02}", self.year),
            (m, d) => write!(f, "{:04}-{m:02}-{d:02}", self.year),
        }
    }
}

/// The month a word names, in full or in three letters ("Sept" too), in any ASCII
/// case, with trailing stops: "January", "jan.", "SEPT" ("May" included).
fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    // The initials of the months: most words are turned away by their first letter.
    if !matches!(
        w.as_bytes().first().map(u8::to_ascii_lowercase),
        Some(b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd')
    ) {
        return None;
    }
    // The longest name, "september", has nine letters.
    let mut buf = [0u8; 9];
    let lower = buf.get_mut(..w.len())?;
    // Byte by byte: for a few bytes, cheaper than a call to copy them.
    for (to, from) in lower.iter_mut().zip(w.bytes()) {
        *to = from.to_ascii_lowercase();
    }
    let month = match &*lower {
        b"jan" | b"january" => 1,
        b"feb" | b"february" => 2,
        b"mar" | b"march" => 3,
        b"apr" | b"april" => 4,
        b"may" => 5,
        b"jun" | b"june" => 6,
        b"jul" | b"july" => 7,
        b"aug" | b"august" => 8,
        b"sep" | b"sept" | b"september" => 9,
        b"oct" | b"october" => 10,
        b"nov" | b"november" => 11,
        b"dec" | b"december" => 12,
        _ => return None,
    };
    Some(month)
}

/// Is this word a month name (full or abbreviated)?
/// "May" is left out: it is also a name and a verb; a date parser sees it anyway.
/// `word` is a month or a weekday, in any case and abbreviated or not ("Sep", "May",
/// "Monday"): it may open a date.
pub(crate) fn names_day_or_month(word: &str) -> bool {
    month_number(word).is_some() || is_weekday(word)
}

pub(crate) fn is_month(word: &str) -> bool {
    word != "May" && month_number(word).is_some()
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Is this word a day of the week?
pub(crate) fn is_weekday(word: &str) -> bool {
    WEEKDAYS.iter().any(|d| d.eq_ignore_ascii_case(word))
}

/// The ASCII bytes that are part of a word for [`words`]: letters, digits, "." and "-".
const WORD_BYTES: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'.' || c == b'-';
        b += 1;
    }
    table
};

/// Words of `s` with their byte spans: runs of letters and digits, with "." and "-".
fn words(s: &str) -> Vec<(usize, usize, &str)> {
    // About one word in six bytes of prose.
    let mut out = Vec::with_capacity(s.len() / 6);
    let bytes = s.as_bytes();
    // Whether the character at byte `i` belongs to a word, and its length: ASCII
    // without decoding.
    let part_at = |i: usize| match WORD_BYTES.get(usize::from(bytes[i])) {
        Some(&part) => (part, 1),
        None => {
            let c = crate::tokens::char_at(s, i).expect("a character starts here");
            (c.is_alphanumeric(), c.len_utf8())
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let (part, len) = part_at(i);
        let start = i;
        i += len;
        if !part {
            continue;
        }
        while i < bytes.len() {
            let (part, len) = part_at(i);
            if !part {
                break;
            }
            i += len;
        }
        out.push((start, i, &s[start..i]));
    }
    out
}

/// A day of the month, or the first of a range of days: "6", "6th", "6-7".
fn day_number(word: &str) -> Option<i64> {
    let first = match word.split_once('-') {
        Some((a, b)) if number(b).is_some_and(|d| (1..=31).contains(&d)) => a,
        _ => word,
    };
    number(first).filter(|d| (1..=31).contains(d))
}

fn number(word: &str) -> Option<i64> {
    let mut w = word.trim_end_matches('.');
    // `trim_end_matches` of each ordinal suffix in turn, without a substring searcher:
    // it strips the suffix as often as it ends the word.
    for suffix in ["st", "nd", "rd", "th"] {
        while let Some(rest) = w.strip_suffix(suffix) {
            w = rest;
        }
    }
    if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// A date at the start of `s`; returns it and how many bytes it used.
pub(crate) fn parse_absolute_at(s: &str) -> Option<(Date, usize)> {
    // A date at the start fits in its first 40 bytes; do not scan a whole paragraph.
    let mut cut = s.len().min(40);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let (date, start, end) = find_absolute(&s[..cut])?;
    (start == 0).then_some((date, end))
}

/// The first absolute date in `s`, with its byte span.
pub(crate) fn find_absolute(s: &str) -> Option<(Date, usize, usize)> {
    find_absolute_in(s, &words(s))
}

/// [`find_absolute`] on the [`words`] of `s`.
fn find_absolute_in(s: &str, ws: &[(usize, usize, &str)]) -> Option<(Date, usize, usize)> {
    for (i, &(st, en, w)) in ws.iter().enumerate() {
        // "since June 13", "until 20 May 2024": the bound of a period, no event's day.
        if bound_at(ws, i) || (i > 0 && bound_at(ws, i - 1) && number(ws[i - 1].2).is_some()) {
            continue;
        }
        // ISO: 2021-10-05. A year is digits only: most words are turned away by their
        // first byte.
        if w.as_bytes()[0].is_ascii_digit() {
            let mut parts = w.trim_end_matches('.').split('-');
            if let (Some(year), Some(month), Some(day), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            {
                if let (4, Some(y), Some(m), Some(d)) =
                    (year.len(), number(year), number(month), number(day))
                {
                    if let Some(date) = Date::valid(y, m, d) {
                        return Some((date, st, st + w.trim_end_matches('.').len()));
                    }
                }
            }
        }
        if let Some(month) = month_number(w) {
            if w == "may" || (w.len() == 3 && w.chars().next().is_some_and(char::is_lowercase)) {
                continue;
            }
            // D Month YYYY
            if i > 0 {
                let (pst, _, pw) = ws[i - 1];
                if let (Some(day), Some(&(_, en2, w2))) = (day_number(pw), ws.get(i + 1)) {
                    if let Some(year) = number(w2).filter(|y| *y >= 1900) {
                        if let Some(date) = Date::valid(year, month as i64, day) {
                            return Some((date, pst, en2));
                        }
                    }
                }
            }
            // Month D, YYYY  /  Month D  /  Month YYYY
            if let Some(&(_, en1, w1)) = ws.get(i + 1) {
                if let Some(day) = day_number(w1) {
                    if let Some(&(_, en2, w2)) = ws.get(i + 2) {
                        if let Some(year) = number(w2).filter(|y| *y >= 1900) {
                            if let Some(date) = Date::valid(year, month as i64, day) {
                                return Some((date, st, en2.min(st + s[st..].len())));
                            }
                        }
                    }
                    let _ = en1;
                } else if let Some(year) = number(w1).filter(|y| *y >= 1900) {
                    if (1900..=2200).contains(&year) {
                        return Some((
                            Date {
                                year: year as i16,
                                month,
                                day: 0,
                            },
                            st,
                            en1,
                        ));
                    }
                }
            }
        }
        let _ = en;
    }
    None
}

/// The word before word `i` bounds a period: "since", "until", "till".
fn bound_at(ws: &[(usize, usize, &str)], i: usize) -> bool {
    i.checked_sub(1)
        .and_then(|k| ws.get(k))
        .is_some_and(|(_, _, w)| {
            ["since", "until", "till"]
                .iter()
                .any(|b| w.eq_ignore_ascii_case(b))
        })
}

/// A month and day without a year ("on September 25") among the [`words`] of a
/// sentence, resolved to the year that puts it nearest the article date.
fn find_month_day(ws: &[(usize, usize, &str)], article: Date) -> Option<Date> {
    for (i, &(_, _, w)) in ws.iter().enumerate() {
        let Some(month) = month_number(w) else {
            continue;
        };
        if w.chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        // "March 20", or "20 March" as British, Indian and Australian papers write it.
        let day_at = |k: Option<usize>| {
            k.and_then(|k| ws.get(k))
                .and_then(|(_, _, w)| day_number(w))
        };
        let Some(day) = day_at(Some(i + 1)).or_else(|| day_at(i.checked_sub(1))) else {
            continue;
        };
        if bound_at(ws, i) || (i > 0 && bound_at(ws, i - 1) && day_at(Some(i - 1)).is_some()) {
            continue;
        }
        let base = Date::valid(article.year as i64, month as i64, day)?;
        let base_c = base.to_civil()?;
        let art_c = article.to_civil()?;
        // Pick the year (previous, same, next) that lands closest to the article date.
        let mut best = (i64::MAX, base);
        for dy in [-1i16, 0, 1] {
            if let Ok(c) = base_c.checked_add((dy as i64).years()) {
                let dist = (c - art_c).get_days().unsigned_abs() as i64;
                if dist < best.0 {
                    best = (dist, Date::from_civil(c));
                }
            }
        }
        return Some(best.1);
    }
    None
}

/// Tense of the event a date belongs to, which decides which way "on Wednesday" points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    Unknown,
}

/// The date a sentence gives for an event: an absolute date, or a relative one resolved
/// against `article` (the article's date) when it is known.
pub(crate) fn event_date(sentence: &str, article: Option<Date>, tense: Tense) -> Option<Date> {
    let ws = words(sentence);
    if let Some((date, _, _)) = find_absolute_in(sentence, &ws) {
        return Some(date);
    }
    let article = article?;
    if let Some(date) = find_month_day(&ws, article) {
        return Some(date);
    }
    let art = article.to_civil()?;
    let present = words_present(&RELATIVE_DAYS, &RELATIVE_PHRASES, sentence);
    let has = |phrase: &str| present.contains(&phrase);
    let shift = |days: i64| art.checked_add(days.days()).ok().map(Date::from_civil);
    if has("tomorrow") || has("tomorrow's") {
        return shift(1);
    }
    if has("yesterday") || has("yesterday's") {
        return shift(-1);
    }
    if has("today")
        || has("today's")
        || has("tonight")
        || has("this morning")
        || has("this evening")
    {
        return Some(article);
    }
    for (idx, day) in WEEKDAYS.iter().enumerate() {
        if has(day) {
            let target = idx as i64; // Monday = 0
            let current = art.weekday().to_monday_zero_offset() as i64;
            let delta = match tense {
                Tense::Future => {
                    let d = (target - current).rem_euclid(7);
                    if d == 0 {
                        0
                    } else {
                        d
                    }
                }
                Tense::Past | Tense::Unknown => -((current - target).rem_euclid(7)),
            };
            return shift(delta);
        }
    }
    let month_shift = |months: i64| {
        art.checked_add(months.months()).ok().map(|c| Date {
            year: c.year(),
            month: c.month() as u8,
            day: 0,
        })
    };
    if has("next month") {
        return month_shift(1);
    }
    if has("last month") {
        return month_shift(-1);
    }
    if has("this month") {
        return month_shift(0);
    }
    if has("next week") || has("last week") || has("this week") {
        // Known only to the week; the month it falls in is the honest precision.
        let days = if has("next week") {
            7
        } else if has("last week") {
            -7
        } else {
            0
        };
        return art.checked_add(days.days()).ok().map(|c| Date {
            year: c.year(),
            month: c.month() as u8,
            day: 0,
        });
    }
    if has("next year") {
        return Some(Date {
            year: article.year + 1,
            month: 0,
            day: 0,
        });
    }
    if has("last year") {
        return Some(Date {
            year: article.year - 1,
            month: 0,
            day: 0,
        });
    }
    None
}

/// The phrases [`event_date`] looks for besides the [`WEEKDAYS`], any of which a
/// sentence may hold.
const RELATIVE_WORDS: &[&str] = &[
    "tomorrow",
    "tomorrow's",
    "yesterday",
    "yesterday's",
    "today",
    "today's",
    "tonight",
    "this morning",
    "this evening",
    "next month",
    "last month",
    "this month",
    "next week",
    "last week",
    "this week",
    "next year",
    "last year",
];

/// Every phrase [`event_date`] looks for: [`RELATIVE_WORDS`] and the [`WEEKDAYS`].
static RELATIVE_PHRASES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| RELATIVE_WORDS.iter().chain(&WEEKDAYS).copied().collect());

/// All of [`RELATIVE_PHRASES`], in any ASCII case, in one automaton.
static RELATIVE_DAYS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .build(RELATIVE_PHRASES.iter())
        .expect("the relative date phrases are plain strings")
});

/// The phrases of `phrases` (lower-case, searched for by `automaton`, built over
/// exactly them) that occur in `text` on word boundaries, as a search for each phrase
/// in turn would find them in `text` lower-cased as the automaton folds it.
///
/// All occurrences are tried, overlapping ones included. A search for one phrase
/// skips an occurrence that overlaps an earlier one of the same phrase, but such an
/// occurrence starts right after a letter of that earlier one, so it is never on a
/// word boundary for the phrases used here (checked by a test).
pub(crate) fn words_present(
    automaton: &AhoCorasick,
    phrases: &[&'static str],
    text: &str,
) -> Vec<&'static str> {
    let mut present: Vec<&'static str> = Vec::new();
    for m in automaton.find_overlapping_iter(text) {
        let phrase = phrases[m.pattern().as_usize()];
        if !present.contains(&phrase) && on_word_boundaries(text, m.start(), m.end()) {
            present.push(phrase);
        }
    }
    present
}

/// `text[start..end]` has no alphanumeric character right before or after it.
pub(crate) fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before_ok = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];

    /// `month_number` as first written, over the month names.
    fn month_number_reference(word: &str) -> Option<u8> {
        let w = word.trim_end_matches('.');
        if w.len() < 3 {
            return None;
        }
        if w.eq_ignore_ascii_case("sept") {
            return Some(9);
        }
        MONTHS
            .iter()
            .position(|m| {
                m.eq_ignore_ascii_case(w) || (w.len() == 3 && m[..3].eq_ignore_ascii_case(w))
            })
            .map(|i| i as u8 + 1)
    }

    #[test]
    fn a_range_of_days_starts_on_its_first() {
        let article = Date::valid(2024, 9, 3);
        let sept6 = Date::valid(2024, 9, 6);
        for text in [
            "will visit Seoul on Sept. 6-7 for a summit",
            "will visit Seoul on September 6-7, 2024",
            "will visit Seoul on 6-7 September",
        ] {
            assert_eq!(event_date(text, article, Tense::Future), sept6, "{text}");
        }
        assert_eq!(day_number("6-7"), Some(6));
        assert_eq!(day_number("2023-24"), None);
        assert_eq!(day_number("40"), None);
    }

    #[test]
    fn month_numbers_agree_with_the_month_names() {
        let mut samples: Vec<String> = Vec::new();
        for m in MONTHS {
            for w in [m, &m[..3], &m[..m.len().min(4)], &m[..m.len() - 1]] {
                samples.push(w.to_owned());
                samples.push(w.to_uppercase());
                samples.push(format!("{}.", w));
                samples.push(format!("{}{}", &w[..1].to_uppercase(), &w[1..]));
                samples.push(format!("{w}s"));
            }
        }
        samples.extend(
            [
                "sept",
                "Sept.",
                "SEPT",
                "",
                ".",
                "ma",
                "mayy",
                "Ｍay",
                "septembers",
            ]
            .map(str::to_owned),
        );
        for text in crate::test_article_texts() {
            samples.extend(words(&text).into_iter().map(|(_, _, w)| w.to_owned()));
        }
        for w in &samples {
            assert_eq!(month_number(w), month_number_reference(w), "{w:?}");
        }
    }

    #[test]
    fn numbers_read_as_with_trim_end_matches() {
        let as_written = |word: &str| -> Option<i64> {
            let w = word.trim_end_matches('.');
            let w = w
                .trim_end_matches("st")
                .trim_end_matches("nd")
                .trim_end_matches("rd")
                .trim_end_matches("th");
            if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            w.parse().ok()
        };
        let words = [
            "",
            ".",
            "1",
            "1.",
            "1st",
            "1st.",
            "2nd",
            "3rd",
            "4th",
            "21st",
            "1stst",
            "1thst",
            "1stnd",
            "1ndst",
            "1rdndst",
            "1thrdndst",
            "1sth",
            "1s",
            "1t",
            "st",
            "th.",
            "2021",
            "20211",
            "2021th",
            "12345",
            "1..",
            "5thth..",
            "1st.st",
            "x1st",
            "11th",
            "0th",
        ];
        for w in words {
            assert_eq!(number(w), as_written(w), "{w:?}");
        }
    }

    #[test]
    fn words_are_split_as_by_characters() {
        let by_chars = |s: &str| -> Vec<(usize, usize, String)> {
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in s.char_indices() {
                let part = c.is_alphanumeric() || c == '.' || c == '-';
                match (part, start) {
                    (true, None) => start = Some(i),
                    (false, Some(st)) => {
                        out.push((st, i, s[st..i].to_owned()));
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(st) = start {
                out.push((st, s.len(), s[st..].to_owned()));
            }
            out
        };
        for s in [
            "",
            "On 5 Oct. 2021, the talks—in Genève—ended.",
            "Élysée 12th-13th Nov. ’21 İstanbul x",
            "a\u{a0}b…c ½ ٣ 東京-3",
        ] {
            let ours: Vec<(usize, usize, String)> = words(s)
                .into_iter()
                .map(|(a, b, w)| (a, b, w.to_owned()))
                .collect();
            assert_eq!(ours, by_chars(s), "{s:?}");
        }
    }

    /// `phrase` occurs in `text` (both lower case) on word boundaries: the phrases
    /// of [`words_present`] one at a time.
    fn contains_words(text: &str, phrase: &str) -> bool {
        let mut from = 0;
        while let Some(pos) = text[from..].find(phrase) {
            let start = from + pos;
            if on_word_boundaries(text, start, start + phrase.len()) {
                return true;
            }
            from = start + phrase.len().max(1);
            while from < text.len() && !text.is_char_boundary(from) {
                from += 1;
            }
        }
        false
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(
            find_absolute("met on Mar. 29, 2023 in").map(|d| d.0),
            Some(Date::new(2023, 3, 29))
        );
        assert_eq!(
            find_absolute("October 5, 2021").map(|d| d.0),
            Some(Date::new(2021, 10, 5))
        );
        assert_eq!(
            find_absolute("on 5 October 2021,").map(|d| d.0),
            Some(Date::new(2021, 10, 5))
        );
        assert_eq!(
            find_absolute("date 2021-10-05 x").map(|d| d.0),
            Some(Date::new(2021, 10, 5))
        );
        assert_eq!(
            find_absolute("in March 2022").map(|d| d.0.to_string()),
            Some("2022-03".to_owned())
        );
        assert_eq!(find_absolute("they may 2 meet"), None);
        assert_eq!(find_absolute("February 30, 2021"), None);
    }

    #[test]
    fn relative_dates_resolve_against_the_article() {
        let tuesday = Some(Date::new(2021, 10, 5));
        for (sentence, tense, expected) in [
            (
                "their meeting scheduled for Wednesday",
                Tense::Future,
                Some("2021-10-06"),
            ),
            ("they met on Monday", Tense::Past, Some("2021-10-04")),
            ("they met on Wednesday", Tense::Past, Some("2021-09-29")),
            (
                "during tomorrow's meeting",
                Tense::Future,
                Some("2021-10-06"),
            ),
            ("a phone call last month", Tense::Past, Some("2021-09")),
            (
                "in New York on September 25",
                Tense::Past,
                Some("2021-09-25"),
            ),
            (
                "in New York on 25 September",
                Tense::Past,
                Some("2021-09-25"),
            ),
            // The year nearest the article's.
            ("talks on 3 January", Tense::Future, Some("2022-01-03")),
            ("the 250 March marchers met", Tense::Past, None),
            // The bound of a period is no event's day; an event's day after it is.
            ("striking Iran daily since June 13", Tense::Past, None),
            ("the first talks since December 2019", Tense::Past, None),
            ("sanctions until 20 May 2022", Tense::Past, None),
            (
                "since 20 May 2022, and met on June 3",
                Tense::Past,
                Some("2021-06-03"),
            ),
        ] {
            let got = event_date(sentence, tuesday, tense).map(|d| d.to_string());
            assert_eq!(got.as_deref(), expected, "{sentence}");
        }
        assert_eq!(event_date("on Wednesday", None, Tense::Future), None);
    }

    /// [`words_present`] may try occurrences that [`contains_words`] skips: those that
    /// overlap an earlier occurrence of the same phrase. Such an occurrence starts
    /// where the phrase ends as it begins (a border), right after the phrase's letter
    /// before that border: never on a word boundary when that letter is alphanumeric.
    pub(crate) fn assert_overlaps_never_on_boundaries(phrases: &[&str]) {
        for phrase in phrases {
            let chars: Vec<char> = phrase.chars().collect();
            for border in 1..chars.len() {
                if chars[..border] == chars[chars.len() - border..] {
                    assert!(
                        chars[chars.len() - border - 1].is_alphanumeric(),
                        "{phrase:?} may overlap itself on a word boundary"
                    );
                }
            }
        }
    }

    #[test]
    fn relative_phrases_found_in_one_pass_as_one_by_one() {
        assert_overlaps_never_on_boundaries(&RELATIVE_PHRASES);
        let text = "Yesterday's talks, held this Morning; not todays or tomorrow-ish, but friday.";
        let lower = text.to_ascii_lowercase();
        let mut present = words_present(&RELATIVE_DAYS, &RELATIVE_PHRASES, text);
        present.sort_unstable();
        let mut expected: Vec<&str> = RELATIVE_PHRASES
            .iter()
            .copied()
            .filter(|p| contains_words(&lower, p))
            .collect();
        expected.sort_unstable();
        assert_eq!(present, expected);
        assert_eq!(
            expected,
            [
                "friday",
                "this morning",
                "tomorrow",
                "yesterday",
                "yesterday's"
            ]
        );
    }

    #[test]
    fn word_boundaries() {
        assert!(contains_words("see you tomorrow.", "tomorrow"));
        assert!(!contains_words("tomorrows", "tomorrow"));
    }
}
