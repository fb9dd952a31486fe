//! Pure statistics for judging a change: validated samples, summaries and
//! percentiles, two significance tests and a bootstrap confidence interval
//! of a relative change.
//!
//! - [`Sample`]: a non-empty, finite, sorted list of numbers; mean, median,
//!   percentiles, standard deviation, coefficient of variation.
//! - [`percentile_sorted`]: k6's percentiles (Hyndman & Fan definition 7).
//! - [`mann_whitney_u`]: the Mann–Whitney U test, exact or asymptotic.
//! - [`welch_t_test`]: Welch's unequal-variances t-test.
//! - [`bootstrap_relative_change`]: a seeded percentile-bootstrap interval of
//!   `stat(current) / stat(baseline) − 1`.
//! - [`wilcoxon_signed_rank`] and [`bootstrap_paired_relative_change`]: the
//!   same for paired samples (A/B runs, round by round).
//! - [`compare_proportions`]: two event rates (k of n): Fisher's exact or
//!   the pooled z-test, and Katz's interval of their ratio.
//!
//! `docs/statistics.md` gives the formulas, references and limits; the
//! numbers are checked against numpy and scipy by
//! `tests/fixtures/stats/vectors.json` (made by `scripts/stats_vectors.py`).
//!
//! This module is a leaf: it imports nothing else from the crate and does no
//! I/O, so it could be lifted into a crate of its own. It must not know about
//! benchmarks, units, thresholds, verdicts or formats — only numbers. The
//! policy that turns p-values and intervals into verdicts lives in the
//! comparison stage.

mod alternative;
mod bootstrap;
mod boxplot;
mod describe;
mod error;
mod mann_whitney;
mod proportions;
mod rng;
mod sample;
#[cfg(test)]
mod vectors;
mod welch;
mod wilcoxon;

pub use alternative::Alternative;
pub use bootstrap::{
    ChangeInterval, Statistic, bootstrap_paired_relative_change, bootstrap_relative_change,
};
pub use boxplot::{BoxPlot, box_plot};
pub use describe::{Description, describe, percentile_sorted};
pub use error::StatsError;
pub use mann_whitney::{
    MannWhitney, MannWhitneyMethod, PValueMethod, mann_whitney_min_p, mann_whitney_u,
};
pub use proportions::{EXACT_LIMIT, ProportionChange, ProportionTest, compare_proportions};
pub use sample::{Sample, SampleError};
pub use welch::{WelchT, welch_t_test};
pub use wilcoxon::{SignedRank, wilcoxon_min_p, wilcoxon_signed_rank};
