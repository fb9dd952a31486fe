//! JUnit XML: one `<testsuite>` per comparison, one `<testcase>` per
//! benchmark metric and per SLO. A regression at or above the gate's
//! `fail_on` level and a breached SLO are `<failure>`s; missing and
//! inconclusive entries are `<skipped>`; everything else passes with its
//! numbers in `<system-out>`. Laid out by `junit.xml` (autoescaped);
//! strings are made valid XML characters here.

use std::io::Write;

use serde::Serialize;
use tera::{Context, Tera};

use crate::compare::{Comparison, Entry, Verdict};

use super::RenderError;
use super::escape::xml_text;
use super::format;
use super::view::{ReportView, Row};

/// The template of the document.
pub(super) const TEMPLATE: &str = "junit.xml";

/// Renders one document holding every comparison.
pub(super) fn render(
    tera: &Tera,
    comparisons: &[&Comparison],
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let suites: Vec<Suite> = comparisons.iter().map(|c| suite(c)).collect();
    let document = Document {
        tests: suites.iter().map(|s| s.tests).sum(),
        failures: suites.iter().map(|s| s.failures).sum(),
        skipped: suites.iter().map(|s| s.skipped).sum(),
        suites,
    };
    let context = Context::from_serialize(&document).map_err(RenderError::context)?;
    tera.render_to(TEMPLATE, &context, out)
        .map_err(|e| RenderError::template(TEMPLATE, &e))
}

#[derive(Debug, Serialize)]
struct Document {
    tests: usize,
    failures: usize,
    skipped: usize,
    suites: Vec<Suite>,
}

#[derive(Debug, Serialize)]
struct Suite {
    name: String,
    tests: usize,
    failures: usize,
    skipped: usize,
    timestamp: String,
    properties: Vec<Property>,
    cases: Vec<Case>,
    notes: String,
}

#[derive(Debug, Serialize)]
struct Property {
    name: &'static str,
    value: String,
}

#[derive(Debug, Serialize)]
struct Case {
    classname: String,
    name: String,
    failure: Option<Failure>,
    skipped: Option<String>,
    output: String,
}

#[derive(Debug, Serialize)]
struct Failure {
    kind: String,
    message: String,
    text: String,
}

fn suite(comparison: &Comparison) -> Suite {
    let view = ReportView::from_comparison(comparison);
    let name = xml_text(&comparison.suite);
    let mut cases: Vec<Case> = view
        .rows
        .iter()
        .zip(&comparison.entries)
        .map(|(row, entry)| entry_case(&name, &clean(row), entry, comparison))
        .collect();
    for slo in &view.slos {
        let label = xml_text(&format!("{} {}", slo.benchmark, slo.expression));
        let mut source = slo.source.clone();
        for extra in [&slo.observed, &slo.budget, &slo.note] {
            if !extra.is_empty() {
                source.push_str(&format!("; {extra}"));
            }
        }
        let source = xml_text(&source);
        cases.push(Case {
            classname: format!("{name}.slo"),
            failure: (!slo.passed).then(|| Failure {
                kind: "slo".to_owned(),
                message: format!("SLO breached: {label}"),
                text: format!("checked by {source}"),
            }),
            skipped: None,
            output: if slo.passed {
                format!("SLO held (checked by {source})")
            } else {
                String::new()
            },
            name: label,
        });
    }
    let t = comparison.thresholds;
    Suite {
        tests: cases.len(),
        failures: cases.iter().filter(|c| c.failure.is_some()).count(),
        skipped: cases.iter().filter(|c| c.skipped.is_some()).count(),
        timestamp: comparison
            .current
            .created
            .as_deref()
            .map(xml_text)
            .unwrap_or_default(),
        properties: vec![
            Property {
                name: "gate",
                value: if comparison.gate.passed {
                    "passed"
                } else {
                    "failed"
                }
                .to_owned(),
            },
            Property {
                name: "fail_on",
                value: comparison.gate.fail_on.as_str().to_owned(),
            },
            Property {
                name: "thresholds",
                value: format!(
                    "{} / {} / {}",
                    format::percent(t.minor),
                    format::percent(t.major),
                    format::percent(t.critical)
                ),
            },
            Property {
                name: "baseline_commit",
                value: commit(&comparison.baseline),
            },
            Property {
                name: "current_commit",
                value: commit(&comparison.current),
            },
        ],
        notes: comparison
            .notes
            .iter()
            .map(|n| xml_text(n))
            .collect::<Vec<_>>()
            .join("\n"),
        name,
        cases,
    }
}

fn commit(side: &crate::compare::Side) -> String {
    side.git
        .as_ref()
        .map(|g| xml_text(&g.commit))
        .unwrap_or_default()
}

/// `row` with every text made valid XML characters.
fn clean(row: &Row) -> Row {
    Row {
        benchmark: xml_text(&row.benchmark),
        metric: xml_text(&row.metric),
        statistic: xml_text(&row.statistic),
        baseline: xml_text(&row.baseline),
        current: xml_text(&row.current),
        change: xml_text(&row.change),
        interval: xml_text(&row.interval),
        verdict: row.verdict,
        note: xml_text(&row.note),
    }
}

/// One entry's test case (`row` already [`clean`]ed).
fn entry_case(suite: &str, row: &Row, entry: &Entry, comparison: &Comparison) -> Case {
    let mut summary = format!("{} → {}, change {}", row.baseline, row.current, row.change);
    if !row.interval.is_empty() {
        summary.push_str(&format!(", interval {}", row.interval));
    }
    if let Some(p) = entry.p_value.filter(|p| p.is_finite()) {
        summary.push_str(&format!(", p = {p:.4}"));
    }
    let stat = if row.statistic.is_empty() {
        String::new()
    } else {
        format!(" ({})", row.statistic)
    };
    let note = if row.note.is_empty() {
        String::new()
    } else {
        format!("\nnote: {}", row.note)
    };
    let fails = row
        .verdict
        .severity()
        .is_some_and(|s| comparison.gate.fail_on.fails(s));
    let mut case = Case {
        classname: suite.to_owned(),
        name: format!("{} {}", row.benchmark, row.metric),
        failure: None,
        skipped: None,
        output: String::new(),
    };
    if fails {
        case.failure = Some(Failure {
            kind: row.verdict.as_str().to_owned(),
            message: format!("{} regression{stat}: {summary}", row.verdict),
            text: format!("{summary}{note}"),
        });
    } else if matches!(row.verdict, Verdict::Missing | Verdict::Inconclusive) {
        let why = if row.note.is_empty() {
            String::new()
        } else {
            format!("; {}", row.note)
        };
        case.skipped = Some(format!("{}{stat}: {summary}{why}", row.verdict));
    } else {
        case.output = format!("{}{stat}: {summary}{note}", row.verdict);
    }
    case
}
