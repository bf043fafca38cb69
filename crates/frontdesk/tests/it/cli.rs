//! The binary as an operator uses it: commands, and one clear line for every mistake.

use frontdesk_core::agent::Email;
use frontdesk_server::password::Passwords;
use std::{
    io::Write,
    path::Path,
    process::{Command, Output, Stdio},
};

/// Runs `frontdesk ARGS` in `dir`, feeding `stdin`, in English.
pub fn frontdesk(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(args)
        .current_dir(dir)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Asserts a failure: exit code 1 and exactly one line on stderr naming `what`.
pub fn assert_one_clear_line(output: &Output, what: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one line only: {stderr}");
    assert!(stderr.starts_with("frontdesk: error: "), "{stderr}");
    assert!(stderr.contains(what), "{what:?} missing from: {stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
}

#[test]
fn config_default_prints_every_setting() {
    let dir = tempfile::tempdir().unwrap();
    let output = frontdesk(dir.path(), &["config", "default"], "");
    assert!(output.status.success());
    let text = stdout(&output);
    let parsed: toml::Value = toml::from_str(&text).expect("valid TOML");
    assert_eq!(parsed["listen"].as_str(), Some("127.0.0.1:8080"));
    for key in [
        "data_dir",
        "database_url",
        "default_plan",
        "http",
        "database",
        "session",
        "log",
    ] {
        assert!(parsed.get(key).is_some(), "{key} missing");
    }
}

#[test]
fn configuration_layers_file_then_environment_then_flags() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("frontdesk.toml"),
        "listen = \"127.0.0.1:9001\"\ndata_dir = \"from-file\"\n[http]\nbody_limit_bytes = 1\nrequest_timeout_secs = 7\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(["--data-dir", "from-flag", "config", "show"])
        .current_dir(dir.path())
        .env("FRONTDESK_DATA_DIR", "from-env")
        .env("FRONTDESK_HTTP__BODY_LIMIT_BYTES", "2")
        .env(
            "FRONTDESK_DATABASE_URL",
            "postgres://frontdesk:hunter2secret@db/frontdesk",
        )
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let shown: toml::Value = toml::from_str(&stdout(&output)).unwrap();
    assert_eq!(shown["listen"].as_str(), Some("127.0.0.1:9001"), "file");
    assert_eq!(
        shown["http"]["request_timeout_secs"].as_integer(),
        Some(7),
        "file"
    );
    assert_eq!(
        shown["http"]["body_limit_bytes"].as_integer(),
        Some(2),
        "env beats file"
    );
    assert_eq!(
        shown["data_dir"].as_str(),
        Some("from-flag"),
        "flag beats env"
    );
    assert!(
        !stdout(&output).contains("hunter2secret"),
        "secrets are never printed"
    );
}

#[test]
fn a_missing_or_broken_config_file_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing = frontdesk(dir.path(), &["--config", "nope.toml", "migrate"], "");
    assert_one_clear_line(&missing, "cannot read the config file nope.toml");
    std::fs::write(dir.path().join("bad.toml"), "listen = [not toml").unwrap();
    let broken = frontdesk(dir.path(), &["--config", "bad.toml", "migrate"], "");
    assert_one_clear_line(&broken, "invalid configuration");
    std::fs::write(dir.path().join("typo.toml"), "lisen = \"127.0.0.1:1\"").unwrap();
    let typo = frontdesk(dir.path(), &["--config", "typo.toml", "migrate"], "");
    assert_one_clear_line(&typo, "lisen");
}

#[test]
fn a_wrong_database_url_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let scheme = frontdesk(
        dir.path(),
        &["--database-url", "mysql://localhost/x", "migrate"],
        "",
    );
    assert_one_clear_line(&scheme, "unsupported database URL");
    let unreachable = frontdesk(
        dir.path(),
        &[
            "--database-url",
            "postgres://frontdesk:topsecret@127.0.0.1:1/x",
            "migrate",
        ],
        "",
    );
    assert_one_clear_line(&unreachable, "cannot open the PostgreSQL database");
    assert!(!String::from_utf8_lossy(&unreachable.stderr).contains("topsecret"));
}

#[test]
fn a_failing_migration_is_one_clear_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // A database that already holds a foreign `accounts` table: migration 1 cannot apply.
    let path = dir.path().join("foreign.db");
    let url = format!("sqlite://{}", path.display());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        use sqlx::{ConnectOptions, Connection, Executor};
        let options: sqlx::sqlite::SqliteConnectOptions = url.parse().unwrap();
        let mut conn = options.create_if_missing(true).connect().await.unwrap();
        conn.execute(
            "CREATE TABLE accounts (precious TEXT); INSERT INTO accounts VALUES ('keep me')",
        )
        .await
        .unwrap();
        conn.close().await.unwrap();
    });
    let output = frontdesk(dir.path(), &["--database-url", &url, "migrate"], "");
    assert_one_clear_line(&output, "migration");
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        use sqlx::{Connection, Row};
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        let row = sqlx::query("SELECT precious FROM accounts")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(row.get::<String, _>(0), "keep me");
    });
}

#[test]
fn a_port_in_use_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let output = frontdesk(dir.path(), &["serve", "--listen", &addr], "");
    assert_one_clear_line(&output, &format!("cannot listen on {addr}"));
}

#[test]
fn bad_values_on_the_command_line_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let tz = frontdesk(
        dir.path(),
        &[
            "account",
            "create",
            "--name",
            "X",
            "--time-zone",
            "Mars/Base",
        ],
        "",
    );
    assert_one_clear_line(&tz, "Mars/Base");
    let hours = frontdesk(
        dir.path(),
        &[
            "account",
            "create",
            "--name",
            "X",
            "--office-hours",
            "mon 10:00-09:00",
        ],
        "",
    );
    assert_one_clear_line(&hours, "office hours");
    let account = frontdesk(
        dir.path(),
        &[
            "agent",
            "create",
            "--account",
            "42",
            "--email",
            "a@b.cz",
            "--name",
            "A",
        ],
        "",
    );
    assert_one_clear_line(&account, "There is no account 42");
}

#[test]
fn accounts_and_agents_are_managed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let created = frontdesk(
        dir.path(),
        &[
            "account",
            "create",
            "--name",
            "Kavárna",
            "--domain",
            "kavarna.cz",
            "--domain",
            "*.kavarna.cz",
            "--time-zone",
            "Europe/Prague",
            "--language",
            "cs",
            "--plan",
            "SOLO",
        ],
        "",
    );
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(stdout(&created).starts_with("Created account 1 \"Kavárna\""));
    assert!(
        dir.path().join("frontdesk-data/frontdesk.db").exists(),
        "data dir created"
    );

    let listed = stdout(&frontdesk(dir.path(), &["account", "list"], ""));
    let row: Vec<&str> = listed.trim().split('\t').collect();
    assert_eq!(
        &row[..6],
        [
            "1",
            "Kavárna",
            "SOLO",
            "Europe/Prague",
            "cs",
            "kavarna.cz,*.kavarna.cz"
        ]
    );

    let agent = frontdesk(
        dir.path(),
        &[
            "agent",
            "create",
            "--account",
            "1",
            "--email",
            "Barista@Kavarna.cz",
            "--name",
            "Barista",
            "--role",
            "owner",
            "--password-stdin",
        ],
        "espresso-doppio\n",
    );
    assert!(
        agent.status.success(),
        "{}",
        String::from_utf8_lossy(&agent.stderr)
    );
    assert!(
        !stdout(&agent).contains("espresso"),
        "a password from stdin is not echoed"
    );

    let duplicate = frontdesk(
        dir.path(),
        &[
            "agent",
            "create",
            "--account",
            "1",
            "--email",
            "barista@kavarna.cz",
            "--name",
            "Again",
        ],
        "",
    );
    assert_one_clear_line(&duplicate, "e-mail is already in use");

    let listed = stdout(&frontdesk(
        dir.path(),
        &["agent", "list", "--account", "1"],
        "",
    ));
    assert!(
        listed.contains("barista@kavarna.cz\tBarista\towner\tactive"),
        "{listed}"
    );

    let reset = frontdesk(
        dir.path(),
        &[
            "agent",
            "set-password",
            "--account",
            "1",
            "--email",
            "barista@kavarna.cz",
        ],
        "",
    );
    assert!(reset.status.success());
    let generated = stdout(&reset)
        .lines()
        .find_map(|l| l.strip_prefix("Generated password (shown only once): "))
        .expect("a generated password is shown")
        .to_owned();

    // The stored hash is real: the generated password verifies, the old one no longer does.
    let url = format!(
        "sqlite://{}",
        dir.path().join("frontdesk-data/frontdesk.db").display()
    );
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = frontdesk_store::open(&url, 1, false).await.unwrap();
        let email = Email::parse("barista@kavarna.cz").unwrap();
        let (_, hash) = store.login_candidate(&email).await.unwrap().unwrap();
        let passwords = Passwords::new().unwrap();
        assert!(passwords.verify(Some(hash.clone()), &generated).await);
        assert!(!passwords.verify(Some(hash), "espresso-doppio").await);
    });
}

#[test]
fn the_cli_speaks_the_terminals_language() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(["account", "list"])
        .current_dir(dir.path())
        .env("LANG", "de_DE.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert_eq!(stdout(&output).trim(), "Es gibt noch keine Konten.");
}

#[test]
fn flows_are_linted_and_simulated_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../flows/templates");
    let faq = templates.join("faq-menu.en.yaml");
    let lint = frontdesk(dir.path(), &["flow", "lint", faq.to_str().unwrap()], "");
    assert!(lint.status.success());
    assert!(
        stdout(&lint).ends_with("ok (11 nodes)\n"),
        "{}",
        stdout(&lint)
    );

    std::fs::write(
        dir.path().join("script.txt"),
        "# the visitor wants a person\nclick person\ntype not-an-email\ntype jana@example.com\n",
    )
    .unwrap();
    let sim = frontdesk(
        dir.path(),
        &[
            "flow",
            "simulate",
            faq.to_str().unwrap(),
            "--script",
            "@script.txt",
            "--agents-offline",
        ],
        "",
    );
    assert!(
        sim.status.success(),
        "{}",
        String::from_utf8_lossy(&sim.stderr)
    );
    let transcript = stdout(&sim);
    assert!(
        transcript.contains("visitor clicks: Talk to a person"),
        "{transcript}"
    );
    assert!(transcript.contains("bot: That doesn't look like an e-mail address. Please try again."));
    assert!(transcript
        .contains("bot: Thank you! We will write to jana@example.com as soon as we are back."));

    std::fs::write(
        dir.path().join("broken.json"),
        r#"{"version":1,"language":"en","start":"a","nodes":{"a":{"kind":"goto","next":"a"}}}"#,
    )
    .unwrap();
    let broken = frontdesk(dir.path(), &["flow", "lint", "broken.json"], "");
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        stdout(&broken).contains("node 'a': jumps to itself"),
        "{}",
        stdout(&broken)
    );
    let garbage = frontdesk(dir.path(), &["flow", "lint", "script.txt"], "");
    assert_one_clear_line(&garbage, "script.txt is not a flow");
}

#[test]
fn usage_prints_the_quota_of_the_period() {
    let dir = tempfile::tempdir().unwrap();
    let created = frontdesk(
        dir.path(),
        &["account", "create", "--name", "Shop", "--plan", "SOLO"],
        "",
    );
    assert!(created.status.success());
    let usage = frontdesk(dir.path(), &["usage", "--account", "1"], "");
    assert!(
        usage.status.success(),
        "{}",
        String::from_utf8_lossy(&usage.stderr)
    );
    let text = stdout(&usage);
    assert!(text.starts_with("Plan SOLO, period "), "{text}");
    assert!(
        text.contains(": 0 of 100 chatbot conversations used, 100 remaining."),
        "{text}"
    );
    let unknown = frontdesk(
        dir.path(),
        &["account", "create", "--name", "X", "--plan", "NOPE"],
        "",
    );
    assert_one_clear_line(&unknown, "'NOPE' is not a plan of the catalog");
    let missing = frontdesk(dir.path(), &["usage", "--account", "9"], "");
    assert_one_clear_line(&missing, "There is no account 9");
}

#[test]
fn a_plan_change_applies_at_once_and_is_in_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    assert!(frontdesk(
        dir.path(),
        &["account", "create", "--name", "Shop", "--plan", "SOLO"],
        ""
    )
    .status
    .success());
    let changed = frontdesk(
        dir.path(),
        &["account", "set-plan", "--account", "1", "--plan", "PLUS"],
        "",
    );
    assert!(
        changed.status.success(),
        "{}",
        String::from_utf8_lossy(&changed.stderr)
    );
    assert_eq!(stdout(&changed).trim(), "Account 1 is now on plan PLUS.");
    assert!(
        stdout(&frontdesk(dir.path(), &["usage", "--account", "1"], ""))
            .contains("of 500 chatbot conversations")
    );
    let refused = frontdesk(
        dir.path(),
        &["account", "set-plan", "--account", "1", "--plan", "GOLD"],
        "",
    );
    assert_one_clear_line(&refused, "'GOLD' is not a plan of the catalog");
}

#[tokio::test]
async fn stats_print_the_dashboards_numbers_and_refuse_bad_ranges() {
    use frontdesk_core::stats::{StatEvent, StatKind};
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("stats.db").display());
    let created = frontdesk(
        dir.path(),
        &[
            "--database-url",
            &url,
            "account",
            "create",
            "--name",
            "Shop",
        ],
        "",
    );
    assert!(created.status.success());
    // Two online conversations answered after 1 and 3 minutes, one offline after 20.
    let store = frontdesk_store::open(&url, 2, true).await.unwrap();
    let day = 1_775_001_600_000; // 2026-04-01 00:00 UTC
    let mut events = Vec::new();
    for (id, online, after) in [(1, 1, 1), (2, 1, 3), (3, 0, 20)] {
        let start = day + id * 3_600_000;
        let mut started = StatEvent::new(StatKind::Started, 1, id, start);
        started.value = Some(online);
        let mut first =
            StatEvent::new(StatKind::FirstReply, 1, id, start + after * 60_000).by_agent(Some(7));
        first.value = Some(after * 60_000);
        first.extra = Some(online);
        events.extend([started, first]);
    }
    store.record_stats(&events).await.unwrap();
    store.close().await;

    let run = |args: &[&str]| {
        let mut all = vec!["--database-url", url.as_str(), "stats"];
        all.extend_from_slice(args);
        frontdesk(dir.path(), &all, "")
    };
    let range = [
        "--account",
        "1",
        "--from",
        "2026-04-01",
        "--to",
        "2026-04-01",
    ];
    let mut args = vec!["conversations"];
    args.extend(range);
    let table = run(&args);
    assert!(
        table.status.success(),
        "{}",
        String::from_utf8_lossy(&table.stderr)
    );
    let text = stdout(&table);
    assert!(text.contains("New conversations: 3"), "{text}");
    assert!(
        text.contains("First response time (median): 0:02:00"),
        "{text}"
    );
    args.push("--csv");
    let csv = stdout(&run(&args));
    assert!(csv.contains("\r\nall,,3,3,0,120,2,,0,,0\r\n"), "{csv}");
    assert!(csv.contains("\r\n7,#7,3,0,0,120,2,"), "{csv}");

    let reversed = run(&[
        "conversations",
        "--account",
        "1",
        "--from",
        "2026-04-02",
        "--to",
        "2026-04-01",
    ]);
    assert_one_clear_line(
        &reversed,
        "The range starts (2026-04-02) after it ends (2026-04-01)",
    );
    let long = run(&[
        "chatbots",
        "--account",
        "1",
        "--from",
        "2016-01-01",
        "--to",
        "2026-01-01",
    ]);
    assert_one_clear_line(&long, "at most 366 days");
    let agent = run(&["conversations", "--account", "1", "--agent", "42"]);
    assert_one_clear_line(&agent, "There is no agent “42” in this account");
    let usage = run(&["usage", "--account", "1", "--csv"]);
    assert!(stdout(&usage).starts_with("date,counted,used,limit,remaining"));
}
