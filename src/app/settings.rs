//! Settings every judging command shares: the config file, the policy, and
//! where baselines come from.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::baseline::{self, BaselineStore, DirStore, Loaded, git::Repo};
use crate::cli::FailOnArg;
use crate::compare::Policy;
use crate::config::{self, Config, SuiteConfig};

/// The config at `path`, or `./benchgate.toml` when it exists, or the
/// defaults.
pub fn load_config(path: Option<&Path>) -> anyhow::Result<Config> {
    if let Some(path) = path {
        return Ok(Config::load(path)?);
    }
    let default = Path::new(config::FILE_NAME);
    if default.is_file() {
        return Ok(Config::load(default)?);
    }
    Ok(Config::defaults(PathBuf::from(".")))
}

/// The judging policy for `suite` under `config`, with `--fail-on` and
/// `PERFORMANCE_THRESHOLD` applied on top.
pub fn policy(
    config: &Config,
    suite: Option<&SuiteConfig>,
    fail_on: Option<FailOnArg>,
) -> anyhow::Result<Policy> {
    let mut policy = Policy {
        thresholds: suite
            .and_then(|s| s.thresholds)
            .unwrap_or(config.thresholds),
        fail_on: fail_on.map_or(config.fail_on, FailOnArg::to_fail_on),
        overrides: suite.map(|s| s.overrides.clone()).unwrap_or_default(),
        slos: suite.map(|s| s.slos.clone()).unwrap_or_default(),
        ..Policy::default()
    };
    if let Some(minor) = performance_threshold()? {
        policy.thresholds = policy.thresholds.with_minor(minor);
    }
    Ok(policy)
}

/// `PERFORMANCE_THRESHOLD=N` (percent, `%` optional) as a fraction.
fn performance_threshold() -> anyhow::Result<Option<f64>> {
    let Some(raw) = std::env::var_os("PERFORMANCE_THRESHOLD") else {
        return Ok(None);
    };
    let raw = raw.to_string_lossy();
    match config::parse_percent(&raw) {
        Some(fraction) => Ok(Some(fraction)),
        None => bail!(
            "PERFORMANCE_THRESHOLD must be a positive percentage such as 10 or 7.5%, found {raw:?}"
        ),
    }
}

/// Whether `UPDATE_BASELINES` asks for an update.
pub fn update_requested_by_env() -> anyhow::Result<bool> {
    let Some(raw) = std::env::var_os("UPDATE_BASELINES") else {
        return Ok(false);
    };
    match raw.to_string_lossy().trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" | "" => Ok(false),
        other => bail!("UPDATE_BASELINES must be true or 1 (or false or 0), found {other:?}"),
    }
}

/// Where a suite's baseline is read from.
pub enum BaselineSource<'a> {
    /// `baselines/<suite>.json` in the work tree.
    WorkTree(&'a Config),
    /// The same file at a git commit-ish.
    Ref(&'a Config, &'a str),
}

impl BaselineSource<'_> {
    /// The suite's baseline; `Ok(None)` when the work tree has none.
    ///
    /// # Errors
    ///
    /// When the file is malformed, or (for a ref) the ref or the file at the
    /// ref is missing — a PR must not silently compare against nothing.
    pub fn load(&self, suite: &str) -> anyhow::Result<Option<Loaded>> {
        match self {
            Self::WorkTree(config) => Ok(DirStore::new(config.baseline_path()).load(suite)?),
            Self::Ref(config, reference) => {
                let dir = config.baseline_path();
                let repo = Repo::discover(&config.root)?;
                let rel = repo.relative(&dir.join(baseline::file_name(suite)))?;
                let bytes = repo.read_at(reference, &rel)?;
                Ok(Some(baseline::parse(bytes, format!("{reference}:{rel}"))?))
            }
        }
    }

    /// The suites that have a baseline here.
    pub fn list(&self) -> anyhow::Result<Vec<String>> {
        match self {
            Self::WorkTree(config) => Ok(DirStore::new(config.baseline_path()).list()?),
            Self::Ref(config, reference) => {
                let repo = Repo::discover(&config.root)?;
                let rel = repo.relative(&config.baseline_path())?;
                let mut suites: Vec<String> = repo
                    .list_at(reference, &rel)?
                    .into_iter()
                    .filter(|(name, _)| name.ends_with(".json") && !name.starts_with('.'))
                    .filter_map(|(name, bytes)| {
                        let loaded = baseline::parse(bytes, name.clone()).ok()?;
                        Some(baseline::suite_of(&name, &loaded.results.suite))
                    })
                    .collect();
                suites.sort();
                Ok(suites)
            }
        }
    }
}

/// The bytes of the work tree's current baseline of `suite` (for the
/// update's concurrent-change check).
pub fn current_bytes(config: &Config, suite: &str) -> anyhow::Result<Option<Vec<u8>>> {
    let path = DirStore::new(config.baseline_path()).path(suite);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("failed to read {}", path.display())),
    }
}
