//! Monthly billing periods (§7.2), anchored at the subscription's start day in the account's
//! time zone; the 31st becomes the last day of shorter months.

use chrono::{Datelike, Days, Months, NaiveDate, TimeZone};
use chrono_tz::Tz;
use serde::Serialize;

/// One billing period: `[start_ms, end_ms)` in UTC milliseconds, and its local first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub start_ms: i64,
    pub end_ms: i64,
    pub first_day: NaiveDate,
    /// The day the next period starts (the renewal date).
    pub renews_on: NaiveDate,
}

/// Why a period cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("the moment is before the subscription started")]
    BeforeStart,
    #[error("the date is out of range")]
    OutOfRange,
}

/// The anchor day in the month of `month` (clamped to the month's last day).
fn anchored(month: NaiveDate, anchor_day: u32) -> Option<NaiveDate> {
    let first = month.with_day(1)?;
    let last = first
        .checked_add_months(Months::new(1))?
        .checked_sub_days(Days::new(1))?;
    first.with_day(anchor_day.min(last.day()))
}

/// Local midnight of `day` as UTC milliseconds. Where midnight does not exist (a
/// daylight-saving jump at 00:00) the first moment after the gap is used.
fn midnight_ms(tz: Tz, day: NaiveDate) -> Option<i64> {
    let midnight = day.and_hms_opt(0, 0, 0)?;
    let local = tz.from_local_datetime(&midnight);
    local
        .earliest()
        .or_else(|| {
            (1..=3).find_map(|h| {
                tz.from_local_datetime(&(midnight + chrono::Duration::hours(h)))
                    .earliest()
            })
        })
        .map(|t| t.timestamp_millis())
}

/// The period containing `now_ms` for a subscription that started on `started_on` (local
/// date in `tz`).
pub fn period_at(started_on: NaiveDate, tz: Tz, now_ms: i64) -> Result<Period, PeriodError> {
    let now = chrono::DateTime::from_timestamp_millis(now_ms).ok_or(PeriodError::OutOfRange)?;
    let today = now.with_timezone(&tz).date_naive();
    if today < started_on {
        return Err(PeriodError::BeforeStart);
    }
    let anchor = started_on.day();
    let this_month = anchored(today, anchor).ok_or(PeriodError::OutOfRange)?;
    let first_day = if today >= this_month {
        this_month
    } else {
        let previous = today
            .checked_sub_months(Months::new(1))
            .ok_or(PeriodError::OutOfRange)?;
        anchored(previous, anchor).ok_or(PeriodError::OutOfRange)?
    };
    let first_day = first_day.max(started_on);
    let next_month = first_day
        .checked_add_months(Months::new(1))
        .ok_or(PeriodError::OutOfRange)?;
    let renews_on = anchored(next_month, anchor).ok_or(PeriodError::OutOfRange)?;
    Ok(Period {
        start_ms: midnight_ms(tz, first_day).ok_or(PeriodError::OutOfRange)?,
        end_ms: midnight_ms(tz, renews_on).ok_or(PeriodError::OutOfRange)?,
        first_day,
        renews_on,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(tz: Tz, y: i32, m: u32, d: u32, h: u32) -> i64 {
        tz.with_ymd_and_hms(y, m, d, h, 0, 0)
            .earliest()
            .unwrap()
            .timestamp_millis()
    }

    #[test]
    fn periods_follow_the_anchor_day_with_month_end_clamping() {
        let tz = chrono_tz::Europe::Prague;
        let cases = [
            // (subscription start, now, expected first day, expected renewal)
            (
                date(2026, 1, 31),
                (2026, 2, 15),
                date(2026, 1, 31),
                date(2026, 2, 28),
            ),
            (
                date(2026, 1, 31),
                (2026, 2, 28),
                date(2026, 2, 28),
                date(2026, 3, 31),
            ),
            (
                date(2026, 1, 31),
                (2026, 3, 30),
                date(2026, 2, 28),
                date(2026, 3, 31),
            ),
            (
                date(2026, 1, 31),
                (2026, 4, 30),
                date(2026, 4, 30),
                date(2026, 5, 31),
            ),
            (
                date(2027, 12, 31),
                (2028, 2, 29),
                date(2028, 2, 29),
                date(2028, 3, 31),
            ),
            (
                date(2027, 12, 29),
                (2028, 2, 29),
                date(2028, 2, 29),
                date(2028, 3, 29),
            ),
            (
                date(2026, 3, 15),
                (2026, 3, 15),
                date(2026, 3, 15),
                date(2026, 4, 15),
            ),
            (
                date(2026, 3, 15),
                (2026, 12, 20),
                date(2026, 12, 15),
                date(2027, 1, 15),
            ),
        ];
        for (start, (y, m, d), first, renews) in cases {
            let p = period_at(start, tz, at(tz, y, m, d, 12)).unwrap();
            assert_eq!(
                (p.first_day, p.renews_on),
                (first, renews),
                "{start} at {y}-{m}-{d}"
            );
            assert!(p.start_ms < p.end_ms);
        }
    }

    #[test]
    fn periods_start_at_local_midnight_even_across_daylight_saving() {
        let tz = chrono_tz::Europe::Prague;
        // The period from 2026-03-10 to 2026-04-10 contains the spring change (29 March).
        let p = period_at(date(2026, 1, 10), tz, at(tz, 2026, 3, 30, 12)).unwrap();
        assert_eq!(p.start_ms, at(tz, 2026, 3, 10, 0));
        assert_eq!(p.end_ms, at(tz, 2026, 4, 10, 0));
        assert_eq!(
            p.end_ms - p.start_ms,
            (31 * 24 - 1) * 3_600_000,
            "one hour shorter"
        );
        // One second before local midnight still belongs to the old period.
        let p2 = period_at(date(2026, 1, 10), tz, at(tz, 2026, 4, 10, 0) - 1_000).unwrap();
        assert_eq!(p2.first_day, date(2026, 3, 10));
        // In São Paulo's old rules midnight could be skipped: periods still resolve.
        let sp = chrono_tz::America::Sao_Paulo;
        assert!(period_at(date(2018, 10, 21), sp, at(sp, 2018, 10, 21, 12)).is_ok());
    }

    #[test]
    fn a_moment_before_the_subscription_is_refused() {
        let tz = chrono_tz::UTC;
        assert_eq!(
            period_at(date(2026, 5, 1), tz, at(tz, 2026, 4, 30, 12)),
            Err(PeriodError::BeforeStart)
        );
    }
}
