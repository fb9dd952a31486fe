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
/// This is Hyndman & Fan's definition 7 ("Sample quantiles in statistical
/// packages", The American Statistician 50(4), 1996), numpy's default
/// `method="linear"`, and k6's `TrendSink.P` (`metrics/sink.go`). It costs
/// O(1) on sorted input.
///
/// # Panics
///
/// If `sorted` is empty (a programmer error: [`Sample`] is never empty).
pub fn percentile_sorted(sorted: &[f64], q: f64) -> f64 {
    assert!(!sorted.is_empty(), "percentile of an empty sample");
    let q = q.clamp(0.0, 100.0);
    let h = q / 100.0 * (sorted.len() - 1) as f64;
    let lo = h.floor();
    let lower = sorted[lo as usize];
    let upper = sorted[h.ceil() as usize];
    lower + (h - lo) * (upper - lower)
}

/// Describes `sample`: mean, standard deviation, extremes and the usual
/// percentiles. O(n) on a [`Sample`], which is already sorted.
pub fn describe(sample: &Sample) -> Description {
    let values = sample.sorted();
    let n = values.len();
    let mean = mean(values);
    let stddev = (n > 1).then(|| {
        let ss: f64 = values.iter().map(|v| (v - mean).powi(2)).sum();
        (ss / (n - 1) as f64).sqrt()
    });
    let mean = mean.clamp(sample.min(), sample.max());
    Description {
        n,
        mean,
        stddev,
        min: sample.min(),
        max: sample.max(),
        median: percentile_sorted(values, 50.0),
        p90: percentile_sorted(values, 90.0),
        p95: percentile_sorted(values, 95.0),
        p99: percentile_sorted(values, 99.0),
    }
}

/// The arithmetic mean, accumulated in the order given (as k6 does).
fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_linearly_between_neighbours() {
        // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 90, 100]) = 1, 1.75, 2.5, 3.7, 4
        let sorted = [1.0, 2.0, 3.0, 4.0];
        let expected = [(0.0, 1.0), (25.0, 1.75), (50.0, 2.5), (90.0, 3.7), (100.0, 4.0)];
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
}
