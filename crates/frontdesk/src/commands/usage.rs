//! `frontdesk usage --account ID`: the same numbers the dashboard shows.

use crate::output::Output;
use anyhow::Context;
use frontdesk_core::{clock::SystemClock, ids::AccountId};
use frontdesk_server::{metering, AppState, Config};
use std::sync::Arc;

/// Prints plan, limit, used, remaining, renewal date and the usage ledger of this period.
pub async fn run(config: Config, account: i64) -> anyhow::Result<()> {
    let out = Output::new()?;
    let store = super::open_store(&config).await?;
    let state = AppState::new(store.clone(), config, Arc::new(SystemClock))?;
    let account = store
        .account(AccountId(account))
        .await?
        .with_context(|| out.text("cli-unknown-account", &[("id", account.into())]))?;
    let (period, quota) = metering::quota(&state, &account).await?;
    let unlimited = out.text("cli-usage-unlimited", &[]);
    let number = |n: Option<i64>| n.map_or(unlimited.clone(), |n| n.to_string());
    out.say(
        "cli-usage-summary",
        &[
            ("plan", account.plan.clone().into()),
            ("from", period.first_day.to_string().into()),
            ("renews", period.renews_on.to_string().into()),
            ("used", quota.used.into()),
            ("limit", number(quota.limit).into()),
            ("remaining", number(quota.remaining()).into()),
        ],
    );
    for line in store.usage_ledger(account.id, period.start_ms).await? {
        let when = chrono::DateTime::from_timestamp_millis(line.counted_at)
            .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
            .unwrap_or_default();
        println!(
            "{when}\tconversation {}\tchatbot {}\t{}",
            line.conversation_id, line.chatbot_id, line.reason
        );
    }
    store.close().await;
    Ok(())
}
