//! GitHub Actions: workflow-command annotations for regressions and SLO
//! breaches, and the job summary (`$GITHUB_STEP_SUMMARY`).
//!
//! See GitHub's "Workflow commands for GitHub Actions" (`::error`,
//! `::warning`, `::notice`, and the escaping of their data and properties,
//! as `@actions/core`'s `command.ts` does it). Deciding *whether* to run in
//! GitHub Actions (`GITHUB_ACTIONS=true`) is the caller's job: this module
//! reads no environment.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::compare::{Comparison, Severity, Verdict};

use super::escape::{workflow_data, workflow_property};
use super::view::ReportView;

/// One annotation line per finding, most severe first:
///
/// - `::error` for each regression at or above the gate's `fail_on` and
///   each breached SLO;
/// - `::warning` for major regressions below it, benchmarks missing from
///   this run and the comparison's notes (host mismatch);
/// - `::notice` for minor regressions below it.
///
/// Each line ends with a newline; the result is empty when there is
/// nothing to say.
pub fn annotations(comparison: &Comparison) -> String {
    let view = ReportView::from_comparison(comparison);
    let suite = &comparison.suite;
    let mut out = String::new();
    for row in &view.rows {
        let label = format!("{} {}", row.benchmark, row.metric);
        let numbers = format!(
            "{} → {} ({}{})",
            row.baseline,
            row.current,
            row.change,
            if row.interval.is_empty() {
                String::new()
            } else {
                format!(", interval {}", row.interval)
            }
        );
        let level = match row.verdict {
            Verdict::Regressed(s) if comparison.gate.fail_on.fails(s) => "error",
            Verdict::Regressed(Severity::Minor) => "notice",
            Verdict::Regressed(_) | Verdict::Missing => "warning",
            _ => continue,
        };
        let (title, message) = if row.verdict == Verdict::Missing {
            (
                format!("benchgate {suite}: missing benchmark"),
                format!("{label} is in the baseline but not in this run"),
            )
        } else {
            (
                format!("benchgate {suite}: {} regression", row.verdict),
                format!("{label}: {numbers}"),
            )
        };
        push(&mut out, level, &title, &message);
    }
    for slo in view.slos.iter().filter(|s| !s.passed) {
        push(
            &mut out,
            "error",
            &format!("benchgate {suite}: SLO breached"),
            &format!(
                "{} {}{} (checked by {})",
                slo.benchmark,
                slo.expression,
                if slo.observed.is_empty() {
                    String::new()
                } else {
                    format!(": observed {}", slo.observed)
                },
                slo.source
            ),
        );
    }
    for note in &comparison.notes {
        push(&mut out, "warning", &format!("benchgate {suite}"), note);
    }
    sort_by_level(&out)
}

fn push(out: &mut String, level: &str, title: &str, message: &str) {
    out.push_str(&format!(
        "::{level} title={}::{}\n",
        workflow_property(title),
        workflow_data(message)
    ));
}

/// Errors, then warnings, then notices, each in the order found.
fn sort_by_level(lines: &str) -> String {
    let mut sorted = String::with_capacity(lines.len());
    for level in ["::error ", "::warning ", "::notice "] {
        for line in lines.lines().filter(|l| l.starts_with(level)) {
            sorted.push_str(line);
            sorted.push('\n');
        }
    }
    sorted
}

/// Appends `markdown` (and a blank line) to the job summary file at `path`
/// (the value of `$GITHUB_STEP_SUMMARY`), creating it if needed.
///
/// # Errors
///
/// When the file cannot be opened or written; the error names the path.
pub fn append_step_summary(path: &Path, markdown: &str) -> io::Result<()> {
    let with_path = |e: io::Error| {
        io::Error::new(
            e.kind(),
            format!(
                "failed to append to the step summary {}: {e}",
                path.display()
            ),
        )
    };
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(with_path)?;
    file.write_all(markdown.as_bytes()).map_err(with_path)?;
    if !markdown.ends_with('\n') {
        file.write_all(b"\n").map_err(with_path)?;
    }
    file.write_all(b"\n").map_err(with_path)
}

/// Where the job summary goes, given a way to read the environment
/// (`|name| std::env::var_os(name)`): `$GITHUB_STEP_SUMMARY` when
/// `GITHUB_ACTIONS` is `true` and the variable is set and non-empty.
pub fn step_summary_path(env: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    if env("GITHUB_ACTIONS").as_deref() != Some(std::ffi::OsStr::new("true")) {
        return None;
    }
    env("GITHUB_STEP_SUMMARY")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_appended_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.md");
        append_step_summary(&path, "# one").unwrap();
        append_step_summary(&path, "# two\n").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# one\n\n# two\n\n"
        );
    }

    #[test]
    fn the_summary_path_needs_github_actions() {
        let env = |actions: Option<&'static str>, summary: Option<&'static str>| {
            move |name: &str| match name {
                "GITHUB_ACTIONS" => actions.map(Into::into),
                "GITHUB_STEP_SUMMARY" => summary.map(Into::into),
                _ => None,
            }
        };
        assert_eq!(
            step_summary_path(env(Some("true"), Some("/tmp/s"))),
            Some(PathBuf::from("/tmp/s"))
        );
        assert_eq!(step_summary_path(env(None, Some("/tmp/s"))), None);
        assert_eq!(step_summary_path(env(Some("false"), Some("/tmp/s"))), None);
        assert_eq!(step_summary_path(env(Some("true"), Some(""))), None);
    }
}
