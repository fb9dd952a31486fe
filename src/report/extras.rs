//! What a report may show beside the comparison itself: raw samples for
//! distribution charts, history trends from the baseline store, and where
//! the full report lives. All optional; a report without them is complete,
//! only plainer.

use std::collections::HashMap;

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
    /// either side (current order first, then what only the baseline has).
    #[must_use]
    pub fn with_samples(mut self, baseline: &Results, current: &Results) -> Self {
        let index = |results: &Results| -> HashMap<(String, String), Vec<f64>> {
            results
                .benchmarks
                .iter()
                .flat_map(|b| {
                    b.metrics.iter().filter_map(|m| {
                        let samples = m.samples.clone().filter(|s| !s.is_empty())?;
                        Some(((b.id.clone(), m.name.clone()), samples))
                    })
                })
                .collect()
        };
        let mut base = index(baseline);
        let mut cur = index(current);
        let mut samples = Vec::new();
        for results in [current, baseline] {
            for bench in &results.benchmarks {
                for metric in &bench.metrics {
                    let key = (bench.id.clone(), metric.name.clone());
                    let (b, c) = (base.remove(&key), cur.remove(&key));
                    if b.is_some() || c.is_some() {
                        samples.push(Samples {
                            benchmark: key.0,
                            metric: key.1,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Benchmark, Metric, Summary};

    fn results(metrics: &[(&str, Option<Vec<f64>>)]) -> Results {
        let mut r = Results::new("s");
        r.benchmarks = metrics
            .iter()
            .map(|(id, samples)| {
                let mut m = Metric::new("time", Unit::Nanoseconds, Summary::default());
                m.samples.clone_from(samples);
                Benchmark::new(*id, vec![m])
            })
            .collect();
        r
    }

    #[test]
    fn samples_are_paired_by_benchmark_and_metric() {
        let baseline = results(&[("a", Some(vec![1.0, 2.0])), ("gone", Some(vec![3.0]))]);
        let current = results(&[("a", Some(vec![4.0])), ("b", None), ("c", Some(vec![5.0]))]);
        let extras = Extras::default().with_samples(&baseline, &current);
        let got: Vec<(&str, usize, usize)> = extras
            .samples
            .iter()
            .map(|s| (s.benchmark.as_str(), s.baseline.len(), s.current.len()))
            .collect();
        assert_eq!(got, [("a", 2, 1), ("c", 0, 1), ("gone", 1, 0)]);
    }
}
