//! Tests of the k6 NDJSON adapter: hand-computed values from the fixtures,
//! errors, and the equality of parallel, gzip and multi-file reads with the
//! plain sequential one.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::*;
use crate::model::{Benchmark, Direction, MetricKind, Threshold, Unit};

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/k6-json/",
            $name
        ))
    };
}

// After the macro: textual scope makes `fixture!` visible there.
mod files;

fn get(results: &Results, id: &str, stat: &str) -> f64 {
    let bench = results
        .benchmark(id)
        .unwrap_or_else(|| panic!("no {id}: {:?}", ids(results)));
    bench.metrics[0]
        .summary
        .get(stat)
        .unwrap_or_else(|| panic!("{id}: no {stat}: {:?}", bench.metrics[0].summary))
}

fn ids(results: &Results) -> Vec<&str> {
    results.benchmarks.iter().map(|b| b.id.as_str()).collect()
}

fn thresholds(bench: Option<&Benchmark>) -> Vec<(&str, bool)> {
    bench
        .unwrap()
        .thresholds
        .iter()
        .map(|Threshold { expression, passed }| (expression.as_str(), *passed))
        .collect()
}

fn one_thread() -> Options {
    Options {
        jobs: 1,
        ..Options::default()
    }
}

#[test]
fn a_small_http_run_gives_k6_numbers_for_every_view() {
    let r = parse(fixture!("http_basic.ndjson")).unwrap();
    // http_req_duration = 10, 20, 30, 40, 100 ms; p90: h = 3.6 → 40 + 0.6·60
    let d = "http_req_duration";
    assert_eq!(get(&r, d, "n"), 5.0);
    assert_eq!(get(&r, d, "mean"), 40e6);
    assert_eq!((get(&r, d, "min"), get(&r, d, "max")), (10e6, 100e6));
    assert_eq!(get(&r, d, "median"), 30e6);
    assert!((get(&r, d, "p90") - 76e6).abs() < 1e-3);
    assert!((get(&r, d, "p95") - 88e6).abs() < 1e-3);
    assert!((get(&r, d, "p99") - 97.6e6).abs() < 1e-3);
    // sqrt((30² + 20² + 10² + 0 + 60²) / 4)
    assert!((get(&r, d, "stddev") - 1250f64.sqrt() * 1e6).abs() < 1e-3);
    let m = &r.benchmark(d).unwrap().metrics[0];
    assert_eq!(
        (&m.name[..], &m.unit, m.kind, m.direction),
        (
            "trend",
            &Unit::Nanoseconds,
            MetricKind::Trend,
            Direction::LowerIsBetter
        )
    );
    assert_eq!(
        thresholds(r.benchmark(d)),
        [("avg<20", false), ("p(95)<500", true)]
    );
    assert_eq!(
        get(&r, "http_req_duration{expected_response:true}", "mean"),
        25e6
    );
    assert_eq!(get(&r, "http_req_duration{name:/a}", "median"), 15e6);
    assert_eq!(get(&r, "http_req_duration{name:/b}", "n"), 3.0);
    // 5 requests over the test's 2 s
    assert_eq!(get(&r, "http_reqs", "count"), 5.0);
    assert_eq!(get(&r, "http_reqs", "rate"), 2.5);
    assert_eq!(get(&r, "http_reqs{name:/b}", "rate"), 1.5);
    assert_eq!(get(&r, "data_received", "count"), 5010.0);
    assert_eq!(
        r.benchmark("data_received").unwrap().metrics[0].unit,
        Unit::Bytes
    );
    let f = "http_req_failed";
    assert_eq!((get(&r, f, "passes"), get(&r, f, "fails")), (1.0, 4.0));
    assert_eq!(get(&r, f, "rate"), 0.2);
    assert_eq!(
        (get(&r, f, "worst_rate_1m"), get(&r, f, "worst_rate_5m")),
        (0.2, 0.2)
    );
    assert_eq!(thresholds(r.benchmark(f)), [("rate<0.1", false)]);
    assert_eq!(get(&r, "checks", "rate"), 5.0 / 7.0);
    assert_eq!(thresholds(r.benchmark("checks")), [("rate>0.5", true)]);
    assert_eq!(get(&r, "checks{check:status is 200}", "passes"), 4.0);
    assert_eq!(
        get(&r, "checks{group:::login,check:has token}", "rate"),
        0.5
    );
    assert_eq!(
        get(&r, "checks{group:::login,check:has token}", "worst_rate_1m"),
        0.5
    );
    let v = "vus";
    assert_eq!(
        (get(&r, v, "last"), get(&r, v, "min"), get(&r, v, "max")),
        (2.0, 1.0, 3.0)
    );
    assert_eq!(get(&r, "iterations", "count"), 2.0);
    assert_eq!(thresholds(r.benchmark("iterations")), [("count>1", true)]);
    let source = &r.sources[0];
    assert_eq!(source.started.as_deref(), Some("2024-05-01T10:00:00Z"));
    assert_eq!(source.duration_seconds, Some(2.0));
    assert_eq!(r.created.as_deref(), Some("2024-05-01T10:00:02Z"));
    assert_eq!(r.benchmarks.len(), 16, "{:?}", ids(&r));
}

#[test]
fn old_k6_envelopes_and_null_tags_are_read() {
    let r = parse(fixture!("old_envelope.ndjson")).unwrap();
    assert_eq!(
        get(&r, "http_req_duration", "mean"),
        (44.375 + 15.5) / 2.0 * 1e6
    );
    assert_eq!(
        get(
            &r,
            "http_req_duration{name:http://example.com/users/1}",
            "n"
        ),
        1.0
    );
    assert_eq!(get(&r, "iterations", "count"), 2.0);
    assert_eq!(get(&r, "errors", "rate"), 0.5);
    assert_eq!(
        r.benchmark("errors").unwrap().metrics[0].direction,
        Direction::LowerIsBetter
    );
}

#[test]
fn lines_the_fast_path_declines_are_read_by_serde() {
    let r = parse(fixture!("serde_fallback.ndjson")).unwrap();
    assert_eq!(get(&r, "my_trend", "n"), 6.0);
    assert_eq!(get(&r, "my_trend", "median"), 3.5);
    assert_eq!(get(&r, "my_trend{name:plain}", "n"), 5.0);
    assert_eq!(get(&r, "my_trend{name:quote\"d \\ é}", "mean"), 3.0);
    assert_eq!(thresholds(r.benchmark("my_trend")), [("med<=2", false)]);
    assert_eq!(
        r.benchmark("my_trend").unwrap().metrics[0].unit,
        Unit::Count
    );
}

#[test]
fn local_offsets_give_utc_start_end_and_the_last_gauge_written() {
    let r = parse(fixture!("time_offsets.ndjson")).unwrap();
    assert_eq!(
        r.sources[0].started.as_deref(),
        Some("2023-09-08T19:03:10Z")
    );
    assert_eq!(r.created.as_deref(), Some("2023-09-08T19:03:12Z"));
    assert_eq!(r.sources[0].duration_seconds, Some(2.0));
    assert_eq!((get(&r, "vus", "last"), get(&r, "vus", "max")), (3.0, 5.0));
    assert_eq!(thresholds(r.benchmark("vus")), [("value<3", false)]);
}

#[test]
fn unicode_names_and_tags_survive() {
    let r = parse(fixture!("unicode_long_name.ndjson")).unwrap();
    let name = format!("temps_de_réponse_{}µs", "très_long_".repeat(8));
    assert_eq!(get(&r, &name, "min"), 1000.0);
    assert_eq!(get(&r, &format!("{name}{{name:検索 🔍}}"), "n"), 2.0);
    assert_eq!(r.created.as_deref(), Some("2024-03-01T00:00:00.5Z"));
}

#[test]
fn an_empty_input_has_no_benchmarks() {
    let r = parse("").unwrap();
    assert!(r.benchmarks.is_empty() && r.created.is_none());
    assert!(parse("\n\n").unwrap().benchmarks.is_empty());
}

#[test]
fn an_unfinished_last_line_is_a_warning() {
    let loaded = parse_bytes(
        fixture!("truncated_last_line.ndjson").as_bytes(),
        &one_thread(),
    )
    .unwrap();
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert!(
        loaded.warnings[0].starts_with("line 13: the input ends"),
        "{:?}",
        loaded.warnings
    );
    assert_eq!(get(&loaded.results, "http_reqs", "count"), 1.0);
    assert_eq!(get(&loaded.results, "data_received", "count"), 1000.0);
}

#[test]
fn bad_lines_are_errors_naming_the_line() {
    let cases: [(&str, usize, &str); 9] = [
        (
            fixture!("bad/garbage_line.ndjson"),
            3,
            "column 2: expected ident",
        ),
        (
            fixture!("bad/point_before_metric.ndjson"),
            1,
            "before any Metric line",
        ),
        (fixture!("bad/nan_value.ndjson"), 3, "expected value"),
        (fixture!("bad/negative_time.ndjson"), 3, "non-negative time"),
        (
            fixture!("bad/bad_time.ndjson"),
            2,
            "expected an RFC 3339 time",
        ),
        (
            fixture!("bad/type_conflict.ndjson"),
            3,
            "defined again as a Trend",
        ),
        (
            fixture!("bad/unknown_line_type.ndjson"),
            2,
            "\"Point\" or \"Metric\"",
        ),
        (
            fixture!("bad/tag_not_string.ndjson"),
            2,
            "expected a string",
        ),
        (fixture!("bad/binary.ndjson"), 2, "column 1: expected value"),
    ];
    for (input, line, message) in cases {
        let err = parse(input).unwrap_err();
        assert_eq!(err.place.line, Some(line), "{err}");
        assert!(err.to_string().contains(message), "{err}");
    }
    let input = fixture!("bad/nan_value.ndjson");
    let err = parse(input).unwrap_err();
    let column = input.lines().nth(2).unwrap().find("NaN").unwrap() + 1;
    assert_eq!(err.place.column, Some(column), "{err}");
}

#[test]
fn skipped_bad_lines_are_counted_and_named() {
    let options = Options {
        skip_bad_lines: true,
        ..one_thread()
    };
    let loaded = parse_bytes(fixture!("bad/garbage_line.ndjson").as_bytes(), &options).unwrap();
    assert_eq!(get(&loaded.results, "vus", "last"), 1.0);
    assert_eq!(loaded.warnings.len(), 1);
    assert!(
        loaded.warnings[0]
            .starts_with("skipped 1 bad line (--skip-bad-lines): line 3, column 2: expected ident"),
        "{}",
        loaded.warnings[0]
    );
}

#[test]
fn options_choose_groups_percentiles_and_windows() {
    let options = Options {
        group_by: vec!["status".into(), "name".into(), "method".into()],
        percentiles: vec![99.9, 75.0, 120.0],
        windows: vec![Duration::from_millis(1500), Duration::ZERO],
        ..one_thread()
    };
    let loaded = parse_bytes(fixture!("http_basic.ndjson").as_bytes(), &options).unwrap();
    let r = &loaded.results;
    let id = "http_req_duration{method:GET,name:/b,status:500}";
    assert_eq!(get(r, id, "n"), 1.0);
    assert!((get(r, "http_req_duration", "p99.9") - 99.76e6).abs() < 1e-3);
    assert_eq!(get(r, "http_req_duration", "p75"), 40e6);
    // seconds 10:00:00 (0 of 2 failed), :01 (0 of 2), :02 (1 of 1); 2 s windows
    assert_eq!(get(r, "http_req_failed", "worst_rate_2s"), 1.0 / 3.0);
    assert_eq!(
        get(r, "checks{check:status is 200}", "worst_rate_2s"),
        2.0 / 3.0
    );
    assert!(r.benchmark("http_req_duration{name:/a}").is_none());
    assert_eq!(loaded.warnings.len(), 2, "{:?}", loaded.warnings);
}

#[test]
fn a_group_by_view_never_replaces_a_check_or_sub_metric() {
    let options = Options {
        group_by: vec!["check".into(), "expected_response".into()],
        ..one_thread()
    };
    let r = parse_bytes(fixture!("http_basic.ndjson").as_bytes(), &options)
        .unwrap()
        .results;
    // the check (root group only) keeps its id; the sub-metric too
    assert_eq!(get(&r, "checks{check:status is 200}", "n"), 5.0);
    assert_eq!(get(&r, "checks{check:has token}", "n"), 2.0);
    assert_eq!(
        get(&r, "http_req_duration{expected_response:true}", "n"),
        4.0
    );
    assert_eq!(
        get(&r, "http_req_duration{expected_response:false}", "n"),
        1.0
    );
}

#[test]
fn windows_are_read_with_their_unit_and_rounded_up_to_seconds() {
    let secs = |t: &str| super::parse_window(t).map(|d| d.as_secs());
    assert_eq!(secs("30s"), Ok(30));
    assert_eq!(secs("1m"), Ok(60));
    assert_eq!(secs(" 5min "), Ok(300));
    assert_eq!(secs("1.5h"), Ok(5400));
    assert_eq!(secs("1500ms"), Ok(2));
    for bad in ["", "5", "m", "-1m", "0s", "10x", "2 weeks", "400d"] {
        let err = super::parse_window(bad).unwrap_err();
        assert!(err.contains(bad.trim()), "{bad:?}: {err}");
    }
}
