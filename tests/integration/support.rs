//! Shared helpers: the corpus location, expectations on ingested results,
//! and a command builder for the binary.

use std::path::{Path, PathBuf};

use benchgate::ingest::{self, Format};
use benchgate::model::Results;

/// The shared corpus of real tool outputs, when it is present (CI has it at
/// `../shared/corpus`; `BENCHGATE_CORPUS` overrides). Prints a note and
/// returns `None` otherwise, so the caller can skip.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("BENCHGATE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "note: skipping corpus checks: {} does not exist (set BENCHGATE_CORPUS)",
            dir.display()
        );
        None
    }
}

/// The fixture directory of this repository.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// What one real file must ingest to.
pub struct Expect {
    /// Path relative to the corpus root.
    pub file: &'static str,
    /// The format detection must find (and that is then used to parse).
    pub format: Format,
    /// How many benchmarks the results must hold.
    pub benchmarks: usize,
    /// Values that must come out, in the model's unit (times in ns):
    /// (benchmark id, metric name, statistic, expected value).
    pub values: &'static [(&'static str, &'static str, &'static str, f64)],
}

/// Ingests `expect.file` from `root` with detection, checks the detected
/// format, the benchmark count and each value (to 1e-9 relative).
pub fn check(root: &Path, expect: &Expect) -> Results {
    let path = root.join(expect.file);
    let detected = if path.is_dir() {
        Format::Criterion
    } else {
        let text = std::fs::read_to_string(&path).unwrap();
        ingest::detect(&text).unwrap_or_else(|e| panic!("{}: {e:?}", expect.file))
    };
    assert_eq!(detected, expect.format, "{}: detected format", expect.file);
    let results = ingest::load(&path, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        results.benchmarks.len(),
        expect.benchmarks,
        "{}: benchmark count; ids: {:?}",
        expect.file,
        results.benchmarks.iter().map(|b| &b.id).collect::<Vec<_>>()
    );
    for &(id, metric, stat, want) in expect.values {
        let bench = results
            .benchmark(id)
            .unwrap_or_else(|| panic!("{}: no benchmark {id:?}", expect.file));
        let m = bench
            .metric(metric)
            .unwrap_or_else(|| panic!("{}: {id}: no metric {metric:?}", expect.file));
        let got = m
            .summary
            .get(stat)
            .unwrap_or_else(|| panic!("{}: {id}/{metric}: no statistic {stat:?}", expect.file));
        let tolerance = 1e-9 * want.abs().max(1e-300);
        assert!(
            (got - want).abs() <= tolerance,
            "{}: {id}/{metric}/{stat}: got {got}, want {want}",
            expect.file
        );
    }
    results
}
