#!/usr/bin/env python3
"""Generate a realistic k6 `--out json` NDJSON file of a chosen size.

What k6 v0.46+ writes for an HTTP test (grafana/k6 internal/output/json,
FORMATS.md §1.5): a `Metric` line right before the first `Point` of each
metric, then one `Point` per sample —

- per request: `http_reqs` (counter), the seven timing trends
  (`http_req_duration`, `_blocked`, `_connecting`, `_tls_handshaking`,
  `_sending`, `_waiting`, `_receiving`, ms), `http_req_failed` (rate);
- per iteration: two `checks` (rate, tags `check`/`group`), `data_sent`,
  `data_received` (counters, bytes), `iteration_duration` (trend),
  `iterations` (counter);
- every second: `vus`, `vus_max` (gauges).

Tags are k6's system tags in k6's order (sorted keys): expected_response,
group, method, name, proto, scenario, status, url (+ tls_version). URL names
(5–20, `--names`), methods, statuses (mostly 200, some 4xx/5xx bursts) and
log-normal latencies (a per-name median) are drawn from a seeded generator;
timestamps increase at `--rps` requests per second, written as k6 does
(RFC 3339, nanoseconds, trailing zeros trimmed, a `+02:00` offset by
default). Values are written as Go writes float64 (shortest round-trip,
no exponent between 1e-6 and 1e21, integers without `.0`).

Usage:
  gen_k6_ndjson.py --size 1G --seed 1 -o run.ndjson      # ~1 GB
  gen_k6_ndjson.py --size 50M --gzip -o run.ndjson.gz
  gen_k6_ndjson.py --size 10M --seed 2 --old-envelope -o old.ndjson
"""

import argparse
import gzip
import json
import math
import random
import sys
from datetime import datetime, timedelta, timezone

TRENDS = [
    "http_req_duration",
    "http_req_blocked",
    "http_req_connecting",
    "http_req_tls_handshaking",
    "http_req_sending",
    "http_req_waiting",
    "http_req_receiving",
]

METRICS = {
    "http_reqs": ("counter", "default"),
    **{t: ("trend", "time") for t in TRENDS},
    "http_req_failed": ("rate", "default"),
    "checks": ("rate", "default"),
    "data_sent": ("counter", "data"),
    "data_received": ("counter", "data"),
    "iteration_duration": ("trend", "time"),
    "iterations": ("counter", "default"),
    "vus": ("gauge", "default"),
    "vus_max": ("gauge", "default"),
}

THRESHOLDS = {
    "http_req_duration": ["p(95)<500", "p(99.9)<2000", "avg<300"],
    "http_req_failed": ["rate<0.01"],
    "checks": ["rate>0.99"],
    "iterations": ["count>100"],
}

WORDS = ["users", "orders", "cart", "search", "login", "items", "profile",
         "catalog", "checkout", "health", "reviews", "stock", "prices",
         "auth", "feed", "notify", "report", "export", "upload", "status"]


def size_arg(text):
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    text = text.strip().lower().rstrip("b")
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def go_float(x):
    """A float64 as Go's encoding/json writes it."""
    if x == int(x) and abs(x) < 1e21:
        return str(int(x))
    r = repr(x)
    if "e" in r and 1e-6 <= abs(x) < 1e21:
        mantissa, exp = r.split("e")
        digits = mantissa.replace("-", "").replace(".", "")
        point = mantissa.replace("-", "").find(".")
        point = len(mantissa.replace("-", "")) if point < 0 else point
        point += int(exp)
        if point <= 0:
            r = "0." + "0" * (-point) + digits
        else:
            r = digits[:point] + "." + digits[point:] if point < len(digits) else digits + "0" * (point - len(digits))
        r = ("-" if x < 0 else "") + r
    return r


class Clock:
    """RFC 3339 with nanoseconds as Go's time.RFC3339Nano, cached per second."""

    def __init__(self, start_ns, offset_minutes):
        self.tz = timezone(timedelta(minutes=offset_minutes))
        self.offset = "Z" if offset_minutes == 0 else (
            ("+" if offset_minutes > 0 else "-")
            + "%02d:%02d" % divmod(abs(offset_minutes), 60))
        self.second = None
        self.prefix = ""
        self.ns = start_ns

    def text(self, ns):
        sec, frac = divmod(ns, 1_000_000_000)
        if sec != self.second:
            self.second = sec
            self.prefix = datetime.fromtimestamp(sec, self.tz).strftime("%Y-%m-%dT%H:%M:%S")
        if frac:
            return self.prefix + ("." + ("%09d" % frac).rstrip("0")) + self.offset
        return self.prefix + self.offset


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=size_arg, default=size_arg("100M"), help="bytes to write (uncompressed), e.g. 1G")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--names", type=int, default=12, help="URL names (5-20)")
    ap.add_argument("--rps", type=float, default=1000.0, help="requests per second")
    ap.add_argument("--offset-minutes", type=int, default=120, help="UTC offset of the times (0 = Z)")
    ap.add_argument("--old-envelope", action="store_true", help='k6 < 0.30 envelope ({"type":"Point",…,"metric":…})')
    ap.add_argument("--gzip", action="store_true")
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    if not 5 <= args.names <= 20:
        ap.error("--names must be 5 to 20")

    rng = random.Random(args.seed)
    start_ns = 1_700_000_000_000_000_000 + rng.randrange(10**9) * 1000
    clock = Clock(start_ns, args.offset_minutes)

    names = []
    for i in range(args.names):
        path = "/api/" + WORDS[i]
        method = "POST" if WORDS[i] in ("login", "checkout", "upload", "auth") else "GET"
        median_ms = math.exp(rng.uniform(math.log(8), math.log(400)))
        names.append((path, method, median_ms, rng.uniform(0.3, 0.9)))
    weights = [1.0 / (i + 1) for i in range(args.names)]
    scenarios = ["browse", "api"]

    out = sys.stdout.buffer if args.output == "-" else open(args.output, "wb")
    if args.gzip:
        out = gzip.GzipFile(fileobj=out, mode="wb", compresslevel=6, mtime=0)

    seen = set()
    buf = []
    written = 0

    def metric_line(name):
        kind, contains = METRICS[name]
        subs = None
        if name == "http_req_duration":
            subs = [{"name": "http_req_duration{expected_response:true}",
                     "suffix": "expected_response:true", "tags": {"expected_response": "true"}}]
        data = {"name": name, "type": kind, "contains": contains,
                "thresholds": THRESHOLDS.get(name, []), "submetrics": subs}
        return json.dumps({"type": "Metric", "data": data, "metric": name}, separators=(",", ":"))

    if args.old_envelope:
        def point(name, t, v, tags):
            return '{"type":"Point","data":{"time":"%s","value":%s,"tags":%s},"metric":"%s"}' % (t, v, tags, name)
    else:
        def point(name, t, v, tags):
            return '{"metric":"%s","type":"Point","data":{"time":"%s","value":%s,"tags":%s}}' % (name, t, v, tags)

    def emit(name, ns, value, tags):
        nonlocal written
        if name not in seen:
            seen.add(name)
            line = metric_line(name)
            buf.append(line)
            written += len(line) + 1
        line = point(name, clock.text(ns), go_float(value), tags)
        buf.append(line)
        written += len(line) + 1

    tag_cache = {}

    def tags_for(i, status, scenario):
        key = (i, status, scenario)
        if key not in tag_cache:
            path, method, _, _ = names[i]
            url = "https://shop.example.com" + path
            tag_cache[key] = json.dumps({
                "expected_response": "true" if status < 400 else "false",
                "group": "::" + scenario, "method": method, "name": path,
                "proto": "HTTP/1.1", "scenario": scenario, "status": str(status),
                "tls_version": "tls1.3", "url": url}, separators=(",", ":"))
        return tag_cache[key]

    ns = start_ns
    next_second = start_ns
    vus = 10
    bad_until = 0
    iteration = 0
    while written < args.size:
        if ns >= next_second:
            vus = max(1, min(200, vus + rng.choice((-1, 0, 0, 1, 2))))
            emit("vus", ns, vus, "{}")
            emit("vus_max", ns, 200, "{}")
            next_second += 1_000_000_000
            if rng.random() < 0.02:
                bad_until = ns + rng.randrange(5, 40) * 1_000_000_000
        iteration += 1
        scenario = scenarios[iteration % 2]
        i = rng.choices(range(args.names), weights)[0]
        _, _, median, sigma = names[i]
        failing = ns < bad_until
        r = rng.random()
        status = 200
        if r < (0.2 if failing else 0.004):
            status = 500 if r < (0.15 if failing else 0.002) else 404
        tags = tags_for(i, status, scenario)
        waiting = rng.lognormvariate(math.log(median), sigma) * (3 if failing else 1)
        blocked = rng.lognormvariate(math.log(0.005), 1.0)
        connecting = 0.0 if rng.random() < 0.97 else rng.lognormvariate(math.log(2), 0.5)
        tls = 0.0 if connecting == 0.0 else rng.lognormvariate(math.log(5), 0.5)
        sending = rng.lognormvariate(math.log(0.02), 0.6)
        receiving = rng.lognormvariate(math.log(0.1), 0.8)
        timings = {
            "http_req_blocked": blocked, "http_req_connecting": connecting,
            "http_req_tls_handshaking": tls, "http_req_sending": sending,
            "http_req_waiting": waiting, "http_req_receiving": receiving,
        }
        # k6 measures in ns and writes ms: value = ns / 1e6
        timings = {k: round(v * 1e6) / 1e6 for k, v in timings.items()}
        duration = round((timings["http_req_sending"] + timings["http_req_waiting"]
                          + timings["http_req_receiving"]) * 1e6) / 1e6
        emit("http_reqs", ns, 1, tags)
        emit("http_req_duration", ns, duration, tags)
        for k in TRENDS[1:]:
            emit(k, ns, timings[k], tags)
        emit("http_req_failed", ns, 1 if status >= 400 else 0, tags)
        # the iteration's own points a little later (times stay increasing)
        end = ns + rng.randrange(1000, 200_000)
        group = '{"check":"%s","group":"::%s","scenario":"%s"}'
        emit("checks", end, 1 if status == 200 else 0, group % ("status is 200", scenario, scenario))
        emit("checks", end, 1 if rng.random() > 0.001 else 0, group % ("body is not empty", scenario, scenario))
        base = '{"group":"","scenario":"%s"}' % scenario
        emit("data_sent", end, rng.randrange(120, 900), base)
        emit("data_received", end, rng.randrange(300, 60000), base)
        emit("iteration_duration", end, round(duration * 1e6 + (end - ns)) / 1e6, base)
        emit("iterations", end, 1, base)
        ns = end + int(rng.expovariate(args.rps) * 1e9)  # ≈ --rps requests/s
        if len(buf) >= 4096:
            out.write(("\n".join(buf) + "\n").encode())
            buf.clear()
    if buf:
        out.write(("\n".join(buf) + "\n").encode())
    out.close()
    print(f"wrote {written} bytes, {iteration} iterations, "
          f"{(ns - start_ns) / 1e9:.1f} s of test time", file=sys.stderr)


if __name__ == "__main__":
    main()
