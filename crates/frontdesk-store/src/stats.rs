//! The append-only statistics events (§8).

use crate::StoreError;
use async_trait::async_trait;
use frontdesk_core::{
    ids::AccountId,
    stats::{Rollup, StatEvent, StatRow},
};

/// What statistics need to know about one conversation when recording its later events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatMarks {
    /// When the visitor first acted, and whether an agent was online then.
    pub started: Option<(i64, bool)>,
    /// When the first agent reply came.
    pub first_reply_at: Option<i64>,
}

/// Which events a statistics read wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatFamily {
    /// Conversations and agents.
    Conversations,
    /// Chatbots and their nodes.
    Chatbots,
}

/// Statistics storage.
#[async_trait]
pub trait StatsStore: Send + Sync {
    /// Appends an event; an event whose dedupe key is stored already is ignored (`false`).
    async fn record_stat(&self, event: &StatEvent) -> Result<bool, StoreError>;
    /// Appends many events in one transaction (imports, seeding); returns how many were new.
    async fn record_stats(&self, events: &[StatEvent]) -> Result<u64, StoreError>;
    /// The start and first reply of a conversation, as recorded.
    async fn stat_marks(
        &self,
        account: AccountId,
        conversation_id: i64,
    ) -> Result<StatMarks, StoreError>;
    /// The events of one family in `[from_ms, to_ms)` summed per local day — `segments` are
    /// the time zone's offsets over the range (see `frontdesk_core::stats::offset_segments`) —
    /// with the values medians are taken over; for chatbots optionally of one chatbot only.
    async fn stat_rollup(
        &self,
        account: AccountId,
        family: StatFamily,
        from_ms: i64,
        to_ms: i64,
        segments: &[(i64, i64)],
        chatbot: Option<i64>,
    ) -> Result<Rollup, StoreError>;
    /// The events of one family in `[from_ms, to_ms)`, oldest first; for chatbots optionally
    /// of one chatbot only.
    async fn stat_rows(
        &self,
        account: AccountId,
        family: StatFamily,
        from_ms: i64,
        to_ms: i64,
        chatbot: Option<i64>,
    ) -> Result<Vec<StatRow>, StoreError>;
}
