#!/usr/bin/env python3
"""Write tests/fixtures/stats/vectors.json: reference values for src/stats.

The Rust tests in src/stats/vectors.rs read the file this script writes and
check benchgate's statistics against numpy and scipy, so `cargo test` needs
only Rust. Rerun this script (and commit its output) only when a case is
added; the header of the output records the numpy and scipy versions and the
seed that made it.

    pip install numpy scipy
    python3 scripts/stats_vectors.py

What is covered, and where the reference comes from:

- percentiles, mean, median, sample standard deviation, coefficient of
  variation: numpy (`np.percentile(..., method="linear")` is Hyndman & Fan's
  definition 7, the one k6 uses);
- Mann-Whitney U: `scipy.stats.mannwhitneyu`, every alternative, exact and
  asymptotic p-values, ties, identical samples;
- Welch's t-test: `scipy.stats.ttest_ind(equal_var=False)`;
- Wilcoxon signed-rank: `scipy.stats.wilcoxon` (zero_method="wilcox",
  correction=False), exact and asymptotic, ties, zeros; the paired
  bootstrap re-implemented like the bootstrap above;
- two proportions: `scipy.stats.fisher_exact` (two-sided) below the exact
  limit, the pooled z-test with `scipy.stats.norm` above it, and Katz's log
  interval of the rate ratio from its formula;
- the seeded generator and the bootstrap: re-implemented here from their
  published definitions (xoshiro256** and SplitMix64 by Blackman & Vigna,
  Lemire's bounded integers, the percentile bootstrap of Efron & Tibshirani),
  so the Rust code is checked against an independent implementation, with
  the interval's end points taken by numpy.
"""

import json
import math
import pathlib
import platform
import sys
import warnings

import numpy as np
import scipy
from scipy import stats

SEED = 20_240_501
OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "tests/fixtures/stats/vectors.json"
QUANTILES = [0, 1, 25, 50, 90, 95, 99, 99.9, 100]
ALTERNATIVES = ["two-sided", "greater", "less"]
MASK = (1 << 64) - 1


def floats(values):
    """Plain Python floats, rounded to 9 significant digits.

    Short decimals survive the trip through JSON and any float parser
    unchanged, so the Rust side sees exactly the values scipy saw.
    """
    return [float(f"{v:.9g}") for v in np.asarray(values, dtype=float).ravel()]


# --- descriptive statistics -------------------------------------------------


def describe_case(name, values):
    x = np.asarray(values, dtype=float)
    n = len(x)
    std = float(np.std(x, ddof=1)) if n > 1 else None
    mean = float(np.mean(x))
    cv = std / abs(mean) if std is not None and mean != 0 else None
    return {
        "name": name,
        "values": list(values),
        "percentiles": [[q, float(np.percentile(x, q, method="linear"))] for q in QUANTILES],
        "mean": mean,
        "median": float(np.median(x)),
        "stddev": std,
        "cv": cv,
    }


def describe_cases(rng):
    return [
        describe_case("n1", [5.0]),
        describe_case("n2", [2.0, 1.0]),
        describe_case("ties", [3.0, 1.0, 2.0, 2.0, 2.0, 1.0]),
        describe_case("n10_normal", floats(rng.normal(100.0, 15.0, 10))),
        describe_case("n101_lognormal", floats(rng.lognormal(3.0, 0.8, 101))),
        describe_case("n1000_exponential", floats(rng.exponential(2.5, 1000))),
        describe_case("constant", [0.1] * 7),
        describe_case("negative_mean", [-3.0, -1.5, 0.5, -2.25]),
    ]


# --- Mann-Whitney U ----------------------------------------------------------


def resolved_method(method, x, y):
    """The method scipy's `method="auto"` picks (scipy's `_mwu_choose_method`)."""
    if method != "auto":
        return method
    if len(x) > 8 and len(y) > 8:
        return "asymptotic"
    ties = len(np.unique(np.concatenate([x, y]))) < len(x) + len(y)
    return "asymptotic" if ties else "exact"


def mann_whitney_cases(rng):
    pairs = [
        ("n1_n1", [1.0], [2.0], ["auto"]),
        ("n3_n4", [1.1, 3.4, 2.2], [4.0, 5.5, 2.9, 6.1], ["auto", "asymptotic"]),
        ("n5_n5_separated", [1.0, 2.0, 3.0, 4.0, 5.0], [6.0, 7.0, 8.0, 9.0, 10.0], ["auto"]),
        ("n8_n8_separated", floats(np.arange(8) + 0.5), floats(np.arange(8) + 10.5), ["auto"]),
        ("n2_n7", [3.5, 9.25], floats(rng.normal(5.0, 2.0, 7)), ["auto"]),
        ("n8_n20", floats(rng.normal(10.0, 1.0, 8)), floats(rng.normal(11.0, 1.0, 20)), ["auto"]),
        ("n10_n12_forced_exact", floats(rng.normal(0.0, 1.0, 10)), floats(rng.normal(0.8, 1.0, 12)), ["exact", "auto"]),
        ("n30_n30_exact", floats(rng.normal(0.0, 1.0, 30)), floats(rng.normal(0.5, 1.0, 30)), ["exact"]),
        ("ties_small", [1.0, 2.0, 2.0, 3.0], [2.0, 3.0, 3.0, 4.0, 5.0], ["auto", "exact"]),
        ("ties_integers", floats(rng.integers(0, 5, 15)), floats(rng.integers(1, 6, 12)), ["auto"]),
        ("n50_n60", floats(rng.lognormal(2.0, 0.5, 50)), floats(rng.lognormal(2.1, 0.5, 60)), ["auto"]),
        ("n200_n200_far", floats(rng.normal(0.0, 1.0, 200)), floats(rng.normal(3.0, 1.0, 200)), ["auto"]),
        ("identical_samples", [1.0, 2.0, 3.0, 4.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0], ["auto"]),
        ("identical_large", floats(np.round(rng.normal(50.0, 5.0, 40), 1)), None, ["auto"]),
        ("all_equal", [7.0] * 6, [7.0] * 9, ["auto"]),
    ]
    cases = []
    for name, x, y, methods in pairs:
        y = list(x) if y is None else y
        for method in methods:
            for alternative in ALTERNATIVES:
                res = stats.mannwhitneyu(x, y, alternative=alternative, method=method)
                cases.append({
                    "name": name,
                    "x": x,
                    "y": y,
                    "alternative": alternative,
                    "method": method,
                    "used": resolved_method(method, np.asarray(x), np.asarray(y)),
                    "u": float(res.statistic),
                    "p": float(res.pvalue),
                })
    return cases


# --- Welch's t-test -----------------------------------------------------------


def welch_cases(rng):
    pairs = [
        ("n2_n2", [1.0, 2.0], [3.0, 5.0]),
        ("equal_n_equal_var", floats(rng.normal(10.0, 2.0, 20)), floats(rng.normal(11.0, 2.0, 20))),
        ("unequal_n_unequal_var", floats(rng.normal(10.0, 1.0, 8)), floats(rng.normal(12.0, 6.0, 40))),
        ("large_n", floats(rng.normal(100.0, 10.0, 1000)), floats(rng.normal(100.5, 12.0, 800))),
        ("far_apart", floats(rng.normal(0.0, 1.0, 30)), floats(rng.normal(5.0, 1.0, 30))),
        ("one_side_constant", [4.0, 4.0, 4.0, 4.0], [3.0, 5.5, 4.5, 6.0, 5.0]),
        ("identical_samples", [1.0, 2.0, 4.0, 8.0], [1.0, 2.0, 4.0, 8.0]),
        ("tiny_difference", floats(rng.normal(1.0, 0.1, 25)), floats(rng.normal(1.001, 0.1, 25))),
    ]
    cases = []
    for name, x, y in pairs:
        for alternative in ALTERNATIVES:
            with warnings.catch_warnings():
                # scipy warns about "catastrophic cancellation" for a
                # constant sample; its variance is exactly 0 all the same.
                warnings.simplefilter("ignore", RuntimeWarning)
                res = stats.ttest_ind(x, y, equal_var=False, alternative=alternative)
            cases.append({
                "name": name,
                "x": x,
                "y": y,
                "alternative": alternative,
                "t": float(res.statistic),
                "df": float(res.df),
                "p": float(res.pvalue),
            })
    return cases


# --- seeded generator and bootstrap -------------------------------------------


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Xoshiro256StarStar:
    """xoshiro256** 1.0 seeded by SplitMix64 (Blackman & Vigna, prng.di.unimi.it)."""

    def __init__(self, seed):
        self.s = []
        state = seed & MASK
        for _ in range(4):
            state, word = splitmix64(state)
            self.s.append(word)

    def next_u64(self):
        s0, s1, s2, s3 = self.s
        result = (rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def below(self, n):
        """Uniform integer in [0, n): Lemire, "Fast Random Integer Generation
        in an Interval", ACM TOMACS 29(1), 2019, without bias."""
        m = self.next_u64() * n
        low = m & MASK
        if low < n:
            threshold = ((1 << 64) - n) % n
            while low < threshold:
                m = self.next_u64() * n
                low = m & MASK
        return m >> 64


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def rng_cases():
    bounds = [1, 2, 3, 7, 100, 1000, 2**63 + 5]
    cases = []
    for seed in [0, 1, SEED, MASK]:
        gen = Xoshiro256StarStar(seed)
        words = [gen.next_u64() for _ in range(6)]
        gen = Xoshiro256StarStar(seed)
        below = [gen.below(n) for n in bounds]
        cases.append({
            "seed": str(seed),
            "u64": [str(w) for w in words],
            "below_bounds": [str(n) for n in bounds],
            "below": [str(b) for b in below],
        })
    return cases


def statistic(values, kind):
    """Mean summed in order; percentiles by Hyndman & Fan definition 7."""
    if kind == "mean":
        total = 0.0
        for v in values:
            total += v
        return total / len(values)
    q = 50.0 if kind == "median" else float(kind)
    s = sorted(values)
    h = q / 100.0 * (len(s) - 1)
    lo = math.floor(h)
    lower, upper = s[lo], s[math.ceil(h)]
    return lower + (h - lo) * (upper - lower)


def bootstrap(baseline, current, kind, confidence, resamples, seed):
    base, cur = sorted(baseline), sorted(current)
    gen = Xoshiro256StarStar(seed)
    replicates = []
    for _ in range(resamples):
        b = [base[gen.below(len(base))] for _ in base]
        c = [cur[gen.below(len(cur))] for _ in cur]
        sb = statistic(b, kind)
        if sb > 0:
            replicates.append(statistic(c, kind) / sb - 1.0)
    alpha = 1.0 - confidence
    lower, upper = np.percentile(replicates, [100 * alpha / 2, 100 * (1 - alpha / 2)], method="linear")
    point = statistic(cur, kind) / statistic(base, kind) - 1.0
    return point, float(lower), float(upper), len(replicates)


def bootstrap_cases(rng):
    inputs = [
        ("mean_lognormal", floats(rng.lognormal(3.0, 0.3, 40)), floats(rng.lognormal(3.1, 0.3, 50)), "mean", 0.95),
        ("median_normal", floats(rng.normal(100.0, 10.0, 31)), floats(rng.normal(90.0, 10.0, 31)), "median", 0.9),
        ("p95_exponential", floats(rng.exponential(1.0, 60)), floats(rng.exponential(1.3, 45)), "95", 0.99),
        ("median_skips", [-1.0, -0.5, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], "median", 0.95),
    ]
    cases = []
    for name, baseline, current, kind, confidence in inputs:
        resamples = 1500
        point, lower, upper, used = bootstrap(baseline, current, kind, confidence, resamples, SEED)
        cases.append({
            "name": name,
            "baseline": baseline,
            "current": current,
            "statistic": kind,
            "confidence": confidence,
            "resamples": resamples,
            "seed": str(SEED),
            "point": point,
            "lower": lower,
            "upper": upper,
            "used": used,
        })
    return cases


# --- paired samples ---------------------------------------------------------


def wilcoxon_cases(rng):
    """scipy.stats.wilcoxon, zero_method="wilcox", correction=False, with the
    method benchgate picks: exact for n <= 50 non-zero differences without
    zeros or tied magnitudes, else asymptotic."""
    inputs = [
        ("shift_n8", floats(rng.normal(0.5, 1.0, 8))),
        ("one_sign_n8", [float(i) for i in range(1, 9)]),
        ("no_shift_n20", floats(rng.normal(0.0, 1.0, 20))),
        ("shift_n50", floats(rng.normal(0.3, 1.0, 50))),
        ("n51_asymptotic", floats(rng.normal(0.2, 1.0, 51))),
        ("n300_asymptotic", floats(rng.normal(0.1, 1.0, 300))),
        ("ties", [1.0, -1.0, 2.0, 2.0, -3.0, 3.0, 4.0, 5.0, -5.0, 6.0, 7.0, 8.0, 2.0, 9.0, 10.0]),
        ("zeros", [0.0, 0.0, 1.5, -0.5, 2.5, 3.5, -1.0, 4.0, 0.25, 5.0, 6.0, 0.0, 7.0, 8.0, 9.0, 10.0]),
        ("drift_cancelled", floats(rng.normal(0.02, 0.01, 30))),
    ]
    cases = []
    for name, d in inputs:
        nonzero = [v for v in d if v != 0]
        mags = [abs(v) for v in nonzero]
        exact = len(nonzero) <= 50 and len(nonzero) == len(d) and len(set(mags)) == len(mags)
        method = "exact" if exact else "asymptotic"
        for alternative in ALTERNATIVES:
            r = stats.wilcoxon(d, zero_method="wilcox", correction=False,
                               alternative=alternative, method=method)
            ranks = stats.rankdata(mags)
            w_plus = float(sum(r_ for r_, v in zip(ranks, nonzero) if v > 0))
            cases.append({
                "name": name,
                "differences": d,
                "alternative": alternative,
                "method": method,
                "w_plus": w_plus,
                "p": float(r.pvalue),
            })
    return cases


def paired_bootstrap(baseline, current, kind, confidence, resamples, seed):
    gen = Xoshiro256StarStar(seed)
    n = len(baseline)
    replicates = []
    for _ in range(resamples):
        idx = [gen.below(n) for _ in range(n)]
        sb = statistic([baseline[i] for i in idx], kind)
        if sb > 0:
            replicates.append(statistic([current[i] for i in idx], kind) / sb - 1.0)
    alpha = 1.0 - confidence
    lower, upper = np.percentile(replicates, [100 * alpha / 2, 100 * (1 - alpha / 2)], method="linear")
    point = statistic(current, kind) / statistic(baseline, kind) - 1.0
    return point, float(lower), float(upper), len(replicates)


def paired_bootstrap_cases(rng):
    drift = rng.normal(0.0, 0.3, 30)
    base = floats(100.0 * np.exp(drift + rng.normal(0.0, 0.02, 30)))
    cur = floats(103.0 * np.exp(drift + rng.normal(0.0, 0.02, 30)))
    inputs = [
        ("median_drift", base, cur, "median", 0.9),
        ("mean_drift", base, cur, "mean", 0.95),
        ("p90_small", [5.0, 6.0, 7.0, 8.0, 9.0, 10.0], [5.5, 6.0, 7.7, 8.1, 9.9, 10.5], "90", 0.9),
    ]
    cases = []
    for name, baseline, current, kind, confidence in inputs:
        resamples = 1200
        point, lower, upper, used = paired_bootstrap(baseline, current, kind, confidence, resamples, SEED)
        cases.append({
            "name": name, "baseline": baseline, "current": current, "statistic": kind,
            "confidence": confidence, "resamples": resamples, "seed": str(SEED),
            "point": point, "lower": lower, "upper": upper, "used": used,
        })
    return cases


# --- two proportions ---------------------------------------------------------

# (k1, n1, k2, n2): error rates from none to many, equal rates, tiny samples,
# a zero current count, and counts large enough for the z-test.
PROPORTION_CASES = [
    (6, 11880, 6, 11880),
    (6, 11880, 9, 11880),
    (5, 10000, 7, 10000),
    (5, 10000, 40, 10000),
    (1, 3, 3, 3),
    (3, 20, 0, 25),
    (120, 100000, 180, 100000),
    (2, 1000000, 11, 1200000),
    (950, 1000, 900, 1000),
    (30000, 1000000, 31000, 1000000),
    (25000, 500000, 24000, 500000),
]
EXACT_LIMIT = 20_000


def proportion_cases(confidence=0.90):
    out = []
    z = stats.norm.ppf(0.5 + confidence / 2)
    for k1, n1, k2, n2 in PROPORTION_CASES:
        events = k1 + k2
        rarer = min(events, n1 + n2 - events)
        if rarer <= EXACT_LIMIT:
            test = "fisher"
            p = stats.fisher_exact([[k1, n1 - k1], [k2, n2 - k2]], alternative="two-sided").pvalue
        else:
            test = "z"
            pooled = events / (n1 + n2)
            se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
            p = 2 * stats.norm.sf(abs((k2 / n2 - k1 / n1) / se))

        def corrected(k, n):
            return (k + 0.5, n + 1) if k in (0, n) else (k, n)

        a, m = corrected(k1, n1)
        b, o = corrected(k2, n2)
        log_ratio = math.log((b / o) / (a / m))
        se = math.sqrt(max(0.0, 1 / a - 1 / m + 1 / b - 1 / o))
        out.append({
            "k1": k1, "n1": n1, "k2": k2, "n2": n2,
            "confidence": confidence,
            "test": test,
            "p": float(p),
            "point": (k2 / n2) / (k1 / n1) - 1,
            "lower": math.exp(log_ratio - z * se) - 1,
            "upper": math.exp(log_ratio + z * se) - 1,
        })
    return out


def main():
    rng = np.random.default_rng(SEED)
    paired_rng = np.random.default_rng(SEED + 1)
    document = {
        "generator": "scripts/stats_vectors.py",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "seed": SEED,
        "note": "u64 values are decimal strings: JSON numbers cannot carry 64 bits exactly",
        "describe": describe_cases(rng),
        "mann_whitney": mann_whitney_cases(rng),
        "welch": welch_cases(rng),
        "rng": rng_cases(),
        "bootstrap": bootstrap_cases(rng),
        "proportions": proportion_cases(),
        "wilcoxon": wilcoxon_cases(paired_rng),
        "paired_bootstrap": paired_bootstrap_cases(paired_rng),
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(document, indent=1, allow_nan=False) + "\n")
    print(f"wrote {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
