//! Tests of `gbench`.

use super::*;
use crate::ingest::testing::close;

fn fixture(name: &str) -> String {
    let dir = env!("CARGO_MANIFEST_DIR");
    std::fs::read_to_string(format!("{dir}/tests/fixtures/gbench/{name}")).unwrap()
}

fn ids(results: &Results) -> Vec<&str> {
    results.benchmarks.iter().map(|b| b.id.as_str()).collect()
}

#[test]
fn repetitions_become_samples_and_aggregates_are_not_double_counted() {
    let results = parse(&fixture("repetitions.json")).unwrap();
    assert_eq!(results.sources[0].tool, "google-benchmark");
    assert_eq!(results.sources[0].version.as_deref(), Some("v1.8.3"));
    assert_eq!(ids(&results), ["BM_Foo/8", "BM_Foo/8/threads:2"]);
    let time = results.benchmarks[0].metric("time").unwrap();
    assert_eq!(time.samples.as_deref(), Some(&[100.0, 110.0, 120.0][..]));
    assert_eq!(time.summary.n, Some(3));
    close(time.summary.stddev, 10.0);
    let cpu = results.benchmarks[1].metric("cpu_time").unwrap();
    assert_eq!(cpu.samples.as_deref(), Some(&[115.0, 121.0][..]));
    assert_eq!(results.benchmarks[0].metrics.len(), 2);
}

#[test]
fn aggregates_only_fill_the_summary() {
    let results = parse(&fixture("aggregates_only.json")).unwrap();
    assert_eq!(ids(&results), ["BM_Parse/64", "BM_Sort/1024"]);
    let time = results.benchmarks[0].metric("time").unwrap();
    assert_eq!(time.samples, None);
    assert_eq!(time.summary.n, Some(5));
    close(time.summary.mean, 2500.0);
    close(time.summary.median, 2400.0);
    close(time.summary.stddev, 250.0);
    assert_eq!(time.summary.max, None, "custom `max` aggregate is not read");
    let throughput = results.benchmarks[0].metric("throughput").unwrap();
    assert_eq!(throughput.unit, Unit::BytesPerSecond);
    close(throughput.summary.mean, 2.56e7);
}

#[test]
fn every_time_unit_becomes_nanoseconds() {
    let results = parse(&fixture("units_ns_to_s.json")).unwrap();
    let medians: Vec<f64> = results
        .benchmarks
        .iter()
        .map(|b| b.metric("time").unwrap().summary.median.unwrap())
        .collect();
    assert_eq!(medians, [12.5, 12_500.0, 12_500_000.0, 1_250_000_000.0]);
}

#[test]
fn nan_tokens_in_skipped_cv_rows_are_harmless() {
    let results = parse(&fixture("nan_cv.json")).unwrap();
    assert_eq!(results.benchmarks.len(), 2);
    let zeroes = results.benchmarks[0].metric("zeroes").unwrap();
    assert_eq!(zeroes.samples.as_deref(), Some(&[0.0, 0.0][..]));
    assert_eq!(
        results.benchmarks[1].metric("time").unwrap().summary.max,
        Some(0.0)
    );
}

#[test]
fn counters_and_memory_fields_become_metrics() {
    let results = parse(&fixture("counters.json")).unwrap();
    let bench = &results.benchmarks[0];
    let names: Vec<&str> = bench.metrics.iter().map(|m| m.name.as_str()).collect();
    let want = "time cpu_time throughput items_per_second elems cache_misses allocs \
                max_bytes_used total_allocated_bytes net_heap_growth";
    assert_eq!(names, want.split_whitespace().collect::<Vec<_>>());
    let items = bench.metric("items_per_second").unwrap();
    assert_eq!(items.unit, Unit::OpsPerSecond);
    assert_eq!(items.direction, crate::model::Direction::HigherIsBetter);
    assert_eq!(
        bench.metric("cache_misses").unwrap().samples.as_deref(),
        Some(&[12.0, 14.0][..])
    );
    assert_eq!(bench.metric("cache_misses").unwrap().unit, Unit::Count);
    assert_eq!(bench.metric("max_bytes_used").unwrap().unit, Unit::Bytes);
    assert_eq!(
        bench.metric("net_heap_growth").unwrap().summary.min,
        Some(-64.0)
    );
}

#[test]
fn error_and_skipped_rows_are_skipped() {
    let results = parse(&fixture("error_row.json")).unwrap();
    assert_eq!(ids(&results), ["BM_Ok", "BM_Net"]);
    let net = results.benchmarks[1].metric("time").unwrap();
    assert_eq!(net.samples.as_deref(), Some(&[900.0, 1100.0][..]));
    let warnings = &results.sources[0].warnings;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("BM_Gpu (error: no CUDA device found)"),
        "{warnings:?}"
    );
    assert!(
        parse(&fixture("counters.json")).unwrap().sources[0]
            .warnings
            .is_empty()
    );
}

#[test]
fn legacy_files_group_by_name_and_recognise_suffixed_aggregates() {
    let results = parse(&fixture("legacy_names.json")).unwrap();
    assert_eq!(results.sources[0].version, None);
    assert_eq!(ids(&results), ["BM_Hash/64", "BM_Lookup_mean"]);
    let time = results.benchmarks[0].metric("time").unwrap();
    assert_eq!(time.samples.as_deref(), Some(&[30.0, 32.0][..]));
}

#[test]
fn empty_benchmarks_are_zero_benchmarks() {
    assert!(parse(&fixture("empty.json")).unwrap().benchmarks.is_empty());
    assert!(
        parse(r#"{"benchmarks": []}"#)
            .unwrap()
            .benchmarks
            .is_empty()
    );
}

#[test]
fn errors_name_the_json_path() {
    let cases = [
        ("wrong_types.json", "benchmarks[0].real_time", "a number"),
        (
            "negative_time.json",
            "benchmarks[1].cpu_time",
            "non-negative",
        ),
        ("nan_time.json", "benchmarks[0].real_time", "NaN"),
        (
            "unknown_unit.json",
            "benchmarks[0].time_unit",
            "expected ns, us, ms or s, found \"min\"",
        ),
        (
            "missing_times.json",
            "benchmarks[0].real_time",
            "found none",
        ),
        ("missing_name.json", "benchmarks[0]", "name"),
    ];
    for (file, field, message) in cases {
        let err = parse(&fixture(&format!("bad/{file}"))).unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some(field), "{file}: {err}");
        assert!(err.message.contains(message), "{file}: {err}");
    }
    let err = parse(&fixture("bad/truncated.json")).unwrap_err();
    assert!(err.message.contains("truncated"), "{err}");
}
