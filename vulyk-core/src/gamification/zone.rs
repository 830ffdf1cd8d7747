//! The time zone in which achievements count calendar days and weekends.
//!
//! Stores know no time-zone database, so the zone reaches them as an *offset schedule*: the
//! UTC offsets in force from each transition on. A store adds the offset in force at a
//! session's end to its UTC time and divides by a day: that is the session's local day,
//! exactly, across daylight-saving changes.

use std::str::FromStr;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Offset, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

use crate::{Error, Result};

pub const DAY_MS: i64 = 86_400_000;

/// From `since` (Unix ms, UTC) on, local time is UTC + `offset_ms` (until the next one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub since: i64,
    pub offset_ms: i64,
}

/// A named IANA zone (`Europe/Kyiv`, `UTC`) with its offsets from 2000 to 2100.
#[derive(Debug, Clone)]
pub struct Zone {
    tz: Tz,
    schedule: Arc<[Transition]>,
}

impl Default for Zone {
    fn default() -> Self {
        Zone::new(Tz::UTC)
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.tz == other.tz
    }
}

impl FromStr for Zone {
    type Err = Error;

    fn from_str(name: &str) -> Result<Zone> {
        Tz::from_str(name.trim()).map(Zone::new).map_err(|_| {
            Error::invalid(format!(
                "time_zone: `{name}` is not an IANA time zone name (like UTC or Europe/Kyiv)"
            ))
        })
    }
}

impl Zone {
    fn new(tz: Tz) -> Zone {
        Zone {
            tz,
            schedule: schedule_of(tz).into(),
        }
    }

    pub fn name(&self) -> &str {
        self.tz.name()
    }

    /// The local calendar date of an instant.
    pub fn date(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.tz).date_naive()
    }

    /// The instant a local date begins (the first valid local time of that day).
    pub fn start_of(&self, date: NaiveDate) -> DateTime<Utc> {
        let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
        // A day may begin with a gap (a change at midnight); take the first hour that exists.
        (0..4)
            .find_map(|hour| {
                self.tz
                    .from_local_datetime(&(midnight + Duration::hours(hour)))
                    .earliest()
            })
            .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
    }

    pub fn is_weekend(&self, at: DateTime<Utc>) -> bool {
        matches!(self.date(at).weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The transitions that matter between two instants (Unix ms): the one in force at
    /// `from` and those after it up to `to`, newest first, as stores test them.
    pub fn offsets_between(&self, from: i64, to: i64) -> Vec<Transition> {
        let first = self
            .schedule
            .iter()
            .rposition(|t| t.since <= from)
            .unwrap_or(0);
        let mut slice: Vec<Transition> = self.schedule[first..]
            .iter()
            .copied()
            .take_while(|t| t.since <= to)
            .collect();
        if let Some(oldest) = slice.first_mut() {
            oldest.since = i64::MIN;
        }
        slice.reverse();
        slice
    }
}

/// The local day number (days since 1970-01-01 local) of a UTC time under an offset.
pub fn local_day(utc_ms: i64, offset_ms: i64) -> i64 {
    (utc_ms + offset_ms).div_euclid(DAY_MS)
}

/// Monday-based weekday of a day number: 0 Monday … 5 Saturday, 6 Sunday (1970-01-01 was a
/// Thursday).
pub fn weekday_of_day(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

/// The calendar week (Monday to Sunday) of a day number; a weekend's Saturday and Sunday
/// share it.
pub fn week_of_day(day: i64) -> i64 {
    (day + 3).div_euclid(7)
}

fn offset_ms(tz: Tz, at_ms: i64) -> i64 {
    let at = DateTime::from_timestamp_millis(at_ms).unwrap_or_default();
    i64::from(
        tz.offset_from_utc_datetime(&at.naive_utc())
            .fix()
            .local_minus_utc(),
    ) * 1000
}

/// Offsets from 2000 to 2100: one look-up a day, and a binary search for the exact second of
/// each change (computed once per zone, a few milliseconds).
fn schedule_of(tz: Tz) -> Vec<Transition> {
    const START: i64 = 946_684_800_000; // 2000-01-01
    const END: i64 = 4_102_444_800_000; // 2100-01-01
    let mut schedule = vec![Transition {
        since: i64::MIN,
        offset_ms: offset_ms(tz, START),
    }];
    let mut day = START;
    while day < END {
        let next = day + DAY_MS;
        let current = schedule.last().map_or(0, |t| t.offset_ms);
        let after = offset_ms(tz, next);
        if after != current {
            // The change lies in (day, next]: find its first second.
            let (mut low, mut high) = (day / 1000, next / 1000);
            while high - low > 1 {
                let mid = (low + high) / 2;
                if offset_ms(tz, mid * 1000) == current {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            schedule.push(Transition {
                since: high * 1000,
                offset_ms: after,
            });
        }
        day = next;
    }
    schedule
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// The offset the schedule gives for an instant.
    fn scheduled(zone: &Zone, at: DateTime<Utc>) -> i64 {
        let ms = at.timestamp_millis();
        zone.offsets_between(ms, ms)
            .iter()
            .find(|t| t.since <= ms)
            .unwrap()
            .offset_ms
    }

    #[test]
    fn kyiv_changes_offset_at_the_exact_second() {
        let kyiv: Zone = "Europe/Kyiv".parse().unwrap();
        // 2026-03-29 01:00 UTC: clocks go from +02 to +03.
        assert_eq!(scheduled(&kyiv, utc("2026-03-29T00:59:59Z")), 2 * 3_600_000);
        assert_eq!(scheduled(&kyiv, utc("2026-03-29T01:00:00Z")), 3 * 3_600_000);
        assert_eq!(scheduled(&kyiv, utc("2026-10-25T00:59:59Z")), 3 * 3_600_000);
        assert_eq!(scheduled(&kyiv, utc("2026-10-25T01:00:00Z")), 2 * 3_600_000);
    }

    #[test]
    fn local_days_follow_the_zone() {
        let kyiv: Zone = "Europe/Kyiv".parse().unwrap();
        // 21:30 UTC on 30 June is 00:30 on 1 July in Kyiv (summer time, +03).
        let at = utc("2026-06-30T21:30:00Z");
        let day = local_day(at.timestamp_millis(), scheduled(&kyiv, at));
        assert_eq!(
            day,
            kyiv.date(at)
                .signed_duration_since(NaiveDate::default())
                .num_days()
        );
        assert_eq!(kyiv.date(at), NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
        assert_eq!(kyiv.start_of(kyiv.date(at)), utc("2026-06-30T21:00:00Z"));
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        let day = |y, m, d| {
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .signed_duration_since(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())
                .num_days()
        };
        // 2026-01-03 is a Saturday, 2026-01-04 a Sunday, 2026-01-05 a Monday.
        assert_eq!(weekday_of_day(day(2026, 1, 3)), 5);
        assert_eq!(weekday_of_day(day(2026, 1, 4)), 6);
        assert_eq!(week_of_day(day(2026, 1, 3)), week_of_day(day(2026, 1, 4)));
        assert_ne!(week_of_day(day(2026, 1, 4)), week_of_day(day(2026, 1, 5)));
        // Across a year's end: Sat 2025-12-27 and Sun 2025-12-28 share a week.
        assert_eq!(
            week_of_day(day(2025, 12, 27)),
            week_of_day(day(2025, 12, 28))
        );
    }

    #[test]
    fn unknown_names_are_refused_with_the_setting_named() {
        let err = "Mars/Olympus".parse::<Zone>().unwrap_err().to_string();
        assert!(err.contains("time_zone"), "{err}");
        assert_eq!(Zone::default().offsets_between(0, i64::MAX).len(), 1);
    }
}
