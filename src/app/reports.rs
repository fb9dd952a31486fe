//! Writing reports: files named by the report flags, stdout, and GitHub
//! Actions' job summary and annotations.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::cli::{OutputFormat, ReportArgs};
use crate::compare::Comparison;
use crate::report::{self, Extras, Renderer, ReportFormat, Style, terminal::Colour};

/// One suite's comparison with what its report may show beside it.
pub struct Judged {
    /// The comparison.
    pub comparison: Comparison,
    /// Samples, trends, links.
    pub extras: Extras,
}

/// Writes the reports the flags ask for, for every suite, then prints the
/// `--format` report to stdout and, on GitHub Actions, the job summary and
/// annotations.
pub fn write(judged: &[Judged], args: &ReportArgs) -> anyhow::Result<()> {
    let renderer = Renderer::new(args.templates.as_deref())?;
    let judged: Vec<Judged> = judged
        .iter()
        .map(|j| Judged {
            comparison: j.comparison.clone(),
            extras: Extras {
                full_report: j
                    .extras
                    .full_report
                    .clone()
                    .or_else(|| args.report_url.clone()),
                ..j.extras.clone()
            },
        })
        .collect();
    let judged = judged.as_slice();
    let several = judged.len() > 1;
    for j in judged {
        let suite = &j.comparison.suite;
        let files = [
            (args.json.as_deref(), ReportFormat::Json),
            (args.markdown.as_deref(), ReportFormat::Markdown),
            (args.html.as_deref(), ReportFormat::Html),
        ];
        for (path, format) in files {
            if let Some(path) = path {
                let path = per_suite(path, suite, several);
                let mut bytes = Vec::new();
                renderer.render(format, &j.comparison, &j.extras, &mut bytes)?;
                write_file(&path, &bytes)?;
            }
        }
    }
    if let Some(path) = &args.junit {
        let all: Vec<&Comparison> = judged.iter().map(|j| &j.comparison).collect();
        let mut bytes = Vec::new();
        renderer.junit(&all, &mut bytes)?;
        write_file(path, &bytes)?;
    }
    // A reader that stops early (`benchgate check | head`) closes standard
    // output; that must not change the outcome. The gate, its exit code and
    // any baseline refresh still happen; only the rest of the printout is
    // dropped.
    unless_broken_pipe(print(judged, args.format, &renderer))?;
    unless_broken_pipe(github_actions(judged, &renderer))
}

fn unless_broken_pipe(result: anyhow::Result<()>) -> anyhow::Result<()> {
    match result {
        Err(err) if super::is_broken_pipe(&err) => Ok(()),
        other => other,
    }
}

fn print(judged: &[Judged], format: OutputFormat, renderer: &Renderer) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let colour =
        if stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) {
            Colour::Always
        } else {
            Colour::Never
        };
    let mut out = stdout.lock();
    match format {
        OutputFormat::Table => {
            for (i, j) in judged.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                report::render(
                    ReportFormat::Table,
                    &j.comparison,
                    Style {
                        colour,
                        width: None,
                    },
                    &mut out,
                )?;
            }
        }
        OutputFormat::Junit => {
            let all: Vec<&Comparison> = judged.iter().map(|j| &j.comparison).collect();
            renderer.junit(&all, &mut out)?;
        }
        other => {
            let format = match other {
                OutputFormat::Markdown => ReportFormat::Markdown,
                OutputFormat::Html => ReportFormat::Html,
                _ => ReportFormat::Json,
            };
            for j in judged {
                renderer.render(format, &j.comparison, &j.extras, &mut out)?;
            }
            let mut err = std::io::stderr().lock();
            for j in judged {
                for warning in &j.comparison.gate.warnings {
                    writeln!(err, "warning: {}", report::format::inert(warning))?;
                }
                for failure in &j.comparison.gate.failures {
                    writeln!(err, "gate failed: {}", report::format::inert(failure))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn github_actions(judged: &[Judged], renderer: &Renderer) -> anyhow::Result<()> {
    if std::env::var("GITHUB_ACTIONS").as_deref() != Ok("true") {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    for j in judged {
        out.write_all(report::github::annotations(&j.comparison).as_bytes())?;
    }
    if let Some(path) = report::github::step_summary_path(|k| std::env::var_os(k)) {
        for j in judged {
            let markdown = renderer.markdown(&j.comparison, &j.extras)?;
            report::github::append_step_summary(&path, &markdown)
                .with_context(|| format!("failed to append to {}", path.display()))?;
        }
    }
    Ok(())
}

/// `report.html` → `report.api.html` when there are several suites, or
/// `{suite}` replaced by the suite's name.
fn per_suite(path: &Path, suite: &str, several: bool) -> PathBuf {
    let text = path.to_string_lossy();
    let safe = crate::baseline::file_name(suite);
    let safe = safe.trim_end_matches(".json");
    if text.contains("{suite}") {
        return PathBuf::from(text.replace("{suite}", safe));
    }
    if !several {
        return path.to_path_buf();
    }
    match (path.file_stem(), path.extension()) {
        (Some(stem), Some(ext)) => path.with_file_name(format!(
            "{}.{safe}.{}",
            stem.to_string_lossy(),
            ext.to_string_lossy()
        )),
        _ => PathBuf::from(format!("{text}.{safe}")),
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("failed to create {}", parent.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("failed to write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_paths_get_the_suite_when_there_are_several() {
        assert_eq!(
            per_suite(Path::new("out/r.html"), "api", false),
            PathBuf::from("out/r.html")
        );
        assert_eq!(
            per_suite(Path::new("out/r.html"), "api", true),
            PathBuf::from("out/r.api.html")
        );
        assert_eq!(
            per_suite(Path::new("r-{suite}.md"), "api", false),
            PathBuf::from("r-api.md")
        );
        let hostile = per_suite(Path::new("{suite}.md"), "../x", true);
        assert!(
            !hostile.to_string_lossy().contains(".."),
            "{}",
            hostile.display()
        );
    }
}
