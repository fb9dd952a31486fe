//! `benchgate check`: every suite of benchgate.toml — produce, ingest,
//! compare, report, gate, and refresh baselines when asked.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, bail};

use crate::cli::CheckArgs;
use crate::compare::{self, Comparison};
use crate::config::{Config, SuiteConfig};
use crate::ingest;
use crate::measure::{self, CommandSpec, ProcessExecutor, ProgressBar, RunSpec};
use crate::model::Results;
use crate::report::Extras;

use super::reports::{self, Judged};
use super::settings::{self, BaselineSource};
use super::{Outcome, history, provenance};

mod refresh;

use refresh::{commit, refresh};

/// Runs `benchgate check`.
pub fn run(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let config = settings::load_config(args.config.as_deref())?;
    if config.suites.is_empty() {
        bail!(
            "no suites to check: {} defines none; add a [[suite]] with a name and inputs (see `benchgate check --help`)",
            config.path.as_ref().map_or_else(
                || "there is no benchgate.toml, so it".to_owned(),
                |p| p.display().to_string()
            )
        );
    }
    for name in &args.suites {
        if config.suite(name).is_none() {
            let known: Vec<&str> = config.suites.iter().map(|s| s.name.as_str()).collect();
            bail!(
                "no suite named '{name}' in the config; it defines: {}",
                known.join(", ")
            );
        }
    }
    let update = args.update_baselines || settings::update_requested_by_env()?;
    if (args.commit || args.force) && !update {
        bail!("--commit and --force only apply with --update-baselines (or UPDATE_BASELINES=true)");
    }
    let selected: Vec<&SuiteConfig> = config
        .suites
        .iter()
        .filter(|s| args.suites.is_empty() || args.suites.contains(&s.name))
        .collect();

    let mut judged = Vec::new();
    let mut currents = Vec::new();
    for suite in &selected {
        let (current, expected, j) =
            judge_suite(&config, suite, args).with_context(|| format!("suite '{}'", suite.name))?;
        currents.push((current, expected));
        judged.push(j);
    }
    reports::write(&judged, &args.report)?;

    if update {
        let updated = refresh(&config, &judged, currents, args)?;
        if args.commit && !updated.is_empty() {
            commit(&config, &judged, &updated)?;
        }
    }
    let passed = judged.iter().all(|j| j.comparison.gate.passed);
    Ok(if passed {
        Outcome::Success
    } else {
        Outcome::GateFailed
    })
}

type Expected = Option<Vec<u8>>;

/// Produces, ingests and judges one suite.
fn judge_suite(
    config: &Config,
    suite: &SuiteConfig,
    args: &CheckArgs,
) -> anyhow::Result<(Results, Expected, Judged)> {
    if let Some(command) = &suite.command {
        run_command(config, command)?;
    }
    let mut parts = Vec::new();
    if !suite.inputs.is_empty() || suite.benches.is_empty() {
        let inputs = resolve_inputs(config, suite)?;
        let loaded = ingest::load_all(&inputs, suite.format, &suite.k6)?;
        for warning in &loaded.warnings {
            eprintln!("warning: {}", crate::report::format::inert(warning));
        }
        parts = loaded.parts;
    }
    if !suite.benches.is_empty() {
        let ids: Vec<&str> = suite.benches.iter().map(|b| b.name.as_str()).collect();
        parts.push((
            config.root.join("benchgate.toml"),
            measure_benches(config, suite, &ids)?,
        ));
    }
    let mut current = ingest::merge(&suite.name, parts)?;
    provenance::stamp(&mut current);
    let expected = settings::current_bytes(config, &suite.name)?;
    let source = match &args.baseline_ref {
        Some(reference) => BaselineSource::Ref(config, reference),
        None => BaselineSource::WorkTree(config),
    };
    let baseline = source.load(&suite.name)?;
    let policy = settings::policy(config, Some(suite), args.fail_on)?;
    let (comparison, extras) = match &baseline {
        Some(loaded) => {
            let mut comparison = compare::compare(&loaded.results, &current, &policy);
            confirm(config, suite, &loaded.results, &policy, &mut comparison)?;
            let extras = Extras {
                trends: history::trends(config, &suite.name, &policy).unwrap_or_default(),
                ..Extras::default()
            };
            (comparison, extras)
        }
        None => {
            let mut empty = Results::new(suite.name.clone());
            empty.host = current.host.clone();
            let mut comparison = compare::compare(&empty, &current, &policy);
            comparison.notes.push(format!(
                "no baseline yet for suite '{}'; every benchmark is new (create it with UPDATE_BASELINES=true)",
                suite.name
            ));
            comparison
                .gate
                .warnings
                .push(comparison.notes[comparison.notes.len() - 1].clone());
            let extras = Extras::default();
            (comparison, extras)
        }
    };
    Ok((current, expected, Judged { comparison, extras }))
}

/// Times the suite's `[[suite.bench]]` commands named in `ids`.
fn measure_benches(config: &Config, suite: &SuiteConfig, ids: &[&str]) -> anyhow::Result<Results> {
    let commands = suite
        .benches
        .iter()
        .filter(|b| ids.contains(&b.name.as_str()))
        .map(|b| {
            CommandSpec::new(b.command.iter().map(OsString::from))
                .named(b.name.clone())
                .in_dir(config.root.clone())
        })
        .collect();
    let spec = RunSpec {
        warmup: suite.warmup,
        runs: suite.runs,
        ..RunSpec::new(suite.name.clone(), commands)
    };
    let mut bar = ProgressBar::on_stderr();
    Ok(measure::run(&spec, &ProcessExecutor, &mut |e| {
        bar.update(e)
    })?)
}

/// Re-measures the bench commands whose regression would fail the gate,
/// up to `confirm` times, and keeps a regression only if it holds on every
/// re-run; otherwise the entry takes the re-run's verdict. The comparison's
/// notes say what was re-run and what held.
fn confirm(
    config: &Config,
    suite: &SuiteConfig,
    baseline: &Results,
    policy: &compare::Policy,
    comparison: &mut Comparison,
) -> anyhow::Result<()> {
    let fail_on = comparison.gate.fail_on;
    let flagged = |c: &Comparison| -> Vec<String> {
        let mut ids: Vec<String> = c
            .entries
            .iter()
            .filter(|e| e.verdict.severity().is_some_and(|s| fail_on.fails(s)))
            .filter(|e| suite.benches.iter().any(|b| b.name == e.benchmark))
            .map(|e| e.benchmark.clone())
            .collect();
        ids.dedup();
        ids
    };
    let mut suspects = flagged(comparison);
    if suite.confirm == 0 || suspects.is_empty() {
        return Ok(());
    }
    let first = suspects.clone();
    for round in 1..=suite.confirm {
        let ids: Vec<&str> = suspects.iter().map(String::as_str).collect();
        let rerun = measure_benches(config, suite, &ids)?;
        let again = compare::compare(baseline, &rerun, policy);
        for entry in &mut comparison.entries {
            if !suspects.contains(&entry.benchmark) || entry.verdict.severity().is_none() {
                continue;
            }
            let Some(new) = again
                .entries
                .iter()
                .find(|e| e.benchmark == entry.benchmark && e.metric == entry.metric)
            else {
                continue;
            };
            if new.verdict.severity().is_some_and(|s| fail_on.fails(s)) {
                entry.note = Some(format!("regression confirmed by {round} re-run(s)"));
            } else {
                let was = entry.verdict;
                *entry = new.clone();
                entry.note = Some(format!(
                    "{was} on the first run, {} on re-run {round}: did not hold",
                    new.verdict
                ));
            }
        }
        compare::regate(comparison);
        suspects = flagged(comparison);
        if suspects.is_empty() {
            break;
        }
    }
    let held = suspects.len();
    comparison.notes.push(format!(
        "re-ran {} flagged benchmark(s) up to {} time(s): {held} regression(s) held, {} did not",
        first.len(),
        suite.confirm,
        first.len() - held
    ));
    compare::regate(comparison);
    Ok(())
}

/// Runs a suite's command (no shell) in the config's directory; its output
/// goes to stderr so stdout stays the report.
fn run_command(config: &Config, command: &[String]) -> anyhow::Result<()> {
    let (program, args) = command
        .split_first()
        .context("the suite's command is empty")?;
    let output = Command::new(program)
        .args(args)
        .current_dir(&config.root)
        .output()
        .with_context(|| format!("failed to run {program:?} (is it installed and on PATH?)"))?;
    let mut err = std::io::stderr().lock();
    err.write_all(&output.stdout)?;
    err.write_all(&output.stderr)?;
    if !output.status.success() {
        bail!(
            "the suite's command {:?} failed: {}",
            command.join(" "),
            output.status
        );
    }
    Ok(())
}

/// The suite's inputs: each path or glob pattern, relative to the config's
/// directory. A pattern that matches nothing is an error.
fn resolve_inputs(config: &Config, suite: &SuiteConfig) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in &suite.inputs {
        let joined = config.root.join(input);
        let pattern = joined.to_string_lossy();
        let is_glob = input.contains(['*', '?', '[']);
        if !is_glob {
            out.push(joined);
            continue;
        }
        let mut matched: Vec<PathBuf> = glob::glob(&pattern)
            .with_context(|| format!("input pattern {input:?} is not a valid glob"))?
            .filter_map(Result::ok)
            .collect();
        if matched.is_empty() {
            bail!(
                "input pattern {input:?} matched no files (relative to {})",
                config.root.display()
            );
        }
        matched.sort();
        out.extend(matched);
    }
    if out.is_empty() {
        bail!("the suite has no inputs");
    }
    Ok(out)
}
