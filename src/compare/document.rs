//! The `benchgate.comparison.v1` document.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Direction, GitInfo, Host, Results, Source, Unit};

use super::policy::Thresholds;
use super::verdict::{FailOn, Verdict};

/// The schema tag of a comparison document.
pub const SCHEMA_COMPARISON_V1: &str = "benchgate.comparison.v1";

/// A finished comparison of one suite: every entry's verdict, the SLOs and
/// the gate. Reports render it; they never re-decide anything in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Always [`SCHEMA_COMPARISON_V1`].
    pub schema: String,
    /// The suite compared.
    pub suite: String,
    /// Provenance of the baseline.
    pub baseline: Side,
    /// Provenance of the current results.
    pub current: Side,
    /// The default thresholds used (fractions).
    pub thresholds: Thresholds,
    /// The gate's decision.
    pub gate: Gate,
    /// How many entries got each verdict.
    pub counts: BTreeMap<String, usize>,
    /// One entry per benchmark metric, worst first.
    pub entries: Vec<Entry>,
    /// Absolute limits checked (k6 thresholds, configured SLOs).
    #[serde(default)]
    pub slos: Vec<SloResult>,
    /// Things the reader should know (e.g. a host mismatch).
    #[serde(default)]
    pub notes: Vec<String>,
}

/// Where one side of a comparison came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// When the results were produced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// The git state they were produced in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub git: Option<GitInfo>,
    /// The machine they were produced on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<Host>,
    /// The tools and files.
    #[serde(default)]
    pub sources: Vec<Source>,
}

impl Side {
    /// The provenance of `results`.
    pub fn of(results: &Results) -> Self {
        Self {
            created: results.created.clone(),
            git: results.git.clone(),
            host: results.host.clone(),
            sources: results.sources.clone(),
        }
    }
}

/// What evidence an entry's verdict rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Raw samples on both sides: a significance test and a bootstrap
    /// interval.
    Samples,
    /// Raw samples paired round by round (an interleaved A/B run): the
    /// Wilcoxon signed-rank test and a paired bootstrap interval.
    Paired,
    /// Event counts of a rate on both sides (`passes` of `n`): a
    /// two-proportion test and an interval of the rate ratio.
    Counts,
    /// Only summary statistics: the point estimate alone.
    Point,
    /// Nothing to compare (new, missing, or no common statistic).
    None,
}

/// A confidence interval of the relative change.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// Lower bound of `(current − baseline) / |baseline|`.
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
    /// Confidence level (0.95).
    pub confidence: f64,
}

/// The judgement of one benchmark metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Benchmark id.
    pub benchmark: String,
    /// Metric name.
    pub metric: String,
    /// Unit of `baseline` and `current`.
    pub unit: Unit,
    /// Whether lower or higher is better.
    pub direction: Direction,
    /// The statistic judged (`median`, `p95`, `rate` …), if any.
    pub statistic: Option<String>,
    /// The baseline's value of the statistic.
    pub baseline: Option<f64>,
    /// The current value of the statistic.
    pub current: Option<f64>,
    /// `(current − baseline) / |baseline|`; absent when undefined (no
    /// baseline, a zero baseline).
    pub change: Option<f64>,
    /// Confidence interval of `change`, where samples allowed one.
    #[serde(default)]
    pub interval: Option<Interval>,
    /// p-value of the two-sided Mann–Whitney U test, where samples allowed
    /// one.
    #[serde(default)]
    pub p_value: Option<f64>,
    /// What the verdict rests on.
    pub evidence: Evidence,
    /// Sample counts (baseline, current), where known.
    #[serde(default)]
    pub n: (Option<u64>, Option<u64>),
    /// The verdict.
    pub verdict: Verdict,
    /// Why, when the verdict needs explaining (inconclusive, clamped …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The distribution of each side's raw samples, where it has them: what
    /// a report draws as box plots, so a saved comparison re-renders them.
    #[serde(default, skip_serializing_if = "Spread::is_empty")]
    pub spread: Spread,
}

/// Box plots of the two sides' raw samples.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// The baseline's, when it has at least two samples (boxed: most
    /// entries have none, and entries are moved around when sorted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Box<Distribution>>,
    /// The current run's, when it has at least two samples.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Box<Distribution>>,
}

impl Spread {
    /// Neither side has one.
    pub fn is_empty(&self) -> bool {
        self.baseline.is_none() && self.current.is_none()
    }
}

/// A Tukey box plot of one side's samples, in the metric's unit
/// ([`crate::stats::box_plot`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    /// How many samples.
    pub n: u64,
    /// The smallest sample.
    pub min: f64,
    /// The 25th percentile.
    pub q1: f64,
    /// The median.
    pub median: f64,
    /// The 75th percentile.
    pub q3: f64,
    /// The largest sample.
    pub max: f64,
    /// The whiskers: the most extreme samples within 1.5 IQR of the box.
    pub whiskers: (f64, f64),
    /// Samples beyond the whiskers (at most 24, the most extreme).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outliers: Vec<f64>,
}

impl Distribution {
    /// Outliers kept per side at most.
    pub const MAX_OUTLIERS: usize = 24;

    /// The box plot of `values` (non-finite ones ignored); `None` for fewer
    /// than two.
    pub fn of(values: &[f64]) -> Option<Box<Self>> {
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        if finite.len() < 2 {
            return None;
        }
        let sample = crate::stats::Sample::new(finite).ok()?;
        let b = crate::stats::box_plot(&sample, Self::MAX_OUTLIERS);
        Some(Box::new(Self {
            n: b.n as u64,
            min: b.min,
            q1: b.q1,
            median: b.median,
            q3: b.q3,
            max: b.max,
            whiskers: (b.low, b.high),
            outliers: b.outliers,
        }))
    }
}

impl Entry {
    /// The change in the worse direction (positive = worse), 0 when
    /// undefined: used to order entries.
    pub fn worse(&self) -> f64 {
        let change = self.change.filter(|c| c.is_finite()).unwrap_or(0.0);
        match self.direction {
            Direction::LowerIsBetter => change,
            Direction::HigherIsBetter => -change,
        }
    }
}

/// One absolute limit and whether it held.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SloResult {
    /// The benchmark (k6 metric) it applies to.
    pub benchmark: String,
    /// The limit (`p(95)<500`).
    pub expression: String,
    /// Whether it held.
    pub passed: bool,
    /// Who evaluated it (`k6`, `benchgate`).
    pub source: String,
    /// The observed value of the statistic, in `unit` (benchgate SLOs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed: Option<f64>,
    /// The unit of `observed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// For an upper limit on a rate: the share of the error budget the run
    /// consumed (`observed / limit`; above 1 means breached).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_consumed: Option<f64>,
    /// For an upper limit on a rate: the worst burn rate (windowed rate /
    /// limit) over each window, by window (`1m`, `5m`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub burn_rates: BTreeMap<String, f64>,
    /// Why it could not be evaluated, when it could not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The gate's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gate {
    /// Whether the gate passed.
    pub passed: bool,
    /// The level regressions fail at.
    pub fail_on: FailOn,
    /// Why it failed, one line per cause.
    pub failures: Vec<String>,
    /// Regressions and problems below the fail level worth a look.
    pub warnings: Vec<String>,
}

impl Gate {
    /// Decides the gate from judged entries and SLO results.
    pub fn decide(
        entries: &[Entry],
        slos: &[SloResult],
        fail_on: FailOn,
        notes: &[String],
    ) -> Self {
        let mut failures = Vec::new();
        let mut warnings = Vec::new();
        for e in entries {
            let label = format!("{} {}", e.benchmark, e.metric);
            match e.verdict {
                Verdict::Regressed(severity) if fail_on.fails(severity) => {
                    failures.push(format!("{} regression: {label}", e.verdict));
                }
                Verdict::Regressed(severity) if severity >= super::Severity::Major => {
                    warnings.push(format!("{} regression: {label}", e.verdict));
                }
                Verdict::Missing => warnings.push(format!("missing from this run: {label}")),
                _ => {}
            }
        }
        for slo in slos.iter().filter(|s| !s.passed) {
            failures.push(format!(
                "SLO breached: {} {}",
                slo.benchmark, slo.expression
            ));
        }
        warnings.extend(notes.iter().cloned());
        Self {
            passed: failures.is_empty(),
            fail_on,
            failures,
            warnings,
        }
    }
}
