//! Judging one benchmark metric: pick the statistic, measure the change,
//! choose the evidence (counts, paired rounds, samples, a point estimate)
//! and hand it to weigh.rs, which grades it.

use crate::model::{Metric, MetricKind, Summary, Unit};
use crate::stats::{self, Sample};

use super::document::{Distribution, Entry, Evidence, Spread};
use super::policy::{Policy, Rules, Thresholds, default_statistics};
use super::verdict::Verdict;
use super::weigh::{judge_counts, judge_paired, judge_samples, worse};

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
