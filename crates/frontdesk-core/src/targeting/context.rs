//! What a condition looks at: one page view, with the account-local time.

use chrono::NaiveDateTime;
use std::collections::BTreeMap;

/// A page view as the server knows it when choosing a chatbot.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageView {
    pub url: String,
    pub title: String,
    pub referrer: String,
    pub utm: BTreeMap<String, String>,
    pub visit_count: i64,
    pub returning: bool,
    pub language: String,
    /// Unknown without a trusted proxy header or a location database: tests on it fail.
    pub country: Option<String>,
    pub device: String,
    pub group: Option<String>,
    pub contact: BTreeMap<String, String>,
    pub variables: BTreeMap<String, String>,
    pub agents_online: bool,
    pub office_hours: bool,
    /// The wall-clock time in the account's time zone.
    pub local: NaiveDateTime,
}

/// The wall-clock time of `utc_ms` in `tz`, daylight saving included.
pub fn local_time(tz: chrono_tz::Tz, utc_ms: i64) -> NaiveDateTime {
    chrono::DateTime::from_timestamp_millis(utc_ms)
        .map(|t| t.with_timezone(&tz).naive_local())
        .unwrap_or_default()
}
