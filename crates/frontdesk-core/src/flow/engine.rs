//! The flow engine: a pure step function. It never panics and never leaves a conversation
//! without a way forward: whatever goes wrong ends in a handover.

use super::{text::render, CollectField, Condition, ConditionOp, ContactField, Flow, Node};
use crate::{account::DisplayName, agent::Email};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most nodes one event may pass through; more means a loop, which hands over.
pub const MAX_STEPS: usize = 64;
/// Failed answers to a collect question before the team takes over.
pub const MAX_ATTEMPTS: u32 = 3;

/// Where a bot conversation stands; stored with the conversation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BotState {
    /// The buttons or collect node waiting for the visitor.
    pub at: Option<String>,
    /// Invalid answers to the current collect node.
    pub attempts: u32,
    /// Values collected or set by the flow.
    pub variables: BTreeMap<String, String>,
    /// The visitor clicked a button or answered a question.
    pub interacted: bool,
    /// The bot's part is over (end, handover, agent reply, timeout).
    pub finished: bool,
    /// How many questions the bot has asked: numbers each question, so one click per
    /// question is stored however often it arrives, and the same menu asked again is new.
    #[serde(default)]
    pub asked: u64,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BotEvent {
    Triggered,
    ButtonClicked { node: String, button: String },
    VisitorTyped { text: String },
    AgentReplied,
    Timeout,
}

/// What the flow may look at besides its own variables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlowContext {
    pub agents_online: bool,
    pub within_office_hours: bool,
    pub language: String,
    pub group: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A button as the chat box shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// What the server must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Post a bot message (with buttons, if any).
    Say {
        node: String,
        text: String,
        buttons: Vec<Choice>,
        disable_text_field: bool,
    },
    /// Record the visitor's click in the transcript.
    RecordChoice {
        node: String,
        button: String,
        label: String,
        /// Numbers the question answered (see [`BotState::asked`]).
        question: u64,
    },
    SetTag(String),
    SetContact {
        field: ContactField,
        value: String,
    },
    SetVariable {
        name: String,
        value: String,
    },
    /// The visitor interacted with the bot: the conversation may count (§7.1).
    CountInteraction,
    /// Move the conversation to the team (§4.1); `text` is posted first when given.
    HandOver {
        text: Option<String>,
    },
    /// The bot's part is done.
    End {
        text: String,
    },
}

/// Whether the event fitted the conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Accepted,
    /// Refused without any change (a stale or forged button, a bot already finished …).
    Rejected(&'static str),
}

struct Run<'a> {
    flow: &'a Flow,
    ctx: FlowContext,
    state: BotState,
    actions: Vec<Action>,
}

fn check(when: &Condition, ctx: &FlowContext, vars: &BTreeMap<String, String>) -> bool {
    let text = |v: Option<&String>| v.cloned();
    let actual: Option<serde_json::Value> = match when.attribute.as_str() {
        "agents_online" => Some(ctx.agents_online.into()),
        "within_office_hours" => Some(ctx.within_office_hours.into()),
        "language" => Some(ctx.language.clone().into()),
        "group" => text(ctx.group.as_ref()).map(Into::into),
        "contact.name" => text(ctx.name.as_ref()).map(Into::into),
        "contact.email" => text(ctx.email.as_ref()).map(Into::into),
        "contact.phone" => text(ctx.phone.as_ref()).map(Into::into),
        other => other
            .strip_prefix("var.")
            .and_then(|name| vars.get(name))
            .map(|v| v.clone().into()),
    };
    match when.op {
        ConditionOp::IsSet => actual.is_some_and(|v| v != "" && !v.is_null()),
        ConditionOp::IsNotSet => actual.is_none_or(|v| v == "" || v.is_null()),
        ConditionOp::Eq => actual.as_ref() == Some(&when.value),
        ConditionOp::NotEq => actual.as_ref() != Some(&when.value),
        ConditionOp::Contains => match (
            actual.as_ref().and_then(|v| v.as_str()),
            when.value.as_str(),
        ) {
            (Some(a), Some(b)) => a.to_lowercase().contains(&b.to_lowercase()),
            _ => false,
        },
    }
}

/// Checks a collected answer; returns the value to keep.
fn accept(field: CollectField, answer: &str) -> Option<String> {
    let answer = answer.trim();
    match field {
        CollectField::Email => Email::parse(answer).ok().map(|e| e.to_string()),
        CollectField::Name => DisplayName::parse(answer).ok().map(|n| n.to_string()),
        CollectField::Phone => crate::contact::parse_phone(answer).ok(),
        CollectField::Text => {
            (!answer.is_empty() && answer.chars().count() <= 1000).then(|| answer.to_owned())
        }
    }
}

impl Run<'_> {
    fn values(&self) -> BTreeMap<String, String> {
        let mut values = self.state.variables.clone();
        for (key, value) in [
            ("name", &self.ctx.name),
            ("email", &self.ctx.email),
            ("phone", &self.ctx.phone),
        ] {
            if let Some(value) = value {
                values
                    .entry(key.to_owned())
                    .or_insert_with(|| value.clone());
            }
        }
        values
    }

    /// Posts a bot message. `disable` hides the text field; a question the visitor answers
    /// by typing never does, whatever the flow says, or it could not be answered.
    fn say(&mut self, node: &str, text: &str, buttons: Vec<Choice>, disable: bool) {
        let text = render(text, &self.values());
        self.actions.push(Action::Say {
            node: node.to_owned(),
            text,
            buttons,
            disable_text_field: disable,
        });
    }

    /// Marks `node` as the question now waiting for the visitor.
    fn ask(&mut self, node: String) {
        self.state.asked += 1;
        self.state.at = Some(node);
    }

    fn hand_over(&mut self, text: Option<String>) {
        self.state.at = None;
        self.state.finished = true;
        self.actions.push(Action::HandOver { text });
    }

    fn count(&mut self) {
        if !self.state.interacted {
            self.state.interacted = true;
            self.actions.push(Action::CountInteraction);
        }
    }

    /// Runs from `id` until the flow waits for the visitor or the bot's part ends.
    fn run_from(&mut self, id: &str) {
        let mut current = id.to_owned();
        for _ in 0..MAX_STEPS {
            self.state.at = None;
            self.state.attempts = 0;
            let Some(node) = self.flow.node(&current) else {
                return self.hand_over(None);
            };
            match node {
                Node::Message {
                    text,
                    next,
                    disable_text_field,
                    ..
                } => {
                    let disable = *disable_text_field || self.flow.disable_text_field;
                    self.say(&current, text, Vec::new(), disable);
                    match next {
                        Some(next) => current = next.clone(),
                        None => return self.hand_over(None),
                    }
                }
                Node::Buttons {
                    text,
                    buttons,
                    disable_text_field,
                } => {
                    let choices = buttons
                        .iter()
                        .map(|b| Choice {
                            id: b.id.clone(),
                            label: render(&b.label, &self.values()),
                        })
                        .collect();
                    let disable = *disable_text_field || self.flow.disable_text_field;
                    self.say(&current, text, choices, disable);
                    self.ask(current);
                    return;
                }
                Node::Collect { text, .. } => {
                    self.say(&current, text, Vec::new(), false);
                    self.ask(current);
                    return;
                }
                Node::Set {
                    tag,
                    variable,
                    field,
                    value,
                    next,
                } => {
                    let value = render(value, &self.values());
                    if let Some(tag) = tag {
                        self.actions.push(Action::SetTag(tag.clone()));
                    } else if let Some(name) = variable {
                        self.state.variables.insert(name.clone(), value.clone());
                        self.actions.push(Action::SetVariable {
                            name: name.clone(),
                            value,
                        });
                    } else if let Some(field) = field {
                        self.set_contact(*field, value);
                    }
                    current = next.clone();
                }
                Node::Condition {
                    when,
                    then,
                    otherwise,
                } => {
                    current = if check(when, &self.ctx, &self.state.variables) {
                        then.clone()
                    } else {
                        otherwise.clone()
                    };
                }
                Node::Handover { text } => {
                    let text = render(text, &self.values());
                    return self.hand_over(Some(text));
                }
                Node::End { text } => {
                    let text = render(text, &self.values());
                    self.state.at = None;
                    self.state.finished = true;
                    self.actions.push(Action::End { text });
                    return;
                }
                Node::Goto { next } => current = next.clone(),
            }
        }
        // Too many steps for one event: a loop. Never strand the visitor.
        self.hand_over(None);
    }

    fn set_contact(&mut self, field: ContactField, value: String) {
        // Kept with the flow's own values too, so later texts can say `{{ email }}` even
        // before the server has stored the contact.
        let key = match field {
            ContactField::Name => "name",
            ContactField::Email => "email",
            ContactField::Phone => "phone",
        };
        self.state.variables.insert(key.to_owned(), value.clone());
        self.actions.push(Action::SetContact { field, value });
    }

    fn answer(&mut self, node_id: &str, text: &str) {
        let Some(Node::Collect {
            field,
            variable,
            retry,
            next,
            ..
        }) = self.flow.node(node_id)
        else {
            return self.hand_over(None);
        };
        match accept(*field, text) {
            Some(value) => {
                self.count();
                match field {
                    CollectField::Email => self.set_contact(ContactField::Email, value),
                    CollectField::Phone => self.set_contact(ContactField::Phone, value),
                    CollectField::Name => self.set_contact(ContactField::Name, value),
                    CollectField::Text => {
                        let name = variable.clone().unwrap_or_else(|| node_id.to_owned());
                        self.state.variables.insert(name.clone(), value.clone());
                        self.actions.push(Action::SetVariable { name, value });
                    }
                }
                let next = next.clone();
                self.run_from(&next);
            }
            None => {
                self.count();
                let attempts = self.state.attempts + 1;
                if attempts >= MAX_ATTEMPTS {
                    return self.hand_over(None);
                }
                self.say(node_id, retry, Vec::new(), false);
                self.state.at = Some(node_id.to_owned());
                self.state.attempts = attempts;
            }
        }
    }
}

/// The result of one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub state: BotState,
    pub actions: Vec<Action>,
    pub outcome: Outcome,
}

/// Advances a bot conversation by one event.
pub fn step(flow: &Flow, state: &BotState, event: &BotEvent, ctx: &FlowContext) -> Step {
    let rejected = |why| Step {
        state: state.clone(),
        actions: Vec::new(),
        outcome: Outcome::Rejected(why),
    };
    if state.finished {
        return rejected("finished");
    }
    let mut run = Run {
        flow,
        ctx: ctx.clone(),
        state: state.clone(),
        actions: Vec::new(),
    };
    match event {
        BotEvent::Triggered => {
            if state.at.is_some() || state.interacted {
                return rejected("already_started");
            }
            run.run_from(&flow.start);
        }
        BotEvent::ButtonClicked { node, button } => {
            if state.at.as_deref() != Some(node.as_str()) {
                return rejected("stale_button");
            }
            let Some(Node::Buttons { buttons, .. }) = flow.node(node) else {
                return rejected("stale_button");
            };
            let Some(chosen) = buttons.iter().find(|b| &b.id == button) else {
                return rejected("unknown_button");
            };
            run.actions.push(Action::RecordChoice {
                node: node.clone(),
                button: chosen.id.clone(),
                label: render(&chosen.label, &run.values()),
                question: state.asked,
            });
            run.count();
            run.run_from(&chosen.next.clone());
        }
        BotEvent::VisitorTyped { text } => match state.at.clone() {
            Some(at) if matches!(flow.node(&at), Some(Node::Collect { .. })) => {
                run.answer(&at, text)
            }
            // A typed message outside a question goes to the team (§7.1).
            _ => run.hand_over(None),
        },
        BotEvent::AgentReplied | BotEvent::Timeout => {
            run.state.at = None;
            run.state.finished = true;
        }
    }
    Step {
        state: run.state,
        actions: run.actions,
        outcome: Outcome::Accepted,
    }
}
