//! The account overview: the first page after login.

use crate::{
    error::AppError,
    state::AppState,
    web::{public_base, render, snippet, CurrentAgent, Lang},
};
use axum::{
    extract::{Query, State},
    http::HeaderMap,
    response::Html,
};
use chrono::Weekday;
use frontdesk_core::office_hours::OfficeHours;
use minijinja::{context, Value};

pub(super) const WEEK: [(Weekday, &str); 7] = [
    (Weekday::Mon, "mon"),
    (Weekday::Tue, "tue"),
    (Weekday::Wed, "wed"),
    (Weekday::Thu, "thu"),
    (Weekday::Fri, "fri"),
    (Weekday::Sat, "sat"),
    (Weekday::Sun, "sun"),
];

/// Office hours as rows of (day id, intervals text); closed days have no intervals.
pub(super) fn office_hour_rows(hours: &OfficeHours) -> Vec<Value> {
    WEEK.iter()
        .map(|(day, id)| {
            let intervals: Vec<String> = hours
                .on(*day)
                .iter()
                .map(|i| {
                    format!(
                        "{:02}:{:02}–{:02}:{:02}",
                        i.start / 60,
                        i.start % 60,
                        i.end / 60,
                        i.end % 60
                    )
                })
                .collect();
            context! { day => id, intervals => intervals }
        })
        .collect()
}

/// Each weekday's intervals as typed in the form, e.g. `09:00-12:00, 13:00-17:00`.
fn office_hour_fields(hours: &OfficeHours) -> Vec<String> {
    WEEK.iter()
        .map(|(day, _)| {
            let intervals: Vec<String> = hours.on(*day).iter().map(|i| i.text()).collect();
            intervals.join(", ")
        })
        .collect()
}

#[derive(serde::Deserialize, Default)]
pub struct OverviewQuery {
    #[serde(default)]
    notice: String,
}

/// The office hours form sent back refused: what was typed, and why.
#[derive(Default)]
pub(super) struct HoursEdit {
    pub fields: Vec<String>,
    pub errors: Vec<String>,
}

/// `GET /dashboard`
pub async fn page(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    headers: HeaderMap,
    Query(query): Query<OverviewQuery>,
) -> Result<Html<String>, AppError> {
    let notice = (query.notice == "office-hours-saved").then_some("office-hours-saved");
    show(&state, &locale, &current, &headers, notice, None).await
}

/// The overview, with the office hours form as typed when it comes back refused.
pub(super) async fn show(
    state: &AppState,
    locale: &crate::i18n::Locale,
    current: &CurrentAgent,
    headers: &HeaderMap,
    notice: Option<&str>,
    edit: Option<HoursEdit>,
) -> Result<Html<String>, AppError> {
    let edit = edit.unwrap_or_else(|| HoursEdit {
        fields: office_hour_fields(&current.account.office_hours),
        errors: Vec::new(),
    });
    let hour_fields: Vec<Value> = WEEK
        .iter()
        .zip(&edit.fields)
        .map(|((_, id), value)| context! { day => id, value => value })
        .collect();
    let agents = state.store.list_agents(current.account.id).await?;
    let (period, quota) = crate::metering::quota(state, &current.account).await?;
    let can_manage = current.agent.role.manages_account();
    // Whether the team's e-mails (offline messages, alerts) reach anyone is the managers' concern.
    let email = if can_manage {
        let counts = state.store.email_counts(current.account.id).await?;
        Some(context! {
            enabled => state.email.enabled(),
            waiting => counts.waiting,
            failed => counts.failed,
        })
    } else {
        None
    };
    render(
        state,
        locale,
        "overview.html",
        context! {
            nav => "overview",
            me => Value::from_serialize(&current.agent),
            account => Value::from_serialize(&current.account),
            office_hours => office_hour_rows(&current.account.office_hours),
            hour_fields => hour_fields,
            hour_errors => edit.errors,
            notice => notice,
            agents => Value::from_serialize(&agents),
            can_manage => can_manage,
            email => email,
            usage => context! {
                used => quota.used,
                limit => quota.limit,
                remaining => quota.remaining(),
                renews => period.renews_on.to_string(),
            },
            csrf => current.session.csrf_token.clone(),
            snippet => snippet(&public_base(headers), &current.account.widget_key),
        },
    )
}
