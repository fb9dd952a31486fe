//! The work-tree store: `baselines/<suite>.json`, written atomically under
//! a lock.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::{Results, SCHEMA_RESULTS_V1};

use super::{BaselineError, file_name, suite_of};

/// Where baselines come from and go to.
pub trait BaselineStore {
    /// The suite's baseline, `None` when there is none.
    ///
    /// # Errors
    ///
    /// When it exists but cannot be read or is malformed.
    fn load(&self, suite: &str) -> Result<Option<Loaded>, BaselineError>;

    /// The suites that have a baseline, sorted.
    ///
    /// # Errors
    ///
    /// When the store cannot be listed.
    fn list(&self) -> Result<Vec<String>, BaselineError>;

    /// A short description for messages (`baselines/` or `origin/main:baselines/`).
    fn describe(&self) -> String;
}

/// A loaded baseline and the exact bytes it was read from (to detect a
/// concurrent update before overwriting it).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The document.
    pub results: Results,
    /// The bytes it was parsed from.
    pub bytes: Vec<u8>,
    /// Where it came from (a path, or `REF:path`).
    pub origin: String,
}

/// Parses a baseline document read from `origin`.
///
/// # Errors
///
/// [`BaselineError::Malformed`] naming `origin`, the line and column, and the
/// schema found when it is not one this version reads.
pub fn parse(bytes: Vec<u8>, origin: String) -> Result<Loaded, BaselineError> {
    let malformed = |message: String| BaselineError::Malformed {
        origin: origin.clone(),
        message,
    };
    let results: Results = serde_json::from_slice(&bytes).map_err(|e| malformed(e.to_string()))?;
    if results.schema != SCHEMA_RESULTS_V1 {
        return Err(malformed(format!(
            "schema \"{}\" is not one this version of benchgate reads (expected \"{SCHEMA_RESULTS_V1}\")",
            results.schema
        )));
    }
    Ok(Loaded {
        results,
        bytes,
        origin,
    })
}

/// Baselines in a directory of the work tree.
#[derive(Debug, Clone)]
pub struct DirStore {
    dir: PathBuf,
}

/// Environment switch for crash-safety tests: `before-rename` makes a save
/// fail after the temporary file is written and synced, before the rename.
pub const FAULT_ENV: &str = "BENCHGATE_TEST_FAULT";

/// Environment switch for crash-safety tests: milliseconds to pause after the
/// temporary file is written, before the rename (so a test can kill the
/// writer there).
pub const PAUSE_ENV: &str = "BENCHGATE_TEST_PAUSE_BEFORE_RENAME_MS";

impl DirStore {
    /// A store in `dir` (created on first save).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of `suite`'s baseline.
    pub fn path(&self, suite: &str) -> PathBuf {
        self.dir.join(file_name(suite))
    }

    /// Writes `results` as `suite`'s baseline, atomically: the document goes
    /// to a temporary file in the same directory, is synced, then renamed
    /// over the old baseline, so a reader sees the old file or the new one,
    /// never a mix. A lock serialises concurrent writers; stale temporary
    /// files of killed writers are removed under it.
    ///
    /// `expected` is the content the caller compared against (`None`: there
    /// was no baseline). If the file changed since, nothing is written.
    ///
    /// # Errors
    ///
    /// [`BaselineError::Conflict`] when the baseline changed underneath;
    /// [`BaselineError::Io`] naming the file otherwise.
    pub fn save(
        &self,
        suite: &str,
        results: &Results,
        expected: Option<&[u8]>,
    ) -> Result<PathBuf, BaselineError> {
        let io = |action, path: &Path| {
            let path = path.to_path_buf();
            move |source| BaselineError::Io {
                action,
                path,
                source,
            }
        };
        std::fs::create_dir_all(&self.dir).map_err(io("create", &self.dir))?;
        let _lock = DirLock::acquire(&self.dir)?;
        remove_stale_temporaries(&self.dir);
        let path = self.path(suite);
        let now = match std::fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(io("read", &path)(e)),
        };
        if now.as_deref() != expected {
            return Err(BaselineError::Conflict { path });
        }
        let mut tmp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(".tmp")
            .tempfile_in(&self.dir)
            .map_err(io("create a temporary file in", &self.dir))?;
        tmp.write_all(results.to_json_pretty().as_bytes())
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(io("write", tmp.path()))?;
        if let Some(ms) = std::env::var(PAUSE_ENV)
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
        {
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
        if std::env::var(FAULT_ENV).is_ok_and(|v| v == "before-rename") {
            return Err(io("rename into place", &path)(std::io::Error::other(
                "injected fault",
            )));
        }
        tmp.persist(&path)
            .map_err(|e| io("rename into place", &path)(e.error))?;
        sync_dir(&self.dir);
        Ok(path)
    }
}

const TEMP_PREFIX: &str = ".benchgate-";

impl BaselineStore for DirStore {
    fn load(&self, suite: &str) -> Result<Option<Loaded>, BaselineError> {
        let path = self.path(suite);
        match std::fs::read(&path) {
            Ok(bytes) => parse(bytes, path.display().to_string()).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(BaselineError::Io {
                action: "read",
                path,
                source,
            }),
        }
    }

    fn list(&self) -> Result<Vec<String>, BaselineError> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(BaselineError::Io {
                    action: "list",
                    path: self.dir.clone(),
                    source,
                });
            }
        };
        let mut suites = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let is_json = path.extension().is_some_and(|e| e == "json");
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if is_json
                && !hidden
                && let Ok(Some(loaded)) =
                    std::fs::read(&path).map(|bytes| parse(bytes, path.display().to_string()).ok())
            {
                let file = entry.file_name();
                suites.push(suite_of(&file.to_string_lossy(), &loaded.results.suite));
            }
        }
        suites.sort();
        Ok(suites)
    }

    fn describe(&self) -> String {
        format!("{}/", self.dir.display())
    }
}

/// An exclusive lock on the baseline directory, released on drop. On Unix
/// the directory itself is locked (no lock file to clean up or commit);
/// elsewhere a `.benchgate.lock` file in it.
struct DirLock {
    _file: File,
}

impl DirLock {
    fn acquire(dir: &Path) -> Result<Self, BaselineError> {
        let target = if cfg!(unix) {
            dir.to_path_buf()
        } else {
            dir.join(".benchgate.lock")
        };
        let file = if cfg!(unix) {
            File::open(&target)
        } else {
            File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&target)
        };
        let io = |source| BaselineError::Io {
            action: "lock",
            path: target.clone(),
            source,
        };
        let file = file.map_err(io)?;
        file.lock().map_err(io)?;
        Ok(Self { _file: file })
    }
}

/// Removes temporary files left by writers that were killed before their
/// rename. Called under the lock, so no live writer's file is touched.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMP_PREFIX) && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Makes the rename durable (Unix); best effort.
fn sync_dir(dir: &Path) {
    if cfg!(unix)
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}
