//! Tests of `locust`.

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
    let e = error("GET,/a,2,0,5,5.0,4,6,0,1.0,0.0,5,5,6,6\nGET,/a,2,0,5,5.0,4,6,0,1.0,0.0,5,5,6,6");
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
