//! Which accounts listen for webhook events at all, remembered for a second. Every stored
//! message is an event; without this, each would take SQLite's one writer for an insert that
//! finds no endpoint, in the path that acknowledges the message. A change of endpoints on this
//! node is seen at once; one made on another node of a cluster within a second.

use crate::state::AppState;
use frontdesk_core::ids::AccountId;
use frontdesk_store::StoreError;
use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

/// How long an answer is trusted.
const FRESH: Duration = Duration::from_secs(1);

/// Per account: when it was looked up, and whether it has an endpoint switched on.
#[derive(Debug, Default)]
pub struct Interest(Mutex<HashMap<i64, (Instant, bool)>>);

impl Interest {
    /// Whether `account` has an endpoint switched on.
    pub async fn any(&self, state: &AppState, account: AccountId) -> Result<bool, StoreError> {
        if let Some((at, listens)) = self.lock().get(&account.0).copied() {
            if at.elapsed() < FRESH {
                return Ok(listens);
            }
        }
        let listens = state.store.has_enabled_webhook_endpoints(account).await?;
        self.lock().insert(account.0, (Instant::now(), listens));
        Ok(listens)
    }

    /// Forgets the answer for `account` after its endpoints changed on this node.
    pub fn forget(&self, account: AccountId) {
        self.lock().remove(&account.0);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, (Instant, bool)>> {
        // A panic elsewhere cannot leave the map half-written: each use is one call.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
