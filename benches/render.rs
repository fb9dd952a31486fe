//! How fast the reports render a very large comparison, and whether the
//! Markdown comment still fits GitHub's limit with every critical row.
//!
//! Builds a 20,000-entry comparison (300 critical regressions, the rest
//! spread over every other verdict, mostly unchanged), then renders the
//! Markdown comment (which must leave rows out to fit 65,536 characters),
//! the HTML page and the JUnit document, and prints the median time of
//! several runs and each output's size.
//!
//! Run: `cargo bench --bench render` (`-- --quick` for fewer runs). Exits
//! non-zero if the comment is too long or a critical row is missing.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use benchgate::compare::{
    Comparison, Entry, Evidence, FailOn, Gate, Interval, SCHEMA_COMPARISON_V1, Severity, Side,
    Spread, Thresholds, Verdict,
};
use benchgate::model::{Direction, Unit};
use benchgate::report::{Extras, GITHUB_COMMENT_LIMIT, Renderer, escape};

const ENTRIES: usize = 20_000;
const CRITICAL: usize = 300;

fn main() -> ExitCode {
    let quick = std::env::args().any(|a| a == "--quick");
    let runs = if quick { 3 } else { 11 };
    let comparison = large(ENTRIES, CRITICAL);
    let renderer = Renderer::new(None).expect("embedded templates");
    let extras = Extras {
        full_report: Some("https://ci.example/run/1/artifacts/report.html".to_owned()),
        ..Extras::default()
    };

    let (markdown, md_time) = time(runs, || {
        renderer.markdown(&comparison, &extras).expect("markdown")
    });
    let (html, html_time) = time(runs.min(5), || {
        renderer.html(&comparison, &extras).expect("html")
    });
    let (junit, junit_time) = time(runs.min(5), || {
        let mut out = Vec::new();
        renderer.junit(&[&comparison], &mut out).expect("junit");
        out
    });

    let length = markdown.encode_utf16().count();
    let shown = markdown.lines().filter(|l| l.starts_with("| `")).count();
    let criticals_present = comparison
        .entries
        .iter()
        .filter(|e| e.verdict == Verdict::Regressed(Severity::Critical))
        .all(|e| markdown.contains(&escape::markdown_code(&e.benchmark)));

    println!("# render: {ENTRIES} entries, {CRITICAL} critical (median of {runs} runs)");
    println!();
    println!("| format | time | size |");
    println!("|---|--:|--:|");
    println!(
        "| markdown | {} | {length} chars ({shown} rows shown, {} left out) |",
        ms(md_time),
        ENTRIES - shown
    );
    println!("| html | {} | {} bytes |", ms(html_time), html.len());
    println!("| junit | {} | {} bytes |", ms(junit_time), junit.len());
    println!();
    println!(
        "markdown ≤ {GITHUB_COMMENT_LIMIT}: {}",
        length <= GITHUB_COMMENT_LIMIT
    );
    println!("every critical row present: {criticals_present}");
    if length <= GITHUB_COMMENT_LIMIT && criticals_present {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The last result and the median time of `runs` calls of `f`.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (T, Duration) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(f());
        times.push(start.elapsed());
    }
    times.sort();
    (last.expect("at least one run"), times[times.len() / 2])
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// `n` entries, `critical` of them critical, one in twenty of the rest
/// spread over the other verdicts, the remainder unchanged.
fn large(n: usize, critical: usize) -> Comparison {
    let others = [
        Verdict::Regressed(Severity::Major),
        Verdict::Regressed(Severity::Minor),
        Verdict::Improved,
        Verdict::Missing,
        Verdict::Inconclusive,
        Verdict::New,
    ];
    let mut entries: Vec<Entry> = (0..n)
        .map(|i| {
            let verdict = if i < critical {
                Verdict::Regressed(Severity::Critical)
            } else if i % 20 == 0 {
                others[(i / 20) % others.len()]
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
            let one_sided = matches!(verdict, Verdict::Missing | Verdict::New);
            Entry {
                benchmark: format!(
                    "suite/module_{:03}/function_with_a_long_name_{i:05}",
                    i % 97
                ),
                metric: "time".to_owned(),
                unit: Unit::Nanoseconds,
                direction: Direction::LowerIsBetter,
                statistic: Some("median".to_owned()),
                baseline: (verdict != Verdict::New).then_some(base),
                current: (verdict != Verdict::Missing).then_some(base * factor),
                change: (!one_sided).then_some(factor - 1.0),
                interval: (!one_sided).then_some(Interval {
                    lower: factor - 1.05,
                    upper: factor - 0.95,
                    confidence: 0.95,
                }),
                p_value: (!one_sided).then_some(0.001),
                evidence: if one_sided {
                    Evidence::None
                } else {
                    Evidence::Samples
                },
                n: (Some(30), Some(30)),
                verdict,
                note: None,
                spread: Spread::default(),
            }
        })
        .collect();
    entries.sort_by(|a, b| {
        a.verdict
            .rank()
            .cmp(&b.verdict.rank())
            .then_with(|| b.worse().total_cmp(&a.worse()))
    });
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for e in &entries {
        *counts.entry(e.verdict.as_str().to_owned()).or_default() += 1;
    }
    let side = || Side {
        created: None,
        git: None,
        host: None,
        sources: Vec::new(),
    };
    Comparison {
        schema: SCHEMA_COMPARISON_V1.to_owned(),
        suite: "large".to_owned(),
        baseline: side(),
        current: side(),
        thresholds: Thresholds::default(),
        gate: Gate::decide(&entries, &[], FailOn::Severity(Severity::Critical), &[]),
        counts,
        entries,
        slos: Vec::new(),
        notes: Vec::new(),
    }
}
