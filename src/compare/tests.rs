//! Verdict tables and properties of [`compare`](super::compare).

use proptest::prelude::*;

use super::*;
use crate::model::{Benchmark, Direction, Metric, MetricKind, Results, Summary, Threshold, Unit};

mod evidence;

/// Deterministic noisy samples: `base · (1 + cv · z)` for a fixed spread of
/// z values in [−1.7, 1.7], shuffled by `seed`.
fn noisy(base: f64, cv: f64, n: usize, seed: u64) -> Vec<f64> {
    let mut values: Vec<f64> = (0..n)
        .map(|i| {
            let z = -1.7 + 3.4 * (i as f64 + 0.5) / n as f64;
            base * (1.0 + cv * z)
        })
        .collect();
    let mut state = seed | 1;
    for i in (1..values.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        values.swap(i, (state % (i as u64 + 1)) as usize);
    }
    values
}

fn sampled(id: &str, samples: Vec<f64>) -> Benchmark {
    let summary = crate::ingest::summarize_for_tests(&samples);
    Benchmark::new(
        id,
        vec![Metric::new("time", Unit::Nanoseconds, summary).with_samples(samples)],
    )
}

fn point(id: &str, kind: MetricKind, stat: &str, value: f64, unit: Unit) -> Benchmark {
    let mut summary = Summary::default();
    summary.set(stat, value);
    Benchmark::new(id, vec![Metric::new("m", unit, summary).with_kind(kind)])
}

fn results(benchmarks: Vec<Benchmark>) -> Results {
    let mut r = Results::new("s");
    r.benchmarks = benchmarks;
    r
}

fn verdict_of(base: Benchmark, current: Benchmark) -> Entry {
    let c = compare(
        &results(vec![base]),
        &results(vec![current]),
        &Policy::default(),
    );
    assert_eq!(c.entries.len(), 1);
    c.entries[0].clone()
}

#[test]
fn sample_verdicts_follow_the_evidence() {
    let table = [
        // (slowdown factor, cv, n, expected)
        (1.00, 0.02, 30, Verdict::Unchanged),
        (1.02, 0.02, 30, Verdict::Unchanged),
        (1.30, 0.02, 30, Verdict::Regressed(Severity::Major)),
        (1.70, 0.02, 30, Verdict::Regressed(Severity::Critical)),
        (1.15, 0.01, 50, Verdict::Regressed(Severity::Minor)),
        (0.70, 0.02, 30, Verdict::Improved),
        (1.30, 0.60, 30, Verdict::Inconclusive),
        (1.50, 0.02, 3, Verdict::Inconclusive),
    ];
    for (factor, cv, n, want) in table {
        let entry = verdict_of(
            sampled("b", noisy(1000.0, cv, n, 1)),
            sampled("b", noisy(1000.0 * factor, cv, n, 2)),
        );
        assert_eq!(
            entry.verdict, want,
            "factor {factor}, cv {cv}, n {n}: {entry:?}"
        );
        assert_eq!(entry.evidence, Evidence::Samples);
    }
}

#[test]
fn a_change_is_graded_by_what_its_interval_supports() {
    // A 52 % point slowdown with noise whose interval reaches below 50 %
    // is major, not critical.
    let entry = verdict_of(
        sampled("b", noisy(1000.0, 0.08, 20, 3)),
        sampled("b", noisy(1520.0, 0.08, 20, 4)),
    );
    let ci = entry.interval.expect("interval");
    assert!(entry.change.unwrap() >= 0.5 && ci.lower < 0.5, "{entry:?}");
    assert_eq!(
        entry.verdict,
        Verdict::Regressed(Severity::Major),
        "{entry:?}"
    );
}

#[test]
fn point_estimates_are_graded_at_the_tier_boundaries() {
    let table = [
        (100.0, 109.0, Verdict::Unchanged),
        (100.0, 110.0, Verdict::Regressed(Severity::Minor)),
        (100.0, 125.0, Verdict::Regressed(Severity::Major)),
        (100.0, 150.0, Verdict::Regressed(Severity::Critical)),
        (100.0, 85.0, Verdict::Improved),
    ];
    for (b, c, want) in table {
        let entry = verdict_of(
            point(
                "http_req_duration",
                MetricKind::Trend,
                "p95",
                b,
                Unit::Nanoseconds,
            ),
            point(
                "http_req_duration",
                MetricKind::Trend,
                "p95",
                c,
                Unit::Nanoseconds,
            ),
        );
        assert_eq!(entry.verdict, want, "{b} → {c}");
        assert_eq!(entry.statistic.as_deref(), Some("p95"));
        assert_eq!(entry.evidence, Evidence::Point);
    }
}

#[test]
fn higher_is_better_metrics_regress_when_they_drop() {
    let entry = verdict_of(
        point(
            "iterations",
            MetricKind::Counter,
            "rate",
            100.0,
            Unit::OpsPerSecond,
        ),
        point(
            "iterations",
            MetricKind::Counter,
            "rate",
            60.0,
            Unit::OpsPerSecond,
        ),
    );
    assert_eq!(entry.direction, Direction::HigherIsBetter);
    assert_eq!(entry.verdict, Verdict::Regressed(Severity::Major));
}

#[test]
fn zero_and_non_finite_baselines_never_give_inf() {
    let zero = verdict_of(
        point("x", MetricKind::Sample, "median", 0.0, Unit::Nanoseconds),
        point("x", MetricKind::Sample, "median", 5.0, Unit::Nanoseconds),
    );
    assert_eq!(zero.verdict, Verdict::Inconclusive);
    assert_eq!(zero.change, None);
    let both_zero = verdict_of(
        point("x", MetricKind::Sample, "median", 0.0, Unit::Nanoseconds),
        point("x", MetricKind::Sample, "median", 0.0, Unit::Nanoseconds),
    );
    assert_eq!(both_zero.verdict, Verdict::Unchanged);
    assert_eq!(judge::relative_change(f64::NAN, 1.0), None);
    assert_eq!(judge::relative_change(1e-320, 1.0), None);
    assert_eq!(judge::relative_change(-2.0, -1.0), Some(0.5));
    let json = serde_json::to_string(&compare(
        &results(vec![point(
            "x",
            MetricKind::Sample,
            "median",
            0.0,
            Unit::Nanoseconds,
        )]),
        &results(vec![point(
            "x",
            MetricKind::Sample,
            "median",
            5.0,
            Unit::Nanoseconds,
        )]),
        &Policy::default(),
    ))
    .unwrap();
    assert!(!json.contains("inf") && !json.contains("NaN"), "{json}");
}

#[test]
fn new_missing_and_unit_mismatch() {
    let c = compare(
        &results(vec![
            point("gone", MetricKind::Sample, "median", 1.0, Unit::Nanoseconds),
            point("same", MetricKind::Sample, "median", 1.0, Unit::Nanoseconds),
        ]),
        &results(vec![
            point(
                "fresh",
                MetricKind::Sample,
                "median",
                1.0,
                Unit::Nanoseconds,
            ),
            point("same", MetricKind::Sample, "median", 1.0, Unit::Bytes),
        ]),
        &Policy::default(),
    );
    let by_id = |id: &str| c.entries.iter().find(|e| e.benchmark == id).unwrap();
    assert_eq!(by_id("gone").verdict, Verdict::Missing);
    assert_eq!(by_id("fresh").verdict, Verdict::New);
    assert_eq!(by_id("same").verdict, Verdict::Inconclusive);
    assert!(c.gate.passed);
    assert!(c.gate.warnings.iter().any(|w| w.contains("gone")));
}

#[test]
fn the_gate_fails_at_the_fail_level_and_warns_below_it() {
    let base = results(vec![
        point("a", MetricKind::Trend, "p95", 100.0, Unit::Nanoseconds),
        point("b", MetricKind::Trend, "p95", 100.0, Unit::Nanoseconds),
    ]);
    let cur = results(vec![
        point("a", MetricKind::Trend, "p95", 160.0, Unit::Nanoseconds),
        point("b", MetricKind::Trend, "p95", 130.0, Unit::Nanoseconds),
    ]);
    let critical = compare(&base, &cur, &Policy::default());
    assert!(!critical.gate.passed);
    assert_eq!(critical.gate.failures.len(), 1);
    assert!(
        critical
            .gate
            .warnings
            .iter()
            .any(|w| w.starts_with("major"))
    );
    assert_eq!(critical.entries[0].benchmark, "a", "worst first");
    let never = Policy {
        fail_on: FailOn::Never,
        ..Policy::default()
    };
    assert!(compare(&base, &cur, &never).gate.passed);
    let major = Policy {
        fail_on: FailOn::Severity(Severity::Major),
        ..Policy::default()
    };
    assert_eq!(compare(&base, &cur, &major).gate.failures.len(), 2);
    assert_eq!(critical.counts["critical"], 1);
    assert_eq!(critical.counts["major"], 1);
}

#[test]
fn a_failed_k6_threshold_is_an_slo_breach_that_fails_the_gate() {
    let mut bench = point(
        "http_req_duration",
        MetricKind::Trend,
        "p95",
        100.0,
        Unit::Nanoseconds,
    );
    bench.thresholds.push(Threshold {
        expression: "p(95)<90".into(),
        passed: false,
    });
    let base = results(vec![point(
        "http_req_duration",
        MetricKind::Trend,
        "p95",
        100.0,
        Unit::Nanoseconds,
    )]);
    let c = compare(&base, &results(vec![bench]), &Policy::default());
    assert!(!c.gate.passed);
    assert_eq!(c.slos.len(), 1);
    assert!(c.gate.failures[0].contains("p(95)<90"));
}

#[test]
fn a_host_mismatch_is_noted() {
    let mut base = results(vec![]);
    let mut cur = results(vec![]);
    base.host = Some(crate::model::Host {
        os: "linux".into(),
        arch: "x86_64".into(),
        cpu: Some("A".into()),
        cores: Some(2),
    });
    cur.host = Some(crate::model::Host {
        os: "linux".into(),
        arch: "x86_64".into(),
        cpu: Some("B".into()),
        cores: Some(2),
    });
    let c = compare(&base, &cur, &Policy::default());
    assert!(c.notes[0].contains("host mismatch"), "{:?}", c.notes);
    assert!(c.gate.warnings.iter().any(|w| w.contains("host mismatch")));
}

#[test]
fn the_document_round_trips() {
    let c = compare(
        &results(vec![sampled("b", noisy(1000.0, 0.02, 20, 1))]),
        &results(vec![sampled("b", noisy(1300.0, 0.02, 20, 2))]),
        &Policy::default(),
    );
    let text = serde_json::to_string_pretty(&c).unwrap();
    assert!(text.contains("\"schema\": \"benchgate.comparison.v1\""));
    let back: Comparison = serde_json::from_str(&text).unwrap();
    assert_eq!(back, c);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn comparing_a_with_a_is_never_a_regression(
        values in proptest::collection::vec(1.0f64..1e6, 1..60),
    ) {
        let c = compare(&results(vec![sampled("x", values.clone())]), &results(vec![sampled("x", values)]), &Policy::default());
        prop_assert!(c.entries.iter().all(|e| e.verdict.severity().is_none()));
        prop_assert!(c.gate.passed);
    }

    #[test]
    fn scaling_both_sides_changes_no_verdict(
        base in proptest::collection::vec(1.0f64..1e4, 5..40),
        factor in 0.5f64..2.0,
        scale in 1e-3f64..1e3,
    ) {
        let cur: Vec<f64> = base.iter().map(|v| v * factor).collect();
        let scaled = |v: &[f64]| v.iter().map(|x| x * scale).collect::<Vec<_>>();
        let plain = compare(&results(vec![sampled("x", base.clone())]), &results(vec![sampled("x", cur.clone())]), &Policy::default());
        let big = compare(&results(vec![sampled("x", scaled(&base))]), &results(vec![sampled("x", scaled(&cur))]), &Policy::default());
        prop_assert_eq!(plain.entries[0].verdict, big.entries[0].verdict);
    }
}

#[test]
fn judging_on_several_threads_gives_what_one_thread_gives() {
    let bases: Vec<Benchmark> = (0..24)
        .map(|i| sampled(&format!("b{i}"), noisy(100.0, 0.05, 30, i)))
        .collect();
    let currents: Vec<Benchmark> = (0..24)
        .map(|i| {
            let change = 1.0 + (i % 7) as f64 * 0.08;
            sampled(&format!("b{i}"), noisy(100.0 * change, 0.05, 30, i + 100))
        })
        .collect();
    let pairs: Vec<(&str, &Metric, Option<&Metric>)> = bases
        .iter()
        .zip(&currents)
        .map(|(b, c)| (c.id.as_str(), &c.metrics[0], Some(&b.metrics[0])))
        .collect();
    let policy = Policy::default();
    let one = judge_on(&pairs, &policy, 1);
    assert_eq!(one.len(), 24);
    assert!(one.iter().any(|e| e.verdict != Verdict::Unchanged));
    for threads in [2, 5] {
        assert_eq!(judge_on(&pairs, &policy, threads), one, "{threads} threads");
    }
}
