//! One run of one suite: the `benchgate.results.v1` document.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Metric;

/// The schema tag of a results (and baseline) document.
pub const SCHEMA_RESULTS_V1: &str = "benchgate.results.v1";

/// One run of one suite: provenance and the benchmarks measured.
///
/// Serialised with a fixed key order (the field order here, and `BTreeMap`s
/// for maps) so that a baseline's diff in git is readable. Unknown fields are
/// ignored on read, so newer writers stay readable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// Always [`SCHEMA_RESULTS_V1`].
    pub schema: String,
    /// The suite's name (`default` when none was given).
    pub suite: String,
    /// When the results were produced or ingested (RFC 3339), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// The tools and files the results came from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// The git state of the work tree the results were produced in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub git: Option<GitInfo>,
    /// The machine the results were produced on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<Host>,
    /// The benchmarks, in the order the sources listed them.
    pub benchmarks: Vec<Benchmark>,
}

impl Results {
    /// An empty results document for `suite`.
    pub fn new(suite: impl Into<String>) -> Self {
        Self {
            schema: SCHEMA_RESULTS_V1.to_owned(),
            suite: suite.into(),
            created: None,
            sources: Vec::new(),
            git: None,
            host: None,
            benchmarks: Vec::new(),
        }
    }

    /// The benchmark with this id, if any.
    pub fn benchmark(&self, id: &str) -> Option<&Benchmark> {
        self.benchmarks.iter().find(|b| b.id == id)
    }

    /// The document as pretty-printed JSON with a trailing newline.
    pub fn to_json_pretty(&self) -> String {
        let mut text = serde_json::to_string_pretty(self)
            .expect("a Results document always serialises: all keys are strings");
        text.push('\n');
        text
    }
}

/// Where (part of) a results document came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The tool that produced the input (`k6`, `criterion`, `hyperfine` …).
    pub tool: String,
    /// The tool's version, when the input says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The input file or directory, as given on the command line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// When the measured run started (RFC 3339), when the input says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<String>,
    /// How long the measured run lasted, in seconds, when the input says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<f64>,
    /// What the reader left out of the input and why (benchmarks the tool
    /// marked as failed or skipped), for the user to see once; not part of
    /// the document.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

impl Source {
    /// A source naming only its tool.
    pub fn tool(tool: impl Into<String>) -> Self {
        Self {
            tool: tool.into(),
            version: None,
            path: None,
            started: None,
            duration_seconds: None,
            warnings: Vec::new(),
        }
    }

    /// Sets the tool version.
    pub fn with_version(mut self, version: Option<String>) -> Self {
        self.version = version;
        self
    }
}

/// The git state results were produced in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GitInfo {
    /// The commit checked out (full SHA).
    pub commit: String,
    /// The branch checked out; absent on a detached HEAD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    /// Whether tracked files had uncommitted changes.
    pub dirty: bool,
}

/// A fingerprint of the machine results were produced on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Host {
    /// Operating system (`linux`, `macos`, `windows` …).
    pub os: String,
    /// CPU architecture (`x86_64`, `aarch64` …).
    pub arch: String,
    /// CPU model name, when the system tells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<String>,
    /// Logical cores available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cores: Option<u32>,
}

/// An absolute limit a source evaluated itself (a k6 threshold), with its
/// outcome. benchgate's own SLOs are judged in `compare`, not stored here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Threshold {
    /// The expression as the source wrote it (`p(95)<500`).
    pub expression: String,
    /// Whether the limit held.
    pub passed: bool,
}

/// One benchmark: a stable id and one or more metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Benchmark {
    /// A stable id (`parse/json/1kb`; for k6 `http_req_duration` or
    /// `http_req_duration{name:/api}`).
    pub id: String,
    /// Parameters the source recorded (hyperfine `--parameter-scan`, JMH
    /// `@Param`), by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    /// Limits the source evaluated itself (k6 thresholds).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thresholds: Vec<Threshold>,
    /// The measured quantities; never empty in a valid document.
    pub metrics: Vec<Metric>,
}

impl Benchmark {
    /// A benchmark with the given id and metrics and no parameters.
    pub fn new(id: impl Into<String>, metrics: Vec<Metric>) -> Self {
        Self {
            id: id.into(),
            params: BTreeMap::new(),
            thresholds: Vec::new(),
            metrics,
        }
    }

    /// The metric with this name, if any.
    pub fn metric(&self, name: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Summary, Unit};

    #[test]
    fn document_keys_keep_a_stable_order_and_unknown_fields_are_ignored() {
        let mut summary = Summary::default();
        summary.set("median", 12.0);
        let mut results = Results::new("demo");
        results.benchmarks.push(Benchmark::new(
            "parse/json",
            vec![Metric::new("time", Unit::Nanoseconds, summary)],
        ));
        let text = results.to_json_pretty();
        let schema = text.find("\"schema\"").unwrap();
        let suite = text.find("\"suite\"").unwrap();
        let benchmarks = text.find("\"benchmarks\"").unwrap();
        assert!(schema < suite && suite < benchmarks, "{text}");
        assert!(
            text.contains("\"direction\": \"lower_is_better\""),
            "{text}"
        );

        let with_unknown = text.replacen("\"suite\"", "\"future_field\": [1, 2],\n  \"suite\"", 1);
        let back: Results = serde_json::from_str(&with_unknown).unwrap();
        assert_eq!(back, results);
    }
}
