//! Meeting rows and their filters.

use query::{meetings, MeetingFilter};

use crate::fixture::*;

fn check(filter: MeetingFilter, expected: &[&str]) {
    let graph = graph();
    let got: Vec<String> = meetings(&graph, &filter)
        .into_iter()
        .map(|row| row.id)
        .collect();
    assert_eq!(got, expected, "{filter:?}");
}

#[test]
fn all_meetings_sorted_by_date_undated_last() {
    check(MeetingFilter::default(), &[TALKS, VISIT, UNDATED]);
}

#[test]
fn filters_by_person_country_and_topic() {
    check(
        MeetingFilter {
            person: Some(LAVROV.into()),
            ..Default::default()
        },
        &[TALKS, VISIT],
    );
    check(
        MeetingFilter {
            person: Some(AMIR.into()),
            ..Default::default()
        },
        &[TALKS],
    );
    // Iran attended the call itself, and two of its people attended the others.
    check(
        MeetingFilter {
            country: Some(IRAN.into()),
            ..Default::default()
        },
        &[TALKS, VISIT, UNDATED],
    );
    check(
        MeetingFilter {
            country: Some(RUSSIA.into()),
            ..Default::default()
        },
        &[TALKS, VISIT],
    );
    check(
        MeetingFilter {
            topic: Some(NUCLEAR.into()),
            ..Default::default()
        },
        &[TALKS],
    );
    check(
        MeetingFilter {
            topic: Some(SYRIA.into()),
            person: Some(AMIR.into()),
            ..Default::default()
        },
        &[TALKS],
    );
    check(
        MeetingFilter {
            topic: Some(SANCTIONS.into()),
            ..Default::default()
        },
        &[],
    );
}

#[test]
fn filters_by_partial_dates() {
    check(
        MeetingFilter {
            since: Some("2023-04-10".into()),
            ..Default::default()
        },
        &[VISIT],
    );
    check(
        MeetingFilter {
            since: Some("2023-03-30".into()),
            ..Default::default()
        },
        &[VISIT],
    );
    check(
        MeetingFilter {
            until: Some("2023-03-29".into()),
            ..Default::default()
        },
        &[TALKS],
    );
    check(
        MeetingFilter {
            since: Some("2023".into()),
            until: Some("2023".into()),
            ..Default::default()
        },
        &[TALKS, VISIT],
    );
    check(
        MeetingFilter {
            until: Some("2022-12-31".into()),
            ..Default::default()
        },
        &[],
    );
}

#[test]
fn rows_carry_names() {
    let graph = graph();
    let rows = meetings(
        &graph,
        &MeetingFilter {
            person: Some(AMIR.into()),
            ..Default::default()
        },
    );
    let row = &rows[0];
    assert_eq!(row.name, "Lavrov – Amir-Abdollahian talks");
    assert_eq!(row.date.as_deref(), Some("2023-03-29"));
    assert_eq!(row.kind.as_deref(), Some("talks"));
    assert_eq!(row.status.as_deref(), Some("held"));
    assert_eq!(
        row.participants,
        ["Hossein Amir-Abdollahian", "Sergey Lavrov"]
    );
    assert_eq!(row.place.as_deref(), Some("Moscow"));
    assert_eq!(row.topics, ["Syria", "nuclear deal"]);
}
