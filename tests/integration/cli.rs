//! The `benchgate` binary end to end: exit codes, messages, outputs.

use std::path::Path;

use crate::support::fixtures_dir;
use assert_cmd::Command;
use predicates::prelude::*;

fn benchgate() -> Command {
    let mut cmd = Command::cargo_bin("benchgate").unwrap();
    cmd.env_remove("UPDATE_BASELINES")
        .env_remove("PERFORMANCE_THRESHOLD")
        .env("NO_COLOR", "1");
    cmd
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn help_reads_as_a_tutorial_with_examples_and_exit_codes() {
    benchgate()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("benchgate ingest"))
        .stdout(predicate::str::contains("Exit codes"));
    benchgate()
        .args(["ingest", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"))
        .stdout(predicate::str::contains("k6-summary"));
}

#[test]
fn bad_flags_exit_2() {
    benchgate()
        .args(["ingest", "--format", "xml", "a.json"])
        .assert()
        .code(2);
    benchgate().arg("frobnicate").assert().code(2);
    benchgate().assert().code(2);
}

#[test]
fn the_bundled_example_ingests_into_one_document() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = benchgate()
        .current_dir(root)
        .args([
            "ingest",
            "--suite",
            "demo",
            "examples/demo/results/k6-summary.json",
            "examples/demo/results/hyperfine.json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["schema"], "benchgate.results.v1");
    assert_eq!(doc["suite"], "demo");
    let tools: Vec<&str> = doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["tool"].as_str().unwrap())
        .collect();
    assert_eq!(tools, ["k6", "hyperfine"]);
    assert!(doc["host"]["os"].is_string());
    let ids: Vec<&str> = doc["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"http_req_duration{name:/api/items}"),
        "{ids:?}"
    );
    assert!(
        ids.contains(&"./target/release/app convert --input small.csv"),
        "{ids:?}"
    );
}

#[test]
fn table_and_output_file_can_be_asked_for_together() {
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tmp.path().join("results.json");
    benchgate()
        .args(["ingest", "--table", "-o"])
        .arg(&out)
        .arg(root.join("examples/demo/results/k6-summary.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains("http_req_duration"))
        .stdout(predicate::str::contains("p95 96.87 ms"));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(doc["suite"], "default");
}

#[test]
fn an_empty_file_exits_2_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), "empty.json", "");
    benchgate()
        .arg("ingest")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty.json"))
        .stderr(predicate::str::contains("empty"));
}

#[test]
fn truncated_json_exits_2_with_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(
        tmp.path(),
        "cut.json",
        "{\n  \"results\": [\n    {\"command\": \"a\", \"mean\": 1.",
    );
    benchgate()
        .arg("ingest")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cut.json: malformed JSON: line 3, column",
        ))
        .stderr(predicate::str::contains("truncated"));
}

#[test]
fn wrong_types_exit_2_with_the_json_path() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(
        tmp.path(),
        "types.json",
        r#"{"results": [{"command": "a", "mean": "fast", "times": [1.0]}]}"#,
    );
    benchgate()
        .args(["ingest", "--format", "hyperfine"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("types.json"))
        .stderr(predicate::str::contains("results[0].mean"));
}

#[test]
fn negative_and_nan_times_exit_2_with_the_json_path() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(
        tmp.path(),
        "neg.json",
        r#"[{"name": "a", "unit": "ms", "value": -3}]"#,
    );
    benchgate()
        .arg("ingest")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("neg.json"))
        .stderr(predicate::str::contains("[0].value"))
        .stderr(predicate::str::contains("non-negative"));
    let path = write(
        tmp.path(),
        "nan.json",
        r#"{"context": {}, "benchmarks": [{"name": "BM_a", "run_name": "BM_a", "run_type": "iteration", "iterations": 10, "real_time": NaN, "cpu_time": 1.0, "time_unit": "ns"}]}"#,
    );
    benchgate()
        .arg("ingest")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nan.json"))
        .stderr(predicate::str::contains("benchmarks[0].real_time"));
}

#[test]
fn an_unrecognised_file_says_what_was_tried() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(tmp.path(), "odd.json", r#"{"hello": "world"}"#);
    benchgate()
        .arg("ingest")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("odd.json"))
        .stderr(predicate::str::contains("--format"));
}

#[test]
fn a_directory_without_criterion_data_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("nothing")).unwrap();
    benchgate()
        .arg("ingest")
        .arg(tmp.path().join("nothing"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing"))
        .stderr(predicate::str::contains("criterion"));
}

#[test]
fn a_missing_file_exits_2() {
    benchgate()
        .args(["ingest", "does/not/exist.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does/not/exist.json"));
}

#[test]
fn the_same_benchmark_from_two_inputs_is_an_error_not_a_silent_drop() {
    let tmp = tempfile::tempdir().unwrap();
    let a = write(
        tmp.path(),
        "a.json",
        r#"[{"name": "x", "unit": "ns", "value": 1}]"#,
    );
    let b = write(
        tmp.path(),
        "b.json",
        r#"[{"name": "x", "unit": "ns", "value": 2}]"#,
    );
    benchgate()
        .arg("ingest")
        .arg(&a)
        .arg(&b)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("appears twice"));
}

#[test]
fn gzip_input_is_read_transparently() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("custom.json.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&path).unwrap(),
        flate2::Compression::default(),
    );
    gz.write_all(br#"[{"name": "x", "unit": "ms", "value": 1.5}]"#)
        .unwrap();
    gz.finish().unwrap();
    let out = benchgate()
        .arg("ingest")
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        doc["benchmarks"][0]["metrics"][0]["summary"]["mean"],
        1_500_000.0
    );
}

/// A custom-format results file with one benchmark per (name, ms) pair.
fn custom(dir: &Path, name: &str, values: &[(&str, f64)]) -> std::path::PathBuf {
    let items: Vec<String> = values
        .iter()
        .map(|(n, v)| format!(r#"{{"name": "{n}", "unit": "ms", "value": {v}}}"#))
        .collect();
    write(dir, name, &format!("[{}]", items.join(",")))
}

#[test]
fn compare_exits_0_when_nothing_regressed() {
    let tmp = tempfile::tempdir().unwrap();
    let base = custom(tmp.path(), "base.json", &[("a", 100.0), ("b", 50.0)]);
    let cur = custom(tmp.path(), "cur.json", &[("a", 104.0), ("b", 40.0)]);
    benchgate()
        .args(["compare", "--baseline"])
        .arg(&base)
        .arg(&cur)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("improved"))
        .stdout(predicate::str::contains("unchanged"));
}

#[test]
fn compare_exits_1_on_a_regression_at_the_fail_level_and_warns_below_it() {
    let tmp = tempfile::tempdir().unwrap();
    let base = custom(tmp.path(), "base.json", &[("slow", 100.0), ("meh", 100.0)]);
    let cur = custom(tmp.path(), "cur.json", &[("slow", 180.0), ("meh", 130.0)]);
    benchgate()
        .args(["compare", "--baseline"])
        .arg(&base)
        .arg(&cur)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "gate failed: critical regression: slow",
        ))
        .stdout(predicate::str::contains("warning: major regression: meh"));
    let only_major = custom(tmp.path(), "major.json", &[("slow", 100.0), ("meh", 130.0)]);
    benchgate()
        .args(["compare", "--baseline"])
        .arg(&base)
        .arg(&only_major)
        .assert()
        .code(0);
    benchgate()
        .args(["compare", "--fail-on", "major", "--baseline"])
        .arg(&base)
        .arg(&only_major)
        .assert()
        .code(1);
    benchgate()
        .args(["compare", "--fail-on", "never", "--baseline"])
        .arg(&base)
        .arg(&cur)
        .assert()
        .code(0);
}

#[test]
fn performance_threshold_sets_the_minor_threshold() {
    let tmp = tempfile::tempdir().unwrap();
    let base = custom(tmp.path(), "base.json", &[("a", 100.0)]);
    let cur = custom(tmp.path(), "cur.json", &[("a", 107.0)]);
    let run = |threshold: Option<&str>| {
        let mut cmd = benchgate();
        if let Some(t) = threshold {
            cmd.env("PERFORMANCE_THRESHOLD", t);
        }
        cmd.args(["compare", "--fail-on", "minor", "--baseline"])
            .arg(&base)
            .arg(&cur)
            .assert()
    };
    run(None).code(0);
    run(Some("5")).code(1);
    run(Some("5%")).code(1);
    run(Some("five"))
        .code(2)
        .stderr(predicate::str::contains("PERFORMANCE_THRESHOLD"));
}

#[test]
fn compare_writes_the_comparison_document() {
    let tmp = tempfile::tempdir().unwrap();
    let base = custom(tmp.path(), "base.json", &[("a", 100.0)]);
    let cur = custom(tmp.path(), "cur.json", &[("a", 250.0), ("fresh", 1.0)]);
    let json = tmp.path().join("out/comparison.json");
    let out = benchgate()
        .args(["compare", "--format", "json", "--json"])
        .arg(&json)
        .arg("--baseline")
        .arg(&base)
        .arg(&cur)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("gate failed"))
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["schema"], "benchgate.comparison.v1");
    assert_eq!(doc["gate"]["passed"], false);
    assert_eq!(doc["gate"]["fail_on"], "critical");
    assert_eq!(doc["entries"][0]["verdict"], "critical");
    assert_eq!(doc["entries"][0]["change"], 1.5);
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(file, doc);
    let verdicts: Vec<&str> = doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["critical", "new"]);
}

#[test]
fn a_failed_k6_threshold_fails_the_gate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root.join("examples/demo/results/k6-summary.json"))
        .unwrap()
        .replace("\"p(95)<150\": false", "\"p(95)<150\": true");
    let cur = write(tmp.path(), "k6.json", &text);
    benchgate()
        .args(["compare", "--baseline"])
        .arg(root.join("examples/demo/results/k6-summary.json"))
        .arg(&cur)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "SLO breached: http_req_duration p(95)<150",
        ));
}

#[test]
fn compare_without_a_baseline_exits_2_and_says_how_to_make_one() {
    let tmp = tempfile::tempdir().unwrap();
    let cur = custom(tmp.path(), "cur.json", &[("a", 1.0)]);
    benchgate()
        .current_dir(tmp.path())
        .arg("compare")
        .arg(&cur)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no baseline for suite 'default'"))
        .stderr(predicate::str::contains("baseline save"));
}

#[test]
fn the_bundled_demo_checks_and_passes_with_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    benchgate()
        .current_dir(root)
        .args(["check", "--config", "examples/demo/benchgate.toml"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("suite api:"))
        .stdout(predicate::str::contains("suite micro:"))
        .stdout(predicate::str::contains("warning: major regression"));
}

#[test]
fn hostile_names_are_inert_in_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let name = "x\\u001b[31mred\\nline";
    let base = custom(tmp.path(), "base.json", &[(name, 1.0)]);
    let out = benchgate()
        .args(["compare", "--baseline"])
        .arg(&base)
        .arg(&base)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("x\\u{1b}[31mred\\nline"), "{text}");
}

#[test]
fn a_saved_comparison_re_renders_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let base = custom(
        tmp.path(),
        "base.json",
        &[("<script>alert(1)</script>|@everyone", 100.0)],
    );
    let cur = custom(
        tmp.path(),
        "cur.json",
        &[("<script>alert(1)</script>|@everyone", 300.0)],
    );
    let saved = tmp.path().join("comparison.json");
    benchgate()
        .args(["compare", "--json"])
        .arg(&saved)
        .arg("--baseline")
        .arg(&base)
        .arg(&cur)
        .assert()
        .code(1);
    let (md, html, junit) = (
        tmp.path().join("c.md"),
        tmp.path().join("r.html"),
        tmp.path().join("j.xml"),
    );
    benchgate()
        .args(["report", "--format", "json", "--markdown"])
        .arg(&md)
        .arg("--html")
        .arg(&html)
        .arg("--junit")
        .arg(&junit)
        .arg(&saved)
        .assert()
        .code(1);
    let md = std::fs::read_to_string(md).unwrap();
    assert!(md.contains("<!-- benchgate:default -->"), "{md}");
    assert!(md.contains("critical"), "{md}");
    assert!(
        md.contains("| `<script>alert(1)</script>\\|@everyone` |"),
        "names are code spans: {md}"
    );
    let html = std::fs::read_to_string(html).unwrap();
    assert!(!html.contains("<script>alert(1)"), "HTML must escape names");
    let junit = std::fs::read_to_string(junit).unwrap();
    assert!(junit.contains("<failure"), "{junit}");
    let bad = write(
        tmp.path(),
        "bad.json",
        r#"{"schema": "benchgate.comparison.v1"}"#,
    );
    benchgate()
        .arg("report")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.json"));
}

/// A saved comparison keeps each side's distribution, so `report` draws
/// the same box plots `compare` did.
#[test]
fn a_saved_comparison_re_renders_its_box_plots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let (saved, live, again) = (
        tmp.path().join("comparison.json"),
        tmp.path().join("live.html"),
        tmp.path().join("again.html"),
    );
    benchgate()
        .args(["compare", "--json"])
        .arg(&saved)
        .arg("--html")
        .arg(&live)
        .arg("--baseline")
        .arg(root.join("examples/demo/baseline-inputs/hyperfine.json"))
        .arg(root.join("examples/demo/results/hyperfine.json"))
        .assert()
        .success();
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    let time = doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["metric"] == "time")
        .unwrap();
    assert!(time["spread"]["baseline"]["q1"].is_f64(), "{time}");
    assert!(time["spread"]["current"]["whiskers"].is_array(), "{time}");
    benchgate()
        .args(["report", "--html"])
        .arg(&again)
        .arg(&saved)
        .assert()
        .success();
    let (live, again) = (
        std::fs::read_to_string(live).unwrap(),
        std::fs::read_to_string(again).unwrap(),
    );
    assert!(again.contains(r#""kind":"box""#));
    let charts = |html: &str| html.matches(r#""kind":"box""#).count();
    assert_eq!(charts(&again), charts(&live));
}

#[test]
fn k6_ndjson_streams_with_group_by_and_warns_on_a_truncated_last_line() {
    let tmp = tempfile::tempdir().unwrap();
    let mut text = String::from(
        r#"{"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":["p(95)<100"],"submetrics":null},"metric":"http_req_duration"}"#,
    );
    text.push('\n');
    for (i, (ms, method)) in [(10.0, "GET"), (20.0, "GET"), (30.0, "POST"), (40.0, "POST")]
        .iter()
        .enumerate()
    {
        text.push_str(&format!(
            r#"{{"metric":"http_req_duration","type":"Point","data":{{"time":"2026-11-22T10:00:0{i}Z","value":{ms},"tags":{{"method":"{method}","name":"/api"}}}}}}"#
        ));
        text.push('\n');
    }
    text.push_str(r#"{"metric":"http_req_duration","type":"Po"#);
    let path = write(tmp.path(), "run.ndjson", &text);
    let out = benchgate()
        .args(["ingest", "--group-by", "method"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains("warning"))
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let ids: Vec<&str> = doc["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"http_req_duration{method:POST}"), "{ids:?}");
    let all = doc["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "http_req_duration")
        .unwrap();
    // k6's percentile: p95 of [10, 20, 30, 40] ms = 38.5 ms.
    assert_eq!(all["metrics"][0]["summary"]["p95"], 38_500_000.0);
    assert_eq!(all["thresholds"][0]["passed"], true);
}

/// Benchmarks a tool reported as failed are left out with a warning that
/// names them and why, never silently.
#[test]
fn ingest_warns_about_benchmarks_the_tool_reported_as_failed() {
    benchgate()
        .arg("ingest")
        .arg(fixtures_dir().join("gbench/error_row.json"))
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: "))
        .stderr(predicate::str::contains("error_row.json: left out runs"))
        .stderr(predicate::str::contains(
            "BM_Gpu (error: no CUDA device found)",
        ));
}

/// The worst-window rates follow `--windows`; a window without a unit is a
/// usage error (exit 2) naming the value.
#[test]
fn k6_ndjson_windows_are_chosen_on_the_command_line() {
    let run = fixtures_dir().join("k6-run/out.ndjson.gz");
    let out = benchgate()
        .args(["ingest", "--windows", "2s,1m"])
        .arg(&run)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let failed = doc["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "http_req_failed")
        .unwrap();
    let summary = failed["metrics"][0]["summary"].as_object().unwrap();
    let worst: Vec<&str> = summary
        .keys()
        .filter(|k| k.starts_with("worst_rate_"))
        .map(String::as_str)
        .collect();
    assert_eq!(worst, ["worst_rate_1m", "worst_rate_2s"]);
    // Over the whole 4 s run the 1 min window is the overall rate; some 2 s
    // stretch is worse.
    assert_eq!(summary["worst_rate_1m"], summary["rate"]);
    assert!(summary["worst_rate_2s"].as_f64() > summary["rate"].as_f64());

    benchgate()
        .args(["ingest", "--windows", "5"])
        .arg(&run)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expected a window such as 30s, 1m or 5m, found \"5\"",
        ));
}

/// `[suite.k6]` in benchgate.toml is how `check` reads that suite's k6
/// NDJSON: here grouped by status instead of name.
#[test]
fn check_reads_k6_ndjson_with_the_suites_k6_settings() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures_dir().join("k6-run/out.ndjson.gz"),
        tmp.path().join("run.ndjson.gz"),
    )
    .unwrap();
    write(
        tmp.path(),
        "benchgate.toml",
        "[[suite]]\nname = \"load\"\ninputs = [\"run.ndjson.gz\"]\n\
         [suite.k6]\ngroup_by = [\"status\"]\nwindows = [\"2s\"]\n",
    );
    let out = benchgate()
        .current_dir(tmp.path())
        .args(["check", "--format", "json"])
        .assert()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let ids: Vec<&str> = doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["benchmark"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"http_req_duration{status:404}"), "{ids:?}");
    // Not grouped by name (only k6's own sub-metric on name:home remains).
    assert!(!ids.contains(&"http_req_duration{name:item}"), "{ids:?}");
}

/// A suite benchgate times itself: a regression is re-measured before it
/// fails the gate, and only one that holds does.
#[test]
fn check_confirms_a_regression_by_re_running_it() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "bench.sh",
        "n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count\n\
         if [ -f slow ] && [ \"$n\" -le \"$(cat slow)\" ]; then sleep 0.08; else sleep 0.02; fi\n",
    );
    write(
        tmp.path(),
        "benchgate.toml",
        "[[suite]]\nname = \"cli\"\nruns = 6\nwarmup = 0\nconfirm = 1\n\
         [[suite.bench]]\nname = \"job\"\ncommand = [\"sh\", \"bench.sh\"]\n",
    );
    let check = || {
        let mut cmd = benchgate();
        cmd.current_dir(tmp.path()).arg("check");
        cmd
    };
    check().env("UPDATE_BASELINES", "true").assert().code(0);
    let count = |tmp: &Path| -> u32 {
        std::fs::read_to_string(tmp.join("count"))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };

    // Slow for exactly the next 6 runs: the first measurement regresses,
    // the re-run does not.
    std::fs::write(tmp.path().join("slow"), (count(tmp.path()) + 6).to_string()).unwrap();
    check()
        .assert()
        .code(0)
        .stdout(predicate::str::contains("did not hold"))
        .stdout(predicate::str::contains("0 regression(s) held, 1 did not"));

    // Slow from now on: the regression holds on the re-run and fails the gate.
    std::fs::write(
        tmp.path().join("slow"),
        (count(tmp.path()) + 1000).to_string(),
    )
    .unwrap();
    check()
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "gate failed: critical regression: job time",
        ))
        .stdout(predicate::str::contains("1 regression(s) held"));
}

#[test]
fn a_criterion_group_named_report_is_read_but_html_reports_are_not() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/criterion/single_sample/once/new");
    let tmp = tempfile::tempdir().unwrap();
    for dir in ["report/render/new", "html/report"] {
        std::fs::create_dir_all(tmp.path().join(dir)).unwrap();
    }
    for file in ["sample.json", "estimates.json"] {
        std::fs::copy(
            root.join(file),
            tmp.path().join("report/render/new").join(file),
        )
        .unwrap();
    }
    std::fs::write(tmp.path().join("html/report/index.html"), "<html></html>").unwrap();
    let out = benchgate()
        .arg("ingest")
        .arg(tmp.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let ids: Vec<&str> = doc["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["report/render"]);
}

#[test]
fn completion_scripts_know_every_subcommand_and_flag() {
    let bash = benchgate().args(["completions", "bash"]).assert().success();
    let bash = String::from_utf8(bash.get_output().stdout.clone()).unwrap();
    assert!(bash.contains("complete -F _benchgate"), "{bash}");
    for word in [
        "ingest",
        "compare",
        "check",
        "baseline",
        "--baseline-ref",
        "k6-json",
    ] {
        assert!(bash.contains(word), "bash completion lacks {word}");
    }
    benchgate()
        .args(["completions", "zsh"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("#compdef benchgate"));
    benchgate()
        .args(["completions", "fish"])
        .assert()
        .success()
        .stdout(predicate::str::contains("complete -c benchgate"));
    benchgate().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_pages_come_from_the_command_line_definition() {
    let top = benchgate().arg("man").assert().success();
    let top = String::from_utf8(top.get_output().stdout.clone()).unwrap();
    assert!(top.contains(".TH benchgate 1"), "{top}");
    assert!(top.contains("Stops performance regressions"), "{top}");
    let show = benchgate()
        .args(["man", "baseline", "show"])
        .assert()
        .success();
    let show = String::from_utf8(show.get_output().stdout.clone()).unwrap();
    assert!(show.contains(".TH benchgate-baseline-show 1"), "{show}");
    assert!(show.contains("benchgate baseline show"), "{show}");
    assert!(show.contains("baseline\\-ref"), "{show}");
    benchgate()
        .args(["man", "frobnicate"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`benchgate` has no subcommand `frobnicate`",
        ))
        .stderr(predicate::str::contains("check"));
}
