//! Comparing partial ISO dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).

use std::cmp::Ordering;

/// Compares two partial ISO dates on their common prefix, so that `2023-03` is
/// neither before nor after `2023-03-15`: a month overlaps every day in it.
fn cmp_prefix(a: &str, b: &str) -> Ordering {
    let n = a.len().min(b.len());
    a.as_bytes()[..n].cmp(&b.as_bytes()[..n])
}

/// Whether a date may fall within `since ..= until` (both optional, both partial ISO
/// dates). Bounds are inclusive and compared on the common prefix. A missing date
/// passes only when there are no bounds.
pub(crate) fn in_range(date: Option<&str>, since: Option<&str>, until: Option<&str>) -> bool {
    let since = since.map(str::trim).filter(|s| !s.is_empty());
    let until = until.map(str::trim).filter(|s| !s.is_empty());
    if since.is_none() && until.is_none() {
        return true;
    }
    let Some(date) = date.map(str::trim).filter(|d| !d.is_empty()) else {
        return false;
    };
    since.is_none_or(|s| cmp_prefix(date, s) != Ordering::Less)
        && until.is_none_or(|u| cmp_prefix(date, u) != Ordering::Greater)
}

/// The first and last day a partial ISO date covers, as `YYYY-MM-DD`, or `None` when
/// the text is not a date of one of the three shapes.
pub(crate) fn day_span(date: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = date.trim().split('-').collect();
    let number = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => {
            let year = number(y, 4)?;
            Some((format!("{year:04}-01-01"), format!("{year:04}-12-31")))
        }
        [y, m] => {
            let (year, month) = (number(y, 4)?, number(m, 2)?);
            let last = days_in_month(year, month)?;
            Some((
                format!("{year:04}-{month:02}-01"),
                format!("{year:04}-{month:02}-{last:02}"),
            ))
        }
        [y, m, d] => {
            let (year, month, day) = (number(y, 4)?, number(m, 2)?, number(d, 2)?);
            if day == 0 || day > days_in_month(year, month)? {
                return None;
            }
            let text = format!("{year:04}-{month:02}-{day:02}");
            Some((text.clone(), text))
        }
        _ => None,
    }
}

fn days_in_month(year: u32, month: u32) -> Option<u32> {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if leap => Some(29),
        2 => Some(28),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_overlap_their_days() {
        assert!(in_range(Some("2023-03"), Some("2023-03-15"), None));
        assert!(in_range(Some("2023-03"), None, Some("2023-03-01")));
        assert!(in_range(
            Some("2023"),
            Some("2023-06-01"),
            Some("2023-06-30")
        ));
        assert!(!in_range(Some("2023-02-28"), Some("2023-03"), None));
        assert!(!in_range(Some("2024-01-01"), None, Some("2023")));
        assert!(in_range(
            Some("2023-03-15"),
            Some("2023-03-15"),
            Some("2023-03-15")
        ));
    }

    #[test]
    fn a_missing_date_passes_only_without_bounds() {
        assert!(in_range(None, None, None));
        assert!(in_range(None, Some(""), None));
        assert!(!in_range(None, Some("2023"), None));
    }

    #[test]
    fn day_spans() {
        assert_eq!(
            day_span("2024-02"),
            Some(("2024-02-01".into(), "2024-02-29".into()))
        );
        assert_eq!(
            day_span("2023"),
            Some(("2023-01-01".into(), "2023-12-31".into()))
        );
        assert_eq!(
            day_span("2023-03-29"),
            Some(("2023-03-29".into(), "2023-03-29".into()))
        );
        assert_eq!(day_span("2023-02-30"), None);
        assert_eq!(day_span("March 2023"), None);
        assert_eq!(day_span("2023-13"), None);
    }
}
