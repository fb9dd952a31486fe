//! Ingest: foreign result formats → the model. One file per format.
//!
//! Each adapter mirrors its tool's output in private wire types, parses with
//! [`json::parse`] (or line by line, keeping line numbers) and converts into
//! [`Results`], normalising units once, through `nanos`. This module reads
//! files and decides formats; it must not judge, store or render anything,
//! and it depends only on `model` and `stats`.

mod artillery;
mod benchgate;
mod benchmarkdotnet;
mod cargo_criterion;
mod criterion;
mod custom;
mod detect;
mod error;
mod gbench;
mod go_test;
mod hyperfine;
mod jmh;
pub mod json;
mod k6;
mod k6_handle_summary;
pub mod k6_json;
mod k6_summary;
mod locust;
mod pytest_benchmark;
#[cfg(test)]
mod testing;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use detect::detect;
pub use error::{IngestError, ParseError, Place};

use crate::model::{Results, Summary, TimeUnit};
use crate::stats;

/// An input format benchgate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// k6 `--summary-export` JSON (pre-0.30 and current shapes).
    K6Summary,
    /// The data k6 passes to `handleSummary()`, serialised as JSON (and the
    /// opt-in machine-readable summary of k6 ≥ 1.5).
    K6HandleSummary,
    /// k6 `--out json` NDJSON (plain or gzip), streamed.
    K6Json,
    /// A criterion.rs `target/criterion` directory.
    Criterion,
    /// cargo-criterion `--message-format=json` output.
    CargoCriterion,
    /// hyperfine `--export-json`.
    Hyperfine,
    /// Google Benchmark `--benchmark_format=json`.
    Gbench,
    /// pytest-benchmark `--benchmark-json` (or a saved run).
    PytestBenchmark,
    /// `go test -bench` text output.
    GoTest,
    /// JMH `-rf json`.
    Jmh,
    /// BenchmarkDotNet's full JSON export.
    BenchmarkDotNet,
    /// A list of `{"name", "unit", "value"}` objects (github-action-benchmark's
    /// custom format), with optional `samples`, `direction`, `range`.
    Custom,
    /// Artillery `--output` JSON report (1.x and 2.x).
    Artillery,
    /// Locust `--csv` statistics (`*_stats.csv`).
    Locust,
    /// benchgate's own `benchgate.results.v1` document.
    Benchgate,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 15] = [
        Self::K6Summary,
        Self::K6HandleSummary,
        Self::K6Json,
        Self::Criterion,
        Self::CargoCriterion,
        Self::Hyperfine,
        Self::Gbench,
        Self::PytestBenchmark,
        Self::GoTest,
        Self::Jmh,
        Self::BenchmarkDotNet,
        Self::Custom,
        Self::Artillery,
        Self::Locust,
        Self::Benchgate,
    ];

    /// The name used by `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Self::K6Summary => "k6-summary",
            Self::K6HandleSummary => "k6-handle-summary",
            Self::K6Json => "k6-json",
            Self::Criterion => "criterion",
            Self::CargoCriterion => "cargo-criterion",
            Self::Hyperfine => "hyperfine",
            Self::Gbench => "gbench",
            Self::PytestBenchmark => "pytest-benchmark",
            Self::GoTest => "go-test",
            Self::Jmh => "jmh",
            Self::BenchmarkDotNet => "benchmarkdotnet",
            Self::Custom => "custom",
            Self::Artillery => "artillery",
            Self::Locust => "locust",
            Self::Benchgate => "benchgate",
        }
    }

    /// The format with this `--format` name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Parses `input` (the whole text of one file) in this format.
    ///
    /// # Errors
    ///
    /// A [`ParseError`] naming the place and what was expected. A criterion
    /// directory cannot be parsed from text: use [`load`].
    pub fn parse(self, input: &str) -> Result<Results, ParseError> {
        match self {
            Self::K6Summary => k6_summary::parse(input),
            Self::K6HandleSummary => k6_handle_summary::parse(input),
            Self::K6Json => k6_json::parse(input),
            Self::Criterion => Err(ParseError::whole(
                "criterion results are a directory (target/criterion), not a file",
            )),
            Self::CargoCriterion => cargo_criterion::parse(input),
            Self::Hyperfine => hyperfine::parse(input),
            Self::Gbench => gbench::parse(input),
            Self::PytestBenchmark => pytest_benchmark::parse(input),
            Self::GoTest => go_test::parse(input),
            Self::Jmh => jmh::parse(input),
            Self::BenchmarkDotNet => benchmarkdotnet::parse(input),
            Self::Custom => custom::parse(input),
            Self::Artillery => artillery::parse(input),
            Self::Locust => locust::parse(input),
            Self::Benchgate => benchgate::parse(input),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Reads one input — a file (plain or gzip) or a criterion directory — in
/// `format`, or in the format detected from its content when `None`.
///
/// The returned results name the input in their source and have an empty
/// suite name; provenance (git, host) is the caller's to add.
///
/// # Errors
///
/// An [`IngestError`] that names the input, and for malformed content the
/// line, column or field and what was expected.
pub fn load(path: &Path, format: Option<Format>) -> Result<Results, IngestError> {
    let io = |source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io)?;
    let mut results = if metadata.is_dir() {
        match format {
            None | Some(Format::Criterion) => {
                criterion::parse_dir(path).map_err(|error| IngestError::Parse {
                    path: path.to_path_buf(),
                    format: Format::Criterion,
                    error,
                })?
            }
            Some(other) => {
                return Err(IngestError::Unrecognised {
                    path: path.to_path_buf(),
                    reason: format!(
                        "is a directory, but --format {other} reads a file (only criterion reads a directory)"
                    ),
                });
            }
        }
    } else {
        let text = read_text(path)?;
        let format = match format {
            Some(format) => format,
            None => detect(&text).map_err(|reason| reason.into_error(path))?,
        };
        format.parse(&text).map_err(|error| IngestError::Parse {
            path: path.to_path_buf(),
            format,
            error,
        })?
    };
    for source in &mut results.sources {
        source
            .path
            .get_or_insert_with(|| path.display().to_string());
    }
    Ok(results)
}

/// Inputs read together, and what the reader should know about them.
#[derive(Debug, Default)]
pub struct Loaded {
    /// One entry per input read on its own; k6 NDJSON inputs are read
    /// together (several load generators of one test) and appear once, under
    /// the first of them.
    pub parts: Vec<(PathBuf, Results)>,
    /// Warnings (a truncated last line, skipped bad lines …), each naming
    /// its input.
    pub warnings: Vec<String>,
}

/// One warning for what a reader left out: "left out WHAT (2 benchmarks):
/// a (…), b (…)", naming the first five; `None` when nothing was.
pub(crate) fn left_out(names: Vec<String>, what: &str) -> Option<String> {
    let count = names.len();
    (count > 0).then(|| {
        let shown: Vec<String> = names.into_iter().take(5).collect();
        let more = count - shown.len();
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let plural = if count == 1 { "" } else { "s" };
        format!(
            "left out {what} ({count} benchmark{plural}): {}{tail}",
            shown.join(", ")
        )
    })
}

/// Reads several inputs: each in `format`, or the format detected from its
/// content. k6 NDJSON inputs are streamed and merged exactly, with `k6`'s
/// options, instead of being read into memory.
///
/// # Errors
///
/// The first input that cannot be read, as [`load`].
pub fn load_all(
    paths: &[PathBuf],
    format: Option<Format>,
    k6: &k6_json::Options,
) -> Result<Loaded, IngestError> {
    let mut loaded = Loaded::default();
    let mut k6_paths = Vec::new();
    for path in paths {
        let is_k6 = match format {
            Some(f) => f == Format::K6Json,
            None => {
                path.is_file()
                    && k6_json::sniff(path).map_err(|source| IngestError::Io {
                        path: path.clone(),
                        source,
                    })?
            }
        };
        if is_k6 {
            k6_paths.push(path.clone());
        } else {
            let mut results = load(path, format)?;
            for source in &mut results.sources {
                let warnings = std::mem::take(&mut source.warnings);
                loaded.warnings.extend(
                    warnings
                        .into_iter()
                        .map(|w| format!("{}: {w}", path.display())),
                );
            }
            loaded.parts.push((path.clone(), results));
        }
    }
    if let Some(first) = k6_paths.first().cloned() {
        let k6 = k6_json::load(&k6_paths, k6)?;
        loaded.parts.insert(0, (first, k6.results));
        loaded.warnings.extend(k6.warnings);
    }
    Ok(loaded)
}

/// Reads a file as UTF-8 text, decompressing it first when it is gzip.
fn read_text(path: &Path) -> Result<String, IngestError> {
    let io = |source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = std::fs::read(path).map_err(io)?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut plain = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes.as_slice())
            .read_to_end(&mut plain)
            .map_err(io)?;
        bytes = plain;
    }
    let mut text = String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
        IngestError::Parse {
            path: path.to_path_buf(),
            format: Format::Custom,
            error: ParseError::at_line(
                line,
                format!("expected UTF-8 text, found an invalid byte at offset {offset}"),
            ),
        }
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Converts a time to nanoseconds, rejecting NaN, infinite and negative
/// values with an error at `field` (a JSON path or column name).
pub(crate) fn nanos(
    value: f64,
    unit: TimeUnit,
    field: impl Into<String>,
) -> Result<f64, ParseError> {
    crate::model::Nanos::from_value(value, unit)
        .map(crate::model::Nanos::get)
        .map_err(|message| ParseError::at(field, message))
}

/// The model summary of raw samples (already in the metric's unit).
///
/// # Errors
///
/// When `samples` is empty or holds a non-finite value; the message says
/// which index.
pub(crate) fn summarize(samples: &[f64]) -> Result<Summary, stats::SampleError> {
    let sample = stats::Sample::new(samples.to_vec())?;
    let d = stats::describe(&sample);
    Ok(Summary {
        n: Some(d.n as u64),
        mean: Some(d.mean),
        stddev: d.stddev,
        min: Some(d.min),
        max: Some(d.max),
        median: Some(d.median),
        p90: Some(d.p90),
        p95: Some(d.p95),
        p99: Some(d.p99),
        ..Summary::default()
    })
}

/// [`summarize`] for tests of other stages.
#[cfg(test)]
pub(crate) fn summarize_for_tests(samples: &[f64]) -> Summary {
    summarize(samples).expect("test samples are valid")
}

/// Merges several inputs into one results document for `suite`.
///
/// # Errors
///
/// [`IngestError::Duplicate`] when two inputs (or two entries of one input)
/// give the same benchmark metric: benchgate never silently drops one.
pub fn merge(suite: &str, parts: Vec<(PathBuf, Results)>) -> Result<Results, IngestError> {
    let mut merged = Results::new(suite);
    let mut origin: Vec<(String, String, PathBuf)> = Vec::new();
    for (path, part) in parts {
        merged.created = merged.created.or(part.created);
        merged.sources.extend(part.sources);
        for bench in part.benchmarks {
            for metric in &bench.metrics {
                let key = (bench.id.clone(), metric.name.clone());
                if let Some((_, _, first)) =
                    origin.iter().find(|(i, m, _)| (i, m) == (&key.0, &key.1))
                {
                    return Err(IngestError::Duplicate {
                        id: key.0,
                        metric: key.1,
                        first: first.clone(),
                        second: path.clone(),
                    });
                }
                origin.push((key.0, key.1, path.clone()));
            }
            merged.benchmarks.push(bench);
        }
    }
    Ok(merged)
}
