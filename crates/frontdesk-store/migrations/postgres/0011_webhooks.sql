-- Webhooks (§9). An endpoint belongs to one account; its secret is stored sealed (encrypted
-- with the server's key, §10) because signing needs the secret itself. Each event is written
-- once per matching endpoint into webhook_deliveries, the durable outbox a worker drains.
CREATE TABLE webhook_endpoints (
    id              BIGSERIAL PRIMARY KEY,
    account_id      BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    url             TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    -- Event names separated by spaces; '*' for every event.
    events          TEXT    NOT NULL,
    secret          TEXT    NOT NULL,
    enabled         BOOLEAN NOT NULL DEFAULT TRUE,
    disabled_reason TEXT,
    disabled_at     BIGINT,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);
CREATE INDEX webhook_endpoints_by_account ON webhook_endpoints (account_id);

CREATE TABLE webhook_deliveries (
    id               BIGSERIAL PRIMARY KEY,
    account_id       BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    endpoint_id      BIGINT  NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    -- Sent in the payload and the Frontdesk-Event-Id header, so receivers can deduplicate.
    event_id         TEXT    NOT NULL,
    event_type       TEXT    NOT NULL,
    -- What the event is about ('message.created:42'): writing the same event twice (a
    -- retried request) leaves one row.
    dedupe_key       TEXT    NOT NULL,
    payload          TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         BIGINT  NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT  NOT NULL,
    -- A worker that took the row holds it until then; a crashed worker's rows come back.
    locked_until     BIGINT,
    last_status_code BIGINT,
    last_error       TEXT,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    delivered_at     BIGINT,
    UNIQUE (endpoint_id, dedupe_key)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id);
