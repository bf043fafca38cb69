-- no-transaction
-- The inbox shows each conversation's unread visitor messages (a count after the agent's
-- read mark), rebuilt whenever the conversation changes. This index holds exactly the rows
-- that count and every column the count looks at, so it is answered from the index alone
-- instead of reading each message of the conversation since the mark. Built CONCURRENTLY
-- (outside a transaction, hence the first line) so an installation with many messages keeps
-- taking them while it builds.
CREATE INDEX CONCURRENTLY IF NOT EXISTS messages_from_visitor
    ON messages (conversation_id, seq, account_id)
    WHERE author = 'visitor' AND kind = 'message';
