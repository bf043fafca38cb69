//! Who is connected: agents (for presence) and visitors (for the "online" dot). Each node
//! counts its own sockets, so two tabs of one agent are one presence. When several nodes
//! share a database (§11), each node also writes its counts there and keeps them fresh with
//! a heartbeat, so every node can ask who is connected anywhere; a killed node's records go
//! stale and stop counting.

use frontdesk_core::{
    clock::Clock,
    ids::{AccountId, AgentId},
};
use frontdesk_store::Store;
use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex, OnceLock},
    time::Duration,
};
use tokio::sync::mpsc;

/// How often a node refreshes its presence records.
const HEARTBEAT: Duration = Duration::from_secs(10);
/// Records not refreshed for this long belong to a node that is gone.
pub const PRESENCE_TTL_MS: i64 = 30_000;

/// Connection counts of this node, by account and `agent:ID` / `visitor:ID`.
#[derive(Default)]
pub struct Hub {
    sockets: Mutex<HashMap<(AccountId, String), usize>>,
    shared: OnceLock<mpsc::UnboundedSender<(AccountId, String)>>,
}

fn agent_key(agent: AgentId) -> String {
    format!("agent:{}", agent.0)
}

fn visitor_key(visitor: &str) -> String {
    format!("visitor:{visitor}")
}

impl Hub {
    fn change(&self, account: AccountId, who: String, up: bool) {
        {
            let mut map = self.sockets.lock().unwrap_or_else(|p| p.into_inner());
            let count = map.entry((account, who.clone())).or_insert(0);
            if up {
                *count += 1;
            } else {
                *count = count.saturating_sub(1);
            }
            if *count == 0 {
                map.remove(&(account, who.clone()));
            }
        }
        if let Some(dirty) = self.shared.get() {
            let _ = dirty.send((account, who));
        }
    }

    fn local_count(&self, account: AccountId, who: &str) -> usize {
        let map = self.sockets.lock().unwrap_or_else(|p| p.into_inner());
        map.get(&(account, who.to_owned())).copied().unwrap_or(0)
    }

    /// An agent socket opened (`true`) or closed (`false`).
    pub fn agent_connected(&self, account: AccountId, agent: AgentId, up: bool) {
        self.change(account, agent_key(agent), up);
    }

    /// A visitor socket opened or closed.
    pub fn visitor_connected(&self, account: AccountId, visitor: &str, up: bool) {
        self.change(account, visitor_key(visitor), up);
    }

    /// Whether presence is shared with other nodes through the database.
    pub fn is_shared(&self) -> bool {
        self.shared.get().is_some()
    }

    /// The agents of `account` with a dashboard open on this node.
    pub fn local_agents(&self, account: AccountId) -> HashSet<AgentId> {
        let map = self.sockets.lock().unwrap_or_else(|p| p.into_inner());
        map.keys()
            .filter(|(a, _)| *a == account)
            .filter_map(|(_, who)| who.strip_prefix("agent:")?.parse().ok().map(AgentId))
            .collect()
    }

    /// Whether the visitor has a page open on this node.
    pub fn visitor_is_local(&self, account: AccountId, visitor: &str) -> bool {
        self.local_count(account, &visitor_key(visitor)) > 0
    }

    /// Starts writing this node's counts to the database as node `node`, with a heartbeat.
    /// Call once, before sockets open.
    pub fn share(
        self: &Arc<Self>,
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        node: String,
    ) -> tokio::task::JoinHandle<()> {
        let (dirty, mut changes) = mpsc::unbounded_channel();
        let _ = self.shared.set(dirty);
        let hub = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut heartbeat = tokio::time::interval(HEARTBEAT);
            // After a failed write the records may be wrong: all are written again.
            let mut rewrite_all = false;
            loop {
                let Some(hub) = hub.upgrade() else { return };
                tokio::select! {
                    change = changes.recv() => {
                        let Some((account, who)) = change else { return };
                        // The count now, not at the change: the last write always wins true.
                        let count = hub.local_count(account, &who) as i64;
                        if let Err(err) = store.set_presence(&node, account, &who, count, clock.now_ms()).await {
                            tracing::warn!(error = %err, "could not record presence");
                            rewrite_all = true;
                        }
                    }
                    _ = heartbeat.tick() => {
                        let now = clock.now_ms();
                        let result = if rewrite_all {
                            let all: Vec<_> = {
                                let map = hub.sockets.lock().unwrap_or_else(|p| p.into_inner());
                                map.iter().map(|((a, w), c)| (*a, w.clone(), *c as i64)).collect()
                            };
                            let mut result = Ok(());
                            for (account, who, count) in all {
                                result = result.and(store.set_presence(&node, account, &who, count, now).await);
                            }
                            result
                        } else {
                            store.touch_presence(&node, now).await
                        };
                        rewrite_all = result.is_err();
                    }
                }
            }
        })
    }
}

/// The agents of `account` with a dashboard open on any node.
pub async fn connected_agents(
    hub: &Hub,
    store: &dyn Store,
    account: AccountId,
    now_ms: i64,
) -> Result<HashSet<AgentId>, frontdesk_store::StoreError> {
    if !hub.is_shared() {
        return Ok(hub.local_agents(account));
    }
    Ok(store
        .present(account, "agent:", now_ms - PRESENCE_TTL_MS)
        .await?
        .iter()
        .filter_map(|who| who.strip_prefix("agent:")?.parse().ok().map(AgentId))
        .collect())
}

/// Whether the visitor has a page open on any node.
pub async fn visitor_connected(
    hub: &Hub,
    store: &dyn Store,
    account: AccountId,
    visitor: &str,
    now_ms: i64,
) -> Result<bool, frontdesk_store::StoreError> {
    let local = hub.visitor_is_local(account, visitor);
    if local || !hub.is_shared() {
        return Ok(local);
    }
    let key = visitor_key(visitor);
    Ok(store
        .present(account, &key, now_ms - PRESENCE_TTL_MS)
        .await?
        .contains(&key))
}
