-- Accounts, agents and dashboard sessions. Times are milliseconds since the Unix epoch.
CREATE TABLE accounts (
    id               BIGSERIAL PRIMARY KEY,
    name             TEXT    NOT NULL,
    widget_key       TEXT    NOT NULL UNIQUE,
    allowed_domains  TEXT    NOT NULL,
    time_zone        TEXT    NOT NULL,
    default_language TEXT    NOT NULL,
    office_hours     TEXT    NOT NULL,
    plan             TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL
);

CREATE TABLE agents (
    id            BIGSERIAL PRIMARY KEY,
    account_id    BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'agent')),
    state         TEXT    NOT NULL CHECK (state IN ('active', 'inactive')),
    password_hash TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX agents_by_account ON agents (account_id);

CREATE TABLE sessions (
    token_hash TEXT   PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    agent_id   BIGINT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    csrf_token TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
