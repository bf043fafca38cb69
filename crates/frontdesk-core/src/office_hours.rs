//! Office hours: per weekday, any number of local-time intervals.
//!
//! The text form is what people type and what is stored:
//! `mon-fri 09:00-17:00; sat 10:00-12:00,13:00-15:00`. Days not named are closed.

use crate::ValidationError;
use chrono::{Datelike, NaiveDateTime, Timelike, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;

const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A half-open interval of minutes after local midnight, `start < end <= 1440`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub start: u16,
    pub end: u16,
}

/// Weekly office hours in the account's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OfficeHours {
    /// Index 0 is Monday.
    days: [Vec<Interval>; 7],
}

impl Default for OfficeHours {
    /// Monday to Friday, nine to five.
    fn default() -> Self {
        let nine_to_five = vec![Interval {
            start: 9 * 60,
            end: 17 * 60,
        }];
        let mut days: [Vec<Interval>; 7] = Default::default();
        for day in days.iter_mut().take(5) {
            *day = nine_to_five.clone();
        }
        Self { days }
    }
}

fn invalid(msg: impl Into<String>) -> ValidationError {
    ValidationError::OfficeHours(msg.into())
}

fn parse_day(name: &str) -> Result<usize, ValidationError> {
    DAY_NAMES
        .iter()
        .position(|d| *d == name)
        .ok_or_else(|| invalid(format!("'{name}' is not a day (use mon … sun)")))
}

fn parse_time(raw: &str) -> Result<u16, ValidationError> {
    let bad = || invalid(format!("'{raw}' is not a time (use HH:MM)"));
    let (h, m) = raw.split_once(':').ok_or_else(bad)?;
    let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if m >= 60 || h > 24 || (h == 24 && m != 0) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

fn format_time(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Why the intervals of one day were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DayError {
    #[error("'{0}' is not a range")]
    NotARange(String),
    #[error("'{0}' is not a time (use HH:MM)")]
    NotATime(String),
    #[error("'{0}' is empty")]
    Empty(String),
    #[error("intervals of one day overlap")]
    Overlap,
}

/// One day's intervals as typed, e.g. `09:00-12:00, 13:00-17:00`; an empty text is a closed
/// day. The intervals come back sorted.
pub fn parse_intervals(text: &str) -> Result<Vec<Interval>, DayError> {
    let mut day = Vec::new();
    for interval in text.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let (start, end) = interval
            .split_once('-')
            .ok_or_else(|| DayError::NotARange(interval.to_owned()))?;
        let time = |raw: &str| {
            parse_time(raw.trim()).map_err(|_| DayError::NotATime(raw.trim().to_owned()))
        };
        let (start, end) = (time(start)?, time(end)?);
        if start >= end {
            return Err(DayError::Empty(interval.to_owned()));
        }
        day.push(Interval { start, end });
    }
    day.sort_by_key(|i| i.start);
    if day.windows(2).any(|w| w[0].end > w[1].start) {
        return Err(DayError::Overlap);
    }
    Ok(day)
}

impl Interval {
    /// The interval as typed, e.g. `09:00-12:00`.
    pub fn text(&self) -> String {
        format!("{}-{}", format_time(self.start), format_time(self.end))
    }
}

impl OfficeHours {
    /// Office hours from each weekday's intervals, Monday first (see [`parse_intervals`]).
    pub fn from_days(days: [Vec<Interval>; 7]) -> Self {
        Self { days }
    }

    /// Office hours that are never open.
    pub fn closed() -> Self {
        Self {
            days: Default::default(),
        }
    }

    /// Parses the text form; an empty string means always closed.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let mut hours = Self::closed();
        for rule in raw.split(';').map(str::trim).filter(|r| !r.is_empty()) {
            let (days, intervals) = rule
                .split_once(char::is_whitespace)
                .ok_or_else(|| invalid(format!("'{rule}' needs days and times")))?;
            let days = days.to_ascii_lowercase();
            let (first, last) = match days.split_once('-') {
                Some((a, b)) => (parse_day(a)?, parse_day(b)?),
                None => (parse_day(&days)?, parse_day(&days)?),
            };
            if first > last {
                return Err(invalid(format!("'{days}' runs backwards")));
            }
            if intervals.trim().is_empty() {
                return Err(invalid(format!("'{rule}' needs days and times")));
            }
            let intervals = parse_intervals(intervals).map_err(|e| invalid(e.to_string()))?;
            for day in &mut hours.days[first..=last] {
                day.extend(intervals.iter().copied());
            }
        }
        for day in &mut hours.days {
            day.sort_by_key(|i| i.start);
            if day.windows(2).any(|w| w[0].end > w[1].start) {
                return Err(invalid("intervals of one day overlap"));
            }
        }
        Ok(hours)
    }

    /// Whether `local` (a wall-clock time in the account's zone) falls within office hours.
    pub fn is_open_at(&self, local: NaiveDateTime) -> bool {
        let day = local.weekday().num_days_from_monday() as usize;
        let minute = (local.hour() * 60 + local.minute()) as u16;
        self.days[day]
            .iter()
            .any(|i| i.start <= minute && minute < i.end)
    }

    /// The intervals of one weekday.
    pub fn on(&self, day: Weekday) -> &[Interval] {
        &self.days[day.num_days_from_monday() as usize]
    }
}

impl fmt::Display for OfficeHours {
    /// Writes one rule per run of consecutive days with identical intervals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rules = Vec::new();
        let mut day = 0;
        while day < 7 {
            let mut last = day;
            while last + 1 < 7 && self.days[last + 1] == self.days[day] {
                last += 1;
            }
            if !self.days[day].is_empty() {
                let days = if last == day {
                    DAY_NAMES[day].to_owned()
                } else {
                    format!("{}-{}", DAY_NAMES[day], DAY_NAMES[last])
                };
                let times: Vec<String> = self.days[day].iter().map(Interval::text).collect();
                rules.push(format!("{days} {}", times.join(",")));
            }
            day = last + 1;
        }
        f.write_str(&rules.join("; "))
    }
}

impl TryFrom<String> for OfficeHours {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<OfficeHours> for String {
    fn from(value: OfficeHours) -> Self {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32, minute: u32) -> NaiveDateTime {
        // 2026-11-23 is a Monday.
        NaiveDate::from_ymd_opt(2026, 11, 23 + day)
            .unwrap()
            .and_hms_opt(hour, minute, 0)
            .unwrap()
    }

    #[test]
    fn default_is_weekdays_nine_to_five() {
        let hours = OfficeHours::default();
        assert_eq!(hours.to_string(), "mon-fri 09:00-17:00");
        assert!(hours.is_open_at(at(0, 9, 0)));
        assert!(!hours.is_open_at(at(0, 17, 0)));
        assert!(!hours.is_open_at(at(5, 12, 0)));
    }

    #[test]
    fn several_intervals_per_day_round_trip() {
        let text = "mon-fri 08:00-12:00,13:00-17:30; sat 10:00-14:00";
        let hours = OfficeHours::parse(text).unwrap();
        assert_eq!(hours.to_string(), text);
        assert!(!hours.is_open_at(at(2, 12, 30)), "lunch break is closed");
        assert!(hours.is_open_at(at(2, 17, 29)));
        assert!(hours.is_open_at(at(5, 10, 0)));
        assert!(!hours.is_open_at(at(6, 10, 0)));
    }

    #[test]
    fn bad_text_is_refused_with_a_reason() {
        let cases = [
            ("mon", "needs days and times"),
            ("mon 09:00", "not a range"),
            ("xyz 09:00-10:00", "not a day"),
            ("fri-mon 09:00-10:00", "runs backwards"),
            ("mon 10:00-09:00", "is empty"),
            ("mon 09:00-25:00", "not a time"),
            ("mon 09:00-12:00,11:00-13:00", "overlap"),
        ];
        for (text, reason) in cases {
            let err = OfficeHours::parse(text).unwrap_err().to_string();
            assert!(err.contains(reason), "{text}: {err}");
        }
    }

    #[test]
    fn one_day_is_read_with_a_reason_for_each_mistake() {
        let day = parse_intervals(" 13:00-17:00 , 09:00-12:00 ").unwrap();
        assert_eq!(
            day.iter().map(Interval::text).collect::<Vec<_>>(),
            ["09:00-12:00", "13:00-17:00"]
        );
        assert_eq!(parse_intervals("").unwrap(), vec![]);
        let cases = [
            ("9-5", DayError::NotATime("9".into())),
            ("09:00", DayError::NotARange("09:00".into())),
            ("17:00-09:00", DayError::Empty("17:00-09:00".into())),
            ("10:00-10:00", DayError::Empty("10:00-10:00".into())),
            ("09:00-12:00,11:00-13:00", DayError::Overlap),
        ];
        for (text, error) in cases {
            assert_eq!(parse_intervals(text), Err(error), "{text}");
        }
        let mut days: [Vec<Interval>; 7] = Default::default();
        days[5] = parse_intervals("10:00-14:00").unwrap();
        assert_eq!(OfficeHours::from_days(days).to_string(), "sat 10:00-14:00");
    }

    #[test]
    fn empty_text_means_closed() {
        assert_eq!(OfficeHours::parse("").unwrap(), OfficeHours::closed());
        assert_eq!(OfficeHours::closed().to_string(), "");
    }
}
