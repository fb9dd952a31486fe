//! Expectations for the corpus files of Artillery and Locust. Values were
//! computed with numpy from the files: times in ns (ms × 10⁶; Artillery 1.x
//! `intermediate[].latencies` are already ns, and their median/p95 are
//! numpy's default linear method); counter rates are count / duration, the
//! duration of a 1.x report being `rps.count / rps.mean` and of a 2.x one
//! `(lastMetricAt − firstHistogramAt) / 1000` (its `firstCounterAt` and
//! `firstMetricAt` are `null`).
//!
//! Not listed, because they are not statistics: the Locust
//! `*_stats_history.csv` and `*_failures.csv` files. Detection does not
//! claim them and `--format locust` refuses them with a pointer to the
//! `_stats.csv` beside them (checked below).

use benchgate::ingest::{self, Format};

use crate::support::{Expect, corpus_dir};

/// One row per corpus file.
pub const EXPECT: &[Expect] = &[
    // 1.x: the raw latencies of intermediate[] become the samples.
    Expect {
        file: "artillery/artilleryio-report-viewer__test_report.v1.json",
        format: Format::Artillery,
        benchmarks: 16,
        values: &[
            ("http.response_time", "trend", "n", 5194.0),
            ("http.response_time", "trend", "median", 1454946696.5),
            ("http.response_time", "trend", "p95", 24189155041.299995),
            ("http.response_time", "trend", "min", 1946017.0),
            ("vusers.session_length", "trend", "p99", 193010400000.0),
            ("http.codes.500", "counter", "count", 239.0),
            ("http.codes.500", "counter", "rate", 1.0576727622714148),
            ("http.request_rate", "throughput", "mean", 22.99),
            ("vusers.error_rate", "rate", "rate", 0.005555555555555556),
            ("errors.ESOCKETTIMEDOUT", "counter", "count", 1.0),
        ],
    },
    // 1.x with the metrics-by-endpoint plugin (customStats + "code N on" counters).
    Expect {
        file: "artillery/artilleryio-report-viewer__test_report_addons.v1.json",
        format: Format::Artillery,
        benchmarks: 25,
        values: &[
            ("http.response_time", "trend", "median", 60336458250.0),
            ("http.response_time", "trend", "mean", 57858128091.73846),
            (
                "http.response_time{url:/some-api/v1/filters/ranges}",
                "trend",
                "p95",
                63668500000.0,
            ),
            (
                "http.codes.503{url:/some-api/v1/vehicles/search}",
                "counter",
                "count",
                2958.0,
            ),
            ("http.codes.500", "counter", "rate", 0.7167622559060494),
            ("vusers.skipped", "counter", "count", 902.0),
            ("vusers.error_rate", "rate", "rate", 0.8470780993992354),
            ("vusers.error_rate", "rate", "passes", 3102.0),
        ],
    },
    // Early 2.0: histograms with a DDSketch `_raw`, engine.*/core.* names.
    Expect {
        file: "artillery/artilleryio-report-viewer__test_report_v2.json",
        format: Format::Artillery,
        benchmarks: 11,
        values: &[
            ("engine.http.response_time", "trend", "n", 1200.0),
            ("engine.http.response_time", "trend", "p75", 26300000.0),
            ("engine.http.response_time", "trend", "p99.9", 153000000.0),
            ("core.vusers.session_length", "trend", "median", 25300000.0),
            (
                "engine.http.requests",
                "counter",
                "rate",
                22.478645286977372,
            ),
            ("engine.http.request_rate", "throughput", "mean", 20.0),
            ("vusers.error_rate", "rate", "rate", 0.0),
        ],
    },
    // Locust 2.x default percentiles, one endpoint.
    Expect {
        file: "locust/Motiur12-Locust_Framework__results_stats.csv",
        format: Format::Locust,
        benchmarks: 2,
        values: &[
            ("GET /api/users?page=2", "trend", "p98", 300000000.0),
            ("GET /api/users?page=2", "trend", "mean", 135008453.72886854),
            ("GET /api/users?page=2", "trend", "median", 130000000.0),
            (
                "GET /api/users?page=2",
                "counter",
                "rate",
                4.707020074951354,
            ),
            ("Aggregated", "rate", "rate", 0.0),
            ("Aggregated", "counter", "count", 255.0),
        ],
    },
    // Custom PERCENTILES_TO_REPORT (50,60,70,80,90,95,99,100), a gRPC type.
    Expect {
        file: "locust/Nikita-Filonov-load-testing-hub__locust_stats.csv",
        format: Format::Locust,
        benchmarks: 2,
        values: &[
            (
                "grpc /backend.diftech.processing.caa.operationfacade.facadeback.v1.OperationFacadeBackService/GetOperfeed",
                "trend",
                "p60",
                5500000000.0,
            ),
            ("Aggregated", "trend", "max", 10975364638.98723),
            ("Aggregated", "trend", "median", 5100000000.0),
            ("Aggregated", "counter", "count", 11779.0),
        ],
    },
    // Newer Locust (integer median), two endpoints.
    Expect {
        file: "locust/danielOtavin-load-framework__results_stats.csv",
        format: Format::Locust,
        benchmarks: 3,
        values: &[
            ("POST /post", "trend", "p99.99", 330000000.0),
            ("GET /get", "trend", "min", 1528199.9949365854),
            ("GET /get", "counter", "rate", 201.45486954496857),
            ("Aggregated", "trend", "median", 9000000.0),
            ("Aggregated", "trend", "n", 24075.0),
            ("Aggregated", "rate", "fails", 24075.0),
        ],
    },
];

#[test]
fn locust_files_other_than_stats_are_refused_with_a_pointer() {
    let Some(root) = corpus_dir() else { return };
    let Ok(read) = std::fs::read_dir(root.join("locust")) else {
        return;
    };
    for entry in read.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with("_stats.csv") {
            continue;
        }
        let err = ingest::load(&entry.path(), Some(Format::Locust))
            .err()
            .unwrap_or_else(|| panic!("{name} should not ingest"))
            .to_string();
        assert!(err.contains("pass the `_stats.csv`"), "{name}: {err}");
    }
}
