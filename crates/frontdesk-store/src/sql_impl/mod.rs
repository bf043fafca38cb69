//! The queries both backends share. SQLite and PostgreSQL accept the same SQL for all of
//! them (`$n` parameters, `RETURNING`), so one body is expanded for each pool type instead of
//! keeping two copies in step by hand. Dialect-specific work lives in the backend modules.

/// Columns of an agent row, in the order `AgentRow` reads them.
pub(crate) const AGENT_COLUMNS: &str =
    "id, account_id, email, name, role, state, presence, created_at";
/// Columns of an account row.
pub(crate) const ACCOUNT_COLUMNS: &str = "id, name, widget_key, allowed_domains, time_zone, \
     default_language, office_hours, plan, created_at";
/// Columns of a session row.
pub(crate) const SESSION_COLUMNS: &str =
    "token_hash, account_id, agent_id, csrf_token, created_at, expires_at";
/// Columns of an outbox e-mail row, in the order `OutboxEmail` reads them.
pub(crate) const EMAIL_COLUMNS: &str = "id, account_id, kind, recipient, subject, body, \
     created_at, sent_at, attempts, next_attempt_at, last_error, failed_at";

pub(crate) mod api_keys;
pub(crate) mod append_fast;
pub(crate) mod auto;
pub(crate) mod billing;
pub(crate) mod chat;
pub(crate) mod chatbots;
pub(crate) mod cluster;
pub(crate) mod contacts;
pub(crate) mod email_outbox;
pub(crate) mod idempotency;
pub(crate) mod inbox;
pub(crate) mod metering;
pub(crate) mod operator_keys;
pub(crate) mod parameters;
pub(crate) mod search;
pub(crate) mod stats;
pub(crate) mod webhook_rows;
pub(crate) mod webhooks;

/// Implements [`crate::Store`] for a struct with `pool`, `writes` and `commits` fields and the
/// backend constants (`BACKEND`, `BEGIN_WRITE`, `ROW_LOCK`, `WRITER_LANES`, `DURABLE_COMMIT`).
macro_rules! impl_store {
    ($store:ty, $db:ty) => {
        $crate::sql_impl::api_keys::impl_api_key_store!($store);
        $crate::sql_impl::auto::impl_auto_store!($store);
        $crate::sql_impl::billing::impl_billing_store!($store);
        $crate::sql_impl::chat::impl_chat_store!($store, $db);
        $crate::sql_impl::append_fast::impl_append_fast!($store, $db);
        $crate::sql_impl::chatbots::impl_chatbot_store!($store);
        $crate::sql_impl::cluster::impl_cluster_store!($store);
        $crate::sql_impl::contacts::impl_contact_store!($store);
        $crate::sql_impl::idempotency::impl_idempotency_store!($store);
        $crate::sql_impl::inbox::impl_inbox_store!($store);
        $crate::sql_impl::email_outbox::impl_email_outbox_store!($store);
        $crate::sql_impl::metering::impl_metering_store!($store, $db);
        $crate::sql_impl::operator_keys::impl_operator_key_store!($store);
        $crate::sql_impl::search::impl_search_store!($store);
        $crate::sql_impl::stats::impl_stats_store!($store);
        $crate::sql_impl::webhooks::impl_webhook_store!($store);

        #[async_trait::async_trait]
        impl $crate::Store for $store {
            fn backend(&self) -> $crate::Backend {
                Self::BACKEND
            }

            async fn ping(&self) -> Result<(), $crate::StoreError> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn close(&self) {
                self.pool.close().await;
                self.writes.close().await;
            }

            async fn create_account(
                &self,
                new: &frontdesk_core::account::NewAccount,
                now_ms: i64,
            ) -> Result<frontdesk_core::account::Account, $crate::StoreError> {
                let sql = format!(
                    "INSERT INTO accounts (name, widget_key, allowed_domains, time_zone, \
                     default_language, office_hours, plan, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {}",
                    $crate::sql_impl::ACCOUNT_COLUMNS
                );
                let widget_key = uuid::Uuid::new_v4().simple().to_string();
                let row: $crate::rows::AccountRow = sqlx::query_as(&sql)
                    .bind(new.name.as_str())
                    .bind(widget_key)
                    .bind($crate::rows::domains_json(&new.allowed_domains))
                    .bind(new.time_zone.as_str())
                    .bind(new.default_language.as_str())
                    .bind(new.office_hours.to_string())
                    .bind(&new.plan)
                    .bind(now_ms)
                    .fetch_one(&self.writes)
                    .await
                    .map_err(|e| $crate::StoreError::unique(e, "widget key"))?;
                row.try_into()
            }

            async fn list_accounts(
                &self,
            ) -> Result<Vec<frontdesk_core::account::Account>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM accounts ORDER BY id",
                    $crate::sql_impl::ACCOUNT_COLUMNS
                );
                let rows: Vec<$crate::rows::AccountRow> =
                    sqlx::query_as(&sql).fetch_all(&self.pool).await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn account(
                &self,
                id: frontdesk_core::ids::AccountId,
            ) -> Result<Option<frontdesk_core::account::Account>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM accounts WHERE id = $1",
                    $crate::sql_impl::ACCOUNT_COLUMNS
                );
                let row: Option<$crate::rows::AccountRow> = sqlx::query_as(&sql)
                    .bind(id.0)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn set_account_plan(
                &self,
                id: frontdesk_core::ids::AccountId,
                plan: &str,
            ) -> Result<(), $crate::StoreError> {
                let done = sqlx::query("UPDATE accounts SET plan = $1 WHERE id = $2")
                    .bind(plan)
                    .bind(id.0)
                    .execute(&self.writes)
                    .await?;
                $crate::sql_impl::one_row(done.rows_affected())
            }

            async fn set_account_office_hours(
                &self,
                id: frontdesk_core::ids::AccountId,
                hours: &frontdesk_core::office_hours::OfficeHours,
            ) -> Result<(), $crate::StoreError> {
                let done = sqlx::query("UPDATE accounts SET office_hours = $1 WHERE id = $2")
                    .bind(hours.to_string())
                    .bind(id.0)
                    .execute(&self.writes)
                    .await?;
                $crate::sql_impl::one_row(done.rows_affected())
            }

            async fn account_by_widget_key(
                &self,
                key: &str,
            ) -> Result<Option<frontdesk_core::account::Account>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM accounts WHERE widget_key = $1",
                    $crate::sql_impl::ACCOUNT_COLUMNS
                );
                let row: Option<$crate::rows::AccountRow> = sqlx::query_as(&sql)
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn create_agent(
                &self,
                account: frontdesk_core::ids::AccountId,
                new: &frontdesk_core::agent::NewAgent,
                now_ms: i64,
            ) -> Result<frontdesk_core::agent::Agent, $crate::StoreError> {
                let sql = format!(
                    "INSERT INTO agents (account_id, email, name, role, state, password_hash, \
                     created_at) VALUES ($1, $2, $3, $4, 'active', $5, $6) RETURNING {}",
                    $crate::sql_impl::AGENT_COLUMNS
                );
                let row: $crate::rows::AgentRow = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(new.email.as_str())
                    .bind(new.name.as_str())
                    .bind(new.role.as_str())
                    .bind(&new.password_hash)
                    .bind(now_ms)
                    .fetch_one(&self.writes)
                    .await
                    .map_err(|e| $crate::StoreError::unique(e, "e-mail"))?;
                row.try_into()
            }

            async fn list_agents(
                &self,
                account: frontdesk_core::ids::AccountId,
            ) -> Result<Vec<frontdesk_core::agent::Agent>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM agents WHERE account_id = $1 ORDER BY id",
                    $crate::sql_impl::AGENT_COLUMNS
                );
                let rows: Vec<$crate::rows::AgentRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn agent(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: frontdesk_core::ids::AgentId,
            ) -> Result<Option<frontdesk_core::agent::Agent>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM agents WHERE account_id = $1 AND id = $2",
                    $crate::sql_impl::AGENT_COLUMNS
                );
                let row: Option<$crate::rows::AgentRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(id.0)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn agent_by_email(
                &self,
                account: frontdesk_core::ids::AccountId,
                email: &frontdesk_core::agent::Email,
            ) -> Result<Option<frontdesk_core::agent::Agent>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM agents WHERE account_id = $1 AND email = $2",
                    $crate::sql_impl::AGENT_COLUMNS
                );
                let row: Option<$crate::rows::AgentRow> = sqlx::query_as(&sql)
                    .bind(account.0)
                    .bind(email.as_str())
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn login_candidate(
                &self,
                email: &frontdesk_core::agent::Email,
            ) -> Result<Option<(frontdesk_core::agent::Agent, String)>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {}, password_hash FROM agents WHERE email = $1",
                    $crate::sql_impl::AGENT_COLUMNS
                );
                let row: Option<$crate::rows::LoginRow> = sqlx::query_as(&sql)
                    .bind(email.as_str())
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn set_agent_password(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: frontdesk_core::ids::AgentId,
                password_hash: &str,
            ) -> Result<(), $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE agents SET password_hash = $1 WHERE account_id = $2 AND id = $3",
                )
                .bind(password_hash)
                .bind(account.0)
                .bind(id.0)
                .execute(&self.writes)
                .await?;
                $crate::sql_impl::one_row(done.rows_affected())
            }

            async fn set_agent_state(
                &self,
                account: frontdesk_core::ids::AccountId,
                id: frontdesk_core::ids::AgentId,
                state: frontdesk_core::agent::AgentState,
            ) -> Result<(), $crate::StoreError> {
                let done =
                    sqlx::query("UPDATE agents SET state = $1 WHERE account_id = $2 AND id = $3")
                        .bind(state.as_str())
                        .bind(account.0)
                        .bind(id.0)
                        .execute(&self.writes)
                        .await?;
                $crate::sql_impl::one_row(done.rows_affected())
            }

            async fn create_session(
                &self,
                session: &$crate::Session,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO sessions (token_hash, account_id, agent_id, csrf_token, \
                     created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&session.token_hash)
                .bind(session.account_id.0)
                .bind(session.agent_id.0)
                .bind(&session.csrf_token)
                .bind(session.created_at_ms)
                .bind(session.expires_at_ms)
                .execute(&self.writes)
                .await
                .map_err(|e| $crate::StoreError::unique(e, "session token"))?;
                Ok(())
            }

            async fn session(
                &self,
                token_hash: &str,
                now_ms: i64,
            ) -> Result<Option<$crate::Session>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {} FROM sessions WHERE token_hash = $1 AND expires_at > $2",
                    $crate::sql_impl::SESSION_COLUMNS
                );
                let row: Option<$crate::rows::SessionRow> = sqlx::query_as(&sql)
                    .bind(token_hash)
                    .bind(now_ms)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map(Into::into))
            }

            async fn delete_session(&self, token_hash: &str) -> Result<(), $crate::StoreError> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.writes)
                    .await?;
                Ok(())
            }

            async fn delete_expired_sessions(
                &self,
                now_ms: i64,
            ) -> Result<u64, $crate::StoreError> {
                let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                    .bind(now_ms)
                    .execute(&self.writes)
                    .await?;
                Ok(done.rows_affected())
            }

            async fn delete_agent_sessions(
                &self,
                account: frontdesk_core::ids::AccountId,
                agent: frontdesk_core::ids::AgentId,
            ) -> Result<u64, $crate::StoreError> {
                let done =
                    sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND agent_id = $2")
                        .bind(account.0)
                        .bind(agent.0)
                        .execute(&self.writes)
                        .await?;
                Ok(done.rows_affected())
            }
        }
    };
}

pub(crate) use impl_store;

/// `Ok` when exactly one row changed; `NotFound` when none did (absent or another account's).
pub(crate) fn one_row(affected: u64) -> Result<(), crate::StoreError> {
    if affected == 0 {
        Err(crate::StoreError::NotFound)
    } else {
        Ok(())
    }
}
