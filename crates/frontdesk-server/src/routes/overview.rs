//! The account overview: the first page after login.

use crate::{
    error::AppError,
    state::AppState,
    web::{public_base, render, snippet, CurrentAgent, Lang},
};
use axum::{extract::State, http::HeaderMap, response::Html};
use chrono::Weekday;
use frontdesk_core::office_hours::OfficeHours;
use minijinja::{context, Value};

const WEEK: [(Weekday, &str); 7] = [
    (Weekday::Mon, "mon"),
    (Weekday::Tue, "tue"),
    (Weekday::Wed, "wed"),
    (Weekday::Thu, "thu"),
    (Weekday::Fri, "fri"),
    (Weekday::Sat, "sat"),
    (Weekday::Sun, "sun"),
];

/// Office hours as rows of (day id, intervals text); closed days have no intervals.
fn office_hour_rows(hours: &OfficeHours) -> Vec<Value> {
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

/// `GET /dashboard`
pub async fn page(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    headers: HeaderMap,
) -> Result<Html<String>, AppError> {
    let agents = state.store.list_agents(current.account.id).await?;
    let (period, quota) = crate::metering::quota(&state, &current.account).await?;
    render(
        &state,
        &locale,
        "overview.html",
        context! {
            nav => "overview",
            me => Value::from_serialize(&current.agent),
            account => Value::from_serialize(&current.account),
            office_hours => office_hour_rows(&current.account.office_hours),
            agents => Value::from_serialize(&agents),
            can_manage => current.agent.role.manages_account(),
            usage => context! {
                used => quota.used,
                limit => quota.limit,
                remaining => quota.remaining(),
                renews => period.renews_on.to_string(),
            },
            csrf => current.session.csrf_token,
            snippet => snippet(&public_base(&headers), &current.account.widget_key),
        },
    )
}
