//! What a verdict rests on beyond independent samples: paired A/B rounds,
//! and rates judged from their counts.

use super::*;

/// Interleaved A/B rounds under drift: round *i* runs both sides under
/// the same machine state `drift[i]` (±40 %), each with 1 % noise of its own.
fn ab_rounds(change: f64, n: usize) -> (Benchmark, Benchmark) {
    let drift = noisy(1.0, 0.25, n, 7);
    let base: Vec<f64> = noisy(1000.0, 0.01, n, 1)
        .iter()
        .zip(&drift)
        .map(|(v, d)| v * d)
        .collect();
    let current: Vec<f64> = noisy(1000.0 * (1.0 + change), 0.01, n, 2)
        .iter()
        .zip(&drift)
        .map(|(v, d)| v * d)
        .collect();
    (sampled("ab", base), sampled("ab", current))
}

fn judged(base: Benchmark, current: Benchmark, paired: bool) -> Entry {
    let policy = Policy {
        paired,
        ..Policy::default()
    };
    let c = compare(&results(vec![base]), &results(vec![current]), &policy);
    c.entries[0].clone()
}

#[test]
fn paired_rounds_see_through_drift_that_independent_samples_cannot() {
    // A true 30 % slowdown, 20 rounds.
    let (base, current) = ab_rounds(0.30, 20);
    let paired = judged(base.clone(), current.clone(), true);
    assert_eq!(paired.evidence, Evidence::Paired);
    assert_eq!(
        paired.verdict,
        Verdict::Regressed(Severity::Major),
        "{paired:?}"
    );
    let interval = paired.interval.unwrap();
    assert!(
        interval.lower > 0.25 && interval.upper < 0.35,
        "{interval:?}"
    );
    let independent = judged(base, current, false);
    assert_eq!(independent.evidence, Evidence::Samples);
    assert_eq!(
        independent.verdict,
        Verdict::Inconclusive,
        "{independent:?}"
    );

    // No change: paired says unchanged where independent cannot tell.
    let (base, current) = ab_rounds(0.0, 20);
    let paired = judged(base.clone(), current.clone(), true);
    assert_eq!(paired.verdict, Verdict::Unchanged, "{paired:?}");
    assert_eq!(judged(base, current, false).verdict, Verdict::Inconclusive);
}

#[test]
fn paired_judging_needs_equal_lengths_and_enough_rounds() {
    let (base, _) = ab_rounds(0.0, 20);
    let (_, current) = ab_rounds(0.30, 19);
    assert_eq!(judged(base, current, true).evidence, Evidence::Samples);
    let (base, current) = ab_rounds(0.30, 5);
    let entry = judged(base, current, true);
    assert_eq!(entry.verdict, Verdict::Inconclusive);
    assert!(entry.note.unwrap().contains("too few paired rounds"));
}

/// A k6 rate with its counts: `passes` of `n` (for `http_req_failed`, the
/// failed requests).
fn rate(id: &str, passes: u64, n: u64, direction: Direction) -> Benchmark {
    let mut summary = Summary {
        n: Some(n),
        ..Summary::default()
    };
    summary.set("passes", passes as f64);
    summary.set("fails", (n - passes) as f64);
    summary.set("rate", passes as f64 / n as f64);
    let metric = Metric::new("rate", Unit::Ratio, summary)
        .with_kind(MetricKind::Rate)
        .with_direction(direction);
    Benchmark::new(id, vec![metric])
}

#[test]
fn rates_with_counts_are_judged_by_a_two_proportion_test() {
    use Direction::{HigherIsBetter, LowerIsBetter};
    let table = [
        // (baseline passes/n, current passes/n, direction, expected)
        // 5 → 7 failed requests in 10,000: +40 % on paper, noise in fact.
        (
            (5, 10_000),
            (7, 10_000),
            LowerIsBetter,
            Verdict::Inconclusive,
        ),
        // The same share on a hundred times the traffic is a real +40 %
        // (graded major by its interval's bound nearest zero, +27 %).
        (
            (500, 1_000_000),
            (700, 1_000_000),
            LowerIsBetter,
            Verdict::Regressed(Severity::Major),
        ),
        // Eight times the failures: critical even at the interval's best.
        (
            (5, 10_000),
            (40, 10_000),
            LowerIsBetter,
            Verdict::Regressed(Severity::Critical),
        ),
        // Equal counts.
        (
            (6, 11_880),
            (6, 11_880),
            LowerIsBetter,
            Verdict::Inconclusive,
        ),
        (
            (600, 100_000),
            (600, 100_000),
            LowerIsBetter,
            Verdict::Unchanged,
        ),
        // Failures fall from 400 to 100: improved.
        (
            (400, 100_000),
            (100, 100_000),
            LowerIsBetter,
            Verdict::Improved,
        ),
        // A check passing 99.9 % → 99.0 %: significant, but the rate moved
        // less than 1 %, below the minor threshold.
        (
            (9_990, 10_000),
            (9_900, 10_000),
            HigherIsBetter,
            Verdict::Unchanged,
        ),
    ];
    for ((k1, n1), (k2, n2), direction, want) in table {
        let entry = verdict_of(
            rate("http_req_failed", k1, n1, direction),
            rate("http_req_failed", k2, n2, direction),
        );
        assert_eq!(entry.evidence, Evidence::Counts, "{k1}/{n1} → {k2}/{n2}");
        assert_eq!(entry.verdict, want, "{k1}/{n1} → {k2}/{n2}: {entry:?}");
        assert!(entry.p_value.is_some() && entry.interval.is_some());
    }
}

#[test]
fn rates_without_counts_keep_the_point_estimate() {
    let entry = verdict_of(
        point("checks", MetricKind::Rate, "rate", 0.0005, Unit::Ratio),
        point("checks", MetricKind::Rate, "rate", 0.0007, Unit::Ratio),
    );
    assert_eq!(entry.evidence, Evidence::Point);
    assert_eq!(entry.verdict, Verdict::Regressed(Severity::Major));
}
