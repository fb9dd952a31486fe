//! The `benchgate` binary: parse the command line, run it, map the outcome
//! to an exit code (see [`benchgate::exit_code`]).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use benchgate::{app, cli::Cli, exit_code};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() {
                exit_code::ERROR
            } else {
                exit_code::SUCCESS
            });
        }
    };
    match app::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(err) if app::is_broken_pipe(&err) => ExitCode::from(exit_code::SUCCESS),
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "error: {err:#}");
            ExitCode::from(exit_code::ERROR)
        }
    }
}
