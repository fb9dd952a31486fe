//! Snapshots of every format, escaping of hostile names, the Markdown size
//! budget and template overrides.

use super::fixture::{self, HOSTILE, TICKS};
use super::*;

mod hostile;

fn plain() -> Style {
    Style {
        colour: terminal::Colour::Never,
        width: Some(120),
    }
}

fn rendered(format: ReportFormat, extras: &Extras) -> String {
    let mut out = Vec::new();
    Renderer::embedded()
        .render(format, &fixture::every_verdict(), extras, &mut out)
        .expect("renders");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn the_embedded_templates_compile() {
    let renderer = Renderer::new(None).expect("embedded templates are valid");
    assert!(format!("{renderer:?}").contains("Tera"));
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(rendered(ReportFormat::Markdown, &fixture::extras()));
}

/// The stylesheet and script are left out of the snapshot: they are files
/// of their own, and the snapshot shows the page's content.
#[test]
fn html_snapshot() {
    let html = rendered(ReportFormat::Html, &fixture::extras());
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"(?s)<style>\n.*?</style>", "<style>[report.css]</style>");
    settings.add_filter(
        r"(?s)<script>\n\(function.*?</script>",
        "<script>[report.js]</script>",
    );
    settings.bind(|| insta::assert_snapshot!(html));
}

#[test]
fn junit_snapshot() {
    insta::assert_snapshot!(rendered(ReportFormat::Junit, &Extras::default()));
}

#[test]
fn table_snapshot() {
    let mut out = Vec::new();
    render(
        ReportFormat::Table,
        &fixture::every_verdict(),
        plain(),
        &mut out,
    )
    .unwrap();
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
}

#[test]
fn annotations_snapshot() {
    insta::assert_snapshot!(github::annotations(&fixture::every_verdict()));
}

#[test]
fn json_is_the_comparison_document() {
    let mut out = Vec::new();
    render(
        ReportFormat::Json,
        &fixture::every_verdict(),
        plain(),
        &mut out,
    )
    .unwrap();
    let back: Comparison = serde_json::from_slice(&out).unwrap();
    assert_eq!(back, fixture::every_verdict());
}

// ---- JUnit semantics ------------------------------------------------------

#[test]
fn junit_fails_at_the_gate_level_and_on_breaches() {
    let xml = rendered(ReportFormat::Junit, &Extras::default());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    let comparison = fixture::every_verdict();
    assert_eq!(suite.attribute("name"), Some("api-nightly"));
    assert_eq!(
        suite.attribute("tests"),
        Some(
            (comparison.entries.len() + comparison.slos.len())
                .to_string()
                .as_str()
        )
    );
    let failures: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .filter_map(|n| n.attribute("type"))
        .collect();
    assert_eq!(failures, ["critical", "critical", "slo"]);
    assert_eq!(suite.attribute("failures"), Some("3"));
    assert_eq!(suite.attribute("skipped"), Some("2"));
}

#[test]
fn junit_holds_one_testsuite_per_comparison() {
    let a = fixture::every_verdict();
    let b = fixture::large(30, 2);
    let mut out = Vec::new();
    Renderer::embedded().junit(&[&a, &b], &mut out).unwrap();
    let xml = String::from_utf8(out).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let suites: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert_eq!(suites, ["api-nightly", "large"]);
}

// ---- the Markdown budget --------------------------------------------------

#[test]
fn a_huge_comparison_fits_a_github_comment() {
    let comparison = fixture::large(20_000, 300);
    let extras = Extras {
        full_report: Some("https://ci.example/run/7/report.html".to_owned()),
        ..Extras::default()
    };
    let md = Renderer::embedded().markdown(&comparison, &extras).unwrap();
    assert!(
        md.encode_utf16().count() <= GITHUB_COMMENT_LIMIT,
        "{}",
        md.len()
    );
    assert!(md.chars().count() <= GITHUB_COMMENT_LIMIT);
    for entry in comparison.entries.iter().take(300) {
        assert_eq!(entry.verdict.as_str(), "critical");
        assert!(
            md.contains(&escape::markdown_code(&entry.benchmark)),
            "critical row {} left out",
            entry.benchmark
        );
    }
    let shown = md.lines().filter(|l| l.starts_with("| `")).count();
    let omitted = 20_000 - shown;
    assert!(
        md.contains(&format!("{} rows were left out", format::count(omitted))),
        "the omitted count is stated"
    );
    assert!(
        md.contains("(https://ci.example/run/7/report.html)")
            || md.contains("(<https://ci.example/run/7/report.html>)")
    );
    assert!(
        md.len() > GITHUB_COMMENT_LIMIT / 2,
        "the budget is used, not wasted"
    );
}

#[test]
fn rows_are_left_out_least_important_first() {
    let comparison = fixture::large(400, 10);
    let md = Renderer::embedded()
        .markdown_within(&comparison, &Extras::default(), 12_000)
        .unwrap();
    assert!(md.encode_utf16().count() <= 12_000);
    let shown: Vec<&Entry> = comparison
        .entries
        .iter()
        .filter(|e| md.contains(&escape::markdown_code(&e.benchmark)))
        .collect();
    let worst_left_out = comparison
        .entries
        .iter()
        .filter(|e| !md.contains(&escape::markdown_code(&e.benchmark)))
        .map(|e| importance(e.verdict))
        .min()
        .expect("something was left out");
    assert!(
        shown
            .iter()
            .all(|e| importance(e.verdict) <= worst_left_out),
        "a less important row was kept while a more important one was cut"
    );
    assert!(md.contains("rows were left out"));
    assert!(
        md.contains("HTML and JSON reports"),
        "says where the full report is"
    );
}

fn importance(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Regressed(Severity::Critical) => 0,
        Verdict::Regressed(Severity::Major) => 1,
        Verdict::Regressed(Severity::Minor) => 2,
        Verdict::Improved => 3,
        Verdict::Missing => 4,
        Verdict::Inconclusive => 5,
        Verdict::New => 6,
        Verdict::Unchanged => 8,
    }
}

#[test]
fn a_small_comparison_is_never_cut() {
    let md = rendered(ReportFormat::Markdown, &Extras::default());
    assert!(!md.contains("left out"));
    assert!(md.starts_with("<!-- benchgate:api-nightly -->\n"));
}

// ---- templates ------------------------------------------------------------

#[test]
fn custom_templates_override_by_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("report.md"),
        "custom {{ suite }} {{ headline }}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "{% not a template").unwrap();
    let renderer = Renderer::new(Some(dir.path())).unwrap();
    let md = renderer
        .markdown(&fixture::every_verdict(), &Extras::default())
        .unwrap();
    assert!(md.starts_with("custom `api-nightly` ❌"), "{md}");
    let mut html = Vec::new();
    renderer
        .render(
            ReportFormat::Html,
            &fixture::every_verdict(),
            &Extras::default(),
            &mut html,
        )
        .unwrap();
    assert!(String::from_utf8(html).unwrap().contains("<!DOCTYPE html>"));
}

#[test]
fn a_broken_template_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.html"), "<p>\n{% if %}\n</p>").unwrap();
    let error = Renderer::new(Some(dir.path())).unwrap_err().to_string();
    assert!(error.contains("load template 'report.html'"), "{error}");
    assert!(
        error.contains("--> report.html:2:"),
        "names the line: {error}"
    );
    assert!(error.contains(&dir.path().display().to_string()), "{error}");
}

#[test]
fn a_missing_template_dir_is_named() {
    let error = Renderer::new(Some(std::path::Path::new("/nonexistent/templates")))
        .unwrap_err()
        .to_string();
    assert!(error.contains("/nonexistent/templates"), "{error}");
}

#[test]
fn autoescape_follows_the_template_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.html"), "{{ suite }}").unwrap();
    std::fs::write(
        dir.path().join("junit.xml"),
        "{% for s in suites %}{{ s.name }}{% endfor %}",
    )
    .unwrap();
    let renderer = Renderer::new(Some(dir.path())).unwrap();
    let mut comparison = fixture::every_verdict();
    comparison.suite = HOSTILE.to_owned();
    let html = renderer.html(&comparison, &Extras::default()).unwrap();
    assert_eq!(html, "&lt;script&gt;alert(1)&lt;/script&gt;|@everyone");
    let mut xml = Vec::new();
    renderer.junit(&[&comparison], &mut xml).unwrap();
    assert_eq!(String::from_utf8(xml).unwrap(), html);
    for (name, _) in TEMPLATES {
        let escaped = name.ends_with(".html") || name.ends_with(".xml");
        let expected = !(name.ends_with(".md") || name.ends_with(".css") || name.ends_with(".js"));
        assert_eq!(
            escaped, expected,
            "{name}: every template is either escaped by tera or by Rust"
        );
    }
}

#[test]
fn the_hostile_suite_cannot_close_the_marker() {
    let mut comparison = fixture::every_verdict();
    comparison.suite = "x --> <img src=x onerror=alert(1)>".to_owned();
    let md = Renderer::embedded()
        .markdown(&comparison, &Extras::default())
        .unwrap();
    let first = md.lines().next().unwrap();
    assert_eq!(first.matches("-->").count(), 1, "{first}");
    for (text, in_code) in code_spans(&md) {
        assert!(in_code || !text.contains("<img"), "{text:?}");
    }
}

/// Box plots come from the entries' distributions, so a saved comparison
/// (`benchgate report`) draws them too; entries without get bars.
#[test]
fn charts_are_boxes_where_entries_carry_distributions_and_bars_elsewhere() {
    let html = rendered(ReportFormat::Html, &Extras::default());
    assert!(html.contains(r#""kind":"box""#));
    assert!(html.contains(r#""kind":"bar""#));
    assert!(!html.contains(r#"data-trend="0""#));
    let with = rendered(ReportFormat::Html, &fixture::extras());
    assert!(with.contains(r#"data-trend="0""#));
    // Through the JSON document and back: the same page.
    let json = serde_json::to_string(&fixture::every_verdict()).unwrap();
    assert!(json.contains(r#""spread":{"baseline":{"n":31"#), "{json}");
    let reread: Comparison = serde_json::from_str(&json).unwrap();
    let mut out = Vec::new();
    Renderer::embedded()
        .render(ReportFormat::Html, &reread, &Extras::default(), &mut out)
        .unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), html);
    let mut bare = fixture::every_verdict();
    for e in &mut bare.entries {
        e.spread = crate::compare::Spread::default();
    }
    let mut out = Vec::new();
    Renderer::embedded()
        .render(ReportFormat::Html, &bare, &Extras::default(), &mut out)
        .unwrap();
    assert!(!String::from_utf8(out).unwrap().contains(r#""kind":"box""#));
    assert!(TICKS.contains('\n'));
}

use crate::compare::{Comparison, Entry, Severity, Verdict};

#[test]
fn an_absurdly_long_name_is_clipped_in_markdown() {
    let mut comparison = fixture::every_verdict();
    comparison.entries[0].benchmark = "x".repeat(100_000);
    let md = Renderer::embedded()
        .markdown(&comparison, &Extras::default())
        .unwrap();
    assert!(md.contains(&format!("`{}…`", "x".repeat(200))));
    assert!(
        md.encode_utf16().count() < 10_000,
        "nothing needed to be cut"
    );
}

/// The text split into (segment, inside a code span) following CommonMark's
/// backtick-run matching.
fn code_spans(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        let run = rest[start..].chars().take_while(|c| *c == '`').count();
        let fence = "`".repeat(run);
        let after = &rest[start + run..];
        let close = (0..after.len()).find(|&i| {
            after[i..].starts_with(&fence)
                && !after[i + run..].starts_with('`')
                && (i == 0 || !after[..i].ends_with('`'))
        });
        out.push((rest[..start].to_owned(), false));
        match close {
            Some(end) => {
                out.push((after[..end].to_owned(), true));
                rest = &after[end + run..];
            }
            None => {
                out.push((rest[start..start + run].to_owned(), false));
                rest = after;
            }
        }
    }
    out.push((rest.to_owned(), false));
    out
}
