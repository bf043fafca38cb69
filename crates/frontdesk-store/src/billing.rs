//! Add-on packages, the billing ledger and quota alerts.

use crate::StoreError;
use async_trait::async_trait;
use frontdesk_core::ids::AccountId;

/// An entry of the billing ledger (§7.3): what an operator invoices from.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct LedgerEntry {
    pub id: i64,
    pub kind: String,
    pub units: i64,
    pub detail: String,
    pub period_start: i64,
    pub created_at: i64,
}

/// The add-on subscription: units bought per period and whether they renew.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AddonSubscription {
    pub units_per_period: i64,
    pub renews: bool,
}

/// Billing storage.
#[async_trait]
pub trait BillingStore: Send + Sync {
    /// The add-on units active in a period. The first look into a new period renews the
    /// subscription (when it renews) with one ledger entry, however many nodes look at once.
    async fn addon_units(
        &self,
        account: AccountId,
        period_start_ms: i64,
        now_ms: i64,
    ) -> Result<i64, StoreError>;
    /// The add-on subscription as it will renew.
    async fn addon_subscription(&self, account: AccountId)
        -> Result<AddonSubscription, StoreError>;
    /// Buys `units` more: the current period's limit rises at once and the units renew.
    /// Refused (`Ok(false)`) when the period would pass `cap` add-on units.
    async fn buy_addon(
        &self,
        account: AccountId,
        period_start_ms: i64,
        units: i64,
        cap: i64,
        now_ms: i64,
    ) -> Result<bool, StoreError>;
    /// Stops (or restarts) the renewal; the current period keeps its units. Returns whether
    /// anything changed, so disabling twice is one ledger entry.
    async fn set_addon_renewal(
        &self,
        account: AccountId,
        period_start_ms: i64,
        renews: bool,
        now_ms: i64,
    ) -> Result<bool, StoreError>;
    /// Lowers the units that renew; the current period keeps what it has (§7.3). Returns
    /// whether anything changed.
    async fn reduce_addon(
        &self,
        account: AccountId,
        period_start_ms: i64,
        units_per_period: i64,
        now_ms: i64,
    ) -> Result<bool, StoreError>;
    /// Adds a ledger entry (e.g. a plan change).
    async fn add_ledger_entry(
        &self,
        account: AccountId,
        kind: &str,
        units: i64,
        detail: &str,
        period_start_ms: i64,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// The account's billing ledger, oldest first.
    async fn billing_ledger(&self, account: AccountId) -> Result<Vec<LedgerEntry>, StoreError>;
    /// Records that a period crossed `threshold` percent; true only the first time.
    async fn record_quota_alert(
        &self,
        account: AccountId,
        period_start_ms: i64,
        threshold: i64,
        now_ms: i64,
    ) -> Result<bool, StoreError>;
    /// The thresholds a period has crossed.
    async fn quota_alerts(
        &self,
        account: AccountId,
        period_start_ms: i64,
    ) -> Result<Vec<i64>, StoreError>;
}
