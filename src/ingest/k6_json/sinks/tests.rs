//! Tests of `sinks`.

use super::*;

fn sum(values: &[f64]) -> f64 {
    let mut s = Sum::default();
    values.iter().for_each(|&x| s.add(x));
    s.value()
}

#[test]
fn sums_are_correctly_rounded_like_python_fsum() {
    // math.fsum([0.1] * 10) == 1.0; math.fsum([1e-16, 1, 1e16]) == 1.0000000000000002e16
    assert_eq!(sum(&[0.1; 10]), 1.0);
    assert_eq!(sum(&[1e-16, 1.0, 1e16]), 1.000_000_000_000_000_2e16);
    assert_eq!(sum(&[1e100, 1.0, -1e100, 1e-100]), 1.0);
    assert_eq!(sum(&[]), 0.0);
}

/// Shewchuk's msum with CPython's final rounding (`math.fsum`), the
/// reference.
fn fsum(values: &[f64]) -> f64 {
    let mut partials: Vec<f64> = Vec::new();
    for &v in values {
        let mut x = v;
        let mut kept = Vec::new();
        for &p in &partials {
            let (big, small) = if x.abs() < p.abs() { (p, x) } else { (x, p) };
            let hi = big + small;
            let lo = small - (hi - big);
            if lo != 0.0 {
                kept.push(lo);
            }
            x = hi;
        }
        if x != 0.0 {
            kept.push(x);
        }
        partials = kept;
    }
    let Some((&last, rest)) = partials.split_last() else {
        return 0.0;
    };
    let (mut hi, mut lo, mut n) = (last, 0.0, rest.len());
    while n > 0 {
        n -= 1;
        let (x, y) = (hi, rest[n]);
        hi = x + y;
        lo = y - (hi - x);
        if lo != 0.0 {
            break;
        }
    }
    if n > 0 && ((lo < 0.0 && rest[n - 1] < 0.0) || (lo > 0.0 && rest[n - 1] > 0.0)) {
        let y = lo * 2.0;
        let x = hi + y;
        if y == x - hi {
            hi = x;
        }
    }
    hi
}

proptest::proptest! {
    #[test]
    fn sums_equal_fsum(
        values in proptest::collection::vec(
            proptest::prop_oneof![
                -1e6..1e6_f64,
                -1e-300..1e-300_f64,
                proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL,
            ],
            0..40,
        )
    ) {
        let want = fsum(&values);
        proptest::prop_assume!(want.is_finite());
        proptest::prop_assert_eq!(sum(&values).to_bits(), want.to_bits(), "{:?}", values);
    }
}

#[test]
fn halfway_cases_round_to_even() {
    let ulp = f64::EPSILON;
    assert_eq!(sum(&[1.0, ulp / 2.0]), 1.0);
    assert_eq!(sum(&[1.0, ulp / 2.0, 1e-300]), 1.0 + ulp);
    assert_eq!(sum(&[1.0 + ulp, ulp / 2.0]), 1.0 + 2.0 * ulp);
    assert_eq!(sum(&[f64::MAX, f64::MAX]), f64::INFINITY);
    assert_eq!(sum(&[5e-324, 5e-324]), 1e-323);
    assert_eq!(sum(&[-2.5, 1.0]), -1.5);
    let mut s = Sum::default();
    s.add(0.75);
    s.adds = (1 << 30) - 1;
    s.add(-1e-3);
    assert_eq!((s.adds, s.value()), (0, 0.749));
}

#[test]
fn sums_do_not_depend_on_order_or_split() {
    let values: Vec<f64> = (1..2000)
        .map(|i| 1.0 / f64::from(i) + f64::from(i % 7) * 1e3)
        .collect();
    let whole = sum(&values);
    let mut reversed = values.clone();
    reversed.reverse();
    assert_eq!(sum(&reversed), whole);
    let (mut a, mut b) = (Sum::default(), Sum::default());
    values.iter().step_by(3).for_each(|&x| a.add(x));
    values.iter().skip(1).step_by(3).for_each(|&x| b.add(x));
    values.iter().skip(2).step_by(3).for_each(|&x| b.add(x));
    b.merge(&a);
    assert_eq!(b.value(), whole);
}
