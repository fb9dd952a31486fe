//! How fast a comparison renders as markdown and HTML (criterion), for
//! benchgate's self-gate. The 20,000-row size-budget check is
//! `benches/render.rs`. The group is named `render`, not `report`: the
//! criterion adapter skips directories named `report` (criterion's own HTML
//! reports live there).

#![expect(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]

use benchgate::compare::{Policy, compare};
use benchgate::model::{Benchmark, Metric, MetricKind, Results, Summary, Unit};
use benchgate::report::{Extras, Renderer};
use criterion::{Criterion, criterion_group, criterion_main};

fn results(n: usize, scale: f64) -> Results {
    let mut r = Results::new("bench");
    for i in 0..n {
        let mut summary = Summary::default();
        summary.set(
            "p95",
            (1000.0 + (i % 89) as f64 * 7.0) * if i % 50 == 0 { scale * 1.6 } else { scale },
        );
        r.benchmarks.push(Benchmark::new(
            format!("http_req_duration{{name:/api/{i}}}"),
            vec![Metric::new("trend", Unit::Nanoseconds, summary).with_kind(MetricKind::Trend)],
        ));
    }
    r
}

fn rendering(c: &mut Criterion) {
    let comparison = compare(
        &results(2_000, 1.0),
        &results(2_000, 1.02),
        &Policy::default(),
    );
    let renderer = Renderer::new(None).expect("the embedded templates are valid");
    let extras = Extras::default();
    let mut group = c.benchmark_group("render");
    group.sample_size(20);
    group.bench_function("markdown-2000", |b| {
        b.iter(|| renderer.markdown(&comparison, &extras))
    });
    group.bench_function("html-2000", |b| {
        b.iter(|| renderer.html(&comparison, &extras))
    });
    group.finish();
}

criterion_group!(benches, rendering);
criterion_main!(benches);
