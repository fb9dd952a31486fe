//! The command line, defined with clap's derive API. Only definitions live
//! here: no logic, no I/O. `app` turns these raw arguments into work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::compare::{FailOn, Severity};

mod baseline;
mod help;
mod ingest;

pub use baseline::{
    BaselineCommand, BaselineHistoryArgs, BaselineListArgs, BaselineSaveArgs, BaselineShowArgs,
    BaselineSourceArgs,
};
use help::*;
pub use ingest::{FormatArg, IngestArgs, K6Args};

/// The `benchgate` command line.
#[derive(Debug, Parser)]
#[command(name = "benchgate", version, about = ABOUT, long_about = LONG_ABOUT)]
#[command(propagate_version = true, arg_required_else_help = true)]
pub struct Cli {
    /// The subcommand to run.
    #[command(subcommand)]
    pub command: Command,
}

/// benchgate's subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read benchmark results from any supported tool into one results document.
    #[command(about = INGEST_ABOUT, long_about = INGEST_LONG_ABOUT, after_help = INGEST_EXAMPLES)]
    Ingest(IngestArgs),
    /// Judge results against a baseline and gate on regressions.
    #[command(about = COMPARE_ABOUT, long_about = COMPARE_LONG_ABOUT, after_help = COMPARE_EXAMPLES)]
    Compare(CompareArgs),
    /// Run every suite of benchgate.toml: ingest, compare, report, gate, refresh baselines.
    #[command(about = CHECK_ABOUT, long_about = CHECK_LONG_ABOUT, after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Time commands (or cargo bench) and write a results document.
    #[command(about = RUN_ABOUT, long_about = RUN_LONG_ABOUT, after_help = RUN_EXAMPLES)]
    Run(RunArgs),
    /// Re-render a saved comparison document in any report format.
    #[command(about = REPORT_ABOUT, after_help = REPORT_EXAMPLES)]
    Report(ReportCommandArgs),
    /// List, show, save baselines and walk their history.
    #[command(subcommand, about = BASELINE_ABOUT, long_about = BASELINE_LONG_ABOUT)]
    Baseline(BaselineCommand),
    /// Print a shell completion script for benchgate.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print benchgate's manual page (roff), or a subcommand's.
    #[command(after_help = MAN_EXAMPLES)]
    Man(ManArgs),
}

/// Arguments of `benchgate run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The suite the results belong to.
    #[arg(long, default_value = "default", value_name = "NAME")]
    pub suite: String,

    /// The benchmark id of the command after `--` (default: the command line).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// A named command line, run with the shell; repeat for several
    /// (`--command parse='app parse big.json'`).
    #[arg(long = "command", value_name = "NAME=CMD")]
    pub commands: Vec<String>,

    /// Untimed runs before measuring each command.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub warmup: usize,

    /// Measured runs per command [default: as many as fit in --min-time,
    /// at least 10].
    #[arg(long, value_name = "N", conflicts_with = "min_time")]
    pub runs: Option<usize>,

    /// Measure each command for at least SECS seconds [default: 3].
    #[arg(long, value_name = "SECS")]
    pub min_time: Option<f64>,

    /// Run the command after `--` with `sh -c` (pipes, redirections).
    #[arg(long)]
    pub shell: bool,

    /// Keep measuring when a command exits non-zero.
    #[arg(long)]
    pub ignore_failure: bool,

    /// Kill a run that takes longer than SECS seconds, and fail.
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<f64>,

    /// Interleave the commands run by run (ABBA order) and judge the second
    /// against the first: exactly two --command values, baseline first.
    #[arg(long)]
    pub ab: bool,

    /// Run the project's criterion benches with `cargo bench` and ingest
    /// target/criterion; arguments after `--` go to cargo bench.
    #[arg(long, conflicts_with_all = ["ab", "commands", "shell", "name"])]
    pub cargo_bench: bool,

    /// Write the results document to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// With --ab: where the comparison's reports go.
    #[command(flatten)]
    pub report: ReportArgs,

    /// The command and its arguments, passed as-is (never re-split).
    #[arg(last = true, value_name = "COMMAND")]
    pub command: Vec<std::ffi::OsString>,
}

/// Arguments of `benchgate completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Arguments of `benchgate man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// A subcommand (`check`, `baseline show` …) whose page to print instead
    /// of benchgate's own.
    #[arg(value_name = "SUBCOMMAND")]
    pub subcommand: Vec<String>,
}

/// Arguments of `benchgate report`.
#[derive(Debug, Args)]
pub struct ReportCommandArgs {
    /// Where the reports go.
    #[command(flatten)]
    pub report: ReportArgs,

    /// A comparison document written by `compare --json` or `check --json`.
    #[arg(value_name = "COMPARISON.json")]
    pub comparison: PathBuf,
}

/// Arguments of `benchgate check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// benchgate.toml to read (default: ./benchgate.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Only these suites (repeatable; default: all).
    #[arg(long = "suite", value_name = "NAME")]
    pub suites: Vec<String>,

    /// Compare against the baselines committed at this git commit-ish
    /// (e.g. origin/main), read without a checkout.
    #[arg(long, value_name = "REF")]
    pub baseline_ref: Option<String>,

    /// After a passing gate, write the new baselines (also:
    /// UPDATE_BASELINES=true or 1).
    #[arg(long)]
    pub update_baselines: bool,

    /// With --update-baselines: commit exactly the baseline files (author
    /// and committer as git picks them: GIT_AUTHOR_NAME/_EMAIL,
    /// GIT_COMMITTER_NAME/_EMAIL, then user.name/user.email).
    #[arg(long)]
    pub commit: bool,

    /// With --update-baselines: write even when the gate failed.
    #[arg(long)]
    pub force: bool,

    /// The regression level that fails the gate [default: the config's
    /// fail_on, else critical].
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOnArg>,

    /// Where the reports go. With several suites, a report path gets the
    /// suite's name before its extension (`report.api.html`) unless it
    /// contains `{suite}`.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Arguments of `benchgate compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The baseline: a results document or any file `ingest` reads
    /// (default: `baselines/<suite>.json`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// The suite (default: the one CURRENT names, else `default`).
    #[arg(long, value_name = "NAME")]
    pub suite: Option<String>,

    /// Read the baseline from this git commit-ish (branch, remote branch,
    /// tag, SHA, HEAD~3) instead of the work tree, without checking it out.
    #[arg(long, value_name = "REF", conflicts_with = "baseline")]
    pub baseline_ref: Option<String>,

    /// benchgate.toml to read thresholds and SLOs from (default:
    /// ./benchgate.toml when it exists).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The regression level that fails the gate [default: the config's
    /// fail_on, else critical].
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOnArg>,

    /// Where the reports go.
    #[command(flatten)]
    pub report: ReportArgs,

    /// How CURRENT (or the baseline) is read when it is k6 NDJSON.
    #[command(flatten)]
    pub k6: K6Args,

    /// The results to judge.
    #[arg(value_name = "CURRENT")]
    pub current: PathBuf,
}

/// Report flags shared by `compare` and `check`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Reports")]
pub struct ReportArgs {
    /// What to print on standard output.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table, value_name = "OUT")]
    pub format: OutputFormat,

    /// Write the comparison document (JSON) to PATH.
    #[arg(long, value_name = "PATH")]
    pub json: Option<PathBuf>,

    /// Write a markdown PR comment to PATH.
    #[arg(long, value_name = "PATH")]
    pub markdown: Option<PathBuf>,

    /// Write a self-contained HTML report to PATH.
    #[arg(long, value_name = "PATH")]
    pub html: Option<PathBuf>,

    /// Write JUnit XML to PATH.
    #[arg(long, value_name = "PATH")]
    pub junit: Option<PathBuf>,

    /// Use report templates from DIR (files named like the built-in ones
    /// override them).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// Where the full report will be (e.g. a CI artifact URL), linked from a
    /// markdown comment that had to leave rows out.
    #[arg(long, value_name = "URL", env = "BENCHGATE_REPORT_URL")]
    pub report_url: Option<String>,
}

/// `--fail-on` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    /// Fail on any regression of 10 % or more (by default).
    Minor,
    /// Fail on regressions of 20 % or more.
    Major,
    /// Fail on regressions of 50 % or more.
    Critical,
    /// Never fail on regressions (SLO breaches still fail).
    Never,
}

impl FailOnArg {
    /// The domain level.
    pub fn to_fail_on(self) -> FailOn {
        match self {
            Self::Minor => FailOn::Severity(Severity::Minor),
            Self::Major => FailOn::Severity(Severity::Major),
            Self::Critical => FailOn::Severity(Severity::Critical),
            Self::Never => FailOn::Never,
        }
    }
}

/// `--format` values of the commands that print a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// A table for people.
    Table,
    /// A markdown PR comment.
    Markdown,
    /// A self-contained HTML report.
    Html,
    /// The benchgate.comparison.v1 document.
    Json,
    /// JUnit XML.
    Junit,
}

#[cfg(test)]
mod tests;
