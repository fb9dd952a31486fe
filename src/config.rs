//! `benchgate.toml`: the suites of a repository and how to judge them.
//!
//! Parsed with the `toml` crate into wire structs, then validated into a
//! [`Config`]; every error names the file, the key and the line. This module
//! reads one file and builds values; it must not run commands, ingest or
//! judge anything.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::compare::{FailOn, Override, Slo, SloOp, Thresholds};
use crate::ingest::Format;
use crate::model::{Direction, Summary, TimeUnit};

/// The file name benchgate looks for.
pub const FILE_NAME: &str = "benchgate.toml";

/// A validated configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The file it was read from (`None`: defaults, no file).
    pub path: Option<PathBuf>,
    /// The directory relative paths are resolved against.
    pub root: PathBuf,
    /// Default tier thresholds.
    pub thresholds: Thresholds,
    /// The default fail level.
    pub fail_on: FailOn,
    /// The baseline directory, relative to `root`.
    pub baseline_dir: PathBuf,
    /// Raw samples kept per metric in a baseline.
    pub max_samples: usize,
    /// When a passing gate refreshes baselines.
    pub refresh: Refresh,
    /// The suites.
    pub suites: Vec<SuiteConfig>,
}

/// When a passing gate refreshes a baseline (with `UPDATE_BASELINES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refresh {
    /// Any passing gate refreshes.
    OnPass,
    /// Only a passing gate with at least one improvement (and no regression)
    /// refreshes, so the baseline only ever gets better.
    OnImprovement,
}

/// One suite.
#[derive(Debug, Clone, PartialEq)]
pub struct SuiteConfig {
    /// Its name (the baseline file is derived from it).
    pub name: String,
    /// Input paths or glob patterns, relative to the config's directory.
    pub inputs: Vec<String>,
    /// The inputs' format (`None`: detect).
    pub format: Option<Format>,
    /// A command (argument list, no shell) that produces the inputs.
    pub command: Option<Vec<String>>,
    /// Thresholds for this suite, if set.
    pub thresholds: Option<Thresholds>,
    /// Per-benchmark/per-metric judging overrides.
    pub overrides: Vec<Override>,
    /// Absolute limits.
    pub slos: Vec<Slo>,
    /// Commands benchgate times itself (`[[suite.bench]]`).
    pub benches: Vec<BenchCommand>,
    /// Measured runs per bench command (`None`: as `benchgate run`).
    pub runs: Option<usize>,
    /// Warm-up runs per bench command.
    pub warmup: usize,
    /// How many times a regression of a bench command is re-measured
    /// before it may fail the gate (0: never re-run).
    pub confirm: usize,
}

/// A command benchgate times itself: `[[suite.bench]] name, command`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchCommand {
    /// The benchmark id.
    pub name: String,
    /// Program and arguments, run as-is (no shell).
    pub command: Vec<String>,
}

/// Why a configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("failed to read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not valid, or a value is out of range.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong, naming the key.
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireConfig {
    fail_on: Option<Spanned<String>>,
    baseline_dir: Option<String>,
    max_samples: Option<Spanned<i64>>,
    refresh: Option<Spanned<String>>,
    thresholds: Option<Spanned<WireThresholds>>,
    #[serde(default)]
    suite: Vec<WireSuite>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireThresholds {
    minor: Option<Spanned<String>>,
    major: Option<Spanned<String>>,
    critical: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireSuite {
    name: Spanned<String>,
    #[serde(default)]
    inputs: Vec<String>,
    format: Option<Spanned<String>>,
    command: Option<Vec<String>>,
    thresholds: Option<Spanned<WireThresholds>>,
    #[serde(default)]
    metric: Vec<WireMetric>,
    #[serde(default)]
    slo: Vec<Spanned<String>>,
    #[serde(default)]
    bench: Vec<WireBench>,
    runs: Option<Spanned<i64>>,
    warmup: Option<Spanned<i64>>,
    confirm: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireBench {
    name: Spanned<String>,
    command: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireMetric {
    benchmark: Option<String>,
    metric: Option<String>,
    statistic: Option<String>,
    direction: Option<Spanned<String>>,
    thresholds: Option<Spanned<WireThresholds>>,
}

impl Config {
    /// The configuration when there is no file: defaults, no suites.
    pub fn defaults(root: PathBuf) -> Self {
        Self {
            path: None,
            root,
            thresholds: Thresholds::default(),
            fail_on: FailOn::Severity(crate::compare::Severity::Critical),
            baseline_dir: PathBuf::from("baselines"),
            max_samples: crate::baseline::thin::DEFAULT_MAX_SAMPLES,
            refresh: Refresh::OnPass,
            suites: Vec::new(),
        }
    }

    /// Reads and validates `path`.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] naming the file, line and key.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Self::parse(&text, path, root)
    }

    /// Parses `text` as the content of `path`.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Invalid`] naming the line and key.
    pub fn parse(text: &str, path: &Path, root: PathBuf) -> Result<Self, ConfigError> {
        let invalid = |span: Option<Range<usize>>, message: String| {
            let (line, column) = span.map_or((1, 1), |s| line_column(text, s.start));
            ConfigError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let wire: WireConfig = toml::from_str(text).map_err(|e| {
            let message = e.message().to_owned();
            invalid(e.span(), message)
        })?;
        let mut config = Self::defaults(root);
        config.path = Some(path.to_path_buf());
        if let Some(fail_on) = &wire.fail_on {
            config.fail_on = FailOn::from_name(fail_on.get_ref()).ok_or_else(|| {
                invalid(
                    Some(fail_on.span()),
                    format!(
                        "fail_on: expected minor, major, critical or never, found {:?}",
                        fail_on.get_ref()
                    ),
                )
            })?;
        }
        if let Some(dir) = wire.baseline_dir {
            config.baseline_dir = PathBuf::from(dir);
        }
        if let Some(max) = &wire.max_samples {
            config.max_samples = usize::try_from(*max.get_ref())
                .ok()
                .filter(|m| *m > 0)
                .ok_or_else(|| {
                    invalid(
                        Some(max.span()),
                        "max_samples: expected a positive whole number".into(),
                    )
                })?;
        }
        if let Some(refresh) = &wire.refresh {
            config.refresh = match refresh.get_ref().as_str() {
                "on-pass" => Refresh::OnPass,
                "on-improvement" => Refresh::OnImprovement,
                other => {
                    return Err(invalid(
                        Some(refresh.span()),
                        format!(
                            "refresh: expected \"on-pass\" or \"on-improvement\", found {other:?}"
                        ),
                    ));
                }
            };
        }
        if let Some(t) = &wire.thresholds {
            config.thresholds = thresholds(t, config.thresholds, "thresholds")
                .map_err(|(s, m)| invalid(Some(s), m))?;
        }
        let mut names: Vec<String> = Vec::new();
        for suite in &wire.suite {
            let name = suite.name.get_ref().trim().to_owned();
            if name.is_empty() {
                return Err(invalid(
                    Some(suite.name.span()),
                    "suite.name: must not be empty".into(),
                ));
            }
            if names.contains(&name) {
                return Err(invalid(
                    Some(suite.name.span()),
                    format!("suite.name: \"{name}\" is defined twice"),
                ));
            }
            names.push(name.clone());
            config.suites.push(
                suite_config(suite, name, config.thresholds)
                    .map_err(|(s, m)| invalid(Some(s), m))?,
            );
        }
        Ok(config)
    }

    /// The suite with this name.
    pub fn suite(&self, name: &str) -> Option<&SuiteConfig> {
        self.suites.iter().find(|s| s.name == name)
    }

    /// The baseline directory, resolved against the config's directory.
    pub fn baseline_path(&self) -> PathBuf {
        self.root.join(&self.baseline_dir)
    }
}

type Invalid = (Range<usize>, String);

fn suite_config(
    suite: &WireSuite,
    name: String,
    defaults: Thresholds,
) -> Result<SuiteConfig, Invalid> {
    let format = match &suite.format {
        None => None,
        Some(f) if f.get_ref() == "auto" => None,
        Some(f) => Some(Format::from_name(f.get_ref()).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            (
                f.span(),
                format!(
                    "suite.format: unknown format {:?}; expected auto or one of {}",
                    f.get_ref(),
                    names.join(", ")
                ),
            )
        })?),
    };
    if suite.inputs.is_empty() && suite.command.is_none() && suite.bench.is_empty() {
        return Err((
            suite.name.span(),
            format!(
                "suite \"{name}\": set `inputs` (paths or globs) to read, or [[suite.bench]] commands to time"
            ),
        ));
    }
    let count = |v: &Option<Spanned<i64>>, key: &str, min: i64| -> Result<Option<usize>, Invalid> {
        v.as_ref()
            .map(|n| {
                usize::try_from(*n.get_ref())
                    .ok()
                    .filter(|x| *x as i64 >= min)
                    .ok_or_else(|| {
                        (
                            n.span(),
                            format!("suite.{key}: expected a whole number ≥ {min}"),
                        )
                    })
            })
            .transpose()
    };
    let runs = count(&suite.runs, "runs", 2)?;
    let warmup = count(&suite.warmup, "warmup", 0)?.unwrap_or(0);
    let confirm = count(&suite.confirm, "confirm", 0)?.unwrap_or(1);
    let mut benches: Vec<BenchCommand> = Vec::new();
    for b in &suite.bench {
        let bench_name = b.name.get_ref().trim().to_owned();
        if bench_name.is_empty() || b.command.is_empty() {
            return Err((
                b.name.span(),
                "suite.bench: needs a non-empty `name` and `command`".to_owned(),
            ));
        }
        if benches.iter().any(|x| x.name == bench_name) {
            return Err((
                b.name.span(),
                format!("suite.bench: \"{bench_name}\" is defined twice"),
            ));
        }
        benches.push(BenchCommand {
            name: bench_name,
            command: b.command.clone(),
        });
    }
    if suite.command.as_ref().is_some_and(Vec::is_empty) {
        return Err((
            suite.name.span(),
            format!("suite \"{name}\": `command` must name a program"),
        ));
    }
    let suite_thresholds = suite
        .thresholds
        .as_ref()
        .map(|t| thresholds(t, defaults, "suite.thresholds"))
        .transpose()?;
    let mut overrides = Vec::new();
    for m in &suite.metric {
        let direction = match &m.direction {
            None => None,
            Some(d) => Some(match d.get_ref().as_str() {
                "lower_is_better" | "lower" => Direction::LowerIsBetter,
                "higher_is_better" | "higher" => Direction::HigherIsBetter,
                other => {
                    return Err((
                        d.span(),
                        format!(
                            "suite.metric.direction: expected lower_is_better or higher_is_better, found {other:?}"
                        ),
                    ));
                }
            }),
        };
        overrides.push(Override {
            benchmark: m.benchmark.clone(),
            metric: m.metric.clone(),
            statistic: m.statistic.as_deref().map(Summary::canonical_name),
            direction,
            thresholds: m
                .thresholds
                .as_ref()
                .map(|t| {
                    thresholds(
                        t,
                        suite_thresholds.unwrap_or(defaults),
                        "suite.metric.thresholds",
                    )
                })
                .transpose()?,
        });
    }
    let slos = suite
        .slo
        .iter()
        .map(|s| parse_slo(s.get_ref()).map_err(|m| (s.span(), format!("suite.slo: {m}"))))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SuiteConfig {
        name,
        inputs: suite.inputs.clone(),
        format,
        command: suite.command.clone(),
        thresholds: suite_thresholds,
        overrides,
        slos,
        benches,
        runs,
        warmup,
        confirm,
    })
}

fn thresholds(
    wire: &Spanned<WireThresholds>,
    base: Thresholds,
    key: &str,
) -> Result<Thresholds, Invalid> {
    let t = wire.get_ref();
    let get = |v: &Option<Spanned<String>>, name: &str, default: f64| -> Result<f64, Invalid> {
        match v {
            None => Ok(default),
            Some(s) => parse_percent(s.get_ref()).ok_or_else(|| {
                (
                    s.span(),
                    format!(
                        "{key}.{name}: expected a percentage such as \"10%\", found {:?}",
                        s.get_ref()
                    ),
                )
            }),
        }
    };
    let minor = get(&t.minor, "minor", base.minor)?;
    let major = get(&t.major, "major", base.major)?;
    let critical = get(&t.critical, "critical", base.critical)?;
    Thresholds::new(minor, major, critical).map_err(|m| (wire.span(), format!("{key}: {m}")))
}

/// `"10%"` (or `"10"`) → 0.10.
pub fn parse_percent(text: &str) -> Option<f64> {
    let number: f64 = text.trim().trim_end_matches('%').trim().parse().ok()?;
    (number.is_finite() && number > 0.0).then_some(number / 100.0)
}

/// Parses `"http_req_duration p95 < 150ms"`. The value may carry a time unit
/// (converted to ns), `%` (a fraction) or none (the metric's own unit).
///
/// # Errors
///
/// A message saying which part is wrong.
pub fn parse_slo(text: &str) -> Result<Slo, String> {
    let expected = "expected \"BENCHMARK STAT < VALUE\" or \"BENCHMARK STAT > VALUE\", e.g. \"http_req_duration p95 < 150ms\"";
    let (left, op, right) = if let Some((l, r)) = text.split_once('<') {
        (l, SloOp::Below, r)
    } else if let Some((l, r)) = text.split_once('>') {
        (l, SloOp::Above, r)
    } else {
        return Err(format!("{expected}, found {text:?}"));
    };
    let mut words = left.split_whitespace();
    let (Some(benchmark), Some(stat), None) = (words.next(), words.next(), words.next()) else {
        return Err(format!("{expected}, found {text:?}"));
    };
    let value = parse_value(right.trim()).ok_or_else(|| {
        format!(
            "cannot read the limit {:?}: expected a number with an optional unit (150ms, 2s, 1%)",
            right.trim()
        )
    })?;
    let symbol = match op {
        SloOp::Below => '<',
        SloOp::Above => '>',
    };
    Ok(Slo {
        benchmark: benchmark.to_owned(),
        stat: Summary::canonical_name(stat),
        op,
        value,
        expression: format!("{stat} {symbol} {}", right.trim()),
    })
}

/// A limit with its unit: `150ms` → 1.5e8 (ns), `1%` → 0.01, `42` → 42.
fn parse_value(text: &str) -> Option<f64> {
    let split = text
        .find(|c: char| {
            !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')
        })
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.trim().parse().ok()?;
    let unit = unit.trim();
    let value = if unit.is_empty() {
        number
    } else if unit == "%" {
        number / 100.0
    } else {
        TimeUnit::parse(unit)?.to_nanos(number)
    };
    value.is_finite().then_some(value)
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
