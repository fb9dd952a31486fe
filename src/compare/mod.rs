//! Compare: a baseline and a current [`Results`] → a [`Comparison`], every
//! verdict decided once, here. Reports only display what this module decided.
//!
//! Depends on `model` and `stats`; must not read files, touch git or format
//! text for people.

mod document;
mod judge;
pub mod policy;
mod slo;
#[cfg(test)]
mod tests;
pub mod verdict;
mod weigh;

use std::collections::{BTreeMap, HashMap};

pub use document::{
    Comparison, Distribution, Entry, Evidence, Gate, Interval, SCHEMA_COMPARISON_V1, Side,
    SloResult, Spread,
};
pub use judge::relative_change;
pub use policy::{Override, Policy, Rules, Thresholds};
pub use slo::{Slo, SloOp, evaluate as evaluate_slos};
pub use verdict::{FailOn, Severity, Verdict};

use crate::model::{Host, Metric, Results};

/// Compares `current` against `baseline` under `policy`.
pub fn compare(baseline: &Results, current: &Results, policy: &Policy) -> Comparison {
    let in_base = index(baseline);
    let in_current = index(current);
    let pairs: Vec<(&str, &Metric, Option<&Metric>)> = current
        .benchmarks
        .iter()
        .flat_map(|bench| {
            bench.metrics.iter().map(|metric| {
                let base = in_base
                    .get(&(bench.id.as_str(), metric.name.as_str()))
                    .and_then(|b| baseline.benchmarks[*b].metric(&metric.name));
                (bench.id.as_str(), metric, base)
            })
        })
        .collect();
    let mut entries = judge_all(&pairs, policy);
    for bench in &baseline.benchmarks {
        for metric in &bench.metrics {
            if !in_current.contains_key(&(bench.id.as_str(), metric.name.as_str())) {
                entries.push(judge::one_sided(
                    &bench.id,
                    metric,
                    policy,
                    Verdict::Missing,
                ));
            }
        }
    }
    order(&mut entries);

    let slos = current
        .benchmarks
        .iter()
        .flat_map(|b| {
            b.thresholds.iter().map(|t| SloResult {
                benchmark: b.id.clone(),
                expression: t.expression.clone(),
                passed: t.passed,
                source: "k6".to_owned(),
                ..SloResult::default()
            })
        })
        .chain(slo::evaluate(current, &policy.slos))
        .collect::<Vec<_>>();

    let mut notes = Vec::new();
    if let Some(note) = host_mismatch(baseline.host.as_ref(), current.host.as_ref()) {
        notes.push(note);
    }
    let gate = Gate::decide(&entries, &slos, policy.fail_on, &notes);
    Comparison {
        schema: SCHEMA_COMPARISON_V1.to_owned(),
        suite: current.suite.clone(),
        baseline: Side::of(baseline),
        current: Side::of(current),
        thresholds: policy.thresholds,
        gate,
        counts: count(&entries),
        entries,
        slos,
        notes,
    }
}

/// Pairs with raw samples on both sides (each a significance test and a
/// bootstrap, ~0.1–1 ms) it takes before judging is spread over threads.
/// Judging point estimates costs about a microsecond a pair: threads only
/// add their start-up and, on a shared machine, noise (measured: 10,000
/// point pairs take as long on one thread as on two).
const PARALLEL_SAMPLED_PAIRS: usize = 16;

/// Judges every pair, on all available cores when there is enough sampled
/// work: each judgement is pure and independent (its bootstrap seed depends
/// only on the benchmark and metric), so the result does not depend on the
/// number of threads.
fn judge_all(pairs: &[(&str, &Metric, Option<&Metric>)], policy: &Policy) -> Vec<Entry> {
    judge_on(pairs, policy, crate::available_cores())
}

/// [`judge_all`] on at most `threads` threads.
fn judge_on(
    pairs: &[(&str, &Metric, Option<&Metric>)],
    policy: &Policy,
    threads: usize,
) -> Vec<Entry> {
    let one = |(id, metric, base): &(&str, &Metric, Option<&Metric>)| match base {
        Some(base) => judge::judge(id, base, metric, policy),
        None => judge::one_sided(id, metric, policy, Verdict::New),
    };
    let sampled = |m: &Metric| m.samples.as_ref().is_some_and(|s| s.len() > 1);
    let heavy = pairs
        .iter()
        .filter(|(_, metric, base)| sampled(metric) && base.is_some_and(sampled))
        .take(PARALLEL_SAMPLED_PAIRS)
        .count();
    if threads < 2 || heavy < PARALLEL_SAMPLED_PAIRS {
        return pairs.iter().map(one).collect();
    }
    let chunk = pairs.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = pairs
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("judging never panics"))
            .collect()
    })
}

/// Recomputes the counts, order and gate of `comparison` after entries were
/// re-judged (a confirmation re-run), keeping its notes.
pub fn regate(comparison: &mut Comparison) {
    order(&mut comparison.entries);
    comparison.counts = count(&comparison.entries);
    comparison.gate = Gate::decide(
        &comparison.entries,
        &comparison.slos,
        comparison.gate.fail_on,
        &comparison.notes,
    );
}

/// Where each (benchmark, metric) pair is: the index of its benchmark.
fn index(r: &Results) -> HashMap<(&str, &str), usize> {
    let mut map = HashMap::new();
    for (b, bench) in r.benchmarks.iter().enumerate() {
        for metric in &bench.metrics {
            map.entry((bench.id.as_str(), metric.name.as_str()))
                .or_insert(b);
        }
    }
    map
}

/// Puts entries in report order: worst verdict first, then the largest
/// change for the worse, then by benchmark and metric. Sorts positions, not
/// the entries themselves, which are large.
fn order(entries: &mut Vec<Entry>) {
    let mut keys: Vec<(usize, f64, usize)> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.verdict.rank(), e.worse(), i))
        .collect();
    keys.sort_unstable_by(|a, b| {
        let (x, y) = (&entries[a.2], &entries[b.2]);
        a.0.cmp(&b.0)
            .then_with(|| b.1.total_cmp(&a.1))
            .then_with(|| x.benchmark.cmp(&y.benchmark))
            .then_with(|| x.metric.cmp(&y.metric))
            .then_with(|| a.2.cmp(&b.2))
    });
    let mut slots: Vec<Option<Entry>> = std::mem::take(entries).into_iter().map(Some).collect();
    entries.extend(keys.iter().filter_map(|k| slots[k.2].take()));
}

fn count(entries: &[Entry]) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = Verdict::ALL
        .iter()
        .map(|v| (v.as_str().to_owned(), 0))
        .collect();
    for entry in entries {
        *counts.entry(entry.verdict.as_str().to_owned()).or_default() += 1;
    }
    counts
}

/// A note when the two sides were measured on different machines.
fn host_mismatch(baseline: Option<&Host>, current: Option<&Host>) -> Option<String> {
    let (b, c) = (baseline?, current?);
    if b == c {
        return None;
    }
    let describe = |h: &Host| {
        let mut parts = vec![format!("{}/{}", h.os, h.arch)];
        if let Some(cpu) = &h.cpu {
            parts.push(cpu.clone());
        }
        if let Some(cores) = h.cores {
            parts.push(format!("{cores} cores"));
        }
        parts.join(", ")
    };
    Some(format!(
        "host mismatch: the baseline was measured on {}, this run on {}; differences may come from the machine",
        describe(b),
        describe(c)
    ))
}
