//! Tests of `k6_handle_summary`.

use super::*;
use crate::ingest::testing::expect;
use crate::model::{Direction, MetricKind, Unit};

fn fixture(name: &str) -> Result<Results, ParseError> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/k6-handle-summary/"
    );
    parse(&std::fs::read_to_string(format!("{dir}{name}")).expect("fixture exists"))
}

#[test]
fn handle_summary_maps_contains_thresholds_groups_and_duration() {
    let r = fixture("groups_thresholds.json").unwrap();
    assert_eq!(r.sources[0].duration_seconds, Some(10.0));
    expect(
        &r,
        &[
            ("http_req_duration{name:login}", "trend", "p99", 300e6),
            ("page_size", "trend", "max", 5120.0),
            ("checks{check:home ok}", "rate", "rate", 0.9),
            (
                "checks{group:::auth::login,check:got token}",
                "rate",
                "passes",
                7.0,
            ),
            ("login_errors", "counter", "rate", 0.2),
        ],
    );
    let unit = |id: &str| {
        let m = &r.benchmark(id).unwrap().metrics[0];
        (m.unit.clone(), m.kind, m.direction)
    };
    assert_eq!(
        unit("http_req_duration"),
        (
            Unit::Nanoseconds,
            MetricKind::Trend,
            Direction::LowerIsBetter
        )
    );
    assert_eq!(unit("page_size").0, Unit::Bytes);
    assert_eq!(
        unit("login_errors"),
        (Unit::Count, MetricKind::Counter, Direction::LowerIsBetter)
    );
    let threshold = |expression: &str, passed| Threshold {
        expression: expression.into(),
        passed,
    };
    let d = r.benchmark("http_req_duration{name:login}").unwrap();
    assert_eq!(
        d.thresholds,
        [threshold("p(95)<100", false), threshold("p(99)<1000", true)]
    );
}

#[test]
fn machine_readable_summary_reads_both_rate_spellings_and_derives_counter_rates() {
    let r = fixture("machine_readable_v1.5.json").unwrap();
    assert_eq!(r.sources[0].version.as_deref(), Some("1.5.0"));
    assert_eq!(r.sources[0].duration_seconds, Some(20.0));
    assert_eq!(r.created.as_deref(), Some("2026-03-01T10:00:20Z"));
    expect(
        &r,
        &[
            ("http_reqs", "counter", "rate", 5.0),
            ("http_req_failed", "rate", "fails", 98.0),
            ("checks_succeeded", "rate", "rate", 0.96),
            ("checks{check:is 200}", "rate", "n", 100.0),
            ("http_req_duration", "trend", "p95", 31.5e6),
        ],
    );
    let draft = fixture("machine_readable_draft.json").unwrap();
    expect(
        &draft,
        &[
            ("checks", "rate", "rate", 0.5),
            ("iterations", "counter", "rate", 2.5),
        ],
    );
    assert!(
        fixture("machine_readable_empty.json")
            .unwrap()
            .benchmarks
            .is_empty()
    );
}

#[test]
fn bad_inputs_name_the_place() {
    let cases = [
        (
            "negative_time.json",
            "metrics.iteration_duration.values.p(95)",
            "non-negative time",
        ),
        (
            "nan.json",
            "metrics.fake_gauge.values.value",
            "finite number, found NaN",
        ),
        (
            "unknown_type.json",
            "metrics.vus.type",
            "unknown variant `histogram`",
        ),
        (
            "values_not_numbers.json",
            "metrics.http_reqs.values.count",
            "expected a number",
        ),
        ("metrics_not_object.json", "metrics", "expected an object"),
        ("no_metrics.json", "metrics", "found neither"),
        (
            "duplicate_check.json",
            "root_group.groups[0].checks[1]",
            "already given by root_group.groups[0].checks[0]",
        ),
        (
            "rate_total_below_matches.json",
            "results.metrics[0].values.total",
            "at least the 12 matches",
        ),
        (
            "unsupported_version.json",
            "version",
            "version 1.x, found \"2.0.0\"",
        ),
        (
            "negative_duration.json",
            "state.testRunDurationMs",
            "non-negative duration",
        ),
        (
            "results_metrics_not_array.json",
            "results.metrics",
            "expected a sequence",
        ),
        ("truncated.json", "root_group.groups[0]", "truncated"),
    ];
    for (file, field, message) in cases {
        let err = fixture(&format!("bad/{file}")).unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some(field), "{file}: {err}");
        assert!(err.message.contains(message), "{file}: {err}");
    }
}
