//! Events summed per local day. The store keeps the same sums in a daily table, updated
//! when an event is appended, so a range of a year reads a few thousand sums instead of
//! every event; [`rollup`] is the reference it is tested against.

use super::{DateRange, StatKind, StatRow};
use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;
use serde::Serialize;

const DAY_MS: i64 = 86_400_000;

/// Events of one kind on one local day, summed per agent, chatbot, node and button.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DayCount {
    pub day: NaiveDate,
    pub kind: StatKind,
    pub agent_id: Option<i64>,
    pub chatbot_id: Option<i64>,
    pub language: Option<String>,
    pub node: Option<String>,
    pub button: Option<String>,
    /// For first replies: the conversation started while an agent was online.
    pub online: bool,
    pub count: i64,
    pub value_sum: i64,
    pub extra_sum: i64,
}

/// A value a median is taken over: an online first response or a time to close.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct MedianValue {
    pub kind: StatKind,
    pub agent_id: Option<i64>,
    pub value: i64,
}

/// A range's events, summed per day, with the values for medians.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Rollup {
    pub counts: Vec<DayCount>,
    pub values: Vec<MedianValue>,
}

impl Rollup {
    /// Sorted, so two rollups of the same events compare equal.
    pub fn sorted(mut self) -> Self {
        self.counts.sort();
        self.values.sort();
        self
    }
}

/// The UTC offset of `tz` at `at_ms`, in milliseconds.
fn offset_at(tz: Tz, at_ms: i64) -> i64 {
    let utc = chrono::DateTime::from_timestamp_millis(at_ms).unwrap_or_default();
    i64::from(
        tz.offset_from_utc_datetime(&utc.naive_utc())
            .fix()
            .local_minus_utc(),
    ) * 1000
}

/// The offsets of `tz` over `[start, end)`: `(from_ms, offset_ms)` pieces, the first from
/// `start`; a new piece begins at every daylight-saving or zone change (found to the
/// millisecond). A year has one to three pieces.
pub fn offset_segments(tz: Tz, start: i64, end: i64) -> Vec<(i64, i64)> {
    let mut pieces = vec![(start, offset_at(tz, start))];
    // Zones change their offset at most a few times a year, never twice within six hours.
    let step = 6 * 3_600_000;
    let mut at = start;
    while at < end {
        let next = (at + step).min(end);
        let current = pieces.last().map_or(0, |p| p.1);
        let then = offset_at(tz, next);
        if then != current {
            // The change is in (at, next]: narrow it down to the first millisecond.
            let (mut lo, mut hi) = (at, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset_at(tz, mid) == current {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            if hi < end {
                pieces.push((hi, then));
            }
        }
        at = next;
    }
    pieces
}

/// The local day number (days since 1970-01-01 in local time) of `at_ms` under `segments`.
pub fn day_number(segments: &[(i64, i64)], at_ms: i64) -> i64 {
    let offset = segments
        .iter()
        .take_while(|(from, _)| *from <= at_ms)
        .last()
        .or(segments.first())
        .map_or(0, |s| s.1);
    (at_ms + offset).div_euclid(DAY_MS)
}

/// The date of a local day number.
pub fn day_of(number: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_signed(chrono::Duration::days(number)))
        .unwrap_or_default()
}

/// The reference rollup of `rows` over `range` in `tz`, as the store's daily sums give it
/// for events recorded in `tz`.
pub fn rollup(rows: &[StatRow], tz: Tz, range: &DateRange) -> Rollup {
    let (start, end) = range.bounds(tz);
    let segments = offset_segments(tz, start, end);
    let mut sums: Vec<DayCount> = Vec::new();
    let mut values = Vec::new();
    for r in rows
        .iter()
        .filter(|r| (start..end).contains(&r.occurred_at_ms))
    {
        let online = r.kind == StatKind::FirstReply && r.extra == Some(1);
        let key = DayCount {
            day: day_of(day_number(&segments, r.occurred_at_ms)),
            kind: r.kind,
            agent_id: r.agent_id,
            chatbot_id: r.chatbot_id,
            language: r.language.clone(),
            node: r.node.clone(),
            button: r.button.clone(),
            online,
            count: 0,
            value_sum: 0,
            extra_sum: 0,
        };
        match sums.iter_mut().find(|s| {
            (
                s.day,
                s.kind,
                s.agent_id,
                s.chatbot_id,
                &s.language,
                &s.node,
                &s.button,
                s.online,
            ) == (
                key.day,
                key.kind,
                key.agent_id,
                key.chatbot_id,
                &key.language,
                &key.node,
                &key.button,
                key.online,
            )
        }) {
            Some(s) => {
                s.count += 1;
                s.value_sum += r.value.unwrap_or(0);
                s.extra_sum += r.extra.unwrap_or(0);
            }
            None => sums.push(DayCount {
                count: 1,
                value_sum: r.value.unwrap_or(0),
                extra_sum: r.extra.unwrap_or(0),
                ..key
            }),
        }
        if online || r.kind == StatKind::Closed {
            values.push(MedianValue {
                kind: r.kind,
                agent_id: r.agent_id,
                value: r.value.unwrap_or(0),
            });
        }
    }
    Rollup {
        counts: sums,
        values,
    }
    .sorted()
}
