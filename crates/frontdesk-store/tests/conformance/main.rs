//! One conformance suite for every `Store` method, run against SQLite always and against
//! PostgreSQL whenever `FRONTDESK_TEST_DATABASE_URL` names a server (CI sets it). Each test
//! gets a fresh database of its own.

mod accounts;
mod agents;
mod api_keys;
mod chat;
mod chatbot_edits;
mod cluster;
mod contacts;
mod email_outbox;
mod harness;
mod idempotency;
mod inbox;
mod metering;
mod operator_keys;
mod search;
mod sessions;
mod stats;
mod webhooks;

/// Expands each scenario into `sqlite::NAME` and `postgres::NAME` tests.
macro_rules! conformance {
    ($($module:ident :: $name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let db = crate::harness::sqlite().await;
                    crate::$module::$name(db.store()).await;
                    db.finish().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    let Some(db) = crate::harness::postgres().await else { return };
                    crate::$module::$name(db.store()).await;
                    db.finish().await;
                }
            )*
        }
    };
}

conformance!(
    inbox::inbox_rows_match_the_single_reads_and_stay_in_their_account,
    operator_keys::an_operator_key_is_found_by_its_hash_revoked_and_touched,
    idempotency::an_idempotency_key_is_claimed_once_per_account_and_operation,
    contacts::contacts_page_newest_first_and_only_known_visitors,
    contacts::erasing_a_visitor_removes_their_history_but_not_the_count,
    accounts::an_account_reads_back_as_created,
    accounts::accounts_list_oldest_first_and_widget_keys_differ,
    accounts::an_account_is_found_by_its_widget_key_only,
    accounts::office_hours_change_for_one_account_only,
    api_keys::an_api_key_is_found_by_its_hash_and_listed_in_its_account_only,
    api_keys::a_revoked_key_stays_listed_and_only_its_account_can_revoke_it,
    api_keys::using_a_key_records_when,
    agents::an_agent_reads_back_within_its_account_only,
    agents::an_email_cannot_belong_to_two_agents,
    agents::login_finds_the_agent_and_its_hash,
    agents::password_and_state_changes_stay_inside_the_account,
    agents::agents_list_per_account,
    sessions::a_session_lives_until_it_expires,
    sessions::logout_and_cleanup_remove_sessions,
    sessions::a_password_change_can_end_all_sessions_of_an_agent,
    chat::visitors_keep_contact_data_and_pages_within_their_account,
    chat::messages_are_numbered_and_move_the_status,
    chat::concurrent_sends_get_distinct_numbers_and_retries_store_once,
    chat::batched_appends_number_each_conversation_and_store_retries_once,
    chat::busy_batches_keep_order_status_and_saved_fields,
    chat::an_append_keeps_every_field_of_its_conversation,
    chat::several_messages_append_together_and_a_repeat_stops_them,
    chat::an_append_longer_than_one_statement_is_stored_whole,
    chat::conversations_list_newest_first_and_save_inside_their_account,
    chat::the_outbox_keeps_emails_per_account,
    email_outbox::due_emails_are_claimed_once_and_held_until_retried,
    email_outbox::given_up_emails_are_counted_per_account,
    chat::chatbots_publish_immutable_versions_within_their_account,
    chatbot_edits::a_draft_saved_against_a_stale_copy_is_refused,
    chat::automatic_messages_default_save_and_find_unanswered_chats,
    chat::the_busy_notice_follows_each_accounts_setting,
    metering::a_conversation_counts_once_and_never_past_the_limit,
    metering::many_concurrent_counts_stop_exactly_at_the_limit,
    metering::a_count_and_its_messages_are_stored_together_or_not_at_all,
    metering::counted_appends_in_one_batch_stop_exactly_at_the_limit,
    metering::a_conversation_counted_twice_at_once_gets_one_answer,
    metering::addons_raise_the_limit_renew_lazily_and_stop_when_disabled,
    metering::each_quota_alert_fires_once_per_period,
    search::conversations_are_found_by_status_agent_and_tag_a_page_at_a_time,
    stats::conversation_statistics_have_the_known_answers,
    stats::chatbot_statistics_count_per_bot_and_stay_in_their_family,
    stats::rollups_count_local_days_across_daylight_saving,
    cluster::a_lease_has_one_holder_until_it_expires,
    cluster::racing_nodes_get_a_free_lease_exactly_once,
    cluster::presence_counts_every_node_until_its_heartbeat_stops,
    webhooks::endpoints_are_kept_changed_and_deleted_within_their_account,
    webhooks::events_reach_each_wanting_enabled_endpoint_once,
    webhooks::deliveries_are_claimed_once_retried_and_redelivered,
    webhooks::racing_workers_claim_each_delivery_exactly_once,
);
