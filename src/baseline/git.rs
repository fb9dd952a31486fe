//! Everything benchgate asks of git, through git2. No other file imports
//! git2.

use std::path::Path;

use git2::{Repository, StatusOptions};

use crate::model::GitInfo;

/// The git state of the work tree containing `dir`: HEAD's commit, the
/// branch (absent on a detached HEAD) and whether tracked files have
/// uncommitted changes. `None` outside a git work tree or before the first
/// commit.
pub fn work_tree_state(dir: &Path) -> Option<GitInfo> {
    let repo = Repository::discover(dir).ok()?;
    let head = repo.head().ok()?;
    let commit = head.peel_to_commit().ok()?.id().to_string();
    let branch = head
        .is_branch()
        .then(|| head.shorthand().map(str::to_owned))
        .flatten();
    let mut options = StatusOptions::new();
    options.include_untracked(false).include_ignored(false);
    let dirty = repo
        .statuses(Some(&mut options))
        .map(|statuses| !statuses.is_empty())
        .unwrap_or(false);
    Some(GitInfo {
        commit,
        branch,
        dirty,
    })
}
