//! One measured quantity of a benchmark.

use serde::{Deserialize, Serialize};

use super::{Summary, Unit};

/// Whether smaller or larger values are better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Times, memory, error rates: smaller is better.
    LowerIsBetter,
    /// Throughput, pass rates: larger is better.
    HigherIsBetter,
}

impl Direction {
    /// The direction a metric of this unit and name most likely has: rates
    /// per second and names that say so (`throughput`, `ops`, `checks`,
    /// `success`) are higher-is-better, everything else lower-is-better.
    pub fn infer(unit: &Unit, name: &str) -> Self {
        let name = name.to_ascii_lowercase();
        let higher_unit = matches!(unit, Unit::OpsPerSecond | Unit::BytesPerSecond)
            || unit.as_str().ends_with("/s");
        let higher_name = name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| HIGHER_WORDS.contains(&word));
        if higher_unit || higher_name {
            Self::HigherIsBetter
        } else {
            Self::LowerIsBetter
        }
    }
}

/// Name words that mean larger is better (matched as whole words, so
/// `packet_drops` is not `ops`).
const HIGHER_WORDS: [&str; 8] = [
    "throughput",
    "ops",
    "checks",
    "success",
    "successes",
    "passed",
    "hits",
    "speed",
];

/// What kind of quantity a metric is; it decides which statistic is judged by
/// default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// Repeated measurements of one quantity (a micro-benchmark's time per
    /// iteration, a command's wall time): judged by the median.
    #[default]
    Sample,
    /// A load test's distribution of values (k6 trend): judged by p95.
    Trend,
    /// A running total (k6 counter): judged by its rate per second.
    Counter,
    /// A fraction of true samples (k6 rate): judged by the rate.
    Rate,
    /// A value that goes up and down (k6 gauge): judged by its last value.
    Gauge,
}

/// One measured quantity of a benchmark: its name, unit, direction, summary
/// and, where the source has them, raw samples.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    /// The metric's name within its benchmark (`time`, `cpu_time`,
    /// `bytes_per_op`, `trend` …).
    pub name: String,
    /// The unit of every value in `summary` and `samples`.
    pub unit: Unit,
    /// Whether smaller or larger values are better.
    pub direction: Direction,
    /// What kind of quantity this is.
    #[serde(default)]
    pub kind: MetricKind,
    /// The summary statistics.
    pub summary: Summary,
    /// Raw samples in `unit`; absent when the source has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub samples: Option<Vec<f64>>,
}

impl Metric {
    /// A metric with the given name, unit and summary; its direction is
    /// inferred from the unit and name, its kind is [`MetricKind::Sample`].
    pub fn new(name: impl Into<String>, unit: Unit, summary: Summary) -> Self {
        let name = name.into();
        let direction = Direction::infer(&unit, &name);
        Self {
            name,
            unit,
            direction,
            kind: MetricKind::Sample,
            summary,
            samples: None,
        }
    }

    /// Sets the kind.
    pub fn with_kind(mut self, kind: MetricKind) -> Self {
        self.kind = kind;
        self
    }

    /// Sets the direction.
    pub fn with_direction(mut self, direction: Direction) -> Self {
        self.direction = direction;
        self
    }

    /// Attaches raw samples.
    pub fn with_samples(mut self, samples: Vec<f64>) -> Self {
        self.samples = Some(samples);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_is_inferred_from_unit_and_name() {
        assert_eq!(
            Direction::infer(&Unit::Nanoseconds, "time"),
            Direction::LowerIsBetter
        );
        assert_eq!(
            Direction::infer(&Unit::OpsPerSecond, "x"),
            Direction::HigherIsBetter
        );
        assert_eq!(
            Direction::infer(&Unit::Other("MB/s".into()), "speed"),
            Direction::HigherIsBetter
        );
        assert_eq!(
            Direction::infer(&Unit::Ratio, "checks"),
            Direction::HigherIsBetter
        );
        assert_eq!(
            Direction::infer(&Unit::Ratio, "http_req_failed"),
            Direction::LowerIsBetter
        );
    }
}
