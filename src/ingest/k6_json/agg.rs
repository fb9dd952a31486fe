//! Partial aggregates of one worker, and their exact merge.
//!
//! Every point lands in exactly one *cell*: its metric plus the values of
//! the metric's relevant tags (`Def::relevant`). The parent metric, each
//! k6 sub-metric, each `--group-by` group and each check is a union of
//! cells, formed at the end (`finish.rs`), so a trend value is stored once
//! (8 bytes) however many views it belongs to. Tags are interned by their
//! raw bytes: one request's ~10 points share one tag object, so the common
//! case is a byte comparison with the previous line's tags.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::super::k6::{Contains, Type};
use super::defs::{Pos, Registry};
use super::names::Names;
pub(super) use super::sinks::{FastMap, GaugeAgg, RateAgg, Sum, Values};

/// The values of a metric's relevant tags, in `Def::relevant` order.
pub(super) type CellKey = Box<[Option<Box<str>>]>;

/// At most this many distinct tag objects are interned per worker; beyond
/// it (high-cardinality tags such as unique URLs) tags are parsed per line.
const MAX_TAGSETS: usize = 16_384;

/// What a cell holds, by metric type.
#[derive(Debug)]
pub(super) enum Data {
    Trend(Values),
    Counter(Sum),
    Rate(RateAgg),
    Gauge(Option<GaugeAgg>),
}

/// Points of one metric with the same relevant tag values.
#[derive(Debug)]
pub(super) struct Cell {
    pub key: CellKey,
    /// Points added.
    pub n: u64,
    pub data: Data,
}

impl Cell {
    fn merge(&mut self, other: Cell) {
        self.n += other.n;
        match (&mut self.data, other.data) {
            (Data::Trend(a), Data::Trend(b)) => a.merge(b),
            (Data::Counter(a), Data::Counter(b)) => a.merge(&b),
            (Data::Rate(a), Data::Rate(b)) => a.merge(b),
            (Data::Gauge(a), Data::Gauge(Some(b))) => match a {
                Some(a) => a.merge(b),
                None => *a = Some(b),
            },
            _ => {}
        }
    }
}

/// One metric's cells.
#[derive(Debug)]
pub(super) struct MetricAgg {
    kind: Type,
    time: bool,
    relevant: Arc<[String]>,
    /// Interned tag object id → cell index + 1 (0: not routed yet).
    by_tagset: Vec<u32>,
    index: HashMap<CellKey, usize>,
    pub cells: Vec<Cell>,
}

impl MetricAgg {
    fn new(kind: Type, contains: &Contains, relevant: Arc<[String]>) -> Self {
        Self {
            kind,
            time: *contains == Contains::Time && kind == Type::Trend,
            relevant,
            by_tagset: Vec::new(),
            index: HashMap::new(),
            cells: Vec::new(),
        }
    }

    fn cell<'t>(&mut self, tags: impl Iterator<Item = (&'t str, &'t str)> + Clone) -> usize {
        let key: CellKey = self
            .relevant
            .iter()
            .map(|k| {
                tags.clone()
                    .filter(|(t, _)| t == k)
                    .last()
                    .map(|(_, v)| v.into())
            })
            .collect();
        self.cell_for_key(key)
    }

    fn cell_for_key(&mut self, key: CellKey) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let data = match self.kind {
            Type::Trend => Data::Trend(Values::default()),
            Type::Counter => Data::Counter(Sum::default()),
            Type::Rate => Data::Rate(RateAgg::default()),
            Type::Gauge => Data::Gauge(None),
        };
        self.cells.push(Cell {
            key: key.clone(),
            n: 0,
            data,
        });
        self.index.insert(key, self.cells.len() - 1);
        self.cells.len() - 1
    }

    fn add(&mut self, cell: usize, time: i64, value: f64, at: Pos) -> Result<(), String> {
        let Some(cell) = self.cells.get_mut(cell) else {
            return Err("internal: cell index".into());
        };
        if self.time && value < 0.0 {
            return Err(format!(
                "expected a non-negative time (milliseconds), found {value}"
            ));
        }
        cell.n += 1;
        match &mut cell.data {
            Data::Trend(values) => values.push(value),
            Data::Counter(sum) => sum.add(value),
            Data::Rate(rate) => rate.add(time, value != 0.0),
            Data::Gauge(gauge) => match gauge {
                Some(g) => g.add(value, time, at),
                None => {
                    *gauge = Some(GaugeAgg {
                        last: value,
                        last_at: (time, at),
                        min: value,
                        max: value,
                    });
                }
            },
        }
        Ok(())
    }

    /// Merges `other` (of the same metric) into this one.
    pub fn merge(&mut self, other: MetricAgg) {
        for cell in other.cells {
            let i = self.cell_for_key(cell.key.clone());
            if let Some(mine) = self.cells.get_mut(i) {
                mine.merge(cell);
            }
        }
    }
}

/// One tag object's `(key, value)` pairs.
type Tagset = Box<[(Box<str>, Box<str>)]>;

/// How many recently seen tag objects are compared before hashing: k6
/// writes each request's points together, then its checks and iteration
/// points, so a handful of tag objects take turns.
const RECENT: usize = 8;

/// Interned tag objects, by their raw bytes.
#[derive(Debug, Default)]
struct Tagsets {
    ids: FastMap<Box<[u8]>, u32>,
    sets: Vec<Tagset>,
    /// By id: the raw bytes.
    raw: Vec<Box<[u8]>>,
    /// Recently used ids, most recent first.
    recent: Vec<u32>,
}

/// Why a point could not be added.
#[derive(Debug)]
pub(super) enum Refused {
    /// The fast path's tags are not plain JSON: parse the line with serde.
    Fallback,
    /// The point is wrong; the message says why.
    Bad(String),
}

/// A worker's partial aggregate of the points it read.
#[derive(Debug, Default)]
pub(super) struct Partial {
    /// By registry index.
    pub metrics: Vec<Option<MetricAgg>>,
    /// Earliest and latest point time (Unix ns).
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub points: u64,
    tagsets: Tagsets,
    names: Names,
}

/// The metric `name`'s aggregate, checking it was defined before `at`.
fn metric<'m>(
    metrics: &'m mut Vec<Option<MetricAgg>>,
    names: &mut Names,
    name: &[u8],
    at: Pos,
    registry: &Mutex<Registry>,
) -> Result<&'m mut MetricAgg, Refused> {
    let index = match names.get(name) {
        Some(i) => i,
        None => {
            let registry = registry
                .lock()
                .map_err(|_| Refused::Bad("internal: lock".into()))?;
            let shown = || {
                String::from_utf8_lossy(name)
                    .chars()
                    .take(64)
                    .collect::<String>()
            };
            let i = registry.index(name).ok_or_else(|| {
                Refused::Bad(format!(
                    "point of metric \"{}\" before any Metric line defines it",
                    shown()
                ))
            })?;
            let def = registry.defs.get(i).ok_or(Refused::Fallback)?;
            if def.at > at {
                return Err(Refused::Bad(format!(
                    "point of metric \"{}\" before the Metric line that defines it",
                    shown()
                )));
            }
            if metrics.len() <= i {
                metrics.resize_with(i + 1, || None);
            }
            if let Some(slot @ None) = metrics.get_mut(i) {
                *slot = Some(MetricAgg::new(
                    def.kind,
                    &def.contains,
                    def.relevant.clone(),
                ));
            }
            names.insert(name, i);
            i
        }
    };
    metrics
        .get_mut(index)
        .and_then(Option::as_mut)
        .ok_or_else(|| Refused::Bad("internal: metric index".into()))
}

impl Partial {
    fn see(&mut self, time: i64) {
        self.start = Some(self.start.map_or(time, |s| s.min(time)));
        self.end = Some(self.end.map_or(time, |e| e.max(time)));
        self.points += 1;
    }

    /// Adds a point whose tags are the raw JSON `tags` (fast path).
    pub fn add_raw(
        &mut self,
        name: &[u8],
        time: i64,
        value: f64,
        tags: &[u8],
        at: Pos,
        registry: &Mutex<Registry>,
    ) -> Result<(), Refused> {
        let id = self.tagset(tags)?;
        let metric = metric(&mut self.metrics, &mut self.names, name, at, registry)?;
        let cell = match id {
            Some(id) => {
                let slot = id as usize;
                match metric.by_tagset.get(slot) {
                    Some(&c) if c > 0 => c as usize - 1,
                    _ => {
                        let set = self.tagsets.sets.get(slot).ok_or(Refused::Fallback)?;
                        let c = metric.cell(set.iter().map(|(k, v)| (&**k, &**v)));
                        if metric.by_tagset.len() <= slot {
                            metric.by_tagset.resize(slot + 1, 0);
                        }
                        if let Some(s) = metric.by_tagset.get_mut(slot) {
                            *s = u32::try_from(c + 1).unwrap_or(0);
                        }
                        c
                    }
                }
            }
            None => match super::line::fast_tags(tags) {
                Some(pairs) => metric.cell(pairs.into_iter()),
                None => {
                    let pairs = super::line::slow_tags(tags).ok_or(Refused::Fallback)?;
                    metric.cell(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                }
            },
        };
        metric.add(cell, time, value, at).map_err(Refused::Bad)?;
        self.see(time);
        Ok(())
    }

    /// Adds a point read by serde.
    pub fn add_parsed(
        &mut self,
        name: &str,
        time: i64,
        value: f64,
        tags: &[(String, String)],
        at: Pos,
        registry: &Mutex<Registry>,
    ) -> Result<(), Refused> {
        let metric = metric(
            &mut self.metrics,
            &mut self.names,
            name.as_bytes(),
            at,
            registry,
        )?;
        let cell = metric.cell(tags.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        metric.add(cell, time, value, at).map_err(Refused::Bad)?;
        self.see(time);
        Ok(())
    }

    /// The interned id of a raw tag object; `None` when the table is full.
    fn tagset(&mut self, raw: &[u8]) -> Result<Option<u32>, Refused> {
        let t = &mut self.tagsets;
        let seen = t.recent.iter().position(|&id| {
            t.raw
                .get(id as usize)
                .is_some_and(|r| r.len() == raw.len() && **r == *raw)
        });
        if let Some(i) = seen {
            let id = t.recent.get(i).copied();
            if let Some(front) = t.recent.get_mut(..=i) {
                front.rotate_right(1);
            }
            return Ok(id);
        }
        let id = match t.ids.get(raw) {
            Some(&id) => Some(id),
            None if t.sets.len() >= MAX_TAGSETS => None,
            None => {
                let pairs: Vec<(Box<str>, Box<str>)> = match super::line::fast_tags(raw) {
                    Some(p) => p.into_iter().map(|(k, v)| (k.into(), v.into())).collect(),
                    None => super::line::slow_tags(raw)
                        .ok_or(Refused::Fallback)?
                        .into_iter()
                        .map(|(k, v)| (k.into(), v.into()))
                        .collect(),
                };
                let id = u32::try_from(t.sets.len()).map_err(|_| Refused::Fallback)?;
                t.sets.push(pairs.into());
                t.ids.insert(raw.into(), id);
                t.raw.push(raw.into());
                Some(id)
            }
        };
        if let Some(id) = id {
            if t.recent.len() == RECENT {
                t.recent.pop();
            }
            t.recent.insert(0, id);
        }
        Ok(id)
    }

    /// Merges another worker's partial into this one (interning tables are
    /// per worker and dropped).
    pub fn merge(&mut self, other: Partial) {
        if self.metrics.len() < other.metrics.len() {
            self.metrics.resize_with(other.metrics.len(), || None);
        }
        for (mine, theirs) in self.metrics.iter_mut().zip(other.metrics) {
            match (mine.as_mut(), theirs) {
                (Some(m), Some(t)) => m.merge(t),
                (None, Some(t)) => *mine = Some(t),
                _ => {}
            }
        }
        self.start = [self.start, other.start].into_iter().flatten().min();
        self.end = [self.end, other.end].into_iter().flatten().max();
        self.points += other.points;
    }

    /// Drops the per-worker lookup tables (before keeping a partial).
    pub fn compact(&mut self) {
        self.tagsets = Tagsets::default();
        self.names = Names::default();
        for m in self.metrics.iter_mut().flatten() {
            m.by_tagset = Vec::new();
        }
    }
}
