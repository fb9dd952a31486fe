//! Merged cells → benchmarks: the views (metric, k6 sub-metrics,
//! `--group-by` groups, checks), k6's statistics over each, thresholds and
//! worst-window rates.

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::super::json::Number;
use super::super::k6::{self, Collector, Contains, K6Metric, Type, WireCheck};
use super::Options;
use super::agg::{CellKey, Data, GaugeAgg, Partial, Sum, Values};
use super::defs::{Def, Expr, Method, Registry};
use super::view::{TrendCell, TrendView, rate_of, worst_rates};
use crate::ingest::{ParseError, nanos};
use crate::model::{Benchmark, Direction, Threshold, TimeUnit};

/// A cell at the end, with its key.
struct Item {
    key: CellKey,
    ready: Ready,
}

/// What a cell holds once reading is done.
pub(super) enum Ready {
    /// Sorted and summed by [`sort_trends`].
    Trend(TrendCell),
    /// Values not yet sorted.
    Unsorted(Values),
    Counter(Sum),
    /// Trues, total, and per second `(second, trues, total)`.
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
    for (def, agg) in registry.defs.iter().zip(
        partial
            .metrics
            .into_iter()
            .chain(std::iter::repeat_with(|| None)),
    ) {
        let Some(agg) = agg else { continue };
        let mut cells: Vec<Item> = agg
            .cells
            .into_iter()
            .filter(|c| c.n > 0)
            .map(|c| {
                let ready = match c.data {
                    Data::Trend(values) => Ready::Unsorted(values),
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
                        col(k)
                            .and_then(|i| c.key.get(i))
                            .is_some_and(|got| got.as_deref() == Some(v.as_str()))
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
                    by_check
                        .entry((group.to_owned(), check.to_owned()))
                        .or_default()
                        .push(ready);
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
        out.extras.insert(
            id,
            worst_rates(&seconds, Direction::HigherIsBetter, options),
        );
    }
    let Builder {
        collector,
        extras,
        warnings,
        ..
    } = out;
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

/// Sorts every trend cell and sums it ([`TrendCell`]), the largest first,
/// on `jobs` threads.
fn sort_trends(metrics: &mut [(&Def, Vec<Item>)], jobs: usize) {
    let mut work: Vec<&mut Ready> = metrics
        .iter_mut()
        .flat_map(|(_, cells)| cells.iter_mut())
        .map(|c| &mut c.ready)
        .filter(|r| matches!(r, Ready::Unsorted(_)))
        .collect();
    let len = |r: &Ready| match r {
        Ready::Unsorted(v) => v.len(),
        _ => 0,
    };
    work.sort_by_key(|r| std::cmp::Reverse(len(r)));
    let total: usize = work.iter().map(|r| len(r)).sum();
    let jobs = if total < 1 << 16 {
        1
    } else {
        jobs.clamp(1, work.len().max(1))
    };
    let queue: Vec<Mutex<Option<&mut Ready>>> =
        work.into_iter().map(|r| Mutex::new(Some(r))).collect();
    let next = AtomicUsize::new(0);
    let run = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = queue.get(i) else { break };
            if let Some(ready) = slot.lock().ok().and_then(|mut s| s.take()) {
                let taken = std::mem::replace(ready, Ready::Trend(TrendCell::default()));
                if let Ready::Unsorted(values) = taken {
                    *ready = Ready::Trend(TrendCell::new(values.into_parts()));
                }
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
    fn add(
        &mut self,
        def: &Def,
        id: &str,
        cells: &[&Ready],
        parent: bool,
    ) -> Result<(), ParseError> {
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
                    if let Some(sd) = t.stddev() {
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
                        sum.merge(s);
                    }
                }
                let count = sum.value();
                put("count", count);
                let secs = self.duration_seconds.unwrap_or(0.0);
                stats = Box::new(move |m| {
                    if m == Method::Count {
                        count
                    } else {
                        count / secs
                    }
                });
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
            let direction = bench
                .metrics
                .first()
                .map_or(Direction::HigherIsBetter, |m| m.direction);
            extra.extend(worst_rates(&seconds, direction, self.options));
        }
        self.extras.insert(id.to_owned(), extra);
        self.collector.metric(bench, id.to_owned())
    }
}
