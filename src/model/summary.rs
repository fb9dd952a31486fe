//! A metric's statistical summary.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The summary statistics of one metric, in the metric's unit.
///
/// Every field is optional: a source reports what it reports, and nothing is
/// invented. On disk the known statistics come first in a fixed order, then
/// the others (`extra`) sorted by name, so a baseline diff stays readable.
///
/// Names used in `extra` by convention:
/// - `p<q>` — any other percentile, `q` in percent (`p75`, `p99.9`);
/// - `count` — a counter's total; `rate` — a counter's total per second, or a
///   rate metric's fraction of true samples;
/// - `passes`, `fails` — a rate metric's true and false sample counts;
/// - `last` — a gauge's last value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Number of samples the statistics were computed from.
    pub n: Option<u64>,
    /// Arithmetic mean.
    pub mean: Option<f64>,
    /// Sample standard deviation (n − 1).
    pub stddev: Option<f64>,
    /// Smallest sample.
    pub min: Option<f64>,
    /// Largest sample.
    pub max: Option<f64>,
    /// Median (50th percentile).
    pub median: Option<f64>,
    /// 90th percentile.
    pub p90: Option<f64>,
    /// 95th percentile.
    pub p95: Option<f64>,
    /// 99th percentile.
    pub p99: Option<f64>,
    /// Any other statistic the source gave, by name (see the type's docs).
    pub extra: BTreeMap<String, f64>,
}

const KNOWN: [&str; 9] = [
    "n", "mean", "stddev", "min", "max", "median", "p90", "p95", "p99",
];

impl Summary {
    /// The canonical key of the `q`-th percentile (`q` in percent): `p95`,
    /// `p99.9`. The median is `median`, not `p50`.
    pub fn percentile_key(q: f64) -> String {
        if q == 50.0 {
            return "median".to_owned();
        }
        format!("p{q}")
    }

    /// Normalises a statistic's name: `avg` → `mean`, `med`/`p50` →
    /// `median`, `p(95)` → `p95`, `p(99.90)` → `p99.9`. Other names are
    /// returned unchanged.
    pub fn canonical_name(name: &str) -> String {
        Self::canonical(name).into_owned()
    }

    /// [`Summary::canonical_name`] without allocating when the name is
    /// already canonical (lookups by name sit on the comparison's hot path).
    fn canonical(name: &str) -> Cow<'_, str> {
        match name {
            "avg" | "average" => return Cow::Borrowed("mean"),
            "med" | "p50" | "p(50)" => return Cow::Borrowed("median"),
            "std_dev" | "std" | "sd" => return Cow::Borrowed("stddev"),
            _ if KNOWN.contains(&name) || !name.starts_with('p') => {
                return Cow::Borrowed(name);
            }
            _ => {}
        }
        let inner = name
            .strip_prefix("p(")
            .and_then(|rest| rest.strip_suffix(')'))
            .or_else(|| name.strip_prefix('p'));
        if let Some(q) = inner.and_then(|q| q.parse::<f64>().ok())
            && (0.0..=100.0).contains(&q)
        {
            return Cow::Owned(Self::percentile_key(q));
        }
        Cow::Borrowed(name)
    }

    /// Looks a statistic up by name (any spelling [`Summary::canonical_name`]
    /// accepts). `n` is returned as a float.
    pub fn get(&self, name: &str) -> Option<f64> {
        let name = Self::canonical(name);
        match &*name {
            "n" => self.n.map(|n| n as f64),
            "mean" => self.mean,
            "stddev" => self.stddev,
            "min" => self.min,
            "max" => self.max,
            "median" => self.median,
            "p90" => self.p90,
            "p95" => self.p95,
            "p99" => self.p99,
            other => self.extra.get(other).copied(),
        }
    }

    /// Sets a statistic by name (any spelling [`Summary::canonical_name`]
    /// accepts); `n` is rounded to a whole number.
    pub fn set(&mut self, name: &str, value: f64) {
        let name = Self::canonical_name(name);
        let slot = match name.as_str() {
            "n" => {
                self.n = Some(value.max(0.0).round() as u64);
                return;
            }
            "mean" => &mut self.mean,
            "stddev" => &mut self.stddev,
            "min" => &mut self.min,
            "max" => &mut self.max,
            "median" => &mut self.median,
            "p90" => &mut self.p90,
            "p95" => &mut self.p95,
            "p99" => &mut self.p99,
            _ => {
                self.extra.insert(name, value);
                return;
            }
        };
        *slot = Some(value);
    }

    /// Every statistic present, in on-disk order.
    pub fn iter(&self) -> impl Iterator<Item = (String, f64)> + '_ {
        let known = [
            self.n.map(|n| n as f64),
            self.mean,
            self.stddev,
            self.min,
            self.max,
            self.median,
            self.p90,
            self.p95,
            self.p99,
        ];
        KNOWN
            .iter()
            .zip(known)
            .filter_map(|(k, v)| v.map(|v| ((*k).to_owned(), v)))
            .chain(self.extra.iter().map(|(k, v)| (k.clone(), *v)))
    }
}

impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(n) = self.n {
            map.serialize_entry("n", &n)?;
        }
        for (key, value) in self.iter().filter(|(k, _)| k != "n") {
            if value.is_finite() {
                map.serialize_entry(&key, &value)?;
            }
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Summary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SummaryVisitor;

        impl<'de> Visitor<'de> for SummaryVisitor {
            type Value = Summary;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of statistic names to numbers")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Summary, A::Error> {
                let mut summary = Summary::default();
                while let Some(key) = access.next_key::<String>()? {
                    match access.next_value::<serde_json::Value>()? {
                        serde_json::Value::Number(n) => {
                            let value = n.as_f64().ok_or_else(|| {
                                de::Error::custom(format!("summary.{key} is not a number"))
                            })?;
                            if key == "n" && (value < 0.0 || value.fract() != 0.0) {
                                return Err(de::Error::custom(format!(
                                    "summary.n must be a whole number, found {value}"
                                )));
                            }
                            summary.set(&key, value);
                        }
                        serde_json::Value::Null => {}
                        _ if KNOWN.contains(&key.as_str()) => {
                            return Err(de::Error::custom(format!(
                                "summary.{key}: expected a number"
                            )));
                        }
                        _ => {}
                    }
                }
                Ok(summary)
            }
        }

        deserializer.deserialize_map(SummaryVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_canonicalised() {
        assert_eq!(Summary::canonical_name("avg"), "mean");
        assert_eq!(Summary::canonical_name("med"), "median");
        assert_eq!(Summary::canonical_name("p(95)"), "p95");
        assert_eq!(Summary::canonical_name("p(99.9)"), "p99.9");
        assert_eq!(Summary::canonical_name("p(50)"), "median");
        assert_eq!(Summary::canonical_name("p99"), "p99");
        assert_eq!(Summary::canonical_name("passes"), "passes");
        assert_eq!(Summary::canonical_name("p(101)"), "p(101)");
    }

    #[test]
    fn serialises_known_keys_first_then_extras_sorted() {
        let mut s = Summary::default();
        s.set("p(99.9)", 9.0);
        s.set("max", 5.0);
        s.set("count", 3.0);
        s.set("n", 3.0);
        s.set("avg", 2.0);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(
            json,
            r#"{"n":3,"mean":2.0,"max":5.0,"count":3.0,"p99.9":9.0}"#
        );
        let back: Summary = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn reading_ignores_unknown_non_numeric_fields() {
        let s: Summary =
            serde_json::from_str(r#"{"n": 2, "mean": 1.5, "note": "hi", "p75": 1.8}"#).unwrap();
        assert_eq!(s.n, Some(2));
        assert_eq!(s.get("p75"), Some(1.8));
        assert!(serde_json::from_str::<Summary>(r#"{"mean": "fast"}"#).is_err());
        assert!(serde_json::from_str::<Summary>(r#"{"n": 1.5}"#).is_err());
    }
}
