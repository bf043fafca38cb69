use crate::helpers::spawn_app;
use std::time::Duration;

#[tokio::test]
async fn shutdown_lets_a_request_under_way_finish_then_refuses_new_ones() {
    let mut app = spawn_app().await;
    let server = app.server.take().unwrap();
    // A request whose body is still arriving when the shutdown starts.
    let body = futures_util::stream::unfold(0, |step| async move {
        match step {
            0 => Some((Ok::<_, std::io::Error>("email=slow%40example.com&pass"), 1)),
            1 => {
                tokio::time::sleep(Duration::from_millis(600)).await;
                Some((Ok("word=still-typing&csrf=x"), 2))
            }
            _ => None,
        }
    });
    let url = app.at("/dashboard/login");
    let in_flight = tokio::spawn(async move {
        reqwest::Client::new()
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(reqwest::Body::wrap_stream(body))
            .send()
            .await
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let stopping = tokio::spawn(server.shutdown());

    let response = in_flight
        .await
        .unwrap()
        .expect("the request under way was answered");
    assert_eq!(
        response.status(),
        403,
        "it was handled in full (CSRF check ran)"
    );
    tokio::time::timeout(Duration::from_secs(5), stopping)
        .await
        .expect("the server stopped after draining")
        .unwrap()
        .unwrap();
    let refused = reqwest::get(app.at("/healthz")).await;
    assert!(refused.is_err(), "no new connections after shutdown");
}
