//! Two binomial proportions — `k₁` events in `n₁` trials against `k₂` in
//! `n₂` (failed requests, passed checks): is the rate different, and by how
//! much relative to the first?
//!
//! Significance: Fisher's exact test (two-sided, summing every table at
//! most as likely as the observed one, with scipy's 1 + 1e-7 relative
//! tolerance) while the rarer outcome has at most [`EXACT_LIMIT`] events in
//! all — error rates, where normal approximations fail — else the pooled
//! two-proportion z-test, which agrees with it there.
//!
//! Interval: Katz's log interval of the rate ratio, `ln(r₂/r₁) ± z·√(1/k₁ −
//! 1/n₁ + 1/k₂ − 1/n₂)`, less 1, as a relative change. A zero count gets ½
//! added to both of its table cells (Haldane–Anscombe) for the interval
//! only. The change itself is `r₂/r₁ − 1` from the raw counts.

use statrs::distribution::{ContinuousCDF, Normal};
use statrs::function::erf::erfc;
use statrs::function::factorial::ln_binomial;

use super::error::StatsError;

/// The largest count of the rarer outcome (over both sides) for which the
/// exact test runs; its cost grows with this count.
pub const EXACT_LIMIT: u64 = 20_000;

/// How the p-value of [`compare_proportions`] was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProportionTest {
    /// Fisher's exact test.
    FisherExact,
    /// The pooled two-proportion z-test.
    PooledZ,
}

/// The outcome of [`compare_proportions`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProportionChange {
    /// Two-sided p-value of "the two rates are equal".
    pub p_value: f64,
    /// Which test gave it.
    pub test: ProportionTest,
    /// `r₂/r₁ − 1` from the counts.
    pub point: f64,
    /// The lower end of the interval of `r₂/r₁ − 1`.
    pub lower: f64,
    /// The upper end.
    pub upper: f64,
}

/// Compares `k2` of `n2` against `k1` of `n1` (the baseline).
///
/// # Errors
///
/// [`StatsError::InvalidConfidence`] for a level outside (0, 1);
/// [`StatsError::TooFewValues`] when a side has no trials;
/// [`StatsError::BaselineNotPositive`] when `k1` is 0 (no relative change);
/// [`StatsError::InvalidCounts`] when a count exceeds its trials.
pub fn compare_proportions(
    (k1, n1): (u64, u64),
    (k2, n2): (u64, u64),
    confidence: f64,
) -> Result<ProportionChange, StatsError> {
    if !(confidence > 0.0 && confidence < 1.0) {
        return Err(StatsError::InvalidConfidence { value: confidence });
    }
    if n1 == 0 || n2 == 0 {
        return Err(StatsError::TooFewValues {
            needed: 1,
            found: 0,
        });
    }
    if k1 > n1 || k2 > n2 {
        return Err(StatsError::InvalidCounts);
    }
    if k1 == 0 {
        return Err(StatsError::BaselineNotPositive { value: 0.0 });
    }
    let events = k1 + k2;
    let rarer = events.min(n1 + n2 - events);
    let (p_value, test) = if rarer <= EXACT_LIMIT {
        (fisher_exact(k1, n1, k2, n2), ProportionTest::FisherExact)
    } else {
        (pooled_z(k1, n1, k2, n2), ProportionTest::PooledZ)
    };
    let point = (k2 as f64 / n2 as f64) / (k1 as f64 / n1 as f64) - 1.0;
    let (lower, upper) = katz_interval(k1, n1, k2, n2, confidence);
    Ok(ProportionChange {
        p_value,
        test,
        point,
        lower,
        upper,
    })
}

/// Two-sided Fisher exact p-value of the 2×2 table [[k1, n1−k1], [k2, n2−k2]]:
/// the sum of the hypergeometric probabilities (margins fixed) of every
/// table no more likely than the observed one.
fn fisher_exact(k1: u64, n1: u64, k2: u64, n2: u64) -> f64 {
    let total = n1 + n2;
    let events = k1 + k2;
    let ln_denominator = ln_binomial(total, n1);
    let ln_pmf =
        |x: u64| ln_binomial(events, x) + ln_binomial(total - events, n1 - x) - ln_denominator;
    let low = n1.saturating_sub(total - events);
    let high = events.min(n1);
    let observed = ln_pmf(k1);
    // scipy's tolerance: tables within a relative 1e-7 of the observed
    // probability count as equally likely.
    let cutoff = observed + (1.0 + 1e-7f64).ln();
    let p: f64 = (low..=high)
        .map(ln_pmf)
        .filter(|&l| l <= cutoff)
        .map(f64::exp)
        .sum();
    p.min(1.0)
}

/// Two-sided p-value of the pooled two-proportion z statistic.
fn pooled_z(k1: u64, n1: u64, k2: u64, n2: u64) -> f64 {
    let (k1, n1, k2, n2) = (k1 as f64, n1 as f64, k2 as f64, n2 as f64);
    let pooled = (k1 + k2) / (n1 + n2);
    let se = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    if se == 0.0 {
        return 1.0;
    }
    let z = (k2 / n2 - k1 / n1) / se;
    erfc(z.abs() / std::f64::consts::SQRT_2).min(1.0)
}

/// Katz's log interval of `r2/r1`, as a relative change `(lower, upper)`.
fn katz_interval(k1: u64, n1: u64, k2: u64, n2: u64, confidence: f64) -> (f64, f64) {
    let corrected = |k: u64, n: u64| {
        if k == 0 || k == n {
            (k as f64 + 0.5, n as f64 + 1.0)
        } else {
            (k as f64, n as f64)
        }
    };
    let (a, m) = corrected(k1, n1);
    let (b, o) = corrected(k2, n2);
    let ln_ratio = ((b / o) / (a / m)).ln();
    let se = (1.0 / a - 1.0 / m + 1.0 / b - 1.0 / o).max(0.0).sqrt();
    let z = Normal::standard().inverse_cdf(0.5 + confidence / 2.0);
    (
        (ln_ratio - z * se).exp() - 1.0,
        (ln_ratio + z * se).exp() - 1.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_is_an_error_not_a_number() {
        let err = |a, b, c| compare_proportions(a, b, c).unwrap_err();
        assert_eq!(
            err((1, 10), (1, 10), 1.0),
            StatsError::InvalidConfidence { value: 1.0 }
        );
        assert!(matches!(
            err((1, 0), (1, 10), 0.9),
            StatsError::TooFewValues { .. }
        ));
        assert_eq!(err((11, 10), (1, 10), 0.9), StatsError::InvalidCounts);
        assert_eq!(
            err((0, 10), (1, 10), 0.9),
            StatsError::BaselineNotPositive { value: 0.0 }
        );
    }

    #[test]
    fn the_exact_test_gives_way_to_the_z_test_on_common_events() {
        let rare = compare_proportions((5, 10_000), (7, 10_000), 0.9).unwrap();
        assert_eq!(rare.test, ProportionTest::FisherExact);
        let common = compare_proportions((30_000, 100_000), (30_500, 100_000), 0.9).unwrap();
        assert_eq!(common.test, ProportionTest::PooledZ);
        // Near the limit the two agree to a few percent of the p-value.
        let (k1, k2, n) = (9_800, 10_150, 1_000_000);
        let exact = fisher_exact(k1, n, k2, n);
        let z = pooled_z(k1, n, k2, n);
        assert!((exact - z).abs() < 0.05 * exact, "{exact} vs {z}");
    }

    #[test]
    fn a_drop_to_zero_still_has_a_finite_interval() {
        let r = compare_proportions((3, 20), (0, 25), 0.9).unwrap();
        assert_eq!(r.point, -1.0);
        assert!(
            r.lower > -1.0 && r.upper < 1.0 && r.lower < r.upper,
            "{r:?}"
        );
    }
}
