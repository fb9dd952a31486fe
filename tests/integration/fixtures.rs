//! Every fixture under `tests/fixtures/<format>/` is ingested with its
//! format named and the result snapshotted; every fixture under
//! `tests/fixtures/<format>/bad/` must fail, and its error is snapshotted.
//! Adding a fixture file adds a case.

use std::path::{Path, PathBuf};

use benchgate::ingest::{self, Format};

use crate::support::fixtures_dir;

/// The fixture entries (files, or directories for criterion) of one folder.
fn entries(dir: &Path, format: Format) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = read
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n != "bad"))
        .filter(|p| p.is_file() || format == Format::Criterion)
        .collect();
    out.sort();
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(fixtures_dir())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn good_fixtures_ingest_and_match_their_snapshots() {
    let mut seen = 0;
    for format in Format::ALL {
        for path in entries(&fixtures_dir().join(format.name()), format) {
            let name = relative(&path);
            let mut results = ingest::load(&path, Some(format))
                .unwrap_or_else(|e| panic!("{name} should ingest: {e}"));
            for source in &mut results.sources {
                source.path = Some(name.clone());
            }
            let snapshot = name.replace(['/', '.'], "__");
            insta::with_settings!({ snapshot_suffix => snapshot, prepend_module_to_snapshot => false }, {
                insta::assert_json_snapshot!("fixture", results);
            });
            seen += 1;
        }
    }
    assert!(seen > 0, "no fixtures found");
}

#[test]
fn bad_fixtures_fail_with_a_message_naming_file_and_place() {
    for format in Format::ALL {
        for path in entries(&fixtures_dir().join(format.name()).join("bad"), format) {
            let name = relative(&path);
            let err = match ingest::load(&path, Some(format)) {
                Ok(_) => panic!("{name} should not ingest"),
                Err(err) => err.to_string(),
            };
            let message = err.replace(&fixtures_dir().display().to_string(), "[FIXTURES]");
            assert!(
                message.contains("[FIXTURES]"),
                "{name}: error does not name the file: {message}"
            );
            let snapshot = name.replace(['/', '.'], "__");
            insta::with_settings!({ snapshot_suffix => snapshot, prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!("bad_fixture", message);
            });
        }
    }
}
