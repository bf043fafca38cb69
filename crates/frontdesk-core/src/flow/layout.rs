//! A layered layout of a flow for the editor's diagram: nodes in rows by their distance
//! from the start, edges labelled with the button or branch that takes them.

use super::{Flow, Node};
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};

const NODE_W: i64 = 210;
const NODE_H: i64 = 64;
const GAP_X: i64 = 40;
const GAP_Y: i64 = 80;
const MARGIN: i64 = 20;

/// A positioned node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiagramNode {
    pub id: String,
    pub kind: &'static str,
    pub text: String,
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
    pub start: bool,
}

/// An arrow between two nodes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiagramEdge {
    pub from: String,
    pub to: String,
    pub label: String,
}

/// A flow laid out for drawing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagram {
    pub width: i64,
    pub height: i64,
    pub nodes: Vec<DiagramNode>,
    pub edges: Vec<DiagramEdge>,
}

fn text_of(node: &Node) -> String {
    let text = match node {
        Node::Message { text, .. }
        | Node::Buttons { text, .. }
        | Node::Collect { text, .. }
        | Node::Handover { text }
        | Node::End { text } => text.clone(),
        Node::Set { tag: Some(tag), .. } => format!("tag: {tag}"),
        Node::Set {
            variable: Some(v),
            value,
            ..
        } => format!("{v} = {value}"),
        Node::Set {
            field: Some(f),
            value,
            ..
        } => format!("{f:?} = {value}"),
        Node::Set { .. } => String::new(),
        Node::Condition { when, .. } => {
            let op = serde_json::to_value(when.op).unwrap_or_default();
            format!(
                "{} {} {}",
                when.attribute,
                op.as_str().unwrap_or(""),
                when.value
            )
        }
        Node::Goto { next } => format!("→ {next}"),
    };
    text.chars().take(80).collect()
}

fn edges_of(id: &str, node: &Node) -> Vec<DiagramEdge> {
    let edge = |to: &str, label: &str| DiagramEdge {
        from: id.to_owned(),
        to: to.to_owned(),
        label: label.to_owned(),
    };
    match node {
        Node::Buttons { buttons, .. } => buttons.iter().map(|b| edge(&b.next, &b.label)).collect(),
        Node::Condition {
            then, otherwise, ..
        } => vec![edge(then, "then"), edge(otherwise, "else")],
        other => other.targets().into_iter().map(|t| edge(t, "")).collect(),
    }
}

/// Lays out `flow`: rows by breadth-first distance from the start; nodes the start never
/// reaches go in a last row, so they are visible too.
pub fn layout(flow: &Flow) -> Diagram {
    let mut depth: BTreeMap<&str, usize> = BTreeMap::new();
    let mut queue = VecDeque::new();
    if flow.nodes.contains_key(&flow.start) {
        depth.insert(flow.start.as_str(), 0);
        queue.push_back(flow.start.as_str());
    }
    while let Some(id) = queue.pop_front() {
        let d = depth[id];
        for target in flow.nodes[id].targets() {
            if flow.nodes.contains_key(target) && !depth.contains_key(target) {
                depth.insert(target, d + 1);
                queue.push_back(target);
            }
        }
    }
    let last = depth.values().max().map_or(0, |d| d + 1);
    let mut rows: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for id in flow.nodes.keys() {
        rows.entry(*depth.get(id.as_str()).unwrap_or(&last))
            .or_default()
            .push(id);
    }
    let widest = rows.values().map(Vec::len).max().unwrap_or(1) as i64;
    let width = 2 * MARGIN + widest * NODE_W + (widest - 1).max(0) * GAP_X;
    let mut nodes = Vec::new();
    for (row_index, (_, ids)) in rows.iter().enumerate() {
        let row_width = ids.len() as i64 * NODE_W + (ids.len() as i64 - 1) * GAP_X;
        let left = (width - row_width) / 2;
        for (i, id) in ids.iter().enumerate() {
            let node = &flow.nodes[*id];
            nodes.push(DiagramNode {
                id: (*id).to_owned(),
                kind: node.kind(),
                text: text_of(node),
                x: left + i as i64 * (NODE_W + GAP_X),
                y: MARGIN + row_index as i64 * (NODE_H + GAP_Y),
                w: NODE_W,
                h: NODE_H,
                start: *id == flow.start,
            });
        }
    }
    let edges = flow
        .nodes
        .iter()
        .flat_map(|(id, node)| edges_of(id, node))
        .filter(|e| flow.nodes.contains_key(&e.to))
        .collect();
    let height = 2 * MARGIN + rows.len() as i64 * (NODE_H + GAP_Y) - GAP_Y;
    Diagram {
        width,
        height,
        nodes,
        edges,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_sit_in_rows_by_distance_and_edges_carry_labels() {
        let flow =
            Flow::parse(include_str!("../../../../flows/templates/faq-menu.en.yaml")).unwrap();
        let diagram = layout(&flow);
        assert_eq!(diagram.nodes.len(), flow.nodes.len());
        let y = |id: &str| diagram.nodes.iter().find(|n| n.id == id).unwrap().y;
        assert!(y("welcome") < y("shipping") && y("shipping") < y("more"));
        assert!(diagram.nodes.iter().any(|n| n.id == "welcome" && n.start));
        assert!(diagram
            .edges
            .iter()
            .any(|e| e.from == "welcome" && e.to == "returns" && e.label == "Returns"));
        assert!(diagram
            .edges
            .iter()
            .any(|e| e.from == "check_team" && e.label == "else"));
        for n in &diagram.nodes {
            assert!(n.x >= 0 && n.x + n.w <= diagram.width && n.y + n.h <= diagram.height);
        }
    }
}
