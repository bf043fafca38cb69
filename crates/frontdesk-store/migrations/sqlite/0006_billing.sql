-- Add-on packages (§7.3), the billing ledger and quota alerts (§7.2). An add-on period row
-- is created lazily at the first look into a new period (the renewal), so no cron is needed
-- and two nodes renewing at once create it once.
CREATE TABLE addon_subscriptions (
    account_id       BIGINT  PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    units_per_period BIGINT  NOT NULL DEFAULT 0,
    renews           BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE addon_periods (
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    period_start BIGINT NOT NULL,
    units        BIGINT NOT NULL,
    PRIMARY KEY (account_id, period_start)
);

CREATE TABLE billing_ledger (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind         TEXT   NOT NULL CHECK (kind IN ('purchase', 'renewal', 'disabled', 'enabled', 'reduced', 'plan_change')),
    units        BIGINT NOT NULL,
    detail       TEXT   NOT NULL DEFAULT '',
    period_start BIGINT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX billing_ledger_by_account ON billing_ledger (account_id, id);

CREATE TABLE quota_alerts (
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    period_start BIGINT NOT NULL,
    threshold    BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, period_start, threshold)
);
