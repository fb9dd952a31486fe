//! Descriptive statistics of a sample.

use super::Sample;

/// The descriptive statistics of one [`Sample`].
#[derive(Debug, Clone, PartialEq)]
pub struct Description {
    /// Number of values.
    pub n: usize,
    /// Arithmetic mean.
    pub mean: f64,
    /// Sample standard deviation (n − 1 denominator); `None` for n = 1.
    pub stddev: Option<f64>,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// 50th percentile.
    pub median: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 95th percentile.
    pub p95: f64,
    /// 99th percentile.
    pub p99: f64,
}

/// The `q`-th percentile (`q` in percent, clamped to `[0, 100]`) of
/// ascending-sorted, non-empty `sorted`, computed the way k6 computes its
/// trend percentiles.
///
/// With the n values sorted ascending `x[0..n-1]`:
/// `h = q/100 · (n − 1)`, result `x[⌊h⌋] + (h − ⌊h⌋) · (x[⌈h⌉] − x[⌊h⌋])`.
/// This is definition 7 of Hyndman & Fan ("Sample quantiles in statistical
/// packages", The American Statistician 50(4):361–365, 1996), the default
/// of R's `quantile`, numpy's `percentile(method="linear")`, and k6's
/// `TrendSink.P` for every k6 that keeps all values of a trend
/// (<https://github.com/grafana/k6/blob/master/metrics/sink.go>, before the
/// trend sink became a histogram). The result is kept between the two
/// neighbouring values, which k6 does not do; the two differ by one ulp at
/// most, and only where k6's rounding would overshoot. O(1) on sorted input.
///
/// # Panics
///
/// If `sorted` is empty (a programmer error: [`Sample`] is never empty).
pub fn percentile_sorted(sorted: &[f64], q: f64) -> f64 {
    assert!(!sorted.is_empty(), "percentile of an empty sample");
    let (h, lo) = rank(q, sorted.len());
    interpolate(sorted[lo], sorted[h.ceil() as usize], h - lo as f64)
}

/// The same percentile as [`percentile_sorted`] of unsorted, non-empty
/// `values`, found by selection (`select_nth_unstable`, expected O(n)); it
/// reorders `values`. The result depends only on the multiset of values, so
/// it is the same on every platform and whatever order they came in.
pub(super) fn percentile_select(values: &mut [f64], q: f64) -> f64 {
    let (h, lo) = rank(q, values.len());
    let (_, &mut lower, above) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let upper = if h.ceil() as usize > lo {
        above.iter().copied().fold(f64::INFINITY, f64::min)
    } else {
        lower
    };
    interpolate(lower, upper, h - lo as f64)
}

/// The fractional rank `h = q/100 · (n − 1)` (q clamped to `[0, 100]`) and
/// its floor, as an index.
fn rank(q: f64, n: usize) -> (f64, usize) {
    let h = q.clamp(0.0, 100.0) / 100.0 * (n - 1) as f64;
    (h, h.floor() as usize)
}

/// `lower + fraction · (upper − lower)`, operation for operation as k6 does,
/// then kept within `[lower, upper]`: rounding can overshoot `upper` by an
/// ulp when `fraction` is close to 1, which would make percentiles
/// non-monotone in `q`. The bound changes no other result.
fn interpolate(lower: f64, upper: f64, fraction: f64) -> f64 {
    (lower + fraction * (upper - lower)).max(lower).min(upper)
}

/// Describes `sample`: mean, standard deviation, extremes and the usual
/// percentiles. O(n) on a [`Sample`], which is already sorted.
pub fn describe(sample: &Sample) -> Description {
    Description {
        n: sample.len(),
        mean: sample.mean(),
        stddev: sample.stddev(),
        min: sample.min(),
        max: sample.max(),
        median: sample.median(),
        p90: sample.percentile(90.0),
        p95: sample.percentile(95.0),
        p99: sample.percentile(99.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn percentiles_interpolate_linearly_between_neighbours() {
        // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 90, 100]) = 1, 1.75, 2.5, 3.7, 4
        let sorted = [1.0, 2.0, 3.0, 4.0];
        let expected = [
            (0.0, 1.0),
            (25.0, 1.75),
            (50.0, 2.5),
            (90.0, 3.7),
            (100.0, 4.0),
        ];
        for (q, want) in expected {
            let got = percentile_sorted(&sorted, q);
            assert!((got - want).abs() < 1e-12, "p{q}: {got} != {want}");
        }
        assert_eq!(percentile_sorted(&[7.0], 99.0), 7.0);
    }

    #[test]
    fn describe_matches_hand_computed_values() {
        let d = describe(&Sample::new(vec![4.0, 1.0, 3.0, 2.0]).unwrap());
        assert_eq!(d.n, 4);
        assert_eq!(d.mean, 2.5);
        // sqrt(((1.5² + 0.5²) · 2) / 3)
        assert!((d.stddev.unwrap() - 1.290_994_448_735_805_6).abs() < 1e-12);
        assert_eq!((d.min, d.max, d.median), (1.0, 4.0, 2.5));
        assert_eq!(describe(&Sample::new(vec![5.0]).unwrap()).stddev, None);
    }

    #[test]
    fn selection_agrees_with_sorting() {
        let mut values = [4.0, -1.0, 3.0, 3.0, 10.0, 0.5];
        let sorted = [-1.0, 0.5, 3.0, 3.0, 4.0, 10.0];
        for q in [0.0, 10.0, 33.3, 50.0, 95.0, 100.0] {
            assert_eq!(
                percentile_select(&mut values, q),
                percentile_sorted(&sorted, q)
            );
        }
    }

    proptest! {
        #[test]
        fn percentiles_are_monotone_in_q(
            values in prop::collection::vec(-1e9..1e9_f64, 1..60),
            mut qs in prop::collection::vec(0.0..=100.0_f64, 2..10),
        ) {
            let sample = Sample::new(values).unwrap();
            qs.sort_by(f64::total_cmp);
            let ps: Vec<f64> = qs.iter().map(|&q| sample.percentile(q)).collect();
            prop_assert!(ps.windows(2).all(|w| w[0] <= w[1]), "{qs:?} -> {ps:?}");
            prop_assert_eq!(sample.percentile(0.0), sample.min());
            prop_assert_eq!(sample.percentile(100.0), sample.max());
        }

        #[test]
        fn mean_and_median_lie_within_the_range(
            values in prop::collection::vec(prop_oneof![-1e12..1e12_f64, Just(0.1)], 1..60),
        ) {
            let sample = Sample::new(values).unwrap();
            let d = describe(&sample);
            prop_assert!(d.min <= d.mean && d.mean <= d.max);
            prop_assert!(d.min <= d.median && d.median <= d.max);
            prop_assert!(sample.coefficient_of_variation().is_none_or(|cv| cv >= 0.0));
        }
    }
}
