//! benchgate's own `benchgate.results.v1` document.

use crate::model::{Results, SCHEMA_RESULTS_V1};

use super::{ParseError, json};

/// Parses a results (or baseline) document written by benchgate.
///
/// # Errors
///
/// On malformed JSON, a missing required field, or a schema this version
/// does not read.
pub fn parse(input: &str) -> Result<Results, ParseError> {
    let results: Results = json::parse(input)?;
    if results.schema != SCHEMA_RESULTS_V1 {
        return Err(ParseError::at(
            "schema",
            format!(
                "expected \"{SCHEMA_RESULTS_V1}\", found \"{}\" (written by a newer benchgate?)",
                results.schema
            ),
        ));
    }
    for (b, bench) in results.benchmarks.iter().enumerate() {
        if bench.metrics.is_empty() {
            return Err(ParseError::at(
                format!("benchmarks[{b}].metrics"),
                "expected at least one metric",
            ));
        }
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_other_schemas_and_empty_metric_lists() {
        let err = parse(r#"{"schema": "benchgate.results.v9", "suite": "s", "benchmarks": []}"#)
            .unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some("schema"));
        let err = parse(
            r#"{"schema": "benchgate.results.v1", "suite": "s", "benchmarks": [{"id": "a", "metrics": []}]}"#,
        )
        .unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some("benchmarks[0].metrics"));
        let ok =
            parse(r#"{"schema": "benchgate.results.v1", "suite": "s", "benchmarks": []}"#).unwrap();
        assert_eq!(ok.suite, "s");
    }
}
