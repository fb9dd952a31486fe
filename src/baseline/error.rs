//! Errors of the baseline store. Each names the file or ref concerned.

use std::path::PathBuf;

/// Why a baseline could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// A file could not be read or written.
    #[error("failed to {action} {}: {source}", path.display())]
    Io {
        /// What was being done (`read`, `write`, `lock`, `rename into place`).
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A baseline file is not a valid results document.
    #[error("{origin}: {message}")]
    Malformed {
        /// The file, or `REF:path` for a baseline read from git.
        origin: String,
        /// What is wrong, with line and column where known.
        message: String,
    },
    /// The baseline was changed by someone else while this run compared
    /// against it; writing now would silently overwrite their update.
    #[error(
        "{} changed while this run was comparing against it (another update ran concurrently); not overwriting it — re-run to compare against the new baseline",
        path.display()
    )]
    Conflict {
        /// The baseline file.
        path: PathBuf,
    },
    /// A git operation failed.
    #[error("{0}")]
    Git(String),
    /// The store cannot be written (a baseline read from a git ref).
    #[error("baselines read from git ref '{reference}' are read-only")]
    ReadOnly {
        /// The ref.
        reference: String,
    },
}
