//! Targeting (§5) over real sockets: which chatbots the server offers a page view, with what
//! timing, and the behaviour rules that hold across page loads and visits.

use crate::{
    helpers::{spawn_app, spawn_app_with, TestApp, START_MS},
    ws::{self, expect, expect_where, send, Socket},
};
use frontdesk_core::flow::Flow;
use serde_json::{json, Value};

/// Adds a published chatbot at `position` (the demo's FAQ chatbot is at 0) with `extra`
/// top-level YAML (trigger, conditions, behavior); returns its id.
async fn add_bot(app: &TestApp, position: i64, name: &str, extra: &str, text: &str) -> i64 {
    let flow = Flow::parse(&format!(
        "version: 1\nname: {name}\nlanguage: en\nstart: hi\n{extra}nodes:\n  hi: {{kind: end, text: {text}}}\n"
    ))
    .unwrap();
    frontdesk_server::chatbots::import(&*app.store, app.account.id, &flow, position, true, START_MS)
        .await
        .unwrap()
        .id
}

/// One page load: connects, says hello for `url` and returns the socket and the welcome.
async fn page_load(
    app: &TestApp,
    token: Option<&str>,
    url: &str,
    referrer: &str,
    headers: &[(&str, &str)],
) -> (Socket, Value) {
    let endpoint = format!(
        "{}/ws/visitor?key={}",
        app.url.replace("http", "ws"),
        app.account.widget_key
    );
    let mut all = vec![("origin", "http://localhost")];
    all.extend_from_slice(headers);
    let mut socket = ws::connect(&endpoint, &all).await.unwrap();
    send(
        &mut socket,
        json!({"type": "hello", "v": 1, "token": token, "language": "en",
               "page": {"url": url, "title": "Shop", "referrer": referrer}}),
    )
    .await;
    let welcome = expect(&mut socket, "welcome").await;
    (socket, welcome)
}

fn offered(welcome: &Value) -> Vec<i64> {
    welcome["chatbots"]
        .as_array()
        .expect("welcome lists the chatbots that may greet")
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect()
}

/// Asks for chatbot `id` (or the default when `None`) and returns what greeted, if anything.
async fn trigger(socket: &mut Socket, id: Option<i64>) -> Option<String> {
    send(socket, json!({"type": "trigger", "chatbot_id": id})).await;
    // Nothing comes back when no chatbot may greet; a ping proves the trigger was handled.
    send(socket, json!({"type": "ping"})).await;
    let first = ws::expect_any(socket, &["status", "pong"]).await;
    if first["type"] == "pong" {
        return None;
    }
    let greeting = expect_where(socket, "message", |f| f["message"]["author"] == "bot").await;
    Some(greeting["message"]["body"].as_str().unwrap().to_owned())
}

/// Ends the conversation from the chat box, as the visitor's "end chat" does.
async fn end_chat(socket: &mut Socket) {
    send(socket, json!({"type": "end"})).await;
    expect_where(socket, "status", |f| {
        f["conversation"]["status"] == "closed"
    })
    .await;
}

#[tokio::test]
async fn the_welcome_offers_the_chatbots_whose_conditions_hold_in_order_with_their_timing() {
    let app = spawn_app().await;
    let faq = app.store.list_chatbots(app.account.id).await.unwrap()[0].id;
    let pricing = add_bot(
        &app,
        -1,
        "Pricing",
        "trigger: {when: scroll, percent: 40}\nconditions: {all: [{attribute: url, op: contains, value: /pricing}]}\n",
        "Questions about our prices?",
    )
    .await;
    let campaign = add_bot(
        &app,
        5,
        "Campaign",
        "trigger: {when: event, name: pricing_viewed}\nconditions: {attribute: utm_campaign, op: eq, value: winter}\n",
        "Winter sale!",
    )
    .await;

    let (_, home) = page_load(&app, None, "http://localhost/", "", &[]).await;
    assert_eq!(offered(&home), vec![faq]);
    assert_eq!(home["chatbots"][0]["when"], "page");
    assert_eq!(home["chatbots"][0]["seconds"], 5, "the default delay");

    let (_, prices) = page_load(&app, None, "http://localhost/pricing", "", &[]).await;
    assert_eq!(offered(&prices), vec![pricing, faq]);
    assert_eq!(prices["chatbots"][0]["when"], "scroll");
    assert_eq!(prices["chatbots"][0]["percent"], 40);

    let (mut socket, ad) = page_load(
        &app,
        None,
        "http://localhost/pricing?utm_campaign=winter",
        "",
        &[],
    )
    .await;
    assert_eq!(offered(&ad), vec![pricing, faq, campaign]);
    assert_eq!(ad["chatbots"][2]["name"], "pricing_viewed");
    // Opening the box starts the first chatbot that is not waiting for an event …
    assert_eq!(
        trigger(&mut socket, None).await.as_deref(),
        Some("Questions about our prices?")
    );
    // … and the event's chatbot runs when its event asks for it by id.
    let (mut socket, _) =
        page_load(&app, None, "http://localhost/?utm_campaign=winter", "", &[]).await;
    assert_eq!(
        trigger(&mut socket, Some(campaign)).await.as_deref(),
        Some("Winter sale!")
    );
    // A chatbot the page view was not offered is refused, even by id.
    let (mut socket, _) = page_load(&app, None, "http://localhost/", "", &[]).await;
    assert_eq!(trigger(&mut socket, Some(pricing)).await, None);
}

#[tokio::test]
async fn once_per_session_holds_across_page_loads_and_comes_back_on_the_next_visit() {
    let app = spawn_app().await;
    // Only our chatbot, so what is offered is only about its rule.
    for bot in app.store.list_chatbots(app.account.id).await.unwrap() {
        app.store
            .delete_chatbot(app.account.id, bot.id)
            .await
            .unwrap();
    }
    let rules = [
        ("once_per_session", [true, false, true]),
        ("once_per_visitor", [true, false, false]),
        ("every_page_view", [true, true, true]),
    ];
    for (rule, expected) in rules {
        let id = add_bot(
            &app,
            0,
            rule,
            &format!("behavior: {{show: {rule}}}\n"),
            "Hello there!",
        )
        .await;
        // Page load 1: offered, greets, the visitor ends the chat.
        let (mut socket, welcome) = page_load(&app, None, "http://localhost/", "", &[]).await;
        assert_eq!(offered(&welcome).contains(&id), expected[0], "{rule} first");
        assert_eq!(
            trigger(&mut socket, Some(id)).await.as_deref(),
            Some("Hello there!")
        );
        end_chat(&mut socket).await;
        let token = welcome["token"].as_str().unwrap().to_owned();
        drop(socket);
        // Page load 2, a minute later in the same visit.
        app.clock.advance(60_000);
        let (mut socket, welcome) =
            page_load(&app, Some(&token), "http://localhost/about", "", &[]).await;
        assert_eq!(
            offered(&welcome).contains(&id),
            expected[1],
            "{rule} same visit"
        );
        assert_eq!(
            trigger(&mut socket, Some(id)).await.is_some(),
            expected[1],
            "{rule}: the server holds the rule even when asked by id"
        );
        if expected[1] {
            end_chat(&mut socket).await;
        }
        drop(socket);
        // Page load 3: a new visit after more than 30 minutes away.
        app.clock.advance(31 * 60_000);
        let (_, welcome) = page_load(&app, Some(&token), "http://localhost/", "", &[]).await;
        assert_eq!(
            offered(&welcome).contains(&id),
            expected[2],
            "{rule} next visit"
        );
        app.store.delete_chatbot(app.account.id, id).await.unwrap();
    }
}

#[tokio::test]
async fn returning_visit_referrer_and_a_going_chat_decide_what_is_offered() {
    let app = spawn_app().await;
    let faq = app.store.list_chatbots(app.account.id).await.unwrap()[0].id;
    let returning = add_bot(
        &app,
        -2,
        "Welcome back",
        "trigger: {when: returning_visit, seconds: 2}\n",
        "Welcome back!",
    )
    .await;
    let search = add_bot(
        &app,
        -1,
        "From search",
        "conditions: {attribute: referrer, op: contains, value: search.example}\n",
        "Found us through search?",
    )
    .await;
    let (mut socket, first) = page_load(
        &app,
        None,
        "http://localhost/",
        "https://search.example/?q=shoes",
        &[],
    )
    .await;
    assert_eq!(
        offered(&first),
        vec![search, faq],
        "first visit, from search"
    );
    let token = first["token"].as_str().unwrap().to_owned();
    // The referrer is the visit's: a later page of the same visit still came from search.
    let (_, later) = page_load(
        &app,
        Some(&token),
        "http://localhost/shoes",
        "http://localhost/",
        &[],
    )
    .await;
    assert_eq!(offered(&later), vec![search, faq]);
    // While a chat is going on nothing is offered.
    send(
        &mut socket,
        json!({"type": "send", "client_id": "c1", "body": "Hello?"}),
    )
    .await;
    expect(&mut socket, "ack").await;
    let (_, chatting) = page_load(&app, Some(&token), "http://localhost/", "", &[]).await;
    assert!(offered(&chatting).is_empty(), "{chatting}");
    end_chat(&mut socket).await;
    // The next visit comes straight in: returning, no longer from search.
    app.clock.advance(2 * 60 * 60_000);
    let (_, back) = page_load(&app, Some(&token), "http://localhost/", "", &[]).await;
    assert_eq!(offered(&back), vec![returning, faq]);
    assert_eq!(back["chatbots"][0]["when"], "returning_visit");
    assert_eq!(back["chatbots"][0]["seconds"], 2);
}

#[tokio::test]
async fn the_country_comes_from_the_trusted_header_or_stays_unknown() {
    let condition = "conditions: {attribute: country, op: eq, value: CZ}\n";
    let app = spawn_app_with(|c| c.geo.country_header = "X-Country".into()).await;
    let czech = add_bot(&app, -1, "Czech", condition, "Ahoj!").await;
    let (_, from_cz) = page_load(&app, None, "http://localhost/", "", &[("x-country", "cz")]).await;
    assert_eq!(offered(&from_cz)[0], czech);
    let (_, from_de) = page_load(&app, None, "http://localhost/", "", &[("x-country", "DE")]).await;
    assert!(!offered(&from_de).contains(&czech));
    // Without a configured source the header is not trusted and the condition never holds.
    let plain = spawn_app().await;
    let czech = add_bot(&plain, -1, "Czech", condition, "Ahoj!").await;
    let (_, spoofed) = page_load(
        &plain,
        None,
        "http://localhost/",
        "",
        &[("x-country", "CZ")],
    )
    .await;
    assert!(!offered(&spoofed).contains(&czech));
}

#[tokio::test]
async fn a_page_change_without_reload_gets_the_offers_for_the_new_page() {
    let app = spawn_app().await;
    let faq = app.store.list_chatbots(app.account.id).await.unwrap()[0].id;
    let pricing = add_bot(
        &app,
        -1,
        "Pricing",
        "conditions: {attribute: url, op: contains, value: /pricing}\n",
        "Prices?",
    )
    .await;
    let (mut socket, home) = page_load(&app, None, "http://localhost/", "", &[]).await;
    assert_eq!(offered(&home), vec![faq]);
    send(
        &mut socket,
        json!({"type": "page", "url": "http://localhost/pricing", "title": "Pricing"}),
    )
    .await;
    let next = expect(&mut socket, "chatbots").await;
    assert_eq!(offered(&next), vec![pricing, faq]);
}

/// Writes a minimal MaxMind DB (format 2.0, IPv4, 24-bit records) that maps the /8 network
/// `first_octet`.0.0.0 to `{country: {iso_code: code}}` and knows nothing else — the shape of
/// GeoLite2-Country, small enough to build here.
fn tiny_country_database(path: &std::path::Path, first_octet: u8, code: &str) {
    fn text(s: &str) -> Vec<u8> {
        let mut out = vec![(2 << 5) | s.len() as u8];
        out.extend_from_slice(s.as_bytes());
        out
    }
    fn map(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut out = vec![(7 << 5) | entries.len() as u8];
        for (k, v) in entries {
            out.extend(text(k));
            out.extend_from_slice(v);
        }
        out
    }
    fn uint(type_code: u8, value: u64, bytes: usize) -> Vec<u8> {
        let be = value.to_be_bytes();
        let mut out = if type_code <= 7 {
            vec![(type_code << 5) | bytes as u8]
        } else {
            vec![bytes as u8, type_code - 7]
        };
        out.extend_from_slice(&be[8 - bytes..]);
        out
    }
    let node_count: u32 = 8;
    let mut tree = Vec::new();
    for depth in 0..8 {
        let bit = (first_octet >> (7 - depth)) & 1;
        // Down the path: the next node, or at the end the record at data offset 0.
        let onward = if depth == 7 {
            node_count + 16
        } else {
            depth + 1
        };
        let (left, right) = if bit == 0 {
            (onward, node_count)
        } else {
            (node_count, onward)
        };
        tree.extend_from_slice(&left.to_be_bytes()[1..]);
        tree.extend_from_slice(&right.to_be_bytes()[1..]);
    }
    let mut file = tree;
    file.extend_from_slice(&[0; 16]);
    file.extend(map(&[("country", map(&[("iso_code", text(code))]))]));
    file.extend_from_slice(b"\xAB\xCD\xEFMaxMind.com");
    let languages = vec![0, 4]; // an empty array (extended type 11)
    file.extend(map(&[
        ("node_count", uint(6, node_count.into(), 4)),
        ("record_size", uint(5, 24, 2)),
        ("ip_version", uint(5, 4, 2)),
        ("database_type", text("Test-Country")),
        ("languages", languages),
        ("binary_format_major_version", uint(5, 2, 2)),
        ("binary_format_minor_version", uint(5, 0, 2)),
        ("build_epoch", uint(9, 1_795_608_000, 8)),
        ("description", map(&[])),
    ]));
    std::fs::write(path, file).unwrap();
}

#[tokio::test]
async fn the_country_comes_from_a_maxmind_database_by_the_peer_address() {
    let dir = tempfile::tempdir().unwrap();
    let loopback = dir.path().join("loopback-is-cz.mmdb");
    tiny_country_database(&loopback, 127, "CZ");
    let app = spawn_app_with(|c| c.geo.database = Some(loopback.clone())).await;
    let czech = add_bot(
        &app,
        -1,
        "Czech",
        "conditions: {attribute: country, op: eq, value: CZ}\n",
        "Ahoj!",
    )
    .await;
    // The tests connect from 127.0.0.1, which this database places in the Czech Republic.
    let (_, welcome) = page_load(&app, None, "http://localhost/", "", &[]).await;
    assert_eq!(offered(&welcome)[0], czech);
    let visitor = welcome["visitor_id"].as_str().unwrap();
    let stored = app
        .store
        .visitor(app.account.id, visitor)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.country.as_deref(), Some("CZ"));

    let elsewhere = dir.path().join("ten-is-de.mmdb");
    tiny_country_database(&elsewhere, 10, "DE");
    let app = spawn_app_with(|c| c.geo.database = Some(elsewhere.clone())).await;
    let czech = add_bot(
        &app,
        -1,
        "Czech",
        "conditions: {attribute: country, op: eq, value: CZ}\n",
        "Ahoj!",
    )
    .await;
    let (_, welcome) = page_load(&app, None, "http://localhost/", "", &[]).await;
    assert!(
        !offered(&welcome).contains(&czech),
        "loopback is not in this database"
    );
}
