//! What several nodes share through the database (§11): leases, so a periodic job runs on
//! one node at a time, and who is connected to which node.

use crate::StoreError;
use async_trait::async_trait;
use frontdesk_core::ids::AccountId;

/// Leases and cross-node presence.
#[async_trait]
pub trait ClusterStore: Send + Sync {
    /// Takes or renews the lease `name` for `holder` until `until_ms`, if it is free, expired
    /// at `now_ms`, or already `holder`'s. Returns whether `holder` holds it now.
    async fn try_lease(
        &self,
        name: &str,
        holder: &str,
        now_ms: i64,
        until_ms: i64,
    ) -> Result<bool, StoreError>;
    /// Records how many sockets `who` (`agent:ID` or `visitor:ID`) has open on `node`; zero
    /// removes the record.
    async fn set_presence(
        &self,
        node: &str,
        account: AccountId,
        who: &str,
        sockets: i64,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// Marks every record of `node` as fresh (the node's heartbeat).
    async fn touch_presence(&self, node: &str, now_ms: i64) -> Result<(), StoreError>;
    /// Who starting with `prefix` has a socket open on any node heard from since
    /// `fresh_after_ms`.
    async fn present(
        &self,
        account: AccountId,
        prefix: &str,
        fresh_after_ms: i64,
    ) -> Result<Vec<String>, StoreError>;
    /// Forgets the records of nodes not heard from since `before_ms` (killed nodes).
    async fn sweep_presence(&self, before_ms: i64) -> Result<u64, StoreError>;
}
