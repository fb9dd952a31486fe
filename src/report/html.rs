//! The self-contained HTML report: `report.html` (autoescaped, because its
//! name ends in `.html`) with `report.css` and `report.js` inlined, and the
//! chart data as JSON that cannot break out of its `<script>` element.

use std::collections::HashMap;

use serde::Serialize;
use tera::{Context, Tera};

use crate::compare::{Comparison, Entry, Severity, Side, Verdict};

use super::RenderError;
use super::charts::{self, Chart, TrendChart};
use super::escape::json_for_script;
use super::extras::Extras;
use super::format::{self, inert};
use super::view::{ReportView, Row, SloRow};

/// The template of the page.
pub(super) const TEMPLATE: &str = "report.html";

/// Chart cards drawn at the top of the page, at most; every row's chart is
/// still one click away in the table.
const MAX_HIGHLIGHTS: usize = 48;

/// Trend cards drawn, at most.
const MAX_TRENDS: usize = 48;

/// Renders the page.
pub(super) fn render(
    tera: &Tera,
    comparison: &Comparison,
    extras: &Extras,
) -> Result<String, RenderError> {
    let view = ReportView::from_comparison(comparison);
    let context = page(comparison, &view, extras)?;
    let context = Context::from_serialize(&context).map_err(RenderError::context)?;
    tera.render(TEMPLATE, &context)
        .map_err(|e| RenderError::template(TEMPLATE, &e))
}

/// The template's context.
#[derive(Debug, Serialize)]
struct Page<'a> {
    suite: &'a str,
    headline: &'a str,
    passed: bool,
    fail_on: &'static str,
    thresholds: String,
    interval_label: String,
    baseline: SideView,
    current: SideView,
    chips: Vec<Chip>,
    verdicts: Vec<&'static str>,
    notes: &'a [String],
    failures: &'a [String],
    warnings: Vec<&'a String>,
    slos: &'a [SloRow],
    breached: usize,
    rows: Vec<HtmlRow<'a>>,
    highlights: Vec<Highlight>,
    highlights_omitted: usize,
    trends: Vec<TrendCard>,
    trends_omitted: usize,
    data: String,
}

/// One side's provenance, formatted.
#[derive(Debug, Serialize)]
struct SideView {
    commit: String,
    branch: String,
    dirty: bool,
    created: String,
    host: String,
    tools: String,
}

/// A verdict count.
#[derive(Debug, Serialize)]
struct Chip {
    verdict: &'static str,
    count: String,
}

/// One table row. User-supplied text has its control characters shown
/// escaped (a newline in a name reads `\n`, as in the terminal); tera's
/// autoescape does the HTML.
#[derive(Debug, Serialize)]
struct HtmlRow<'a> {
    i: usize,
    #[serde(skip)]
    row: &'a Row,
    benchmark: String,
    metric: String,
    statistic: String,
    baseline: &'a str,
    current: &'a str,
    change: &'a str,
    interval: &'a str,
    verdict: &'static str,
    note: String,
    rank: usize,
    /// Raw numbers for sorting (empty when undefined).
    base: String,
    cur: String,
    worse: String,
    chart: bool,
    trend: Option<usize>,
}

/// A chart card at the top.
#[derive(Debug, Serialize)]
struct Highlight {
    i: usize,
    benchmark: String,
    metric: String,
    statistic: String,
    change: String,
    verdict: &'static str,
}

/// A trend card.
#[derive(Debug, Serialize)]
struct TrendCard {
    i: usize,
    benchmark: String,
    metric: String,
    statistic: String,
    points: usize,
}

/// What the page's script draws: one chart per row (or `null`), one trend
/// chart per trend.
#[derive(Debug, Serialize)]
struct Data {
    charts: Vec<Option<Chart>>,
    trends: Vec<Option<TrendChart>>,
}

fn page<'a>(
    comparison: &'a Comparison,
    view: &'a ReportView,
    extras: &'a Extras,
) -> Result<Page<'a>, RenderError> {
    let trend_index: HashMap<(&str, &str), usize> = extras
        .trends
        .iter()
        .enumerate()
        .map(|(i, t)| ((t.benchmark.as_str(), t.metric.as_str()), i))
        .collect();
    let entries: HashMap<(&str, &str), &Entry> = comparison
        .entries
        .iter()
        .map(|e| ((e.benchmark.as_str(), e.metric.as_str()), e))
        .collect();

    let mut charts = Vec::with_capacity(view.rows.len());
    let mut rows = Vec::with_capacity(view.rows.len());
    for (i, (row, entry)) in view.rows.iter().zip(&comparison.entries).enumerate() {
        let key = (entry.benchmark.as_str(), entry.metric.as_str());
        let chart = charts::entry_chart(entry);
        rows.push(HtmlRow {
            i,
            row,
            benchmark: inert(&row.benchmark),
            metric: inert(&row.metric),
            statistic: inert(&row.statistic),
            baseline: &row.baseline,
            current: &row.current,
            change: &row.change,
            interval: &row.interval,
            verdict: row.verdict.as_str(),
            note: inert(&row.note),
            rank: row.verdict.rank(),
            base: number(entry.baseline),
            cur: number(entry.current),
            worse: number(entry.change.map(|_| entry.worse())),
            chart: chart.is_some(),
            trend: trend_index.get(&key).copied(),
        });
        charts.push(chart);
    }
    let trends = extras
        .trends
        .iter()
        .map(|t| {
            let entry = entries
                .get(&(t.benchmark.as_str(), t.metric.as_str()))
                .copied();
            charts::trend_chart(t, entry)
        })
        .collect::<Vec<_>>();

    let highlight_total = rows
        .iter()
        .filter(|r| r.chart && highlighted(r.row.verdict))
        .count();
    let notable: Vec<Highlight> = rows
        .iter()
        .filter(|r| r.chart && highlighted(r.row.verdict))
        .take(MAX_HIGHLIGHTS + 1)
        .map(|r| Highlight {
            i: r.i,
            benchmark: r.benchmark.clone(),
            metric: r.metric.clone(),
            statistic: r.statistic.clone(),
            change: r.change.to_owned(),
            verdict: r.verdict,
        })
        .collect();
    let highlights_omitted = highlight_total.saturating_sub(MAX_HIGHLIGHTS);
    let trend_cards: Vec<TrendCard> = extras
        .trends
        .iter()
        .enumerate()
        .filter(|(i, _)| trends[*i].is_some())
        .map(|(i, t)| TrendCard {
            i,
            benchmark: inert(&t.benchmark),
            metric: inert(&t.metric),
            statistic: inert(&t.statistic),
            points: t.points.len(),
        })
        .collect();
    let trends_omitted = trend_cards.len().saturating_sub(MAX_TRENDS);

    let data = serde_json::to_string(&Data { charts, trends }).map_err(RenderError::context)?;
    Ok(Page {
        suite: &comparison.suite,
        headline: &view.headline,
        passed: comparison.gate.passed,
        fail_on: comparison.gate.fail_on.as_str(),
        thresholds: view.thresholds.clone(),
        interval_label: view.interval_label.clone(),
        baseline: side(&comparison.baseline),
        current: side(&comparison.current),
        chips: chips(comparison),
        verdicts: Verdict::ALL.iter().map(|v| v.as_str()).collect(),
        notes: &comparison.notes,
        failures: &comparison.gate.failures,
        warnings: comparison
            .gate
            .warnings
            .iter()
            .filter(|w| !comparison.notes.contains(w))
            .collect(),
        slos: &view.slos,
        breached: view.slos.iter().filter(|s| !s.passed).count(),
        highlights: notable.into_iter().take(MAX_HIGHLIGHTS).collect(),
        highlights_omitted,
        trends: trend_cards.into_iter().take(MAX_TRENDS).collect(),
        trends_omitted,
        rows,
        data: json_for_script(&data),
    })
}

/// Verdicts whose charts are worth drawing up front.
fn highlighted(verdict: Verdict) -> bool {
    matches!(
        verdict,
        Verdict::Regressed(Severity::Critical | Severity::Major | Severity::Minor)
            | Verdict::Improved
            | Verdict::Inconclusive
    )
}

/// A raw number for `data-*` sorting attributes, empty when undefined.
fn number(value: Option<f64>) -> String {
    value
        .filter(|v| v.is_finite())
        .map(|v| format!("{v:e}"))
        .unwrap_or_default()
}

fn chips(comparison: &Comparison) -> Vec<Chip> {
    Verdict::ALL
        .iter()
        .filter_map(|v| {
            let n = comparison.counts.get(v.as_str()).copied().unwrap_or(0);
            (n > 0).then(|| Chip {
                verdict: v.as_str(),
                count: format::count(n),
            })
        })
        .collect()
}

fn side(side: &Side) -> SideView {
    let git = side.git.as_ref();
    SideView {
        commit: git
            .map(|g| g.commit.chars().take(12).collect())
            .unwrap_or_default(),
        branch: git.and_then(|g| g.branch.clone()).unwrap_or_default(),
        dirty: git.is_some_and(|g| g.dirty),
        created: side.created.clone().unwrap_or_default(),
        host: side
            .host
            .as_ref()
            .map(|h| {
                let mut parts = vec![format!("{}/{}", h.os, h.arch)];
                parts.extend(h.cpu.clone());
                parts.extend(h.cores.map(|c| format!("{c} cores")));
                parts.join(", ")
            })
            .unwrap_or_default(),
        tools: side
            .sources
            .iter()
            .map(|s| match &s.version {
                Some(v) => format!("{} {v}", s.tool),
                None => s.tool.clone(),
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}
