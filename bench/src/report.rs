//! The load run's figures as the Markdown table of `bench/README.md`: each figure beside its
//! baseline from the same run, the ratio, the target and whether it is met.

use crate::{baseline::InsertRate, load::ServerFigures};
use std::fmt::Write;

/// One run's figures.
pub struct Report<'a> {
    pub backend: &'static str,
    /// Messages per second offered in the paced run.
    pub rate: f64,
    pub frontdesk: &'a ServerFigures,
    pub echo: &'a ServerFigures,
    pub insert: InsertRate,
}

const MIB: f64 = 1024.0 * 1024.0;

fn yes(met: bool) -> &'static str {
    if met {
        "yes"
    } else {
        "**no**"
    }
}

impl Report<'_> {
    pub fn markdown(&self) -> String {
        let (f, e) = (self.frontdesk, self.echo);
        let mut t = String::from(
            "| figure | Frontdesk | baseline | ratio | target | met? |\n|---|---|---|---|---|---|\n",
        );
        let mut row = |cells: [String; 6]| {
            let _ = writeln!(t, "| {} |", cells.join(" | "));
        };
        row([
            "idle visitor connections held".into(),
            format!(
                "{} (failed {}, dropped {})",
                f.idle.held, f.idle.failed, f.idle.dropped
            ),
            format!("echo: {}", e.idle.held),
            "—".into(),
            "20,000 (stretch 50,000)".into(),
            yes(f.idle.held >= 20_000).into(),
        ]);
        let (fk, ek) = (
            f.idle.bytes_per_connection / 1024.0,
            e.idle.bytes_per_connection / 1024.0,
        );
        row([
            "server memory per idle connection (RSS delta / connections)".into(),
            format!("{fk:.1} KiB"),
            format!("echo: {ek:.1} KiB"),
            format!("{:.2}×", fk / ek),
            "≤ 16 KiB (stretch ≤ 8 KiB)".into(),
            yes(fk <= 16.0).into(),
        ]);
        let (fr, er) = (f.idle_rss as f64 / MIB, e.idle_rss as f64 / MIB);
        row([
            "idle server RSS (after start, before any traffic)".into(),
            format!("{fr:.1} MiB"),
            format!("echo: {er:.1} MiB"),
            format!("{:.1}×", fr / er),
            "≤ 50 MB".into(),
            yes(f.idle_rss as f64 <= 50e6).into(),
        ]);
        let persisted = f.saturated.persisted_per_sec;
        row([
            format!(
                "messages persisted per second, saturated ({})",
                self.backend
            ),
            format!("{persisted:.0}/s"),
            format!(
                "raw batched inserts: {:.0} rows/s",
                self.insert.rows_per_sec
            ),
            format!("{:.1} %", 100.0 * persisted / self.insert.rows_per_sec),
            "≥ 2,000/s; ≥ 30 % of raw inserts".into(),
            yes(persisted >= 2000.0 && persisted >= 0.3 * self.insert.rows_per_sec).into(),
        ]);
        let delivered = f.saturated.delivered_per_sec;
        row([
            "messages delivered to the agent per second, saturated".into(),
            format!("{delivered:.0}/s"),
            format!("echo: {:.0}/s", e.saturated.delivered_per_sec),
            format!("{:.1} %", 100.0 * delivered / e.saturated.delivered_per_sec),
            "≥ 50 % of echo".into(),
            yes(delivered >= 0.5 * e.saturated.delivered_per_sec).into(),
        ]);
        let (fc, ec) = (
            f.saturated.server_cpu_us_per_message,
            e.saturated.server_cpu_us_per_message,
        );
        row([
            "server CPU per message, saturated (the server process over the whole run; on PostgreSQL without the database's own)".into(),
            format!("{fc:.0} µs"),
            format!("echo: {ec:.0} µs"),
            format!("{:.1}×", fc / ec.max(f64::MIN_POSITIVE)),
            "—".into(),
            "—".into(),
        ]);
        let (fp, ep) = (&f.paced, &e.paced);
        row([
            format!(
                "persisted / delivered per second at {:.0}/s offered",
                self.rate
            ),
            format!(
                "{:.0}/s / {:.0}/s",
                fp.persisted_per_sec, fp.delivered_per_sec
            ),
            format!(
                "echo: {:.0}/s / {:.0}/s",
                ep.persisted_per_sec, ep.delivered_per_sec
            ),
            format!(
                "{:.1} %",
                100.0 * fp.delivered_per_sec / ep.delivered_per_sec
            ),
            "≥ 2,000/s".into(),
            yes(fp.persisted_per_sec >= 2000.0 * 0.99).into(),
        ]);
        let lat = |p: &crate::stats::Percentiles| {
            format!("{:.1} / {:.1} / {:.1} ms", p.p50_ms, p.p99_ms, p.p999_ms)
        };
        row([
            format!("send → agent p50 / p99 / p99.9 at {:.0}/s", self.rate),
            lat(&fp.end_to_end),
            format!("echo: {}", lat(&ep.end_to_end)),
            format!("{:.0}× (p99)", fp.end_to_end.p99_ms / ep.end_to_end.p99_ms),
            "p99 ≤ 50 ms".into(),
            yes(fp.end_to_end.p99_ms <= 50.0).into(),
        ]);
        row([
            format!("send → durable ack p50 / p99 / p99.9 at {:.0}/s", self.rate),
            lat(&fp.ack),
            format!("echo (no storage): {}", lat(&ep.ack)),
            "—".into(),
            "—".into(),
            "—".into(),
        ]);
        row([
            "send → agent p50 / p99 / p99.9, saturated".into(),
            lat(&f.saturated.end_to_end),
            format!("echo: {}", lat(&e.saturated.end_to_end)),
            "—".into(),
            "—".into(),
            "—".into(),
        ]);
        for bot in &f.bots {
            let who = match bot.pace_ms {
                Some(pace) => format!(
                    "{} visitors, each clicking once per {pace} ms",
                    bot.visitors
                ),
                None if bot.visitors == 1 => {
                    "1 visitor clicking as soon as the next question is there".into()
                }
                None => format!(
                    "{} visitors clicking as soon as the next question is there (closed loop)",
                    bot.visitors
                ),
            };
            // A crowd in a closed loop waits for itself: its step time is visitors ÷ steps
            // per second, a throughput figure. The latency target is for one visitor and
            // for a crowd at a person's pace.
            let latency_run = bot.pace_ms.is_some() || bot.visitors == 1;
            let (target, met) = if latency_run {
                let met = bot.server_step.count > 0 && bot.server_step.p99_ms <= 5.0;
                ("p99 ≤ 5 ms".to_owned(), yes(met).to_owned())
            } else {
                ("— (throughput)".to_owned(), "—".to_owned())
            };
            row([
                format!("bot step, server-side (click received → step stored and published), {who}: p50 / p99 / p99.9"),
                lat(&bot.server_step),
                "—".into(),
                "—".into(),
                target,
                met,
            ]);
            row([
                format!("bot steps per second, {who}"),
                format!("{:.0}/s", bot.steps_per_sec),
                "—".into(),
                "—".into(),
                "—".into(),
                "—".into(),
            ]);
            row([
                format!("bot step at the client (click → next question), {who}"),
                lat(&bot.step),
                "—".into(),
                "—".into(),
                "—".into(),
                "—".into(),
            ]);
            row([
                format!("bot: trigger → welcome question, {who}: p50 / p99"),
                format!("{:.1} / {:.1} ms", bot.trigger.p50_ms, bot.trigger.p99_ms),
                "—".into(),
                "—".into(),
                "—".into(),
                "—".into(),
            ]);
        }
        t
    }
}
