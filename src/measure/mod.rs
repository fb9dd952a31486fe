//! Measure: run commands ourselves and record what every run cost — wall
//! time, user and system CPU time, peak memory — as [`Results`] with raw
//! samples, ready for `compare`.
//!
//! ```text
//!   RunSpec ──▶ run / run_interleaved ──▶ Executor ──▶ one Measurement per run
//!              (warm-up, runs or min-time,  (ProcessExecutor: spawn + wait4;
//!               ABBA order, progress)        FakeExecutor: scripted, for tests)
//!                        │
//!                        └──▶ Results: metrics time · user · system · memory
//! ```
//!
//! Every side effect sits behind [`Executor`]: the runner's logic (how many
//! runs, in which order, what counts as a failure) is tested with
//! [`FakeExecutor`] and is deterministic. [`cargo_bench()`] runs a criterion
//! project's benches and says where their results are; `ingest` reads them.
//!
//! This module runs and times processes. It must not judge, store or render
//! results, and it depends only on `model` (and `ingest`'s summariser, so a
//! summary means the same whichever stage made it). The progress bar is the
//! one thing it draws, and only on a terminal.

mod ab;
mod cargo_bench;
mod clock;
mod error;
mod executor;
mod fake;
mod plan;
mod progress;
mod runner;

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

pub use ab::{build, run_ab, run_interleaved, schedule};
pub use cargo_bench::{CargoBench, cargo_bench};
pub use error::MeasureError;
pub use executor::{Executor, Exit, Measurement, ProcessExecutor};
pub use fake::FakeExecutor;
pub use progress::ProgressBar;
pub use runner::run;

use crate::model::Results;

/// The `tool` of the [`crate::model::Source`] every measured results
/// document names.
pub const SOURCE_TOOL: &str = "benchgate run";

/// With neither `runs` nor `min_time`, every command runs for at least this
/// long (hyperfine's default).
pub const DEFAULT_MIN_TIME: Duration = Duration::from_secs(3);

/// A time-bounded measurement (`min_time`, or the default) still takes at
/// least this many runs, so that `compare` has samples to test (hyperfine's
/// default `--min-runs`).
pub const MIN_RUNS: usize = 10;

/// A time-bounded measurement stops after this many runs even when
/// `min_time` has not passed (a command that takes no measurable time).
pub const MAX_RUNS: usize = 10_000;

/// The shell that runs a [`CommandSpec`] with `shell` set, as `sh -c SCRIPT`.
pub const SHELL: &str = "sh";

/// One command to measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandSpec {
    /// The benchmark id (`--name`, or `NAME=` of `--command NAME=CMD`);
    /// `None` means the arguments joined with spaces (see [`Self::id`]).
    pub name: Option<String>,
    /// The program and its arguments, passed to it exactly as given: never
    /// re-split, never interpreted, any bytes (not only UTF-8). With `shell`,
    /// the words of a shell script instead.
    pub argv: Vec<OsString>,
    /// Run `argv`, joined with spaces, as a script with `sh -c`, so that
    /// pipes, redirections and variables work.
    pub shell: bool,
    /// The working directory of the command; `None` is benchgate's own. A
    /// relative program path is looked up from it (a baseline built in a
    /// worktree of another git ref runs from that worktree).
    pub dir: Option<PathBuf>,
}

impl CommandSpec {
    /// A command run directly, with these arguments (the first is the
    /// program).
    pub fn new<I, S>(argv: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        Self {
            name: None,
            argv: argv.into_iter().map(Into::into).collect(),
            shell: false,
            dir: None,
        }
    }

    /// A shell script run with `sh -c`.
    pub fn shell(script: impl Into<OsString>) -> Self {
        Self {
            shell: true,
            ..Self::new([script])
        }
    }

    /// Names the command: the name becomes its benchmark id.
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Runs the command in `dir`.
    pub fn in_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dir = Some(dir.into());
        self
    }

    /// The benchmark id: the name, or else the arguments joined with spaces
    /// (bytes that are not UTF-8 shown as `�`).
    pub fn id(&self) -> String {
        match &self.name {
            Some(name) => name.clone(),
            None => self.words().to_string_lossy().into_owned(),
        }
    }

    /// The arguments joined with spaces: the script of a shell command.
    pub(crate) fn words(&self) -> OsString {
        let mut words = OsString::new();
        for (i, arg) in self.argv.iter().enumerate() {
            if i > 0 {
                words.push(" ");
            }
            words.push(arg);
        }
        words
    }
}

/// What to measure and how often: the commands, warm-up, the stopping rule
/// and what counts as an error.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSpec {
    /// The suite the results belong to.
    pub suite: String,
    /// The commands, measured one after the other by [`run`], or
    /// alternating by [`run_interleaved`].
    pub commands: Vec<CommandSpec>,
    /// Runs of each command before the measured ones, not recorded (they
    /// warm caches, and fail like measured runs do).
    pub warmup: usize,
    /// Exactly this many measured runs of each command. Excludes
    /// `min_time`.
    pub runs: Option<usize>,
    /// Measure each command until its runs add up to at least this much
    /// wall time, and at least [`MIN_RUNS`] times. With neither `runs` nor
    /// `min_time`, [`DEFAULT_MIN_TIME`].
    pub min_time: Option<Duration>,
    /// Record runs that exit with a non-zero status instead of stopping
    /// with an error. A timeout is an error all the same.
    pub ignore_failure: bool,
    /// Kill a run that takes longer than this, and stop with an error.
    pub timeout: Option<Duration>,
}

impl RunSpec {
    /// A spec for `commands` in `suite` with the defaults: no warm-up, the
    /// default minimum time, failing runs are errors, no timeout.
    pub fn new(suite: impl Into<String>, commands: Vec<CommandSpec>) -> Self {
        Self {
            suite: suite.into(),
            commands,
            warmup: 0,
            runs: None,
            min_time: None,
            ignore_failure: false,
            timeout: None,
        }
    }
}

/// Which runs a progress report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Warm-up runs: executed, not recorded.
    Warmup,
    /// Measured runs.
    Measure,
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Warmup => "warm-up",
            Self::Measure => "measured",
        })
    }
}

/// What the runner tells a progress display. A batch is one command's
/// warm-up or measured runs, or, interleaved, those of all commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress<'a> {
    /// A batch of runs begins.
    Begin {
        /// What is run: a command's id, or the ids joined with ` ⇄ `.
        label: &'a str,
        /// Warm-up or measured runs.
        phase: Phase,
        /// How many runs the batch will take; an estimate when a minimum
        /// time decides.
        total: usize,
    },
    /// One more run of the batch is done.
    Step {
        /// Runs done in this batch.
        done: usize,
        /// The current estimate of the batch's runs.
        total: usize,
    },
    /// The batch is done.
    End,
}

/// A [`Results`] document for `suite` naming benchgate's runner as its
/// source.
fn new_results(suite: &str) -> Results {
    let mut results = Results::new(suite);
    results.sources.push(
        crate::model::Source::tool(SOURCE_TOOL)
            .with_version(Some(env!("CARGO_PKG_VERSION").to_owned())),
    );
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_id_is_the_name_or_the_arguments_joined_with_spaces() {
        let plain = CommandSpec::new(["sleep", "0.1"]);
        assert_eq!(plain.id(), "sleep 0.1");
        assert_eq!(plain.clone().named("nap").id(), "nap");
        use std::os::unix::ffi::OsStringExt;
        let bytes = CommandSpec::new([OsString::from("cat"), OsString::from_vec(vec![b'f', 0xff])]);
        assert_eq!(bytes.id(), "cat f\u{fffd}");
    }
}
