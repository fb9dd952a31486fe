//! benchgate's exit codes. CI scripts depend on these: they are part of the
//! public interface and never change meaning.

/// The command did its job and, where there is a gate, the gate passed.
pub const SUCCESS: u8 = 0;

/// The gate failed: a regression at or above `--fail-on`, or an SLO breach.
/// A normal, reportable outcome, not an error.
pub const GATE_FAILED: u8 = 1;

/// benchgate could not judge: bad input, an unreadable baseline, a git
/// error, bad flags.
pub const ERROR: u8 = 2;
