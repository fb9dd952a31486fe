//! The terminal table (comfy-table), worst first.

use std::io::{self, Write};

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

use crate::compare::{Severity, Verdict};

use super::format::inert;
use super::view::ReportView;

/// Whether to colour the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// ANSI colours (a terminal, `NO_COLOR` unset).
    Always,
    /// Plain text.
    Never,
}

/// Writes `view` as a table followed by the gate's failures and warnings.
/// `width` pins the table width (tests); `None` lets comfy-table decide.
///
/// # Errors
///
/// When writing to `out` fails.
pub fn render(
    view: &ReportView,
    colour: Colour,
    width: Option<u16>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    match colour {
        Colour::Always => table.enforce_styling(),
        Colour::Never => table.force_no_tty(),
    };
    if let Some(width) = width {
        table.set_width(width);
    }
    table.set_header([
        "benchmark",
        "metric",
        "stat",
        "baseline",
        "current",
        "change",
        "interval",
        "verdict",
    ]);
    for row in &view.rows {
        let mut verdict = Cell::new(row.verdict.as_str());
        if colour == Colour::Always
            && let Some(c) = verdict_colour(row.verdict)
        {
            verdict = verdict.fg(c);
        }
        table.add_row(vec![
            Cell::new(inert(&row.benchmark)),
            Cell::new(inert(&row.metric)),
            Cell::new(&row.statistic),
            Cell::new(&row.baseline),
            Cell::new(&row.current),
            Cell::new(&row.change),
            Cell::new(&row.interval),
            verdict,
        ]);
    }
    writeln!(out, "suite {}: {}", inert(&view.suite), view.headline)?;
    if !view.rows.is_empty() {
        writeln!(out, "{table}")?;
    }
    for row in view.rows.iter().filter(|r| !r.note.is_empty()) {
        writeln!(
            out,
            "note: {} {}: {}",
            inert(&row.benchmark),
            inert(&row.metric),
            inert(&row.note)
        )?;
    }
    for slo in &view.slos {
        let mark = if slo.passed { "ok" } else { "BREACHED" };
        writeln!(
            out,
            "slo {mark}: {} {} ({})",
            inert(&slo.benchmark),
            inert(&slo.expression),
            slo.source
        )?;
    }
    for warning in &view.warnings {
        writeln!(out, "warning: {}", inert(warning))?;
    }
    for failure in &view.failures {
        writeln!(out, "gate failed: {}", inert(failure))?;
    }
    Ok(())
}

fn verdict_colour(verdict: Verdict) -> Option<Color> {
    match verdict {
        Verdict::Regressed(Severity::Critical) => Some(Color::Red),
        Verdict::Regressed(_) => Some(Color::Yellow),
        Verdict::Improved => Some(Color::Green),
        Verdict::Missing | Verdict::Inconclusive => Some(Color::Magenta),
        Verdict::Unchanged | Verdict::New => None,
    }
}
