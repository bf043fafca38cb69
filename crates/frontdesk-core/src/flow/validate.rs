//! The validator of §4: every problem names its node, and errors block publishing.

use super::{
    CollectField, Condition, ConditionOp, Flow, Node, MAX_BUTTONS, MAX_NODES, MAX_TEXT_CHARS,
};
use crate::{account::Language, conversation::Tag};
use std::collections::{BTreeSet, HashMap, VecDeque};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The flow cannot be published.
    Error,
    /// Worth a look; publishing is allowed.
    Warning,
}

/// One problem in a flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// The node concerned, if any.
    pub node: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.node {
            Some(node) => write!(f, "{level}: node '{node}': {}", self.message),
            None => write!(f, "{level}: {}", self.message),
        }
    }
}

struct Findings(Vec<Finding>);

impl Findings {
    fn error(&mut self, node: Option<&str>, message: impl Into<String>) {
        self.push(Severity::Error, node, message);
    }
    fn push(&mut self, severity: Severity, node: Option<&str>, message: impl Into<String>) {
        self.0.push(Finding {
            severity,
            node: node.map(str::to_owned),
            message: message.into(),
        });
    }
}

/// Whether a condition attribute takes a boolean (true) or text (false); `None` if unknown.
fn attribute_is_boolean(attribute: &str) -> Option<bool> {
    match attribute {
        "agents_online" | "within_office_hours" => Some(true),
        "language" | "group" | "contact.name" | "contact.email" | "contact.phone" => Some(false),
        other if other.strip_prefix("var.").is_some_and(|v| !v.is_empty()) => Some(false),
        _ => None,
    }
}

fn check_condition(id: &str, when: &Condition, out: &mut Findings) {
    let Some(boolean) = attribute_is_boolean(&when.attribute) else {
        out.error(Some(id), format!("unknown attribute '{}'", when.attribute));
        return;
    };
    let value_ok = match when.op {
        ConditionOp::IsSet | ConditionOp::IsNotSet => true,
        ConditionOp::Eq | ConditionOp::NotEq if boolean => when.value.is_boolean(),
        ConditionOp::Contains if boolean => false,
        _ => when.value.is_string(),
    };
    if !value_ok {
        let expected = if boolean { "true or false" } else { "a text" };
        out.error(
            Some(id),
            format!(
                "the condition can never hold: '{}' {:?} needs {expected}",
                when.attribute, when.op
            ),
        );
    }
}

fn check_text(id: &str, what: &str, text: &str, out: &mut Findings) {
    if text.trim().is_empty() {
        out.error(Some(id), format!("the {what} is missing"));
    } else if text.chars().count() > MAX_TEXT_CHARS {
        out.error(
            Some(id),
            format!("the {what} is longer than {MAX_TEXT_CHARS} characters"),
        );
    }
}

fn check_node(id: &str, node: &Node, flow: &Flow, out: &mut Findings) {
    for target in node.targets() {
        if !flow.nodes.contains_key(target) {
            out.error(
                Some(id),
                format!("leads to '{target}', which does not exist"),
            );
        }
    }
    match node {
        Node::Message { text, next, .. } => {
            check_text(id, "text", text, out);
            if next.is_none() {
                out.error(
                    Some(id),
                    "dead end: add `next`, or make it an end or a handover",
                );
            }
        }
        Node::Buttons { text, buttons, .. } => {
            check_text(id, "question", text, out);
            if buttons.is_empty() || buttons.len() > MAX_BUTTONS {
                out.error(Some(id), format!("needs 1 to {MAX_BUTTONS} buttons"));
            }
            let mut seen = BTreeSet::new();
            for button in buttons {
                if button.id.trim().is_empty() || !seen.insert(button.id.as_str()) {
                    out.error(
                        Some(id),
                        format!("button id '{}' is empty or repeated", button.id),
                    );
                }
                check_text(
                    id,
                    &format!("label of button '{}'", button.id),
                    &button.label,
                    out,
                );
            }
        }
        Node::Collect {
            text,
            retry,
            field,
            variable,
            ..
        } => {
            check_text(id, "question", text, out);
            check_text(id, "retry text", retry, out);
            if *field == CollectField::Text && variable.as_deref().is_none_or(str::is_empty) {
                out.error(
                    Some(id),
                    "collecting free text needs a `variable` to keep it in",
                );
            }
        }
        Node::Set {
            tag,
            variable,
            field,
            ..
        } => {
            let targets = [tag.is_some(), variable.is_some(), field.is_some()];
            if targets.iter().filter(|t| **t).count() != 1 {
                out.error(Some(id), "set exactly one of `tag`, `variable` or `field`");
            }
            if let Some(tag) = tag {
                if Tag::parse(tag).is_err() {
                    out.error(Some(id), format!("'{tag}' is not a valid tag"));
                }
            }
        }
        Node::Condition { when, .. } => check_condition(id, when, out),
        Node::Handover { text } => check_text(id, "handover message", text, out),
        Node::End { text } => check_text(id, "closing message", text, out),
        Node::Goto { next } if next == id => {
            out.error(Some(id), "jumps to itself");
        }
        Node::Goto { .. } => {}
    }
}

/// Nodes reachable from `start` by following targets.
fn reachable(flow: &Flow) -> BTreeSet<&str> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([flow.start.as_str()]);
    while let Some(id) = queue.pop_front() {
        let Some(node) = flow.nodes.get(id) else {
            continue;
        };
        if seen.insert(id) {
            queue.extend(node.targets());
        }
    }
    seen
}

/// Nodes from which some end or handover can be reached.
fn can_finish(flow: &Flow) -> BTreeSet<&str> {
    let mut leads_here: HashMap<&str, Vec<&str>> = HashMap::new();
    for (id, node) in &flow.nodes {
        for target in node.targets() {
            leads_here.entry(target).or_default().push(id);
        }
    }
    let mut done: BTreeSet<&str> = BTreeSet::new();
    let mut queue: VecDeque<&str> = flow
        .nodes
        .iter()
        .filter(|(_, n)| n.is_terminal())
        .map(|(id, _)| id.as_str())
        .collect();
    while let Some(id) = queue.pop_front() {
        if done.insert(id) {
            queue.extend(leads_here.get(id).into_iter().flatten().copied());
        }
    }
    done
}

/// Checks a flow; an empty result means it can be published as it is.
pub fn validate(flow: &Flow) -> Vec<Finding> {
    let mut out = Findings(Vec::new());
    if Language::parse(&flow.language).is_err() {
        out.error(None, format!("'{}' is not a language tag", flow.language));
    }
    if flow.nodes.is_empty() || flow.nodes.len() > MAX_NODES {
        out.error(None, format!("a flow has 1 to {MAX_NODES} nodes"));
        return out.0;
    }
    if !flow.nodes.contains_key(&flow.start) {
        out.error(
            None,
            format!("the start node '{}' does not exist", flow.start),
        );
    }
    for (id, node) in &flow.nodes {
        check_node(id, node, flow, &mut out);
    }
    let reached = reachable(flow);
    let finishing = can_finish(flow);
    for id in flow.nodes.keys() {
        if !reached.contains(id.as_str()) {
            out.error(Some(id), "is never reached from the start");
        } else if !finishing.contains(id.as_str()) {
            out.error(
                Some(id),
                "never reaches an end or a handover (a loop without a way out)",
            );
        }
    }
    check_trigger(&flow.trigger, &mut out);
    if let Some(conditions) = &flow.conditions {
        match crate::targeting::compile(conditions) {
            Ok((_, warnings)) => {
                for warning in warnings {
                    out.push(Severity::Warning, None, format!("conditions: {warning}"));
                }
            }
            Err(err) => out.error(None, format!("conditions: {err}")),
        }
    }
    if flow.disable_text_field && !flow.nodes.values().any(Node::is_terminal) {
        out.error(
            None,
            "with the text field disabled the visitor needs a way to a person",
        );
    }
    out.0
        .sort_by(|a, b| (a.severity, &a.node).cmp(&(b.severity, &b.node)));
    out.0
}

/// Whether any finding blocks publishing.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// Longest custom event name a trigger may wait for.
const MAX_EVENT_NAME: usize = 100;

fn check_trigger(trigger: &super::Trigger, out: &mut Findings) {
    use super::Trigger;
    match trigger {
        Trigger::NoReply { seconds } if !(5..=3600).contains(seconds) => out.error(
            None,
            "a chatbot joins after 5 to 3600 seconds without a reply",
        ),
        Trigger::Page { seconds } | Trigger::ReturningVisit { seconds } if *seconds > 3600 => {
            out.error(None, "a chatbot greets at most 3600 seconds after landing")
        }
        Trigger::Scroll { percent } if !(1..=100).contains(percent) => {
            out.error(None, "the scroll trigger takes a percentage from 1 to 100")
        }
        Trigger::Event { name }
            if name.is_empty()
                || name.len() > MAX_EVENT_NAME
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-.:".contains(c)) =>
        {
            out.error(
                None,
                format!(
                    "an event name has 1 to {MAX_EVENT_NAME} letters, digits or _ - . : characters"
                ),
            )
        }
        _ => {}
    }
}
