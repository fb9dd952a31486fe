//! k6 `--out json` NDJSON (FORMATS.md §1.5): one `Metric` line per metric
//! and one `Point` line per sample, plain or gzip, summarised exactly as k6
//! summarises them at the end of a test.
//!
//! Read: every `Point` (both envelope orders, `tags: null`), every `Metric`
//! line (type, `contains`, `thresholds`, `submetrics`; older k6's `tainted`
//! and `sub` are ignored, as is a point's `metadata`). Several inputs are
//! several load generators of one test: their points are merged before any
//! statistic is computed.
//!
//! Benchmarks, with the mapping of the summary adapters (`ingest::k6`) so
//! an NDJSON run compares with a `--summary-export` baseline:
//! - each metric, id = its name; one metric named after the k6 type:
//!   - `trend`: `n`, `mean`, `min`, `max`, `median`, `p90`, `p95`, `p99`,
//!     the extra `p(N)` asked for, and `stddev`; k6's percentile over all
//!     values (`TrendSink.P`); times (`contains: time`, ms) in ns;
//!   - `counter`: `count` and `rate` = count per second of the test's span;
//!   - `rate`: `n`, `passes`, `fails`, `rate`, and `worst_rate_1m`,
//!     `worst_rate_5m` (per [`Options::windows`]): the worst rate of any
//!     window of that length sliding by one second inside the metric's first
//!     and last second — highest for rates where lower is better
//!     (`http_req_failed`), lowest otherwise (`checks`);
//!   - `gauge`: `last` (the last point written; across inputs, the latest
//!     in time), `min`, `max`;
//! - each k6 sub-metric of a `Metric` line that has points (id as k6 names
//!   it, `http_req_duration{expected_response:true}`), points routed by tags;
//! - each `--group-by` group: id `metric{tag:value,…}` with the tags a point
//!   has among the group-by tags, sorted by tag name
//!   (`http_req_duration{method:GET,name:/api}`); points with none of them
//!   are only in the metric;
//! - each check, from the `checks` points' `check` and `group` tags:
//!   `checks{check:NAME}`, or `checks{group:PATH,check:NAME}` outside the
//!   root group — as the summary adapters name them.
//!
//! When two views get the same id, the first of metric, k6 sub-metric,
//! check, group-by group is kept (a group-by group equal to a sub-metric
//! has the same points). The metric's `thresholds` are evaluated with k6's
//! formulas over all points (`metrics/thresholds.go`), the counter rate over
//! the test's span. Sub-metric thresholds are not in the NDJSON (k6 writes
//! only the parent's), so they cannot be evaluated.
//!
//! The test's start is its earliest point, its end the latest (the
//! results' `created`); each source has its input's own start and span.
//! Bad lines are errors naming the line, or with
//! [`Options::skip_bad_lines`] counted into a warning; an unfinished last
//! line (k6 stopped mid-write) and a truncated gzip stream are warnings.
//! Blank lines are skipped.

mod agg;
mod defs;
mod finish;
mod line;
mod names;
mod read;
mod scalar;
mod sinks;
mod source;
mod view;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use agg::Partial;
use defs::Registry;
use read::{Data, Failure, Settings};

use crate::ingest::{Format, IngestError, ParseError};
use crate::model::{Results, Source};

/// How to read k6 NDJSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Tags whose values split each metric into groups (`--group-by`);
    /// default `name`.
    pub group_by: Vec<String>,
    /// Threads (`--jobs`); default: the available cores.
    pub jobs: usize,
    /// Count bad lines into a warning instead of failing on the first.
    pub skip_bad_lines: bool,
    /// Window lengths of the worst-window rates, rounded up to whole
    /// seconds; default 1 min and 5 min.
    pub windows: Vec<Duration>,
    /// Percentiles (0–100) to compute beyond p50, p90, p95 and p99.
    pub percentiles: Vec<f64>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            group_by: vec!["name".to_owned()],
            jobs: crate::available_cores(),
            skip_bad_lines: false,
            windows: vec![Duration::from_secs(60), Duration::from_secs(300)],
            percentiles: Vec::new(),
        }
    }
}

/// Results and what the caller should show the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The results (empty suite name; one source per input).
    pub results: Results,
    /// Warnings: unfinished last lines, skipped bad lines, thresholds that
    /// cannot be evaluated, options ignored.
    pub warnings: Vec<String>,
}

/// Reads k6 NDJSON held in memory with the default options (one thread);
/// warnings are dropped — use [`load`] or [`parse_bytes`] to see them.
///
/// # Errors
///
/// The first bad line, with its number and what is wrong.
pub fn parse(input: &str) -> Result<Results, ParseError> {
    let options = Options {
        jobs: 1,
        ..Options::default()
    };
    parse_bytes(input.as_bytes(), &options).map(|loaded| loaded.results)
}

/// Reads k6 NDJSON held in memory (uncompressed) on one thread.
///
/// # Errors
///
/// The first bad line (unless skipped), with its number and what is wrong.
pub fn parse_bytes(input: &[u8], options: &Options) -> Result<Loaded, ParseError> {
    let (options, mut warnings) = checked(options);
    let registry = Mutex::new(Registry::new(&options.group_by));
    let settings = Settings {
        input: 0,
        jobs: 1,
        skip_bad_lines: options.skip_bad_lines,
        registry: &registry,
    };
    let outcome = read::read(Data::Memory(input), settings).map_err(|f| match f {
        Failure::Line(error) => error,
        Failure::Io(e) => ParseError::whole(e.to_string()),
        Failure::Rerun => ParseError::whole("internal: re-read requested in memory"),
    })?;
    warnings.extend(outcome.warnings);
    let source = source(None, &outcome.partial);
    let registry = registry
        .into_inner()
        .map_err(|_| ParseError::whole("internal: lock"))?;
    let (results, more) = results(&registry, outcome.partial, vec![source], &options)?;
    warnings.extend(more);
    Ok(Loaded { results, warnings })
}

/// Streams k6 NDJSON files (plain or gzip, detected by content) — several
/// load generators of one test — into one results document.
///
/// # Errors
///
/// An [`IngestError`] naming the file and, for a bad line, its number.
pub fn load(paths: &[PathBuf], options: &Options) -> Result<Loaded, IngestError> {
    let (options, mut warnings) = checked(options);
    let registry = Mutex::new(Registry::new(&options.group_by));
    let mut total = Partial::default();
    let mut sources = Vec::new();
    for (input, path) in paths.iter().enumerate() {
        let settings = Settings {
            input,
            jobs: options.jobs,
            skip_bad_lines: options.skip_bad_lines,
            registry: &registry,
        };
        let outcome = read::read(Data::File(path), settings).map_err(|f| match f {
            Failure::Io(source) => IngestError::Io {
                path: path.clone(),
                source,
            },
            Failure::Line(error) => IngestError::Parse {
                path: path.clone(),
                format: Format::K6Json,
                error,
            },
            Failure::Rerun => IngestError::Io {
                path: path.clone(),
                source: std::io::Error::other("internal: re-read requested twice"),
            },
        })?;
        let shown = path.display();
        warnings.extend(outcome.warnings.iter().map(|w| format!("{shown}: {w}")));
        sources.push(source(Some(path.display().to_string()), &outcome.partial));
        total.merge(outcome.partial);
    }
    let first = paths.first().cloned().unwrap_or_default();
    let registry = registry.into_inner().map_err(|_| IngestError::Io {
        path: first.clone(),
        source: std::io::Error::other("internal: lock poisoned"),
    })?;
    let (results, more) =
        results(&registry, total, sources, &options).map_err(|error| IngestError::Parse {
            path: first,
            format: Format::K6Json,
            error,
        })?;
    warnings.extend(more);
    Ok(Loaded { results, warnings })
}

/// Whether the file at `path` (plain or gzip) starts like k6 NDJSON: its
/// first line is a JSON object with `metric` and `type` `Point` or
/// `Metric` (the rule of format detection), reading at most its first
/// 64 KiB — so a caller can detect the format of a large file without
/// reading all of it, then stream it with [`load`].
///
/// # Errors
///
/// When the file cannot be opened or read (or its gzip is corrupt).
pub fn sniff(path: &Path) -> std::io::Result<bool> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut head = Vec::with_capacity(1 << 16);
    (&mut file).take(1 << 16).read_to_end(&mut head)?;
    if head.starts_with(&[0x1f, 0x8b]) {
        let mut plain = Vec::with_capacity(1 << 16);
        let decoder = flate2::read::MultiGzDecoder::new(head.as_slice());
        match decoder.take(1 << 16).read_to_end(&mut plain) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {}
            Err(e) => return Err(e),
        }
        head = plain;
    }
    let text = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&head);
    let Some(first) = text
        .split(|&b| b == b'\n')
        .find(|l| !l.trim_ascii().is_empty())
    else {
        return Ok(false);
    };
    let Ok(serde_json::Value::Object(line)) = serde_json::from_slice(first.trim_ascii()) else {
        return Ok(false);
    };
    let kind = line.get("type").and_then(serde_json::Value::as_str);
    Ok(line.contains_key("metric") && matches!(kind, Some("Point" | "Metric")))
}

/// The fast path alone over the lines of `data`: how many `Point` lines it
/// read (time and value parsed, tags located). For the criterion benchmark
/// of the line scanner (`benches/k6_ndjson.rs`); not a stable interface.
#[doc(hidden)]
pub fn scan_lines(data: &[u8]) -> usize {
    let mut times = scalar::TimeCache::default();
    let mut start = 0;
    let mut count = 0;
    for end in memchr::memchr_iter(b'\n', data).chain(std::iter::once(data.len())) {
        let text = data.get(start..end).unwrap_or_default();
        count += usize::from(line::fast_point(text, &mut times).is_some());
        start = end + 1;
    }
    count
}

/// A window length as written on the command line or in `benchgate.toml`:
/// a number and a time unit (`30s`, `1m`, `5min`, `1.5h`), rounded up to
/// whole seconds as the windows slide by the second.
///
/// # Errors
///
/// A message naming what is wrong.
pub fn parse_window(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let expected = || format!("expected a window such as 30s, 1m or 5m, found {text:?}");
    let number: f64 = number.parse().map_err(|_| expected())?;
    let unit = crate::model::TimeUnit::parse(unit).ok_or_else(expected)?;
    let seconds = (unit.to_nanos(number) / 1e9).ceil();
    if !(1.0..=366.0 * 86_400.0).contains(&seconds) {
        return Err(format!(
            "a window must be from 1 second to a year, found {text:?}"
        ));
    }
    Ok(Duration::from_secs(seconds as u64))
}

/// The options with unusable values removed, and a warning for each.
fn checked(options: &Options) -> (Options, Vec<String>) {
    let mut warnings = Vec::new();
    let mut out = options.clone();
    out.jobs = out.jobs.max(1);
    out.group_by.retain(|t| !t.trim().is_empty());
    out.percentiles.retain(|q| {
        let ok = (0.0..=100.0).contains(q);
        if !ok {
            warnings.push(format!("ignored percentile {q}: expected 0 to 100"));
        }
        ok
    });
    out.windows.retain(|w| {
        if w.is_zero() {
            warnings.push("ignored a window of zero length".to_owned());
        }
        !w.is_zero()
    });
    (out, warnings)
}

/// A source for one input: k6, with the input's first point and span.
fn source(path: Option<String>, partial: &Partial) -> Source {
    let mut source = Source::tool("k6");
    source.path = path;
    if let (Some(start), Some(end)) = (partial.start, partial.end) {
        source.started = rfc3339(start);
        source.duration_seconds = Some((end - start) as f64 / 1e9);
    }
    source
}

fn rfc3339(nanos: i64) -> Option<String> {
    jiff::Timestamp::from_nanosecond(i128::from(nanos))
        .ok()
        .map(|t| t.to_string())
}

fn results(
    registry: &Registry,
    partial: Partial,
    sources: Vec<Source>,
    options: &Options,
) -> Result<(Results, Vec<String>), ParseError> {
    let span = partial.start.zip(partial.end);
    let duration = span.map(|(s, e)| (e - s) as f64 / 1e9);
    let (benchmarks, warnings) = finish::benchmarks(registry, partial, duration, options)?;
    let mut results = Results::new("");
    results.created = span.and_then(|(_, end)| rfc3339(end));
    results.sources = sources;
    results.benchmarks = benchmarks;
    Ok((results, warnings))
}

#[cfg(test)]
mod tests;
