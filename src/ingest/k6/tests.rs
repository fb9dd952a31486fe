//! Tests of `k6`.

use super::*;

fn bench(
    name: &str,
    kind: Type,
    pairs: &[(&str, f64)],
    duration: Option<f64>,
) -> Result<Metric, ParseError> {
    let values: BTreeMap<String, Number> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Number(*v)))
        .collect();
    let metric = K6Metric {
        name,
        kind,
        contains: if kind == Type::Trend {
            Contains::Time
        } else {
            Contains::Default
        },
        values: &values,
        values_path: format!("metrics.{name}"),
        thresholds: Vec::new(),
    };
    benchmark(metric, duration).map(|mut b| b.metrics.remove(0))
}

#[test]
fn time_trends_become_nanoseconds_and_keep_every_statistic() {
    let pairs = [("avg", 1.5), ("med", 1.0), ("p(99.9)", 9.0), ("count", 3.0)];
    let m = bench("http_req_duration{name:x}", Type::Trend, &pairs, None).unwrap();
    assert_eq!(
        (&m.unit, m.kind, m.direction),
        (
            &Unit::Nanoseconds,
            MetricKind::Trend,
            Direction::LowerIsBetter
        )
    );
    assert_eq!((m.summary.mean, m.summary.median), (Some(1.5e6), Some(1e6)));
    assert_eq!((m.summary.get("p99.9"), m.summary.n), (Some(9e6), Some(3)));
}

#[test]
fn counters_get_a_rate_from_the_duration_only_when_missing() {
    let m = bench(
        "dropped_iterations",
        Type::Counter,
        &[("count", 10.0)],
        Some(4.0),
    )
    .unwrap();
    assert_eq!(
        (m.summary.get("rate"), m.direction),
        (Some(2.5), Direction::LowerIsBetter)
    );
    let err = bench("c", Type::Counter, &[("rate", 1.0)], None).unwrap_err();
    assert_eq!(err.place.field.as_deref(), Some("metrics.c"));
    assert!(err.message.contains("\"count\""), "{}", err.message);
}
