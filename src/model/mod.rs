//! The normalised model every stage speaks: [`Results`] of one run of one
//! suite, made of [`Benchmark`]s, each with one or more [`Metric`]s.
//!
//! This module imports nothing else from the crate. It must not know any
//! input format, statistic policy or report layout: adapters convert into
//! it, `compare` and `report` read from it.

mod metric;
mod results;
mod summary;
pub mod units;

pub use metric::{Direction, Metric, MetricKind};
pub use results::{Benchmark, GitInfo, Host, Results, SCHEMA_RESULTS_V1, Source, Threshold};
pub use summary::Summary;
pub use units::{Nanos, TimeUnit, Unit};
