//! The Markdown PR comment: rows escaped here, laid out by `report.md`, and
//! kept under GitHub's comment limit by leaving out the least important rows
//! first.

use serde::Serialize;
use tera::{Context, Tera};

use crate::compare::{Comparison, Severity, Verdict};

use super::RenderError;
use super::escape::markdown_url;
use super::extras::Extras;
use super::format;
use super::view::{ReportView, Row};

mod cells;

use cells::{Header, MdRow, MdSlo, header, md_row, md_slo, others_summary};

/// GitHub's limit on the body of an issue or pull-request comment, in
/// characters.
pub const GITHUB_COMMENT_LIMIT: usize = 65_536;

/// The template that lays out the comment.
pub(super) const TEMPLATE: &str = "report.md";

/// Characters kept free below the limit for what the estimate misses.
const SLACK: usize = 512;

/// How many times the row budget is tightened before rows are dropped
/// wholesale.
const MAX_ATTEMPTS: usize = 8;

/// Renders the comment for `comparison`, at most `limit` characters long
/// (counted in UTF-16 code units, which is never fewer than characters).
pub(super) fn render(
    tera: &Tera,
    comparison: &Comparison,
    extras: &Extras,
    limit: usize,
) -> Result<String, RenderError> {
    let doc = Document::build(comparison, extras);
    let nothing = doc.keep_none();
    let bare = length(&doc.render(tera, &nothing.clone().without_notices())?);
    let estimated: usize = doc.items.iter().map(|i| i.cost).sum();
    if bare + estimated <= limit.saturating_mul(2) {
        let full = doc.render(tera, &doc.keep_all())?;
        if length(&full) <= limit {
            return Ok(full);
        }
    }
    let sample = doc.keep_within(limit as f64, 1.0);
    let sampled = length(&doc.render(tera, &sample.clone().without_notices())?);
    let scale = sampled.saturating_sub(bare) as f64 / doc.cost_of(&sample).max(1) as f64;
    let with_notices = length(&doc.render(tera, &nothing)?);
    let mut budget = limit.saturating_sub(with_notices + SLACK) as f64;
    for _ in 0..MAX_ATTEMPTS {
        let keep = doc.keep_within(budget, scale.max(0.01));
        let text = doc.render(tera, &keep)?;
        let len = length(&text);
        if len <= limit {
            return Ok(text);
        }
        budget -= (len - limit + SLACK) as f64;
    }
    let text = doc.render(tera, &nothing)?;
    Ok(hard_truncate(text, limit))
}

/// Length as GitHub may count it: UTF-16 code units (≥ characters).
pub(super) fn length(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Last resort when even the comment without rows is too long (a template
/// that prints huge notes): cut it and say so.
fn hard_truncate(mut text: String, limit: usize) -> String {
    const NOTICE: &str = "\n\n… (cut to fit GitHub's comment limit; see the full report)\n";
    let keep = limit.saturating_sub(length(NOTICE));
    let mut used = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        used += c.len_utf16();
        if used > keep {
            break;
        }
        end = i + c.len_utf8();
    }
    text.truncate(end);
    text.push_str(NOTICE);
    text
}

/// Which part of the comment a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Regressions,
    Improvements,
    Others,
    Slos,
}

/// One row that may be left out: its place, how soon it is given up
/// (higher first) and its estimated size.
#[derive(Debug, Clone, Copy)]
struct Item {
    part: Part,
    index: usize,
    priority: u8,
    cost: usize,
}

/// How important a row is; rows are left out from the highest number down.
/// Critical regressions and SLO breaches (0) go last.
fn priority(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Regressed(Severity::Critical) => 0,
        Verdict::Regressed(Severity::Major) => 1,
        Verdict::Regressed(Severity::Minor) => 2,
        Verdict::Improved => 3,
        Verdict::Missing => 4,
        Verdict::Inconclusive => 5,
        Verdict::New => 6,
        Verdict::Unchanged => 8,
    }
}

/// Every row of the comment, escaped, and the order they are given up in.
struct Document {
    header: Header,
    regressions: Vec<MdRow>,
    improvements: Vec<MdRow>,
    others: Vec<MdRow>,
    slos: Vec<MdSlo>,
    /// Rows, most important first.
    items: Vec<Item>,
    full_report: Option<String>,
}

/// Which rows to show: a mask per part, and the notice sizes to assume.
#[derive(Debug, Clone)]
struct Keep {
    regressions: Vec<bool>,
    improvements: Vec<bool>,
    others: Vec<bool>,
    slos: Vec<bool>,
    notices: bool,
}

impl Keep {
    fn without_notices(mut self) -> Self {
        self.notices = false;
        self
    }

    fn shows(&self, part: Part, index: usize) -> bool {
        let mask = match part {
            Part::Regressions => &self.regressions,
            Part::Improvements => &self.improvements,
            Part::Others => &self.others,
            Part::Slos => &self.slos,
        };
        mask[index]
    }

    fn mask(&mut self, part: Part) -> &mut Vec<bool> {
        match part {
            Part::Regressions => &mut self.regressions,
            Part::Improvements => &mut self.improvements,
            Part::Others => &mut self.others,
            Part::Slos => &mut self.slos,
        }
    }
}

/// A part of the comment as the template sees it.
#[derive(Debug, Serialize)]
struct Section<'a, R> {
    rows: Vec<&'a R>,
    total: usize,
    omitted: usize,
    omitted_text: String,
    notes: bool,
    summary: String,
}

/// The template's context.
#[derive(Debug, Serialize)]
struct MdContext<'a> {
    #[serde(flatten)]
    header: &'a Header,
    regressions: Section<'a, MdRow>,
    improvements: Section<'a, MdRow>,
    others: Section<'a, MdRow>,
    slos: Section<'a, MdSlo>,
    breached: usize,
    omitted: usize,
    omitted_text: String,
    limit: String,
    full_report: Option<&'a str>,
}

impl Document {
    fn build(comparison: &Comparison, extras: &Extras) -> Self {
        let view = ReportView::from_comparison(comparison);
        let mut regressions = Vec::new();
        let mut improvements = Vec::new();
        let mut others = Vec::new();
        let mut items = Vec::new();
        let mut improved: Vec<(f64, &Row)> = Vec::new();
        for (row, entry) in view.rows.iter().zip(&comparison.entries) {
            match row.verdict {
                Verdict::Regressed(_) => push(&mut regressions, &mut items, Part::Regressions, row),
                Verdict::Improved => improved.push((entry.worse(), row)),
                _ => push(&mut others, &mut items, Part::Others, row),
            }
        }
        improved.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (_, row) in improved {
            push(&mut improvements, &mut items, Part::Improvements, row);
        }
        let mut slos = Vec::new();
        for (index, s) in view.slos.iter().enumerate() {
            let slo = md_slo(s);
            items.push(Item {
                part: Part::Slos,
                index,
                priority: if s.passed { 7 } else { 0 },
                cost: slo.benchmark.len()
                    + slo.expression.len()
                    + slo.observed.len()
                    + slo.source.len()
                    + slo.detail.len()
                    + 30,
            });
            slos.push(slo);
        }
        items.sort_by_key(|item| item.priority);
        Self {
            header: header(comparison, &view),
            regressions,
            improvements,
            others,
            slos,
            items,
            full_report: extras.full_report.as_deref().map(markdown_url),
        }
    }

    fn keep_all(&self) -> Keep {
        self.keep(true, false)
    }

    /// No rows, every notice shown at its longest.
    fn keep_none(&self) -> Keep {
        self.keep(false, true)
    }

    fn keep(&self, value: bool, notices: bool) -> Keep {
        Keep {
            regressions: vec![value; self.regressions.len()],
            improvements: vec![value; self.improvements.len()],
            others: vec![value; self.others.len()],
            slos: vec![value; self.slos.len()],
            notices,
        }
    }

    /// The most important rows whose scaled cost fits `budget`, stopping at
    /// the first that does not, so what is left out is always the least
    /// important.
    fn keep_within(&self, budget: f64, scale: f64) -> Keep {
        let mut keep = self.keep_none();
        let mut used = 0.0;
        for item in &self.items {
            used += item.cost as f64 * scale;
            if used > budget {
                break;
            }
            keep.mask(item.part)[item.index] = true;
        }
        keep
    }

    /// The estimated size of the rows `keep` shows.
    fn cost_of(&self, keep: &Keep) -> usize {
        self.items
            .iter()
            .filter(|i| keep.shows(i.part, i.index))
            .map(|i| i.cost)
            .sum()
    }

    fn render(&self, tera: &Tera, keep: &Keep) -> Result<String, RenderError> {
        let mut regressions = section(&self.regressions, &keep.regressions, "regressions");
        let mut improvements = section(&self.improvements, &keep.improvements, "improvements");
        let mut others = section(&self.others, &keep.others, "rows");
        others.summary = others_summary(&self.others, &keep.others);
        let mut slos = section(&self.slos, &keep.slos, "SLO results");
        if !keep.notices {
            for s in [
                &mut regressions.omitted,
                &mut improvements.omitted,
                &mut others.omitted,
                &mut slos.omitted,
            ] {
                *s = 0;
            }
        }
        let omitted = regressions.omitted + improvements.omitted + others.omitted + slos.omitted;
        let context = MdContext {
            header: &self.header,
            breached: self
                .slos
                .iter()
                .filter(|s| s.status.ends_with("breached"))
                .count(),
            regressions,
            improvements,
            others,
            slos,
            omitted,
            omitted_text: format::count(omitted),
            limit: format::count(GITHUB_COMMENT_LIMIT),
            full_report: self.full_report.as_deref(),
        };
        let context = Context::from_serialize(&context).map_err(RenderError::context)?;
        tera.render(TEMPLATE, &context)
            .map_err(|e| RenderError::template(TEMPLATE, &e))
    }
}

fn push(rows: &mut Vec<MdRow>, items: &mut Vec<Item>, part: Part, row: &Row) {
    let md = md_row(row);
    let cost = md.benchmark.len()
        + md.metric.len()
        + md.baseline.len()
        + md.current.len()
        + md.change.len()
        + md.interval.len()
        + md.verdict.len()
        + md.note.len()
        + 26;
    items.push(Item {
        part,
        index: rows.len(),
        priority: priority(row.verdict),
        cost,
    });
    rows.push(md);
}

/// A part's shown rows and what was left out of it.
fn section<'a, R: HasNote>(rows: &'a [R], keep: &[bool], noun: &str) -> Section<'a, R> {
    let shown: Vec<&R> = rows
        .iter()
        .zip(keep)
        .filter_map(|(r, k)| k.then_some(r))
        .collect();
    let omitted = rows.len() - shown.len();
    Section {
        notes: shown.iter().any(|r| r.has_note()),
        rows: shown,
        total: rows.len(),
        omitted,
        omitted_text: format!("{} more {noun}", format::count(omitted)),
        summary: String::new(),
    }
}

trait HasNote {
    fn has_note(&self) -> bool;
}

impl HasNote for MdRow {
    fn has_note(&self) -> bool {
        !self.note.is_empty()
    }
}

impl HasNote for MdSlo {
    fn has_note(&self) -> bool {
        false
    }
}
