//! The chatbot settings panel in real Chromium: what is set in the form is kept after a
//! reload and lands in the draft on the server.

use crate::{
    browser::{self, element, screenshot, until},
    helpers::spawn_app,
};
use fantoccini::Locator;
use frontdesk_core::flow::{Flow, ShowRule, Trigger};
use serde_json::json;

#[tokio::test]
async fn settings_set_in_the_panel_survive_a_reload_and_reach_the_draft() {
    let Some(mut driver) = browser::driver().await else {
        return;
    };
    let app = spawn_app().await;
    let bot = app
        .store
        .list_chatbots(app.account.id)
        .await
        .unwrap()
        .remove(0);
    let editor = app.at(&format!("/dashboard/chatbots/{}", bot.id));
    let owner = driver.browser().await;
    browser::log_in(&owner, &app).await;
    owner.goto(&editor).await.unwrap();

    // Where: the page URL contains /pricing.
    element(&owner, "#where-add").await.click().await.unwrap();
    let rule = element(&owner, "#where-rules .rule").await;
    rule.find(Locator::Css(".rule-attribute"))
        .await
        .unwrap()
        .select_by_value("url")
        .await
        .unwrap();
    rule.find(Locator::Css(".rule-op"))
        .await
        .unwrap()
        .select_by_value("contains")
        .await
        .unwrap();
    rule.find(Locator::Css(".rule-value"))
        .await
        .unwrap()
        .send_keys("/pricing")
        .await
        .unwrap();
    // When: 10 s after landing.
    element(&owner, "#trigger-kind")
        .await
        .select_by_value("page")
        .await
        .unwrap();
    let seconds = element(&owner, "#trigger-seconds").await;
    seconds.clear().await.unwrap();
    seconds.send_keys("10").await.unwrap();
    // Behavior: every page view.
    element(&owner, "#show-every_page_view")
        .await
        .click()
        .await
        .unwrap();
    until(
        &owner,
        "the panel says it has unsaved changes",
        "!document.querySelector('#settings-unsaved').hidden",
    )
    .await;
    screenshot(&owner, "chatbot-settings").await;
    element(&owner, "#save-settings")
        .await
        .click()
        .await
        .unwrap();
    until(
        &owner,
        "the settings are saved",
        "location.search.includes('notice=settings-saved')",
    )
    .await;

    owner.goto(&editor).await.unwrap();
    element(&owner, "#settings-form").await;
    owner
        .execute(
            "document.querySelector('#group-scheduling').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    screenshot(&owner, "chatbot-settings-scheduling").await;
    let shown = owner
        .execute(
            "const r = document.querySelector('#where-rules .rule');
             return {
               seconds: document.querySelector('#trigger-seconds').value,
               kind: document.querySelector('#trigger-kind').value,
               attribute: r && r.querySelector('.rule-attribute').value,
               op: r && r.querySelector('.rule-op').value,
               value: r && r.querySelector('.rule-value').value,
               show: document.querySelector('input[name=show]:checked').value,
               unsaved: !document.querySelector('#settings-unsaved').hidden
             };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        shown,
        json!({"seconds": "10", "kind": "page", "attribute": "url", "op": "contains",
               "value": "/pricing", "show": "every_page_view", "unsaved": false})
    );

    let stored = app
        .store
        .chatbot(app.account.id, bot.id)
        .await
        .unwrap()
        .unwrap();
    let flow = Flow::parse(&stored.draft).unwrap();
    assert_eq!(flow.trigger, Trigger::Page { seconds: 10 });
    assert_eq!(flow.behavior.show, ShowRule::EveryPageView);
    assert_eq!(
        serde_json::to_value(&flow.conditions).unwrap(),
        json!({"all": [{"all": [{"attribute": "url", "op": "contains", "value": "/pricing"}]}]})
    );

    // A rule the flow cannot take comes back with the reason, as typed, and unsaved.
    let value = element(&owner, "#where-rules .rule .rule-value").await;
    element(&owner, "#where-rules .rule .rule-op")
        .await
        .select_by_value("regex")
        .await
        .unwrap();
    value.clear().await.unwrap();
    value.send_keys("(unclosed").await.unwrap();
    element(&owner, "#save-settings")
        .await
        .click()
        .await
        .unwrap();
    until(
        &owner,
        "the reason is shown",
        "document.querySelector('#settings-errors') && document.querySelector('#settings-errors').textContent.includes('invalid regular expression')",
    )
    .await;
    until(
        &owner,
        "the rule is kept as typed and marked unsaved",
        "document.querySelector('#where-rules .rule .rule-value').value === '(unclosed' && !document.querySelector('#settings-unsaved').hidden",
    )
    .await;
    let stored = app
        .store
        .chatbot(app.account.id, bot.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        Flow::parse(&stored.draft).unwrap(),
        flow,
        "nothing saved before is lost"
    );
    owner.close().await.unwrap();
}
