//! [`Renderer`]: the tera templates, embedded in the binary and optionally
//! overridden from a directory, registered once.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tera::Tera;

use crate::compare::Comparison;

use super::extras::Extras;
use super::{ReportFormat, html, junit, markdown, terminal};

/// The embedded templates, by the name they are registered (and overridden)
/// under. Tera turns autoescaping on from the name: `*.html` and `*.xml`
/// are HTML-escaped, `*.md`, `*.css` and `*.js` are not (Markdown is
/// escaped in Rust instead).
pub const TEMPLATES: [(&str, &str); 5] = [
    ("report.md", include_str!("../../templates/report.md")),
    ("report.html", include_str!("../../templates/report.html")),
    ("report.css", include_str!("../../templates/report.css")),
    ("report.js", include_str!("../../templates/report.js")),
    ("junit.xml", include_str!("../../templates/junit.xml")),
];

/// The file name endings loaded from a custom template directory.
const TEMPLATE_ENDINGS: [&str; 6] = [".md", ".html", ".htm", ".xml", ".css", ".js"];

/// Why a report could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The custom template directory could not be read.
    #[error("read the template directory {}: {source}", path.display())]
    TemplateDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A template is invalid (syntax, unknown include …) or failed while
    /// rendering; the message names the template, line and column.
    #[error("{action} template '{name}'{origin}:\n{message}")]
    Template {
        /// What was being done (`load`, `render`).
        action: &'static str,
        /// The template's name (`report.md` …).
        name: String,
        /// ` from DIR` for custom templates, or empty.
        origin: String,
        /// tera's report, with the template's line and column.
        message: String,
    },
    /// The data of a report could not be serialized (a bug).
    #[error("prepare the report data: {0}")]
    Context(String),
    /// Writing the report failed.
    #[error("write the report: {0}")]
    Write(#[from] io::Error),
}

impl RenderError {
    pub(super) fn template(name: &str, error: &tera::Error) -> Self {
        Self::Template {
            action: "render",
            name: name.to_owned(),
            origin: String::new(),
            message: error_chain(error),
        }
    }

    pub(super) fn context(error: impl std::fmt::Display) -> Self {
        Self::Context(error.to_string())
    }
}

/// tera's error and its sources, one per line.
fn error_chain(error: &tera::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!("\ncaused by: {cause}"));
        source = cause.source();
    }
    text
}

/// Renders comparisons with tera templates: the embedded ones, or those of
/// a custom directory where it has a file of the same name.
#[derive(Debug)]
pub struct Renderer {
    tera: Tera,
}

impl Renderer {
    /// Registers the embedded templates, overridden by every `*.md`,
    /// `*.html`, `*.htm`, `*.xml`, `*.css` and `*.js` file directly in
    /// `templates_dir` (a file named like an embedded template replaces it;
    /// others are available to `{% include %}`).
    ///
    /// # Errors
    ///
    /// When the directory or a file in it cannot be read, or a template is
    /// invalid (the error names the template, line and column).
    pub fn new(templates_dir: Option<&Path>) -> Result<Self, RenderError> {
        let mut sources: BTreeMap<String, String> = TEMPLATES
            .iter()
            .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
            .collect();
        if let Some(dir) = templates_dir {
            sources.extend(read_dir(dir)?);
        }
        let mut tera = Tera::new();
        tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| RenderError::Template {
                action: "load",
                name: failing_template(&e),
                origin: templates_dir
                    .map(|d| format!(" from {}", d.display()))
                    .unwrap_or_default(),
                message: error_chain(&e),
            })?;
        Ok(Self { tera })
    }

    /// The renderer of the embedded templates, built once.
    ///
    /// # Panics
    ///
    /// If an embedded template is invalid: a bug caught by this module's
    /// tests.
    pub fn embedded() -> &'static Self {
        static EMBEDDED: OnceLock<Renderer> = OnceLock::new();
        EMBEDDED.get_or_init(|| Self::new(None).expect("the embedded templates are valid"))
    }

    /// Renders `comparison` as `format` to `out`. The table is plain text
    /// (no colour, natural width); JUnit holds this one suite.
    ///
    /// # Errors
    ///
    /// When a template fails or writing fails.
    pub fn render(
        &self,
        format: ReportFormat,
        comparison: &Comparison,
        extras: &Extras,
        out: &mut dyn Write,
    ) -> Result<(), RenderError> {
        match format {
            ReportFormat::Table => terminal::render(
                &super::ReportView::from_comparison(comparison),
                terminal::Colour::Never,
                None,
                out,
            )?,
            ReportFormat::Json => {
                serde_json::to_writer_pretty(&mut *out, comparison)
                    .map_err(|e| RenderError::Write(e.into()))?;
                writeln!(out)?;
            }
            ReportFormat::Markdown => {
                out.write_all(self.markdown(comparison, extras)?.as_bytes())?
            }
            ReportFormat::Html => out.write_all(self.html(comparison, extras)?.as_bytes())?,
            ReportFormat::Junit => self.junit(&[comparison], out)?,
        }
        Ok(())
    }

    /// The Markdown PR comment, at most [`GITHUB_COMMENT_LIMIT`]
    /// characters: when everything does not fit, the least important rows
    /// are left out and the comment says how many and where the full report
    /// is ([`Extras::full_report`]).
    ///
    /// [`GITHUB_COMMENT_LIMIT`]: super::GITHUB_COMMENT_LIMIT
    ///
    /// # Errors
    ///
    /// When the template fails.
    pub fn markdown(
        &self,
        comparison: &Comparison,
        extras: &Extras,
    ) -> Result<String, RenderError> {
        self.markdown_within(comparison, extras, markdown::GITHUB_COMMENT_LIMIT)
    }

    /// [`Renderer::markdown`] with another size limit (UTF-16 code units).
    ///
    /// # Errors
    ///
    /// When the template fails.
    pub fn markdown_within(
        &self,
        comparison: &Comparison,
        extras: &Extras,
        limit: usize,
    ) -> Result<String, RenderError> {
        markdown::render(&self.tera, comparison, extras, limit)
    }

    /// The self-contained HTML report.
    ///
    /// # Errors
    ///
    /// When the template fails.
    pub fn html(&self, comparison: &Comparison, extras: &Extras) -> Result<String, RenderError> {
        html::render(&self.tera, comparison, extras)
    }

    /// A JUnit XML document with one `<testsuite>` per comparison.
    ///
    /// # Errors
    ///
    /// When the template fails or writing fails.
    pub fn junit(
        &self,
        comparisons: &[&Comparison],
        out: &mut dyn Write,
    ) -> Result<(), RenderError> {
        junit::render(&self.tera, comparisons, out)
    }
}

/// The template files of a custom directory, by file name.
fn read_dir(dir: &Path) -> Result<BTreeMap<String, String>, RenderError> {
    let dir_error = |source| RenderError::TemplateDir {
        path: dir.to_path_buf(),
        source,
    };
    let mut templates = BTreeMap::new();
    for entry in std::fs::read_dir(dir).map_err(dir_error)? {
        let entry = entry.map_err(dir_error)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !TEMPLATE_ENDINGS.iter().any(|e| name.ends_with(e)) || !entry.path().is_file() {
            continue;
        }
        let text =
            std::fs::read_to_string(entry.path()).map_err(|source| RenderError::TemplateDir {
                path: entry.path(),
                source,
            })?;
        templates.insert(name, text);
    }
    Ok(templates)
}

/// The template a load error is about, when tera says.
fn failing_template(error: &tera::Error) -> String {
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            report.filename().to_owned()
        }
        tera::ErrorKind::MissingParent { current, .. } => current.clone(),
        tera::ErrorKind::CircularExtend { tpl, .. }
        | tera::ErrorKind::CircularInclude { tpl, .. } => tpl.clone(),
        _ => "?".to_owned(),
    }
}
