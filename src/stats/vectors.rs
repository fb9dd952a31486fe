//! Checks the module against numpy and scipy.
//!
//! `tests/fixtures/stats/vectors.json` is written by
//! `scripts/stats_vectors.py` (its header names the numpy and scipy versions
//! and the seed); it is compiled in, so these tests need only Rust.
//! Agreement is to 1e-9 relative, or 1e-12 absolute near 0: the two sides
//! sum in different orders (numpy sums pairwise) and use different special
//! function code (statrs against Cephes/Boost), so bit-for-bit equality is
//! neither expected nor meaningful.

use super::*;
use serde::Deserialize;

const VECTORS: &str = include_str!("../../tests/fixtures/stats/vectors.json");

#[derive(Deserialize)]
struct Vectors {
    describe: Vec<DescribeCase>,
    mann_whitney: Vec<MannWhitneyCase>,
    welch: Vec<WelchCase>,
    rng: Vec<RngCase>,
    bootstrap: Vec<BootstrapCase>,
    proportions: Vec<ProportionCase>,
    wilcoxon: Vec<WilcoxonCase>,
    paired_bootstrap: Vec<BootstrapCase>,
}

#[derive(Deserialize)]
struct WilcoxonCase {
    name: String,
    differences: Vec<f64>,
    alternative: String,
    method: String,
    w_plus: f64,
    p: f64,
}

#[derive(Deserialize)]
struct ProportionCase {
    k1: u64,
    n1: u64,
    k2: u64,
    n2: u64,
    confidence: f64,
    test: String,
    p: f64,
    point: f64,
    lower: f64,
    upper: f64,
}

#[derive(Deserialize)]
struct DescribeCase {
    name: String,
    values: Vec<f64>,
    percentiles: Vec<(f64, f64)>,
    mean: f64,
    median: f64,
    stddev: Option<f64>,
    cv: Option<f64>,
}

#[derive(Deserialize)]
struct MannWhitneyCase {
    name: String,
    x: Vec<f64>,
    y: Vec<f64>,
    alternative: String,
    method: String,
    used: String,
    u: f64,
    p: f64,
}

#[derive(Deserialize)]
struct WelchCase {
    name: String,
    x: Vec<f64>,
    y: Vec<f64>,
    alternative: String,
    t: f64,
    df: f64,
    p: f64,
}

#[derive(Deserialize)]
struct RngCase {
    seed: String,
    u64: Vec<String>,
    below_bounds: Vec<String>,
    below: Vec<String>,
}

#[derive(Deserialize)]
struct BootstrapCase {
    name: String,
    baseline: Vec<f64>,
    current: Vec<f64>,
    statistic: String,
    confidence: f64,
    resamples: usize,
    seed: String,
    point: f64,
    lower: f64,
    upper: f64,
    used: usize,
}

fn vectors() -> Vectors {
    serde_json::from_str(VECTORS).expect("tests/fixtures/stats/vectors.json is valid")
}

fn sample(values: &[f64]) -> Sample {
    Sample::new(values.to_vec()).unwrap()
}

#[track_caller]
fn assert_close(got: f64, want: f64, what: &str) {
    let tolerance = (1e-9 * want.abs()).max(1e-12);
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got:e}, numpy/scipy {want:e}"
    );
}

fn alternative(name: &str) -> Alternative {
    match name {
        "two-sided" => Alternative::TwoSided,
        "greater" => Alternative::Greater,
        "less" => Alternative::Less,
        other => panic!("unknown alternative {other}"),
    }
}

#[test]
fn descriptive_statistics_match_numpy() {
    for case in vectors().describe {
        let s = sample(&case.values);
        for (q, want) in &case.percentiles {
            assert_close(s.percentile(*q), *want, &format!("{} p{q}", case.name));
            let mut scratch = case.values.clone();
            assert_close(
                describe::percentile_select(&mut scratch, *q),
                *want,
                &case.name,
            );
        }
        assert_close(s.mean(), case.mean, &format!("{} mean", case.name));
        assert_close(s.median(), case.median, &format!("{} median", case.name));
        assert_eq!(s.stddev().is_some(), case.stddev.is_some(), "{}", case.name);
        if let (Some(got), Some(want)) = (s.stddev(), case.stddev) {
            assert_close(got, want, &format!("{} stddev", case.name));
        }
        if let (Some(got), Some(want)) = (s.coefficient_of_variation(), case.cv) {
            assert_close(got, want, &format!("{} cv", case.name));
        }
    }
}

#[test]
fn mann_whitney_matches_scipy() {
    for case in vectors().mann_whitney {
        let method = match case.method.as_str() {
            "auto" => MannWhitneyMethod::Auto,
            "exact" => MannWhitneyMethod::Exact,
            _ => MannWhitneyMethod::Asymptotic,
        };
        let what = format!("{} {} {}", case.name, case.method, case.alternative);
        let r = mann_whitney_u(
            &sample(&case.x),
            &sample(&case.y),
            alternative(&case.alternative),
            method,
        );
        let used = if case.used == "exact" {
            PValueMethod::Exact
        } else {
            PValueMethod::Asymptotic
        };
        assert_eq!(r.method, used, "{what}");
        assert_eq!(r.u, case.u, "{what}");
        assert_close(r.p_value, case.p, &what);
    }
}

#[test]
fn welch_matches_scipy() {
    for case in vectors().welch {
        let what = format!("{} {}", case.name, case.alternative);
        let r = welch_t_test(
            &sample(&case.x),
            &sample(&case.y),
            alternative(&case.alternative),
        )
        .unwrap();
        assert_close(r.t, case.t, &format!("{what} t"));
        assert_close(r.df, case.df, &format!("{what} df"));
        assert_close(r.p_value, case.p, &format!("{what} p"));
    }
}

#[test]
fn two_proportions_match_scipy() {
    let cases = vectors().proportions;
    assert!(cases.iter().any(|c| c.test == "z") && cases.iter().any(|c| c.test == "fisher"));
    for c in cases {
        let what = format!("{}/{} vs {}/{}", c.k1, c.n1, c.k2, c.n2);
        let r = compare_proportions((c.k1, c.n1), (c.k2, c.n2), c.confidence).unwrap();
        let test = match r.test {
            ProportionTest::FisherExact => "fisher",
            ProportionTest::PooledZ => "z",
        };
        assert_eq!(test, c.test, "{what}");
        // Fisher's p sums many hypergeometric terms from ln-gamma (statrs vs
        // scipy's own): agreement to 1e-9 relative is what both can give.
        assert_close(r.p_value, c.p, &format!("{what} p"));
        assert_close(r.point, c.point, &format!("{what} point"));
        assert_close(r.lower, c.lower, &format!("{what} lower"));
        assert_close(r.upper, c.upper, &format!("{what} upper"));
    }
}

#[test]
fn generator_matches_the_python_implementation() {
    for case in vectors().rng {
        let seed = case.seed.parse().unwrap();
        let mut generator = rng::Xoshiro256StarStar::seed_from_u64(seed);
        for word in &case.u64 {
            assert_eq!(
                generator.next_u64(),
                word.parse::<u64>().unwrap(),
                "seed {seed}"
            );
        }
        let mut generator = rng::Xoshiro256StarStar::seed_from_u64(seed);
        for (bound, want) in case.below_bounds.iter().zip(&case.below) {
            let got = generator.below(bound.parse().unwrap());
            assert_eq!(
                got,
                want.parse::<u64>().unwrap(),
                "seed {seed} below {bound}"
            );
        }
    }
}

fn statistic_named(name: &str) -> Statistic {
    match name {
        "mean" => Statistic::Mean,
        "median" => Statistic::Median,
        q => Statistic::Percentile(q.parse().unwrap()),
    }
}

#[test]
fn wilcoxon_matches_scipy() {
    let cases = vectors().wilcoxon;
    assert!(
        cases.iter().any(|c| c.method == "exact") && cases.iter().any(|c| c.method == "asymptotic")
    );
    for c in cases {
        let what = format!("{} {}", c.name, c.alternative);
        let r = wilcoxon_signed_rank(&c.differences, alternative(&c.alternative)).unwrap();
        let method = match r.method {
            PValueMethod::Exact => "exact",
            PValueMethod::Asymptotic => "asymptotic",
        };
        assert_eq!(method, c.method, "{what}");
        assert_close(r.w_plus, c.w_plus, &format!("{what} W+"));
        assert_close(r.p_value, c.p, &format!("{what} p"));
    }
}

#[test]
fn paired_bootstrap_matches_the_python_implementation() {
    for case in vectors().paired_bootstrap {
        let r = bootstrap_paired_relative_change(
            &case.baseline,
            &case.current,
            statistic_named(&case.statistic),
            case.confidence,
            case.resamples,
            case.seed.parse().unwrap(),
        )
        .unwrap();
        assert_eq!(r.resamples, case.used, "{}", case.name);
        assert_close(r.point, case.point, &format!("{} point", case.name));
        assert_close(r.lower, case.lower, &format!("{} lower", case.name));
        assert_close(r.upper, case.upper, &format!("{} upper", case.name));
    }
}

#[test]
fn bootstrap_matches_the_python_implementation() {
    for case in vectors().bootstrap {
        let statistic = statistic_named(&case.statistic);
        let (baseline, current) = (sample(&case.baseline), sample(&case.current));
        let seed = case.seed.parse().unwrap();
        let r = bootstrap_relative_change(
            &baseline,
            &current,
            statistic,
            case.confidence,
            case.resamples,
            seed,
        )
        .unwrap();
        assert_eq!(r.resamples, case.used, "{}", case.name);
        assert_close(r.point, case.point, &format!("{} point", case.name));
        assert_close(r.lower, case.lower, &format!("{} lower", case.name));
        assert_close(r.upper, case.upper, &format!("{} upper", case.name));
    }
}
