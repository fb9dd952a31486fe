//! One NDJSON line → a [`RawPoint`] or [`Parsed`]: the hand-written fast
//! path for the two `Point` envelopes k6 writes, and serde for everything
//! else.
//!
//! Envelopes (grafana/k6 `internal/output/json/wrapper.go` @ 87883075, and
//! k6 ≈ v0.25 for the old order):
//!
//! ```text
//! {"metric":"NAME","type":"Point","data":{"time":"T","value":V,"tags":TAGS}}
//! {"type":"Point","data":{"time":"T","value":V,"tags":TAGS},"metric":"NAME"}
//! {"type":"Metric","data":{"name":…,"type":…,"contains":…,"thresholds":[…],"submetrics":…},"metric":"NAME"}
//! ```
//!
//! The fast path accepts a line only when it is exactly one of the first two
//! shapes with a name free of escapes; `TAGS` is returned raw and validated
//! when it is first interned (see `agg.rs`), and anything it cannot
//! handle (escapes, other key orders, `metadata`, spaces) goes through
//! serde, which also produces the error messages.

use std::collections::BTreeMap;

use memchr::memchr;
use serde::Deserialize;

use super::super::json;
use super::super::k6::Type;
use super::scalar::{TimeCache, parse_number, parse_time, parse_time_slow};
use crate::ingest::ParseError;

/// A `Point` as the fast path found it: borrowed, tags not yet parsed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct RawPoint<'a> {
    pub name: &'a [u8],
    pub time: i64,
    pub value: f64,
    /// The `tags` value exactly as written: an object or `null`.
    pub tags: &'a [u8],
}

/// A line parsed by serde.
#[derive(Debug)]
pub(super) enum Parsed {
    /// A `Point` with its tags decoded (`null` and absent are empty).
    Point {
        name: String,
        time: i64,
        value: f64,
        tags: Vec<(String, String)>,
    },
    /// A `Metric` definition.
    Metric(MetricLine),
}

/// A `Metric` line's `data` (`metricEnvelope` in wrapper.go; older k6 also
/// wrote `tainted` and `sub`, which are ignored).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct MetricLine {
    pub name: String,
    pub kind: Type,
    pub contains: Option<String>,
    /// Threshold source expressions (`p(95)<500`).
    pub thresholds: Vec<String>,
    /// `(name, tags)` of each sub-metric.
    pub submetrics: Vec<(String, Vec<(String, String)>)>,
}

/// Either envelope, for serde; `data` holds the fields of both.
#[derive(Deserialize)]
struct WireLine {
    #[serde(rename = "type")]
    kind: String,
    metric: String,
    data: WireData,
}

#[derive(Deserialize)]
struct WireData {
    time: Option<String>,
    value: Option<f64>,
    tags: Option<BTreeMap<String, String>>,
    name: Option<String>,
    #[serde(rename = "type")]
    kind: Option<Type>,
    contains: Option<String>,
    thresholds: Option<Vec<serde_json::Value>>,
    submetrics: Option<Vec<WireSubmetric>>,
}

/// `metrics.Submetric` (`metrics/metric.go`): `{name, suffix, tags}`.
#[derive(Deserialize)]
struct WireSubmetric {
    name: String,
    tags: Option<BTreeMap<String, String>>,
}

const A_PREFIX: &[u8; 11] = b"{\"metric\":\"";
const A_MID: &[u8; 33] = b"\",\"type\":\"Point\",\"data\":{\"time\":\"";
const B_PREFIX: &[u8; 32] = b"{\"type\":\"Point\",\"data\":{\"time\":\"";
const B_SUFFIX: &[u8] = b"},\"metric\":\"";
const VALUE: &[u8; 10] = b"\",\"value\":";
const TAGS: &[u8; 8] = b",\"tags\":";

/// `s` after the literal `lit`: compared as one fixed-size array, which
/// the compiler turns into a few vector loads instead of a `memcmp` call.
fn after<'a, const N: usize>(s: &'a [u8], lit: &[u8; N]) -> Option<&'a [u8]> {
    let (head, rest) = s.split_first_chunk::<N>()?;
    (head == lit).then_some(rest)
}

/// The fast path: `Some` only for a `Point` line of one of k6's two exact
/// shapes whose time and value it could read.
pub(super) fn fast_point<'a>(line: &'a [u8], times: &mut TimeCache) -> Option<RawPoint<'a>> {
    if let Some(rest) = after(line, A_PREFIX) {
        let q = memchr(b'"', rest)?;
        let (name, rest) = rest.split_at(q);
        let rest = after(rest, A_MID)?;
        let (time, value, rest) = time_value(rest, times)?;
        let tags = rest.strip_suffix(b"}}")?;
        plain(name).then_some(RawPoint {
            name,
            time,
            value,
            tags,
        })
    } else {
        let rest = after(line, B_PREFIX)?;
        let (time, value, rest) = time_value(rest, times)?;
        let rest = rest.strip_suffix(b"\"}")?;
        let cut = memchr::memmem::rfind(rest, B_SUFFIX)?;
        let (tags, name) = rest.split_at(cut);
        let name = name.get(B_SUFFIX.len()..)?;
        (plain(name) && memchr(b'"', name).is_none()).then_some(RawPoint {
            name,
            time,
            value,
            tags,
        })
    }
}

/// `T","value":V,"tags":` → (time, value, the rest after `"tags":`).
fn time_value<'a>(rest: &'a [u8], times: &mut TimeCache) -> Option<(i64, f64, &'a [u8])> {
    let q = memchr(b'"', rest)?;
    let (time, rest) = rest.split_at(q);
    let time = times.parse(time)?;
    let rest = after(rest, VALUE)?;
    let (value, used) = parse_number(rest)?;
    let rest = after(rest.get(used..)?, TAGS)?;
    Some((time, value, rest))
}

/// A JSON string body without escapes or control characters.
fn plain(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(|&b| b != b'\\' && b >= 0x20)
}

/// Parses a line with serde. `Ok(None)` for a blank line.
pub(super) fn parse_slow(line: &[u8]) -> Result<Option<Parsed>, ParseError> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let text = std::str::from_utf8(line).map_err(|e| {
        ParseError::whole(format!(
            "expected UTF-8 text, found an invalid byte at column {}",
            e.valid_up_to() + 1
        ))
    })?;
    let wire: WireLine = json::parse(text)?;
    let data = wire.data;
    match wire.kind.as_str() {
        "Point" => {
            let time = data
                .time
                .ok_or_else(|| ParseError::at("data", "expected \"time\" in a Point"))?;
            let time = parse_time(time.as_bytes())
                .or_else(|| parse_time_slow(&time))
                .ok_or_else(|| {
                    let shown: String = time.chars().take(48).collect();
                    ParseError::at(
                        "data.time",
                        format!("expected an RFC 3339 time, found \"{shown}\""),
                    )
                })?;
            let value = data
                .value
                .ok_or_else(|| ParseError::at("data", "expected \"value\" in a Point"))?;
            if !value.is_finite() {
                let message = format!("expected a finite number, found {value}");
                return Err(ParseError::at("data.value", message));
            }
            Ok(Some(Parsed::Point {
                name: wire.metric,
                time,
                value,
                tags: data.tags.unwrap_or_default().into_iter().collect(),
            }))
        }
        "Metric" => {
            let kind = data.kind.ok_or_else(|| {
                ParseError::at("data.type", "expected the metric's type in a Metric line")
            })?;
            let name = data.name.unwrap_or_else(|| wire.metric.clone());
            if name != wire.metric {
                let message = format!("names \"{name}\", but \"metric\" is \"{}\"", wire.metric);
                return Err(ParseError::at("data.name", message));
            }
            let mut thresholds = Vec::new();
            for (i, t) in data.thresholds.unwrap_or_default().iter().enumerate() {
                let source = t
                    .as_str()
                    .or_else(|| t.get("threshold").and_then(serde_json::Value::as_str));
                let source = source.ok_or_else(|| {
                    ParseError::at(
                        format!("data.thresholds[{i}]"),
                        "expected a threshold string or {\"threshold\": …}",
                    )
                })?;
                thresholds.push(source.to_owned());
            }
            let submetrics = data
                .submetrics
                .unwrap_or_default()
                .into_iter()
                .map(|s| (s.name, s.tags.unwrap_or_default().into_iter().collect()))
                .collect();
            Ok(Some(Parsed::Metric(MetricLine {
                name,
                kind,
                contains: data.contains,
                thresholds,
                submetrics,
            })))
        }
        other => {
            let shown: String = other.chars().take(32).collect();
            Err(ParseError::at(
                "type",
                format!("expected \"Point\" or \"Metric\", found \"{shown}\""),
            ))
        }
    }
}

/// Parses a tags value (`{"k":"v",…}` or `null`) without escapes; `None`
/// when it is anything else, for serde to decide.
pub(super) fn fast_tags(raw: &[u8]) -> Option<Vec<(&str, &str)>> {
    if raw == b"null" {
        return Some(Vec::new());
    }
    let mut rest = raw.strip_prefix(b"{")?;
    let mut out = Vec::new();
    if rest == b"}" {
        return Some(out);
    }
    loop {
        let (key, after) = string(rest)?;
        let after = after.strip_prefix(b":")?;
        let (value, after) = string(after)?;
        out.push((key, value));
        match after {
            b"}" => return Some(out),
            _ => rest = after.strip_prefix(b",")?,
        }
    }
}

/// A `"…"` string without escapes at the start of `s`, and what follows.
fn string(s: &[u8]) -> Option<(&str, &[u8])> {
    let s = s.strip_prefix(b"\"")?;
    let q = memchr(b'"', s)?;
    let (body, rest) = s.split_at(q);
    if body.iter().any(|&b| b == b'\\' || b < 0x20) {
        return None;
    }
    Some((std::str::from_utf8(body).ok()?, rest.get(1..)?))
}

/// Tags through serde, escapes included.
pub(super) fn slow_tags(raw: &[u8]) -> Option<Vec<(String, String)>> {
    let tags: Option<BTreeMap<String, String>> = serde_json::from_slice(raw).ok()?;
    Some(tags.unwrap_or_default().into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_point_envelopes_take_the_fast_path() {
        let a = br#"{"metric":"vus","type":"Point","data":{"time":"2023-09-08T21:03:11.302869443+02:00","value":2,"tags":{}}}"#;
        let p = fast_point(a, &mut TimeCache::default()).unwrap();
        assert_eq!((p.name, p.value, p.tags), (&b"vus"[..], 2.0, &b"{}"[..]));
        assert_eq!(p.time, 1_694_199_791_302_869_443);
        let b = br#"{"type":"Point","data":{"time":"2019-10-13T16:36:08.3174973Z","value":44.375,"tags":null},"metric":"http_req_duration"}"#;
        let p = fast_point(b, &mut TimeCache::default()).unwrap();
        assert_eq!(
            (p.name, p.value, p.tags),
            (&b"http_req_duration"[..], 44.375, &b"null"[..])
        );
        assert_eq!(p.time, 1_570_984_568_317_497_300);
    }

    #[test]
    fn anything_unusual_is_left_to_serde() {
        let spaced = br#"{"metric": "vus","type":"Point","data":{"time":"2023-09-08T21:03:11Z","value":2,"tags":{}}}"#;
        assert_eq!(fast_point(spaced, &mut TimeCache::default()), None);
        let escaped = br#"{"metric":"v\u0075s","type":"Point","data":{"time":"2023-09-08T21:03:11Z","value":2,"tags":{}}}"#;
        assert_eq!(fast_point(escaped, &mut TimeCache::default()), None);
        let Ok(Some(Parsed::Point { name, .. })) = parse_slow(escaped) else {
            panic!("serde reads it")
        };
        assert_eq!(name, "vus");
        let nan = br#"{"metric":"vus","type":"Point","data":{"time":"2023-09-08T21:03:11Z","value":NaN,"tags":{}}}"#;
        assert_eq!(fast_point(nan, &mut TimeCache::default()), None);
        let err = parse_slow(nan).unwrap_err();
        let column = nan.windows(3).position(|w| w == b"NaN").unwrap() + 1;
        assert_eq!(err.place.column, Some(column), "{err}");
    }

    #[test]
    fn tags_parse_fast_unless_escaped() {
        let tags = fast_tags(br#"{"group":"","name":"a b"}"#).unwrap();
        assert_eq!(tags, vec![("group", ""), ("name", "a b")]);
        assert_eq!(fast_tags(b"null"), Some(vec![]));
        assert_eq!(fast_tags(br#"{"a":"x\"y"}"#), None);
        assert_eq!(fast_tags(br#"{"a":"b"},"metadata":{}"#), None);
        let slow = slow_tags(br#"{"a":"x\"y"}"#).unwrap();
        assert_eq!(slow, vec![("a".to_owned(), "x\"y".to_owned())]);
    }

    #[test]
    fn metric_lines_of_old_and_new_k6() {
        let old = br#"{"type":"Metric","data":{"name":"checks","type":"rate","contains":"default","tainted":null,"thresholds":[],"submetrics":null,"sub":{"name":"","parent":"","suffix":"","tags":null}},"metric":"checks"}"#;
        let Ok(Some(Parsed::Metric(m))) = parse_slow(old) else {
            panic!()
        };
        assert_eq!((m.name.as_str(), m.kind), ("checks", Type::Rate));
        let new = br#"{"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":["p(95)<500",{"threshold":"avg<1","abortOnFail":true}],"submetrics":[{"name":"http_req_duration{expected_response:true}","suffix":"expected_response:true","tags":{"expected_response":"true"}}]},"metric":"http_req_duration"}"#;
        let Ok(Some(Parsed::Metric(m))) = parse_slow(new) else {
            panic!()
        };
        assert_eq!(m.thresholds, ["p(95)<500", "avg<1"]);
        assert_eq!(
            m.submetrics[0].1,
            [("expected_response".into(), "true".into())]
        );
        let err = parse_slow(br#"{"type":"Summary","metric":"x","data":{}}"#).unwrap_err();
        assert!(err.message.contains("\"Point\" or \"Metric\""), "{err}");
    }
}
