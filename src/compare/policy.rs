//! The judging policy: thresholds, the statistic judged, significance
//! settings, and per-benchmark/per-metric overrides.

use serde::{Deserialize, Serialize};

use crate::model::{Direction, MetricKind};

use super::verdict::{FailOn, Severity};

/// The tier thresholds, as fractions (0.10 = 10 %), ascending.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// A regression at least this large is minor.
    pub minor: f64,
    /// … major.
    pub major: f64,
    /// … critical.
    pub critical: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            minor: 0.10,
            major: 0.20,
            critical: 0.50,
        }
    }
}

impl Thresholds {
    /// Validated thresholds.
    ///
    /// # Errors
    ///
    /// When a value is not finite and positive, or they are not ascending
    /// (`minor ≤ major ≤ critical`).
    pub fn new(minor: f64, major: f64, critical: f64) -> Result<Self, String> {
        for (name, value) in [("minor", minor), ("major", major), ("critical", critical)] {
            if !(value.is_finite() && value > 0.0) {
                return Err(format!(
                    "the {name} threshold must be a positive percentage, found {}",
                    value * 100.0
                ));
            }
        }
        if !(minor <= major && major <= critical) {
            return Err(format!(
                "thresholds must ascend (minor ≤ major ≤ critical), found {}% / {}% / {}%",
                minor * 100.0,
                major * 100.0,
                critical * 100.0
            ));
        }
        Ok(Self {
            minor,
            major,
            critical,
        })
    }

    /// These thresholds with `minor` replaced (`PERFORMANCE_THRESHOLD`); the
    /// higher tiers are raised to it when it exceeds them, so the tiers stay
    /// ascending.
    pub fn with_minor(self, minor: f64) -> Self {
        let major = self.major.max(minor);
        Self {
            minor,
            major,
            critical: self.critical.max(major),
        }
    }

    /// The severity a regression of `worse` (a fraction, in the worse
    /// direction) reaches, if any.
    pub fn grade(&self, worse: f64) -> Option<Severity> {
        if worse >= self.critical {
            Some(Severity::Critical)
        } else if worse >= self.major {
            Some(Severity::Major)
        } else if worse >= self.minor {
            Some(Severity::Minor)
        } else {
            None
        }
    }
}

/// Settings for one benchmark metric, overriding the policy's defaults
/// where set. Patterns match benchmark ids and metric names; `*` matches any
/// run of characters, `?` any one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Override {
    /// Benchmark id pattern; `None` matches every benchmark.
    pub benchmark: Option<String>,
    /// Metric name pattern; `None` matches every metric.
    pub metric: Option<String>,
    /// The statistic to judge (`median`, `mean`, `p95`, `rate` …).
    pub statistic: Option<String>,
    /// The direction, when the inferred one is wrong.
    pub direction: Option<Direction>,
    /// Thresholds for the matched metrics.
    pub thresholds: Option<Thresholds>,
}

/// How changes are judged.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Default tier thresholds.
    pub thresholds: Thresholds,
    /// The regression level that fails the gate.
    pub fail_on: FailOn,
    /// Significance level of the two-sided Mann–Whitney test.
    pub alpha: f64,
    /// Confidence level of the change's two-sided bootstrap interval. The
    /// default, 0.90, makes each end a one-sided 95 % bound: "the change is
    /// at least `lower`" holds with 95 % confidence.
    pub confidence: f64,
    /// Bootstrap resamples.
    pub resamples: usize,
    /// Fewer samples than this on either side make a sample-based
    /// comparison inconclusive.
    pub min_samples: usize,
    /// Per-benchmark / per-metric settings; the last match wins.
    pub overrides: Vec<Override>,
    /// Absolute limits checked on the current results.
    pub slos: Vec<super::Slo>,
    /// The two sides' raw samples are paired by position: sample *i* of
    /// each was measured in the same round of an interleaved A/B run
    /// (`benchgate run --ab`). Equal-length samples are then judged by the
    /// Wilcoxon signed-rank test and a paired bootstrap.
    pub paired: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            thresholds: Thresholds::default(),
            fail_on: FailOn::Severity(Severity::Critical),
            alpha: 0.05,
            confidence: 0.90,
            resamples: 2000,
            min_samples: 5,
            overrides: Vec::new(),
            slos: Vec::new(),
            paired: false,
        }
    }
}

/// The settings that apply to one benchmark metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// Thresholds to grade by.
    pub thresholds: Thresholds,
    /// The statistic asked for, if any (else the kind's default chain).
    pub statistic: Option<String>,
    /// The direction, if overridden.
    pub direction: Option<Direction>,
}

impl Policy {
    /// The settings for `metric` of `benchmark`.
    pub fn rules_for(&self, benchmark: &str, metric: &str) -> Rules {
        let mut rules = Rules {
            thresholds: self.thresholds,
            statistic: None,
            direction: None,
        };
        let matches = |pattern: &Option<String>, text: &str| {
            pattern.as_deref().is_none_or(|p| wildcard_match(p, text))
        };
        for o in &self.overrides {
            if matches(&o.benchmark, benchmark) && matches(&o.metric, metric) {
                if let Some(t) = o.thresholds {
                    rules.thresholds = t;
                }
                if o.statistic.is_some() {
                    rules.statistic.clone_from(&o.statistic);
                }
                if o.direction.is_some() {
                    rules.direction = o.direction;
                }
            }
        }
        rules
    }
}

/// The statistics to try, in order, for a metric of `kind`: micro-benchmarks
/// are judged by the median, load-test trends by p95, rates by the rate,
/// counters by their rate per second, gauges by their last value.
pub fn default_statistics(kind: MetricKind) -> &'static [&'static str] {
    match kind {
        MetricKind::Sample => &["median", "mean"],
        MetricKind::Trend => &["p95", "p90", "median", "mean"],
        MetricKind::Counter => &["rate", "count"],
        MetricKind::Rate => &["rate"],
        MetricKind::Gauge => &["last", "mean", "max"],
    }
}

/// Whether `text` matches `pattern`, where `*` matches any run of
/// characters and `?` any one character. Iterative, O(len²) at worst.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_at_tier_boundaries() {
        let t = Thresholds::default();
        let table = [
            (0.0, None),
            (0.0999, None),
            (0.10, Some(Severity::Minor)),
            (0.1999, Some(Severity::Minor)),
            (0.20, Some(Severity::Major)),
            (0.4999, Some(Severity::Major)),
            (0.50, Some(Severity::Critical)),
            (3.0, Some(Severity::Critical)),
            (-0.5, None),
        ];
        for (worse, want) in table {
            assert_eq!(t.grade(worse), want, "{worse}");
        }
    }

    #[test]
    fn thresholds_are_validated_and_minor_override_keeps_them_ascending() {
        assert!(Thresholds::new(0.2, 0.1, 0.5).is_err());
        assert!(Thresholds::new(0.0, 0.1, 0.5).is_err());
        assert!(Thresholds::new(f64::NAN, 0.1, 0.5).is_err());
        let t = Thresholds::default().with_minor(0.30);
        assert_eq!((t.minor, t.major, t.critical), (0.30, 0.30, 0.50));
        let t = Thresholds::default().with_minor(0.05);
        assert_eq!((t.minor, t.major, t.critical), (0.05, 0.20, 0.50));
    }

    #[test]
    fn overrides_apply_by_pattern_and_the_last_match_wins() {
        let policy = Policy {
            overrides: vec![
                Override {
                    benchmark: Some("http_*".into()),
                    statistic: Some("p99".into()),
                    ..Override::default()
                },
                Override {
                    benchmark: Some("http_req_duration{name:/slow}".into()),
                    metric: Some("trend".into()),
                    statistic: Some("median".into()),
                    thresholds: Some(Thresholds::new(0.3, 0.4, 0.9).unwrap()),
                    ..Override::default()
                },
            ],
            ..Policy::default()
        };
        assert_eq!(
            policy
                .rules_for("http_reqs", "counter")
                .statistic
                .as_deref(),
            Some("p99")
        );
        let slow = policy.rules_for("http_req_duration{name:/slow}", "trend");
        assert_eq!(slow.statistic.as_deref(), Some("median"));
        assert_eq!(slow.thresholds.minor, 0.3);
        assert_eq!(policy.rules_for("parse", "time").statistic, None);
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_match("*", ""));
        assert!(wildcard_match("a*c", "abbbc"));
        assert!(wildcard_match("a?c", "abc"));
        assert!(!wildcard_match("a?c", "ac"));
        assert!(wildcard_match("*{name:*}", "http_req_duration{name:/api}"));
        assert!(!wildcard_match("parse/*", "serialize/json"));
    }
}
