//! The chatbot funnel: each node of a flow in order, how many reached it, what they clicked
//! and how many left there, so the weakest step stands out.

use serde::Serialize;
use std::collections::BTreeMap;

/// What happened at one node over a range.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct NodeCounts {
    /// How often the chatbot showed the node.
    pub visits: i64,
    /// Clicks per button id.
    pub clicks: BTreeMap<String, i64>,
    /// Conversations that ended while the chatbot waited at this node.
    pub left: i64,
}

/// One step of the funnel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelStep {
    pub node: String,
    pub visits: i64,
    /// Clicks per button, in the flow's button order (buttons never clicked included).
    pub clicks: Vec<(String, i64)>,
    /// Visitors who left at this node.
    pub left: i64,
    /// `left / visits`; `None` when nobody reached the node.
    pub drop_off: Option<f64>,
    /// This step loses the largest share of its visitors.
    pub weakest: bool,
}

/// The funnel over a flow: `order` lists the flow's nodes (id and button ids) in the order
/// the flow declares them; nodes in `counts` that the flow no longer has follow at the end.
pub fn funnel(
    order: &[(String, Vec<String>)],
    counts: &BTreeMap<String, NodeCounts>,
) -> Vec<FunnelStep> {
    let empty = NodeCounts::default();
    let mut steps: Vec<FunnelStep> = order
        .iter()
        .map(|(node, buttons)| {
            let c = counts.get(node).unwrap_or(&empty);
            let mut clicks: Vec<(String, i64)> = buttons
                .iter()
                .map(|b| (b.clone(), c.clicks.get(b).copied().unwrap_or(0)))
                .collect();
            for (b, n) in &c.clicks {
                if !buttons.contains(b) {
                    clicks.push((b.clone(), *n));
                }
            }
            step(node, c, clicks)
        })
        .collect();
    for (node, c) in counts {
        if !order.iter().any(|(n, _)| n == node) {
            let clicks = c.clicks.iter().map(|(b, n)| (b.clone(), *n)).collect();
            steps.push(step(node, c, clicks));
        }
    }
    let worst = steps
        .iter()
        .enumerate()
        .filter(|(_, s)| s.left > 0)
        .max_by(|(_, a), (_, b)| {
            a.drop_off
                .unwrap_or(0.0)
                .total_cmp(&b.drop_off.unwrap_or(0.0))
                .then(a.left.cmp(&b.left))
        })
        .map(|(i, _)| i);
    if let Some(i) = worst {
        steps[i].weakest = true;
    }
    steps
}

fn step(node: &str, c: &NodeCounts, clicks: Vec<(String, i64)>) -> FunnelStep {
    FunnelStep {
        node: node.to_owned(),
        visits: c.visits,
        clicks,
        left: c.left,
        drop_off: super::rate(c.left, c.visits),
        weakest: false,
    }
}

/// The nodes of a flow in the order a visitor meets them (breadth first from the start),
/// each with its button ids; nodes nothing leads to follow in id order.
pub fn flow_order(flow: &crate::flow::Flow) -> Vec<(String, Vec<String>)> {
    let mut seen: Vec<String> = Vec::new();
    let mut queue = std::collections::VecDeque::from([flow.start.clone()]);
    while let Some(id) = queue.pop_front() {
        if seen.contains(&id) {
            continue;
        }
        let Some(node) = flow.node(&id) else {
            continue;
        };
        queue.extend(node.targets().into_iter().map(str::to_owned));
        seen.push(id);
    }
    for id in flow.nodes.keys() {
        if !seen.contains(id) {
            seen.push(id.clone());
        }
    }
    seen.into_iter()
        .map(|id| {
            let buttons = match flow.node(&id) {
                Some(crate::flow::Node::Buttons { buttons, .. }) => {
                    buttons.iter().map(|b| b.id.clone()).collect()
                }
                _ => Vec::new(),
            };
            (id, buttons)
        })
        .collect()
}
