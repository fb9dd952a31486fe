//! Expectations for the corpus files read by this adapter family (filled in with the adapters).

#[allow(unused_imports)]
use benchgate::ingest::Format;

use crate::support::Expect;

/// One row per corpus file.
pub const EXPECT: &[Expect] = &[];
