//! `benchgate check`'s last step: write the baselines a passing gate earned
//! and, with `--commit`, commit exactly those files.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;

use crate::baseline::{self, DirStore, git::Repo};
use crate::cli::CheckArgs;
use crate::compare::{Comparison, Verdict};
use crate::config::{Config, Refresh};
use crate::model::Results;

use super::super::reports::Judged;
use super::Expected;

/// Writes the baselines a passing gate earned; says why for the others.
pub(super) fn refresh(
    config: &Config,
    judged: &[Judged],
    currents: Vec<(Results, Expected)>,
    args: &CheckArgs,
) -> anyhow::Result<Vec<PathBuf>> {
    let store = DirStore::new(config.baseline_path());
    let mut updated = Vec::new();
    let mut err = std::io::stderr().lock();
    for (j, (mut current, expected)) in judged.iter().zip(currents) {
        let c = &j.comparison;
        let path = store.path(&c.suite);
        let improved = count(c, Verdict::Improved) > 0;
        let regressed = c.entries.iter().any(|e| e.verdict.severity().is_some());
        if !c.gate.passed && !args.force {
            writeln!(
                err,
                "not updating {}: the gate failed for suite '{}' (use --force to refresh anyway)",
                path.display(),
                c.suite
            )?;
            continue;
        }
        if config.refresh == Refresh::OnImprovement
            && (!improved || regressed)
            && !args.force
            && expected.is_some()
        {
            writeln!(
                err,
                "not updating {}: refresh = \"on-improvement\" and suite '{}' has no improvement without a regression",
                path.display(),
                c.suite
            )?;
            continue;
        }
        baseline::thin::thin(&mut current, config.max_samples);
        let written = store.save(&c.suite, &current, expected.as_deref())?;
        writeln!(
            err,
            "updated {}{}",
            written.display(),
            if c.gate.passed {
                ""
            } else {
                " (forced past a failing gate)"
            }
        )?;
        updated.push(written);
    }
    Ok(updated)
}

pub(super) fn count(c: &Comparison, verdict: Verdict) -> usize {
    c.counts.get(verdict.as_str()).copied().unwrap_or(0)
}

/// Commits exactly the updated baseline files.
pub(super) fn commit(
    config: &Config,
    judged: &[Judged],
    updated: &[PathBuf],
) -> anyhow::Result<()> {
    let repo = Repo::discover(&config.root)?;
    let mut files = Vec::new();
    for path in updated {
        let rel = repo.relative(path)?;
        let bytes =
            std::fs::read(path).with_context(|| format!("failed to read {}", path.display()))?;
        files.push((rel, bytes));
    }
    let message = commit_message(judged);
    match repo.commit_files(&files, &message)? {
        Some(sha) => eprintln!(
            "committed {} ({})",
            baseline::git::short(&sha),
            files
                .iter()
                .map(|(p, _)| p.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => eprintln!("baselines unchanged: nothing to commit"),
    }
    Ok(())
}

/// `benchgate: update baselines for api, micro` and a body naming the
/// source commit and the verdict counts.
pub(super) fn commit_message(judged: &[Judged]) -> String {
    let suites: Vec<&str> = judged.iter().map(|j| j.comparison.suite.as_str()).collect();
    let mut message = format!(
        "benchgate: update baseline{} for {}\n\n",
        if suites.len() == 1 { "" } else { "s" },
        suites.join(", ")
    );
    for j in judged {
        let c = &j.comparison;
        let from = c.current.git.as_ref().map_or_else(
            || "outside any git commit".to_owned(),
            |g| {
                format!(
                    "at commit {}{}{}",
                    baseline::git::short(&g.commit),
                    g.branch
                        .as_ref()
                        .map(|b| format!(" on {b}"))
                        .unwrap_or_default(),
                    if g.dirty { " (dirty)" } else { "" }
                )
            },
        );
        let counts: Vec<String> = Verdict::ALL
            .iter()
            .filter(|v| count(c, **v) > 0)
            .map(|v| format!("{} {}", count(c, *v), v.as_str()))
            .collect();
        message.push_str(&format!(
            "Suite {}: measured {from}; gate {}; {}.\n",
            c.suite,
            if c.gate.passed {
                "passed"
            } else {
                "failed (forced)"
            },
            if counts.is_empty() {
                "no benchmarks".to_owned()
            } else {
                counts.join(", ")
            }
        ));
    }
    message
}
