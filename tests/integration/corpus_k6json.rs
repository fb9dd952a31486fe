//! Expectations for the k6 `--out json` NDJSON corpus files
//! (`k6-out-json/`). Values were recomputed from the raw lines with numpy
//! (`percentile(method="linear")`, k6's formula) by `scripts/bench_k6.py
//! verify`: times are the file's milliseconds × 1e6, counter rates are per
//! second of the span between the first and last point, and the benchmark
//! count is every metric, k6 sub-metric, `name` group (the default
//! `--group-by`) and check.

use benchgate::ingest::Format;

use crate::support::Expect;

/// One row per corpus file.
pub const EXPECT: &[Expect] = &[
    Expect {
        file: "k6-out-json/Mattihew-k6-to-junit__exampleResults.ndjson",
        format: Format::K6Json,
        benchmarks: 178,
        values: &[
            ("http_req_duration", "trend", "n", 20.0),
            ("http_req_duration", "trend", "mean", 30696170.000000004),
            ("http_req_duration", "trend", "median", 28751150.000000004),
            ("http_req_duration", "trend", "p95", 41029575.0),
            ("http_req_duration", "trend", "p99", 43705915.0),
            ("http_req_duration", "trend", "stddev", 4848929.65933286),
            (
                "http_req_duration{name:http://jsonplaceholder.typicode.com/users/7}",
                "trend",
                "max",
                29318000.0,
            ),
            ("checks", "rate", "rate", 0.5),
            ("checks{check:is status 200}", "rate", "passes", 10.0),
            ("checks{check:not empty}", "rate", "n", 20.0),
            ("errors", "rate", "worst_rate_1m", 0.5),
            ("data_received", "counter", "count", 18533.0),
            ("iterations", "counter", "rate", 32.22378776124429),
            ("vus", "gauge", "last", 1.0),
        ],
    },
    Expect {
        file: "k6-out-json/grafana-xk6-dashboard__result.ndjson",
        format: Format::K6Json,
        benchmarks: 34,
        values: &[
            ("http_req_duration", "trend", "n", 322.0),
            ("http_req_duration", "trend", "mean", 122466391.51552793),
            ("http_req_duration", "trend", "p90", 124879320.69999999),
            ("http_req_duration", "trend", "p95", 125292685.89999999),
            (
                "http_req_duration{expected_response:true}",
                "trend",
                "p99",
                126497537.05000001,
            ),
            (
                "http_req_waiting{name:http://test.k6.io}",
                "trend",
                "median",
                121451105.0,
            ),
            ("http_req_failed", "rate", "fails", 322.0),
            ("http_req_failed", "rate", "worst_rate_5m", 0.0),
            ("data_received", "counter", "rate", 96365.192391787),
            ("iterations", "counter", "count", 161.0),
            ("vus", "gauge", "max", 2.0),
        ],
    },
];
