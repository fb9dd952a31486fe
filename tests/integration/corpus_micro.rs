//! Expectations for the corpus files of the micro-benchmark adapters:
//! hyperfine, Google Benchmark and pytest-benchmark. Values are in the
//! model's units (times in ns), computed with python from the files
//! (percentiles by numpy's default linear method, as `summarize` does).

use benchgate::ingest::Format;

use crate::support::{Expect, corpus_dir};

/// The id in the pytest-benchmark 2.5.0 file.
const XFAST: &str = "tests/test_normal.py::test_xfast_parametrized[0]";

/// One row per corpus file, except those in [`REFUSED`].
pub const EXPECT: &[Expect] = &[
    Expect {
        file: "hyperfine/bencher__shell-hyperfine-one.json",
        format: Format::Hyperfine,
        benchmarks: 1,
        values: &[
            // 214 runs; hyperfine's own median, 0.01325132996 s, agrees.
            ("sleep 0.01", "time", "n", 214.0),
            ("sleep 0.01", "time", "median", 13251329.96),
            ("sleep 0.01", "time", "p95", 14634444.209999999),
            ("sleep 0.01", "time", "max", 21347058.46),
            ("sleep 0.01", "user", "mean", 343610.46728971973),
            ("sleep 0.01", "system", "mean", 601688.5981308419),
        ],
    },
    Expect {
        file: "hyperfine/bencher__shell-hyperfine-two.json",
        format: Format::Hyperfine,
        benchmarks: 2,
        values: &[
            ("sleep 0.1", "time", "n", 27.0),
            ("sleep 0.1", "time", "median", 106525351.72000001),
            ("sleep 0.1", "time", "mean", 107534464.42370367),
            ("sleep 0.2", "time", "n", 13.0),
            ("sleep 0.2", "time", "median", 208661518.72000003),
            ("sleep 0.2", "time", "p95", 213390059.52000004),
            ("sleep 0.2", "system", "mean", 2086132.3076923075),
        ],
    },
    Expect {
        file: "google-benchmark/github-action-benchmark__googlecpp_output.json",
        format: Format::Gbench,
        benchmarks: 2,
        values: &[
            ("fib_10", "time", "n", 1.0),
            ("fib_10", "time", "median", 214.98980114547953),
            ("fib_10", "cpu_time", "median", 213.65507206163295),
            ("fib_20", "time", "mean", 27455.600415007055),
        ],
    },
    Expect {
        // Hand-edited compare.py input without run_name/aggregate_name:
        // `BM_One` and `short` have only unnamed aggregate rows (skipped).
        file: "google-benchmark/google-benchmark__gbench-test3_run0.json",
        format: Format::Gbench,
        benchmarks: 2,
        values: &[
            ("BM_Two", "time", "n", 2.0),
            ("BM_Two", "time", "median", 8.5),
            ("BM_Two", "cpu_time", "max", 90.0),
            ("medium", "time", "mean", 8.5),
            ("medium", "cpu_time", "min", 80.0),
        ],
    },
    Expect {
        // --benchmark_repetitions=3: iteration rows are the samples; the
        // mean/median/stddev/cv aggregate rows are not counted again.
        file: "google-benchmark/local-gbench-1.7.1__repetitions3.json",
        format: Format::Gbench,
        benchmarks: 5,
        values: &[
            ("BM_StringCopy/64", "time", "n", 3.0),
            ("BM_StringCopy/64", "time", "median", 21.011928537713064),
            ("BM_StringCopy/64", "cpu_time", "max", 22.030329625549825),
            ("BM_StringCopy/64", "throughput", "mean", 3123557221.3621583),
            ("BM_StringCopy/4096", "time", "stddev", 6.240382559068141),
            ("BM_VectorSum/1024", "time", "median", 511.6724449794533),
            (
                "BM_VectorSum/1024",
                "items_per_second",
                "median",
                2003162531.090946,
            ),
            ("BM_VectorSum/1024", "elems", "mean", 1024.0),
            ("BM_VectorSum/4096", "time", "mean", 1727.7376576454155),
            ("BM_VectorSum/16384", "time", "median", 4633.379999997544),
            ("BM_VectorSum/16384", "cpu_time", "max", 4762.649347079035),
        ],
    },
    Expect {
        // `stats.data` was cut to four numbers and a "... omitted" string by
        // the fixture's authors: the statistics (every round) are used.
        file: "pytest-benchmark/github-action-benchmark__pytest_output.json",
        format: Format::PytestBenchmark,
        benchmarks: 2,
        values: &[
            ("bench.py::test_fib_10", "time", "n", 38523.0),
            (
                "bench.py::test_fib_10",
                "time",
                "median",
                22300.000000363696,
            ),
            ("bench.py::test_fib_10", "time", "p25", 22255.999999831743),
            ("bench.py::test_fib_10", "time", "p75", 23523.00000019181),
            ("bench.py::test_fib_20", "time", "mean", 2985030.672661863),
            ("bench.py::test_fib_20", "time", "max", 3903139.999999805),
        ],
    },
    Expect {
        // Means from 150 ns to 2 s; only `test_sleep_2` has its full data
        // (5 of 5 rounds), so its summary comes from the samples.
        file: "pytest-benchmark/github-action-benchmark__pytest_several_units.json",
        format: Format::PytestBenchmark,
        benchmarks: 4,
        values: &[
            ("bench.py::test_fib_1", "time", "n", 68536.0),
            ("bench.py::test_fib_1", "time", "median", 143.7600000020467),
            ("bench.py::test_fib_10", "time", "mean", 28857.54012484424),
            ("bench.py::test_fib_20", "time", "p75", 3558160.999999949),
            ("bench.py::test_sleep_2", "time", "n", 5.0),
            (
                "bench.py::test_sleep_2",
                "time",
                "median",
                2005124842.999999,
            ),
            ("bench.py::test_sleep_2", "time", "p90", 2005155276.3999999),
        ],
    },
    Expect {
        file: "pytest-benchmark/pytest-benchmark__test_storage-0030.v2.5.0.json",
        format: Format::PytestBenchmark,
        benchmarks: 1,
        values: &[
            (XFAST, "time", "n", 9710.0),
            (XFAST, "time", "median", 220.16379230260296),
            (XFAST, "time", "p25", 217.95109087242605),
            (XFAST, "time", "max", 13290.03796500009),
        ],
    },
];

/// Corpus files of these formats that are refused on purpose: the file, the
/// format it is read as (`--format`), and the JSON path the error names.
///
/// `gbench-test4_run.json` is a hand-crafted compare.py input: no `context`
/// (so content detection does not call it Google Benchmark) and rows with a
/// `run_type` but no time at all, so there is nothing to measure.
pub const REFUSED: &[(&str, Format, &str)] = &[(
    "google-benchmark/google-benchmark__gbench-test4_run.json",
    Format::Gbench,
    "benchmarks[0].time_unit",
)];

#[test]
fn refused_corpus_files_name_the_place() {
    let Some(root) = corpus_dir() else { return };
    for &(file, format, field) in REFUSED {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let err = format.parse(&text).unwrap_err();
        assert_eq!(err.place.field.as_deref(), Some(field), "{file}: {err}");
        assert!(err.message.contains("found none"), "{file}: {err}");
    }
}
