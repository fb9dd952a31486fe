//! The k6 → model mapping shared by the `--summary-export` and
//! `handleSummary` adapters.
//!
//! k6 metric model: `metrics/sink.go` and `metrics/builtin.go` in
//! grafana/k6 @ 87883075 (FORMATS.md §1.0). Each k6 metric (sub-metrics
//! included, `http_req_duration{expected_response:true}`) becomes one
//! benchmark whose id is the metric's name exactly as k6 wrote it, with one
//! metric named after the k6 type (`trend`, `counter`, `rate`, `gauge`). Each
//! check becomes a `rate` benchmark `checks{check:<name>}` (root group) or
//! `checks{group:<path>,check:<name>}`. This module reads no format itself.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::json::Number;
use super::{ParseError, nanos};
use crate::model::{Benchmark, Direction, Metric, MetricKind, Summary, Threshold, TimeUnit, Unit};

/// A JSON object read into a sorted map; unlike a plain `BTreeMap`, a key
/// given twice is an error instead of the last value silently winning.
#[derive(Debug)]
pub(super) struct UniqueMap<V>(pub BTreeMap<String, V>);

impl<V> Default for UniqueMap<V> {
    fn default() -> Self {
        Self(BTreeMap::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = UniqueMap<V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = BTreeMap::new();
                while let Some(key) = access.next_key::<String>()? {
                    let value = access.next_value::<V>()?;
                    if map.contains_key(&key) {
                        return Err(de::Error::custom(format!("duplicate key \"{key}\"")));
                    }
                    map.insert(key, value);
                }
                Ok(UniqueMap(map))
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// A top-level document that must be a JSON object: serde's derived
/// structs also accept an array (fields by position), which would give a
/// confusing error for a file that is not a k6 summary at all.
pub(super) struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = Object<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object (a k6 summary)")
            }

            fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(access)).map(Object)
            }
        }

        deserializer.deserialize_map(ObjectVisitor(PhantomData))
    }
}

/// A check as both summary shapes write it (`{name, path, id, passes,
/// fails}`; k6 `internal/js/summary.go` @ 87883075).
#[derive(Debug, Deserialize)]
pub(super) struct WireCheck {
    pub name: Option<String>,
    pub passes: Number,
    pub fails: Number,
}

/// The four k6 metric types (`metrics/metric_type.go` @ 87883075).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Type {
    Trend,
    Counter,
    Rate,
    Gauge,
}

impl Type {
    /// The model metric's name (the k6 type's own) and kind.
    fn model(self) -> (&'static str, MetricKind) {
        match self {
            Self::Trend => ("trend", MetricKind::Trend),
            Self::Counter => ("counter", MetricKind::Counter),
            Self::Rate => ("rate", MetricKind::Rate),
            Self::Gauge => ("gauge", MetricKind::Gauge),
        }
    }
}

/// What a metric's values are (k6's `contains`): `default`, `time`
/// (milliseconds), `data` (bytes), or a value this version does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Contains {
    Default,
    Time,
    Data,
    Other(String),
}

impl Contains {
    /// From a `contains` field; absent means `default`.
    pub fn parse(contains: Option<&str>) -> Self {
        match contains {
            None | Some("default") => Self::Default,
            Some("time") => Self::Time,
            Some("data") => Self::Data,
            Some(other) => Self::Other(other.to_owned()),
        }
    }

    fn unit(&self) -> Unit {
        match self {
            Self::Default => Unit::Count,
            Self::Time => Unit::Nanoseconds,
            Self::Data => Unit::Bytes,
            Self::Other(s) => Unit::Other(s.clone()),
        }
    }
}

/// One k6 metric as read from either shape, before mapping.
pub(super) struct K6Metric<'a> {
    /// The metric name as k6 wrote it, tags included.
    pub name: &'a str,
    pub kind: Type,
    pub contains: Contains,
    /// Statistic name (k6 spelling) → value.
    pub values: &'a BTreeMap<String, Number>,
    /// JSON path of the object holding `values`, for errors.
    pub values_path: String,
    pub thresholds: Vec<Threshold>,
}

impl K6Metric<'_> {
    fn at(&self, key: &str) -> String {
        format!("{}.{key}", self.values_path)
    }

    fn get(&self, key: &str) -> Option<f64> {
        self.values.get(key).map(|n| n.0)
    }

    fn missing(&self, what: &str) -> ParseError {
        let (kind, _) = self.kind.model();
        ParseError::at(
            &self.values_path,
            format!("expected {what} in the values of a k6 {kind}"),
        )
    }

    fn require(&self, key: &str) -> Result<f64, ParseError> {
        self.get(key)
            .ok_or_else(|| self.missing(&format!("\"{key}\"")))
    }
}

/// The metric name without its sub-metric tags.
pub(super) fn base_name(name: &str) -> &str {
    name.split_once('{').map_or(name, |(base, _)| base)
}

/// Maps one k6 metric to its benchmark. `duration_seconds` (the test run's
/// length) gives a counter its `rate` when the source left it out.
pub(super) fn benchmark(
    metric: K6Metric<'_>,
    duration_seconds: Option<f64>,
) -> Result<Benchmark, ParseError> {
    if let Some((key, n)) = metric.values.iter().find(|(_, n)| !n.0.is_finite()) {
        let message = format!("expected a finite number, found {}", n.0);
        return Err(ParseError::at(metric.at(key), message));
    }
    let (unit, summary) = match metric.kind {
        Type::Trend => (metric.contains.unit(), trend(&metric)?),
        Type::Counter => (metric.contains.unit(), counter(&metric, duration_seconds)?),
        Type::Rate => (Unit::Ratio, rate(&metric)?),
        Type::Gauge => (metric.contains.unit(), gauge(&metric)?),
    };
    let base = base_name(metric.name).to_lowercase();
    let bad = |words: &[&str]| words.iter().any(|w| base.contains(w));
    let direction = match metric.kind {
        Type::Trend if metric.contains == Contains::Time => Direction::LowerIsBetter,
        Type::Counter if bad(&["fail", "error", "drop"]) => Direction::LowerIsBetter,
        Type::Rate if bad(&["fail", "error"]) => Direction::LowerIsBetter,
        Type::Counter | Type::Rate => Direction::HigherIsBetter,
        Type::Trend | Type::Gauge => Direction::infer(&unit, base_name(metric.name)),
    };
    let mut thresholds = metric.thresholds;
    thresholds.sort_by(|a, b| a.expression.cmp(&b.expression));
    let (name, kind) = metric.kind.model();
    let one = Metric::new(name, unit, summary)
        .with_kind(kind)
        .with_direction(direction);
    let mut bench = Benchmark::new(metric.name, vec![one]);
    bench.thresholds = thresholds;
    Ok(bench)
}

/// Every statistic given: `count` → n, the others by their k6 name (`avg`,
/// `med`, `p(99.9)` …), in nanoseconds for a time trend.
fn trend(metric: &K6Metric<'_>) -> Result<Summary, ParseError> {
    let mut summary = Summary::default();
    for (key, &Number(value)) in metric.values {
        let value = match key.as_str() {
            "count" => {
                summary.set("n", non_negative(value, &metric.at(key))?);
                continue;
            }
            _ if metric.contains == Contains::Time => {
                nanos(value, TimeUnit::Milliseconds, metric.at(key))?
            }
            _ => value,
        };
        summary.set(key, value);
    }
    Ok(summary)
}

fn counter(metric: &K6Metric<'_>, duration_seconds: Option<f64>) -> Result<Summary, ParseError> {
    let count = metric.require("count")?;
    let derived = || duration_seconds.filter(|d| *d > 0.0).map(|d| count / d);
    let mut summary = Summary::default();
    summary.set("count", count);
    if let Some(rate) = metric.get("rate").or_else(derived) {
        summary.set("rate", rate);
    }
    Ok(summary)
}

/// Passes and fails, from `passes`/`fails` or `matches`/`total`.
fn rate(metric: &K6Metric<'_>) -> Result<Summary, ParseError> {
    let passes = match (metric.get("passes"), metric.get("matches")) {
        (Some(passes), _) => non_negative(passes, &metric.at("passes"))?,
        (None, Some(matches)) => non_negative(matches, &metric.at("matches"))?,
        (None, None) => return Err(metric.missing("\"passes\" (or \"matches\")")),
    };
    let fails = match (metric.get("fails"), metric.get("total")) {
        (Some(fails), _) => non_negative(fails, &metric.at("fails"))?,
        (None, Some(total)) if total >= passes => total - passes,
        (None, Some(total)) => {
            let message =
                format!("expected a total of at least the {passes} matches, found {total}");
            return Err(ParseError::at(metric.at("total"), message));
        }
        (None, None) => return Err(metric.missing("\"fails\" (or \"total\")")),
    };
    Ok(rate_summary(passes, fails))
}

fn gauge(metric: &K6Metric<'_>) -> Result<Summary, ParseError> {
    let mut summary = Summary::default();
    summary.set("last", metric.require("value")?);
    for key in ["min", "max"] {
        if let Some(value) = metric.get(key) {
            summary.set(key, value);
        }
    }
    Ok(summary)
}

/// `n`, `passes`, `fails` and (when there was a sample) `rate` of a k6
/// rate: `rate = passes / (passes + fails)`, k6's `RateSink` formula, so a
/// pre-0.30 export's always-zero `value` is never used.
fn rate_summary(passes: f64, fails: f64) -> Summary {
    let mut summary = Summary::default();
    let total = passes + fails;
    summary.set("n", total);
    summary.set("passes", passes);
    summary.set("fails", fails);
    if total > 0.0 {
        summary.set("rate", passes / total);
    }
    summary
}

fn non_negative(value: f64, path: &str) -> Result<f64, ParseError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(ParseError::at(
            path,
            format!("expected a non-negative number, found {value}"),
        ))
    }
}

/// The benchmarks of one file, keeping ids unique and remembering the JSON
/// path each came from (and whether it was a check).
#[derive(Default)]
pub(super) struct Collector {
    benchmarks: Vec<Benchmark>,
    origins: BTreeMap<String, (String, bool)>,
}

impl Collector {
    /// Adds a metric's benchmark read at `path`.
    pub fn metric(&mut self, bench: Benchmark, path: String) -> Result<(), ParseError> {
        self.add(bench, path, false)
    }

    /// Adds the benchmark of the check at `path` (named `key` when it has
    /// no `name`) in the group whose k6 path is `group` (empty for the root
    /// group). A k6 sub-metric with the same id (`checks{check:…}`, made by
    /// a threshold on it) takes precedence, as it is what k6 itself calls
    /// that id: the check is then left out. Two checks with one id are an
    /// error.
    pub fn check(
        &mut self,
        check: &WireCheck,
        key: Option<&str>,
        group: &str,
        path: String,
    ) -> Result<(), ParseError> {
        let name = check
            .name
            .as_deref()
            .or(key)
            .ok_or_else(|| ParseError::at(&path, "expected the check's \"name\""))?;
        let passes = non_negative(check.passes.0, &format!("{path}.passes"))?;
        let fails = non_negative(check.fails.0, &format!("{path}.fails"))?;
        let id = if group.is_empty() {
            format!("checks{{check:{name}}}")
        } else {
            format!("checks{{group:{group},check:{name}}}")
        };
        if let Some((_, false)) = self.origins.get(&id) {
            return Ok(());
        }
        let metric = Metric::new("rate", Unit::Ratio, rate_summary(passes, fails))
            .with_kind(MetricKind::Rate)
            .with_direction(Direction::HigherIsBetter);
        self.add(Benchmark::new(id, vec![metric]), path, true)
    }

    fn add(&mut self, bench: Benchmark, path: String, is_check: bool) -> Result<(), ParseError> {
        if let Some((first, _)) = self.origins.get(&bench.id) {
            let message = format!(
                "benchmark id \"{}\" is already given by {first}; ids must be unique",
                bench.id
            );
            return Err(ParseError::at(path, message));
        }
        self.origins.insert(bench.id.clone(), (path, is_check));
        self.benchmarks.push(bench);
        Ok(())
    }

    /// The benchmarks, in the order they were added.
    pub fn finish(self) -> Vec<Benchmark> {
        self.benchmarks
    }
}

#[cfg(test)]
mod tests;
