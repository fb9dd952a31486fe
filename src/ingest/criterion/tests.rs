//! Tests of `criterion`.

use super::*;
use crate::ingest::testing::{close, metric};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/criterion")
        .join(name)
}

/// serde_json parses floats to within one ulp unless `float_roundtrip`.
fn ids(results: &Results) -> Vec<&str> {
    results.benchmarks.iter().map(|b| b.id.as_str()).collect()
}

#[test]
fn reads_new_samples_per_iteration_with_the_slope_and_ignores_base() {
    let results = parse_dir(&fixture("v0_5_linear")).unwrap();
    assert_eq!(ids(&results), ["fib", "parse/json/1kb"]);
    assert_eq!(results.sources[0].tool, "criterion");
    let time = metric(&results, "parse/json/1kb", "time");
    assert_eq!(time.unit, Unit::Nanoseconds);
    let samples = time.samples.as_deref();
    assert_eq!(samples, Some(&[100.0, 110.0, 100.0, 110.0][..]));
    assert_eq!(time.summary.median, Some(105.0));
    close(time.summary.get("slope"), 320000.0 / 3000.0);
    let single = parse_dir(&fixture("v0_5_linear/parse/json/1kb")).unwrap();
    assert_eq!(ids(&single), ["parse/json/1kb"]);
}

#[test]
fn reads_the_tuple_sample_and_keyed_estimates_of_criterion_0_3_2() {
    let results = parse_dir(&fixture("v0_3_2_tuple")).unwrap();
    assert_eq!(ids(&results), ["sort/merge", "sort/quick"]);
    let quick = metric(&results, "sort/quick", "time");
    assert_eq!(quick.samples.as_deref(), Some(&[50.0, 60.0, 50.0][..]));
    close(quick.summary.get("slope"), 740.0 / 14.0);
    let merge = metric(&results, "sort/merge", "time");
    assert_eq!(merge.summary.mean, Some(32.5));
    let alone = parse_dir(&fixture("v0_3_2_tuple/sort/merge")).unwrap();
    assert_eq!(ids(&alone), ["merge"]);
}

#[test]
fn flat_sampling_has_no_slope_and_one_sample_has_no_stddev() {
    let results = parse_dir(&fixture("flat_no_slope")).unwrap();
    let time = metric(&results, "get/deduplicate get/2048", "time");
    assert_eq!(time.summary.median, Some(110.0));
    assert!(time.summary.extra.is_empty());
    let single = parse_dir(&fixture("single_sample")).unwrap();
    let once = metric(&single, "once", "time");
    let summary = &once.summary;
    assert_eq!(
        (summary.n, summary.stddev, summary.median),
        (Some(1), None, Some(42.0))
    );
}

#[test]
fn throughput_of_every_kind_is_per_second_and_higher_is_better() {
    let results = parse_dir(&fixture("throughput")).unwrap();
    let cases = [
        ("bytes/1024|throughput|bytes/s", 1.024e9),
        ("bytes_decimal/1000|throughput|bytes/s", 1e9),
        ("bits/64|throughput|bytes/s", 8e6),
        ("elements/10|throughput|ops/s", 1e7),
        ("elements_and_bytes/4|throughput|ops/s", 4e6),
        ("elements_and_bytes/4|throughput_bytes|bytes/s", 4.096e9),
    ];
    for (case, median) in cases {
        let [id, name, unit] = case.split('|').collect::<Vec<_>>()[..] else {
            panic!()
        };
        let m = metric(&results, id, name);
        assert_eq!(
            (m.unit.as_str(), m.summary.median),
            (unit, Some(median)),
            "{case}"
        );
        assert_eq!(m.direction, crate::model::Direction::HigherIsBetter);
    }
}

#[test]
fn ids_come_from_full_id_with_criterions_repeat_suffix() {
    let unicode = parse_dir(&fixture("unicode_names")).unwrap();
    assert_eq!(
        ids(&unicode),
        ["io/read?write", "naïve parse/日本語 text/10 KB"]
    );
    let repeated = parse_dir(&fixture("repeated_id")).unwrap();
    assert_eq!(ids(&repeated), ["sort", "sort #2"]);
    let project = parse_dir(&fixture("project_root")).unwrap();
    assert_eq!(ids(&project), ["add"]);
}

#[test]
fn malformed_trees_name_the_file_the_field_and_the_problem() {
    // tree | file under demo/new/ | JSON path | message excerpt ("" = none)
    let cases = [
        "no_data|||no criterion benchmark found under",
        "truncated_sample|sample.json|times|truncated",
        "mismatched_lengths|sample.json|times|iteration counts (3), found 2",
        "zero_iters|sample.json|iters[1]|positive iteration count, found 0",
        "negative_time|sample.json|times[1]|non-negative time, found -4",
        "null_time|sample.json|times[1]|found null",
        "missing_sample|sample.json||found no file",
        "wrong_type_benchmark_json|benchmark.json|full_id|expected a string",
        "unknown_throughput|benchmark.json|throughput|unknown variant `Furlongs`",
        "duplicate_id|||\"same\" is given by both a and b",
        "empty_sample|sample.json|times|at least one sample",
        "bad_slope|estimates.json|slope.point_estimate|expected f64",
    ];
    for case in cases {
        let [name, file, field, message] = case.split('|').collect::<Vec<_>>()[..] else {
            panic!("{case}")
        };
        let err = parse_dir(&fixture(&format!("bad/{name}"))).unwrap_err();
        let file = (!file.is_empty()).then(|| Path::new("demo/new").join(file));
        assert_eq!(err.place.file, file, "{name}: {err}");
        assert_eq!(
            err.place.field.as_deref(),
            (!field.is_empty()).then_some(field),
            "{name}: {err}"
        );
        assert!(err.message.contains(message), "{name}: {err}");
    }
}

#[test]
fn errors_in_a_tuple_sample_and_a_zero_time_with_throughput_are_placed() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("x/new");
    fs::create_dir_all(&new).unwrap();
    fs::write(new.join("sample.json"), "[[1.0, -2.0], [5.0, 5.0]]").unwrap();
    let err = parse_dir(dir.path()).unwrap_err();
    assert_eq!(err.place.field.as_deref(), Some("[0][1]"), "{err}");
    let zero = r#"{"iters": [1.0], "times": [0.0]}"#;
    fs::write(new.join("sample.json"), zero).unwrap();
    let throughput = r#"{"full_id": "x", "throughput": {"Bytes": 8}}"#;
    fs::write(new.join("benchmark.json"), throughput).unwrap();
    let err = parse_dir(dir.path()).unwrap_err();
    assert_eq!(err.place.field.as_deref(), Some("times[0]"), "{err}");
    assert!(err.message.contains("positive time"), "{err}");
}
