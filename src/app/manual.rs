//! `benchgate completions` and `benchgate man`: generated from the same
//! clap definition the parser uses, so they cannot drift from it.

use std::io::Write;

use anyhow::{Context, bail};
use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};

use super::Outcome;

/// Writes the completion script for `args.shell` to standard output.
pub fn completions(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "benchgate", &mut script);
    write_out(&script)?;
    Ok(Outcome::Success)
}

/// Writes the manual page of benchgate, or of the subcommand named by
/// `args.subcommand` (`benchgate-baseline-show(1)`), to standard output.
pub fn man(args: &ManArgs) -> anyhow::Result<Outcome> {
    let mut command = Cli::command();
    command.build();
    let mut name = "benchgate".to_owned();
    for word in &args.subcommand {
        let Some(sub) = command.find_subcommand(word) else {
            let shown = name.replace('-', " ");
            let known: Vec<String> = command
                .get_subcommands()
                .filter(|c| c.get_name() != "help")
                .map(|c| c.get_name().to_owned())
                .collect();
            if known.is_empty() {
                bail!("`{shown}` has no subcommands, so no page for `{word}`");
            }
            bail!(
                "`{shown}` has no subcommand `{word}`; its subcommands are: {}",
                known.join(", ")
            );
        };
        name = format!("{name}-{}", sub.get_name());
        command = sub.clone();
    }
    let command = command.name(name.clone()).bin_name(name.replace('-', " "));
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .with_context(|| format!("failed to render the manual page of {name}"))?;
    write_out(&page)?;
    Ok(Outcome::Success)
}

fn write_out(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .context("failed to write to standard output")
}
