//! The chat box's weight beside other chat boxes: Frontdesk's files as its server serves
//! them, real packages from the npm registry fetched now (`npm pack`) and weighed the same
//! way, and the vendors' published figures.

use anyhow::Context;
use clap::Parser;
use frontdesk_bench::{load, proc, weight::Weight};
use std::{path::Path, process::Command};

#[derive(Parser, Debug)]
#[command(about = "Chat box weight: Frontdesk vs npm packages vs published figures")]
struct Args {
    /// The Frontdesk binary (default: `frontdesk` next to this one).
    #[arg(long)]
    server_bin: Option<std::path::PathBuf>,
    /// Also write the figures as JSON here.
    #[arg(long)]
    json: Option<std::path::PathBuf>,
}

#[derive(serde::Serialize)]
struct Row {
    name: String,
    what: String,
    weight: Weight,
}

fn row(rows: &mut Vec<Row>, name: &str, what: &str, weight: Weight) {
    println!("{name:<34} {what:<44} {:>9} {:>9}", weight.raw, weight.gzip);
    rows.push(Row {
        name: name.into(),
        what: what.into(),
        weight,
    });
}

/// Fetches `spec` (`name@version`) with `npm pack` and unpacks it; returns its `package/`.
fn npm_package(dir: &Path, spec: &str) -> anyhow::Result<std::path::PathBuf> {
    let out = Command::new("npm")
        .args(["pack", spec, "--silent", "--pack-destination"])
        .arg(dir)
        .output()
        .context("npm is needed to fetch the packages to compare with")?;
    anyhow::ensure!(out.status.success(), "npm pack {spec} failed");
    let tgz = String::from_utf8(out.stdout)?
        .trim()
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    let into = dir.join(tgz.trim_end_matches(".tgz"));
    std::fs::create_dir_all(&into)?;
    let status = Command::new("tar")
        .arg("xzf")
        .arg(dir.join(&tgz))
        .arg("-C")
        .arg(&into)
        .status()?;
    anyhow::ensure!(status.success(), "unpacking {tgz} failed");
    Ok(into.join("package"))
}

fn file(root: &Path, name: &str) -> anyhow::Result<Weight> {
    let bytes = std::fs::read(root.join(name)).with_context(|| format!("{name} in the package"))?;
    Ok(Weight::of(&bytes))
}

async fn frontdesk(rows: &mut Vec<Row>, binary: &Path) -> anyhow::Result<()> {
    let server = proc::start_frontdesk(binary, None).await?;
    let key = load::demo_widget_key(&server.url).await?;
    let get = |path: String| {
        let url = format!("{}{path}", server.url);
        async move { anyhow::Ok(reqwest::get(url).await?.error_for_status()?.bytes().await?) }
    };
    let loader = Weight::of(&get("/widget/loader.js".into()).await?);
    let chat_js = Weight::of(&get("/widget/chat.js".into()).await?);
    let chat_css = Weight::of(&get("/widget/chat.css".into()).await?);
    let config = Weight::of(&get(format!("/widget/config?key={key}&lang=en")).await?);
    row(rows, "Frontdesk", "loader.js (on every page)", loader);
    row(rows, "Frontdesk", "chat.js", chat_js);
    row(rows, "Frontdesk", "chat.css", chat_css);
    row(rows, "Frontdesk", "config (texts)", config);
    row(
        rows,
        "Frontdesk",
        "full chat box (all of the above)",
        Weight::sum([loader, chat_js, chat_css, config]),
    );
    server.stop().await;
    Ok(())
}

fn npm(rows: &mut Vec<Row>) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let typebot = npm_package(dir.path(), "@typebot.io/js@0.10.7")?;
    row(
        rows,
        "@typebot.io/js 0.10.7",
        "dist/web.js",
        file(&typebot, "dist/web.js")?,
    );

    let rocket = npm_package(dir.path(), "@rocket.chat/livechat@1.13.3")?;
    let build = rocket.join("build");
    let loader = file(&build, "rocketchat-livechat.min.js")?;
    row(
        rows,
        "@rocket.chat/livechat 1.13.3",
        "loader (rocketchat-livechat.min.js)",
        loader,
    );
    // The first screen is the iframe page and the scripts it loads.
    let html = std::fs::read_to_string(build.join("index.html"))?;
    let mut first = vec![Weight::of(html.as_bytes())];
    for src in frontdesk_bench::weight::script_sources(&html) {
        let name = src.rsplit('/').next().unwrap_or(&src);
        first.push(file(&build, name)?);
    }
    let first = Weight::sum(first);
    row(
        rows,
        "@rocket.chat/livechat 1.13.3",
        "first screen (index.html + its scripts)",
        first,
    );
    row(
        rows,
        "@rocket.chat/livechat 1.13.3",
        "loader + first screen",
        Weight::sum([loader, first]),
    );

    let botpress = npm_package(dir.path(), "@botpress/webchat@4.5.2")?;
    let umd = file(&botpress, "dist/index.umd.cjs")?;
    let css = file(&botpress, "dist/style.css")?;
    row(rows, "@botpress/webchat 4.5.2", "dist/index.umd.cjs", umd);
    row(rows, "@botpress/webchat 4.5.2", "dist/style.css", css);
    row(
        rows,
        "@botpress/webchat 4.5.2",
        "UMD bundle + CSS",
        Weight::sum([umd, css]),
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let binary = args
        .server_bin
        .clone()
        .unwrap_or_else(|| proc::sibling_binary("frontdesk"));
    let mut rows = Vec::new();
    println!(
        "{:<34} {:<44} {:>9} {:>9}",
        "chat box", "what", "raw B", "gzip B"
    );
    frontdesk(&mut rows, &binary).await?;
    npm(&mut rows)?;
    println!("\nPublished figures (gzipped, full chat box, from the vendors):");
    for (name, kb) in [
        ("Intercom (after its cut)", 210),
        ("Crisp", 130),
        ("Chatwoot", 170),
    ] {
        println!("{name:<34} ~{kb} KB");
    }
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&rows)?)?;
    }
    Ok(())
}
