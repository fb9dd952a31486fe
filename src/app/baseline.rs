//! `benchgate baseline list | show | save | history`.

use std::io::Write;

use anyhow::Context;
use comfy_table::{Table, presets};

use crate::baseline::{self, DirStore};
use crate::cli::{
    BaselineCommand, BaselineHistoryArgs, BaselineSaveArgs, BaselineShowArgs, BaselineSourceArgs,
};
use crate::compare::Policy;
use crate::ingest;
use crate::report::{self, format};

use super::settings::{self, BaselineSource};
use super::{Outcome, history, provenance};

/// Runs a `benchgate baseline` subcommand.
pub fn run(command: &BaselineCommand) -> anyhow::Result<Outcome> {
    match command {
        BaselineCommand::List(args) => list(&args.source),
        BaselineCommand::Show(args) => show(args),
        BaselineCommand::Save(args) => save(args),
        BaselineCommand::History(args) => history_cmd(args),
    }
}

fn list(source: &BaselineSourceArgs) -> anyhow::Result<Outcome> {
    let config = settings::load_config(source.config.as_deref())?;
    let store = match &source.baseline_ref {
        Some(r) => BaselineSource::Ref(&config, r),
        None => BaselineSource::WorkTree(&config),
    };
    let mut out = std::io::stdout().lock();
    for suite in store.list()? {
        writeln!(out, "{}", format::inert(&suite))?;
    }
    Ok(Outcome::Success)
}

fn show(args: &BaselineShowArgs) -> anyhow::Result<Outcome> {
    let config = settings::load_config(args.source.config.as_deref())?;
    let store = match &args.source.baseline_ref {
        Some(r) => BaselineSource::Ref(&config, r),
        None => BaselineSource::WorkTree(&config),
    };
    let loaded = store.load(&args.suite)?.with_context(|| {
        format!(
            "no baseline for suite '{}' in {}",
            args.suite,
            config.baseline_path().display()
        )
    })?;
    let mut out = std::io::stdout().lock();
    if args.json {
        out.write_all(loaded.results.to_json_pretty().as_bytes())?;
    } else {
        let r = &loaded.results;
        if let Some(git) = &r.git {
            writeln!(
                out,
                "from commit {}{}{}",
                baseline::git::short(&git.commit),
                git.branch
                    .as_ref()
                    .map(|b| format!(" on {}", format::inert(b)))
                    .unwrap_or_default(),
                if git.dirty { " (dirty work tree)" } else { "" }
            )?;
        }
        if let Some(created) = &r.created {
            writeln!(out, "created {created}")?;
        }
        report::results_table(r, &mut out)?;
    }
    Ok(Outcome::Success)
}

fn save(args: &BaselineSaveArgs) -> anyhow::Result<Outcome> {
    let config = settings::load_config(args.config.as_deref())?;
    let mut results = ingest::load(&args.results, None)?;
    if let Some(suite) = &args.suite {
        results.suite.clone_from(suite);
    } else if results.suite.is_empty() {
        "default".clone_into(&mut results.suite);
    }
    provenance::stamp(&mut results);
    baseline::thin::thin(&mut results, config.max_samples);
    let store = DirStore::new(config.baseline_path());
    let before = settings::current_bytes(&config, &results.suite)?;
    let path = store.save(&results.suite, &results, before.as_deref())?;
    eprintln!(
        "{} {}",
        if before.is_some() {
            "replaced"
        } else {
            "created"
        },
        path.display()
    );
    Ok(Outcome::Success)
}

fn history_cmd(args: &BaselineHistoryArgs) -> anyhow::Result<Outcome> {
    let config = settings::load_config(args.config.as_deref())?;
    let policy = settings::policy(&config, config.suite(&args.suite), None)
        .unwrap_or_else(|_| Policy::default());
    let points = history::points(
        &config,
        &args.suite,
        &policy,
        args.bench.as_deref(),
        args.metric.as_deref(),
    )?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &points)?;
        writeln!(out)?;
        return Ok(Outcome::Success);
    }
    if points.is_empty() {
        writeln!(
            out,
            "no history for suite '{}' (is its baseline committed?)",
            format::inert(&args.suite)
        )?;
        return Ok(Outcome::Success);
    }
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    table.set_header([
        "commit",
        "date",
        "benchmark",
        "metric",
        "stat",
        "value",
        "vs previous",
    ]);
    for (i, p) in points.iter().enumerate() {
        let older = points[i + 1..].iter().find(|q| {
            q.benchmark == p.benchmark && q.metric == p.metric && q.statistic == p.statistic
        });
        let change = older
            .and_then(|q| crate::compare::relative_change(q.value, p.value))
            .map(format::change)
            .unwrap_or_default();
        let date = jiff::Timestamp::from_second(p.time)
            .map(|t| t.strftime("%Y-%m-%d").to_string())
            .unwrap_or_default();
        table.add_row([
            baseline::git::short(&p.commit).to_owned(),
            date,
            format::inert(&p.benchmark),
            format::inert(&p.metric),
            p.statistic.clone(),
            format::value(p.value, &p.unit),
            change,
        ]);
    }
    writeln!(out, "{table}")?;
    Ok(Outcome::Success)
}
