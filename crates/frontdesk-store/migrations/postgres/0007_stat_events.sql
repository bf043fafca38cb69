-- Statistics (§8): an append-only log of what happened in conversations and chatbots,
-- written where the action happens. Statistics read a range of it by account and time, so
-- they never scan transcripts. No foreign keys to conversations or agents on purpose: a
-- purged transcript or a removed agent must not rewrite past statistics. Events that happen
-- once per conversation carry a dedupe key, so retries and other nodes record them once.
CREATE TABLE stat_events (
    id              BIGSERIAL PRIMARY KEY,
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
    dedupe          TEXT   UNIQUE,
    -- The local day (days since 1970-01-01) in the account's zone when it happened.
    day             BIGINT NOT NULL
);
-- Covers the median values (response and close times) without reading the table.
CREATE INDEX stat_events_by_time ON stat_events (account_id, kind, occurred_at, agent_id, extra, value);
CREATE INDEX stat_events_by_conversation ON stat_events (conversation_id, kind);

-- Daily sums of the events, kept up to date in the transaction that appends an event, so a
-- year of statistics reads a few thousand rows whatever the traffic. Absent dimensions are
-- 0 or '' (not NULL) so that they take part in the key.
CREATE TABLE stat_days (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    day        BIGINT NOT NULL,
    kind       TEXT   NOT NULL,
    agent_id   BIGINT NOT NULL DEFAULT 0,
    chatbot_id BIGINT NOT NULL DEFAULT 0,
    language   TEXT   NOT NULL DEFAULT '',
    node       TEXT   NOT NULL DEFAULT '',
    button     TEXT   NOT NULL DEFAULT '',
    online     BIGINT NOT NULL DEFAULT 0,
    n          BIGINT NOT NULL,
    value_sum  BIGINT NOT NULL,
    extra_sum  BIGINT NOT NULL,
    PRIMARY KEY (account_id, day, kind, agent_id, chatbot_id, language, node, button, online)
);
