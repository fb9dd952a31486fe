//! How fast each adapter reads a representative file (criterion).
//! `cargo bench --bench ingest`; benchgate gates these numbers itself (see
//! scripts/self-gate.sh).

#![expect(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]

use std::path::{Path, PathBuf};

use benchgate::ingest::{self, Format};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The largest good fixture of each text format.
fn largest(format: Format) -> Option<(PathBuf, String)> {
    let dir = fixtures().join(format.name());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0));
    let path = files.pop()?;
    let text = std::fs::read_to_string(&path).ok()?;
    Some((path, text))
}

fn adapters(c: &mut Criterion) {
    let mut group = c.benchmark_group("ingest");
    for format in Format::ALL {
        if format == Format::Criterion {
            continue;
        }
        let Some((_, text)) = largest(format) else {
            continue;
        };
        if format.parse(&text).is_err() {
            continue;
        }
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format.name(), |b| {
            b.iter(|| format.parse(std::hint::black_box(&text)))
        });
    }
    let criterion_dir = fixtures().join("criterion/v0_5_linear");
    if criterion_dir.is_dir() {
        group.throughput(Throughput::Elements(1));
        group.bench_function("criterion-dir", |b| {
            b.iter(|| {
                ingest::load(
                    std::hint::black_box(&criterion_dir),
                    Some(Format::Criterion),
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, adapters);
criterion_main!(benches);
