//! Metering chatbot conversations against the account's plan (§7): the current period, its
//! quota, and the atomic count the bot calls at the visitor's first interaction.

use crate::state::AppState;
use chrono::NaiveDate;
use frontdesk_core::{
    account::Account,
    metering::{period_at, CountReason, CountResult, Period, Plan, Quota},
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
    let now = state.now_ms();
    // A clock behind the account's creation (it jumped backwards) still meters the first
    // period rather than failing.
    let period = period_at(
        started_on(account),
        account.time_zone.tz(),
        now.max(account.created_at_ms),
    )
    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let used = state.store.used(account.id, period.start_ms).await?;
    let limit = plan_of(state, account).limit(0);
    Ok((period, Quota { limit, used }))
}

/// Counts a conversation as a chatbot conversation, exactly once and never past the limit.
pub async fn count(
    state: &AppState,
    account: &Account,
    conversation_id: i64,
    chatbot_id: i64,
    reason: CountReason,
) -> Result<CountResult, StoreError> {
    let (period, quota) = quota(state, account).await?;
    let request = CountRequest {
        account: account.id,
        conversation_id,
        chatbot_id,
        reason,
        period_start_ms: period.start_ms,
        limit: quota.limit,
        now_ms: state.now_ms(),
    };
    let result = state.store.count_chatbot_conversation(&request).await?;
    if let CountResult::Exhausted = result {
        tracing::info!(account = %account.id, conversation_id, "quota exhausted: the bot hands over");
    }
    Ok(result)
}
