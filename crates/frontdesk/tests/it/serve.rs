//! `frontdesk serve` as a newcomer runs it: first start, demo account, SIGTERM.

use std::{path::Path, process::Stdio, time::Duration};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
};

struct Served {
    child: Child,
    url: String,
    printed: Vec<String>,
}

/// Starts `frontdesk serve` on a free port in `dir` and reads its output until it listens.
async fn serve(dir: &Path) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .current_dir(dir)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
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
    .expect("serve starts listening");
    Served {
        child,
        url,
        printed,
    }
}

fn terminate(child: &Child) {
    let pid = child.id().unwrap().to_string();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(status.success());
}

#[tokio::test]
async fn the_first_start_creates_the_demo_and_sigterm_stops_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = serve(dir.path()).await;
    assert!(
        dir.path().join("frontdesk-data").is_dir(),
        "data directory created"
    );
    let password_line = first
        .printed
        .iter()
        .find(|l| l.starts_with("password: "))
        .expect("the owner's password is printed on first start");
    assert!(first
        .printed
        .iter()
        .any(|l| l == "e-mail:   owner@example.com"));
    let password = password_line.trim_start_matches("password: ").to_owned();

    let demo = reqwest::get(format!("{}/demo", first.url)).await.unwrap();
    assert_eq!(demo.status(), 200);
    let login = reqwest::get(format!("{}/dashboard/login", first.url))
        .await
        .unwrap();
    assert_eq!(login.status(), 200);

    terminate(&first.child);
    let status = tokio::time::timeout(Duration::from_secs(20), first.child.wait())
        .await
        .expect("stops within the grace period")
        .unwrap();
    assert!(status.success(), "SIGTERM is a clean exit: {status}");

    // The second start keeps the data and prints no password again.
    let mut second = serve(dir.path()).await;
    assert!(
        !second.printed.iter().any(|l| l.contains("password")),
        "{:?}",
        second.printed
    );
    let client = crate::helpers::browser();
    let page = client
        .get(format!("{}/dashboard/login", second.url))
        .send()
        .await
        .unwrap();
    let csrf = crate::helpers::csrf_in(&page.text().await.unwrap());
    let response = client
        .post(format!("{}/dashboard/login", second.url))
        .form(&[
            ("email", "owner@example.com"),
            ("password", password.as_str()),
            ("csrf", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "the printed password still logs in");
    terminate(&second.child);
    assert!(second.child.wait().await.unwrap().success());
}
