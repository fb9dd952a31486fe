//! Detection quality of benchgate's judging, on simulated data.
//!
//! Simulates A/A pairs (no change) and pairs with a known slowdown under
//! realistic noise — lognormal, bimodal, lognormal with occasional 3×
//! outliers — at coefficients of variation from 1 % to 20 % and 5 to 100
//! samples a side, judges every pair with benchgate's default policy, and
//! prints:
//!
//! - the false-positive rate (A/A pairs graded as any regression);
//! - per slowdown, how often it is graded at least minor / major / critical;
//! - beside them, what criterion's default rule (bootstrap Welch t-test,
//!   α = 0.05, both ends of the mean's change interval beyond a 1 % noise
//!   threshold) and a plain ratio-against-the-mean rule (mean ≥ 10 % worse)
//!   flag on the same data.
//!
//! Then the same for error rates judged from their counts (k6's
//! `http_req_failed`): A/A pairs and doubled failure rates.
//!
//! Run: `cargo bench --bench detection` (full, a few minutes on 2 cores), or
//! `cargo bench --bench detection -- --quick` (fewer trials); `-- --rates`
//! for the error-rate table alone. The output is
//! Markdown, pasted into docs/detection.md.

use benchgate::compare::{Policy, Verdict, compare};
use benchgate::model::{Benchmark, Direction, Metric, MetricKind, Results, Summary, Unit};
use benchgate::stats::{Sample, describe};

/// SplitMix64: small, seedable, good enough for simulation.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    fn normal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform(), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

#[derive(Clone, Copy)]
enum Noise {
    Lognormal,
    Bimodal,
    Outliers,
}

impl Noise {
    fn name(self) -> &'static str {
        match self {
            Self::Lognormal => "lognormal",
            Self::Bimodal => "bimodal",
            Self::Outliers => "outliers",
        }
    }

    /// One value around 1.0 with coefficient of variation `cv`.
    fn draw(self, cv: f64, rng: &mut Rng) -> f64 {
        let lognormal = |cv: f64, rng: &mut Rng| {
            let sigma = (1.0 + cv * cv).ln().sqrt();
            (sigma * rng.normal() - sigma * sigma / 2.0).exp()
        };
        match self {
            Self::Lognormal => lognormal(cv, rng),
            // Two modes 30/70, each with half the CV; the gap makes up the
            // rest of the variance: g = cv·sqrt(0.75 / 0.21).
            Self::Bimodal => {
                let gap = cv * (0.75f64 / 0.21).sqrt();
                let mode = if rng.uniform() < 0.3 { 1.0 + gap } else { 1.0 };
                mode * lognormal(cv / 2.0, rng)
            }
            Self::Outliers => {
                let v = lognormal(cv, rng);
                if rng.uniform() < 0.03 { v * 3.0 } else { v }
            }
        }
    }
}

fn draw(noise: Noise, cv: f64, n: usize, scale: f64, rng: &mut Rng) -> Vec<f64> {
    (0..n)
        .map(|_| 1000.0 * scale * noise.draw(cv, rng))
        .collect()
}

fn results(samples: &[f64]) -> Results {
    let d = describe(&Sample::new(samples.to_vec()).expect("finite samples"));
    let summary = Summary {
        n: Some(d.n as u64),
        mean: Some(d.mean),
        stddev: d.stddev,
        min: Some(d.min),
        max: Some(d.max),
        median: Some(d.median),
        ..Summary::default()
    };
    let mut r = Results::new("sim");
    r.benchmarks.push(Benchmark::new(
        "bench",
        vec![Metric::new("time", Unit::Nanoseconds, summary).with_samples(samples.to_vec())],
    ));
    r
}

/// benchgate's verdict: 0 none, 1 minor, 2 major, 3 critical.
fn benchgate_level(base: &[f64], cur: &[f64], policy: &Policy) -> u8 {
    let c = compare(&results(base), &results(cur), policy);
    match c.entries[0].verdict {
        Verdict::Regressed(s) => match s {
            benchgate::compare::Severity::Minor => 1,
            benchgate::compare::Severity::Major => 2,
            benchgate::compare::Severity::Critical => 3,
        },
        _ => 0,
    }
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

fn welch_t(x: &[f64], y: &[f64]) -> f64 {
    let (mx, my) = (mean(x), mean(y));
    let var =
        |v: &[f64], m: f64| v.iter().map(|a| (a - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64;
    let se = (var(x, mx) / x.len() as f64 + var(y, my) / y.len() as f64).sqrt();
    (mx - my) / se
}

/// criterion.rs's rule (`analysis/compare.rs`, `report.rs`): p from a
/// mixed bootstrap of Welch's t; regressed when p < 0.05 and both ends of
/// the bootstrap interval of the mean's relative change exceed +1 %.
/// `resamples` is lower than criterion's 100 000 to keep the simulation
/// affordable; the decision is the same in all but borderline cases.
fn criterion_flags(base: &[f64], cur: &[f64], rng: &mut Rng, resamples: usize) -> bool {
    let t = welch_t(cur, base);
    let pooled: Vec<f64> = base.iter().chain(cur).copied().collect();
    let (nb, nc) = (base.len(), cur.len());
    let mut hits = 0usize;
    let mut total = 0usize;
    let mut x = vec![0.0; nc];
    let mut y = vec![0.0; nb];
    for _ in 0..resamples {
        for v in x.iter_mut() {
            *v = pooled[rng.below(pooled.len())];
        }
        for v in y.iter_mut() {
            *v = pooled[rng.below(pooled.len())];
        }
        let ti = welch_t(&x, &y);
        if ti.is_finite() {
            total += 1;
            if ti < t {
                hits += 1;
            }
        }
    }
    if total == 0 {
        return false;
    }
    let p = 2.0 * hits.min(total - hits) as f64 / total as f64;
    if p >= 0.05 {
        return false;
    }
    let mut changes = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        let mb = (0..nb).map(|_| base[rng.below(nb)]).sum::<f64>() / nb as f64;
        let mc = (0..nc).map(|_| cur[rng.below(nc)]).sum::<f64>() / nc as f64;
        changes.push(mc / mb - 1.0);
    }
    changes.sort_by(f64::total_cmp);
    let lo = changes[(0.025 * (resamples - 1) as f64) as usize];
    lo > 0.01
}

/// The plain rule many CI scripts use: current mean ≥ 10 % above the
/// baseline mean.
fn ratio_flags(base: &[f64], cur: &[f64]) -> bool {
    mean(cur) / mean(base) - 1.0 >= 0.10
}

struct Cell {
    trials: usize,
    levels: [usize; 4],
    criterion: usize,
    ratio: usize,
}

fn run_cell(noise: Noise, cv: f64, n: usize, slowdown: f64, trials: usize, seed: u64) -> Cell {
    let mut rng = Rng(seed);
    let policy = Policy::default();
    let mut cell = Cell {
        trials,
        levels: [0; 4],
        criterion: 0,
        ratio: 0,
    };
    for _ in 0..trials {
        let base = draw(noise, cv, n, 1.0, &mut rng);
        let cur = draw(noise, cv, n, 1.0 + slowdown, &mut rng);
        cell.levels[usize::from(benchgate_level(&base, &cur, &policy))] += 1;
        if criterion_flags(&base, &cur, &mut rng, 500) {
            cell.criterion += 1;
        }
        if ratio_flags(&base, &cur) {
            cell.ratio += 1;
        }
    }
    cell
}

fn pct(count: usize, of: usize) -> String {
    format!("{:.1} %", 100.0 * count as f64 / of as f64)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (aa_trials, slow_trials) = if quick { (100, 50) } else { (1000, 200) };
    let noises = [Noise::Lognormal, Noise::Bimodal, Noise::Outliers];
    let cvs = [0.01, 0.05, 0.10, 0.20];
    let ns = [5, 10, 20, 50, 100];
    if std::env::args().any(|a| a == "--rates") {
        rates(aa_trials, &mut 1000);
        return;
    }

    println!("## A/A pairs: false-positive rate ({aa_trials} pairs per row)\n");
    println!(
        "| noise | CV | n | benchgate: any regression | benchgate: ≥ major | criterion rule | ratio ≥ 10 % |"
    );
    println!("|---|---|---|---|---|---|---|");
    let mut seed = 1u64;
    for noise in noises {
        for cv in cvs {
            for n in ns {
                seed += 1;
                let c = run_cell(noise, cv, n, 0.0, aa_trials, seed);
                let any = c.levels[1] + c.levels[2] + c.levels[3];
                println!(
                    "| {} | {:.0} % | {n} | {} | {} | {} | {} |",
                    noise.name(),
                    cv * 100.0,
                    pct(any, c.trials),
                    pct(c.levels[2] + c.levels[3], c.trials),
                    pct(c.criterion, c.trials),
                    pct(c.ratio, c.trials)
                );
            }
        }
    }

    for slowdown in [0.15, 0.30, 0.60] {
        println!(
            "\n## True {:.0} % slowdown ({slow_trials} pairs per row)\n",
            slowdown * 100.0
        );
        println!(
            "| noise | CV | n | ≥ minor | ≥ major | critical | criterion rule | ratio ≥ 10 % |"
        );
        println!("|---|---|---|---|---|---|---|---|");
        for noise in noises {
            for cv in cvs {
                for n in ns {
                    seed += 1;
                    let c = run_cell(noise, cv, n, slowdown, slow_trials, seed);
                    println!(
                        "| {} | {:.0} % | {n} | {} | {} | {} | {} | {} |",
                        noise.name(),
                        cv * 100.0,
                        pct(c.levels[1] + c.levels[2] + c.levels[3], c.trials),
                        pct(c.levels[2] + c.levels[3], c.trials),
                        pct(c.levels[3], c.trials),
                        pct(c.criterion, c.trials),
                        pct(c.ratio, c.trials)
                    );
                }
            }
        }
    }
    rates(aa_trials, &mut 1000);
}

/// Failed requests among `n`, each failing with probability `p`: the sum of
/// geometric gaps between failures (O(failures), not O(n)).
fn binomial(n: u64, p: f64, rng: &mut Rng) -> u64 {
    let log_q = (-p).ln_1p();
    let (mut at, mut k) = (0.0f64, 0u64);
    loop {
        at += (rng.uniform().ln() / log_q).floor() + 1.0;
        if at > n as f64 {
            return k;
        }
        k += 1;
    }
}

fn rate_results(failed: u64, n: u64) -> Results {
    let mut summary = Summary {
        n: Some(n),
        ..Summary::default()
    };
    summary.set("passes", failed as f64);
    summary.set("fails", (n - failed) as f64);
    summary.set("rate", failed as f64 / n as f64);
    let metric = Metric::new("rate", Unit::Ratio, summary)
        .with_kind(MetricKind::Rate)
        .with_direction(Direction::LowerIsBetter);
    let mut r = Results::new("sim");
    r.benchmarks
        .push(Benchmark::new("http_req_failed", vec![metric]));
    r
}

/// A/A pairs and doubled error rates of a k6 `http_req_failed`-like rate:
/// benchgate's count-based verdict against grading the bare relative change
/// of the two rates (what a rate without counts gets).
fn rates(trials: usize, seed: &mut u64) {
    let policy = Policy::default();
    println!("\n## Error rates: A/A pairs and doubled failures ({trials} pairs per row)\n");
    println!(
        "| failure rate | requests a side | A/A: benchgate any regression | A/A: bare ratio ≥ 10 % | ×2: benchgate ≥ minor | ×2: bare ratio ≥ 10 % |"
    );
    println!("|---|---|---|---|---|---|");
    for p in [0.001, 0.01] {
        for n in [1_000u64, 10_000, 100_000] {
            *seed += 1;
            let mut rng = Rng(*seed);
            let mut counts = [0usize; 4];
            for _ in 0..trials {
                for (factor, column) in [(1.0, 0), (2.0, 2)] {
                    let base = binomial(n, p, &mut rng);
                    let cur = binomial(n, p * factor, &mut rng);
                    let c = compare(&rate_results(base, n), &rate_results(cur, n), &policy);
                    if matches!(c.entries[0].verdict, Verdict::Regressed(_)) {
                        counts[column] += 1;
                    }
                    if base > 0 && (cur as f64 - base as f64) / base as f64 >= 0.10 {
                        counts[column + 1] += 1;
                    }
                }
            }
            println!(
                "| {:.1} % | {n} | {} | {} | {} | {} |",
                p * 100.0,
                pct(counts[0], trials),
                pct(counts[1], trials),
                pct(counts[2], trials),
                pct(counts[3], trials)
            );
        }
    }
}
