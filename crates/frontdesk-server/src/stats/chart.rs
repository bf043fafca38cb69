//! Geometry of the server-side SVG charts; the templates draw it with localized labels and a
//! `<title>` on every mark, so the charts need no JavaScript and read in every language.

use frontdesk_core::stats::FunnelStep;
use serde::Serialize;

/// Height of a plot area, in SVG units.
pub const PLOT_H: i64 = 140;
/// Width a bar chart aims to fill.
pub const PLOT_W: i64 = 820;
/// Width of the funnel's bars at 100 %.
pub const FUNNEL_W: i64 = 360;

/// One bar of a grouped bar chart.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// Catalog id of the series (the legend and the bar's title).
    pub series: &'static str,
    pub class: &'static str,
    pub date: String,
    pub value: i64,
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
}

/// A label under the x axis.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    pub x: i64,
    pub label: String,
}

/// A bar chart of several series per day.
#[derive(Debug, Clone, Serialize)]
pub struct BarChart {
    pub width: i64,
    pub height: i64,
    pub top: i64,
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
    /// The series, for the legend: (catalog id, CSS class).
    pub legend: Vec<(&'static str, &'static str)>,
}

/// One series: its catalog id, CSS class and a value per day.
pub struct Series {
    pub key: &'static str,
    pub class: &'static str,
    pub values: Vec<i64>,
}

/// Grouped bars, one group per day, scaled to the largest value. Days are labelled weekly
/// (daily for short ranges), so long ranges stay legible.
pub fn bars(dates: &[String], series: &[Series]) -> BarChart {
    let top = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let per = series.len().max(1) as i64;
    // Short ranges fill the card; a year gets thin bars and scrolls.
    let slot = (PLOT_W / dates.len().max(1) as i64).clamp(3 * per, 60);
    let bar_w = ((slot - 2) / per).max(1);
    let mut bars = Vec::new();
    let mut ticks = Vec::new();
    let every = if dates.len() <= 10 { 1 } else { 7 };
    for (i, date) in dates.iter().enumerate() {
        let x0 = i as i64 * slot;
        for (j, s) in series.iter().enumerate() {
            let value = s.values.get(i).copied().unwrap_or(0);
            let h = value * PLOT_H / top;
            bars.push(Bar {
                series: s.key,
                class: s.class,
                date: date.clone(),
                value,
                x: x0 + 1 + j as i64 * bar_w,
                y: PLOT_H - h,
                w: (bar_w - 1).max(1),
                h,
            });
        }
        if i % every == 0 {
            ticks.push(Tick {
                x: x0,
                label: date.get(5..).unwrap_or(date).to_owned(),
            });
        }
    }
    BarChart {
        width: (dates.len() as i64 * slot).max(120),
        height: PLOT_H,
        top,
        bars,
        ticks,
        legend: series.iter().map(|s| (s.key, s.class)).collect(),
    }
}

/// One row of the funnel chart.
#[derive(Debug, Clone, Serialize)]
pub struct FunnelBar {
    pub node: String,
    pub visits: i64,
    pub left: i64,
    /// Drop-off in whole percent.
    pub drop_pct: Option<i64>,
    pub weakest: bool,
    pub y: i64,
    /// Width of the visits bar; the part that left is drawn over its end.
    pub w: i64,
    pub left_w: i64,
}

/// Height of one funnel row.
pub const FUNNEL_ROW: i64 = 28;

/// The funnel as horizontal bars scaled to the most visited node.
pub fn funnel(steps: &[FunnelStep]) -> Vec<FunnelBar> {
    let top = steps.iter().map(|s| s.visits).max().unwrap_or(0).max(1);
    steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let w = s.visits * FUNNEL_W / top;
            FunnelBar {
                node: s.node.clone(),
                visits: s.visits,
                left: s.left,
                drop_pct: s.drop_off.map(|d| (d * 100.0).round() as i64),
                weakest: s.weakest,
                y: i as i64 * FUNNEL_ROW,
                w,
                left_w: (s.left.min(s.visits) * FUNNEL_W / top).min(w),
            }
        })
        .collect()
}
