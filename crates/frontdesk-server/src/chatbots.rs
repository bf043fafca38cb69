//! Chatbots from documents: the shipped templates, importing and publishing.

use crate::state::AppState;
use frontdesk_core::{
    flow::{has_errors, validate, Chatbot, Flow},
    ids::AccountId,
};
use frontdesk_store::{NewChatbot, Store, StoreError};
use include_dir::{include_dir, Dir};

static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../flows/templates");

/// The languages chatbots can be made in (those of the shipped templates and catalogs).
pub const LANGUAGES: [&str; 4] = ["en", "de", "fr", "cs"];

/// The names of the shipped templates.
pub const TEMPLATE_NAMES: [&str; 3] = ["faq-menu", "lead-capture", "order-status"];

/// A shipped template in one language.
pub fn template(name: &str, language: &str) -> Option<Flow> {
    let file = TEMPLATES.get_file(format!("{name}.{language}.yaml"))?;
    Flow::parse(file.contents_utf8()?).ok()
}

/// A new chatbot's first flow: a shipped template, or `blank` — a greeting and a goodbye in
/// `language`.
pub fn starting_flow(state: &AppState, template_name: &str, language: &str) -> Option<Flow> {
    if template_name != "blank" {
        return template(template_name, language);
    }
    let locale = crate::i18n::Locale(language.to_owned());
    let hello = state.catalogs.t(&locale, "flow-blank-hello", &[]);
    let bye = state.catalogs.t(&locale, "flow-blank-bye", &[]);
    let document = serde_json::json!({
        "version": 1, "name": "", "language": language, "start": "welcome",
        "nodes": {
            "welcome": {"kind": "message", "text": hello, "next": "bye"},
            "bye": {"kind": "end", "text": bye}
        }
    });
    serde_json::from_value(document).ok()
}

/// Makes `flow` the chatbot's draft (its language and, when set, its name come along);
/// the caller saves it.
pub fn apply_draft(bot: &mut Chatbot, flow: &Flow, now_ms: i64) {
    bot.draft = flow.to_json();
    bot.language = flow.language.clone();
    if !flow.name.trim().is_empty() {
        bot.name = flow.name.clone();
    }
    bot.updated_at_ms = now_ms;
}

/// Why a flow could not become a chatbot.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the flow has errors: {0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Creates a chatbot from a flow and, when `publish` is set, publishes it. A flow with
/// validation errors is refused whole.
pub async fn import(
    store: &dyn Store,
    account: AccountId,
    flow: &Flow,
    position: i64,
    publish: bool,
    now_ms: i64,
) -> Result<Chatbot, ImportError> {
    let findings = validate(flow);
    if has_errors(&findings) {
        let text: Vec<String> = findings.iter().map(ToString::to_string).collect();
        return Err(ImportError::Invalid(text.join("; ")));
    }
    let name = if flow.name.trim().is_empty() {
        "Chatbot".to_owned()
    } else {
        flow.name.clone()
    };
    let new = NewChatbot {
        name,
        language: flow.language.clone(),
        position,
        draft: flow.to_json(),
    };
    let mut chatbot = store.create_chatbot(account, &new, now_ms).await?;
    if publish {
        chatbot.published_version = Some(
            store
                .publish_chatbot(account, chatbot.id, &chatbot.draft, now_ms)
                .await?,
        );
    }
    Ok(chatbot)
}
