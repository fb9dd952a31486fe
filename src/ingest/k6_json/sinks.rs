//! What one cell accumulates, by k6 metric type (k6's sinks,
//! `metrics/sink.go`), and the hasher of the lookup tables.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::defs::Pos;

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
        if let Some(t) = tail.get_mut(..rest.len()) {
            t.copy_from_slice(rest);
        }
        self.0 =
            (h.rotate_left(26) ^ u64::from_le_bytes(tail) ^ bytes.len() as u64).wrapping_mul(K);
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
    pub fn push(&mut self, v: f64) {
        if self.current.len() == SEGMENT {
            let full = std::mem::replace(&mut self.current, Vec::with_capacity(SEGMENT));
            self.full.push(full.into_boxed_slice());
        }
        self.current.push(v);
    }

    pub fn len(&self) -> usize {
        self.full.len() * SEGMENT + self.current.len()
    }

    pub fn merge(&mut self, other: Values) {
        self.full.extend(other.full);
        for v in other.current {
            self.push(v);
        }
    }

    /// The segments, the partly filled one last (never copied whole: each
    /// segment is sorted in place and read as a part of the cell).
    pub fn into_parts(self) -> Vec<Box<[f64]>> {
        let mut parts = self.full;
        if !self.current.is_empty() {
            parts.push(self.current.into_boxed_slice());
        }
        parts
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
    pub fn add(&mut self, time: i64, truthy: bool) {
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

    pub fn merge(&mut self, mut other: RateAgg) {
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
        let mut out: Vec<_> = self
            .seconds
            .into_iter()
            .map(|(s, (t, n))| (s, t, n))
            .collect();
        out.sort_unstable();
        out
    }
}

/// A gauge: the last value (by position in its input; across inputs, by
/// time), min and max.
#[derive(Debug, Clone, Copy)]
pub(super) struct GaugeAgg {
    pub last: f64,
    pub last_at: (i64, Pos),
    pub min: f64,
    pub max: f64,
}

impl GaugeAgg {
    pub fn add(&mut self, value: f64, time: i64, at: Pos) {
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
