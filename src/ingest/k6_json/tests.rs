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
        include_str!(concat!("../../../tests/fixtures/k6-json/", $name))
    };
}

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

/// A few MiB of k6-like lines (more than one chunk), optionally with a bad
/// line near the end and a late metric defined in a way the pre-scan does
/// not see.
fn big_input(bad_at: Option<usize>, hidden_metric: bool) -> String {
    let mut out = String::new();
    out.push_str(r#"{"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":["p(99)<900"],"submetrics":[{"name":"http_req_duration{status:500}","suffix":"status:500","tags":{"status":"500"}}]},"metric":"http_req_duration"}"#);
    out.push('\n');
    out.push_str(r#"{"type":"Metric","data":{"name":"http_req_failed","type":"rate","contains":"default","thresholds":[],"submetrics":null},"metric":"http_req_failed"}"#);
    out.push_str("\n{\"type\":\"Metric\",\"data\":{\"name\":\"vus\",\"type\":\"gauge\",\"contains\":\"default\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"vus\"}\n");
    let mut x: u64 = 12345;
    let lines = 24_000;
    for i in 0..lines {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let name = ["/a", "/b", "/c", "/d"][(x >> 60) as usize % 4];
        let status = if (x >> 20).is_multiple_of(50) {
            500
        } else {
            200
        };
        let ms = ((x >> 33) % 100_000) as f64 / 97.0;
        let t = format!(
            "2024-05-01T10:{:02}:{:02}.{:06}+02:00",
            i / 6000,
            (i / 100) % 60,
            i % 100 * 7
        );
        let tags = format!(
            r#"{{"expected_response":"true","group":"","method":"GET","name":"{name}","proto":"HTTP/1.1","scenario":"default","status":"{status}","url":"http://test.local{name}?padding=0123456789abcdef0123456789abcdef"}}"#
        );
        if Some(i) == bad_at {
            out.push_str("{\"metric\":\"http_req_duration\",\"type\":\"Point\",\"data\":{\"time\":\"soon\",\"value\":1,\"tags\":{}}}\n");
        }
        if hidden_metric && i == lines - 100 {
            out.push_str("{\"type\":\"Metr\\u0069c\",\"data\":{\"name\":\"late\",\"type\":\"counter\",\"contains\":\"default\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"late\"}\n");
        }
        if hidden_metric && i > lines - 100 {
            out.push_str(&format!("{{\"metric\":\"late\",\"type\":\"Point\",\"data\":{{\"time\":\"{t}\",\"value\":2,\"tags\":{{}}}}}}\n"));
        }
        out.push_str(&format!("{{\"metric\":\"http_req_duration\",\"type\":\"Point\",\"data\":{{\"time\":\"{t}\",\"value\":{ms},\"tags\":{tags}}}}}\n"));
        out.push_str(&format!("{{\"metric\":\"http_req_failed\",\"type\":\"Point\",\"data\":{{\"time\":\"{t}\",\"value\":{},\"tags\":{tags}}}}}\n", u8::from(status == 500)));
        if i % 1000 == 0 {
            out.push_str(&format!("{{\"metric\":\"vus\",\"type\":\"Point\",\"data\":{{\"time\":\"{t}\",\"value\":{},\"tags\":{{}}}}}}\n", i / 1000));
        }
    }
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn without_paths(mut r: Results) -> Results {
    for s in &mut r.sources {
        s.path = None;
    }
    r
}

#[test]
fn parallel_gzip_and_in_memory_reads_agree_exactly() {
    let text = big_input(None, false);
    assert!(text.len() > 2 * read::CHUNK, "{}", text.len());
    let dir = tempfile::tempdir().unwrap();
    let plain = write(dir.path(), "run.ndjson", text.as_bytes());
    let gz = write(dir.path(), "run.ndjson.gz", &gzip(text.as_bytes()));
    let memory = parse_bytes(text.as_bytes(), &one_thread()).unwrap();
    assert!(memory.warnings.is_empty(), "{:?}", memory.warnings);
    assert_eq!(get(&memory.results, "http_req_duration", "n"), 24_000.0);
    assert_eq!(get(&memory.results, "vus", "last"), 23.0);
    for jobs in [1, 3] {
        for path in [&plain, &gz] {
            let options = Options {
                jobs,
                ..Options::default()
            };
            let loaded = load(std::slice::from_ref(path), &options).unwrap();
            assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
            assert_eq!(
                without_paths(loaded.results),
                memory.results,
                "jobs {jobs}, {}",
                path.display()
            );
        }
    }
}

#[test]
fn a_bad_line_is_reported_at_its_line_whichever_worker_reads_it() {
    let text = big_input(Some(20_000), false);
    let line = text.lines().position(|l| l.contains("\"soon\"")).unwrap() + 1;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bad.ndjson", text.as_bytes());
    for jobs in [1, 2, 4] {
        let options = Options {
            jobs,
            ..Options::default()
        };
        let err = load(std::slice::from_ref(&path), &options)
            .unwrap_err()
            .to_string();
        assert!(err.contains(&format!("line {line}:")), "jobs {jobs}: {err}");
        assert!(err.contains("bad.ndjson"), "{err}");
        let options = Options {
            jobs,
            skip_bad_lines: true,
            ..Options::default()
        };
        let loaded = load(std::slice::from_ref(&path), &options).unwrap();
        assert!(
            loaded.warnings[0].contains(&format!(
                "skipped 1 bad line (--skip-bad-lines): line {line}:"
            )),
            "{:?}",
            loaded.warnings
        );
    }
}

#[test]
fn a_metric_line_the_pre_scan_misses_makes_a_sequential_re_read() {
    let text = big_input(None, true);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "hidden.ndjson", text.as_bytes());
    let options = Options {
        jobs: 3,
        ..Options::default()
    };
    let loaded = load(std::slice::from_ref(&path), &options).unwrap();
    assert_eq!(get(&loaded.results, "late", "count"), 198.0);
    let memory = parse_bytes(text.as_bytes(), &one_thread()).unwrap();
    assert_eq!(without_paths(loaded.results), memory.results);
}

#[test]
fn several_load_generators_merge_into_one_test() {
    let text = fixture!("http_basic.ndjson");
    let lines: Vec<&str> = text.lines().collect();
    // generator 2 writes the Metric lines again before its own points
    let (first, second) = lines.split_at(20);
    let mut second_text: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains("\"type\":\"Metric\""))
        .collect();
    second_text.extend(
        second
            .iter()
            .copied()
            .filter(|l| !l.contains("\"type\":\"Metric\"")),
    );
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.ndjson", (first.join("\n") + "\n").as_bytes());
    let b = write(
        dir.path(),
        "b.ndjson.gz",
        &gzip((second_text.join("\n") + "\n").as_bytes()),
    );
    let merged = load(&[a, b], &one_thread()).unwrap().results;
    let whole = parse(text).unwrap();
    for id in [
        "http_req_duration",
        "http_req_duration{name:/b}",
        "http_req_failed",
        "vus",
        "checks{group:::login,check:has token}",
    ] {
        let (m, w) = (
            &merged.benchmark(id).unwrap().metrics[0],
            &whole.benchmark(id).unwrap().metrics[0],
        );
        assert_eq!(m.summary, w.summary, "{id}");
    }
    assert_eq!(merged.benchmarks.len(), whole.benchmarks.len());
    assert_eq!(merged.sources.len(), 2);
    assert!(
        merged.sources[1]
            .path
            .as_deref()
            .unwrap()
            .ends_with("b.ndjson.gz")
    );
    assert_eq!(merged.created, whole.created);
}

#[test]
fn a_truncated_gzip_stream_is_a_warning() {
    let text = fixture!("http_basic.ndjson");
    let gz = gzip(text.as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "cut.ndjson.gz", &gz[..gz.len() - 12]);
    let loaded = load(&[path], &Options::default()).unwrap();
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains("gzip stream ends early")),
        "{:?}",
        loaded.warnings
    );
    assert!(get(&loaded.results, "http_reqs", "count") >= 4.0);
}

#[test]
fn sniffing_reads_only_the_first_line_of_plain_and_gzip_files() {
    let dir = tempfile::tempdir().unwrap();
    let text = fixture!("http_basic.ndjson");
    let plain = write(dir.path(), "a.ndjson", text.as_bytes());
    let gz = write(
        dir.path(),
        "a.ndjson.gz",
        &gzip(text.repeat(200).as_bytes()),
    );
    let other = write(dir.path(), "b.json", b"{\"metrics\": {}}");
    assert!(sniff(&plain).unwrap() && sniff(&gz).unwrap());
    assert!(!sniff(&other).unwrap());
    assert!(sniff(Path::new("/nonexistent")).is_err());
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let err = load(
        &[PathBuf::from("/nonexistent/run.ndjson")],
        &Options::default(),
    )
    .unwrap_err();
    assert!(matches!(err, IngestError::Io { .. }));
    assert!(err.to_string().contains("/nonexistent/run.ndjson"), "{err}");
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
