//! Running chatbots in conversations (§4): choosing the chatbot, feeding the engine its
//! events and carrying out the actions it decides. The engine decides; this executes.

use super::{ops, select};
use crate::state::AppState;
use chrono::Utc;
use frontdesk_core::stats::StatKind;
use frontdesk_core::{
    account::Account,
    conversation::{Conversation, ConversationStatus, Visitor},
    flow::{step, Action, BotEvent, BotRun, Flow, FlowContext, Outcome, Trigger},
};
use frontdesk_store::StoreError;

/// Why a bot event could not be applied.
#[derive(Debug)]
pub enum BotError {
    /// The event did not fit (stale or forged button, finished bot …): nothing changed.
    Refused(&'static str),
    Store(StoreError),
}

impl From<StoreError> for BotError {
    fn from(err: StoreError) -> Self {
        Self::Store(err)
    }
}

/// Lets a "no reply" chatbot join every open conversation whose visitor has waited for an
/// agent longer than that chatbot allows (§5 "When", §7.1 row 6: the bot *joins*). Runs from
/// the node's housekeeping; returns how many it joined.
pub async fn join_unanswered(state: &AppState) -> Result<usize, StoreError> {
    let now = state.now_ms();
    // Five seconds is the shortest wait a flow may set; each flow's own wait is checked below.
    let waiting = state.store.waiting_without_bot(now - 5_000, 200).await?;
    let mut joined = 0;
    for conversation in waiting {
        let Some(account) = state.store.account(conversation.account_id).await? else {
            continue;
        };
        let (_, quota) = crate::metering::quota(state, &account).await?;
        if !quota.allows_new() {
            continue;
        }
        let Some(mut visitor) = state
            .store
            .visitor(account.id, &conversation.visitor_id)
            .await?
        else {
            continue;
        };
        let waited = now - conversation.last_message_at_ms;
        let due = |t: &Trigger| matches!(t, Trigger::NoReply { seconds } if waited >= i64::from(*seconds) * 1000);
        let Some((mut run, flow)) = select::first_matching(state, &account, &visitor, due).await?
        else {
            continue;
        };
        run.reason = frontdesk_core::metering::CountReason::Joined;
        let mut c = conversation;
        c.bot = Some(run);
        state.store.save_conversation(&c).await?;
        if let Err(err) = feed(
            state,
            &account,
            c,
            &mut visitor,
            Some(flow),
            BotEvent::Triggered,
        )
        .await
        {
            tracing::warn!(error = ?err, "a chatbot could not join");
            continue;
        }
        joined += 1;
    }
    Ok(joined)
}

/// When an agent closes a conversation, a "finish" chatbot takes it over instead (§5
/// "When", §7.1 reason `finished`): the conversation goes back to the bot, which closes it
/// when its part ends. Returns the conversation when a chatbot took over.
pub async fn finish_after_close(
    state: &AppState,
    account: &Account,
    conversation: &Conversation,
) -> Result<Option<Conversation>, StoreError> {
    let already_finishing = conversation
        .bot
        .as_ref()
        .is_some_and(|b| b.reason == frontdesk_core::metering::CountReason::Finished);
    if conversation.status == ConversationStatus::Closed || already_finishing {
        return Ok(None);
    }
    let (_, quota) = crate::metering::quota(state, account).await?;
    if !quota.allows_new() {
        return Ok(None);
    }
    let Some(mut visitor) = state
        .store
        .visitor(account.id, &conversation.visitor_id)
        .await?
    else {
        return Ok(None);
    };
    let wanted = |t: &Trigger| *t == Trigger::AgentClosed;
    let Some((mut run, flow)) = select::first_matching(state, account, &visitor, wanted).await?
    else {
        return Ok(None);
    };
    run.reason = frontdesk_core::metering::CountReason::Finished;
    // A person already took part, so however the survey goes the chat was escalated (§7.1).
    run.outcome = Some(frontdesk_core::metering::Outcome::EscalatedToHuman);
    let mut c = conversation.clone();
    c.status = ConversationStatus::Bot;
    c.bot = Some(run);
    c.updated_at_ms = state.now_ms();
    state.store.save_conversation(&c).await?;
    match feed(
        state,
        account,
        c,
        &mut visitor,
        Some(flow),
        BotEvent::Triggered,
    )
    .await
    {
        Ok(c) => Ok(Some(c)),
        Err(BotError::Store(err)) => Err(err),
        Err(BotError::Refused(_)) => Ok(None),
    }
}

/// What the flow may look at: availability, office hours in the account's zone, contact.
pub async fn context(
    state: &AppState,
    account: &Account,
    visitor: &Visitor,
) -> Result<FlowContext, StoreError> {
    let local = Utc::now()
        .with_timezone(&account.time_zone.tz())
        .naive_local();
    let now_local = chrono::DateTime::from_timestamp_millis(state.now_ms())
        .map(|t| t.with_timezone(&account.time_zone.tz()).naive_local())
        .unwrap_or(local);
    Ok(FlowContext {
        agents_online: ops::agents_online(state, account.id).await?,
        within_office_hours: account.office_hours.is_open_at(now_local),
        language: visitor.language.clone().unwrap_or_default(),
        group: visitor.group.clone(),
        name: visitor.name.clone(),
        email: visitor.email.clone(),
        phone: visitor.phone.clone(),
    })
}

/// The draft of a chatbot, as a preview run, if `token` is a genuine preview token.
pub async fn preview(
    state: &AppState,
    account: &Account,
    token: &str,
) -> Result<Option<(BotRun, Flow)>, StoreError> {
    let Some(id) = state
        .tokens
        .verify_preview(account.id, token, state.now_ms())
    else {
        return Ok(None);
    };
    let Some(bot) = state.store.chatbot(account.id, id).await? else {
        return Ok(None);
    };
    let Ok(flow) = Flow::parse(&bot.draft) else {
        return Ok(None);
    };
    let run = BotRun {
        chatbot_id: bot.id,
        version: 0,
        name: bot.name,
        state: Default::default(),
        text_disabled: false,
        preview: true,
        reason: Default::default(),
        counted: false,
        outcome: None,
    };
    Ok(Some((run, flow)))
}

/// The flow a running conversation started with (version 0: the draft, for previews).
/// Published versions never change and come from the node's cache of parsed flows.
async fn flow_of(state: &AppState, c: &Conversation, run: &BotRun) -> Result<Flow, BotError> {
    if !(run.preview && run.version == 0) {
        return select::published(state, c.account_id, run.chatbot_id, run.version)
            .await?
            .map(|p| p.flow.clone())
            .ok_or(BotError::Refused("stale_button"));
    }
    let document = state
        .store
        .chatbot(c.account_id, run.chatbot_id)
        .await?
        .map(|b| b.draft)
        .ok_or(BotError::Refused("stale_button"))?;
    Flow::parse(&document).map_err(|_| BotError::Refused("stale_button"))
}

/// Feeds one event to the conversation's bot and carries out what it decides.
pub async fn feed(
    state: &AppState,
    account: &Account,
    conversation: Conversation,
    visitor: &mut Visitor,
    flow: Option<Flow>,
    event: BotEvent,
) -> Result<Conversation, BotError> {
    // Decide on the stored conversation, not a socket's copy that another node or an agent
    // may have changed meanwhile.
    let conversation = state
        .store
        .conversation(conversation.account_id, conversation.id)
        .await?
        .ok_or(BotError::Refused("stale_button"))?;
    let Some(run) = conversation.bot.clone() else {
        return Err(BotError::Refused("not_allowed"));
    };
    // The visitor acted (a click or a typed answer), as opposed to the bot greeting on its
    // own: only that may bring a conversation to the team (§3).
    let by_visitor = matches!(
        event,
        BotEvent::ButtonClicked { .. } | BotEvent::VisitorTyped { .. }
    );
    let flow = match flow {
        Some(flow) => flow,
        None => match flow_of(state, &conversation, &run).await {
            Ok(flow) => flow,
            // The flow it started with is gone or broken: never a dead end (§4.1).
            Err(BotError::Refused(_)) if !run.state.finished => {
                tracing::error!(
                    conversation = conversation.id,
                    "bot flow unavailable: handing over"
                );
                let mut run = run;
                run.state.finished = true;
                let mut conversation = conversation;
                conversation.bot = Some(run);
                let actions = vec![Action::HandOver { text: None }];
                return super::bot_execute::execute(
                    state,
                    account,
                    conversation,
                    visitor,
                    actions,
                    by_visitor,
                )
                .await
                .map_err(Into::into);
            }
            Err(err) => return Err(err),
        },
    };
    let ctx = context(state, account, visitor).await?;
    let result = step(&flow, &run.state, &event, &ctx);
    if let Outcome::Rejected(why) = result.outcome {
        return Err(BotError::Refused(why));
    }
    if matches!(event, BotEvent::Triggered) {
        let now = state.now_ms();
        super::record::bot(
            state,
            &conversation,
            &run,
            StatKind::BotTriggered,
            None,
            None,
            now,
        )
        .await;
    }
    let mut conversation = conversation;
    let mut run = run;
    run.state = result.state;
    conversation.bot = Some(run);
    super::bot_execute::execute(
        state,
        account,
        conversation,
        visitor,
        result.actions,
        by_visitor,
    )
    .await
    .map_err(Into::into)
}

/// Whether the conversation's bot waits for a typed answer (a collect question), so the
/// visitor's next message answers it instead of escalating.
pub async fn awaits_answer(state: &AppState, c: &Conversation) -> bool {
    let Some(run) = c.bot.as_ref().filter(|r| !r.state.finished) else {
        return false;
    };
    let Some(at) = run.state.at.as_deref() else {
        return false;
    };
    match flow_of(state, c, run).await {
        Ok(flow) => matches!(
            flow.node(at),
            Some(frontdesk_core::flow::Node::Collect { .. })
        ),
        Err(_) => false,
    }
}
