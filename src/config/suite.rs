//! A `[[suite]]` table validated into a [`SuiteConfig`].

use std::ops::Range;

use toml::Spanned;

use super::values::{parse_percent, parse_slo};
use super::wire::{WireK6, WireSuite, WireThresholds};
use super::{BenchCommand, SuiteConfig};
use crate::compare::{Override, Thresholds};
use crate::ingest::{Format, k6_json};
use crate::model::{Direction, Summary};

pub(super) type Invalid = (Range<usize>, String);

pub(super) fn suite_config(
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
    let k6 = suite
        .k6
        .as_ref()
        .map_or_else(|| Ok(k6_json::Options::default()), k6_options)?;
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
        k6,
    })
}

/// `[suite.k6]` → the k6 NDJSON reader's options; unset keys keep
/// `ingest`'s defaults.
fn k6_options(wire: &Spanned<WireK6>) -> Result<k6_json::Options, Invalid> {
    let k6 = wire.get_ref();
    let mut options = k6_json::Options::default();
    if let Some(tags) = &k6.group_by {
        options.group_by = tags
            .iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
    }
    if let Some(percentiles) = &k6.percentiles {
        options.percentiles = percentiles
            .iter()
            .map(|p| {
                let q = *p.get_ref();
                (0.0..=100.0).contains(&q).then_some(q).ok_or_else(|| {
                    (
                        p.span(),
                        format!("suite.k6.percentiles: expected 0 to 100, found {q}"),
                    )
                })
            })
            .collect::<Result<_, _>>()?;
    }
    if let Some(windows) = &k6.windows {
        options.windows = windows
            .iter()
            .map(|w| {
                k6_json::parse_window(w.get_ref())
                    .map_err(|m| (w.span(), format!("suite.k6.windows: {m}")))
            })
            .collect::<Result<_, _>>()?;
    }
    if let Some(skip) = k6.skip_bad_lines {
        options.skip_bad_lines = skip;
    }
    if let Some(jobs) = &k6.jobs {
        options.jobs = usize::try_from(*jobs.get_ref())
            .ok()
            .filter(|j| *j >= 1)
            .ok_or_else(|| {
                (
                    jobs.span(),
                    "suite.k6.jobs: expected a whole number ≥ 1".to_owned(),
                )
            })?;
    }
    Ok(options)
}

pub(super) fn thresholds(
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
