//! Tests of `k6_summary`.

use super::*;
use crate::ingest::testing::expect;
use crate::model::{Direction, MetricKind, Unit};

fn fixture(name: &str) -> Result<Results, ParseError> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/k6-summary/");
    parse(&std::fs::read_to_string(format!("{dir}{name}")).expect("fixture exists"))
}

#[test]
fn current_export_maps_types_units_and_thresholds() {
    let r = fixture("current.json").unwrap();
    assert_eq!(r.sources[0].tool, "k6");
    expect(
        &r,
        &[
            ("http_req_duration", "trend", "p95", 250.5e6),
            ("http_req_duration", "trend", "p99.9", 400e6),
            ("http_req_duration", "trend", "n", 4.0),
            (
                "http_req_duration{expected_response:true}",
                "trend",
                "median",
                90e6,
            ),
            ("http_req_failed", "rate", "rate", 0.25),
            ("data_sent", "counter", "count", 2048.0),
            ("vus", "gauge", "last", 3.0),
            ("cart_size", "trend", "max", 7.0),
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
    assert_eq!(
        unit("http_req_failed"),
        (Unit::Ratio, MetricKind::Rate, Direction::LowerIsBetter)
    );
    assert_eq!(
        unit("checks"),
        (Unit::Ratio, MetricKind::Rate, Direction::HigherIsBetter)
    );
    assert_eq!(
        unit("data_sent"),
        (Unit::Bytes, MetricKind::Counter, Direction::HigherIsBetter)
    );
    assert_eq!(unit("dropped_iterations").2, Direction::LowerIsBetter);
    assert_eq!(unit("vus").1, MetricKind::Gauge);
    assert_eq!(unit("cart_size").0, Unit::Count);
    let threshold = |expression: &str, passed| Threshold {
        expression: expression.into(),
        passed,
    };
    let d = r.benchmark("http_req_duration").unwrap();
    assert_eq!(
        d.thresholds,
        [threshold("avg<1", false), threshold("p(95)<500", true)]
    );
}

#[test]
fn pre_v030_rate_is_recomputed_and_group_checks_get_their_path() {
    let r = fixture("pre_v0.30.json").unwrap();
    expect(
        &r,
        &[
            ("checks", "rate", "rate", 0.75),
            ("checks{check:status is 200}", "rate", "rate", 1.0),
            (
                "checks{group:::login::form,check:has token}",
                "rate",
                "fails",
                2.0,
            ),
            (
                "checks{group:::login::form,check:has token}",
                "rate",
                "n",
                4.0,
            ),
        ],
    );
}

#[test]
fn a_threshold_sub_metric_on_a_check_takes_precedence_over_the_root_check() {
    let r = fixture("check_sub_metric.json").unwrap();
    let ids: Vec<&str> = r.benchmarks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(
        ids,
        ["checks", "checks{check:ok}", "checks{group:::api,check:ok}"]
    );
    expect(&r, &[("checks{check:ok}", "rate", "passes", 9.0)]);
    assert!(fixture("empty.json").unwrap().benchmarks.is_empty());
}

#[test]
fn bad_inputs_name_the_place() {
    let cases = [
        (
            "negative_time.json",
            "metrics.http_req_duration.min",
            "non-negative time, found -0.25",
        ),
        (
            "nan.json",
            "metrics.http_req_waiting.avg",
            "finite number, found NaN",
        ),
        (
            "null_value.json",
            "metrics.http_req_waiting.avg",
            "invalid type: null",
        ),
        (
            "string_value.json",
            "metrics.iterations.count",
            "expected a number",
        ),
        ("metrics_not_object.json", "metrics", "expected an object"),
        ("no_metrics.json", "metrics", "found none"),
        (
            "unknown_shape.json",
            "metrics.mystery",
            "cannot tell the k6 metric type from the keys [total, value]",
        ),
        (
            "duplicate_key.json",
            "metrics",
            "duplicate key \"http_reqs\"",
        ),
        ("truncated.json", "root_group.checks", "truncated"),
    ];
    for (file, field, message) in cases {
        let err = fixture(&format!("bad/{file}")).unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some(field), "{file}: {err}");
        assert!(err.message.contains(message), "{file}: {err}");
    }
    let err = parse(r#"{"version": "1.0.0", "results": {"metrics": []}}"#).unwrap_err();
    assert!(err.message.contains("--format k6-handle-summary"), "{err}");
    let err = parse("[1]").unwrap_err();
    assert!(err.message.contains("expected a JSON object"), "{err}");
}
