//! The API reference page (§9): rendered by the server from the OpenAPI document, so it works
//! without reaching any other site.

use crate::helpers::spawn_app;
use reqwest::Client;
use serde_json::Value;

/// The HTML of the row whose first cell is `<code>NAME</code>`, after `from` in `html`.
fn row_of<'a>(html: &'a str, from: usize, name: &str) -> &'a str {
    let cell = format!("<td><code>{name}</code></td>");
    let start = from
        + html[from..]
            .find(&cell)
            .unwrap_or_else(|| panic!("no row {name}"));
    let end = start + html[start..].find("</tr>").unwrap();
    &html[start..end]
}

#[tokio::test]
async fn the_reference_page_lists_every_operation_without_outside_scripts() {
    let app = spawn_app().await;
    let client = Client::new();
    let response = client.get(app.at("/api/docs")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    // The template engine writes `/` in text as `&#x2f;`, which browsers show as `/`.
    let html = response.text().await.unwrap().replace("&#x2f;", "/");
    for tag in html.match_indices("<script").map(|(i, _)| &html[i..]) {
        let tag = &tag[..tag.find('>').unwrap()];
        assert!(
            !tag.contains("src=\"http") && !tag.contains("src=\"//"),
            "a script from elsewhere: {tag}"
        );
    }
    assert!(
        !html.contains("<link rel=\"stylesheet\" href=\"http"),
        "no outside styles"
    );
    assert!(html.contains("href=\"/api/openapi.json\""));
    assert!(html.contains("Authorization: Bearer fdk_…"));

    let doc: Value = client
        .get(app.at("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for (path, methods) in doc["paths"].as_object().unwrap() {
        for method in methods.as_object().unwrap().keys() {
            let heading = format!("{}</span> <code>{path}</code>", method.to_ascii_uppercase());
            assert!(html.contains(&heading), "{method} {path} is not listed");
        }
    }

    // Sending a message: its parameters, scope, body properties and responses.
    let op = html
        .find("POST</span> <code>/api/v1/conversations/{id}/messages</code>")
        .unwrap();
    let op_html = &html[op..op + html[op..].find("</article>").unwrap()];
    assert!(
        op_html.contains("<code>conversations:write</code>"),
        "the scope"
    );
    let idempotency = row_of(op_html, 0, "Idempotency-Key");
    assert!(idempotency.contains("<td>header</td>"), "{idempotency}");
    assert!(!idempotency.contains("required"), "{idempotency}");
    let id = row_of(op_html, 0, "id");
    assert!(
        id.contains("<td>path</td>") && id.contains("required"),
        "{id}"
    );
    assert!(
        op_html.contains("<code>NewMessageIn</code>"),
        "the body schema"
    );
    let body = row_of(op_html, 0, "body");
    assert!(
        body.contains("<code>string</code>") && body.contains("required"),
        "{body}"
    );
    assert!(body.contains("The text: up to 4000 characters"), "{body}");
    let note = row_of(op_html, 0, "note");
    assert!(!note.contains("required"), "{note}");
    assert!(op_html.contains("<td><code>201</code></td>"));
    assert!(op_html.contains("<code>MessageOut</code>"));
}

#[tokio::test]
async fn the_reference_page_speaks_the_readers_language() {
    let app = spawn_app().await;
    let html = Client::new()
        .get(app.at("/api/docs"))
        .header("accept-language", "de")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<h2>Authentifizierung</h2>"), "{html}");
    assert!(html.contains("<h4>Antworten</h4>"));
}
