//! Achievement rules (spec 8.1) and what each one counts, with the original's calendar
//! semantics fixed (docs/internals.md, "Gamification").

use chrono::{DateTime, Datelike, Duration, Utc};
use sha1::{Digest, Sha1};

use super::Zone;
use crate::{Error, Result};

pub const MAX_RULE_NAME_CHARS: usize = 255;

/// An achievement: reached when the counted quantity of the user's finished work reaches
/// [`Rule::limit`]. `bonus` points are paid once, when it is earned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub id: String,
    /// Only work of this task type counts; `None` for a rule of every type.
    pub task_type: Option<String>,
    /// An image URL or data URI.
    pub badge: String,
    pub name: String,
    pub description: String,
    pub bonus: u32,
    pub tasks_number: u32,
    pub days_number: u32,
    pub is_weekend: bool,
    pub is_adjacent: bool,
}

/// What a rule counts over the finished work sessions it selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tally {
    Sessions,
    /// Distinct local calendar days.
    Days,
    /// Distinct weekends (the Saturday and Sunday of one Monday-to-Sunday week).
    Weekends,
}

/// The question a rule asks of the store, for one user or for everyone.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub task_type: Option<String>,
    /// Only sessions that ended at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Only sessions that ended on a local Saturday or Sunday.
    pub weekend_only: bool,
    pub tally: Tally,
}

impl Rule {
    /// Checks the fields and the original's invariants; messages name the field.
    pub fn validate(&self) -> Result<()> {
        let required = [
            ("name", &self.name),
            ("badge", &self.badge),
            ("description", &self.description),
        ];
        for (field, value) in required {
            if value.trim().is_empty() {
                return Err(Error::invalid(format!("{field}: must not be empty")));
            }
        }
        if self.name.chars().count() > MAX_RULE_NAME_CHARS {
            return Err(Error::invalid(format!(
                "name: longer than {MAX_RULE_NAME_CHARS} characters"
            )));
        }
        if self.id.is_empty()
            || self.id.len() > 64
            || !self
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(Error::invalid(format!(
                "id: `{}` must be 1–64 letters, digits, `_` or `-`",
                self.id
            )));
        }
        if self
            .task_type
            .as_deref()
            .is_some_and(|t| t.trim().is_empty())
        {
            return Err(Error::invalid(
                "task_type_name: must not be empty when given",
            ));
        }
        if self.is_adjacent && self.tasks_number > 0 {
            return Err(Error::invalid(
                "is_adjacent: counting number of tasks closed in adjacent days/weekends is not supported",
            ));
        }
        if self.is_adjacent && self.days_number == 0 {
            return Err(Error::invalid(
                "days_number: an adjacent rule needs at least one day (or weekend)",
            ));
        }
        if self.tasks_number == 0 && self.days_number == 0 {
            return Err(Error::invalid(
                "tasks_number, days_number: there must be at least one numeric bound",
            ));
        }
        Ok(())
    }

    /// The number the counted quantity must reach.
    pub fn limit(&self) -> u64 {
        u64::from(if self.tasks_number > 0 {
            self.tasks_number
        } else {
            self.days_number
        })
    }

    /// A stable id from the name and task type (the original used Python's salted `hash`).
    pub fn derive_id(name: &str, task_type: Option<&str>) -> String {
        let mut hasher = Sha1::new();
        hasher.update(task_type.unwrap_or("").as_bytes());
        hasher.update([0]);
        hasher.update(name.as_bytes());
        hasher.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// What this rule counts at `now` in `zone`:
    ///
    /// - `tasks_number` alone: finished sessions, ever; with `days_number = m`, those that ended
    ///   within the last m local days (today and the m − 1 before it); with `is_weekend`, only
    ///   those that ended on a Saturday or Sunday.
    /// - `days_number` alone: distinct days with finished work, ever; `is_adjacent`: within the
    ///   last m days, so reaching m means every one of them, ending today.
    /// - `is_weekend` with `days_number`: distinct weekends; `is_adjacent`: within the last m
    ///   weekends ending with the latest one (this one on a Saturday or Sunday).
    pub fn progress(&self, now: DateTime<Utc>, zone: &Zone) -> Progress {
        let today = zone.date(now);
        let days_back = i64::from(self.days_number.saturating_sub(1));
        let (tally, since) = match (self.tasks_number > 0, self.is_weekend) {
            (true, _) => {
                let since = (self.days_number > 0)
                    .then(|| zone.start_of(today - Duration::days(days_back)));
                (Tally::Sessions, since)
            }
            (false, false) => {
                let since = self
                    .is_adjacent
                    .then(|| zone.start_of(today - Duration::days(days_back)));
                (Tally::Days, since)
            }
            (false, true) => {
                let since = self.is_adjacent.then(|| {
                    let monday =
                        today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
                    let latest_weekend_week = if zone.is_weekend(now) {
                        monday
                    } else {
                        monday - Duration::weeks(1)
                    };
                    zone.start_of(latest_weekend_week - Duration::weeks(days_back))
                });
                (Tally::Weekends, since)
            }
        };
        Progress {
            task_type: self.task_type.clone(),
            since,
            weekend_only: self.is_weekend,
            tally,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn rule(tasks: u32, days: u32, weekend: bool, adjacent: bool) -> Rule {
        Rule {
            id: "r1".into(),
            task_type: None,
            badge: "b.png".into(),
            name: "Rule".into(),
            description: "d".into(),
            bonus: 0,
            tasks_number: tasks,
            days_number: days,
            is_weekend: weekend,
            is_adjacent: adjacent,
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn invariants_of_the_original() {
        let err = |r: Rule| r.validate().unwrap_err().to_string();
        assert!(err(rule(5, 3, false, true)).contains("not supported"));
        assert!(err(rule(0, 0, false, true)).contains("days_number"));
        assert!(err(rule(0, 0, false, false)).contains("at least one numeric bound"));
        assert!(rule(20, 7, false, false).validate().is_ok());
        let mut long = rule(1, 0, false, false);
        long.name = "x".repeat(256);
        assert!(err(long).contains("name"));
        let mut bad_id = rule(1, 0, false, false);
        bad_id.id = "a b".into();
        assert!(err(bad_id).contains("id"));
    }

    #[test]
    fn limit_is_tasks_else_days() {
        assert_eq!(rule(20, 7, false, false).limit(), 20);
        assert_eq!(rule(0, 21, false, false).limit(), 21);
    }

    #[test]
    fn ids_are_stable_and_tell_projects_apart() {
        assert_eq!(Rule::derive_id("Rule", None), Rule::derive_id("Rule", None));
        assert_eq!(Rule::derive_id("Rule", None).len(), 16);
        assert_ne!(
            Rule::derive_id("Rule", None),
            Rule::derive_id("Rule", Some("x"))
        );
    }

    #[test]
    fn windows_are_local_days_ending_today() {
        let now = utc("2026-01-01T10:00:00Z"); // a Thursday
        let utc_zone = Zone::default();
        let p = rule(5, 3, false, false).progress(now, &utc_zone);
        assert_eq!(
            (p.tally, p.since),
            (Tally::Sessions, Some(utc("2025-12-30T00:00:00Z")))
        );
        let p = rule(0, 3, false, true).progress(now, &utc_zone);
        assert_eq!(
            (p.tally, p.since),
            (Tally::Days, Some(utc("2025-12-30T00:00:00Z")))
        );
        let p = rule(0, 3, false, false).progress(now, &utc_zone);
        assert_eq!((p.tally, p.since), (Tally::Days, None));
        // In Kyiv (+02 in winter) the day began at 22:00 UTC the day before.
        let kyiv: Zone = "Europe/Kyiv".parse().unwrap();
        let p = rule(0, 1, false, true).progress(now, &kyiv);
        assert_eq!(p.since, Some(utc("2025-12-31T22:00:00Z")));
    }

    #[test]
    fn adjacent_weekends_end_with_the_latest_one() {
        let utc_zone = Zone::default();
        // Sunday 2026-01-04: this weekend and the one before.
        let p = rule(0, 2, true, true).progress(utc("2026-01-04T12:00:00Z"), &utc_zone);
        assert_eq!(
            (p.tally, p.since),
            (Tally::Weekends, Some(utc("2025-12-22T00:00:00Z")))
        );
        assert!(p.weekend_only);
        // Wednesday 2026-01-07: the latest weekend is the one just gone.
        let p = rule(0, 2, true, true).progress(utc("2026-01-07T12:00:00Z"), &utc_zone);
        assert_eq!(p.since, Some(utc("2025-12-22T00:00:00Z")));
        let p = rule(0, 2, true, false).progress(utc("2026-01-07T12:00:00Z"), &utc_zone);
        assert_eq!((p.tally, p.since), (Tally::Weekends, None));
    }
}
