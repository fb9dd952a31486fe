//! Artillery 1.x reports: their fields under the 2.x names, and the raw
//! latencies of `intermediate[]`.

use super::names::code_on;
use super::*;

/// 1.x `rps`: requests sent, and that count per second since the first.
#[derive(Debug, Deserialize)]
pub(super) struct Rps {
    pub(super) count: Option<f64>,
    pub(super) mean: Option<f64>,
}

/// 1.x `intermediate[]`: `latencies` are nanoseconds (1.6+) or
/// `[timestamp, uuid, nanoseconds, status]` entries (≤ 1.5).
#[derive(Debug, Deserialize)]
pub(super) struct Intermediate {
    pub(super) latencies: Option<Vec<serde_json::Value>>,
}

/// The 1.x fields, under their 2.x names.
pub(super) fn legacy(report: &Report, out: &mut Out) -> Result<(), ParseError> {
    let a = &report.aggregate;
    let at = |field: &str| format!("aggregate.{field}");
    let id = "http.response_time";
    match (samples(report)?, &a.latency) {
        (Some(samples), _) => {
            let summary =
                summarize(&samples).map_err(|e| ParseError::at("intermediate", e.to_string()))?;
            let metric = trend_metric(id, summary, true).with_samples(samples);
            let path = "intermediate[].latencies".to_owned();
            out.add(Benchmark::new(id, vec![metric]), path)?;
        }
        (None, Some(latency)) => out.trend(id.into(), latency, true, at("latency"))?,
        (None, None) => {}
    }
    if let Some(stats) = &a.scenario_duration {
        out.trend(
            "vusers.session_length".into(),
            stats,
            true,
            at("scenarioDuration"),
        )?;
    }
    let plugin: BTreeSet<&str> = a
        .counters
        .keys()
        .filter_map(|k| code_on(k))
        .map(|(_, ep)| ep)
        .collect();
    for (name, stats) in &a.custom_stats {
        let server_timing = name
            .strip_prefix("Server-Timing ")
            .filter(|ep| plugin.contains(ep));
        let (id, time) = if plugin.contains(name.as_str()) {
            (format!("http.response_time{{url:{name}}}"), true)
        } else if let Some(ep) = server_timing {
            (format!("{BY_ENDPOINT}server-timing{{url:{ep}}}"), true)
        } else {
            (name.clone(), is_time(name))
        };
        out.trend(id, stats, time, at(&format!("customStats.{name}")))?;
    }
    let counts = [
        ("vusers.created", a.scenarios_created, "scenariosCreated"),
        (
            "vusers.completed",
            a.scenarios_completed,
            "scenariosCompleted",
        ),
        ("vusers.skipped", a.scenarios_avoided, "scenariosAvoided"),
        ("http.responses", a.requests_completed, "requestsCompleted"),
        (
            "http.requests",
            a.rps.as_ref().and_then(|r| r.count),
            "rps.count",
        ),
    ];
    for (id, count, field) in counts {
        if let Some(count) = count {
            out.counter(id.into(), count, at(field))?;
        }
    }
    if let Some(mean) = a.rps.as_ref().and_then(|r| r.mean) {
        out.throughput("http.request_rate".into(), mean, at("rps.mean"))?;
    }
    let families = [
        (
            "scenarioCounts",
            "vusers.created_by_name.",
            &a.scenario_counts,
        ),
        ("codes", "http.codes.", &a.codes),
        ("errors", "errors.", &a.errors),
    ];
    for (field, prefix, map) in families {
        for (key, count) in map {
            out.counter(
                format!("{prefix}{key}"),
                *count,
                at(&format!("{field}.{key}")),
            )?;
        }
    }
    Ok(())
}

/// Every raw latency of a 1.x report (ns), when the intermediate reports
/// hold one per `requestsCompleted` of the aggregate.
pub(super) fn samples(report: &Report) -> Result<Option<Vec<f64>>, ParseError> {
    let mut samples = Vec::new();
    for (i, period) in report.intermediate.iter().enumerate() {
        let Some(latencies) = &period.latencies else {
            return Ok(None);
        };
        for (j, entry) in latencies.iter().enumerate() {
            let at = format!("intermediate[{i}].latencies[{j}]");
            let ns = match entry {
                Value::Array(tuple) => tuple.get(2).and_then(Value::as_f64),
                other => other.as_f64(),
            };
            let ns = ns.ok_or_else(|| {
                ParseError::at(
                    &at,
                    "expected nanoseconds, or [timestamp, id, nanoseconds, status]",
                )
            })?;
            samples.push(nanos(ns, TimeUnit::Nanoseconds, at)?);
        }
    }
    let complete = report.aggregate.requests_completed == Some(samples.len() as f64);
    Ok((complete && !samples.is_empty()).then_some(samples))
}
