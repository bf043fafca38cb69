//! Metering chatbot conversations against the account's plan (§7): the current period, its
//! quota, and the atomic count the bot calls at the visitor's first interaction.

use crate::state::AppState;
use chrono::NaiveDate;
use frontdesk_core::{
    account::Account,
    metering::{period_at, CountReason, CountResult, Period, Plan, Quota},
    webhook::EventType,
};
use frontdesk_store::{CountRequest, StoreError};

/// The plan an account is on. A code missing from the catalog allows no chatbot
/// conversations, so a configuration mistake can never meter past what was sold.
pub fn plan_of(state: &AppState, account: &Account) -> Plan {
    state
        .config
        .plans
        .iter()
        .find(|p| p.code.eq_ignore_ascii_case(&account.plan))
        .cloned()
        .unwrap_or_else(|| {
            tracing::error!(plan = %account.plan, account = %account.id, "plan not in the catalog");
            Plan {
                code: account.plan.clone(),
                included: Some(0),
                maximum: Some(0),
                addon_step: 0,
                agent_seats: 1,
                features: Vec::new(),
            }
        })
}

/// The day the account's subscription started, in its time zone.
fn started_on(account: &Account) -> NaiveDate {
    chrono::DateTime::from_timestamp_millis(account.created_at_ms)
        .map(|t| t.with_timezone(&account.time_zone.tz()).date_naive())
        .unwrap_or_default()
}

/// The billing period now, and its quota.
pub async fn quota(state: &AppState, account: &Account) -> Result<(Period, Quota), StoreError> {
    let (period, limit) = period_and_limit(state, account).await?;
    let used = state.store.used(account.id, period.start_ms).await?;
    Ok((period, Quota { limit, used }))
}

/// The billing period now and its limit (`None`: unlimited), without reading what is used:
/// a count needs only the limit, and checks it against `used` itself, atomically.
async fn period_and_limit(
    state: &AppState,
    account: &Account,
) -> Result<(Period, Option<i64>), StoreError> {
    let now = state.now_ms();
    // A clock behind the account's creation (it jumped backwards) still meters the first
    // period rather than failing.
    let period = period_at(
        started_on(account),
        account.time_zone.tz(),
        now.max(account.created_at_ms),
    )
    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let addons = state
        .store
        .addon_units(account.id, period.start_ms, now)
        .await?;
    Ok((period, plan_of(state, account).limit(addons)))
}

/// A count of a chatbot conversation, ready for the store, with what its aftermath needs.
#[derive(Debug, Clone)]
pub struct PendingCount {
    pub request: CountRequest,
    period: Period,
    limit: Option<i64>,
}

/// Prepares the count of a conversation as a chatbot conversation: the store makes it
/// exactly once and never past the limit, alone or together with what the bot says
/// ([`frontdesk_store::MeteringStore::append_counted`]); then [`settle`] tells of it.
pub async fn prepare(
    state: &AppState,
    account: &Account,
    conversation_id: i64,
    chatbot_id: i64,
    reason: CountReason,
) -> Result<PendingCount, StoreError> {
    let (period, limit) = period_and_limit(state, account).await?;
    let request = CountRequest {
        account: account.id,
        conversation_id,
        chatbot_id,
        reason,
        period_start_ms: period.start_ms,
        limit,
        now_ms: state.now_ms(),
    };
    Ok(PendingCount {
        request,
        period,
        limit,
    })
}

/// What follows a count once it is stored: the webhook event and the quota alerts.
pub async fn settle(
    state: &AppState,
    account: &Account,
    count: &PendingCount,
    result: CountResult,
) -> Result<(), StoreError> {
    let conversation_id = count.request.conversation_id;
    match result {
        CountResult::Exhausted => {
            tracing::info!(account = %account.id, conversation_id, "quota exhausted: the bot hands over");
        }
        CountResult::Counted { used } => {
            let data = serde_json::json!({
                "conversation_id": conversation_id,
                "chatbot_id": count.request.chatbot_id,
                "reason": count.request.reason.as_str(),
                "used": used,
                "limit": count.limit,
                "period_start": count.period.start_ms,
            });
            let about = conversation_id.to_string();
            let event = EventType::ChatbotConversationCounted;
            crate::webhooks::events::emit(state, account.id, event, &about, data).await?;
            alert_if_due(state, account, &count.period, count.limit, used).await?
        }
        CountResult::AlreadyCounted => {}
    }
    Ok(())
}

/// Thresholds of the quota alerts, in percent (§7.2).
pub const ALERT_THRESHOLDS: [i64; 2] = [80, 100];

/// Alerts the owners once per period when use crosses 80 % and 100 % of the limit: an
/// e-mail through the outbox, a dashboard banner, and a row webhooks will read.
async fn alert_if_due(
    state: &AppState,
    account: &Account,
    period: &Period,
    limit: Option<i64>,
    used: i64,
) -> Result<(), StoreError> {
    let Some(limit) = limit.filter(|l| *l > 0) else {
        return Ok(());
    };
    for threshold in ALERT_THRESHOLDS {
        if used * 100 < threshold * limit {
            continue;
        }
        if state
            .store
            .record_quota_alert(account.id, period.start_ms, threshold, state.now_ms())
            .await?
        {
            let data = serde_json::json!({
                "threshold_percent": threshold,
                "used": used,
                "limit": limit,
                "period_start": period.start_ms,
            });
            let about = format!("{}:{threshold}", period.start_ms);
            let event = EventType::QuotaThreshold;
            crate::webhooks::events::emit(state, account.id, event, &about, data).await?;
            let body = format!("{used} / {limit}");
            let subject = format!("quota-alert-{threshold}");
            crate::chat::ops_email_team(state, account, "quota_alert", &subject, &body).await?;
        }
    }
    Ok(())
}

/// Moves an account to another plan of the catalog; the new limit applies at once and the
/// change is written to the billing ledger (§7.4). False if the catalog has no such plan.
pub async fn change_plan(
    state: &AppState,
    account: &Account,
    plan: &str,
) -> Result<bool, StoreError> {
    if !state.config.plans.iter().any(|p| p.code == plan) {
        return Ok(false);
    }
    if account.plan == plan {
        return Ok(true);
    }
    state.store.set_account_plan(account.id, plan).await?;
    let (period, _) = quota(state, account).await?;
    let detail = format!("{} -> {plan}", account.plan);
    state
        .store
        .add_ledger_entry(
            account.id,
            "plan_change",
            0,
            &detail,
            period.start_ms,
            state.now_ms(),
        )
        .await?;
    crate::webhooks::events::ledger_written(state, account.id).await?;
    Ok(true)
}
