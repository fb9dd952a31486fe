//! The baseline store: baselines versioned in the user's git repository.
//!
//! [`git`] is the only file in the crate that imports git2. This module
//! depends only on `model`; it must not judge or render anything.

pub mod git;
