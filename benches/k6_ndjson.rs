//! Throughput of the k6 `--out json` NDJSON reader, on 8 MiB of realistic
//! lines (built-in HTTP metrics, 12 URL names, statuses, log-normal-ish
//! latencies, increasing times with a `+02:00` offset):
//!
//! - `scan`: the hand-written line scanner alone (find the envelope, parse
//!   time and value, locate the tags) — `k6_json::scan_lines`;
//! - `serde_value`: what it replaces, a `serde_json::Value` per line;
//! - `parse`: the whole pipeline on one thread — scan, intern tags, route
//!   to cells, then sort and compute every view — `k6_json::parse_bytes`.
//!
//! Run: `cargo bench --bench k6_ndjson` (MB/s is criterion's `thrpt`).

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use benchgate::ingest::k6_json::{self, Options};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const TRENDS: [&str; 7] = [
    "http_req_duration",
    "http_req_blocked",
    "http_req_connecting",
    "http_req_tls_handshaking",
    "http_req_sending",
    "http_req_waiting",
    "http_req_receiving",
];

/// `size` bytes of k6 NDJSON, deterministic.
fn input(size: usize) -> Vec<u8> {
    let mut out = String::with_capacity(size + 4096);
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let metric = |name: &str, kind: &str, contains: &str| {
        format!(
            "{{\"type\":\"Metric\",\"data\":{{\"name\":\"{name}\",\"type\":\"{kind}\",\"contains\":\"{contains}\",\"thresholds\":[],\"submetrics\":null}},\"metric\":\"{name}\"}}\n"
        )
    };
    out.push_str(&metric("http_reqs", "counter", "default"));
    for t in TRENDS {
        out.push_str(&metric(t, "trend", "time"));
    }
    out.push_str(&metric("http_req_failed", "rate", "default"));
    out.push_str(&metric("iterations", "counter", "default"));
    let mut ns: u64 = 549_397_854;
    let mut second = 0u64;
    while out.len() < size {
        let r = next();
        let name = format!("/api/endpoint{}", r % 12);
        let status = if r % 97 == 0 { 500 } else { 200 };
        let tags = format!(
            "{{\"expected_response\":\"{}\",\"group\":\"\",\"method\":\"GET\",\"name\":\"{name}\",\"proto\":\"HTTP/1.1\",\"scenario\":\"default\",\"status\":\"{status}\",\"tls_version\":\"tls1.3\",\"url\":\"https://shop.example.com{name}\"}}",
            status < 400
        );
        ns += 700_000 + r % 600_000;
        if ns >= 1_000_000_000 {
            ns -= 1_000_000_000;
            second += 1;
        }
        let fraction = format!("{ns:09}");
        let fraction = fraction.trim_end_matches('0');
        let time = format!(
            "2023-09-08T21:{:02}:{:02}{}{fraction}+02:00",
            (second / 60) % 60,
            second % 60,
            if fraction.is_empty() { "" } else { "." }
        );
        let point = |out: &mut String, m: &str, v: &str, tags: &str| {
            out.push_str(&format!(
                "{{\"metric\":\"{m}\",\"type\":\"Point\",\"data\":{{\"time\":\"{time}\",\"value\":{v},\"tags\":{tags}}}}}\n"
            ));
        };
        point(&mut out, "http_reqs", "1", &tags);
        for (i, t) in TRENDS.iter().enumerate() {
            let micros = (next() % 400_000) as f64 / (1 + i * 3) as f64;
            point(&mut out, t, &format!("{}", micros.round() / 1000.0), &tags);
        }
        point(
            &mut out,
            "http_req_failed",
            u8::from(status >= 400).to_string().as_str(),
            &tags,
        );
        point(
            &mut out,
            "iterations",
            "1",
            "{\"group\":\"\",\"scenario\":\"default\"}",
        );
    }
    out.into_bytes()
}

fn bench(c: &mut Criterion) {
    let data = input(8 << 20);
    let lines = data.iter().filter(|&&b| b == b'\n').count();
    let mut group = c.benchmark_group("k6_ndjson");
    group.throughput(Throughput::Bytes(data.len() as u64));
    group.sample_size(20);
    assert!(
        k6_json::scan_lines(&data) + 10 >= lines,
        "the fast path reads every point"
    );
    group.bench_function("scan", |b| b.iter(|| k6_json::scan_lines(black_box(&data))));
    group.bench_function("serde_value", |b| {
        b.iter(|| {
            data.split(|&b| b == b'\n')
                .filter(|l| serde_json::from_slice::<serde_json::Value>(l).is_ok())
                .count()
        })
    });
    let options = Options {
        jobs: 1,
        ..Options::default()
    };
    group.bench_function("parse", |b| {
        b.iter(|| {
            k6_json::parse_bytes(black_box(&data), &options).map(|l| l.results.benchmarks.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
