//! Judging one benchmark metric: pick the statistic, measure the change,
//! weigh the evidence, grade it.

use crate::model::{Direction, Metric, MetricKind, Summary, Unit};
use crate::stats::{self, Sample};

use super::document::{Distribution, Entry, Evidence, Interval, Spread};
use super::policy::{Policy, Rules, Thresholds, default_statistics};
use super::verdict::Verdict;

/// An entry for a metric present on one side only (`New` or `Missing`).
pub fn one_sided(id: &str, metric: &Metric, policy: &Policy, verdict: Verdict) -> Entry {
    let rules = policy.rules_for(id, &metric.name);
    let statistic = pick_statistic(&rules, metric, metric);
    let value = statistic.as_deref().and_then(|s| metric.summary.get(s));
    let (baseline, current) = match verdict {
        Verdict::Missing => (value, None),
        _ => (None, value),
    };
    let n = metric.summary.n;
    Entry {
        benchmark: id.to_owned(),
        metric: metric.name.clone(),
        unit: metric.unit.clone(),
        direction: rules.direction.unwrap_or(metric.direction),
        statistic,
        baseline,
        current,
        change: None,
        interval: None,
        p_value: None,
        evidence: Evidence::None,
        n: if verdict == Verdict::Missing {
            (n, None)
        } else {
            (None, n)
        },
        verdict,
        note: None,
        spread: if verdict == Verdict::Missing {
            spread(Some(metric), None)
        } else {
            spread(None, Some(metric))
        },
    }
}

/// The box plots of each side's raw samples.
fn spread(base: Option<&Metric>, current: Option<&Metric>) -> Spread {
    let of = |m: Option<&Metric>| {
        m.and_then(|m| m.samples.as_deref())
            .and_then(Distribution::of)
    };
    Spread {
        baseline: of(base),
        current: of(current),
    }
}

/// Judges `current` against `base` for benchmark `id`.
pub fn judge(id: &str, base: &Metric, current: &Metric, policy: &Policy) -> Entry {
    let rules = policy.rules_for(id, &current.name);
    let direction = rules.direction.unwrap_or(current.direction);
    let mut entry = Entry {
        benchmark: id.to_owned(),
        metric: current.name.clone(),
        unit: current.unit.clone(),
        direction,
        statistic: None,
        baseline: None,
        current: None,
        change: None,
        interval: None,
        p_value: None,
        evidence: Evidence::None,
        n: (base.summary.n, current.summary.n),
        verdict: Verdict::Inconclusive,
        note: None,
        spread: spread(Some(base), Some(current)),
    };
    if base.unit != current.unit {
        entry.note = Some(format!(
            "units differ (baseline {}, current {}): not comparable",
            base.unit, current.unit
        ));
        return entry;
    }
    let Some(statistic) = pick_statistic(&rules, base, current) else {
        entry.note = Some(match &rules.statistic {
            Some(asked) => format!("statistic {asked} is not present on both sides"),
            None => "no statistic is present on both sides".to_owned(),
        });
        return entry;
    };
    let (b, c) = (
        base.summary.get(&statistic),
        current.summary.get(&statistic),
    );
    entry.unit = judged_unit(&current.unit, current.kind, &statistic);
    entry.statistic = Some(statistic.clone());
    entry.baseline = b;
    entry.current = c;
    let (Some(b), Some(c)) = (b, c) else {
        return entry;
    };
    entry.change = relative_change(b, c);
    let Some(change) = entry.change else {
        entry.note = Some("the baseline is zero: a relative change is undefined".to_owned());
        return entry;
    };

    if b == 0.0 && c == 0.0 {
        entry.evidence = Evidence::Point;
        entry.verdict = Verdict::Unchanged;
        return entry;
    }
    if let Some((base_counts, current_counts)) = counts(base, current, &statistic) {
        entry.evidence = Evidence::Counts;
        judge_counts(&mut entry, base_counts, current_counts, &rules, policy);
        return entry;
    }
    if policy.paired
        && let (Some(stat), Some(base_rounds), Some(current_rounds)) = (
            sample_statistic(&statistic),
            base.samples.as_deref(),
            current.samples.as_deref(),
        )
        && base_rounds.len() == current_rounds.len()
    {
        entry.evidence = Evidence::Paired;
        let rounds = (base_rounds, current_rounds);
        judge_paired(&mut entry, rounds, stat, &rules, policy, id);
        return entry;
    }
    let sampled = sample_statistic(&statistic)
        .zip(samples_of(base))
        .zip(samples_of(current));
    match sampled {
        Some(((stat, base_sample), cur_sample)) => {
            entry.evidence = Evidence::Samples;
            judge_samples(
                &mut entry,
                (&base_sample, &cur_sample),
                stat,
                &rules,
                policy,
                id,
            );
        }
        None => {
            entry.evidence = Evidence::Point;
            entry.verdict = grade_point(worse(change, direction), &rules.thresholds);
        }
    }
    entry
}

/// Grades from samples. Too few samples for the test to ever be significant
/// → inconclusive. Not significant → unchanged, or inconclusive when the
/// interval is wider than the minor threshold (a change of that size could
/// hide in the noise). Significant → the tier reached by the interval's
/// bound nearest zero (a change is only called critical when even the
/// optimistic end of its interval is ≥ the critical threshold); when that
/// bound reaches no tier but the point estimate does and the interval is
/// wider than the minor threshold, inconclusive.
fn judge_samples(
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
fn judge_paired(
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
fn judge_counts(
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

/// The unit of the judged value: a counter's `rate` is per second.
fn judged_unit(unit: &Unit, kind: MetricKind, statistic: &str) -> Unit {
    match (kind, statistic, unit) {
        (MetricKind::Counter, "rate", Unit::Bytes) => Unit::BytesPerSecond,
        (MetricKind::Counter, "rate", Unit::Count) => Unit::OpsPerSecond,
        (MetricKind::Counter, "rate", other) => Unit::Other(format!("{other}/s")),
        _ => unit.clone(),
    }
}

/// Grades a point estimate of the change in the worse direction.
fn grade_point(worse: f64, thresholds: &Thresholds) -> Verdict {
    if worse <= -thresholds.minor {
        return Verdict::Improved;
    }
    thresholds
        .grade(worse)
        .map_or(Verdict::Unchanged, Verdict::Regressed)
}

/// `change` in the worse direction: positive means worse.
fn worse(change: f64, direction: Direction) -> f64 {
    match direction {
        Direction::LowerIsBetter => change,
        Direction::HigherIsBetter => -change,
    }
}

/// `(current − baseline) / |baseline|`, or `None` when undefined: a zero
/// baseline with a non-zero current value, or non-finite input. Equal values
/// are no change, even at zero.
pub fn relative_change(baseline: f64, current: f64) -> Option<f64> {
    if !(baseline.is_finite() && current.is_finite()) {
        return None;
    }
    if current == baseline {
        return Some(0.0);
    }
    if baseline.abs() < f64::MIN_POSITIVE {
        return None;
    }
    let change = (current - baseline) / baseline.abs();
    change.is_finite().then_some(change)
}

/// The first statistic (the rules', else the kind's defaults) both sides
/// have.
fn pick_statistic(rules: &Rules, base: &Metric, current: &Metric) -> Option<String> {
    let both = |name: &str| base.summary.get(name).is_some() && current.summary.get(name).is_some();
    match &rules.statistic {
        Some(asked) => {
            let name = Summary::canonical_name(asked);
            both(&name).then_some(name)
        }
        None => default_statistics(current.kind)
            .iter()
            .find(|name| both(name))
            .map(|name| (*name).to_owned()),
    }
}

/// The sample statistic matching a summary statistic's name, when it is one
/// that can be recomputed from raw samples.
fn sample_statistic(name: &str) -> Option<stats::Statistic> {
    match name {
        "mean" => Some(stats::Statistic::Mean),
        "median" => Some(stats::Statistic::Median),
        other => other
            .strip_prefix('p')
            .and_then(|q| q.parse::<f64>().ok())
            .map(stats::Statistic::Percentile),
    }
}

/// `(passes, n)` of each side when a rate is judged on its `rate` and both
/// sides carry whole, consistent counts.
fn counts(base: &Metric, current: &Metric, statistic: &str) -> Option<((u64, u64), (u64, u64))> {
    let of = |m: &Metric| -> Option<(u64, u64)> {
        let whole = |v: f64| (v >= 0.0 && v.fract() == 0.0 && v < 9.0e15).then_some(v as u64);
        let n = m.summary.n?;
        let passes = whole(m.summary.get("passes")?)?;
        (m.kind == MetricKind::Rate && n > 0 && passes <= n).then_some((passes, n))
    };
    (statistic == "rate").then_some(())?;
    Some((of(base)?, of(current)?))
}

fn samples_of(metric: &Metric) -> Option<Sample> {
    metric
        .samples
        .as_ref()
        .and_then(|s| Sample::new(s.clone()).ok())
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
