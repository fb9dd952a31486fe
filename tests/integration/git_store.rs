//! The baseline store end to end, on real temporary git repositories: the
//! PR flow, shallow clones, detached HEADs, provenance, refreshing and
//! committing baselines, history across renames, crash safety, concurrent
//! writers, config errors and hostile suite names.
//!
//! Results come from `tests/fixtures/git/` (see its README for what each
//! file is relative to `base.json`).

use std::path::Path;
use std::time::{Duration, Instant};

use predicates::prelude::*;
use serde_json::Value;

use crate::support::TestRepo;

const CONFIG: &str = "[[suite]]\nname = \"micro\"\ninputs = [\"results/bench.json\"]\n";
const BASELINE: &str = "baselines/micro.json";
const RESULTS: &str = "results/bench.json";
const CONFLICT: &str = "changed while this run was comparing against it";

/// A repository whose `main` has the config, `base.json` results and the
/// committed baseline made from them (by benchgate itself).
fn repo_with_baseline() -> TestRepo {
    let repo = TestRepo::new();
    repo.write("benchgate.toml", CONFIG)
        .fixture("base.json", RESULTS);
    repo.commit_all("add the micro benchmarks");
    repo.benchgate()
        .args(["check", "--update-baselines", "--commit"])
        .assert()
        .success();
    assert_eq!(
        repo.git(&["status", "--porcelain"]),
        "",
        "baseline committed"
    );
    repo
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("valid JSON")
}

/// The verdict of `bench`'s metric in a comparison document.
fn verdict(comparison: &Value, bench: &str) -> String {
    comparison["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["benchmark"] == bench)
        .unwrap_or_else(|| panic!("no entry for {bench}: {comparison}"))["verdict"]
        .as_str()
        .expect("a verdict")
        .to_owned()
}

/// The median of `parse` in a baseline document, in ms.
fn parse_median_ms(doc: &Value) -> f64 {
    doc["benchmarks"][0]["metrics"][0]["summary"]["median"]
        .as_f64()
        .expect("a median")
        / 1e6
}

/// Files in `dir` left by a writer (benchgate's temporaries are hidden).
fn hidden_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("a directory")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.starts_with('.'))
        .collect()
}

#[test]
fn pr_flow_compares_a_branch_with_the_baseline_committed_on_main() {
    let repo = repo_with_baseline();
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.fixture("regressed.json", RESULTS);
    repo.git(&["rm", "-q", BASELINE]);
    repo.commit_all("make parsing slower (and drop the baseline on the branch)");

    let out = repo
        .benchgate()
        .args(["check", "--baseline-ref", "main", "--json", "cmp.json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("critical"))
        .get_output()
        .clone();
    let cmp = json(&repo.read("cmp.json"));
    assert_eq!(verdict(&cmp, "parse"), "critical", "{out:?}");
    assert_eq!(verdict(&cmp, "render"), "unchanged");
    assert!(!repo.path().join(BASELINE).exists(), "work tree untouched");

    repo.benchgate()
        .args([
            "compare",
            "--suite",
            "micro",
            "--baseline-ref",
            "main",
            RESULTS,
        ])
        .assert()
        .code(1);
    repo.benchgate()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("no baseline yet"));

    repo.fixture("improved.json", RESULTS);
    repo.benchgate()
        .args(["check", "--baseline-ref", "main", "--json", "cmp.json"])
        .assert()
        .success();
    assert_eq!(verdict(&json(&repo.read("cmp.json")), "parse"), "improved");
}

#[test]
fn shallow_clone_compares_with_the_base_branch_fetched_at_depth_1() {
    let origin = repo_with_baseline();
    origin.git(&["checkout", "-q", "-b", "feature"]);
    origin.fixture("regressed.json", RESULTS);
    origin.commit_all("make parsing slower");
    origin.git(&["checkout", "-q", "main"]);

    let clone = origin.shallow_clone(&["--branch", "feature"]);
    assert_eq!(clone.git(&["rev-parse", "--is-shallow-repository"]), "true");
    clone
        .benchgate()
        .args(["check", "--baseline-ref", "origin/main"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'origin/main'"))
        .stderr(predicate::str::contains("git fetch --depth 1 origin main"));

    clone.git(&["fetch", "-q", "--depth", "1", "origin", "main"]);
    assert!(
        !clone.git(&["branch", "-r"]).contains("origin/main"),
        "a single-branch clone's fetch only writes FETCH_HEAD"
    );
    clone
        .benchgate()
        .args([
            "check",
            "--baseline-ref",
            "origin/main",
            "--json",
            "cmp.json",
        ])
        .assert()
        .code(1);
    assert_eq!(verdict(&json(&clone.read("cmp.json")), "parse"), "critical");
    clone
        .benchgate()
        .args([
            "compare",
            "--suite",
            "micro",
            "--baseline-ref",
            "origin/main",
        ])
        .arg(RESULTS)
        .assert()
        .code(1);
    clone
        .benchgate()
        .args(["baseline", "list", "--baseline-ref", "origin/main"])
        .assert()
        .success()
        .stdout("micro\n");
}

#[test]
fn detached_head_compares_updates_and_commits_without_a_branch() {
    let repo = repo_with_baseline();
    let main = repo.head();
    repo.git(&["checkout", "-q", "--detach"]);
    repo.fixture("improved.json", RESULTS);
    let source = repo.commit_all("faster parsing, on a detached HEAD");

    repo.benchgate()
        .args(["check", "--baseline-ref", "main"])
        .assert()
        .success();
    repo.benchgate()
        .args(["check", "--update-baselines", "--commit"])
        .assert()
        .success();

    let doc = json(&repo.read(BASELINE));
    assert_eq!(doc["git"]["commit"], source.as_str());
    assert!(doc["git"].get("branch").is_none_or(Value::is_null), "{doc}");
    assert_eq!(repo.git(&["rev-parse", "HEAD~1"]), source);
    assert_eq!(repo.git(&["rev-parse", "main"]), main, "main is untouched");
    assert_eq!(
        repo.git(&["rev-parse", "--abbrev-ref", "HEAD"]),
        "HEAD",
        "still detached"
    );
    let message = repo.git(&["log", "-1", "--format=%B"]);
    assert!(
        message.contains(&format!("commit {}", &source[..12])),
        "{message}"
    );
    assert!(!message.contains(" on "), "{message}");
}

#[test]
fn a_missing_ref_or_file_at_a_ref_exits_2_naming_the_ref() {
    let repo = repo_with_baseline();
    for args in [
        &["check", "--baseline-ref", "v9.9"][..],
        &[
            "compare",
            "--suite",
            "micro",
            "--baseline-ref",
            "v9.9",
            RESULTS,
        ],
        &["baseline", "show", "micro", "--baseline-ref", "v9.9"],
        &["baseline", "list", "--baseline-ref", "v9.9"],
    ] {
        repo.benchgate()
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("git ref 'v9.9' was not found"));
    }

    repo.write(
        "benchgate.toml",
        format!("{CONFIG}[[suite]]\nname = \"other\"\ninputs = [\"{RESULTS}\"]\n"),
    );
    repo.commit_all("add a suite without a baseline");
    let main = repo.git(&["rev-parse", "--short=12", "main"]);
    for args in [
        &["check", "--suite", "other", "--baseline-ref", "main"][..],
        &[
            "compare",
            "--suite",
            "other",
            "--baseline-ref",
            "main",
            RESULTS,
        ],
        &["baseline", "show", "other", "--baseline-ref", "main"],
    ] {
        repo.benchgate()
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "baselines/other.json does not exist at 'main'",
            ))
            .stderr(predicate::str::contains(&main));
    }
}

#[test]
fn provenance_records_the_commit_branch_and_a_dirty_tree() {
    let repo = repo_with_baseline();
    repo.fixture("improved.json", RESULTS);
    let clean = repo.commit_all("faster parsing");
    repo.benchgate()
        .args(["check", "--update-baselines", "--commit"])
        .assert()
        .success();
    let doc = json(&repo.read(BASELINE));
    assert_eq!(doc["git"]["commit"], clean.as_str());
    assert_eq!(doc["git"]["branch"], "main");
    assert_eq!(doc["git"]["dirty"], false);

    repo.fixture("faster.json", RESULTS);
    repo.benchgate()
        .args(["check", "--update-baselines", "--commit"])
        .assert()
        .success();
    let doc = json(&repo.read(BASELINE));
    assert_eq!(
        doc["git"]["commit"],
        repo.git(&["rev-parse", "HEAD~1"]).as_str()
    );
    assert_eq!(doc["git"]["dirty"], true);
    let message = repo.git(&["log", "-1", "--format=%B"]);
    assert!(message.contains("(dirty)"), "{message}");
}

#[test]
fn a_passing_gate_updates_with_the_variable_or_the_flag() {
    let repo = repo_with_baseline();
    repo.fixture("improved.json", RESULTS);
    repo.benchgate()
        .arg("check")
        .env("UPDATE_BASELINES", "true")
        .assert()
        .success()
        .stderr(predicate::str::contains("updated ").and(predicate::str::contains(BASELINE)));
    assert!((parse_median_ms(&json(&repo.read(BASELINE))) - 6.0).abs() < 0.1);
    assert_eq!(
        repo.git(&["status", "--porcelain", "baselines"]),
        format!("M {BASELINE}")
    );

    repo.fixture("faster.json", RESULTS);
    repo.benchgate()
        .args(["check", "--update-baselines"])
        .assert()
        .success()
        .stderr(predicate::str::contains("updated "));
    assert!((parse_median_ms(&json(&repo.read(BASELINE))) - 5.0).abs() < 0.1);

    repo.fixture("unchanged.json", RESULTS);
    let before = repo.read(BASELINE);
    repo.benchgate()
        .arg("check")
        .env("UPDATE_BASELINES", "maybe")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("UPDATE_BASELINES"));
    repo.benchgate()
        .arg("check")
        .env("UPDATE_BASELINES", "0")
        .assert()
        .code(1);
    assert_eq!(repo.read(BASELINE), before);
}

#[test]
fn a_failing_gate_refuses_to_update_unless_forced() {
    let repo = repo_with_baseline();
    let before = repo.read(BASELINE);
    repo.fixture("regressed.json", RESULTS);
    repo.benchgate()
        .args(["check", "--update-baselines", "--commit"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not updating"))
        .stderr(predicate::str::contains(
            "the gate failed for suite 'micro'",
        ))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(repo.read(BASELINE), before, "nothing written");
    assert_eq!(
        repo.git(&["log", "--format=%s", "-1"]),
        "benchgate: update baseline for micro"
    );
    assert_eq!(
        hidden_files(&repo.path().join("baselines")),
        Vec::<String>::new()
    );

    repo.benchgate()
        .args(["check", "--force"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--update-baselines"));

    repo.benchgate()
        .args(["check", "--update-baselines", "--force", "--commit"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("forced past a failing gate"));
    assert!((parse_median_ms(&json(&repo.read(BASELINE))) - 25.0).abs() < 0.2);
    let message = repo.git(&["log", "-1", "--format=%B"]);
    assert!(message.contains("failed (forced)"), "{message}");
    assert!(message.contains("1 critical"), "{message}");
}

#[test]
fn the_commit_holds_exactly_the_baseline_files() {
    let repo = repo_with_baseline();
    repo.fixture("improved.json", RESULTS);
    let source = repo.commit_all("faster parsing");
    repo.write("NOTES.md", "staged, not part of the baseline commit\n");
    repo.write("benchgate.toml", format!("# staged edit\n{CONFIG}"));
    repo.git(&["add", "NOTES.md", "benchgate.toml"]);
    repo.write("unstaged.txt", "untracked\n");

    repo.benchgate()
        .args(["check", "--update-baselines", "--commit"])
        .assert()
        .success()
        .stderr(predicate::str::contains("committed "));

    assert_eq!(
        repo.git(&["show", "--name-only", "--format=", "HEAD"]),
        BASELINE
    );
    assert_eq!(repo.git(&["rev-parse", "HEAD~1"]), source);
    assert_eq!(
        repo.git(&["diff", "--cached", "--name-only"]),
        "NOTES.md\nbenchgate.toml",
        "other staged changes stay staged"
    );
    assert_eq!(
        repo.git(&["status", "--porcelain", "baselines"]),
        "",
        "index matches"
    );
    assert_eq!(
        repo.git(&["show", "HEAD:baselines/micro.json"]).as_bytes(),
        repo.read(BASELINE).trim_ascii_end()
    );
    assert_eq!(
        repo.git(&["log", "-1", "--format=%an <%ae>|%cn <%ce>"]),
        "Test Author <author@example.com>|Test Author <author@example.com>"
    );
    let message = repo.git(&["log", "-1", "--format=%B"]);
    assert!(
        message.starts_with("benchgate: update baseline for micro\n"),
        "{message}"
    );
    assert!(
        message.contains(&format!("commit {} on main", &source[..12])),
        "{message}"
    );
    assert!(message.contains("1 improved, 1 unchanged"), "{message}");
}

/// As with `git commit`: `GIT_AUTHOR_*` and `GIT_COMMITTER_*` (what CI
/// jobs set for a bot) win over `user.name` / `user.email`, each on its own.
#[test]
fn the_baseline_commit_takes_its_identity_from_git_s_variables_first() {
    let repo = TestRepo::new();
    repo.write("benchgate.toml", CONFIG)
        .fixture("base.json", RESULTS);
    repo.commit_all("add the micro benchmarks");
    repo.benchgate()
        .env("GIT_AUTHOR_NAME", "Perf Bot")
        .env("GIT_AUTHOR_EMAIL", "perf-bot@example.com")
        .env("GIT_COMMITTER_EMAIL", "ci@example.com")
        .args(["check", "--update-baselines", "--commit"])
        .assert()
        .success();
    assert_eq!(
        repo.git(&["log", "-1", "--format=%an <%ae>|%cn <%ce>"]),
        "Perf Bot <perf-bot@example.com>|Test Author <ci@example.com>"
    );
}

#[test]
fn the_first_commit_falls_back_to_benchgate_as_author_without_identity() {
    if std::fs::read_to_string("/etc/gitconfig").is_ok_and(|t| t.contains("[user")) {
        eprintln!("note: skipping: /etc/gitconfig sets an identity");
        return;
    }
    let repo = TestRepo::without_identity();
    repo.write("benchgate.toml", CONFIG)
        .fixture("base.json", RESULTS);
    repo.git(&["add", "benchgate.toml"]);
    repo.benchgate()
        .args(["check", "--update-baselines", "--commit"])
        .assert()
        .success();
    assert_eq!(
        repo.git(&["log", "--format=%an <%ae>|%cn <%ce>"]),
        "benchgate <benchgate@localhost>|benchgate <benchgate@localhost>",
        "one root commit by the fallback identity"
    );
    assert_eq!(
        repo.git(&["show", "--name-only", "--format=", "HEAD"]),
        BASELINE
    );
    assert_eq!(
        repo.git(&["diff", "--cached", "--name-only"]),
        "benchgate.toml"
    );
    let message = repo.git(&["log", "-1", "--format=%B"]);
    assert!(
        message.contains("measured outside any git commit"),
        "{message}"
    );
    assert!(message.contains("2 new"), "{message}");
}

/// The `parse` points of `benchgate baseline history SUITE --json`:
/// (commit, path, median in ms), newest first.
fn parse_history(repo: &TestRepo, suite: &str) -> Vec<(String, String, f64)> {
    let out = repo
        .benchgate()
        .args(["baseline", "history", suite, "--bench", "parse", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    json(&out)
        .as_array()
        .expect("a list of points")
        .iter()
        .map(|p| {
            (
                p["commit"].as_str().expect("a commit").to_owned(),
                p["path"].as_str().expect("a path").to_owned(),
                (p["value"].as_f64().expect("a value") / 1e5).round() / 10.0,
            )
        })
        .collect()
}

/// Builds three baseline versions (10 ms, 6 ms, then 5 ms after `rename`
/// ran and was committed); returns the commits of the three versions.
fn history_around(repo: &TestRepo, rename: impl FnOnce(&TestRepo)) -> [String; 3] {
    let first = repo.head();
    repo.fixture("improved.json", RESULTS);
    repo.commit_all("faster parsing");
    repo.benchgate()
        .args(["check", "--update-baselines", "--commit"])
        .assert()
        .success();
    let second = repo.head();
    rename(repo);
    repo.commit_all("rename");
    repo.benchgate()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("unchanged"))
        .stdout(predicate::str::contains("no baseline yet").not());
    repo.fixture("faster.json", RESULTS);
    repo.commit_all("even faster parsing");
    repo.benchgate()
        .args(["check", "--update-baselines", "--commit"])
        .assert()
        .success();
    [first, second, repo.head()]
}

#[test]
fn history_follows_a_suite_renamed_with_git_mv() {
    let repo = repo_with_baseline();
    let [first, second, third] = history_around(&repo, |repo| {
        repo.write("benchgate.toml", CONFIG.replace("micro", "parsing"));
        repo.git(&["mv", BASELINE, "baselines/parsing.json"]);
        repo.benchgate()
            .args(["baseline", "list"])
            .assert()
            .success()
            .stdout("parsing\n");
    });
    let old = BASELINE.to_owned();
    let new = "baselines/parsing.json".to_owned();
    assert_eq!(
        parse_history(&repo, "parsing"),
        [
            (third, new, 5.0),
            (second, old.clone(), 6.0),
            (first, old, 10.0)
        ]
    );
    repo.benchgate()
        .args(["baseline", "history", "parsing"])
        .assert()
        .success()
        .stdout(predicate::str::contains("−16.7 %"));
}

#[test]
fn history_follows_a_moved_baseline_dir() {
    let repo = repo_with_baseline();
    let [first, second, third] = history_around(&repo, |repo| {
        std::fs::create_dir(repo.path().join("perf")).unwrap();
        repo.git(&["mv", "baselines", "perf/baselines"]);
        repo.write(
            "benchgate.toml",
            format!("baseline_dir = \"perf/baselines\"\n{CONFIG}"),
        );
    });
    let old = BASELINE.to_owned();
    let new = format!("perf/{BASELINE}");
    assert_eq!(
        parse_history(&repo, "micro"),
        [
            (third, new, 5.0),
            (second, old.clone(), 6.0),
            (first, old, 10.0)
        ]
    );
}

#[test]
fn an_injected_fault_before_the_rename_leaves_the_old_baseline() {
    let repo = repo_with_baseline();
    let before = repo.read(BASELINE);
    repo.fixture("improved.json", RESULTS);
    repo.benchgate()
        .args(["check", "--update-baselines"])
        .env("BENCHGATE_TEST_FAULT", "before-rename")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("injected fault"))
        .stderr(predicate::str::contains(BASELINE));
    assert_eq!(repo.read(BASELINE), before);
    assert_eq!(
        hidden_files(&repo.path().join("baselines")),
        Vec::<String>::new()
    );
    assert_eq!(repo.git(&["status", "--porcelain"]), format!("M {RESULTS}"));
}

#[test]
fn a_writer_killed_before_the_rename_leaves_the_old_baseline() {
    let repo = repo_with_baseline();
    let before = repo.read(BASELINE);
    let dir = repo.path().join("baselines");
    repo.fixture("improved.json", RESULTS);
    let mut child = repo
        .spawnable()
        .args(["check", "--update-baselines"])
        .env("BENCHGATE_TEST_PAUSE_BEFORE_RENAME_MS", "60000")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let temporary = loop {
        let written = hidden_files(&dir).into_iter().find(|name| {
            std::fs::metadata(dir.join(name)).is_ok_and(|m| m.len() as usize > before.len() / 2)
        });
        if let Some(name) = written {
            break name;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    child.kill().unwrap();
    child.wait().unwrap();

    assert_eq!(repo.read(BASELINE), before, "byte-identical after kill -9");
    assert!(
        dir.join(&temporary).exists(),
        "the killed writer left {temporary}"
    );
    repo.benchgate()
        .args(["check", "--update-baselines"])
        .assert()
        .success();
    assert_eq!(
        hidden_files(&dir),
        Vec::<String>::new(),
        "the next writer cleaned up"
    );
    assert!((parse_median_ms(&json(&repo.read(BASELINE))) - 6.0).abs() < 0.1);
}

#[test]
fn concurrent_updates_leave_one_valid_baseline() {
    let repo = repo_with_baseline();
    let dir = repo.path().join("baselines");
    repo.fixture("improved.json", RESULTS);
    let spawn = || {
        repo.spawnable()
            .args(["check", "--update-baselines"])
            .env("BENCHGATE_TEST_PAUSE_BEFORE_RENAME_MS", "300")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let outcomes: Vec<(Option<i32>, String)> = [a, b]
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().unwrap();
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        })
        .collect();
    let mut succeeded = 0;
    for (code, stderr) in &outcomes {
        match code {
            Some(0) => {
                succeeded += 1;
                assert!(stderr.contains("updated "), "{stderr}");
            }
            Some(2) => assert!(stderr.contains(CONFLICT), "{stderr}"),
            other => panic!("unexpected outcome {other:?}: {stderr}"),
        }
    }
    assert!(succeeded >= 1, "{outcomes:?}");
    let doc = json(&repo.read(BASELINE));
    assert_eq!(doc["schema"], "benchgate.results.v1");
    assert!((parse_median_ms(&doc) - 6.0).abs() < 0.1);
    assert_eq!(hidden_files(&dir), Vec::<String>::new());
    repo.benchgate()
        .args(["baseline", "show", "micro"])
        .assert()
        .success();
}

#[test]
fn config_errors_exit_2_naming_the_key_and_line() {
    let repo = TestRepo::new();
    repo.fixture("base.json", RESULTS);
    let cases = [
        (
            "# gate\nfail_on = \"sometimes\"\n",
            "benchgate.toml:2:",
            "fail_on",
        ),
        (
            "[thresholds]\nminor = \"5%\"\nmajor = \"ten\"\n",
            "benchgate.toml:3:",
            "thresholds.major",
        ),
        ("colour = \"red\"\n", "benchgate.toml:1:", "colour"),
        (
            "[[suite]]\nname = \"micro\"\n",
            "benchgate.toml:2:",
            "inputs",
        ),
        (
            "[[suite]]\nname = \"micro\"\ninputs = [\"x\"]\nformat = \"xml\"\n",
            "benchgate.toml:4:",
            "suite.format",
        ),
    ];
    for (text, location, key) in cases {
        repo.write("benchgate.toml", text);
        repo.benchgate()
            .arg("check")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(location))
            .stderr(predicate::str::contains(key));
    }
}

#[test]
fn check_without_a_config_says_what_to_do() {
    let repo = TestRepo::new();
    repo.benchgate()
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no benchgate.toml"))
        .stderr(predicate::str::contains("[[suite]]"));
}

#[test]
fn baseline_list_show_and_save_read_the_work_tree_or_a_ref() {
    let repo = repo_with_baseline();
    repo.fixture("improved.json", "api.json");
    repo.benchgate()
        .args(["baseline", "save", "--suite", "api", "api.json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("created ").and(predicate::str::contains("api.json")));
    repo.benchgate()
        .args(["baseline", "list"])
        .assert()
        .success()
        .stdout("api\nmicro\n");
    repo.benchgate()
        .args(["baseline", "list", "--baseline-ref", "main"])
        .assert()
        .success()
        .stdout("micro\n");
    repo.benchgate()
        .args(["baseline", "show", "api"])
        .assert()
        .success()
        .stdout(predicate::str::contains("from commit").and(predicate::str::contains("parse")));
    let shown = repo
        .benchgate()
        .args([
            "baseline",
            "show",
            "--json",
            "micro",
            "--baseline-ref",
            "main",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(shown, repo.read(BASELINE));

    repo.commit_all("api baseline");
    repo.fixture("faster.json", "api.json");
    repo.benchgate()
        .args(["baseline", "save", "--suite", "api", "api.json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("replaced "));
    let at_head = json(
        &repo
            .benchgate()
            .args([
                "baseline",
                "show",
                "--json",
                "api",
                "--baseline-ref",
                "HEAD",
            ])
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    assert!((parse_median_ms(&at_head) - 6.0).abs() < 0.1);
    assert!((parse_median_ms(&json(&repo.read("baselines/api.json"))) - 5.0).abs() < 0.1);
    repo.benchgate()
        .args(["baseline", "show", "nothing"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no baseline for suite 'nothing'"));
}

#[test]
fn hostile_suite_names_stay_inside_the_baseline_dir() {
    let repo = repo_with_baseline();
    let hostile = [
        "../../escape",
        "..",
        "/tmp/escape",
        "a/../../b",
        ".hidden",
        "x\\..\\y",
    ];
    for name in hostile {
        repo.benchgate()
            .args(["baseline", "save", "--suite", name, RESULTS])
            .assert()
            .success();
    }
    repo.write(
        "benchgate.toml",
        format!("{CONFIG}[[suite]]\nname = \"../outside\"\ninputs = [\"{RESULTS}\"]\n"),
    );
    repo.benchgate()
        .args(["check", "--update-baselines"])
        .assert()
        .success();
    repo.benchgate()
        .args([
            "compare",
            "--suite",
            "../../never",
            "--baseline-ref",
            "main",
            RESULTS,
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist at 'main'"));

    let changed = repo.git(&["ls-files", "--modified", "--others", "--exclude-standard"]);
    for path in changed.lines() {
        let in_dir = path
            .strip_prefix("baselines/")
            .is_some_and(|name| !name.contains('/') && !name.starts_with('.'));
        assert!(
            in_dir || path == "benchgate.toml",
            "{path} written outside baselines/:\n{changed}"
        );
    }
    assert_eq!(changed.lines().count(), hostile.len() + 3, "{changed}");
    let outside = repo.path().parent().unwrap();
    let mut entries: Vec<_> = std::fs::read_dir(outside)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    assert_eq!(entries, ["home", "repo"]);

    let listed = repo
        .benchgate()
        .args(["baseline", "list"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let listed = String::from_utf8(listed).unwrap();
    for name in hostile.iter().chain(&["../outside", "micro"]) {
        assert!(
            listed.lines().any(|l| l == *name),
            "{name} not in:\n{listed}"
        );
        repo.benchgate()
            .args(["baseline", "show", "--json", name])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!(
                "\"suite\": {}",
                serde_json::to_string(name).unwrap()
            )));
    }
}

/// Standard output as a pipe nobody reads any more (`benchgate check | head`
/// after head has exited): every write to it fails with a broken pipe.
fn closed_stdout() -> std::process::Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    writer.into()
}

/// `benchgate check` with `UPDATE_BASELINES=true` and a closed stdout: its
/// exit code and standard error.
fn check_into_closed_stdout(repo: &TestRepo) -> (Option<i32>, String) {
    let out = repo
        .spawnable()
        .arg("check")
        .env("UPDATE_BASELINES", "true")
        .stdout(closed_stdout())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_stdout_changes_neither_the_gate_nor_the_refresh() {
    let repo = repo_with_baseline();
    repo.fixture("improved.json", RESULTS);
    let (code, stderr) = check_into_closed_stdout(&repo);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("updated "), "{stderr}");
    assert!((parse_median_ms(&json(&repo.read(BASELINE))) - 6.0).abs() < 0.1);

    repo.fixture("unchanged.json", RESULTS);
    let before = repo.read(BASELINE);
    let (code, stderr) = check_into_closed_stdout(&repo);
    assert_eq!(code, Some(1), "the gate failure is kept: {stderr}");
    assert!(stderr.contains("not updating"), "{stderr}");
    assert_eq!(repo.read(BASELINE), before);
}
