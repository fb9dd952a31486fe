//! A seeded bootstrap confidence interval of a relative change.
//!
//! B. Efron and R. J. Tibshirani, "An Introduction to the Bootstrap",
//! Chapman & Hall, 1993: §8.3 (two independent samples are resampled
//! independently) and ch. 13 (the percentile interval).

use super::describe::percentile_select;
use super::rng::Xoshiro256StarStar;
use super::{Sample, StatsError, percentile_sorted};

/// The statistic of a sample whose change is judged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Statistic {
    /// The arithmetic mean.
    Mean,
    /// The median (the 50th percentile).
    Median,
    /// The `q`-th percentile, `q` in percent (`Percentile(95.0)` is p95),
    /// computed as k6 does ([`percentile_sorted`]).
    Percentile(f64),
}

impl Statistic {
    /// This statistic of `sample`. O(n) for the mean, O(1) otherwise. A
    /// percentile's `q` is clamped to `[0, 100]`.
    pub fn of(self, sample: &Sample) -> f64 {
        match self {
            Self::Mean => sample.mean(),
            Self::Median => sample.median(),
            Self::Percentile(q) => sample.percentile(q),
        }
    }

    /// This statistic of unsorted `values`, which it may reorder. Expected
    /// O(n).
    fn of_unsorted(self, values: &mut [f64]) -> f64 {
        match self {
            Self::Mean => values.iter().sum::<f64>() / values.len() as f64,
            Self::Median => percentile_select(values, 50.0),
            Self::Percentile(q) => percentile_select(values, q),
        }
    }
}

/// A relative change with its bootstrap confidence interval, as fractions
/// (`0.1` = 10 % higher than the baseline, `-0.25` = 25 % lower).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChangeInterval {
    /// `stat(current) / stat(baseline) − 1` on the full samples.
    pub point: f64,
    /// The lower end of the interval. `lower ≤ upper`; the percentile
    /// interval need not contain `point` when the statistic is skewed.
    pub lower: f64,
    /// The upper end of the interval.
    pub upper: f64,
    /// The confidence level, in `(0, 1)`.
    pub confidence: f64,
    /// The resamples the interval was built from.
    pub resamples: usize,
    /// The resamples dropped because their baseline statistic was ≤ 0 (or the
    /// ratio overflowed). The interval is conditional on a positive
    /// baseline; if many were dropped, treat it with suspicion.
    pub skipped: usize,
}

/// The percentile-bootstrap confidence interval of the relative change
/// `stat(current) / stat(baseline) − 1`.
///
/// Each of `resamples` rounds draws `n_baseline` values with replacement
/// from `baseline`, then `n_current` from `current` (independently), and
/// records the change between the two resamples' statistics. The interval
/// is the `(1 − confidence)/2` and `(1 + confidence)/2` percentiles of the
/// recorded changes, by [`percentile_sorted`]. A round whose resampled
/// baseline statistic is ≤ 0 has no relative change: it is skipped and
/// counted in [`ChangeInterval::skipped`] (only possible when the baseline
/// has values ≤ 0).
///
/// Deterministic: the same inputs and `seed` give the same interval,
/// bit for bit, on every platform (xoshiro256** seeded by SplitMix64; the
/// arithmetic is sequential IEEE-754). Scaling both samples by the same
/// positive factor leaves the interval unchanged up to rounding.
///
/// Cost: O(resamples · (n_baseline + n_current)) time (selection, not
/// sorting, for percentiles) plus O(resamples · log resamples) to sort the
/// changes; memory O(n_baseline + n_current + resamples), allocated once.
/// 10 000 resamples of 100 values on each side take a few milliseconds.
///
/// # Errors
///
/// - [`StatsError::InvalidConfidence`] unless `0 < confidence < 1`;
/// - [`StatsError::InvalidPercentile`] for a percentile outside `[0, 100]`;
/// - [`StatsError::NoResamples`] for `resamples == 0`;
/// - [`StatsError::BaselineNotPositive`] when the baseline's statistic is
///   ≤ 0 (or so small that the change overflows);
/// - [`StatsError::NoUsableResamples`] when every round was skipped.
pub fn bootstrap_relative_change(
    baseline: &Sample,
    current: &Sample,
    statistic: Statistic,
    confidence: f64,
    resamples: usize,
    seed: u64,
) -> Result<ChangeInterval, StatsError> {
    validate(statistic, confidence, resamples)?;
    let reference = statistic.of(baseline);
    let point = relative_change(reference, statistic.of(current))
        .ok_or(StatsError::BaselineNotPositive { value: reference })?;
    let changes = resample_changes(baseline, current, statistic, resamples, seed);
    interval(point, changes, confidence, resamples)
}

/// As [`bootstrap_relative_change`] for paired samples: `baseline[i]` and
/// `current[i]` were measured together (round *i* of an interleaved A/B
/// run). Each round draws `n` indices with replacement and takes both
/// sides' values at those indices, so what a round shared stays shared in
/// every resample (Efron & Tibshirani §6.3: resample the pairs).
///
/// # Errors
///
/// As [`bootstrap_relative_change`], and [`StatsError::UnpairedLengths`]
/// when the lengths differ, [`StatsError::TooFewValues`] when empty.
pub fn bootstrap_paired_relative_change(
    baseline: &[f64],
    current: &[f64],
    statistic: Statistic,
    confidence: f64,
    resamples: usize,
    seed: u64,
) -> Result<ChangeInterval, StatsError> {
    validate(statistic, confidence, resamples)?;
    let n = baseline.len();
    if current.len() != n {
        return Err(StatsError::UnpairedLengths {
            baseline: n,
            current: current.len(),
        });
    }
    if n == 0 {
        return Err(StatsError::TooFewValues {
            needed: 1,
            found: 0,
        });
    }
    let reference = statistic.of_unsorted(&mut baseline.to_vec());
    let point = relative_change(reference, statistic.of_unsorted(&mut current.to_vec()))
        .ok_or(StatsError::BaselineNotPositive { value: reference })?;
    let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
    let (mut b, mut c) = (vec![0.0; n], vec![0.0; n]);
    let mut changes = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        for (slot_b, slot_c) in b.iter_mut().zip(c.iter_mut()) {
            let i = rng.below(n as u64) as usize;
            *slot_b = baseline.get(i).copied().unwrap_or(f64::NAN);
            *slot_c = current.get(i).copied().unwrap_or(f64::NAN);
        }
        let reference = statistic.of_unsorted(&mut b);
        if reference > 0.0 {
            changes.extend(relative_change(reference, statistic.of_unsorted(&mut c)));
        }
    }
    interval(point, changes, confidence, resamples)
}

/// The percentile interval of the recorded `changes`.
fn interval(
    point: f64,
    mut changes: Vec<f64>,
    confidence: f64,
    resamples: usize,
) -> Result<ChangeInterval, StatsError> {
    if changes.is_empty() {
        return Err(StatsError::NoUsableResamples { resamples });
    }
    changes.sort_unstable_by(f64::total_cmp);
    let tail = 100.0 * (1.0 - confidence) / 2.0;
    Ok(ChangeInterval {
        point,
        lower: percentile_sorted(&changes, tail),
        upper: percentile_sorted(&changes, 100.0 - tail),
        confidence,
        resamples: changes.len(),
        skipped: resamples - changes.len(),
    })
}

/// The parameter checks of [`bootstrap_relative_change`].
fn validate(statistic: Statistic, confidence: f64, resamples: usize) -> Result<(), StatsError> {
    if !(confidence > 0.0 && confidence < 1.0) {
        return Err(StatsError::InvalidConfidence { value: confidence });
    }
    match statistic {
        Statistic::Percentile(q) if !(0.0..=100.0).contains(&q) => {
            Err(StatsError::InvalidPercentile { value: q })
        }
        _ if resamples == 0 => Err(StatsError::NoResamples),
        _ => Ok(()),
    }
}

/// `current / baseline − 1`, or `None` when `baseline ≤ 0` or the result
/// is not finite.
fn relative_change(baseline: f64, current: f64) -> Option<f64> {
    let change = current / baseline - 1.0;
    (baseline > 0.0 && change.is_finite()).then_some(change)
}

/// The relative changes of `resamples` bootstrap rounds, in draw order,
/// without the skipped rounds. Both buffers are allocated once.
fn resample_changes(
    baseline: &Sample,
    current: &Sample,
    statistic: Statistic,
    resamples: usize,
    seed: u64,
) -> Vec<f64> {
    let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
    let mut baseline_buffer = vec![0.0; baseline.len()];
    let mut current_buffer = vec![0.0; current.len()];
    let mut changes = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        draw(baseline.sorted(), &mut baseline_buffer, &mut rng);
        draw(current.sorted(), &mut current_buffer, &mut rng);
        let reference = statistic.of_unsorted(&mut baseline_buffer);
        if reference > 0.0 {
            let value = statistic.of_unsorted(&mut current_buffer);
            changes.extend(relative_change(reference, value));
        }
    }
    changes
}

/// Fills `buffer` with values drawn uniformly, with replacement, from `from`.
fn draw(from: &[f64], buffer: &mut [f64], rng: &mut Xoshiro256StarStar) {
    let n = from.len() as u64;
    for slot in buffer {
        *slot = from[rng.below(n) as usize];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample(values: &[f64]) -> Sample {
        Sample::new(values.to_vec()).unwrap()
    }

    #[test]
    fn invalid_parameters_are_errors() {
        let s = sample(&[1.0, 2.0, 3.0]);
        let run = |statistic, confidence, resamples| {
            bootstrap_relative_change(&s, &s, statistic, confidence, resamples, 1)
        };
        assert_eq!(
            run(Statistic::Mean, 1.0, 10),
            Err(StatsError::InvalidConfidence { value: 1.0 })
        );
        assert!(matches!(
            run(Statistic::Mean, f64::NAN, 10),
            Err(StatsError::InvalidConfidence { .. })
        ));
        assert_eq!(
            run(Statistic::Percentile(101.0), 0.9, 10),
            Err(StatsError::InvalidPercentile { value: 101.0 })
        );
        assert_eq!(run(Statistic::Median, 0.9, 0), Err(StatsError::NoResamples));
    }

    #[test]
    fn a_non_positive_baseline_has_no_relative_change() {
        let zero = sample(&[0.0, 0.0, 1.0]);
        let err = bootstrap_relative_change(&zero, &zero, Statistic::Median, 0.95, 100, 1);
        assert_eq!(err, Err(StatsError::BaselineNotPositive { value: 0.0 }));
        let negative = sample(&[-5.0, -1.0]);
        let err = bootstrap_relative_change(&negative, &zero, Statistic::Mean, 0.95, 100, 1);
        assert_eq!(err, Err(StatsError::BaselineNotPositive { value: -3.0 }));
    }

    #[test]
    fn resamples_with_a_non_positive_baseline_are_skipped_and_counted() {
        let baseline = sample(&[-1.0, -0.5, 2.0, 3.0, 4.0]);
        let current = sample(&[1.0, 2.0, 3.0, 4.0]);
        let r = bootstrap_relative_change(&baseline, &current, Statistic::Median, 0.95, 1000, 9)
            .unwrap();
        assert!(r.skipped > 0 && r.resamples + r.skipped == 1000);
        assert!(r.lower.is_finite() && r.upper.is_finite() && r.lower <= r.upper);
    }

    #[test]
    fn identical_constant_samples_have_a_zero_width_interval() {
        let s = sample(&[5.0; 12]);
        let r =
            bootstrap_relative_change(&s, &s, Statistic::Percentile(95.0), 0.95, 200, 3).unwrap();
        assert_eq!((r.point, r.lower, r.upper, r.skipped), (0.0, 0.0, 0.0, 0));
    }

    fn positive() -> impl Strategy<Value = Vec<f64>> {
        prop::collection::vec(1e-3..1e6_f64, 1..30)
    }

    fn statistics() -> impl Strategy<Value = Statistic> {
        prop_oneof![
            Just(Statistic::Mean),
            Just(Statistic::Median),
            (0.0..=100.0).prop_map(Statistic::Percentile)
        ]
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn scaling_both_samples_leaves_the_interval_unchanged(
            b in positive(), c in positive(), statistic in statistics(), factor in 1e-3..1e3_f64, seed: u64,
        ) {
            let scale = |v: &[f64]| sample(&v.iter().map(|v| v * factor).collect::<Vec<_>>());
            let plain = bootstrap_relative_change(&sample(&b), &sample(&c), statistic, 0.9, 200, seed).unwrap();
            let scaled = bootstrap_relative_change(&scale(&b), &scale(&c), statistic, 0.9, 200, seed).unwrap();
            prop_assert!(close(plain.point, scaled.point), "{plain:?} vs {scaled:?}");
            prop_assert!(close(plain.lower, scaled.lower), "{plain:?} vs {scaled:?}");
            prop_assert!(close(plain.upper, scaled.upper), "{plain:?} vs {scaled:?}");
        }

        #[test]
        fn a_seed_determines_the_interval(
            b in positive(), c in positive(), statistic in statistics(), seed: u64,
        ) {
            let (b, c) = (sample(&b), sample(&c));
            let first = bootstrap_relative_change(&b, &c, statistic, 0.95, 100, seed).unwrap();
            let second = bootstrap_relative_change(&b, &c, statistic, 0.95, 100, seed).unwrap();
            prop_assert_eq!(first, second);
            prop_assert!(first.lower <= first.upper && first.skipped == 0);
        }
    }
}
