//! One row of Google Benchmark's `benchmarks[]`, read by a map visitor.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::super::json::Number;

/// One row of `benchmarks[]` (`PrintRunData`). Read by a hand-written map
/// visitor: user counters are extra keys beside the fixed ones, and
/// `#[serde(flatten)]` would lose the error paths.
#[derive(Debug, Default)]
pub(super) struct Row {
    pub(super) name: String,
    pub(super) run_name: Option<String>,
    pub(super) run_type: Option<String>,
    pub(super) repetitions: Option<u64>,
    pub(super) aggregate_name: Option<String>,
    pub(super) iterations: Option<Number>,
    pub(super) real_time: Option<Number>,
    pub(super) cpu_time: Option<Number>,
    pub(super) time_unit: Option<String>,
    pub(super) error_occurred: bool,
    pub(super) skipped: bool,
    /// `error_message` or `skip_message`.
    pub(super) message: Option<String>,
    /// User counters and memory fields, in file order.
    pub(super) counters: Vec<(String, Number)>,
}

/// Keys `PrintRunData` writes that are not read; any key that is neither
/// read nor listed here and holds a number is a user counter.
const FIXED: [&str; 10] = [
    "family_index",
    "per_family_instance_index",
    "repetition_index",
    "threads",
    "aggregate_unit",
    "label",
    "cpu_coefficient",
    "real_coefficient",
    "big_o",
    "rms",
];

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RowVisitor)
    }
}

struct RowVisitor;

impl<'de> Visitor<'de> for RowVisitor {
    type Value = Row;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a benchmark row object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Row, A::Error> {
        let mut row = Row::default();
        let mut name = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "name" => name = Some(map.next_value()?),
                "run_name" => row.run_name = map.next_value()?,
                "run_type" => row.run_type = map.next_value()?,
                "repetitions" => row.repetitions = map.next_value()?,
                "aggregate_name" => row.aggregate_name = map.next_value()?,
                "iterations" => row.iterations = map.next_value()?,
                "real_time" => row.real_time = map.next_value()?,
                "cpu_time" => row.cpu_time = map.next_value()?,
                "time_unit" => row.time_unit = map.next_value()?,
                "error_occurred" => row.error_occurred = map.next_value()?,
                "skipped" => row.skipped = map.next_value()?,
                "error_message" | "skip_message" => row.message = map.next_value()?,
                other if FIXED.contains(&other) => {
                    map.next_value::<IgnoredAny>()?;
                }
                _ => match map.next_value::<serde_json::Value>()? {
                    serde_json::Value::Number(n) => {
                        let value = n
                            .as_f64()
                            .ok_or_else(|| de::Error::custom("number out of range"))?;
                        row.counters.push((key, Number(value)));
                    }
                    serde_json::Value::String(s) => {
                        if let Ok(Number(value)) = Number::deserialize(serde_json::Value::String(s))
                        {
                            row.counters.push((key, Number(value)));
                        }
                    }
                    _ => {}
                },
            }
        }
        row.name = name.ok_or_else(|| de::Error::missing_field("name"))?;
        Ok(row)
    }
}
