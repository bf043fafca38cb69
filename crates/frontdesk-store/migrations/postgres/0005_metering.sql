-- Metering (§7): one counter row per account and billing period, and the usage ledger of
-- counted chatbot conversations. The ledger has no foreign key to conversations on purpose:
-- a purged transcript must not un-count a used unit.
CREATE TABLE usage_counters (
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    period_start BIGINT NOT NULL,
    used         BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, period_start)
);

CREATE TABLE chatbot_conversations (
    conversation_id BIGINT PRIMARY KEY,
    account_id      BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    period_start    BIGINT NOT NULL,
    chatbot_id      BIGINT NOT NULL,
    reason          TEXT   NOT NULL CHECK (reason IN ('started', 'joined', 'finished')),
    counted_at      BIGINT NOT NULL
);
CREATE INDEX chatbot_conversations_by_period ON chatbot_conversations (account_id, period_start);
