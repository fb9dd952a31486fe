"""Writes results/hyperfine.json: a hyperfine --export-json document for the
bundled demo (two commands, 30 runs each, lognormal noise). Seeded, so the
file is reproducible: python3 examples/demo/make_hyperfine.py"""
import json
import random
from pathlib import Path

random.seed(7)


def run(cmd, base, cv, n=30):
    times = [max(0.0, random.lognormvariate(0, cv) * base) for _ in range(n)]
    times.sort()
    mean = sum(times) / n
    sd = (sum((t - mean) ** 2 for t in times) / (n - 1)) ** 0.5
    random.shuffle(times)
    s = sorted(times)
    med = (s[n // 2 - 1] + s[n // 2]) / 2 if n % 2 == 0 else s[n // 2]
    return {"command": cmd, "mean": mean, "stddev": sd, "median": med,
            "user": mean * 0.8, "system": mean * 0.1,
            "min": min(times), "max": max(times), "times": times,
            "exit_codes": [0] * n}


doc = {"results": [run("./target/release/app convert --input small.csv", 0.0123, 0.03),
                   run("./target/release/app convert --input large.csv", 0.2051, 0.02)]}
out = Path(__file__).parent / "results" / "hyperfine.json"
out.write_text(json.dumps(doc, indent=2) + "\n")
