//! The HTTP routes, one file per resource.

mod agents;
mod api_keys;
mod assets;
mod automatic;
mod chatbots;
mod demo;
mod health;
mod inbox;
mod lang;
mod login;
mod office_hours;
mod overview;
mod stats;
mod usage;
mod webhooks;
mod widget;

use crate::{chat, state::AppState};
use axum::{
    response::Redirect,
    routing::{get, post},
    Router,
};

/// Every route of the app, before the shared layers are applied.
pub fn router() -> Router<AppState> {
    let (api, _) = crate::api::router();
    api.route("/", get(|| async { Redirect::to("/demo") }))
        .route("/healthz", get(health::healthz))
        // Browsers ask for it on every page; "no content" beats a logged 404.
        .route(
            "/favicon.ico",
            get(|| async { axum::http::StatusCode::NO_CONTENT }),
        )
        .route("/readyz", get(health::readyz))
        .route("/demo", get(demo::page))
        .route("/demo/pricing", get(demo::pricing))
        .route("/lang", get(lang::choose))
        .route("/static/{*path}", get(assets::serve))
        .route("/dashboard", get(overview::page))
        .route("/dashboard/login", get(login::form).post(login::submit))
        .route("/dashboard/logout", post(login::logout))
        .route("/dashboard/office-hours", post(office_hours::save))
        .route("/dashboard/agents", post(agents::create))
        .route("/dashboard/agents/{id}", get(agents::page))
        .route("/dashboard/agents/{id}/state", post(agents::set_state))
        .route("/dashboard/inbox", get(inbox::page))
        .route("/dashboard/statistics", get(stats::conversations))
        .route("/dashboard/statistics/chatbots", get(stats::chatbots))
        .route("/dashboard/usage", get(usage::page))
        .route("/dashboard/usage/addons", post(usage::buy))
        .route("/dashboard/usage/renewal", post(usage::renewal))
        .route("/dashboard/usage/reduce", post(usage::reduce))
        .route(
            "/dashboard/api-keys",
            get(api_keys::page).post(api_keys::create),
        )
        .route("/dashboard/api-keys/{id}/revoke", post(api_keys::revoke))
        .route(
            "/dashboard/automatic",
            get(automatic::page).post(automatic::save),
        )
        .route(
            "/dashboard/chatbots",
            get(chatbots::list).post(chatbots::create),
        )
        .route("/dashboard/chatbots/{id}", get(chatbots::page))
        .route("/dashboard/chatbots/{id}/draft", post(chatbots::draft))
        .route("/dashboard/chatbots/{id}/check", post(chatbots::check))
        .route(
            "/dashboard/chatbots/{id}/settings",
            post(chatbots::save_settings),
        )
        .route("/dashboard/chatbots/{id}/publish", post(chatbots::publish))
        .route("/dashboard/chatbots/{id}/preview", get(chatbots::preview))
        .route("/dashboard/chatbots/{id}/{action}", post(chatbots::act))
        .route(
            "/dashboard/webhooks",
            get(webhooks::list).post(webhooks::create),
        )
        .route("/dashboard/webhooks/{id}", get(webhooks::page))
        .route(
            "/dashboard/webhooks/{id}/enabled",
            post(webhooks::set_enabled),
        )
        .route("/dashboard/webhooks/{id}/delete", post(webhooks::delete))
        .route(
            "/dashboard/webhooks/{id}/deliveries/{delivery}/redeliver",
            post(webhooks::redeliver),
        )
        .route("/widget/loader.js", get(widget::loader))
        .route("/widget/config", get(widget::config))
        .route("/widget/{file}", get(widget::file))
        .route("/ws/visitor", get(chat::visitor_ws))
        .route("/ws/agent", get(chat::agent_ws))
}
