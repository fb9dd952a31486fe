//! pytest-benchmark `--benchmark-json` output and saved runs
//! (`.benchmarks/<machine>/NNNN_*.json`), from 2.5.0 on.
//!
//! One benchmark per entry of `benchmarks[]`, id = `fullname` (the pytest
//! node id; `name` when absent), `params` → the benchmark's params (strings
//! as they are, other JSON values as compact JSON). One metric, `time`
//! (seconds per iteration → ns):
//!
//! - with raw samples (`stats.data`, always in `--benchmark-json`, in saved
//!   runs only with `--benchmark-save-data`): samples = `data`, summary
//!   computed from them;
//! - without: pytest's `min`, `max`, `mean`, `stddev`, `median`, with
//!   n = `rounds`, and `q1`/`q3` as the extras `p25`/`p75` (pytest's own
//!   quartile interpolation, not the model's percentile method).
//!
//! `data` counts as the raw samples only when it holds exactly `rounds`
//! numbers; a list cut short by hand (github-action-benchmark's test files
//! end it with a `"... omitted"` string) is ignored in favour of the
//! statistics, which describe every round. Deliberately not read: `ops`,
//! `total`, `iqr`, outlier counts (derived from the above), `group`,
//! `extra_info`, `options`, `machine_info`, `commit_info`.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, Visitor};

use crate::model::{Benchmark, Metric, Results, Source, Summary, TimeUnit, Unit};

use super::json::{self, Number};
use super::{ParseError, nanos, summarize};

/// Mirrors pytest-benchmark `src/pytest_benchmark/session.py`
/// (`BenchmarkSession.handle_saving`), `fixture.py` and `stats.py`
/// (`Metadata.as_dict`, `Stats.as_dict`) @ 47d66c88.
#[derive(Debug, Deserialize)]
struct Export {
    benchmarks: Vec<WireBenchmark>,
    /// The plugin's version (`"3.2.2"`).
    version: Option<String>,
}

#[derive(Debug, Deserialize)]
struct WireBenchmark {
    name: String,
    fullname: Option<String>,
    /// `null` for a test that is not parametrized.
    params: Option<BTreeMap<String, serde_json::Value>>,
    stats: WireStats,
}

/// Seconds per iteration.
#[derive(Debug, Deserialize)]
struct WireStats {
    min: Option<Number>,
    max: Option<Number>,
    mean: Option<Number>,
    stddev: Option<Number>,
    median: Option<Number>,
    q1: Option<Number>,
    q3: Option<Number>,
    rounds: Option<u64>,
    data: Option<Vec<Datum>>,
}

/// One entry of `stats.data`: a number (or a `NaN` token), else a string,
/// read as `None` (hand-trimmed files end the list with a placeholder).
#[derive(Debug, Clone, Copy)]
struct Datum(Option<f64>);

impl<'de> Deserialize<'de> for Datum {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DatumVisitor;

        impl Visitor<'_> for DatumVisitor {
            type Value = Datum;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }

            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Datum, E> {
                Ok(Datum(Some(v)))
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Datum, E> {
                Ok(Datum(Some(v as f64)))
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Datum, E> {
                Ok(Datum(Some(v as f64)))
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Datum, E> {
                let number = Number::deserialize(serde_json::Value::String(v.to_owned()));
                Ok(Datum(number.ok().map(|n| n.0)))
            }
        }

        deserializer.deserialize_any(DatumVisitor)
    }
}

/// Parses pytest-benchmark JSON.
///
/// # Errors
///
/// On malformed JSON, a missing or mistyped field, a negative or non-finite
/// time (named by its JSON path, e.g. `benchmarks[0].stats.data[3]`), a
/// benchmark with neither `stats.data` nor `stats.mean`, or two benchmarks
/// with the same id.
pub fn parse(input: &str) -> Result<Results, ParseError> {
    let export: Export = json::parse_lenient(input)?;
    let mut results = Results::new("");
    results.sources = vec![Source::tool("pytest-benchmark").with_version(export.version)];
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut summarised: Vec<String> = Vec::new();
    for (i, bench) in export.benchmarks.into_iter().enumerate() {
        let at = format!("benchmarks[{i}]");
        let (id, field) = match bench.fullname {
            Some(fullname) => (fullname, "fullname"),
            None => (bench.name, "name"),
        };
        if let Some(first) = seen.insert(id.clone(), i) {
            return Err(ParseError::at(
                format!("{at}.{field}"),
                format!(
                    "expected a unique benchmark, found {id:?} again (first at benchmarks[{first}])"
                ),
            ));
        }
        let (time, incomplete) = time(&at, &bench.stats)?;
        if let Some(why) = incomplete {
            summarised.push(format!("{id} ({why})"));
        }
        let mut benchmark = Benchmark::new(id, vec![time]);
        benchmark.params = bench
            .params
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => (k, s),
                other => (k, other.to_string()),
            })
            .collect();
        results.benchmarks.push(benchmark);
    }
    let what = "the raw samples of benchmarks whose `stats.data` does not hold every round; \
                their summaries are judged instead";
    if let Some(warning) = super::left_out(summarised, what)
        && let Some(source) = results.sources.first_mut()
    {
        source.warnings.push(warning);
    }
    Ok(results)
}

/// What `stats.data` holds.
enum Data {
    /// Every round, as a number.
    Complete(Vec<f64>),
    /// No `data` (pytest-benchmark without `--benchmark-save-data`).
    Absent,
    /// Not every round: why, for the warning.
    Incomplete(String),
}

/// The raw samples, when `data` holds every round as a number. A list cut
/// short by hand (numbers, then one placeholder string), or one shorter or
/// longer than `rounds`, is incomplete; a string anywhere else is an error.
fn complete_data(at: &str, stats: &WireStats) -> Result<Data, ParseError> {
    let Some(data) = &stats.data else {
        return Ok(Data::Absent);
    };
    let mut values = Vec::with_capacity(data.len());
    for (j, datum) in data.iter().enumerate() {
        match datum.0 {
            Some(v) => values.push(nanos(
                v,
                TimeUnit::Seconds,
                format!("{at}.stats.data[{j}]"),
            )?),
            None if j + 1 == data.len() => {
                return Ok(Data::Incomplete(format!("cut short after {j} values")));
            }
            None => {
                return Err(ParseError::at(
                    format!("{at}.stats.data[{j}]"),
                    "expected a number, found a string",
                ));
            }
        }
    }
    Ok(match stats.rounds {
        Some(rounds) if rounds != values.len() as u64 => {
            Data::Incomplete(format!("{} values for {rounds} rounds", values.len()))
        }
        _ => Data::Complete(values),
    })
}

/// The `time` metric, and why its raw samples were not used when `data`
/// was there but incomplete.
fn time(at: &str, stats: &WireStats) -> Result<(Metric, Option<String>), ParseError> {
    let incomplete = match complete_data(at, stats)? {
        Data::Complete(samples) => {
            let summary = summarize(&samples)
                .map_err(|e| ParseError::at(format!("{at}.stats.data"), e.to_string()))?;
            let metric = Metric::new("time", Unit::Nanoseconds, summary).with_samples(samples);
            return Ok((metric, None));
        }
        Data::Absent => None,
        Data::Incomplete(why) => Some(why),
    };
    if stats.mean.is_none() {
        return Err(ParseError::at(
            format!("{at}.stats.mean"),
            "expected `stats.data` (raw samples) or at least `stats.mean`, found neither",
        ));
    }
    let mut summary = Summary::default();
    let fields = [
        ("min", "min", stats.min),
        ("max", "max", stats.max),
        ("mean", "mean", stats.mean),
        ("stddev", "stddev", stats.stddev),
        ("median", "median", stats.median),
        ("q1", "p25", stats.q1),
        ("q3", "p75", stats.q3),
    ];
    for (field, stat, value) in fields {
        if let Some(value) = value {
            summary.set(
                stat,
                nanos(value.0, TimeUnit::Seconds, format!("{at}.stats.{field}"))?,
            );
        }
    }
    summary.n = stats.rounds;
    Ok((Metric::new("time", Unit::Nanoseconds, summary), incomplete))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::testing::close;

    fn fixture(name: &str) -> String {
        let dir = env!("CARGO_MANIFEST_DIR");
        std::fs::read_to_string(format!("{dir}/tests/fixtures/pytest-benchmark/{name}")).unwrap()
    }

    #[test]
    fn data_becomes_nanosecond_samples() {
        let results = parse(&fixture("with_data.json")).unwrap();
        assert_eq!(results.sources[0].tool, "pytest-benchmark");
        assert_eq!(results.sources[0].version.as_deref(), Some("5.1.0"));
        let bench = &results.benchmarks[0];
        assert_eq!(bench.id, "tests/test_perf.py::test_parse");
        assert!(bench.params.is_empty());
        let time = bench.metric("time").unwrap();
        assert_eq!(time.unit, Unit::Nanoseconds);
        assert_eq!(time.samples.as_ref().map(Vec::len), Some(5));
        assert_eq!(time.summary.n, Some(5));
        close(time.summary.median, 11_000.0);
        close(time.summary.min, 9_000.0);
        assert_eq!(
            time.summary.get("p25"),
            None,
            "quartiles come from the samples"
        );
        let once = results.benchmarks[1].metric("time").unwrap();
        assert_eq!((once.summary.n, once.summary.stddev), (Some(1), None));
    }

    #[test]
    fn without_data_the_statistics_and_quartiles_are_mapped() {
        let results = parse(&fixture("stats_only.json")).unwrap();
        let time = results.benchmarks[0].metric("time").unwrap();
        assert_eq!(time.samples, None);
        assert_eq!(time.summary.n, Some(5));
        close(time.summary.mean, 11_000.0);
        close(time.summary.get("p25"), 9_500.0);
        close(time.summary.get("p75"), 12_500.0);
        assert_eq!(time.summary.p90, None);
    }

    #[test]
    fn trimmed_data_falls_back_to_the_statistics() {
        let results = parse(&fixture("trimmed_data.json")).unwrap();
        let time = results.benchmarks[0].metric("time").unwrap();
        assert_eq!(time.samples, None);
        assert_eq!(time.summary.n, Some(6));
        close(time.summary.max, 26_000.0);
        assert_eq!(
            results.sources[0].warnings,
            [
                "left out the raw samples of benchmarks whose `stats.data` does not hold every \
              round; their summaries are judged instead (1 benchmark): bench.py::test_fib \
              (cut short after 3 values)"
            ]
        );
        // Fewer values than rounds: the same fallback, the same warning.
        let short = r#"{"benchmarks": [{"name": "t", "fullname": "a.py::t",
            "stats": {"data": [0.001, 0.002], "rounds": 3, "mean": 0.0015,
                      "min": 0.001, "max": 0.002}}]}"#;
        let results = parse(short).unwrap();
        assert_eq!(results.benchmarks[0].metric("time").unwrap().samples, None);
        assert!(results.sources[0].warnings[0].ends_with("a.py::t (2 values for 3 rounds)"));
        let full = parse(&fixture("with_data.json")).unwrap();
        assert!(full.sources[0].warnings.is_empty());
    }

    #[test]
    fn params_become_strings_and_old_files_use_name() {
        let results = parse(&fixture("params.json")).unwrap();
        let params = &results.benchmarks[0].params;
        let pairs: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let want = [
            ("key", "null"),
            ("kind", "list"),
            ("ratio", "0.5"),
            ("reverse", "true"),
            ("shape", "[2,3]"),
            ("size", "1000"),
        ];
        assert_eq!(pairs, want);

        let results = parse(&fixture("old_2_5_no_fullname.json")).unwrap();
        assert_eq!(results.benchmarks[0].id, "test_xfast");
        assert_eq!(results.sources[0].version.as_deref(), Some("2.5.0"));
        assert_eq!(
            results.benchmarks[0].metric("time").unwrap().summary.n,
            Some(100)
        );
    }

    #[test]
    fn unicode_long_names_and_empty_lists() {
        let results = parse(&fixture("unicode_long_name.json")).unwrap();
        assert!(results.benchmarks[0].id.ends_with("🚀]"));
        assert!(
            results.benchmarks[0]
                .id
                .starts_with("tests/tëst_ünïcode.py::test_日本語")
        );
        assert!(parse(&fixture("empty.json")).unwrap().benchmarks.is_empty());
    }

    #[test]
    fn errors_name_the_json_path() {
        let cases = [
            ("wrong_types.json", "benchmarks[0].stats.mean", "a number"),
            (
                "negative_time.json",
                "benchmarks[0].stats.data[1]",
                "non-negative",
            ),
            ("nan_time.json", "benchmarks[0].stats.data[2]", "NaN"),
            (
                "string_in_data.json",
                "benchmarks[0].stats.data[0]",
                "found a string",
            ),
            ("duplicate_fullname.json", "benchmarks[1].fullname", "again"),
            (
                "no_data_no_mean.json",
                "benchmarks[0].stats.mean",
                "found neither",
            ),
        ];
        for (file, field, message) in cases {
            let err = parse(&fixture(&format!("bad/{file}"))).unwrap_err();
            assert_eq!(err.place.field.as_deref(), Some(field), "{file}: {err}");
            assert!(err.message.contains(message), "{file}: {err}");
        }
        let err = parse(&fixture("bad/truncated.json")).unwrap_err();
        assert!(err.message.contains("truncated"), "{err}");
    }
}
