//! `frontdesk stats …`: the statistics pages' numbers at the terminal, as a table or as the
//! same CSV the dashboard downloads.

use crate::{cli::StatsCommand, output::Output};
use anyhow::Context;
use fluent_bundle::FluentValue;
use frontdesk_core::{account::Account, clock::SystemClock, ids::AccountId};
use frontdesk_server::{
    stats::{self, StatsError},
    AppState, Config,
};
use std::sync::Arc;

/// A statistics error in the terminal's language.
fn explain(out: &Output, err: StatsError) -> anyhow::Error {
    if let StatsError::Store(err) = err {
        return err.into();
    }
    let (key, args) = err.message();
    let args: Vec<(&str, FluentValue)> = args
        .into_iter()
        .map(|(k, v)| (k, FluentValue::from(v)))
        .collect();
    anyhow::anyhow!(out.text(key, &args))
}

fn duration(ms: Option<i64>) -> String {
    ms.map_or_else(
        || "–".to_owned(),
        |ms| {
            let s = ms / 1000;
            format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
        },
    )
}

/// Runs one `stats` command.
pub async fn run(config: Config, command: &StatsCommand) -> anyhow::Result<()> {
    let out = Output::new()?;
    let store = super::open_store(&config).await?;
    let state = AppState::new(store.clone(), config, Arc::new(SystemClock))?;
    let account_id = match command {
        StatsCommand::Conversations { range, .. } | StatsCommand::Chatbots { range, .. } => {
            range.account
        }
        StatsCommand::Usage { account, .. } => *account,
    };
    let account = store
        .account(AccountId(account_id))
        .await?
        .with_context(|| out.text("cli-unknown-account", &[("id", account_id.into())]))?;
    let result = match command {
        StatsCommand::Conversations {
            range,
            agent,
            daily,
        } => conversations(&out, &state, &account, range, *agent, *daily).await,
        StatsCommand::Chatbots {
            range,
            chatbot,
            funnel,
        } => chatbots(&out, &state, &account, range, *chatbot, *funnel).await,
        StatsCommand::Usage { csv, .. } => usage(&out, &state, &account, *csv).await,
    };
    store.close().await;
    result
}

fn range_of(
    out: &Output,
    state: &AppState,
    account: &Account,
    range: &crate::cli::StatsRange,
) -> anyhow::Result<frontdesk_core::stats::DateRange> {
    stats::parse_range(state, account, range.from.as_deref(), range.to.as_deref())
        .map_err(|e| explain(out, e))
}

async fn conversations(
    out: &Output,
    state: &AppState,
    account: &Account,
    range: &crate::cli::StatsRange,
    agent: Option<i64>,
    daily: bool,
) -> anyhow::Result<()> {
    let dates = range_of(out, state, account, range)?;
    let report = stats::conversations(state, account, &dates, agent)
        .await
        .map_err(|e| explain(out, e))?;
    if range.csv {
        print!(
            "{}",
            if daily {
                stats::csv::conversation_days(&report)
            } else {
                stats::csv::conversations(&report)
            }
        );
        return Ok(());
    }
    out.say(
        "stats-summary",
        &[
            ("from", dates.from.to_string().into()),
            ("to", dates.to.to_string().into()),
        ],
    );
    if daily {
        for d in &report.stats.days {
            println!("{}\t{}\t{}\t{}", d.date, d.new, d.replied, d.closed);
        }
        return Ok(());
    }
    let mut rows = vec![(out.text("stats-all-agents", &[]), &report.stats.total)];
    for (id, t) in &report.stats.agents {
        let name = report.agent_names.get(id).cloned().unwrap_or_default();
        rows.push((format!("{name} (#{id})"), t));
    }
    for (who, t) in rows {
        println!("{who}");
        let lines = [
            ("stats-new", t.new.to_string()),
            ("stats-replied", t.replied.to_string()),
            ("stats-closed", t.closed.to_string()),
            ("stats-first-response", duration(t.first_response_median_ms)),
            ("stats-time-to-close", duration(t.time_to_close_median_ms)),
            ("stats-chatting", duration(Some(t.chatting_ms))),
            (
                "stats-rating",
                t.rating_mean.map_or("–".into(), |r| format!("{r:.1}")),
            ),
        ];
        for (key, value) in lines {
            println!("  {}: {value}", out.text(key, &[]));
        }
    }
    Ok(())
}

async fn chatbots(
    out: &Output,
    state: &AppState,
    account: &Account,
    range: &crate::cli::StatsRange,
    chatbot: Option<i64>,
    funnel: bool,
) -> anyhow::Result<()> {
    let dates = range_of(out, state, account, range)?;
    let report = stats::chatbots(state, account, &dates, chatbot)
        .await
        .map_err(|e| explain(out, e))?;
    if range.csv {
        print!(
            "{}",
            if funnel {
                stats::csv::funnel(&report)
            } else {
                stats::csv::chatbots(&report)
            }
        );
        return Ok(());
    }
    if report.bots.is_empty() {
        out.say("stats-no-chatbot-data", &[]);
    }
    for b in &report.bots {
        let t = &b.totals;
        out.say(
            "stats-bot-heading",
            &[
                ("name", b.name.clone().into()),
                ("language", t.language.clone().into()),
            ],
        );
        let rate = t
            .resolution_rate
            .map_or("–".into(), |r| format!("{:.0} %", r * 100.0));
        let lines = [
            ("stats-triggered", t.triggered.to_string()),
            ("stats-engaged", t.engaged.to_string()),
            ("stats-resolved", t.resolved.to_string()),
            ("stats-escalated", t.escalated.to_string()),
            ("stats-resolution-rate", rate),
        ];
        for (key, value) in lines {
            println!("  {}: {value}", out.text(key, &[]));
        }
        if funnel {
            for s in &b.funnel {
                let clicks: Vec<String> =
                    s.clicks.iter().map(|(b, n)| format!("{b}={n}")).collect();
                let drop = s
                    .drop_off
                    .map_or("–".into(), |d| format!("{:.0} %", d * 100.0));
                let mark = if s.weakest { " ⚠" } else { "" };
                println!(
                    "  {}\t{}\t{}\t{drop}{mark}\t{}",
                    s.node,
                    s.visits,
                    s.left,
                    clicks.join(" ")
                );
            }
        }
    }
    Ok(())
}

async fn usage(out: &Output, state: &AppState, account: &Account, csv: bool) -> anyhow::Result<()> {
    let history = stats::usage_history(state, account).await?;
    if csv {
        print!("{}", stats::csv::usage(&history));
        return Ok(());
    }
    match history.limit {
        Some(limit) => out.say(
            "stats-usage-state",
            &[("used", history.used.into()), ("limit", limit.into())],
        ),
        None => out.say("stats-usage-unlimited", &[("used", history.used.into())]),
    }
    for d in &history.days {
        let remaining = d.remaining.map_or("–".into(), |r| r.to_string());
        println!("{}\t{}\t{}\t{remaining}", d.date, d.counted, d.used);
    }
    Ok(())
}
