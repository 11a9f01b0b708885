//! Article text: noise removal, sentence splitting with byte spans, the headline and
//! the article's own date.

use crate::{
    dates::{self, Date},
    tokens::char_at,
};

/// A sentence of the article with its byte span in the original text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// Byte offset of the first byte in the article text.
    pub(crate) start: usize,
    /// Byte offset one past the last byte.
    pub(crate) end: usize,
    /// Index of the paragraph (line) it belongs to.
    pub(crate) paragraph: usize,
}

/// What the article's layout tells before any sentence is read.
#[derive(Clone, Debug, Default)]
pub(crate) struct Layout {
    /// Sentences of the body, in order, noise removed.
    pub(crate) sentences: Vec<Sentence>,
    /// The headline, when the first line looks like one.
    pub(crate) title: Option<String>,
    /// The article's own date from a header, date line or dateline.
    pub(crate) date: Option<Date>,
    /// The city of a dateline such as "Moscow(IP)-" or "MOSCOW, Oct 5 (Reuters) -".
    pub(crate) dateline_city: Option<String>,
    /// Names that may be the publishing outlet, first the likeliest: the agency of a
    /// dateline ("(Reuters)", "/TASS/", "Tehran, IRNA -") and the fields of a
    /// publication line ("PTI | Washington | Updated: ...").
    pub(crate) outlets: Vec<String>,
    /// Notes about skipped noise.
    pub(crate) notes: Vec<String>,
}

/// Words that end with a period without ending the sentence, in lower case, sorted.
const ABBREVIATIONS: &[&str] = &[
    "adm", "apr", "aug", "capt", "cmdr", "co", "col", "coop", "corp", "dec", "dept", "dr", "etc",
    "feb", "gen", "gov", "hon", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar",
    "messrs", "mr", "mrs", "ms", "mt", "no", "nov", "oct", "prof", "rep", "rev", "sen", "sep",
    "sept", "sgt", "sr", "st", "vs",
];

/// The length of the longest of [`ABBREVIATIONS`]: a longer word is none of them.
const LONGEST_ABBREVIATION: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > longest {
            longest = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    longest
};

/// The bytes of a word of at most eight (without a zero byte), as one little-endian
/// number: two such words are equal when their numbers are.
const fn word_key(bytes: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = bytes.len();
    while i > 0 {
        i -= 1;
        key = key << 8 | bytes[i] as u64;
    }
    key
}

/// [`ABBREVIATIONS`] by their [`word_key`]s, compared with a word's in one test each.
const ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    assert!(LONGEST_ABBREVIATION <= 8);
    let mut keys = [0; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        keys[i] = word_key(ABBREVIATIONS[i].as_bytes());
        i += 1;
    }
    keys
};

/// Splits an article into sentences, skipping headers, bylines, link lists and
/// embedded posts, and reads its headline and date.
pub(crate) fn layout(text: &str) -> Layout {
    let mut out = Layout::default();
    let mut in_link_list = false;
    let mut paragraph = 0usize;
    let mut seen_body = false;
    let embedded = EmbeddedPosts::in_article(text);
    let mut header_names = Vec::new();
    for (line_start, line) in lines_with_offsets(text) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let mut start = line_start + lead;
        let mut body = trimmed;
        if is_link_list_header(body) {
            in_link_list = true;
            out.notes
                .push("skipped a \"Read more\" link list".to_owned());
            continue;
        }
        if in_link_list {
            // A link list is a run of short headline lines; real prose ends it.
            if body.len() < 160 && !body.ends_with('.') {
                continue;
            }
            in_link_list = false;
        }
        if embedded.is_post(body) {
            out.notes
                .push("skipped an embedded social media post".to_owned());
            continue;
        }
        // "Source: Xinhua | 2023-04-14 22:31:05", "Published on: 17/02/2024 - 18:42":
        // a publication line, wherever the page put it, gives the date and is no prose.
        if let Some(date) = metadata_date(body) {
            out.date.get_or_insert(date);
            if body.contains('|') {
                out.outlets.extend(body.split('|').map(|field| {
                    let field = field.trim();
                    field
                        .strip_prefix("Source:")
                        .unwrap_or(field)
                        .trim()
                        .to_owned()
                }));
            }
            continue;
        }
        if is_byline(body) {
            continue;
        }
        if is_caption(body) {
            // A dated caption is a file photo's: its day and place are another event's.
            // (An undated one shows the news itself, and may tell who met.) A "date
            // 2022-11-02" header before it is the article's.
            let header = header_date(body).filter(|_| !seen_body);
            let caption = header.map_or(body, |(_, used)| &body[used..]);
            if has_year(caption) {
                if let Some((date, _)) = header {
                    out.date.get_or_insert(date);
                }
                out.notes
                    .push("skipped the caption of a dated photo".to_owned());
                continue;
            }
        }
        if !seen_body {
            // Header material at the top: a date line, a "date 2021-10-05" header.
            if let Some((date, used)) = header_date(body) {
                out.date.get_or_insert(date);
                let rest = &body[used..];
                let rest_trim = rest.trim_start();
                if rest_trim.is_empty() {
                    continue;
                }
                start += used + (rest.len() - rest_trim.len());
                body = rest_trim;
            }
            if let Some((city, date, agency, used)) = dateline(body) {
                out.dateline_city = Some(city);
                out.outlets.splice(0..0, agency);
                if let Some(date) = date {
                    out.date.get_or_insert(date);
                }
                let rest = &body[used..];
                let rest_trim = rest.trim_start();
                start += used + (rest.len() - rest_trim.len());
                body = rest_trim;
            }
            if is_headline(body) {
                if out.title.is_none() && out.sentences.is_empty() {
                    out.title = Some(collapse_whitespace(body));
                }
                // "Kyodo", "The National": a header line that may name the outlet,
                // less likely than a dateline's or a publication line's.
                if words_at_most(body, 3) {
                    header_names.push(collapse_whitespace(body));
                }
                paragraph += 1;
                // A headline still carries facts; keep it as a sentence of its own.
                out.sentences.push(Sentence {
                    start,
                    end: start + body.len(),
                    paragraph,
                });
                continue;
            }
            seen_body = true;
        }
        paragraph += 1;
        split_sentences(body, |s, e| {
            out.sentences.push(Sentence {
                start: start + s,
                end: start + e,
                paragraph,
            });
        });
    }
    out.outlets.extend(header_names);
    out
}

/// A photo caption: "Merz delivers a speech ... April 27, 2022. (Reuters)", "Erdogan
/// and Al Sisi review a guard of honour ... Image Credit: Reuters", "... REUTERS/Evgenia
/// Novozhenina". Its date and place are the photo's, not the news'.
fn is_caption(line: &str) -> bool {
    const CREDITS: &[&str] = &[
        "(reuters)",
        "(afp)",
        "(ap)",
        "(ap photo)",
        "(getty images)",
        "(afp photo)",
        "(file photo)",
        "(photo)",
    ];
    let lower = line.to_lowercase();
    let lower = lower.trim_end_matches(['.', ' ']);
    CREDITS.iter().any(|c| lower.ends_with(c))
        || lower.contains("image credit:")
        || lower.contains("photo credit:")
        || lower.starts_with("photo:")
        || lower.starts_with("file photo")
        || lower
            .rsplit_once("reuters/")
            .is_some_and(|(_, who)| who.len() < 40 && !who.contains(". "))
        || lower.contains("via reuters")
}

/// A year, 1900 to 2099, as a word of its own.
fn has_year(line: &str) -> bool {
    line.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        w.len() == 4
            && (w.starts_with("19") || w.starts_with("20"))
            && w.bytes().all(|b| b.is_ascii_digit())
    })
}

fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        (start, raw.trim_end_matches(['\n', '\r']))
    })
}

fn is_link_list_header(line: &str) -> bool {
    // Lower-casing keeps every character that is not a colon or a space, and the
    // longest header has 11 of them: skip the lower-cased copy for longer lines.
    if line
        .chars()
        .filter(|c| *c != ':' && !c.is_whitespace())
        .nth(11)
        .is_some()
    {
        return false;
    }
    let lower = line.to_lowercase();
    let lower = lower.trim_end_matches(':').trim();
    matches!(
        lower,
        "read more"
            | "read also"
            | "related"
            | "related news"
            | "see also"
            | "also read"
            | "more news"
    )
}

/// What [`EmbeddedPosts::is_post`] looks for that the article holds at all: a line
/// holds only what its article does, so most articles' lines need no search.
struct EmbeddedPosts {
    /// ".co", which both links hold.
    link: bool,
    /// "(@", of a handle.
    handle: bool,
}

impl EmbeddedPosts {
    fn in_article(text: &str) -> EmbeddedPosts {
        EmbeddedPosts {
            link: text.contains(".co"),
            handle: text.contains("(@"),
        }
    }

    /// `line` (of the article) is an embedded social media post.
    fn is_post(&self, line: &str) -> bool {
        (self.link
            && line.contains(".co")
            && (line.contains("pic.twitter.com") || line.contains("https://t.co/")))
            || (self.handle && line.contains("(@") && line.contains("— "))
    }
}

fn is_byline(line: &str) -> bool {
    (line.starts_with("By ") && !line.ends_with('.') && words_at_most(line, 6))
        || (line.ends_with(" News") && words_at_most(line, 3))
        || is_credits(line)
}

/// A wire's closing credits: "Reporting by A; Editing by B", "(Additional reporting by
/// C; writing by D)".
fn is_credits(line: &str) -> bool {
    let line = line.trim_start_matches(['(', '[']);
    [
        "Reporting by ",
        "Additional reporting by ",
        "Editing by ",
        "Writing by ",
        "Compiled by ",
        "Reported by ",
    ]
    .iter()
    .any(|lead| line.starts_with(lead))
        && !line.ends_with('.')
        && words_at_most(line, 24)
}

/// A short line without a sentence-final stop, like a headline or section head.
fn is_headline(line: &str) -> bool {
    line.len() < 120 && !line.ends_with(['.', '"', '”', ':', ',']) && words_at_most(line, 14)
}

/// `line` has at most `n` whitespace-separated words (counting no further than `n + 1`).
fn words_at_most(line: &str, n: usize) -> bool {
    line.split_whitespace().nth(n).is_none()
}

/// Words that introduce a header's date: "Date: 2021-10-05", "Published: June 22, 2023",
/// "Posted on May 3, 2024", "Updated 2024-05-03", "Publication date: 14 October 2024".
const DATE_HEADERS: &[&str] = &[
    "date",
    "published",
    "posted",
    "issued",
    "updated",
    "update",
    "last updated",
    "publication date",
];

/// A date at the very start of a line, or after one of [`DATE_HEADERS`]: "May 28,
/// 2024", "date 2021-10-05", "Published: June 22, 2023", "Published On 6 Apr 2023",
/// "Sunday, November 26, 2023", "17/02/2024". Returns the date and the bytes used.
fn header_date(line: &str) -> Option<(Date, usize)> {
    // Most lines open with another word: turn them away before lower-casing the line.
    let first = line
        .split([' ', ':', ',', '.', '-', '|'])
        .next()
        .unwrap_or_default();
    let opens = first.starts_with(|c: char| c.is_ascii_digit())
        || dates::names_day_or_month(first)
        || DATE_HEADERS.iter().any(|h| {
            h.split(' ')
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case(first))
        });
    if !opens {
        return None;
    }
    let lower = line.to_ascii_lowercase();
    let skip = DATE_HEADERS
        .iter()
        .find_map(|header| {
            let rest = lower.strip_prefix(header)?;
            // The header word must end there: "Dated", "Postedon" are not headers.
            if !rest.starts_with([' ', ':']) {
                return None;
            }
            let mut after = rest.trim_start();
            if let Some(on) = after
                .strip_prefix("on")
                .filter(|a| a.starts_with([' ', ':']))
            {
                after = on.trim_start();
            }
            // "Published: ...", "Updated - July 09, 2024".
            let after = after.strip_prefix([':', '-', '–']).unwrap_or(after);
            Some(lower.len() - after.len())
        })
        .unwrap_or(0);
    let mut rest = &line[skip..];
    // "Updated 4:17 PM GMT+3, July 9, 2024": a time before the date.
    let trimmed = rest.trim_start();
    if skip > 0
        && trimmed
            .split(':')
            .next()
            .is_some_and(|h| (1..=2).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_digit()))
    {
        if let Some(comma) = trimmed.find(',').filter(|&comma| comma < 24) {
            rest = &trimmed[comma + 1..];
        }
    }
    // "Sunday, November 26, 2023", "Monday 2 Jun 2025": a weekday before the date.
    let trimmed = rest.trim_start();
    if let Some((first, after)) = trimmed.split_once([',', ' ']) {
        if dates::is_weekday(first) {
            rest = after.strip_prefix(',').unwrap_or(after);
        }
    }
    let rest_trim = rest.trim_start();
    let pad = line.len() - rest_trim.len();
    let (date, used) =
        dates::parse_absolute_at(rest_trim).or_else(|| numeric_date_at(rest_trim))?;
    // Only a line that is a date, or a header that starts with one.
    Some((date, pad + used))
}

/// A day-first numeric date at the start of a header, "17/02/2024" or "05.11.2023",
/// or month-first when the second number cannot be a month ("02/17/2024"). Read only in
/// headers: in running text such numbers are as often scores or versions.
fn numeric_date_at(s: &str) -> Option<(Date, usize)> {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '/'))
        .unwrap_or(s.len());
    let token = s[..end].trim_end_matches('.');
    let sep = if token.contains('/') { '/' } else { '.' };
    let mut parts = token.split(sep);
    let (Some(a), Some(b), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    if !(1..=2).contains(&a.len()) || !(1..=2).contains(&b.len()) || y.len() != 4 {
        return None;
    }
    let (a, b, y): (i64, i64, i64) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
    let (month, day) = if b > 12 { (a, b) } else { (b, a) };
    let date = Date::valid(y, month, day).filter(|_| y >= 1900)?;
    Some((date, token.len()))
}

/// The date of a publication line anywhere in the page: fields between bars with a
/// date in one ("PTI | Washington | Updated: 29 Sep 2023, 06:14 AM IST", "Source:
/// Xinhua | 2023-04-14 22:31:05 | Editor: huaxia"), or a short line opened by a
/// header word ("Published on: 17/02/2024 - 18:42", "Publication date: 14 October
/// 2024, 19:47"), or a line that is a date ("Friday, September 29, 2023").
fn metadata_date(line: &str) -> Option<Date> {
    if line.len() > 200 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if line.contains('|') {
        // "Politics  February 10, 2025 - 19:42 | IRNA News ID: ...": a section's name
        // may come before the date.
        return line.split('|').find_map(|field| {
            let field = field.trim();
            date_field(field).or_else(|| {
                let (label, rest) = field.split_once(char::is_whitespace)?;
                label
                    .starts_with(char::is_uppercase)
                    .then(|| date_field(rest.trim()))?
            })
        });
    }
    // "Baqir Sajjad Syed Published January 30, 2024": a byline run into the header.
    if line.len() < 80 {
        for header in [" Published ", " Updated ", " Posted "] {
            if let Some(at) = line.find(header) {
                if let Some(date) = date_field(&line[at + 1..]) {
                    return Some(date);
                }
            }
        }
    }
    // "Ahram Online, Monday 2 Jun 2025": a short line of names and a date, no prose.
    let short_list = line.len() < 60
        && line.contains(',')
        && !line
            .split_whitespace()
            .any(|w| w.starts_with(char::is_lowercase));
    if short_list {
        if let Some(date) = line.split(',').find_map(|field| date_field(field.trim())) {
            return Some(date);
        }
    }
    date_field(line)
}

/// A date, after a header word or not, followed by a time or a label at most ("-
/// 18:42", ", 06:14 AM IST", "10:45 pm IST", "- Update : 05.11.2023"), not prose (a
/// word in lower case): "date 2021-10-05 The minister arrived ..." at the top of a
/// page is a header followed by the body.
fn date_field(field: &str) -> Option<Date> {
    let (date, used) = header_date(field)?;
    // "6:12 PM [ Last Update: ... ]": what is bracketed is another label.
    let rest = field[used..].split(['[', '(']).next().unwrap_or_default();
    let prose = rest
        .split_whitespace()
        .any(|w| w.starts_with(char::is_lowercase) && !matches!(w, "am" | "pm" | "a.m." | "p.m."));
    // "10:47 pm IST - NEW DELHI": a time, its zone and a place.
    (words_at_most(rest, 7) && !prose).then_some(date)
}

/// "Moscow(IP)-", "MOSCOW (Reuters) -", "TEHRAN, Oct. 5 (IRNA) --", "Moscow, Russia —", and
/// the colon of South Asian papers: "NEW DELHI:", "New Delhi, Feb 25 (PTI):",
/// "NEW DELHI, 25 Feb 2023:".
fn dateline(line: &str) -> Option<(String, Option<Date>, Option<String>, usize)> {
    let head: String = line.chars().take(80).collect();
    let dash = head.find(['-', '–', '—']);
    let colon = head.find(": ");
    let slashed = slashed_agency(&head);
    let (end, mark_len, is_colon) = match (dash, colon) {
        _ if slashed.is_some() => slashed?,
        (Some(d), Some(c)) if c < d => (c, 1, true),
        (None, Some(c)) => (c, 1, true),
        (Some(d), _) => {
            let len = head[d..]
                .chars()
                .take_while(|c| matches!(c, '-' | '–' | '—'))
                .map(char::len_utf8)
                .sum::<usize>();
            (d, len, false)
        }
        (None, None) => return None,
    };
    let before = &head[..end];
    let after = &head[end..];
    let city_part = before.split(['(', ',', '[']).next()?.trim();
    // "MOSCOW (Reuters) -" or "MOSCOW, Oct. 11, 2024 —": an agency in brackets, or a
    // city in capitals with a spaced dash (a colon needs no space before it).
    // "Tehran, IRNA –": an agency's name in capitals as the last field.
    let comma_field = before.rsplit(',').next().map(str::trim).filter(|f| {
        before.contains(',')
            && (2..=12).contains(&f.len())
            && f.chars().all(|c| c.is_ascii_uppercase())
    });
    let agency = slashed.is_some()
        || comma_field.is_some()
        || (before.contains('(') && before.trim_end().ends_with(')'));
    let shouted = city_part.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !city_part.chars().any(char::is_lowercase)
        && (is_colon || before.ends_with(' '))
        && after[mark_len..].starts_with(' ');
    if !agency && !shouted {
        return None;
    }
    if city_part.is_empty()
        || city_part.split_whitespace().count() > 3
        || !city_part.chars().next()?.is_uppercase()
        || !city_part
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '.')
    {
        return None;
    }
    let date = before
        .find(',')
        .and_then(|comma| dates::find_absolute(&before[comma + 1..]).map(|(d, _, _)| d));
    // The agency: "(Reuters)", "/TASS/", "Tehran, IRNA".
    let bracketed = before
        .rfind('(')
        .and_then(|open| Some(&before[open + 1..open + 1 + before[open + 1..].find(')')?]));
    let slashed_name = slashed.and_then(|_| head[end + 1..].split('/').next());
    let outlet = bracketed
        .or(slashed_name)
        .or(comma_field)
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty());
    Some((title_case(city_part), date, outlet, end + mark_len))
}

/// "MOSCOW, October 10. /TASS/.": where the agency between slashes starts (the
/// dateline's end), and the length of the mark.
fn slashed_agency(head: &str) -> Option<(usize, usize, bool)> {
    let open = head.find(" /")? + 1;
    let rest = &head[open + 1..];
    let close = rest.find('/')?;
    let name = &rest[..close];
    if !(2..=12).contains(&name.len()) || !name.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let dot = usize::from(rest[close + 1..].starts_with('.'));
    Some((open, 1 + close + 1 + dot, false))
}

fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Folds runs of whitespace into one space.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    if is_collapsed(s) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// No whitespace but single spaces between words: nothing to fold.
fn is_collapsed(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.is_ascii() {
        // Most text: whole-text tests without a branch per byte (ASCII whitespace is
        // ' ' and '\t'..='\r').
        let other_space = bytes
            .iter()
            .fold(false, |any, &b| any | matches!(b, b'\t'..=b'\r'));
        let double_space = bytes
            .iter()
            .zip(bytes.get(1..).unwrap_or_default())
            .fold(false, |any, (&a, &b)| any | (a == b' ' && b == b' '));
        return !other_space
            && !double_space
            && bytes.first() != Some(&b' ')
            && bytes.last() != Some(&b' ');
    }
    // On bytes: ASCII whitespace is ' ' and '\t'..='\r'; other whitespace characters
    // are looked at from their leading byte, their other bytes are not ASCII.
    let mut after_space = true;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if b == b' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if matches!(b, b'\t'..=b'\r')
            || (b >= 0xc0 && char_at(s, i).is_some_and(char::is_whitespace))
        {
            return false;
        } else {
            after_space = false;
        }
    }
    !after_space || s.is_empty()
}

/// Gives `out` the byte span (start, end) of each sentence of one paragraph, in order.
fn split_sentences(par: &str, mut out: impl FnMut(usize, usize)) {
    let bytes = par.as_bytes();
    let mut start = 0usize;
    let mut i = 0usize;
    while let Some(stop) = next_stop(bytes, i) {
        i = stop;
        let b = bytes[i];
        let mut j = i + 1;
        // Closing quotes and brackets belong to the sentence they end.
        while j < bytes.len() {
            let rest = &par[j..];
            let c = rest.chars().next().unwrap_or(' ');
            if matches!(c, '"' | '\'' | '”' | '’' | ')' | ']') {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        let next = par[j..].chars().next();
        let after_space = par[j..].trim_start();
        let boundary = match next {
            None => true,
            Some(c) if c.is_whitespace() => {
                starts_sentence(after_space) && !is_abbreviation(par, i)
            }
            // "JCPOA.The Russian diplomat": a missing space after a full stop.
            Some(c) if c.is_uppercase() || matches!(c, '”' | '“' | '"') => {
                b == b'.' && glued_boundary(par, i, j)
            }
            _ => false,
        };
        if boundary {
            push_trimmed(par, start, j, &mut out);
            start = j;
        }
        i = j.max(i + 1);
    }
    push_trimmed(par, start, par.len(), &mut out);
}

/// The index of the first full stop, '!' or '?' in `bytes` at or after `from`.
fn next_stop(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The high bit of each zero byte of `v`: the borrow of subtracting one from a zero
    // byte sets its high bit where the byte's own high bit was clear. (A borrow can
    // also mark the byte above a zero byte, never one below: the lowest mark is exact.)
    let zero_bytes = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let mut at = from;
    // Eight bytes at a time, as most hold no stop.
    while let Some(eight) = bytes.get(at..at + 8) {
        let v = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        let stops = zero_bytes(v ^ (ONES * u64::from(b'.')))
            | zero_bytes(v ^ (ONES * u64::from(b'!')))
            | zero_bytes(v ^ (ONES * u64::from(b'?')));
        if stops != 0 {
            // Little-endian: the first of the eight bytes is the lowest.
            return Some(at + (stops.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let is_stop = |b: &u8| matches!(b, b'.' | b'!' | b'?');
    bytes.get(at..)?.iter().position(is_stop).map(|p| at + p)
}

fn push_trimmed(par: &str, start: usize, end: usize, out: &mut impl FnMut(usize, usize)) {
    let piece = &par[start..end];
    let lead = piece.len() - piece.trim_start().len();
    if lead == piece.len() {
        // Whitespace only.
        return;
    }
    let trail = piece.len() - piece.trim_end().len();
    out(start + lead, end - trail);
}

fn starts_sentence(rest: &str) -> bool {
    match rest.chars().next() {
        None => true,
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '“' | '\'' | '‘' | '(' | '[')
        }
    }
}

/// The word before the stop at `dot` is a known abbreviation or an initial.
fn is_abbreviation(par: &str, dot: usize) -> bool {
    let before = &par[..dot];
    // The run of letters, digits and stops before the stop: found on bytes while they
    // are ASCII.
    let in_word = |c: char| c.is_alphanumeric() || c == '.';
    let word_start = match before
        .bytes()
        .rposition(|b| !(b.is_ascii_alphanumeric() || b == b'.'))
    {
        Some(i) if !before.as_bytes()[i].is_ascii() => before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| in_word(c))
            .last()
            .map_or(dot, |(i, _)| i),
        Some(i) => i + 1,
        None => 0,
    };
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // Initials and dotted acronyms: "S.", "U.S.", "D.C.": between the stops, single
    // capitals. (On ASCII: no two letters or digits in a row, and no small letter or
    // digit at all.)
    let initials = if word.is_ascii() {
        let bytes = word.as_bytes();
        bytes.iter().all(|&b| b == b'.' || b.is_ascii_uppercase())
            && !bytes.windows(2).any(|w| w[0] != b'.' && w[1] != b'.')
    } else {
        word.split('.')
            .filter(|p| !p.is_empty())
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
    };
    if initials {
        return true;
    }
    if word.len() > LONGEST_ABBREVIATION {
        return false;
    }
    // An abbreviation is ASCII: lower-casing only ASCII letters keeps any other word
    // one of none of them. (The word holds letters, digits and stops: no zero byte.)
    let mut lower = [0u8; LONGEST_ABBREVIATION];
    let lower = &mut lower[..word.len()];
    for (to, from) in lower.iter_mut().zip(word.bytes()) {
        *to = from.to_ascii_lowercase();
    }
    ABBREVIATION_KEYS.contains(&word_key(lower))
}

/// "program.The": a stop glued to the next sentence. True when the word before is a
/// real word (two or more letters, not an abbreviation) and the next starts a word.
fn glued_boundary(par: &str, dot: usize, next: usize) -> bool {
    if is_abbreviation(par, dot) {
        return false;
    }
    let before = &par[..dot];
    let prev_letters = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .count();
    let after = &par[next..];
    let mut chars = after.chars().skip_while(|c| matches!(c, '”' | '“' | '"'));
    let first = chars.next();
    let second = chars.next();
    prev_letters >= 2
        && first.is_some_and(char::is_uppercase)
        && second.is_some_and(|c| c.is_lowercase() || c.is_whitespace())
}

#[cfg(test)]
mod tests {

    #[test]
    fn captions_are_told_by_their_credit() {
        for line in [
            "Merz delivers a speech in Hamburg, Germany April 27, 2022. (Reuters)",
            "Erdogan and Al Sisi review a guard of honour. Image Credit: Reuters",
            "Tusk attends talks in Warsaw, Poland, May 3, 2023. REUTERS/Kacper Pempel",
            "Photo: the two ministers in Beijing",
        ] {
            assert!(is_caption(line), "{line}");
        }
        for line in [
            "MOSCOW (Reuters) - Russia's foreign minister met his Iranian counterpart.",
            "The two ministers met in Beijing on Tuesday, the ministry said.",
        ] {
            assert!(!is_caption(line), "{line}");
        }
        assert!(has_year("Russia April 27, 2022. (Reuters)"));
        assert!(!has_year("talks on April 27 (Reuters)"));
    }

    use super::*;

    #[test]
    fn wire_credits_are_no_sentences() {
        for line in [
            "Reporting by Anna Berg; Editing by Tom Hale",
            "(Additional reporting by Li Wen in Beijing; Writing by Omar Said; Editing by Ruth Kay)",
            "Writing by Jan Novak",
        ] {
            assert!(is_credits(line), "{line}");
        }
        for line in [
            "Reporting by state media said the talks had ended.",
            "Editing the treaty took the two sides four years, the minister said, adding that a new round would follow in June after the experts of both ministries met again in Geneva to settle the remaining points of the annex.",
        ] {
            assert!(!is_credits(line), "{line}");
        }
    }

    #[test]
    fn abbreviations_are_lower_case_and_sorted() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(ABBREVIATIONS
            .iter()
            .all(|a| a.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn ascii_whitespace_is_what_the_byte_tests_take_it_for() {
        for b in 0..=127u8 {
            let c = char::from(b);
            assert_eq!(
                c.is_whitespace(),
                b == b' ' || matches!(b, b'\t'..=b'\r'),
                "{b}"
            );
            for text in [
                format!("a{c}b"),
                format!("a {c}b"),
                format!("{c}"),
                format!("a{c}"),
            ] {
                let by_chars = text.split_whitespace().collect::<Vec<_>>().join(" ") == text;
                assert_eq!(is_collapsed(&text), by_chars, "{text:?}");
            }
        }
    }

    #[test]
    fn is_collapsed_reads_other_whitespace_too() {
        for text in [
            "a\u{a0}b",
            "a \u{3000}b",
            "’a b’",
            "a\u{2003}",
            "“a” b",
            "a \u{85}",
            "é b",
            "",
            " ",
            "  ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "a b c\td",
            "ab cd ef",
        ] {
            let by_chars = text.split_whitespace().collect::<Vec<_>>().join(" ") == text;
            assert_eq!(is_collapsed(text), by_chars, "{text:?}");
        }
    }

    #[test]
    fn next_stop_finds_the_first_stop() {
        // Every byte value, each stop and near misses (',' '/' ' ' '>' '@' and bytes with
        // the high bit set) at every offset of a word.
        let all: Vec<u8> = (0..=255).collect();
        let mut texts: Vec<Vec<u8>> = vec![all.clone(), all.iter().rev().copied().collect()];
        for stop in [
            b'.',
            b'!',
            b'?',
            b',',
            b'/',
            b' ',
            b'>',
            b'@',
            0xae,
            0xa1,
            0xbf,
            0x2e | 0x80,
        ] {
            for at in 0..20 {
                let mut text = "Ünal’s envoy went—à Genève—then".as_bytes()[..20].to_vec();
                text[at] = stop;
                texts.push(text);
            }
        }
        for text in &texts {
            let by_bytes =
                |from: usize| (from..text.len()).find(|&i| matches!(text[i], b'.' | b'!' | b'?'));
            for from in 0..=text.len() + 1 {
                assert_eq!(next_stop(text, from), by_bytes(from), "{text:?} {from}");
            }
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        layout(text)
            .sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn splits_on_stops_but_not_abbreviations_or_initials() {
        let text = "He met Mr. Smith on Mar. 29, 2023 in the U.S. capital. S. Jaishankar said so. Then he left.";
        assert_eq!(
            sentences(text),
            [
                "He met Mr. Smith on Mar. 29, 2023 in the U.S. capital.",
                "S. Jaishankar said so.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn splits_glued_sentences() {
        let text = "He said it was over.The minister added more. It ended.”I am glad,” she said.";
        assert_eq!(
            sentences(text),
            [
                "He said it was over.",
                "The minister added more.",
                "It ended.”",
                "I am glad,” she said."
            ]
        );
    }

    #[test]
    fn reads_header_date_and_skips_link_lists_and_posts() {
        let text = "May 28, 2024\n\nSome Headline Here\n\nThe body starts here. It goes on.\n\nRead More:\n\nAnother story title\n";
        let lay = layout(text);
        assert_eq!(lay.date, Some(Date::new(2024, 5, 28)));
        assert_eq!(lay.title.as_deref(), Some("Some Headline Here"));
        let got: Vec<&str> = lay
            .sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            got,
            ["Some Headline Here", "The body starts here.", "It goes on."]
        );
    }

    #[test]
    fn strips_datelines() {
        let text = "Moscow(IP)- The minister arrived.";
        let lay = layout(text);
        assert_eq!(lay.dateline_city.as_deref(), Some("Moscow"));
        assert_eq!(
            &text[lay.sentences[0].start..lay.sentences[0].end],
            "The minister arrived."
        );
        let text = "BEIJING, Oct. 5, 2022 (Xinhua) -- Leaders met.";
        let lay = layout(text);
        assert_eq!(lay.dateline_city.as_deref(), Some("Beijing"));
        assert_eq!(lay.date, Some(Date::new(2022, 10, 5)));
    }

    #[test]
    fn dateline_and_publication_line_outlets() {
        for (text, city, outlet) in [
            (
                "TOKYO, March 16 (Reuters) - Leaders met.",
                "Tokyo",
                "Reuters",
            ),
            ("MOSCOW, October 10. /TASS/. Leaders met.", "Moscow", "TASS"),
            ("Tehran, IRNA – Leaders met.", "Tehran", "IRNA"),
            ("New Delhi, Feb 25 (PTI): Leaders met.", "New Delhi", "PTI"),
        ] {
            let lay = layout(text);
            assert_eq!(lay.dateline_city.as_deref(), Some(city), "{text}");
            assert_eq!(lay.outlets, [outlet], "{text}");
            let first = &lay.sentences[0];
            assert_eq!(&text[first.start..first.end], "Leaders met.", "{text}");
        }
        let lay = layout(
            "Leaders meet\nPTI | Washington | Updated: 29 Sep 2023, 06:14 AM IST\nThey met.",
        );
        assert_eq!(lay.outlets[..2], ["PTI", "Washington"]);
        assert!(layout("MOSCOW — Leaders met.").outlets.is_empty());
        let lay = layout("Kyodo\n\nLeaders met in Tokyo on Monday.");
        assert_eq!(lay.outlets, ["Kyodo"]);
        let lay = layout("Leaders meet in Tokyo for talks on trade\n\nThey met on Monday.");
        assert!(lay.outlets.is_empty());
    }

    #[test]
    fn strips_colon_datelines() {
        for (text, date) in [
            ("NEW DELHI: The minister arrived.", None),
            (
                "NEW DELHI, 25 Feb 2023: The minister arrived.",
                Some(Date::new(2023, 2, 25)),
            ),
            (
                "New Delhi, Feb 25, 2023 (PTI): The minister arrived.",
                Some(Date::new(2023, 2, 25)),
            ),
            (
                "New Delhi [India], February 25, 2023 (ANI): The minister arrived.",
                Some(Date::new(2023, 2, 25)),
            ),
        ] {
            let lay = layout(text);
            assert_eq!(lay.dateline_city.as_deref(), Some("New Delhi"), "{text}");
            assert_eq!(lay.date, date, "{text}");
            let first = &lay.sentences[0];
            assert_eq!(&text[first.start..first.end], "The minister arrived.");
        }
        // A colon after words in lower case, or without a space after it, is no dateline.
        for text in [
            "Officials said: the minister arrived.",
            "At 10:30 GMT the minister arrived.",
        ] {
            assert_eq!(layout(text).dateline_city, None, "{text}");
        }
    }

    #[test]
    fn collapses_whitespace_runs() {
        for (text, collapsed) in [
            ("", ""),
            (" ", ""),
            ("a", "a"),
            ("a b", "a b"),
            (" a b", "a b"),
            ("a b ", "a b"),
            ("a  b", "a b"),
            ("a\tb\n c", "a b c"),
            ("a\u{a0}b", "a b"),
        ] {
            assert_eq!(collapse_whitespace(text), collapsed, "{text:?}");
        }
    }

    #[test]
    fn header_keyword_date() {
        let lay = layout(" date 2021-10-05 The minister arrived in the capital on Tuesday.");
        assert_eq!(lay.date, Some(Date::new(2021, 10, 5)));
        assert_eq!(lay.sentences.len(), 1);
    }

    #[test]
    fn publication_lines_anywhere() {
        for line in [
            "PTI | Washington | Updated: 29 Sep 2023, 06:14 AM IST",
            "Source: Xinhua | 2023-09-29 22:31:05 | Editor: huaxia",
            "Mehmet Yilmaz  |29.09.2023 - Update : 29.09.2023",
            "By Staff | September 29, 2023",
            "Published on: 29/09/2023 - 18:42",
            "Publication date: 29 September 2023, 19:47",
            "Published On 29 Sep 2023",
            "Friday, September 29, 2023",
            "Ahram Online , Friday 29 Sep 2023",
            "Updated - September 29, 2023 10:45 pm IST",
            "Friday, 29 September 2023 6:12 PM  [ Last Update: Friday, 29 September 2023 6:20 PM ]",
            "29 SEP 2023, 15:02",
            "Updated 4:17 PM GMT+3, September 29, 2023",
            "Updated 4:17 PM, Sep 29, 2023",
            "Baqir Sajjad Syed Published September 29, 2023",
            "Updated - September 29, 2023 10:47 pm IST - NEW DELHI",
            "Issued on: 29/09/2023 - 15:02",
            "Politics  September 29, 2023 - 19:42 | IRNA News ID: 85747311",
        ] {
            // After a headline, a standfirst that ends in a stop, and the first
            // paragraph: the line is still read, and is no sentence.
            let text = format!(
                "Leaders meet\nThey agreed on trade.\nThe minister arrived on Tuesday.\n{line}\nIt rained."
            );
            let lay = layout(&text);
            assert_eq!(lay.date, Some(Date::new(2023, 9, 29)), "{line}");
            let last = &lay.sentences[lay.sentences.len() - 1];
            assert_eq!(&text[last.start..last.end], "It rained.", "{line}");
        }
        for prose in [
            "Scores | 12.03.2023 was a draw",
            "Published reports on 29 September 2023 said the minister arrived in the capital.",
            "The update on 29/09/2023 said the minister arrived.",
            "Moscow, Friday 29 Sep 2023 was quiet.",
        ] {
            let text = format!("Leaders meet\nThey agreed on trade.\n{prose}");
            let lay = layout(&text);
            let last = &lay.sentences[lay.sentences.len() - 1];
            assert_eq!(&text[last.start..last.end], prose);
            assert_eq!(lay.date, None, "{prose}");
        }
    }

    #[test]
    fn numeric_header_dates() {
        assert_eq!(
            numeric_date_at("17/02/2024 - 18:42"),
            Some((Date::new(2024, 2, 17), 10))
        );
        assert_eq!(
            numeric_date_at("05.11.2023"),
            Some((Date::new(2023, 11, 5), 10))
        );
        assert_eq!(
            numeric_date_at("02/17/2024"),
            Some((Date::new(2024, 2, 17), 10))
        );
        for not_date in [
            "1.2.3",
            "17/02/24",
            "31/02/2024",
            "2024/02/17",
            "v1.12.2024x",
        ] {
            assert_eq!(numeric_date_at(not_date), None, "{not_date}");
        }
    }

    #[test]
    fn publication_header_dates() {
        for header in [
            "Published: June 22, 2023",
            "Published on June 22, 2023",
            "Posted June 22, 2023",
            "Last updated: 2023-06-22",
            "DATE: 22 June 2023",
        ] {
            let text = format!("Leaders meet\n{header}\nThe minister arrived on Tuesday.");
            assert_eq!(layout(&text).date, Some(Date::new(2023, 6, 22)), "{header}");
        }
        for not_header in ["Dated June 22, 2023", "Publishedon June 22, 2023"] {
            let text = format!("Leaders meet\n{not_header}\nThe minister arrived on Tuesday.");
            assert_eq!(layout(&text).date, None, "{not_header}");
        }
    }
}
