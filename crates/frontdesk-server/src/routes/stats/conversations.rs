//! `GET /dashboard/statistics`: conversations in total and per agent.

use super::{
    csv_response, decimal, duration, id_param, message, refuse_csv, status, wants_csv, Choice,
    StatsQuery,
};
use crate::{
    error::AppError,
    i18n::Locale,
    state::AppState,
    stats::{self, chart, StatsError},
    web::{render, CurrentAgent, Lang},
};
use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use minijinja::{context, Value};

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
