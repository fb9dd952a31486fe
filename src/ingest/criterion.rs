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
mod tests {
    use super::*;
    use crate::ingest::testing::{close, metric};

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/criterion")
            .join(name)
    }

    /// serde_json parses floats to within one ulp unless `float_roundtrip`.
    fn ids(results: &Results) -> Vec<&str> {
        results.benchmarks.iter().map(|b| b.id.as_str()).collect()
    }

    #[test]
    fn reads_new_samples_per_iteration_with_the_slope_and_ignores_base() {
        let results = parse_dir(&fixture("v0_5_linear")).unwrap();
        assert_eq!(ids(&results), ["fib", "parse/json/1kb"]);
        assert_eq!(results.sources[0].tool, "criterion");
        let time = metric(&results, "parse/json/1kb", "time");
        assert_eq!(time.unit, Unit::Nanoseconds);
        let samples = time.samples.as_deref();
        assert_eq!(samples, Some(&[100.0, 110.0, 100.0, 110.0][..]));
        assert_eq!(time.summary.median, Some(105.0));
        close(time.summary.get("slope"), 320000.0 / 3000.0);
        let single = parse_dir(&fixture("v0_5_linear/parse/json/1kb")).unwrap();
        assert_eq!(ids(&single), ["parse/json/1kb"]);
    }

    #[test]
    fn reads_the_tuple_sample_and_keyed_estimates_of_criterion_0_3_2() {
        let results = parse_dir(&fixture("v0_3_2_tuple")).unwrap();
        assert_eq!(ids(&results), ["sort/merge", "sort/quick"]);
        let quick = metric(&results, "sort/quick", "time");
        assert_eq!(quick.samples.as_deref(), Some(&[50.0, 60.0, 50.0][..]));
        close(quick.summary.get("slope"), 740.0 / 14.0);
        let merge = metric(&results, "sort/merge", "time");
        assert_eq!(merge.summary.mean, Some(32.5));
        let alone = parse_dir(&fixture("v0_3_2_tuple/sort/merge")).unwrap();
        assert_eq!(ids(&alone), ["merge"]);
    }

    #[test]
    fn flat_sampling_has_no_slope_and_one_sample_has_no_stddev() {
        let results = parse_dir(&fixture("flat_no_slope")).unwrap();
        let time = metric(&results, "get/deduplicate get/2048", "time");
        assert_eq!(time.summary.median, Some(110.0));
        assert!(time.summary.extra.is_empty());
        let single = parse_dir(&fixture("single_sample")).unwrap();
        let once = metric(&single, "once", "time");
        let summary = &once.summary;
        assert_eq!(
            (summary.n, summary.stddev, summary.median),
            (Some(1), None, Some(42.0))
        );
    }

    #[test]
    fn throughput_of_every_kind_is_per_second_and_higher_is_better() {
        let results = parse_dir(&fixture("throughput")).unwrap();
        let cases = [
            ("bytes/1024|throughput|bytes/s", 1.024e9),
            ("bytes_decimal/1000|throughput|bytes/s", 1e9),
            ("bits/64|throughput|bytes/s", 8e6),
            ("elements/10|throughput|ops/s", 1e7),
            ("elements_and_bytes/4|throughput|ops/s", 4e6),
            ("elements_and_bytes/4|throughput_bytes|bytes/s", 4.096e9),
        ];
        for (case, median) in cases {
            let [id, name, unit] = case.split('|').collect::<Vec<_>>()[..] else {
                panic!()
            };
            let m = metric(&results, id, name);
            assert_eq!(
                (m.unit.as_str(), m.summary.median),
                (unit, Some(median)),
                "{case}"
            );
            assert_eq!(m.direction, crate::model::Direction::HigherIsBetter);
        }
    }

    #[test]
    fn ids_come_from_full_id_with_criterions_repeat_suffix() {
        let unicode = parse_dir(&fixture("unicode_names")).unwrap();
        assert_eq!(
            ids(&unicode),
            ["io/read?write", "naïve parse/日本語 text/10 KB"]
        );
        let repeated = parse_dir(&fixture("repeated_id")).unwrap();
        assert_eq!(ids(&repeated), ["sort", "sort #2"]);
        let project = parse_dir(&fixture("project_root")).unwrap();
        assert_eq!(ids(&project), ["add"]);
    }

    #[test]
    fn malformed_trees_name_the_file_the_field_and_the_problem() {
        // tree | file under demo/new/ | JSON path | message excerpt ("" = none)
        let cases = [
            "no_data|||no criterion benchmark found under",
            "truncated_sample|sample.json|times|truncated",
            "mismatched_lengths|sample.json|times|iteration counts (3), found 2",
            "zero_iters|sample.json|iters[1]|positive iteration count, found 0",
            "negative_time|sample.json|times[1]|non-negative time, found -4",
            "null_time|sample.json|times[1]|found null",
            "missing_sample|sample.json||found no file",
            "wrong_type_benchmark_json|benchmark.json|full_id|expected a string",
            "unknown_throughput|benchmark.json|throughput|unknown variant `Furlongs`",
            "duplicate_id|||\"same\" is given by both a and b",
            "empty_sample|sample.json|times|at least one sample",
            "bad_slope|estimates.json|slope.point_estimate|expected f64",
        ];
        for case in cases {
            let [name, file, field, message] = case.split('|').collect::<Vec<_>>()[..] else {
                panic!("{case}")
            };
            let err = parse_dir(&fixture(&format!("bad/{name}"))).unwrap_err();
            let file = (!file.is_empty()).then(|| Path::new("demo/new").join(file));
            assert_eq!(err.place.file, file, "{name}: {err}");
            assert_eq!(
                err.place.field.as_deref(),
                (!field.is_empty()).then_some(field),
                "{name}: {err}"
            );
            assert!(err.message.contains(message), "{name}: {err}");
        }
    }

    #[test]
    fn errors_in_a_tuple_sample_and_a_zero_time_with_throughput_are_placed() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("x/new");
        fs::create_dir_all(&new).unwrap();
        fs::write(new.join("sample.json"), "[[1.0, -2.0], [5.0, 5.0]]").unwrap();
        let err = parse_dir(dir.path()).unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some("[0][1]"), "{err}");
        let zero = r#"{"iters": [1.0], "times": [0.0]}"#;
        fs::write(new.join("sample.json"), zero).unwrap();
        let throughput = r#"{"full_id": "x", "throughput": {"Bytes": 8}}"#;
        fs::write(new.join("benchmark.json"), throughput).unwrap();
        let err = parse_dir(dir.path()).unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some("times[0]"), "{err}");
        assert!(err.message.contains("positive time"), "{err}");
    }
}
