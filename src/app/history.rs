//! A suite's baseline through git history: the judged statistic of each
//! benchmark metric, commit by commit.

use serde::Serialize;

use crate::baseline::{self, DirStore, git::Repo};
use crate::compare::{Policy, policy::default_statistics, policy::wildcard_match};
use crate::config::Config;
use crate::model::{Summary, Unit};
use crate::report::{Trend, TrendPoint};

/// One benchmark metric's judged statistic at one commit.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    /// The commit (full SHA).
    pub commit: String,
    /// Commit time, seconds since the Unix epoch.
    pub time: i64,
    /// The commit's first line.
    pub summary: String,
    /// The baseline file's path in that commit.
    pub path: String,
    /// Benchmark id.
    pub benchmark: String,
    /// Metric name.
    pub metric: String,
    /// The statistic.
    pub statistic: String,
    /// Its unit.
    pub unit: Unit,
    /// Its value.
    pub value: f64,
}

/// Every point of `suite`'s baseline history, newest commit first, filtered
/// by benchmark pattern and metric name.
///
/// # Errors
///
/// When the work tree is not a git repository or history cannot be read.
pub fn points(
    config: &Config,
    suite: &str,
    policy: &Policy,
    bench: Option<&str>,
    metric: Option<&str>,
) -> anyhow::Result<Vec<Point>> {
    let repo = Repo::discover(&config.root)?;
    let rel = repo.relative(&DirStore::new(config.baseline_path()).path(suite))?;
    let mut out = Vec::new();
    for revision in repo.history(&rel)? {
        let Ok(loaded) = baseline::parse(
            revision.bytes.clone(),
            format!("{}:{}", revision.commit, revision.path),
        ) else {
            continue;
        };
        for b in &loaded.results.benchmarks {
            if bench.is_some_and(|p| !wildcard_match(p, &b.id)) {
                continue;
            }
            for m in &b.metrics {
                if metric.is_some_and(|name| name != m.name) {
                    continue;
                }
                let rules = policy.rules_for(&b.id, &m.name);
                let statistic = match rules.statistic {
                    Some(s) => Some(Summary::canonical_name(&s)),
                    None => default_statistics(m.kind)
                        .iter()
                        .find(|s| m.summary.get(s).is_some())
                        .map(|s| (*s).to_owned()),
                };
                let Some(statistic) = statistic else { continue };
                let Some(value) = m.summary.get(&statistic) else {
                    continue;
                };
                out.push(Point {
                    commit: revision.commit.clone(),
                    time: revision.time,
                    summary: revision.summary.clone(),
                    path: revision.path.clone(),
                    benchmark: b.id.clone(),
                    metric: m.name.clone(),
                    statistic,
                    unit: m.unit.clone(),
                    value,
                });
            }
        }
    }
    Ok(out)
}

/// The history as report trends (oldest point first), for metrics with at
/// least two points.
///
/// # Errors
///
/// As [`points`].
pub fn trends(config: &Config, suite: &str, policy: &Policy) -> anyhow::Result<Vec<Trend>> {
    let mut trends: Vec<Trend> = Vec::new();
    for p in points(config, suite, policy, None, None)?.into_iter().rev() {
        let point = TrendPoint {
            commit: baseline::git::short(&p.commit).to_owned(),
            time: p.time,
            value: p.value,
        };
        match trends.iter_mut().find(|t| {
            t.benchmark == p.benchmark && t.metric == p.metric && t.statistic == p.statistic
        }) {
            Some(trend) => trend.points.push(point),
            None => trends.push(Trend {
                benchmark: p.benchmark,
                metric: p.metric,
                statistic: p.statistic,
                unit: p.unit,
                points: vec![point],
            }),
        }
    }
    trends.retain(|t| t.points.len() >= 2);
    Ok(trends)
}
