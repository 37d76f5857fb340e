//! Civil dates and Japan time (UTC+9, no daylight saving).
use super::ctx::{Timestamp, DAY, HOUR, MINUTE};
use crate::i18n::Lang;

pub const JST_OFFSET: i64 = 9 * HOUR;

/// (year, month 1..=12, day 1..=31) of a count of days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    // Howard Hinnant's algorithm.
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days since 1970-01-01 of a civil date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Broken-down Japan time of an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JstTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

pub fn jst(ts: Timestamp) -> JstTime {
    let local = ts.0 + JST_OFFSET;
    let days = local.div_euclid(DAY);
    let rem = local.rem_euclid(DAY);
    let (year, month, day) = civil_from_days(days);
    JstTime {
        year,
        month,
        day,
        hour: (rem / HOUR) as u32,
        minute: ((rem % HOUR) / MINUTE) as u32,
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A month's short name (1-12): "11月" / "Nov".
pub fn month_short(month: u32, lang: Lang) -> String {
    let m = month.clamp(1, 12);
    match lang {
        Lang::Ja => format!("{m}月"),
        Lang::En => MONTHS_EN[(m - 1) as usize].to_string(),
    }
}

/// A year on its own: "2026年" / "2026".
pub fn year_name(year: i64, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{year}年"),
        Lang::En => year.to_string(),
    }
}

/// A month of a year: "2026年11月" / "Nov 2026".
pub fn month_of_year(year: i64, month: u32, lang: Lang) -> String {
    let (y, m) = (year_name(year, lang), month_short(month, lang));
    match lang {
        Lang::Ja => format!("{y}{m}"),
        Lang::En => format!("{m} {y}"),
    }
}

/// "2026年11月21日 19:37 (日本時間)" / "21 Nov 2026, 19:37 JST".
pub fn format_jst(ts: Timestamp, lang: Lang) -> String {
    let t = jst(ts);
    match lang {
        Lang::Ja => format!(
            "{}年{}月{}日 {:02}:{:02} (日本時間)",
            t.year, t.month, t.day, t.hour, t.minute
        ),
        Lang::En => format!(
            "{} {} {}, {:02}:{:02} JST",
            t.day,
            MONTHS_EN[(t.month - 1) as usize],
            t.year,
            t.hour,
            t.minute
        ),
    }
}

/// A date and time at `offset` milliseconds east of UTC (the browser's zone at that
/// instant): in Japanese as `Intl.DateTimeFormat` writes ja-JP's numeric fields
/// ("2026/12/1 9:05:00"); in English with the month's name ("1 Dec 2026, 09:05:00"),
/// which nobody reads the wrong way round, as "01/12/2026" is read as January 12 in
/// the US. Written here, not by an `Intl` object (the first one of a page costs
/// 0.5 ms or so).
pub fn format_local(ts: Timestamp, offset: i64, lang: Lang) -> String {
    let local = ts.0 + offset;
    let (y, mo, d) = civil_from_days(local.div_euclid(DAY));
    let rem = local.rem_euclid(DAY);
    let (h, mi, s) = (rem / HOUR, (rem % HOUR) / MINUTE, (rem % MINUTE) / 1000);
    match lang {
        Lang::Ja => format!("{y}/{mo}/{d} {h}:{mi:02}:{s:02}"),
        Lang::En => format!(
            "{d} {} {y}, {h:02}:{mi:02}:{s:02}",
            MONTHS_EN[(mo - 1) as usize]
        ),
    }
}

/// An instant in UTC as ISO 8601 ("2026-12-01T00:05:00Z"): for files read by programs.
pub fn format_utc(ts: Timestamp) -> String {
    let (y, mo, d) = civil_from_days(ts.0.div_euclid(DAY));
    let rem = ts.0.rem_euclid(DAY);
    let (h, mi, s) = (rem / HOUR, (rem % HOUR) / MINUTE, (rem % MINUTE) / 1000);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Day of the week of a day count since 1970-01-01 (0 = Sunday .. 6 = Saturday).
pub fn weekday(days: i64) -> u32 {
    (days + 4).rem_euclid(7) as u32
}

/// The day of the month of the `n`-th Monday (1-based) of a month.
fn nth_monday(y: i64, m: u32, n: u32) -> u32 {
    let first = days_from_civil(y, m, 1);
    let offset = (8 - weekday(first)) % 7; // days to the first Monday
    1 + offset + 7 * (n - 1)
}

/// The vernal / autumnal equinox day (valid 1980..=2099, the formula the
/// National Astronomical Observatory's announcements follow).
fn equinox(y: i64, autumn: bool) -> u32 {
    let base = if autumn { 23.2488 } else { 20.8431 };
    let d = base + 0.242194 * (y - 1980) as f64 - ((y - 1980) / 4) as f64;
    d.floor() as u32
}

/// The statutory national holidays of Japan in year `y` (the rules in force since
/// 2020), without substitute and citizens' holidays. (month, day)
fn fixed_holidays(y: i64) -> Vec<(u32, u32)> {
    vec![
        (1, 1),                     // New Year's Day
        (1, nth_monday(y, 1, 2)),   // Coming of Age Day
        (2, 11),                    // National Foundation Day
        (2, 23),                    // The Emperor's Birthday
        (3, equinox(y, false)),     // Vernal Equinox Day
        (4, 29),                    // Showa Day
        (5, 3),                     // Constitution Memorial Day
        (5, 4),                     // Greenery Day
        (5, 5),                     // Children's Day
        (7, nth_monday(y, 7, 3)),   // Marine Day
        (8, 11),                    // Mountain Day
        (9, nth_monday(y, 9, 3)),   // Respect for the Aged Day
        (9, equinox(y, true)),      // Autumnal Equinox Day
        (10, nth_monday(y, 10, 2)), // Sports Day
        (11, 3),                    // Culture Day
        (11, 23),                   // Labour Thanksgiving Day
    ]
}

/// Every national holiday of year `y`, as day counts, sorted: the statutory days, a
/// substitute holiday after each that falls on a Sunday (the next day that is not a
/// holiday), and a citizens' holiday on a day between two holidays.
pub fn national_holidays(y: i64) -> Vec<i64> {
    let mut days: Vec<i64> = fixed_holidays(y)
        .into_iter()
        .map(|(m, d)| days_from_civil(y, m, d))
        .collect();
    days.sort();
    days.dedup();
    let base = days.clone();
    for w in base.windows(2) {
        if w[1] - w[0] == 2 && weekday(w[0] + 1) != 0 {
            days.push(w[0] + 1);
        }
    }
    for d in base.iter().filter(|d| weekday(**d) == 0) {
        let mut s = d + 1;
        while days.contains(&s) {
            s += 1;
        }
        days.push(s);
    }
    days.sort();
    days.dedup();
    days
}

pub fn is_national_holiday(days: i64) -> bool {
    let (y, _, _) = civil_from_days(days);
    national_holidays(y).contains(&days)
}

/// Whether the contact desk is closed all day: weekends, national holidays, the
/// company's foundation day (17 June) and 30 December - 3 January.
pub fn desk_closed_day(days: i64) -> bool {
    let (_, m, d) = civil_from_days(days);
    let wd = weekday(days);
    wd == 0
        || wd == 6
        || is_national_holiday(days)
        || (m == 6 && d == 17)
        || (m == 12 && d >= 30)
        || (m == 1 && d <= 3)
}

/// Desk hours, Japan time, as minutes of the day: 9:00-12:00 and 13:00-17:00.
pub const DESK_HOURS: [(u32, u32); 2] = [(9 * 60, 12 * 60), (13 * 60, 17 * 60)];

/// Open now, or closed and when it opens next (an instant).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Desk {
    OpenUntil(Timestamp),
    ClosedUntil(Timestamp),
}

pub fn desk(now: Timestamp) -> Desk {
    let local = now.0 + JST_OFFSET;
    let today = local.div_euclid(DAY);
    let minute = (local.rem_euclid(DAY) / MINUTE) as u32;
    let at = |day: i64, min: u32| Timestamp(day * DAY + min as i64 * MINUTE - JST_OFFSET);
    if !desk_closed_day(today) {
        for (open, close) in DESK_HOURS {
            if minute >= open && minute < close {
                return Desk::OpenUntil(at(today, close));
            }
            if minute < open {
                return Desk::ClosedUntil(at(today, open));
            }
        }
    }
    let mut day = today + 1;
    while desk_closed_day(day) {
        day += 1;
    }
    Desk::ClosedUntil(at(day, DESK_HOURS[0].0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_named_in_each_language() {
        assert_eq!(month_short(1, Lang::En), "Jan");
        assert_eq!(month_short(12, Lang::Ja), "12月");
        assert_eq!(month_of_year(2026, 11, Lang::En), "Nov 2026");
        assert_eq!(month_of_year(2026, 11, Lang::Ja), "2026年11月");
        assert_eq!(year_name(2027, Lang::Ja), "2027年");
        assert_eq!(year_name(2027, Lang::En), "2027");
    }

    /// What Chromium's `Intl.DateTimeFormat` wrote for these instants in these zones
    /// (ja-JP, numeric fields; offsets as `getTimezoneOffset` gave them), and English
    /// with the month's name (en-GB's numeric fields, "21/09/2026", with the month named).
    #[test]
    fn local_times_are_written_as_each_language_reads_them() {
        let cases: [(i64, i64, &str, &str); 8] = [
            (0, 0, "1970/1/1 0:00:00", "1 Jan 1970, 00:00:00"),
            (
                1_790_000_000_000,
                0,
                "2026/9/21 14:13:20",
                "21 Sep 2026, 14:13:20",
            ),
            (
                1_790_000_000_000,
                540,
                "2026/9/21 23:13:20",
                "21 Sep 2026, 23:13:20",
            ),
            (
                1_785_542_399_000,
                540,
                "2026/8/1 8:59:59",
                "1 Aug 2026, 08:59:59",
            ),
            (0, -300, "1969/12/31 19:00:00", "31 Dec 1969, 19:00:00"),
            (
                1_767_571_389_000,
                -300,
                "2026/1/4 19:03:09",
                "4 Jan 2026, 19:03:09",
            ),
            (
                1_785_542_399_000,
                -240,
                "2026/7/31 19:59:59",
                "31 Jul 2026, 19:59:59",
            ),
            (
                946_641_600_000,
                330,
                "1999/12/31 17:30:00",
                "31 Dec 1999, 17:30:00",
            ),
        ];
        for (ts, east_minutes, ja, en) in cases {
            let offset = east_minutes * MINUTE;
            assert_eq!(format_local(Timestamp(ts), offset, Lang::Ja), ja);
            assert_eq!(format_local(Timestamp(ts), offset, Lang::En), en);
        }
    }

    #[test]
    fn utc_is_written_as_iso_8601() {
        let ts = days_from_civil(2026, 12, 1) * DAY + 5 * MINUTE + 7_999;
        assert_eq!(format_utc(Timestamp(ts)), "2026-12-01T00:05:07Z");
        assert_eq!(format_utc(Timestamp(-1)), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn civil_round_trip() {
        for z in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn japan_time_crosses_midnight() {
        // 2026-11-21 15:30 UTC = 2026-11-22 00:30 JST
        let ts = Timestamp(days_from_civil(2026, 11, 21) * DAY + 15 * HOUR + 30 * MINUTE);
        assert_eq!(
            jst(ts),
            JstTime {
                year: 2026,
                month: 11,
                day: 22,
                hour: 0,
                minute: 30
            }
        );
        assert_eq!(format_jst(ts, Lang::En), "22 Nov 2026, 00:30 JST");
        assert_eq!(format_jst(ts, Lang::Ja), "2026年11月22日 00:30 (日本時間)");
    }
}
