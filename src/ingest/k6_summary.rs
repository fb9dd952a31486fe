//! k6 `--summary-export=file.json`: both the pre-v0.30 shape (Go
//! exporter) and the current one (JS wrapper); FORMATS.md §1.2.
//!
//! Reads every entry of `metrics` (sub-metrics included) and every check of
//! `root_group`, through its groups, and maps them with [`super::k6`]. The
//! export has no `type` or `contains`: the type is inferred from the keys
//! (`passes`+`fails` → rate, `count`+`rate` → counter, `value`+`min`+`max`
//! → gauge, only trend statistics → trend); k6's built-in time trends are
//! milliseconds, custom trends are left unscaled as counts, since the export
//! does not say whether a custom trend holds times. A rate's `value` is
//! never read (it is always 0 before v0.30): the rate is recomputed as
//! `passes / (passes + fails)`. Thresholds are `{"<expr>": <crossed>}`, so
//! `true` means the threshold FAILED. Skipped: `setup_data`, group and check
//! ids.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::ParseError;
use super::json::{self, Number};
use super::k6::{
    self, Collector, Contains, K6Metric, Object, Type, UniqueMap, WireCheck, base_name,
};
use crate::model::{Results, Source, Threshold};

/// Built-in k6 trends whose values are milliseconds (`contains: time`),
/// for the `--summary-export`, which does not say (`metrics/builtin.go` and
/// the browser module's metrics, k6 @ 87883075).
const TIME_TRENDS: [&str; 19] = [
    "http_req_duration",
    "http_req_blocked",
    "http_req_connecting",
    "http_req_tls_handshaking",
    "http_req_sending",
    "http_req_waiting",
    "http_req_receiving",
    "iteration_duration",
    "group_duration",
    "grpc_req_duration",
    "ws_connecting",
    "ws_session_duration",
    "ws_ping",
    "browser_http_req_duration",
    "browser_web_vital_fcp",
    "browser_web_vital_fid",
    "browser_web_vital_inp",
    "browser_web_vital_lcp",
    "browser_web_vital_ttfb",
];

/// Built-in k6 counters of bytes (`contains: data`).
const DATA_COUNTERS: [&str; 4] = [
    "data_sent",
    "data_received",
    "browser_data_sent",
    "browser_data_received",
];

/// The export document: `oldJSONSummary()` in grafana/k6
/// `internal/js/summary-wrapper.js` @ 87883075 (k6 ≥ v0.30), and
/// `SummarizeMetricsJSON` in `ui/summary.go` @ v0.29.0 (`d9bced34`) before.
#[derive(Deserialize)]
struct Wire {
    metrics: Option<UniqueMap<WireMetric>>,
    root_group: Option<WireGroup>,
    /// Only to recognise k6 ≥ 1.5's machine-readable summary.
    results: Option<de::IgnoredAny>,
}

/// A group: its sub-groups and checks are objects keyed by name here.
#[derive(Deserialize)]
struct WireGroup {
    path: Option<String>,
    #[serde(default)]
    groups: UniqueMap<WireGroup>,
    #[serde(default)]
    checks: UniqueMap<WireCheck>,
}

/// One metric: a flat object of its values (k6 statistic names) with an
/// optional `thresholds` object among them.
struct WireMetric {
    values: BTreeMap<String, Number>,
    thresholds: BTreeMap<String, bool>,
}

impl<'de> Deserialize<'de> for WireMetric {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MetricVisitor;

        impl<'de> Visitor<'de> for MetricVisitor {
            type Value = WireMetric;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of k6 metric values")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<WireMetric, A::Error> {
                let mut values = BTreeMap::new();
                let mut thresholds = None;
                while let Some(key) = access.next_key::<String>()? {
                    let duplicate = if key == "thresholds" {
                        let t: UniqueMap<bool> = access.next_value()?;
                        thresholds.replace(t.0).is_some()
                    } else {
                        let value: Number = access.next_value()?;
                        values.insert(key.clone(), value).is_some()
                    };
                    if duplicate {
                        return Err(de::Error::custom(format!("duplicate key \"{key}\"")));
                    }
                }
                Ok(WireMetric {
                    values,
                    thresholds: thresholds.unwrap_or_default(),
                })
            }
        }

        deserializer.deserialize_map(MetricVisitor)
    }
}

/// Parses a k6 `--summary-export` file.
///
/// # Errors
///
/// On malformed JSON, a missing or non-object `metrics`, a value that is
/// not a finite number, a negative time, a metric whose type cannot be told
/// from its keys, or two benchmarks with the same id; the error names the
/// JSON path (`metrics.http_req_duration.avg`).
pub fn parse(input: &str) -> Result<Results, ParseError> {
    let Object(wire): Object<Wire> = json::parse_lenient(input)?;
    convert(&wire)
}

fn convert(wire: &Wire) -> Result<Results, ParseError> {
    let metrics = wire.metrics.as_ref().ok_or_else(|| {
        let hint = if wire.results.is_some() {
            "this is k6's machine-readable summary (k6 ≥ 1.5): read it with --format k6-handle-summary"
        } else {
            "is this a k6 --summary-export file?"
        };
        ParseError::at("metrics", format!("expected an object of k6 metrics, found none ({hint})"))
    })?;
    let mut out = Collector::default();
    for (name, metric) in &metrics.0 {
        let path = format!("metrics.{name}");
        let kind = infer_type(&metric.values, &path)?;
        let thresholds = metric
            .thresholds
            .iter()
            .map(|(expression, crossed)| Threshold {
                expression: expression.clone(),
                passed: !crossed,
            })
            .collect();
        let k6_metric = K6Metric {
            name,
            kind,
            contains: infer_contains(name, kind),
            values: &metric.values,
            values_path: path.clone(),
            thresholds,
        };
        out.metric(k6::benchmark(k6_metric, None)?, path)?;
    }
    if let Some(root) = &wire.root_group {
        add_checks(root, "", "root_group", &mut out)?;
    }
    let mut results = Results::new("");
    results.sources.push(Source::tool("k6"));
    results.benchmarks = out.finish();
    Ok(results)
}

/// Adds the checks of `group` (k6 path `group_path`, JSON path `path`) and
/// of its sub-groups, depth first.
fn add_checks(
    group: &WireGroup,
    group_path: &str,
    path: &str,
    out: &mut Collector,
) -> Result<(), ParseError> {
    for (key, check) in &group.checks.0 {
        let at = format!("{path}.checks.{key}");
        out.check(check, Some(key), group_path, at)?;
    }
    for (key, sub) in &group.groups.0 {
        let sub_path = match sub.path.as_deref() {
            Some(p) if !p.is_empty() => p.to_owned(),
            _ => format!("{group_path}::{key}"),
        };
        add_checks(sub, &sub_path, &format!("{path}.groups.{key}"), out)?;
    }
    Ok(())
}

/// What an export metric contains, which the export does not say: k6's
/// built-in time trends and data counters are known by name (sub-metrics
/// too); custom metrics are `default`.
fn infer_contains(name: &str, kind: Type) -> Contains {
    let base = base_name(name);
    match kind {
        Type::Trend if TIME_TRENDS.contains(&base) => Contains::Time,
        Type::Counter if DATA_COUNTERS.contains(&base) => Contains::Data,
        _ => Contains::Default,
    }
}

/// The k6 type of an export metric, from its keys (FORMATS.md §1.2).
fn infer_type(values: &BTreeMap<String, Number>, path: &str) -> Result<Type, ParseError> {
    let has = |key: &str| values.contains_key(key);
    if has("passes") && has("fails") {
        return Ok(Type::Rate);
    }
    if has("count") && has("rate") {
        return Ok(Type::Counter);
    }
    if has("value") && has("min") && has("max") {
        return Ok(Type::Gauge);
    }
    if !values.is_empty() && values.keys().all(|key| is_trend_stat(key)) {
        return Ok(Type::Trend);
    }
    let keys: Vec<&str> = values.keys().take(8).map(String::as_str).collect();
    Err(ParseError::at(
        path,
        format!(
            "cannot tell the k6 metric type from the keys [{}]: expected trend (avg, min, med, max, \
             p(N), count), counter (count, rate), rate (passes, fails, value) or gauge (value, min, \
             max) values",
            keys.join(", ")
        ),
    ))
}

fn is_trend_stat(key: &str) -> bool {
    let percentile = key
        .strip_prefix("p(")
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|q| q.parse::<f64>().ok())
        .is_some_and(|q| (0.0..=100.0).contains(&q));
    percentile || matches!(key, "avg" | "min" | "med" | "max" | "count")
}

#[cfg(test)]
mod tests;
