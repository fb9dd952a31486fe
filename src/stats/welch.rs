//! Welch's unequal-variances t-test.
//!
//! B. L. Welch, "The generalization of 'Student's' problem when several
//! different population variances are involved", Biometrika 34(1/2):28–35,
//! 1947; degrees of freedom by F. E. Satterthwaite, "An Approximate
//! Distribution of Estimates of Variance Components", Biometrics Bulletin
//! 2(6):110–114, 1946. Matches `scipy.stats.ttest_ind(x, y,
//! equal_var=False)`; `tests/fixtures/stats/vectors.json` checks it.

use super::{Alternative, Sample, StatsError};
use statrs::distribution::{ContinuousCDF, StudentsT};

/// The result of Welch's t-test of `x` against `y`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WelchT {
    /// `t = (mean_x − mean_y) / √(s²_x/n_x + s²_y/n_y)`: positive when `x`'s
    /// mean is larger. 0 when both samples are constant with equal means,
    /// ±∞ when both are constant with different means (never NaN).
    pub t: f64,
    /// Welch–Satterthwaite degrees of freedom, between `min(n_x, n_y) − 1`
    /// and `n_x + n_y − 2`; `n_x + n_y − 2` when both samples are constant.
    pub df: f64,
    /// The p-value for the requested [`Alternative`], in `[0, 1]`.
    pub p_value: f64,
}

/// Tests whether the means of `x` and `y` differ, against `alternative`, by
/// Welch's t-test, which does not assume equal variances. O(n_x + n_y).
///
/// The p-value is `2 · P(T_df ≥ |t|)` two-sided, `P(T_df ≥ t)` for
/// [`Alternative::Greater`] and `P(T_df ≤ t)` for [`Alternative::Less`],
/// with `T_df` Student's t distribution (statrs). When both samples are
/// constant, t is 0 or ±∞ and so p is exact: two-sided 1 for equal means
/// and 0 for different means.
///
/// # Errors
///
/// [`StatsError::TooFewValues`] if a sample has fewer than 2 values: its
/// variance, and so the test, is undefined.
pub fn welch_t_test(
    x: &Sample,
    y: &Sample,
    alternative: Alternative,
) -> Result<WelchT, StatsError> {
    let (Some(var_x), Some(var_y)) = (x.variance(), y.variance()) else {
        return Err(StatsError::TooFewValues {
            needed: 2,
            found: x.len().min(y.len()),
        });
    };
    let (nx, ny) = (x.len() as f64, y.len() as f64);
    let (vx, vy) = (var_x / nx, var_y / ny);
    let difference = x.mean() - y.mean();
    let pooled_df = nx + ny - 2.0;
    let (t, df) = if vx + vy > 0.0 {
        let share = vx / (vx + vy);
        let df = 1.0 / (share * share / (nx - 1.0) + (1.0 - share) * (1.0 - share) / (ny - 1.0));
        (
            difference / (vx + vy).sqrt(),
            if df.is_finite() { df } else { pooled_df },
        )
    } else if difference == 0.0 {
        (0.0, pooled_df)
    } else {
        (f64::INFINITY.copysign(difference), pooled_df)
    };
    let t = if t.is_nan() { 0.0 } else { t };
    let p_value = p_value(t, df, alternative);
    Ok(WelchT { t, df, p_value })
}

/// The p-value of `t` under Student's t with `df` degrees of freedom.
///
/// statrs computes the upper tail of a positive t as `½ I_{df/(df+t²)}(df/2,
/// ½)` directly, not as `1 − cdf`, so small p-values keep their relative
/// precision.
fn p_value(t: f64, df: f64, alternative: Alternative) -> f64 {
    let distribution =
        StudentsT::new(0.0, 1.0, df).expect("Welch–Satterthwaite df is finite and at least 1");
    let sf = |t: f64| distribution.sf(t);
    let p = match alternative {
        Alternative::TwoSided => 2.0 * sf(t.abs()),
        Alternative::Greater => sf(t),
        Alternative::Less => sf(-t),
    };
    p.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample(values: &[f64]) -> Sample {
        Sample::new(values.to_vec()).unwrap()
    }

    fn two_sided(x: &[f64], y: &[f64]) -> WelchT {
        welch_t_test(&sample(x), &sample(y), Alternative::TwoSided).unwrap()
    }

    #[test]
    fn constant_samples_give_exact_p_values_not_nan() {
        let same = two_sided(&[0.1; 10], &[0.1; 7]);
        assert_eq!((same.t, same.df, same.p_value), (0.0, 15.0, 1.0));
        let apart = two_sided(&[2.0; 3], &[1.0; 4]);
        assert_eq!((apart.t, apart.p_value), (f64::INFINITY, 0.0));
        let apart =
            welch_t_test(&sample(&[2.0; 3]), &sample(&[1.0; 4]), Alternative::Less).unwrap();
        assert_eq!(apart.p_value, 1.0);
    }

    #[test]
    fn one_constant_side_uses_the_other_sides_df() {
        // scipy.stats.ttest_ind([4, 4, 4, 4], [3, 5.5, 4.5, 6, 5], equal_var=False)
        let r = two_sided(&[4.0; 4], &[3.0, 5.5, 4.5, 6.0, 5.0]);
        assert_eq!(r.df, 4.0);
        assert!((r.t - -1.554_057_379_771_622_4).abs() < 1e-12);
        assert!((r.p_value - 0.195_137_917_586_053_5).abs() < 1e-12);
    }

    #[test]
    fn a_single_value_is_too_few() {
        let err = welch_t_test(&sample(&[1.0]), &sample(&[1.0, 2.0]), Alternative::TwoSided);
        assert_eq!(
            err,
            Err(StatsError::TooFewValues {
                needed: 2,
                found: 1
            })
        );
    }

    fn values() -> impl Strategy<Value = Vec<f64>> {
        prop::collection::vec(prop_oneof![1e-3..1e6, (1..4).prop_map(f64::from)], 2..40)
    }

    proptest! {
        #[test]
        fn p_is_a_probability_and_a_against_a_is_one(x in values(), y in values()) {
            let r = two_sided(&x, &y);
            prop_assert!((0.0..=1.0).contains(&r.p_value));
            prop_assert!(!r.t.is_nan() && r.df >= 1.0);
            prop_assert_eq!(two_sided(&x, &x).p_value, 1.0);
        }

        #[test]
        fn scaling_both_samples_leaves_t_unchanged(x in values(), y in values(), c in 1e-3..1e3_f64) {
            let scale = |v: &[f64]| v.iter().map(|v| v * c).collect::<Vec<_>>();
            let (plain, scaled) = (two_sided(&x, &y), two_sided(&scale(&x), &scale(&y)));
            if plain.t.is_finite() && plain.t.abs() < 1e6 {
                prop_assert!((plain.t - scaled.t).abs() <= 1e-6 * plain.t.abs().max(1.0));
                prop_assert!((plain.df - scaled.df).abs() <= 1e-6 * plain.df);
            }
        }
    }
}
