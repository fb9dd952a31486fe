//! JMH `-rf json` results: an array of runs, one per benchmark method, mode
//! and parameter combination.
//!
//! Id: the `benchmark` (fully qualified method name), followed, when the run
//! has `params`, by `(k=v, k2=v2)` with the parameters sorted by name; the
//! parameters also go to `Benchmark::params`. Two runs with the same id
//! (`-bm thrpt,avgt`) make one benchmark with the metrics of both; two runs
//! giving the same metric of one id (`-bm all` has three time modes) are an
//! error naming both runs.
//!
//! The primary metric's `scoreUnit` decides its name and unit: `<t>/op`
//! (avgt, sample, ss) → `time` in ns; `ops/<t>` (thrpt) → `throughput` in
//! ops/s, higher is better; any other unit → `score`, kept as
//! `Unit::Other`. Samples are `rawData` flattened over forks (one value per
//! measurement iteration), and the summary is computed from them. Without
//! `rawData` (`sample` mode writes `rawDataHistogram` instead, and
//! `-Djmh.json.rawData=false` writes `[]`) the statistics JMH gives are mapped:
//! `score` → mean, `scorePercentiles` 0/50/100 → min/median/max, the others
//! → `p<q>`.
//!
//! Secondary metrics (profilers, `@AuxCounters`) become metrics named by
//! their key without the `·` prefix older JMH versions add
//! (`gc.alloc.rate.norm`), with units normalised the same way plus `B/op` →
//! bytes, `MB/sec` → bytes/s (JMH's GC profiler divides by 1024², so ×1 048 576),
//! `counts` → count, a bare time unit (`ms`, `gc.time`) → ns. A secondary
//! metric whose score is NaN is skipped: JMH writes NaN there when the profiler
//! could not measure (e.g. `gc.alloc.rate` without allocation support).
//!
//! Not read: `scoreError`/`scoreConfidence` (a CI that `compare` recomputes
//! from the samples), `rawDataHistogram`, JVM and run configuration fields.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::model::{Benchmark, Direction, Metric, Results, Source, Summary, TimeUnit, Unit};

use super::{ParseError, json, nanos, summarize};

/// One run, as `JSONResultFormat.writeOut` prints it (openjdk/jmh
/// `jmh-core/src/main/java/org/openjdk/jmh/results/format/JSONResultFormat.java`
/// @ 09f4ecfa).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireRun {
    jmh_version: Option<String>,
    benchmark: String,
    mode: String,
    #[serde(default)]
    params: BTreeMap<String, String>,
    primary_metric: WireMetric,
    #[serde(default)]
    secondary_metrics: BTreeMap<String, WireMetric>,
}

/// A primary or secondary result of one run.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireMetric {
    score: JmhNumber,
    score_unit: String,
    #[serde(default)]
    score_percentiles: BTreeMap<String, JmhNumber>,
    #[serde(default)]
    raw_data: Vec<Vec<JmhNumber>>,
}

/// A double as JMH's `emit(double)` writes it: a JSON number, or the strings
/// `"NaN"`, `"+INF"`, `"-INF"`.
#[derive(Clone, Copy)]
struct JmhNumber(f64);

impl<'de> Deserialize<'de> for JmhNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = JmhNumber;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or \"NaN\", \"+INF\", \"-INF\"")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<JmhNumber, E> {
                Ok(JmhNumber(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<JmhNumber, E> {
                Ok(JmhNumber(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<JmhNumber, E> {
                Ok(JmhNumber(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<JmhNumber, E> {
                match v {
                    "NaN" | "-NaN" => Ok(JmhNumber(f64::NAN)),
                    "+INF" | "Infinity" => Ok(JmhNumber(f64::INFINITY)),
                    "-INF" | "-Infinity" => Ok(JmhNumber(f64::NEG_INFINITY)),
                    other => Err(E::invalid_value(de::Unexpected::Str(other), &self)),
                }
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Parses JMH JSON results.
///
/// # Errors
///
/// On malformed JSON or a missing field (with its path), a NaN, infinite or
/// negative primary score or sample, or a metric given twice for one id.
pub fn parse(input: &str) -> Result<Results, ParseError> {
    let runs: Vec<WireRun> = json::parse_lenient(input)?;
    convert(&runs)
}

fn convert(runs: &[WireRun]) -> Result<Results, ParseError> {
    let mut results = Results::new("");
    let version = runs.iter().find_map(|r| r.jmh_version.clone());
    results.sources = vec![Source::tool("jmh").with_version(version)];
    // (benchmark slot, metric name, run index) of every metric added so far.
    let mut origin: Vec<(usize, String, usize)> = Vec::new();
    for (r, run) in runs.iter().enumerate() {
        let id = run_id(run);
        let mut metrics = vec![primary(run, &format!("[{r}].primaryMetric"))?];
        for (key, wire) in &run.secondary_metrics {
            if wire.score.0.is_nan() {
                continue;
            }
            let name = key.trim_start_matches('\u{b7}');
            let path = format!("[{r}].secondaryMetrics.{key}");
            let metric = build(name, &wire.score_unit, wire, &path)?;
            metrics.push(if name.starts_with("gc.") {
                metric.with_direction(Direction::LowerIsBetter)
            } else {
                metric
            });
        }
        let slot = match results.benchmarks.iter().position(|b| b.id == id) {
            Some(slot) => slot,
            None => {
                let mut bench = Benchmark::new(id, Vec::new());
                bench.params = run.params.clone();
                results.benchmarks.push(bench);
                results.benchmarks.len() - 1
            }
        };
        let Some(bench) = results.benchmarks.get_mut(slot) else {
            continue;
        };
        for metric in metrics {
            if let Some((_, _, first)) = origin
                .iter()
                .find(|(s, n, _)| *s == slot && *n == metric.name)
            {
                let mode = runs.get(*first).map_or("?", |f| f.mode.as_str());
                return Err(ParseError::at(
                    format!("[{r}]"),
                    format!(
                        "benchmark {} already has metric `{}` from run [{first}] (mode {mode}); \
                         write each time mode (avgt, sample, ss) to its own file",
                        bench.id, metric.name
                    ),
                ));
            }
            origin.push((slot, metric.name.clone(), r));
            bench.metrics.push(metric);
        }
    }
    Ok(results)
}

/// `benchmark` or `benchmark(k=v, k2=v2)`, parameters sorted by name.
fn run_id(run: &WireRun) -> String {
    if run.params.is_empty() {
        return run.benchmark.clone();
    }
    let params: Vec<String> = run.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{}({})", run.benchmark, params.join(", "))
}

/// The primary metric: `time`, `throughput` or `score` by its unit.
fn primary(run: &WireRun, path: &str) -> Result<Metric, ParseError> {
    let wire = &run.primary_metric;
    let name = match unit_of(&wire.score_unit).0 {
        Unit::Nanoseconds => "time",
        Unit::OpsPerSecond => "throughput",
        _ => "score",
    };
    let metric = build(name, &wire.score_unit, wire, path)?;
    if name != "score" {
        return Ok(metric);
    }
    let direction = if run.mode == "thrpt" {
        Direction::HigherIsBetter
    } else {
        Direction::LowerIsBetter
    };
    Ok(metric.with_direction(direction))
}

/// How a JMH unit maps to the model.
#[derive(Clone, Copy)]
enum Scale {
    /// A time per operation (or a bare time): through [`nanos`].
    Time(TimeUnit),
    /// A non-negative quantity: multiply by this factor.
    Factor(f64),
    /// A unit benchgate does not know: kept as it is (any finite value).
    Keep,
}

/// The model unit of a JMH `scoreUnit`, and how values convert to it.
fn unit_of(score_unit: &str) -> (Unit, Scale) {
    let time = |t: &str| TimeUnit::parse(t).filter(|_| t != "m");
    if let Some(t) = score_unit.strip_suffix("/op").and_then(time) {
        return (Unit::Nanoseconds, Scale::Time(t));
    }
    if let Some(t) = score_unit.strip_prefix("ops/").and_then(time) {
        return (Unit::OpsPerSecond, Scale::Factor(1e9 / t.nanos_per_unit()));
    }
    if let Some(t) = time(score_unit) {
        return (Unit::Nanoseconds, Scale::Time(t));
    }
    match score_unit {
        "B/op" => (Unit::Bytes, Scale::Factor(1.0)),
        "MB/sec" => (Unit::BytesPerSecond, Scale::Factor(1024.0 * 1024.0)),
        "counts" => (Unit::Count, Scale::Factor(1.0)),
        other => (Unit::Other(other.to_owned()), Scale::Keep),
    }
}

/// Converts one value, rejecting NaN, infinities and negative quantities.
fn value(v: f64, scale: Scale, path: String) -> Result<f64, ParseError> {
    match scale {
        Scale::Time(t) => nanos(v, t, path),
        Scale::Keep if v.is_finite() => Ok(v),
        Scale::Factor(f) if v.is_finite() && v >= 0.0 => Ok(v * f),
        Scale::Keep => Err(ParseError::at(
            path,
            format!("expected a finite number, found {v}"),
        )),
        Scale::Factor(_) => Err(ParseError::at(
            path,
            format!("expected a non-negative number, found {v}"),
        )),
    }
}

/// A metric from `rawData` when there is any, else from the statistics.
fn build(
    name: &str,
    score_unit: &str,
    wire: &WireMetric,
    path: &str,
) -> Result<Metric, ParseError> {
    let (unit, scale) = unit_of(score_unit);
    let mut samples = Vec::new();
    for (fork, values) in wire.raw_data.iter().enumerate() {
        for (i, v) in values.iter().enumerate() {
            samples.push(value(v.0, scale, format!("{path}.rawData[{fork}][{i}]"))?);
        }
    }
    if !samples.is_empty() {
        let summary = summarize(&samples)
            .map_err(|e| ParseError::at(format!("{path}.rawData"), e.to_string()))?;
        return Ok(Metric::new(name, unit, summary).with_samples(samples));
    }
    let mut summary = Summary {
        mean: Some(value(wire.score.0, scale, format!("{path}.score"))?),
        ..Summary::default()
    };
    for (key, v) in &wire.score_percentiles {
        let Ok(q) = key.parse::<f64>() else { continue };
        let v = value(v.0, scale, format!("{path}.scorePercentiles.{key}"))?;
        if q <= 0.0 {
            summary.min = Some(v);
        } else if q >= 100.0 {
            summary.max = Some(v);
        } else {
            summary.set(&Summary::percentile_key(q), v);
        }
    }
    Ok(Metric::new(name, unit, summary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::testing::metric;

    #[test]
    fn avgt_and_thrpt_runs_with_params_and_secondary_metrics() {
        let r = parse(include_str!(
            "../../tests/fixtures/jmh/avgt_thrpt_params.json"
        ))
        .unwrap();
        assert_eq!(r.sources[0].version.as_deref(), Some("1.37"));
        let ids: Vec<&str> = r.benchmarks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "org.example.MapBench.get(kind=hash, size=100)",
                "org.example.MapBench.put"
            ]
        );
        let get = r.benchmark(ids[0]).unwrap();
        assert_eq!(get.params.get("size").map(String::as_str), Some("100"));
        let time = metric(&r, ids[0], "time");
        assert_eq!(time.samples.as_deref(), Some(&[12.0, 14.0, 13.0, 15.0][..]));
        assert_eq!(time.summary.median, Some(13.5));
        let tp = metric(&r, ids[0], "throughput");
        assert_eq!(
            (tp.direction, tp.summary.min),
            (Direction::HigherIsBetter, Some(70_000_000.0))
        );
        let norm = metric(&r, ids[0], "gc.alloc.rate.norm");
        assert_eq!(
            (norm.unit.clone(), norm.summary.mean),
            (Unit::Bytes, Some(24.0))
        );
        let rate = metric(&r, ids[0], "gc.alloc.rate");
        assert_eq!(
            (rate.unit.clone(), rate.summary.max),
            (Unit::BytesPerSecond, Some(2.0 * 1048576.0))
        );
        assert_eq!(metric(&r, ids[0], "gc.time").summary.mean, Some(3e6));
        assert!(get.metric("gc.churn").is_none(), "NaN secondary skipped");
        let put = metric(&r, ids[1], "time");
        assert_eq!(
            (put.samples.as_deref(), put.summary.n),
            (Some(&[2500.0][..]), Some(1))
        );
    }

    #[test]
    fn sample_mode_without_raw_data_maps_the_statistics() {
        let r = parse(include_str!(
            "../../tests/fixtures/jmh/sample_mode_histogram.json"
        ))
        .unwrap();
        let time = metric(&r, "org.example.Lat.call", "time");
        assert_eq!(time.samples, None);
        assert_eq!((time.summary.n, time.summary.mean), (None, Some(1500.0)));
        assert_eq!(
            (time.summary.min, time.summary.max),
            (Some(1000.0), Some(9000.0))
        );
        assert_eq!(
            (time.summary.median, time.summary.get("p99.9")),
            (Some(1400.0), Some(8000.0))
        );
        assert!(parse("[]").unwrap().benchmarks.is_empty());
    }

    #[test]
    fn bad_inputs_name_the_place() {
        let err = parse(include_str!("../../tests/fixtures/jmh/bad/nan_score.json")).unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some("[0].primaryMetric.score"));
        assert!(err.message.contains("NaN"), "{}", err.message);
        let err = parse(include_str!(
            "../../tests/fixtures/jmh/bad/negative_raw_data.json"
        ))
        .unwrap_err();
        assert_eq!(
            err.place.field.as_deref(),
            Some("[0].primaryMetric.rawData[1][0]")
        );
        assert!(err.message.contains("non-negative"), "{}", err.message);
        let err = parse(include_str!(
            "../../tests/fixtures/jmh/bad/score_is_text.json"
        ))
        .unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some("[0].primaryMetric.score"));
        let err = parse(include_str!("../../tests/fixtures/jmh/bad/truncated.json")).unwrap_err();
        assert!(err.message.contains("truncated"), "{}", err.message);
        let err = parse(include_str!(
            "../../tests/fixtures/jmh/bad/two_time_modes.json"
        ))
        .unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some("[1]"));
        assert!(
            err.message.contains("run [0] (mode avgt)"),
            "{}",
            err.message
        );
    }
}
