//! `benchgate run`: time commands, interleave A/B, or run cargo bench.

use std::ffi::OsString;
use std::time::Duration;

use anyhow::{Context, bail};

use crate::cli::RunArgs;
use crate::compare;
use crate::ingest::{self, Format};
use crate::measure::{self, CommandSpec, ProcessExecutor, ProgressBar, RunSpec};
use crate::model::Results;
use crate::report::Extras;

use super::reports::{self, Judged};
use super::{Outcome, provenance, settings};

/// Runs `benchgate run`.
pub fn run(args: &RunArgs) -> anyhow::Result<Outcome> {
    if args.cargo_bench {
        let dir = std::env::current_dir().context("cannot read the current directory")?;
        let criterion = measure::cargo_bench(&dir, &args.command)?;
        let mut results = ingest::load(&criterion, Some(Format::Criterion))?;
        results.suite.clone_from(&args.suite);
        return write(results, args);
    }
    let commands = commands(args)?;
    let spec = RunSpec {
        warmup: args.warmup,
        runs: args.runs,
        min_time: seconds(args.min_time, "--min-time")?,
        ignore_failure: args.ignore_failure,
        timeout: seconds(args.timeout, "--timeout")?,
        ..RunSpec::new(args.suite.clone(), commands)
    };
    let mut bar = ProgressBar::on_stderr();
    if args.ab {
        let benchmark = args.name.clone().unwrap_or_else(|| "ab".to_owned());
        let (mut baseline, mut candidate) =
            measure::run_ab(&spec, &benchmark, &ProcessExecutor, &mut |e| bar.update(e))?;
        provenance::stamp(&mut baseline);
        provenance::stamp(&mut candidate);
        let config = settings::load_config(None)?;
        let mut policy = settings::policy(&config, None, None)?;
        // Sample i of each side comes from round i: judge them as pairs.
        policy.paired = true;
        let comparison = compare::compare(&baseline, &candidate, &policy);
        if let Some(path) = &args.output {
            std::fs::write(path, candidate.to_json_pretty())
                .with_context(|| format!("failed to write {}", path.display()))?;
        }
        let passed = comparison.gate.passed;
        let extras = Extras::default();
        reports::write(&[Judged { comparison, extras }], &args.report)?;
        return Ok(if passed {
            Outcome::Success
        } else {
            Outcome::GateFailed
        });
    }
    let results = measure::run(&spec, &ProcessExecutor, &mut |e| bar.update(e))?;
    write(results, args)
}

/// The commands to measure: `--command NAME=CMD` values (shell command
/// lines), or the command after `--` (run as-is unless `--shell`).
fn commands(args: &RunArgs) -> anyhow::Result<Vec<CommandSpec>> {
    let mut out = Vec::new();
    for value in &args.commands {
        let Some((name, cmd)) = value.split_once('=') else {
            bail!("--command takes NAME=CMD, found {value:?}");
        };
        if name.trim().is_empty() || cmd.trim().is_empty() {
            bail!("--command takes NAME=CMD with both parts non-empty, found {value:?}");
        }
        out.push(CommandSpec::shell(cmd).named(name.trim()));
    }
    if !args.command.is_empty() {
        let mut spec = if args.shell {
            let mut script = OsString::new();
            for (i, word) in args.command.iter().enumerate() {
                if i > 0 {
                    script.push(" ");
                }
                script.push(word);
            }
            CommandSpec::shell(script)
        } else {
            CommandSpec::new(args.command.clone())
        };
        spec.name.clone_from(&args.name);
        out.push(spec);
    }
    if out.is_empty() {
        bail!(
            "nothing to run: give a command after `--`, or --command NAME=CMD (see `benchgate run --help`)"
        );
    }
    if args.ab && out.len() != 2 {
        bail!(
            "--ab compares exactly two commands (baseline first, candidate second), found {}",
            out.len()
        );
    }
    Ok(out)
}

fn seconds(value: Option<f64>, flag: &str) -> anyhow::Result<Option<Duration>> {
    match value {
        None => Ok(None),
        Some(s) if s.is_finite() && s > 0.0 => Ok(Some(Duration::from_secs_f64(s))),
        Some(s) => bail!("{flag} takes a positive number of seconds, found {s}"),
    }
}

fn write(mut results: Results, args: &RunArgs) -> anyhow::Result<Outcome> {
    provenance::stamp(&mut results);
    let document = results.to_json_pretty();
    match &args.output {
        Some(path) => std::fs::write(path, document)
            .with_context(|| format!("failed to write {}", path.display()))?,
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(document.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(Outcome::Success)
}
