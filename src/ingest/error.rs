//! Errors of the ingest stage.

use std::fmt;
use std::path::PathBuf;

use super::Format;

/// Where in an input a problem is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place {
    /// A file inside a directory input (criterion), when the problem is there.
    pub file: Option<PathBuf>,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known (only with `line`).
    pub column: Option<usize>,
    /// A path to the offending JSON value (`results[0].mean`) or another
    /// field name (`Average Response Time`), when known.
    pub field: Option<String>,
}

impl Place {
    /// A place known only by a JSON path or field name.
    pub fn field(field: impl Into<String>) -> Self {
        Self {
            field: Some(field.into()),
            ..Self::default()
        }
    }

    /// A place known by its line.
    pub fn line(line: usize) -> Self {
        Self {
            line: Some(line),
            ..Self::default()
        }
    }
}

/// An adapter's error: what is wrong and where, without the input's own path
/// (the caller knows it and adds it to make an [`IngestError`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Where the problem is.
    pub place: Place,
    /// What was expected and what was found, as a lowercase fragment.
    pub message: String,
}

impl ParseError {
    /// An error at `place`.
    pub fn new(place: Place, message: impl Into<String>) -> Self {
        Self {
            place,
            message: message.into(),
        }
    }

    /// An error at a JSON path or named field.
    pub fn at(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Place::field(field), message)
    }

    /// An error at a line.
    pub fn at_line(line: usize, message: impl Into<String>) -> Self {
        Self::new(Place::line(line), message)
    }

    /// An error about the input as a whole.
    pub fn whole(message: impl Into<String>) -> Self {
        Self::new(Place::default(), message)
    }

    /// Names the file inside a directory input that the error is in.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.place.file = Some(file.into());
        self
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", DisplayPlace(&self.place))?;
        f.write_str(&self.message)
    }
}

/// Renders a place as a prefix: `12:5: at results[0].mean: `.
struct DisplayPlace<'a>(&'a Place);

impl fmt::Display for DisplayPlace<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = self.0;
        if let Some(file) = &place.file {
            write!(f, "{}: ", file.display())?;
        }
        match (place.line, place.column) {
            (Some(line), Some(column)) => write!(f, "line {line}, column {column}: ")?,
            (Some(line), None) => write!(f, "line {line}: ")?,
            _ => {}
        }
        if let Some(field) = &place.field {
            write!(f, "at {field}: ")?;
        }
        Ok(())
    }
}

/// Why an input could not be ingested. Every variant names the input.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The input could not be read.
    #[error("failed to read {}: {source}", path.display())]
    Io {
        /// The input.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The input is not in a format benchgate recognises.
    #[error("{}: {reason}", path.display())]
    Unrecognised {
        /// The input.
        path: PathBuf,
        /// Why each candidate was rejected, and the remedy.
        reason: String,
    },
    /// The input was read as `format` and is malformed.
    #[error("{}: {error} (reading it as {format})", path.display())]
    Parse {
        /// The input.
        path: PathBuf,
        /// The format it was read as.
        format: Format,
        /// What is wrong, and where.
        error: ParseError,
    },
    /// The input is JSON, but malformed (found while detecting its format).
    #[error("{}: malformed JSON: {error}", path.display())]
    Json {
        /// The input.
        path: PathBuf,
        /// The syntax error and its place.
        error: ParseError,
    },
    /// Two inputs (or two entries of one) give the same benchmark metric.
    #[error(
        "benchmark '{id}' metric '{metric}' appears twice ({} and {}); ingest them into separate suites or rename one",
        first.display(), second.display()
    )]
    Duplicate {
        /// The benchmark id.
        id: String,
        /// The metric name.
        metric: String,
        /// The input that gave it first.
        first: PathBuf,
        /// The input that gave it again.
        second: PathBuf,
    },
}
