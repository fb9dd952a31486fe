//! Pure statistics: validated samples, summaries, percentiles (and, as the
//! judging stage grows, significance tests and bootstrap intervals).
//!
//! This module is a leaf: it imports nothing else from the crate and does no
//! I/O, so it could be lifted into a crate of its own. It must not know about
//! benchmarks, units, verdicts or formats — only numbers.

mod describe;
mod sample;

pub use describe::{Description, describe, percentile_sorted};
pub use sample::{Sample, SampleError};
