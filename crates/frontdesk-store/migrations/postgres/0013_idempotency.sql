-- Idempotency keys of API requests that create something (§9): a retried request with the
-- same key answers with what the first one created instead of creating it twice. A key is
-- claimed before the work starts (resource_id NULL) and completed after, so two requests
-- racing with one key never both create. Keys are kept for a day. `owner` names whose
-- keys they are (`account:ID` for an account's API keys, `operator:ID` for an operator key),
-- so equal keys of different clients never meet.
CREATE TABLE idempotency_keys (
    owner        TEXT   NOT NULL,
    operation    TEXT   NOT NULL,
    key          TEXT   NOT NULL,
    request_hash TEXT   NOT NULL,
    resource_id  TEXT,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (owner, operation, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
