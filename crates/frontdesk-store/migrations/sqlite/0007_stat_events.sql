-- Statistics (§8): an append-only log of what happened in conversations and chatbots,
-- written where the action happens. Statistics read a range of it by account and time, so
-- they never scan transcripts. No foreign keys to conversations or agents on purpose: a
-- purged transcript or a removed agent must not rewrite past statistics. Events that happen
-- once per conversation carry a dedupe key, so retries and other nodes record them once.
CREATE TABLE stat_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id      BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    occurred_at     BIGINT NOT NULL,
    kind            TEXT   NOT NULL,
    conversation_id BIGINT NOT NULL,
    agent_id        BIGINT,
    chatbot_id      BIGINT,
    language        TEXT,
    node            TEXT,
    button          TEXT,
    value           BIGINT,
    extra           BIGINT,
    dedupe          TEXT   UNIQUE
);
-- Covers the conversation statistics (sums and median values) without reading the table.
CREATE INDEX stat_events_by_time ON stat_events (account_id, kind, occurred_at, agent_id, extra, value);
CREATE INDEX stat_events_by_conversation ON stat_events (conversation_id, kind);
