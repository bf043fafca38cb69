//! What a batch of appends does to its conversations, worked out in memory so the batch can
//! be written with a few statements instead of three per message (see `sql_impl::append_fast`).
//!
//! Every statement on SQLite is a round trip to sqlx's worker thread: two context switches,
//! which cost more than the write itself. The plan numbers each message, follows each
//! conversation's status by the §3 rules and folds in the conversations saved with their
//! messages, exactly as the one-message-at-a-time path does, so both give the same rows.

use crate::group_commit::AppendJob;
use frontdesk_core::conversation::{
    status_after_message, Conversation, Message, MessageKind, NewMessage,
};
use std::collections::{HashMap, HashSet};

/// One message to insert, with the conversation as it stands right after it.
pub(crate) struct PlannedMessage<'a> {
    pub job: &'a AppendJob,
    pub message: &'a NewMessage,
    pub dedupe_key: Option<&'a str>,
    pub seq: i64,
    pub conversation_after: Conversation,
}

/// The message as stored under `id`: what reading its row back would give.
pub(crate) fn stored_message(planned: &PlannedMessage<'_>, id: i64) -> Message {
    let m = planned.message;
    Message {
        id,
        conversation_id: planned.job.conversation_id,
        seq: planned.seq,
        author: m.author,
        author_agent_id: m.author_agent_id,
        author_name: m.author_name.clone(),
        kind: m.kind,
        body: m.body.clone(),
        event: m.event.clone(),
        client_id: m.client_id.as_ref().map(|c| c.as_str().to_owned()),
        payload: m.payload.clone(),
        created_at_ms: planned.job.now_ms,
    }
}

/// What happens to one job.
pub(crate) enum JobPlan {
    /// Its conversation is not there (or not the account's): nothing of it is written.
    Missing,
    /// Its messages, as indexes into [`Plan::messages`].
    Appends(std::ops::Range<usize>),
}

/// The whole batch: the rows to insert, each job's share, and every touched conversation's
/// final state, to be written once.
pub(crate) struct Plan<'a> {
    pub messages: Vec<PlannedMessage<'a>>,
    pub jobs: Vec<JobPlan>,
    pub conversations: Vec<Conversation>,
}

/// Whether two messages of the batch carry the same dedupe key: the second is a retry of
/// the first, which only the one-by-one path answers correctly.
pub(crate) fn keys_repeat(jobs: &[&AppendJob]) -> bool {
    let mut seen = HashSet::new();
    jobs.iter()
        .flat_map(|j| j.messages.iter())
        .filter_map(|(_, key)| key.as_deref())
        .any(|key| !seen.insert(key))
}

/// Plans `jobs` in order against the conversations as stored (`loaded`, by id). The caller
/// has made sure no dedupe key of the batch is stored already.
pub(crate) fn plan<'a>(jobs: &[&'a AppendJob], mut loaded: HashMap<i64, Conversation>) -> Plan<'a> {
    let mut messages = Vec::new();
    let mut job_plans = Vec::with_capacity(jobs.len());
    let mut touched: Vec<i64> = Vec::new();
    for &job in jobs {
        let Some(current) = loaded
            .get_mut(&job.conversation_id)
            .filter(|c| c.account_id == job.account)
        else {
            job_plans.push(JobPlan::Missing);
            continue;
        };
        let first = messages.len();
        for (message, key) in &job.messages {
            current.last_seq += 1;
            current.updated_at_ms = job.now_ms;
            current.status = status_after_message(
                current.status,
                message.author,
                message.kind,
                message.answers_bot,
            );
            if message.kind != MessageKind::Event {
                current.last_message_at_ms = job.now_ms;
            }
            messages.push(PlannedMessage {
                job,
                message,
                dedupe_key: key.as_deref(),
                seq: current.last_seq,
                conversation_after: current.clone(),
            });
        }
        if let (Some(saved), false) = (&job.then_save, job.messages.is_empty()) {
            *current = saved_over(current, saved);
        }
        if !touched.contains(&job.conversation_id) {
            touched.push(job.conversation_id);
        }
        job_plans.push(JobPlan::Appends(first..messages.len()));
    }
    let conversations = touched.iter().filter_map(|id| loaded.remove(id)).collect();
    Plan {
        messages,
        jobs: job_plans,
        conversations,
    }
}

/// A conversation saved after its messages: everything it says, except the numbering and
/// the activity time the messages set (what `save_conversation` leaves alone).
fn saved_over(current: &Conversation, saved: &Conversation) -> Conversation {
    Conversation {
        id: current.id,
        account_id: current.account_id,
        visitor_id: current.visitor_id.clone(),
        created_at_ms: current.created_at_ms,
        last_seq: current.last_seq,
        last_message_at_ms: current.last_message_at_ms,
        ..saved.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontdesk_core::{
        conversation::{AuthorKind, ConversationStatus},
        ids::AccountId,
    };

    fn conversation(id: i64, status: ConversationStatus) -> Conversation {
        Conversation {
            id,
            account_id: AccountId(1),
            visitor_id: "v".into(),
            status,
            assigned_agent_id: None,
            tags: vec![],
            important: false,
            last_seq: 4,
            agent_read_seq: 0,
            visitor_read_seq: 0,
            rating: None,
            rating_comment: None,
            created_at_ms: 1,
            updated_at_ms: 1,
            last_message_at_ms: 1,
            closed_at_ms: None,
            bot: None,
            visitor_acted: true,
        }
    }

    fn job(conversation_id: i64, messages: Vec<NewMessage>, now_ms: i64) -> AppendJob {
        AppendJob {
            account: AccountId(1),
            conversation_id,
            messages: messages.into_iter().map(|m| (m, None)).collect(),
            then_save: None,
            now_ms,
            count: None,
            reply: tokio::sync::oneshot::channel().0,
        }
    }

    fn text(author: AuthorKind) -> NewMessage {
        NewMessage::text(author, MessageKind::Message, "hi")
    }

    #[test]
    fn messages_of_one_conversation_are_numbered_on_across_jobs() {
        let jobs = [
            job(7, vec![text(AuthorKind::Visitor)], 10),
            job(8, vec![text(AuthorKind::Visitor)], 11),
            job(
                7,
                vec![text(AuthorKind::Agent), text(AuthorKind::Visitor)],
                12,
            ),
        ];
        let loaded = HashMap::from([
            (7, conversation(7, ConversationStatus::Bot)),
            (8, conversation(8, ConversationStatus::Open)),
        ]);
        let plan = plan(&jobs.iter().collect::<Vec<_>>(), loaded);
        let seqs: Vec<_> = plan
            .messages
            .iter()
            .map(|m| (m.job.conversation_id, m.seq))
            .collect();
        assert_eq!(seqs, [(7, 5), (8, 5), (7, 6), (7, 7)]);
        // A visitor writing to the bot opens the chat; an agent's reply serves it.
        assert_eq!(
            plan.messages[0].conversation_after.status,
            ConversationStatus::Open
        );
        assert_eq!(
            plan.messages[2].conversation_after.status,
            ConversationStatus::Served
        );
        let seven = plan.conversations.iter().find(|c| c.id == 7).unwrap();
        assert_eq!((seven.last_seq, seven.updated_at_ms), (7, 12));
        assert_eq!(plan.conversations.len(), 2);
    }

    #[test]
    fn a_job_without_its_conversation_writes_nothing_and_the_rest_go_on() {
        let mut other_account = job(9, vec![text(AuthorKind::Visitor)], 10);
        other_account.account = AccountId(2);
        let jobs = [
            job(3, vec![text(AuthorKind::Visitor)], 10),
            other_account,
            job(9, vec![text(AuthorKind::Visitor)], 10),
        ];
        let loaded = HashMap::from([(9, conversation(9, ConversationStatus::Open))]);
        let plan = plan(&jobs.iter().collect::<Vec<_>>(), loaded);
        assert!(matches!(plan.jobs[0], JobPlan::Missing));
        assert!(matches!(plan.jobs[1], JobPlan::Missing));
        assert!(matches!(&plan.jobs[2], JobPlan::Appends(r) if r.len() == 1));
        assert_eq!(plan.messages[0].seq, 5);
    }

    #[test]
    fn a_saved_conversation_keeps_the_numbering_its_messages_set() {
        let mut saved = conversation(7, ConversationStatus::Open);
        saved.tags = vec!["lead".into()];
        saved.last_seq = 1;
        let mut with_save = job(7, vec![text(AuthorKind::Bot), text(AuthorKind::Bot)], 20);
        with_save.then_save = Some(saved);
        let jobs = [with_save, job(7, vec![text(AuthorKind::Visitor)], 21)];
        let loaded = HashMap::from([(7, conversation(7, ConversationStatus::Bot))]);
        let plan = plan(&jobs.iter().collect::<Vec<_>>(), loaded);
        // The messages see the conversation before the save, as the one-by-one path does.
        assert_eq!(
            plan.messages[1].conversation_after.status,
            ConversationStatus::Bot
        );
        assert!(plan.messages[1].conversation_after.tags.is_empty());
        // The next job starts from the saved conversation.
        assert_eq!(plan.messages[2].seq, 7);
        assert_eq!(plan.messages[2].conversation_after.tags, ["lead"]);
        let last = &plan.conversations[0];
        assert_eq!((last.last_seq, last.status), (7, ConversationStatus::Open));
    }

    #[test]
    fn a_key_twice_in_a_batch_is_seen() {
        let mut a = job(1, vec![text(AuthorKind::Visitor)], 1);
        a.messages[0].1 = Some("k".into());
        let mut b = job(2, vec![text(AuthorKind::Visitor)], 1);
        assert!(!keys_repeat(&[&job(1, vec![], 1)]));
        b.messages[0].1 = Some("k".into());
        assert!(keys_repeat(&[&a, &b]));
    }
}
