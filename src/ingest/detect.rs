//! Format detection from content.

use std::path::Path;

use serde_json::Value;

use super::{Format, IngestError, ParseError, json};

/// Why content could not be given a format.
#[derive(Debug)]
pub enum Undetected {
    /// Not a format benchgate knows; the reason lists what was tried.
    Unknown(String),
    /// It is JSON, but malformed: the syntax error, with its place.
    BadJson(ParseError),
}

impl Undetected {
    /// The error for the input at `path`.
    pub fn into_error(self, path: &Path) -> IngestError {
        match self {
            Self::Unknown(reason) => IngestError::Unrecognised {
                path: path.to_path_buf(),
                reason,
            },
            Self::BadJson(error) => IngestError::Json {
                path: path.to_path_buf(),
                error,
            },
        }
    }
}

const HINT: &str = "name the format with --format (see `benchgate ingest --help`)";

/// Decides the format of a file from its content.
///
/// # Errors
///
/// `Undetected::Unknown` with the reason when nothing matches (empty file,
/// unknown shape), `Undetected::BadJson` when the file is JSON but
/// malformed.
pub fn detect(text: &str) -> Result<Format, Undetected> {
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(Undetected::Unknown(format!(
            "the file is empty; expected benchmark results; {HINT}"
        )));
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Some(format) = detect_ndjson(trimmed)? {
            return Ok(format);
        }
        let value: Value = json::parse_lenient(text).map_err(Undetected::BadJson)?;
        return detect_json(&value).ok_or_else(|| {
            Undetected::Unknown(format!(
                "this JSON matches none of the formats benchgate reads (its top level has {}); {HINT}",
                describe_top(&value)
            ))
        });
    }
    const LOCUST_HEADERS: [&str; 5] = [
        "Type,Name,",
        "\"Type\",\"Name\",",
        "Timestamp,User Count,Type,Name,",
        "Method,Name,Error,Occurrences",
        "Count,Message,Traceback,Nodes",
    ];
    if LOCUST_HEADERS.iter().any(|h| trimmed.starts_with(h)) {
        return Ok(Format::Locust);
    }
    if super::go_test::looks_like(text) {
        return Ok(Format::GoTest);
    }
    Err(Undetected::Unknown(format!(
        "not JSON, and no `go test -bench` result lines found; {HINT}"
    )))
}

/// Newline-delimited JSON is told apart by its first line alone.
fn detect_ndjson(text: &str) -> Result<Option<Format>, Undetected> {
    let first = text.lines().next().unwrap_or_default();
    let Ok(Value::Object(line)) = serde_json::from_str::<Value>(first) else {
        return Ok(None);
    };
    if line.contains_key("reason") {
        return Ok(Some(Format::CargoCriterion));
    }
    let k6_kind = line.get("type").and_then(Value::as_str);
    if line.contains_key("metric") && matches!(k6_kind, Some("Metric" | "Point")) {
        return Ok(Some(Format::K6Json));
    }
    Ok(None)
}

fn detect_json(value: &Value) -> Option<Format> {
    match value {
        Value::Object(top) => {
            let has = |key: &str| top.contains_key(key);
            if top
                .get("schema")
                .and_then(Value::as_str)
                .is_some_and(|s| s.starts_with("benchgate.results"))
            {
                return Some(Format::Benchgate);
            }
            if has("root_group") && !top.get("metrics").is_some_and(Value::is_object) {
                return Some(Format::K6Summary);
            }
            if let Some(Value::Object(metrics)) = top.get("metrics") {
                let typed = metrics
                    .values()
                    .any(|m| m.get("type").is_some() && m.get("values").is_some());
                if typed || has("state") || has("options") {
                    return Some(Format::K6HandleSummary);
                }
                return Some(Format::K6Summary);
            }
            if has("version") && top.get("results").and_then(|r| r.get("metrics")).is_some() {
                return Some(Format::K6HandleSummary);
            }
            if top.get("results").is_some_and(Value::is_array) {
                return Some(Format::Hyperfine);
            }
            if has("aggregate")
                && (has("intermediate") || top.get("aggregate").is_some_and(Value::is_object))
            {
                return Some(Format::Artillery);
            }
            if has("HostEnvironmentInfo") || has("Benchmarks") {
                return Some(Format::BenchmarkDotNet);
            }
            if has("machine_info") || has("commit_info") {
                return Some(Format::PytestBenchmark);
            }
            if has("context") && has("benchmarks") {
                return Some(Format::Gbench);
            }
            None
        }
        Value::Array(items) => {
            let Some(first) = items.first() else {
                return Some(Format::Custom);
            };
            if first.get("jmhVersion").is_some() || first.get("primaryMetric").is_some() {
                return Some(Format::Jmh);
            }
            if first.get("name").is_some() && first.get("value").is_some() {
                return Some(Format::Custom);
            }
            None
        }
        _ => None,
    }
}

fn describe_top(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let keys: Vec<&str> = map.keys().take(6).map(String::as_str).collect();
            if keys.is_empty() {
                "no keys".to_owned()
            } else {
                format!("keys {}", keys.join(", "))
            }
        }
        Value::Array(_) => "an array of objects without `name`/`value` or `jmhVersion`".to_owned(),
        _ => "a single value".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_map_to_formats() {
        let cases = [
            (
                r#"{"schema": "benchgate.results.v1", "suite": "x", "benchmarks": []}"#,
                Format::Benchgate,
            ),
            (
                r#"{"root_group": {}, "metrics": {"vus": {"value": 1, "min": 1, "max": 1}}}"#,
                Format::K6Summary,
            ),
            (
                r#"{"metrics": {"vus": {"type": "gauge", "values": {}}}}"#,
                Format::K6HandleSummary,
            ),
            (
                r#"{"results": [{"command": "sleep 1"}]}"#,
                Format::Hyperfine,
            ),
            (r#"{"context": {}, "benchmarks": []}"#, Format::Gbench),
            (
                r#"{"machine_info": {}, "benchmarks": []}"#,
                Format::PytestBenchmark,
            ),
            (
                r#"{"Title": "x", "Benchmarks": []}"#,
                Format::BenchmarkDotNet,
            ),
            (r#"[{"jmhVersion": "1.29"}]"#, Format::Jmh),
            (
                r#"[{"name": "a", "unit": "ns", "value": 1}]"#,
                Format::Custom,
            ),
            ("{\"reason\":\"group-complete\"}\n", Format::CargoCriterion),
            ("BenchmarkFoo-8   \t 100\t  12.5 ns/op\n", Format::GoTest),
            (
                "{\"metric\":\"vus\",\"type\":\"Point\",\"data\":{}}\n",
                Format::K6Json,
            ),
            (
                "{\"type\":\"Metric\",\"data\":{},\"metric\":\"vus\"}\n",
                Format::K6Json,
            ),
            (
                r#"{"aggregate": {"counters": {}}, "intermediate": []}"#,
                Format::Artillery,
            ),
            ("Type,Name,Request Count,Failure Count\n", Format::Locust),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text).ok(), Some(want), "{text}");
        }
    }

    #[test]
    fn failures_say_why() {
        let Err(Undetected::Unknown(reason)) = detect("  \n") else {
            panic!()
        };
        assert!(reason.contains("empty"), "{reason}");
        let Err(Undetected::Unknown(reason)) = detect(r#"{"hello": 1}"#) else {
            panic!()
        };
        assert!(reason.contains("keys hello"), "{reason}");
        let Err(Undetected::BadJson(err)) = detect("{\"results\": [") else {
            panic!()
        };
        assert_eq!(err.place.line, Some(1));
    }
}
