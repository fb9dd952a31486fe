//! Artillery `artillery run --output report.json`, 1.x and 2.x (FORMATS.md §7).
//!
//! The mapping follows the k6 convention (`k6.rs`) so load tests look alike:
//! one benchmark per Artillery metric, with one metric named after its kind —
//! `trend` (a distribution, ms → ns for times), `counter` (extras `count`, and
//! `rate` per second when the run's duration is known), `throughput` (one of
//! Artillery's per-second `rates`, ops/s) — plus one derived `rate`
//! benchmark, `vusers.error_rate`: Artillery's own `ensure.maxErrorRate`
//! ratio, (created − completed) / created virtual users.
//!
//! Ids are Artillery 2.x metric names as the report writes them. A 1.x
//! report's fields get the 2.x names Artillery itself maps between
//! (`SSMS.legacyReport`, artillery `packages/core/lib/ssms.js` @ 10b2a601):
//! `latency` → `http.response_time`, `codes.200` → `http.codes.200`, … The
//! metrics-by-endpoint plugin's per-endpoint metrics get tagged ids:
//! `http.response_time{url:/path}`, `http.codes.200{url:/path}`,
//! `errors.ETIMEDOUT{url:/path}`. Every field present is read, so a 1.x/2.x
//! hybrid gives the union. In a 1.x report the raw latencies of
//! `intermediate[].latencies` (ns) become the samples of
//! `http.response_time` when there is one per `requestsCompleted`.
//!
//! Deliberately not read: 1.x `phases` and `matches`; 2.x `intermediate[]`
//! (the aggregate covers the run), DDSketch `_raw`, `period`,
//! `customMessages`. A statistics object whose values are all `null` (no
//! samples) and a `null` rate give no benchmark.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::Value;

use crate::model::{
    Benchmark, Direction, Metric, MetricKind, Results, Source, Summary, TimeUnit, Unit,
};

use super::{ParseError, json, nanos, summarize};

mod legacy;
mod names;

use legacy::{Intermediate, Rps, legacy};
use names::{base_name, counter_id, histogram_id, is_time};

/// The metrics-by-endpoint plugin's default namespace (its `metricsNamespace`).
const BY_ENDPOINT: &str = "plugins.metrics-by-endpoint.";

/// An `--output` report. 1.x: `Stats.prototype.report` (artillery 1.x
/// `core/lib/stats.js`); 2.x: `SSMS.pack` and `summarizeHistogram`
/// (`packages/core/lib/ssms.js` @ 10b2a601).
#[derive(Debug, Deserialize)]
struct Report {
    aggregate: Aggregate,
    #[serde(default)]
    intermediate: Vec<Intermediate>,
}

/// `aggregate`: the 1.x fields, then the 2.x ones (`counters` is in both).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Aggregate {
    /// ISO 8601 time of the report (1.x).
    timestamp: Option<String>,
    scenarios_created: Option<f64>,
    scenarios_completed: Option<f64>,
    scenarios_avoided: Option<f64>,
    requests_completed: Option<f64>,
    latency: Option<Stats>,
    rps: Option<Rps>,
    scenario_duration: Option<Stats>,
    #[serde(default)]
    scenario_counts: BTreeMap<String, f64>,
    #[serde(default)]
    errors: BTreeMap<String, f64>,
    #[serde(default)]
    codes: BTreeMap<String, f64>,
    #[serde(default)]
    custom_stats: BTreeMap<String, Stats>,
    #[serde(default)]
    counters: BTreeMap<String, f64>,
    #[serde(default)]
    rates: BTreeMap<String, Option<f64>>,
    summaries: Option<BTreeMap<String, Stats>>,
    histograms: Option<BTreeMap<String, Stats>>,
    /// Epoch milliseconds of the first and last measurements (2.x).
    first_metric_at: Option<f64>,
    first_counter_at: Option<f64>,
    first_histogram_at: Option<f64>,
    last_metric_at: Option<f64>,
    last_counter_at: Option<f64>,
    last_histogram_at: Option<f64>,
}

/// A distribution in milliseconds (for times); 1.x writes min, max,
/// median, p95, p99 (`null` when too few samples), 2.x every field.
#[derive(Debug, Deserialize)]
struct Stats {
    min: Option<f64>,
    max: Option<f64>,
    count: Option<f64>,
    mean: Option<f64>,
    p50: Option<f64>,
    median: Option<f64>,
    p75: Option<f64>,
    p90: Option<f64>,
    p95: Option<f64>,
    p99: Option<f64>,
    p999: Option<f64>,
}

/// Parses an Artillery JSON report (1.x or 2.x).
///
/// # Errors
///
/// On malformed JSON or a mistyped field, a negative time, a negative count,
/// more completed than created virtual users, or two metrics that map to one
/// id; each names its JSON path (`aggregate.summaries.http.response_time.min`).
pub fn parse(input: &str) -> Result<Results, ParseError> {
    if input.trim_start().starts_with('[') {
        return Err(ParseError::whole(
            "expected a JSON object with an `aggregate` object (an Artillery report), found an array",
        ));
    }
    let report: Report = json::parse(input)?;
    let a = &report.aggregate;
    let mut out = Out {
        duration: duration(a),
        benches: BTreeMap::new(),
    };
    legacy(&report, &mut out)?;
    current(a, &mut out)?;
    error_rate(a, &mut out)?;
    let mut results = Results::new("");
    results.sources = vec![Source::tool("artillery")];
    results.created = created(a)?;
    results.benchmarks = out.benches.into_values().map(|(b, _)| b).collect();
    Ok(results)
}

/// The benchmarks so far, by id, with the JSON path each came from.
struct Out {
    /// The run's length in seconds, when known.
    duration: Option<f64>,
    benches: BTreeMap<String, (Benchmark, String)>,
}

impl Out {
    fn add(&mut self, bench: Benchmark, path: String) -> Result<(), ParseError> {
        if let Some((_, first)) = self.benches.get(&bench.id) {
            let message = format!(
                "benchmark id \"{}\" is already given by {first}; ids must be unique",
                bench.id
            );
            return Err(ParseError::at(path, message));
        }
        self.benches.insert(bench.id.clone(), (bench, path));
        Ok(())
    }

    fn trend(
        &mut self,
        id: String,
        stats: &Stats,
        time: bool,
        path: String,
    ) -> Result<(), ParseError> {
        match trend_summary(stats, time, &path)? {
            Some(summary) => {
                let metric = trend_metric(&id, summary, time);
                self.add(Benchmark::new(id, vec![metric]), path)
            }
            None => Ok(()),
        }
    }

    fn counter(&mut self, id: String, count: f64, path: String) -> Result<(), ParseError> {
        let count = non_negative(count, &path)?;
        let mut summary = Summary::default();
        summary.set("count", count);
        if let Some(seconds) = self.duration {
            summary.set("rate", count / seconds);
        }
        let base = base_name(&id).to_ascii_lowercase();
        let unit = if base.contains("bytes") {
            Unit::Bytes
        } else {
            Unit::Count
        };
        let bad_code = base
            .rsplit_once("codes.")
            .and_then(|(_, code)| code.parse::<u16>().ok())
            .is_some_and(|code| code >= 400);
        let direction = if bad_code
            || ["fail", "error", "skipped"]
                .iter()
                .any(|w| base.contains(w))
        {
            Direction::LowerIsBetter
        } else {
            Direction::HigherIsBetter
        };
        let metric = Metric::new("counter", unit, summary)
            .with_kind(MetricKind::Counter)
            .with_direction(direction);
        self.add(Benchmark::new(id, vec![metric]), path)
    }

    fn throughput(&mut self, id: String, per_second: f64, path: String) -> Result<(), ParseError> {
        let mut summary = Summary::default();
        summary.set("mean", non_negative(per_second, &path)?);
        let metric =
            Metric::new("throughput", Unit::OpsPerSecond, summary).with_kind(MetricKind::Gauge);
        self.add(Benchmark::new(id, vec![metric]), path)
    }
}

/// The 2.x fields (and `counters`, in both).
fn current(a: &Aggregate, out: &mut Out) -> Result<(), ParseError> {
    let distributions = match (&a.summaries, &a.histograms) {
        (Some(s), _) => Some(("summaries", s)),
        (None, Some(h)) => Some(("histograms", h)),
        (None, None) => None,
    };
    if let Some((field, map)) = distributions {
        for (name, stats) in map {
            let (id, time) = histogram_id(name);
            out.trend(id, stats, time, format!("aggregate.{field}.{name}"))?;
        }
    }
    for (name, count) in &a.counters {
        out.counter(
            counter_id(name),
            *count,
            format!("aggregate.counters.{name}"),
        )?;
    }
    for (name, rate) in &a.rates {
        if let Some(rate) = rate {
            out.throughput(name.clone(), *rate, format!("aggregate.rates.{name}"))?;
        }
    }
    Ok(())
}

/// `vusers.error_rate`: passes are failed virtual users (like k6's
/// `http_req_failed`), fails the completed ones.
fn error_rate(a: &Aggregate, out: &mut Out) -> Result<(), ParseError> {
    let legacy = |v: Option<f64>, field: &str| v.map(|v| (v, format!("aggregate.{field}")));
    let counter = |names: [&str; 2]| {
        names.iter().find_map(|n| {
            a.counters
                .get(*n)
                .map(|v| (*v, format!("aggregate.counters.{n}")))
        })
    };
    let created = legacy(a.scenarios_created, "scenariosCreated")
        .or_else(|| counter(["vusers.created", "core.vusers.created.total"]));
    let Some((created, created_at)) = created else {
        return Ok(());
    };
    let (completed, completed_at) = legacy(a.scenarios_completed, "scenariosCompleted")
        .or_else(|| counter(["vusers.completed", "core.vusers.completed"]))
        .unwrap_or((0.0, created_at.clone()));
    let created = non_negative(created, &created_at)?;
    if !(0.0..=created).contains(&completed) {
        let message = format!(
            "expected between 0 and the {created} virtual users created, found {completed} completed"
        );
        return Err(ParseError::at(completed_at, message));
    }
    let mut summary = Summary::default();
    summary.set("n", created);
    summary.set("passes", created - completed);
    summary.set("fails", completed);
    if created > 0.0 {
        summary.set("rate", (created - completed) / created);
    }
    let metric = Metric::new("rate", Unit::Ratio, summary)
        .with_kind(MetricKind::Rate)
        .with_direction(Direction::LowerIsBetter);
    out.add(
        Benchmark::new("vusers.error_rate", vec![metric]),
        created_at,
    )
}

/// The summary of `stats` (ms → ns when `time`), `None` when it has no
/// statistic at all.
fn trend_summary(stats: &Stats, time: bool, path: &str) -> Result<Option<Summary>, ParseError> {
    let fields = [
        ("min", stats.min, "min"),
        ("max", stats.max, "max"),
        ("mean", stats.mean, "mean"),
        ("p50", stats.p50, "median"),
        ("median", stats.median, "median"),
        ("p75", stats.p75, "p75"),
        ("p90", stats.p90, "p90"),
        ("p95", stats.p95, "p95"),
        ("p99", stats.p99, "p99"),
        ("p999", stats.p999, "p99.9"),
    ];
    let mut summary = Summary::default();
    for (key, value, name) in fields {
        let Some(value) = value else { continue };
        let value = if time {
            nanos(value, TimeUnit::Milliseconds, format!("{path}.{key}"))?
        } else {
            value
        };
        summary.set(name, value);
    }
    if summary.iter().next().is_none() {
        return Ok(None);
    }
    if let Some(count) = stats.count {
        summary.set("n", non_negative(count, &format!("{path}.count"))?);
    }
    Ok(Some(summary))
}

fn trend_metric(id: &str, summary: Summary, time: bool) -> Metric {
    let (unit, direction) = if time {
        (Unit::Nanoseconds, Direction::LowerIsBetter)
    } else {
        (Unit::Count, Direction::infer(&Unit::Count, base_name(id)))
    };
    Metric::new("trend", unit, summary)
        .with_kind(MetricKind::Trend)
        .with_direction(direction)
}

/// The run's length in seconds: 1.x `rps.count / rps.mean` (how 1.x
/// computes `rps.mean`), else the 2.x span from the first to the last
/// measurement.
fn duration(a: &Aggregate) -> Option<f64> {
    if let Some(Rps {
        count: Some(count),
        mean: Some(mean),
    }) = &a.rps
        && *count > 0.0
        && *mean > 0.0
    {
        return Some(count / mean);
    }
    let first = [a.first_metric_at, a.first_counter_at, a.first_histogram_at]
        .into_iter()
        .flatten()
        .filter(|t| *t > 0.0)
        .reduce(f64::min)?;
    let last = [a.last_metric_at, a.last_counter_at, a.last_histogram_at]
        .into_iter()
        .flatten()
        .reduce(f64::max)?;
    let seconds = (last - first) / 1000.0;
    (seconds > 0.0).then_some(seconds)
}

/// When the report was written: 1.x `timestamp`, else 2.x `lastMetricAt`.
fn created(a: &Aggregate) -> Result<Option<String>, ParseError> {
    if let Some(text) = &a.timestamp {
        return match text.parse::<jiff::Timestamp>() {
            Ok(_) => Ok(Some(text.clone())),
            Err(e) => Err(ParseError::at(
                "aggregate.timestamp",
                format!("expected an ISO 8601 time: {e}"),
            )),
        };
    }
    let Some(ms) = a.last_metric_at.filter(|ms| *ms > 0.0) else {
        return Ok(None);
    };
    let bad = || {
        ParseError::at(
            "aggregate.lastMetricAt",
            format!("expected epoch milliseconds, found {ms}"),
        )
    };
    if ms.fract() != 0.0 || ms > 1e15 {
        return Err(bad());
    }
    let time = jiff::Timestamp::from_millisecond(ms as i64).map_err(|_| bad())?;
    Ok(Some(time.to_string()))
}

fn non_negative(value: f64, path: &str) -> Result<f64, ParseError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(ParseError::at(
            path,
            format!("expected a non-negative count, found {value}"),
        ))
    }
}

#[cfg(test)]
mod tests;
