//! The custom JSON format users of github-action-benchmark write by hand
//! (its `customSmallerIsBetter`/`customBiggerIsBetter` tools): an array of
//! `{"name", "unit", "value", "range"?, "extra"?}`, which benchgate extends
//! with optional `samples` and `direction`.
//!
//! Each entry is one benchmark, id = `name` (names must be unique and
//! non-empty), with one metric named `value`:
//! - `unit` is normalised by [`normalise_unit`]: times (`ps` … `h`, long
//!   names, and `<time>/op`, `<time>/iter`) → ns; `B`, `KB`, `MB`, `GB`, `TB`
//!   (powers of 1000) and `KiB`, `MiB`, `GiB`, `TiB` (powers of 1024) →
//!   bytes; the same over `/s` or `/sec` → bytes/s; `ops`, `op`, `req`,
//!   `iter` over `/s` or `/sec` → ops/s; `%` → ratio (value / 100); anything else is
//!   kept as `Unit::Other`, values unchanged.
//! - Without `samples`, `value` is the summary's `mean` and nothing else:
//!   a single reported number, with no count or spread to invent. With
//!   `samples` (same unit as `value`), the summary is computed from them and
//!   `value` is kept next to it as the statistic `value`, so a report can
//!   still show the number the user chose to headline.
//! - `direction`: `lower_is_better`/`smaller_is_better` or
//!   `higher_is_better`/`bigger_is_better`; absent → inferred from the unit
//!   and name; anything else is an error.
//! - `range` (`"± 2.3"`, `"+/- 2.3"`, or a bare number) becomes the statistic
//!   `range`, converted like `value`, when it is a number; any other text is
//!   ignored — github-action-benchmark only displays it.
//! - `extra` (free text shown in github-action-benchmark's tooltip) is not
//!   read.

use serde::Deserialize;
use serde_json::Value;

use crate::model::{Benchmark, Direction, Metric, Results, Source, Summary, TimeUnit, Unit};

use super::{ParseError, json, nanos, summarize};

/// One entry: github-action-benchmark's `BenchmarkResult` (benchmark-action/
/// github-action-benchmark `src/extract.ts` @ 04dcc2c4: `name`, `value`,
/// `range?`, `unit`, `extra?`); `samples` and `direction` are benchgate's
/// additions. `range` is declared a string there; a number is accepted too.
#[derive(Deserialize)]
struct WireEntry {
    name: String,
    unit: String,
    value: f64,
    range: Option<Value>,
    samples: Option<Vec<f64>>,
    direction: Option<String>,
}

/// Parses a custom JSON array.
///
/// # Errors
///
/// On malformed JSON or a missing or mistyped field (with its path), an
/// empty or repeated name, a NaN or negative time, or an unknown direction.
pub fn parse(input: &str) -> Result<Results, ParseError> {
    let entries: Vec<WireEntry> = json::parse(input)?;
    let mut results = Results::new("");
    results.sources = vec![Source::tool("custom")];
    for (i, entry) in entries.iter().enumerate() {
        if entry.name.trim().is_empty() {
            return Err(ParseError::at(
                format!("[{i}].name"),
                "expected a non-empty name",
            ));
        }
        if let Some(first) = entries.iter().take(i).position(|e| e.name == entry.name) {
            return Err(ParseError::at(
                format!("[{i}].name"),
                format!(
                    "duplicate benchmark name {:?}: entries [{first}] and [{i}] both use it",
                    entry.name
                ),
            ));
        }
        results
            .benchmarks
            .push(Benchmark::new(entry.name.clone(), vec![metric(entry, i)?]));
    }
    Ok(results)
}

fn metric(entry: &WireEntry, i: usize) -> Result<Metric, ParseError> {
    let (unit, conv) = normalise_unit(&entry.unit);
    let value = conv.apply(entry.value, format!("[{i}].value"))?;
    let mut samples = None;
    let mut summary = match &entry.samples {
        Some(raw) => {
            let mut converted = Vec::with_capacity(raw.len());
            for (j, v) in raw.iter().enumerate() {
                converted.push(conv.apply(*v, format!("[{i}].samples[{j}]"))?);
            }
            let mut summary = summarize(&converted)
                .map_err(|e| ParseError::at(format!("[{i}].samples"), e.to_string()))?;
            summary.set("value", value);
            samples = Some(converted);
            summary
        }
        None => Summary {
            mean: Some(value),
            ..Summary::default()
        },
    };
    if let Some(range) = entry.range.as_ref().and_then(range_number) {
        summary.set("range", conv.apply(range, format!("[{i}].range"))?);
    }
    let mut metric = Metric::new("value", unit, summary);
    if let Some(samples) = samples {
        metric = metric.with_samples(samples);
    }
    let direction = match entry.direction.as_deref() {
        None => return Ok(metric),
        Some("lower_is_better" | "smaller_is_better") => Direction::LowerIsBetter,
        Some("higher_is_better" | "bigger_is_better") => Direction::HigherIsBetter,
        Some(other) => {
            return Err(ParseError::at(
                format!("[{i}].direction"),
                format!(
                    "expected \"lower_is_better\", \"smaller_is_better\", \"higher_is_better\" \
                     or \"bigger_is_better\", found {other:?}"
                ),
            ));
        }
    };
    Ok(metric.with_direction(direction))
}

/// `"± 2.3"`, `"+/- 2.3"`, `"+- 2.3"`, `"2.3"` or a JSON number → 2.3.
fn range_number(range: &Value) -> Option<f64> {
    let number = match range {
        Value::Number(n) => n.as_f64()?,
        Value::String(text) => {
            let text = text.trim();
            let text = ["±", "+/-", "+-"]
                .iter()
                .find_map(|p| text.strip_prefix(p))
                .unwrap_or(text);
            text.trim().parse::<f64>().ok()?
        }
        _ => return None,
    };
    (number.is_finite() && number >= 0.0).then_some(number)
}

/// How a custom unit's values convert into the model unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Conversion {
    /// A time: through [`nanos`] (rejects NaN and negative values).
    Time(TimeUnit),
    /// Multiply by this factor.
    Scale(f64),
}

impl Conversion {
    fn apply(self, value: f64, field: String) -> Result<f64, ParseError> {
        match self {
            Self::Time(unit) => nanos(value, unit, field),
            Self::Scale(_) if !value.is_finite() => Err(ParseError::at(
                field,
                format!("expected a finite number, found {value}"),
            )),
            Self::Scale(factor) => Ok(value * factor),
        }
    }
}

/// The one place custom units are normalised: the model unit of `unit` and
/// how a value converts to it.
pub(crate) fn normalise_unit(unit: &str) -> (Unit, Conversion) {
    let unit = unit.trim();
    let per_op = unit
        .strip_suffix("/op")
        .or_else(|| unit.strip_suffix("/iter"));
    if let Some(time) = TimeUnit::parse(per_op.unwrap_or(unit)) {
        return (Unit::Nanoseconds, Conversion::Time(time));
    }
    if let Some(factor) = bytes_factor(unit) {
        return (Unit::Bytes, Conversion::Scale(factor));
    }
    let per_second = ["/s", "/sec"].iter().find_map(|s| unit.strip_suffix(s));
    if let Some(factor) = per_second.and_then(bytes_factor) {
        return (Unit::BytesPerSecond, Conversion::Scale(factor));
    }
    if matches!(per_second, Some("ops" | "op" | "req" | "iter")) {
        return (Unit::OpsPerSecond, Conversion::Scale(1.0));
    }
    if unit == "%" {
        return (Unit::Ratio, Conversion::Scale(0.01));
    }
    (Unit::Other(unit.to_owned()), Conversion::Scale(1.0))
}

fn bytes_factor(unit: &str) -> Option<f64> {
    let factor = match unit {
        "B" | "byte" | "bytes" => 1.0,
        "KB" | "kB" => 1e3,
        "MB" => 1e6,
        "GB" => 1e9,
        "TB" => 1e12,
        "KiB" => 1024.0,
        "MiB" => 1024.0 * 1024.0,
        "GiB" => 1024.0 * 1024.0 * 1024.0,
        "TiB" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    Some(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_normalise_through_one_function() {
        let cases = [
            ("ps", 1500.0, Unit::Nanoseconds, 1.5),
            ("µs", 2.0, Unit::Nanoseconds, 2000.0),
            ("milliseconds", 1.5, Unit::Nanoseconds, 1.5e6),
            ("min", 2.0, Unit::Nanoseconds, 120e9),
            ("ns/iter", 7.0, Unit::Nanoseconds, 7.0),
            ("KB", 2.0, Unit::Bytes, 2000.0),
            ("MiB", 1.0, Unit::Bytes, 1048576.0),
            ("MB/s", 3.0, Unit::BytesPerSecond, 3e6),
            ("req/s", 5.0, Unit::OpsPerSecond, 5.0),
            ("ops/sec", 5.0, Unit::OpsPerSecond, 5.0),
            ("%", 12.5, Unit::Ratio, 0.125),
            ("widgets", 4.0, Unit::Other("widgets".into()), 4.0),
        ];
        for (symbol, value, unit, want) in cases {
            let (got_unit, conv) = normalise_unit(symbol);
            assert_eq!(got_unit, unit, "{symbol}");
            let got = conv.apply(value, "x".into()).unwrap();
            assert!(
                (got - want).abs() <= 1e-9 * want,
                "{symbol}: {got} != {want}"
            );
        }
    }

    #[test]
    fn fixture_with_every_time_unit_samples_and_directions() {
        let r = parse(include_str!(
            "../../tests/fixtures/custom/units_ps_to_min.json"
        ))
        .unwrap();
        assert_eq!(r.sources[0].tool, "custom");
        let m = |id: &str| {
            r.benchmark(id)
                .and_then(|b| b.metric("value"))
                .unwrap_or_else(|| panic!("{id}"))
        };
        assert_eq!(m("tiny").summary.mean, Some(0.25));
        assert_eq!(m("startup").summary.mean, Some(2.5e6));
        assert_eq!(m("build").summary.mean, Some(90e9));
        assert_eq!(m("build").summary.get("range"), Some(6e9));
        assert_eq!(m("build").summary.n, None);
        let rps = m("requests");
        assert_eq!(
            (rps.unit.clone(), rps.direction),
            (Unit::OpsPerSecond, Direction::HigherIsBetter)
        );
        let score = m("score");
        assert_eq!(
            (score.direction, score.unit.clone()),
            (Direction::HigherIsBetter, Unit::Other("points".into()))
        );
        let parse_ms = m("parse");
        assert_eq!(parse_ms.samples.as_deref(), Some(&[1e6, 3e6, 2e6][..]));
        assert_eq!(
            (parse_ms.summary.median, parse_ms.summary.get("value")),
            (Some(2e6), Some(2.1e6))
        );
        assert_eq!(m("hit rate").summary.mean, Some(0.975));
    }

    #[test]
    fn unicode_names_and_empty_arrays() {
        let r = parse(include_str!(
            "../../tests/fixtures/custom/unicode_long_name.json"
        ))
        .unwrap();
        assert_eq!(r.benchmarks.len(), 2);
        assert!(
            r.benchmarks[0].id.starts_with("Größe/名前/"),
            "{}",
            r.benchmarks[0].id
        );
        assert!(
            parse(include_str!("../../tests/fixtures/custom/empty.json"))
                .unwrap()
                .benchmarks
                .is_empty()
        );
    }

    #[test]
    fn bad_inputs_name_the_place() {
        let bad = |name: &str| match name {
            "duplicate_names" => {
                include_str!("../../tests/fixtures/custom/bad/duplicate_names.json")
            }
            "negative_time" => include_str!("../../tests/fixtures/custom/bad/negative_time.json"),
            "value_is_text" => include_str!("../../tests/fixtures/custom/bad/value_is_text.json"),
            "unknown_direction" => {
                include_str!("../../tests/fixtures/custom/bad/unknown_direction.json")
            }
            "empty_samples" => include_str!("../../tests/fixtures/custom/bad/empty_samples.json"),
            "nan_value" => include_str!("../../tests/fixtures/custom/bad/nan_value.json"),
            "missing_unit" => include_str!("../../tests/fixtures/custom/bad/missing_unit.json"),
            "not_an_array" => include_str!("../../tests/fixtures/custom/bad/not_an_array.json"),
            _ => include_str!("../../tests/fixtures/custom/bad/truncated.json"),
        };
        let err = parse(bad("duplicate_names")).unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some("[2].name"));
        assert!(
            err.message.contains("entries [0] and [2]"),
            "{}",
            err.message
        );
        let err = parse(bad("negative_time")).unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some("[0].samples[1]"));
        assert!(err.message.contains("non-negative"), "{}", err.message);
        let err = parse(bad("value_is_text")).unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some("[1].value"));
        let err = parse(bad("unknown_direction")).unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some("[0].direction"));
        let err = parse(bad("empty_samples")).unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some("[0].samples"));
        let err = parse(bad("truncated")).unwrap_err();
        assert!(err.message.contains("truncated"), "{}", err.message);
        let err = parse(bad("nan_value")).unwrap_err();
        assert_eq!(err.place.line, Some(2));
        let err = parse(bad("missing_unit")).unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some("[0]"));
        assert!(
            err.message.contains("missing field `unit`"),
            "{}",
            err.message
        );
        let err = parse(bad("not_an_array")).unwrap_err();
        assert!(
            err.message.contains("expected a sequence"),
            "{}",
            err.message
        );
    }
}
