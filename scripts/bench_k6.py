#!/usr/bin/env python3
"""Check and time benchgate's k6 NDJSON ingest against independent tools.

  scripts/bench_k6.py verify [FILES…]     # numbers vs numpy and DuckDB (1e-9 relative)
  scripts/bench_k6.py bench --size 1G     # wall time and peak memory vs peers
  scripts/bench_k6.py runner              # print the command that runs benchgate's loader

`verify` without files checks the corpus NDJSON files (../shared/corpus/
k6-out-json/) and a generated file (scripts/gen_k6_ndjson.py, --size,
--seed). Every statistic benchgate reports for every metric, k6 sub-metric,
`name` group and check is recomputed here from the raw lines with numpy
(`percentile(method="linear")`, k6's formula) — independent code: Python's
json module, its own RFC 3339 parsing, grouping, windows — and, for trends,
counters and rates, with DuckDB (`read_ndjson` + `quantile_cont`).

`bench` generates a file of --size (or takes --file), then times on it, in
one run, `wc -l` (the physical floor: reading the bytes and finding the
newlines), benchgate with --jobs = all cores and --jobs 1, DuckDB computing
the same per-metric and per-name statistics, and optionally pandas and jq
(--peers; they are slow, so they run on a --peer-size prefix of the file
unless --peer-size 0); then the same file gzip-compressed: `gzip -dc`
(the decompressor's own speed) and benchgate reading the .gz. Each command
runs --runs times; the best wall time and the peak RSS (/usr/bin/time) are
reported, with the machine's load average, as a markdown table.

benchgate is run as `benchgate ingest --format k6-json` (release build);
flate2's decoder alone is timed by a small driver built in target/k6drv.

Missing Python packages (numpy, duckdb; pandas for --peers pandas) are
installed with pip.
"""

import argparse
import gzip
import importlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "k6-out-json"
REL = 1e-9


def need(module, package=None):
    try:
        return importlib.import_module(module)
    except ImportError:
        print(f"installing {package or module} with pip …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", package or module], check=True)
        return importlib.import_module(module)


# ---------------------------------------------------------------- benchgate

def driver():
    """Builds target/k6drv, whose `--gunzip-only` decodes a file with the
    flate2 (zlib-rs) decoder benchgate uses, and nothing else."""
    drv = ROOT / "target" / "k6drv"
    (drv / "src").mkdir(parents=True, exist_ok=True)
    (drv / "Cargo.toml").write_text(
        '[package]\nname = "k6drv"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
        '[workspace]\n\n[dependencies]\n'
        'flate2 = { version = "1", features = ["zlib-rs"] }\n\n'
        '[profile.release]\ndebug = "line-tables-only"\n')
    (drv / "src" / "main.rs").write_text(DRIVER)
    env = dict(os.environ, CARGO_TARGET_DIR=str(ROOT / "target"))
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=drv, check=True, env=env)
    return str(ROOT / "target" / "release" / "k6drv")


def runner():
    """The command that runs benchgate's k6 NDJSON loader: (argv prefix, how)."""
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    exe = ROOT / os.environ.get("CARGO_TARGET_DIR", "target") / "release" / "benchgate"
    return [str(exe), "ingest", "--format", "k6-json"], "benchgate ingest --format k6-json"


DRIVER = r'''//! Decodes a gzip file with flate2 (zlib-rs), the decoder benchgate's
//! k6 NDJSON reader uses, set up the same way, and does nothing else: the
//! decompressor's own speed (scripts/bench_k6.py).
use std::io::Read;

fn main() {
    let mut args = std::env::args().skip(1);
    assert_eq!(args.next().as_deref(), Some("--gunzip-only"), "usage: k6drv --gunzip-only FILE");
    let path = args.next().expect("usage: k6drv --gunzip-only FILE");
    let file = std::fs::File::open(path).expect("open");
    let mut d = flate2::read::MultiGzDecoder::new(std::io::BufReader::with_capacity(1 << 16, file));
    let (mut buf, mut total) = (vec![0u8; 1 << 20], 0u64);
    loop {
        let n = d.read(&mut buf).expect("gunzip");
        if n == 0 { break }
        total += n as u64;
    }
    println!("{total}");
}
'''


def benchgate_json(cmd, files, jobs=None):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        out = tmp.name
    argv = cmd + ([] if jobs is None else ["--jobs", str(jobs)]) + ["-o", out] + [str(f) for f in files]
    subprocess.run(argv, check=True)
    doc = json.loads(Path(out).read_text())
    os.unlink(out)
    return doc


# ---------------------------------------------------------- independent model

def parse_time(text):
    """RFC 3339 with up to 9 fraction digits → Unix ns (independent of benchgate)."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?([Zz]|[+-]\d\d:\d\d)", text)
    if not m:
        raise ValueError(text)
    import calendar
    y, mo, d, h, mi, s = (int(m.group(i)) for i in range(1, 7))
    frac = int((m.group(7) or "0").ljust(9, "0"))
    off = m.group(8)
    offset = 0 if off in "Zz" else (1 if off[0] == "+" else -1) * (int(off[1:3]) * 3600 + int(off[4:6]) * 60)
    return (calendar.timegm((y, mo, d, h, mi, s)) - offset) * 1_000_000_000 + frac


def expected(files, group_by=("name",), windows=(60, 300)):
    """What k6 would report, recomputed from the raw lines: {id: (metric, {stat: value})}."""
    np = need("numpy")
    defs = {}
    pts = defaultdict(list)  # metric -> [(time, value, tags, order)]
    order = 0
    tmin, tmax = None, None
    for fi, f in enumerate(files):
        opener = gzip.open if open(f, "rb").read(2) == b"\x1f\x8b" else open
        with opener(f, "rt", encoding="utf-8") as fh:
            for raw in fh:
                if not raw.strip():
                    continue
                try:
                    obj = json.loads(raw)
                except json.JSONDecodeError:
                    continue  # an unfinished last line
                if obj["type"] == "Metric":
                    d = obj["data"]
                    defs.setdefault(d["name"], d)
                    continue
                d = obj["data"]
                t = parse_time(d["time"])
                tmin = t if tmin is None else min(tmin, t)
                tmax = t if tmax is None else max(tmax, t)
                pts[obj["metric"]].append((t, d["value"], d.get("tags") or {}, (fi, order)))
                order += 1
    span = (tmax - tmin) / 1e9 if tmin is not None else 0.0
    out = {}

    def add(view_id, d, rows):
        kind, contains = d["type"], d.get("contains", "default")
        vals = np.array([r[1] for r in rows], dtype=np.float64)
        if kind == "trend":
            scale = 1e6 if contains == "time" else 1.0
            s = {"n": len(vals), "mean": vals.mean() * scale, "min": vals.min() * scale,
                 "max": vals.max() * scale}
            for q, key in ((50, "median"), (90, "p90"), (95, "p95"), (99, "p99")):
                s[key] = np.percentile(vals, q, method="linear") * scale
            if len(vals) > 1:
                s["stddev"] = vals.std(ddof=1) * scale
        elif kind == "counter":
            s = {"count": vals.sum()}
            if span > 0:
                s["rate"] = vals.sum() / span
        elif kind == "rate":
            passes = int((vals != 0).sum())
            s = {"n": len(vals), "passes": passes, "fails": len(vals) - passes, "rate": passes / len(vals)}
            lower = any(w in d["name"].lower() for w in ("fail", "error"))
            s.update(worst(rows, lower, windows))
        else:
            last = max(rows, key=lambda r: r[3])  # last written (files are one test: by order)
            s = {"last": last[1], "min": vals.min(), "max": vals.max()}
        out[view_id] = ("trend" if kind == "trend" else kind, s)

    for name, rows in pts.items():
        d = defs[name]
        add(name, d, rows)
        for sub in d.get("submetrics") or []:
            tags = sub.get("tags") or {}
            sel = [r for r in rows if all(r[2].get(k) == v for k, v in tags.items())]
            if sel:
                add(sub["name"], d, sel)
        groups = defaultdict(list)
        for r in rows:
            key = ",".join(f"{k}:{r[2][k]}" for k in sorted(group_by) if k in r[2])
            if key:
                groups[f"{name}{{{key}}}"].append(r)
        for gid, sel in groups.items():
            if gid not in out:
                add(gid, d, sel)
        if name == "checks" and d["type"] == "rate":
            by = defaultdict(list)
            for r in rows:
                if "check" in r[2]:
                    by[(r[2].get("group", ""), r[2]["check"])].append(r)
            for (g, c), sel in by.items():
                cid = f"checks{{check:{c}}}" if not g else f"checks{{group:{g},check:{c}}}"
                vals = [r[1] for r in sel]
                passes = sum(1 for v in vals if v != 0)
                s = {"n": len(vals), "passes": passes, "fails": len(vals) - passes, "rate": passes / len(vals)}
                s.update(worst(sel, False, windows))
                out[cid] = ("rate", s)
    return out


def worst(rows, lower_is_better, windows):
    """Worst rate over windows of w whole seconds sliding by 1 s within the span."""
    per = defaultdict(lambda: [0, 0])
    for t, v, _, _ in rows:
        sec = t // 1_000_000_000
        per[sec][0] += v != 0
        per[sec][1] += 1
    first, last = min(per), max(per)
    res = {}
    for w in windows:
        starts = range(first, max(first, last + 1 - w) + 1)
        rates = []
        for s in starts:
            tr = n = 0
            for sec in range(s, s + w):
                if sec in per:
                    tr += per[sec][0]
                    n += per[sec][1]
            if n:
                rates.append(tr / n)
        label = f"{w // 3600}h" if w % 3600 == 0 else f"{w // 60}m" if w % 60 == 0 else f"{w}s"
        res[f"worst_rate_{label}"] = max(rates) if lower_is_better else min(rates)
    return res


def duckdb_stats(files):
    """Per metric and per (metric, name): n, sum, avg, min, max, trues, quantiles — by DuckDB."""
    duckdb = need("duckdb")
    con = duckdb.connect()
    rows = con.execute(DUCKDB_SQL.format(files=", ".join(f"'{f}'" for f in files))).fetchall()
    return rows


DUCKDB_SQL = """
WITH p AS (
  SELECT metric, data.value AS v, data.tags.name AS name, data.time AS t
  FROM read_ndjson([{files}], columns = {{type: 'VARCHAR', metric: 'VARCHAR',
       data: 'STRUCT(time VARCHAR, value DOUBLE, tags STRUCT(name VARCHAR))'}})
  WHERE type = 'Point')
SELECT metric, name, count(*) AS n, sum(v) AS s, avg(v) AS mean, min(v) AS lo, max(v) AS hi,
       count(*) FILTER (WHERE v <> 0) AS trues,
       quantile_cont(v, [0.5, 0.9, 0.95, 0.99]) AS q,
       epoch_us(min(t::TIMESTAMPTZ)) AS t0, epoch_us(max(t::TIMESTAMPTZ)) AS t1
FROM p GROUP BY GROUPING SETS ((metric), (metric, name))
"""


def close(a, b):
    return a == b or abs(a - b) <= REL * max(abs(a), abs(b))


def compare(doc, want, label):
    got = {b["id"]: b for b in doc["benchmarks"]}
    problems = []
    for vid, (metric, stats) in want.items():
        b = got.get(vid)
        if b is None:
            problems.append(f"{vid}: missing in benchgate's output")
            continue
        summary = next(m for m in b["metrics"] if m["name"] == metric)["summary"]
        for k, v in stats.items():
            if k not in summary or not close(summary[k], float(v)):
                problems.append(f"{vid} {k}: benchgate {summary.get(k)} vs numpy {v}")
    extra = sorted(set(got) - set(want))
    if extra:
        problems.append(f"benchgate has ids numpy does not: {extra[:5]}")
    checked = sum(len(s) for _, s in want.values())
    status = "OK" if not problems else f"{len(problems)} MISMATCHES"
    print(f"  numpy  {label}: {len(want)} benchmarks, {checked} values: {status}")
    for p in problems[:20]:
        print("    " + p)
    return not problems


def compare_duckdb(doc, rows, label):
    kinds = {b["id"]: b["metrics"][0] for b in doc["benchmarks"]}
    problems = []
    checked = 0
    for metric, name, n, s, mean, lo, hi, trues, q, _, _ in rows:
        vid = metric if name is None else f"{metric}{{name:{name}}}"
        m = kinds.get(vid)
        if m is None:
            problems.append(f"{vid}: missing")
            continue
        summ = m["summary"]
        scale = 1e6 if m["unit"] == "ns" else 1.0
        if m["name"] == "trend":
            pairs = [("n", n, 1), ("mean", mean, scale), ("min", lo, scale), ("max", hi, scale),
                     ("median", q[0], scale), ("p90", q[1], scale), ("p95", q[2], scale), ("p99", q[3], scale)]
        elif m["name"] == "counter":
            pairs = [("count", s, 1)]
        elif m["name"] == "rate":
            pairs = [("n", n, 1), ("passes", trues, 1)]
        else:
            pairs = [("min", lo, 1), ("max", hi, 1)]
        for key, v, sc in pairs:
            checked += 1
            if not close(summ.get(key, float("nan")), v * sc):
                problems.append(f"{vid} {key}: benchgate {summ.get(key)} vs duckdb {v * sc}")
    status = "OK" if not problems else f"{len(problems)} MISMATCHES"
    print(f"  duckdb {label}: {len(rows)} groups, {checked} values: {status}")
    for p in problems[:20]:
        print("    " + p)
    return not problems


def verify(args):
    cmd, how = runner()
    print(f"benchgate via {how}")
    files = [Path(f) for f in args.files]
    tmp = None
    if not files:
        files = sorted(CORPUS.glob("*.ndjson"))
        tmp = tempfile.mkdtemp()
        gen = Path(tmp) / f"gen_{args.size}.ndjson"
        old = Path(tmp) / "gen_old_envelope.ndjson.gz"
        subprocess.run([sys.executable, ROOT / "scripts" / "gen_k6_ndjson.py", "--size", args.size,
                        "--seed", str(args.seed), "-o", gen], check=True)
        subprocess.run([sys.executable, ROOT / "scripts" / "gen_k6_ndjson.py", "--size", "3M",
                        "--seed", str(args.seed + 1), "--old-envelope", "--offset-minutes", "0",
                        "--gzip", "-o", old], check=True)
        files += [gen, old]
    ok = True
    for f in files:
        doc = benchgate_json(cmd, [f])
        ok &= compare(doc, expected([f]), f.name)
        if f.suffix != ".gz":
            ok &= compare_duckdb(doc, duckdb_stats([f]), f.name)
    if tmp and len(files) >= 2:
        gen2 = Path(tmp) / "gen_second_generator.ndjson"
        subprocess.run([sys.executable, ROOT / "scripts" / "gen_k6_ndjson.py", "--size", "5M",
                        "--seed", str(args.seed + 7), "-o", gen2], check=True)
        both = [files[-2], gen2]
        doc = benchgate_json(cmd, both)
        ok &= compare(doc, expected(both), "two load generators merged")
        ok &= compare_duckdb(doc, duckdb_stats(both), "two load generators merged")
    if tmp:
        shutil.rmtree(tmp)
    print("all equal to 1e-9 relative" if ok else "MISMATCHES FOUND")
    return 0 if ok else 1


# -------------------------------------------------------------------- timing

def timed_once(argv, shell=False):
    """Wall time (s) and peak RSS (MB) of one run, via /usr/bin/time."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as tf:
        full = ["/usr/bin/time", "-f", "%e %M", "-o", tf.name] + (["sh", "-c", argv] if shell else argv)
        t0 = time.perf_counter()
        subprocess.run(full, check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        _, rss = tf.read().split()[-2:]
    return wall, int(rss) / 1024


PANDAS = r'''
import sys, pandas as pd
df = pd.read_json(sys.argv[1], lines=True)
df = df[df["type"] == "Point"]
data = pd.json_normalize(df["data"].tolist())
data["metric"] = df["metric"].values
g1 = data.groupby("metric")["value"].describe(percentiles=[.5, .9, .95, .99])
g2 = data.groupby(["metric", "tags.name"])["value"].describe(percentiles=[.5, .9, .95, .99])
t = pd.to_datetime(data["time"], format="ISO8601")
print(len(g1), len(g2), t.min(), t.max())
'''

JQ = r'''
[inputs | select(.type == "Point") | {m: .metric, n: .data.tags.name, v: .data.value, t: .data.time}]
| (group_by(.m), group_by([.m, .n])) | map(
    (map(.v) | sort) as $s | ($s | length) as $n
    | def p(q): (q * ($n - 1)) as $h | ($h | floor) as $i | ($h | ceil) as $j
        | $s[$i] + ($h - $i) * ($s[$j] - $s[$i]);
    {m: .[0].m, n: .[0].n, count: $n, sum: ($s | add), min: $s[0], max: $s[-1],
     med: p(0.5), p90: p(0.9), p95: p(0.95), p99: p(0.99), t0: (map(.t) | min), t1: (map(.t) | max)})
'''


def bench(args):
    need("duckdb")
    cmd, how = runner()
    cores = os.cpu_count() or 1
    tmp = Path(tempfile.mkdtemp(dir=args.tmpdir))
    try:
        if args.file:
            data = Path(args.file)
        else:
            data = tmp / "run.ndjson"
            subprocess.run([sys.executable, ROOT / "scripts" / "gen_k6_ndjson.py", "--size", args.size,
                            "--seed", str(args.seed), "-o", data], check=True)
        size = data.stat().st_size
        gz = tmp / (data.name + ".gz")
        subprocess.run(f"gzip -6 -c '{data}' > '{gz}'", shell=True, check=True)
        lines = int(subprocess.run(["wc", "-l", str(data)], capture_output=True, text=True).stdout.split()[0])
        plan = []  # (label, argv, input, shell)

        def row(label, argv, on=data, shell=False):
            plan.append((label, argv, on, shell))

        print(f"file: {data} — {size / 1e6:.0f} MB, {lines} lines; gzip {gz.stat().st_size / 1e6:.0f} MB;"
              f" {cores} cores; load average before: {os.getloadavg()[0]:.2f}; benchgate via {how}")
        subprocess.run(["cat", str(data)], stdout=subprocess.DEVNULL, check=True)  # warm the page cache
        row("wc -l (floor)", ["wc", "-l", str(data)])
        row(f"benchgate --jobs {cores}", cmd + ["--jobs", str(cores), "-o", "/dev/null", str(data)])
        row("benchgate --jobs 1", cmd + ["--jobs", "1", "-o", "/dev/null", str(data)])
        duck = ("import duckdb,sys; duckdb.connect().execute(sys.argv[1]).fetchall()")
        sql = DUCKDB_SQL.format(files=f"'{data}'")
        row(f"DuckDB {need('duckdb').__version__} read_ndjson + quantile_cont",
            [sys.executable, "-c", duck, sql])
        row("  (of which Python + import duckdb)", [sys.executable, "-c", "import duckdb"])
        row("gzip -dc (decompressor alone)", f"gzip -dc '{gz}' > /dev/null", on=gz, shell=True)
        row("flate2/zlib-rs decode alone (benchgate's)", [driver(), "--gunzip-only", str(gz)], on=gz)
        row(f"benchgate --jobs {cores} on .gz", cmd + ["--jobs", str(cores), "-o", "/dev/null", str(gz)], on=gz)
        row("benchgate --jobs 1 on .gz", cmd + ["--jobs", "1", "-o", "/dev/null", str(gz)], on=gz)
        peers = [p for p in args.peers.split(",") if p]
        small = data
        if peers:
            if args.peer_size != "0":
                small = tmp / "prefix.ndjson"
                limit = size_bytes(args.peer_size)
                with open(data, "rb") as src, open(small, "wb") as dst:
                    dst.write(src.read(limit).rsplit(b"\n", 1)[0] + b"\n")
            tag = f" ({small.stat().st_size / 1e6:.0f} MB prefix)" if small != data else " (again)"
            row(f"benchgate --jobs {cores}{tag}", cmd + ["--jobs", str(cores), "-o", "/dev/null", str(small)], on=small)
            row(f"DuckDB{tag}", [sys.executable, "-c", duck, DUCKDB_SQL.format(files=f"'{small}'")], on=small)
            if "pandas" in peers:
                need("pandas")
                row(f"pandas {need('pandas').__version__} read_json(lines) + describe{tag}",
                    [sys.executable, "-c", PANDAS, str(small)], on=small)
            if "jq" in peers and shutil.which("jq"):
                row(f"jq (group_by + sort){tag}", ["jq", "-n", "-c", JQ, str(small)], on=small)
        # Interleaved rounds: a burst of load on the machine hits every command
        # alike; the best round of each is kept.
        best = {}
        slow = ("pandas", "jq")
        for r in range(args.runs):
            for label, argv, on, shell in plan:
                if r > 0 and label.startswith(slow):
                    continue  # minutes per run; once is enough
                wall, rss = timed_once(argv, shell=shell)
                w0, m0 = best.get(label, (math.inf, 0.0))
                best[label] = (min(w0, wall), max(m0, rss))
        rows = []
        for label, _, on, _ in plan:
            wall, rss = best[label]
            mb = on.stat().st_size / 1e6 if on.suffix != ".gz" else size / 1e6
            rows.append((label, wall, rss, mb / wall))
            print(f"  {label:<52} {wall:7.3f} s  {rss:8.1f} MB  {mb / wall:8.0f} MB/s", flush=True)
        print(f"load average after: {os.getloadavg()[0]:.2f}")
        by = {r[0]: r for r in rows}
        bg = by[f"benchgate --jobs {cores}"]
        dk = next(r for r in rows if r[0].startswith("DuckDB") and "prefix" not in r[0])
        imp = by["  (of which Python + import duckdb)"][1]
        bgz = by[f"benchgate --jobs {cores} on .gz"][1]
        flate = by["flate2/zlib-rs decode alone (benchgate's)"][1]
        print(f"benchgate/DuckDB wall: {bg[1] / dk[1]:.2f} ({bg[1] / (dk[1] - imp):.2f} without DuckDB's start-up), peak memory {bg[2]:.0f} vs {dk[2]:.0f} MB; "
              f"benchgate/wc -l: {bg[1] / by['wc -l (floor)'][1]:.1f}×; single thread: "
              f"{by['benchgate --jobs 1'][3]:.0f} MB/s; .gz: benchgate/gzip -dc {bgz / by['gzip -dc (decompressor alone)'][1]:.2f}, "
              f"benchgate/flate2 decode {bgz / flate:.2f}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept {tmp}")
    return 0


def size_bytes(text):
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    text = text.strip().lower().rstrip("b")
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("verify", help="compare benchgate's numbers with numpy and DuckDB")
    v.add_argument("files", nargs="*")
    v.add_argument("--size", default="20M", help="size of the generated file checked")
    v.add_argument("--seed", type=int, default=1)
    b = sub.add_parser("bench", help="time benchgate against peers on one file")
    b.add_argument("--size", default="1G")
    b.add_argument("--seed", type=int, default=1)
    b.add_argument("--file", help="time this file instead of generating one")
    b.add_argument("--runs", type=int, default=3)
    b.add_argument("--peers", default="", help="extra peers: pandas,jq")
    b.add_argument("--peer-size", default="100M", help="prefix of the file for the extra peers (0 = all)")
    b.add_argument("--tmpdir", default=None)
    b.add_argument("--keep", action="store_true")
    sub.add_parser("runner", help="build and print the command running benchgate's k6 NDJSON loader")
    args = ap.parse_args()
    if args.cmd == "runner":
        import shlex
        print(shlex.join(runner()[0]))
        sys.exit(0)
    sys.exit(verify(args) if args.cmd == "verify" else bench(args))


if __name__ == "__main__":
    main()
