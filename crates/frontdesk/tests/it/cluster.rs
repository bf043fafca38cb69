//! Three nodes of the real binary on one PostgreSQL database and a real NATS (§11): a visitor
//! and an agent on different nodes chat, a node is killed with SIGKILL and its visitor goes
//! on from another node with the whole history, and a crowd of first bot clicks spread over
//! the nodes counts exactly the plan's limit.
//!
//! Needs `FRONTDESK_TEST_DATABASE_URL` and `FRONTDESK_TEST_NATS_URL` (CI sets both); without
//! them it says so and skips.

use crate::ws::{self, expect, expect_where, send, Socket};
use frontdesk_core::ids::AccountId;
use serde_json::{json, Value};
use std::{path::Path, process::Stdio, time::Duration};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
};

const LIMIT: i64 = 100;

struct Node {
    child: Child,
    url: String,
    printed: Vec<String>,
}

impl Node {
    fn ws(&self, path: &str) -> String {
        format!("{}{}", self.url.replace("http", "ws"), path)
    }
}

/// The settings every node shares: database, signing key, NATS (with a subject prefix of
/// its own, so parallel runs do not hear each other) and a plan with a small limit.
fn write_config(dir: &Path, database_url: &str, nats_url: &str) -> std::path::PathBuf {
    let prefix = format!("fdtest{}", uuid::Uuid::new_v4().simple());
    let config = format!(
        r#"database_url = "{database_url}"
secret_key = "cluster-test-key-shared-by-all-nodes"

[cluster]
nats_url = "{nats_url}"
subject_prefix = "{prefix}"

[[plans]]
code = "TEST"
included = {LIMIT}
maximum = {LIMIT}
addon_step = 0
agent_seats = 5
features = []
"#
    );
    let path = dir.join("frontdesk.toml");
    std::fs::write(&path, config).unwrap();
    path
}

async fn start_node(dir: &Path, config: &Path) -> Node {
    let data = dir.join(format!("node-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&data).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(["serve", "--listen", "127.0.0.1:0", "--config"])
        .arg(config)
        .arg("--data-dir")
        .arg(&data)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env("FRONTDESK_LOG__FILTER", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = Vec::new();
    let url = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            printed.push(line.clone());
            if let Some(rest) = line.strip_prefix("Frontdesk is listening on ") {
                return rest.split_whitespace().next().unwrap().to_owned();
            }
        }
        panic!("serve exited early: {printed:?}");
    })
    .await
    .expect("the node starts listening");
    // Keep reading so the node never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    let node = Node {
        child,
        url,
        printed,
    };
    let client = reqwest::Client::new();
    for _ in 0..100 {
        let ready = client.get(format!("{}/readyz", node.url)).send().await;
        if ready.is_ok_and(|r| r.status() == 200) {
            return node;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("node {} never became ready", node.url);
}

/// A visitor's page on `node`: hello (with a token, to come back) and the welcome.
async fn visitor_on(
    node: &Node,
    key: &str,
    token: Option<&str>,
    conversation: Option<i64>,
) -> (Socket, Value) {
    let mut socket = ws::connect(
        &node.ws(&format!("/ws/visitor?key={key}")),
        &[("origin", &node.url)],
    )
    .await
    .expect("the visitor connects");
    send(
        &mut socket,
        json!({"type": "hello", "v": 1, "token": token, "conversation_id": conversation,
               "last_seq": 0, "language": "en", "page": {"url": format!("{}/demo", node.url)}}),
    )
    .await;
    let welcome = ws::expect_within(&mut socket, "welcome", |_| true, 120).await;
    (socket, welcome)
}

/// The demo owner's dashboard socket on `node`.
async fn agent_on(node: &Node, email: &str, password: &str) -> Socket {
    ws::agent_at(&node.url, email, password).await
}

fn printed_value(node: &Node, label: &str) -> String {
    node.printed
        .iter()
        .find_map(|l| l.strip_prefix(label))
        .unwrap_or_else(|| panic!("no '{label}' in {:?}", node.printed))
        .trim()
        .to_owned()
}

/// Chatbot conversations counted for the account (all in the current period here), and the
/// `used` counter of its periods, read straight from the database.
async fn used(database_url: &str, account: AccountId) -> (i64, i64) {
    let pool = sqlx::PgPool::connect(database_url).await.unwrap();
    let counted: i64 =
        sqlx::query_scalar("SELECT count(*) FROM chatbot_conversations WHERE account_id = $1")
            .bind(account.0)
            .fetch_one(&pool)
            .await
            .unwrap();
    let used: i64 = sqlx::query_scalar(
        "SELECT COALESCE(sum(used), 0)::BIGINT FROM usage_counters WHERE account_id = $1",
    )
    .bind(account.0)
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    (counted, used)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_nodes_share_chats_survive_a_killed_node_and_count_exactly_the_limit() {
    let Some(database_url) = crate::helpers::fresh_postgres().await else {
        return;
    };
    let Ok(nats_url) = std::env::var("FRONTDESK_TEST_NATS_URL") else {
        eprintln!("FRONTDESK_TEST_NATS_URL is not set: skipping the three-node test");
        crate::helpers::drop_postgres(&database_url).await;
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &database_url, &nats_url);
    // The first node creates the demo account; the others join the same database.
    let mut nodes = vec![start_node(dir.path(), &config).await];
    nodes.push(start_node(dir.path(), &config).await);
    nodes.push(start_node(dir.path(), &config).await);
    let email = printed_value(&nodes[0], "e-mail:");
    let password = printed_value(&nodes[0], "password:");
    let store = frontdesk_store::open(&database_url, 4, false)
        .await
        .unwrap();
    let account = store.list_accounts().await.unwrap().remove(0);
    let key = account.widget_key.clone();
    // The operator moves the demo account to the small test plan, as they would any account.
    let set_plan = std::process::Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(["account", "set-plan", "--plan", "TEST", "--account"])
        .arg(account.id.0.to_string())
        .arg("--config")
        .arg(&config)
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    assert!(set_plan.status.success(), "{set_plan:?}");

    // A chatbot started on node 2 goes on from node 3: its state lives in the database.
    let (mut on_two, welcome) = visitor_on(&nodes[1], &key, None, None).await;
    send(&mut on_two, json!({"type": "trigger"})).await;
    let status = ws::expect_within(&mut on_two, "status", |_| true, 60).await;
    let bot_conversation = status["conversation"]["id"].as_i64().unwrap();
    expect_where(&mut on_two, "message", |f| {
        f["message"]["node"] == "welcome"
    })
    .await;
    drop(on_two);
    let token = welcome["token"].as_str().unwrap().to_owned();
    let (mut on_three, _) = visitor_on(&nodes[2], &key, Some(&token), Some(bot_conversation)).await;
    send(
        &mut on_three,
        json!({"type": "click", "conversation_id": bot_conversation, "node": "welcome", "button": "hours"}),
    )
    .await;
    expect_where(&mut on_three, "message", |f| {
        f["message"]["node"] == "hours"
    })
    .await;
    drop(on_three);

    // A crowd of first clicks spread over the three nodes counts exactly the limit (the
    // click above was the first of them).
    let mut ready = Vec::new();
    for chunk in (0..1000).collect::<Vec<usize>>().chunks(50) {
        let started = futures_util::future::join_all(chunk.iter().map(|i| {
            let node = &nodes[i % 3];
            let key = &key;
            async move {
                let (mut socket, _) = visitor_on(node, key, None, None).await;
                send(&mut socket, json!({"type": "trigger"})).await;
                let status = ws::expect_within(&mut socket, "status", |_| true, 120).await;
                (socket, status["conversation"]["id"].as_i64().unwrap())
            }
        }))
        .await;
        ready.extend(started);
    }
    futures_util::future::join_all(ready.iter_mut().map(|(socket, id)| async move {
        send(
            socket,
            json!({"type": "click", "conversation_id": *id, "node": "welcome", "button": "hours"}),
        )
        .await;
        send(socket, json!({"type": "ping"})).await;
        ws::expect_within(socket, "pong", |_| true, 300).await;
    }))
    .await;
    drop(ready);
    assert_eq!(used(&database_url, account.id).await, (LIMIT, LIMIT));

    // A visitor on node 1 and an agent on node 2 talk.
    let mut agent = agent_on(&nodes[1], &email, &password).await;
    let (mut visitor, welcome) = visitor_on(&nodes[0], &key, None, None).await;
    let token = welcome["token"].as_str().unwrap().to_owned();
    let ack = ws::say(&mut visitor, "c-1", "Is the mug dishwasher safe?").await;
    let conversation = ack["message"]["conversation_id"].as_i64().unwrap();
    expect_where(&mut agent, "message", |f| {
        f["message"]["body"] == "Is the mug dishwasher safe?"
    })
    .await;
    send(
        &mut agent,
        json!({"type": "send", "conversation_id": conversation, "client_id": "a-1",
               "body": "Yes, it is."}),
    )
    .await;
    expect_where(&mut visitor, "message", |f| {
        f["message"]["body"] == "Yes, it is."
    })
    .await;

    // Node 1 dies without a goodbye; the visitor's box reconnects to node 3.
    nodes[0].child.start_kill().unwrap();
    nodes[0].child.wait().await.unwrap();
    drop(visitor);
    let (mut visitor, welcome) =
        visitor_on(&nodes[2], &key, Some(&token), Some(conversation)).await;
    let bodies: Vec<&str> = welcome["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["body"].as_str())
        .collect();
    assert!(
        bodies.contains(&"Is the mug dishwasher safe?") && bodies.contains(&"Yes, it is."),
        "the whole history after failing over: {bodies:?}"
    );
    // And the chat goes on across the surviving nodes, each message arriving once.
    ws::say(&mut visitor, "c-2", "Thanks!").await;
    expect_where(&mut agent, "message", |f| f["message"]["body"] == "Thanks!").await;
    send(&mut agent, json!({"type": "ping"})).await;
    let mut thanks = 0;
    loop {
        let frame = ws::expect_any(&mut agent, &["message", "pong"]).await;
        if frame["type"] == "pong" {
            break;
        }
        if frame["message"]["body"] == "Thanks!" {
            thanks += 1;
        }
    }
    assert_eq!(thanks, 0, "the message was delivered once");
    assert_eq!(used(&database_url, account.id).await, (LIMIT, LIMIT));

    for node in &mut nodes[1..] {
        node.child.start_kill().unwrap();
        node.child.wait().await.unwrap();
    }
    store.close().await;
    crate::helpers::drop_postgres(&database_url).await;
}

/// A NATS server of the test's own on a free port, so it can be killed and restarted.
struct PrivateNats {
    child: Child,
    port: u16,
}

impl PrivateNats {
    async fn start(port: Option<u16>) -> Option<Self> {
        let binary = [
            "/usr/sbin/nats-server",
            "/usr/bin/nats-server",
            "/usr/local/bin/nats-server",
        ]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
        let port = match port {
            Some(p) => p,
            None => std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port(),
        };
        let child = Command::new(binary)
            .args(["-a", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Some(Self { child, port });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("nats-server did not start on port {port}");
    }

    fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    async fn kill(mut self) -> u16 {
        self.child.start_kill().unwrap();
        self.child.wait().await.unwrap();
        self.port
    }
}

async fn readiness(node: &Node) -> u16 {
    reqwest::get(format!("{}/readyz", node.url))
        .await
        .map(|r| r.status().as_u16())
        .unwrap_or(0)
}

async fn wait_readiness(node: &Node, wanted: u16) {
    for _ in 0..300 {
        if readiness(node).await == wanted {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{} never answered {wanted} on /readyz", node.url);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_recover_by_themselves_when_nats_restarts_and_lose_no_message() {
    let Some(database_url) = crate::helpers::fresh_postgres().await else {
        return;
    };
    let Some(nats) = PrivateNats::start(None).await else {
        assert!(
            std::env::var("FRONTDESK_TEST_NATS_URL").is_err(),
            "nats-server is needed for the NATS fault test"
        );
        eprintln!("no nats-server binary: skipping the NATS fault test");
        crate::helpers::drop_postgres(&database_url).await;
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &database_url, &nats.url());
    let mut nodes = vec![start_node(dir.path(), &config).await];
    nodes.push(start_node(dir.path(), &config).await);
    let email = printed_value(&nodes[0], "e-mail:");
    let password = printed_value(&nodes[0], "password:");
    let store = frontdesk_store::open(&database_url, 2, false)
        .await
        .unwrap();
    let key = store.list_accounts().await.unwrap()[0].widget_key.clone();

    let mut agent = agent_on(&nodes[1], &email, &password).await;
    let (mut visitor, _) = visitor_on(&nodes[0], &key, None, None).await;
    let ack = ws::say(&mut visitor, "c-1", "One").await;
    let conversation = ack["message"]["conversation_id"].as_i64().unwrap();
    expect_where(&mut agent, "message", |f| f["message"]["body"] == "One").await;

    // NATS dies. The nodes say they are not ready, but keep storing what people write.
    let port = nats.kill().await;
    wait_readiness(&nodes[0], 503).await;
    wait_readiness(&nodes[1], 503).await;
    send(
        &mut agent,
        json!({"type": "send", "conversation_id": conversation, "client_id": "a-1", "body": "Two"}),
    )
    .await;
    expect_where(&mut agent, "ack", |f| f["client_id"] == "a-1").await;
    let three = ws::say(&mut visitor, "c-2", "Three").await;
    let three_seq = three["message"]["seq"].as_i64().unwrap();

    // NATS comes back on its address; the nodes reconnect by themselves and catch up.
    let nats = PrivateNats::start(Some(port)).await.unwrap();
    wait_readiness(&nodes[0], 200).await;
    wait_readiness(&nodes[1], 200).await;
    let two = ws::expect_within(
        &mut visitor,
        "message",
        |f| f["message"]["body"] == "Two",
        30,
    )
    .await;
    assert!(two["message"]["seq"].as_i64().unwrap() < three_seq);
    // The dashboard is told to refresh, and then finds the visitor's message written meanwhile.
    ws::expect_within(&mut agent, "welcome", |_| true, 30).await;
    send(
        &mut agent,
        json!({"type": "open", "conversation_id": conversation, "last_seq": 0}),
    )
    .await;
    let history = expect(&mut agent, "history").await;
    let bodies: Vec<&str> = history["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["body"].as_str())
        .collect();
    assert!(bodies.contains(&"Three"), "{bodies:?}");
    // And live events flow again, across the nodes.
    ws::say(&mut visitor, "c-3", "Four").await;
    ws::expect_within(
        &mut agent,
        "message",
        |f| f["message"]["body"] == "Four",
        30,
    )
    .await;

    for node in &mut nodes {
        node.child.start_kill().unwrap();
        node.child.wait().await.unwrap();
    }
    nats.kill().await;
    store.close().await;
    crate::helpers::drop_postgres(&database_url).await;
}

/// A TCP relay to a real server that the test can cut and restore: a network cut, or a
/// restart as the node sees it (every connection drops, new ones are refused meanwhile).
struct Relay {
    port: u16,
    cut: tokio::sync::watch::Sender<bool>,
}

impl Relay {
    async fn to(upstream: std::net::SocketAddr) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (cut, watch) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if *watch.borrow() {
                    continue; // dropped: refused while cut
                }
                let mut watch = watch.clone();
                tokio::spawn(async move {
                    let Ok(mut outbound) = tokio::net::TcpStream::connect(upstream).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = watch.wait_for(|cut| *cut) => {}
                    }
                });
            }
        });
        Self { port, cut }
    }

    fn cut(&self) {
        self.cut.send_replace(true);
    }

    fn restore(&self) {
        self.cut.send_replace(false);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_rides_out_a_database_outage_and_loses_no_acknowledged_message() {
    let Some(database_url) = crate::helpers::fresh_postgres().await else {
        return;
    };
    let Some(nats) = PrivateNats::start(None).await else {
        crate::helpers::drop_postgres(&database_url).await;
        return;
    };
    let mut through_relay = url::Url::parse(&database_url).unwrap();
    let upstream = format!(
        "{}:{}",
        through_relay.host_str().unwrap(),
        through_relay.port().unwrap_or(5432)
    );
    let relay = Relay::to(upstream.parse().unwrap()).await;
    through_relay.set_port(Some(relay.port)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), through_relay.as_str(), &nats.url());
    let mut node = start_node(dir.path(), &config).await;
    let store = frontdesk_store::open(&database_url, 2, false)
        .await
        .unwrap();
    let key = store.list_accounts().await.unwrap()[0].widget_key.clone();

    let (mut visitor, welcome) = visitor_on(&node, &key, None, None).await;
    let token = welcome["token"].as_str().unwrap().to_owned();
    let ack = ws::say(&mut visitor, "c-1", "Before").await;
    let conversation = ack["message"]["conversation_id"].as_i64().unwrap();

    // The database goes away: not ready, and a message is refused rather than acknowledged.
    relay.cut();
    wait_readiness(&node, 503).await;
    send(
        &mut visitor,
        json!({"type": "send", "client_id": "c-2", "body": "During"}),
    )
    .await;
    let refused = ws::expect_within(&mut visitor, "error", |_| true, 30).await;
    assert_eq!(refused["client_id"], "c-2", "{refused}");

    // It comes back: ready again by itself, and the chat box's resend is stored once.
    relay.restore();
    wait_readiness(&node, 200).await;
    for _ in 0..2 {
        send(
            &mut visitor,
            json!({"type": "send", "client_id": "c-2", "body": "During"}),
        )
        .await;
        ws::expect_within(&mut visitor, "ack", |f| f["client_id"] == "c-2", 30).await;
    }
    drop(visitor);
    let (_, welcome) = visitor_on(&node, &key, Some(&token), Some(conversation)).await;
    let bodies: Vec<&str> = welcome["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["body"].as_str())
        .collect();
    assert_eq!(bodies, ["Before", "During"]);

    node.child.start_kill().unwrap();
    node.child.wait().await.unwrap();
    nats.kill().await;
    store.close().await;
    crate::helpers::drop_postgres(&database_url).await;
}
