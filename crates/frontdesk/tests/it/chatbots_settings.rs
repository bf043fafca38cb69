//! The settings panel of the chatbot editor (§5): what it saves lands in the draft's
//! trigger, conditions and behaviour; what the flow cannot take is refused with a reason and
//! changes nothing saved before.

use crate::helpers::{browser, csrf_in, spawn_app, TestApp};
use frontdesk_core::{
    agent::Role,
    flow::{Flow, ShowRule, Trigger},
};
use serde_json::{json, Value};

/// The first demo chatbot's editor path, the owner's browser and the page's CSRF token.
async fn editor(app: &TestApp) -> (String, reqwest::Client, String) {
    let owner = app.owner_browser().await;
    let bot = app
        .store
        .list_chatbots(app.account.id)
        .await
        .unwrap()
        .remove(0);
    let path = format!("/dashboard/chatbots/{}", bot.id);
    let page = owner.get(app.at(&path)).send().await.unwrap();
    let token = csrf_in(&page.text().await.unwrap());
    (path, owner, token)
}

async fn post_settings(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    token: &str,
    settings: &Value,
) -> reqwest::Response {
    client
        .post(app.at(&format!("{path}/settings")))
        .form(&[("csrf", token), ("settings", &settings.to_string())])
        .send()
        .await
        .unwrap()
}

async fn draft(app: &TestApp, path: &str) -> Flow {
    let id: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    let bot = app
        .store
        .chatbot(app.account.id, id)
        .await
        .unwrap()
        .unwrap();
    Flow::parse(&bot.draft).unwrap()
}

/// Settings as the panel sends them, with the "Where" rule given.
fn settings(trigger: Value, where_rules: Value) -> Value {
    json!({
        "trigger": trigger,
        "where": {"combine": "all", "rules": where_rules},
        "audience": {"combine": "all", "rules": []},
        "scheduling": {"office_hours": false, "days": []},
        "show": "once_per_session",
        "disable_text_field": false
    })
}

#[tokio::test]
async fn the_panel_saves_trigger_conditions_and_behaviour_into_the_draft() {
    let app = spawn_app().await;
    let (path, owner, token) = editor(&app).await;
    let page = owner
        .get(app.at(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"settings-form\""));
    assert!(
        page.contains("time zone: UTC."),
        "the scheduling group names the time zone"
    );
    assert!(
        page.contains(r#""trigger":{"seconds":5,"when":"page"}"#)
            || page.contains(r#""trigger":{"when":"page","seconds":5}"#),
        "the default trigger is 5 s after landing"
    );

    let nodes_before = draft(&app, &path).await.nodes;
    let sent = json!({
        "trigger": {"when": "page", "seconds": 10},
        "where": {"combine": "any", "rules": [
            {"attribute": "url", "op": "contains", "value": "/pricing"},
            {"attribute": "title", "op": "starts_with", "value": "Plans"}
        ]},
        "audience": {"combine": "all", "rules": [
            {"attribute": "returning", "op": "eq", "value": true},
            {"attribute": "var.plan", "op": "eq", "value": "pro"}
        ]},
        "scheduling": {"office_hours": true, "days": ["mon", "fri"], "hour_from": 9,
                       "hour_to": 17, "date_from": "2026-12-01", "date_to": "2026-12-24"},
        "show": "every_page_view",
        "disable_text_field": true
    });
    let saved = post_settings(&app, &owner, &path, &token, &sent).await;
    assert_eq!(saved.status(), 303);
    assert!(saved.headers()["location"]
        .to_str()
        .unwrap()
        .contains("notice=settings-saved"));

    let flow = draft(&app, &path).await;
    assert_eq!(flow.trigger, Trigger::Page { seconds: 10 });
    assert_eq!(flow.behavior.show, ShowRule::EveryPageView);
    assert!(flow.disable_text_field);
    assert_eq!(flow.nodes, nodes_before, "the nodes are untouched");
    let test = |a: &str, op: &str, v: Value| json!({"attribute": a, "op": op, "value": v});
    assert_eq!(
        serde_json::to_value(&flow.conditions).unwrap(),
        json!({"all": [
            {"any": [test("url", "contains", json!("/pricing")),
                     test("title", "starts_with", json!("Plans"))]},
            {"all": [test("returning", "eq", json!(true)), test("var.plan", "eq", json!("pro"))]},
            {"all": [
                test("office_hours", "eq", json!(true)),
                {"any": [test("day_of_week", "eq", json!("mon")),
                         test("day_of_week", "eq", json!("fri"))]},
                test("hour", "gte", json!(9)),
                test("hour", "lt", json!(17)),
                test("date", "gte", json!(20261201)),
                test("date", "lte", json!(20261224))
            ]}
        ]})
    );

    let again = owner
        .get(app.at(&format!("{path}?notice=settings-saved")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(again.contains("The settings were saved to the draft."));
    assert!(again.contains("/pricing"), "the form shows what was saved");
    assert!(again.contains("every_page_view"));

    // Clearing every rule means "everywhere": no conditions at all.
    let cleared = settings(json!({"when": "exit_intent"}), json!([]));
    assert_eq!(
        post_settings(&app, &owner, &path, &token, &cleared)
            .await
            .status(),
        303
    );
    let flow = draft(&app, &path).await;
    assert_eq!(flow.conditions, None);
    assert_eq!(flow.trigger, Trigger::ExitIntent);
}

#[tokio::test]
async fn invalid_settings_are_refused_and_nothing_saved_before_is_lost() {
    let app = spawn_app().await;
    let (path, owner, token) = editor(&app).await;
    let good = settings(
        json!({"when": "page", "seconds": 10}),
        json!([{"attribute": "url", "op": "contains", "value": "/pricing"}]),
    );
    assert_eq!(
        post_settings(&app, &owner, &path, &token, &good)
            .await
            .status(),
        303
    );
    let before = draft(&app, &path).await;

    let bad_regex = settings(
        json!({"when": "page", "seconds": 10}),
        json!([{"attribute": "url", "op": "regex", "value": "(unclosed"}]),
    );
    let refused = post_settings(&app, &owner, &path, &token, &bad_regex).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("invalid regular expression"), "the reason");
    assert!(html.contains("The settings were not saved."));
    assert!(
        html.contains("(unclosed"),
        "the form comes back as sent, so nothing typed is lost"
    );
    assert_eq!(draft(&app, &path).await, before);

    let no_scroll = settings(json!({"when": "scroll", "percent": 0}), json!([]));
    let refused = post_settings(&app, &owner, &path, &token, &no_scroll).await;
    assert_eq!(refused.status(), 422);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("the scroll trigger takes a percentage from 1 to 100"));
    assert_eq!(draft(&app, &path).await, before);

    let garbage = json!({"trigger": {"when": "sometimes"}});
    let refused = post_settings(&app, &owner, &path, &token, &garbage).await;
    assert_eq!(refused.status(), 422);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("The settings could not be read"));
    assert_eq!(draft(&app, &path).await, before);

    // A backwards hour range can never hold: it is saved, with a warning to see.
    let mut backwards = good.clone();
    backwards["scheduling"]["hour_from"] = json!(18);
    backwards["scheduling"]["hour_to"] = json!(9);
    assert_eq!(
        post_settings(&app, &owner, &path, &token, &backwards)
            .await
            .status(),
        303
    );
    let page = owner
        .get(app.at(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("no &#x27;hour&#x27; satisfies all of its bounds at once")
            || page.contains("no 'hour' satisfies all of its bounds at once"),
        "the warning is shown"
    );
    assert_eq!(draft(&app, &path).await.nodes, before.nodes);
}

#[tokio::test]
async fn errors_of_the_form_speak_the_users_language() {
    let app = spawn_app().await;
    let (path, owner, token) = editor(&app).await;
    let mut late = settings(json!({"when": "page", "seconds": 5}), json!([]));
    late["scheduling"]["hour_to"] = json!(30);
    let refused = owner
        .post(app.at(&format!("{path}/settings")))
        .header("accept-language", "de-DE,de;q=0.9")
        .form(&[("csrf", token.as_str()), ("settings", &late.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("30 ist keine Stunde des Tages"), "{html}");
    assert!(html.contains("Zeitplan"));
}

#[tokio::test]
async fn hand_written_conditions_are_shown_read_only_and_kept() {
    let app = spawn_app().await;
    let (path, owner, token) = editor(&app).await;
    let mut flow = draft(&app, &path).await;
    let custom = json!({"any": [
        {"attribute": "url", "op": "contains", "value": "/help"},
        {"attribute": "agents_online", "op": "eq", "value": false}
    ]});
    flow.conditions = Some(serde_json::from_value(custom.clone()).unwrap());
    let saved = owner
        .post(app.at(&format!("{path}/draft")))
        .form(&[("csrf", token.as_str()), ("document", &flow.to_json())])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);
    let page = owner
        .get(app.at(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"custom-conditions\""));
    assert!(page.contains("were written by hand"));
    assert!(!page.contains("id=\"group-where\""));

    let mut sent = settings(json!({"when": "event", "name": "cart.open"}), json!([]));
    sent["custom"] = json!(true);
    sent["show"] = json!("once_per_visitor");
    assert_eq!(
        post_settings(&app, &owner, &path, &token, &sent)
            .await
            .status(),
        303
    );
    let after = draft(&app, &path).await;
    assert_eq!(serde_json::to_value(&after.conditions).unwrap(), custom);
    assert_eq!(
        after.trigger,
        Trigger::Event {
            name: "cart.open".into()
        }
    );
    assert_eq!(after.behavior.show, ShowRule::OncePerVisitor);
}

#[tokio::test]
async fn agents_and_forged_forms_cannot_change_settings() {
    let app = spawn_app().await;
    let (path, owner, _) = editor(&app).await;
    let before = draft(&app, &path).await;
    let sent = settings(json!({"when": "page", "seconds": 30}), json!([]));
    assert_eq!(
        post_settings(&app, &owner, &path, "forged", &sent)
            .await
            .status(),
        403
    );
    app.add_agent(
        &app.account,
        "plain@example.com",
        Role::Agent,
        "plain-agent-pw",
    )
    .await;
    let agent = browser();
    app.login(&agent, "plain@example.com", "plain-agent-pw")
        .await;
    let page = agent.get(app.at(&path)).send().await.unwrap();
    let html = page.text().await.unwrap();
    assert!(
        html.contains("class=\"settings-all\" disabled"),
        "agents see the panel but cannot change it"
    );
    let token = csrf_in(&html);
    assert_eq!(
        post_settings(&app, &agent, &path, &token, &sent)
            .await
            .status(),
        403
    );
    assert_eq!(draft(&app, &path).await, before);
}

#[tokio::test]
async fn office_hours_are_edited_per_weekday_with_several_intervals() {
    let app = spawn_app().await;
    let owner = app.owner_browser().await;
    let token = app.session_csrf(&owner).await;
    let overview = owner
        .get(app.at("/dashboard"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(overview.contains("id=\"office-hours-form\""));
    assert!(overview.contains("name=\"mon\" value=\"09:00-17:00\""));

    let send = |fields: Vec<(&'static str, &'static str)>| {
        let mut form = vec![("csrf", token.clone())];
        form.extend(fields.into_iter().map(|(k, v)| (k, v.to_owned())));
        owner
            .post(app.at("/dashboard/office-hours"))
            .form(&form)
            .send()
    };
    let saved = send(vec![
        ("mon", "09:00-12:00, 13:00-17:00"),
        ("tue", "09:00-12:00, 13:00-17:00"),
        ("sat", "10:00-14:00"),
    ])
    .await
    .unwrap();
    assert_eq!(saved.status(), 303);
    let account = app.store.account(app.account.id).await.unwrap().unwrap();
    assert_eq!(
        account.office_hours.to_string(),
        "mon-tue 09:00-12:00,13:00-17:00; sat 10:00-14:00"
    );

    let refused = send(vec![("mon", "09:00-12:00"), ("wed", "17:00-09:00")])
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("Wednesday: “17:00-09:00” ends before it starts"),
        "{html}"
    );
    assert!(
        html.contains("name=\"wed\" value=\"17:00-09:00\""),
        "the form comes back as typed"
    );
    let unchanged = app.store.account(app.account.id).await.unwrap().unwrap();
    assert_eq!(unchanged.office_hours, account.office_hours);

    app.add_agent(
        &app.account,
        "plain@example.com",
        Role::Agent,
        "plain-agent-pw",
    )
    .await;
    let agent = browser();
    app.login(&agent, "plain@example.com", "plain-agent-pw")
        .await;
    let agent_token = app.session_csrf(&agent).await;
    let forbidden = agent
        .post(app.at("/dashboard/office-hours"))
        .form(&[("csrf", agent_token.as_str()), ("mon", "08:00-09:00")])
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), 403);
}
