//! Provenance stamped on every results document: when, which commit, which
//! machine.

use crate::baseline;
use crate::model::{Host, Results};

/// Fills in the creation time, git state of the current directory and host
/// fingerprint, keeping whatever the inputs already said.
pub fn stamp(results: &mut Results) {
    if results.created.is_none() {
        results.created = Some(jiff::Timestamp::now().to_string());
    }
    if results.git.is_none() {
        results.git = std::env::current_dir()
            .ok()
            .and_then(|dir| baseline::git::work_tree_state(&dir));
    }
    if results.host.is_none() {
        results.host = Some(host());
    }
}

/// A fingerprint of this machine: os, architecture, CPU model and cores.
pub fn host() -> Host {
    Host {
        os: std::env::consts::OS.to_owned(),
        arch: std::env::consts::ARCH.to_owned(),
        cpu: cpu_model(),
        cores: std::thread::available_parallelism()
            .ok()
            .and_then(|n| u32::try_from(n.get()).ok()),
    }
}

fn cpu_model() -> Option<String> {
    let info = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    info.lines()
        .find(|line| line.starts_with("model name"))
        .and_then(|line| line.split_once(':'))
        .map(|(_, model)| model.trim().to_owned())
}
