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
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};

use super::super::k6::{Contains, Type};
use super::defs::{Pos, Registry};

/// The values of a metric's relevant tags, in `Def::relevant` order.
pub(super) type CellKey = Box<[Option<Box<str>>]>;

/// At most this many distinct tag objects are interned per worker; beyond
/// it (high-cardinality tags such as unique URLs) tags are parsed per line.
const MAX_TAGSETS: usize = 16_384;

/// Trend values are kept in segments of this many, so growing never copies
/// and never holds more than one partly filled segment per cell.
const SEGMENT: usize = 8192;

/// FxHash-style hasher for byte keys (std's SipHash is several times
/// slower on the ~200-byte tag objects hashed per point).
#[derive(Default, Clone, Copy)]
pub(super) struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            h = (h.rotate_left(26) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        let mut tail = [0u8; 8];
        let rest = chunks.remainder();
        tail.get_mut(..rest.len()).map(|t| t.copy_from_slice(rest));
        self.0 = (h.rotate_left(26) ^ u64::from_le_bytes(tail) ^ bytes.len() as u64).wrapping_mul(K);
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// Neumaier-compensated sum: the result does not depend on how points
/// were split between workers beyond the last bit.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Sum {
    sum: f64,
    compensation: f64,
}

impl Sum {
    pub fn add(&mut self, x: f64) {
        let t = self.sum + x;
        self.compensation += if self.sum.abs() >= x.abs() {
            (self.sum - t) + x
        } else {
            (x - t) + self.sum
        };
        self.sum = t;
    }

    pub fn merge(&mut self, other: Sum) {
        self.add(other.sum);
        self.add(other.compensation);
    }

    pub fn value(self) -> f64 {
        self.sum + self.compensation
    }
}

/// A trend's values, in segments.
#[derive(Debug, Default)]
pub(super) struct Values {
    full: Vec<Box<[f64]>>,
    current: Vec<f64>,
}

impl Values {
    fn push(&mut self, v: f64) {
        if self.current.len() == SEGMENT {
            let full = std::mem::replace(&mut self.current, Vec::with_capacity(SEGMENT));
            self.full.push(full.into_boxed_slice());
        }
        self.current.push(v);
    }

    pub fn len(&self) -> usize {
        self.full.len() * SEGMENT + self.current.len()
    }

    fn merge(&mut self, other: Values) {
        self.full.extend(other.full);
        for v in other.current {
            self.push(v);
        }
    }

    /// All values in one exactly sized vector, freeing segments as they
    /// are copied.
    pub fn into_vec(self) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.len());
        for segment in self.full {
            out.extend_from_slice(&segment);
        }
        out.extend_from_slice(&self.current);
        out
    }
}

/// A rate's true/total counts, overall and per second (for worst-window
/// rates).
#[derive(Debug, Default)]
pub(super) struct RateAgg {
    pub trues: u64,
    pub total: u64,
    current_second: i64,
    current: (u64, u64),
    seconds: FastMap<i64, (u64, u64)>,
}

impl RateAgg {
    fn add(&mut self, time: i64, truthy: bool) {
        let second = time.div_euclid(1_000_000_000);
        if second != self.current_second {
            self.flush();
            self.current_second = second;
        }
        self.current.0 += u64::from(truthy);
        self.current.1 += 1;
        self.trues += u64::from(truthy);
        self.total += 1;
    }

    fn flush(&mut self) {
        if self.current.1 > 0 {
            let slot = self.seconds.entry(self.current_second).or_default();
            slot.0 += self.current.0;
            slot.1 += self.current.1;
            self.current = (0, 0);
        }
    }

    fn merge(&mut self, mut other: RateAgg) {
        other.flush();
        self.flush();
        self.trues += other.trues;
        self.total += other.total;
        for (second, (t, n)) in other.seconds {
            let slot = self.seconds.entry(second).or_default();
            slot.0 += t;
            slot.1 += n;
        }
    }

    /// `(second, trues, total)` sorted by second.
    pub fn per_second(mut self) -> Vec<(i64, u64, u64)> {
        self.flush();
        let mut out: Vec<_> = self.seconds.into_iter().map(|(s, (t, n))| (s, t, n)).collect();
        out.sort_unstable();
        out
    }
}

/// A gauge: the last value (by position in its input; across inputs, by
/// time), min and max.
#[derive(Debug, Clone, Copy)]
pub(super) struct GaugeAgg {
    pub last: f64,
    last_at: (i64, Pos),
    pub min: f64,
    pub max: f64,
}

impl GaugeAgg {
    fn add(&mut self, value: f64, time: i64, at: Pos) {
        if at >= self.last_at.1 {
            self.last = value;
            self.last_at = (time, at);
        }
        self.min = self.min.min(value);
        self.max = self.max.max(value);
    }

    /// Keeps the later `last` of the two.
    pub fn merge(&mut self, other: GaugeAgg) {
        let (mine, theirs) = (self.last_at, other.last_at);
        let later = if mine.1.0 == theirs.1.0 {
            theirs.1 > mine.1
        } else {
            (theirs.0, theirs.1) > (mine.0, mine.1)
        };
        if later {
            self.last = other.last;
            self.last_at = other.last_at;
        }
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
    }
}

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
            (Data::Counter(a), Data::Counter(b)) => a.merge(b),
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
            .map(|k| tags.clone().filter(|(t, _)| t == k).last().map(|(_, v)| v.into()))
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

/// Interned tag objects, by their raw bytes.
#[derive(Debug, Default)]
struct Tagsets {
    ids: FastMap<Box<[u8]>, u32>,
    sets: Vec<Box<[(Box<str>, Box<str>)]>>,
    last: Vec<u8>,
    last_id: Option<u32>,
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
    names: FastMap<Box<[u8]>, usize>,
}

/// The metric `name`'s aggregate, checking it was defined before `at`.
fn metric<'m>(
    metrics: &'m mut Vec<Option<MetricAgg>>,
    names: &mut FastMap<Box<[u8]>, usize>,
    name: &[u8],
    at: Pos,
    registry: &Mutex<Registry>,
) -> Result<&'m mut MetricAgg, Refused> {
    let index = match names.get(name) {
        Some(&i) => i,
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
                *slot = Some(MetricAgg::new(def.kind, &def.contains, def.relevant.clone()));
            }
            names.insert(name.into(), i);
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
        let metric = metric(&mut self.metrics, &mut self.names, name.as_bytes(), at, registry)?;
        let cell = metric.cell(tags.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        metric.add(cell, time, value, at).map_err(Refused::Bad)?;
        self.see(time);
        Ok(())
    }

    /// The interned id of a raw tag object; `None` when the table is full.
    fn tagset(&mut self, raw: &[u8]) -> Result<Option<u32>, Refused> {
        let t = &mut self.tagsets;
        if t.last_id.is_some() && t.last == raw {
            return Ok(t.last_id);
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
                Some(id)
            }
        };
        t.last.clear();
        t.last.extend_from_slice(raw);
        t.last_id = id;
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
        self.names = FastMap::default();
        for m in self.metrics.iter_mut().flatten() {
            m.by_tagset = Vec::new();
        }
    }
}
