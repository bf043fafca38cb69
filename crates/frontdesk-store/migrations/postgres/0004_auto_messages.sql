-- Automatic messages (§4.3): an account's settings per preset; a missing row means the
-- shipped default.
CREATE TABLE auto_messages (
    account_id BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('first_visit', 'returning', 'busy', 'offline')),
    enabled    BOOLEAN NOT NULL,
    delay_secs BIGINT  NOT NULL,
    texts      TEXT    NOT NULL DEFAULT '{}',
    PRIMARY KEY (account_id, kind)
);
