//! `benchgate compare`: judge one results file against a baseline.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::baseline;
use crate::cli::{CompareArgs, OutputFormat};
use crate::compare::{self, Comparison, Policy, Thresholds};
use crate::ingest;
use crate::model::Results;
use crate::report::{self, ReportFormat, Style, terminal::Colour};

use super::{Outcome, provenance};

/// Runs `benchgate compare`.
pub fn run(args: &CompareArgs) -> anyhow::Result<Outcome> {
    let mut current = ingest::load(&args.current, None)?;
    if let Some(suite) = &args.suite {
        current.suite.clone_from(suite);
    } else if current.suite.is_empty() {
        "default".clone_into(&mut current.suite);
    }
    provenance::stamp(&mut current);
    let baseline = load_baseline(args.baseline.as_deref(), &current.suite)?;
    let policy = policy(args)?;
    let comparison = compare::compare(&baseline, &current, &policy);
    write_reports(&comparison, args.format, args.json.as_deref())?;
    Ok(if comparison.gate.passed {
        Outcome::Success
    } else {
        Outcome::GateFailed
    })
}

fn load_baseline(path: Option<&Path>, suite: &str) -> anyhow::Result<Results> {
    let path = match path {
        Some(path) => path.to_path_buf(),
        None => {
            let path = PathBuf::from("baselines").join(baseline::file_name(suite));
            if !path.exists() {
                bail!(
                    "no baseline for suite '{suite}' at {}; pass --baseline FILE, or save one with \
                     `benchgate ingest --suite {suite} -o {} RESULTS`",
                    path.display(),
                    path.display()
                );
            }
            path
        }
    };
    ingest::load(&path, None)
        .with_context(|| format!("while reading the baseline {}", path.display()))
}

/// The judging policy from flags and the environment.
fn policy(args: &CompareArgs) -> anyhow::Result<Policy> {
    let mut policy = Policy {
        fail_on: args.fail_on.to_fail_on(),
        ..Policy::default()
    };
    if let Some(minor) = performance_threshold()? {
        policy.thresholds = policy.thresholds.with_minor(minor);
    }
    Ok(policy)
}

/// `PERFORMANCE_THRESHOLD=N` (percent, `%` optional) as a fraction.
fn performance_threshold() -> anyhow::Result<Option<f64>> {
    let Ok(raw) = std::env::var("PERFORMANCE_THRESHOLD") else {
        return Ok(None);
    };
    let number = raw.trim().trim_end_matches('%').trim();
    match number.parse::<f64>() {
        Ok(percent) if percent.is_finite() && percent > 0.0 => {
            Thresholds::new(percent / 100.0, f64::MAX, f64::MAX)
                .map_err(anyhow::Error::msg)
                .map(|t| Some(t.minor))
        }
        _ => bail!(
            "PERFORMANCE_THRESHOLD must be a positive percentage such as 10 or 7.5%, found {raw:?}"
        ),
    }
}

fn write_reports(
    comparison: &Comparison,
    format: OutputFormat,
    json: Option<&Path>,
) -> anyhow::Result<()> {
    if let Some(path) = json {
        let mut bytes = Vec::new();
        report::render(ReportFormat::Json, comparison, plain(), &mut bytes)?;
        std::fs::write(path, bytes)
            .with_context(|| format!("failed to write {}", path.display()))?;
    }
    let stdout = std::io::stdout();
    let colour =
        if stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) {
            Colour::Always
        } else {
            Colour::Never
        };
    let style = Style {
        colour,
        width: None,
    };
    let mut out = stdout.lock();
    match format {
        OutputFormat::Table => report::render(ReportFormat::Table, comparison, style, &mut out)?,
        OutputFormat::Json => {
            report::render(ReportFormat::Json, comparison, style, &mut out)?;
            let mut err = std::io::stderr().lock();
            for warning in &comparison.gate.warnings {
                writeln!(err, "warning: {}", report::format::inert(warning))?;
            }
            for failure in &comparison.gate.failures {
                writeln!(err, "gate failed: {}", report::format::inert(failure))?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn plain() -> Style {
    Style {
        colour: Colour::Never,
        width: None,
    }
}
