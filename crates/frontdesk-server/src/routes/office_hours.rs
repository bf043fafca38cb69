//! Editing the account's office hours (§5 "Scheduling"): each weekday's intervals, several
//! per day. Owners and admins only.

use super::overview::{show, HoursEdit, WEEK};
use crate::{
    error::AppError,
    state::AppState,
    web::{check_csrf, CurrentAgent, Lang},
};
use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Form,
};
use axum_extra::extract::WithRejection;
use frontdesk_core::office_hours::{parse_intervals, DayError, Interval, OfficeHours};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct HoursForm {
    #[serde(default)]
    mon: String,
    #[serde(default)]
    tue: String,
    #[serde(default)]
    wed: String,
    #[serde(default)]
    thu: String,
    #[serde(default)]
    fri: String,
    #[serde(default)]
    sat: String,
    #[serde(default)]
    sun: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /dashboard/office-hours`: a day that cannot be read is named with the reason, and
/// the form comes back as typed; nothing is saved until every day reads.
pub async fn save(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    headers: HeaderMap,
    WithRejection(Form(form), _): WithRejection<Form<HoursForm>, AppError>,
) -> Result<Response, AppError> {
    check_csrf(&current.session.csrf_token, &form.csrf)?;
    if !current.agent.role.manages_account() {
        return Err(AppError::Forbidden);
    }
    let fields = [
        form.mon, form.tue, form.wed, form.thu, form.fri, form.sat, form.sun,
    ];
    let mut days: [Vec<Interval>; 7] = Default::default();
    let mut errors = Vec::new();
    for (i, text) in fields.iter().enumerate() {
        match parse_intervals(text) {
            Ok(intervals) => days[i] = intervals,
            Err(err) => {
                let (key, interval) = match err {
                    DayError::NotARange(x) => ("office-hours-error-range", x),
                    DayError::NotATime(x) => ("office-hours-error-time", x),
                    DayError::Empty(x) => ("office-hours-error-backwards", x),
                    DayError::Overlap => ("office-hours-error-overlap", String::new()),
                };
                let day = state
                    .catalogs
                    .t(&locale, &format!("day-{}", WEEK[i].1), &[]);
                errors.push(state.catalogs.t(
                    &locale,
                    key,
                    &[("day", day.into()), ("interval", interval.into())],
                ));
            }
        }
    }
    if !errors.is_empty() {
        let edit = HoursEdit {
            fields: fields.to_vec(),
            errors,
        };
        let html = show(&state, &locale, &current, &headers, None, Some(edit)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
    }
    state
        .store
        .set_account_office_hours(current.account.id, &OfficeHours::from_days(days))
        .await?;
    Ok(Redirect::to("/dashboard?notice=office-hours-saved#office-hours").into_response())
}
