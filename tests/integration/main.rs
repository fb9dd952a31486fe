//! benchgate's integration tests: one binary (faster to link), one module
//! per area.

// Helpers outside #[test] functions panic on broken fixtures too: that is a
// test failure with a message, which is what a test helper should do.
#![allow(clippy::unwrap_used)]

mod cli;
mod corpus;
mod corpus_criterion;
mod corpus_k6;
mod corpus_k6json;
mod corpus_load;
mod corpus_micro;
mod corpus_other;
mod fixtures;
mod git_store;
mod k6_run;
mod robustness;
mod run;
mod support;
