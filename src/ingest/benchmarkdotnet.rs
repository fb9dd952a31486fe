//! BenchmarkDotNet's JSON export (`JsonExporter.Full`/`Brief`/`Default`:
//! `*-report-full.json`, `*-report-brief.json`, `*-report.json`), including
//! the old 0.9.x shape (no `FullName`, no `OriginalValues`).
//!
//! Id: `FullName` (`Namespace.Type.Method(A: 1, B: x)`, BenchmarkDotNet's own
//! stable name); without it, `Namespace.Type.Method`, plus
//! `(A: 1, B: x)` built from `Parameters` (`A=1&B=x`) when there are any.
//! `Parameters` also fill `Benchmark::params`. The same benchmark run by
//! several jobs (`[SimpleJob(RuntimeMoniker.Net80)]` next to `Net90`) has
//! the same `FullName` in every job; those ids get the job's display name
//! from `DisplayInfo` appended as ` [Job]` — name jobs with `.WithId(..)` to
//! keep such ids stable across runs.
//!
//! Metrics: `time` (ns per operation) with samples `Statistics.OriginalValues`
//! (the `Workload/Result` iterations, already without removed outliers) and
//! the summary computed from them, which agrees with the file's `Mean` and
//! `Median`. Without `OriginalValues` (0.9.x) the file's `N`, `Mean`,
//! `Median`, `Min`, `Max`, `StandardDeviation` and `Percentiles` are mapped.
//! `alloc_bytes` (bytes) from `Memory.BytesAllocatedPerOperation` when the
//! memory diagnoser ran.
//!
//! Skipped on purpose: benchmarks with `"Statistics": null` — BenchmarkDotNet
//! writes that for a benchmark that failed (build error, exception), and its
//! own summary table shows it as `NA`. Skipping keeps the other results
//! usable; the gate then reports the benchmark as `missing` against a
//! baseline that has it. Also not read: GC collection counts, `Measurements`
//! (the per-stage raw rows; `OriginalValues` already are the result),
//! `Metrics`, host details.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::{Benchmark, Metric, Results, Source, Summary, TimeUnit, Unit};

use super::{ParseError, json, nanos, summarize};

/// The document written by `JsonExporterBase.ExportToLog` (dotnet/BenchmarkDotNet
/// `src/BenchmarkDotNet/Exporters/Json/JsonExporterBase.cs` @ 0f5b12e3).
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WireReport {
    host_environment_info: Option<WireHost>,
    benchmarks: Vec<WireBenchmark>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WireHost {
    benchmark_dot_net_version: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WireBenchmark {
    display_info: Option<String>,
    namespace: Option<String>,
    r#type: Option<String>,
    method: Option<String>,
    parameters: Option<String>,
    full_name: Option<String>,
    statistics: Option<WireStatistics>,
    memory: Option<WireMemory>,
}

/// `Reports.Statistics`; all values in nanoseconds per operation.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WireStatistics {
    original_values: Option<Vec<json::Number>>,
    n: Option<f64>,
    min: Option<json::Number>,
    median: Option<json::Number>,
    mean: Option<json::Number>,
    max: Option<json::Number>,
    standard_deviation: Option<json::Number>,
    #[serde(default)]
    percentiles: BTreeMap<String, json::Number>,
}

/// `GcStats`, present when the memory diagnoser ran.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WireMemory {
    bytes_allocated_per_operation: Option<json::Number>,
}

/// Parses a BenchmarkDotNet JSON report.
///
/// # Errors
///
/// On malformed JSON or a missing field (with its path), a NaN, infinite or
/// negative time, a benchmark without a name, or two benchmarks with the
/// same name and job.
pub fn parse(input: &str) -> Result<Results, ParseError> {
    let report: WireReport = json::parse_lenient(input)?;
    let mut results = Results::new("");
    let version = report
        .host_environment_info
        .and_then(|h| h.benchmark_dot_net_version);
    results.sources = vec![Source::tool("BenchmarkDotNet").with_version(version)];
    let names: Vec<Option<String>> = report.benchmarks.iter().map(name).collect();
    let mut seen: Vec<(String, usize)> = Vec::new();
    let mut failed: Vec<String> = Vec::new();
    for (i, bench) in report.benchmarks.iter().enumerate() {
        let path = format!("Benchmarks[{i}]");
        let Some(stats) = &bench.statistics else {
            failed.push(names.get(i).cloned().flatten().unwrap_or(path));
            continue;
        };
        let Some(Some(base)) = names.get(i) else {
            return Err(ParseError::at(
                path,
                "expected `FullName` or `Type` and `Method`, found neither",
            ));
        };
        let shared = names.iter().enumerate().any(|(j, other)| {
            j != i
                && other.as_ref() == Some(base)
                && report
                    .benchmarks
                    .get(j)
                    .is_some_and(|b| b.statistics.is_some())
        });
        let id = if shared {
            format!("{base} [{}]", job(bench))
        } else {
            base.clone()
        };
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == id) {
            return Err(ParseError::at(
                format!("{path}.FullName"),
                format!(
                    "benchmark {id} appears twice (also at Benchmarks[{first}]); give the jobs distinct ids"
                ),
            ));
        }
        seen.push((id.clone(), i));
        let mut metrics = vec![time(stats, &format!("{path}.Statistics"))?];
        if let Some(bytes) = bench
            .memory
            .as_ref()
            .and_then(|m| m.bytes_allocated_per_operation)
        {
            let field = format!("{path}.Memory.BytesAllocatedPerOperation");
            if !bytes.0.is_finite() || bytes.0 < 0.0 {
                return Err(ParseError::at(
                    field,
                    format!("expected a non-negative byte count, found {}", bytes.0),
                ));
            }
            let mut summary = Summary::default();
            summary.set("mean", bytes.0);
            metrics.push(Metric::new("alloc_bytes", Unit::Bytes, summary));
        }
        let mut out = Benchmark::new(id, metrics);
        out.params = params(bench.parameters.as_deref().unwrap_or_default());
        results.benchmarks.push(out);
    }
    if let Some(warning) = super::left_out(failed, "benchmarks with no statistics — failed runs")
        && let Some(source) = results.sources.first_mut()
    {
        source.warnings.push(warning);
    }
    Ok(results)
}

/// `FullName`, or the name rebuilt from its parts (0.9.x files).
fn name(bench: &WireBenchmark) -> Option<String> {
    if let Some(full) = bench.full_name.as_ref().filter(|n| !n.is_empty()) {
        return Some(full.clone());
    }
    let (ty, method) = (bench.r#type.as_ref()?, bench.method.as_ref()?);
    let mut name = match bench.namespace.as_deref().filter(|n| !n.is_empty()) {
        Some(ns) => format!("{ns}.{ty}.{method}"),
        None => format!("{ty}.{method}"),
    };
    let params = params(bench.parameters.as_deref().unwrap_or_default());
    if !params.is_empty() {
        let list: Vec<String> = params.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        name.push_str(&format!("({})", list.join(", ")));
    }
    Some(name)
}

/// The job part of `DisplayInfo` (`Type.Method: Job-X(Runtime=.NET 8.0) [A=1]`).
fn job(bench: &WireBenchmark) -> String {
    let info = bench.display_info.as_deref().unwrap_or_default();
    let after = info.split_once(": ").map_or(info, |(_, job)| job);
    let job = match after.rfind(" [") {
        Some(cut) if after.ends_with(']') => after.get(..cut).unwrap_or(after),
        _ => after,
    };
    if job.is_empty() {
        "?".to_owned()
    } else {
        job.to_owned()
    }
}

/// `A=1&B=x` → {A: 1, B: x}; a part without `=` is a name with an empty value.
fn params(text: &str) -> BTreeMap<String, String> {
    text.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('=') {
            Some((k, v)) => (k.to_owned(), v.to_owned()),
            None => (part.to_owned(), String::new()),
        })
        .collect()
}

/// The `time` metric: from `OriginalValues` when present, else mapped.
fn time(stats: &WireStatistics, path: &str) -> Result<Metric, ParseError> {
    let originals = stats.original_values.as_deref().unwrap_or_default();
    if !originals.is_empty() {
        let mut samples = Vec::with_capacity(originals.len());
        for (i, v) in originals.iter().enumerate() {
            samples.push(nanos(
                v.0,
                TimeUnit::Nanoseconds,
                format!("{path}.OriginalValues[{i}]"),
            )?);
        }
        let summary = summarize(&samples)
            .map_err(|e| ParseError::at(format!("{path}.OriginalValues"), e.to_string()))?;
        return Ok(Metric::new("time", Unit::Nanoseconds, summary).with_samples(samples));
    }
    let mut summary = Summary::default();
    let fields = [
        ("Mean", "mean", stats.mean),
        ("Median", "median", stats.median),
        ("Min", "min", stats.min),
        ("Max", "max", stats.max),
        ("StandardDeviation", "stddev", stats.standard_deviation),
    ];
    for (field, stat, value) in fields {
        if let Some(v) = value {
            summary.set(
                stat,
                nanos(v.0, TimeUnit::Nanoseconds, format!("{path}.{field}"))?,
            );
        }
    }
    for (key, v) in &stats.percentiles {
        let Some(q) = key.strip_prefix('P').and_then(|q| q.parse::<f64>().ok()) else {
            continue;
        };
        if q > 0.0 && q < 100.0 && q != 50.0 {
            let v = nanos(
                v.0,
                TimeUnit::Nanoseconds,
                format!("{path}.Percentiles.{key}"),
            )?;
            summary.set(&Summary::percentile_key(q), v);
        }
    }
    if summary.mean.is_none() && summary.median.is_none() {
        return Err(ParseError::at(
            path,
            "expected `OriginalValues` or `Mean`, found neither",
        ));
    }
    if let Some(n) = stats.n.filter(|n| n.is_finite() && *n >= 0.0) {
        summary.set("n", n);
    }
    Ok(Metric::new("time", Unit::Nanoseconds, summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_memory_params_and_failed_benchmarks() {
        let r = parse(include_str!(
            "../../tests/fixtures/benchmarkdotnet/memory_and_failed.json"
        ))
        .unwrap();
        assert_eq!(r.sources[0].tool, "BenchmarkDotNet");
        assert_eq!(r.sources[0].version.as_deref(), Some("0.14.0"));
        let ids: Vec<&str> = r.benchmarks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(
            ids,
            ["Shop.CartBench.Add(N: 10)", "Shop.CartBench.Add(N: 100)"],
            "the failed one is skipped"
        );
        assert_eq!(r.sources[0].warnings.len(), 1);
        assert!(
            r.sources[0].warnings[0].starts_with(
                "left out benchmarks with no statistics — failed runs (1 benchmark): "
            ),
            "{:?}",
            r.sources[0].warnings
        );
        let b = &r.benchmarks[0];
        assert_eq!(b.params.get("N").map(String::as_str), Some("10"));
        let time = b.metric("time").unwrap();
        assert_eq!(time.samples.as_deref(), Some(&[10.0, 12.0, 11.0][..]));
        assert_eq!(
            (time.summary.mean, time.summary.median),
            (Some(11.0), Some(11.0))
        );
        let bytes = b.metric("alloc_bytes").unwrap();
        assert_eq!(
            (bytes.unit.clone(), bytes.summary.mean),
            (Unit::Bytes, Some(56.0))
        );
        assert!(
            r.benchmarks[1].metric("alloc_bytes").is_none(),
            "null bytes per op"
        );
    }

    #[test]
    fn jobs_sharing_a_name_are_told_apart_and_legacy_files_map_statistics() {
        let r = parse(include_str!(
            "../../tests/fixtures/benchmarkdotnet/two_jobs.json"
        ))
        .unwrap();
        let ids: Vec<&str> = r.benchmarks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "Fib.Calc.Run [net8]",
                "Fib.Calc.Run [net9]",
                "Fib.Calc.Other"
            ]
        );
        let r = parse(include_str!(
            "../../tests/fixtures/benchmarkdotnet/legacy_statistics_only.json"
        ))
        .unwrap();
        let time = r
            .benchmark("Old.Bench.Sleep(Ms: 5)")
            .unwrap()
            .metric("time")
            .unwrap();
        assert_eq!(
            (time.summary.n, time.summary.mean, time.samples.as_ref()),
            (Some(20), Some(5_100_000.0), None)
        );
        assert_eq!(
            (time.summary.p90, time.summary.get("p25")),
            (Some(5_300_000.0), Some(5_050_000.0))
        );
        assert!(
            parse(r#"{"Benchmarks": []}"#)
                .unwrap()
                .benchmarks
                .is_empty()
        );
    }

    #[test]
    fn bad_inputs_name_the_place() {
        let err = parse(include_str!(
            "../../tests/fixtures/benchmarkdotnet/bad/negative_time.json"
        ))
        .unwrap_err();
        assert_eq!(
            err.place.field.as_deref(),
            Some("Benchmarks[0].Statistics.OriginalValues[1]")
        );
        assert!(err.message.contains("non-negative"), "{}", err.message);
        let err = parse(include_str!(
            "../../tests/fixtures/benchmarkdotnet/bad/nan_time.json"
        ))
        .unwrap_err();
        assert_eq!(
            err.place.field.as_deref(),
            Some("Benchmarks[0].Statistics.OriginalValues[0]")
        );
        let err = parse(include_str!(
            "../../tests/fixtures/benchmarkdotnet/bad/values_are_text.json"
        ))
        .unwrap_err();
        assert_eq!(
            err.place.field.as_deref(),
            Some("Benchmarks[0].Statistics.OriginalValues[0]")
        );
        let err = parse(include_str!(
            "../../tests/fixtures/benchmarkdotnet/bad/truncated.json"
        ))
        .unwrap_err();
        assert!(err.message.contains("truncated"), "{}", err.message);
        let err = parse(include_str!(
            "../../tests/fixtures/benchmarkdotnet/bad/no_name.json"
        ))
        .unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some("Benchmarks[1]"));
        let err = parse(include_str!(
            "../../tests/fixtures/benchmarkdotnet/bad/same_job_twice.json"
        ))
        .unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some("Benchmarks[1].FullName"));
    }
}
