//! Errors of the measure stage. Every message names the command (its
//! benchmark id) and fits after "failed to …".

use std::path::PathBuf;
use std::process::ExitStatus;
use std::time::Duration;

use super::{Exit, Phase};
use crate::stats::SampleError;

/// Why a measurement could not be made.
#[derive(Debug, thiserror::Error)]
pub enum MeasureError {
    /// The spec cannot be run as given.
    #[error("failed to start measuring: {reason}")]
    InvalidSpec {
        /// What is wrong, and how to fix it.
        reason: String,
    },
    /// The program could not be started (not found, not executable …).
    #[error("failed to start `{command}`: {error}{hint}", hint = spawn_hint(.error, .shell_words))]
    Spawn {
        /// The command's id.
        command: String,
        /// Whether the program's own name holds spaces (a whole command line
        /// passed as one argument) and no shell was asked for.
        shell_words: bool,
        /// What the operating system said (part of the message, not a
        /// separate cause, so `{:#}` does not repeat it).
        error: std::io::Error,
    },
    /// Waiting for a started command failed.
    #[error("failed to wait for `{command}`: {error}")]
    Wait {
        /// The command's id.
        command: String,
        /// What the operating system said (part of the message, not a
        /// separate cause, so `{:#}` does not repeat it).
        error: std::io::Error,
    },
    /// A run exited unsuccessfully and failures are not ignored.
    #[error(
        "failed to run `{command}`: {phase} run {run} ended with {exit} \
         (pass --ignore-failure to measure it anyway)"
    )]
    Failed {
        /// The command's id.
        command: String,
        /// Which run, counting from 1 within its phase.
        run: usize,
        /// Warm-up or measured.
        phase: Phase,
        /// How it ended.
        exit: Exit,
    },
    /// A run took longer than the timeout and was killed.
    #[error(
        "failed to run `{command}`: {phase} run {run} took longer than the {timeout:?} timeout and was killed"
    )]
    Timeout {
        /// The command's id.
        command: String,
        /// Which run, counting from 1 within its phase.
        run: usize,
        /// Warm-up or measured.
        phase: Phase,
        /// The timeout.
        timeout: Duration,
    },
    /// A build command (before an A/B run) failed.
    #[error(
        "failed to build with `{command}`{}: it ended with {exit} (its output above says why)",
        .dir.as_ref().map(|d| format!(" in {}", d.display())).unwrap_or_default()
    )]
    Build {
        /// The build command's id.
        command: String,
        /// Where it ran, when not in benchgate's directory.
        dir: Option<PathBuf>,
        /// How it ended.
        exit: Exit,
    },
    /// The samples could not be summarised (cannot happen with real runs).
    #[error("failed to summarise the runs of `{command}`: {error}")]
    Summary {
        /// The command's id.
        command: String,
        /// The summariser's complaint.
        error: SampleError,
    },
    /// `cargo bench` could not be started.
    #[error("failed to start `cargo bench` in {}: {error}", .dir.display())]
    CargoSpawn {
        /// The directory it was to run in.
        dir: PathBuf,
        /// What the operating system said (part of the message, not a
        /// separate cause, so `{:#}` does not repeat it).
        error: std::io::Error,
    },
    /// `cargo bench` failed.
    #[error("failed to run `cargo bench` in {}: cargo ended with {status} (its output above says why)", .dir.display())]
    CargoFailed {
        /// The directory it ran in.
        dir: PathBuf,
        /// How cargo ended.
        status: ExitStatus,
    },
    /// `cargo bench` succeeded but left no criterion results.
    #[error(
        "failed to find criterion's results: {} is not a directory after `cargo bench` \
         (do the benches use criterion? CRITERION_HOME and CARGO_TARGET_DIR move it)",
        .path.display()
    )]
    NoCriterionResults {
        /// Where they were expected.
        path: PathBuf,
    },
}

fn spawn_hint(error: &std::io::Error, shell_words: &bool) -> &'static str {
    match (error.kind(), shell_words) {
        (std::io::ErrorKind::NotFound, true) => {
            " (the program's name holds spaces: pass the words as separate arguments, or --shell to run it as a shell command)"
        }
        (std::io::ErrorKind::NotFound, false) => " (no such program on PATH)",
        (std::io::ErrorKind::PermissionDenied, _) => " (is it executable?)",
        _ => "",
    }
}
