//! How Artillery metric names become benchmark ids, and which hold times.

use super::BY_ENDPOINT;

/// A 2.x histogram's id, and whether it holds milliseconds.
pub(super) fn histogram_id(name: &str) -> (String, bool) {
    if let Some(rest) = name.strip_prefix(BY_ENDPOINT) {
        if let Some(ep) = rest.strip_prefix("response_time.") {
            return (format!("http.response_time{{url:{ep}}}"), true);
        }
        if let Some(ep) = rest.strip_prefix("server-timing.") {
            return (format!("{BY_ENDPOINT}server-timing{{url:{ep}}}"), true);
        }
    }
    (name.to_owned(), is_time(name))
}

/// A counter's id: the plugin's `<ns>.<endpoint>.codes.200`/`.errors.E`
/// (2.x) and `code 200 on <endpoint>` (1.x) get the endpoint as a tag.
pub(super) fn counter_id(name: &str) -> String {
    if let Some((code, ep)) = code_on(name) {
        return format!("http.codes.{code}{{url:{ep}}}");
    }
    if let Some(rest) = name.strip_prefix(BY_ENDPOINT) {
        let split = [(".codes.", "http.codes."), (".errors.", "errors.")]
            .into_iter()
            .filter_map(|(sep, family)| rest.rfind(sep).map(|at| (at, sep, family)))
            .max_by_key(|(at, _, _)| *at);
        if let Some((at, sep, family)) = split {
            let (ep, tail) = (&rest[..at], &rest[at + sep.len()..]);
            if !ep.is_empty() && !tail.is_empty() {
                return format!("{family}{tail}{{url:{ep}}}");
            }
        }
    }
    name.to_owned()
}

/// `code 200 on /path` (the 1.x metrics-by-endpoint plugin's counter) →
/// `("200", "/path")`.
pub(super) fn code_on(name: &str) -> Option<(&str, &str)> {
    let (code, ep) = name.strip_prefix("code ")?.split_once(" on ")?;
    (!code.is_empty() && code.bytes().all(|b| b.is_ascii_digit())).then_some((code, ep))
}

/// Whether a distribution holds milliseconds: Artillery's own
/// (`http.response_time*`, `vusers.session_length`, `http.dns`/`tcp`/`tls`/
/// `total`), the browser engine's web vitals and steps, and custom ones
/// whose name says time (`time`, `latency`, `duration`).
pub(super) fn is_time(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let base = n.strip_prefix("engine.").unwrap_or(&n);
    ["time", "latency", "duration", "session_length"]
        .iter()
        .any(|w| n.contains(w))
        || matches!(base, "http.dns" | "http.tcp" | "http.tls" | "http.total")
        || ["fcp", "lcp", "fid", "inp", "ttfb"]
            .iter()
            .any(|v| n.starts_with(&format!("browser.page.{v}")))
        || n.starts_with("browser.step.")
}

/// The name without endpoint tags.
pub(super) fn base_name(id: &str) -> &str {
    id.split_once('{').map_or(id, |(base, _)| base)
}
