//! What a report may show beside the comparison itself: raw samples for
//! distribution charts, history trends from the baseline store, and where
//! the full report lives. All optional; a report without them is complete,
//! only plainer.

use serde::Serialize;

use crate::model::{Results, Unit};

/// Optional inputs of a report beyond the [`Comparison`](crate::compare::Comparison).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extras {
    /// History of judged statistics, oldest point first (HTML trend charts).
    pub trends: Vec<Trend>,
    /// Raw samples of both sides (HTML distribution charts); entries
    /// without samples get bar charts.
    pub samples: Vec<Samples>,
    /// Where the full report is (a URL such as a CI artifact link), named in
    /// the Markdown comment when rows had to be left out.
    pub full_report: Option<String>,
}

impl Extras {
    /// These extras plus the raw samples of every metric that has them on
    /// either side.
    #[must_use]
    pub fn with_samples(mut self, baseline: &Results, current: &Results) -> Self {
        let mut samples: Vec<Samples> = Vec::new();
        let side = |results: &Results, bench: &str, metric: &str| {
            results
                .benchmark(bench)
                .and_then(|b| b.metric(metric))
                .and_then(|m| m.samples.clone())
                .filter(|s| !s.is_empty())
        };
        let mut seen = std::collections::BTreeSet::new();
        for results in [current, baseline] {
            for bench in &results.benchmarks {
                for metric in &bench.metrics {
                    if !seen.insert((bench.id.clone(), metric.name.clone())) {
                        continue;
                    }
                    let b = side(baseline, &bench.id, &metric.name);
                    let c = side(current, &bench.id, &metric.name);
                    if b.is_some() || c.is_some() {
                        samples.push(Samples {
                            benchmark: bench.id.clone(),
                            metric: metric.name.clone(),
                            baseline: b.unwrap_or_default(),
                            current: c.unwrap_or_default(),
                        });
                    }
                }
            }
        }
        self.samples = samples;
        self
    }
}

/// How one statistic of one benchmark metric moved over the baseline's
/// history (from `baseline history`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    /// Benchmark id.
    pub benchmark: String,
    /// Metric name.
    pub metric: String,
    /// The statistic followed (`median`, `p95` …).
    pub statistic: String,
    /// Unit of the values (the model's: times in nanoseconds).
    pub unit: Unit,
    /// One point per baseline commit, oldest first.
    pub points: Vec<TrendPoint>,
}

/// One commit's value in a [`Trend`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    /// Short commit SHA.
    pub commit: String,
    /// Commit time, seconds since the Unix epoch.
    pub time: i64,
    /// The statistic's value at that commit, in the trend's unit.
    pub value: f64,
}

/// Raw samples of one benchmark metric on both sides, in the metric's unit;
/// an empty side has none.
#[derive(Debug, Clone, PartialEq)]
pub struct Samples {
    /// Benchmark id.
    pub benchmark: String,
    /// Metric name.
    pub metric: String,
    /// The baseline's samples.
    pub baseline: Vec<f64>,
    /// The current run's samples.
    pub current: Vec<f64>,
}
