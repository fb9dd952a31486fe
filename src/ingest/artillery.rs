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

/// 1.x `rps`: requests sent, and that count per second since the first.
#[derive(Debug, Deserialize)]
struct Rps {
    count: Option<f64>,
    mean: Option<f64>,
}

/// 1.x `intermediate[]`: `latencies` are nanoseconds (1.6+) or
/// `[timestamp, uuid, nanoseconds, status]` entries (≤ 1.5).
#[derive(Debug, Deserialize)]
struct Intermediate {
    latencies: Option<Vec<serde_json::Value>>,
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

/// The 1.x fields, under their 2.x names.
fn legacy(report: &Report, out: &mut Out) -> Result<(), ParseError> {
    let a = &report.aggregate;
    let at = |field: &str| format!("aggregate.{field}");
    let id = "http.response_time";
    match (samples(report)?, &a.latency) {
        (Some(samples), _) => {
            let summary =
                summarize(&samples).map_err(|e| ParseError::at("intermediate", e.to_string()))?;
            let metric = trend_metric(id, summary, true).with_samples(samples);
            let path = "intermediate[].latencies".to_owned();
            out.add(Benchmark::new(id, vec![metric]), path)?;
        }
        (None, Some(latency)) => out.trend(id.into(), latency, true, at("latency"))?,
        (None, None) => {}
    }
    if let Some(stats) = &a.scenario_duration {
        out.trend(
            "vusers.session_length".into(),
            stats,
            true,
            at("scenarioDuration"),
        )?;
    }
    let plugin: BTreeSet<&str> = a
        .counters
        .keys()
        .filter_map(|k| code_on(k))
        .map(|(_, ep)| ep)
        .collect();
    for (name, stats) in &a.custom_stats {
        let server_timing = name
            .strip_prefix("Server-Timing ")
            .filter(|ep| plugin.contains(ep));
        let (id, time) = if plugin.contains(name.as_str()) {
            (format!("http.response_time{{url:{name}}}"), true)
        } else if let Some(ep) = server_timing {
            (format!("{BY_ENDPOINT}server-timing{{url:{ep}}}"), true)
        } else {
            (name.clone(), is_time(name))
        };
        out.trend(id, stats, time, at(&format!("customStats.{name}")))?;
    }
    let counts = [
        ("vusers.created", a.scenarios_created, "scenariosCreated"),
        (
            "vusers.completed",
            a.scenarios_completed,
            "scenariosCompleted",
        ),
        ("vusers.skipped", a.scenarios_avoided, "scenariosAvoided"),
        ("http.responses", a.requests_completed, "requestsCompleted"),
        (
            "http.requests",
            a.rps.as_ref().and_then(|r| r.count),
            "rps.count",
        ),
    ];
    for (id, count, field) in counts {
        if let Some(count) = count {
            out.counter(id.into(), count, at(field))?;
        }
    }
    if let Some(mean) = a.rps.as_ref().and_then(|r| r.mean) {
        out.throughput("http.request_rate".into(), mean, at("rps.mean"))?;
    }
    let families = [
        (
            "scenarioCounts",
            "vusers.created_by_name.",
            &a.scenario_counts,
        ),
        ("codes", "http.codes.", &a.codes),
        ("errors", "errors.", &a.errors),
    ];
    for (field, prefix, map) in families {
        for (key, count) in map {
            out.counter(
                format!("{prefix}{key}"),
                *count,
                at(&format!("{field}.{key}")),
            )?;
        }
    }
    Ok(())
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

/// Every raw latency of a 1.x report (ns), when the intermediate reports
/// hold one per `requestsCompleted` of the aggregate.
fn samples(report: &Report) -> Result<Option<Vec<f64>>, ParseError> {
    let mut samples = Vec::new();
    for (i, period) in report.intermediate.iter().enumerate() {
        let Some(latencies) = &period.latencies else {
            return Ok(None);
        };
        for (j, entry) in latencies.iter().enumerate() {
            let at = format!("intermediate[{i}].latencies[{j}]");
            let ns = match entry {
                Value::Array(tuple) => tuple.get(2).and_then(Value::as_f64),
                other => other.as_f64(),
            };
            let ns = ns.ok_or_else(|| {
                ParseError::at(
                    &at,
                    "expected nanoseconds, or [timestamp, id, nanoseconds, status]",
                )
            })?;
            samples.push(nanos(ns, TimeUnit::Nanoseconds, at)?);
        }
    }
    let complete = report.aggregate.requests_completed == Some(samples.len() as f64);
    Ok((complete && !samples.is_empty()).then_some(samples))
}

/// A 2.x histogram's id, and whether it holds milliseconds.
fn histogram_id(name: &str) -> (String, bool) {
    if let Some(rest) = name.strip_prefix(BY_ENDPOINT) {
        if let Some(ep) = rest.strip_prefix("response_time.") {
            return (format!("http.response_time{{url:{ep}}}"), true);
        }
        if let Some(ep) = rest.strip_prefix("server-timing.") {
            return (format!("{BY_ENDPOINT}server-timing{{url:{ep}}}"), true);
        }
    }
    (name.to_owned(), is_time(name))
}

/// A counter's id: the plugin's `<ns>.<endpoint>.codes.200`/`.errors.E`
/// (2.x) and `code 200 on <endpoint>` (1.x) get the endpoint as a tag.
fn counter_id(name: &str) -> String {
    if let Some((code, ep)) = code_on(name) {
        return format!("http.codes.{code}{{url:{ep}}}");
    }
    if let Some(rest) = name.strip_prefix(BY_ENDPOINT) {
        let split = [(".codes.", "http.codes."), (".errors.", "errors.")]
            .into_iter()
            .filter_map(|(sep, family)| rest.rfind(sep).map(|at| (at, sep, family)))
            .max_by_key(|(at, _, _)| *at);
        if let Some((at, sep, family)) = split {
            let (ep, tail) = (&rest[..at], &rest[at + sep.len()..]);
            if !ep.is_empty() && !tail.is_empty() {
                return format!("{family}{tail}{{url:{ep}}}");
            }
        }
    }
    name.to_owned()
}

/// `code 200 on /path` (the 1.x metrics-by-endpoint plugin's counter) →
/// `("200", "/path")`.
fn code_on(name: &str) -> Option<(&str, &str)> {
    let (code, ep) = name.strip_prefix("code ")?.split_once(" on ")?;
    (!code.is_empty() && code.bytes().all(|b| b.is_ascii_digit())).then_some((code, ep))
}

/// Whether a distribution holds milliseconds: Artillery's own
/// (`http.response_time*`, `vusers.session_length`, `http.dns`/`tcp`/`tls`/
/// `total`), the browser engine's web vitals and steps, and custom ones
/// whose name says time (`time`, `latency`, `duration`).
fn is_time(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let base = n.strip_prefix("engine.").unwrap_or(&n);
    ["time", "latency", "duration", "session_length"]
        .iter()
        .any(|w| n.contains(w))
        || matches!(base, "http.dns" | "http.tcp" | "http.tls" | "http.total")
        || ["fcp", "lcp", "fid", "inp", "ttfb"]
            .iter()
            .any(|v| n.starts_with(&format!("browser.page.{v}")))
        || n.starts_with("browser.step.")
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

/// The name without endpoint tags.
fn base_name(id: &str) -> &str {
    id.split_once('{').map_or(id, |(base, _)| base)
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
mod tests {
    use super::*;
    use crate::ingest::testing::{close, fixture_text, metric};

    fn fixture(name: &str) -> Results {
        parse(&fixture_text("artillery", name)).unwrap()
    }

    fn error(text: &str) -> ParseError {
        parse(text).unwrap_err()
    }

    #[test]
    fn v1_fields_get_2x_names_and_null_percentiles_are_absent() {
        let r = fixture("v1_nulls.json");
        assert_eq!(r.benchmarks.len(), 12);
        assert_eq!(r.sources[0].tool, "artillery");
        assert_eq!(r.created.as_deref(), Some("2021-03-11T20:24:35.438Z"));
        let t = metric(&r, "http.response_time", "trend");
        assert_eq!((&t.unit, t.kind), (&Unit::Nanoseconds, MetricKind::Trend));
        close(t.summary.median, 40.1e6);
        close(t.summary.max, 310.2e6);
        assert_eq!(
            (t.summary.p95, t.summary.p99, t.summary.n),
            (None, None, None)
        );
        assert!(r.benchmark("vusers.session_length").is_none());
        let c = metric(&r, "http.codes.404", "counter");
        assert_eq!(c.direction, Direction::LowerIsBetter);
        close(c.summary.get("count"), 1.0);
        close(c.summary.get("rate"), 0.1);
        let ok = metric(&r, "http.codes.200", "counter");
        assert_eq!(ok.direction, Direction::HigherIsBetter);
        assert_eq!(
            metric(&r, "errors.ETIMEDOUT", "counter").direction,
            Direction::LowerIsBetter
        );
        close(
            metric(&r, "http.requests", "counter").summary.get("count"),
            8.0,
        );
        let rps = metric(&r, "http.request_rate", "throughput");
        assert_eq!(
            (&rps.unit, rps.direction),
            (&Unit::OpsPerSecond, Direction::HigherIsBetter)
        );
        close(rps.summary.mean, 0.8);
        let e = metric(&r, "vusers.error_rate", "rate");
        assert_eq!(
            (&e.unit, e.kind, e.direction),
            (&Unit::Ratio, MetricKind::Rate, Direction::LowerIsBetter)
        );
        close(e.summary.get("rate"), 0.25);
        close(e.summary.get("passes"), 1.0);
        close(e.summary.get("fails"), 3.0);
    }

    #[test]
    fn v1_intermediate_latencies_become_samples_when_complete() {
        let r = fixture("v1_raw_latencies.json");
        let t = metric(&r, "http.response_time", "trend");
        assert_eq!(
            t.samples.as_deref(),
            Some(&[30e6, 10e6, 40e6, 50e6, 20e6][..])
        );
        assert_eq!(t.summary.n, Some(5));
        close(t.summary.median, 30e6);
        close(t.summary.p90, 46e6);
        let old = fixture("v1_5_latency_tuples.json");
        let t = metric(&old, "http.response_time", "trend");
        assert_eq!(t.samples.as_deref(), Some(&[1.5e6, 3e6, 4.5e6][..]));

        let partial = r#"{"aggregate": {"requestsCompleted": 3, "latency": {"min": 1, "max": 9, "median": 5}},
            "intermediate": [{"latencies": [1000000, 9000000]}]}"#;
        let t = parse(partial)
            .unwrap()
            .benchmarks
            .remove(0)
            .metrics
            .remove(0);
        assert_eq!(t.samples, None);
        close(t.summary.median, 5e6);
    }

    #[test]
    fn v1_metrics_by_endpoint_plugin_gets_tagged_ids() {
        let r = fixture("v1_metrics_by_endpoint.json");
        assert_eq!(r.benchmarks.len(), 22);
        close(
            metric(&r, "http.response_time{url:/api/items}", "trend")
                .summary
                .median,
            118e6,
        );
        let st = "plugins.metrics-by-endpoint.server-timing{url:/api/items}";
        close(metric(&r, st, "trend").summary.p95, 38.5e6);
        let c = metric(&r, "http.codes.503{url:/api/search?q=a}", "counter");
        assert_eq!(c.direction, Direction::LowerIsBetter);
        close(c.summary.get("rate"), 0.1);
        assert_eq!(
            metric(&r, "checkout_duration", "trend").unit,
            Unit::Nanoseconds
        );
        let cart = metric(&r, "cart_size", "trend");
        assert_eq!(cart.unit, Unit::Count);
        close(cart.summary.median, 3.0);
        close(
            metric(&r, "items_added", "counter").summary.get("count"),
            25.0,
        );
    }

    #[test]
    fn v2_summaries_map_every_statistic_and_the_plugin_endpoints() {
        let r = fixture("v2_summaries.json");
        assert_eq!(r.benchmarks.len(), 21);
        assert_eq!(r.created.as_deref(), Some("2023-11-14T22:13:30.5Z"));
        let t = metric(&r, "http.response_time", "trend");
        assert_eq!(t.summary.n, Some(38));
        close(t.summary.mean, 48.3e6);
        close(t.summary.median, 40e6);
        close(t.summary.get("p75"), 55.2e6);
        close(t.summary.get("p99.9"), 247.2e6);
        close(
            metric(&r, "http.response_time{url:/ (home)}", "trend")
                .summary
                .p95,
            62.2e6,
        );
        let e = metric(&r, "errors.ETIMEDOUT{url:/api/items}", "counter");
        assert_eq!(e.direction, Direction::LowerIsBetter);
        close(
            metric(&r, "http.requests", "counter").summary.get("rate"),
            4.0,
        );
        assert_eq!(
            metric(&r, "http.downloaded_bytes", "counter").unit,
            Unit::Bytes
        );
        assert_eq!(
            metric(&r, "vusers.failed", "counter").direction,
            Direction::LowerIsBetter
        );
        let rate = metric(&r, "vusers.error_rate", "rate");
        close(rate.summary.get("rate"), 0.1);
        close(rate.summary.get("passes"), 2.0);
    }

    #[test]
    fn v2_summaries_win_over_histograms_and_early_names_still_give_an_error_rate() {
        let both = r#"{"aggregate": {"summaries": {"x.time": {"p95": 2}}, "histograms": {"x.time": {"p95": 3}}}}"#;
        close(
            parse(both).unwrap().benchmarks[0].metrics[0].summary.p95,
            2e6,
        );
        let r = fixture("v2_early_histograms.json");
        assert_eq!(r.benchmarks.len(), 9);
        let t = metric(&r, "engine.http.response_time", "trend");
        assert_eq!((t.summary.n, &t.unit), (Some(11), &Unit::Nanoseconds));
        close(
            metric(&r, "engine.http.requests", "counter")
                .summary
                .get("rate"),
            2.0,
        );
        close(
            metric(&r, "vusers.error_rate", "rate").summary.get("rate"),
            1.0 / 12.0,
        );
        assert!(fixture("empty.json").benchmarks.is_empty());
    }

    #[test]
    fn plugin_names_split_at_the_last_separator() {
        assert_eq!(
            counter_id("plugins.metrics-by-endpoint./a.codes.b.errors.E1"),
            "errors.E1{url:/a.codes.b}"
        );
        assert_eq!(
            counter_id("plugins.metrics-by-endpoint./x.errors.y.codes.404"),
            "http.codes.404{url:/x.errors.y}"
        );
        assert_eq!(counter_id("code 200 on /a b"), "http.codes.200{url:/a b}");
        assert_eq!(counter_id("code two on /a"), "code two on /a");
        assert_eq!(
            counter_id("plugins.metrics-by-endpoint.odd"),
            "plugins.metrics-by-endpoint.odd"
        );
        assert_eq!(
            histogram_id("browser.page.FCP.https://x/"),
            ("browser.page.FCP.https://x/".into(), true)
        );
        assert_eq!(
            histogram_id("browser.memory_used_mb"),
            ("browser.memory_used_mb".into(), false)
        );
    }

    #[test]
    fn errors_name_the_json_path() {
        let e = error(r#"{"aggregate": {"summaries": {"http.response_time": {"min": -1}}}}"#);
        assert_eq!(
            e.place.field.as_deref(),
            Some("aggregate.summaries.http.response_time.min")
        );
        assert!(
            e.message.contains("non-negative time, found -1"),
            "{}",
            e.message
        );
        let e =
            error(r#"{"aggregate": {"counters": {"vusers.created": 2, "vusers.completed": 3}}}"#);
        assert_eq!(
            e.place.field.as_deref(),
            Some("aggregate.counters.vusers.completed")
        );
        let e = error(r#"{"aggregate": {"counters": {"errors.X": -2}}}"#);
        assert_eq!(e.message, "expected a non-negative count, found -2");
        let e = error(
            r#"{"aggregate": {"latency": {"p95": 1}, "customStats": {"http.response_time": {"p95": 2}}}}"#,
        );
        assert!(
            e.message.contains("already given by aggregate.latency"),
            "{}",
            e.message
        );
        let e = error(r#"{"aggregate": {}, "intermediate": [{"latencies": [[1, "u"]]}]}"#);
        assert_eq!(
            e.place.field.as_deref(),
            Some("intermediate[0].latencies[0]")
        );
        let e = error(r#"{"aggregate": {"timestamp": "yesterday"}}"#);
        assert_eq!(e.place.field.as_deref(), Some("aggregate.timestamp"));
        assert!(error("[]").message.contains("found an array"));
        assert!(
            error(r#"{"aggregate": {"counters": {"#)
                .message
                .contains("truncated")
        );
        assert!(
            error(r#"{"intermediate": []}"#)
                .message
                .contains("aggregate")
        );
    }
}
