//! What a report may show beside the comparison itself: history trends
//! from the baseline store, and where the full report lives. All optional;
//! a report without them is complete, only plainer. (The distributions the
//! box plots draw are in the comparison's entries, `Entry::spread`.)

use serde::Serialize;

use crate::model::Unit;

/// Optional inputs of a report beyond the [`Comparison`](crate::compare::Comparison).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extras {
    /// History of judged statistics, oldest point first (HTML trend charts).
    pub trends: Vec<Trend>,
    /// Where the full report is (a URL such as a CI artifact link), named in
    /// the Markdown comment when rows had to be left out.
    pub full_report: Option<String>,
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
