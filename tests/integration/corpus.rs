//! Every public corpus file of a supported format ingests, with values that
//! match the file. One table per adapter family, in the files below.

use crate::support::{Expect, check, corpus_dir};

/// Every table of expectations.
fn all() -> Vec<&'static Expect> {
    let tables: [&[Expect]; 4] = [
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
