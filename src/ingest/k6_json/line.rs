//! One NDJSON line → a [`Line`]: the hand-written fast path for the two
//! `Point` envelopes k6 writes, and serde for everything else.
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

const A_PREFIX: &[u8] = b"{\"metric\":\"";
const A_MID: &[u8] = b"\",\"type\":\"Point\",\"data\":{\"time\":\"";
const B_PREFIX: &[u8] = b"{\"type\":\"Point\",\"data\":{\"time\":\"";
const B_SUFFIX: &[u8] = b"},\"metric\":\"";
const VALUE: &[u8] = b"\",\"value\":";
const TAGS: &[u8] = b",\"tags\":";

/// The fast path: `Some` only for a `Point` line of one of k6's two exact
/// shapes whose time and value it could read.
pub(super) fn fast_point<'a>(line: &'a [u8], times: &mut TimeCache) -> Option<RawPoint<'a>> {
    if let Some(rest) = line.strip_prefix(A_PREFIX) {
        let q = memchr(b'"', rest)?;
        let (name, rest) = rest.split_at(q);
        let rest = rest.strip_prefix(A_MID)?;
        let (time, value, rest) = time_value(rest, times)?;
        let tags = rest.strip_suffix(b"}}")?;
        plain(name).then_some(RawPoint {
            name,
            time,
            value,
            tags,
        })
    } else {
        let rest = line.strip_prefix(B_PREFIX)?;
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
    let rest = rest.strip_prefix(VALUE)?;
    let (value, used) = parse_number(rest)?;
    let rest = rest.get(used..)?.strip_prefix(TAGS)?;
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

/// Powers of ten exactly representable as f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A JSON number at the start of `s` (strict JSON grammar), as a finite
/// f64 rounded correctly, and its length. Decimals of at most 15 digits
/// take Clinger's exact path (an exact integer divided by an exact power
/// of ten, one correctly rounded operation); the rest go to the standard
/// library's correctly rounded parser.
pub(super) fn parse_number(s: &[u8]) -> Option<(f64, usize)> {
    let digit = |i: usize| s.get(i).filter(|b| b.is_ascii_digit()).map(|b| b - b'0');
    let negative = s.first() == Some(&b'-');
    let mut i = usize::from(negative);
    let mut mantissa: u64 = 0;
    let mut digits = 0usize;
    match digit(i) {
        Some(0) => i += 1,
        Some(_) => {
            while let Some(d) = digit(i) {
                mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d));
                digits += 1;
                i += 1;
            }
        }
        None => return None,
    }
    let mut scale = 0usize;
    if s.get(i) == Some(&b'.') {
        i += 1;
        digit(i)?;
        while let Some(d) = digit(i) {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d));
            digits += 1;
            scale += 1;
            i += 1;
        }
    }
    let mut exponent = false;
    if matches!(s.get(i), Some(b'e' | b'E')) {
        exponent = true;
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        digit(i)?;
        while digit(i).is_some() {
            i += 1;
        }
    }
    let value = if !exponent && digits <= 15 && scale < POW10.len() {
        let magnitude = mantissa as f64 / POW10.get(scale).copied()?;
        if negative { -magnitude } else { magnitude }
    } else {
        std::str::from_utf8(s.get(..i)?).ok()?.parse::<f64>().ok()?
    };
    value.is_finite().then_some((value, i))
}

/// An RFC 3339 time `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` as Unix
/// nanoseconds; `None` for any other spelling (see [`parse_time_slow`]) or
/// a time outside what i64 nanoseconds hold (years 1678–2261).
pub(super) fn parse_time(b: &[u8]) -> Option<i64> {
    let base = minute(b.get(..17)?)?;
    combine(base, b.get(17..)?)
}

/// The last minute parsed (`YYYY-MM-DDTHH:MM:`): a point's time usually
/// shares it with the previous point's, so only the seconds are read.
#[derive(Debug, Default)]
pub(super) struct TimeCache {
    head: [u8; 17],
    base: Option<i64>,
}

impl TimeCache {
    /// [`parse_time`], reusing the previous minute when it is the same.
    pub fn parse(&mut self, b: &[u8]) -> Option<i64> {
        let head = b.get(..17)?;
        let base = match self.base {
            Some(base) if self.head == head => base,
            _ => {
                let base = minute(head)?;
                self.head.copy_from_slice(head);
                self.base = Some(base);
                base
            }
        };
        combine(base, b.get(17..)?)
    }
}

/// `YYYY-MM-DDTHH:MM:` → seconds since the epoch (UTC, before the offset).
fn minute(head: &[u8]) -> Option<i64> {
    let num = |from: usize, len: usize| -> Option<i64> {
        let mut v = 0i64;
        for &c in head.get(from..from + len)? {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + i64::from(c - b'0');
        }
        Some(v)
    };
    let seps = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if head.len() != 17 || seps.iter().any(|&(i, c)| head.get(i) != Some(&c)) {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute) = (num(11, 2)?, num(14, 2)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
    {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60)
}

/// `SS[.fraction](Z|±HH:MM)` added to a minute's seconds → Unix ns.
fn combine(base: i64, rest: &[u8]) -> Option<i64> {
    let [s1 @ b'0'..=b'5', s2 @ b'0'..=b'9', rest @ ..] = rest else {
        return None;
    };
    let second = i64::from(s1 - b'0') * 10 + i64::from(s2 - b'0');
    let mut rest = rest;
    let mut nanos = 0i64;
    if let Some(fraction) = rest.strip_prefix(b".") {
        let len = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if len == 0 || len > 9 {
            return None;
        }
        for &c in fraction.get(..len)? {
            nanos = nanos * 10 + i64::from(c - b'0');
        }
        nanos *= 10i64.pow(9 - len as u32);
        rest = fraction.get(len..)?;
    }
    let offset = match rest {
        b"Z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let two = |a: u8, b: u8| {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| i64::from(a - b'0') * 10 + i64::from(b - b'0'))
            };
            let (h, m) = (two(*h1, *h2)?, two(*m1, *m2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let seconds = h * 3600 + m * 60;
            if *sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    (base + second - offset)
        .checked_mul(1_000_000_000)?
        .checked_add(nanos)
}

/// Other RFC 3339 spellings (lower-case `t`/`z`, a comma before the
/// fraction …), through jiff.
pub(super) fn parse_time_slow(text: &str) -> Option<i64> {
    let ts: jiff::Timestamp = text.parse().ok()?;
    i64::try_from(ts.as_nanosecond()).ok()
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`, <https://howardhinnant.github.io/date_algorithms.html>).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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
        assert_eq!((p.name, p.value, p.tags), (&b"http_req_duration"[..], 44.375, &b"null"[..]));
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
    fn numbers_are_strict_json_and_correctly_rounded() {
        for (text, want) in [
            ("0", 0.0),
            ("-0.5", -0.5),
            ("121.233058", 121.233058),
            ("1e-07", 1e-7),
            ("1.5E+21", 1.5e21),
            ("0.1000000000000000055511151231257827", 0.1),
            ("12345678901234567890", 12_345_678_901_234_567_890.0),
        ] {
            assert_eq!(parse_number(text.as_bytes()), Some((want, text.len())), "{text}");
        }
        for bad in ["", "-", "01x", ".5", "1.", "1e", "+1", "NaN", "1e999"] {
            let got = parse_number(bad.as_bytes());
            assert!(got.is_none() || got.unwrap().1 < bad.len(), "{bad}: {got:?}");
        }
    }

    #[test]
    fn times_agree_with_jiff() {
        for text in [
            "2023-09-08T21:03:10.549397854+02:00",
            "2019-10-13T16:36:08.3174973Z",
            "2024-02-29T23:59:59Z",
            "1970-01-01T00:00:00.000000001-01:30",
            "2200-12-31T00:00:00.5Z",
        ] {
            assert_eq!(parse_time(text.as_bytes()), parse_time_slow(text), "{text}");
        }
        let mut cache = TimeCache::default();
        for text in ["2023-09-08T21:03:10.5Z", "2023-09-08T21:03:59.5Z", "2023-09-08T21:04:00+01:00"] {
            assert_eq!(cache.parse(text.as_bytes()), parse_time_slow(text), "{text}");
        }
        assert_eq!(cache.parse(b"2023-09-08T21:04:60Z"), None);
        for bad in ["2023-02-29T00:00:00Z", "2023-09-08 21:03:10Z", "2023-09-08T21:03:10"] {
            assert_eq!(parse_time(bad.as_bytes()), None, "{bad}");
        }
        assert!(parse_time_slow("2023-09-08t21:03:10z").is_some());
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
        assert_eq!(m.submetrics[0].1, [("expected_response".into(), "true".into())]);
        let err = parse_slow(br#"{"type":"Summary","metric":"x","data":{}}"#).unwrap_err();
        assert!(err.message.contains("\"Point\" or \"Metric\""), "{err}");
    }
}
