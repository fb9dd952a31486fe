//! The baseline store: baselines versioned in the user's git repository.
//!
//! [`git`] is the only file in the crate that imports git2. This module
//! depends only on `model`; it must not judge or render anything.

mod error;
pub mod git;
mod store;
pub mod thin;

pub use error::BaselineError;
pub use store::{BaselineStore, DirStore, FAULT_ENV, Loaded, PAUSE_ENV, parse};

/// The file name of a suite's baseline: the suite name when it is made of
/// letters, digits, `.`, `_` and `-` only (and is not `.`/`..`); otherwise
/// the other characters become `_` and a short hash of the full name is
/// appended, so two suites never share a file and no name can escape the
/// baseline directory.
pub fn file_name(suite: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    let clean = !suite.is_empty() && suite.chars().all(safe) && !suite.starts_with('.');
    if clean {
        return format!("{suite}.json");
    }
    let stem: String = suite
        .chars()
        .take(64)
        .map(|c| if safe(c) && c != '.' { c } else { '_' })
        .collect();
    let mut hash: u32 = 0x811c_9dc5;
    for byte in suite.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("{stem}-{hash:08x}.json")
}

/// The suite a baseline file belongs to, given its file name and the suite
/// its document names: that suite when the file is named after it;
/// otherwise (the file was renamed, as with `git mv` after renaming a suite
/// in benchgate.toml) the suite whose file name this is, when there is one,
/// since that is the suite it is loaded for.
pub fn suite_of(file: &str, document_suite: &str) -> String {
    if file_name(document_suite) == file {
        return document_suite.to_owned();
    }
    match file.strip_suffix(".json") {
        Some(stem) if file_name(stem) == file => stem.to_owned(),
        _ => document_suite.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suite_names_become_safe_distinct_file_names() {
        assert_eq!(file_name("api-nightly_2.x"), "api-nightly_2.x.json");
        for hostile in ["../../etc/passwd", "a/b", "..", ".", "", "C:\\x", "a b"] {
            let name = file_name(hostile);
            assert!(!name.contains('/') && !name.contains('\\'), "{name}");
            assert!(!name.starts_with('.'), "{name}");
        }
        assert_ne!(file_name("a/b"), file_name("a_b"));
        assert_ne!(file_name("a b"), file_name("a?b"));
    }

    #[test]
    fn a_renamed_baseline_file_belongs_to_the_suite_it_is_named_for() {
        assert_eq!(suite_of("micro.json", "micro"), "micro");
        assert_eq!(suite_of("parsing.json", "micro"), "parsing");
        assert_eq!(suite_of(&file_name("../x"), "../x"), "../x");
        assert_eq!(suite_of("odd name.json", "micro"), "micro");
    }
}
