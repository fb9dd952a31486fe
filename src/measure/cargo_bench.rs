//! `benchgate run --cargo-bench`: run a criterion project's benches with
//! `cargo bench`, then say where criterion left its results, for `ingest` to
//! read (`ingest::load(&path, Some(Format::Criterion))`).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Deserialize;

use super::MeasureError;

/// Runs `cargo bench ARGS` in `dir` and returns criterion's output
/// directory (`target/criterion`, or wherever `CRITERION_HOME` or
/// `CARGO_TARGET_DIR` put it). See [`CargoBench`].
///
/// # Errors
///
/// When cargo cannot be started or fails, or no results directory exists
/// afterwards.
pub fn cargo_bench(dir: &Path, args: &[OsString]) -> Result<PathBuf, MeasureError> {
    CargoBench::new(dir).args(args).run()
}

/// A `cargo bench` invocation. Cargo's (and so criterion's) standard output
/// goes to benchgate's standard error, so that benchgate's own standard
/// output stays clean for its results; cargo runs `$CARGO` when set (as
/// under `cargo run`), else `cargo` from `PATH`.
///
/// Criterion's output directory is found the way criterion 0.5 finds it
/// (`Criterion::default`): `CRITERION_HOME`, else `CARGO_TARGET_DIR`, else
/// the target directory `cargo metadata` reports (which follows
/// `.cargo/config.toml` and workspaces), else `target`, joined with
/// `criterion`; relative paths are from `dir`. Criterion does not see
/// `cargo bench --target-dir`, and neither does this.
#[derive(Debug, Clone)]
pub struct CargoBench {
    dir: PathBuf,
    args: Vec<OsString>,
    env: Vec<(OsString, Option<OsString>)>,
}

impl CargoBench {
    /// `cargo bench` in `dir` (a package or workspace root).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    /// Adds arguments after `cargo bench` (`--bench parse`, `-- --quick` …).
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Sets an environment variable for cargo (and for finding its output).
    pub fn env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Self {
        self.env.push((key.into(), Some(value.into())));
        self
    }

    /// Removes an environment variable for cargo (and for finding its
    /// output).
    pub fn env_remove(mut self, key: impl Into<OsString>) -> Self {
        self.env.push((key.into(), None));
        self
    }

    /// Runs it and returns criterion's output directory.
    ///
    /// # Errors
    ///
    /// [`MeasureError::CargoSpawn`], [`MeasureError::CargoFailed`] (cargo's
    /// own output, already shown, says why), or
    /// [`MeasureError::NoCriterionResults`].
    pub fn run(&self) -> Result<PathBuf, MeasureError> {
        let cargo = self.var("CARGO").unwrap_or_else(|| OsString::from("cargo"));
        let mut bench = self.cargo(&cargo);
        bench
            .arg("bench")
            .args(&self.args)
            .stdin(Stdio::null())
            .stdout(std::io::stderr());
        let status = bench.status().map_err(|error| MeasureError::CargoSpawn {
            dir: self.dir.clone(),
            error,
        })?;
        if !status.success() {
            return Err(MeasureError::CargoFailed {
                dir: self.dir.clone(),
                status,
            });
        }
        let path = criterion_dir(
            &self.dir,
            self.var("CRITERION_HOME"),
            self.var("CARGO_TARGET_DIR"),
            || self.metadata_target_dir(&cargo),
        );
        if path.is_dir() {
            Ok(path)
        } else {
            Err(MeasureError::NoCriterionResults { path })
        }
    }

    /// A cargo command in `dir` with this invocation's environment.
    fn cargo(&self, cargo: &OsStr) -> Command {
        let mut command = Command::new(cargo);
        command.current_dir(&self.dir);
        for (key, value) in &self.env {
            match value {
                Some(value) => command.env(key, value),
                None => command.env_remove(key),
            };
        }
        command
    }

    /// An environment variable as cargo sees it; empty counts as unset.
    fn var(&self, key: &str) -> Option<OsString> {
        let value = match self.env.iter().rev().find(|(k, _)| k == key) {
            Some((_, value)) => value.clone(),
            None => std::env::var_os(key),
        };
        value.filter(|v| !v.is_empty())
    }

    /// The target directory `cargo metadata` reports, if it runs.
    fn metadata_target_dir(&self, cargo: &OsStr) -> Option<PathBuf> {
        #[derive(Deserialize)]
        struct Metadata {
            target_directory: PathBuf,
        }
        let output = self
            .cargo(cargo)
            .args(["metadata", "--format-version", "1", "--no-deps"])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        if !output.status.success() {
            return None;
        }
        let metadata: Metadata = serde_json::from_slice(&output.stdout).ok()?;
        Some(metadata.target_directory)
    }
}

/// Criterion's output directory, found as criterion finds it.
fn criterion_dir(
    dir: &Path,
    criterion_home: Option<OsString>,
    cargo_target_dir: Option<OsString>,
    metadata_target_dir: impl FnOnce() -> Option<PathBuf>,
) -> PathBuf {
    if let Some(home) = criterion_home {
        return dir.join(home);
    }
    let target = match cargo_target_dir {
        Some(target) => dir.join(target),
        None => metadata_target_dir().unwrap_or_else(|| dir.join("target")),
    };
    target.join("criterion")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criterion_home_then_cargo_target_dir_then_metadata_then_target() {
        let dir = Path::new("/work/app");
        let none = || None;
        let meta = || Some(PathBuf::from("/work/target"));
        let os = |s: &str| Some(OsString::from(s));
        assert_eq!(
            criterion_dir(dir, os("/results"), os("/t"), meta),
            Path::new("/results")
        );
        assert_eq!(
            criterion_dir(dir, os("out"), None, meta),
            Path::new("/work/app/out")
        );
        assert_eq!(
            criterion_dir(dir, None, os("/tmp/t"), meta),
            Path::new("/tmp/t/criterion")
        );
        assert_eq!(
            criterion_dir(dir, None, os("build"), meta),
            Path::new("/work/app/build/criterion")
        );
        assert_eq!(
            criterion_dir(dir, None, None, meta),
            Path::new("/work/target/criterion")
        );
        assert_eq!(
            criterion_dir(dir, None, None, none),
            Path::new("/work/app/target/criterion")
        );
    }

    #[test]
    fn overrides_win_over_the_environment_and_empty_means_unset() {
        let bench = CargoBench::new("/x")
            .env("CRITERION_HOME", "/a")
            .env("CRITERION_HOME", "")
            .env_remove("CARGO_TARGET_DIR");
        assert_eq!(bench.var("CRITERION_HOME"), None);
        assert_eq!(bench.var("CARGO_TARGET_DIR"), None);
        let bench = bench.env("CARGO_TARGET_DIR", "/t");
        assert_eq!(bench.var("CARGO_TARGET_DIR"), Some(OsString::from("/t")));
    }
}
