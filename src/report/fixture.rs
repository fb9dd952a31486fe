//! Hand-built comparisons for the renderer tests: one with every verdict,
//! SLOs held and breached, a host mismatch and hostile names; and a large
//! one for the Markdown size budget.

use std::collections::BTreeMap;

use crate::compare::{
    Comparison, Distribution, Entry, Evidence, FailOn, Gate, Interval, SCHEMA_COMPARISON_V1,
    Severity, Side, SloResult, Spread, Thresholds, Verdict,
};
use crate::model::{Direction, GitInfo, Host, Source, Unit};

use super::extras::{Extras, Trend, TrendPoint};

/// A benchmark name built to break every medium: HTML, Markdown tables,
/// GitHub mentions.
pub const HOSTILE: &str = "<script>alert(1)</script>|@everyone";

/// A benchmark name with backticks, a newline and a tab.
pub const TICKS: &str = "ticks `a``b` \nnext\tline";

/// An entry judged with raw samples.
fn sampled(bench: &str, base: f64, cur: f64, ci: (f64, f64), verdict: Verdict) -> Entry {
    Entry {
        benchmark: bench.to_owned(),
        metric: "time".to_owned(),
        unit: Unit::Nanoseconds,
        direction: Direction::LowerIsBetter,
        statistic: Some("median".to_owned()),
        baseline: Some(base),
        current: Some(cur),
        change: Some((cur - base) / base),
        interval: Some(Interval {
            lower: ci.0,
            upper: ci.1,
            confidence: 0.95,
        }),
        p_value: Some(0.0004),
        evidence: Evidence::Samples,
        n: (Some(30), Some(30)),
        verdict,
        note: None,
        spread: Spread::default(),
    }
}

/// An entry judged by point estimates (k6 style).
fn point(
    bench: &str,
    metric: &str,
    stat: &str,
    unit: Unit,
    base: f64,
    cur: f64,
    verdict: Verdict,
) -> Entry {
    Entry {
        benchmark: bench.to_owned(),
        metric: metric.to_owned(),
        direction: Direction::infer(&unit, metric),
        unit,
        statistic: Some(stat.to_owned()),
        baseline: Some(base),
        current: Some(cur),
        change: Some((cur - base) / base),
        interval: None,
        p_value: None,
        evidence: Evidence::Point,
        n: (None, None),
        verdict,
        note: None,
        spread: Spread::default(),
    }
}

/// An entry with one side only.
fn one_sided(bench: &str, value: f64, verdict: Verdict) -> Entry {
    let (baseline, current) = match verdict {
        Verdict::Missing => (Some(value), None),
        _ => (None, Some(value)),
    };
    Entry {
        benchmark: bench.to_owned(),
        metric: "time".to_owned(),
        unit: Unit::Nanoseconds,
        direction: Direction::LowerIsBetter,
        statistic: Some("median".to_owned()),
        baseline,
        current,
        change: None,
        interval: None,
        p_value: None,
        evidence: Evidence::None,
        n: (None, None),
        verdict,
        note: None,
        spread: Spread::default(),
    }
}

const CRITICAL: Verdict = Verdict::Regressed(Severity::Critical);
const MAJOR: Verdict = Verdict::Regressed(Severity::Major);
const MINOR: Verdict = Verdict::Regressed(Severity::Minor);

/// Both sides' distributions: 30 samples spread ±6 % around each value,
/// plus one 1.6× outlier.
fn spread(base: f64, cur: f64) -> Spread {
    let values = |v: f64| -> Vec<f64> {
        (0..30)
            .map(|i| v * (0.94 + 0.004 * f64::from(i)))
            .chain([v * 1.6])
            .collect()
    };
    Spread {
        baseline: Distribution::of(&values(base)),
        current: Distribution::of(&values(cur)),
    }
}

/// Every verdict, two SLOs (one breached), a host mismatch, hostile names;
/// the first two entries carry distributions (box plots).
pub fn every_verdict() -> Comparison {
    let mut inconclusive = sampled(
        "alloc/noisy",
        5_000.0,
        6_100.0,
        (-0.35, 0.80),
        Verdict::Inconclusive,
    );
    inconclusive.note = Some("noise (cv 61 %) is wider than the 10 % threshold".to_owned());
    let mut hostile = point(
        HOSTILE,
        "time",
        "median",
        Unit::Nanoseconds,
        2_000.0,
        3_300.0,
        CRITICAL,
    );
    hostile.note = Some("named by <b>someone</b> @everyone".to_owned());
    hostile.spread = spread(2_000.0, 3_300.0);
    let mut parse = sampled("parse/json/1kb", 1_200.0, 1_944.0, (0.55, 0.70), CRITICAL);
    parse.spread = spread(1_200.0, 1_944.0);
    let entries = vec![
        parse,
        hostile,
        point(
            "http_req_duration{name:/api/generate}",
            "http_req_duration",
            "p95",
            Unit::Nanoseconds,
            180e6,
            230e6,
            MAJOR,
        ),
        sampled(TICKS, 800.0, 900.0, (0.10, 0.15), MINOR),
        one_sided("legacy/xml", 40_000.0, Verdict::Missing),
        inconclusive,
        one_sided("compress/zstd", 75_000.0, Verdict::New),
        sampled(
            "serialize/msgpack",
            3_000.0,
            2_100.0,
            (-0.33, -0.27),
            Verdict::Improved,
        ),
        point(
            "iterations",
            "iterations",
            "rate",
            Unit::OpsPerSecond,
            410.0,
            505.0,
            Verdict::Improved,
        ),
        sampled(
            "hash/sha256",
            9_800.0,
            9_850.0,
            (-0.01, 0.02),
            Verdict::Unchanged,
        ),
        point(
            "http_req_failed",
            "http_req_failed",
            "rate",
            Unit::Ratio,
            0.002,
            0.0021,
            Verdict::Unchanged,
        ),
    ];
    let slos = vec![
        SloResult {
            benchmark: "http_req_duration".to_owned(),
            expression: "p(95)<200".to_owned(),
            passed: false,
            source: "k6".to_owned(),
            ..SloResult::default()
        },
        SloResult {
            benchmark: "http_req_failed".to_owned(),
            expression: "rate < 1%".to_owned(),
            passed: true,
            source: "benchgate".to_owned(),
            observed: Some(0.0021),
            unit: Some(Unit::Ratio),
            budget_consumed: Some(0.21),
            burn_rates: [("1m".to_owned(), 0.9), ("5m".to_owned(), 0.4)].into(),
            note: None,
        },
    ];
    let notes = vec![
        "host mismatch: the baseline was measured on linux/x86_64, AMD EPYC 7763, 4 cores, this run on linux/aarch64, Neoverse-N1, 2 cores; differences may come from the machine".to_owned(),
    ];
    let mut comparison = assemble("api-nightly", entries, slos, notes);
    comparison.baseline.host = Some(Host {
        os: "linux".to_owned(),
        arch: "x86_64".to_owned(),
        cpu: Some("AMD EPYC 7763".to_owned()),
        cores: Some(4),
    });
    comparison.current.host = Some(Host {
        os: "linux".to_owned(),
        arch: "aarch64".to_owned(),
        cpu: Some("Neoverse-N1".to_owned()),
        cores: Some(2),
    });
    comparison
}

/// Extras for [`every_verdict`]: a trend and a link.
pub fn extras() -> Extras {
    Extras {
        trends: vec![Trend {
            benchmark: "parse/json/1kb".to_owned(),
            metric: "time".to_owned(),
            statistic: "median".to_owned(),
            unit: Unit::Nanoseconds,
            points: [1_150.0, 1_190.0, 1_170.0, 1_200.0]
                .iter()
                .enumerate()
                .map(|(i, v)| TrendPoint {
                    commit: format!("c0ffee{i}"),
                    time: 1_767_225_600 + 86_400 * i as i64,
                    value: *v,
                })
                .collect(),
        }],
        full_report: Some("https://ci.example/run/42/artifacts/report.html".to_owned()),
    }
}

/// `n` entries, `critical` of them critical regressions, the rest spread
/// over the other verdicts (mostly unchanged), long-ish names.
pub fn large(n: usize, critical: usize) -> Comparison {
    let verdicts = [
        MAJOR,
        MINOR,
        Verdict::Improved,
        Verdict::Missing,
        Verdict::Inconclusive,
        Verdict::New,
    ];
    let entries = (0..n)
        .map(|i| {
            let name = format!(
                "suite/module_{:03}/function_with_a_long_name_{i:05}",
                i % 97
            );
            let verdict = if i < critical {
                CRITICAL
            } else if i % 20 == 0 {
                verdicts[(i / 20) % verdicts.len()]
            } else {
                Verdict::Unchanged
            };
            let base = 1_000.0 + i as f64;
            let factor = match verdict {
                Verdict::Regressed(Severity::Critical) => 1.6 + (i % 7) as f64 / 10.0,
                Verdict::Regressed(Severity::Major) => 1.3,
                Verdict::Regressed(Severity::Minor) => 1.12,
                Verdict::Improved => 0.8,
                _ => 1.01,
            };
            match verdict {
                Verdict::Missing | Verdict::New => one_sided(&name, base, verdict),
                _ => sampled(
                    &name,
                    base,
                    base * factor,
                    (factor - 1.05, factor - 0.95),
                    verdict,
                ),
            }
        })
        .collect();
    assemble("large", entries, Vec::new(), Vec::new())
}

/// A comparison of `entries` (sorted worst first, as `compare` does), with
/// the gate decided by `compare`'s own rule.
fn assemble(
    suite: &str,
    mut entries: Vec<Entry>,
    slos: Vec<SloResult>,
    notes: Vec<String>,
) -> Comparison {
    entries.sort_by(|a, b| {
        a.verdict
            .rank()
            .cmp(&b.verdict.rank())
            .then_with(|| b.worse().total_cmp(&a.worse()))
            .then_with(|| a.benchmark.cmp(&b.benchmark))
    });
    let mut counts: BTreeMap<String, usize> = Verdict::ALL
        .iter()
        .map(|v| (v.as_str().to_owned(), 0))
        .collect();
    for e in &entries {
        *counts.entry(e.verdict.as_str().to_owned()).or_default() += 1;
    }
    let fail_on = FailOn::Severity(Severity::Critical);
    let side = |commit: &str, branch: &str, created: &str| Side {
        created: Some(created.to_owned()),
        git: Some(GitInfo {
            commit: commit.to_owned(),
            branch: Some(branch.to_owned()),
            dirty: false,
        }),
        host: None,
        sources: vec![Source::tool("k6").with_version(Some("1.4.0".to_owned()))],
    };
    Comparison {
        schema: SCHEMA_COMPARISON_V1.to_owned(),
        suite: suite.to_owned(),
        baseline: side(
            "3f2a9c1d4e5b6a7980112233445566778899aabb",
            "main",
            "2026-11-20T03:00:00Z",
        ),
        current: side(
            "9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c",
            "feature/faster-json",
            "2026-11-22T03:00:00Z",
        ),
        thresholds: Thresholds::default(),
        gate: Gate::decide(&entries, &slos, fail_on, &notes),
        counts,
        entries,
        slos,
        notes,
    }
}
