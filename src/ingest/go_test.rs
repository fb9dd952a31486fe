//! `go test -bench` text output (the format of Go's `testing` package, as
//! golang.org/x/perf `benchfmt` reads it: golang/perf `benchfmt/reader.go`
//! @ 680867cd, and the proposal `design/14313-benchmark-format.md`).
//!
//! Read, line by line:
//! - configuration lines `key: value` (`goos:`, `pkg:`, `cpu:`, any
//!   lowercase key); only `pkg:` matters here — it applies to the result
//!   lines that follow until the next `pkg:`, and prefixes their ids;
//! - result lines `Benchmark<Name>[-<procs>] <iterations> <value> <unit>…`.
//!   The id is `<pkg>.<name as printed>` (the `Benchmark` prefix and the
//!   `-<GOMAXPROCS>` suffix are kept), or the name alone before any `pkg:`.
//!   The same id on several lines (`-count=N`, or the same package printed
//!   twice) makes one benchmark whose metrics have one sample per line. The
//!   same name in two packages (the gofiber output) gives two benchmarks,
//!   told apart by their package prefix.
//!
//! Units: `ns/op` → `time` (ns); `B/op` → `alloc_bytes` (bytes);
//! `allocs/op` → `allocs` (count); `MB/s` → `throughput` (bytes/s, Go's MB is
//! 10⁶ bytes); anything else (`b.ReportMetric`) → a metric named by the unit
//! string, kept in `Unit::Other`, direction inferred. A custom time-like unit
//! (`ms/op`, `ns/frame`) is the user's own metric and is not converted:
//! `testing` itself always reports time as `ns/op`.
//!
//! Skipped on purpose: `PASS`/`FAIL`/`ok` lines, `--- BENCH:` logs and their
//! indented output, free text, `Unit …` metadata lines, configuration keys
//! other than `pkg` (`goos`, `cpu` … describe the host, not a benchmark), the
//! iteration count, and under `-v` the bare `BenchmarkX` line printed before
//! the result (a `Benchmark…` line whose second field is not an iteration
//! count is log output, not a result). A result Go printed apart from its
//! name (a benchmark writing to stdout) cannot be attributed and is not read,
//! as in `benchfmt`. A line that has a name and an iteration count but
//! malformed value/unit pairs is an error at its line.

use std::collections::HashMap;

use crate::model::{Benchmark, Metric, Results, Source, TimeUnit, Unit};

use super::{ParseError, nanos, summarize};

/// Parses `go test -bench` output.
///
/// # Errors
///
/// At the line of a result line with an odd number of value/unit fields, a
/// value that is not a number, a unit given twice, or a NaN, infinite or
/// negative `ns/op`, `B/op`, `allocs/op` or `MB/s`.
pub fn parse(input: &str) -> Result<Results, ParseError> {
    let mut pkg: Option<&str> = None;
    let mut series: Vec<Series> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (index, line) in input.lines().enumerate() {
        let number = index + 1;
        if let Some((key, value)) = config_line(line) {
            if key == "pkg" {
                pkg = Some(value).filter(|v| !v.is_empty());
            }
            continue;
        }
        let Some(result) = result_line(line).map_err(|m| ParseError::at_line(number, m))? else {
            continue;
        };
        let id = match pkg {
            Some(pkg) => format!("{pkg}.{}", result.name),
            None => result.name.to_owned(),
        };
        let slot = *by_id.entry(id.clone()).or_insert_with(|| {
            series.push(Series {
                id,
                metrics: Vec::new(),
            });
            series.len() - 1
        });
        let Some(target) = series.get_mut(slot) else {
            continue;
        };
        for (value, unit) in result.pairs {
            let (name, model_unit, value) = convert(value, unit).map_err(|mut e| {
                e.place.line = Some(number);
                e
            })?;
            match target.metrics.iter_mut().find(|(n, _, _)| *n == name) {
                Some((_, u, _)) if *u != model_unit => {
                    return Err(ParseError::at_line(
                        number,
                        format!(
                            "metric `{name}` of {} is given in both `{u}` and `{unit}`",
                            target.id
                        ),
                    ));
                }
                Some((_, _, samples)) => samples.push(value),
                None => target.metrics.push((name, model_unit, vec![value])),
            }
        }
    }
    let mut results = Results::new("");
    results.sources = vec![Source::tool("go")];
    for s in series {
        let mut metrics = Vec::with_capacity(s.metrics.len());
        for (name, unit, samples) in s.metrics {
            let summary = summarize(&samples).map_err(|e| {
                ParseError::whole(format!("benchmark {}: metric {name}: {e}", s.id))
            })?;
            metrics.push(Metric::new(name, unit, summary).with_samples(samples));
        }
        results.benchmarks.push(Benchmark::new(s.id, metrics));
    }
    Ok(results)
}

/// Whether `text` holds at least one `go test -bench` result line: a
/// benchmark name followed by an iteration count (prose, logs and `PASS`
/// lines around it do not matter). A malformed result line counts, so that
/// parsing reports its line instead of detection giving up.
pub fn looks_like(text: &str) -> bool {
    text.lines()
        .any(|line| !matches!(result_line(line), Ok(None)))
}

/// One benchmark's metrics while the lines are read: name, unit, samples.
struct Series {
    id: String,
    metrics: Vec<(String, Unit, Vec<f64>)>,
}

/// A parsed result line.
struct ResultLine<'a> {
    name: &'a str,
    pairs: Vec<(f64, &'a str)>,
}

/// `key: value` where the key starts lowercase and has no space or
/// uppercase letter (benchfmt's rule, which keeps prose out).
fn config_line(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let first = key.chars().next()?;
    let key_ok =
        first.is_lowercase() && !key.chars().any(|c| c.is_whitespace() || c.is_uppercase());
    let value_ok = value.is_empty() || value.starts_with([' ', '\t']);
    (key_ok && value_ok).then(|| (key, value.trim()))
}

/// `Benchmark` followed by nothing or a character that is not lowercase
/// (`Benchmarks are…` is prose; `BenchmarkFoo`, `Benchmark_x` are names).
fn is_benchmark_name(field: &str) -> bool {
    field
        .strip_prefix("Benchmark")
        .is_some_and(|rest| !rest.chars().next().is_some_and(char::is_lowercase))
}

/// `Ok(None)` when the line is not a result line; an error message when it
/// has a benchmark name and an iteration count but malformed pairs.
fn result_line(line: &str) -> Result<Option<ResultLine<'_>>, String> {
    if !line.starts_with("Benchmark") {
        return Ok(None);
    }
    let mut fields = line.split_whitespace();
    let Some(name) = fields.next().filter(|n| is_benchmark_name(n)) else {
        return Ok(None);
    };
    let Some(iterations) = fields.next() else {
        return Ok(None);
    };
    if iterations.parse::<u64>().is_err() {
        return Ok(None);
    }
    let rest: Vec<&str> = fields.collect();
    if rest.is_empty() || !rest.len().is_multiple_of(2) {
        return Err(format!(
            "expected `<value> <unit>` pairs after the iteration count of {name}, found {} field(s)",
            rest.len()
        ));
    }
    let mut pairs: Vec<(f64, &str)> = Vec::with_capacity(rest.len() / 2);
    for pair in rest.chunks_exact(2) {
        let [value, unit] = pair else { continue };
        let Ok(number) = value.parse::<f64>() else {
            return Err(format!(
                "expected a number before unit `{unit}`, found `{value}`"
            ));
        };
        if pairs.iter().any(|(_, u)| u == unit) {
            return Err(format!("unit `{unit}` appears twice on the line of {name}"));
        }
        pairs.push((number, unit));
    }
    Ok(Some(ResultLine { name, pairs }))
}

/// Maps a Go unit to the model: (metric name, unit, value in that unit).
fn convert(value: f64, unit: &str) -> Result<(String, Unit, f64), ParseError> {
    let (name, model_unit, scale) = match unit {
        "ns/op" => {
            return Ok((
                "time".into(),
                Unit::Nanoseconds,
                nanos(value, TimeUnit::Nanoseconds, unit)?,
            ));
        }
        "B/op" => ("alloc_bytes", Unit::Bytes, 1.0),
        "allocs/op" => ("allocs", Unit::Count, 1.0),
        "MB/s" => ("throughput", Unit::BytesPerSecond, 1e6),
        other => {
            if !value.is_finite() {
                return Err(ParseError::at(
                    other,
                    format!("expected a finite number, found {value}"),
                ));
            }
            return Ok((other.to_owned(), Unit::Other(other.to_owned()), value));
        }
    };
    if !value.is_finite() || value < 0.0 {
        return Err(ParseError::at(
            unit,
            format!("expected a non-negative number, found {value}"),
        ));
    }
    Ok((name.to_owned(), model_unit, value * scale))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::testing::metric;
    use crate::model::Direction;

    #[test]
    fn count_lines_become_samples_per_package() {
        let r = parse(include_str!(
            "../../tests/fixtures/go-test/two_packages_count3.txt"
        ))
        .unwrap();
        assert_eq!(r.sources[0].tool, "go");
        let ids: Vec<&str> = r.benchmarks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "example.com/shop/cart.BenchmarkAdd-8",
                "example.com/shop/cart.BenchmarkTotal/items=10-8",
                "example.com/shop/price.BenchmarkAdd-8",
            ]
        );
        let time = metric(&r, "example.com/shop/cart.BenchmarkAdd-8", "time");
        assert_eq!(time.samples.as_deref(), Some(&[101.5, 99.5, 100.0][..]));
        assert_eq!(time.summary.median, Some(100.0));
        assert_eq!(time.summary.n, Some(3));
        let bytes = metric(&r, "example.com/shop/cart.BenchmarkAdd-8", "alloc_bytes");
        assert_eq!(
            (bytes.unit.clone(), bytes.summary.max),
            (Unit::Bytes, Some(48.0))
        );
        let allocs = metric(&r, "example.com/shop/cart.BenchmarkAdd-8", "allocs");
        assert_eq!(allocs.unit, Unit::Count);
        let tp = metric(&r, "example.com/shop/price.BenchmarkAdd-8", "throughput");
        assert_eq!(
            (tp.unit.clone(), tp.direction),
            (Unit::BytesPerSecond, Direction::HigherIsBetter)
        );
        assert_eq!(tp.summary.min, Some(812.5e6));
    }

    #[test]
    fn custom_units_keep_their_names_and_unicode_names_survive() {
        let r = parse(include_str!(
            "../../tests/fixtures/go-test/report_metric_units.txt"
        ))
        .unwrap();
        let id = "example.com/render.BenchmarkDraw/größe=10×10/名前=\"x\"-4";
        let frame = metric(&r, id, "ns/frame");
        assert_eq!(frame.unit, Unit::Other("ns/frame".into()));
        assert_eq!(frame.summary.mean, Some(1250.0));
        let fps = metric(&r, id, "frames/s");
        assert_eq!(fps.direction, Direction::HigherIsBetter);
        assert_eq!(
            metric(&r, "example.com/render.BenchmarkIdle", "time")
                .summary
                .mean,
            Some(0.25)
        );
    }

    #[test]
    fn noise_is_skipped() {
        let text = "Benchmarks below were run twice.\nnote: x\nBenchmarkA\nBenchmarkA-2 \tsome log line\n--- BENCH: BenchmarkA-2\n    a_test.go:9: hi\nBenchmarkA-2 \t 10\t 5 ns/op\nPASS\nok  \tx\t0.1s\n";
        let r = parse(text).unwrap();
        assert_eq!(r.benchmarks.len(), 1);
        assert_eq!(r.benchmarks[0].id, "BenchmarkA-2");
        assert!(looks_like(text));
        assert!(!looks_like(
            "Benchmarks are fun: 10 ns/op\nBenchmarkA is slow\nPASS\n"
        ));
        assert!(
            looks_like("BenchmarkA 10 5\n"),
            "malformed result lines are go output too"
        );
        assert!(parse("PASS\n").unwrap().benchmarks.is_empty());
    }

    #[test]
    fn malformed_result_lines_name_their_line() {
        let err = parse(include_str!(
            "../../tests/fixtures/go-test/bad/odd_fields.txt"
        ))
        .unwrap_err();
        assert_eq!(err.place.line, Some(4));
        assert!(err.message.contains("found 3 field(s)"), "{}", err.message);
        let err = parse("pkg: p\nBenchmarkA 10 fast ns/op\n").unwrap_err();
        assert_eq!(err.place.line, Some(2));
        assert_eq!(
            err.message,
            "expected a number before unit `ns/op`, found `fast`"
        );
        let err = parse(include_str!(
            "../../tests/fixtures/go-test/bad/nan_time.txt"
        ))
        .unwrap_err();
        assert_eq!(
            (err.place.line, err.place.field.as_deref()),
            (Some(3), Some("ns/op"))
        );
        assert!(err.message.contains("NaN"), "{}", err.message);
        let err = parse(include_str!(
            "../../tests/fixtures/go-test/bad/negative_time.txt"
        ))
        .unwrap_err();
        assert_eq!(err.place.line, Some(5));
        assert!(err.message.contains("non-negative"), "{}", err.message);
        let err = parse("BenchmarkA 1 2 ns/op 3 ns/op\n").unwrap_err();
        assert!(err.message.contains("twice"), "{}", err.message);
        let err = parse("BenchmarkA 1 2 ns/op 3 time\n").unwrap_err();
        assert_eq!(
            err.message,
            "metric `time` of BenchmarkA is given in both `ns` and `time`"
        );
        let err = parse("BenchmarkA 1 -2 B/op\n").unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some("B/op"));
    }
}
