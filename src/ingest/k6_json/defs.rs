//! The metrics a k6 NDJSON run defines (its `Metric` lines), shared by
//! every worker, and k6's threshold expressions.
//!
//! A `Metric` line comes right before the first `Point` of its metric
//! (`handleMetric` + `seenMetrics` in k6 `internal/output/json/json.go` @
//! 87883075), so a point may only use a definition from an earlier file or
//! from earlier in its own file. Several files (load generators of one test)
//! may define the same metric again: the type must agree, thresholds and
//! sub-metrics are merged, but a sub-metric on a tag the first definition
//! did not route by is an error (points already read were not keyed by it).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::super::k6::{Contains, Type};
use super::line::MetricLine;

/// Where a line is: (input index, byte offset of the line in its data).
pub(super) type Pos = (usize, u64);

/// One metric's definition.
#[derive(Debug)]
pub(super) struct Def {
    pub name: String,
    pub kind: Type,
    pub contains: Contains,
    pub thresholds: Vec<String>,
    /// `(name, tags)` of each k6 sub-metric.
    pub submetrics: Vec<(String, Vec<(String, String)>)>,
    /// The tag keys points of this metric are keyed by, sorted: the
    /// `--group-by` tags, the sub-metrics' tags, and for `checks` the
    /// `check` and `group` tags.
    pub relevant: Arc<[String]>,
    /// Where it was first defined.
    pub at: Pos,
}

/// What [`Registry::register`] did.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Registered {
    /// This very line was registered before (by the pre-scan).
    Known,
    /// A definition was added or merged.
    New,
}

/// Every metric defined so far.
#[derive(Debug, Default)]
pub(super) struct Registry {
    group_by: Vec<String>,
    pub defs: Vec<Def>,
    by_name: HashMap<String, usize>,
    lines: HashSet<Pos>,
}

impl Registry {
    pub fn new(group_by: &[String]) -> Self {
        Self {
            group_by: group_by.to_vec(),
            ..Self::default()
        }
    }

    /// The index of the metric called `name`, if defined.
    pub fn index(&self, name: &[u8]) -> Option<usize> {
        let name = std::str::from_utf8(name).ok()?;
        self.by_name.get(name).copied()
    }

    /// Adds the definition read at `at`.
    ///
    /// # Errors
    ///
    /// A message when it contradicts an earlier definition.
    pub fn register(&mut self, line: MetricLine, at: Pos) -> Result<Registered, String> {
        if self.lines.contains(&at) {
            return Ok(Registered::Known);
        }
        let contains = Contains::parse(line.contains.as_deref());
        let mut relevant: Vec<String> = self.group_by.clone();
        relevant.extend(
            line.submetrics
                .iter()
                .flat_map(|(_, tags)| tags.iter().map(|(k, _)| k.clone())),
        );
        if line.name == "checks" && line.kind == Type::Rate {
            relevant.extend(["check".to_owned(), "group".to_owned()]);
        }
        relevant.sort();
        relevant.dedup();
        match self.by_name.get(&line.name) {
            Some(&i) => {
                let def = self.defs.get_mut(i).ok_or("internal: registry index")?;
                if def.kind != line.kind || def.contains != contains {
                    return Err(format!(
                        "metric \"{}\" is defined again as a {:?} of {:?}; it was a {:?} of {:?}",
                        line.name, line.kind, contains, def.kind, def.contains
                    ));
                }
                if let Some(new) = relevant.iter().find(|k| !def.relevant.contains(k)) {
                    return Err(format!(
                        "metric \"{}\" is defined again with a sub-metric on tag \"{new}\" that its \
                         first definition did not have; ingest these inputs separately",
                        line.name
                    ));
                }
                for t in line.thresholds {
                    if !def.thresholds.contains(&t) {
                        def.thresholds.push(t);
                    }
                }
                for s in line.submetrics {
                    if !def.submetrics.iter().any(|(n, _)| *n == s.0) {
                        def.submetrics.push(s);
                    }
                }
            }
            None => {
                self.by_name.insert(line.name.clone(), self.defs.len());
                self.defs.push(Def {
                    name: line.name,
                    kind: line.kind,
                    contains,
                    thresholds: line.thresholds,
                    submetrics: line.submetrics,
                    relevant: relevant.into(),
                    at,
                });
            }
        }
        self.lines.insert(at);
        Ok(Registered::New)
    }
}

/// A parsed k6 threshold expression `method op value`
/// (`metrics/thresholds_parser.go` @ 87883075).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Expr {
    pub method: Method,
    op: Op,
    value: f64,
}

/// A threshold's aggregation method.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Method {
    Avg,
    Min,
    Max,
    Med,
    /// `p(N)`, N in percent.
    P(f64),
    Count,
    Rate,
    Value,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Le,
    Lt,
    Ge,
    Gt,
    Eq,
    Ne,
}

/// Operators in k6's scan order: the first one found splits the expression.
const OPS: [(&str, Op); 7] = [
    ("<=", Op::Le),
    ("<", Op::Lt),
    (">=", Op::Ge),
    (">", Op::Gt),
    ("===", Op::Eq),
    ("==", Op::Eq),
    ("!=", Op::Ne),
];

impl Expr {
    /// Parses `source` as k6 does, and checks the method suits `kind`.
    ///
    /// # Errors
    ///
    /// Why k6 would reject it.
    pub fn parse(source: &str, kind: Type) -> Result<Self, String> {
        let (lhs, op, rhs) = OPS
            .iter()
            .find_map(|(token, op)| source.split_once(token).map(|(l, r)| (l, *op, r)))
            .ok_or("malformed threshold expression (no operator)")?;
        let method = match lhs.trim() {
            "avg" => Method::Avg,
            "min" => Method::Min,
            "max" => Method::Max,
            "med" => Method::Med,
            "count" => Method::Count,
            "rate" => Method::Rate,
            "value" => Method::Value,
            other => {
                let q = other
                    .strip_prefix("p(")
                    .and_then(|r| r.strip_suffix(')'))
                    .and_then(|q| q.trim().parse::<f64>().ok())
                    .filter(|q| (0.0..=100.0).contains(q))
                    .ok_or_else(|| format!("unknown aggregation method \"{other}\""))?;
                Method::P(q)
            }
        };
        let supported = match kind {
            Type::Trend => matches!(
                method,
                Method::Avg | Method::Min | Method::Max | Method::Med | Method::P(_)
            ),
            Type::Counter => matches!(method, Method::Count | Method::Rate),
            Type::Rate => method == Method::Rate,
            Type::Gauge => method == Method::Value,
        };
        if !supported {
            return Err(format!("{method:?} does not apply to a {kind:?}"));
        }
        let value = rhs.trim().parse::<f64>().map_err(|_| {
            format!(
                "expected a number after the operator, found \"{}\"",
                rhs.trim()
            )
        })?;
        Ok(Self { method, op, value })
    }

    /// Whether the threshold holds for the aggregated value `lhs` (NaN, as
    /// k6's rate of an empty sink, fails every operator but `!=`).
    pub fn passes(&self, lhs: f64) -> bool {
        match self.op {
            Op::Le => lhs <= self.value,
            Op::Lt => lhs < self.value,
            Op::Ge => lhs >= self.value,
            Op::Gt => lhs > self.value,
            Op::Eq => lhs == self.value,
            Op::Ne => lhs != self.value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str, kind: Type, subs: &[(&str, &str)]) -> MetricLine {
        MetricLine {
            name: name.into(),
            kind,
            contains: None,
            thresholds: vec!["rate<1".into()],
            submetrics: subs
                .iter()
                .map(|(k, v)| {
                    (
                        format!("{name}{{{k}:{v}}}"),
                        vec![((*k).into(), (*v).into())],
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn definitions_merge_and_conflicts_are_errors() {
        let mut r = Registry::new(&["name".into()]);
        let checks = line("checks", Type::Rate, &[("expected_response", "true")]);
        assert_eq!(r.register(checks.clone(), (0, 0)), Ok(Registered::New));
        assert_eq!(r.register(checks.clone(), (0, 0)), Ok(Registered::Known));
        assert_eq!(
            &*r.defs[0].relevant,
            ["check", "expected_response", "group", "name"]
        );
        assert_eq!(r.register(checks, (1, 0)), Ok(Registered::New));
        assert_eq!(r.defs[0].thresholds.len(), 1);
        let err = r
            .register(line("checks", Type::Trend, &[]), (1, 9))
            .unwrap_err();
        assert!(err.contains("defined again"), "{err}");
        let err = r
            .register(line("checks", Type::Rate, &[("status", "200")]), (1, 9))
            .unwrap_err();
        assert!(err.contains("\"status\""), "{err}");
    }

    #[test]
    fn thresholds_parse_as_k6_does() {
        let e = Expr::parse("p(99.9) <= 200", Type::Trend).unwrap();
        assert_eq!(e.method, Method::P(99.9));
        assert!(e.passes(200.0) && !e.passes(200.1));
        let e = Expr::parse("rate!=0", Type::Rate).unwrap();
        assert!(e.passes(f64::NAN) && !Expr::parse("rate<1", Type::Rate).unwrap().passes(f64::NAN));
        assert!(Expr::parse("count===3", Type::Counter).unwrap().passes(3.0));
        assert!(Expr::parse("avg<1", Type::Rate).is_err());
        assert!(Expr::parse("p(101)<1", Type::Trend).is_err());
        assert!(Expr::parse("value 5", Type::Gauge).is_err());
    }
}
