//! Tests of `cli`.

use super::*;
use crate::ingest::Format;
use clap::CommandFactory;
use clap::error::ErrorKind;

#[test]
fn the_definition_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn every_domain_format_has_a_flag_value_of_the_same_name() {
    for format in Format::ALL {
        let arg = FormatArg::from_str(format.name(), false).expect("value exists");
        assert_eq!(arg.to_format(), Some(format));
    }
}

#[test]
fn command_lines_parse_or_fail_with_the_right_kind() {
    let ok: &[&[&str]] = &[
        &["benchgate", "ingest", "a.json"],
        &[
            "benchgate",
            "ingest",
            "--format",
            "go-test",
            "--suite",
            "s",
            "-o",
            "o.json",
            "a",
            "b",
        ],
        &[
            "benchgate",
            "ingest",
            "--table",
            "--format",
            "benchmarkdotnet",
            "x",
        ],
        &["benchgate", "compare", "cur.json"],
        &[
            "benchgate",
            "compare",
            "--baseline-ref",
            "origin/main",
            "--markdown",
            "c.md",
            "cur.json",
        ],
        &["benchgate", "check"],
        &[
            "benchgate",
            "check",
            "--suite",
            "a",
            "--suite",
            "b",
            "--update-baselines",
            "--commit",
            "--force",
            "--fail-on",
            "major",
            "--html",
            "r.html",
        ],
        &["benchgate", "baseline", "list"],
        &["benchgate", "run", "--runs", "5", "--", "echo", "a b"],
        &[
            "benchgate",
            "run",
            "--ab",
            "--command",
            "a=x",
            "--command",
            "b=y",
        ],
        &["benchgate", "run", "--cargo-bench", "--", "--bench", "x"],
        &[
            "benchgate",
            "report",
            "--format",
            "markdown",
            "--html",
            "r.html",
            "c.json",
        ],
        &["benchgate", "baseline", "show", "api", "--json"],
        &["benchgate", "baseline", "save", "--suite", "api", "r.json"],
        &[
            "benchgate",
            "baseline",
            "history",
            "api",
            "--bench",
            "x*",
            "--metric",
            "time",
        ],
        &[
            "benchgate",
            "compare",
            "--baseline",
            "b.json",
            "--fail-on",
            "never",
            "--format",
            "json",
            "--json",
            "c.json",
            "cur.json",
        ],
    ];
    for args in ok {
        Cli::try_parse_from(*args).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    }
    let bad: &[(&[&str], ErrorKind)] = &[
        (&["benchgate", "ingest"], ErrorKind::MissingRequiredArgument),
        (
            &["benchgate", "ingest", "--format", "xml", "a"],
            ErrorKind::InvalidValue,
        ),
        (&["benchgate", "frobnicate"], ErrorKind::InvalidSubcommand),
        (
            &[
                "benchgate",
                "compare",
                "--baseline",
                "b",
                "--baseline-ref",
                "r",
                "c",
            ],
            ErrorKind::ArgumentConflict,
        ),
        (
            &["benchgate", "baseline", "show"],
            ErrorKind::MissingRequiredArgument,
        ),
        (
            &[
                "benchgate",
                "run",
                "--runs",
                "3",
                "--min-time",
                "1",
                "--",
                "x",
            ],
            ErrorKind::ArgumentConflict,
        ),
        (
            &["benchgate", "run", "--cargo-bench", "--ab"],
            ErrorKind::ArgumentConflict,
        ),
        (
            &["benchgate", "ingest", "--bogus", "a"],
            ErrorKind::UnknownArgument,
        ),
        (
            &["benchgate", "compare"],
            ErrorKind::MissingRequiredArgument,
        ),
        (
            &["benchgate", "compare", "--fail-on", "sometimes", "c"],
            ErrorKind::InvalidValue,
        ),
        (
            &["benchgate", "compare", "--format", "xml", "c"],
            ErrorKind::InvalidValue,
        ),
    ];
    for (args, kind) in bad {
        let err = Cli::try_parse_from(*args).expect_err("must fail");
        assert_eq!(err.kind(), *kind, "{args:?}");
    }
}
