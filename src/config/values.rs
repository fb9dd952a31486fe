//! Values written as text in `benchgate.toml`: percentages, SLOs, limits
//! with units.

use crate::compare::{Slo, SloOp};
use crate::model::{Summary, TimeUnit};

/// `"10%"` (or `"10"`) → 0.10.
pub fn parse_percent(text: &str) -> Option<f64> {
    let number: f64 = text.trim().trim_end_matches('%').trim().parse().ok()?;
    (number.is_finite() && number > 0.0).then_some(number / 100.0)
}

/// Parses `"http_req_duration p95 < 150ms"`. The value may carry a time unit
/// (converted to ns), `%` (a fraction) or none (the metric's own unit).
///
/// # Errors
///
/// A message saying which part is wrong.
pub fn parse_slo(text: &str) -> Result<Slo, String> {
    let expected = "expected \"BENCHMARK STAT < VALUE\" or \"BENCHMARK STAT > VALUE\", e.g. \"http_req_duration p95 < 150ms\"";
    let (left, op, right) = if let Some((l, r)) = text.split_once('<') {
        (l, SloOp::Below, r)
    } else if let Some((l, r)) = text.split_once('>') {
        (l, SloOp::Above, r)
    } else {
        return Err(format!("{expected}, found {text:?}"));
    };
    let mut words = left.split_whitespace();
    let (Some(benchmark), Some(stat), None) = (words.next(), words.next(), words.next()) else {
        return Err(format!("{expected}, found {text:?}"));
    };
    let value = parse_value(right.trim()).ok_or_else(|| {
        format!(
            "cannot read the limit {:?}: expected a number with an optional unit (150ms, 2s, 1%)",
            right.trim()
        )
    })?;
    let symbol = match op {
        SloOp::Below => '<',
        SloOp::Above => '>',
    };
    Ok(Slo {
        benchmark: benchmark.to_owned(),
        stat: Summary::canonical_name(stat),
        op,
        value,
        expression: format!("{stat} {symbol} {}", right.trim()),
    })
}

/// A limit with its unit: `150ms` → 1.5e8 (ns), `1%` → 0.01, `42` → 42.
fn parse_value(text: &str) -> Option<f64> {
    let split = text
        .find(|c: char| {
            !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')
        })
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.trim().parse().ok()?;
    let unit = unit.trim();
    let value = if unit.is_empty() {
        number
    } else if unit == "%" {
        number / 100.0
    } else {
        TimeUnit::parse(unit)?.to_nanos(number)
    };
    value.is_finite().then_some(value)
}
