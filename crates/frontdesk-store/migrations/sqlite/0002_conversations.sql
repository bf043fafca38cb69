-- Visitors, conversations, messages (§3) and the e-mail outbox. JSON lists and maps are TEXT.
ALTER TABLE agents ADD COLUMN presence TEXT NOT NULL DEFAULT 'online'
    CHECK (presence IN ('online', 'away', 'offline'));

CREATE TABLE visitors (
    id            TEXT    PRIMARY KEY,
    account_id    BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name          TEXT,
    email         TEXT,
    phone         TEXT,
    language      TEXT,
    device        TEXT,
    group_name    TEXT,
    variables     TEXT    NOT NULL DEFAULT '{}',
    current_url   TEXT,
    current_title TEXT,
    pages         TEXT    NOT NULL DEFAULT '[]',
    visit_count   BIGINT  NOT NULL DEFAULT 1,
    banned        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT  NOT NULL,
    last_seen_at  BIGINT  NOT NULL
);
CREATE INDEX visitors_by_account ON visitors (account_id, last_seen_at);

CREATE TABLE conversations (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id        BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    visitor_id        TEXT    NOT NULL REFERENCES visitors (id) ON DELETE CASCADE,
    status            TEXT    NOT NULL CHECK (status IN ('bot', 'open', 'served', 'closed')),
    assigned_agent_id BIGINT  REFERENCES agents (id) ON DELETE SET NULL,
    tags              TEXT    NOT NULL DEFAULT '[]',
    important         BOOLEAN NOT NULL DEFAULT FALSE,
    last_seq          BIGINT  NOT NULL DEFAULT 0,
    agent_read_seq    BIGINT  NOT NULL DEFAULT 0,
    visitor_read_seq  BIGINT  NOT NULL DEFAULT 0,
    rating            BIGINT,
    rating_comment    TEXT,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL,
    last_message_at   BIGINT  NOT NULL,
    closed_at         BIGINT
);
CREATE INDEX conversations_by_account ON conversations (account_id, updated_at);
CREATE INDEX conversations_by_visitor ON conversations (visitor_id, id);
CREATE INDEX conversations_open_by_age ON conversations (status, last_message_at);

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id      BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    conversation_id BIGINT  NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             BIGINT  NOT NULL,
    author          TEXT    NOT NULL CHECK (author IN ('visitor', 'agent', 'bot', 'system')),
    author_agent_id BIGINT  REFERENCES agents (id) ON DELETE SET NULL,
    author_name     TEXT,
    kind            TEXT    NOT NULL CHECK (kind IN ('message', 'note', 'event')),
    body            TEXT    NOT NULL,
    event           TEXT,
    client_id       TEXT,
    -- Identifies a client's message across retries and reconnects: a second insert with the
    -- same key fails, so a message is stored once however often it is sent.
    dedupe_key      TEXT    UNIQUE,
    created_at      BIGINT  NOT NULL,
    UNIQUE (conversation_id, seq)
);

CREATE TABLE outbox_emails (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    recipient  TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    sent_at    BIGINT,
    attempts   BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX outbox_emails_pending ON outbox_emails (sent_at, id);
