//! The one place where numbers become text: durations, percentages, units.

use crate::model::Unit;

/// Formats a value of `unit` for people: times with an adaptive unit
/// (`812 ns`, `1.25 ms`, `3.10 s`), ratios as percentages, other values with
/// their unit.
pub fn value(value: f64, unit: &Unit) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    match unit {
        Unit::Nanoseconds => duration(value),
        Unit::Ratio => format!("{} %", number(value * 100.0)),
        Unit::Count => number(value),
        Unit::Bytes => scaled(value, "B"),
        Unit::BytesPerSecond => scaled(value, "B/s"),
        Unit::OpsPerSecond => scaled(value, "ops/s"),
        other => format!("{} {}", number(value), other.as_str()),
    }
}

/// A value with a decimal SI prefix (k, M, G, T) chosen so the number stays
/// below 1000: `1.500 MB/s`, `812.0 ops/s`.
pub fn scaled(value: f64, unit: &str) -> String {
    let abs = value.abs();
    let (divisor, prefix) = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        .into_iter()
        .find(|(d, _)| abs >= *d)
        .unwrap_or((1.0, ""));
    format!("{} {prefix}{unit}", number(value / divisor))
}

/// A duration given in nanoseconds, in the largest unit that keeps it ≥ 1.
pub fn duration(nanos: f64) -> String {
    let abs = nanos.abs();
    let (scaled, unit) = if abs >= 60e9 {
        (nanos / 60e9, "min")
    } else if abs >= 1e9 {
        (nanos / 1e9, "s")
    } else if abs >= 1e6 {
        (nanos / 1e6, "ms")
    } else if abs >= 1e3 {
        (nanos / 1e3, "µs")
    } else {
        (nanos, "ns")
    };
    format!("{} {unit}", number(scaled))
}

/// A plain number with about four significant digits, no exponent for
/// everyday magnitudes.
pub fn number(value: f64) -> String {
    let abs = value.abs();
    if value == 0.0 {
        "0".to_owned()
    } else if !(1e-3..1e15).contains(&abs) {
        format!("{value:.3e}")
    } else if abs >= 1000.0 {
        format!("{value:.0}")
    } else if abs >= 100.0 {
        format!("{value:.1}")
    } else if abs >= 10.0 {
        format!("{value:.2}")
    } else {
        format!("{value:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_pick_a_readable_unit() {
        assert_eq!(duration(812.0), "812.0 ns");
        assert_eq!(duration(1_250_000.0), "1.250 ms");
        assert_eq!(duration(3.1e9), "3.100 s");
        assert_eq!(duration(90e9), "1.500 min");
        assert_eq!(duration(0.5), "0.500 ns");
    }

    #[test]
    fn values_carry_their_unit() {
        assert_eq!(value(0.0123, &Unit::Ratio), "1.230 %");
        assert_eq!(value(12345.0, &Unit::Count), "12345");
        assert_eq!(value(2.5, &Unit::OpsPerSecond), "2.500 ops/s");
        assert_eq!(value(f64::NAN, &Unit::Bytes), "—");
        assert_eq!(number(1e-9), "1.000e-9");
    }
}

/// A signed relative change as a percentage: `+12.3 %`, `−4.5 %`, `0.0 %`.
pub fn change(fraction: f64) -> String {
    if !fraction.is_finite() {
        return "—".to_owned();
    }
    let percent = fraction * 100.0;
    let digits = if percent.abs() >= 100.0 { 0 } else { 1 };
    let text = format!("{:.*}", digits, percent.abs());
    if text.trim_start_matches(['0', '.']).is_empty() {
        return format!("{text} %");
    }
    let sign = if percent > 0.0 { '+' } else { '−' };
    format!("{sign}{text} %")
}

/// A count with thousands separators: `19,690`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A fraction as a short percentage for labels: `95 %`, `97.5 %`.
pub fn percent(fraction: f64) -> String {
    if !fraction.is_finite() {
        return "—".to_owned();
    }
    let text = format!("{:.1}", fraction * 100.0);
    format!("{} %", text.strip_suffix(".0").unwrap_or(&text))
}

/// A user-supplied string made inert for a terminal: control characters
/// (newlines, escape sequences) are shown escaped instead of acting.
pub fn inert(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod change_tests {
    use super::*;

    #[test]
    fn changes_are_signed_percentages_and_never_inf() {
        assert_eq!(change(0.123), "+12.3 %");
        assert_eq!(change(-0.045), "−4.5 %");
        assert_eq!(change(0.0), "0.0 %");
        assert_eq!(change(0.00001), "0.0 %");
        assert_eq!(change(2.5), "+250 %");
        assert_eq!(change(f64::INFINITY), "—");
        assert_eq!(change(f64::NAN), "—");
    }

    #[test]
    fn counts_and_percent_labels() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(19_690), "19,690");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(percent(0.95), "95 %");
        assert_eq!(percent(0.975), "97.5 %");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(inert("a\nb\u{1b}[31m"), "a\\nb\\u{1b}[31m");
        assert_eq!(inert("plain ünïcode"), "plain ünïcode");
    }
}

#[cfg(test)]
mod scaled_tests {
    use super::*;

    #[test]
    fn rates_and_sizes_get_si_prefixes() {
        assert_eq!(value(66_586_896.0, &Unit::BytesPerSecond), "66.59 MB/s");
        assert_eq!(value(812.0, &Unit::OpsPerSecond), "812.0 ops/s");
        assert_eq!(value(1500.0, &Unit::Bytes), "1.500 kB");
        assert_eq!(value(2.5e12, &Unit::Bytes), "2.500 TB");
    }
}
