//! Which chatbot may run for a page view (§5): language, conditions, behaviour rules and
//! quota, decided on the server. The chat box only applies the timing of what it is offered.

use super::bot;
use crate::state::AppState;
use frontdesk_core::{
    account::Account,
    conversation::Visitor,
    flow::{BotRun, Flow, Trigger},
    targeting::{self, Compiled, PageView},
    wire::visitor::ChatbotOffer,
};
use frontdesk_store::StoreError;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

/// A published flow, parsed and with its conditions compiled. Published versions never
/// change, so they are parsed and compiled once per node, not once per page view.
pub struct PublishedFlow {
    pub flow: Flow,
    conditions: Option<Compiled>,
}

/// Published flows by (chatbot, version).
#[derive(Default)]
pub struct FlowCache(Mutex<HashMap<(i64, i64), Arc<PublishedFlow>>>);

/// Enough for every chatbot of many accounts; when full the cache starts over.
const CACHE_CAPACITY: usize = 4096;

impl FlowCache {
    fn get(&self, key: (i64, i64)) -> Option<Arc<PublishedFlow>> {
        self.0.lock().ok()?.get(&key).cloned()
    }

    fn put(&self, key: (i64, i64), flow: Arc<PublishedFlow>) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() >= CACHE_CAPACITY {
                map.clear();
            }
            map.insert(key, flow);
        }
    }
}

/// Whether `lang` and `wanted` share their primary language (`de-AT` fits `de`).
fn same_language(lang: &str, wanted: &str) -> bool {
    let primary = |l: &str| {
        l.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    primary(lang) == primary(wanted)
}

pub(super) async fn published(
    state: &AppState,
    account: frontdesk_core::ids::AccountId,
    chatbot_id: i64,
    version: i64,
) -> Result<Option<Arc<PublishedFlow>>, StoreError> {
    if let Some(hit) = state.flows.get((chatbot_id, version)) {
        return Ok(Some(hit));
    }
    let Some(document) = state
        .store
        .chatbot_version(account, chatbot_id, version)
        .await?
    else {
        return Ok(None);
    };
    let Ok(flow) = Flow::parse(&document) else {
        tracing::error!(
            chatbot = chatbot_id,
            version,
            "a published flow no longer parses"
        );
        return Ok(None);
    };
    let conditions = match flow.conditions.as_ref().map(targeting::compile) {
        None => None,
        Some(Ok((compiled, _))) => Some(compiled),
        Some(Err(err)) => {
            // Publishing refuses such conditions; a chatbot that cannot be judged never runs.
            tracing::error!(chatbot = chatbot_id, %err, "published conditions do not compile");
            return Ok(None);
        }
    };
    let entry = Arc::new(PublishedFlow { flow, conditions });
    state.flows.put((chatbot_id, version), entry.clone());
    Ok(Some(entry))
}

/// The enabled chatbots (by position) that enter the way `wanted` says and whose conditions
/// hold for this visitor: those in the visitor's language, or else those in the account's
/// default language (§4.2).
async fn matching(
    state: &AppState,
    account: &Account,
    visitor: &Visitor,
    wanted: impl Fn(&Trigger) -> bool,
) -> Result<Vec<(BotRun, Arc<PublishedFlow>)>, StoreError> {
    let bots = state.store.list_chatbots(account.id).await?;
    let live: Vec<_> = bots
        .into_iter()
        .filter(|b| b.enabled && b.published_version.is_some())
        .collect();
    let visitor_language = visitor.language.clone().unwrap_or_default();
    let default_language = account.default_language.as_str().to_owned();
    let mut view: Option<PageView> = None;
    for language in [visitor_language, default_language] {
        let mut found = Vec::new();
        for bot in live
            .iter()
            .filter(|b| same_language(&b.language, &language))
        {
            let version = bot.published_version.unwrap_or_default();
            let Some(published) = published(state, account.id, bot.id, version).await? else {
                continue;
            };
            if !wanted(&published.flow.trigger) {
                continue;
            }
            if let Some(conditions) = &published.conditions {
                if view.is_none() {
                    view = Some(page_view(state, account, visitor).await?);
                }
                if !view
                    .as_ref()
                    .is_some_and(|v| targeting::evaluate(conditions, v))
                {
                    continue;
                }
            }
            let run = BotRun {
                chatbot_id: bot.id,
                version,
                name: bot.name.clone(),
                state: Default::default(),
                text_disabled: false,
                preview: false,
                reason: Default::default(),
                counted: false,
                outcome: None,
            };
            found.push((run, published));
        }
        if !found.is_empty() {
            return Ok(found);
        }
    }
    Ok(Vec::new())
}

/// The first chatbot (by position) that enters the way `wanted` says and may run for this
/// visitor.
pub async fn first_matching(
    state: &AppState,
    account: &Account,
    visitor: &Visitor,
    wanted: impl Fn(&Trigger) -> bool,
) -> Result<Option<(BotRun, Flow)>, StoreError> {
    Ok(matching(state, account, visitor, wanted)
        .await?
        .into_iter()
        .next()
        .map(|(run, published)| (run, published.flow.clone())))
}

/// The page view the targeting conditions look at (§5).
async fn page_view(
    state: &AppState,
    account: &Account,
    visitor: &Visitor,
) -> Result<PageView, StoreError> {
    let ctx = bot::context(state, account, visitor).await?;
    let url = visitor.current_url.clone().unwrap_or_default();
    let utm = url::Url::parse(&url)
        .map(|u| {
            u.query_pairs()
                .filter(|(k, _)| k.starts_with("utm_"))
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default();
    let contact = [
        ("name", &visitor.name),
        ("email", &visitor.email),
        ("phone", &visitor.phone),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.clone().map(|v| (k.to_owned(), v)))
    .collect();
    Ok(PageView {
        url,
        title: visitor.current_title.clone().unwrap_or_default(),
        referrer: visitor.referrer.clone().unwrap_or_default(),
        utm,
        visit_count: visitor.visit_count,
        returning: visitor.visit_count > 1,
        language: visitor.language.clone().unwrap_or_default(),
        country: visitor.country.clone(),
        device: visitor.device.clone().unwrap_or_default(),
        group: visitor.group.clone(),
        contact,
        variables: visitor.variables.clone(),
        agents_online: ctx.agents_online,
        office_hours: ctx.within_office_hours,
        local: targeting::local_time(account.time_zone.tz(), state.now_ms()),
    })
}

/// Whether a page-view chatbot's behaviour rules let it greet this visitor now.
fn may_greet(visitor: &Visitor, run: &BotRun, flow: &Flow) -> bool {
    let returning_only = matches!(flow.trigger, Trigger::ReturningVisit { .. });
    (!returning_only || visitor.visit_count > 1)
        && flow.behavior.show.allows(
            visitor.bots_shown.get(&run.chatbot_id).copied(),
            visitor.visit_count,
        )
}

/// The page-view chatbots that may greet this visitor now, in position order: matching,
/// allowed by their behaviour rules, and none once the period's quota is used up (§7.2;
/// people still can chat).
async fn greeters(
    state: &AppState,
    account: &Account,
    visitor: &Visitor,
) -> Result<Vec<(BotRun, Arc<PublishedFlow>)>, StoreError> {
    let (_, quota) = crate::metering::quota(state, account).await?;
    if !quota.allows_new() {
        return Ok(Vec::new());
    }
    let mut found = matching(state, account, visitor, Trigger::on_page_view).await?;
    found.retain(|(run, p)| may_greet(visitor, run, &p.flow));
    Ok(found)
}

/// What the chat box is offered for this page view: the greeters with the timing it
/// applies; none while a chat is going on.
pub async fn offers(
    state: &AppState,
    account: &Account,
    visitor: &Visitor,
    chat_going: bool,
) -> Result<Vec<ChatbotOffer>, StoreError> {
    if chat_going {
        return Ok(Vec::new());
    }
    Ok(greeters(state, account, visitor)
        .await?
        .into_iter()
        .map(|(run, p)| ChatbotOffer {
            id: run.chatbot_id,
            trigger: p.flow.trigger.clone(),
        })
        .collect())
}

/// The chatbot that greets a visitor on the page: `wanted` if its timing came (it must
/// still be allowed), else the first allowed one that is not waiting for a custom event (the
/// visitor opened the box, or the page asked for a chatbot).
pub async fn choose(
    state: &AppState,
    account: &Account,
    visitor: &Visitor,
    wanted: Option<i64>,
) -> Result<Option<(BotRun, Flow)>, StoreError> {
    Ok(greeters(state, account, visitor)
        .await?
        .into_iter()
        .find(|(run, p)| match wanted {
            Some(id) => run.chatbot_id == id,
            None => !matches!(p.flow.trigger, Trigger::Event { .. }),
        })
        .map(|(run, p)| (run, p.flow.clone())))
}
