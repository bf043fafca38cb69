//! Recording statistics events (§8) where the actions happen. A statistics write that fails
//! is logged and never fails the chat action it describes: visitors and agents come first.

use super::ops;
use crate::state::AppState;
use frontdesk_core::{
    conversation::{AuthorKind, Conversation, Message, MessageKind},
    flow::BotRun,
    ids::AccountId,
    metering::Outcome,
    stats::{StatEvent, StatKind},
};
use frontdesk_store::StoreError;

/// Records an event on its local day in the account's zone.
async fn store(state: &AppState, event: StatEvent) {
    let account = AccountId(event.account_id);
    let event = match logged(state.store.account(account).await).flatten() {
        Some(account) => event.in_zone(account.time_zone.tz()),
        None => return,
    };
    if let Err(err) = state.store.record_stat(&event).await {
        tracing::warn!(error = %err, kind = event.kind.as_str(), "statistics event not recorded");
    }
}

fn logged<T>(result: Result<T, StoreError>) -> Option<T> {
    result
        .map_err(|err| tracing::warn!(error = %err, "statistics not recorded"))
        .ok()
}

/// Conversations known to have their start recorded, so a visitor's every message need not
/// ask the statistics again. A start is never unrecorded; the set starts over when large.
#[derive(Default)]
pub struct Started(std::sync::Mutex<std::collections::HashSet<i64>>);

const STARTED_CAPACITY: usize = 100_000;

impl Started {
    fn contains(&self, conversation: i64) -> bool {
        let set = self.0.lock().unwrap_or_else(|p| p.into_inner());
        set.contains(&conversation)
    }

    fn insert(&self, conversation: i64) {
        let mut set = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if set.len() >= STARTED_CAPACITY {
            set.clear();
        }
        set.insert(conversation);
    }
}

/// After a stored message: the visitor's first act starts the conversation for the
/// statistics; an agent's reply is that agent's reply, and maybe the first response.
pub async fn message(state: &AppState, account: AccountId, message: &Message) {
    if message.kind != MessageKind::Message {
        return;
    }
    let conversation = message.conversation_id;
    match message.author {
        AuthorKind::Visitor => {
            if state.started.contains(conversation) {
                return;
            }
            let Some(marks) = logged(state.store.stat_marks(account, conversation).await) else {
                return;
            };
            if marks.started.is_some() {
                state.started.insert(conversation);
                return;
            }
            let online = logged(ops::agents_online(state, account).await).unwrap_or(false);
            let mut e = StatEvent::new(
                StatKind::Started,
                account.0,
                conversation,
                message.created_at_ms,
            );
            e.value = Some(i64::from(online));
            store(state, e).await;
        }
        AuthorKind::Agent => {
            let agent = message.author_agent_id.map(|a| a.0);
            let at = message.created_at_ms;
            let replied = StatEvent::new(StatKind::Replied, account.0, conversation, at);
            store(state, replied.by_agent(agent)).await;
            let Some(marks) = logged(state.store.stat_marks(account, conversation).await) else {
                return;
            };
            // A chat an agent began (proactive) has no visitor start: no response time.
            let (Some((started, online)), None) = (marks.started, marks.first_reply_at) else {
                return;
            };
            let mut first =
                StatEvent::new(StatKind::FirstReply, account.0, conversation, at).by_agent(agent);
            first.value = Some((at - started).max(0));
            first.extra = Some(i64::from(online));
            store(state, first).await;
        }
        AuthorKind::Bot | AuthorKind::System => {}
    }
}

/// A conversation closing at `now`: its durations, and the chatbot's outcome and where the
/// visitor left it. `by` is the agent who closed it, if one did.
pub async fn closed(
    state: &AppState,
    before: &Conversation,
    outcome: Option<Outcome>,
    by: Option<i64>,
    now: i64,
) {
    let account = before.account_id;
    let id = before.id;
    if let Some(marks) = logged(state.store.stat_marks(account, id).await) {
        if let Some((started, _)) = marks.started {
            let agent = by.or(before.assigned_agent_id.map(|a| a.0));
            let mut e = StatEvent::new(StatKind::Closed, account.0, id, now).by_agent(agent);
            e.value = Some((now - started).max(0));
            e.extra = marks.first_reply_at.map(|f| (now - f).max(0));
            store(state, e).await;
        }
    }
    let Some(run) = before.bot.as_ref().filter(|r| !r.preview) else {
        return;
    };
    let kind = match outcome {
        Some(Outcome::ResolvedByChatbot) => Some(StatKind::BotResolved),
        Some(Outcome::EscalatedToHuman) => Some(StatKind::BotEscalated),
        _ => None,
    };
    if let Some(kind) = kind {
        bot(state, before, run, kind, None, None, now).await;
    }
    if let (false, Some(at)) = (run.state.finished, run.state.at.clone()) {
        bot(state, before, run, StatKind::NodeLeft, Some(at), None, now).await;
    }
}

/// The visitor rated the chat.
pub async fn rated(state: &AppState, c: &Conversation, score: i64) {
    let mut e = StatEvent::new(StatKind::Rated, c.account_id.0, c.id, state.now_ms())
        .by_agent(c.assigned_agent_id.map(|a| a.0));
    e.value = Some(score);
    store(state, e).await;
}

/// The chatbot events of one bot step, handed to the statistics writer together when the
/// step is done, instead of a look-up and a write per event during the step.
#[derive(Default, Clone)]
pub struct BotEvents(Vec<StatEvent>);

impl BotEvents {
    /// Notes an event of `run` in `c` (previews are not statistics).
    pub fn add(
        &mut self,
        c: &Conversation,
        run: &BotRun,
        kind: StatKind,
        node: Option<String>,
        button: Option<String>,
        now: i64,
    ) {
        if run.preview {
            return;
        }
        let mut e = StatEvent::new(kind, c.account_id.0, c.id, now);
        e.chatbot_id = Some(run.chatbot_id);
        e.node = node;
        e.button = button;
        self.0.push(e);
    }

    /// Queues the events noted for the node's statistics writer (see `stat_queue`).
    pub fn record(self, state: &AppState) {
        state.stat_queue.push(&state.store, self.0);
    }
}

/// A chatbot event of `run` in `c` (previews are not statistics).
pub async fn bot(
    state: &AppState,
    c: &Conversation,
    run: &BotRun,
    kind: StatKind,
    node: Option<String>,
    button: Option<String>,
    now: i64,
) {
    if run.preview {
        return;
    }
    let language = logged(state.store.chatbot(c.account_id, run.chatbot_id).await)
        .flatten()
        .map(|b| b.language);
    let mut e = StatEvent::new(kind, c.account_id.0, c.id, now);
    e.chatbot_id = Some(run.chatbot_id);
    e.language = language;
    e.node = node;
    e.button = button;
    store(state, e).await;
}
