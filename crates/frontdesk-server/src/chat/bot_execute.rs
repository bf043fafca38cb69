//! Carrying out what the flow engine decided for one bot step: what the bot says, the
//! visitor's click, tags, contact fields, the count against the plan (§7.1) and handovers,
//! stored in as few durable commits as the step allows.

use super::ops;
use crate::{metering::PendingCount, state::AppState};
use frontdesk_core::{
    account::Account,
    conversation::{
        AuthorKind, ChosenButton, Conversation, ConversationStatus, MessageKind, MessagePayload,
        NewMessage, Visitor,
    },
    flow::{Action, BotRun, ContactField},
    metering::{CountReason, CountResult},
    stats::StatKind,
};
use frontdesk_store::StoreError;
use std::collections::VecDeque;

/// Everything a step changes before it is stored; cloned where the step may have to go back.
#[derive(Clone)]
struct Step {
    c: Conversation,
    run: BotRun,
    /// What the step says waits here and is stored in one commit: at the end, or before
    /// anything that must not happen twice when the click turns out to be a repeat (a
    /// handover's e-mail).
    said: Vec<(NewMessage, Option<String>)>,
    stats: super::record::BotEvents,
    visitor: Visitor,
    visitor_changed: bool,
}

/// The visitor's first interaction, counted in the commit of what the step says next (one
/// durable commit instead of two, and one wait for the writer), and the step as it stood
/// before it: should the period's limit turn out to be reached, the step goes back there
/// and hands over instead.
struct CountAhead {
    count: PendingCount,
    before: Step,
}

/// How storing what was said went.
#[derive(Clone, Copy)]
enum Stored {
    Done,
    /// The first message (the click) had been stored before: another socket or node
    /// carries this step out.
    Repeat,
    /// The count found the limit reached: nothing was written, and the step is back to
    /// before the count, handing over.
    Exhausted,
}

/// Carries out the engine's actions in order, then saves the conversation and the visitor.
pub(super) async fn execute(
    state: &AppState,
    account_data: &Account,
    c: Conversation,
    visitor: &mut Visitor,
    actions: Vec<Action>,
    by_visitor: bool,
) -> Result<Conversation, StoreError> {
    let Some(run) = c.bot.clone() else {
        return Ok(c);
    };
    let mut step = Step {
        c,
        run,
        said: Vec::new(),
        stats: Default::default(),
        visitor: visitor.clone(),
        visitor_changed: false,
    };
    let mut actions = VecDeque::from(actions);
    let stored = run_to_end(state, account_data, &mut step, &mut actions, by_visitor).await;
    // The caller sees the visitor as the step left it, saved or not (as it sees `c`).
    *visitor = step.visitor.clone();
    if let Stored::Repeat = stored? {
        return Ok(step.c);
    }
    let Step { mut c, run, .. } = step;
    if step.visitor_changed {
        state.store.save_visitor(visitor).await?;
        crate::webhooks::events::contact_updated(state, visitor).await?;
    }
    step.stats.record(state);
    // `c` is what the commit stored: subscribers here take it instead of reading it again.
    ops::publish_changed_to(state, c.account_id, &c);
    // A finishing bot closes the conversation when its part ends.
    let finishing_done = run.reason == CountReason::Finished
        && run.state.finished
        && c.status == ConversationStatus::Bot;
    if finishing_done {
        c = ops::close_conversation(state, c, None, "chatbot").await?;
    }
    Ok(c)
}

/// Carries out every action and stores the step: `Done`, or `Repeat` where it stopped.
async fn run_to_end(
    state: &AppState,
    account_data: &Account,
    step: &mut Step,
    actions: &mut VecDeque<Action>,
    by_visitor: bool,
) -> Result<Stored, StoreError> {
    let mut ahead: Option<CountAhead> = None;
    loop {
        while let Some(action) = actions.pop_front() {
            let lasting = matches!(action, Action::HandOver { .. });
            if lasting && (!step.said.is_empty() || ahead.is_some()) {
                // Stored first (the count too: going back to before it must not repeat a
                // lasting action); then the action comes again with nothing waiting.
                actions.push_front(action);
                let save = false;
                match commit(state, account_data, step, save, &mut ahead, actions).await? {
                    Stored::Repeat => return Ok(Stored::Repeat),
                    Stored::Done | Stored::Exhausted => continue,
                }
            }
            if let Action::CountInteraction = action {
                ahead = count_ahead(state, account_data, step).await?.or(ahead);
                continue;
            }
            carry_out(state, account_data, step, action, by_visitor).await?;
        }
        // What is left to say and the conversation go in one commit.
        step.c.bot = Some(step.run.clone());
        step.c.updated_at_ms = state.now_ms();
        match commit(state, account_data, step, true, &mut ahead, actions).await? {
            Stored::Exhausted => continue,
            done_or_repeat => return Ok(done_or_repeat),
        }
    }
}

/// The visitor's first interaction: the conversation counts (§7.1), exactly once and never
/// past the limit. The step goes on as counted; the count itself is stored with what the
/// step says next (see `commit`).
async fn count_ahead(
    state: &AppState,
    account_data: &Account,
    step: &mut Step,
) -> Result<Option<CountAhead>, StoreError> {
    step.c.visitor_acted = true;
    if step.run.preview || step.run.counted {
        return Ok(None);
    }
    let (id, run) = (step.c.id, &step.run);
    let count =
        crate::metering::prepare(state, account_data, id, run.chatbot_id, run.reason).await?;
    let before = step.clone();
    let (kind, now) = (StatKind::BotEngaged, state.now_ms());
    step.stats.add(&step.c, &step.run, kind, None, None, now);
    step.run.counted = true;
    Ok(Some(CountAhead { count, before }))
}

/// Stores what the step has said so far, with the pending count if there is one. When that
/// count finds the limit reached (the last unit taken by someone else), the step goes back
/// to before the count and hands over instead of going on: never a dead end, never over
/// the limit.
async fn commit(
    state: &AppState,
    account_data: &Account,
    step: &mut Step,
    save: bool,
    ahead: &mut Option<CountAhead>,
    actions: &mut VecDeque<Action>,
) -> Result<Stored, StoreError> {
    let count = ahead.as_ref().map(|a| &a.count);
    let stored = store_said(state, account_data, step, save, count).await?;
    let back = ahead.take();
    if let (Stored::Exhausted, Some(back)) = (stored, back) {
        *step = back.before;
        step.run.state.finished = true;
        step.run.state.at = None;
        actions.clear();
        actions.push_back(Action::HandOver { text: None });
    }
    Ok(stored)
}

/// Stores the messages a step has said so far, in one durable commit (after `count`, when
/// given), with the conversation itself when `save`.
async fn store_said(
    state: &AppState,
    account_data: &Account,
    step: &mut Step,
    save: bool,
    count: Option<&PendingCount>,
) -> Result<Stored, StoreError> {
    let c = &mut step.c;
    let then_save = save.then(|| c.clone());
    let appended = match count {
        None => ops::append_all(state, c.account_id, c.id, &step.said, then_save.as_ref()).await?,
        Some(count) => {
            let (said, saved) = (&step.said, then_save.as_ref());
            let done = state
                .store
                .append_counted(&count.request, said, saved)
                .await?;
            // Both are told, even if telling of the other fails: the count and the messages
            // are stored either way.
            let settled = crate::metering::settle(state, account_data, count, done.count).await;
            ops::announce(state, c.account_id, &done.appended, saved).await?;
            settled?;
            if done.count == CountResult::Exhausted {
                return Ok(Stored::Exhausted);
            }
            done.appended
        }
    };
    step.said.clear();
    if let Some(repeat) = appended.iter().find(|a| a.duplicate) {
        *c = repeat.conversation.clone();
        return Ok(Stored::Repeat);
    }
    if let Some(last) = appended.last() {
        // What the append changed in the stored conversation (its numbering and activity
        // time), without losing what this step changed and has not saved yet.
        c.last_seq = last.conversation.last_seq;
        c.last_message_at_ms = last.conversation.last_message_at_ms;
    }
    Ok(Stored::Done)
}

/// Carries out one action other than the count.
async fn carry_out(
    state: &AppState,
    account_data: &Account,
    step: &mut Step,
    action: Action,
    by_visitor: bool,
) -> Result<(), StoreError> {
    let Step {
        c,
        run,
        said,
        stats,
        visitor,
        visitor_changed,
    } = step;
    match action {
        Action::Say {
            node,
            text,
            buttons,
            disable_text_field,
        } => {
            run.text_disabled = disable_text_field;
            let now = state.now_ms();
            stats.add(c, run, StatKind::NodeVisited, Some(node.clone()), None, now);
            let payload = MessagePayload {
                node: Some(node),
                buttons,
                ..MessagePayload::default()
            };
            said.push((bot_says(run, &text, Some(payload)), None));
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
            // One click per question: a double click, or a second node handling the same
            // click, hits the same key; then the other one carries the click out and this
            // one stops, so the bot never answers twice.
            let key = format!("v:{}:click:{}:{question}", visitor.id, c.id);
            said.push((click, Some(key)));
            let kind = StatKind::ButtonClicked;
            stats.add(c, run, kind, Some(node), Some(button), state.now_ms());
        }
        Action::SetTag(tag) => {
            if !c.tags.contains(&tag) {
                c.tags.push(tag);
                c.tags.sort();
            }
        }
        Action::SetContact { field, value } => {
            *visitor_changed = true;
            match field {
                ContactField::Name => visitor.name = Some(value),
                ContactField::Email => visitor.email = Some(value),
                ContactField::Phone => visitor.phone = Some(value),
            }
        }
        Action::SetVariable { name, value } => {
            *visitor_changed = true;
            visitor.variables.insert(name, value);
        }
        // Handled by `count_ahead`.
        Action::CountInteraction => {}
        Action::HandOver { text } => {
            run.text_disabled = false;
            if let Some(text) = text {
                said.push((bot_says(run, &text, None), None));
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
            if visitor_took_part && !ops::agents_online(state, c.account_id).await? {
                let who = visitor.email.clone().unwrap_or_else(|| visitor.id.clone());
                let page = visitor.current_url.clone().unwrap_or_default();
                let subject = "handover-email-subject";
                ops::email_team(state, account_data, "handover", subject, &who, &page).await?;
            }
        }
        Action::End { text } => {
            run.text_disabled = false;
            said.push((bot_says(run, &text, None), None));
        }
    }
    Ok(())
}

fn bot_says(run: &BotRun, text: &str, payload: Option<MessagePayload>) -> NewMessage {
    let mut message = NewMessage::text(AuthorKind::Bot, MessageKind::Message, text);
    message.author_name = Some(run.name.clone());
    message.payload = payload;
    message
}
