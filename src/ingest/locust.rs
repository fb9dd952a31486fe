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
mod tests {
    use super::*;
    use crate::ingest::testing::{close, fixture_text, metric};

    const HEADER: &str = "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,99.9%,100%";

    fn fixture(name: &str) -> Results {
        parse(&fixture_text("locust", name)).unwrap()
    }

    fn error(rows: &str) -> ParseError {
        parse(&format!("{HEADER}\n{rows}\n")).unwrap_err()
    }

    #[test]
    fn rows_become_trend_counter_and_failure_rate() {
        let r = fixture("default_percentiles.csv");
        let ids: Vec<&str> = r.benchmarks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["GET /api/items", "POST /api/items", "Aggregated"]);
        assert_eq!(r.sources[0].tool, "locust");
        let t = metric(&r, "GET /api/items", "trend");
        assert_eq!(
            (&t.unit, t.kind, t.direction),
            (
                &Unit::Nanoseconds,
                MetricKind::Trend,
                Direction::LowerIsBetter
            )
        );
        assert_eq!(t.summary.n, Some(200));
        close(t.summary.median, 12e6);
        close(t.summary.mean, 14.52e6);
        close(t.summary.min, 3.1e6);
        close(t.summary.max, 180.4e6);
        close(t.summary.get("p66"), 15e6);
        close(t.summary.p95, 33e6);
        close(t.summary.get("p99.9"), 180e6);
        close(t.summary.get("p100"), 180e6);
        let c = metric(&r, "GET /api/items", "counter");
        assert_eq!(
            (c.kind, c.direction),
            (MetricKind::Counter, Direction::HigherIsBetter)
        );
        close(c.summary.get("count"), 200.0);
        close(c.summary.get("rate"), 10.0);
        let f = metric(&r, "GET /api/items", "rate");
        assert_eq!(
            (&f.unit, f.kind, f.direction),
            (&Unit::Ratio, MetricKind::Rate, Direction::LowerIsBetter)
        );
        close(f.summary.get("rate"), 0.02);
        close(f.summary.get("passes"), 4.0);
        close(f.summary.get("fails"), 196.0);
        assert_eq!(f.summary.n, Some(200));
    }

    #[test]
    fn the_header_decides_the_columns() {
        let r = fixture("custom_percentiles.csv");
        let t = metric(&r, "grpc /orders.v1.OrderService/GetOrder", "trend");
        close(t.summary.get("p60"), 130e6);
        close(t.summary.get("p70"), 130e6);
        assert_eq!(t.summary.get("p66"), None);
        close(t.summary.median, 130e6);
        let shuffled = "name,type,failure count,request count,REQUESTS/S,median response time,average response time,min response time,max response time,50%,95%\n/x,GET,0,3,1.5,7,8.0,6,11,9,10\n";
        let t = parse(shuffled)
            .unwrap()
            .benchmarks
            .remove(0)
            .metrics
            .remove(0);
        close(t.summary.median, 7e6);
        close(t.summary.p95, 10e6);
    }

    #[test]
    fn quoted_unicode_and_na_cells() {
        let r = fixture("quoted_names.csv");
        assert!(r.benchmark("GET /search?q=a,b&tags=x,y").is_some());
        assert!(r.benchmark("POST /say \"hello, world\"").is_some());
        let r = fixture("no_requests_na.csv");
        let b = r.benchmark("Aggregated").unwrap();
        assert!(b.metric("trend").is_none());
        assert_eq!(b.metric("rate").unwrap().summary.get("rate"), None);
        let t = parse(&format!(
            "{HEADER}\nGET,/a,2,0,5,5.0,4,6,0,1.0,0.0,5,N/A,6,6\n"
        ))
        .unwrap();
        let t = t.benchmarks[0].metric("trend").unwrap();
        assert_eq!(t.summary.get("p66"), None);
        close(t.summary.get("p99.9"), 6e6);
        assert!(fixture("header_only.csv").benchmarks.is_empty());
        assert!(
            fixture("unicode_long_name.csv").benchmarks[0]
                .id
                .contains("日本語")
        );
    }

    #[test]
    fn line_numbers_count_blank_lines_crlf_and_multi_line_names() {
        let bad = "GET,/b,x,0,5,5.0,4,6,0,1.0,0.0,5,5,6,6";
        let good = "GET,\"/a\nb\",2,0,5,5.0,4,6,0,1.0,0.0,5,5,6,6";
        let e = parse(&format!("\r\n{HEADER}\r\n\r\n{good}\r\n{bad}\r\n")).unwrap_err();
        assert_eq!(e.place.line, Some(6));
    }

    #[test]
    fn errors_name_the_line_and_the_column() {
        let e = error("GET,/a,2,0,5,fast,4,6,0,1.0,0.0,5,5,6,6");
        assert_eq!(e.place.line, Some(2));
        assert_eq!(
            e.place.field.as_deref(),
            Some("\"Average Response Time\" (column 6)")
        );
        assert_eq!(e.message, "expected a number, found \"fast\"");
        let e = error("GET,/a,2,0,5,5.0,-4,6,0,1.0,0.0,5,5,6,6");
        assert_eq!(e.message, "expected a non-negative time, found -4");
        let e = error("GET,/a,2,0,5,5.0,4,6,0,1.0,0.0,5,NaN,6,6");
        assert_eq!(e.place.field.as_deref(), Some("\"66%\" (column 13)"));
        let e = error("GET,/a,2.5,0,5,5.0,4,6,0,1.0,0.0,5,5,6,6");
        assert!(
            e.message.contains("whole non-negative count"),
            "{}",
            e.message
        );
        let e = error("GET,/a,2,3,5,5.0,4,6,0,1.0,0.0,5,5,6,6");
        assert!(
            e.message.contains("at most the 2 requests"),
            "{}",
            e.message
        );
        let e = error("GET,/a,2,0,5\n");
        assert_eq!(
            (e.place.line, e.message.as_str()),
            (
                Some(2),
                "expected 15 fields, as many as the header has, found 5"
            )
        );
        let e =
            error("GET,/a,2,0,5,5.0,4,6,0,1.0,0.0,5,5,6,6\nGET,/a,2,0,5,5.0,4,6,0,1.0,0.0,5,5,6,6");
        assert!(
            e.message.contains("already given by line 2"),
            "{}",
            e.message
        );
        let e = parse("Type,Name,Request Count\n").unwrap_err();
        assert!(e.message.contains("\"Failure Count\""), "{}", e.message);
        assert!(parse("").unwrap_err().message.contains("empty file"));
        let e = parse("Timestamp,User Count,Type,Name,Requests/s\n").unwrap_err();
        assert!(e.message.contains("_stats_history.csv"), "{}", e.message);
        let long = "x".repeat(100);
        let e = error(&format!("GET,/a,{long},0,5,5.0,4,6,0,1.0,0.0,5,5,6,6"));
        assert!(e.message.len() < 80, "{}", e.message);
    }
}
