//! The scalars of a `Point` line: JSON numbers and RFC 3339 times, read
//! from bytes without allocating, exactly (correctly rounded floats,
//! nanosecond times).

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
    let negative = s.first() == Some(&b'-');
    let mut i = usize::from(negative);
    let rest = s.get(i..)?;
    let (int_digits, mut mantissa) = match rest.first() {
        Some(b'0') => (1, 0),
        Some(b'1'..=b'9') => digit_run(rest, 0),
        _ => return None,
    };
    i += int_digits;
    let mut digits = int_digits;
    let mut scale = 0usize;
    if s.get(i) == Some(&b'.') {
        let (n, m) = digit_run(s.get(i + 1..)?, mantissa);
        if n == 0 {
            return None;
        }
        (mantissa, scale) = (m, n);
        digits += n;
        i += 1 + n;
    }
    let mut exponent = false;
    if matches!(s.get(i), Some(b'e' | b'E')) {
        exponent = true;
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let (n, _) = digit_run(s.get(i..)?, 0);
        if n == 0 {
            return None;
        }
        i += n;
    }
    let value = if !exponent && digits <= 15 && scale < POW10.len() {
        let magnitude = mantissa as f64 / POW10.get(scale).copied()?;
        if negative { -magnitude } else { magnitude }
    } else {
        std::str::from_utf8(s.get(..i)?).ok()?.parse::<f64>().ok()?
    };
    value.is_finite().then_some((value, i))
}

/// The ASCII digits at the start of `s`: how many, and `m` with them
/// appended (wrapping; only used when there are at most 15 digits in all).
fn digit_run(s: &[u8], mut m: u64) -> (usize, u64) {
    let mut n = 0;
    for &c in s {
        if !c.is_ascii_digit() {
            break;
        }
        m = m.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
        n += 1;
    }
    (n, m)
}

/// An RFC 3339 time `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` as Unix
/// nanoseconds; `None` for any other spelling (see [`parse_time_slow`]) or
/// a time outside what i64 nanoseconds hold (years 1678–2261).
pub(super) fn parse_time(b: &[u8]) -> Option<i64> {
    let base = minute(b.get(..17)?)?;
    combine(base, b.get(17..)?)
}

/// The last time parsed, and its minute (`YYYY-MM-DDTHH:MM:`): k6 gives
/// all points of one request the same time, and a point's time usually
/// shares its minute with the previous one, so most times are not read at
/// all and most others only from the seconds on.
#[derive(Debug, Default)]
pub(super) struct TimeCache {
    head: [u8; 17],
    base: Option<i64>,
    last: Vec<u8>,
    last_value: i64,
}

impl TimeCache {
    /// [`parse_time`], reusing the previous time or minute when it is the
    /// same.
    pub fn parse(&mut self, b: &[u8]) -> Option<i64> {
        if self.last == b {
            return Some(self.last_value);
        }
        let value = self.parse_new(b)?;
        self.last.clear();
        self.last.extend_from_slice(b);
        self.last_value = value;
        Some(value)
    }

    fn parse_new(&mut self, b: &[u8]) -> Option<i64> {
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
            assert_eq!(
                parse_number(text.as_bytes()),
                Some((want, text.len())),
                "{text}"
            );
        }
        for bad in ["", "-", "01x", ".5", "1.", "1e", "+1", "NaN", "1e999"] {
            let got = parse_number(bad.as_bytes());
            assert!(
                got.is_none() || got.unwrap().1 < bad.len(),
                "{bad}: {got:?}"
            );
        }
    }

    #[test]
    fn digit_runs_of_every_length_and_position() {
        for text in [
            "",
            "7",
            "12",
            "0123",
            "98765432",
            "123456789",
            "1234567890123456",
            "42x",
            "4200000000,",
            "99999999z",
        ] {
            for pad in ["", ",\"tags\":{}}}"] {
                let input = format!("{text}{pad}");
                let digits = text.bytes().take_while(u8::is_ascii_digit).count();
                let want = text[..digits].bytes().fold(0u64, |m, c| {
                    m.wrapping_mul(10).wrapping_add(u64::from(c - b'0'))
                });
                assert_eq!(digit_run(input.as_bytes(), 0), (digits, want), "{input:?}");
            }
        }
        assert_eq!(digit_run(b"56.7", 1234), (2, 123_456));
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
        for text in [
            "2023-09-08T21:03:10.5Z",
            "2023-09-08T21:03:59.5Z",
            "2023-09-08T21:04:00+01:00",
        ] {
            assert_eq!(
                cache.parse(text.as_bytes()),
                parse_time_slow(text),
                "{text}"
            );
        }
        assert_eq!(cache.parse(b"2023-09-08T21:04:60Z"), None);
        for bad in [
            "2023-02-29T00:00:00Z",
            "2023-09-08 21:03:10Z",
            "2023-09-08T21:03:10",
        ] {
            assert_eq!(parse_time(bad.as_bytes()), None, "{bad}");
        }
        assert!(parse_time_slow("2023-09-08t21:03:10z").is_some());
    }
}
