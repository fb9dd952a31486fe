//! Units of measurement and the one place where times are converted to
//! nanoseconds.
//!
//! Every adapter converts its times through [`Nanos::from_value`] (or
//! [`TimeUnit::to_nanos`]), so a value in the model is always in the unit its
//! metric names, and times are always nanoseconds.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A unit of time as written by benchmark tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// Picoseconds (`ps`).
    Picoseconds,
    /// Nanoseconds (`ns`).
    Nanoseconds,
    /// Microseconds (`us`, `µs`, `μs`).
    Microseconds,
    /// Milliseconds (`ms`).
    Milliseconds,
    /// Seconds (`s`, `sec`).
    Seconds,
    /// Minutes (`m`, `min`).
    Minutes,
    /// Hours (`h`).
    Hours,
}

impl TimeUnit {
    /// How many nanoseconds one of this unit is.
    pub fn nanos_per_unit(self) -> f64 {
        match self {
            Self::Picoseconds => 1e-3,
            Self::Nanoseconds => 1.0,
            Self::Microseconds => 1e3,
            Self::Milliseconds => 1e6,
            Self::Seconds => 1e9,
            Self::Minutes => 60e9,
            Self::Hours => 3600e9,
        }
    }

    /// Converts `value` in this unit to nanoseconds (no validation).
    pub fn to_nanos(self, value: f64) -> f64 {
        value * self.nanos_per_unit()
    }

    /// Parses a time unit symbol (`ps`, `ns`, `us`, `µs`, `ms`, `s`, `min`,
    /// `h`, and the long English names). Returns `None` for anything else.
    pub fn parse(symbol: &str) -> Option<Self> {
        let unit = match symbol.trim() {
            "ps" | "picosecond" | "picoseconds" => Self::Picoseconds,
            "ns" | "nanosecond" | "nanoseconds" => Self::Nanoseconds,
            "us" | "µs" | "μs" | "microsecond" | "microseconds" => Self::Microseconds,
            "ms" | "millisecond" | "milliseconds" => Self::Milliseconds,
            "s" | "sec" | "secs" | "second" | "seconds" => Self::Seconds,
            "m" | "min" | "mins" | "minute" | "minutes" => Self::Minutes,
            "h" | "hr" | "hour" | "hours" => Self::Hours,
            _ => return None,
        };
        Some(unit)
    }
}

/// A duration in nanoseconds: the model's one unit of time.
///
/// Built only through [`Nanos::from_value`], which rejects values that no
/// benchmark can produce (NaN, infinities, negative times).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Nanos(f64);

impl Nanos {
    /// Converts `value` measured in `unit` to nanoseconds.
    ///
    /// # Errors
    ///
    /// Returns a description of the problem when `value` is not finite or is
    /// negative; the caller adds where in its input the value was.
    pub fn from_value(value: f64, unit: TimeUnit) -> Result<Self, String> {
        if value.is_nan() {
            return Err("expected a time, found NaN".to_owned());
        }
        if !value.is_finite() {
            return Err(format!("expected a finite time, found {value}"));
        }
        if value < 0.0 {
            return Err(format!("expected a non-negative time, found {value}"));
        }
        Ok(Self(unit.to_nanos(value)))
    }

    /// The number of nanoseconds.
    pub fn get(self) -> f64 {
        self.0
    }
}

/// The unit of a metric's values, after normalisation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    /// Nanoseconds: every time is stored in this unit.
    Nanoseconds,
    /// Bytes (memory, payload sizes).
    Bytes,
    /// A plain count (iterations, requests, allocations).
    Count,
    /// A fraction in `[0, 1]` (error rate, check pass rate).
    Ratio,
    /// Operations per second.
    OpsPerSecond,
    /// Bytes per second.
    BytesPerSecond,
    /// Any other unit, kept as the tool wrote it (e.g. a custom
    /// `b.ReportMetric` unit in Go).
    Other(String),
}

impl Unit {
    /// The symbol written in documents and reports.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Nanoseconds => "ns",
            Self::Bytes => "bytes",
            Self::Count => "count",
            Self::Ratio => "ratio",
            Self::OpsPerSecond => "ops/s",
            Self::BytesPerSecond => "bytes/s",
            Self::Other(s) => s,
        }
    }

    /// Whether this unit is a time (always nanoseconds in the model).
    pub fn is_time(&self) -> bool {
        matches!(self, Self::Nanoseconds)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Unit {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "ns" => Self::Nanoseconds,
            "bytes" => Self::Bytes,
            "count" => Self::Count,
            "ratio" => Self::Ratio,
            "ops/s" => Self::OpsPerSecond,
            "bytes/s" => Self::BytesPerSecond,
            other => Self::Other(other.to_owned()),
        })
    }
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Ok(s.parse().unwrap_or_else(|never| match never {}))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_time_unit_converts_to_nanoseconds() {
        let cases = [
            ("ps", 1500.0, 1.5),
            ("ns", 2.0, 2.0),
            ("us", 2.0, 2_000.0),
            ("µs", 2.0, 2_000.0),
            ("ms", 1.5, 1_500_000.0),
            ("s", 0.25, 250_000_000.0),
            ("min", 2.0, 120e9),
            ("h", 1.0, 3600e9),
        ];
        for (symbol, value, nanos) in cases {
            let unit = TimeUnit::parse(symbol).expect("known unit");
            let got = Nanos::from_value(value, unit).expect("valid").get();
            assert!(
                (got - nanos).abs() <= 1e-9 * nanos,
                "{symbol}: {got} != {nanos}"
            );
        }
        assert_eq!(TimeUnit::parse("fortnights"), None);
    }

    #[test]
    fn invalid_times_are_rejected() {
        assert!(Nanos::from_value(f64::NAN, TimeUnit::Seconds).is_err());
        assert!(Nanos::from_value(f64::INFINITY, TimeUnit::Seconds).is_err());
        let err = Nanos::from_value(-1.0, TimeUnit::Seconds).unwrap_err();
        assert!(err.contains("non-negative"), "{err}");
        assert_eq!(
            Nanos::from_value(0.0, TimeUnit::Seconds).unwrap().get(),
            0.0
        );
    }

    #[test]
    fn units_round_trip_through_their_symbols() {
        for unit in [
            Unit::Nanoseconds,
            Unit::Bytes,
            Unit::Count,
            Unit::Ratio,
            Unit::OpsPerSecond,
            Unit::BytesPerSecond,
            Unit::Other("widgets/op".into()),
        ] {
            let parsed: Unit = unit.as_str().parse().unwrap();
            assert_eq!(parsed, unit);
        }
    }
}
