//! `benchgate ingest`: read inputs, merge, add provenance, write.

use std::io::Write;

use anyhow::Context;

use crate::cli::IngestArgs;
use crate::ingest;
use crate::report;

use super::{Outcome, provenance};

/// Runs `benchgate ingest`.
pub fn run(args: &IngestArgs) -> anyhow::Result<Outcome> {
    let loaded = ingest::load_all(&args.inputs, args.format.to_format(), &args.k6.to_options())?;
    for warning in &loaded.warnings {
        eprintln!("warning: {}", report::format::inert(warning));
    }
    let mut results = ingest::merge(&args.suite, loaded.parts)?;
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
