//! CSV downloads of the statistics tables: RFC 4180 (comma, CRLF, quotes doubled), one
//! header row with stable English column names so spreadsheets and scripts can rely on them.

use super::{ChatbotReport, ConversationReport, UsageHistory};
use frontdesk_core::stats::ConversationTotals;

fn field(out: &mut String, value: &str) {
    if value.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

fn line(out: &mut String, values: &[String]) {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, v);
    }
    out.push_str("\r\n");
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn seconds(ms: Option<i64>) -> String {
    opt(ms.map(|ms| ms / 1000))
}

fn totals_cells(who: String, name: String, t: &ConversationTotals) -> Vec<String> {
    vec![
        who,
        name,
        t.new.to_string(),
        t.replied.to_string(),
        t.closed.to_string(),
        seconds(t.first_response_median_ms),
        t.first_responses.to_string(),
        seconds(t.time_to_close_median_ms),
        (t.chatting_ms / 1000).to_string(),
        opt(t.rating_mean.map(|r| format!("{r:.2}"))),
        t.ratings.to_string(),
    ]
}

/// The team's and each agent's totals.
pub fn conversations(report: &ConversationReport) -> String {
    let mut out = String::new();
    let header = [
        "agent_id",
        "agent",
        "new",
        "replied",
        "closed",
        "first_response_median_s",
        "first_responses",
        "time_to_close_median_s",
        "chatting_s",
        "rating_mean",
        "ratings",
    ];
    line(&mut out, &header.map(str::to_owned));
    line(
        &mut out,
        &totals_cells("all".into(), String::new(), &report.stats.total),
    );
    for (id, t) in &report.stats.agents {
        let name = report.agent_names.get(id).cloned().unwrap_or_default();
        line(&mut out, &totals_cells(id.to_string(), name, t));
    }
    out
}

/// The per-day conversation counts.
pub fn conversation_days(report: &ConversationReport) -> String {
    let mut out = String::new();
    line(
        &mut out,
        &["date", "new", "replied", "closed"].map(str::to_owned),
    );
    for d in &report.stats.days {
        line(
            &mut out,
            &[
                d.date.to_string(),
                d.new.to_string(),
                d.replied.to_string(),
                d.closed.to_string(),
            ],
        );
    }
    out
}

/// Each chatbot's days.
pub fn chatbots(report: &ChatbotReport) -> String {
    let mut out = String::new();
    let header = [
        "chatbot_id",
        "chatbot",
        "language",
        "date",
        "triggered",
        "engaged",
        "resolved",
        "escalated",
        "resolution_rate",
    ];
    line(&mut out, &header.map(str::to_owned));
    for b in &report.bots {
        for d in &b.totals.days {
            let rate = frontdesk_core::stats::rate(d.resolved, d.resolved + d.escalated);
            line(
                &mut out,
                &[
                    b.totals.chatbot_id.to_string(),
                    b.name.clone(),
                    b.totals.language.clone(),
                    d.date.to_string(),
                    d.triggered.to_string(),
                    d.engaged.to_string(),
                    d.resolved.to_string(),
                    d.escalated.to_string(),
                    opt(rate.map(|r| format!("{r:.4}"))),
                ],
            );
        }
    }
    out
}

/// Each chatbot's funnel: one row per node and button (a node without buttons has one row).
pub fn funnel(report: &ChatbotReport) -> String {
    let mut out = String::new();
    let header = [
        "chatbot_id",
        "chatbot",
        "language",
        "node",
        "visits",
        "left",
        "drop_off",
        "button",
        "clicks",
    ];
    line(&mut out, &header.map(str::to_owned));
    for b in &report.bots {
        for s in &b.funnel {
            let base = vec![
                b.totals.chatbot_id.to_string(),
                b.name.clone(),
                b.totals.language.clone(),
                s.node.clone(),
                s.visits.to_string(),
                s.left.to_string(),
                opt(s.drop_off.map(|r| format!("{r:.4}"))),
            ];
            if s.clicks.is_empty() {
                let mut row = base.clone();
                row.extend([String::new(), String::new()]);
                line(&mut out, &row);
            }
            for (button, n) in &s.clicks {
                let mut row = base.clone();
                row.extend([button.clone(), n.to_string()]);
                line(&mut out, &row);
            }
        }
    }
    out
}

/// The billing period's days.
pub fn usage(history: &UsageHistory) -> String {
    let mut out = String::new();
    line(
        &mut out,
        &["date", "counted", "used", "limit", "remaining"].map(str::to_owned),
    );
    for d in &history.days {
        line(
            &mut out,
            &[
                d.date.clone(),
                d.counted.to_string(),
                d.used.to_string(),
                opt(history.limit),
                opt(d.remaining),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_with_commas_quotes_or_breaks_are_quoted() {
        let mut out = String::new();
        super::line(
            &mut out,
            &[
                "plain".into(),
                "a,b".into(),
                "say \"hi\"".into(),
                "x\ny".into(),
            ],
        );
        assert_eq!(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\r\n");
    }
}
