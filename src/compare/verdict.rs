//! The verdict of one comparison entry, decided once, here.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How bad a regression is, by the tier its evidence reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// At least the minor threshold (default 10 %), below major.
    Minor,
    /// At least the major threshold (default 20 %), below critical.
    Major,
    /// At least the critical threshold (default 50 %).
    Critical,
}

/// The answer to "did this benchmark get worse, and how much?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Better by at least the minor threshold, and the evidence says so.
    Improved,
    /// No change the evidence supports beyond the minor threshold.
    Unchanged,
    /// Worse, graded by how far the evidence supports.
    Regressed(Severity),
    /// In this run, not in the baseline.
    New,
    /// In the baseline, not in this run.
    Missing,
    /// Cannot tell: too few samples, noise wider than the threshold, or no
    /// usable baseline value.
    Inconclusive,
}

impl Verdict {
    /// Every verdict, worst first (the order reports list them in).
    pub const ALL: [Verdict; 8] = [
        Self::Regressed(Severity::Critical),
        Self::Regressed(Severity::Major),
        Self::Regressed(Severity::Minor),
        Self::Missing,
        Self::Inconclusive,
        Self::New,
        Self::Improved,
        Self::Unchanged,
    ];

    /// The name used in documents and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Improved => "improved",
            Self::Unchanged => "unchanged",
            Self::Regressed(Severity::Minor) => "minor",
            Self::Regressed(Severity::Major) => "major",
            Self::Regressed(Severity::Critical) => "critical",
            Self::New => "new",
            Self::Missing => "missing",
            Self::Inconclusive => "inconclusive",
        }
    }

    /// The verdict with this name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == name)
    }

    /// Position in worst-first order (0 is worst).
    pub fn rank(self) -> usize {
        Self::ALL
            .iter()
            .position(|v| *v == self)
            .expect("ALL lists every verdict")
    }

    /// The regression severity, if this is a regression.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Self::Regressed(severity) => Some(severity),
            _ => None,
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Verdict {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Verdict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Self::from_name(&name).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown verdict {name:?}; expected one of improved, unchanged, minor, major, critical, new, missing, inconclusive"
            ))
        })
    }
}

/// The regression level at or above which the gate fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// Fail on any regression of at least this severity.
    Severity(Severity),
    /// Never fail on regressions (SLO breaches still fail).
    Never,
}

impl FailOn {
    /// The name used on the command line and in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Severity(Severity::Minor) => "minor",
            Self::Severity(Severity::Major) => "major",
            Self::Severity(Severity::Critical) => "critical",
            Self::Never => "never",
        }
    }

    /// The level with this name.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "minor" => Self::Severity(Severity::Minor),
            "major" => Self::Severity(Severity::Major),
            "critical" => Self::Severity(Severity::Critical),
            "never" => Self::Never,
            _ => return None,
        })
    }

    /// Whether a regression of `severity` fails the gate.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            Self::Severity(level) => severity >= level,
            Self::Never => false,
        }
    }
}

impl Serialize for FailOn {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for FailOn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Self::from_name(&name).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown level {name:?}; expected minor, major, critical or never"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_order_is_worst_first() {
        for (rank, verdict) in Verdict::ALL.into_iter().enumerate() {
            assert_eq!(Verdict::from_name(verdict.as_str()), Some(verdict));
            assert_eq!(verdict.rank(), rank);
        }
        assert!(Severity::Critical > Severity::Major && Severity::Major > Severity::Minor);
    }

    #[test]
    fn fail_levels_fail_at_or_above_themselves() {
        let table = [
            ("minor", Severity::Minor, true),
            ("minor", Severity::Critical, true),
            ("major", Severity::Minor, false),
            ("major", Severity::Major, true),
            ("critical", Severity::Major, false),
            ("critical", Severity::Critical, true),
            ("never", Severity::Critical, false),
        ];
        for (level, severity, fails) in table {
            let level = FailOn::from_name(level).unwrap();
            assert_eq!(level.fails(severity), fails, "{level:?} {severity:?}");
        }
        assert_eq!(FailOn::from_name("sometimes"), None);
    }
}
