//! The five numbers and the outliers of a Tukey box plot.
//!
//! J. W. Tukey, "Exploratory Data Analysis", Addison-Wesley, 1977: the box
//! spans the quartiles, the whiskers reach the most extreme values within
//! 1.5 interquartile ranges of the box, and what lies beyond is an outlier.
//! Quartiles as [`Sample::percentile`] (k6's definition).

use super::Sample;

/// A box plot of one sample.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxPlot {
    /// How many values.
    pub n: usize,
    /// The smallest and largest value.
    pub min: f64,
    /// The largest value.
    pub max: f64,
    /// The 25th percentile.
    pub q1: f64,
    /// The median.
    pub median: f64,
    /// The 75th percentile.
    pub q3: f64,
    /// The lower whisker: the smallest value ≥ q1 − 1.5·IQR.
    pub low: f64,
    /// The upper whisker: the largest value ≤ q3 + 1.5·IQR.
    pub high: f64,
    /// Values beyond the whiskers, the most extreme first from each end,
    /// at most `max_outliers / 2` from each.
    pub outliers: Vec<f64>,
}

/// The box plot of `sample`, keeping at most `max_outliers` outliers.
pub fn box_plot(sample: &Sample, max_outliers: usize) -> BoxPlot {
    let (q1, median, q3) = (
        sample.percentile(25.0),
        sample.median(),
        sample.percentile(75.0),
    );
    let fence = 1.5 * (q3 - q1);
    let sorted = sample.sorted();
    let inside = |v: &&f64| **v >= q1 - fence && **v <= q3 + fence;
    let low = sorted.iter().find(inside).copied().unwrap_or(q1);
    let high = sorted.iter().rev().find(inside).copied().unwrap_or(q3);
    let below = sorted.iter().take_while(|v| **v < low).copied();
    let above = sorted.iter().rev().take_while(|v| **v > high).copied();
    let mut outliers: Vec<f64> = below.take(max_outliers / 2).collect();
    outliers.extend(above.take(max_outliers / 2));
    BoxPlot {
        n: sample.len(),
        min: sample.min(),
        max: sample.max(),
        q1,
        median,
        q3,
        low,
        high,
        outliers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whiskers_stop_at_the_fences_and_the_rest_are_outliers() {
        let mut values: Vec<f64> = (1..=20).map(f64::from).collect();
        values.extend([100.0, 200.0, -50.0]);
        let b = box_plot(&Sample::new(values).unwrap(), 24);
        assert_eq!((b.n, b.min, b.max), (23, -50.0, 200.0));
        assert_eq!((b.low, b.high), (1.0, 20.0));
        assert_eq!(b.outliers, [-50.0, 200.0, 100.0]);
        let values = vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 90.0, 95.0];
        let capped = box_plot(&Sample::new(values).unwrap(), 2);
        assert_eq!(capped.outliers, [95.0]);
    }
}
