//! Google Benchmark `--benchmark_format=json` (or `--benchmark_out_format=json`).
//!
//! Rows of `benchmarks[]` are grouped by `run_name` (`name` in old files,
//! which have no `run_name`); each group is one benchmark whose id is that run name
//! (`BM_Foo/8/threads:2`).
//!
//! - Iteration rows (`run_type` `iteration` or absent) are repetitions:
//!   `real_time` → samples of `time`, `cpu_time` → samples of `cpu_time`
//!   (per-iteration, `time_unit` ns/us/ms/s → ns); the summary is computed
//!   from them.
//! - Aggregate rows are used only for a run name that has no iteration rows
//!   (`--benchmark_report_aggregates_only`): the `mean`, `median` and
//!   `stddev` rows fill the summary, with n = `repetitions`. Otherwise they
//!   are skipped, so nothing is counted twice. `cv` rows (a fraction,
//!   derivable as stddev/mean), `BigO`/`RMS` rows, custom statistics and
//!   aggregate rows without `aggregate_name` are always skipped.
//! - User counters (extra numeric keys): `bytes_per_second` → `throughput`
//!   (bytes/s), `items_per_second` → `items_per_second` (ops/s), any other →
//!   a metric of that name (count). Memory-manager fields: `allocs_per_iter`
//!   → `allocs` (count), `max_bytes_used`, `total_allocated_bytes`,
//!   `net_heap_growth` → metrics of those names (bytes).
//! - Rows with `error_occurred: true` (`SkipWithError`) and `skipped: true`
//!   (`SkipWithMessage`) are skipped: they carry no measurement, and before
//!   1.8 `SkipWithError` was also the only way to skip a benchmark on
//!   purpose. A run name with nothing left gives no benchmark, so a baseline
//!   reports it as missing.
//! - Files from before `run_type` existed write aggregates as plain rows
//!   named `<name>_mean` etc.; such a row is taken as an aggregate of
//!   `<name>` when a row named `<name>` exists.
//!
//! Bare `NaN`/`Infinity` tokens are accepted where they are harmless (in
//! skipped rows); in a row that is read they are an error.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::{Benchmark, Metric, Results, Source, Summary, TimeUnit, Unit};

use super::json::{self, Number};
use super::{ParseError, nanos, summarize};

mod row;

use row::Row;

/// Mirrors google/benchmark `src/json_reporter.cc` @ 267a1115
/// (`JSONReporter::ReportContext`, `PrintRunData`).
#[derive(Debug, Deserialize)]
struct Export {
    context: Option<Context>,
    benchmarks: Vec<Row>,
}

#[derive(Debug, Deserialize)]
struct Context {
    /// Written since 1.8.
    library_version: Option<String>,
}

/// What a row contributes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Iteration,
    /// An aggregate of one of [`STATISTICS`], or one that is not read
    /// (`None`).
    Aggregate(Option<&'static str>),
    Skipped,
}

/// The aggregates read when a run has only aggregates.
const STATISTICS: [&str; 3] = ["mean", "median", "stddev"];

/// The statistic suffixes files without `run_type` append to aggregate
/// row names.
const LEGACY_SUFFIXES: [&str; 6] = ["mean", "median", "stddev", "cv", "BigO", "RMS"];

/// Parses Google Benchmark JSON output.
///
/// # Errors
///
/// On malformed JSON, a row without `name`, a read row without
/// `real_time`/`cpu_time`/`time_unit`, an unknown `time_unit`, or a
/// negative or non-finite time or counter (named by its JSON path).
pub fn parse(input: &str) -> Result<Results, ParseError> {
    let export: Export = json::parse_lenient(input)?;
    let version = export.context.and_then(|c| c.library_version);
    let mut results = Results::new("");
    results.sources = vec![Source::tool("google-benchmark").with_version(version)];
    results.benchmarks = convert(&export.benchmarks)?;
    if let Some(warning) = skipped_rows(&export.benchmarks, &results.benchmarks)
        && let Some(source) = results.sources.first_mut()
    {
        source.warnings.push(warning);
    }
    Ok(results)
}

/// The runs Google Benchmark reported as failed (`SkipWithError`) or
/// skipped, which carry no measurement: one warning naming them (and
/// saying so when other runs of the same benchmark were read).
fn skipped_rows(rows: &[Row], kept: &[Benchmark]) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    for row in rows.iter().filter(|r| r.error_occurred || r.skipped) {
        let what = if row.error_occurred {
            "error"
        } else {
            "skipped"
        };
        let id = key(row);
        let message = row.message.as_deref().filter(|m| !m.is_empty());
        let detail = message.map_or_else(|| what.to_owned(), |m| format!("{what}: {m}"));
        let partly = if kept.iter().any(|b| b.id == id) {
            "; its other runs were read"
        } else {
            ""
        };
        let shown = format!("{id} ({detail}{partly})");
        if !names.contains(&shown) {
            names.push(shown);
        }
    }
    super::left_out(names, "runs Google Benchmark reported as failed or skipped")
}

/// The group key and kind of every row.
fn classify(rows: &[Row]) -> Vec<(String, Kind)> {
    rows.iter()
        .map(|row| {
            let stat = |name: &str| STATISTICS.iter().copied().find(|s| *s == name);
            if row.error_occurred || row.skipped {
                return (key(row), Kind::Skipped);
            }
            match row.run_type.as_deref() {
                Some("aggregate") => (
                    key(row),
                    Kind::Aggregate(row.aggregate_name.as_deref().and_then(stat)),
                ),
                Some(_) => (key(row), Kind::Iteration),
                None => {
                    let legacy = LEGACY_SUFFIXES.iter().find_map(|suffix| {
                        let base = row.name.strip_suffix(suffix)?.strip_suffix('_')?;
                        rows.iter()
                            .any(|other| other.run_type.is_none() && other.name == base)
                            .then(|| (base.to_owned(), Kind::Aggregate(stat(suffix))))
                    });
                    legacy.unwrap_or_else(|| (key(row), Kind::Iteration))
                }
            }
        })
        .collect()
}

/// The run a row belongs to: `run_name`, else `name` without the
/// `_<aggregate_name>` suffix aggregates add to it.
fn key(row: &Row) -> String {
    if let Some(run_name) = &row.run_name {
        return run_name.clone();
    }
    row.aggregate_name
        .as_deref()
        .and_then(|agg| row.name.strip_suffix(agg)?.strip_suffix('_'))
        .unwrap_or(&row.name)
        .to_owned()
}

/// The rows of one run, by index into `benchmarks[]`.
struct Group {
    id: String,
    iterations: Vec<usize>,
    aggregates: Vec<(usize, &'static str)>,
}

fn convert(rows: &[Row]) -> Result<Vec<Benchmark>, ParseError> {
    let mut groups: Vec<Group> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for (i, (id, kind)) in classify(rows).into_iter().enumerate() {
        let at = *index.entry(id.clone()).or_insert(groups.len());
        if at == groups.len() {
            let (iterations, aggregates) = (Vec::new(), Vec::new());
            groups.push(Group {
                id,
                iterations,
                aggregates,
            });
        }
        let Some(group) = groups.get_mut(at) else {
            continue;
        };
        match kind {
            Kind::Iteration => group.iterations.push(i),
            Kind::Aggregate(Some(stat)) => group.aggregates.push((i, stat)),
            Kind::Aggregate(None) | Kind::Skipped => {}
        }
    }
    let mut benchmarks = Vec::new();
    for group in groups {
        let mut metrics: Vec<Metric> = Vec::new();
        if group.iterations.is_empty() {
            for &(i, stat) in &group.aggregates {
                let n = rows
                    .get(i)
                    .and_then(|r| r.repetitions.or_else(|| r.iterations.and_then(whole)));
                for (name, unit, value) in values(rows, i)? {
                    if !metrics.iter().any(|m| m.name == name) {
                        metrics.push(Metric::new(name.as_str(), unit, Summary::default()));
                    }
                    if let Some(metric) = metrics.iter_mut().find(|m| m.name == name) {
                        metric.summary.set(stat, value);
                        metric.summary.n = metric.summary.n.or(n);
                    }
                }
            }
        } else {
            let mut columns: Vec<(String, Unit, Vec<f64>)> = Vec::new();
            for &i in &group.iterations {
                for (name, unit, value) in values(rows, i)? {
                    match columns.iter_mut().find(|(n, _, _)| *n == name) {
                        Some((_, _, samples)) => samples.push(value),
                        None => columns.push((name, unit, vec![value])),
                    }
                }
            }
            let at = format!(
                "benchmarks[{}]",
                group.iterations.first().copied().unwrap_or_default()
            );
            for (name, unit, samples) in columns {
                let summary = summarize(&samples)
                    .map_err(|e| ParseError::at(at.as_str(), format!("{name}: {e}")))?;
                metrics.push(Metric::new(name, unit, summary).with_samples(samples));
            }
        }
        if !metrics.is_empty() {
            benchmarks.push(Benchmark::new(group.id, metrics));
        }
    }
    Ok(benchmarks)
}

/// A row's `iterations` as a whole count (aggregate rows: the repetitions).
fn whole(iterations: Number) -> Option<u64> {
    let v = iterations.0;
    (v.is_finite() && v >= 0.0 && v.fract() == 0.0).then_some(v as u64)
}

/// The values of one row, in the model's units: `(metric, unit, value)`.
fn values(rows: &[Row], i: usize) -> Result<Vec<(String, Unit, f64)>, ParseError> {
    let at = |field: &str| format!("benchmarks[{i}].{field}");
    let row = rows
        .get(i)
        .ok_or_else(|| ParseError::at(at(""), "row out of range"))?;
    let missing = |field: &str| {
        let message = format!(
            "expected `{field}` (a measured row has real_time, cpu_time and time_unit), found none"
        );
        ParseError::at(at(field), message)
    };
    let symbol = row
        .time_unit
        .as_deref()
        .ok_or_else(|| missing("time_unit"))?;
    let unit = match symbol {
        "ns" | "us" | "ms" | "s" => TimeUnit::parse(symbol),
        _ => None,
    };
    let unit = unit.ok_or_else(|| {
        ParseError::at(
            at("time_unit"),
            format!("expected ns, us, ms or s, found {symbol:?}"),
        )
    })?;
    let real = row.real_time.ok_or_else(|| missing("real_time"))?;
    let cpu = row.cpu_time.ok_or_else(|| missing("cpu_time"))?;
    let mut out = vec![
        (
            "time".to_owned(),
            Unit::Nanoseconds,
            nanos(real.0, unit, at("real_time"))?,
        ),
        (
            "cpu_time".to_owned(),
            Unit::Nanoseconds,
            nanos(cpu.0, unit, at("cpu_time"))?,
        ),
    ];
    for (key, value) in &row.counters {
        if !value.0.is_finite() {
            return Err(ParseError::at(
                at(key),
                format!("expected a finite number, found {}", value.0),
            ));
        }
        let (name, unit) = match key.as_str() {
            "bytes_per_second" => ("throughput", Unit::BytesPerSecond),
            "items_per_second" => ("items_per_second", Unit::OpsPerSecond),
            "allocs_per_iter" => ("allocs", Unit::Count),
            "max_bytes_used" | "total_allocated_bytes" | "net_heap_growth" => {
                (key.as_str(), Unit::Bytes)
            }
            other => (other, Unit::Count),
        };
        if out.iter().any(|(n, _, _)| n == name) {
            return Err(ParseError::at(
                at(key),
                format!("counter clashes with the metric `{name}`; rename the counter"),
            ));
        }
        out.push((name.to_owned(), unit, value.0));
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
