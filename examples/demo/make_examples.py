"""Writes the bundled demo's inputs (seeded, reproducible):

- results/hyperfine.json          this run's micro-benchmarks (hyperfine --export-json)
- baseline-inputs/hyperfine.json  the run the micro baseline was saved from
- baseline-inputs/k6-summary.json the run the api baseline was saved from
  (derived from results/k6-summary.json, which is written by hand)

Then the baselines are saved with benchgate itself:

    python3 examples/demo/make_examples.py
    benchgate baseline save --config examples/demo/benchgate.toml --suite micro examples/demo/baseline-inputs/hyperfine.json
    benchgate baseline save --config examples/demo/benchgate.toml --suite api examples/demo/baseline-inputs/k6-summary.json
"""
import json
import random
from pathlib import Path

HERE = Path(__file__).parent
random.seed(7)


def run(cmd, base, cv, n=30):
    times = [max(0.0, random.lognormvariate(0, cv) * base) for _ in range(n)]
    s = sorted(times)
    mean = sum(times) / n
    sd = (sum((t - mean) ** 2 for t in times) / (n - 1)) ** 0.5
    med = (s[n // 2 - 1] + s[n // 2]) / 2 if n % 2 == 0 else s[n // 2]
    return {"command": cmd, "mean": mean, "stddev": sd, "median": med,
            "user": mean * 0.8, "system": mean * 0.1,
            "min": s[0], "max": s[-1], "times": times, "exit_codes": [0] * n}


SMALL = "./target/release/app convert --input small.csv"
LARGE = "./target/release/app convert --input large.csv"
PARSE = "./target/release/app parse --input config.toml"

baseline = {"results": [run(SMALL, 0.0100, 0.03), run(LARGE, 0.2400, 0.02), run(PARSE, 0.0042, 0.02)]}
current = {"results": [run(SMALL, 0.0125, 0.03), run(LARGE, 0.2050, 0.02), run(PARSE, 0.0042, 0.02)]}
(HERE / "baseline-inputs" / "hyperfine.json").write_text(json.dumps(baseline, indent=2) + "\n")
(HERE / "results" / "hyperfine.json").write_text(json.dumps(current, indent=2) + "\n")

k6 = json.loads((HERE / "results" / "k6-summary.json").read_text())
old = {
    "http_req_duration": (0.96, None),
    "http_req_duration{name:/api/items}": (0.80, None),
    "http_req_duration{name:/api/search}": (1.08, None),
    "iteration_duration": (0.99, None),
}
for name, (factor, _) in old.items():
    metric = k6["metrics"][name]
    for key in ("avg", "min", "med", "max", "p(90)", "p(95)"):
        metric[key] = round(metric[key] * factor, 3)
k6["metrics"]["iterations"]["rate"] = 99.4
k6["metrics"]["http_reqs"]["rate"] = 198.8
(HERE / "baseline-inputs" / "k6-summary.json").write_text(json.dumps(k6, indent=4) + "\n")
