//! A validated, sorted sample.

use std::fmt;

use super::percentile_sorted;

/// Why a list of numbers is not a [`Sample`].
#[derive(Debug, Clone, PartialEq)]
pub enum SampleError {
    /// The list is empty.
    Empty,
    /// The value at this index is NaN or infinite.
    NotFinite {
        /// Index of the offending value in the input.
        index: usize,
        /// The value.
        value: f64,
    },
}

impl fmt::Display for SampleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("expected at least one sample, found none"),
            Self::NotFinite { index, value } => {
                write!(
                    f,
                    "expected a finite sample at index {index}, found {value}"
                )
            }
        }
    }
}

impl std::error::Error for SampleError {}

/// A non-empty list of finite numbers, kept sorted ascending.
///
/// The invariants are checked once, by [`Sample::new`], so every statistic
/// computed from a `Sample` is defined.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    sorted: Vec<f64>,
}

impl Sample {
    /// Validates and sorts `values`.
    ///
    /// # Errors
    ///
    /// [`SampleError::Empty`] for an empty list, [`SampleError::NotFinite`]
    /// for a NaN or infinite value.
    pub fn new(mut values: Vec<f64>) -> Result<Self, SampleError> {
        if values.is_empty() {
            return Err(SampleError::Empty);
        }
        if let Some((index, &value)) = values.iter().enumerate().find(|(_, v)| !v.is_finite()) {
            return Err(SampleError::NotFinite { index, value });
        }
        values.sort_by(f64::total_cmp);
        Ok(Self { sorted: values })
    }

    /// The values, sorted ascending.
    pub fn sorted(&self) -> &[f64] {
        &self.sorted
    }

    /// The number of values (at least one).
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// Always `false`: a sample is never empty. Present for API symmetry.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The smallest value.
    pub fn min(&self) -> f64 {
        self.sorted[0]
    }

    /// The largest value.
    pub fn max(&self) -> f64 {
        self.sorted[self.sorted.len() - 1]
    }

    /// The arithmetic mean, summed in ascending order and clamped to
    /// `[min, max]`, so rounding can never push it outside the data (and a
    /// constant sample's mean is exactly its value). O(n).
    pub fn mean(&self) -> f64 {
        let sum: f64 = self.sorted.iter().sum();
        (sum / self.sorted.len() as f64).clamp(self.min(), self.max())
    }

    /// The median: the 50th percentile by [`percentile_sorted`]. O(1).
    pub fn median(&self) -> f64 {
        percentile_sorted(&self.sorted, 50.0)
    }

    /// The `q`-th percentile (`q` in percent, clamped to `[0, 100]`), the way
    /// k6 computes it; see [`percentile_sorted`]. O(1).
    pub fn percentile(&self, q: f64) -> f64 {
        percentile_sorted(&self.sorted, q)
    }

    /// The unbiased sample variance, `Σ(x − mean)² / (n − 1)` (two passes,
    /// numpy's `var(ddof=1)`); `None` for a single value. Exactly 0 for a
    /// constant sample. O(n).
    pub fn variance(&self) -> Option<f64> {
        let n = self.sorted.len();
        (n > 1).then(|| {
            let mean = self.mean();
            let squares: f64 = self.sorted.iter().map(|v| (v - mean).powi(2)).sum();
            squares / (n - 1) as f64
        })
    }

    /// The sample standard deviation, the square root of
    /// [`variance`](Self::variance); `None` for a single value.
    pub fn stddev(&self) -> Option<f64> {
        self.variance().map(f64::sqrt)
    }

    /// The coefficient of variation, `stddev / |mean|`: the noise of a
    /// measurement as a fraction of its size (0.05 = 5 %), comparable with a
    /// relative-change threshold. `None` for a single value or a zero mean.
    pub fn coefficient_of_variation(&self) -> Option<f64> {
        let mean = self.mean().abs();
        self.stddev().filter(|_| mean > 0.0).map(|sd| sd / mean)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_empty_and_non_finite_input() {
        assert_eq!(Sample::new(vec![]), Err(SampleError::Empty));
        assert!(matches!(
            Sample::new(vec![1.0, f64::NAN]),
            Err(SampleError::NotFinite { index: 1, .. })
        ));
        let s = Sample::new(vec![3.0, 1.0, 2.0]).unwrap();
        assert_eq!(s.sorted(), &[1.0, 2.0, 3.0]);
        assert_eq!((s.min(), s.max(), s.len()), (1.0, 3.0, 3));
    }
}
