//! Page-load cost of the chat box in headless Chromium: Frontdesk's demo page with and
//! without the embed snippet, each loaded cold in a fresh profile several times. Reports long
//! tasks (and the blocking time over 50 ms each) and the bytes transferred before anyone
//! opens the box, at the load event and after the idle-time loading has settled.

use anyhow::Context;
use axum::{response::Html, routing::get, Router};
use clap::Parser;
use fantoccini::{Client, ClientBuilder};
use frontdesk_bench::proc;
use serde_json::{json, Value};
use std::{process::Stdio, time::Duration};

#[derive(Parser, Debug)]
#[command(about = "Page-load cost of the chat box in headless Chromium")]
struct Args {
    /// Cold loads of each page.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Seconds to stay on the page after the load event (the box loads the rest of itself
    /// when the browser is idle, within 4 s).
    #[arg(long, default_value_t = 6)]
    settle: u64,
    /// The Frontdesk binary (default: `frontdesk` next to this one).
    #[arg(long)]
    server_bin: Option<std::path::PathBuf>,
    /// Also write the figures as JSON here.
    #[arg(long)]
    json: Option<std::path::PathBuf>,
}

/// Registered first in `<head>`, so every long task of the page is seen.
const OBSERVER: &str = "<script>window.__lt=[];try{new PerformanceObserver(function(l){\
l.getEntries().forEach(function(e){__lt.push([e.startTime,e.duration])})}).observe({type:'longtask',\
buffered:true})}catch(e){}</script>";

/// What the page reports about itself.
const REPORT: &str = "var r=performance.getEntriesByType('resource');\
var n=performance.getEntriesByType('navigation')[0];\
return {longtasks: window.__lt || [], requests: r.length + 1,\
 bytes: r.reduce(function(a,e){return a+e.transferSize},0) + (n ? n.transferSize : 0),\
 names: r.map(function(e){return e.name}),\
 ends: r.map(function(e){return [e.name.split('?')[0].split('/').pop(), e.responseEnd]})};";

/// The demo page as two variants served from one origin (the "customer's site"): with the
/// embed snippet and without it. Styles stay on the Frontdesk server, as on the demo.
async fn pages(frontdesk: &str) -> anyhow::Result<(String, String)> {
    let html = reqwest::get(format!("{frontdesk}/demo"))
        .await?
        .text()
        .await?;
    let html = html
        .replace("href=\"/", &format!("href=\"{frontdesk}/"))
        .replacen("<head>", &format!("<head>{OBSERVER}"), 1);
    let start = html
        .find("<script>(function(w,d,k,u)")
        .context("the embed snippet on the demo page")?;
    let end = start + html[start..].find("</script>").context("snippet end")? + 9;
    let without = format!("{}{}", &html[..start], &html[end..]);
    Ok((html, without))
}

async fn serve_pages(with: String, without: String) -> anyhow::Result<String> {
    let app = Router::new()
        .route("/with", get(move || async move { Html(with) }))
        .route("/without", get(move || async move { Html(without) }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    // `localhost` is among the demo account's allowed domains.
    let url = format!("http://localhost:{}", listener.local_addr()?.port());
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(url)
}

fn on_path(binary: &str) -> Option<String> {
    std::env::var("PATH")
        .ok()?
        .split(':')
        .map(|dir| format!("{dir}/{binary}"))
        .find(|p| std::path::Path::new(p).exists())
}

async fn browser(driver: &str) -> anyhow::Result<(Client, tempfile::TempDir)> {
    let profile = tempfile::tempdir()?;
    let binary = on_path("chromium").unwrap_or_else(|| "/usr/bin/chromium".into());
    let Value::Object(capabilities) = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": binary,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,860",
                format!("--user-data-dir={}", profile.path().display())]
        }
    }) else {
        unreachable!("a JSON object")
    };
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(driver)
        .await?;
    Ok((client, profile))
}

/// One cold load: (long tasks in ms, requests and bytes at load, requests and bytes settled).
#[derive(Debug, Default, Clone, serde::Serialize)]
struct Load {
    /// Long tasks as (start, duration) in ms since navigation.
    longtasks: Vec<(f64, f64)>,
    /// When each resource finished arriving (file name, ms since navigation), to tell which
    /// script a long task follows.
    ends: Vec<(String, f64)>,
    at_load: (u64, u64),
    settled: (u64, u64),
    resources: Vec<String>,
}

async fn load_once(driver: &str, url: &str, settle: Duration) -> anyhow::Result<Load> {
    let (client, _profile) = browser(driver).await?;
    client.goto(url).await?;
    let first = client.execute(REPORT, vec![]).await?;
    tokio::time::sleep(settle).await;
    let last = client.execute(REPORT, vec![]).await?;
    client.close().await?;
    let pair = |v: &Value| {
        (
            v["requests"].as_u64().unwrap_or(0),
            v["bytes"].as_u64().unwrap_or(0),
        )
    };
    Ok(Load {
        longtasks: serde_json::from_value(last["longtasks"].clone()).unwrap_or_default(),
        ends: serde_json::from_value(last["ends"].clone()).unwrap_or_default(),
        at_load: pair(&first),
        settled: pair(&last),
        resources: serde_json::from_value(last["names"].clone()).unwrap_or_default(),
    })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

#[derive(serde::Serialize)]
struct Summary {
    page: &'static str,
    runs: usize,
    longtask_max_ms: f64,
    longtasks_total: usize,
    blocking_ms_median: f64,
    requests_at_load: f64,
    bytes_at_load_median: f64,
    requests_settled: f64,
    bytes_settled_median: f64,
    resources: Vec<String>,
}

fn summarize(page: &'static str, loads: &[Load]) -> Summary {
    let blocking = |l: &Load| {
        l.longtasks
            .iter()
            .map(|(_, d)| (d - 50.0).max(0.0))
            .fold(0.0, |a, b| a + b)
    };
    Summary {
        page,
        runs: loads.len(),
        longtask_max_ms: loads
            .iter()
            .flat_map(|l| l.longtasks.iter().map(|(_, d)| *d))
            .fold(0.0, f64::max),
        longtasks_total: loads.iter().map(|l| l.longtasks.len()).sum(),
        blocking_ms_median: median(loads.iter().map(blocking).collect()),
        requests_at_load: median(loads.iter().map(|l| l.at_load.0 as f64).collect()),
        bytes_at_load_median: median(loads.iter().map(|l| l.at_load.1 as f64).collect()),
        requests_settled: median(loads.iter().map(|l| l.settled.0 as f64).collect()),
        bytes_settled_median: median(loads.iter().map(|l| l.settled.1 as f64).collect()),
        resources: loads
            .last()
            .map(|l| l.resources.clone())
            .unwrap_or_default(),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let binary = args
        .server_bin
        .clone()
        .unwrap_or_else(|| proc::sibling_binary("frontdesk"));
    let chromedriver = on_path("chromedriver")
        .context("chromedriver is needed (apt-get install chromium chromium-driver)")?;
    let server = proc::start_frontdesk(&binary, None).await?;
    let (with, without) = pages(&server.url).await?;
    let site = serve_pages(with, without).await?;
    let port = proc::free_port()?;
    let _driver = tokio::process::Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let driver = format!("http://127.0.0.1:{port}");
    for _ in 0..100 {
        if reqwest::get(format!("{driver}/status")).await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut summaries = Vec::new();
    // Alternate the pages so drift on a busy machine hits both alike.
    let (mut with_loads, mut without_loads) = (Vec::new(), Vec::new());
    for _ in 0..args.runs {
        let settle = Duration::from_secs(args.settle);
        without_loads.push(load_once(&driver, &format!("{site}/without"), settle).await?);
        with_loads.push(load_once(&driver, &format!("{site}/with"), settle).await?);
    }
    for (page, loads) in [("without", &without_loads), ("with", &with_loads)] {
        for (run, load) in loads.iter().enumerate() {
            for (start, duration) in &load.longtasks {
                let after = load
                    .ends
                    .iter()
                    .filter(|(_, end)| end <= start)
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map_or("the page itself", |(name, _)| name.as_str());
                println!(
                    "  {page} run {}: long task of {duration:.0} ms at {start:.0} ms, after {after} arrived",
                    run + 1
                );
            }
        }
    }
    for s in [
        summarize("without chat box", &without_loads),
        summarize("with chat box", &with_loads),
    ] {
        println!(
            "{:<17} long tasks: {} in {} loads, longest {:.0} ms, blocking (median) {:.0} ms; \
             at load: {} requests, {} B; settled ({} s, box closed): {} requests, {} B",
            s.page,
            s.longtasks_total,
            s.runs,
            s.longtask_max_ms,
            s.blocking_ms_median,
            s.requests_at_load,
            s.bytes_at_load_median,
            args.settle,
            s.requests_settled,
            s.bytes_settled_median
        );
        summaries.push(s);
    }
    if let Some(r) = summaries.last() {
        println!("resources with the box: {}", r.resources.join(", "));
    }
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&summaries)?)?;
    }
    server.stop().await;
    Ok(())
}
