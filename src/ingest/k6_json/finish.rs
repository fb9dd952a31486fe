//! Merged cells → benchmarks: the views (metric, k6 sub-metrics,
//! `--group-by` groups, checks), k6's statistics over each, thresholds and
//! worst-window rates.

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::super::json::Number;
use super::super::k6::{self, Collector, Contains, K6Metric, Type, WireCheck};
use super::agg::{CellKey, Data, GaugeAgg, Partial, Sum};
use super::defs::{Def, Expr, Method, Registry};
use super::Options;
use crate::ingest::{ParseError, nanos};
use crate::model::{Benchmark, Direction, Threshold, TimeUnit};

/// A cell, ready to be read: trend values sorted.
struct Item {
    key: CellKey,
    ready: Ready,
}

enum Ready {
    Trend(Vec<f64>),
    Counter(Sum),
    Rate(u64, u64, Vec<(i64, u64, u64)>),
    Gauge(Option<GaugeAgg>),
}

/// The run's benchmarks, and warnings (thresholds k6 would not accept).
pub(super) fn benchmarks(
    registry: &Registry,
    partial: Partial,
    duration_seconds: Option<f64>,
    options: &Options,
) -> Result<(Vec<Benchmark>, Vec<String>), ParseError> {
    let mut metrics: Vec<(&Def, Vec<Item>)> = Vec::new();
    for (def, agg) in registry.defs.iter().zip(partial.metrics.into_iter().chain(std::iter::repeat_with(|| None))) {
        let Some(agg) = agg else { continue };
        let mut cells: Vec<Item> = agg
            .cells
            .into_iter()
            .filter(|c| c.n > 0)
            .map(|c| {
                let ready = match c.data {
                    Data::Trend(values) => Ready::Trend(values.into_vec()),
                    Data::Counter(sum) => Ready::Counter(sum),
                    Data::Rate(r) => Ready::Rate(r.trues, r.total, r.per_second()),
                    Data::Gauge(g) => Ready::Gauge(g),
                };
                Item { key: c.key, ready }
            })
            .collect();
        if cells.is_empty() {
            continue;
        }
        cells.sort_by(|a, b| a.key.cmp(&b.key));
        metrics.push((def, cells));
    }
    sort_trends(&mut metrics, options.jobs);
    metrics.sort_by(|a, b| a.0.name.cmp(&b.0.name));

    let mut out = Builder {
        collector: Collector::default(),
        ids: HashSet::new(),
        extras: BTreeMap::new(),
        warnings: Vec::new(),
        duration_seconds,
        options,
    };
    let mut checks: Vec<(String, String, Vec<&Ready>)> = Vec::new();
    for (def, cells) in &metrics {
        let col = |tag: &str| def.relevant.iter().position(|k| k == tag);
        let all: Vec<&Ready> = cells.iter().map(|c| &c.ready).collect();
        out.add(def, &def.name, &all, true)?;
        let mut views: BTreeMap<String, Vec<&Ready>> = BTreeMap::new();
        for (name, tags) in &def.submetrics {
            let matching: Vec<&Ready> = cells
                .iter()
                .filter(|c| {
                    tags.iter().all(|(k, v)| {
                        col(k).and_then(|i| c.key.get(i)).is_some_and(|got| got.as_deref() == Some(v.as_str()))
                    })
                })
                .map(|c| &c.ready)
                .collect();
            if !matching.is_empty() {
                views.insert(name.clone(), matching);
            }
        }
        for (name, view) in views {
            out.add(def, &name, &view, false)?;
        }
        let mut group_by: Vec<&String> = options.group_by.iter().collect();
        group_by.sort();
        group_by.dedup();
        let mut groups: BTreeMap<String, Vec<&Ready>> = BTreeMap::new();
        for Item { key, ready, .. } in cells {
            let parts: Vec<String> = group_by
                .iter()
                .filter_map(|tag| {
                    let value = col(tag).and_then(|i| key.get(i))?.as_deref()?;
                    Some(format!("{tag}:{value}"))
                })
                .collect();
            if !parts.is_empty() {
                let id = format!("{}{{{}}}", def.name, parts.join(","));
                groups.entry(id).or_default().push(ready);
            }
        }
        if def.name == "checks" && def.kind == Type::Rate {
            let mut by_check: BTreeMap<(String, String), Vec<&Ready>> = BTreeMap::new();
            for Item { key, ready, .. } in cells {
                let get = |tag| col(tag).and_then(|i| key.get(i)).and_then(|v| v.as_deref());
                if let Some(check) = get("check") {
                    let group = get("group").unwrap_or_default();
                    by_check.entry((group.to_owned(), check.to_owned())).or_default().push(ready);
                }
            }
            for ((group, check), view) in by_check {
                out.ids.insert(check_id(&group, &check));
                checks.push((group, check, view));
            }
        }
        for (id, view) in groups {
            if !out.ids.contains(&id) {
                out.add(def, &id, &view, false)?;
            }
        }
    }
    for (group, check, view) in checks {
        let (trues, total, seconds) = rate_of(&view);
        let id = check_id(&group, &check);
        let wire = WireCheck {
            name: Some(check),
            passes: Number(trues as f64),
            fails: Number((total - trues) as f64),
        };
        out.collector.check(&wire, None, &group, id.clone())?;
        out.extras.insert(id, worst_rates(&seconds, Direction::HigherIsBetter, options));
    }
    let Builder { collector, extras, warnings, .. } = out;
    let mut benches = collector.finish();
    for bench in &mut benches {
        if let (Some(extra), Some(metric)) = (extras.get(&bench.id), bench.metrics.first_mut()) {
            for (key, value) in extra {
                metric.summary.set(key, *value);
            }
        }
    }
    Ok((benches, warnings))
}

/// The id of a check, as the summary adapters name it ([`Collector::check`]).
fn check_id(group: &str, check: &str) -> String {
    if group.is_empty() {
        format!("checks{{check:{check}}}")
    } else {
        format!("checks{{group:{group},check:{check}}}")
    }
}

/// Sorts every trend cell, the largest first, on `jobs` threads.
fn sort_trends(metrics: &mut [(&Def, Vec<Item>)], jobs: usize) {
    let mut work: Vec<&mut Vec<f64>> = metrics
        .iter_mut()
        .flat_map(|(_, cells)| cells.iter_mut())
        .filter_map(|c| match &mut c.ready {
            Ready::Trend(v) => Some(v),
            _ => None,
        })
        .collect();
    work.sort_by_key(|v| std::cmp::Reverse(v.len()));
    let total: usize = work.iter().map(|v| v.len()).sum();
    let jobs = if total < 1 << 16 { 1 } else { jobs.clamp(1, work.len().max(1)) };
    let queue: Vec<Mutex<Option<&mut Vec<f64>>>> = work.into_iter().map(|v| Mutex::new(Some(v))).collect();
    let next = AtomicUsize::new(0);
    let run = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = queue.get(i) else { break };
            if let Some(v) = slot.lock().ok().and_then(|mut s| s.take()) {
                v.sort_unstable_by(f64::total_cmp);
            }
        }
    };
    if jobs == 1 {
        run();
    } else {
        std::thread::scope(|s| {
            for _ in 0..jobs {
                s.spawn(run);
            }
        });
    }
}

struct Builder<'o> {
    collector: Collector,
    ids: HashSet<String>,
    extras: BTreeMap<String, Vec<(String, f64)>>,
    warnings: Vec<String>,
    duration_seconds: Option<f64>,
    options: &'o Options,
}

impl Builder<'_> {
    /// Adds the benchmark `id`, a view of `def` made of `cells`; `parent`
    /// views get the metric's thresholds.
    fn add(&mut self, def: &Def, id: &str, cells: &[&Ready], parent: bool) -> Result<(), ParseError> {
        if !self.ids.insert(id.to_owned()) {
            return Ok(());
        }
        let mut values: BTreeMap<String, Number> = BTreeMap::new();
        let mut put = |k: &str, v: f64| values.insert(k.to_owned(), Number(v));
        let mut extra: Vec<(String, f64)> = Vec::new();
        let mut seconds = Vec::new();
        let stats: Box<dyn Fn(Method) -> f64 + '_>;
        match def.kind {
            Type::Trend => {
                let t = TrendView::new(cells);
                put("count", t.n as f64);
                if t.n > 0 {
                    let mean = t.sum / t.n as f64;
                    put("avg", mean);
                    put("min", t.min);
                    put("max", t.max);
                    let qs = [50.0, 90.0, 95.0, 99.0];
                    for q in qs.iter().chain(self.options.percentiles.iter()) {
                        put(&format!("p({q})"), t.percentile(*q));
                    }
                    if let Some(sd) = t.stddev(mean) {
                        let sd = match def.contains {
                            Contains::Time => nanos(sd, TimeUnit::Milliseconds, id)?,
                            _ => sd,
                        };
                        extra.push(("stddev".into(), sd));
                    }
                }
                let (n, sum, min, max) = (t.n, t.sum, t.min, t.max);
                stats = Box::new(move |m| match (n, m) {
                    (0, _) => 0.0,
                    (_, Method::Avg) => sum / n as f64,
                    (_, Method::Min) => min,
                    (_, Method::Max) => max,
                    (_, Method::Med) => t.percentile(50.0),
                    (_, Method::P(q)) => t.percentile(q),
                    _ => f64::NAN,
                });
            }
            Type::Counter => {
                let mut sum = Sum::default();
                for c in cells {
                    if let Ready::Counter(s) = c {
                        sum.merge(*s);
                    }
                }
                let count = sum.value();
                put("count", count);
                let secs = self.duration_seconds.unwrap_or(0.0);
                stats = Box::new(move |m| if m == Method::Count { count } else { count / secs });
            }
            Type::Rate => {
                let (trues, total, per_second) = rate_of(cells);
                put("passes", trues as f64);
                put("fails", (total - trues) as f64);
                seconds = per_second;
                stats = Box::new(move |_| trues as f64 / total as f64);
            }
            Type::Gauge => {
                let mut g: Option<GaugeAgg> = None;
                for c in cells {
                    if let Ready::Gauge(Some(x)) = c {
                        match &mut g {
                            Some(g) => g.merge(*x),
                            None => g = Some(*x),
                        }
                    }
                }
                let Some(g) = g else { return Ok(()) };
                put("value", g.last);
                put("min", g.min);
                put("max", g.max);
                stats = Box::new(move |_| g.last);
            }
        }
        let mut thresholds = Vec::new();
        if parent {
            for source in &def.thresholds {
                match Expr::parse(source, def.kind) {
                    Ok(expr) => thresholds.push(Threshold {
                        expression: source.clone(),
                        passed: expr.passes(stats(expr.method)),
                    }),
                    Err(why) => self.warnings.push(format!(
                        "metric {}: cannot evaluate threshold \"{source}\": {why}",
                        def.name
                    )),
                }
            }
        }
        let metric = K6Metric {
            name: id,
            kind: def.kind,
            contains: def.contains.clone(),
            values: &values,
            values_path: id.to_owned(),
            thresholds,
        };
        let bench = k6::benchmark(metric, self.duration_seconds)?;
        if def.kind == Type::Rate {
            let direction = bench.metrics.first().map_or(Direction::HigherIsBetter, |m| m.direction);
            extra.extend(worst_rates(&seconds, direction, self.options));
        }
        self.extras.insert(id.to_owned(), extra);
        self.collector.metric(bench, id.to_owned())
    }
}

/// Sums the rate cells of a view: (trues, total, per-second counts).
fn rate_of(cells: &[&Ready]) -> (u64, u64, Vec<(i64, u64, u64)>) {
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
    (trues, total, seconds.into_iter().map(|(s, (t, n))| (s, t, n)).collect())
}

/// `worst_rate_<window>` for each window: the highest rate (for a rate
/// where lower is better, e.g. `http_req_failed`) or the lowest (e.g.
/// `checks`) over every window of that many whole seconds that lies within
/// the metric's first and last second, sliding by one second; the whole
/// span when it is shorter than the window.
fn worst_rates(seconds: &[(i64, u64, u64)], direction: Direction, options: &Options) -> Vec<(String, f64)> {
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
        let (a, b) = (prefix.get(lo).copied().unwrap_or_default(), prefix.get(hi).copied().unwrap_or_default());
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
            Direction::LowerIsBetter => rates.fold(None, |a: Option<f64>, r| Some(a.map_or(r, |a| a.max(r)))),
            Direction::HigherIsBetter => rates.fold(None, |a: Option<f64>, r| Some(a.map_or(r, |a| a.min(r)))),
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
struct TrendView<'a> {
    parts: Vec<&'a [f64]>,
    n: usize,
    sum: f64,
    min: f64,
    max: f64,
}

impl<'a> TrendView<'a> {
    fn new(cells: &[&'a Ready]) -> Self {
        let parts: Vec<&[f64]> = cells
            .iter()
            .filter_map(|c| match c {
                Ready::Trend(v) if !v.is_empty() => Some(v.as_slice()),
                _ => None,
            })
            .collect();
        let mut sum = Sum::default();
        let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
        for p in &parts {
            p.iter().for_each(|&x| sum.add(x));
            min = min.min(p.first().copied().unwrap_or(min));
            max = max.max(p.last().copied().unwrap_or(max));
        }
        let n = parts.iter().map(|p| p.len()).sum();
        Self { parts, n, sum: sum.value(), min, max }
    }

    /// Sample standard deviation (two passes), `None` below two values.
    fn stddev(&self, mean: f64) -> Option<f64> {
        (self.n > 1).then(|| {
            let mut ss = Sum::default();
            for p in &self.parts {
                p.iter().for_each(|&x| ss.add((x - mean) * (x - mean)));
            }
            (ss.value() / (self.n - 1) as f64).sqrt()
        })
    }

    /// k6's `TrendSink.P(q/100)` over the union of the parts (the formula
    /// of `stats::percentile_sorted`): `h = q/100·(n−1)`, interpolated
    /// between the ⌊h⌋-th and ⌈h⌉-th smallest values.
    fn percentile(&self, q: f64) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        let h = q.clamp(0.0, 100.0) / 100.0 * (self.n - 1) as f64;
        let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
        let lower = self.kth(lo);
        let upper = if hi > lo { self.kth(hi) } else { lower };
        (lower + (h - lo as f64) * (upper - lower)).max(lower).min(upper)
    }

    /// The k-th smallest value (0-based) of the union of the sorted parts:
    /// a binary search over the order-preserving integer image of f64.
    fn kth(&self, k: usize) -> f64 {
        if let [only] = self.parts.as_slice() {
            return only.get(k).copied().unwrap_or(f64::NAN);
        }
        let key = |x: f64| {
            let b = x.to_bits();
            if b >> 63 == 1 { !b } else { b | 1 << 63 }
        };
        let (mut lo, mut hi) = (key(self.min), key(self.max));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let at_most: usize = self.parts.iter().map(|p| p.partition_point(|&x| key(x) <= mid)).sum();
            if at_most > k {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        f64::from_bits(if lo >> 63 == 1 { lo & !(1 << 63) } else { !lo })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_percentiles_equal_those_of_the_concatenation() {
        let a = Ready::Trend(vec![-3.0, 0.5, 2.0, 2.0, 9.0]);
        let b = Ready::Trend(vec![-0.0, 1.0, 2.0, 40.0]);
        let c = Ready::Trend(vec![7.5]);
        let view = TrendView::new(&[&a, &b, &c]);
        let mut all = vec![-3.0, 0.5, 2.0, 2.0, 9.0, -0.0, 1.0, 2.0, 40.0, 7.5];
        all.sort_by(f64::total_cmp);
        for q in [0.0, 10.0, 25.0, 50.0, 90.0, 95.0, 99.0, 99.9, 100.0] {
            let want = crate::stats::percentile_sorted(&all, q);
            assert_eq!(view.percentile(q), want, "p{q}");
        }
        assert_eq!((view.n, view.min, view.max, view.sum), (10, -3.0, 40.0, 61.0));
    }

    #[test]
    fn worst_windows_slide_by_the_second() {
        // 10 s of 10 requests each; seconds 3 and 4 fail half.
        let seconds: Vec<(i64, u64, u64)> = (0..10).map(|s| (s, if s == 3 || s == 4 { 5 } else { 0 }, 10)).collect();
        let options = Options {
            windows: vec![std::time::Duration::from_secs(2), std::time::Duration::from_secs(60)],
            ..Options::default()
        };
        let worst = worst_rates(&seconds, Direction::LowerIsBetter, &options);
        assert_eq!(worst, [("worst_rate_2s".to_owned(), 0.5), ("worst_rate_1m".to_owned(), 0.1)]);
        let best = worst_rates(&seconds, Direction::HigherIsBetter, &options);
        assert_eq!(best[0], ("worst_rate_2s".to_owned(), 0.0));
        assert_eq!(window_label(300), "5m");
        assert_eq!(window_label(90), "90s");
    }
}
