//! criterion.rs's `target/criterion` directory → the model.
//!
//! Every benchmark directory (one holding `new/`) under the input is read,
//! however deeply nested (`group/function/value`; names may hold spaces):
//!
//! - `new/sample.json`: the raw samples, in both shapes criterion has
//!   written (the ≥ 0.3.3 object `{sampling_mode, iters, times}` and the
//!   ≤ 0.3.2 tuple `[[iters…], [times…]]`). `times[i]` is the total for
//!   `iters[i]` iterations, so each sample of metric `time` is
//!   `times[i] / iters[i]` in nanoseconds, and the summary is computed from
//!   those samples.
//! - `new/benchmark.json`: the id (`full_id`; `title` when criterion had to
//!   disambiguate a repeated id as `id #2`) and the throughput, which
//!   becomes metric `throughput` (bytes/s or elements/s per sample).
//!   Without the file (very old criterion), the id is the directory's path
//!   below `target/criterion` (or below the directory given).
//! - `new/estimates.json`: only the OLS slope, kept as summary extra
//!   `slope` (absent for Flat sampling); the other estimates are bootstrap
//!   results recomputed here from the samples.
//!
//! Deliberately skipped: `base/`, `change/` and named baselines
//! (benchgate keeps its own baselines), `report/` (HTML), `tukey.json`,
//! `raw.csv`, and symbolic links to directories (not followed, so a link
//! cycle cannot trap the walk). `sample.json` does not record its unit: it
//! is read as nanoseconds, the unit of criterion's default wall-clock
//! measurement.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use crate::model::{Benchmark, Metric, Results, Source, TimeUnit, Unit};
use crate::stats::SampleError;

use super::{ParseError, json, nanos, summarize};

/// criterion ≥ 0.3.3 `sample.json`: `SavedSample` in criterion.rs
/// `src/lib.rs` @ 567405d2. NaN is written by serde_json as `null`.
#[derive(Deserialize)]
struct SavedSample {
    iters: Vec<Option<f64>>,
    times: Vec<Option<f64>>,
}

/// criterion ≤ 0.3.2 `sample.json`: the tuple `(iters, times)` saved by
/// `src/analysis/mod.rs` @ 0.3.2.
#[derive(Deserialize)]
struct LegacySample(Vec<Option<f64>>, Vec<Option<f64>>);

/// `benchmark.json`: `BenchmarkId` in criterion.rs `src/report.rs` @ 567405d2.
#[derive(Deserialize)]
struct WireBenchmark {
    full_id: String,
    title: Option<String>,
    throughput: Option<WireThroughput>,
}

/// `Throughput` in criterion.rs `src/lib.rs` (`Bits` and `ElementsAndBytes`
/// are from the criterion 0.6–0.8 line).
#[derive(Deserialize)]
enum WireThroughput {
    Bytes(u64),
    BytesDecimal(u64),
    Bits(u64),
    Elements(u64),
    ElementsAndBytes { elements: u64, bytes: u64 },
}

/// `estimates.json`: `Estimates` in criterion.rs `src/estimate.rs` @
/// 567405d2 (`slope`), or the ≤ 0.3.2 map keyed by `Statistic` (`Slope`).
#[derive(Deserialize)]
struct WireEstimates {
    slope: Option<WireEstimate>,
    #[serde(rename = "Slope")]
    legacy_slope: Option<WireEstimate>,
}

#[derive(Deserialize)]
struct WireEstimate {
    point_estimate: f64,
}

/// Reads every benchmark under `dir`: a `target/criterion` directory, a
/// project root holding one, a group's directory or one benchmark's
/// directory. Benchmarks are sorted by id.
///
/// # Errors
///
/// When no benchmark directory is found, when two directories give the same
/// id, or when a file is unreadable or malformed; the error names the file
/// (relative to `dir`) and the JSON path.
pub fn parse_dir(dir: &Path) -> Result<Results, ParseError> {
    let nested = Path::new("target").join("criterion");
    let root = if !dir.join("new").is_dir() && dir.join(&nested).is_dir() {
        nested
    } else {
        PathBuf::new()
    };
    let mut found = Vec::new();
    if dir.join(&root).join("new").is_dir() {
        found.push(root.clone());
    }
    walk(dir, &root, &mut found)?;
    if found.is_empty() {
        return Err(ParseError::whole(format!(
            "no criterion benchmark found under {} (expected <id>/new/sample.json); \
             run `cargo bench` first or pass target/criterion",
            dir.display()
        )));
    }
    let prefix = id_prefix(dir, found.first() == Some(&root));
    let mut benchmarks = Vec::with_capacity(found.len());
    for rel in found {
        let below = rel.strip_prefix(&root).unwrap_or(&rel);
        let fallback: Vec<String> = prefix.iter().cloned().chain(names(below)).collect();
        benchmarks.push((read_benchmark(dir, &rel, &fallback.join("/"))?, rel));
    }
    benchmarks.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    if let Some(pair) = benchmarks.windows(2).find(|w| w[0].0.id == w[1].0.id) {
        return Err(ParseError::whole(format!(
            "benchmark id {:?} is given by both {} and {}; remove the stale directory or rename one benchmark",
            pair[0].0.id,
            shown(&pair[0].1).display(),
            shown(&pair[1].1).display()
        )));
    }
    let mut results = Results::new("");
    results.sources = vec![Source::tool("criterion")];
    results.benchmarks = benchmarks.into_iter().map(|(b, _)| b).collect();
    Ok(results)
}

/// Collects, depth first in name order, the directories below `rel` (relative
/// to `dir`) that hold `new/`, without entering criterion's HTML `report/`
/// directories (those with an `index.html`; a benchmark group may be named
/// `report` too) or symbolic links.
fn walk(dir: &Path, rel: &Path, found: &mut Vec<PathBuf>) -> Result<(), ParseError> {
    let io_error = |err: io::Error| {
        ParseError::whole(format!("cannot read the directory: {err}")).in_file(shown(rel))
    };
    let mut children = Vec::new();
    for entry in fs::read_dir(dir.join(rel)).map_err(io_error)? {
        let entry = entry.map_err(io_error)?;
        let is_dir = entry.file_type().map_err(io_error)?.is_dir();
        let html_report =
            entry.file_name() == "report" && entry.path().join("index.html").is_file();
        if is_dir && !html_report {
            children.push(rel.join(entry.file_name()));
        }
    }
    children.sort();
    for child in children {
        if dir.join(&child).join("new").is_dir() {
            found.push(child.clone());
        }
        walk(dir, &child, found)?;
    }
    Ok(())
}

/// The id components above the walk root, for ids built from paths: the
/// root's own name when the input is a single benchmark's directory.
fn id_prefix(dir: &Path, root_is_benchmark: bool) -> Vec<String> {
    if !root_is_benchmark {
        return Vec::new();
    }
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    names(&canonical).pop().into_iter().collect()
}

fn names(path: &Path) -> Vec<String> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// A relative path as shown in messages (`.` for the input itself).
fn shown(rel: &Path) -> &Path {
    if rel.as_os_str().is_empty() {
        Path::new(".")
    } else {
        rel
    }
}

fn read_benchmark(dir: &Path, rel: &Path, fallback_id: &str) -> Result<Benchmark, ParseError> {
    let new = rel.join("new");
    let info: Option<WireBenchmark> = read_json(dir, &new.join("benchmark.json"))?;
    let sample_file = new.join("sample.json");
    let text = read_text(dir, &sample_file)?.ok_or_else(|| {
        ParseError::whole("expected the raw samples here, found no file (was the run interrupted? run `cargo bench` again)")
            .in_file(&sample_file)
    })?;
    let in_sample = |err: ParseError| err.in_file(&sample_file);
    let columns = parse_sample(&text).map_err(in_sample)?;
    let per_iteration = per_iteration(&columns, |v, field| nanos(v, TimeUnit::Nanoseconds, field))
        .map_err(in_sample)?;
    let estimates_file = new.join("estimates.json");
    let slope = read_json::<WireEstimates>(dir, &estimates_file)?
        .and_then(WireEstimates::slope)
        .map(|(key, v)| nanos(v, TimeUnit::Nanoseconds, format!("{key}.point_estimate")))
        .transpose()
        .map_err(|err| err.in_file(&estimates_file))?;
    let at = columns.names.1;
    let mut time =
        sample_metric("time", Unit::Nanoseconds, per_iteration.clone(), at).map_err(in_sample)?;
    if let Some(slope) = slope {
        time.summary.set("slope", slope);
    }
    let mut metrics = vec![time];
    if let Some(throughput) = info.as_ref().and_then(|i| i.throughput.as_ref()) {
        for (name, unit, amount) in throughput.per_iteration() {
            let samples = throughput_samples(amount, &per_iteration, at).map_err(in_sample)?;
            metrics.push(sample_metric(name, unit, samples, at).map_err(in_sample)?);
        }
    }
    let id = info.map_or_else(|| fallback_id.to_owned(), WireBenchmark::into_id);
    Ok(Benchmark::new(id, metrics))
}

impl WireEstimates {
    /// The slope's point estimate and the key it was under.
    fn slope(self) -> Option<(&'static str, f64)> {
        match (self.slope, self.legacy_slope) {
            (Some(e), _) => Some(("slope", e.point_estimate)),
            (None, Some(e)) => Some(("Slope", e.point_estimate)),
            (None, None) => None,
        }
    }
}

impl WireBenchmark {
    /// `full_id`, or `title` when it is `full_id` made unique as `full_id #N`.
    fn into_id(self) -> String {
        let numbered = self
            .title
            .as_deref()
            .and_then(|t| t.strip_prefix(self.full_id.as_str()));
        match numbered.and_then(|rest| rest.strip_prefix(" #")) {
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                self.title.unwrap_or(self.full_id)
            }
            _ => self.full_id,
        }
    }
}

impl WireThroughput {
    /// (metric name, unit, amount per iteration) of each throughput given.
    fn per_iteration(&self) -> Vec<(&'static str, Unit, f64)> {
        match *self {
            Self::Bytes(n) | Self::BytesDecimal(n) => {
                vec![("throughput", Unit::BytesPerSecond, n as f64)]
            }
            Self::Bits(n) => vec![("throughput", Unit::BytesPerSecond, n as f64 / 8.0)],
            Self::Elements(n) => vec![("throughput", Unit::OpsPerSecond, n as f64)],
            Self::ElementsAndBytes { elements, bytes } => vec![
                ("throughput", Unit::OpsPerSecond, elements as f64),
                ("throughput_bytes", Unit::BytesPerSecond, bytes as f64),
            ],
        }
    }
}

/// Reads a file below `dir`; `None` when it does not exist.
fn read_text(dir: &Path, rel: &Path) -> Result<Option<String>, ParseError> {
    match fs::read_to_string(dir.join(rel)) {
        Ok(text) => Ok(Some(text)),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(ParseError::whole(format!("cannot read the file: {err}")).in_file(rel)),
    }
}

fn read_json<T: serde::de::DeserializeOwned>(
    dir: &Path,
    rel: &Path,
) -> Result<Option<T>, ParseError> {
    read_text(dir, rel)?
        .map(|text| json::parse(&text).map_err(|err| err.in_file(rel)))
        .transpose()
}

/// Iteration counts and totals, with the JSON paths of the two lists.
pub(super) struct Columns {
    pub(super) iters: Vec<Option<f64>>,
    pub(super) totals: Vec<Option<f64>>,
    pub(super) names: (&'static str, &'static str),
}

fn parse_sample(text: &str) -> Result<Columns, ParseError> {
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(ParseError::whole(
            "expected {\"iters\": […], \"times\": […]} or [[iters…], [times…]], found an empty file",
        ));
    }
    if trimmed.starts_with('[') {
        let LegacySample(iters, totals) = json::parse(text)?;
        return Ok(Columns {
            iters,
            totals,
            names: ("[0]", "[1]"),
        });
    }
    let SavedSample { iters, times } = json::parse(text)?;
    Ok(Columns {
        iters,
        totals: times,
        names: ("iters", "times"),
    })
}

/// The per-iteration values `totals[i] / iters[i]`, each total converted by
/// `convert` (which names the field on error).
pub(super) fn per_iteration(
    columns: &Columns,
    convert: impl Fn(f64, String) -> Result<f64, ParseError>,
) -> Result<Vec<f64>, ParseError> {
    let (iters_at, totals_at) = columns.names;
    if columns.iters.len() != columns.totals.len() {
        return Err(ParseError::at(
            totals_at,
            format!(
                "expected as many values as {iters_at} has iteration counts ({}), found {}",
                columns.iters.len(),
                columns.totals.len()
            ),
        ));
    }
    let mut out = Vec::with_capacity(columns.iters.len());
    for (i, (n, total)) in columns.iters.iter().zip(&columns.totals).enumerate() {
        let n = n.filter(|n| n.is_finite() && *n > 0.0).ok_or_else(|| {
            let found = n.map_or_else(|| "null (NaN)".to_owned(), |v| v.to_string());
            ParseError::at(
                format!("{iters_at}[{i}]"),
                format!("expected a positive iteration count, found {found}"),
            )
        })?;
        let total = total.ok_or_else(|| {
            ParseError::at(
                format!("{totals_at}[{i}]"),
                "expected a number, found null (NaN)",
            )
        })?;
        out.push(convert(total, format!("{totals_at}[{i}]"))? / n);
    }
    Ok(out)
}

/// A metric of raw `samples` (already in `unit`) and their summary; `at`
/// names the field the samples came from, for errors.
pub(super) fn sample_metric(
    name: &str,
    unit: Unit,
    samples: Vec<f64>,
    at: &str,
) -> Result<Metric, ParseError> {
    let summary = summarize(&samples).map_err(|err| sample_error(at, &err))?;
    Ok(Metric::new(name, unit, summary).with_samples(samples))
}

/// Throughput samples: `amount` per iteration over each per-iteration time
/// (ns), per second.
pub(super) fn throughput_samples(
    amount: f64,
    per_iteration_ns: &[f64],
    at: &str,
) -> Result<Vec<f64>, ParseError> {
    let mut samples = Vec::with_capacity(per_iteration_ns.len());
    for (i, &ns) in per_iteration_ns.iter().enumerate() {
        if ns <= 0.0 {
            return Err(ParseError::at(
                format!("{at}[{i}]"),
                format!(
                    "expected a positive time to compute the throughput ({amount} per iteration), found {ns}"
                ),
            ));
        }
        samples.push(amount * 1e9 / ns);
    }
    Ok(samples)
}

fn sample_error(at: &str, err: &SampleError) -> ParseError {
    match err {
        SampleError::Empty => ParseError::at(at, err.to_string()),
        SampleError::NotFinite { index, .. } => {
            ParseError::at(format!("{at}[{index}]"), err.to_string())
        }
    }
}

#[cfg(test)]
mod tests;
