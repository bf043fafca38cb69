//! The statistics pages in real Chromium, on two weeks of seeded conversations and chatbot
//! visits: the charts and numbers are shown, and the screenshots in `docs/` come from here.

use crate::{
    browser::{self, element, screenshot, texts, until},
    helpers::{spawn_app, TestApp, START_MS},
};
use frontdesk_core::{
    account::DisplayName,
    agent::{Email, NewPassword, Role},
    flow::Flow,
    stats::{DateRange, Synthetic},
};
use frontdesk_server::accounts::{create_agent, AgentDraft};

/// Two more agents, then 1,400 conversations over the 14 days up to the test's "now", half of
/// them greeted by the demo's FAQ chatbots walking their real flows.
async fn seed(app: &TestApp) {
    let mut agents = vec![1];
    for (email, name) in [
        ("jana@example.com", "Jana Nováková"),
        ("pierre@example.com", "Pierre Martin"),
    ] {
        let agent = create_agent(
            &*app.store,
            &app.state.passwords,
            &app.account,
            AgentDraft {
                email: Email::parse(email).unwrap(),
                name: DisplayName::parse(name).unwrap(),
                role: Role::Agent,
            },
            &NewPassword::parse("a-long-password-1").unwrap(),
            START_MS,
        )
        .await
        .unwrap()
        .unwrap();
        agents.push(agent.id.0);
    }
    let mut chatbots = Vec::new();
    for bot in app.store.list_chatbots(app.account.id).await.unwrap() {
        if !["en", "de"].contains(&bot.language.as_str()) {
            continue;
        }
        let version = bot.published_version.unwrap();
        let doc = app
            .store
            .chatbot_version(app.account.id, bot.id, version)
            .await
            .unwrap()
            .unwrap();
        chatbots.push((bot.id, bot.language.clone(), Flow::parse(&doc).unwrap()));
    }
    let spec = Synthetic {
        account_id: app.account.id.0,
        first_conversation_id: 1_000_000,
        conversations: 1_400,
        from_ms: START_MS - 13 * 86_400_000 - 11 * 3_600_000,
        days: 14,
        agents: &agents,
        chatbots: &chatbots,
        seed: 2026,
    };
    let events: Vec<_> = (0..spec.conversations)
        .flat_map(|i| spec.conversation(i))
        .collect();
    app.store.record_stats(&events).await.unwrap();
}

#[tokio::test]
async fn the_statistics_pages_show_charts_and_numbers_of_seeded_data() {
    let Some(mut driver) = browser::driver().await else {
        return;
    };
    let app = spawn_app().await;
    seed(&app).await;
    let range = DateRange::parse("2026-11-12", "2026-11-25").unwrap();
    let account = app.store.account(app.account.id).await.unwrap().unwrap();
    let expected = frontdesk_server::stats::conversations(&app.state, &account, &range, None)
        .await
        .unwrap();

    let owner = driver.browser().await;
    owner.set_window_size(1280, 1500).await.unwrap();
    browser::log_in(&owner, &app).await;
    element(&owner, "nav a[href='/dashboard/statistics']")
        .await
        .click()
        .await
        .unwrap();
    until(
        &owner,
        "the statistics page",
        "document.querySelector('#kpi-new')",
    )
    .await;
    owner
        .goto(&app.at("/dashboard/statistics?from=2026-11-12&to=2026-11-25"))
        .await
        .unwrap();
    let new = texts(&owner, "#kpi-new").await;
    assert_eq!(new, [expected.stats.total.new.to_string()]);
    assert!(expected.stats.total.new > 500);
    let bars = texts(&owner, "#conversations-chart rect.bar title").await;
    assert_eq!(bars.len(), 14 * 3, "three bars a day");
    assert!(
        bars[0].starts_with("2026-11-12 · New conversations: "),
        "{}",
        bars[0]
    );
    let label = owner
        .execute(
            "return document.querySelector('#conversations-chart').getAttribute('aria-label');",
            vec![],
        )
        .await
        .unwrap();
    assert!(label
        .as_str()
        .unwrap()
        .contains("per day from 2026-11-12 to 2026-11-25"));
    let rows = texts(&owner, "#agents-table tbody th").await;
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.iter().any(|r| r == "Jana Nováková"));
    screenshot(&owner, "statistics").await;

    element(&owner, "a[href='/dashboard/statistics/chatbots']")
        .await
        .click()
        .await
        .unwrap();
    until(
        &owner,
        "the chatbot insights",
        "document.querySelector('.bot-stats')",
    )
    .await;
    owner
        .goto(&app.at("/dashboard/statistics/chatbots?from=2026-11-12&to=2026-11-25"))
        .await
        .unwrap();
    let headings = texts(&owner, ".bot-stats h2").await;
    assert_eq!(headings.len(), 2, "{headings:?}");
    assert!(headings.iter().any(|h| h.ends_with("(de)")));
    let rates = texts(&owner, ".kpi-rate").await;
    assert!(rates.iter().all(|r| r.ends_with(" %")), "{rates:?}");
    let steps = texts(&owner, ".funnel g title").await;
    assert!(
        steps.iter().any(|s| s.starts_with("welcome: ")),
        "{steps:?}"
    );
    assert_eq!(
        texts(&owner, ".funnel-table .badge.warn").await.len(),
        2,
        "one weakest step per chatbot"
    );
    assert_eq!(texts(&owner, "#usage-history-chart").await.len(), 1);
    screenshot(&owner, "chatbot-insights").await;

    // The same page in Czech.
    owner
        .goto(&app.at("/lang?to=cs&back=/dashboard/statistics"))
        .await
        .unwrap();
    until(
        &owner,
        "the Czech page",
        "document.documentElement.lang === 'cs'",
    )
    .await;
    assert_eq!(texts(&owner, "h1").await, ["Statistiky"]);
    screenshot(&owner, "statistics-cs").await;
    owner.close().await.unwrap();
}
