//! A table of one results document (what `ingest --table` prints).

use std::io::{self, Write};

use comfy_table::{Table, presets};

use crate::model::{MetricKind, Results};

use super::format;

/// Writes a table of every benchmark metric in `results`: its headline
/// statistics, formatted for people.
///
/// # Errors
///
/// When writing to `out` fails.
pub fn results_table(results: &Results, out: &mut dyn Write) -> io::Result<()> {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    table.set_header([
        "benchmark",
        "metric",
        "n",
        "median / p95 / rate",
        "mean",
        "min",
        "max",
    ]);
    for bench in &results.benchmarks {
        for metric in &bench.metrics {
            let s = &metric.summary;
            let show =
                |v: Option<f64>| v.map_or_else(String::new, |v| format::value(v, &metric.unit));
            let headline = match metric.kind {
                MetricKind::Trend => s
                    .p95
                    .map(|v| format!("p95 {}", format::value(v, &metric.unit))),
                MetricKind::Rate => s
                    .get("rate")
                    .map(|v| format::value(v, &crate::model::Unit::Ratio)),
                MetricKind::Counter => s.get("rate").map(|v| format!("{}/s", format::number(v))),
                MetricKind::Gauge => s.get("last").map(|v| format::value(v, &metric.unit)),
                MetricKind::Sample => s.median.map(|v| format::value(v, &metric.unit)),
            };
            table.add_row([
                bench.id.clone(),
                metric.name.clone(),
                s.n.map_or_else(String::new, |n| n.to_string()),
                headline.unwrap_or_default(),
                show(s.mean),
                show(s.min),
                show(s.max),
            ]);
        }
    }
    writeln!(
        out,
        "suite {} · {} benchmarks",
        results.suite,
        results.benchmarks.len()
    )?;
    writeln!(out, "{table}")
}
