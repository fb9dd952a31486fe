//! The alternative hypothesis of a two-sample test.

/// Which difference between two samples `x` and `y` a test looks for.
///
/// The names follow scipy's `alternative=` argument. To ask "did the
/// current run get slower than the baseline?" for a lower-is-better metric,
/// test `x = current`, `y = baseline` with [`Alternative::Greater`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Alternative {
    /// `x` and `y` differ, in either direction.
    TwoSided,
    /// `x` tends to be greater than `y` (larger mean for Welch's t-test,
    /// stochastically larger for Mann–Whitney).
    Greater,
    /// `x` tends to be less than `y`.
    Less,
}
