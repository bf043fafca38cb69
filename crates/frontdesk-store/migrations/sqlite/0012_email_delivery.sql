-- Delivering the e-mail outbox (§9): when an e-mail is next due, why the last attempt failed,
-- and when it was given up. An e-mail is waiting while both sent_at and failed_at are NULL.
ALTER TABLE outbox_emails ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox_emails ADD COLUMN last_error TEXT;
ALTER TABLE outbox_emails ADD COLUMN failed_at BIGINT;
CREATE INDEX outbox_emails_due ON outbox_emails (next_attempt_at, id)
    WHERE sent_at IS NULL AND failed_at IS NULL;
