-- Operator keys (§1, §9): the installation's own API keys, for managing accounts. Not tied
-- to an account. Only the SHA-256 of the token is stored; a revoked key stays listed.
CREATE TABLE operator_keys (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT   NOT NULL,
    token_hash   TEXT   NOT NULL UNIQUE,
    token_hint   TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    revoked_at   BIGINT,
    last_used_at BIGINT
);
