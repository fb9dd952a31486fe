//! Weighing the evidence of one change once judge.rs has picked the
//! statistic: a significance test and a confidence interval of the
//! relative change — from independent samples, paired rounds or event
//! counts — then one grading rule for all three.

use crate::model::Direction;
use crate::stats::{self, Sample};

use super::document::{Entry, Interval};
use super::policy::{Policy, Rules};
use super::verdict::Verdict;

/// Grades from samples. Too few samples for the test to ever be significant
/// → inconclusive. Not significant → unchanged, or inconclusive when the
/// interval is wider than the minor threshold (a change of that size could
/// hide in the noise). Significant → the tier reached by the interval's
/// bound nearest zero (a change is only called critical when even the
/// optimistic end of its interval is ≥ the critical threshold); when that
/// bound reaches no tier but the point estimate does and the interval is
/// wider than the minor threshold, inconclusive.
pub(super) fn judge_samples(
    entry: &mut Entry,
    (base, current): (&Sample, &Sample),
    stat: stats::Statistic,
    rules: &Rules,
    policy: &Policy,
    id: &str,
) {
    let min = policy.min_samples.max(2);
    let smallest_p =
        stats::mann_whitney_min_p(base.len(), current.len(), stats::Alternative::TwoSided);
    if base.len() < min || current.len() < min || smallest_p >= policy.alpha {
        entry.note = Some(format!(
            "too few samples to tell (baseline {}, current {}; at least {min} each are needed)",
            base.len(),
            current.len()
        ));
        return;
    }
    let test = stats::mann_whitney_u(
        base,
        current,
        stats::Alternative::TwoSided,
        stats::MannWhitneyMethod::Auto,
    );
    entry.p_value = Some(test.p_value);
    let seed = seed_for(id, &entry.metric);
    let ci = match stats::bootstrap_relative_change(
        base,
        current,
        stat,
        policy.confidence,
        policy.resamples,
        seed,
    ) {
        Ok(ci) => ci,
        Err(err) => {
            entry.note = Some(format!("no confidence interval: {err}"));
            return;
        }
    };
    grade(
        entry,
        test.p_value,
        (ci.point, ci.lower, ci.upper),
        rules,
        policy,
    );
}

/// Grades paired samples (`base[i]` and `current[i]` from round *i*): as
/// [`judge_samples`], with the Wilcoxon signed-rank test of the differences
/// and a bootstrap that resamples the pairs, so what a round shared (a
/// neighbour's load, a slow minute) cancels instead of widening the noise.
pub(super) fn judge_paired(
    entry: &mut Entry,
    (base, current): (&[f64], &[f64]),
    stat: stats::Statistic,
    rules: &Rules,
    policy: &Policy,
    id: &str,
) {
    let n = base.len();
    let min = policy.min_samples.max(2);
    if n < min {
        entry.note = Some(format!(
            "too few paired rounds to tell ({n}; at least {min} are needed)"
        ));
        return;
    }
    if stats::wilcoxon_min_p(n, stats::Alternative::TwoSided) >= policy.alpha {
        entry.note = Some(format!(
            "too few paired rounds to tell ({n}): no outcome could reach α = {}",
            policy.alpha
        ));
        return;
    }
    let differences: Vec<f64> = current.iter().zip(base).map(|(c, b)| c - b).collect();
    let test = match stats::wilcoxon_signed_rank(&differences, stats::Alternative::TwoSided) {
        Ok(test) => test,
        Err(err) => {
            entry.note = Some(format!("no paired test: {err}"));
            return;
        }
    };
    let seed = seed_for(id, &entry.metric);
    match stats::bootstrap_paired_relative_change(
        base,
        current,
        stat,
        policy.confidence,
        policy.resamples,
        seed,
    ) {
        Ok(ci) => grade(
            entry,
            test.p_value,
            (ci.point, ci.lower, ci.upper),
            rules,
            policy,
        ),
        Err(err) => entry.note = Some(format!("no confidence interval: {err}")),
    }
}

/// Grades a rate from its event counts: `passes` of `n` on each side (k6's
/// rates: failed requests, passed checks). The two-proportion test and the
/// interval of the rate ratio play the parts Mann–Whitney and the bootstrap
/// play for samples, so a handful more failed requests among thousands is
/// not a regression unless the counts say it is.
pub(super) fn judge_counts(
    entry: &mut Entry,
    base: (u64, u64),
    current: (u64, u64),
    rules: &Rules,
    policy: &Policy,
) {
    match stats::compare_proportions(base, current, policy.confidence) {
        Ok(r) => grade(entry, r.p_value, (r.point, r.lower, r.upper), rules, policy),
        Err(err) => entry.note = Some(format!("no test of the two rates: {err}")),
    }
}

/// Grades a change from its two-sided p-value and its interval `(point,
/// lower, upper)` of the relative change (see [`judge_samples`]).
fn grade(
    entry: &mut Entry,
    p_value: f64,
    (point, lower, upper): (f64, f64, f64),
    rules: &Rules,
    policy: &Policy,
) {
    entry.p_value = Some(p_value);
    entry.interval = Some(Interval {
        lower,
        upper,
        confidence: policy.confidence,
    });
    let half_width = (upper - lower) / 2.0;
    let thresholds = &rules.thresholds;
    let too_noisy = half_width > thresholds.minor;
    let noise_note = || {
        format!(
            "noise (±{:.1} %) is wider than the {:.0} % threshold",
            half_width * 100.0,
            thresholds.minor * 100.0
        )
    };
    if p_value >= policy.alpha {
        if too_noisy {
            entry.note = Some(noise_note());
        } else {
            entry.verdict = Verdict::Unchanged;
        }
        return;
    }
    let point = worse(point, entry.direction);
    let (lo, hi) = match entry.direction {
        Direction::LowerIsBetter => (lower, upper),
        Direction::HigherIsBetter => (-upper, -lower),
    };
    let supported = if lo > 0.0 {
        thresholds.grade(lo).map(Verdict::Regressed)
    } else if hi < 0.0 && -hi >= thresholds.minor {
        Some(Verdict::Improved)
    } else {
        None
    };
    entry.verdict = match supported {
        Some(verdict) => verdict,
        None if too_noisy && point.abs() >= thresholds.minor => {
            entry.note = Some(noise_note());
            Verdict::Inconclusive
        }
        None => Verdict::Unchanged,
    };
}

/// `change` in the worse direction: positive means worse.
pub(super) fn worse(change: f64, direction: Direction) -> f64 {
    match direction {
        Direction::LowerIsBetter => change,
        Direction::HigherIsBetter => -change,
    }
}

/// A seed that depends only on the benchmark and metric, so a comparison is
/// reproducible and independent of entry order (FNV-1a, 64 bit).
fn seed_for(id: &str, metric: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in id.bytes().chain([0]).chain(metric.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}
