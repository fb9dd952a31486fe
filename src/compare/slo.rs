//! Absolute limits (SLOs): `http_req_duration p95 < 150ms`, evaluated on
//! the current results alone, with error-budget figures for rates.

use std::collections::BTreeMap;

use crate::model::{MetricKind, Results};

use super::document::SloResult;

/// An absolute limit: `http_req_duration p95 < 150ms`.
#[derive(Debug, Clone, PartialEq)]
pub struct Slo {
    /// The benchmark id (a k6 metric name, with tags for a sub-metric).
    pub benchmark: String,
    /// The statistic (`p95`, `rate`, `mean` …), canonical name.
    pub stat: String,
    /// `<` (upper limit) or `>` (lower limit).
    pub op: SloOp,
    /// The limit in the model's unit (ns for times, a fraction for `%`).
    pub value: f64,
    /// The limit as written, for reports.
    pub expression: String,
}

/// The comparison of an SLO.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SloOp {
    /// The statistic must stay below the value.
    Below,
    /// The statistic must stay above the value.
    Above,
}

/// Evaluates `slos` against `results`. A limit whose benchmark or statistic
/// is absent is a breach with a note: missing data never passes silently.
///
/// For an upper limit on a rate metric the budget consumed is
/// `observed / limit`, and the burn rate over each window is the worst
/// windowed rate (summary extras `worst_rate_<window>`, from k6 NDJSON) over
/// the limit.
pub fn evaluate(results: &Results, slos: &[Slo]) -> Vec<SloResult> {
    slos.iter().map(|slo| evaluate_one(results, slo)).collect()
}

fn evaluate_one(results: &Results, slo: &Slo) -> SloResult {
    let mut out = SloResult {
        benchmark: slo.benchmark.clone(),
        expression: slo.expression.clone(),
        passed: false,
        source: "benchgate".to_owned(),
        ..SloResult::default()
    };
    let Some(bench) = results.benchmark(&slo.benchmark) else {
        out.note = Some(format!("no benchmark '{}' in this run", slo.benchmark));
        return out;
    };
    let Some((metric, value)) = bench
        .metrics
        .iter()
        .find_map(|m| m.summary.get(&slo.stat).map(|v| (m, v)))
    else {
        out.note = Some(format!(
            "'{}' has no statistic '{}'",
            slo.benchmark, slo.stat
        ));
        return out;
    };
    out.observed = Some(value);
    out.unit = Some(metric.unit.clone());
    out.passed = match slo.op {
        SloOp::Below => value < slo.value,
        SloOp::Above => value > slo.value,
    };
    if metric.kind == MetricKind::Rate && slo.op == SloOp::Below && slo.value > 0.0 {
        out.budget_consumed = Some(value / slo.value);
        out.burn_rates = metric
            .summary
            .extra
            .iter()
            .filter_map(|(k, v)| {
                k.strip_prefix("worst_rate_")
                    .map(|w| (w.to_owned(), v / slo.value))
            })
            .collect::<BTreeMap<_, _>>();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Benchmark, Metric, Summary, Unit};

    fn results() -> Results {
        let mut r = Results::new("s");
        let mut trend = Summary::default();
        trend.set("p95", 120e6);
        let mut rate = Summary::default();
        rate.set("rate", 0.02);
        rate.set("worst_rate_1m", 0.05);
        r.benchmarks = vec![
            Benchmark::new(
                "http_req_duration",
                vec![Metric::new("trend", Unit::Nanoseconds, trend).with_kind(MetricKind::Trend)],
            ),
            Benchmark::new(
                "http_req_failed",
                vec![Metric::new("rate", Unit::Ratio, rate).with_kind(MetricKind::Rate)],
            ),
        ];
        r
    }

    fn slo(benchmark: &str, stat: &str, op: SloOp, value: f64) -> Slo {
        Slo {
            benchmark: benchmark.into(),
            stat: stat.into(),
            op,
            value,
            expression: format!("{benchmark} {stat}"),
        }
    }

    #[test]
    fn limits_hold_or_breach_and_rates_get_budgets() {
        let out = evaluate(
            &results(),
            &[
                slo("http_req_duration", "p95", SloOp::Below, 150e6),
                slo("http_req_duration", "p95", SloOp::Below, 100e6),
                slo("http_req_failed", "rate", SloOp::Below, 0.01),
                slo("nothing", "p95", SloOp::Below, 1.0),
            ],
        );
        assert!(out[0].passed);
        assert!(!out[1].passed);
        assert!(!out[2].passed);
        assert_eq!(out[2].budget_consumed, Some(2.0));
        assert_eq!(out[2].burn_rates["1m"], 5.0);
        assert!(!out[3].passed && out[3].note.is_some());
    }
}
