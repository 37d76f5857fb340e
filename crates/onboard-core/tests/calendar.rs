//! Japan's national holidays 2025-2027 against the official list (Cabinet Office),
//! and the contact desk's open/closed edges.
use onboard_core::calendar::*;
use onboard_core::ctx::{Timestamp, DAY, HOUR, MINUTE};

fn list(y: i64) -> Vec<(u32, u32)> {
    national_holidays(y)
        .into_iter()
        .map(|d| {
            let (_, m, dd) = civil_from_days(d);
            (m, dd)
        })
        .collect()
}

#[test]
fn holidays_2025_match_the_official_list() {
    assert_eq!(
        list(2025),
        vec![
            (1, 1),
            (1, 13),
            (2, 11),
            (2, 23),
            (2, 24),
            (3, 20),
            (4, 29),
            (5, 3),
            (5, 4),
            (5, 5),
            (5, 6),
            (7, 21),
            (8, 11),
            (9, 15),
            (9, 23),
            (10, 13),
            (11, 3),
            (11, 23),
            (11, 24),
        ]
    );
}

#[test]
fn holidays_2026_match_the_official_list() {
    assert_eq!(
        list(2026),
        vec![
            (1, 1),
            (1, 12),
            (2, 11),
            (2, 23),
            (3, 20),
            (4, 29),
            (5, 3),
            (5, 4),
            (5, 5),
            (5, 6),
            (7, 20),
            (8, 11),
            (9, 21),
            (9, 22),
            (9, 23),
            (10, 12),
            (11, 3),
            (11, 23),
        ]
    );
}

#[test]
fn holidays_2027_match_the_official_list() {
    assert_eq!(
        list(2027),
        vec![
            (1, 1),
            (1, 11),
            (2, 11),
            (2, 23),
            (3, 21),
            (3, 22),
            (4, 29),
            (5, 3),
            (5, 4),
            (5, 5),
            (7, 19),
            (8, 11),
            (9, 20),
            (9, 23),
            (10, 11),
            (11, 3),
            (11, 23),
        ]
    );
}

/// An instant given in Japan time.
fn jst_at(y: i64, m: u32, d: u32, h: i64, min: i64) -> Timestamp {
    Timestamp(days_from_civil(y, m, d) * DAY + h * HOUR + min * MINUTE - JST_OFFSET)
}

#[test]
fn desk_open_and_closed_edges_on_a_weekday() {
    // Thursday 2026-11-19.
    assert_eq!(
        desk(jst_at(2026, 11, 19, 8, 59)),
        Desk::ClosedUntil(jst_at(2026, 11, 19, 9, 0))
    );
    assert_eq!(
        desk(jst_at(2026, 11, 19, 9, 0)),
        Desk::OpenUntil(jst_at(2026, 11, 19, 12, 0))
    );
    assert_eq!(
        desk(jst_at(2026, 11, 19, 11, 59)),
        Desk::OpenUntil(jst_at(2026, 11, 19, 12, 0))
    );
    assert_eq!(
        desk(jst_at(2026, 11, 19, 12, 0)),
        Desk::ClosedUntil(jst_at(2026, 11, 19, 13, 0))
    );
    assert_eq!(
        desk(jst_at(2026, 11, 19, 13, 0)),
        Desk::OpenUntil(jst_at(2026, 11, 19, 17, 0))
    );
    assert_eq!(
        desk(jst_at(2026, 11, 19, 16, 59)),
        Desk::OpenUntil(jst_at(2026, 11, 19, 17, 0))
    );
    assert_eq!(
        desk(jst_at(2026, 11, 19, 17, 0)),
        Desk::ClosedUntil(jst_at(2026, 11, 20, 9, 0))
    );
}

#[test]
fn desk_skips_weekends_holidays_foundation_day_and_new_year() {
    // Friday 17:00 -> Monday 9:00.
    assert_eq!(
        desk(jst_at(2026, 11, 20, 17, 0)),
        Desk::ClosedUntil(jst_at(2026, 11, 24, 9, 0)),
        "Monday 23 Nov is Labour Thanksgiving Day"
    );
    // Foundation day 17 June 2026 (Wednesday).
    assert_eq!(
        desk(jst_at(2026, 6, 17, 10, 0)),
        Desk::ClosedUntil(jst_at(2026, 6, 18, 9, 0))
    );
    // 29 Dec 2026 (Tuesday) 17:00 -> 4 Jan 2027 (Monday) 9:00.
    assert_eq!(
        desk(jst_at(2026, 12, 29, 17, 0)),
        Desk::ClosedUntil(jst_at(2027, 1, 4, 9, 0))
    );
    // Silver week 2026: 19-23 Sep closed (weekend + 3 holidays) -> Thursday 24th.
    assert_eq!(
        desk(jst_at(2026, 9, 18, 18, 0)),
        Desk::ClosedUntil(jst_at(2026, 9, 24, 9, 0))
    );
    // A UTC instant that is already the next day in Japan.
    assert_eq!(
        desk(Timestamp(jst_at(2026, 11, 19, 9, 30).0)),
        Desk::OpenUntil(jst_at(2026, 11, 19, 12, 0))
    );
}

#[test]
fn weekdays_are_right() {
    assert_eq!(weekday(days_from_civil(2026, 11, 21)), 6, "Saturday");
    assert_eq!(weekday(days_from_civil(1970, 1, 1)), 4, "Thursday");
}
