//! Reading `benchgate.toml`.

use super::*;
use crate::compare::SloOp;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(text, Path::new("benchgate.toml"), PathBuf::from("."))
}

#[test]
fn a_full_file_is_read() {
    let config = parse(
        r#"
fail_on = "major"
baseline_dir = "perf/baselines"
max_samples = 500
refresh = "on-improvement"

[thresholds]
minor = "5%"
major = "15%"
critical = "40%"

[[suite]]
name = "api"
inputs = ["results/*.json"]
format = "k6-summary"
slo = ["http_req_duration p95 < 150ms", "http_req_failed rate < 1%", "checks rate > 99%"]

[suite.k6]
group_by = ["name", "status"]
percentiles = [99.9]
windows = ["30s", "10m"]
skip_bad_lines = true

[[suite.metric]]
benchmark = "http_req_duration*"
statistic = "p(99)"
thresholds = { minor = "20%", major = "30%", critical = "60%" }

[[suite]]
name = "micro"
command = ["cargo", "bench"]
inputs = ["target/criterion"]
"#,
    )
    .unwrap();
    assert_eq!(config.fail_on.as_str(), "major");
    assert_eq!(config.max_samples, 500);
    assert_eq!(config.refresh, Refresh::OnImprovement);
    assert_eq!(config.thresholds.minor, 0.05);
    let api = config.suite("api").unwrap();
    assert_eq!(api.format, Some(Format::K6Summary));
    assert_eq!(api.overrides[0].statistic.as_deref(), Some("p99"));
    assert_eq!(api.overrides[0].thresholds.unwrap().critical, 0.6);
    assert_eq!(api.slos[0].value, 150e6);
    assert_eq!(api.slos[1].value, 0.01);
    assert_eq!(api.slos[2].op, SloOp::Above);
    assert_eq!(api.k6.group_by, ["name", "status"]);
    assert_eq!(api.k6.percentiles, [99.9]);
    let windows: Vec<u64> = api.k6.windows.iter().map(|w| w.as_secs()).collect();
    assert_eq!(windows, [30, 600]);
    assert!(api.k6.skip_bad_lines);
    // A suite without [suite.k6] reads k6 NDJSON as `ingest` does by default.
    let micro = config.suite("micro").unwrap();
    assert_eq!(micro.k6, crate::ingest::k6_json::Options::default());
    assert_eq!(
        config.suite("micro").unwrap().command.as_ref().unwrap()[0],
        "cargo"
    );
    assert_eq!(config.baseline_path(), PathBuf::from("./perf/baselines"));
}

#[test]
fn errors_name_the_key_and_line() {
    let cases = [
        ("fail_on = \"sometimes\"\n", 1, "fail_on"),
        ("\n[thresholds]\nminor = \"ten\"\n", 3, "thresholds.minor"),
        (
            "[thresholds]\nminor = \"30%\"\nmajor = \"20%\"\n",
            1,
            "ascend",
        ),
        (
            "[[suite]]\nname = \"a\"\ninputs = [\"x\"]\nformat = \"xml\"\n",
            4,
            "unknown format",
        ),
        (
            "[[suite]]\nname = \"a\"\ninputs = [\"x\"]\nslo = [\"p95 < 1\"]\n",
            4,
            "suite.slo",
        ),
        ("[[suite]]\nname = \"a\"\n", 2, "inputs"),
        (
            "[[suite]]\nname = \"a\"\ninputs = [\"x\"]\n[suite.k6]\nwindows = [\"1m\", \"5\"]\n",
            5,
            "suite.k6.windows: expected a window such as 30s",
        ),
        (
            "[[suite]]\nname = \"a\"\ninputs = [\"x\"]\n[suite.k6]\npercentiles = [150.0]\n",
            5,
            "suite.k6.percentiles: expected 0 to 100",
        ),
        (
            "[[suite]]\nname = \"a\"\ninputs = [\"x\"]\n[suite.k6]\ngroup = [\"name\"]\n",
            5,
            "group",
        ),
        ("colour = \"red\"\n", 1, "colour"),
        (
            "[[suite]]\nname = \"a\"\ninputs = [\"x\"]\n[[suite]]\nname = \"a\"\ninputs = [\"y\"]\n",
            5,
            "twice",
        ),
    ];
    for (text, line, needle) in cases {
        let err = parse(text).unwrap_err();
        let ConfigError::Invalid {
            line: got,
            ref message,
            ..
        } = err
        else {
            panic!("{err}")
        };
        assert_eq!(got, line, "{text:?}: {message}");
        assert!(err.to_string().contains(needle), "{text:?}: {err}");
        assert!(err.to_string().starts_with("benchgate.toml:"), "{err}");
    }
}

#[test]
fn slo_values_carry_units() {
    assert_eq!(parse_slo("x p95 < 2s").unwrap().value, 2e9);
    assert_eq!(parse_slo("x p(95)<500ms").unwrap().stat, "p95");
    assert_eq!(parse_slo("x mean > 1.5").unwrap().value, 1.5);
    assert!(parse_slo("x p95 < fast").is_err());
    assert!(parse_slo("x p95 = 3").is_err());
}
