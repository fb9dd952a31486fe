//! Tests of `artillery`.

use super::*;
use crate::ingest::testing::{close, fixture_text, metric};

fn fixture(name: &str) -> Results {
    parse(&fixture_text("artillery", name)).unwrap()
}

fn error(text: &str) -> ParseError {
    parse(text).unwrap_err()
}

#[test]
fn v1_fields_get_2x_names_and_null_percentiles_are_absent() {
    let r = fixture("v1_nulls.json");
    assert_eq!(r.benchmarks.len(), 12);
    assert_eq!(r.sources[0].tool, "artillery");
    assert_eq!(r.created.as_deref(), Some("2021-03-11T20:24:35.438Z"));
    let t = metric(&r, "http.response_time", "trend");
    assert_eq!((&t.unit, t.kind), (&Unit::Nanoseconds, MetricKind::Trend));
    close(t.summary.median, 40.1e6);
    close(t.summary.max, 310.2e6);
    assert_eq!(
        (t.summary.p95, t.summary.p99, t.summary.n),
        (None, None, None)
    );
    assert!(r.benchmark("vusers.session_length").is_none());
    let c = metric(&r, "http.codes.404", "counter");
    assert_eq!(c.direction, Direction::LowerIsBetter);
    close(c.summary.get("count"), 1.0);
    close(c.summary.get("rate"), 0.1);
    let ok = metric(&r, "http.codes.200", "counter");
    assert_eq!(ok.direction, Direction::HigherIsBetter);
    assert_eq!(
        metric(&r, "errors.ETIMEDOUT", "counter").direction,
        Direction::LowerIsBetter
    );
    close(
        metric(&r, "http.requests", "counter").summary.get("count"),
        8.0,
    );
    let rps = metric(&r, "http.request_rate", "throughput");
    assert_eq!(
        (&rps.unit, rps.direction),
        (&Unit::OpsPerSecond, Direction::HigherIsBetter)
    );
    close(rps.summary.mean, 0.8);
    let e = metric(&r, "vusers.error_rate", "rate");
    assert_eq!(
        (&e.unit, e.kind, e.direction),
        (&Unit::Ratio, MetricKind::Rate, Direction::LowerIsBetter)
    );
    close(e.summary.get("rate"), 0.25);
    close(e.summary.get("passes"), 1.0);
    close(e.summary.get("fails"), 3.0);
}

#[test]
fn v1_intermediate_latencies_become_samples_when_complete() {
    let r = fixture("v1_raw_latencies.json");
    let t = metric(&r, "http.response_time", "trend");
    assert_eq!(
        t.samples.as_deref(),
        Some(&[30e6, 10e6, 40e6, 50e6, 20e6][..])
    );
    assert_eq!(t.summary.n, Some(5));
    close(t.summary.median, 30e6);
    close(t.summary.p90, 46e6);
    let old = fixture("v1_5_latency_tuples.json");
    let t = metric(&old, "http.response_time", "trend");
    assert_eq!(t.samples.as_deref(), Some(&[1.5e6, 3e6, 4.5e6][..]));

    let partial = r#"{"aggregate": {"requestsCompleted": 3, "latency": {"min": 1, "max": 9, "median": 5}},
        "intermediate": [{"latencies": [1000000, 9000000]}]}"#;
    let t = parse(partial)
        .unwrap()
        .benchmarks
        .remove(0)
        .metrics
        .remove(0);
    assert_eq!(t.samples, None);
    close(t.summary.median, 5e6);
}

#[test]
fn v1_metrics_by_endpoint_plugin_gets_tagged_ids() {
    let r = fixture("v1_metrics_by_endpoint.json");
    assert_eq!(r.benchmarks.len(), 22);
    close(
        metric(&r, "http.response_time{url:/api/items}", "trend")
            .summary
            .median,
        118e6,
    );
    let st = "plugins.metrics-by-endpoint.server-timing{url:/api/items}";
    close(metric(&r, st, "trend").summary.p95, 38.5e6);
    let c = metric(&r, "http.codes.503{url:/api/search?q=a}", "counter");
    assert_eq!(c.direction, Direction::LowerIsBetter);
    close(c.summary.get("rate"), 0.1);
    assert_eq!(
        metric(&r, "checkout_duration", "trend").unit,
        Unit::Nanoseconds
    );
    let cart = metric(&r, "cart_size", "trend");
    assert_eq!(cart.unit, Unit::Count);
    close(cart.summary.median, 3.0);
    close(
        metric(&r, "items_added", "counter").summary.get("count"),
        25.0,
    );
}

#[test]
fn v2_summaries_map_every_statistic_and_the_plugin_endpoints() {
    let r = fixture("v2_summaries.json");
    assert_eq!(r.benchmarks.len(), 21);
    assert_eq!(r.created.as_deref(), Some("2023-11-14T22:13:30.5Z"));
    let t = metric(&r, "http.response_time", "trend");
    assert_eq!(t.summary.n, Some(38));
    close(t.summary.mean, 48.3e6);
    close(t.summary.median, 40e6);
    close(t.summary.get("p75"), 55.2e6);
    close(t.summary.get("p99.9"), 247.2e6);
    close(
        metric(&r, "http.response_time{url:/ (home)}", "trend")
            .summary
            .p95,
        62.2e6,
    );
    let e = metric(&r, "errors.ETIMEDOUT{url:/api/items}", "counter");
    assert_eq!(e.direction, Direction::LowerIsBetter);
    close(
        metric(&r, "http.requests", "counter").summary.get("rate"),
        4.0,
    );
    assert_eq!(
        metric(&r, "http.downloaded_bytes", "counter").unit,
        Unit::Bytes
    );
    assert_eq!(
        metric(&r, "vusers.failed", "counter").direction,
        Direction::LowerIsBetter
    );
    let rate = metric(&r, "vusers.error_rate", "rate");
    close(rate.summary.get("rate"), 0.1);
    close(rate.summary.get("passes"), 2.0);
}

#[test]
fn v2_summaries_win_over_histograms_and_early_names_still_give_an_error_rate() {
    let both = r#"{"aggregate": {"summaries": {"x.time": {"p95": 2}}, "histograms": {"x.time": {"p95": 3}}}}"#;
    close(
        parse(both).unwrap().benchmarks[0].metrics[0].summary.p95,
        2e6,
    );
    let r = fixture("v2_early_histograms.json");
    assert_eq!(r.benchmarks.len(), 9);
    let t = metric(&r, "engine.http.response_time", "trend");
    assert_eq!((t.summary.n, &t.unit), (Some(11), &Unit::Nanoseconds));
    close(
        metric(&r, "engine.http.requests", "counter")
            .summary
            .get("rate"),
        2.0,
    );
    close(
        metric(&r, "vusers.error_rate", "rate").summary.get("rate"),
        1.0 / 12.0,
    );
    assert!(fixture("empty.json").benchmarks.is_empty());
}

#[test]
fn plugin_names_split_at_the_last_separator() {
    assert_eq!(
        counter_id("plugins.metrics-by-endpoint./a.codes.b.errors.E1"),
        "errors.E1{url:/a.codes.b}"
    );
    assert_eq!(
        counter_id("plugins.metrics-by-endpoint./x.errors.y.codes.404"),
        "http.codes.404{url:/x.errors.y}"
    );
    assert_eq!(counter_id("code 200 on /a b"), "http.codes.200{url:/a b}");
    assert_eq!(counter_id("code two on /a"), "code two on /a");
    assert_eq!(
        counter_id("plugins.metrics-by-endpoint.odd"),
        "plugins.metrics-by-endpoint.odd"
    );
    assert_eq!(
        histogram_id("browser.page.FCP.https://x/"),
        ("browser.page.FCP.https://x/".into(), true)
    );
    assert_eq!(
        histogram_id("browser.memory_used_mb"),
        ("browser.memory_used_mb".into(), false)
    );
}

#[test]
fn errors_name_the_json_path() {
    let e = error(r#"{"aggregate": {"summaries": {"http.response_time": {"min": -1}}}}"#);
    assert_eq!(
        e.place.field.as_deref(),
        Some("aggregate.summaries.http.response_time.min")
    );
    assert!(
        e.message.contains("non-negative time, found -1"),
        "{}",
        e.message
    );
    let e = error(r#"{"aggregate": {"counters": {"vusers.created": 2, "vusers.completed": 3}}}"#);
    assert_eq!(
        e.place.field.as_deref(),
        Some("aggregate.counters.vusers.completed")
    );
    let e = error(r#"{"aggregate": {"counters": {"errors.X": -2}}}"#);
    assert_eq!(e.message, "expected a non-negative count, found -2");
    let e = error(
        r#"{"aggregate": {"latency": {"p95": 1}, "customStats": {"http.response_time": {"p95": 2}}}}"#,
    );
    assert!(
        e.message.contains("already given by aggregate.latency"),
        "{}",
        e.message
    );
    let e = error(r#"{"aggregate": {}, "intermediate": [{"latencies": [[1, "u"]]}]}"#);
    assert_eq!(
        e.place.field.as_deref(),
        Some("intermediate[0].latencies[0]")
    );
    let e = error(r#"{"aggregate": {"timestamp": "yesterday"}}"#);
    assert_eq!(e.place.field.as_deref(), Some("aggregate.timestamp"));
    assert!(error("[]").message.contains("found an array"));
    assert!(
        error(r#"{"aggregate": {"counters": {"#)
            .message
            .contains("truncated")
    );
    assert!(
        error(r#"{"intermediate": []}"#)
            .message
            .contains("aggregate")
    );
}
