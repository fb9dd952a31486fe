//! benchgate stops performance regressions from shipping.
//!
//! It reads what benchmark and load-test tools measured, normalises it into
//! one model, compares it with baselines versioned in the user's own git
//! repository, grades every change, renders reports and gates CI by exit
//! code.
//!
//! ```text
//!   inputs                 normalise              judge                 output
//!   k6, criterion,   ──▶  ingest ──▶ Results ──▶ compare ◀── baseline  ──▶ report · gate
//!   hyperfine, …          (one adapter   (model)    (stats,     (git2)
//!                          per format)               policy)
//! ```
//!
//! Modules, in the order data flows through them:
//!
//! - [`model`] — the normalised types every stage speaks; imports nothing.
//! - [`stats`] — pure statistics on validated samples; imports nothing.
//! - [`ingest`] — one adapter per foreign format, format detection, merging.
//! - [`compare`] — baseline × current → verdicts and the gate; decides once.
//! - [`measure`] — benchgate's own runner: timed runs, interleaved A/B.
//! - [`baseline`] — the git-backed store (the only place that touches git).
//! - [`report`] — renders results and comparisons; decides nothing.
//! - [`config`] — `benchgate.toml`, validated into suites and policy.
//! - [`cli`] — the command line definition (clap), no logic.
//! - [`app`] — one use case per subcommand; the only place stages meet.
//! - [`exit_code`] — the exit codes, part of the public interface.

pub mod app;
pub mod baseline;
pub mod cli;
pub mod compare;
pub mod config;
pub mod exit_code;
pub mod ingest;
pub mod measure;
pub mod model;
pub mod report;
pub mod stats;

/// The cores this process may use (cgroup CPU quotas included), asked once
/// per process: the standard library reads `/proc` and `/sys` every time it
/// is asked, which costs more than reading a small input.
pub fn available_cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from))
}
