//! The shape of `benchgate.toml` as serde reads it: every value that a
//! message may point at is `Spanned`, so errors can name its line.

use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WireConfig {
    pub(super) fail_on: Option<Spanned<String>>,
    pub(super) baseline_dir: Option<String>,
    pub(super) max_samples: Option<Spanned<i64>>,
    pub(super) refresh: Option<Spanned<String>>,
    pub(super) thresholds: Option<Spanned<WireThresholds>>,
    #[serde(default)]
    pub(super) suite: Vec<WireSuite>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WireThresholds {
    pub(super) minor: Option<Spanned<String>>,
    pub(super) major: Option<Spanned<String>>,
    pub(super) critical: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WireSuite {
    pub(super) name: Spanned<String>,
    #[serde(default)]
    pub(super) inputs: Vec<String>,
    pub(super) format: Option<Spanned<String>>,
    pub(super) command: Option<Vec<String>>,
    pub(super) thresholds: Option<Spanned<WireThresholds>>,
    #[serde(default)]
    pub(super) metric: Vec<WireMetric>,
    #[serde(default)]
    pub(super) slo: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) bench: Vec<WireBench>,
    pub(super) runs: Option<Spanned<i64>>,
    pub(super) warmup: Option<Spanned<i64>>,
    pub(super) confirm: Option<Spanned<i64>>,
    pub(super) k6: Option<Spanned<WireK6>>,
}

/// `[suite.k6]`: how k6 `--out json` inputs are read (as `ingest`'s flags).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WireK6 {
    pub(super) group_by: Option<Vec<String>>,
    pub(super) percentiles: Option<Vec<Spanned<f64>>>,
    pub(super) windows: Option<Vec<Spanned<String>>>,
    pub(super) skip_bad_lines: Option<bool>,
    pub(super) jobs: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WireBench {
    pub(super) name: Spanned<String>,
    pub(super) command: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WireMetric {
    pub(super) benchmark: Option<String>,
    pub(super) metric: Option<String>,
    pub(super) statistic: Option<String>,
    pub(super) direction: Option<Spanned<String>>,
    pub(super) thresholds: Option<Spanned<WireThresholds>>,
}
