//! The API reference at `/api/docs`, rendered here on the server from the same OpenAPI
//! document as `/api/openapi.json`: plain HTML with no script or font from elsewhere, so it
//! works on closed networks. The document is read once into a view the template shows.

use crate::{
    error::AppError,
    state::AppState,
    web::{render, Lang},
};
use axum::{extract::State, response::Html, routing::get, Router};
use minijinja::{context, Value as View};
use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;

/// How deep the properties of a request body are unfolded (objects inside objects).
const NESTING: usize = 2;

/// The operations of one tag.
#[derive(Serialize)]
struct Tag {
    name: String,
    description: String,
    operations: Vec<Operation>,
}

#[derive(Serialize)]
struct Operation {
    /// An anchor for links to this operation.
    anchor: String,
    method: String,
    path: String,
    summary: String,
    description: String,
    scopes: Vec<String>,
    parameters: Vec<Parameter>,
    body: Option<Body>,
    responses: Vec<Response>,
}

#[derive(Serialize)]
struct Parameter {
    name: String,
    location: String,
    required: bool,
    kind: String,
    description: String,
}

#[derive(Serialize)]
struct Body {
    schema: String,
    required: bool,
    fields: Vec<Field>,
}

/// A property of a body schema, with the properties of an object it holds.
#[derive(Serialize)]
struct Field {
    name: String,
    kind: String,
    required: bool,
    description: String,
    fields: Vec<Field>,
}

#[derive(Serialize)]
struct Response {
    status: String,
    description: String,
    schema: String,
}

/// `GET /api/docs`, serving `doc`.
pub(super) fn router(doc: &utoipa::openapi::OpenApi) -> Router<AppState> {
    let json = serde_json::to_value(doc).unwrap_or_default();
    let page = Arc::new(View::from_serialize(context! {
        title => json.pointer("/info/title").and_then(Value::as_str).unwrap_or("API"),
        intro => text(&json, "/info/description"),
        version => text(&json, "/info/version"),
        tags => tags(&json),
    }));
    Router::new().route(
        "/api/docs",
        get(
            move |State(state): State<AppState>, Lang(locale): Lang| async move {
                page_html(&state, &locale, &page)
            },
        ),
    )
}

fn page_html(
    state: &AppState,
    locale: &crate::i18n::Locale,
    page: &View,
) -> Result<Html<String>, AppError> {
    render(
        state,
        locale,
        "api_reference.html",
        context! { api => page },
    )
}

fn text(json: &Value, pointer: &str) -> String {
    json.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Every operation, grouped by its first tag in the document's tag order; untagged ones last.
fn tags(doc: &Value) -> Vec<Tag> {
    let mut tags: Vec<Tag> = doc
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|t| Tag {
            name: text(t, "/name"),
            description: text(t, "/description"),
            operations: Vec::new(),
        })
        .collect();
    let paths = doc.get("paths").and_then(Value::as_object);
    for (path, item) in paths.into_iter().flatten() {
        for method in ["get", "put", "post", "patch", "delete"] {
            let Some(op) = item.get(method) else { continue };
            let tag = op
                .pointer("/tags/0")
                .and_then(Value::as_str)
                .unwrap_or("other");
            let index = match tags.iter().position(|t| t.name == tag) {
                Some(i) => i,
                None => {
                    tags.push(Tag {
                        name: tag.to_owned(),
                        description: String::new(),
                        operations: Vec::new(),
                    });
                    tags.len() - 1
                }
            };
            tags[index]
                .operations
                .push(operation(doc, method, path, item, op));
        }
    }
    tags.retain(|t| !t.operations.is_empty());
    tags
}

fn operation(doc: &Value, method: &str, path: &str, item: &Value, op: &Value) -> Operation {
    let shared = item.get("parameters").and_then(Value::as_array);
    let own = op.get("parameters").and_then(Value::as_array);
    let parameters = shared
        .into_iter()
        .chain(own)
        .flatten()
        .map(|p| resolve(doc, p))
        .map(|p| Parameter {
            name: text(p, "/name"),
            location: text(p, "/in"),
            required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
            kind: p.get("schema").map(kind).unwrap_or_default(),
            description: text(p, "/description"),
        })
        .collect();
    let scopes = op
        .get("security")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .flat_map(|requirement| requirement.values())
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    let body = op.get("requestBody").map(|b| resolve(doc, b)).map(|b| {
        let schema = json_schema(b);
        Body {
            schema: schema.map(kind).unwrap_or_default(),
            required: b.get("required").and_then(Value::as_bool).unwrap_or(false),
            fields: schema.map(|s| fields(doc, s, NESTING)).unwrap_or_default(),
        }
    });
    let responses = op
        .get("responses")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(status, r)| {
            let r = resolve(doc, r);
            Response {
                status: status.clone(),
                description: text(r, "/description"),
                schema: json_schema(r).map(kind).unwrap_or_default(),
            }
        })
        .collect();
    Operation {
        anchor: format!("{method}-{path}")
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect(),
        method: method.to_ascii_uppercase(),
        path: path.to_owned(),
        summary: text(op, "/summary"),
        description: text(op, "/description"),
        scopes,
        parameters,
        body,
        responses,
    }
}

/// The JSON schema of a request body or response, if it has one.
fn json_schema(content_holder: &Value) -> Option<&Value> {
    let content = content_holder.get("content")?.as_object()?;
    content
        .get("application/json")
        .or_else(|| content.values().next())?
        .get("schema")
}

/// Follows a local `$ref` (`#/components/…`); anything else is returned as it is.
fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    let mut value = value;
    // A bound, so a document that refers to itself in a loop cannot hang the server.
    for _ in 0..8 {
        let Some(target) = value.get("$ref").and_then(Value::as_str) else {
            break;
        };
        match target.strip_prefix('#').and_then(|p| doc.pointer(p)) {
            Some(found) => value = found,
            None => break,
        }
    }
    value
}

/// The name of the schema a `$ref` points at.
fn ref_name(schema: &Value) -> Option<&str> {
    let target = schema.get("$ref")?.as_str()?;
    target.rsplit('/').next()
}

/// A short readable type: `string`, `integer (int64)`, `ConversationOut`, `array of Tag`,
/// `"open" | "closed"`, `string | null`.
fn kind(schema: &Value) -> String {
    if let Some(name) = ref_name(schema) {
        return name.to_owned();
    }
    for union in ["oneOf", "anyOf", "allOf"] {
        if let Some(options) = schema.get(union).and_then(Value::as_array) {
            let joiner = if union == "allOf" { " & " } else { " | " };
            return options.iter().map(kind).collect::<Vec<_>>().join(joiner);
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join(" | ");
    }
    let types: Vec<String> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    };
    let types: Vec<String> = types
        .into_iter()
        .map(|t| match (t.as_str(), schema.get("items")) {
            ("array", Some(items)) => format!("array of {}", kind(items)),
            _ => match schema.get("format").and_then(Value::as_str) {
                Some(format) if t != "null" => format!("{t} ({format})"),
                _ => t,
            },
        })
        .collect();
    if types.is_empty() {
        "any".to_owned()
    } else {
        types.join(" | ")
    }
}

/// The properties of an object schema, unfolding objects inside it `depth` levels deep.
fn fields(doc: &Value, schema: &Value, depth: usize) -> Vec<Field> {
    let schema = object_of(doc, schema);
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    properties
        .iter()
        .map(|(name, property)| Field {
            name: name.clone(),
            kind: kind(property),
            required: required.contains(&name.as_str()),
            description: description_of(doc, property),
            fields: if depth > 1 {
                fields(doc, property, depth - 1)
            } else {
                Vec::new()
            },
        })
        .collect()
}

/// The object a schema stands for: through a `$ref`, an optional (`T | null`) wrapper or
/// an array's items.
fn object_of<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    let schema = resolve(doc, schema);
    let options = ["oneOf", "anyOf"]
        .iter()
        .find_map(|u| schema.get(*u).and_then(Value::as_array));
    if let Some(options) = options {
        let not_null = options
            .iter()
            .find(|o| o.get("type") != Some(&Value::from("null")));
        if let Some(option) = not_null {
            return object_of(doc, option);
        }
    }
    match schema.get("items") {
        Some(items) => resolve(doc, items),
        None => schema,
    }
}

fn description_of(doc: &Value, property: &Value) -> String {
    let own = text(property, "/description");
    if own.is_empty() {
        text(object_of(doc, property), "/description")
    } else {
        own
    }
}
