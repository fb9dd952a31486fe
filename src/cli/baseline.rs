//! `benchgate baseline` and its subcommands.

use std::path::PathBuf;

use clap::{Args, Subcommand};

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
