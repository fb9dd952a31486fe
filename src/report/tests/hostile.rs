//! Hostile names (markup, control characters, template syntax) are inert
//! in every format.

use super::*;

#[test]
fn hostile_names_are_inert_in_html() {
    let html = rendered(ReportFormat::Html, &fixture::extras());
    assert!(
        !html.contains("<script>alert"),
        "raw script tag in the HTML"
    );
    assert!(!html.contains("<b>someone"), "raw markup from a note");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;|@everyone"));
    assert_eq!(
        html.matches("<script").count(),
        3,
        "only the report's own scripts"
    );
    assert_eq!(html.matches("</script>").count(), 3);
    assert!(
        html.contains("ticks `a``b` \\nnext\\tline"),
        "control characters shown escaped"
    );
    let data = html
        .split(r#"<script type="application/json" id="benchgate-data">"#)
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("data element");
    let parsed: serde_json::Value = serde_json::from_str(data).expect("the data is JSON");
    assert!(parsed["charts"].as_array().is_some_and(|c| !c.is_empty()));
}

#[test]
fn hostile_names_are_inert_in_markdown() {
    let md = rendered(ReportFormat::Markdown, &fixture::extras());
    assert!(md.contains(&escape::markdown_code(HOSTILE)));
    for line in md.lines().filter(|l| l.starts_with('|')) {
        assert!(
            unescaped_pipes(line) == unescaped_pipes(table_header_for(&md, line)),
            "a name split a table row: {line}"
        );
    }
    for (text, in_code) in code_spans(&md) {
        if !in_code {
            assert!(!text.contains("@everyone"), "a live mention: {text:?}");
            assert!(
                !text.contains("<script") && !text.contains("<b>"),
                "raw HTML: {text:?}"
            );
        }
    }
    assert!(md.contains("```ticks `a``b` \\nnext\\tline```"));
}

/// Unescaped `|` in a table line.
fn unescaped_pipes(line: &str) -> usize {
    let bytes = line.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
        .count()
}

/// The header line of the table `line` belongs to.
fn table_header_for<'a>(md: &'a str, line: &str) -> &'a str {
    let lines: Vec<&str> = md.lines().collect();
    let at = lines.iter().position(|l| *l == line).expect("line");
    let mut i = at;
    while i > 0 && lines[i - 1].starts_with('|') {
        i -= 1;
    }
    lines[i]
}

#[test]
fn hostile_names_are_inert_in_junit() {
    let xml = rendered(ReportFormat::Junit, &Extras::default());
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let names: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert!(
        names.contains(&format!("{HOSTILE} time").as_str()),
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("ticks `a``b` \\nnext\\tline"))
    );
    assert!(
        doc.descendants().all(|n| !n.has_tag_name("script")),
        "a name became an element"
    );
}

#[test]
fn hostile_names_are_inert_in_the_terminal() {
    let mut out = Vec::new();
    render(
        ReportFormat::Table,
        &fixture::every_verdict(),
        plain(),
        &mut out,
    )
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("\\n") && !text.contains("\nnext"));
    assert!(!text.contains('\t') && !text.contains('\u{1b}'));
}

#[test]
fn hostile_names_are_inert_in_annotations() {
    let lines = github::annotations(&fixture::every_verdict());
    assert!(lines.lines().all(|l| l.starts_with("::")), "{lines}");
    assert!(lines.contains("ticks `a``b` %0Anext"));
}
