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

#[cfg(test)]
mod tests {
    use super::*;

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
