//! Everything benchgate asks of git, through git2. No other file imports
//! git2: the rest of the crate sees paths, bytes and strings.

use std::path::{Path, PathBuf};

use git2::{DiffFindOptions, FileMode, ObjectType, Repository, Signature, Sort, StatusOptions};

use crate::model::GitInfo;

use super::BaselineError;

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

/// One version of a file in the history of the current branch.
#[derive(Debug, Clone)]
pub struct Revision {
    /// The commit (full SHA).
    pub commit: String,
    /// Commit time, seconds since the Unix epoch.
    pub time: i64,
    /// The commit message's first line.
    pub summary: String,
    /// The file's path in that commit (it may have been renamed since).
    pub path: String,
    /// The file's content in that commit.
    pub bytes: Vec<u8>,
}

/// A git repository found from a directory inside its work tree.
pub struct Repo {
    repo: Repository,
    workdir: PathBuf,
}

/// The author or committer (`role` `AUTHOR` / `COMMITTER`) as git itself
/// picks them, which libgit2 does not: `GIT_<role>_NAME` and
/// `GIT_<role>_EMAIL` first (CI jobs set these), then `user.name` and
/// `user.email` from git's config, then `EMAIL`; `benchgate
/// <benchgate@localhost>` for what is still missing.
fn identity(repo: &Repository, role: &str) -> Result<Signature<'static>, git2::Error> {
    let env = |key: String| std::env::var(key).ok().filter(|v| !v.trim().is_empty());
    let config = repo.config().ok();
    let setting = |key: &str| config.as_ref().and_then(|c| c.get_string(key).ok());
    let name = env(format!("GIT_{role}_NAME"))
        .or_else(|| setting("user.name"))
        .unwrap_or_else(|| "benchgate".to_owned());
    let email = env(format!("GIT_{role}_EMAIL"))
        .or_else(|| setting("user.email"))
        .or_else(|| env("EMAIL".to_owned()))
        .unwrap_or_else(|| "benchgate@localhost".to_owned());
    Signature::now(&name, &email)
}

fn git_error(context: impl std::fmt::Display) -> impl FnOnce(git2::Error) -> BaselineError {
    move |e| BaselineError::Git(format!("{context}: {}", e.message()))
}

impl Repo {
    /// The repository whose work tree contains `dir`.
    ///
    /// # Errors
    ///
    /// When `dir` is not inside a git work tree.
    pub fn discover(dir: &Path) -> Result<Self, BaselineError> {
        let repo = Repository::discover(dir).map_err(git_error(format_args!(
            "{} is not inside a git repository",
            dir.display()
        )))?;
        let workdir = repo
            .workdir()
            .ok_or_else(|| {
                BaselineError::Git("the git repository is bare; benchgate needs a work tree".into())
            })?
            .to_path_buf();
        let workdir = workdir.canonicalize().unwrap_or(workdir);
        Ok(Self { repo, workdir })
    }

    /// `path` (absolute, or relative to the current directory) relative to
    /// the work tree's root, with `/` separators, as git names it.
    ///
    /// # Errors
    ///
    /// When `path` is outside the work tree.
    pub fn relative(&self, path: &Path) -> Result<String, BaselineError> {
        let absolute = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir()
                .map_err(|e| BaselineError::Git(format!("cannot read the current directory: {e}")))?
                .join(path)
        };
        let absolute = normalise(&absolute);
        let rel = absolute.strip_prefix(&self.workdir).map_err(|_| {
            BaselineError::Git(format!(
                "{} is outside the git work tree {}",
                path.display(),
                self.workdir.display()
            ))
        })?;
        Ok(rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"))
    }

    /// The content of `rel` (a work-tree-relative path) at commit-ish
    /// `reference` (`main`, `origin/main`, a tag, a SHA, `HEAD~3`), read from
    /// the object database without touching the work tree.
    ///
    /// # Errors
    ///
    /// When `reference` does not resolve (with a hint for shallow clones), or
    /// the file does not exist at it.
    pub fn read_at(&self, reference: &str, rel: &str) -> Result<Vec<u8>, BaselineError> {
        let commit = self.resolve(reference)?;
        let tree = commit.tree().map_err(git_error(format_args!(
            "cannot read the tree of '{reference}'"
        )))?;
        let entry = tree.get_path(Path::new(rel)).map_err(|_| {
            BaselineError::Git(format!(
                "{rel} does not exist at '{reference}' (commit {}); commit a baseline there first, or compare with --baseline FILE",
                short(&commit.id().to_string())
            ))
        })?;
        let object = entry.to_object(&self.repo).map_err(git_error(format_args!(
            "cannot read {rel} at '{reference}'"
        )))?;
        let blob = object
            .as_blob()
            .ok_or_else(|| BaselineError::Git(format!("{rel} at '{reference}' is not a file")))?;
        Ok(blob.content().to_vec())
    }

    /// The files directly in directory `rel_dir` at `reference`: (name, content).
    ///
    /// # Errors
    ///
    /// When `reference` does not resolve.
    pub fn list_at(
        &self,
        reference: &str,
        rel_dir: &str,
    ) -> Result<Vec<(String, Vec<u8>)>, BaselineError> {
        let commit = self.resolve(reference)?;
        let tree = commit.tree().map_err(git_error(format_args!(
            "cannot read the tree of '{reference}'"
        )))?;
        let Ok(entry) = tree.get_path(Path::new(rel_dir)) else {
            return Ok(Vec::new());
        };
        let Ok(object) = entry.to_object(&self.repo) else {
            return Ok(Vec::new());
        };
        let Some(dir) = object.as_tree() else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for item in dir.iter() {
            if item.kind() == Some(ObjectType::Blob)
                && let (Some(name), Ok(obj)) = (item.name(), item.to_object(&self.repo))
                && let Some(blob) = obj.as_blob()
            {
                out.push((name.to_owned(), blob.content().to_vec()));
            }
        }
        Ok(out)
    }

    fn resolve(&self, reference: &str) -> Result<git2::Commit<'_>, BaselineError> {
        let object = match self.repo.revparse_single(reference) {
            Ok(object) => object,
            Err(e) => self.fetched(reference).ok_or_else(|| {
                BaselineError::Git(format!(
                    "git ref '{reference}' was not found ({}); in a shallow CI clone fetch it first, e.g. `git fetch --depth 1 origin main`",
                    e.message()
                ))
            })?,
        };
        object.peel_to_commit().map_err(git_error(format_args!(
            "git ref '{reference}' does not point to a commit"
        )))
    }

    /// `REMOTE/BRANCH` as last fetched into FETCH_HEAD. A `git clone
    /// --depth 1` fetches a single branch, so a later `git fetch --depth 1
    /// origin main` writes FETCH_HEAD but creates no `origin/main`: git
    /// only updates remote-tracking branches its fetch refspec covers.
    fn fetched(&self, reference: &str) -> Option<git2::Object<'_>> {
        let (remote, branch) = reference.split_once('/')?;
        let remote = self.repo.find_remote(remote).ok()?;
        let url = trim_url(remote.url_bytes());
        let wanted = format!("refs/heads/{branch}");
        let mut found = None;
        self.repo
            .fetchhead_foreach(|name, from, oid, _| {
                if found.is_none() && name == wanted && trim_url(from) == url {
                    found = Some(*oid);
                }
                true
            })
            .ok()?;
        self.repo.find_object(found?, None).ok()
    }

    /// Every version of `rel` on the current branch, newest first, following
    /// renames (linear history: the first parent is followed). A commit that
    /// only renames the file is not a new version. In a shallow clone the
    /// history stops at the shallow boundary.
    ///
    /// # Errors
    ///
    /// When HEAD cannot be read.
    pub fn history(&self, rel: &str) -> Result<Vec<Revision>, BaselineError> {
        let mut walk = self
            .repo
            .revwalk()
            .map_err(git_error("cannot walk the history"))?;
        walk.push_head().map_err(git_error("cannot read HEAD"))?;
        walk.simplify_first_parent()
            .map_err(git_error("cannot walk the history"))?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)
            .map_err(git_error("cannot walk the history"))?;
        let mut path = rel.to_owned();
        let mut out = Vec::new();
        for oid in walk {
            let Ok(commit) = oid.and_then(|oid| self.repo.find_commit(oid)) else {
                continue;
            };
            let Ok(tree) = commit.tree() else { continue };
            let Ok(entry) = tree.get_path(Path::new(&path)) else {
                continue;
            };
            let parent_tree = commit.parent(0).ok().and_then(|p| p.tree().ok());
            let parent_entry = parent_tree
                .as_ref()
                .and_then(|t| t.get_path(Path::new(&path)).ok());
            if parent_entry.as_ref().is_some_and(|p| p.id() == entry.id()) {
                continue;
            }
            let renamed = parent_tree
                .as_ref()
                .filter(|_| parent_entry.is_none())
                .and_then(|pt| {
                    let old = self.renamed_from(pt, &tree, &path)?;
                    let same = pt
                        .get_path(Path::new(&old))
                        .is_ok_and(|e| e.id() == entry.id());
                    Some((old, same))
                });
            let moved_only = renamed.as_ref().is_some_and(|(_, same)| *same);
            if let (false, Ok(blob)) = (moved_only, self.repo.find_blob(entry.id())) {
                out.push(Revision {
                    commit: commit.id().to_string(),
                    time: commit.time().seconds(),
                    summary: commit.summary().unwrap_or_default().to_owned(),
                    path: path.clone(),
                    bytes: blob.content().to_vec(),
                });
            }
            if let Some((old, _)) = renamed {
                path = old;
            }
        }
        Ok(out)
    }

    /// The path `path` had in `old` if it was renamed between `old` and `new`.
    fn renamed_from(
        &self,
        old: &git2::Tree<'_>,
        new: &git2::Tree<'_>,
        path: &str,
    ) -> Option<String> {
        let mut diff = self
            .repo
            .diff_tree_to_tree(Some(old), Some(new), None)
            .ok()?;
        let mut find = DiffFindOptions::new();
        find.renames(true);
        diff.find_similar(Some(&mut find)).ok()?;
        diff.deltas().find_map(|delta| {
            let new_path = delta.new_file().path()?.to_str()?;
            (delta.status() == git2::Delta::Renamed && new_path == path)
                .then(|| delta.old_file().path()?.to_str().map(str::to_owned))
                .flatten()
        })
    }

    /// Commits exactly `files` (work-tree-relative path, content) on HEAD,
    /// whatever else is staged: the new tree is HEAD's tree with these files
    /// replaced, so other staged changes stay staged and out of the commit.
    /// The index entries of these files are updated to match. The author is
    /// git's configured identity, or `benchgate <benchgate@localhost>`.
    /// Returns the new commit, or `None` when nothing changed.
    ///
    /// # Errors
    ///
    /// When git cannot write the objects or move HEAD.
    pub fn commit_files(
        &self,
        files: &[(String, Vec<u8>)],
        message: &str,
    ) -> Result<Option<String>, BaselineError> {
        let parent = self.repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let base_tree = match &parent {
            Some(commit) => commit
                .tree()
                .map_err(git_error("cannot read HEAD's tree"))?,
            None => {
                let empty = self
                    .repo
                    .treebuilder(None)
                    .and_then(|b| b.write())
                    .map_err(git_error("cannot create a tree"))?;
                self.repo
                    .find_tree(empty)
                    .map_err(git_error("cannot create a tree"))?
            }
        };
        let mut update = git2::build::TreeUpdateBuilder::new();
        for (path, bytes) in files {
            let blob = self
                .repo
                .blob(bytes)
                .map_err(git_error(format_args!("cannot store {path}")))?;
            update.upsert(path.as_str(), blob, FileMode::Blob);
        }
        let tree_id = update
            .create_updated(&self.repo, &base_tree)
            .map_err(git_error("cannot build the commit's tree"))?;
        if tree_id == base_tree.id() && parent.is_some() {
            return Ok(None);
        }
        let tree = self
            .repo
            .find_tree(tree_id)
            .map_err(git_error("cannot read the new tree"))?;
        let author =
            identity(&self.repo, "AUTHOR").map_err(git_error("cannot make a commit signature"))?;
        let committer = identity(&self.repo, "COMMITTER")
            .map_err(git_error("cannot make a commit signature"))?;
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        let oid = self
            .repo
            .commit(Some("HEAD"), &author, &committer, message, &tree, &parents)
            .map_err(git_error("cannot create the commit"))?;
        let mut index = self
            .repo
            .index()
            .map_err(git_error("cannot open the index"))?;
        for (path, _) in files {
            index
                .add_path(Path::new(path))
                .map_err(git_error(format_args!("cannot stage {path}")))?;
        }
        index.write().map_err(git_error("cannot write the index"))?;
        Ok(Some(oid.to_string()))
    }
}

/// A remote URL as git writes it into FETCH_HEAD: without credentials
/// (`https://user:token@host/…`, as GitLab CI configures its remote), a
/// trailing `/` or `.git`.
fn trim_url(url: &[u8]) -> Vec<u8> {
    let url = url.strip_suffix(b"/").unwrap_or(url);
    let url = url.strip_suffix(b".git").unwrap_or(url);
    let Some(scheme_end) = url.windows(3).position(|w| w == b"://").map(|i| i + 3) else {
        return url.to_vec();
    };
    let rest = &url[scheme_end..];
    let host_end = rest.iter().position(|b| *b == b'/').unwrap_or(rest.len());
    match rest[..host_end].iter().rposition(|b| *b == b'@') {
        Some(at) => [&url[..scheme_end], &rest[at + 1..]].concat(),
        None => url.to_vec(),
    }
}

/// The first 12 characters of a SHA.
pub fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

/// `path` with `.` and `..` resolved lexically, and symlinks resolved where
/// the path exists (so it compares equal to the canonical work tree).
fn normalise(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    if let (Some(parent), Some(name)) = (path.parent(), path.file_name()) {
        return normalise(parent).join(name);
    }
    path.to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_urls_compare_as_fetch_head_writes_them() {
        let fetch_head = trim_url(b"https://gitlab.com/group/app");
        for configured in [
            &b"https://gitlab.com/group/app.git"[..],
            b"https://gitlab-ci-token:secret@gitlab.com/group/app.git",
            b"https://gitlab.com/group/app/",
        ] {
            assert_eq!(trim_url(configured), fetch_head);
        }
        assert_eq!(trim_url(b"git@github.com:o/r.git"), b"git@github.com:o/r");
        assert_eq!(trim_url(b"file:///tmp/a@b/repo"), b"file:///tmp/a@b/repo");
    }
}
