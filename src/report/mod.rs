//! Reports: presentation only. Renderers lay out a finished comparison (or
//! results) and write to an injected writer; they never decide a verdict
//! and never read the environment.
//!
//! - Numbers become text once, in [`format`](mod@format); rows are laid out once, in
//!   [`view`]; user-supplied strings are made inert for each medium in
//!   [`escape`].
//! - The terminal table is comfy-table ([`terminal`]); Markdown, HTML and
//!   JUnit are tera templates (`templates/` in the repository), embedded
//!   in the binary and overridable by name from a directory
//!   ([`Renderer::new`]). Tera autoescapes by template name, so the HTML
//!   and XML templates are named `*.html` / `*.xml`; Markdown is escaped
//!   in Rust.
//! - [`github`] writes GitHub Actions annotations and the job summary.
//!
//! ```no_run
//! # fn demo(comparison: &benchgate::compare::Comparison) -> Result<(), benchgate::report::RenderError> {
//! use benchgate::report::{Extras, ReportFormat, Renderer};
//!
//! let renderer = Renderer::new(None)?; // or Some(Path::new("my-templates"))
//! let extras = Extras {
//!     full_report: Some("https://ci.example/artifacts/report.html".into()),
//!     ..Extras::default()
//! };
//! let comment = renderer.markdown(comparison, &extras)?; // ≤ 65,536 chars
//! let mut html = Vec::new();
//! renderer.render(ReportFormat::Html, comparison, &extras, &mut html)?;
//! # Ok(()) }
//! ```

mod charts;
pub mod escape;
mod extras;
#[cfg(test)]
mod fixture;
pub mod format;
pub mod github;
mod html;
mod junit;
mod markdown;
mod renderer;
mod results_table;
pub mod terminal;
#[cfg(test)]
mod tests;
pub mod view;

use std::io::Write;

pub use extras::{Extras, Trend, TrendPoint};
pub use markdown::GITHUB_COMMENT_LIMIT;
pub use renderer::{RenderError, Renderer, TEMPLATES};
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
    /// A GitHub pull-request comment (at most [`GITHUB_COMMENT_LIMIT`]
    /// characters).
    Markdown,
    /// One self-contained HTML page with charts.
    Html,
    /// JUnit XML, one test case per benchmark metric.
    Junit,
}

/// How to render for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Colours in the terminal table.
    pub colour: terminal::Colour,
    /// A fixed table width, if any.
    pub width: Option<u16>,
}

/// Renders `comparison` in `format` to `out`, with the embedded templates
/// and no [`Extras`]; use a [`Renderer`] for custom templates, trends,
/// samples or a full-report link.
///
/// # Errors
///
/// When writing fails (or a template fails, which the embedded ones do
/// not).
pub fn render(
    format: ReportFormat,
    comparison: &Comparison,
    style: Style,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    match format {
        ReportFormat::Table => Ok(terminal::render(
            &ReportView::from_comparison(comparison),
            style.colour,
            style.width,
            out,
        )?),
        other => Renderer::embedded().render(other, comparison, &Extras::default(), out),
    }
}
