//! Reports: presentation only. Renderers lay out a finished comparison (or
//! results) and write to an injected writer; they never decide a verdict.
//! Numbers become text once, in [`format`]; rows are laid out once, in
//! [`view`].

pub mod format;
mod results_table;
pub mod terminal;
pub mod view;

use std::io::{self, Write};

pub use results_table::results_table;
pub use view::ReportView;

use crate::compare::Comparison;

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// A table for a terminal.
    Table,
    /// The comparison document as JSON.
    Json,
}

/// How to render for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Colours in the terminal table.
    pub colour: terminal::Colour,
    /// A fixed table width, if any.
    pub width: Option<u16>,
}

/// Renders `comparison` in `format` to `out`.
///
/// # Errors
///
/// When writing fails.
pub fn render(
    format: ReportFormat,
    comparison: &Comparison,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        ReportFormat::Table => terminal::render(
            &ReportView::from_comparison(comparison),
            style.colour,
            style.width,
            out,
        ),
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, comparison)?;
            writeln!(out)
        }
    }
}
