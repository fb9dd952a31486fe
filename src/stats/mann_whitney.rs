//! The Mann–Whitney U test (Wilcoxon rank-sum test).
//!
//! H. B. Mann and D. R. Whitney, "On a Test of Whether one of Two Random
//! Variables is Stochastically Larger than the Other", Annals of
//! Mathematical Statistics 18(1):50–60, 1947. The p-values follow
//! `scipy.stats.mannwhitneyu` (scipy ≥ 1.7) operation for operation, so the
//! two agree to rounding; `tests/fixtures/stats/vectors.json` checks it.

use super::{Alternative, Sample};
use statrs::function::erf::erfc;

/// How to compute the p-value of a Mann–Whitney test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MannWhitneyMethod {
    /// As scipy's `method="auto"`: exact when either sample has at most 8
    /// values and no value occurs twice in the pooled data, else asymptotic.
    Auto,
    /// The exact null distribution of U. It assumes no ties: with ties U is
    /// truncated to an integer first, as scipy does, and the p-value is only
    /// approximate.
    Exact,
    /// The normal approximation with tie and continuity corrections.
    Asymptotic,
}

/// How a p-value was actually computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PValueMethod {
    /// From the exact null distribution of U.
    Exact,
    /// From the normal approximation.
    Asymptotic,
}

/// The result of a Mann–Whitney U test of `x` against `y`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MannWhitney {
    /// U of the first sample: the number of pairs `(xᵢ, yⱼ)` with `xᵢ > yⱼ`,
    /// plus half the number of tied pairs. In `[0, n_x · n_y]`; half of
    /// `n_x · n_y` when the samples do not differ.
    pub u: f64,
    /// The p-value for the requested [`Alternative`], in `[0, 1]`.
    pub p_value: f64,
    /// How [`p_value`](Self::p_value) was computed.
    pub method: PValueMethod,
}

/// The largest exact table computed: entries of the count table, and entries
/// times passes (`min(n_x, n_y)` passes). Beyond it, the normal approximation
/// is used and reported; at such sizes it is excellent.
const EXACT_MAX_ENTRIES: usize = 1 << 20;
const EXACT_MAX_WORK: usize = 1 << 24;

/// Tests whether `x` and `y` come from the same distribution, against
/// `alternative`, by the Mann–Whitney U test.
///
/// The statistic takes one merge of the two sorted samples, O(n_x + n_y).
/// The exact p-value counts the arrangements with U at least as extreme, in
/// exact integers, from the generating function of the Gaussian binomial
/// coefficient (Andrews, "The Theory of Partitions", 1976, §3.3):
/// O(min(n_x, n_y) · n_x · n_y) time, O(n_x · n_y) memory. The table is
/// bounded (2²⁰ entries, 2²⁴ steps, `C(n_x + n_y, n_x)` < 2¹²⁵); past that
/// the normal approximation is used even when the exact method was asked
/// for, and [`MannWhitney::method`] says so. The normal approximation uses
/// the tie correction of Lehmann ("Nonparametrics", 1975) and a ½
/// continuity correction.
///
/// When every value of both samples is the same, p is 1.
pub fn mann_whitney_u(
    x: &Sample,
    y: &Sample,
    alternative: Alternative,
    method: MannWhitneyMethod,
) -> MannWhitney {
    let ranks = Ranks::of(x.sorted(), y.sorted());
    let (nx, ny) = (x.len(), y.len());
    let u1 = ranks.twice_u1 as f64 / 2.0;
    let u2 = (nx as f64) * (ny as f64) - u1;
    let (u, factor) = match alternative {
        Alternative::Greater => (u1, 1.0),
        Alternative::Less => (u2, 1.0),
        Alternative::TwoSided => (u1.max(u2), 2.0),
    };
    let exact = match method {
        MannWhitneyMethod::Auto if (nx > 8 && ny > 8) || ranks.ties => None,
        MannWhitneyMethod::Asymptotic => None,
        MannWhitneyMethod::Auto | MannWhitneyMethod::Exact => exact_sf(nx, ny, u.floor() as usize),
    };
    let (tail, method) = match exact {
        Some(tail) => (tail, PValueMethod::Exact),
        None => (
            normal_sf(u, nx, ny, ranks.tie_term),
            PValueMethod::Asymptotic,
        ),
    };
    MannWhitney {
        u: u1,
        p_value: (factor * tail).clamp(0.0, 1.0),
        method,
    }
}

/// The smallest p-value the exact test can give for samples of these sizes
/// without ties: `1 / C(n_x + n_y, n_x)` one-sided, twice that two-sided.
/// If it is above the significance level, no data of these sizes can be
/// significant: judge such a comparison inconclusive. (Ties and the normal
/// approximation change the bound a little; it remains a good guide.)
pub fn mann_whitney_min_p(nx: usize, ny: usize, alternative: Alternative) -> f64 {
    let k = nx.min(ny);
    let arrangements = (1..=k).fold(1.0, |c: f64, i| c * (nx + ny + 1 - i) as f64 / i as f64);
    let factor = if alternative == Alternative::TwoSided {
        2.0
    } else {
        1.0
    };
    (factor / arrangements).min(1.0)
}

/// What one merge of the two sorted samples tells.
struct Ranks {
    /// 2 · U₁, an integer (ties count half).
    twice_u1: u64,
    /// Σ (t³ − t) over groups of t equal values in the pooled data.
    tie_term: f64,
    /// Whether any value occurs more than once in the pooled data.
    ties: bool,
}

impl Ranks {
    /// Walks the distinct values of the pooled data in ascending order: each
    /// `x` equal to `v` beats every `y` below `v` and ties with every `y`
    /// equal to `v`. Equivalent to summing average ranks (scipy's route).
    fn of(x: &[f64], y: &[f64]) -> Self {
        let (mut i, mut j) = (0, 0);
        let mut ranks = Self {
            twice_u1: 0,
            tie_term: 0.0,
            ties: false,
        };
        loop {
            let v = match (x.get(i), y.get(j)) {
                (Some(&a), Some(&b)) => a.min(b),
                (Some(&v), None) | (None, Some(&v)) => v,
                (None, None) => return ranks,
            };
            let in_x = x[i..].iter().take_while(|&&w| w == v).count();
            let in_y = y[j..].iter().take_while(|&&w| w == v).count();
            ranks.twice_u1 += in_x as u64 * (2 * j as u64 + in_y as u64);
            let t = (in_x + in_y) as f64;
            if in_x + in_y > 1 {
                ranks.ties = true;
                ranks.tie_term += t * t * t - t;
            }
            (i, j) = (i + in_x, j + in_y);
        }
    }
}

/// `P(U ≥ u)` under the null hypothesis without ties, or `None` when the
/// count table would exceed the work bound or `i128`.
///
/// The number of arrangements with `U = k` is the coefficient of `q^k` in
/// the Gaussian binomial `[m+n choose m]_q = Π_{i=1..m} (1 − q^{n+i}) / (1 −
/// q^i)`. The distribution is symmetric about `mn/2`, so the tail is summed
/// over the short side, as scipy does.
fn exact_sf(nx: usize, ny: usize, u: usize) -> Option<f64> {
    let (m, n) = (nx.min(ny), nx.max(ny));
    let total = binomial(m + n, m)?;
    let complement = m.checked_mul(n)?.checked_sub(u)?;
    let upper_half = u >= complement;
    let last = match (upper_half, u.checked_sub(1)) {
        (true, _) => complement,
        (false, Some(below_u)) => below_u,
        (false, None) => return Some(1.0),
    };
    if last >= EXACT_MAX_ENTRIES || m.saturating_mul(last + 1) > EXACT_MAX_WORK {
        return None;
    }
    let counted: i128 = arrangement_counts(m, n, last).iter().sum();
    let tail = if upper_half { counted } else { total - counted };
    Some(tail as f64 / total as f64)
}

/// Arrangement counts for `U = 0..=last` with sample sizes `m ≤ n`: the
/// polynomial product above, truncated at degree `last`. Every value stays
/// within `±C(m + n, m)`.
fn arrangement_counts(m: usize, n: usize, last: usize) -> Vec<i128> {
    let mut counts = vec![0_i128; last + 1];
    counts[0] = 1;
    for i in 1..=m {
        for k in (n + i..=last).rev() {
            counts[k] -= counts[k - n - i];
        }
        for k in i..=last {
            counts[k] += counts[k - i];
        }
    }
    counts
}

/// `C(n, k)`, or `None` if it does not fit comfortably in `i128`.
fn binomial(n: usize, k: usize) -> Option<i128> {
    (1..=k).try_fold(1_i128, |c, i| {
        let next = c.checked_mul((n + 1 - i) as i128)? / i as i128;
        (next < i128::MAX / 4).then_some(next)
    })
}

/// `P(U ≥ u)` by the normal approximation: `z = (u − mn/2 − ½) / σ`, with
/// `σ² = mn/12 · ((N + 1) − Σ(t³ − t) / (N(N − 1)))`, p = `1 − Φ(z)`.
/// Subtracting ½ is the continuity correction for an upper tail.
fn normal_sf(u: f64, nx: usize, ny: usize, tie_term: f64) -> f64 {
    let (m, n) = (nx as f64, ny as f64);
    let total = m + n;
    let variance = m * n / 12.0 * ((total + 1.0) - tie_term / (total * (total - 1.0)));
    if variance.is_nan() || variance <= 0.0 {
        return 1.0;
    }
    let z = (u - m * n / 2.0 - 0.5) / variance.sqrt();
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample(values: &[f64]) -> Sample {
        Sample::new(values.to_vec()).unwrap()
    }

    #[test]
    fn counts_are_the_gaussian_binomial_coefficients() {
        // [5 choose 2]_q = 1 + q + 2q² + 2q³ + 2q⁴ + q⁵ + q⁶ (sums to C(5, 2) = 10).
        assert_eq!(arrangement_counts(2, 3, 6), vec![1, 1, 2, 2, 2, 1, 1]);
        assert_eq!(binomial(16, 8), Some(12_870));
        assert_eq!(binomial(400, 200), None);
    }

    #[test]
    fn complete_separation_reaches_the_smallest_p() {
        // Mann & Whitney's table: n = m = 5, U = 0 → P = 1/252.
        let (low, high) = (
            sample(&[1.0, 2.0, 3.0, 4.0, 5.0]),
            sample(&[6.0, 7.0, 8.0, 9.0, 10.0]),
        );
        let r = mann_whitney_u(&low, &high, Alternative::Less, MannWhitneyMethod::Auto);
        assert_eq!((r.u, r.method), (0.0, PValueMethod::Exact));
        assert!((r.p_value - 1.0 / 252.0).abs() < 1e-15);
        assert!((mann_whitney_min_p(5, 5, Alternative::Less) - r.p_value).abs() < 1e-15);
        assert!(mann_whitney_min_p(3, 3, Alternative::TwoSided) > 0.05);
    }

    #[test]
    fn large_exact_tables_are_declined() {
        // 8 against 600 000 with U near the middle: a table of 2.4 M entries.
        assert_eq!(exact_sf(8, 600_000, 2_400_000), None);
        assert_eq!(exact_sf(200, 200, 20_000), None);
        assert_eq!(exact_sf(8, 1000, 0), Some(1.0));
        assert!(exact_sf(8, 1000, 8000).is_some_and(|p| p > 0.0 && p < 1e-19));
    }

    #[test]
    fn identical_values_everywhere_give_p_one() {
        let r = mann_whitney_u(
            &sample(&[3.0; 4]),
            &sample(&[3.0; 9]),
            Alternative::Greater,
            MannWhitneyMethod::Auto,
        );
        assert_eq!((r.u, r.p_value), (18.0, 1.0));
    }

    fn values() -> impl Strategy<Value = Vec<f64>> {
        prop::collection::vec(prop_oneof![-1e6..1e6, (0..5).prop_map(f64::from)], 1..40)
    }

    fn alternatives() -> impl Strategy<Value = Alternative> {
        prop_oneof![
            Just(Alternative::TwoSided),
            Just(Alternative::Greater),
            Just(Alternative::Less)
        ]
    }

    fn methods() -> impl Strategy<Value = MannWhitneyMethod> {
        prop_oneof![
            Just(MannWhitneyMethod::Auto),
            Just(MannWhitneyMethod::Exact),
            Just(MannWhitneyMethod::Asymptotic)
        ]
    }

    proptest! {
        #[test]
        fn a_sample_against_itself_is_never_significant(a in values(), method in methods()) {
            let a = sample(&a);
            let r = mann_whitney_u(&a, &a, Alternative::TwoSided, method);
            prop_assert_eq!(r.p_value, 1.0);
            prop_assert_eq!(r.u, (a.len() * a.len()) as f64 / 2.0);
        }

        #[test]
        fn p_is_a_probability_and_u_is_symmetric(
            x in values(), y in values(), alternative in alternatives(), method in methods(),
        ) {
            let (x, y) = (sample(&x), sample(&y));
            let forward = mann_whitney_u(&x, &y, alternative, method);
            let backward = mann_whitney_u(&y, &x, Alternative::TwoSided, method);
            prop_assert!((0.0..=1.0).contains(&forward.p_value));
            prop_assert_eq!(forward.u + backward.u, (x.len() * y.len()) as f64);
            if alternative == Alternative::TwoSided {
                prop_assert!((forward.p_value - backward.p_value).abs() < 1e-12);
            }
        }
    }
}
