//! `GET /dashboard/statistics/chatbots`: chatbot insights and the usage history.

use super::{
    csv_response, id_param, message, percent, refuse_csv, status, wants_csv, Choice, StatsQuery,
};
use crate::{
    error::AppError,
    state::AppState,
    stats::{self, chart, StatsError},
    web::{render, CurrentAgent, Lang},
};
use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use minijinja::{context, Value};

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
