//! hyperfine `--export-json`: one benchmark per entry of `results[]`.
//!
//! Read: `command` (the id; hyperfine writes the `-n` name there when one is
//! given), `times` (every run's wall time, seconds → the `time` metric's raw
//! samples), or, in files without `times`, the `mean`/`stddev`/`median`/
//! `min`/`max` statistics; `user` and `system` (hyperfine's means of the
//! per-run CPU times → summary mean only); `memory_usage_byte` (peak RSS per
//! run, hyperfine ≥ 1.20 → the `memory` metric in bytes); `exit_codes`
//! (hyperfine ≥ 1.12) and `parameters` (`-P`/`-L` scans → the benchmark's
//! params).
//!
//! When a run exited non-zero or was killed by a signal (`null` exit code,
//! only exported with `--ignore-failure`), the benchmark gets a `failed_runs`
//! metric (count, lower is better): mean = number of failed runs, n = runs.
//!
//! Two entries with the same `command` (a parameter scan whose parameter does
//! not appear in the command text) get ` [name=value, …]` appended to their
//! ids; if that still does not tell them apart, the file is rejected.
//! A time of `0.0` is valid: hyperfine subtracts the shell's spawn time and
//! clamps at zero. Deliberately not read: `mean`/`median`/… when `times` is
//! present (they are recomputed from the samples).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::{Benchmark, Direction, Metric, Results, Source, Summary, TimeUnit, Unit};

use super::json::{self, Number};
use super::{ParseError, nanos, summarize};

/// `--export-json` output. Mirrors hyperfine `src/export/json.rs` and
/// `src/benchmark/benchmark_result.rs` @ 327d5f4d (v1.20.0).
#[derive(Debug, Deserialize)]
struct Export {
    results: Vec<WireResult>,
}

/// hyperfine's `BenchmarkResult`; every time in seconds.
#[derive(Debug, Deserialize)]
struct WireResult {
    command: String,
    mean: Option<Number>,
    /// `null` when only one run was made.
    stddev: Option<Number>,
    median: Option<Number>,
    user: Option<Number>,
    system: Option<Number>,
    min: Option<Number>,
    max: Option<Number>,
    /// Every run's wall time (since v1.0).
    times: Option<Vec<Number>>,
    /// Peak RSS of every run (since v1.20).
    memory_usage_byte: Option<Vec<u64>>,
    /// `null` for a run killed by a signal (since v1.12; `Option<i32>` upstream).
    #[serde(default)]
    exit_codes: Vec<Option<i64>>,
    #[serde(default)]
    parameters: BTreeMap<String, String>,
}

/// Parses hyperfine `--export-json` output.
///
/// # Errors
///
/// On malformed JSON, a missing or mistyped field, a negative or non-finite
/// time (named by its JSON path, e.g. `results[1].times[4]`), or two entries
/// that cannot be given distinct ids.
pub fn parse(input: &str) -> Result<Results, ParseError> {
    let export: Export = json::parse_lenient(input)?;
    convert(export)
}

fn convert(export: Export) -> Result<Results, ParseError> {
    let ids = ids(&export.results)?;
    let benchmarks = export
        .results
        .into_iter()
        .zip(ids)
        .enumerate()
        .map(|(i, (result, id))| benchmark(&format!("results[{i}]"), result, id))
        .collect::<Result<Vec<_>, _>>()?;
    let mut results = Results::new("");
    results.sources = vec![Source::tool("hyperfine")];
    results.benchmarks = benchmarks;
    Ok(results)
}

/// The id of every entry: its command, plus its parameters where another
/// entry has the same command.
fn ids(results: &[WireResult]) -> Result<Vec<String>, ParseError> {
    let mut per_command: BTreeMap<&str, usize> = BTreeMap::new();
    for result in results {
        *per_command.entry(result.command.as_str()).or_default() += 1;
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut ids = Vec::with_capacity(results.len());
    for (i, result) in results.iter().enumerate() {
        let shared = per_command
            .get(result.command.as_str())
            .is_some_and(|n| *n > 1);
        let id = if shared && !result.parameters.is_empty() {
            let params: Vec<String> = result
                .parameters
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            format!("{} [{}]", result.command, params.join(", "))
        } else {
            result.command.clone()
        };
        if let Some(first) = seen.get(&id) {
            return Err(ParseError::at(
                format!("results[{i}].command"),
                format!(
                    "expected a distinct command or parameters, found {id:?} again (first at results[{first}]); \
                     give each command its own name with -n/--command-name"
                ),
            ));
        }
        seen.insert(id.clone(), i);
        ids.push(id);
    }
    Ok(ids)
}

fn benchmark(at: &str, result: WireResult, id: String) -> Result<Benchmark, ParseError> {
    let mut metrics = vec![time(at, &result)?];
    for (name, value) in [("user", result.user), ("system", result.system)] {
        if let Some(value) = value {
            let summary = Summary {
                mean: Some(nanos(value.0, TimeUnit::Seconds, format!("{at}.{name}"))?),
                ..Summary::default()
            };
            metrics.push(Metric::new(name, Unit::Nanoseconds, summary));
        }
    }
    if let Some(memory) = &result.memory_usage_byte {
        let samples: Vec<f64> = memory.iter().map(|b| *b as f64).collect();
        let summary = summarize(&samples)
            .map_err(|e| ParseError::at(format!("{at}.memory_usage_byte"), e.to_string()))?;
        metrics.push(Metric::new("memory", Unit::Bytes, summary).with_samples(samples));
    }
    let failed = result
        .exit_codes
        .iter()
        .filter(|code| **code != Some(0))
        .count();
    if failed > 0 {
        let summary = Summary {
            n: Some(result.exit_codes.len() as u64),
            mean: Some(failed as f64),
            ..Summary::default()
        };
        metrics.push(
            Metric::new("failed_runs", Unit::Count, summary)
                .with_direction(Direction::LowerIsBetter),
        );
    }
    let mut bench = Benchmark::new(id, metrics);
    bench.params = result.parameters;
    Ok(bench)
}

/// The `time` metric: from the raw `times` when present, else from the
/// statistics hyperfine computed.
fn time(at: &str, result: &WireResult) -> Result<Metric, ParseError> {
    if let Some(times) = &result.times {
        let samples = times
            .iter()
            .enumerate()
            .map(|(j, t)| nanos(t.0, TimeUnit::Seconds, format!("{at}.times[{j}]")))
            .collect::<Result<Vec<f64>, _>>()?;
        let summary = summarize(&samples)
            .map_err(|e| ParseError::at(format!("{at}.times"), e.to_string()))?;
        return Ok(Metric::new("time", Unit::Nanoseconds, summary).with_samples(samples));
    }
    if result.mean.is_none() {
        return Err(ParseError::at(
            format!("{at}.mean"),
            "expected `times` (every run's time) or at least `mean`, found neither",
        ));
    }
    let mut summary = Summary::default();
    let stats = [
        ("mean", result.mean),
        ("stddev", result.stddev),
        ("median", result.median),
        ("min", result.min),
        ("max", result.max),
    ];
    for (name, value) in stats {
        if let Some(value) = value {
            summary.set(
                name,
                nanos(value.0, TimeUnit::Seconds, format!("{at}.{name}"))?,
            );
        }
    }
    Ok(Metric::new("time", Unit::Nanoseconds, summary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::testing::close;
    use crate::model::MetricKind;

    #[test]
    fn times_become_nanosecond_samples_and_cpu_means_are_kept() {
        let results = parse(
            r#"{"results": [{"command": "sleep 0.1", "mean": 0.2, "stddev": 0.1, "median": 0.2,
                "user": 0.001, "system": 0.002, "min": 0.1, "max": 0.3,
                "times": [0.1, 0.2, 0.3], "exit_codes": [0, 0, 0]}]}"#,
        )
        .unwrap();
        assert_eq!(results.sources[0].tool, "hyperfine");
        let bench = &results.benchmarks[0];
        assert_eq!(bench.id, "sleep 0.1");
        let time = bench.metric("time").unwrap();
        assert_eq!(time.unit, Unit::Nanoseconds);
        assert_eq!(time.kind, MetricKind::Sample);
        assert_eq!(time.samples.as_deref(), Some(&[1e8, 2e8, 3e8][..]));
        assert_eq!(time.summary.n, Some(3));
        close(time.summary.median, 2e8);
        close(time.summary.stddev, 1e8);
        close(bench.metric("user").unwrap().summary.mean, 1e6);
        close(bench.metric("system").unwrap().summary.mean, 2e6);
        assert_eq!(bench.metric("user").unwrap().summary.n, None);
        assert!(bench.metric("failed_runs").is_none());
        assert!(bench.metric("memory").is_none());
    }

    #[test]
    fn single_run_without_times_maps_the_statistics_only() {
        let results = parse(
            r#"{"results": [{"command": "true", "mean": 0.5, "stddev": null, "median": 0.5,
                "user": 0.0, "system": 0.0, "min": 0.5, "max": 0.5}]}"#,
        )
        .unwrap();
        let time = results.benchmarks[0].metric("time").unwrap();
        assert_eq!(time.samples, None);
        assert_eq!(time.summary.n, None);
        assert_eq!(time.summary.stddev, None);
        close(time.summary.mean, 5e8);
        close(time.summary.max, 5e8);
    }

    #[test]
    fn failed_runs_memory_and_zero_times() {
        let results = parse(include_str!(
            "../../tests/fixtures/hyperfine/ignore_failure.json"
        ))
        .unwrap();
        let bench = &results.benchmarks[0];
        let failed = bench.metric("failed_runs").unwrap();
        assert_eq!(
            (failed.summary.mean, failed.summary.n),
            (Some(2.0), Some(4))
        );
        assert_eq!(failed.unit, Unit::Count);
        assert_eq!(failed.direction, Direction::LowerIsBetter);
        assert_eq!(bench.metric("time").unwrap().summary.min, Some(0.0));

        let results = parse(include_str!("../../tests/fixtures/hyperfine/memory.json")).unwrap();
        let memory = results.benchmarks[0].metric("memory").unwrap();
        assert_eq!(memory.unit, Unit::Bytes);
        assert_eq!(
            memory.samples.as_deref(),
            Some(&[3_145_728.0, 3_276_800.0, 3_211_264.0][..])
        );
        assert_eq!(memory.summary.median, Some(3_211_264.0));
    }

    #[test]
    fn parameters_become_params_and_disambiguate_equal_commands() {
        let results = parse(include_str!(
            "../../tests/fixtures/hyperfine/same_command_scan.json"
        ))
        .unwrap();
        let ids: Vec<&str> = results.benchmarks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "make [jobs=1, target=all]",
                "make [jobs=2, target=all]",
                "make clean"
            ]
        );
        assert_eq!(results.benchmarks[1].params["jobs"], "2");

        let results = parse(include_str!(
            "../../tests/fixtures/hyperfine/two_params.json"
        ))
        .unwrap();
        let ids: Vec<&str> = results.benchmarks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["sleep 0.01", "sleep 0.02"]);
        assert_eq!(results.benchmarks[0].params["delay"], "0.01");
    }

    #[test]
    fn empty_results_are_zero_benchmarks() {
        assert!(parse(r#"{"results": []}"#).unwrap().benchmarks.is_empty());
    }

    #[test]
    fn errors_name_the_json_path() {
        let cases = [
            ("negative_time.json", "results[0].times[1]", "non-negative"),
            ("nan_time.json", "results[0].times[2]", "NaN"),
            ("null_time.json", "results[0].times[0]", "a number"),
            (
                "wrong_types.json",
                "results[0].command",
                "expected a string",
            ),
            (
                "duplicate_command.json",
                "results[1].command",
                "-n/--command-name",
            ),
            ("no_times_no_mean.json", "results[0].mean", "found neither"),
        ];
        for (file, field, message) in cases {
            let text = std::fs::read_to_string(format!(
                "{}/tests/fixtures/hyperfine/bad/{file}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            let err = parse(&text).unwrap_err();
            assert_eq!(err.place.field.as_deref(), Some(field), "{file}: {err}");
            assert!(err.message.contains(message), "{file}: {err}");
        }
        let err = parse(include_str!(
            "../../tests/fixtures/hyperfine/bad/truncated.json"
        ))
        .unwrap_err();
        assert!(err.message.contains("truncated"), "{err}");
        assert!(err.place.line.is_some(), "{err}");
    }
}
