//! The `benchgate` binary end to end: exit codes, messages, outputs.

use std::path::Path;

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
        .stderr(predicate::str::contains("cut.json: line 3, column"))
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
