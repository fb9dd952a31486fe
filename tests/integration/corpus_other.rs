//! Expectations for the corpus files of `go test -bench`, JMH and
//! BenchmarkDotNet. Values were computed with numpy from the files (times in
//! ns; go `MB/s` × 10⁶; JMH `ops/s` as is; medians and p90 by numpy's default
//! linear method). For BenchmarkDotNet the expected mean and median are the
//! file's own `Statistics.Mean`/`Median`: the summary benchgate computes from
//! `OriginalValues` must agree with them.

use benchgate::ingest::Format;

use crate::support::Expect;

/// One row per corpus file.
pub const EXPECT: &[Expect] = &[
    // Same benchmark names in two packages: the package prefix keeps them apart.
    Expect {
        file: "go-test-bench/github-action-benchmark__go_fiber_duplicate_names_output.txt",
        format: Format::GoTest,
        benchmarks: 4,
        values: &[
            (
                "github.com/gofiber/fiber/v3/middleware/cache.BenchmarkAppendMsgitem-4",
                "time",
                "median",
                55.76,
            ),
            (
                "github.com/gofiber/fiber/v3/middleware/csrf.BenchmarkAppendMsgitem-4",
                "time",
                "median",
                0.3733,
            ),
            (
                "github.com/gofiber/fiber/v3/middleware/csrf.BenchmarkAppendMsgitem-4",
                "throughput",
                "mean",
                2678.46e6,
            ),
            (
                "github.com/gofiber/fiber/v3/middleware/cache.BenchmarkUnmarshalitem-4",
                "alloc_bytes",
                "max",
                0.0,
            ),
            (
                "github.com/gofiber/fiber/v3/middleware/csrf.BenchmarkUnmarshalitem-4",
                "allocs",
                "n",
                1.0,
            ),
        ],
    },
    // No `pkg:` line: ids are the names as printed.
    Expect {
        file: "go-test-bench/github-action-benchmark__go_output.txt",
        format: Format::GoTest,
        benchmarks: 8,
        values: &[
            ("BenchmarkFib10-8", "time", "median", 325.0),
            ("BenchmarkFib20", "time", "mean", 40537.123),
            (
                "BenchmarkFib/my/tabled/benchmark_-_20,var1=13,var2=14",
                "time",
                "median",
                40537.456,
            ),
            ("BenchmarkFib11-16", "auxMetricUnits", "mean", 3.0),
            ("BenchmarkFib22-16", "time", "max", 31915.0),
        ],
    },
    Expect {
        file: "go-test-bench/golang-perf__benchstat-crc-old.txt",
        format: Format::GoTest,
        benchmarks: 36,
        values: &[
            (
                "hash/crc32.BenchmarkCRC32/poly=IEEE/size=15/align=0-8",
                "time",
                "median",
                46.55,
            ),
            (
                "hash/crc32.BenchmarkCRC32/poly=IEEE/size=15/align=0-8",
                "time",
                "n",
                10.0,
            ),
            (
                "hash/crc32.BenchmarkCRC32/poly=IEEE/size=15/align=1-8",
                "throughput",
                "median",
                337.99e6,
            ),
            (
                "hash/crc32.BenchmarkCRC32/poly=Koopman/size=32kB/align=1-8",
                "time",
                "p90",
                75656.0,
            ),
            (
                "hash/crc32.BenchmarkCRC32/poly=Koopman/size=32kB/align=1-8",
                "time",
                "mean",
                70943.5,
            ),
        ],
    },
    // Starts with three lines of prose.
    Expect {
        file: "go-test-bench/golang-perf__benchstat-new.txt",
        format: Format::GoTest,
        benchmarks: 2,
        values: &[
            (
                "golang.org/x/perf/cmd/benchstat/testdata.BenchmarkEncode/format=json-48",
                "time",
                "median",
                1422.5,
            ),
            (
                "golang.org/x/perf/cmd/benchstat/testdata.BenchmarkEncode/format=json-48",
                "time",
                "mean",
                1421.9,
            ),
            (
                "golang.org/x/perf/cmd/benchstat/testdata.BenchmarkEncode/format=gob-48",
                "time",
                "p90",
                3140.1,
            ),
        ],
    },
    Expect {
        file: "go-test-bench/golang-perf__benchstat-old.txt",
        format: Format::GoTest,
        benchmarks: 2,
        values: &[
            (
                "golang.org/x/perf/cmd/benchstat/testdata.BenchmarkEncode/format=json-48",
                "time",
                "median",
                1718.0,
            ),
            (
                "golang.org/x/perf/cmd/benchstat/testdata.BenchmarkEncode/format=gob-48",
                "time",
                "median",
                3065.5,
            ),
            (
                "golang.org/x/perf/cmd/benchstat/testdata.BenchmarkEncode/format=gob-48",
                "time",
                "mean",
                3079.4,
            ),
        ],
    },
    Expect {
        file: "go-test-bench/golang-perf__suffixarray.bench.txt",
        format: Format::GoTest,
        benchmarks: 42,
        values: &[
            (
                "index/suffixarray.BenchmarkNew/text=opticks/size=100K/bits=32-8",
                "time",
                "median",
                4076368.0,
            ),
            (
                "index/suffixarray.BenchmarkNew/text=opticks/size=100K/bits=32-8",
                "throughput",
                "median",
                24.535e6,
            ),
            (
                "index/suffixarray.BenchmarkNew/text=opticks/size=100K/bits=32-8",
                "alloc_bytes",
                "mean",
                401489.5,
            ),
            (
                "index/suffixarray.BenchmarkNew/text=opticks/size=100K/bits=64-8",
                "allocs",
                "median",
                2.0,
            ),
            (
                "index/suffixarray.BenchmarkSaveRestore/bits=64-8",
                "time",
                "median",
                13627776.5,
            ),
        ],
    },
    Expect {
        file: "jmh/bencher__java-jmh-six.json",
        format: Format::Jmh,
        benchmarks: 6,
        values: &[
            (
                "com.github.caffeine.caffeine.cache.ComputeBenchmark.compute_sameKey(computeType=Caffeine)",
                "throughput",
                "mean",
                152520132.34402195,
            ),
            (
                "com.github.hashmap.caffeine.cache.ComputeBenchmark.compute_sameKey(computeType=ConcurrentHashMap)",
                "throughput",
                "median",
                7582059.5369200725,
            ),
            (
                "com.github.hashmap.caffeine.cache.ComputeBenchmark.compute_spread(computeType=ConcurrentHashMap)",
                "throughput",
                "n",
                3.0,
            ),
        ],
    },
    Expect {
        file: "jmh/github-action-benchmark__jmh_output.json",
        format: Format::Jmh,
        benchmarks: 1,
        values: &[
            (
                "org.openjdk.jmh.samples.JMHSample_01_HelloWorld.wellHelloThere",
                "throughput",
                "mean",
                3376238873.1228185,
            ),
            (
                "org.openjdk.jmh.samples.JMHSample_01_HelloWorld.wellHelloThere",
                "throughput",
                "median",
                3376519888.95058,
            ),
        ],
    },
    Expect {
        file: "benchmarkdotnet/bencher__dot_net-memory.json",
        format: Format::BenchmarkDotNet,
        benchmarks: 2,
        values: &[
            (
                "BenchmarkDotNet.Samples.Memory.AllocEmptyList",
                "time",
                "mean",
                77.49449412027995,
            ),
            (
                "BenchmarkDotNet.Samples.Memory.AllocEmptyList",
                "time",
                "median",
                77.41812467575073,
            ),
            (
                "BenchmarkDotNet.Samples.Memory.AllocEmptyList",
                "time",
                "stddev",
                1.175959577250963,
            ),
            (
                "BenchmarkDotNet.Samples.Memory.AllocEmptyList",
                "alloc_bytes",
                "mean",
                368.0,
            ),
            (
                "BenchmarkDotNet.Samples.Memory.AllocExactList",
                "time",
                "mean",
                54.648447036743164,
            ),
            (
                "BenchmarkDotNet.Samples.Memory.AllocExactList",
                "time",
                "median",
                54.68738079071045,
            ),
            (
                "BenchmarkDotNet.Samples.Memory.AllocExactList",
                "alloc_bytes",
                "mean",
                184.0,
            ),
        ],
    },
    // 0.9.9 schema: no FullName, no OriginalValues; the statistics are mapped.
    Expect {
        file: "benchmarkdotnet/bencher__dot_net-two.v0.9.9.json",
        format: Format::BenchmarkDotNet,
        benchmarks: 2,
        values: &[
            (
                "BenchmarkDotNet.Samples.Intro.IntroJsonExport.Sleep10",
                "time",
                "mean",
                10362283.085796878,
            ),
            (
                "BenchmarkDotNet.Samples.Intro.IntroJsonExport.Sleep10",
                "time",
                "median",
                10360382.6953125,
            ),
            (
                "BenchmarkDotNet.Samples.Intro.IntroJsonExport.Sleep10",
                "time",
                "n",
                20.0,
            ),
            (
                "BenchmarkDotNet.Samples.Intro.IntroJsonExport.Sleep20",
                "time",
                "p95",
                20416606.69771875,
            ),
            (
                "BenchmarkDotNet.Samples.Intro.IntroJsonExport.Sleep20",
                "time",
                "stddev",
                47980.732317777525,
            ),
        ],
    },
    Expect {
        file: "benchmarkdotnet/github-action-benchmark__benchmarkdotnet.json",
        format: Format::BenchmarkDotNet,
        benchmarks: 2,
        values: &[
            ("Sample.Benchmarks.Fib10", "time", "mean", 24.4202085009643),
            (
                "Sample.Benchmarks.Fib10",
                "time",
                "median",
                24.419498533010483,
            ),
            ("Sample.Benchmarks.Fib10", "time", "n", 14.0),
            ("Sample.Benchmarks.Fib20", "time", "mean", 51.52008151549559),
            (
                "Sample.Benchmarks.Fib20",
                "time",
                "median",
                51.40195590257645,
            ),
            ("Sample.Benchmarks.Fib20", "time", "p90", 52.14931050539017),
        ],
    },
];
