//! Bounding the raw samples a baseline keeps.

use crate::model::Results;

/// The default bound on raw samples kept per metric in a baseline.
pub const DEFAULT_MAX_SAMPLES: usize = 1000;

/// Thins every metric's samples in `results` to at most `max` values.
///
/// Thinning is deterministic and keeps the distribution: the values are
/// sorted and `max` order statistics are taken at evenly spaced ranks
/// (always including the minimum and the maximum), so every quantile of the
/// thinned sample is within one rank step of the original's. The summary is
/// left as it was computed from all samples. The order of the samples (the
/// run order) is not kept.
pub fn thin(results: &mut Results, max: usize) {
    for bench in &mut results.benchmarks {
        for metric in &mut bench.metrics {
            if let Some(samples) = metric.samples.as_mut()
                && samples.len() > max
            {
                *samples = thin_values(samples, max);
            }
        }
    }
}

/// `max` evenly spaced order statistics of `values` (all of them when there
/// are no more than `max`).
pub fn thin_values(values: &[f64], max: usize) -> Vec<f64> {
    if values.len() <= max {
        return values.to_vec();
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match max {
        0 => Vec::new(),
        1 => vec![sorted[sorted.len() / 2]],
        _ => {
            let last = (sorted.len() - 1) as f64;
            (0..max)
                .map(|i| {
                    let rank = (i as f64 * last / (max - 1) as f64).round() as usize;
                    sorted[rank.min(sorted.len() - 1)]
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_keeps_extremes_and_quantiles() {
        let values: Vec<f64> = (0..10_000).rev().map(f64::from).collect();
        let thinned = thin_values(&values, 1000);
        assert_eq!(thinned.len(), 1000);
        assert_eq!(thinned[0], 0.0);
        assert_eq!(thinned[999], 9999.0);
        let median = thinned[499];
        assert!((median - 4999.5).abs() < 15.0, "{median}");
        assert!(thinned.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(thin_values(&values, 1000), thinned, "deterministic");
        assert_eq!(thin_values(&[3.0, 1.0], 5), vec![3.0, 1.0]);
    }
}
