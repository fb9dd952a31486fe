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

use std::collections::BTreeMap;

pub use document::{
    Comparison, Entry, Evidence, Gate, Interval, SCHEMA_COMPARISON_V1, Side, SloResult,
};
pub use policy::{Override, Policy, Rules, Thresholds};
pub use slo::{Slo, SloOp, evaluate as evaluate_slos};
pub use judge::relative_change;
pub use verdict::{FailOn, Severity, Verdict};

use crate::model::{Host, Results};

/// Compares `current` against `baseline` under `policy`.
pub fn compare(baseline: &Results, current: &Results, policy: &Policy) -> Comparison {
    let mut entries = Vec::new();
    for bench in &current.benchmarks {
        let base_bench = baseline.benchmark(&bench.id);
        for metric in &bench.metrics {
            match base_bench.and_then(|b| b.metric(&metric.name)) {
                Some(base) => entries.push(judge::judge(&bench.id, base, metric, policy)),
                None => entries.push(judge::one_sided(&bench.id, metric, policy, Verdict::New)),
            }
        }
    }
    for bench in &baseline.benchmarks {
        let cur_bench = current.benchmark(&bench.id);
        for metric in &bench.metrics {
            if cur_bench.and_then(|b| b.metric(&metric.name)).is_none() {
                entries.push(judge::one_sided(
                    &bench.id,
                    metric,
                    policy,
                    Verdict::Missing,
                ));
            }
        }
    }
    entries.sort_by(|a, b| {
        a.verdict
            .rank()
            .cmp(&b.verdict.rank())
            .then_with(|| b.worse().total_cmp(&a.worse()))
            .then_with(|| a.benchmark.cmp(&b.benchmark))
            .then_with(|| a.metric.cmp(&b.metric))
    });

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
