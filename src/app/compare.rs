//! `benchgate compare`: judge one results file against a baseline.

use anyhow::Context;

use crate::cli::CompareArgs;
use crate::compare;
use crate::ingest;
use crate::report::Extras;

use super::reports::{self, Judged};
use super::settings::{self, BaselineSource};
use super::{Outcome, provenance};

/// Runs `benchgate compare`.
pub fn run(args: &CompareArgs) -> anyhow::Result<Outcome> {
    let config = settings::load_config(args.config.as_deref())?;
    let k6 = args.k6.to_options();
    let mut current = load_one(&args.current, &k6)?;
    if let Some(suite) = &args.suite {
        current.suite.clone_from(suite);
    } else if current.suite.is_empty() {
        "default".clone_into(&mut current.suite);
    }
    provenance::stamp(&mut current);
    let suite_config = config.suite(&current.suite);
    let baseline = match &args.baseline {
        Some(path) => load_one(path, &k6)
            .with_context(|| format!("while reading the baseline {}", path.display()))?,
        None => {
            let source = match &args.baseline_ref {
                Some(reference) => BaselineSource::Ref(&config, reference),
                None => BaselineSource::WorkTree(&config),
            };
            let loaded = source.load(&current.suite)?.with_context(|| {
                let path = config.baseline_path().join(crate::baseline::file_name(&current.suite));
                format!(
                    "no baseline for suite '{}' at {}; pass --baseline FILE, or save one with `benchgate baseline save --suite {} RESULTS`",
                    current.suite,
                    path.display(),
                    current.suite
                )
            })?;
            loaded.results
        }
    };
    let policy = settings::policy(&config, suite_config, args.fail_on)?;
    let comparison = compare::compare(&baseline, &current, &policy);
    let extras = Extras::default();
    let passed = comparison.gate.passed;
    reports::write(&[Judged { comparison, extras }], &args.report)?;
    Ok(if passed {
        Outcome::Success
    } else {
        Outcome::GateFailed
    })
}

/// One input, k6 NDJSON streamed; its warnings go to stderr.
fn load_one(
    path: &std::path::Path,
    k6: &ingest::k6_json::Options,
) -> anyhow::Result<crate::model::Results> {
    let loaded = ingest::load_all(&[path.to_path_buf()], None, k6)?;
    for warning in &loaded.warnings {
        eprintln!("warning: {}", crate::report::format::inert(warning));
    }
    let mut parts = loaded.parts;
    Ok(parts
        .pop()
        .map(|(_, r)| r)
        .unwrap_or_else(|| crate::model::Results::new("")))
}
