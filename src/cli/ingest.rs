//! `benchgate ingest`, the input format and the k6 NDJSON options.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::ingest::Format;

/// Arguments of `benchgate ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// The inputs' format; `auto` detects it from each input's content.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto, value_name = "FMT")]
    pub format: FormatArg,

    /// The suite these results belong to.
    #[arg(long, default_value = "default", value_name = "NAME")]
    pub suite: String,

    /// Write the results document to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Print a table of what was read to standard output (the document still
    /// goes to --output when given).
    #[arg(long)]
    pub table: bool,

    /// k6 NDJSON input.
    #[command(flatten)]
    pub k6: K6Args,

    /// Result files or criterion directories to read.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
}

/// Options for k6 `--out json` NDJSON input.
#[derive(Debug, Args)]
#[command(next_help_heading = "k6 NDJSON input")]
pub struct K6Args {
    /// Tags that split each metric into sub-metrics
    /// (`http_req_duration{name:/api}`), comma-separated.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "name",
        value_name = "TAGS"
    )]
    pub group_by: Vec<String>,

    /// Threads that read one file [default: available cores].
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Count and report malformed lines instead of failing on the first.
    #[arg(long)]
    pub skip_bad_lines: bool,

    /// Extra trend percentiles to compute, comma-separated (`99.9,75`).
    #[arg(long, value_delimiter = ',', value_name = "P")]
    pub percentiles: Vec<f64>,

    /// Windows of the worst-window rates (error-budget burn), comma-separated
    /// (`30s,1m,5m`); each rate metric gets `worst_rate_<W>`.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "1m,5m",
        value_parser = crate::ingest::k6_json::parse_window,
        value_name = "WINDOWS"
    )]
    pub windows: Vec<std::time::Duration>,
}

impl K6Args {
    /// The reader's options.
    pub fn to_options(&self) -> crate::ingest::k6_json::Options {
        let mut options = crate::ingest::k6_json::Options {
            group_by: self
                .group_by
                .iter()
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .collect(),
            skip_bad_lines: self.skip_bad_lines,
            percentiles: self.percentiles.clone(),
            windows: self.windows.clone(),
            ..crate::ingest::k6_json::Options::default()
        };
        if let Some(jobs) = self.jobs {
            options.jobs = jobs.max(1);
        }
        options
    }
}

/// `--format` values: every [`Format`] plus `auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Detect the format from each input's content.
    Auto,
    /// k6 --summary-export JSON.
    K6Summary,
    /// k6 handleSummary() data as JSON.
    K6HandleSummary,
    /// k6 --out json NDJSON (plain or gzip).
    K6Json,
    /// A criterion.rs target/criterion directory.
    Criterion,
    /// cargo-criterion --message-format=json.
    CargoCriterion,
    /// hyperfine --export-json.
    Hyperfine,
    /// Google Benchmark JSON.
    Gbench,
    /// pytest-benchmark JSON.
    PytestBenchmark,
    /// go test -bench text.
    GoTest,
    /// JMH JSON.
    Jmh,
    /// BenchmarkDotNet full JSON.
    #[value(name = "benchmarkdotnet")]
    BenchmarkDotNet,
    /// [{"name", "unit", "value"}] custom JSON.
    Custom,
    /// Artillery JSON report.
    Artillery,
    /// Locust --csv stats file.
    Locust,
    /// A benchgate results document.
    Benchgate,
}

impl FormatArg {
    /// The domain format, or `None` for `auto`.
    pub fn to_format(self) -> Option<Format> {
        Some(match self {
            Self::Auto => return None,
            Self::K6Summary => Format::K6Summary,
            Self::K6HandleSummary => Format::K6HandleSummary,
            Self::K6Json => Format::K6Json,
            Self::Criterion => Format::Criterion,
            Self::CargoCriterion => Format::CargoCriterion,
            Self::Hyperfine => Format::Hyperfine,
            Self::Gbench => Format::Gbench,
            Self::PytestBenchmark => Format::PytestBenchmark,
            Self::GoTest => Format::GoTest,
            Self::Jmh => Format::Jmh,
            Self::BenchmarkDotNet => Format::BenchmarkDotNet,
            Self::Custom => Format::Custom,
            Self::Artillery => Format::Artillery,
            Self::Locust => Format::Locust,
            Self::Benchgate => Format::Benchgate,
        })
    }
}
