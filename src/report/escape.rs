//! Making user-supplied strings (benchmark ids, metric names, units, notes,
//! host names) inert in each medium, in Rust, before any template sees them.
//!
//! HTML and XML escaping of `<`, `>`, `&` and quotes is left to tera's
//! autoescape (templates named `*.html`, `*.xml`); what tera cannot know —
//! Markdown syntax, GitHub mentions, XML's forbidden characters, JSON inside
//! a `<script>` element, GitHub workflow commands — is done here.

use super::format::inert;

/// `text` as Markdown that renders literally as that text on GitHub:
/// control characters are shown escaped, HTML is entity-encoded, Markdown
/// punctuation (emphasis, code, links, tables, strikethrough, headings, math)
/// is backslash-escaped, so it is also safe in a table cell, and `@` is
/// followed by a word joiner so `@someone` mentions nobody.
pub fn markdown_text(text: &str) -> String {
    let text = inert(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '@' => out.push_str("@\u{2060}"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// `text` as a Markdown code span that is safe in a GitHub table cell: the
/// fence is one backtick longer than the longest run of backticks inside,
/// `|` is escaped (GitHub splits table cells before parsing code spans) and
/// control characters are shown escaped. Inside a code span nothing is
/// HTML, no `@` mentions anyone and nothing links.
pub fn markdown_code(text: &str) -> String {
    let text = inert(text).replace('|', "\\|");
    if text.is_empty() {
        return String::new();
    }
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.starts_with(' ') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// The suite name as it appears in the hidden marker
/// `<!-- benchgate:SUITE -->`: characters outside `[A-Za-z0-9._/:@+=-]`
/// become `_`, so the comment cannot be closed early (`-->`, `--!>`) and the
/// marker stays on one line. Plain suite names are unchanged.
pub fn marker(suite: &str) -> String {
    suite
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._/:@+=-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A link destination for Markdown: `<…>` with spaces, angle brackets and
/// control characters percent-encoded.
pub fn markdown_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 2);
    out.push('<');
    for c in url.chars() {
        match c {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            ' ' => out.push_str("%20"),
            c if c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

/// `text` made valid for XML 1.0 content and attributes (tera's autoescape
/// adds the entity escaping): control characters, which XML forbids or
/// normalises away, and the non-characters U+FFFE/U+FFFF are shown escaped.
pub fn xml_text(text: &str) -> String {
    inert(text)
        .chars()
        .map(|c| match c {
            '\u{FFFE}' | '\u{FFFF}' => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// JSON that can sit inside an HTML `<script type="application/json">`
/// element: `<`, `>`, `&` and the JavaScript line separators are written as
/// `\u` escapes, so no string in it can close the element (`</script>`),
/// open a comment (`<!--`) or be read as HTML. `JSON.parse` restores them.
pub fn json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The message of a GitHub workflow command (`::error::MESSAGE`): `%`,
/// `\r` and `\n` percent-encoded, as GitHub's toolkit `escapeData` does;
/// other control characters (terminal escape sequences) shown escaped.
pub fn workflow_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}

/// A property value of a GitHub workflow command (`title=VALUE`): as
/// [`workflow_data`], plus `:` and `,`, which end a property (the toolkit's
/// `escapeProperty`).
pub fn workflow_property(text: &str) -> String {
    workflow_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "<script>alert(1)</script>|@everyone";

    #[test]
    fn markdown_text_is_literal() {
        assert_eq!(
            markdown_text(HOSTILE),
            "&lt;script&gt;alert(1)&lt;/script&gt;\\|@\u{2060}everyone"
        );
        assert_eq!(markdown_text("a\nb `c`"), "a\\\\nb \\`c\\`");
        assert_eq!(markdown_text("parse/json/1kb"), "parse/json/1kb");
    }

    #[test]
    fn code_spans_outgrow_the_backticks_inside() {
        assert_eq!(markdown_code("parse/json"), "`parse/json`");
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("``x"), "``` ``x ```");
        assert_eq!(markdown_code("a|b\nc"), "`a\\|b\\nc`");
        assert_eq!(markdown_code(""), "");
    }

    #[test]
    fn markers_cannot_close_the_comment() {
        assert_eq!(marker("nightly"), "nightly");
        assert_eq!(marker("api-load/v2"), "api-load/v2");
        assert_eq!(marker("x --> <b>\n"), "x_--___b__");
    }

    #[test]
    fn xml_text_drops_what_xml_forbids() {
        assert_eq!(xml_text("a\u{1}b\nc"), "a\\u{1}b\\nc");
        assert_eq!(xml_text("x\u{FFFE}"), "x\\u{fffe}");
    }

    #[test]
    fn script_json_cannot_close_the_element() {
        let json = serde_json::to_string(HOSTILE).unwrap();
        let safe = json_for_script(&json);
        assert!(!safe.contains('<') && !safe.contains('>'));
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, HOSTILE);
    }

    #[test]
    fn workflow_commands_escape_like_the_toolkit() {
        assert_eq!(workflow_data("50%\r\nx\u{1b}[1m"), "50%25%0D%0Ax\\u{1b}[1m");
        assert_eq!(workflow_property("a:b,c"), "a%3Ab%2Cc");
    }

    #[test]
    fn urls_stay_one_destination() {
        assert_eq!(markdown_url("https://x/a b>c"), "<https://x/a%20b%3Ec>");
    }
}
