//! One k6 run written three ways at once (`tests/fixtures/k6-run/`, made by
//! `scripts/make_k6_run.py` with k6 1.1.0 against a loopback server):
//! `--out json` NDJSON, `--summary-export` and `handleSummary`. Everything
//! benchgate computes from the NDJSON must equal what k6 itself summarised
//! from the same samples, to 1e-9 relative, except what the NDJSON cannot
//! know:
//!
//! * counter rates: k6 divides by its run duration (`testRunDurationMs`,
//!   which includes the time before the first and after the last sample);
//!   the NDJSON has only the samples, so benchgate divides by their span;
//! * thresholds on sub-metrics (`http_req_duration{name:home}`): k6 writes
//!   a sub-metric's definition into the NDJSON but not its thresholds;
//! * `--summary-export` does not say which custom trends hold times, so its
//!   reader keeps `render_time` (a `Trend(…, true)`) in milliseconds as a
//!   plain number; the NDJSON says `contains: time` and gives nanoseconds.

use std::path::{Path, PathBuf};

use benchgate::ingest::{self, Format, k6_json};
use benchgate::model::{Benchmark, Results, Unit};

use crate::support::fixtures_dir;

fn run_dir() -> PathBuf {
    fixtures_dir().join("k6-run")
}

/// benchgate's reading of the run's NDJSON, with k6's extra percentile.
fn from_ndjson() -> Results {
    let options = k6_json::Options {
        percentiles: vec![99.9],
        ..k6_json::Options::default()
    };
    let loaded = k6_json::load(&[run_dir().join("out.ndjson.gz")], &options).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.results
}

/// k6's run duration in seconds, from the `handleSummary` data.
fn k6_run_seconds() -> f64 {
    let text = std::fs::read_to_string(run_dir().join("handle-summary.json")).unwrap();
    let data: serde_json::Value = serde_json::from_str(&text).unwrap();
    data["state"]["testRunDurationMs"].as_f64().unwrap() / 1000.0
}

fn close(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-9 * want.abs().max(f64::MIN_POSITIVE)
}

/// Compares every statistic of every metric of k6's `summary` with the
/// NDJSON reading; returns how many values were compared.
fn assert_same(summary_file: &Path, format: Format, ndjson: &Results) -> usize {
    let name = summary_file.display();
    let summary = ingest::load(summary_file, Some(format)).unwrap();
    let seconds = k6_run_seconds();
    let mut compared = 0;
    for want in &summary.benchmarks {
        let got: &Benchmark = ndjson
            .benchmark(&want.id)
            .unwrap_or_else(|| panic!("{name}: {} is not in the NDJSON reading", want.id));
        for wm in &want.metrics {
            let gm = got
                .metric(&wm.name)
                .unwrap_or_else(|| panic!("{name}: {}: no metric {}", want.id, wm.name));
            assert_eq!(gm.kind, wm.kind, "{name}: {}: kind", want.id);
            assert_eq!(gm.direction, wm.direction, "{name}: {}: direction", want.id);
            // Only --summary-export's custom time trend is in another unit.
            let scale = if gm.unit == wm.unit {
                1.0
            } else {
                assert_eq!(
                    (format, want.id.as_str(), &wm.unit, gm.unit.is_time()),
                    (Format::K6Summary, "render_time", &Unit::Count, true),
                    "{name}: {}: unit {:?} vs {:?}",
                    want.id,
                    wm.unit,
                    gm.unit
                );
                1e6
            };
            for (stat, value) in wm.summary.iter() {
                let g = gm.summary.get(&stat).unwrap_or_else(|| {
                    panic!("{name}: {}/{}: NDJSON has no {stat}", want.id, wm.name)
                });
                if wm.name == "counter" && stat == "rate" {
                    // k6: count / run duration; NDJSON: count / sample span.
                    let count = wm.summary.get("count").unwrap();
                    assert!(
                        close(value, count / seconds),
                        "{name}: {}: k6 rate",
                        want.id
                    );
                    assert!(
                        g >= value && g <= value * 1.01,
                        "{name}: {}: rate {g} vs k6's {value}",
                        want.id
                    );
                } else {
                    let scale = if stat == "n" { 1.0 } else { scale };
                    assert!(
                        close(g, value * scale),
                        "{name}: {}/{}/{stat}: NDJSON {g}, k6 {value}",
                        want.id,
                        wm.name
                    );
                }
                compared += 1;
            }
        }
        if want.id.contains('{') {
            assert!(got.thresholds.is_empty(), "{name}: {}: thresholds", want.id);
        } else {
            assert_eq!(got.thresholds, want.thresholds, "{name}: {}", want.id);
        }
    }
    compared
}

#[test]
fn ndjson_figures_equal_k6s_handle_summary_of_the_same_run() {
    let ndjson = from_ndjson();
    let compared = assert_same(
        &run_dir().join("handle-summary.json"),
        Format::K6HandleSummary,
        &ndjson,
    );
    // 29 metrics, sub-metrics and checks; trends carry 9 statistics each.
    assert_eq!(compared, 173);
}

#[test]
fn ndjson_figures_equal_k6s_summary_export_of_the_same_run() {
    let ndjson = from_ndjson();
    let compared = assert_same(
        &run_dir().join("summary-export.json"),
        Format::K6Summary,
        &ndjson,
    );
    assert_eq!(compared, 173);
}

#[test]
fn the_run_has_every_kind_of_k6_metric_and_failing_thresholds_are_judged_alike() {
    let ndjson = from_ndjson();
    let kinds: std::collections::BTreeSet<String> = ndjson
        .benchmarks
        .iter()
        .flat_map(|b| b.metrics.iter().map(|m| m.name.clone()))
        .collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["counter", "gauge", "rate", "trend"]
    );
    // Thresholds on the parent metrics are in the NDJSON and judged there
    // (the summaries' verdicts are compared above); the script makes one fail.
    let judged: Vec<(&str, bool)> = ndjson
        .benchmarks
        .iter()
        .flat_map(|b| b.thresholds.iter().map(|t| (b.id.as_str(), t.passed)))
        .collect();
    assert_eq!(judged.len(), 8, "{judged:?}");
    let failed: Vec<&str> = judged.iter().filter(|t| !t.1).map(|t| t.0).collect();
    assert_eq!(failed, ["iteration_duration"]);
}
