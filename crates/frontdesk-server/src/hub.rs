//! What this node knows about who is connected: agents (for presence) and visitors (for the
//! "online" dot). Counts per socket, so two tabs of one agent are one presence.

use frontdesk_core::ids::{AccountId, AgentId};
use std::{collections::HashMap, sync::Mutex};

/// Connection counts of this node.
#[derive(Default)]
pub struct Hub {
    agents: Mutex<HashMap<(AccountId, AgentId), usize>>,
    visitors: Mutex<HashMap<(AccountId, String), usize>>,
}

fn change<K: std::hash::Hash + Eq>(map: &Mutex<HashMap<K, usize>>, key: K, up: bool) {
    let mut map = map.lock().unwrap_or_else(|p| p.into_inner());
    if up {
        *map.entry(key).or_insert(0) += 1;
    } else if let Some(count) = map.get_mut(&key) {
        *count = count.saturating_sub(1);
        // Only this key: sweeping the whole map made every connect cost O(visitors online).
        if *count == 0 {
            map.remove(&key);
        }
    }
}

impl Hub {
    /// An agent socket opened (`true`) or closed (`false`).
    pub fn agent_connected(&self, account: AccountId, agent: AgentId, up: bool) {
        change(&self.agents, (account, agent), up);
    }

    /// Whether the agent has a dashboard open on this node.
    pub fn agent_is_connected(&self, account: AccountId, agent: AgentId) -> bool {
        let map = self.agents.lock().unwrap_or_else(|p| p.into_inner());
        map.contains_key(&(account, agent))
    }

    /// A visitor socket opened or closed.
    pub fn visitor_connected(&self, account: AccountId, visitor: &str, up: bool) {
        change(&self.visitors, (account, visitor.to_owned()), up);
    }

    /// Whether the visitor has a page open on this node.
    pub fn visitor_is_connected(&self, account: AccountId, visitor: &str) -> bool {
        let map = self.visitors.lock().unwrap_or_else(|p| p.into_inner());
        map.contains_key(&(account, visitor.to_owned()))
    }
}
