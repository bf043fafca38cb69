//! The statistics pages (§8): conversations and agents, and chatbot insights with the usage
//! history. Every table downloads as CSV with `?format=csv&table=…`. All agents may read
//! statistics; the usage history (billing) is for owners and admins.

use crate::{
    error::AppError,
    i18n::Locale,
    state::AppState,
    stats::{self, chart, StatsError},
    web::{render, CurrentAgent, Lang},
};
use axum::{
    extract::{Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use fluent_bundle::FluentValue;
use minijinja::{context, Value};
use serde::{Deserialize, Serialize};

/// The query every statistics page takes. Everything is text so that bad input reaches the
/// page and gets a clear message instead of a bare rejection.
#[derive(Deserialize, Default)]
pub struct StatsQuery {
    from: Option<String>,
    to: Option<String>,
    agent: Option<String>,
    chatbot: Option<String>,
    format: Option<String>,
    table: Option<String>,
}

fn id_param(raw: &Option<String>) -> Result<Option<i64>, String> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| s.to_owned()),
    }
}

fn message(state: &AppState, locale: &Locale, err: &StatsError) -> String {
    let (key, args) = err.message();
    let args: Vec<(&str, FluentValue)> = args
        .into_iter()
        .map(|(k, v)| (k, FluentValue::from(v)))
        .collect();
    state.catalogs.t(locale, key, &args)
}

fn status(err: &StatsError) -> StatusCode {
    match err {
        StatsError::Range(_) => StatusCode::UNPROCESSABLE_ENTITY,
        StatsError::UnknownAgent(_) | StatsError::UnknownChatbot(_) => StatusCode::NOT_FOUND,
        StatsError::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn csv_response(name: &str, body: String) -> Response {
    let disposition = format!("attachment; filename=\"{name}.csv\"");
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

fn wants_csv(q: &StatsQuery) -> bool {
    q.format.as_deref() == Some("csv")
}

/// A refused CSV download: the status and the explanation as plain text.
fn refuse_csv(state: &AppState, locale: &Locale, err: StatsError) -> Result<Response, AppError> {
    if let StatsError::Store(store) = err {
        return Err(store.into());
    }
    Ok((status(&err), message(state, locale, &err)).into_response())
}

#[derive(Serialize)]
struct Choice {
    id: i64,
    name: String,
}

/// Hours, minutes and seconds: `1:05:09`, the same in every language.
fn duration(ms: Option<i64>) -> Option<String> {
    ms.map(|ms| {
        let s = ms / 1000;
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    })
}

/// A decimal in the page's language (a comma in German, French and Czech).
fn decimal(locale: &Locale, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    if locale.as_str() == "en" {
        text
    } else {
        text.replace('.', ",")
    }
}

fn percent(state: &AppState, locale: &Locale, rate: Option<f64>) -> Option<String> {
    rate.map(|r| {
        let n = (r * 100.0).round() as i64;
        state
            .catalogs
            .t(locale, "stats-percent", &[("n", n.into())])
    })
}

fn totals_view(locale: &Locale, t: &frontdesk_core::stats::ConversationTotals) -> Value {
    context! {
        new => t.new,
        replied => t.replied,
        closed => t.closed,
        first_response => duration(t.first_response_median_ms),
        first_responses => t.first_responses,
        time_to_close => duration(t.time_to_close_median_ms),
        chatting => duration(Some(t.chatting_ms)),
        rating => t.rating_mean.map(|r| decimal(locale, r, 1)),
        ratings => t.ratings,
    }
}

/// `GET /dashboard/statistics`: conversations in total and per agent.
pub async fn conversations(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    Query(q): Query<StatsQuery>,
) -> Result<Response, AppError> {
    let account = &current.account;
    let csv = wants_csv(&q);
    let agents = state.store.list_agents(account.id).await?;
    let range = stats::parse_range(&state, account, q.from.as_deref(), q.to.as_deref());
    let agent = id_param(&q.agent).map_err(StatsError::UnknownAgent);
    let report = match (range, agent) {
        (Ok(range), Ok(agent)) => stats::conversations(&state, account, &range, agent)
            .await
            .map(|r| (range, agent, r)),
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    let agent_options: Vec<Choice> = agents
        .iter()
        .map(|a| Choice {
            id: a.id.0,
            name: a.name.to_string(),
        })
        .collect();
    let (range, agent, report) = match report {
        Ok(r) => r,
        Err(err) if csv => return refuse_csv(&state, &locale, err),
        Err(StatsError::Store(e)) => return Err(e.into()),
        Err(err) => {
            let code = status(&err);
            let page = render(
                &state,
                &locale,
                "statistics.html",
                context! {
                    nav => "statistics",
                    tab => "conversations",
                    me => Value::from_serialize(&current.agent),
                    csrf => current.session.csrf_token.clone(),
                    error => message(&state, &locale, &err),
                    from => q.from.clone().unwrap_or_default(),
                    to => q.to.clone().unwrap_or_default(),
                    agent => q.agent.clone().unwrap_or_default(),
                    agents => Value::from_serialize(&agent_options),
                    time_zone => account.time_zone.as_str(),
                },
            )?;
            return Ok((code, page).into_response());
        }
    };
    if csv {
        return Ok(match q.table.as_deref() {
            Some("days") => csv_response(
                "conversations-per-day",
                stats::csv::conversation_days(&report),
            ),
            _ => csv_response("conversations", stats::csv::conversations(&report)),
        });
    }
    let dates: Vec<String> = report
        .stats
        .days
        .iter()
        .map(|d| d.date.to_string())
        .collect();
    let series = [
        chart::Series {
            key: "stats-new",
            class: "s1",
            values: report.stats.days.iter().map(|d| d.new).collect(),
        },
        chart::Series {
            key: "stats-replied",
            class: "s2",
            values: report.stats.days.iter().map(|d| d.replied).collect(),
        },
        chart::Series {
            key: "stats-closed",
            class: "s3",
            values: report.stats.days.iter().map(|d| d.closed).collect(),
        },
    ];
    let chart = chart::bars(&dates, &series);
    let per_agent: Vec<Value> = report
        .stats
        .agents
        .iter()
        .map(|(id, t)| {
            context! {
                id => id,
                name => report.agent_names.get(id).cloned().unwrap_or_default(),
                t => totals_view(&locale, t),
            }
        })
        .collect();
    let query = format!(
        "from={}&to={}{}",
        range.from,
        range.to,
        agent.map(|a| format!("&agent={a}")).unwrap_or_default()
    );
    let page = render(
        &state,
        &locale,
        "statistics.html",
        context! {
            nav => "statistics",
            tab => "conversations",
            me => Value::from_serialize(&current.agent),
            csrf => current.session.csrf_token.clone(),
            error => None::<String>,
            from => range.from.to_string(),
            to => range.to.to_string(),
            agent => agent.map(|a| a.to_string()).unwrap_or_default(),
            agent_name => agent.and_then(|a| report.agent_names.get(&a).cloned()),
            agents => Value::from_serialize(&agent_options),
            time_zone => account.time_zone.as_str(),
            total => totals_view(&locale, &report.stats.total),
            per_agent => per_agent,
            chart => Value::from_serialize(&chart),
            plot_h => chart::PLOT_H,
            query => query,
        },
    )?;
    Ok(page.into_response())
}

/// `GET /dashboard/statistics/chatbots`: each chatbot per language and day, its funnel,
/// and (for owners and admins) the usage history of the billing period.
pub async fn chatbots(
    State(state): State<AppState>,
    Lang(locale): Lang,
    current: CurrentAgent,
    Query(q): Query<StatsQuery>,
) -> Result<Response, AppError> {
    let account = &current.account;
    let csv = wants_csv(&q);
    let manager = current.agent.role.manages_account();
    if csv && q.table.as_deref() == Some("usage") {
        if !manager {
            return Err(AppError::Forbidden);
        }
        let history = stats::usage_history(&state, account).await?;
        return Ok(csv_response("usage", stats::csv::usage(&history)));
    }
    let bots = state.store.list_chatbots(account.id).await?;
    let bot_options: Vec<Choice> = bots
        .iter()
        .map(|b| Choice {
            id: b.id,
            name: format!("{} ({})", b.name, b.language),
        })
        .collect();
    let range = stats::parse_range(&state, account, q.from.as_deref(), q.to.as_deref());
    let chatbot = id_param(&q.chatbot).map_err(StatsError::UnknownChatbot);
    let report = match (range, chatbot) {
        (Ok(range), Ok(chatbot)) => stats::chatbots(&state, account, &range, chatbot)
            .await
            .map(|r| (range, chatbot, r)),
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    let (range, chatbot, report) = match report {
        Ok(r) => r,
        Err(err) if csv => return refuse_csv(&state, &locale, err),
        Err(StatsError::Store(e)) => return Err(e.into()),
        Err(err) => {
            let code = status(&err);
            let page = render(
                &state,
                &locale,
                "statistics_chatbots.html",
                context! {
                    nav => "statistics",
                    tab => "chatbots",
                    me => Value::from_serialize(&current.agent),
                    csrf => current.session.csrf_token.clone(),
                    error => message(&state, &locale, &err),
                    from => q.from.clone().unwrap_or_default(),
                    to => q.to.clone().unwrap_or_default(),
                    chatbot => q.chatbot.clone().unwrap_or_default(),
                    chatbots => Value::from_serialize(&bot_options),
                    time_zone => account.time_zone.as_str(),
                    usage => None::<Value>,
                },
            )?;
            return Ok((code, page).into_response());
        }
    };
    if csv {
        return Ok(match q.table.as_deref() {
            Some("funnel") => csv_response("chatbot-funnel", stats::csv::funnel(&report)),
            _ => csv_response("chatbots", stats::csv::chatbots(&report)),
        });
    }
    let dates: Vec<String> = stats::days(&range);
    let bot_views: Vec<Value> = report
        .bots
        .iter()
        .map(|b| {
            let t = &b.totals;
            let series = [
                chart::Series {
                    key: "stats-triggered",
                    class: "s1",
                    values: t.days.iter().map(|d| d.triggered).collect(),
                },
                chart::Series {
                    key: "stats-resolved",
                    class: "s2",
                    values: t.days.iter().map(|d| d.resolved).collect(),
                },
                chart::Series {
                    key: "stats-escalated",
                    class: "s3",
                    values: t.days.iter().map(|d| d.escalated).collect(),
                },
            ];
            let funnel = chart::funnel(&b.funnel);
            let steps: Vec<Value> = b
                .funnel
                .iter()
                .map(|s| {
                    context! {
                        node => s.node.clone(),
                        visits => s.visits,
                        left => s.left,
                        drop_off => percent(&state, &locale, s.drop_off),
                        weakest => s.weakest,
                        clicks => s.clicks.clone(),
                    }
                })
                .collect();
            context! {
                id => t.chatbot_id,
                name => b.name.clone(),
                language => t.language.clone(),
                triggered => t.triggered,
                engaged => t.engaged,
                resolved => t.resolved,
                escalated => t.escalated,
                rate => percent(&state, &locale, t.resolution_rate),
                chart => Value::from_serialize(chart::bars(&dates, &series)),
                funnel => Value::from_serialize(&funnel),
                funnel_h => funnel.len() as i64 * chart::FUNNEL_ROW,
                steps => steps,
            }
        })
        .collect();
    let usage = if manager {
        let history = stats::usage_history(&state, account).await?;
        let dates: Vec<String> = history.days.iter().map(|d| d.date.clone()).collect();
        let series = [chart::Series {
            key: "stats-usage-counted",
            class: "s1",
            values: history.days.iter().map(|d| d.counted).collect(),
        }];
        Some(context! {
            history => Value::from_serialize(&history),
            chart => Value::from_serialize(chart::bars(&dates, &series)),
        })
    } else {
        None
    };
    let query = format!(
        "from={}&to={}{}",
        range.from,
        range.to,
        chatbot.map(|a| format!("&chatbot={a}")).unwrap_or_default()
    );
    let page = render(
        &state,
        &locale,
        "statistics_chatbots.html",
        context! {
            nav => "statistics",
            tab => "chatbots",
            me => Value::from_serialize(&current.agent),
            csrf => current.session.csrf_token.clone(),
            error => None::<String>,
            from => range.from.to_string(),
            to => range.to.to_string(),
            chatbot => chatbot.map(|a| a.to_string()).unwrap_or_default(),
            chatbots => Value::from_serialize(&bot_options),
            time_zone => account.time_zone.as_str(),
            bots => bot_views,
            usage => usage,
            plot_h => chart::PLOT_H,
            funnel_w => chart::FUNNEL_W,
            query => query,
        },
    )?;
    Ok(page.into_response())
}
