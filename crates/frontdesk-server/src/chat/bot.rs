//! Running chatbots in conversations (§4): choosing the chatbot, feeding the engine its
//! events and carrying out the actions it decides. The engine decides; this executes.

use super::{ops, select};
use crate::state::AppState;
use chrono::Utc;
use frontdesk_core::metering::CountResult;
use frontdesk_core::stats::StatKind;
use frontdesk_core::{
    account::Account,
    conversation::{
        AuthorKind, ChosenButton, Conversation, ConversationStatus, MessageKind, MessagePayload,
        NewMessage, Visitor,
    },
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
                return execute(state, account, conversation, visitor, actions, by_visitor)
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
    execute(
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

fn bot_says(run: &BotRun, text: &str, payload: Option<MessagePayload>) -> NewMessage {
    let mut message = NewMessage::text(AuthorKind::Bot, MessageKind::Message, text);
    message.author_name = Some(run.name.clone());
    message.payload = payload;
    message
}

/// Takes what an append changed in the stored conversation (its numbering and activity
/// time) without losing what this run changed and has not saved yet.
fn absorb(c: &mut Conversation, stored: Conversation) {
    c.last_seq = stored.last_seq;
    c.last_message_at_ms = stored.last_message_at_ms;
}

/// Stores the messages a step has said so far, in one durable commit, with the conversation
/// itself when `save`. `false` when the first of them (the click) had been stored before:
/// another socket or node carries this step out.
async fn store_said(
    state: &AppState,
    c: &mut Conversation,
    said: &mut Vec<(NewMessage, Option<String>)>,
    save: bool,
) -> Result<bool, StoreError> {
    let then_save = save.then(|| c.clone());
    let appended = ops::append_all(state, c.account_id, c.id, said, then_save.as_ref()).await?;
    said.clear();
    if let Some(repeat) = appended.iter().find(|a| a.duplicate) {
        *c = repeat.conversation.clone();
        return Ok(false);
    }
    if let Some(last) = appended.last() {
        absorb(c, last.conversation.clone());
    }
    Ok(true)
}

/// Carries out the engine's actions in order, then saves the conversation and the visitor.
async fn execute(
    state: &AppState,
    account_data: &Account,
    mut c: Conversation,
    visitor: &mut Visitor,
    actions: Vec<Action>,
    by_visitor: bool,
) -> Result<Conversation, StoreError> {
    let (account, id) = (c.account_id, c.id);
    let Some(mut run) = c.bot.clone() else {
        return Ok(c);
    };
    let mut visitor_changed = false;
    let mut stats = super::record::BotEvents::default();
    // What the step says waits here and is stored in one commit: at the end, or before
    // anything that must not happen twice when the click turns out to be a repeat (a
    // handover's e-mail). The count is not such a thing: a conversation counts once however
    // often it is counted, so the first click is not stored ahead of it.
    let mut said: Vec<(NewMessage, Option<String>)> = Vec::new();
    let mut actions = std::collections::VecDeque::from(actions);
    while let Some(action) = actions.pop_front() {
        let lasting = matches!(action, Action::HandOver { .. });
        if lasting && !said.is_empty() && !store_said(state, &mut c, &mut said, false).await? {
            return Ok(c);
        }
        match action {
            Action::Say {
                node,
                text,
                buttons,
                disable_text_field,
            } => {
                run.text_disabled = disable_text_field;
                let now = state.now_ms();
                stats.add(
                    &c,
                    &run,
                    StatKind::NodeVisited,
                    Some(node.clone()),
                    None,
                    now,
                );
                let payload = MessagePayload {
                    node: Some(node),
                    buttons,
                    ..MessagePayload::default()
                };
                said.push((bot_says(&run, &text, Some(payload)), None));
            }
            Action::RecordChoice {
                node,
                button,
                label,
                question,
            } => {
                let mut click = NewMessage::text(AuthorKind::Visitor, MessageKind::Message, &label);
                click.author_name = visitor.name.clone();
                click.answers_bot = true;
                click.payload = Some(MessagePayload {
                    choice: Some(ChosenButton {
                        node: node.clone(),
                        button: button.clone(),
                    }),
                    ..MessagePayload::default()
                });
                // One click per question: a double click, or a second node handling the
                // same click, hits the same key; then the other one carries the click out and
                // this one stops, so the bot never answers twice.
                let key = format!("v:{}:click:{}:{question}", visitor.id, c.id);
                said.push((click, Some(key)));
                let kind = StatKind::ButtonClicked;
                stats.add(&c, &run, kind, Some(node), Some(button), state.now_ms());
            }
            Action::SetTag(tag) => {
                if !c.tags.contains(&tag) {
                    c.tags.push(tag);
                    c.tags.sort();
                }
            }
            Action::SetContact { field, value } => {
                visitor_changed = true;
                match field {
                    frontdesk_core::flow::ContactField::Name => visitor.name = Some(value),
                    frontdesk_core::flow::ContactField::Email => visitor.email = Some(value),
                    frontdesk_core::flow::ContactField::Phone => visitor.phone = Some(value),
                }
            }
            Action::SetVariable { name, value } => {
                visitor_changed = true;
                visitor.variables.insert(name, value);
            }
            // The visitor's first interaction: the conversation counts (§7.1), exactly once
            // and never past the limit. With the last unit taken by someone else, the bot
            // hands over instead of going on: never a dead end, never over the limit.
            Action::CountInteraction => {
                c.visitor_acted = true;
                if !run.preview && !run.counted {
                    let result =
                        crate::metering::count(state, account_data, id, run.chatbot_id, run.reason)
                            .await?;
                    match result {
                        CountResult::Counted { .. } | CountResult::AlreadyCounted => {
                            let (kind, now) = (StatKind::BotEngaged, state.now_ms());
                            stats.add(&c, &run, kind, None, None, now);
                            run.counted = true
                        }
                        CountResult::Exhausted => {
                            run.state.finished = true;
                            run.state.at = None;
                            actions.clear();
                            actions.push_back(Action::HandOver { text: None });
                        }
                    }
                }
            }
            Action::HandOver { text } => {
                run.text_disabled = false;
                if let Some(text) = text {
                    said.push((bot_says(&run, &text, None), None));
                }
                // A flow that hands over on its own, before the visitor did anything, does not
                // bring an empty conversation to the team (§3).
                let visitor_took_part = by_visitor || c.visitor_acted;
                c.visitor_acted = visitor_took_part;
                if c.status == ConversationStatus::Bot {
                    c.status = ConversationStatus::Open;
                }
                said.push((NewMessage::event("handover", &run.name, None), None));
                // Online agents hear it in the inbox; with nobody there, the team is e-mailed.
                if visitor_took_part && !ops::agents_online(state, account).await? {
                    let who = visitor.email.clone().unwrap_or_else(|| visitor.id.clone());
                    let page = visitor.current_url.clone().unwrap_or_default();
                    let subject = "handover-email-subject";
                    ops::email_team(state, account_data, "handover", subject, &who, &page).await?;
                }
            }
            Action::End { text } => {
                run.text_disabled = false;
                said.push((bot_says(&run, &text, None), None));
            }
        }
    }
    // A finishing bot closes the conversation when its part ends.
    let finishing_done = run.reason == frontdesk_core::metering::CountReason::Finished
        && run.state.finished
        && c.status == ConversationStatus::Bot;
    c.bot = Some(run);
    c.updated_at_ms = state.now_ms();
    // What is left to say and the conversation go in one commit.
    if !store_said(state, &mut c, &mut said, true).await? {
        return Ok(c);
    }
    if visitor_changed {
        state.store.save_visitor(visitor).await?;
        crate::webhooks::events::contact_updated(state, visitor).await?;
    }
    stats.record(state);
    // `c` is what the commit stored: subscribers here take it instead of reading it again.
    ops::publish_changed_to(state, account, &c);
    if finishing_done {
        c = ops::close_conversation(state, c, None, "chatbot").await?;
    }
    Ok(c)
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
