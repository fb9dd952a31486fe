//! JSON helpers shared by the JSON adapters: typed parsing that reports the
//! line, column and JSON path of a problem, and a lenient number type for
//! tools that write `NaN`.

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};

use super::{ParseError, Place};

/// Parses `input` into the wire type `T`, naming the line, column and JSON
/// path of the first problem.
pub fn parse<T: DeserializeOwned>(input: &str) -> Result<T, ParseError> {
    let mut deserializer = serde_json::Deserializer::from_str(input);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let path = err.path().to_string();
        let path = path
            .trim_end_matches(".?")
            .trim_end_matches("[?]")
            .to_owned();
        let inner = err.into_inner();
        from_serde(
            &inner,
            (!path.is_empty() && path != "." && path != "?").then_some(path),
        )
    })?;
    deserializer.end().map_err(|err| from_serde(&err, None))?;
    Ok(value)
}

/// Like [`parse`], after turning the bare `NaN`, `-NaN`, `Infinity` and
/// `-Infinity` tokens some tools print (Google Benchmark) into strings that
/// [`Number`] accepts.
pub fn parse_lenient<T: DeserializeOwned>(input: &str) -> Result<T, ParseError> {
    match quote_non_finite(input) {
        Some(fixed) => parse(&fixed),
        None => parse(input),
    }
}

fn from_serde(err: &serde_json::Error, path: Option<String>) -> ParseError {
    let text = err.to_string();
    let message = match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    };
    let message = match err.classify() {
        serde_json::error::Category::Eof => format!("{message} (is the file truncated?)"),
        _ => message,
    };
    let known = err.line() > 0;
    ParseError::new(
        Place {
            file: None,
            line: known.then_some(err.line()),
            column: known.then_some(err.column()),
            field: path,
        },
        message,
    )
}

/// Rewrites bare non-finite number tokens outside strings as strings.
/// Returns `None` when there are none (the common case: no copy).
fn quote_non_finite(input: &str) -> Option<String> {
    const TOKENS: [&str; 4] = ["-Infinity", "Infinity", "-NaN", "NaN"];
    let bytes = input.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else if b == b'"' {
            in_string = true;
        } else if let Some(token) = TOKENS.iter().find(|t| bytes[i..].starts_with(t.as_bytes())) {
            let buf = out.get_or_insert_with(|| String::with_capacity(input.len() + 16));
            buf.push_str(&input[copied..i]);
            buf.push('"');
            buf.push_str(token);
            buf.push('"');
            i += token.len();
            copied = i;
            continue;
        }
        i += 1;
    }
    let mut out = out?;
    out.push_str(&input[copied..]);
    Some(out)
}

/// A JSON number that may also be written as the string `"NaN"`,
/// `"Infinity"` or `"-Infinity"` (JMH, Google Benchmark). The adapters decide
/// whether a non-finite value is acceptable where it appears.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Number(pub f64);

impl<'de> serde::Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;

        impl Visitor<'_> for NumberVisitor {
            type Value = Number;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                Ok(Number(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number(v as f64))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number(v as f64))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Number, E> {
                match v {
                    "NaN" | "-NaN" => Ok(Number(f64::NAN)),
                    "Infinity" => Ok(Number(f64::INFINITY)),
                    "-Infinity" => Ok(Number(f64::NEG_INFINITY)),
                    other => Err(E::invalid_value(de::Unexpected::Str(other), &self)),
                }
            }
        }

        deserializer.deserialize_any(NumberVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Wire {
        #[allow(dead_code)]
        results: Vec<Row>,
    }

    #[derive(Debug, serde::Deserialize)]
    struct Row {
        #[allow(dead_code)]
        mean: f64,
    }

    #[test]
    fn errors_name_line_column_and_path() {
        let err = parse::<Wire>("{\"results\": [\n {\"mean\": \"fast\"}]}").unwrap_err();
        assert_eq!(err.place.line, Some(2));
        assert_eq!(err.place.field.as_deref(), Some("results[0].mean"));
        assert!(err.message.contains("expected f64"), "{}", err.message);
    }

    #[test]
    fn truncated_input_says_so() {
        let err = parse::<Wire>("{\"results\": [").unwrap_err();
        assert!(err.message.contains("truncated"), "{}", err.message);
        assert_eq!(err.place.line, Some(1));
    }

    #[test]
    fn bare_nan_tokens_become_strings_outside_strings_only() {
        let fixed = quote_non_finite(r#"{"a": NaN, "b": "NaN", "c": -Infinity}"#).unwrap();
        assert_eq!(fixed, r#"{"a": "NaN", "b": "NaN", "c": "-Infinity"}"#);
        assert_eq!(quote_non_finite(r#"{"a": "NaN is fine"}"#), None);
        assert_eq!(
            quote_non_finite("{\"é\": 1, ü NaN}").unwrap(),
            "{\"é\": 1, ü \"NaN\"}"
        );
        let n: Vec<Number> = parse_lenient("[1, NaN, -Infinity]").unwrap();
        assert!(n[1].0.is_nan() && n[2].0 == f64::NEG_INFINITY);
    }
}
