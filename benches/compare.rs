//! How fast comparisons are judged (criterion): 10,000 benchmarks with
//! summaries only (point estimates), and 1,000 with 30 raw samples a side
//! (Mann–Whitney test and 2,000-resample bootstrap each).
//! `cargo bench --bench compare`.

#![expect(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]

use benchgate::compare::{Policy, compare};
use benchgate::model::{Benchmark, Metric, MetricKind, Results, Summary, Unit};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn results(n: usize, samples: usize, scale: f64) -> Results {
    let mut r = Results::new("bench");
    for i in 0..n {
        let base = 1000.0 + (i % 97) as f64 * 13.0;
        let metric = if samples == 0 {
            let mut summary = Summary::default();
            summary.set("p95", base * scale);
            Metric::new("trend", Unit::Nanoseconds, summary).with_kind(MetricKind::Trend)
        } else {
            let values: Vec<f64> = (0..samples)
                .map(|j| {
                    base * scale * (1.0 + 0.02 * (((i * 31 + j * 17) % 23) as f64 / 11.0 - 1.0))
                })
                .collect();
            let mut summary = Summary::default();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            summary.set("median", sorted[samples / 2]);
            summary.set("n", samples as f64);
            Metric::new("time", Unit::Nanoseconds, summary).with_samples(values)
        };
        r.benchmarks
            .push(Benchmark::new(format!("group/{i}"), vec![metric]));
    }
    r
}

fn judging(c: &mut Criterion) {
    let mut group = c.benchmark_group("compare");
    group.sample_size(10);
    let policy = Policy::default();
    let (base, cur) = (results(10_000, 0, 1.0), results(10_000, 0, 1.05));
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("10000-point", |b| b.iter(|| compare(&base, &cur, &policy)));
    let (base, cur) = (results(1_000, 30, 1.0), results(1_000, 30, 1.05));
    group.throughput(Throughput::Elements(1_000));
    group.bench_function("1000-sampled", |b| b.iter(|| compare(&base, &cur, &policy)));
    group.finish();
}

criterion_group!(benches, judging);
criterion_main!(benches);
