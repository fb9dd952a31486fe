//! Locust `--csv=PREFIX` statistics: `PREFIX_stats.csv` (FORMATS.md §8).
//!
//! One benchmark per row, in file order: id `<Type> <Name>` (`GET /api/items`;
//! just the name when the type is empty), and `Aggregated` for Locust's total
//! row (empty type, name `Aggregated`). Each has up to three metrics, as k6's
//! load-test metrics do (`k6.rs`):
//!
//! * `trend` (ns, lower is better): `Median`/`Average`/`Min`/`Max Response
//!   Time` → median/mean/min/max, and every percentile column the header has
//!   (`66%` → `p66`, `99.9%` → `p99.9`, `100%` → `p100`; the `50%` column is
//!   not read, the median column is Locust's median), n = `Request Count`.
//!   `N/A` is an absent statistic. A row with no requests has no trend (Locust
//!   writes 0 and `N/A` placeholders there).
//! * `counter` (count, higher is better): `count` = `Request Count`, `rate` =
//!   `Requests/s` (over the whole run).
//! * `rate` (ratio, lower is better): the failure ratio `Failure Count /
//!   Request Count`, with passes = failures (like k6's `http_req_failed`),
//!   fails = the other requests.
//!
//! Columns are found by header name (any order, any case), so custom
//! `PERCENTILES_TO_REPORT` work. Not read: `Average Content Size`,
//! `Failures/s` (count × rate gives it) and unknown columns. The other
//! `--csv` files are rejected with a pointer to `_stats.csv`: the
//! `_stats_history.csv` time series ends with the same totals `_stats.csv`
//! has, and its percentiles are cumulative or 10-second windows depending on
//! `--csv-full-history`; `_failures.csv`/`_exceptions.csv` hold error texts
//! whose counts `_stats.csv` already has.

use std::collections::BTreeMap;

use crate::model::{
    Benchmark, Direction, Metric, MetricKind, Results, Source, Summary, TimeUnit, Unit,
};

use super::{ParseError, Place, nanos};

/// The `_stats.csv` columns read (locust `stats.py` `StatsCSV.requests_csv_columns`
/// @ 407343d0), besides the percentiles.
const COLUMNS: [&str; 9] = [
    "Type",
    "Name",
    "Request Count",
    "Failure Count",
    "Median Response Time",
    "Average Response Time",
    "Min Response Time",
    "Max Response Time",
    "Requests/s",
];

/// The other files `--csv` writes, by their first header cells.
const OTHER_FILES: [(&str, &str, &str); 3] = [
    (
        "Timestamp",
        "_stats_history.csv",
        "a time series of the run",
    ),
    ("Method", "_failures.csv", "the failure messages"),
    ("Count", "_exceptions.csv", "the exceptions"),
];

/// Parses a Locust `_stats.csv`.
///
/// # Errors
///
/// When the header lacks a column benchgate reads (or is another `--csv`
/// file's), a row has the wrong number of fields, a cell is not a number
/// (or `N/A` where that is allowed), a time is negative, a count is not a
/// whole non-negative number, failures exceed requests, or two rows give
/// the same id. Errors name the line and the column.
pub fn parse(input: &str) -> Result<Results, ParseError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(record) => record.map_err(csv_error)?,
        None => {
            return Err(ParseError::whole(
                "expected the header of a Locust `_stats.csv` (Type,Name,Request Count,…), found an empty file",
            ));
        }
    };
    let bytes = input.as_bytes();
    let mut counted = (0, 1);
    let mut line_of = |record: &csv::StringRecord| {
        let start = record.position().map_or(0, |p| p.byte()) as usize;
        let blank = bytes
            .iter()
            .skip(start)
            .take_while(|b| matches!(b, b'\r' | b'\n'));
        let start = start + blank.count();
        let newlines = bytes.get(counted.0..start).unwrap_or_default();
        counted = (
            start,
            counted.1 + newlines.iter().filter(|b| **b == b'\n').count(),
        );
        counted.1
    };
    let header_line = line_of(&header);
    let header: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
    let columns = Columns::new(&header, header_line)?;
    let mut results = Results::new("");
    results.sources = vec![Source::tool("locust")];
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for record in records {
        let record = record.map_err(csv_error)?;
        let line = line_of(&record);
        let row = Row {
            line,
            header: &header,
            cells: &record,
        };
        if record.len() != header.len() {
            let message = format!(
                "expected {} fields, as many as the header has, found {}",
                header.len(),
                record.len()
            );
            return Err(ParseError::at_line(line, message));
        }
        let bench = columns.benchmark(&row)?;
        if let Some(first) = seen.insert(bench.id.clone(), line) {
            let message = format!(
                "benchmark id \"{}\" is already given by line {first}; ids must be unique",
                bench.id
            );
            return Err(ParseError::at_line(line, message));
        }
        results.benchmarks.push(bench);
    }
    Ok(results)
}

fn csv_error(err: csv::Error) -> ParseError {
    let message = format!("expected CSV: {err}");
    match err.position() {
        Some(position) => ParseError::at_line(position.line() as usize, message),
        None => ParseError::whole(message),
    }
}

/// Where each column read is.
struct Columns {
    /// Indexes of [`COLUMNS`], in that order.
    at: [usize; 9],
    /// Percentile columns: index and statistic name (`p66`).
    percentiles: Vec<(usize, String)>,
}

impl Columns {
    fn new(header: &[String], line: usize) -> Result<Self, ParseError> {
        let first = header.first().map(String::as_str).unwrap_or_default();
        if let Some((_, file, what)) = OTHER_FILES.iter().find(|(cell, ..)| first == *cell) {
            let message = format!(
                "this is a Locust `{file}` ({what}), not statistics; pass the `_stats.csv` written beside it (same --csv prefix)"
            );
            return Err(ParseError::at_line(line, message));
        }
        let find = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
        let mut at = [0; 9];
        for (slot, name) in at.iter_mut().zip(COLUMNS) {
            *slot = find(name).ok_or_else(|| {
                let message = format!(
                    "expected a column \"{name}\" in the header of a Locust `_stats.csv` (locust ≥ 1.0)"
                );
                ParseError::at_line(line, message)
            })?;
        }
        let percentiles = header
            .iter()
            .enumerate()
            .filter_map(|(i, h)| {
                let q = h.strip_suffix('%')?.trim().parse::<f64>().ok()?;
                ((0.0..=100.0).contains(&q) && q != 50.0).then(|| (i, Summary::percentile_key(q)))
            })
            .collect();
        Ok(Self { at, percentiles })
    }

    fn benchmark(&self, row: &Row<'_>) -> Result<Benchmark, ParseError> {
        let [kind, name, requests, failures, median, mean, min, max, rps] = self.at;
        let (kind, name) = (row.text(kind).trim(), row.text(name));
        let id = match kind {
            "" => name.to_owned(),
            _ => format!("{kind} {name}"),
        };
        let total = row.count(requests)?;
        let failed = row.count(failures)?;
        if failed > total {
            let message = format!("expected at most the {total} requests, found {failed} failures");
            return Err(row.error(failures, message));
        }
        let mut metrics = Vec::with_capacity(3);
        if total > 0.0 {
            let mut summary = Summary::default();
            summary.set("n", total);
            let named = [
                (median, "median"),
                (mean, "mean"),
                (min, "min"),
                (max, "max"),
            ];
            let percentiles = self.percentiles.iter().map(|(i, k)| (*i, k.as_str()));
            for (column, stat) in named.into_iter().chain(percentiles) {
                if let Some(value) = row.time(column)? {
                    summary.set(stat, value);
                }
            }
            let trend = Metric::new("trend", Unit::Nanoseconds, summary)
                .with_kind(MetricKind::Trend)
                .with_direction(Direction::LowerIsBetter);
            metrics.push(trend);
        }
        let mut counter = Summary::default();
        counter.set("count", total);
        if let Some(per_second) = row.number(rps, true)? {
            counter.set("rate", non_negative(row, rps, per_second)?);
        }
        metrics.push(
            Metric::new("counter", Unit::Count, counter)
                .with_kind(MetricKind::Counter)
                .with_direction(Direction::HigherIsBetter),
        );
        let mut rate = Summary::default();
        rate.set("n", total);
        rate.set("passes", failed);
        rate.set("fails", total - failed);
        if total > 0.0 {
            rate.set("rate", failed / total);
        }
        metrics.push(
            Metric::new("rate", Unit::Ratio, rate)
                .with_kind(MetricKind::Rate)
                .with_direction(Direction::LowerIsBetter),
        );
        Ok(Benchmark::new(id, metrics))
    }
}

/// One data row, with what errors need to name a cell.
struct Row<'a> {
    line: usize,
    header: &'a [String],
    cells: &'a csv::StringRecord,
}

impl Row<'_> {
    fn text(&self, column: usize) -> &str {
        self.cells.get(column).unwrap_or_default()
    }

    fn error(&self, column: usize, message: impl Into<String>) -> ParseError {
        let name = self.header.get(column).map_or("?", String::as_str);
        let place = Place {
            line: Some(self.line),
            field: Some(format!("\"{name}\" (column {})", column + 1)),
            ..Place::default()
        };
        ParseError::new(place, message)
    }

    /// The cell as a number; `None` for `N/A` when `optional`.
    fn number(&self, column: usize, optional: bool) -> Result<Option<f64>, ParseError> {
        let cell = self.text(column).trim();
        if optional && cell == "N/A" {
            return Ok(None);
        }
        match cell.parse::<f64>() {
            Ok(v) if !v.is_nan() => Ok(Some(v)),
            _ => {
                let shown: String = cell.chars().take(40).collect();
                let more = if shown.len() < cell.len() { "…" } else { "" };
                Err(self.error(
                    column,
                    format!("expected a number, found \"{shown}{more}\""),
                ))
            }
        }
    }

    /// A whole, non-negative count.
    fn count(&self, column: usize) -> Result<f64, ParseError> {
        let value = self.number(column, false)?.unwrap_or_default();
        if value.is_finite() && value >= 0.0 && value.fract() == 0.0 {
            Ok(value)
        } else {
            Err(self.error(
                column,
                format!("expected a whole non-negative count, found {value}"),
            ))
        }
    }

    /// A time in milliseconds → nanoseconds; `None` for `N/A`.
    fn time(&self, column: usize) -> Result<Option<f64>, ParseError> {
        let Some(ms) = self.number(column, true)? else {
            return Ok(None);
        };
        nanos(ms, TimeUnit::Milliseconds, "")
            .map(Some)
            .map_err(|e| self.error(column, e.message))
    }
}

fn non_negative(row: &Row<'_>, column: usize, value: f64) -> Result<f64, ParseError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(row.error(
            column,
            format!("expected a non-negative rate, found {value}"),
        ))
    }
}

#[cfg(test)]
mod tests;
