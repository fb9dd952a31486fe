//! Expectations for the k6 summary corpus files (`k6-summary-export/`,
//! `k6-handle-summary/`). Times are the file's milliseconds × 1e6; rates are
//! `passes / (passes + fails)`; benchmark counts are the metrics plus one per
//! check, through every group.

use benchgate::ingest::Format;
use benchgate::model::Threshold;

use crate::support::{Expect, check, corpus_dir};

/// One row per corpus file.
pub const EXPECT: &[Expect] = &[
    Expect {
        file: "k6-summary-export/prefapp-action-k6-summary-analyzer__summary.json",
        format: Format::K6Summary,
        benchmarks: 16,
        values: &[
            ("http_req_duration", "trend", "p95", 1957.7001869999967e6),
            ("http_req_duration", "trend", "mean", 884.0187507154246e6),
            (
                "http_req_duration{expected_response:true}",
                "trend",
                "median",
                427.4258555e6,
            ),
            ("http_req_connecting", "trend", "p90", 0.0),
            ("http_req_failed", "rate", "rate", 0.052750353372912305),
            ("http_req_failed", "rate", "n", 2216497.0),
            ("data_received", "counter", "count", 10428817744.0),
            ("iterations", "counter", "rate", 21.17178885226332),
            ("vus", "gauge", "last", 206.0),
            ("vus", "gauge", "max", 1000.0),
        ],
    },
    Expect {
        file: "k6-summary-export/szboynono-k6-html-reporter__dev-export.pre-v0.30.json",
        format: Format::K6Summary,
        benchmarks: 18,
        values: &[
            ("checks", "rate", "rate", 1.0),
            ("checks", "rate", "passes", 88.0),
            (
                "checks{group:::scenarios::case one,check:status code is 200}",
                "rate",
                "passes",
                44.0,
            ),
            (
                "checks{group:::scenarios::case two,check:status code is 200}",
                "rate",
                "n",
                44.0,
            ),
            ("http_req_duration", "trend", "p90", 621.0491e6),
            ("group_duration", "trend", "mean", 457.0698893939395e6),
            ("data_sent", "counter", "count", 77662.0),
        ],
    },
    Expect {
        file: "k6-summary-export/szboynono-k6-html-reporter__perf-export.pre-v0.30.json",
        format: Format::K6Summary,
        benchmarks: 16,
        values: &[
            ("checks{check:status is 200}", "rate", "rate", 1.0),
            ("checks", "rate", "rate", 1.0),
            ("checks", "rate", "passes", 29.0),
            ("iteration_duration", "trend", "max", 1281.5005e6),
            ("http_req_duration", "trend", "median", 45.6972e6),
            ("http_req_tls_handshaking", "trend", "p95", 0.0),
        ],
    },
    Expect {
        file: "k6-handle-summary/benc-uk-k6-reporter__grpc.json",
        format: Format::K6HandleSummary,
        benchmarks: 13,
        values: &[
            ("grpc_req_duration", "trend", "p95", 2.5228431999999996e6),
            ("grpc_req_duration", "trend", "median", 0.758751e6),
            ("fake_trend", "trend", "p90", 899.9373840182885),
            ("fake_rate", "rate", "rate", 0.4998439937597504),
            ("checks{check:status is OK}", "rate", "passes", 9615.0),
            ("fake_gauge", "gauge", "last", 35.06111527257939),
            ("data_sent", "counter", "count", 2538291.0),
        ],
    },
    Expect {
        file: "k6-handle-summary/benc-uk-k6-reporter__simple.json",
        format: Format::K6HandleSummary,
        benchmarks: 20,
        values: &[
            ("http_req_duration", "trend", "p99", 39.577136380000084e6),
            (
                "http_req_duration{expected_response:true}",
                "trend",
                "p95",
                28.97347239999998e6,
            ),
            ("http_req_waiting", "trend", "min", 0.0),
            ("http_req_failed", "rate", "rate", 0.39749430523917995),
            (
                "checks{check:Status is ok}",
                "rate",
                "rate",
                0.20501138952164008,
            ),
            (
                "checks{group:::Example group,check:NOT 500}",
                "rate",
                "passes",
                439.0,
            ),
            ("data_received", "counter", "rate", 195178.97322943222),
        ],
    },
    Expect {
        file: "k6-handle-summary/szboynono-k6-html-reporter__dev-export.v0.30.json",
        format: Format::K6HandleSummary,
        benchmarks: 20,
        values: &[
            (
                "checks{group:::bigger group::group one,check:status is 201 in group one}",
                "rate",
                "rate",
                0.0,
            ),
            (
                "checks{check:status is 200 in individual group}",
                "rate",
                "n",
                149.0,
            ),
            ("errorRate", "rate", "fails", 29.0),
            ("iterations", "counter", "count", 149.0),
            ("http_req_duration", "trend", "p95", 44.55441999999999e6),
            ("vus", "gauge", "max", 9.0),
        ],
    },
];

/// The two shapes write thresholds with opposite polarity: the export's
/// boolean is `true` when the threshold FAILED, handleSummary's `ok` is
/// `true` when it passed. Both come out as `passed`.
#[test]
fn k6_thresholds_keep_their_polarity_and_the_duration_is_read() {
    let Some(root) = corpus_dir() else { return };
    let threshold = |expression: &str, passed| Threshold {
        expression: expression.to_owned(),
        passed,
    };

    let export = check(&root, &EXPECT[0]);
    let duration = export.benchmark("http_req_duration").unwrap();
    assert_eq!(duration.thresholds, vec![threshold("p(95)<1000", false)]);
    let failed = export.benchmark("http_req_failed").unwrap();
    assert_eq!(failed.thresholds, vec![threshold("rate<0.1", true)]);

    let handle = check(&root, &EXPECT[5]);
    let duration = handle.benchmark("http_req_duration").unwrap();
    assert_eq!(
        duration.thresholds,
        vec![
            threshold("p(90) < 4", false),
            threshold("p(95) < 800", true),
            threshold("p(99.9) < 2000", true),
        ]
    );
    assert_eq!(handle.sources[0].duration_seconds, None);

    let simple = check(&root, &EXPECT[4]);
    assert_eq!(simple.sources[0].tool, "k6");
    let seconds = simple.sources[0].duration_seconds.unwrap();
    assert!((seconds - 24.425289882).abs() < 1e-12, "{seconds}");
}
