//! The command line, defined with clap's derive API. Only definitions live
//! here: no logic, no I/O. `app` turns these raw arguments into work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::compare::{FailOn, Severity};
use crate::ingest::Format;

const ABOUT: &str = "Stops performance regressions from shipping.";

const LONG_ABOUT: &str = "\
Stops performance regressions from shipping.

benchgate reads what your benchmark and load-test tools measured (k6,
criterion, hyperfine, Google Benchmark, pytest-benchmark, go test -bench,
JMH, BenchmarkDotNet, or a simple custom JSON), normalises it into one
results document, and gates CI by exit code.

Start by turning any tool's output into a benchgate results document:

    benchgate ingest --suite api k6-summary.json -o results.json

Then judge it against a baseline; the exit code gates CI:

    benchgate compare --baseline baseline.json results.json

Exit codes (stable, scripts may rely on them):
    0  success (the gate passed)
    1  the gate failed (a regression at or above --fail-on, or an SLO breach)
    2  benchgate could not judge (bad input, bad flags, unreadable baseline)";

const INGEST_ABOUT: &str =
    "Read benchmark results from any supported tool into one results document";

const INGEST_LONG_ABOUT: &str = "\
Read benchmark results from any supported tool into one results document.

Each INPUT is a file (plain or gzip-compressed) or a criterion directory
(`target/criterion`). Its format is detected from its content unless you
name it with --format. Several inputs are merged into one document; times
are converted to nanoseconds. Provenance is recorded: the tool and its
version where the input says, the git commit, branch and dirty flag when run
inside a git work tree, and a fingerprint of this machine.

Formats (--format):
    k6-summary          k6 --summary-export=FILE (before and after v0.30)
    k6-handle-summary   JSON.stringify(data) of k6's handleSummary()
    criterion           a criterion.rs target/criterion directory (0.3 to 0.7)
    cargo-criterion     cargo criterion --message-format=json
    hyperfine           hyperfine --export-json FILE
    gbench              Google Benchmark --benchmark_format=json
    pytest-benchmark    pytest --benchmark-json=FILE
    go-test             go test -bench text output (with -benchmem, -count)
    jmh                 JMH -rf json
    benchmarkdotnet     BenchmarkDotNet's *-report-full.json
    custom              [{\"name\": …, \"unit\": \"ms\", \"value\": …}, …]
    benchgate           a benchgate results document";

const INGEST_EXAMPLES: &str = "\
Examples:
    # Detect the format, print the results document
    benchgate ingest hyperfine.json

    # Several tools into one suite, written to a file
    benchgate ingest --suite nightly -o results.json summary.json target/criterion

    # Look at what was read, as a table
    benchgate ingest --table bench.txt

    # Name the format when detection cannot tell
    benchgate ingest --format go-test bench.txt";

const COMPARE_ABOUT: &str = "Judge results against a baseline and gate on regressions";

const COMPARE_LONG_ABOUT: &str = "\
Judge results against a baseline and gate on regressions.

CURRENT and the baseline are benchgate results documents or anything
`benchgate ingest` reads. Without --baseline, the baseline is
baselines/<suite>.json in the current directory.

Each benchmark metric gets a verdict: improved, unchanged, minor (≥ 10 %
worse), major (≥ 20 %), critical (≥ 50 %), new, missing or inconclusive.
Where both sides have raw samples, a change counts only when a Mann-Whitney
test finds it significant, and it is graded by what its bootstrap confidence
interval supports, not by the point estimate alone: noisy CI machines do not
cry wolf. Rates with counts (k6's http_req_failed, checks) are tested as
proportions. PERFORMANCE_THRESHOLD=N sets the minor threshold to N %.

Exit codes:
    0  the gate passed
    1  a regression at or above --fail-on (default: critical), or a k6
       threshold that failed
    2  could not judge (bad input, missing baseline, bad flags)";

const COMPARE_EXAMPLES: &str = "\
Examples:
    # Compare against baselines/default.json, print a table
    benchgate compare results.json

    # Compare two files; fail the build on major regressions too
    benchgate compare --baseline main.json --fail-on major pr.json

    # Machine-readable comparison on stdout and in a file
    benchgate compare --baseline main.json --format json --json comparison.json pr.json

    # Raw tool output works too
    benchgate compare --baseline old-hyperfine.json new-hyperfine.json";

const CHECK_ABOUT: &str =
    "Run every suite of benchgate.toml: ingest, compare, report, gate, refresh baselines";

const CHECK_LONG_ABOUT: &str = "\
Run every suite of benchgate.toml: ingest, compare, report, gate, refresh baselines.

For each suite: run its `command` (if any), read its `inputs`, compare them
with baselines/<suite>.json (or the file committed at --baseline-ref),
check its SLOs, write the reports and apply the gate.

With UPDATE_BASELINES=true (or --update-baselines), a passing gate writes the
new baseline atomically; --commit records it as a git commit holding only the
baseline files. A failing gate writes nothing unless --force, and says so.

Exit codes: 0 every suite passed; 1 a suite failed its gate; 2 could not judge.";

const CHECK_EXAMPLES: &str = "\
Examples:
    # Nightly: judge everything against the committed baselines
    benchgate check --html report.html

    # Pull request: baselines from the base branch, a sticky PR comment
    git fetch --depth 1 origin main
    benchgate check --baseline-ref origin/main --markdown comment.md

    # Refresh baselines after a passing run and commit them
    UPDATE_BASELINES=true benchgate check --commit

A benchgate.toml:

    fail_on = \"critical\"
    [thresholds]
    minor = \"10%\"
    major = \"20%\"
    critical = \"50%\"

    [[suite]]
    name = \"api\"
    inputs = [\"results/k6-summary.json\"]
    slo = [\"http_req_duration p95 < 150ms\", \"http_req_failed rate < 1%\"]";

const RUN_ABOUT: &str = "Time commands (or cargo bench) and write a results document";

const RUN_LONG_ABOUT: &str = "\
Time commands (or cargo bench) and write a results document.

Each command gets warm-up runs, then measured runs (--runs N, or as many as
fit in --min-time, at least 10). Per run: wall time, user and system CPU
time and peak memory, all kept as raw samples, ready for `compare`. The
command after `--` is run as-is, with no shell unless --shell: arguments are
never re-split. --command NAME=CMD strings are shell command lines.

--ab interleaves a baseline and a candidate run by run on the same machine
(ABBA order), which cancels most of a noisy CI machine's drift, and judges
the candidate round by round (a paired Wilcoxon test; at least 6 rounds):
exit 1 when it regressed at --fail-on level (critical).";

const RUN_EXAMPLES: &str = "\
Examples:
    # Time one command, 20 runs
    benchgate run --name convert --runs 20 -o results.json -- ./app convert big.csv

    # Several named commands in one results document
    benchgate run --command small='./app convert small.csv' --command big='./app convert big.csv'

    # A/B on the same machine: is the new build slower than the old one?
    benchgate run --ab --runs 30 --command old='./app-v1 convert big.csv' --command new='./app-v2 convert big.csv'

    # A Rust project's criterion benches
    benchgate run --cargo-bench --suite micro -o micro.json -- --bench parse";

const REPORT_ABOUT: &str = "Re-render a saved comparison document in any report format";

const REPORT_EXAMPLES: &str = "\
Examples:
    # A markdown PR comment and an HTML report from a saved comparison
    benchgate report --markdown comment.md --html report.html comparison.json

    # JUnit on stdout
    benchgate report --format junit comparison.json

The exit code is the saved gate's: 0 passed, 1 failed, 2 could not read it.";

const BASELINE_ABOUT: &str = "List, show, save baselines and walk their history";

const BASELINE_LONG_ABOUT: &str = "\
List, show, save baselines and walk their history.

Baselines are baselines/<suite>.json files in your repository (the
directory is set by baseline_dir in benchgate.toml); git is their history.

Examples:
    benchgate baseline list
    benchgate baseline show api
    benchgate baseline list --baseline-ref origin/main
    benchgate baseline save --suite api results.json
    benchgate baseline history api --bench 'http_req_duration*'";

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

/// `benchgate baseline` subcommands.
#[derive(Debug, Subcommand)]
pub enum BaselineCommand {
    /// List the suites that have a baseline.
    List(BaselineListArgs),
    /// Show a suite's baseline as a table (or JSON).
    Show(BaselineShowArgs),
    /// Save results as a suite's baseline (atomic; replaces the old one).
    Save(BaselineSaveArgs),
    /// Show how a suite's judged statistics moved, commit by commit.
    History(BaselineHistoryArgs),
}

/// Where baselines are read from.
#[derive(Debug, Args)]
pub struct BaselineSourceArgs {
    /// benchgate.toml (for baseline_dir; default: ./benchgate.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Read from this git commit-ish instead of the work tree.
    #[arg(long, value_name = "REF")]
    pub baseline_ref: Option<String>,
}

/// Arguments of `benchgate baseline list`.
#[derive(Debug, Args)]
pub struct BaselineListArgs {
    /// Where to read from.
    #[command(flatten)]
    pub source: BaselineSourceArgs,
}

/// Arguments of `benchgate baseline show`.
#[derive(Debug, Args)]
pub struct BaselineShowArgs {
    /// Where to read from.
    #[command(flatten)]
    pub source: BaselineSourceArgs,

    /// Print the baseline document instead of a table.
    #[arg(long)]
    pub json: bool,

    /// The suite.
    pub suite: String,
}

/// Arguments of `benchgate baseline save`.
#[derive(Debug, Args)]
pub struct BaselineSaveArgs {
    /// benchgate.toml (for baseline_dir and max_samples).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The suite (default: the one RESULTS names, else `default`).
    #[arg(long, value_name = "NAME")]
    pub suite: Option<String>,

    /// The results: a benchgate results document or anything `ingest` reads.
    pub results: PathBuf,
}

/// Arguments of `benchgate baseline history`.
#[derive(Debug, Args)]
pub struct BaselineHistoryArgs {
    /// benchgate.toml (for baseline_dir).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Only benchmarks whose id matches (`*` and `?` wildcards).
    #[arg(long, value_name = "ID")]
    pub bench: Option<String>,

    /// Only metrics with this name.
    #[arg(long, value_name = "NAME")]
    pub metric: Option<String>,

    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,

    /// The suite.
    pub suite: String,
}

/// Arguments of `benchgate compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The baseline: a results document or any file `ingest` reads
    /// (default: baselines/<suite>.json).
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

/// Arguments of `benchgate ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// The inputs' format; `auto` detects it from each input's content.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto, value_name = "FMT")]
    pub format: FormatArg,

    /// The suite these results belong to.
    #[arg(long, default_value = "default", value_name = "NAME")]
    pub suite: String,

    /// Write the results document to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Print a table of what was read to standard output (the document still
    /// goes to --output when given).
    #[arg(long)]
    pub table: bool,

    /// k6 NDJSON input.
    #[command(flatten)]
    pub k6: K6Args,

    /// Result files or criterion directories to read.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
}

/// Options for k6 `--out json` NDJSON input.
#[derive(Debug, Args)]
#[command(next_help_heading = "k6 NDJSON input")]
pub struct K6Args {
    /// Tags that split each metric into sub-metrics
    /// (`http_req_duration{name:/api}`), comma-separated.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "name",
        value_name = "TAGS"
    )]
    pub group_by: Vec<String>,

    /// Threads that read one file [default: available cores].
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Count and report malformed lines instead of failing on the first.
    #[arg(long)]
    pub skip_bad_lines: bool,

    /// Extra trend percentiles to compute, comma-separated (`99.9,75`).
    #[arg(long, value_delimiter = ',', value_name = "P")]
    pub percentiles: Vec<f64>,

    /// Windows of the worst-window rates (error-budget burn), comma-separated
    /// (`30s,1m,5m`); each rate metric gets `worst_rate_<W>`.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "1m,5m",
        value_parser = crate::ingest::k6_json::parse_window,
        value_name = "WINDOWS"
    )]
    pub windows: Vec<std::time::Duration>,
}

impl K6Args {
    /// The reader's options.
    pub fn to_options(&self) -> crate::ingest::k6_json::Options {
        let mut options = crate::ingest::k6_json::Options {
            group_by: self
                .group_by
                .iter()
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .collect(),
            skip_bad_lines: self.skip_bad_lines,
            percentiles: self.percentiles.clone(),
            windows: self.windows.clone(),
            ..crate::ingest::k6_json::Options::default()
        };
        if let Some(jobs) = self.jobs {
            options.jobs = jobs.max(1);
        }
        options
    }
}

/// `--format` values: every [`Format`] plus `auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Detect the format from each input's content.
    Auto,
    /// k6 --summary-export JSON.
    K6Summary,
    /// k6 handleSummary() data as JSON.
    K6HandleSummary,
    /// k6 --out json NDJSON (plain or gzip).
    K6Json,
    /// A criterion.rs target/criterion directory.
    Criterion,
    /// cargo-criterion --message-format=json.
    CargoCriterion,
    /// hyperfine --export-json.
    Hyperfine,
    /// Google Benchmark JSON.
    Gbench,
    /// pytest-benchmark JSON.
    PytestBenchmark,
    /// go test -bench text.
    GoTest,
    /// JMH JSON.
    Jmh,
    /// BenchmarkDotNet full JSON.
    #[value(name = "benchmarkdotnet")]
    BenchmarkDotNet,
    /// [{"name", "unit", "value"}] custom JSON.
    Custom,
    /// Artillery JSON report.
    Artillery,
    /// Locust --csv stats file.
    Locust,
    /// A benchgate results document.
    Benchgate,
}

impl FormatArg {
    /// The domain format, or `None` for `auto`.
    pub fn to_format(self) -> Option<Format> {
        Some(match self {
            Self::Auto => return None,
            Self::K6Summary => Format::K6Summary,
            Self::K6HandleSummary => Format::K6HandleSummary,
            Self::K6Json => Format::K6Json,
            Self::Criterion => Format::Criterion,
            Self::CargoCriterion => Format::CargoCriterion,
            Self::Hyperfine => Format::Hyperfine,
            Self::Gbench => Format::Gbench,
            Self::PytestBenchmark => Format::PytestBenchmark,
            Self::GoTest => Format::GoTest,
            Self::Jmh => Format::Jmh,
            Self::BenchmarkDotNet => Format::BenchmarkDotNet,
            Self::Custom => Format::Custom,
            Self::Artillery => Format::Artillery,
            Self::Locust => Format::Locust,
            Self::Benchgate => Format::Benchgate,
        })
    }
}

#[cfg(test)]
mod tests;
