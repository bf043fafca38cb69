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
    time::{Duration, Instant},
};
use tokio::sync::mpsc;

/// How often a node refreshes its presence records.
const HEARTBEAT: Duration = Duration::from_secs(10);
/// Records not refreshed for this long belong to a node that is gone.
pub const PRESENCE_TTL_MS: i64 = 30_000;

/// How long a worked-out "can anyone answer?" is used without asking again. Changes on this
/// node forget it at once; a change on another node (§11) is seen within this time.
pub const AVAILABILITY_FRESH_FOR: Duration = Duration::from_secs(1);

/// Connection counts of this node, by account and `agent:ID` / `visitor:ID`.
#[derive(Default)]
pub struct Hub {
    sockets: Mutex<HashMap<(AccountId, String), usize>>,
    /// The agents with a socket on this node, by account (the same counts, without having to
    /// look through every visitor's).
    agents: Mutex<HashMap<AccountId, HashSet<AgentId>>>,
    availability: Mutex<HashMap<AccountId, Availability>>,
    shared: OnceLock<mpsc::UnboundedSender<(AccountId, String)>>,
}

/// An account's last answer to "can anyone answer?", and a count of changes since, so an
/// answer worked out while a change happened is not kept.
#[derive(Default)]
struct Availability {
    changes: u64,
    known: Option<(Instant, bool)>,
}

fn agent_key(agent: AgentId) -> String {
    format!("agent:{}", agent.0)
}

fn visitor_key(visitor: &str) -> String {
    format!("visitor:{visitor}")
}

impl Hub {
    /// Changes a count; returns the count after.
    fn change(&self, account: AccountId, who: String, up: bool) -> usize {
        let after = {
            let mut map = self.sockets.lock().unwrap_or_else(|p| p.into_inner());
            let count = map.entry((account, who.clone())).or_insert(0);
            if up {
                *count += 1;
            } else {
                *count = count.saturating_sub(1);
            }
            let after = *count;
            if after == 0 {
                map.remove(&(account, who.clone()));
            }
            after
        };
        if let Some(dirty) = self.shared.get() {
            let _ = dirty.send((account, who));
        }
        after
    }

    fn local_count(&self, account: AccountId, who: &str) -> usize {
        let map = self.sockets.lock().unwrap_or_else(|p| p.into_inner());
        map.get(&(account, who.to_owned())).copied().unwrap_or(0)
    }

    /// An agent socket opened (`true`) or closed (`false`).
    pub fn agent_connected(&self, account: AccountId, agent: AgentId, up: bool) {
        let count = self.change(account, agent_key(agent), up);
        {
            let mut agents = self.agents.lock().unwrap_or_else(|p| p.into_inner());
            let here = agents.entry(account).or_default();
            if count > 0 {
                here.insert(agent);
            } else {
                here.remove(&agent);
            }
        }
        self.forget_availability(account);
    }

    /// The number of changes so far (to hand back to [`Hub::remember_availability`]) and the
    /// remembered answer to "can anyone answer?", if it is fresh.
    pub fn availability(&self, account: AccountId) -> (u64, Option<bool>) {
        let map = self.availability.lock().unwrap_or_else(|p| p.into_inner());
        let Some(entry) = map.get(&account) else {
            return (0, None);
        };
        let fresh = entry
            .known
            .filter(|(at, _)| at.elapsed() < AVAILABILITY_FRESH_FOR)
            .map(|(_, online)| online);
        (entry.changes, fresh)
    }

    /// Remembers an answer worked out from the state after `changes` changes, unless
    /// something changed meanwhile.
    pub fn remember_availability(&self, account: AccountId, changes: u64, online: bool) {
        let mut map = self.availability.lock().unwrap_or_else(|p| p.into_inner());
        let entry = map.entry(account).or_default();
        if entry.changes == changes {
            entry.known = Some((Instant::now(), online));
        }
    }

    /// Something that decides availability changed here (a socket, a presence, a state).
    pub fn forget_availability(&self, account: AccountId) {
        let mut map = self.availability.lock().unwrap_or_else(|p| p.into_inner());
        let entry = map.entry(account).or_default();
        entry.changes += 1;
        entry.known = None;
    }

    /// A visitor socket opened or closed.
    pub fn visitor_connected(&self, account: AccountId, visitor: &str, up: bool) {
        let _ = self.change(account, visitor_key(visitor), up);
    }

    /// Whether presence is shared with other nodes through the database.
    pub fn is_shared(&self) -> bool {
        self.shared.get().is_some()
    }

    /// The agents of `account` with a dashboard open on this node.
    pub fn local_agents(&self, account: AccountId) -> HashSet<AgentId> {
        let agents = self.agents.lock().unwrap_or_else(|p| p.into_inner());
        agents.get(&account).cloned().unwrap_or_default()
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
