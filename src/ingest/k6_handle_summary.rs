//! The data k6 passes to `handleSummary(data)`, serialised with
//! `JSON.stringify(data)` (FORMATS.md §1.3), and the opt-in machine-readable
//! summary of k6 ≥ 1.5 (`--new-machine-readable-summary`, §1.4).
//!
//! handleSummary: every entry of `metrics` (`{type, contains, values,
//! thresholds}`, sub-metrics included) and every check of `root_group`,
//! through its groups, mapped with [`super::k6`]; `thresholds.<expr>.ok` is
//! `true` when the threshold PASSED; `state.testRunDurationMs` is the run's
//! duration. Machine-readable summary: `results.metrics[]` and
//! `results.checks.metrics[]` (`checks_total`, `checks_failed`,
//! `checks_succeeded`) are metrics, `results.checks.results[]` are root-group
//! checks; a rate may be spelled `matches`/`total` or `passes`/`fails`; a
//! counter without `rate` gets `count / config.duration` (k6's own
//! definition); `metadata.k6Version` is the tool version. Skipped: `options`,
//! the TTY flags, `setup_data`, `config.execution`/`script`, group and
//! check ids.

use serde::Deserialize;

use super::ParseError;
use super::json::{self, Number};
use super::k6::{self, Collector, Contains, K6Metric, Object, Type, UniqueMap, WireCheck};
use crate::model::{Results, Source, Threshold};

/// Either document. handleSummary: `summarizeMetricsToObject()` in grafana/k6
/// `internal/js/summary.go` @ 87883075. Machine-readable summary:
/// `internal/lib/summary/machinereadable/types_gen.go` @ 95118245.
#[derive(Deserialize)]
struct Wire {
    metrics: Option<UniqueMap<WireMetric>>,
    root_group: Option<WireGroup>,
    state: Option<WireState>,
    version: Option<String>,
    metadata: Option<WireMetadata>,
    config: Option<WireConfig>,
    results: Option<WireResults>,
}

/// A handleSummary metric.
#[derive(Deserialize)]
struct WireMetric {
    #[serde(rename = "type")]
    kind: Type,
    contains: Option<String>,
    values: UniqueMap<Number>,
    #[serde(default)]
    thresholds: UniqueMap<WireThreshold>,
}

#[derive(Deserialize)]
struct WireThreshold {
    ok: bool,
}

/// A group: sub-groups and checks are arrays here.
#[derive(Deserialize)]
struct WireGroup {
    path: Option<String>,
    name: Option<String>,
    #[serde(default)]
    groups: Vec<WireGroup>,
    #[serde(default)]
    checks: Vec<WireCheck>,
}

#[derive(Deserialize)]
struct WireState {
    #[serde(rename = "testRunDurationMs")]
    test_run_duration_ms: Option<Number>,
}

#[derive(Deserialize)]
struct WireMetadata {
    #[serde(rename = "generatedAt")]
    generated_at: Option<String>,
    #[serde(rename = "k6Version")]
    k6_version: Option<String>,
}

#[derive(Deserialize)]
struct WireConfig {
    /// The test run's duration in seconds.
    duration: Option<Number>,
}

#[derive(Deserialize)]
struct WireResults {
    metrics: Vec<WireNamedMetric>,
    checks: Option<WireChecks>,
}

/// A machine-readable summary metric (`Metric` in types_gen.go).
#[derive(Deserialize)]
struct WireNamedMetric {
    name: String,
    #[serde(rename = "type")]
    kind: Type,
    contains: Option<String>,
    values: UniqueMap<Number>,
}

#[derive(Deserialize)]
struct WireChecks {
    #[serde(default)]
    metrics: Vec<WireNamedMetric>,
    #[serde(default)]
    results: Vec<WireCheck>,
}

/// Parses k6 handleSummary JSON or a k6 ≥ 1.5 machine-readable summary.
///
/// # Errors
///
/// On malformed JSON, a missing `metrics` object (or `results.metrics`
/// array), an unknown metric type, a value that is not a finite number, a
/// negative time or duration, or two benchmarks with the same id; the error
/// names the JSON path (`metrics.http_req_duration.values.avg`).
pub fn parse(input: &str) -> Result<Results, ParseError> {
    let Object(wire): Object<Wire> = json::parse_lenient(input)?;
    match (&wire.metrics, &wire.results) {
        (Some(metrics), _) => convert_handle_summary(&wire, metrics),
        (None, Some(results)) => convert_machine_readable(&wire, results),
        (None, None) => Err(ParseError::at(
            "metrics",
            "expected an object of k6 metrics (handleSummary) or `results.metrics` (k6 ≥ 1.5 \
             machine-readable summary), found neither",
        )),
    }
}

fn convert_handle_summary(
    wire: &Wire,
    metrics: &UniqueMap<WireMetric>,
) -> Result<Results, ParseError> {
    let duration_ms = wire.state.as_ref().and_then(|s| s.test_run_duration_ms);
    let duration = seconds(duration_ms, 1000.0, "state.testRunDurationMs")?;
    let mut out = Collector::default();
    for (name, metric) in &metrics.0 {
        let path = format!("metrics.{name}");
        let thresholds = metric
            .thresholds
            .0
            .iter()
            .map(|(expression, t)| Threshold {
                expression: expression.clone(),
                passed: t.ok,
            })
            .collect();
        let k6_metric = K6Metric {
            name,
            kind: metric.kind,
            contains: Contains::parse(metric.contains.as_deref()),
            values: &metric.values.0,
            values_path: format!("{path}.values"),
            thresholds,
        };
        out.metric(k6::benchmark(k6_metric, duration)?, path)?;
    }
    if let Some(root) = &wire.root_group {
        add_checks(root, "", "root_group", &mut out)?;
    }
    let mut source = Source::tool("k6");
    source.duration_seconds = duration;
    Ok(results(source, out))
}

/// Adds the checks of `group` (k6 path `group_path`, JSON path `path`) and
/// of its sub-groups, depth first.
fn add_checks(
    group: &WireGroup,
    group_path: &str,
    path: &str,
    out: &mut Collector,
) -> Result<(), ParseError> {
    for (i, check) in group.checks.iter().enumerate() {
        let at = format!("{path}.checks[{i}]");
        out.check(check, None, group_path, at)?;
    }
    for (i, sub) in group.groups.iter().enumerate() {
        let at = format!("{path}.groups[{i}]");
        let sub_path = match (sub.path.as_deref(), sub.name.as_deref()) {
            (Some(p), _) if !p.is_empty() => p.to_owned(),
            (_, Some(name)) => format!("{group_path}::{name}"),
            _ => {
                return Err(ParseError::at(
                    at,
                    "expected the group's \"path\" or \"name\"",
                ));
            }
        };
        add_checks(sub, &sub_path, &at, out)?;
    }
    Ok(())
}

fn convert_machine_readable(wire: &Wire, results_in: &WireResults) -> Result<Results, ParseError> {
    if let Some(version) = wire.version.as_deref().filter(|v| !v.starts_with("1.")) {
        return Err(ParseError::at(
            "version",
            format!("expected machine-readable summary version 1.x, found \"{version}\""),
        ));
    }
    let duration = seconds(
        wire.config.as_ref().and_then(|c| c.duration),
        1.0,
        "config.duration",
    )?;
    let checks = results_in.checks.as_ref();
    let mut metrics: Vec<(String, &WireNamedMetric)> = results_in
        .metrics
        .iter()
        .enumerate()
        .map(|(i, m)| (format!("results.metrics[{i}]"), m))
        .chain(checks.into_iter().flat_map(|c| {
            c.metrics
                .iter()
                .enumerate()
                .map(|(i, m)| (format!("results.checks.metrics[{i}]"), m))
        }))
        .collect();
    metrics.sort_by(|a, b| a.1.name.cmp(&b.1.name));
    let mut out = Collector::default();
    for (path, metric) in metrics {
        let k6_metric = K6Metric {
            name: &metric.name,
            kind: metric.kind,
            contains: Contains::parse(metric.contains.as_deref()),
            values: &metric.values.0,
            values_path: format!("{path}.values"),
            thresholds: Vec::new(),
        };
        out.metric(k6::benchmark(k6_metric, duration)?, path)?;
    }
    for (i, check) in checks
        .map(|c| c.results.as_slice())
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let at = format!("results.checks.results[{i}]");
        out.check(check, None, "", at)?;
    }
    let metadata = wire.metadata.as_ref();
    let mut source = Source::tool("k6").with_version(metadata.and_then(|m| m.k6_version.clone()));
    source.duration_seconds = duration;
    let mut results = results(source, out);
    results.created = metadata.and_then(|m| m.generated_at.clone());
    Ok(results)
}

/// A duration in seconds from `value`, given in units of 1/`per_second` s.
fn seconds(value: Option<Number>, per_second: f64, path: &str) -> Result<Option<f64>, ParseError> {
    match value {
        None => Ok(None),
        Some(Number(v)) if v.is_finite() && v >= 0.0 => Ok(Some(v / per_second)),
        Some(Number(v)) => Err(ParseError::at(
            path,
            format!("expected a non-negative duration, found {v}"),
        )),
    }
}

fn results(source: Source, out: Collector) -> Results {
    let mut results = Results::new("");
    results.sources.push(source);
    results.benchmarks = out.finish();
    results
}

#[cfg(test)]
mod tests;
