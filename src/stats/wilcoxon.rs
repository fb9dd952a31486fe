//! The Wilcoxon signed-rank test of paired differences.
//!
//! F. Wilcoxon, "Individual Comparisons by Ranking Methods", Biometrics
//! Bulletin 1(6):80–83, 1945. For measurements taken in pairs — an A/B run
//! where round *i* ran both versions back to back — the differences `dᵢ =
//! currentᵢ − baselineᵢ` cancel whatever the two shared in that round (a
//! neighbour's load, a slow minute), which a two-sample test cannot.
//!
//! As `scipy.stats.wilcoxon` with `zero_method="wilcox"`, `correction=False`:
//! zero differences are dropped; the statistic W⁺ is the sum of the average
//! ranks of `|dᵢ|` over the positive `dᵢ`. The p-value is exact (the null
//! distribution of W⁺ by counting sign patterns) when at most
//! [`EXACT_MAX`] differences remain, none zero and no two `|dᵢ|` equal
//! (scipy's `method="exact"`); otherwise the normal approximation with the
//! tie correction (`method="asymptotic"`). Where scipy's `"auto"` would run
//! a permutation test (ties or zeros, n ≤ 13) this uses the approximation.

use statrs::function::erf::erfc;

use super::{Alternative, PValueMethod, StatsError};

/// The most non-zero differences for which the exact distribution is used.
pub const EXACT_MAX: usize = 50;

/// The result of [`wilcoxon_signed_rank`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignedRank {
    /// W⁺: the sum of the ranks of the positive differences.
    pub w_plus: f64,
    /// How many non-zero differences were ranked.
    pub n: usize,
    /// The p-value for the alternative asked (1 when every difference is 0).
    pub p_value: f64,
    /// How the p-value was computed.
    pub method: PValueMethod,
}

/// Tests whether the paired `differences` are centred on zero. `Greater`:
/// they tend to be positive (`current > baseline`).
///
/// # Errors
///
/// [`StatsError::NonFiniteDifference`] for a NaN or infinite difference.
pub fn wilcoxon_signed_rank(
    differences: &[f64],
    alternative: Alternative,
) -> Result<SignedRank, StatsError> {
    if differences.iter().any(|d| !d.is_finite()) {
        return Err(StatsError::NonFiniteDifference);
    }
    let zeros = differences.iter().filter(|d| **d == 0.0).count();
    let mut ranked: Vec<f64> = differences.iter().copied().filter(|d| *d != 0.0).collect();
    let n = ranked.len();
    if n == 0 {
        return Ok(SignedRank {
            w_plus: 0.0,
            n,
            p_value: 1.0,
            method: PValueMethod::Exact,
        });
    }
    ranked.sort_unstable_by(|a, b| a.abs().total_cmp(&b.abs()));
    let (mut w_plus, mut tie_term, mut ties) = (0.0, 0.0, false);
    let mut i = 0;
    while i < n {
        let magnitude = ranked.get(i).map_or(0.0, |d| d.abs());
        let run = ranked
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|d| d.abs() == magnitude)
            .count();
        // Ranks i+1 ..= i+run share their average.
        let rank = (2 * i + run + 1) as f64 / 2.0;
        let positives = ranked
            .get(i..i + run)
            .unwrap_or_default()
            .iter()
            .filter(|d| **d > 0.0)
            .count();
        w_plus += rank * positives as f64;
        if run > 1 {
            ties = true;
            let t = run as f64;
            tie_term += t * t * t - t;
        }
        i += run;
    }
    let (p_value, method) = if n <= EXACT_MAX && !ties && zeros == 0 {
        (exact_p(w_plus, n, alternative), PValueMethod::Exact)
    } else {
        (
            asymptotic_p(w_plus, n, tie_term, alternative),
            PValueMethod::Asymptotic,
        )
    };
    Ok(SignedRank {
        w_plus,
        n,
        p_value,
        method,
    })
}

/// The smallest p-value `n` paired differences can give (all of one sign,
/// exact distribution): a test that can never reach α is pointless.
pub fn wilcoxon_min_p(n: usize, alternative: Alternative) -> f64 {
    let factor = if alternative == Alternative::TwoSided {
        2.0
    } else {
        1.0
    };
    (factor * 0.5f64.powi(i32::try_from(n).unwrap_or(i32::MAX))).min(1.0)
}

/// The exact p-value of an integer W⁺ with `n` ranks 1..=n.
fn exact_p(w_plus: f64, n: usize, alternative: Alternative) -> f64 {
    // counts[s]: sign patterns whose positive ranks sum to s (≤ 2⁵⁰, exact
    // in f64).
    let max = n * (n + 1) / 2;
    let mut counts = vec![0.0f64; max + 1];
    if let Some(c) = counts.first_mut() {
        *c = 1.0;
    }
    for rank in 1..=n {
        for s in (rank..=max).rev() {
            let add = counts.get(s - rank).copied().unwrap_or(0.0);
            if let Some(c) = counts.get_mut(s) {
                *c += add;
            }
        }
    }
    let total = 2f64.powi(i32::try_from(n).unwrap_or(i32::MAX));
    let w = w_plus.round() as usize;
    let cdf: f64 = counts.get(..=w).unwrap_or_default().iter().sum::<f64>() / total;
    let sf: f64 = counts.get(w..).unwrap_or_default().iter().sum::<f64>() / total;
    match alternative {
        Alternative::Less => cdf,
        Alternative::Greater => sf,
        Alternative::TwoSided => (2.0 * cdf.min(sf)).min(1.0),
    }
}

/// The normal approximation with the tie correction, no continuity
/// correction.
fn asymptotic_p(w_plus: f64, n: usize, tie_term: f64, alternative: Alternative) -> f64 {
    let n = n as f64;
    let mean = n * (n + 1.0) / 4.0;
    let variance = (n * (n + 1.0) * (2.0 * n + 1.0) - tie_term / 2.0) / 24.0;
    if variance <= 0.0 {
        return 1.0;
    }
    let z = (w_plus - mean) / variance.sqrt();
    let upper = |z: f64| 0.5 * erfc(z / std::f64::consts::SQRT_2);
    match alternative {
        Alternative::Greater => upper(z),
        Alternative::Less => upper(-z),
        Alternative::TwoSided => (2.0 * upper(z.abs())).min(1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_zero_differences_are_no_evidence() {
        let r = wilcoxon_signed_rank(&[0.0, 0.0], Alternative::TwoSided).unwrap();
        assert_eq!((r.n, r.p_value), (0, 1.0));
    }

    #[test]
    fn non_finite_differences_are_errors() {
        assert_eq!(
            wilcoxon_signed_rank(&[1.0, f64::NAN], Alternative::TwoSided),
            Err(StatsError::NonFiniteDifference)
        );
    }

    #[test]
    fn one_signed_differences_reach_the_minimum_p() {
        let d: Vec<f64> = (1..=8).map(f64::from).collect();
        let r = wilcoxon_signed_rank(&d, Alternative::TwoSided).unwrap();
        assert_eq!(r.method, PValueMethod::Exact);
        assert_eq!(r.w_plus, 36.0);
        assert_eq!(r.p_value, wilcoxon_min_p(8, Alternative::TwoSided));
        assert_eq!(r.p_value, 2.0 / 256.0);
    }
}
