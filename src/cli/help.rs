//! The long help texts and examples of each subcommand.

pub(super) const ABOUT: &str = "Stops performance regressions from shipping.";

pub(super) const LONG_ABOUT: &str = "\
Stops performance regressions from shipping.

benchgate reads what your benchmark and load-test tools measured (k6,
criterion, hyperfine, Google Benchmark, pytest-benchmark, go test -bench,
JMH, BenchmarkDotNet, or a simple custom JSON), normalises it into one
results document, and gates CI by exit code.

Start by turning any tool's output into a benchgate results document:

    benchgate ingest --suite api k6-summary.json -o results.json

Then judge it against a baseline; the exit code gates CI:

    benchgate compare --baseline baseline.json results.json

Exit codes (stable, scripts may rely on them):
    0  success (the gate passed)
    1  the gate failed (a regression at or above --fail-on, or an SLO breach)
    2  benchgate could not judge (bad input, bad flags, unreadable baseline)";

pub(super) const INGEST_ABOUT: &str =
    "Read benchmark results from any supported tool into one results document";

pub(super) const INGEST_LONG_ABOUT: &str = "\
Read benchmark results from any supported tool into one results document.

Each INPUT is a file (plain or gzip-compressed) or a criterion directory
(`target/criterion`). Its format is detected from its content unless you
name it with --format. Several inputs are merged into one document; times
are converted to nanoseconds. Provenance is recorded: the tool and its
version where the input says, the git commit, branch and dirty flag when run
inside a git work tree, and a fingerprint of this machine.

Formats (--format):
    k6-summary          k6 --summary-export=FILE (before and after v0.30)
    k6-handle-summary   JSON.stringify(data) of k6's handleSummary()
    criterion           a criterion.rs target/criterion directory (0.3 to 0.7)
    cargo-criterion     cargo criterion --message-format=json
    hyperfine           hyperfine --export-json FILE
    gbench              Google Benchmark --benchmark_format=json
    pytest-benchmark    pytest --benchmark-json=FILE
    go-test             go test -bench text output (with -benchmem, -count)
    jmh                 JMH -rf json
    benchmarkdotnet     BenchmarkDotNet's *-report-full.json
    custom              [{\"name\": …, \"unit\": \"ms\", \"value\": …}, …]
    benchgate           a benchgate results document";

pub(super) const INGEST_EXAMPLES: &str = "\
Examples:
    # Detect the format, print the results document
    benchgate ingest hyperfine.json

    # Several tools into one suite, written to a file
    benchgate ingest --suite nightly -o results.json summary.json target/criterion

    # Look at what was read, as a table
    benchgate ingest --table bench.txt

    # Name the format when detection cannot tell
    benchgate ingest --format go-test bench.txt";

pub(super) const COMPARE_ABOUT: &str = "Judge results against a baseline and gate on regressions";

pub(super) const COMPARE_LONG_ABOUT: &str = "\
Judge results against a baseline and gate on regressions.

CURRENT and the baseline are benchgate results documents or anything
`benchgate ingest` reads. Without --baseline, the baseline is
baselines/<suite>.json in the current directory.

Each benchmark metric gets a verdict: improved, unchanged, minor (≥ 10 %
worse), major (≥ 20 %), critical (≥ 50 %), new, missing or inconclusive.
Where both sides have raw samples, a change counts only when a Mann-Whitney
test finds it significant, and it is graded by what its bootstrap confidence
interval supports, not by the point estimate alone: noisy CI machines do not
cry wolf. Rates with counts (k6's http_req_failed, checks) are tested as
proportions. PERFORMANCE_THRESHOLD=N sets the minor threshold to N %.

Exit codes:
    0  the gate passed
    1  a regression at or above --fail-on (default: critical), or a k6
       threshold that failed
    2  could not judge (bad input, missing baseline, bad flags)";

pub(super) const COMPARE_EXAMPLES: &str = "\
Examples:
    # Compare against baselines/default.json, print a table
    benchgate compare results.json

    # Compare two files; fail the build on major regressions too
    benchgate compare --baseline main.json --fail-on major pr.json

    # Machine-readable comparison on stdout and in a file
    benchgate compare --baseline main.json --format json --json comparison.json pr.json

    # Raw tool output works too
    benchgate compare --baseline old-hyperfine.json new-hyperfine.json";

pub(super) const CHECK_ABOUT: &str =
    "Run every suite of benchgate.toml: ingest, compare, report, gate, refresh baselines";

pub(super) const CHECK_LONG_ABOUT: &str = "\
Run every suite of benchgate.toml: ingest, compare, report, gate, refresh baselines.

For each suite: run its `command` (if any), read its `inputs`, compare them
with baselines/<suite>.json (or the file committed at --baseline-ref),
check its SLOs, write the reports and apply the gate.

With UPDATE_BASELINES=true (or --update-baselines), a passing gate writes the
new baseline atomically; --commit records it as a git commit holding only the
baseline files. A failing gate writes nothing unless --force, and says so.

Exit codes: 0 every suite passed; 1 a suite failed its gate; 2 could not judge.";

pub(super) const CHECK_EXAMPLES: &str = "\
Examples:
    # Nightly: judge everything against the committed baselines
    benchgate check --html report.html

    # Pull request: baselines from the base branch, a sticky PR comment
    git fetch --depth 1 origin main
    benchgate check --baseline-ref origin/main --markdown comment.md

    # Refresh baselines after a passing run and commit them
    UPDATE_BASELINES=true benchgate check --commit

A benchgate.toml:

    fail_on = \"critical\"
    [thresholds]
    minor = \"10%\"
    major = \"20%\"
    critical = \"50%\"

    [[suite]]
    name = \"api\"
    inputs = [\"results/k6-summary.json\"]
    slo = [\"http_req_duration p95 < 150ms\", \"http_req_failed rate < 1%\"]";

pub(super) const RUN_ABOUT: &str = "Time commands (or cargo bench) and write a results document";

pub(super) const RUN_LONG_ABOUT: &str = "\
Time commands (or cargo bench) and write a results document.

Each command gets warm-up runs, then measured runs (--runs N, or as many as
fit in --min-time, at least 10). Per run: wall time, user and system CPU
time and peak memory, all kept as raw samples, ready for `compare`. The
command after `--` is run as-is, with no shell unless --shell: arguments are
never re-split. --command NAME=CMD strings are shell command lines.

--ab interleaves a baseline and a candidate run by run on the same machine
(ABBA order), which cancels most of a noisy CI machine's drift, and judges
the candidate round by round (a paired Wilcoxon test; at least 6 rounds):
exit 1 when it regressed at --fail-on level (critical).";

pub(super) const RUN_EXAMPLES: &str = "\
Examples:
    # Time one command, 20 runs
    benchgate run --name convert --runs 20 -o results.json -- ./app convert big.csv

    # Several named commands in one results document
    benchgate run --command small='./app convert small.csv' --command big='./app convert big.csv'

    # A/B on the same machine: is the new build slower than the old one?
    benchgate run --ab --runs 30 --command old='./app-v1 convert big.csv' --command new='./app-v2 convert big.csv'

    # A Rust project's criterion benches
    benchgate run --cargo-bench --suite micro -o micro.json -- --bench parse";

pub(super) const REPORT_ABOUT: &str = "Re-render a saved comparison document in any report format";

pub(super) const REPORT_EXAMPLES: &str = "\
Examples:
    # A markdown PR comment and an HTML report from a saved comparison
    benchgate report --markdown comment.md --html report.html comparison.json

    # JUnit on stdout
    benchgate report --format junit comparison.json

The exit code is the saved gate's: 0 passed, 1 failed, 2 could not read it.";

pub(super) const BASELINE_ABOUT: &str = "List, show, save baselines and walk their history";

pub(super) const BASELINE_LONG_ABOUT: &str = "\
List, show, save baselines and walk their history.

Baselines are baselines/<suite>.json files in your repository (the
directory is set by baseline_dir in benchgate.toml); git is their history.

Examples:
    benchgate baseline list
    benchgate baseline show api
    benchgate baseline list --baseline-ref origin/main
    benchgate baseline save --suite api results.json
    benchgate baseline history api --bench 'http_req_duration*'";

pub(super) const COMPLETIONS_EXAMPLES: &str = "\
Examples:
    benchgate completions bash > ~/.local/share/bash-completion/completions/benchgate
    benchgate completions zsh > ~/.zfunc/_benchgate      # with fpath+=~/.zfunc
    benchgate completions fish > ~/.config/fish/completions/benchgate.fish";

pub(super) const MAN_EXAMPLES: &str = "\
Examples:
    benchgate man > benchgate.1 && man ./benchgate.1
    benchgate man check | man -l -
    benchgate man baseline show > benchgate-baseline-show.1";
