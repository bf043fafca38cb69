//! Statistics (§8) through the real server and protocol: crafted conversations with known
//! answers — the median rules and the online-only first response time — on SQLite and
//! PostgreSQL, the chatbot funnel, the CSV downloads and bad input.

use crate::{
    helpers::{spawn_app_on, TestApp},
    ws::{self, expect, expect_where, say, send, Socket},
};
use serde_json::json;

const MIN: i64 = 60_000;
const RANGE: &str = "from=2026-11-25&to=2026-11-26";

async fn agent_says(agent: &mut Socket, id: i64, client_id: &str) {
    send(
        agent,
        json!({"type": "send", "conversation_id": id, "client_id": client_id, "body": "Hello!"}),
    )
    .await;
    expect_where(agent, "ack", |f| f["client_id"] == client_id).await;
}

async fn presence(agent: &mut Socket, status: &str) {
    send(agent, json!({"type": "presence", "status": status})).await;
    send(agent, json!({"type": "ping"})).await;
    expect(agent, "pong").await;
}

async fn rate(v: &mut Socket, score: i64) {
    expect_where(v, "status", |f| f["conversation"]["status"] == "closed").await;
    send(v, json!({"type": "rate", "score": score})).await;
    send(v, json!({"type": "ping"})).await;
    expect(v, "pong").await;
}

async fn page(app: &TestApp, browser: &reqwest::Client, path: &str) -> (u16, String) {
    let response = browser.get(app.at(path)).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

fn kpi<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no {id} in the page"))
        + id.len()
        + 6;
    &html[start..start + html[start..].find('<').unwrap()]
}

/// Three human conversations with known answers, then two chatbot conversations.
async fn scenario(app: TestApp) {
    let mut agent = ws::agent(&app, &app.owner_email, &app.owner_password).await;

    // 1: started while the agent is online, answered after 2 min, closed by the agent after
    //    5 min (3 min of chatting), rated 4.
    let mut v1 = ws::visitor(&app, None, None, 0).await;
    let c1 = say(&mut v1.socket, "v1", "Hi").await["message"]["conversation_id"]
        .as_i64()
        .unwrap();
    app.clock.advance(2 * MIN);
    agent_says(&mut agent, c1, "a1").await;
    app.clock.advance(3 * MIN);
    send(&mut agent, json!({"type": "close", "conversation_id": c1})).await;
    rate(&mut v1.socket, 4).await;

    // 2: online, answered after 4 min, ended by the visitor after 10 min, rated 2.
    let mut v2 = ws::visitor(&app, None, None, 0).await;
    let c2 = say(&mut v2.socket, "v2", "Hello").await["message"]["conversation_id"]
        .as_i64()
        .unwrap();
    app.clock.advance(4 * MIN);
    agent_says(&mut agent, c2, "a2").await;
    app.clock.advance(6 * MIN);
    send(&mut v2.socket, json!({"type": "end"})).await;
    rate(&mut v2.socket, 2).await;

    // 3: started while nobody is online; answered 30 min later. Not in the first response
    //    median, which counts conversations started while an agent was online only.
    presence(&mut agent, "away").await;
    let mut v3 = ws::visitor(&app, None, None, 0).await;
    let c3 = say(&mut v3.socket, "v3", "Anyone?").await["message"]["conversation_id"]
        .as_i64()
        .unwrap();
    presence(&mut agent, "online").await;
    app.clock.advance(30 * MIN);
    agent_says(&mut agent, c3, "a3").await;

    let owner = app.owner_browser().await;
    let (status, html) = page(&app, &owner, &format!("/dashboard/statistics?{RANGE}")).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(kpi(&html, "kpi-new"), "3");
    assert_eq!(kpi(&html, "kpi-replied"), "3");
    assert_eq!(kpi(&html, "kpi-closed"), "2");
    // The median of 2 and 4 minutes (the 30 minutes offline are left out).
    assert_eq!(kpi(&html, "kpi-first-response"), "0:03:00");
    // The median of 5 and 10 minutes.
    assert_eq!(kpi(&html, "kpi-time-to-close"), "0:07:30");
    assert_eq!(kpi(&html, "kpi-chatting"), "0:09:00");
    assert_eq!(kpi(&html, "kpi-rating"), "3.0");
    assert!(html.contains("id=\"conversations-chart\" role=\"img\" aria-label="));
    assert!(html.contains("data-agent=\"1\""), "the owner's row");

    // The same numbers in German read with a decimal comma.
    page(&app, &owner, "/lang?to=de&back=/dashboard").await;
    let (_, de) = page(&app, &owner, &format!("/dashboard/statistics?{RANGE}")).await;
    assert!(de.contains("Erste Antwortzeit (Median)"));
    assert_eq!(kpi(&de, "kpi-rating"), "3,0");
    page(&app, &owner, "/lang?to=en&back=/dashboard").await;

    let csv = owner
        .get(app.at(&format!("/dashboard/statistics?{RANGE}&format=csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = csv.text().await.unwrap();
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("agent_id,agent,new,replied,closed"));
    assert_eq!(lines.next().unwrap(), "all,,3,3,2,180,2,450,540,3.00,2");

    // Chatbots: one visitor uses the bot to the end, one ignores it.
    let mut v4 = ws::visitor(&app, None, None, 0).await;
    send(&mut v4.socket, json!({"type": "trigger"})).await;
    let c4 = expect(&mut v4.socket, "status").await["conversation"]["id"]
        .as_i64()
        .unwrap();
    for (node, button, next) in [("welcome", "shipping", "more"), ("more", "yes", "")] {
        send(
            &mut v4.socket,
            json!({"type": "click", "conversation_id": c4, "node": node, "button": button}),
        )
        .await;
        if !next.is_empty() {
            expect_where(&mut v4.socket, "message", |f| f["message"]["node"] == next).await;
        }
    }
    expect_where(&mut v4.socket, "message", |f| {
        f["message"]["body"] == "Glad I could help. Have a nice day!"
    })
    .await;
    let mut v5 = ws::visitor(&app, None, None, 0).await;
    send(&mut v5.socket, json!({"type": "trigger"})).await;
    expect(&mut v5.socket, "status").await;
    // A day later everything idle has closed and the outcomes are final.
    app.clock.advance(25 * 60 * MIN);
    frontdesk_server::chat::close_idle_conversations(&app.state)
        .await
        .unwrap();

    let (status, html) = page(
        &app,
        &owner,
        &format!("/dashboard/statistics/chatbots?{RANGE}"),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    let section = &html[html.find("bot-stats").expect("a chatbot section")..];
    assert!(section.contains("FAQ") && section.contains("(en)"));
    assert!(section.contains("class=\"kpi-triggered\">2<"));
    assert!(section.contains("class=\"kpi-engaged\">1<"));
    assert!(section.contains("class=\"kpi-resolved\">1<"));
    assert!(section.contains("class=\"kpi-escalated\">0<"));
    assert!(section.contains("class=\"kpi-rate\">100 %<"));
    // The funnel: two visits to the welcome, one left there — the weakest step.
    let welcome = &section[section.find("data-node=\"welcome\"").unwrap()..];
    let welcome = &welcome[..welcome.find("</tr>").unwrap()];
    assert!(
        welcome.contains("class=\"weakest\"")
            || section.contains("data-node=\"welcome\" class=\"weakest\"")
    );
    assert!(welcome.contains("<td>2</td>") && welcome.contains("shipping: 1"));
    assert!(welcome.contains("50 %"), "{welcome}");
    assert!(
        html.contains("id=\"usage-history\""),
        "owners see the usage history"
    );
    let funnel = owner
        .get(app.at(&format!(
            "/dashboard/statistics/chatbots?{RANGE}&format=csv&table=funnel"
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        funnel.contains(",en,welcome,2,1,0.5000,shipping,1"),
        "{funnel}"
    );
    let usage = owner
        .get(app.at("/dashboard/statistics/chatbots?format=csv&table=usage"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(usage.starts_with("date,counted,used,limit,remaining"));
    assert!(usage.contains("2026-11-25,1,1,"), "{usage}");

    // Conversation 3 closed by inactivity a day later; conversation 4 (the bot's) counts as
    // a conversation, since the visitor acted in it.
    let (_, html) = page(&app, &owner, &format!("/dashboard/statistics?{RANGE}")).await;
    assert_eq!(kpi(&html, "kpi-new"), "4");
    assert_eq!(kpi(&html, "kpi-closed"), "4");
    api_gives_the_same_answers(&app).await;
    drop((v1, v2, v3, v4, v5, agent));
}

/// The API reads the scenario's statistics as the dashboard shows them.
async fn api_gives_the_same_answers(app: &TestApp) {
    let token = crate::api::key(app, &app.account, &["stats:read", "usage:read"]).await;
    let get = |path: String| {
        let token = token.clone();
        async move {
            let response = crate::api::call(app, &token, reqwest::Method::GET, &path)
                .send()
                .await
                .unwrap();
            crate::api::parts(response).await
        }
    };
    let (status, conversations) = get(format!("/api/v1/stats/conversations?{RANGE}")).await;
    assert_eq!(status, 200, "{conversations}");
    let total = &conversations["total"];
    assert_eq!(
        (total["new"].as_i64(), total["closed"].as_i64()),
        (Some(4), Some(4))
    );
    assert_eq!(total["first_response_median_ms"], 3 * MIN);
    assert_eq!(total["rating_mean"], 3.0);
    assert_eq!(conversations["days"][0]["date"], "2026-11-25");
    assert_eq!(conversations["agents"][0]["agent_id"], 1);

    let (status, chatbots) = get(format!("/api/v1/stats/chatbots?{RANGE}")).await;
    assert_eq!(status, 200, "{chatbots}");
    let faq = &chatbots["chatbots"][0];
    assert_eq!(
        (faq["triggered"].as_i64(), faq["engaged"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(faq["resolution_rate"], 1.0);
    let welcome = &faq["funnel"][0];
    assert_eq!(welcome["node"], "welcome");
    assert_eq!(welcome["visits"], 2);
    assert_eq!(welcome["drop_off"], 0.5);
    assert!(welcome["clicks"]
        .as_array()
        .unwrap()
        .contains(&json!({"button": "shipping", "clicks": 1})));

    let (status, usage) = get("/api/v1/usage/history".into()).await;
    assert_eq!(status, 200, "{usage}");
    assert_eq!(usage["used"], 1);
    assert!(usage["days"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["date"] == "2026-11-25" && d["counted"] == 1));
    let (status, ledger) = get("/api/v1/billing/ledger".into()).await;
    assert_eq!((status, ledger), (200, json!([])));

    let (status, reversed) =
        get("/api/v1/stats/conversations?from=2026-11-26&to=2026-11-25".into()).await;
    assert_eq!(
        (status, reversed["error"]["code"].as_str()),
        (400, Some("invalid_request"))
    );
    let (status, unknown) = get(format!("/api/v1/stats/chatbots?{RANGE}&id=999")).await;
    assert_eq!(
        (status, unknown["error"]["code"].as_str()),
        (404, Some("not_found"))
    );
}

#[tokio::test]
async fn statistics_have_the_known_answers_on_sqlite() {
    scenario(spawn_app_on(None, |_| {}).await).await;
}

#[tokio::test]
async fn statistics_have_the_known_answers_on_postgres() {
    let Some(url) = crate::helpers::fresh_postgres().await else {
        return;
    };
    scenario(spawn_app_on(Some(url.clone()), |_| {}).await).await;
    crate::helpers::drop_postgres(&url).await;
}

#[tokio::test]
async fn bad_ranges_and_unknown_ids_get_clear_answers() {
    let app = crate::helpers::spawn_app().await;
    let owner = app.owner_browser().await;
    let cases = [
        (
            "/dashboard/statistics?from=2026-03-10&to=2026-03-01",
            422,
            "starts (2026-03-10) after it ends (2026-03-01)",
        ),
        (
            "/dashboard/statistics?from=2016-01-01&to=2025-12-31",
            422,
            "at most 366 days; this one spans 3653",
        ),
        (
            "/dashboard/statistics?from=yesterday&to=2026-03-01",
            422,
            "“yesterday” is not a date",
        ),
        (
            "/dashboard/statistics?agent=999",
            404,
            "There is no agent “999”",
        ),
        (
            "/dashboard/statistics?agent=abc",
            404,
            "There is no agent “abc”",
        ),
        (
            "/dashboard/statistics/chatbots?chatbot=999",
            404,
            "There is no chatbot “999”",
        ),
        (
            "/dashboard/statistics/chatbots?from=2026-03-10&to=2026-03-01&format=csv",
            422,
            "Swap the dates",
        ),
    ];
    for (path, status, text) in cases {
        let (got, html) = page(&app, &owner, path).await;
        assert_eq!(got, status, "{path}");
        assert!(html.contains(text), "{path}: {html}");
    }
    // A whole leap year is fine, and answers at once.
    let (got, _) = page(
        &app,
        &owner,
        "/dashboard/statistics?from=2024-01-01&to=2024-12-31",
    )
    .await;
    assert_eq!(got, 200);
    let (got, _) = page(
        &app,
        &owner,
        "/dashboard/statistics/chatbots?from=2024-01-01&to=2024-12-31",
    )
    .await;
    assert_eq!(got, 200);
}

#[tokio::test]
async fn agents_read_statistics_but_not_the_usage_history() {
    let app = crate::helpers::spawn_app().await;
    let password = "agent-password-1";
    app.add_agent(
        &app.account,
        "agent@example.com",
        frontdesk_core::agent::Role::Agent,
        password,
    )
    .await;
    let browser = crate::helpers::browser();
    assert_eq!(
        app.login(&browser, "agent@example.com", password)
            .await
            .status(),
        303
    );
    let (status, html) = page(&app, &browser, "/dashboard/statistics").await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/dashboard/statistics\" aria-current=\"page\""));
    let (status, html) = page(&app, &browser, "/dashboard/statistics/chatbots").await;
    assert_eq!(status, 200);
    assert!(!html.contains("usage-history"));
    let (status, _) = page(
        &app,
        &browser,
        "/dashboard/statistics/chatbots?format=csv&table=usage",
    )
    .await;
    assert_eq!(status, 403);
}
