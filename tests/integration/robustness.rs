//! No input can make an adapter panic: random bytes, and real files mutated
//! (truncated, bytes flipped, numbers replaced by NaN, negative or huge
//! values), are fed to every adapter and to detection. Each must return
//! results or an error, never panic.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use benchgate::ingest::{self, Format};
use proptest::prelude::*;

use crate::support::{corpus_dir, fixtures_dir};

/// A small deterministic generator (SplitMix64) so every run mutates the
/// same way and a failure can be reproduced from its printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const REPLACEMENTS: [&str; 10] = [
    "NaN",
    "-1",
    "1e999",
    "-0.0",
    "null",
    "\"x\"",
    "[]",
    "{}",
    "18446744073709551616",
    "-1e-320",
];

/// One mutation of `text`, chosen by `rng`.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    match rng.below(5) {
        0 => out.truncate(rng.below(bytes.len() + 1)),
        1 => {
            for _ in 0..=rng.below(8) {
                let i = rng.below(out.len());
                if let Some(b) = out.get_mut(i) {
                    *b = (rng.next() & 0xff) as u8;
                }
            }
        }
        2 => {
            let start = rng.below(out.len());
            let end = (start + rng.below(64)).min(out.len());
            out.drain(start..end);
        }
        _ => {
            let numbers: Vec<usize> = bytes
                .iter()
                .enumerate()
                .filter(|(i, b)| b.is_ascii_digit() && (*i == 0 || !bytes[i - 1].is_ascii_digit()))
                .map(|(i, _)| i)
                .collect();
            if numbers.is_empty() {
                out.truncate(out.len() / 2);
            } else {
                let start = numbers[rng.below(numbers.len())];
                let mut end = start;
                while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.') {
                    end += 1;
                }
                let with = REPLACEMENTS[rng.below(REPLACEMENTS.len())];
                out.splice(start..end, with.bytes());
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Feeds `text` to detection and to every text adapter.
fn feed_all(text: &str, origin: &str) {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let _ = ingest::detect(text);
        for format in Format::ALL {
            let _ = format.parse(text);
        }
    }));
    assert!(
        result.is_ok(),
        "an adapter panicked on a mutation of {origin}"
    );
}

/// Every regular file under `dir`, recursively, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn seeds() -> Vec<PathBuf> {
    let mut seeds: Vec<PathBuf> = files_under(&fixtures_dir())
        .into_iter()
        .filter(|p| !p.components().any(|c| c.as_os_str() == "stats"))
        .collect();
    if let Some(corpus) = corpus_dir() {
        seeds.extend(files_under(&corpus).into_iter().filter(|p| {
            p.extension()
                .is_some_and(|e| e == "json" || e == "ndjson" || e == "txt")
                && !p.ends_with("FORMATS.md")
        }));
    }
    seeds
}

#[test]
fn mutated_real_files_never_panic_any_adapter() {
    let mut rng = Rng(0x00BE_1C46_A7E5);
    let seeds = seeds();
    assert!(!seeds.is_empty(), "no seed files found");
    for path in &seeds {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let text: String = text.chars().take(200_000).collect();
        feed_all(&text, &path.display().to_string());
        for round in 0..40 {
            let mutated = mutate(&text, &mut rng);
            feed_all(&mutated, &format!("{} (round {round})", path.display()));
        }
    }
}

#[test]
fn mutated_criterion_directories_never_panic() {
    let Some(corpus) = corpus_dir() else { return };
    let source = corpus.join("criterion/dougch-criterion_gettingstarted/target/criterion");
    let mut rng = Rng(0xC417_E410);
    for round in 0..30 {
        let tmp = tempfile::tempdir().unwrap();
        let files = files_under(&source);
        for file in &files {
            let rel = file.strip_prefix(&source).unwrap();
            let dest = tmp.path().join(rel);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(file, &dest).unwrap();
        }
        let victim = tmp
            .path()
            .join(files[rng.below(files.len())].strip_prefix(&source).unwrap());
        let text = std::fs::read_to_string(&victim).unwrap_or_default();
        std::fs::write(&victim, mutate(&text, &mut rng)).unwrap();
        let outcome = catch_unwind(AssertUnwindSafe(|| ingest::load(tmp.path(), None)));
        assert!(
            outcome.is_ok(),
            "criterion adapter panicked (round {round}, {})",
            victim.display()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let text = String::from_utf8_lossy(&bytes);
        feed_all(&text, "random bytes");
    }

    #[test]
    fn random_json_like_text_never_panics(
        parts in proptest::collection::vec(
            prop::sample::select(vec![
                "{", "}", "[", "]", ",", ":", "\"results\"", "\"benchmarks\"", "\"metrics\"",
                "\"times\"", "\"name\"", "\"value\"", "\"unit\"", "\"ms\"", "1", "-2.5", "NaN",
                "null", "true", "\"root_group\"", "\"context\"", "\"primaryMetric\"",
                "Benchmark", "\t", "\n", "ns/op", "100", "\"type\"", "\"trend\"",
            ]),
            0..80,
        )
    ) {
        feed_all(&parts.concat(), "random JSON-like text");
    }
}
