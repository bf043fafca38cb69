//! Servers the harness starts as child processes, and their memory.

use anyhow::{bail, Context};
use hdrhistogram::Histogram;
use std::{
    path::{Path, PathBuf},
    process::Stdio,
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
};

/// CPU time (user and system, all threads) a process has used so far, in seconds. The
/// kernel counts it in USER_HZ ticks, which Linux fixes at 100 a second for user space.
pub fn cpu_seconds(pid: u32) -> anyhow::Result<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // The command name (field 2) may hold spaces; fields are counted after its `)`.
    let rest = stat.rsplit_once(')').context("no command name")?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    let ticks: u64 = fields.get(11).context("utime")?.parse::<u64>()?
        + fields.get(12).context("stime")?.parse::<u64>()?;
    Ok(ticks as f64 / 100.0)
}

/// Resident set size of a process in bytes, from `/proc/PID/status`.
pub fn rss_bytes(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .context("no VmRSS line")?;
    let kib: u64 = line
        .split_whitespace()
        .nth(1)
        .context("VmRSS value")?
        .parse()?;
    Ok(kib * 1024)
}

/// A binary next to this one (`target/release/…`), where cargo puts the workspace's binaries.
pub fn sibling_binary(name: &str) -> PathBuf {
    let me = std::env::current_exe().unwrap_or_default();
    me.parent().unwrap_or(Path::new(".")).join(name)
}

/// A free TCP port on the loopback interface.
pub fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// A running server process, killed when dropped.
pub struct Server {
    pub child: Child,
    pub pid: u32,
    /// `http://127.0.0.1:PORT`
    pub url: String,
    /// The demo owner's login, when the server printed one.
    pub login: Option<(String, String)>,
    /// Server-side bot step durations, from the server's `frontdesk::bot_step` log lines.
    pub bot_steps: Arc<Mutex<Histogram<u64>>>,
    _data: Option<tempfile::TempDir>,
}

impl Server {
    pub fn rss(&self) -> u64 {
        rss_bytes(self.pid).unwrap_or(0)
    }

    pub fn ws_url(&self) -> String {
        self.url.replacen("http", "ws", 1)
    }

    /// Stops the server with SIGTERM-equivalent `kill` and waits for it.
    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }
}

/// Collects the server's bot step timings and passes every other log line on.
async fn read_log(
    mut log: tokio::io::Lines<BufReader<tokio::process::ChildStderr>>,
    into: Arc<Mutex<Histogram<u64>>>,
) {
    while let Ok(Some(line)) = log.next_line().await {
        let micros = line
            .contains("frontdesk::bot_step")
            .then(|| line.split("micros=").nth(1))
            .flatten()
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok());
        match micros {
            Some(us) => {
                let _ = into
                    .lock()
                    .map(|mut h| crate::stats::record(&mut h, Duration::from_micros(us)));
            }
            None => eprintln!("server: {line}"),
        }
    }
}

fn server_log_filter() -> String {
    let base = "warn,frontdesk::bot_step=debug";
    match std::env::var("LOAD_SERVER_LOG") {
        Ok(more) if !more.trim().is_empty() => format!("{base},{more}"),
        _ => base.to_owned(),
    }
}

/// Fluent wraps placeables in Unicode isolation marks; they are not part of the values.
fn strip_isolation(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{2068}' | '\u{2069}'))
        .collect()
}

/// Starts `frontdesk serve` on a fresh data directory (or `database_url`) and waits until it
/// listens, reading the demo owner's login from what the first start prints.
pub async fn start_frontdesk(binary: &Path, database_url: Option<&str>) -> anyhow::Result<Server> {
    start_frontdesk_with(binary, database_url, &[]).await
}

/// [`start_frontdesk`] with extra `FRONTDESK_*` settings (e.g. a node of a cluster).
pub async fn start_frontdesk_with(
    binary: &Path,
    database_url: Option<&str>,
    settings: &[(&str, &str)],
) -> anyhow::Result<Server> {
    let data = tempfile::tempdir()?;
    let port = free_port()?;
    let mut command = Command::new(binary);
    command
        .arg("serve")
        .arg("--listen")
        .arg(format!("127.0.0.1:{port}"))
        .arg("--data-dir")
        .arg(data.path())
        .env("LANG", "en_US.UTF-8")
        // `LOAD_SERVER_LOG` adds to what the server logs (printed as `server: …`), e.g.
        // `sqlx::query=debug` to count the statements a run makes.
        .env("FRONTDESK_LOG__FILTER", server_log_filter())
        // The shipped limit (30 messages a minute per visitor) would make a few hundred
        // senders stand in for thousands of visitors only if lifted; the work per message is
        // the same either way.
        .env("FRONTDESK_CHAT__VISITOR_MESSAGES_PER_MINUTE", "1000000")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    command.envs(settings.iter().copied());
    if let Some(url) = database_url {
        command.arg("--database-url").arg(url);
    }
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot start {}", binary.display()))?;
    let pid = child.id().context("server pid")?;
    let bot_steps = Arc::new(Mutex::new(crate::stats::histogram()));
    let log = BufReader::new(child.stderr.take().context("stderr")?).lines();
    tokio::spawn(read_log(log, bot_steps.clone()));
    let mut lines = BufReader::new(child.stdout.take().context("stdout")?).lines();
    let (mut email, mut password) = (None, None);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        let line = tokio::time::timeout_at(deadline, lines.next_line())
            .await
            .context("the server did not start within 60 s")??;
        let Some(line) = line.map(|l| strip_isolation(&l)) else {
            bail!("the server exited before listening");
        };
        if let Some(v) = line.strip_prefix("e-mail:") {
            email = Some(v.trim().to_owned());
        } else if let Some(v) = line.strip_prefix("password:") {
            password = Some(v.trim().to_owned());
        } else if line.contains("is listening on") {
            break;
        }
    }
    // Keep draining stdout so the server never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok(Server {
        child,
        pid,
        url: format!("http://127.0.0.1:{port}"),
        login: email.zip(password),
        bot_steps,
        _data: Some(data),
    })
}

/// Starts the echo/broadcast baseline server (`echo-server`, built beside this binary).
pub async fn start_echo() -> anyhow::Result<Server> {
    let port = free_port()?;
    let mut child = Command::new(sibling_binary("echo-server"))
        .arg(format!("127.0.0.1:{port}"))
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .context("cannot start echo-server (cargo build --release -p frontdesk-bench)")?;
    let pid = child.id().context("echo pid")?;
    let mut lines = BufReader::new(child.stdout.take().context("stdout")?).lines();
    tokio::time::timeout(Duration::from_secs(10), lines.next_line())
        .await
        .context("echo-server did not start")??;
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok(Server {
        child,
        pid,
        url: format!("http://127.0.0.1:{port}"),
        login: None,
        bot_steps: Arc::new(Mutex::new(crate::stats::histogram())),
        _data: None,
    })
}
