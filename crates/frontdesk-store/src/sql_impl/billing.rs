//! `BillingStore` for both backends.

/// Every billing ledger entry is written by this one statement.
pub(crate) const LEDGER_INSERT: &str = "INSERT INTO billing_ledger (account_id, kind, units, \
     detail, period_start, created_at) VALUES ($1, $2, $3, $4, $5, $6)";

macro_rules! impl_billing_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::BillingStore for $store {
            async fn addon_units(
                &self,
                account: frontdesk_core::ids::AccountId,
                period_start_ms: i64,
                now_ms: i64,
            ) -> Result<i64, $crate::StoreError> {
                let current: Option<i64> = sqlx::query_scalar(
                    "SELECT units FROM addon_periods WHERE account_id = $1 AND period_start = $2",
                )
                .bind(account.0)
                .bind(period_start_ms)
                .fetch_optional(&self.pool)
                .await?;
                if let Some(units) = current {
                    return Ok(units);
                }
                let sub = $crate::BillingStore::addon_subscription(self, account).await?;
                if !sub.renews || sub.units_per_period <= 0 {
                    return Ok(0);
                }
                let mut tx = self.writes.begin().await?;
                let renewed: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO addon_periods (account_id, period_start, units) \
                     VALUES ($1, $2, $3) ON CONFLICT (account_id, period_start) DO NOTHING \
                     RETURNING units",
                )
                .bind(account.0)
                .bind(period_start_ms)
                .bind(sub.units_per_period)
                .fetch_optional(&mut *tx)
                .await?;
                if renewed.is_some() {
                    sqlx::query(crate::sql_impl::billing::LEDGER_INSERT)
                    .bind(account.0)
                    .bind("renewal")
                    .bind(sub.units_per_period)
                    .bind("")
                    .bind(period_start_ms)
                    .bind(now_ms)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                let units: i64 = sqlx::query_scalar(
                    "SELECT units FROM addon_periods WHERE account_id = $1 AND period_start = $2",
                )
                .bind(account.0)
                .bind(period_start_ms)
                .fetch_one(&self.pool)
                .await?;
                Ok(units)
            }

            async fn addon_subscription(
                &self,
                account: frontdesk_core::ids::AccountId,
            ) -> Result<$crate::AddonSubscription, $crate::StoreError> {
                let row: Option<(i64, bool)> = sqlx::query_as(
                    "SELECT units_per_period, renews FROM addon_subscriptions WHERE account_id = $1",
                )
                .bind(account.0)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row
                    .map(|(units_per_period, renews)| $crate::AddonSubscription { units_per_period, renews })
                    .unwrap_or_default())
            }

            async fn buy_addon(
                &self,
                account: frontdesk_core::ids::AccountId,
                period_start_ms: i64,
                units: i64,
                cap: i64,
                now_ms: i64,
            ) -> Result<bool, $crate::StoreError> {
                // The period's row first (renewing it if due), so the cap counts what it holds.
                let before = $crate::BillingStore::addon_units(self, account, period_start_ms, now_ms).await?;
                if units <= 0 || before + units > cap {
                    return Ok(false);
                }
                let mut tx = self.writes.begin().await?;
                let raised: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO addon_periods (account_id, period_start, units) VALUES ($1, $2, $3) \
                     ON CONFLICT (account_id, period_start) DO UPDATE \
                     SET units = addon_periods.units + excluded.units \
                     WHERE addon_periods.units + excluded.units <= $4 RETURNING units",
                )
                .bind(account.0)
                .bind(period_start_ms)
                .bind(units)
                .bind(cap)
                .fetch_optional(&mut *tx)
                .await?;
                if raised.is_none() {
                    tx.rollback().await?;
                    return Ok(false);
                }
                sqlx::query(
                    "INSERT INTO addon_subscriptions (account_id, units_per_period, renews) \
                     VALUES ($1, $2, TRUE) ON CONFLICT (account_id) DO UPDATE \
                     SET units_per_period = addon_subscriptions.units_per_period + excluded.units_per_period, \
                     renews = TRUE",
                )
                .bind(account.0)
                .bind(units)
                .execute(&mut *tx)
                .await?;
                sqlx::query(crate::sql_impl::billing::LEDGER_INSERT)
                .bind(account.0)
                .bind("purchase")
                .bind(units)
                .bind("")
                .bind(period_start_ms)
                .bind(now_ms)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn set_addon_renewal(
                &self,
                account: frontdesk_core::ids::AccountId,
                period_start_ms: i64,
                renews: bool,
                now_ms: i64,
            ) -> Result<bool, $crate::StoreError> {
                let mut tx = self.writes.begin().await?;
                let changed = sqlx::query(
                    "UPDATE addon_subscriptions SET renews = $2 \
                     WHERE account_id = $1 AND renews <> $2 AND units_per_period > 0",
                )
                .bind(account.0)
                .bind(renews)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    > 0;
                if changed {
                    let units: i64 = sqlx::query_scalar(
                        "SELECT units_per_period FROM addon_subscriptions WHERE account_id = $1",
                    )
                    .bind(account.0)
                    .fetch_one(&mut *tx)
                    .await?;
                    sqlx::query(crate::sql_impl::billing::LEDGER_INSERT)
                    .bind(account.0)
                    .bind(if renews { "enabled" } else { "disabled" })
                    .bind(units)
                    .bind("")
                    .bind(period_start_ms)
                    .bind(now_ms)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(changed)
            }

            async fn reduce_addon(
                &self,
                account: frontdesk_core::ids::AccountId,
                period_start_ms: i64,
                units_per_period: i64,
                now_ms: i64,
            ) -> Result<bool, $crate::StoreError> {
                let mut tx = self.writes.begin().await?;
                let changed = sqlx::query(
                    "UPDATE addon_subscriptions SET units_per_period = $2 \
                     WHERE account_id = $1 AND units_per_period > $2 AND $2 >= 0",
                )
                .bind(account.0)
                .bind(units_per_period)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    > 0;
                if changed {
                    sqlx::query(crate::sql_impl::billing::LEDGER_INSERT)
                    .bind(account.0)
                    .bind("reduced")
                    .bind(units_per_period)
                    .bind("")
                    .bind(period_start_ms)
                    .bind(now_ms)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(changed)
            }

            async fn add_ledger_entry(
                &self,
                account: frontdesk_core::ids::AccountId,
                kind: &str,
                units: i64,
                detail: &str,
                period_start_ms: i64,
                now_ms: i64,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(crate::sql_impl::billing::LEDGER_INSERT)
                .bind(account.0)
                .bind(kind)
                .bind(units)
                .bind(detail)
                .bind(period_start_ms)
                .bind(now_ms)
                .execute(&self.writes)
                .await?;
                Ok(())
            }

            async fn billing_ledger(
                &self,
                account: frontdesk_core::ids::AccountId,
            ) -> Result<Vec<$crate::LedgerEntry>, $crate::StoreError> {
                Ok(sqlx::query_as(
                    "SELECT id, kind, units, detail, period_start, created_at FROM billing_ledger \
                     WHERE account_id = $1 ORDER BY id",
                )
                .bind(account.0)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn record_quota_alert(
                &self,
                account: frontdesk_core::ids::AccountId,
                period_start_ms: i64,
                threshold: i64,
                now_ms: i64,
            ) -> Result<bool, $crate::StoreError> {
                let inserted: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO quota_alerts (account_id, period_start, threshold, created_at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING threshold",
                )
                .bind(account.0)
                .bind(period_start_ms)
                .bind(threshold)
                .bind(now_ms)
                .fetch_optional(&self.writes)
                .await?;
                Ok(inserted.is_some())
            }

            async fn quota_alerts(
                &self,
                account: frontdesk_core::ids::AccountId,
                period_start_ms: i64,
            ) -> Result<Vec<i64>, $crate::StoreError> {
                Ok(sqlx::query_scalar(
                    "SELECT threshold FROM quota_alerts WHERE account_id = $1 AND period_start = $2 \
                     ORDER BY threshold",
                )
                .bind(account.0)
                .bind(period_start_ms)
                .fetch_all(&self.pool)
                .await?)
            }
        }
    };
}

pub(crate) use impl_billing_store;
