//! Group commit for message appends. Every append waits in a queue; a writer task takes all
//! that are waiting, writes them in one transaction and answers each caller only after that
//! transaction committed. One commit (and, on SQLite, one fsync) then serves a whole batch
//! instead of one message, while no caller ever hears "stored" before its message is durable.
//!
//! Appends are spread over lanes by conversation, so one conversation's messages always go
//! through the same writer (in order, and without two transactions locking the same row).

use crate::{Appended, CountRequest, StoreError};
use frontdesk_core::{
    conversation::{Conversation, NewMessage},
    ids::AccountId,
    metering::CountResult,
};
use std::future::Future;
use tokio::sync::{mpsc, oneshot};

/// The most appends one transaction takes; the rest wait for the next one.
pub(crate) const MAX_BATCH: usize = 512;

/// One queued append of one or more messages to a conversation, and where its answer goes.
pub(crate) struct AppendJob {
    pub account: AccountId,
    pub conversation_id: i64,
    /// Each message with its dedupe key.
    pub messages: Vec<(NewMessage, Option<String>)>,
    /// Saved after the messages (unless one was a repeat), in the same transaction.
    pub then_save: Option<Conversation>,
    pub now_ms: i64,
    /// Counted (§7.2) in the same transaction, before the messages. When the period's limit
    /// is reached, nothing of the job is written: the caller hands over instead.
    pub count: Option<CountRequest>,
    pub reply: oneshot::Sender<Result<JobDone, StoreError>>,
}

/// What one job wrote.
#[derive(Debug)]
pub(crate) struct JobDone {
    pub appended: Vec<Appended>,
    pub count: Option<CountResult>,
}

/// The queues of a store's writer tasks.
#[derive(Debug, Clone)]
pub(crate) struct GroupCommit {
    lanes: Vec<mpsc::UnboundedSender<AppendJob>>,
}

impl GroupCommit {
    /// Starts `lanes` writer tasks; `write` stores one batch and answers every job in it.
    pub(crate) fn start<W, F>(lanes: usize, write: W) -> Self
    where
        W: Fn(Vec<AppendJob>) -> F + Send + Clone + 'static,
        F: Future<Output = ()> + Send,
    {
        let lanes = (0..lanes.max(1))
            .map(|_| {
                let (tx, mut rx) = mpsc::unbounded_channel::<AppendJob>();
                let write = write.clone();
                tokio::spawn(async move {
                    // Ends when the store and all its clones are gone.
                    while let Some(first) = rx.recv().await {
                        let mut batch = vec![first];
                        while batch.len() < MAX_BATCH {
                            match rx.try_recv() {
                                Ok(job) => batch.push(job),
                                Err(_) => break,
                            }
                        }
                        write(batch).await;
                    }
                });
                tx
            })
            .collect();
        Self { lanes }
    }

    /// Queues an append and waits until its batch is committed (or failed).
    pub(crate) async fn append(
        &self,
        account: AccountId,
        conversation_id: i64,
        messages: Vec<(NewMessage, Option<String>)>,
        then_save: Option<Conversation>,
        now_ms: i64,
    ) -> Result<Vec<Appended>, StoreError> {
        let request = (account, conversation_id, now_ms);
        Ok(self
            .submit(request, messages, then_save, None)
            .await?
            .appended)
    }

    /// Queues a count and the append that goes with it (a chatbot's first interaction and
    /// what it says), and waits until their batch is committed (or failed).
    pub(crate) async fn append_counted(
        &self,
        count: CountRequest,
        messages: Vec<(NewMessage, Option<String>)>,
        then_save: Option<Conversation>,
    ) -> Result<JobDone, StoreError> {
        let request = (count.account, count.conversation_id, count.now_ms);
        self.submit(request, messages, then_save, Some(count)).await
    }

    async fn submit(
        &self,
        (account, conversation_id, now_ms): (AccountId, i64, i64),
        messages: Vec<(NewMessage, Option<String>)>,
        then_save: Option<Conversation>,
        count: Option<CountRequest>,
    ) -> Result<JobDone, StoreError> {
        let (reply, answer) = oneshot::channel();
        let job = AppendJob {
            account,
            conversation_id,
            messages,
            then_save,
            now_ms,
            count,
            reply,
        };
        let lane = conversation_id.unsigned_abs() as usize % self.lanes.len();
        self.lanes[lane].send(job).map_err(|_| writer_gone())?;
        answer.await.map_err(|_| writer_gone())?
    }
}

fn writer_gone() -> StoreError {
    StoreError::Database(sqlx::Error::PoolClosed)
}

/// The same failure for every job of a batch that could not be written.
pub(crate) fn batch_failed(err: &StoreError) -> StoreError {
    match err {
        StoreError::NotFound => StoreError::NotFound,
        StoreError::Conflict(what) => StoreError::Conflict(what),
        other => StoreError::Database(sqlx::Error::Io(std::io::Error::other(format!(
            "batch not written: {other}"
        )))),
    }
}
