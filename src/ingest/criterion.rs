//! PLACEHOLDER: replaced by the adapter's implementation.

use std::path::Path;

use crate::model::Results;

use super::ParseError;

/// Reads a criterion directory.
///
/// # Errors
///
/// Always, until implemented.
pub fn parse_dir(_dir: &Path) -> Result<Results, ParseError> {
    Err(ParseError::whole("not implemented"))
}
