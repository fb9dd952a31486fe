//! PLACEHOLDER: replaced by the adapter's implementation.

use crate::model::Results;

use super::ParseError;

/// Parses the format.
///
/// # Errors
///
/// Always, until implemented.
pub fn parse(_input: &str) -> Result<Results, ParseError> {
    Err(ParseError::whole("this format is not supported yet"))
}
