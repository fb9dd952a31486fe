//! Shared helpers: the corpus location, expectations on ingested results,
//! and a command builder for the binary.

use std::path::{Path, PathBuf};

use benchgate::ingest::{self, Format};
use benchgate::model::Results;

/// The shared corpus of real tool outputs, when it is present (CI has it at
/// `../shared/corpus`; `BENCHGATE_CORPUS` overrides). Prints a note and
/// returns `None` otherwise, so the caller can skip.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("BENCHGATE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "note: skipping corpus checks: {} does not exist (set BENCHGATE_CORPUS)",
            dir.display()
        );
        None
    }
}

/// The fixture directory of this repository.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// What one real file must ingest to.
pub struct Expect {
    /// Path relative to the corpus root.
    pub file: &'static str,
    /// The format detection must find (and that is then used to parse).
    pub format: Format,
    /// How many benchmarks the results must hold.
    pub benchmarks: usize,
    /// Values that must come out, in the model's unit (times in ns):
    /// (benchmark id, metric name, statistic, expected value).
    pub values: &'static [(&'static str, &'static str, &'static str, f64)],
}

/// Ingests `expect.file` from `root` with detection, checks the detected
/// format, the benchmark count and each value (to 1e-9 relative).
pub fn check(root: &Path, expect: &Expect) -> Results {
    let path = root.join(expect.file);
    let detected = if path.is_dir() {
        Format::Criterion
    } else {
        let text = std::fs::read_to_string(&path).unwrap();
        ingest::detect(&text).unwrap_or_else(|e| panic!("{}: {e:?}", expect.file))
    };
    assert_eq!(detected, expect.format, "{}: detected format", expect.file);
    let results = ingest::load(&path, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        results.benchmarks.len(),
        expect.benchmarks,
        "{}: benchmark count; ids: {:?}",
        expect.file,
        results.benchmarks.iter().map(|b| &b.id).collect::<Vec<_>>()
    );
    for &(id, metric, stat, want) in expect.values {
        let bench = results
            .benchmark(id)
            .unwrap_or_else(|| panic!("{}: no benchmark {id:?}", expect.file));
        let m = bench
            .metric(metric)
            .unwrap_or_else(|| panic!("{}: {id}: no metric {metric:?}", expect.file));
        let got = m
            .summary
            .get(stat)
            .unwrap_or_else(|| panic!("{}: {id}/{metric}: no statistic {stat:?}", expect.file));
        let tolerance = 1e-9 * want.abs().max(1e-300);
        assert!(
            (got - want).abs() <= tolerance,
            "{}: {id}/{metric}/{stat}: got {got}, want {want}",
            expect.file
        );
    }
    results
}

/// A temporary git repository for end-to-end tests of the baseline store
/// (hyperfine `tests/execution_order_tests.rs` style builder). Git and
/// benchgate run with their own empty `HOME`, so the developer's identity
/// and settings never leak in; the repository starts on `main`.
pub struct TestRepo {
    root: std::rc::Rc<tempfile::TempDir>,
    dir: PathBuf,
}

/// Environment variables that would change what git or benchgate do in a
/// test: git's repository overrides and identity, and benchgate's switches.
const CLEARED_ENV: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_CEILING_DIRECTORIES",
    "GIT_AUTHOR_NAME",
    "GIT_AUTHOR_EMAIL",
    "GIT_AUTHOR_DATE",
    "GIT_COMMITTER_NAME",
    "GIT_COMMITTER_EMAIL",
    "GIT_COMMITTER_DATE",
    "EMAIL",
    "UPDATE_BASELINES",
    "PERFORMANCE_THRESHOLD",
    "GITHUB_ACTIONS",
    "BENCHGATE_TEST_FAULT",
    "BENCHGATE_TEST_PAUSE_BEFORE_RENAME_MS",
];

impl TestRepo {
    /// A new repository on `main` whose git config names `Test Author
    /// <author@example.com>`.
    pub fn new() -> Self {
        let repo = Self::without_identity();
        repo.git(&["config", "user.name", "Test Author"]);
        repo.git(&["config", "user.email", "author@example.com"]);
        repo
    }

    /// A new repository with no identity in any git config.
    pub fn without_identity() -> Self {
        let root = tempfile::tempdir().expect("a temporary directory");
        std::fs::create_dir(root.path().join("home")).expect("HOME");
        let dir = root.path().join("repo");
        std::fs::create_dir(&dir).expect("the work tree");
        let repo = Self {
            root: std::rc::Rc::new(root),
            dir,
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo
    }

    /// A shallow clone of this repository (`git clone --depth 1 ARGS…
    /// file://…`), sharing its `HOME`.
    pub fn shallow_clone(&self, args: &[&str]) -> Self {
        let dir = self.root.path().join("clone");
        let url = format!("file://{}", self.dir.display());
        let mut all = vec!["clone", "-q", "--depth", "1"];
        all.extend_from_slice(args);
        all.extend_from_slice(&[url.as_str(), "../clone"]);
        self.git(&all);
        Self {
            root: self.root.clone(),
            dir,
        }
    }

    /// The work tree.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    fn isolate(&self, cmd: &mut std::process::Command) {
        let home = self.root.path().join("home");
        for name in CLEARED_ENV {
            cmd.env_remove(name);
        }
        cmd.current_dir(&self.dir)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", &home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("NO_COLOR", "1");
    }

    /// Runs git in the work tree; panics with its stderr when it fails.
    /// Returns its standard output, trimmed.
    pub fn git(&self, args: &[&str]) -> String {
        let mut cmd = std::process::Command::new("git");
        self.isolate(&mut cmd);
        let out = cmd.args(args).output().expect("git runs");
        assert!(
            out.status.success(),
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .expect("UTF-8 output")
            .trim()
            .to_owned()
    }

    /// Writes `contents` to `rel`, creating its directory.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("a directory");
        std::fs::write(path, contents).expect("writable");
        self
    }

    /// Copies `tests/fixtures/git/NAME` to `rel`.
    pub fn fixture(&self, name: &str, rel: &str) -> &Self {
        let text = std::fs::read(fixtures_dir().join("git").join(name)).expect("a fixture");
        self.write(rel, text)
    }

    /// The bytes of `rel`; panics when it does not exist.
    pub fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Stages everything and commits it; returns the new commit.
    pub fn commit_all(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self.head()
    }

    /// HEAD's full SHA.
    pub fn head(&self) -> String {
        self.git(&["rev-parse", "HEAD"])
    }

    /// The benchgate binary, ready to spawn in the work tree with the
    /// isolated environment.
    pub fn spawnable(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("benchgate"));
        self.isolate(&mut cmd);
        cmd
    }

    /// The benchgate binary as an assert_cmd command in the work tree.
    pub fn benchgate(&self) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.spawnable())
    }
}
