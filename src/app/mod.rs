//! Use cases, one file per subcommand. This is the only module that wires
//! stages together; it adds context to errors (anyhow) and decides where
//! output goes. It must not parse formats, compute statistics or lay out
//! reports itself.

mod baseline;
mod check;
mod compare;
mod history;
mod ingest;
mod manual;
mod provenance;
mod report;
mod reports;
mod run;
mod settings;

use crate::cli::{Cli, Command};
use crate::exit_code;

/// How a command ended when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The command did its job; any gate passed.
    Success,
    /// The gate failed (a regression or an SLO breach).
    GateFailed,
}

impl Outcome {
    /// The process exit code for this outcome.
    pub fn exit_code(self) -> u8 {
        match self {
            Self::Success => exit_code::SUCCESS,
            Self::GateFailed => exit_code::GATE_FAILED,
        }
    }
}

/// Runs a parsed command line.
///
/// # Errors
///
/// Any failure to do the job: the caller prints it and exits with
/// [`exit_code::ERROR`].
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Ingest(args) => ingest::run(&args),
        Command::Compare(args) => compare::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Run(args) => run::run(&args),
        Command::Baseline(command) => baseline::run(&command),
        Command::Completions(args) => manual::completions(&args),
        Command::Man(args) => manual::man(&args),
    }
}

/// Whether `err` is a broken pipe on standard output (`benchgate … | head`),
/// which is a clean exit, not an error.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
