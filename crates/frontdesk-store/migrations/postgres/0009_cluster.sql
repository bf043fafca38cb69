-- Several nodes (§11): a lease per periodic job, so it runs on one node at a time, and who
-- has sockets open on which node, refreshed by each node's heartbeat.
CREATE TABLE leases (
    name     TEXT   PRIMARY KEY,
    holder   TEXT   NOT NULL,
    until_ms BIGINT NOT NULL
);

CREATE TABLE presence (
    node       TEXT    NOT NULL,
    account_id BIGINT  NOT NULL,
    who        TEXT    NOT NULL,
    sockets    INTEGER NOT NULL,
    seen_at    BIGINT  NOT NULL,
    PRIMARY KEY (node, account_id, who)
);
CREATE INDEX presence_by_account ON presence (account_id, seen_at);
