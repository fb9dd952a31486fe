//! cargo-criterion `--message-format=json` output (NDJSON on stdout) → the
//! model.
//!
//! Each `benchmark-complete` line gives one benchmark: its `id`, and raw
//! samples `measured_values[i] / iteration_count[i]` converted from `unit`
//! to nanoseconds (metric `time`), the summary computed from them, the slope
//! (`slope.estimate`, absent for Flat sampling) as summary extra `slope`,
//! and each `throughput` entry as metric `throughput` (bytes/s or
//! elements/s per sample). A custom criterion measurement whose unit is not
//! a time becomes metric `measurement` in that unit, without throughput.
//!
//! Deliberately skipped: `group-complete` lines and lines of any other
//! `reason` (cargo's own `compiler-artifact`, `build-finished` … when cargo
//! JSON messages are interleaved), blank lines, and the `typical`, `mean`,
//! `median`, `median_abs_dev` and `change` estimates (bootstrap results,
//! recomputed here from the samples; criterion's own verdict is not
//! benchgate's). A line that is not a JSON object is an error: stdout of
//! `cargo criterion --message-format=json` holds only JSON, so text there
//! means something else was mixed in. A benchmark that appears on several
//! lines (runs appended to one file) gets all their samples; its slope is
//! then left out, since each run has its own.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::{Benchmark, Results, Source, TimeUnit, Unit};

use super::criterion::{Columns, per_iteration, sample_metric, throughput_samples};
use super::{ParseError, Place, json, nanos};

/// Just the `reason` every message starts with.
#[derive(Deserialize)]
struct WireMessage {
    reason: String,
}

/// `BenchmarkComplete` in cargo-criterion `src/message_formats/json.rs` @
/// 4d14e0d5. NaN is written by serde_json as `null`.
#[derive(Deserialize)]
struct WireBenchmarkComplete {
    id: String,
    iteration_count: Vec<u64>,
    measured_values: Vec<Option<f64>>,
    unit: String,
    #[serde(default)]
    throughput: Vec<WireThroughput>,
    slope: Option<WireConfidenceInterval>,
}

/// `Throughput` in the same file.
#[derive(Deserialize)]
struct WireThroughput {
    per_iteration: u64,
    unit: String,
}

/// `ConfidenceInterval` in the same file.
#[derive(Deserialize)]
struct WireConfidenceInterval {
    estimate: f64,
    unit: String,
}

/// The samples of one benchmark id gathered so far.
struct Gathered {
    id: String,
    line: usize,
    unit: String,
    values: Vec<f64>,
    throughputs: Vec<(String, Unit, Vec<f64>)>,
    slope: Option<f64>,
    runs: usize,
}

/// Parses cargo-criterion's JSON messages; benchmarks keep the order of
/// their first line.
///
/// # Errors
///
/// For a line that is not a JSON object, and for a malformed
/// `benchmark-complete` line; the error names the line and the field.
pub fn parse(input: &str) -> Result<Results, ParseError> {
    let mut gathered: Vec<Gathered> = Vec::new();
    let mut by_id: BTreeMap<String, usize> = BTreeMap::new();
    for (index, line) in input.lines().enumerate() {
        let number = index + 1;
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        if !text.starts_with('{') {
            return Err(ParseError::at_line(
                number,
                "expected a JSON message ({\"reason\": …}), found text; \
                 pass only the stdout of `cargo criterion --message-format=json`",
            ));
        }
        let message: WireMessage = parse_line(text, number)?;
        if message.reason != "benchmark-complete" {
            continue;
        }
        let wire: WireBenchmarkComplete = parse_line(text, number)?;
        let run = convert(wire).map_err(on_line(number))?;
        match by_id.get(&run.id).and_then(|&i| gathered.get_mut(i)) {
            Some(earlier) => merge(earlier, run).map_err(on_line(number))?,
            None => {
                by_id.insert(run.id.clone(), gathered.len());
                gathered.push(Gathered {
                    line: number,
                    ..run
                });
            }
        }
    }
    let mut results = Results::new("");
    results.sources = vec![Source::tool("cargo-criterion")];
    results.benchmarks = gathered
        .into_iter()
        .map(to_benchmark)
        .collect::<Result<_, _>>()?;
    Ok(results)
}

/// Parses one line, placing errors at line `number` (the column and JSON
/// path are kept).
fn parse_line<T: serde::de::DeserializeOwned>(text: &str, number: usize) -> Result<T, ParseError> {
    json::parse(text).map_err(on_line(number))
}

/// Moves an error found within one line to line `number` of the input.
fn on_line(number: usize) -> impl Fn(ParseError) -> ParseError {
    move |err| ParseError {
        place: Place {
            line: Some(number),
            ..err.place
        },
        ..err
    }
}

/// One `benchmark-complete` message as samples in the model's units.
fn convert(wire: WireBenchmarkComplete) -> Result<Gathered, ParseError> {
    let time = TimeUnit::parse(&wire.unit);
    let columns = Columns {
        iters: wire
            .iteration_count
            .iter()
            .map(|&n| Some(n as f64))
            .collect(),
        totals: wire.measured_values,
        names: ("iteration_count", "measured_values"),
    };
    let values = per_iteration(&columns, |v, field| match time {
        Some(unit) => nanos(v, unit, field),
        None if v.is_finite() => Ok(v),
        None => Err(ParseError::at(
            field,
            format!("expected a finite value, found {v}"),
        )),
    })?;
    let slope = wire
        .slope
        .map(|s| slope_value(&s, &wire.unit))
        .transpose()?;
    let mut throughputs = Vec::new();
    if time.is_some() {
        for (i, t) in wire.throughput.iter().enumerate() {
            let (name, unit, amount) = throughput_kind(i, t);
            throughputs.push((
                name,
                unit,
                throughput_samples(amount, &values, "measured_values")?,
            ));
        }
    }
    Ok(Gathered {
        id: wire.id,
        line: 0,
        unit: wire.unit,
        values,
        throughputs,
        slope,
        runs: 1,
    })
}

/// The slope in the model's unit: nanoseconds for times, else the
/// measurement's own unit, which it must then share.
fn slope_value(slope: &WireConfidenceInterval, unit: &str) -> Result<f64, ParseError> {
    match (TimeUnit::parse(unit), TimeUnit::parse(&slope.unit)) {
        (Some(_), Some(slope_unit)) => nanos(slope.estimate, slope_unit, "slope.estimate"),
        (None, _) if slope.unit == unit && slope.estimate.is_finite() => Ok(slope.estimate),
        (None, _) if slope.unit == unit => Err(ParseError::at(
            "slope.estimate",
            format!("expected a finite value, found {}", slope.estimate),
        )),
        _ => Err(ParseError::at(
            "slope.unit",
            format!(
                "expected the unit of the measured values ({unit:?}), found {:?}",
                slope.unit
            ),
        )),
    }
}

/// (metric name, unit, amount per iteration) of the `i`-th throughput entry.
fn throughput_kind(i: usize, t: &WireThroughput) -> (String, Unit, f64) {
    let (suffix, unit, amount) = match t.unit.as_str() {
        "bytes" => ("bytes", Unit::BytesPerSecond, t.per_iteration as f64),
        "bits" => ("bytes", Unit::BytesPerSecond, t.per_iteration as f64 / 8.0),
        "elements" => ("elements", Unit::OpsPerSecond, t.per_iteration as f64),
        other => (
            other,
            Unit::Other(format!("{other}/s")),
            t.per_iteration as f64,
        ),
    };
    let name = if i == 0 {
        "throughput".to_owned()
    } else {
        format!("throughput_{suffix}")
    };
    (name, unit, amount)
}

/// Adds a later run of the same benchmark to the earlier one.
fn merge(earlier: &mut Gathered, run: Gathered) -> Result<(), ParseError> {
    let both_times =
        TimeUnit::parse(&earlier.unit).is_some() && TimeUnit::parse(&run.unit).is_some();
    if !both_times && earlier.unit != run.unit {
        return Err(ParseError::at(
            "unit",
            format!(
                "expected {:?} as on line {} for benchmark {:?}, found {:?}",
                earlier.unit, earlier.line, earlier.id, run.unit
            ),
        ));
    }
    earlier.values.extend(run.values);
    earlier.runs += run.runs;
    for (name, unit, samples) in run.throughputs {
        match earlier
            .throughputs
            .iter_mut()
            .find(|(n, u, _)| *n == name && *u == unit)
        {
            Some((_, _, existing)) => existing.extend(samples),
            None => earlier.throughputs.push((name, unit, samples)),
        }
    }
    Ok(())
}

fn to_benchmark(g: Gathered) -> Result<Benchmark, ParseError> {
    let (name, unit) = match TimeUnit::parse(&g.unit) {
        Some(_) => ("time", Unit::Nanoseconds),
        None => ("measurement", Unit::Other(g.unit.clone())),
    };
    let mut first =
        sample_metric(name, unit, g.values, "measured_values").map_err(on_line(g.line))?;
    if let (1, Some(slope)) = (g.runs, g.slope) {
        first.summary.set("slope", slope);
    }
    let mut metrics = vec![first];
    for (name, unit, samples) in g.throughputs {
        metrics
            .push(sample_metric(&name, unit, samples, "measured_values").map_err(on_line(g.line))?);
    }
    Ok(Benchmark::new(g.id, metrics))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::testing::metric;
    use crate::model::Direction;

    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!("../../tests/fixtures/cargo-criterion/", $name))
        };
    }

    #[test]
    fn benchmark_complete_lines_become_per_iteration_samples_and_throughput() {
        let results = parse(fixture!("two.ndjson")).unwrap();
        let ids: Vec<_> = results.benchmarks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["fib 20", "sum/bytes/1024"]);
        assert_eq!(results.sources[0].tool, "cargo-criterion");
        let fib = metric(&results, "fib 20", "time");
        assert_eq!(fib.samples.as_deref(), Some(&[100.0, 120.0, 110.0][..]));
        assert_eq!(
            (fib.unit.clone(), fib.summary.median),
            (Unit::Nanoseconds, Some(110.0))
        );
        let slope = fib.summary.get("slope").unwrap();
        assert!((slope - 157000.0 / 1400.0).abs() < 1e-9, "{slope}");
        let bytes = metric(&results, "sum/bytes/1024", "throughput");
        assert_eq!(
            (bytes.unit.clone(), bytes.summary.median),
            (Unit::BytesPerSecond, Some(2.048e9))
        );
        assert_eq!(bytes.direction, Direction::HigherIsBetter);
    }

    #[test]
    fn other_reasons_and_blank_lines_are_skipped() {
        let results = parse(fixture!("interleaved_unknown.ndjson")).unwrap();
        assert_eq!(results.benchmarks.len(), 1);
        let ops = metric(&results, "parse", "throughput");
        assert_eq!(
            (ops.unit.clone(), ops.samples.clone()),
            (Unit::OpsPerSecond, Some(vec![7.5e7, 6e7]))
        );
        assert!(
            parse(fixture!("no_benchmarks.ndjson"))
                .unwrap()
                .benchmarks
                .is_empty()
        );
        assert!(parse("").unwrap().benchmarks.is_empty());
    }

    #[test]
    fn units_are_converted_and_custom_measurements_keep_theirs() {
        let us = parse(fixture!("units_us.ndjson")).unwrap();
        let time = metric(&us, "sleep/1500ns", "time");
        assert_eq!(
            (time.summary.median, time.summary.get("slope")),
            (Some(1500.0), Some(1500.0))
        );
        let cycles = parse(fixture!("custom_measurement.ndjson")).unwrap();
        let m = metric(&cycles, "cycles/add", "measurement");
        assert_eq!(
            (m.unit.clone(), m.summary.median),
            (Unit::Other("cycles".into()), Some(300.0))
        );
        assert_eq!(m.direction, Direction::LowerIsBetter);
    }

    #[test]
    fn a_benchmark_on_several_lines_pools_its_samples_without_a_slope() {
        let results = parse(fixture!("repeated_run.ndjson")).unwrap();
        let time = metric(&results, "add", "time");
        assert_eq!(time.samples.as_deref(), Some(&[10.0, 11.0, 12.0][..]));
        assert_eq!(time.summary.get("slope"), None);
        let long = parse(fixture!("unicode_long_name.ndjson")).unwrap();
        assert!(long.benchmarks[0].id.starts_with("naïve/日本語 テキスト/x"));
    }

    #[test]
    fn malformed_lines_name_the_line_and_the_field() {
        // fixture in bad/ | line | JSON path ("" = none) | message excerpt
        let cases = [
            "truncated_line|2|measured_values|truncated",
            "wrong_type|2|iteration_count[0]|expected u64",
            "text_line|1||found text",
            "zero_iterations|1|iteration_count[1]|found 0",
            "mismatched_lengths|1|measured_values|(3), found 2",
            "null_value|3|measured_values[1]|found null",
            "missing_unit|1||missing field `unit`",
            "negative_value|1|measured_values[1]|non-negative",
        ];
        for case in cases {
            let [name, line, field, message] = case.split('|').collect::<Vec<_>>()[..] else {
                panic!("{case}")
            };
            let dir = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/cargo-criterion/bad"
            );
            let input = std::fs::read_to_string(format!("{dir}/{name}.ndjson")).unwrap();
            let err = parse(&input).unwrap_err();
            assert_eq!(err.place.line, line.parse().ok(), "{case}: {err}");
            assert_eq!(
                err.place.field.as_deref(),
                (!field.is_empty()).then_some(field),
                "{case}: {err}"
            );
            assert!(err.message.contains(message), "{case}: {err}");
        }
    }

    #[test]
    fn a_slope_in_another_unit_than_the_measurement_is_an_error() {
        let line = r#"{"reason":"benchmark-complete","id":"a","iteration_count":[1],"measured_values":[3.0],"unit":"cycles","slope":{"estimate":3.0,"unit":"ns"}}"#;
        let err = parse(line).unwrap_err();
        assert_eq!(
            (err.place.line, err.place.field.as_deref()),
            (Some(1), Some("slope.unit"))
        );
    }
}
