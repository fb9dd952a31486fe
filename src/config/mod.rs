//! `benchgate.toml`: the suites of a repository and how to judge them.
//!
//! Parsed with the `toml` crate into wire structs, then validated into a
//! [`Config`]; every error names the file, the key and the line. This module
//! reads one file and builds values; it must not run commands, ingest or
//! judge anything.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::compare::{FailOn, Override, Slo, Thresholds};
use crate::ingest::Format;

mod suite;
#[cfg(test)]
mod tests;
mod values;
mod wire;

use suite::{suite_config, thresholds};
pub use values::{parse_percent, parse_slo};
use wire::WireConfig;

/// The file name benchgate looks for.
pub const FILE_NAME: &str = "benchgate.toml";

/// A validated configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The file it was read from (`None`: defaults, no file).
    pub path: Option<PathBuf>,
    /// The directory relative paths are resolved against.
    pub root: PathBuf,
    /// Default tier thresholds.
    pub thresholds: Thresholds,
    /// The default fail level.
    pub fail_on: FailOn,
    /// The baseline directory, relative to `root`.
    pub baseline_dir: PathBuf,
    /// Raw samples kept per metric in a baseline.
    pub max_samples: usize,
    /// When a passing gate refreshes baselines.
    pub refresh: Refresh,
    /// The suites.
    pub suites: Vec<SuiteConfig>,
}

/// When a passing gate refreshes a baseline (with `UPDATE_BASELINES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refresh {
    /// Any passing gate refreshes.
    OnPass,
    /// Only a passing gate with at least one improvement (and no regression)
    /// refreshes, so the baseline only ever gets better.
    OnImprovement,
}

/// One suite.
#[derive(Debug, Clone, PartialEq)]
pub struct SuiteConfig {
    /// Its name (the baseline file is derived from it).
    pub name: String,
    /// Input paths or glob patterns, relative to the config's directory.
    pub inputs: Vec<String>,
    /// The inputs' format (`None`: detect).
    pub format: Option<Format>,
    /// A command (argument list, no shell) that produces the inputs.
    pub command: Option<Vec<String>>,
    /// Thresholds for this suite, if set.
    pub thresholds: Option<Thresholds>,
    /// Per-benchmark/per-metric judging overrides.
    pub overrides: Vec<Override>,
    /// Absolute limits.
    pub slos: Vec<Slo>,
    /// Commands benchgate times itself (`[[suite.bench]]`).
    pub benches: Vec<BenchCommand>,
    /// Measured runs per bench command (`None`: as `benchgate run`).
    pub runs: Option<usize>,
    /// Warm-up runs per bench command.
    pub warmup: usize,
    /// How many times a regression of a bench command is re-measured
    /// before it may fail the gate (0: never re-run).
    pub confirm: usize,
    /// How k6 `--out json` inputs are read (`[suite.k6]`).
    pub k6: crate::ingest::k6_json::Options,
}

/// A command benchgate times itself: `[[suite.bench]] name, command`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchCommand {
    /// The benchmark id.
    pub name: String,
    /// Program and arguments, run as-is (no shell).
    pub command: Vec<String>,
}

/// Why a configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("failed to read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not valid, or a value is out of range.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong, naming the key.
        message: String,
    },
}

impl Config {
    /// The configuration when there is no file: defaults, no suites.
    pub fn defaults(root: PathBuf) -> Self {
        Self {
            path: None,
            root,
            thresholds: Thresholds::default(),
            fail_on: FailOn::Severity(crate::compare::Severity::Critical),
            baseline_dir: PathBuf::from("baselines"),
            max_samples: crate::baseline::thin::DEFAULT_MAX_SAMPLES,
            refresh: Refresh::OnPass,
            suites: Vec::new(),
        }
    }

    /// Reads and validates `path`.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] naming the file, line and key.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Self::parse(&text, path, root)
    }

    /// Parses `text` as the content of `path`.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Invalid`] naming the line and key.
    pub fn parse(text: &str, path: &Path, root: PathBuf) -> Result<Self, ConfigError> {
        let invalid = |span: Option<Range<usize>>, message: String| {
            let (line, column) = span.map_or((1, 1), |s| line_column(text, s.start));
            ConfigError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let wire: WireConfig = toml::from_str(text).map_err(|e| {
            let message = e.message().to_owned();
            invalid(e.span(), message)
        })?;
        let mut config = Self::defaults(root);
        config.path = Some(path.to_path_buf());
        if let Some(fail_on) = &wire.fail_on {
            config.fail_on = FailOn::from_name(fail_on.get_ref()).ok_or_else(|| {
                invalid(
                    Some(fail_on.span()),
                    format!(
                        "fail_on: expected minor, major, critical or never, found {:?}",
                        fail_on.get_ref()
                    ),
                )
            })?;
        }
        if let Some(dir) = wire.baseline_dir {
            config.baseline_dir = PathBuf::from(dir);
        }
        if let Some(max) = &wire.max_samples {
            config.max_samples = usize::try_from(*max.get_ref())
                .ok()
                .filter(|m| *m > 0)
                .ok_or_else(|| {
                    invalid(
                        Some(max.span()),
                        "max_samples: expected a positive whole number".into(),
                    )
                })?;
        }
        if let Some(refresh) = &wire.refresh {
            config.refresh = match refresh.get_ref().as_str() {
                "on-pass" => Refresh::OnPass,
                "on-improvement" => Refresh::OnImprovement,
                other => {
                    return Err(invalid(
                        Some(refresh.span()),
                        format!(
                            "refresh: expected \"on-pass\" or \"on-improvement\", found {other:?}"
                        ),
                    ));
                }
            };
        }
        if let Some(t) = &wire.thresholds {
            config.thresholds = thresholds(t, config.thresholds, "thresholds")
                .map_err(|(s, m)| invalid(Some(s), m))?;
        }
        let mut names: Vec<String> = Vec::new();
        for suite in &wire.suite {
            let name = suite.name.get_ref().trim().to_owned();
            if name.is_empty() {
                return Err(invalid(
                    Some(suite.name.span()),
                    "suite.name: must not be empty".into(),
                ));
            }
            if names.contains(&name) {
                return Err(invalid(
                    Some(suite.name.span()),
                    format!("suite.name: \"{name}\" is defined twice"),
                ));
            }
            names.push(name.clone());
            config.suites.push(
                suite_config(suite, name, config.thresholds)
                    .map_err(|(s, m)| invalid(Some(s), m))?,
            );
        }
        Ok(config)
    }

    /// The suite with this name.
    pub fn suite(&self, name: &str) -> Option<&SuiteConfig> {
        self.suites.iter().find(|s| s.name == name)
    }

    /// The baseline directory, resolved against the config's directory.
    pub fn baseline_path(&self) -> PathBuf {
        self.root.join(&self.baseline_dir)
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    (line, column)
}
