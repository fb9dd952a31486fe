//! Statistics over a view (a union of cells): k6's percentiles of trends,
//! and the worst-window rates of rates.

use std::collections::BTreeMap;

use super::Options;
use super::finish::Ready;
use super::sinks::Sum;
use crate::model::Direction;

/// Sums the rate cells of a view: (trues, total, per-second counts).
pub(super) fn rate_of(cells: &[&Ready]) -> (u64, u64, Vec<(i64, u64, u64)>) {
    let (mut trues, mut total) = (0, 0);
    let mut seconds: BTreeMap<i64, (u64, u64)> = BTreeMap::new();
    for c in cells {
        if let Ready::Rate(t, n, per) = c {
            trues += t;
            total += n;
            for (s, t, n) in per {
                let slot = seconds.entry(*s).or_default();
                slot.0 += t;
                slot.1 += n;
            }
        }
    }
    (
        trues,
        total,
        seconds.into_iter().map(|(s, (t, n))| (s, t, n)).collect(),
    )
}

/// `worst_rate_<window>` for each window: the highest rate (for a rate
/// where lower is better, e.g. `http_req_failed`) or the lowest (e.g.
/// `checks`) over every window of that many whole seconds that lies within
/// the metric's first and last second, sliding by one second; the whole
/// span when it is shorter than the window.
pub(super) fn worst_rates(
    seconds: &[(i64, u64, u64)],
    direction: Direction,
    options: &Options,
) -> Vec<(String, f64)> {
    let (Some(first), Some(last)) = (seconds.first(), seconds.last()) else {
        return Vec::new();
    };
    let mut prefix = vec![(0u64, 0u64)];
    for (_, t, n) in seconds {
        let (pt, pn) = prefix.last().copied().unwrap_or_default();
        prefix.push((pt + t, pn + n));
    }
    let window_of = |from: i64, to: i64| {
        let lo = seconds.partition_point(|s| s.0 < from);
        let hi = seconds.partition_point(|s| s.0 < to);
        let (a, b) = (
            prefix.get(lo).copied().unwrap_or_default(),
            prefix.get(hi).copied().unwrap_or_default(),
        );
        (b.0 - a.0, b.1 - a.1)
    };
    let mut out = Vec::new();
    for window in &options.windows {
        let width = window.as_secs() + u64::from(window.subsec_nanos() > 0);
        if width == 0 {
            continue;
        }
        let width = i64::try_from(width).unwrap_or(i64::MAX);
        let span_end = last.0 + 1;
        let starts: Vec<i64> = if span_end - first.0 <= width {
            vec![first.0]
        } else {
            let latest = span_end - width;
            seconds
                .iter()
                .flat_map(|s| [s.0, s.0 - width + 1])
                .map(|s| s.clamp(first.0, latest))
                .collect()
        };
        let rates = starts.into_iter().filter_map(|s| {
            let (t, n) = window_of(s, s.saturating_add(width));
            (n > 0).then(|| t as f64 / n as f64)
        });
        let worst = match direction {
            Direction::LowerIsBetter => {
                rates.fold(None, |a: Option<f64>, r| Some(a.map_or(r, |a| a.max(r))))
            }
            Direction::HigherIsBetter => {
                rates.fold(None, |a: Option<f64>, r| Some(a.map_or(r, |a| a.min(r))))
            }
        };
        if let Some(worst) = worst {
            out.push((format!("worst_rate_{}", window_label(width)), worst));
        }
    }
    out
}

/// `90s`, `1m`, `5m`, `2h`.
pub(super) fn window_label(seconds: i64) -> String {
    if seconds % 3600 == 0 {
        format!("{}h", seconds / 3600)
    } else if seconds % 60 == 0 {
        format!("{}m", seconds / 60)
    } else {
        format!("{seconds}s")
    }
}

/// A trend view: the sorted values of its cells.
pub(super) struct TrendView<'a> {
    parts: Vec<&'a [f64]>,
    pub n: usize,
    pub sum: f64,
    pub min: f64,
    pub max: f64,
    /// Σ (x − mean)² over the view, from the cells' own sums of squares
    /// (Chan, Golub & LeVeque's pairwise update).
    m2: f64,
}

/// A trend cell: its values in sorted parts (the segments they were
/// stored in, each sorted in place — never copied into one array), their
/// count, exact sum, and the exact sum of squared deviations from the
/// cell's mean. Exact sums do not depend on the order of the values, so
/// neither on how points were split into segments or between threads.
#[derive(Debug, Default)]
pub(super) struct TrendCell {
    parts: Vec<Box<[f64]>>,
    n: usize,
    sum: Sum,
    m2: f64,
}

impl TrendCell {
    /// Sorts the parts and sums them (two passes).
    pub fn new(mut parts: Vec<Box<[f64]>>) -> Self {
        parts.retain(|p| !p.is_empty());
        let mut sum = Sum::default();
        for p in &mut parts {
            // Sorting the order-preserving integer images is faster than
            // sorting by `f64::total_cmp`, and gives the same order.
            p.iter_mut()
                .for_each(|x| *x = f64::from_bits(order_key(*x)));
            p.sort_unstable_by_key(|x| x.to_bits());
            p.iter_mut().for_each(|x| *x = from_order_key(x.to_bits()));
            p.iter().for_each(|&x| sum.add(x));
        }
        let n: usize = parts.iter().map(|p| p.len()).sum();
        let mean = sum.value() / n.max(1) as f64;
        let mut m2 = Sum::default();
        for p in &parts {
            p.iter().for_each(|&x| m2.add((x - mean) * (x - mean)));
        }
        Self {
            parts,
            n,
            sum,
            m2: m2.value(),
        }
    }
}

/// The integer image of `x` that orders like `f64::total_cmp`.
fn order_key(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 { !b } else { b | 1 << 63 }
}

/// The inverse of [`order_key`].
fn from_order_key(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

impl<'a> TrendView<'a> {
    pub fn new(cells: &[&'a Ready]) -> Self {
        let cells: Vec<&TrendCell> = cells
            .iter()
            .filter_map(|c| match c {
                Ready::Trend(t) if t.n > 0 => Some(t),
                _ => None,
            })
            .collect();
        let n: usize = cells.iter().map(|c| c.n).sum();
        let mut sum = Sum::default();
        cells.iter().for_each(|c| sum.merge(&c.sum));
        let sum = sum.value();
        let mean = sum / n.max(1) as f64;
        // Chan, Golub & LeVeque: M2 = Σ M2ᵢ + Σ nᵢ (meanᵢ − mean)².
        let mut m2 = Sum::default();
        for c in &cells {
            let d = c.sum.value() / c.n as f64 - mean;
            m2.add(c.m2);
            m2.add(c.n as f64 * d * d);
        }
        let parts: Vec<&[f64]> = cells
            .iter()
            .flat_map(|c| c.parts.iter().map(|p| &**p))
            .collect();
        let min = parts
            .iter()
            .filter_map(|p| p.first())
            .fold(f64::INFINITY, |a, &b| a.min(b));
        let max = parts
            .iter()
            .filter_map(|p| p.last())
            .fold(f64::NEG_INFINITY, |a, &b| a.max(b));
        Self {
            parts,
            n,
            sum,
            min,
            max,
            m2: m2.value(),
        }
    }

    /// Sample standard deviation (n − 1), `None` below two values.
    pub fn stddev(&self) -> Option<f64> {
        (self.n > 1).then(|| (self.m2.max(0.0) / (self.n - 1) as f64).sqrt())
    }

    /// k6's `TrendSink.P(q/100)` over the union of the parts (the formula
    /// of `stats::percentile_sorted`): `h = q/100·(n−1)`, interpolated
    /// between the ⌊h⌋-th and ⌈h⌉-th smallest values.
    pub fn percentile(&self, q: f64) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        let h = q.clamp(0.0, 100.0) / 100.0 * (self.n - 1) as f64;
        let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
        let lower = self.kth(lo);
        let upper = if hi > lo { self.kth(hi) } else { lower };
        (lower + (h - lo as f64) * (upper - lower))
            .max(lower)
            .min(upper)
    }

    /// The k-th smallest value (0-based) of the union of the sorted parts:
    /// a binary search over the order-preserving integer image of f64.
    fn kth(&self, k: usize) -> f64 {
        if let [only] = self.parts.as_slice() {
            return only.get(k).copied().unwrap_or(f64::NAN);
        }
        let key = order_key;
        let (mut lo, mut hi) = (key(self.min), key(self.max));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let at_most: usize = self
                .parts
                .iter()
                .map(|p| p.partition_point(|&x| key(x) <= mid))
                .sum();
            if at_most > k {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        from_order_key(lo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_percentiles_equal_those_of_the_concatenation() {
        let a = Ready::Trend(TrendCell::new(vec![
            vec![2.0, 0.5].into(),
            vec![-3.0, 2.0, 9.0].into(),
        ]));
        let b = Ready::Trend(TrendCell::new(vec![vec![-0.0, 40.0, 2.0, 1.0].into()]));
        let c = Ready::Trend(TrendCell::new(vec![vec![7.5].into(), Vec::new().into()]));
        let view = TrendView::new(&[&a, &b, &c]);
        let mut all = vec![-3.0, 0.5, 2.0, 2.0, 9.0, -0.0, 1.0, 2.0, 40.0, 7.5];
        all.sort_by(f64::total_cmp);
        for q in [0.0, 10.0, 25.0, 50.0, 90.0, 95.0, 99.0, 99.9, 100.0] {
            let want = crate::stats::percentile_sorted(&all, q);
            assert_eq!(view.percentile(q), want, "p{q}");
        }
        assert_eq!(
            (view.n, view.min, view.max, view.sum),
            (10, -3.0, 40.0, 61.0)
        );
    }

    #[test]
    fn worst_windows_slide_by_the_second() {
        // 10 s of 10 requests each; seconds 3 and 4 fail half.
        let seconds: Vec<(i64, u64, u64)> = (0..10)
            .map(|s| (s, if s == 3 || s == 4 { 5 } else { 0 }, 10))
            .collect();
        let options = Options {
            windows: vec![
                std::time::Duration::from_secs(2),
                std::time::Duration::from_secs(60),
            ],
            ..Options::default()
        };
        let worst = worst_rates(&seconds, Direction::LowerIsBetter, &options);
        assert_eq!(
            worst,
            [
                ("worst_rate_2s".to_owned(), 0.5),
                ("worst_rate_1m".to_owned(), 0.1)
            ]
        );
        let best = worst_rates(&seconds, Direction::HigherIsBetter, &options);
        assert_eq!(best[0], ("worst_rate_2s".to_owned(), 0.0));
        assert_eq!(window_label(300), "5m");
        assert_eq!(window_label(90), "90s");
    }
}
