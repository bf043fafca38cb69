-- Chatbots (§4): a draft flow per chatbot and immutable published versions. Conversations
-- keep the version they started with in `bot`, so editing never changes running chats.
CREATE TABLE chatbots (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id        BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name              TEXT    NOT NULL,
    language          TEXT    NOT NULL,
    position          BIGINT  NOT NULL,
    enabled           BOOLEAN NOT NULL DEFAULT TRUE,
    draft             TEXT    NOT NULL,
    published_version BIGINT,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL
);
CREATE INDEX chatbots_by_account ON chatbots (account_id, position);

CREATE TABLE chatbot_versions (
    chatbot_id   BIGINT NOT NULL REFERENCES chatbots (id) ON DELETE CASCADE,
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    version      BIGINT NOT NULL,
    document     TEXT   NOT NULL,
    published_at BIGINT NOT NULL,
    PRIMARY KEY (chatbot_id, version)
);

ALTER TABLE conversations ADD COLUMN bot TEXT;
-- A chat the bot started stays out of the inbox until the visitor acts (§3).
ALTER TABLE conversations ADD COLUMN visitor_acted BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE messages ADD COLUMN payload TEXT;
