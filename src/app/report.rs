//! `benchgate report`: re-render a saved comparison document.

use anyhow::{Context, bail};

use crate::cli::ReportCommandArgs;
use crate::compare::{Comparison, SCHEMA_COMPARISON_V1};
use crate::report::Extras;

use super::Outcome;
use super::reports::{self, Judged};

/// Runs `benchgate report`.
pub fn run(args: &ReportCommandArgs) -> anyhow::Result<Outcome> {
    let path = &args.comparison;
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("failed to read {}", path.display()))?;
    let mut de = serde_json::Deserializer::from_str(&text);
    let comparison: Comparison = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let at = e.path().to_string();
        let inner = e.into_inner();
        anyhow::anyhow!(
            "{}: line {}, column {}: at {at}: {inner} (expected a {SCHEMA_COMPARISON_V1} document)",
            path.display(),
            inner.line(),
            inner.column()
        )
    })?;
    if comparison.schema != SCHEMA_COMPARISON_V1 {
        bail!(
            "{}: schema \"{}\" is not one this version reads (expected \"{SCHEMA_COMPARISON_V1}\")",
            path.display(),
            comparison.schema
        );
    }
    let passed = comparison.gate.passed;
    let extras = Extras {
        full_report: args.report.report_url.clone(),
        ..Extras::default()
    };
    reports::write(&[Judged { comparison, extras }], &args.report)?;
    Ok(if passed {
        Outcome::Success
    } else {
        Outcome::GateFailed
    })
}
