//! The comment's cells: every user-supplied string escaped for GitHub
//! Markdown and cut to a sane length.

use serde::Serialize;

use crate::compare::{Comparison, Severity, Side, Verdict};

use super::super::escape::{markdown_code, markdown_text, marker};
use super::super::format;
use super::super::view::{ReportView, Row, SloRow};

/// The parts of the comment that are always shown.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Header {
    pub(super) marker: String,
    pub(super) suite: String,
    pub(super) headline: String,
    pub(super) passed: bool,
    pub(super) fail_on: &'static str,
    pub(super) thresholds: String,
    pub(super) baseline: String,
    pub(super) current: String,
    pub(super) notes: Vec<String>,
    pub(super) interval_label: String,
}

/// One comparison entry, every cell escaped for a GitHub table.
#[derive(Debug, Clone, Serialize)]
pub(super) struct MdRow {
    pub(super) benchmark: String,
    pub(super) metric: String,
    pub(super) baseline: String,
    pub(super) current: String,
    pub(super) change: String,
    pub(super) interval: String,
    pub(super) verdict: String,
    pub(super) note: String,
}

/// One SLO result, escaped.
#[derive(Debug, Clone, Serialize)]
pub(super) struct MdSlo {
    pub(super) status: &'static str,
    pub(super) benchmark: String,
    pub(super) expression: String,
    pub(super) observed: String,
    pub(super) source: String,
    pub(super) detail: String,
}

/// Longest user-supplied text shown in a cell, in characters; longer text
/// is cut with `…`, so one absurd name cannot use up the comment.
pub(super) const MAX_CELL: usize = 200;

pub(super) fn clip(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(MAX_CELL) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

pub(super) fn md_row(row: &Row) -> MdRow {
    let metric = if row.statistic.is_empty() {
        markdown_code(&clip(&row.metric))
    } else {
        format!(
            "{} ({})",
            markdown_code(&clip(&row.metric)),
            markdown_text(&clip(&row.statistic))
        )
    };
    let verdict = match row.verdict {
        Verdict::Regressed(Severity::Critical) => "**critical**".to_owned(),
        Verdict::Regressed(Severity::Major) => "**major**".to_owned(),
        v => v.as_str().to_owned(),
    };
    MdRow {
        benchmark: markdown_code(&clip(&row.benchmark)),
        metric,
        baseline: markdown_text(&clip(&row.baseline)),
        current: markdown_text(&clip(&row.current)),
        change: markdown_text(&row.change),
        interval: markdown_text(&row.interval),
        verdict,
        note: markdown_text(&clip(&row.note)),
    }
}

pub(super) fn header(comparison: &Comparison, view: &ReportView) -> Header {
    Header {
        marker: marker(&comparison.suite),
        suite: markdown_code(&comparison.suite),
        headline: view.headline.clone(),
        passed: comparison.gate.passed,
        fail_on: comparison.gate.fail_on.as_str(),
        thresholds: view.thresholds.clone(),
        baseline: side(&comparison.baseline),
        current: side(&comparison.current),
        notes: comparison
            .notes
            .iter()
            .map(|n| markdown_text(&clip(n)))
            .collect(),
        interval_label: view.interval_label.clone(),
    }
}

/// `` `abc1234` (`main`) `` or `unknown commit`.
pub(super) fn side(side: &Side) -> String {
    let Some(git) = &side.git else {
        return "unknown commit".to_owned();
    };
    let short: String = git.commit.chars().take(10).collect();
    let mut text = markdown_code(&short);
    if let Some(branch) = &git.branch {
        text.push_str(&format!(" ({})", markdown_code(branch)));
    }
    if git.dirty {
        text.push_str(" + uncommitted changes");
    }
    text
}

/// One SLO result, every cell escaped.
pub(super) fn md_slo(s: &SloRow) -> MdSlo {
    MdSlo {
        status: if s.passed { "✅ held" } else { "❌ breached" },
        benchmark: markdown_code(&clip(&s.benchmark)),
        expression: markdown_code(&clip(&s.expression)),
        observed: markdown_text(&s.observed),
        source: markdown_text(&s.source),
        detail: markdown_text(
            &[s.budget.as_str(), s.note.as_str()]
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
        ),
    }
}

/// `19,690 more: 19,500 unchanged, 150 new, 40 missing` for the folded part.
pub(super) fn others_summary(rows: &[MdRow], keep: &[bool]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for row in rows {
        match counts.iter_mut().find(|(v, _)| *v == row.verdict) {
            Some((_, n)) => *n += 1,
            None => counts.push((row.verdict.clone(), 1)),
        }
    }
    let shown = keep.iter().filter(|k| **k).count();
    let parts: Vec<String> = counts
        .iter()
        .map(|(v, n)| format!("{} {v}", format::count(*n)))
        .collect();
    let mut text = format!("{} more: {}", format::count(rows.len()), parts.join(", "));
    if shown < rows.len() {
        text.push_str(&format!(" ({} shown)", format::count(shown)));
    }
    text
}
