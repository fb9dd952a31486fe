//! [`ReportView`]: a comparison laid out once, as pre-formatted cells, for
//! every human-facing format.

use crate::compare::{Comparison, Entry, Evidence, Policy, SloResult, Thresholds, Verdict};

use super::format;

/// One comparison as rows of formatted cells, worst first, plus totals.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReportView {
    /// The suite.
    pub suite: String,
    /// Whether the gate passed.
    pub passed: bool,
    /// One line: `❌ 2 critical, 1 major · ✅ 3 improved · 40 unchanged`.
    pub headline: String,
    /// The rows, in the comparison's (worst-first) order.
    pub rows: Vec<Row>,
    /// SLO results.
    pub slos: Vec<SloRow>,
    /// Why the gate failed.
    pub failures: Vec<String>,
    /// Warnings (regressions below the fail level, missing benchmarks,
    /// host mismatch).
    pub warnings: Vec<String>,
    /// The tier thresholds: `+10 % / +20 % / +50 %`.
    pub thresholds: String,
    /// The intervals' heading: `95 % CI`.
    pub interval_label: String,
}

/// One comparison entry, formatted.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Row {
    /// Benchmark id (raw; each renderer escapes it for its medium).
    pub benchmark: String,
    /// Metric name (raw).
    pub metric: String,
    /// The statistic judged (`median`, `p95` …) or empty.
    pub statistic: String,
    /// Baseline value with unit.
    pub baseline: String,
    /// Current value with unit.
    pub current: String,
    /// Signed relative change (`+12.3 %`), or `—`.
    pub change: String,
    /// Confidence interval of the change (`[+8.1 %, +16.0 %]`) or empty.
    pub interval: String,
    /// The verdict.
    pub verdict: Verdict,
    /// A note explaining the verdict, or empty.
    pub note: String,
}

/// One SLO result, formatted.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SloRow {
    /// The benchmark (raw).
    pub benchmark: String,
    /// The limit (raw).
    pub expression: String,
    /// Whether it held.
    pub passed: bool,
    /// Who evaluated it.
    pub source: String,
    /// The observed value with its unit, or empty.
    pub observed: String,
    /// Error budget and burn rates (`budget 21 % · burn 1m 0.90×, 5m
    /// 0.40×`), or empty.
    pub budget: String,
    /// Why it could not be evaluated, or empty.
    pub note: String,
}

impl ReportView {
    /// Lays out `comparison`.
    pub fn from_comparison(comparison: &Comparison) -> Self {
        Self {
            suite: comparison.suite.clone(),
            passed: comparison.gate.passed,
            headline: headline(comparison),
            rows: comparison.entries.iter().map(row).collect(),
            slos: comparison.slos.iter().map(slo_row).collect(),
            failures: comparison.gate.failures.clone(),
            warnings: comparison.gate.warnings.clone(),
            thresholds: thresholds(comparison.thresholds),
            interval_label: interval_label(comparison),
        }
    }
}

fn thresholds(t: Thresholds) -> String {
    format!(
        "{} / {} / {}",
        format::change(t.minor),
        format::change(t.major),
        format::change(t.critical)
    )
}

/// The entries' confidence level (the policy's default when no entry has
/// an interval).
fn interval_label(comparison: &Comparison) -> String {
    let confidence = comparison
        .entries
        .iter()
        .find_map(|e| e.interval)
        .map_or(Policy::default().confidence, |i| i.confidence);
    format!("{} CI", format::percent(confidence))
}

fn slo_row(slo: &SloResult) -> SloRow {
    let observed = match (slo.observed, &slo.unit) {
        (Some(v), Some(unit)) => format::value(v, unit),
        (Some(v), None) => format::number(v),
        _ => String::new(),
    };
    let mut budget = Vec::new();
    if let Some(consumed) = slo.budget_consumed {
        budget.push(format!("budget {}", format::percent(consumed)));
    }
    if !slo.burn_rates.is_empty() {
        let rates: Vec<String> = slo
            .burn_rates
            .iter()
            .map(|(window, rate)| format!("{window} {}×", format::number(*rate)))
            .collect();
        budget.push(format!("burn {}", rates.join(", ")));
    }
    SloRow {
        benchmark: slo.benchmark.clone(),
        expression: slo.expression.clone(),
        passed: slo.passed,
        source: slo.source.clone(),
        observed,
        budget: budget.join(" · "),
        note: slo.note.clone().unwrap_or_default(),
    }
}

fn row(entry: &Entry) -> Row {
    let value =
        |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format::value(v, &entry.unit));
    let mut note = entry.note.clone().unwrap_or_default();
    if entry.evidence == Evidence::Point
        && matches!(entry.verdict, Verdict::Regressed(_) | Verdict::Improved)
    {
        if !note.is_empty() {
            note.push_str("; ");
        }
        note.push_str("point estimate only (no raw samples)");
    }
    Row {
        benchmark: entry.benchmark.clone(),
        metric: entry.metric.clone(),
        statistic: entry.statistic.clone().unwrap_or_default(),
        baseline: value(entry.baseline),
        current: value(entry.current),
        change: entry.change.map_or_else(|| "—".to_owned(), format::change),
        interval: entry
            .interval
            .map(|i| format!("[{}, {}]", format::change(i.lower), format::change(i.upper)))
            .unwrap_or_default(),
        verdict: entry.verdict,
        note,
    }
}

/// `❌ 2 critical, 1 major · ✅ 3 improved · 40 unchanged`.
fn headline(comparison: &Comparison) -> String {
    let count = |v: Verdict| comparison.counts.get(v.as_str()).copied().unwrap_or(0);
    let mut bad = Vec::new();
    for v in Verdict::ALL.iter().take(3) {
        if count(*v) > 0 {
            bad.push(format!("{} {}", format::count(count(*v)), v.as_str()));
        }
    }
    let breaches = comparison.slos.iter().filter(|s| !s.passed).count();
    if breaches > 0 {
        bad.push(format!(
            "{} SLO breach{}",
            format::count(breaches),
            if breaches == 1 { "" } else { "es" }
        ));
    }
    let mut parts = Vec::new();
    let mark = if comparison.gate.passed { "✅" } else { "❌" };
    if bad.is_empty() {
        parts.push(format!("{mark} no regressions"));
    } else {
        parts.push(format!("{mark} {}", bad.join(", ")));
    }
    for v in [
        Verdict::Improved,
        Verdict::Unchanged,
        Verdict::Inconclusive,
        Verdict::New,
        Verdict::Missing,
    ] {
        if count(v) > 0 {
            parts.push(format!("{} {}", format::count(count(v)), v.as_str()));
        }
    }
    parts.join(" · ")
}
