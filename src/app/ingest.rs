//! `benchgate ingest`: read inputs, merge, add provenance, write.

use std::io::Write;

use anyhow::Context;

use crate::cli::IngestArgs;
use crate::ingest;
use crate::report;

use super::{Outcome, provenance};

/// Runs `benchgate ingest`.
pub fn run(args: &IngestArgs) -> anyhow::Result<Outcome> {
    let format = args.format.to_format();
    let mut parts = Vec::with_capacity(args.inputs.len());
    for path in &args.inputs {
        let results = ingest::load(path, format)?;
        parts.push((path.clone(), results));
    }
    let mut results = ingest::merge(&args.suite, parts)?;
    provenance::stamp(&mut results);

    let document = results.to_json_pretty();
    let mut stdout = std::io::stdout().lock();
    match &args.output {
        Some(path) => {
            std::fs::write(path, &document)
                .with_context(|| format!("failed to write {}", path.display()))?;
        }
        None if !args.table => stdout.write_all(document.as_bytes())?,
        None => {}
    }
    if args.table {
        report::results_table(&results, &mut stdout)?;
    }
    stdout.flush()?;
    Ok(Outcome::Success)
}
