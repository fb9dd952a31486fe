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

/// Limbs of 32 bits: enough for every bit position of a finite f64
/// (2^-1074 … 2^1024) plus the carries of 2^30 additions.
const LIMBS: usize = 68;

/// An exact sum of f64 values: a fixed-point accumulator over the whole
/// range of f64 (a "superaccumulator"; Kulisch's long accumulator, here in
/// 32-bit limbs held in i64 so carries are propagated only every 2^30
/// additions), rounded once at the end to the nearest f64 (ties to even).
/// The result is the correctly rounded sum — what Python's `math.fsum`
/// returns — so it depends neither on the order of the values nor on how
/// they were split between threads and cells; about as cheap per value as
/// a plain addition.
#[derive(Clone, PartialEq)]
pub(super) struct Sum {
    /// Limb i weighs 2^(32·i − 1074).
    limbs: Box<[i64; LIMBS]>,
    adds: u32,
}

impl Default for Sum {
    fn default() -> Self {
        Self {
            limbs: Box::new([0; LIMBS]),
            adds: 0,
        }
    }
}

impl std::fmt::Debug for Sum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sum({})", self.value())
    }
}

impl Sum {
    /// Adds a finite `x` (non-finite values are ignored: k6 values are
    /// finite, and the readers reject the others).
    pub fn add(&mut self, x: f64) {
        if x == 0.0 || !x.is_finite() {
            return;
        }
        let bits = x.to_bits();
        let exponent = ((bits >> 52) & 0x7ff) as usize;
        let fraction = bits & ((1 << 52) - 1);
        // x = m · 2^(position − 1074)
        let (m, position) = if exponent == 0 {
            (fraction, 0)
        } else {
            (fraction | 1 << 52, exponent - 1)
        };
        let wide = u128::from(m) << (position % 32);
        let chunks = [
            (wide & 0xffff_ffff) as i64,
            ((wide >> 32) & 0xffff_ffff) as i64,
            (wide >> 64) as i64,
        ];
        let limbs = self.limbs.iter_mut().skip(position / 32);
        if bits >> 63 == 1 {
            limbs.zip(chunks).for_each(|(l, c)| *l -= c);
        } else {
            limbs.zip(chunks).for_each(|(l, c)| *l += c);
        }
        self.adds += 1;
        if self.adds >= 1 << 30 {
            self.normalize();
        }
    }

    /// Adds another sum.
    pub fn merge(&mut self, other: &Sum) {
        self.normalize();
        let mut other = other.clone();
        other.normalize();
        for (a, b) in self.limbs.iter_mut().zip(other.limbs.iter()) {
            *a += b;
        }
        self.adds = 1;
    }

    /// Propagates carries: every limb but the last in [0, 2^32).
    fn normalize(&mut self) {
        let mut carry = 0i64;
        for l in self.limbs.iter_mut() {
            let v = *l + carry;
            carry = v >> 32;
            *l = v - (carry << 32);
        }
        if let Some(top) = self.limbs.last_mut() {
            *top += carry << 32;
        }
        self.adds = 0;
    }

    /// The sum, correctly rounded (ties to even); ±infinity beyond f64.
    pub fn value(&self) -> f64 {
        let mut s = self.clone();
        s.normalize();
        let negative = s.limbs.last().is_some_and(|&top| top < 0);
        if negative {
            for l in s.limbs.iter_mut() {
                *l = -*l;
            }
            s.normalize();
        }
        let limbs: Vec<u64> = s.limbs.iter().map(|&l| l as u64).collect();
        let Some(high) = limbs.iter().rposition(|&l| l != 0) else {
            return 0.0;
        };
        // The top 96 bits (three limbs) and whether anything below is set.
        let limb = |i: usize| limbs.get(i).copied().unwrap_or(0);
        let window = (u128::from(limb(high)) << 64)
            | (u128::from(limb(high.wrapping_sub(1))) << 32)
            | u128::from(limb(high.wrapping_sub(2)));
        let low = high.saturating_sub(2);
        let window = window >> (32 * (2 - (high - low)));
        let sticky = limbs.iter().take(low).any(|&l| l != 0);
        // value = window · 2^(32·low − 1074) (+ sticky bits below)
        let length = 128 - window.leading_zeros() as usize;
        let magnitude = if length <= 53 {
            // Exact: an integer below 2^53 times a power of two.
            scale(window as f64, 32 * low as i32 - 1074)
        } else {
            let shift = length - 53;
            let mut mantissa = (window >> shift) as u64;
            let rest = window & ((1u128 << shift) - 1);
            let half = 1u128 << (shift - 1);
            if rest > half || (rest == half && (sticky || mantissa & 1 == 1)) {
                mantissa += 1;
            }
            let mut exponent = (32 * low + shift) as i32 - 1074;
            if mantissa == 1 << 53 {
                mantissa >>= 1;
                exponent += 1;
            }
            let biased = exponent + 1075;
            if biased >= 2047 {
                f64::INFINITY
            } else {
                f64::from_bits(((biased as u64) << 52) | (mantissa & ((1 << 52) - 1)))
            }
        };
        if negative { -magnitude } else { magnitude }
    }
}

/// `x · 2^e` for an integer-valued `x` below 2^53 and `e` ≥ −1074: exact
/// (the result is a multiple of 2^-1074 below 2^(53+e)).
fn scale(x: f64, e: i32) -> f64 {
    let pow2 = |e: i32| f64::from_bits(((e + 1023) as u64) << 52);
    if e < -1022 {
        x * pow2(e + 1022) * pow2(-1022)
    } else {
        x * pow2(e.min(1023))
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

#[cfg(test)]
mod tests;
