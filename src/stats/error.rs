//! Why a statistic could not be computed.

use thiserror::Error;

/// Why a test or an interval could not be computed from valid [`Sample`]s.
///
/// Messages are lowercase fragments that fit after "failed to compare …:".
///
/// [`Sample`]: super::Sample
#[derive(Debug, Clone, PartialEq, Error)]
pub enum StatsError {
    /// A sample is too small for the method.
    #[error("expected at least {needed} values in each sample, found {found}")]
    TooFewValues {
        /// The minimum the method needs.
        needed: usize,
        /// The size of the smaller sample.
        found: usize,
    },
    /// The confidence level is not strictly between 0 and 1.
    #[error("expected a confidence level strictly between 0 and 1, found {value}")]
    InvalidConfidence {
        /// The level given.
        value: f64,
    },
    /// A percentile statistic's `q` is not in `[0, 100]`.
    #[error("expected a percentile between 0 and 100, found {value}")]
    InvalidPercentile {
        /// The `q` given, in percent.
        value: f64,
    },
    /// A paired difference is NaN or infinite.
    #[error("expected finite paired differences")]
    NonFiniteDifference,
    /// Paired samples of different lengths.
    #[error("expected paired samples of equal length, found {baseline} and {current}")]
    UnpairedLengths {
        /// The baseline's length.
        baseline: usize,
        /// The current sample's length.
        current: usize,
    },
    /// An event count exceeds its number of trials.
    #[error("expected event counts no larger than their numbers of trials")]
    InvalidCounts,
    /// Zero bootstrap resamples were asked for.
    #[error("expected at least one bootstrap resample, found 0")]
    NoResamples,
    /// The baseline's statistic is zero or negative, so a change relative to
    /// it means nothing; compare absolute values instead.
    #[error(
        "expected a positive baseline statistic for a relative change, found {value}; \
         compare absolute values instead"
    )]
    BaselineNotPositive {
        /// The baseline's statistic.
        value: f64,
    },
    /// Every bootstrap resample of the baseline had a statistic ≤ 0.
    #[error("expected a resampled baseline statistic above 0, found none in {resamples} resamples")]
    NoUsableResamples {
        /// How many resamples were drawn.
        resamples: usize,
    },
}
