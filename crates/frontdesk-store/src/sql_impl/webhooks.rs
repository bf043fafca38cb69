//! `WebhookStore` for both backends (same SQL; see the parent module for why a macro).

/// Columns of an endpoint row, in the order `EndpointRow` reads them.
pub(crate) const ENDPOINT_COLUMNS: &str = "id, account_id, url, description, events, secret, \
     enabled, disabled_reason, disabled_at, created_at, updated_at";
/// Columns of a delivery row.
pub(crate) const DELIVERY_COLUMNS: &str = "id, account_id, endpoint_id, event_id, event_type, \
     payload, status, attempts, next_attempt_at, last_status_code, last_error, created_at, \
     updated_at, delivered_at";

macro_rules! impl_webhook_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::WebhookStore for $store {
            async fn create_webhook_endpoint(
                &self,
                account: frontdesk_core::ids::AccountId,
                new: &$crate::NewWebhookEndpoint,
                now_ms: i64,
            ) -> Result<$crate::WebhookEndpoint, $crate::StoreError> {
                let sql = format!(
                    "INSERT INTO webhook_endpoints (account_id, url, description, events, secret, \
                     enabled, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, TRUE, $6, $6) \
                     RETURNING {}",
                    $crate::sql_impl::webhooks::ENDPOINT_COLUMNS
                );
                let row: $crate::sql_impl::webhook_rows::EndpointRow = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(&new.url)
                    .bind(&new.description)
                    .bind($crate::sql_impl::webhook_rows::events_text(&new.events))
                    .bind(&new.sealed_secret)
                    .bind(now_ms)
                    .fetch_one(&self.writes)
                    .await?;
                row.try_into()
            }

            async fn list_webhook_endpoints(
                &self,
                account: frontdesk_core::ids::AccountId,
            ) -> Result<Vec<$crate::WebhookEndpoint>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM webhook_endpoints WHERE account_id = $1 ORDER BY id",
                    $crate::sql_impl::webhooks::ENDPOINT_COLUMNS
                );
                let rows: Vec<$crate::sql_impl::webhook_rows::EndpointRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn webhook_endpoint(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: i64,
            ) -> Result<Option<$crate::WebhookEndpoint>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM webhook_endpoints WHERE account_id = $1 AND id = $2",
                    $crate::sql_impl::webhooks::ENDPOINT_COLUMNS
                );
                let row: Option<$crate::sql_impl::webhook_rows::EndpointRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn update_webhook_endpoint(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: i64,
                patch: &$crate::WebhookEndpointPatch,
                now_ms: i64,
            ) -> Result<$crate::WebhookEndpoint, $crate::StoreError> {
                let sql = format!(
                    "UPDATE webhook_endpoints SET url = COALESCE($1, url), \
                     description = COALESCE($2, description), events = COALESCE($3, events), \
                     secret = COALESCE($4, secret), updated_at = $5 \
                     WHERE account_id = $6 AND id = $7 RETURNING {}",
                    $crate::sql_impl::webhooks::ENDPOINT_COLUMNS
                );
                let row: Option<$crate::sql_impl::webhook_rows::EndpointRow> = sqlx::query_as(&sql)
                    .bind(patch.url.as_deref())
                    .bind(patch.description.as_deref())
                    .bind(patch.events.as_ref().map($crate::sql_impl::webhook_rows::events_text))
                    .bind(patch.sealed_secret.as_deref())
                    .bind(now_ms)
                    .bind(account.0)
                    .bind(id)
                    .fetch_optional(&self.writes)
                    .await?;
                row.ok_or($crate::StoreError::NotFound)?.try_into()
            }

            async fn set_webhook_endpoint_enabled(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: i64,
                enabled: bool,
                reason: Option<&str>,
                now_ms: i64,
            ) -> Result<$crate::WebhookEndpoint, $crate::StoreError> {
                let sql = format!(
                    "UPDATE webhook_endpoints SET enabled = $1, \
                     disabled_reason = CASE WHEN $1 THEN NULL ELSE $2 END, \
                     disabled_at = CASE WHEN $1 THEN NULL ELSE $3 END, updated_at = $3 \
                     WHERE account_id = $4 AND id = $5 RETURNING {}",
                    $crate::sql_impl::webhooks::ENDPOINT_COLUMNS
                );
                let row: Option<$crate::sql_impl::webhook_rows::EndpointRow> = sqlx::query_as(&sql)
                    .bind(enabled)
                    .bind(reason)
                    .bind(now_ms)
                    .bind(account.0)
                    .bind(id)
                    .fetch_optional(&self.writes)
                    .await?;
                let endpoint: $crate::WebhookEndpoint =
                    row.ok_or($crate::StoreError::NotFound)?.try_into()?;
                if enabled {
                    sqlx::query(
                        "UPDATE webhook_deliveries SET next_attempt_at = $1 \
                         WHERE account_id = $2 AND endpoint_id = $3 AND status = 'pending' \
                         AND next_attempt_at > $1",
                    )
                    .bind(now_ms)
                    .bind(account.0)
                    .bind(id)
                    .execute(&self.writes)
                    .await?;
                }
                Ok(endpoint)
            }

            async fn delete_webhook_endpoint(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: i64,
            ) -> Result<(), $crate::StoreError> {
                let done =
                    sqlx::query("DELETE FROM webhook_endpoints WHERE account_id = $1 AND id = $2")
                        .bind(account.0)
                        .bind(id)
                        .execute(&self.writes)
                        .await?;
                $crate::sql_impl::one_row(done.rows_affected())
            }

            async fn has_enabled_webhook_endpoints(
                &self,
                account: frontdesk_core::ids::AccountId,
            ) -> Result<bool, $crate::StoreError> {
                let (n,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM (SELECT 1 FROM webhook_endpoints \
                     WHERE account_id = $1 AND enabled LIMIT 1) AS any_endpoint",
                )
                .bind(account.0)
                .fetch_one(&self.pool)
                .await?;
                Ok(n > 0)
            }

            async fn enqueue_webhook_event(
                &self,
                account: frontdesk_core::ids::AccountId,
                event: &$crate::NewWebhookEvent,
                now_ms: i64,
            ) -> Result<u64, $crate::StoreError> {
                // One statement: every matching endpoint gets its row, or none does.
                let done = sqlx::query(
                    "INSERT INTO webhook_deliveries (account_id, endpoint_id, event_id, \
                     event_type, dedupe_key, payload, status, attempts, next_attempt_at, \
                     created_at, updated_at) \
                     SELECT $1, id, $2, $3, $4, $5, 'pending', 0, $6, $6, $6 \
                     FROM webhook_endpoints WHERE account_id = $1 AND enabled \
                     AND (events = '*' OR (' ' || events || ' ') LIKE $7) \
                     ON CONFLICT (endpoint_id, dedupe_key) DO NOTHING",
                )
                .bind(account.0)
                .bind(&event.event_id)
                .bind(event.event_type.as_str())
                .bind(&event.dedupe_key)
                .bind(&event.payload)
                .bind(now_ms)
                .bind(format!("% {} %", event.event_type.as_str()))
                .execute(&self.writes)
                .await?;
                Ok(done.rows_affected())
            }

            async fn enqueue_webhook_event_to(
                &self,
                account: frontdesk_core::ids::AccountId,
                endpoint_id: i64,
                event: &$crate::NewWebhookEvent,
                now_ms: i64,
            ) -> Result<$crate::WebhookDelivery, $crate::StoreError> {
                let sql = format!(
                    "INSERT INTO webhook_deliveries (account_id, endpoint_id, event_id, \
                     event_type, dedupe_key, payload, status, attempts, next_attempt_at, \
                     created_at, updated_at) \
                     SELECT $1, id, $2, $3, $4, $5, 'pending', 0, $6, $6, $6 \
                     FROM webhook_endpoints WHERE account_id = $1 AND id = $7 RETURNING {}",
                    $crate::sql_impl::webhooks::DELIVERY_COLUMNS
                );
                let row: Option<$crate::sql_impl::webhook_rows::DeliveryRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(&event.event_id)
                    .bind(event.event_type.as_str())
                    .bind(&event.dedupe_key)
                    .bind(&event.payload)
                    .bind(now_ms)
                    .bind(endpoint_id)
                    .fetch_optional(&self.writes)
                    .await
                    .map_err(|e| $crate::StoreError::unique(e, "event"))?;
                row.ok_or($crate::StoreError::NotFound)?.try_into()
            }

            async fn list_webhook_deliveries(
                &self,
                account: frontdesk_core::ids::AccountId,
                endpoint_id: i64,
                limit: i64,
            ) -> Result<Vec<$crate::WebhookDelivery>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM webhook_deliveries WHERE account_id = $1 \
                     AND endpoint_id = $2 ORDER BY id DESC LIMIT $3",
                    $crate::sql_impl::webhooks::DELIVERY_COLUMNS
                );
                let rows: Vec<$crate::sql_impl::webhook_rows::DeliveryRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(endpoint_id)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn webhook_delivery(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: i64,
            ) -> Result<Option<$crate::WebhookDelivery>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM webhook_deliveries WHERE account_id = $1 AND id = $2",
                    $crate::sql_impl::webhooks::DELIVERY_COLUMNS
                );
                let row: Option<$crate::sql_impl::webhook_rows::DeliveryRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn redeliver_webhook(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: i64,
                now_ms: i64,
            ) -> Result<$crate::WebhookDelivery, $crate::StoreError> {
                let sql = format!(
                    "UPDATE webhook_deliveries SET status = 'pending', attempts = 0, \
                     next_attempt_at = $1, locked_until = NULL, updated_at = $1 \
                     WHERE account_id = $2 AND id = $3 RETURNING {}",
                    $crate::sql_impl::webhooks::DELIVERY_COLUMNS
                );
                let row: Option<$crate::sql_impl::webhook_rows::DeliveryRow> = sqlx::query_as(&sql)
                    .bind(now_ms)
                    .bind(account.0)
                    .bind(id)
                    .fetch_optional(&self.writes)
                    .await?;
                row.ok_or($crate::StoreError::NotFound)?.try_into()
            }

            async fn claim_webhook_deliveries(
                &self,
                now_ms: i64,
                locked_until_ms: i64,
                limit: i64,
            ) -> Result<Vec<$crate::WebhookDelivery>, $crate::StoreError> {
                // The outer conditions repeat the inner ones: PostgreSQL re-checks them on a
                // row another node updated meanwhile, so a row is never taken twice.
                let sql = format!(
                    "UPDATE webhook_deliveries SET locked_until = $2 WHERE id IN (\
                     SELECT d.id FROM webhook_deliveries d \
                     JOIN webhook_endpoints e ON e.id = d.endpoint_id \
                     WHERE d.status = 'pending' AND d.next_attempt_at <= $1 \
                     AND (d.locked_until IS NULL OR d.locked_until <= $1) AND e.enabled \
                     ORDER BY d.next_attempt_at, d.id LIMIT $3{}) \
                     AND status = 'pending' AND (locked_until IS NULL OR locked_until <= $1) \
                     RETURNING {}",
                    Self::CLAIM_LOCK,
                    $crate::sql_impl::webhooks::DELIVERY_COLUMNS
                );
                let rows: Vec<$crate::sql_impl::webhook_rows::DeliveryRow> = sqlx::query_as(&sql)
                    .bind(now_ms)
                    .bind(locked_until_ms)
                    .bind(limit)
                    .fetch_all(&self.writes)
                    .await?;
                let mut claimed = rows
                    .into_iter()
                    .map(TryInto::try_into)
                    .collect::<Result<Vec<$crate::WebhookDelivery>, _>>()?;
                claimed.sort_by_key(|d| (d.next_attempt_at_ms, d.id));
                Ok(claimed)
            }

            async fn finish_webhook_attempt(
                &self,
                id: i64,
                result: &$crate::AttemptResult,
                now_ms: i64,
            ) -> Result<$crate::WebhookDelivery, $crate::StoreError> {
                let delivered = result.status == $crate::DeliveryStatus::Delivered;
                let sql = format!(
                    "UPDATE webhook_deliveries SET status = $1, attempts = attempts + 1, \
                     next_attempt_at = $2, locked_until = NULL, last_status_code = $3, \
                     last_error = $4, updated_at = $5, \
                     delivered_at = CASE WHEN $6 THEN $5 ELSE delivered_at END \
                     WHERE id = $7 RETURNING {}",
                    $crate::sql_impl::webhooks::DELIVERY_COLUMNS
                );
                let row: Option<$crate::sql_impl::webhook_rows::DeliveryRow> = sqlx::query_as(&sql)
                    .bind(result.status.as_str())
                    .bind(result.next_attempt_at_ms)
                    .bind(result.status_code)
                    .bind(result.error.as_deref())
                    .bind(now_ms)
                    .bind(delivered)
                    .bind(id)
                    .fetch_optional(&self.writes)
                    .await?;
                row.ok_or($crate::StoreError::NotFound)?.try_into()
            }
        }
    };
}

pub(crate) use impl_webhook_store;
