//! Playing a scripted conversation through a flow and writing the transcript, so flows kept
//! in a repository can be tested (`frontdesk flow simulate`).

use super::{step, Action, BotEvent, BotState, Flow, FlowContext, Node, Outcome};
use std::fmt::Write;

/// One line of a script: `click ID-or-label`, `type TEXT`, `agent` or `timeout`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScriptStep {
    Click(String),
    Type(String),
    Agent,
    Timeout,
}

/// Parses a script: steps separated by new lines or `;`, blank ones and `#` comments skipped.
pub fn parse_script(text: &str) -> Result<Vec<ScriptStep>, String> {
    text.split(['\n', ';'])
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let (verb, rest) = line.split_once(' ').unwrap_or((line, ""));
            let rest = rest.trim().to_owned();
            match verb {
                "click" if !rest.is_empty() => Ok(ScriptStep::Click(rest)),
                "type" => Ok(ScriptStep::Type(rest)),
                "agent" => Ok(ScriptStep::Agent),
                "timeout" => Ok(ScriptStep::Timeout),
                _ => Err(format!(
                    "'{line}' is not a step (use: click BUTTON, type TEXT, agent, timeout)"
                )),
            }
        })
        .collect()
}

/// Writes what the actions of one step show.
fn describe(out: &mut String, actions: Vec<Action>, counted: &mut bool) {
    for action in actions {
        let _ = match action {
            Action::Say { text, buttons, .. } => {
                let _ = writeln!(out, "bot: {text}");
                for b in buttons {
                    let _ = writeln!(out, "     [{}] {}", b.id, b.label);
                }
                Ok(())
            }
            Action::RecordChoice { label, .. } => writeln!(out, "visitor clicks: {label}"),
            Action::SetTag(tag) => writeln!(out, "  (tag: {tag})"),
            Action::SetContact { field, value } => writeln!(out, "  (contact {field:?}: {value})"),
            Action::SetVariable { name, value } => writeln!(out, "  ({name} = {value})"),
            Action::CountInteraction => {
                *counted = true;
                Ok(())
            }
            Action::HandOver { text } => {
                if let Some(text) = text {
                    let _ = writeln!(out, "bot: {text}");
                }
                writeln!(out, "-- handed over to the team")
            }
            Action::End { text } => {
                let _ = writeln!(out, "bot: {text}");
                writeln!(out, "-- the bot's part is done")
            }
        };
    }
}

/// The event a script step stands for, given where the conversation is.
fn event_for(
    flow: &Flow,
    state: &BotState,
    s: &ScriptStep,
) -> Result<(BotEvent, Option<String>), String> {
    Ok(match s {
        ScriptStep::Click(which) => {
            let at = state.at.clone().unwrap_or_default();
            let Some(Node::Buttons { buttons, .. }) = flow.node(&at) else {
                return Err(format!(
                    "'click {which}': the bot asks no question with buttons now"
                ));
            };
            let chosen = buttons
                .iter()
                .find(|b| b.id == *which || b.label.eq_ignore_ascii_case(which))
                .ok_or_else(|| format!("'click {which}': no such button on '{at}'"))?;
            (
                BotEvent::ButtonClicked {
                    node: at,
                    button: chosen.id.clone(),
                },
                None,
            )
        }
        ScriptStep::Type(text) => (
            BotEvent::VisitorTyped { text: text.clone() },
            Some(format!("visitor: {text}")),
        ),
        ScriptStep::Agent => (BotEvent::AgentReplied, Some("agent replies".to_owned())),
        ScriptStep::Timeout => (BotEvent::Timeout, Some("(the visitor leaves)".to_owned())),
    })
}

/// Plays `script` after the bot triggers and returns the transcript.
pub fn simulate(flow: &Flow, script: &[ScriptStep], ctx: &FlowContext) -> Result<String, String> {
    let mut out = String::new();
    let mut counted = false;
    let first = step(flow, &BotState::default(), &BotEvent::Triggered, ctx);
    let mut state = first.state;
    describe(&mut out, first.actions, &mut counted);
    for s in script {
        let (event, echo) = event_for(flow, &state, s)?;
        if let Some(echo) = echo {
            let _ = writeln!(out, "{echo}");
        }
        let result = step(flow, &state, &event, ctx);
        if let Outcome::Rejected(why) = result.outcome {
            let _ = writeln!(out, "(refused: {why})");
        }
        state = result.state;
        describe(&mut out, result.actions, &mut counted);
    }
    let verdict = if counted {
        "counted as a chatbot conversation"
    } else {
        "not a chatbot conversation (no interaction with the bot)"
    };
    let _ = writeln!(out, "-- {verdict}");
    Ok(out)
}
