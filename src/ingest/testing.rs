//! Helpers shared by the adapters' unit tests.

use crate::model::{Metric, Results};

/// The text of `tests/fixtures/<format>/<name>`.
pub fn fixture_text(format: &str, name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/{format}/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The metric `name` of benchmark `id`, or a panic naming what is missing.
pub fn metric<'a>(results: &'a Results, id: &str, name: &str) -> &'a Metric {
    let bench = results
        .benchmark(id)
        .unwrap_or_else(|| panic!("no benchmark {id}"));
    bench
        .metric(name)
        .unwrap_or_else(|| panic!("{id}: no metric {name}"))
}

/// Asserts `got` is present and within 1e-9 relative of `want`.
pub fn close(got: Option<f64>, want: f64) {
    let got = got.unwrap_or_else(|| panic!("missing statistic, want {want}"));
    assert!(
        (got - want).abs() <= 1e-9 * want.abs(),
        "got {got}, want {want}"
    );
}

/// Asserts every (benchmark, metric, statistic, value) row, exactly.
pub fn expect(results: &Results, rows: &[(&str, &str, &str, f64)]) {
    for &(id, metric, stat, want) in rows {
        let got = results
            .benchmark(id)
            .and_then(|b| b.metric(metric))
            .and_then(|m| m.summary.get(stat));
        assert_eq!(got, Some(want), "{id}/{metric}/{stat}");
    }
}
