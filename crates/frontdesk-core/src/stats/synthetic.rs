//! Plausible statistics events for demonstrations, screenshots and benchmarks: a fixed
//! pseudo-random sequence (the same seed gives the same events), with chatbot visitors
//! walking a real flow so funnels have a shape.

use super::{StatEvent, StatKind};
use crate::flow::{Flow, Node};

/// What to generate.
pub struct Synthetic<'a> {
    pub account_id: i64,
    /// Ids of the conversations are `first_conversation_id..+conversations`.
    pub first_conversation_id: i64,
    pub conversations: u64,
    /// Conversations are spread evenly over `days` days from `from_ms`.
    pub from_ms: i64,
    pub days: u32,
    pub agents: &'a [i64],
    /// Chatbots that greet about half of the visitors: id, language and published flow.
    pub chatbots: &'a [(i64, String, Flow)],
    pub seed: u64,
}

/// A small, fast, deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const MIN: i64 = 60_000;

impl Synthetic<'_> {
    /// The events of conversation number `i` (0-based), in the order they happen.
    pub fn conversation(&self, i: u64) -> Vec<StatEvent> {
        let mut rng = Rng(self.seed ^ i.wrapping_mul(0x2545_F491_4F6C_DD1D));
        let id = self.first_conversation_id + i as i64;
        let span = i64::from(self.days.max(1)) * 86_400_000;
        let start = self.from_ms + (i as i64 * span) / self.conversations.max(1) as i64;
        let account = self.account_id;
        let mut out = Vec::new();
        if !self.chatbots.is_empty() && rng.chance(50) {
            let (bot, language, flow) =
                &self.chatbots[rng.below(self.chatbots.len() as u64) as usize];
            let ev = |kind, at| {
                let mut e = StatEvent::new(kind, account, id, at);
                e.chatbot_id = Some(*bot);
                e.language = Some(language.clone());
                e
            };
            let mut at = start - 2 * MIN;
            out.push(ev(StatKind::BotTriggered, at));
            let mut node = flow.start.clone();
            let mut engaged = false;
            let mut outcome = None;
            for _ in 0..12 {
                let Some(n) = flow.node(&node) else { break };
                let mut visit = ev(StatKind::NodeVisited, at);
                visit.node = Some(node.clone());
                out.push(visit);
                at += 10_000;
                let next = match n {
                    Node::Buttons { buttons, .. } => {
                        if buttons.is_empty() || rng.chance(if engaged { 20 } else { 35 }) {
                            let mut left = ev(StatKind::NodeLeft, at);
                            left.node = Some(node.clone());
                            out.push(left);
                            break;
                        }
                        let b = &buttons[rng.below(buttons.len() as u64) as usize];
                        let mut click = ev(StatKind::ButtonClicked, at);
                        click.node = Some(node.clone());
                        click.button = Some(b.id.clone());
                        out.push(click);
                        if !engaged {
                            engaged = true;
                            out.push(ev(StatKind::BotEngaged, at));
                        }
                        b.next.clone()
                    }
                    Node::Handover { .. } => {
                        outcome = Some(StatKind::BotEscalated);
                        break;
                    }
                    Node::End { .. } => {
                        outcome = Some(StatKind::BotResolved);
                        break;
                    }
                    other => match other.targets().first() {
                        Some(t) => (*t).to_owned(),
                        None => break,
                    },
                };
                node = next;
            }
            let escalated = outcome == Some(StatKind::BotEscalated);
            if let Some(kind) = outcome.filter(|_| engaged) {
                out.push(ev(kind, start + 30 * MIN));
            }
            if !escalated {
                return out;
            }
        }
        // A conversation for the team.
        let online = rng.chance(80);
        let mut started = StatEvent::new(StatKind::Started, account, id, start);
        started.value = Some(i64::from(online));
        out.push(started);
        if self.agents.is_empty() || !rng.chance(if online { 92 } else { 70 }) {
            return out;
        }
        let agent = self.agents[rng.below(self.agents.len() as u64) as usize];
        let response = if online {
            15_000 + rng.below(4 * MIN as u64) as i64
        } else {
            20 * MIN + rng.below(240 * MIN as u64) as i64
        };
        let mut first = StatEvent::new(StatKind::FirstReply, account, id, start + response)
            .by_agent(Some(agent));
        first.value = Some(response);
        first.extra = Some(i64::from(online));
        out.push(first);
        out.push(
            StatEvent::new(StatKind::Replied, account, id, start + response).by_agent(Some(agent)),
        );
        if !rng.chance(85) {
            return out;
        }
        let chatting = 2 * MIN + rng.below(25 * MIN as u64) as i64;
        let closed_at = start + response + chatting;
        let mut closed =
            StatEvent::new(StatKind::Closed, account, id, closed_at).by_agent(Some(agent));
        closed.value = Some(response + chatting);
        closed.extra = Some(chatting);
        out.push(closed);
        if rng.chance(35) {
            let mut rated =
                StatEvent::new(StatKind::Rated, account, id, closed_at + MIN).by_agent(Some(agent));
            rated.value = Some([5, 5, 4, 4, 3, 5, 2, 4][rng.below(8) as usize]);
            out.push(rated);
        }
        out
    }
}
