//! Date ranges in the account's time zone and their days as UTC instants.

use chrono::{DateTime, Days, LocalResult, NaiveDate, TimeZone};
use chrono_tz::Tz;

/// The longest range the statistics answer, in days: a year, leap or not.
pub const MAX_RANGE_DAYS: i64 = 366;

/// Why a range was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    /// A date did not parse as `YYYY-MM-DD`.
    #[error("{0:?} is not a date (YYYY-MM-DD)")]
    BadDate(String),
    /// `from` is after `to`.
    #[error("the range starts ({from}) after it ends ({to})")]
    Reversed { from: NaiveDate, to: NaiveDate },
    /// More days than [`MAX_RANGE_DAYS`].
    #[error("a range may span at most {max} days; this one spans {days}")]
    TooLong { days: i64, max: i64 },
}

/// A range of whole local days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DateRange {
    /// A checked range: not reversed, at most [`MAX_RANGE_DAYS`] long.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Self, RangeError> {
        if from > to {
            return Err(RangeError::Reversed { from, to });
        }
        let days = (to - from).num_days() + 1;
        if days > MAX_RANGE_DAYS {
            return Err(RangeError::TooLong {
                days,
                max: MAX_RANGE_DAYS,
            });
        }
        Ok(Self { from, to })
    }

    /// Parses `YYYY-MM-DD` ends.
    pub fn parse(from: &str, to: &str) -> Result<Self, RangeError> {
        let date = |raw: &str| {
            NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
                .map_err(|_| RangeError::BadDate(raw.to_owned()))
        };
        Self::new(date(from)?, date(to)?)
    }

    /// The `days` days ending on `to` (for "the last 30 days").
    pub fn ending(to: NaiveDate, days: u64) -> Self {
        let from = to
            .checked_sub_days(Days::new(days.saturating_sub(1)))
            .unwrap_or(to);
        Self { from, to }
    }

    /// How many days the range spans.
    pub fn len(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// Never true: a range has at least one day.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The UTC instants `[start, end)` the range covers in `tz`.
    pub fn bounds(&self, tz: Tz) -> (i64, i64) {
        let start = day_bounds(tz, self.from).0;
        let end = day_bounds(tz, self.to).1;
        (start, end)
    }
}

/// The first instant of `date` in `tz`, in UTC milliseconds. A midnight that does not exist
/// (a daylight-saving jump at midnight) starts the day at the first local time that does.
fn start_of(tz: Tz, date: NaiveDate) -> i64 {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    match tz.from_local_datetime(&midnight) {
        LocalResult::Single(t) => t.timestamp_millis(),
        LocalResult::Ambiguous(first, _) => first.timestamp_millis(),
        LocalResult::None => {
            // Walk forward in quarter hours until the local time exists (gaps are at most
            // a few hours).
            let mut probe = midnight;
            for _ in 0..16 {
                probe += chrono::Duration::minutes(15);
                if let Some(t) = tz.from_local_datetime(&probe).earliest() {
                    return t.timestamp_millis();
                }
            }
            midnight.and_utc().timestamp_millis()
        }
    }
}

/// The UTC instants `[start, end)` of one local day: 24 hours, or 23 or 25 across a
/// daylight-saving change.
pub fn day_bounds(tz: Tz, date: NaiveDate) -> (i64, i64) {
    let next = date.succ_opt().unwrap_or(date);
    (start_of(tz, date), start_of(tz, next))
}

/// The local day of a UTC instant in `tz`.
pub fn local_day(tz: Tz, at_ms: i64) -> NaiveDate {
    DateTime::from_timestamp_millis(at_ms)
        .map(|t| t.with_timezone(&tz).date_naive())
        .unwrap_or_default()
}

/// Every day of the range, in order.
pub fn days_in(range: &DateRange) -> Vec<NaiveDate> {
    range.from.iter_days().take(range.len() as usize).collect()
}
