//! Chart data for the HTML report: box plots of raw samples, bars of the
//! two judged values, and history trends. Everything a chart needs is
//! computed and formatted here (positions in data units, tick labels, tool
//! tips); the report's JavaScript only scales and draws.

use serde::Serialize;

use crate::compare::{Distribution, Entry};
use crate::model::Unit;

use super::extras::Trend;
use super::format;

/// A chart of one comparison entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(super) enum Chart {
    /// Baseline and current distributions, where raw samples exist.
    Box {
        /// The axis: `[lo, hi]` in the metric's unit.
        axis: Axis,
        /// One box per side that has samples.
        series: Vec<BoxSeries>,
    },
    /// The two judged values, where there are no samples.
    Bar {
        /// The axis.
        axis: Axis,
        /// One bar per side that has a value.
        series: Vec<BarSeries>,
    },
}

/// A value axis with labelled ticks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct Axis {
    lo: f64,
    hi: f64,
    ticks: Vec<(f64, String)>,
}

/// One side's box: whiskers, quartiles, median and outliers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct BoxSeries {
    side: &'static str,
    /// `[whisker low, q1, median, q3, whisker high]`.
    stats: [f64; 5],
    outliers: Vec<f64>,
    label: String,
}

/// One side's bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct BarSeries {
    side: &'static str,
    value: f64,
    label: String,
}

/// A trend chart: the history's points, then this run's value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct TrendChart {
    axis: Axis,
    points: Vec<(f64, String)>,
    current: Option<(f64, String)>,
    first: String,
    last: String,
}

/// The chart of `entry`: boxes where a side has a distribution (raw
/// samples), bars of the judged values otherwise, none when nothing is
/// finite.
pub(super) fn entry_chart(entry: &Entry) -> Option<Chart> {
    let boxes: Vec<BoxSeries> = [
        ("baseline", &entry.spread.baseline),
        ("current", &entry.spread.current),
    ]
    .into_iter()
    .filter_map(|(side, d)| d.as_ref().map(|d| box_series(side, d, &entry.unit)))
    .collect();
    if !boxes.is_empty() {
        let values = boxes
            .iter()
            .flat_map(|b| b.stats.iter().chain(&b.outliers).copied());
        let axis = axis(padded(values, 0.06)?, &entry.unit);
        return Some(Chart::Box {
            axis,
            series: boxes,
        });
    }
    let bars: Vec<BarSeries> = [("baseline", entry.baseline), ("current", entry.current)]
        .into_iter()
        .filter_map(|(side, value)| {
            let value = value.filter(|v| v.is_finite())?;
            Some(BarSeries {
                side,
                value,
                label: format::value(value, &entry.unit),
            })
        })
        .collect();
    let lo = bars.iter().map(|b| b.value).fold(0.0, f64::min);
    let hi = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    if bars.is_empty() {
        return None;
    }
    let (lo, hi) = padded([lo, hi].into_iter(), 0.1)?;
    let lo = if bars.iter().all(|b| b.value >= 0.0) {
        0.0
    } else {
        lo
    };
    Some(Chart::Bar {
        axis: axis((lo, hi), &entry.unit),
        series: bars,
    })
}

fn box_series(side: &'static str, d: &Distribution, unit: &Unit) -> BoxSeries {
    let show = |v: f64| format::value(v, unit);
    BoxSeries {
        side,
        stats: [d.whiskers.0, d.q1, d.median, d.q3, d.whiskers.1],
        outliers: d.outliers.clone(),
        label: format!(
            "{side}: median {}, IQR {} – {}, range {} – {}, n {}",
            show(d.median),
            show(d.q1),
            show(d.q3),
            show(d.min),
            show(d.max),
            format::count(usize::try_from(d.n).unwrap_or(usize::MAX))
        ),
    }
}

/// The history of `trend`, then this run's value of `entry` when it judges
/// the same statistic.
pub(super) fn trend_chart(trend: &Trend, entry: Option<&Entry>) -> Option<TrendChart> {
    let show = |v: f64| format::value(v, &trend.unit);
    let points: Vec<(f64, String)> = trend
        .points
        .iter()
        .filter(|p| p.value.is_finite())
        .map(|p| {
            (
                p.value,
                format!("{} · {} · {}", p.commit, date(p.time), show(p.value)),
            )
        })
        .collect();
    let current = entry
        .filter(|e| {
            e.statistic.as_deref() == Some(trend.statistic.as_str()) && e.unit == trend.unit
        })
        .and_then(|e| e.current)
        .filter(|v| v.is_finite())
        .map(|v| (v, format!("this run · {}", show(v))));
    let values = points.iter().chain(&current).map(|(v, _)| *v);
    let range = padded(values, 0.1)?;
    let first = trend
        .points
        .first()
        .map(|p| p.commit.clone())
        .unwrap_or_default();
    let last = if current.is_some() {
        "this run".to_owned()
    } else {
        trend
            .points
            .last()
            .map(|p| p.commit.clone())
            .unwrap_or_default()
    };
    Some(TrendChart {
        axis: axis(range, &trend.unit),
        points,
        current,
        first,
        last,
    })
}

/// `2026-01-02` for a Unix time, or empty when out of range.
fn date(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.strftime("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The range of `values` widened by `pad` of its width on each side (or
/// around a single value); `None` when there are no values.
fn padded(values: impl Iterator<Item = f64>, pad: f64) -> Option<(f64, f64)> {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !(lo.is_finite() && hi.is_finite()) {
        return None;
    }
    let width = hi - lo;
    let margin = if width > 0.0 {
        width * pad
    } else if lo != 0.0 {
        lo.abs() * 0.1
    } else {
        1.0
    };
    Some((lo - margin, hi + margin))
}

/// An axis over `[lo, hi]` with about five ticks at round numbers.
fn axis((lo, hi): (f64, f64), unit: &Unit) -> Axis {
    let step = nice_step((hi - lo) / 4.0);
    let mut ticks = Vec::new();
    if step > 0.0 && step.is_finite() {
        let first = (lo / step).ceil() as i64;
        let last = (hi / step).floor() as i64;
        for k in first..=last.min(first + 12) {
            let at = k as f64 * step;
            let at = if at.abs() < step * 1e-9 { 0.0 } else { at };
            ticks.push((at, format::value(at, unit)));
        }
    }
    Axis { lo, hi, ticks }
}

/// 1, 2 or 5 times a power of ten, near `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 0.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction >= 7.5 {
        10.0
    } else if fraction >= 3.5 {
        5.0
    } else if fraction >= 1.5 {
        2.0
    } else {
        1.0
    };
    nice * magnitude
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(0.3), 0.2);
        assert_eq!(nice_step(4.0), 5.0);
        assert_eq!(nice_step(80.0), 100.0);
        assert_eq!(nice_step(0.0), 0.0);
        assert_eq!(nice_step(f64::NAN), 0.0);
    }

    #[test]
    fn ticks_stay_inside_the_axis() {
        let a = axis((0.93, 2.11), &Unit::Count);
        assert!(a.ticks.len() >= 3, "{a:?}");
        assert!(a.ticks.iter().all(|(t, _)| *t >= 0.93 && *t <= 2.11));
        assert_eq!(a.ticks[0].1, "1.000");
    }

    #[test]
    fn a_single_value_still_gets_a_range() {
        assert_eq!(padded([5.0].into_iter(), 0.1), Some((4.5, 5.5)));
        assert_eq!(padded([0.0].into_iter(), 0.1), Some((-1.0, 1.0)));
        assert_eq!(padded(std::iter::empty(), 0.1), None);
    }

    #[test]
    fn boxes_use_tukey_whiskers() {
        let mut values: Vec<f64> = (1..=20).map(f64::from).collect();
        values.push(100.0);
        let d = Distribution::of(&values).unwrap();
        let b = box_series("current", &d, &Unit::Count);
        assert_eq!(b.stats[4], 20.0);
        assert_eq!(b.outliers, vec![100.0]);
        assert!(
            b.label.ends_with("range 1.000 – 100.0, n 21"),
            "{}",
            b.label
        );
        assert!(Distribution::of(&[1.0, f64::NAN]).is_none());
    }
}
