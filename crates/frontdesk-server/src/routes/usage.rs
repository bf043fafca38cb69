//! The usage page (§7): plan, add-ons, used and remaining with the renewal date, a daily
//! chart, a forecast, the counted conversations and the billing ledger. Owners and admins.

use crate::{
    error::AppError,
    metering,
    state::AppState,
    web::{check_csrf, render, CurrentAgent, Lang},
};
use axum::{
    extract::{Query, State},
    response::{Html, Redirect},
    Form,
};
use axum_extra::extract::WithRejection;
use chrono::{Days, NaiveDate, TimeZone};
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};

/// Height of the chart's plot area, in SVG units.
const CHART_H: i64 = 120;
/// Width of one day's bar slot.
const BAR_W: i64 = 18;

#[derive(Serialize)]
struct Bar {
    day: String,
    count: i64,
    x: i64,
    y: i64,
    h: i64,
}

#[derive(Deserialize, Default)]
pub struct Notice {
    #[serde(default)]
    notice: String,
}

fn require_manager(current: &CurrentAgent) -> Result<(), AppError> {
    if current.agent.role.manages_account() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// One bar per day of the period, scaled to the busiest day.
fn bars(
    first: NaiveDate,
    renews: NaiveDate,
    per_day: &std::collections::BTreeMap<NaiveDate, i64>,
) -> Vec<Bar> {
    let top = per_day.values().copied().max().unwrap_or(0).max(1);
    let mut out = Vec::new();
    let mut day = first;
    let mut i = 0;
    while day < renews {
        let count = per_day.get(&day).copied().unwrap_or(0);
        let h = count * CHART_H / top;
        out.push(Bar {
            day: day.format("%d.%m.").to_string(),
            count,
            x: i * BAR_W,
            y: CHART_H - h,
            h,
        });
        day = day.checked_add_days(Days::new(1)).unwrap_or(renews);
        i += 1;
    }
    out
}

/// `GET /dashboard/usage`
pub async fn page(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    Query(notice): Query<Notice>,
) -> Result<Html<String>, AppError> {
    require_manager(&current)?;
    let account = &current.account;
    let tz = account.time_zone.tz();
    let (period, quota) = metering::quota(&state, account).await?;
    let plan = metering::plan_of(&state, account);
    let addons = state
        .store
        .addon_units(account.id, period.start_ms, state.now_ms())
        .await?;
    let subscription = state.store.addon_subscription(account.id).await?;
    let counted = state
        .store
        .usage_ledger(account.id, period.start_ms)
        .await?;
    let local_day = |ms: i64| tz.timestamp_millis_opt(ms).single().map(|t| t.date_naive());
    let mut per_day = std::collections::BTreeMap::new();
    for line in &counted {
        if let Some(day) = local_day(line.counted_at) {
            *per_day.entry(day).or_insert(0) += 1;
        }
    }
    // The forecast extrapolates the period's rate so far to the day the limit is reached.
    let elapsed_days = ((state.now_ms() - period.start_ms) as f64 / 86_400_000.0).max(1.0);
    let forecast = match quota.limit {
        Some(limit) if quota.used > 0 && quota.used < limit => {
            let rate = quota.used as f64 / elapsed_days;
            let days_left = ((limit - quota.used) as f64 / rate).ceil() as i64;
            let reach_ms = state.now_ms() + days_left * 86_400_000;
            local_day(reach_ms)
                .filter(|d| *d < period.renews_on)
                .map(|d| d.to_string())
        }
        _ => None,
    };
    let alerts = state
        .store
        .quota_alerts(account.id, period.start_ms)
        .await?;
    let ledger = state.store.billing_ledger(account.id).await?;
    let counted_view: Vec<Value> = counted
        .iter()
        .map(|c| {
            let when = tz
                .timestamp_millis_opt(c.counted_at)
                .single()
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            context! { conversation => c.conversation_id, chatbot => c.chatbot_id, reason => c.reason.clone(), when => when }
        })
        .collect();
    let bars = bars(period.first_day, period.renews_on, &per_day);
    let chart_w = bars.len() as i64 * BAR_W;
    render(
        &state,
        &locale,
        "usage.html",
        context! {
            nav => "usage",
            me => Value::from_serialize(&current.agent),
            account => Value::from_serialize(account),
            csrf => current.session.csrf_token.clone(),
            notice => (!notice.notice.is_empty()).then(|| format!("usage-notice-{}", notice.notice)),
            plan => Value::from_serialize(&plan),
            addons => addons,
            addon_renews => subscription.renews && subscription.units_per_period > 0,
            addon_next => subscription.units_per_period,
            used => quota.used,
            limit => quota.limit,
            remaining => quota.remaining(),
            first_day => period.first_day.to_string(),
            renews_on => period.renews_on.to_string(),
            forecast => forecast,
            alerts => alerts,
            bars => Value::from_serialize(&bars),
            chart_w => chart_w,
            chart_h => CHART_H,
            counted => counted_view,
            ledger => Value::from_serialize(&ledger),
        },
    )
}

#[derive(Deserialize)]
pub struct BuyForm {
    units: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /dashboard/usage/addons`: buys add-on units in steps of the plan's add-on size.
pub async fn buy(
    State(state): State<AppState>,
    current: CurrentAgent,
    WithRejection(Form(form), _): WithRejection<Form<BuyForm>, AppError>,
) -> Result<Redirect, AppError> {
    check_csrf(&current.session.csrf_token, &form.csrf)?;
    require_manager(&current)?;
    let plan = metering::plan_of(&state, &current.account);
    let units: i64 = form.units.trim().parse().unwrap_or(0);
    let (Some(included), Some(maximum)) = (plan.included, plan.maximum) else {
        return Ok(Redirect::to("/dashboard/usage?notice=not-needed"));
    };
    if plan.addon_step <= 0 || units <= 0 || units % plan.addon_step != 0 {
        return Ok(Redirect::to("/dashboard/usage?notice=bad-units"));
    }
    let (period, _) = metering::quota(&state, &current.account).await?;
    let cap = (maximum - included).max(0);
    let bought = state
        .store
        .buy_addon(
            current.account.id,
            period.start_ms,
            units,
            cap,
            state.now_ms(),
        )
        .await?;
    crate::webhooks::events::ledger_written(&state, current.account.id).await?;
    Ok(Redirect::to(if bought {
        "/dashboard/usage?notice=bought"
    } else {
        "/dashboard/usage?notice=over-maximum"
    }))
}

#[derive(Deserialize)]
pub struct RenewalForm {
    renews: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /dashboard/usage/renewal`: stops or restarts the add-ons' monthly renewal.
pub async fn renewal(
    State(state): State<AppState>,
    current: CurrentAgent,
    WithRejection(Form(form), _): WithRejection<Form<RenewalForm>, AppError>,
) -> Result<Redirect, AppError> {
    check_csrf(&current.session.csrf_token, &form.csrf)?;
    require_manager(&current)?;
    let (period, _) = metering::quota(&state, &current.account).await?;
    let renews = form.renews == "true";
    state
        .store
        .set_addon_renewal(current.account.id, period.start_ms, renews, state.now_ms())
        .await?;
    crate::webhooks::events::ledger_written(&state, current.account.id).await?;
    Ok(Redirect::to(if renews {
        "/dashboard/usage?notice=renewing"
    } else {
        "/dashboard/usage?notice=not-renewing"
    }))
}

#[derive(Deserialize)]
pub struct ReduceForm {
    units: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /dashboard/usage/reduce`: fewer add-on units from the next renewal on.
pub async fn reduce(
    State(state): State<AppState>,
    current: CurrentAgent,
    WithRejection(Form(form), _): WithRejection<Form<ReduceForm>, AppError>,
) -> Result<Redirect, AppError> {
    check_csrf(&current.session.csrf_token, &form.csrf)?;
    require_manager(&current)?;
    let plan = metering::plan_of(&state, &current.account);
    let units: i64 = form.units.trim().parse().unwrap_or(-1);
    if units < 0 || (plan.addon_step > 0 && units % plan.addon_step != 0) {
        return Ok(Redirect::to("/dashboard/usage?notice=bad-units"));
    }
    let (period, _) = metering::quota(&state, &current.account).await?;
    let reduced = state
        .store
        .reduce_addon(current.account.id, period.start_ms, units, state.now_ms())
        .await?;
    crate::webhooks::events::ledger_written(&state, current.account.id).await?;
    Ok(Redirect::to(if reduced {
        "/dashboard/usage?notice=reduced"
    } else {
        "/dashboard/usage?notice=bad-units"
    }))
}
