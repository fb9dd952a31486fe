//! Every public corpus file of a supported format ingests, with values that
//! match the file. One table per adapter family, in the files below.

use crate::support::{Expect, check, corpus_dir};

/// Every table of expectations.
fn all() -> Vec<&'static Expect> {
    let tables: [&[Expect]; 6] = [
        crate::corpus_k6json::EXPECT,
        crate::corpus_load::EXPECT,
        crate::corpus_k6::EXPECT,
        crate::corpus_criterion::EXPECT,
        crate::corpus_micro::EXPECT,
        crate::corpus_other::EXPECT,
    ];
    tables.into_iter().flatten().collect()
}

#[test]
fn every_listed_corpus_file_ingests_with_the_expected_values() {
    let Some(root) = corpus_dir() else { return };
    for expect in all() {
        check(&root, expect);
    }
}

/// The corpus folders of the formats benchgate reads, and which of their
/// files are tool output (the rest are inputs stored beside them).
const FOLDERS: [(&str, &str); 12] = [
    ("k6-out-json", ".ndjson"),
    ("artillery", ".json"),
    ("locust", "_stats.csv"),
    ("k6-summary-export", ".json"),
    ("k6-handle-summary", ".json"),
    ("cargo-criterion-json", ".ndjson"),
    ("hyperfine", ".json"),
    ("google-benchmark", ".json"),
    ("pytest-benchmark", ".json"),
    ("go-test-bench", ".txt"),
    ("jmh", ".json"),
    ("benchmarkdotnet", ".json"),
];

#[test]
fn every_corpus_file_of_a_supported_format_has_expectations() {
    let Some(root) = corpus_dir() else { return };
    let listed: Vec<&str> = all()
        .iter()
        .map(|e| e.file)
        .chain(crate::corpus_micro::REFUSED.iter().map(|r| r.0))
        .collect();
    let mut missing = Vec::new();
    for (folder, suffix) in FOLDERS {
        let Ok(read) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        for entry in read.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(suffix) && !name.ends_with(".cc.txt") {
                let rel = format!("{folder}/{name}");
                if !listed.contains(&rel.as_str()) {
                    missing.push(rel);
                }
            }
        }
    }
    let Ok(projects) = std::fs::read_dir(root.join("criterion")) else {
        return;
    };
    for project in projects.flatten() {
        let rel = format!(
            "criterion/{}/target/criterion",
            project.file_name().to_string_lossy()
        );
        if !listed.contains(&rel.as_str()) {
            missing.push(rel);
        }
    }
    missing.sort();
    assert!(
        missing.is_empty(),
        "corpus files without expectations: {missing:?}"
    );
}
