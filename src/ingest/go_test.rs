//! PLACEHOLDER: replaced by the adapter's implementation.

use crate::model::Results;

use super::ParseError;

/// Parses the format.
///
/// # Errors
///
/// Always, until implemented.
pub fn parse(_input: &str) -> Result<Results, ParseError> {
    Err(ParseError::whole("not implemented"))
}

/// Whether `text` holds at least one `go test -bench` result line.
pub fn looks_like(text: &str) -> bool {
    text.lines().any(|l| l.starts_with("Benchmark") && l.contains("ns/op"))
}
