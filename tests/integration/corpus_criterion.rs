//! Expectations for the corpus read by the criterion family: criterion.rs
//! `target/criterion` directories and cargo-criterion `--message-format=json`
//! output.
//!
//! Values were computed with numpy from the files: time medians are
//! `median(times / iters)` of `new/sample.json` (and equal criterion's own
//! `median.point_estimate` in `new/estimates.json`, the same statistic);
//! slopes are `slope.point_estimate` (`slope.estimate` for cargo-criterion);
//! throughput is `median(per_iteration / (time_ns · 1e-9))`.

use benchgate::ingest::Format;

use crate::support::Expect;

/// One row per corpus directory or file.
pub const EXPECT: &[Expect] = &[
    Expect {
        file: "criterion/dougch-criterion_gettingstarted/target/criterion",
        format: Format::Criterion,
        benchmarks: 2,
        values: &[
            ("fib20-fast", "time", "median", 4.731211130710657),
            ("fib20-fast", "time", "n", 100.0),
            ("fib20-fast", "time", "slope", 4.760869085188391),
            ("fib20-slow", "time", "median", 19975.70278950036),
            ("fib20-slow", "time", "mean", 20008.77420336332),
            ("fib20-slow", "time", "slope", 20103.261301815834),
        ],
    },
    Expect {
        // Flat sampling (slope null); named baselines 0.3.2/ and 0.3.6/ and
        // base/ differ from new/ and are not read.
        file: "criterion/garypen-deduplicate/target/criterion",
        format: Format::Criterion,
        benchmarks: 1,
        values: &[
            (
                "get/deduplicate get/2048",
                "time",
                "median",
                1665900.4285714286,
            ),
            (
                "get/deduplicate get/2048",
                "time",
                "mean",
                1705013.6666666665,
            ),
            ("get/deduplicate get/2048", "time", "p95", 2709914.057142857),
            ("get/deduplicate get/2048", "time", "n", 100.0),
        ],
    },
    Expect {
        file: "cargo-criterion-json/local-cargo-criterion-1.1.0__run1.ndjson",
        format: Format::CargoCriterion,
        benchmarks: 3,
        values: &[
            ("fib 20", "time", "median", 24804.53926005747),
            ("fib 20", "time", "slope", 28374.085028459613),
            ("sum/bytes/1024", "time", "median", 196.14364933344677),
            ("sum/bytes/1024", "throughput", "median", 5220972322.47386),
            ("sum/bytes/16384", "time", "median", 3890.7934952208875),
            ("sum/bytes/16384", "throughput", "median", 4210987591.724811),
        ],
    },
];
