#!/usr/bin/env bash
# benchgate's runner measured side by side with hyperfine: the same commands,
# on the same machine, in one run. For each command it prints each tool's
# mean and standard deviation of the wall time (pooled over its repeats),
# benchgate's relative to hyperfine's, the medians and minima (robust to the
# outliers a shared machine adds), and, on `true`, each tool's overhead per
# run outside its timer: the time an invocation spends outside the runs it
# measures, less the tool's fixed cost (start-up, provenance, writing the
# export; priced by a 2-run invocation next to each one), divided by the
# number of runs (warm-up included). What each tool reports for `true`
# itself is its per-run overhead inside the timer: starting and reaping a
# process that does nothing.
#
# Both tools run the command without a shell (hyperfine -N), discard its
# output and time from just before the process starts until it has been
# waited for. The tools take turns in ABBA order (hyperfine, benchgate,
# benchgate, hyperfine, …) so that a drift in the machine's speed falls on
# both alike.
#
# Usage:   scripts/compare-hyperfine.sh [REPORT.md]
# Env:     REPEATS    invocations of each tool per command (default 20); the
#                     runs per invocation are few and fixed, so the tools
#                     take turns often and more repeats pool more samples
#          BENCHGATE  a benchgate binary to use (default: cargo build --release)
# Needs:   hyperfine and jq (installed with apt-get when missing and root).
# Runtime: about 3 s per repeat on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."

REPEATS=${REPEATS:-20}
REPORT=${1:-}

need() {
    command -v "$1" >/dev/null 2>&1 && return
    if [ "$(id -u)" != 0 ]; then
        echo "error: $1 is missing: apt-get install $2" >&2
        exit 2
    fi
    apt-get install -y "$2" >/dev/null 2>&1 ||
        { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }
}
need hyperfine hyperfine
need jq jq

if [ -z "${BENCHGATE:-}" ]; then
    cargo build --release --quiet
    BENCHGATE="${CARGO_TARGET_DIR:-target}/release/benchgate"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

CPU_LOOP='i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done'

now_ns() { date +%s%N; }

# mean and sample standard deviation (n − 1) of the numbers on stdin, in ns
stats() { awk '{ s += $1; q += $1 * $1; n++ }
               END { m = s / n; v = n > 1 ? (q - n * m * m) / (n - 1) : 0;
                     if (v < 0) v = 0; printf "%.0f %.0f %d\n", m, sqrt(v), n }'; }

# run_tool TOOL NAME RUNS WARMUP ARGV… — one invocation; appends the run's
# samples (ns) to $work/NAME.TOOL.samples, and "elapsed unmeasured runs" to
# $work/NAME.TOOL.cost: the invocation's whole elapsed time (ns), the part of
# it no run measured (warm-up runs counted at the measured mean), and the
# number of runs
run_tool() {
    local tool=$1 name=$2 runs=$3 warmup=$4
    shift 4
    local out="$work/$name.$tool.json" start end
    start=$(now_ns)
    case $tool in
    hyperfine)
        hyperfine -N --style none --runs "$runs" --warmup "$warmup" \
            --export-json "$out" -- "$HYPERFINE_COMMAND" >/dev/null 2>&1
        ;;
    benchgate)
        "$BENCHGATE" run --name "$name" --runs "$runs" --warmup "$warmup" \
            -o "$out" -- "$@" 2>/dev/null
        ;;
    esac
    end=$(now_ns)
    case $tool in
    hyperfine) jq -r '.results[0].times[] | . * 1e9 | floor' "$out" ;;
    benchgate) jq -r '.benchmarks[0].metrics[] | select(.name == "time") | .samples[] | floor' "$out" ;;
    esac >"$out.samples"
    cat "$out.samples" >>"$work/$name.$tool.samples"
    awk -v total=$((end - start)) -v runs="$runs" -v warmup="$warmup" \
        '{ s += $1 } END { printf "%.0f %.0f %d\n", total, total - s - warmup * s / runs, runs + warmup }' \
        "$out.samples" >>"$work/$name.$tool.cost"
}

# measure NAME RUNS WARMUP HYPERFINE-COMMAND-STRING -- ARGV…: REPEATS
# invocations of each tool in ABBA order, each after a 2-run invocation on
# `true` that prices the tool's fixed cost (start-up, provenance, export)
measure() {
    local name=$1 runs=$2 warmup=$3 command=$4
    shift 5
    local r tool
    for ((r = 0; r < REPEATS; r++)); do
        for tool in hyperfine benchgate; do
            if ((r % 2 == 1)); then
                tool=$([ "$tool" = hyperfine ] && echo benchgate || echo hyperfine)
            fi
            HYPERFINE_COMMAND=true run_tool "$tool" "$name.fixed" 2 0 true
            HYPERFINE_COMMAND=$command run_tool "$tool" "$name" "$runs" "$warmup" "$@"
        done
    done
}

# overhead per run (ns) of TOOL on NAME: its unmeasured time per invocation
# less its fixed cost, over its runs
overhead() {
    local name=$1 tool=$2
    paste -d' ' "$work/$name.$tool.cost" "$work/$name.fixed.$tool.cost" |
        awk '{ o += ($2 - $5) / ($3 - $6); n++ } END { printf "%.0f", o / n }'
}

fmt_ms() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e6 }'; }
fmt_us() { awk -v ns="$1" 'BEGIN { printf "%.0f", ns / 1e3 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b == 0 ? 0 : a / b }'; }

# median and minimum of the numbers on stdin
order_stats() { sort -n | awk '{ v[NR] = $1 } END { printf "%.0f %.0f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1] }'; }

# row NAME LABEL [CHECK]: one table row; CHECK=2% says whether the means are
# within 2 % of each other (for `true` the question is the overhead instead)
row() {
    local name=$1 label=$2 check=${3:-}
    read -r hm hs hn < <(stats <"$work/$name.hyperfine.samples")
    read -r bm bs bn < <(stats <"$work/$name.benchgate.samples")
    read -r hmed hmin < <(order_stats <"$work/$name.hyperfine.samples")
    read -r bmed bmin < <(order_stats <"$work/$name.benchgate.samples")
    local within
    within=$(awk -v r="$(ratio "$bm" "$hm")" 'BEGIN { d = r - 1; if (d < 0) d = -d; print (d <= 0.02 ? "yes" : "NO") }')
    [ -n "$check" ] || within="—"
    printf '| `%s` | %s | %s ± %s | %s ± %s | %s | %s | %s | %s / %s | %s / %s | %s |\n' \
        "$label" "$hn" "$(fmt_ms "$hm")" "$(fmt_ms "$hs")" "$(fmt_ms "$bm")" "$(fmt_ms "$bs")" \
        "$(ratio "$bm" "$hm")" "$(ratio "$bs" "$hs")" "$within" \
        "$(fmt_ms "$hmed")" "$(fmt_ms "$hmin")" "$(fmt_ms "$bmed")" "$(fmt_ms "$bmin")" "$(ratio "$bmed" "$hmed")"
}

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load=$(cut -d' ' -f1-3 /proc/loadavg)
measure true 200 5 "true" -- true
measure sleep 30 2 "sleep 0.01" -- sleep 0.01
measure cpu 12 1 "sh -c '$CPU_LOOP'" -- sh -c "$CPU_LOOP"

{
    echo "benchgate $("$BENCHGATE" --version | cut -d' ' -f2) vs $(hyperfine --version);" \
        "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //');" \
        "$REPEATS repeats per tool in ABBA order; started $started, load average $load."
    echo
    echo "| command | runs per tool | hyperfine mean ± sd (ms) | benchgate mean ± sd (ms) | mean ratio | sd ratio | mean within 2 % | hyperfine median / min (ms) | benchgate median / min (ms) | median ratio |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    row true "true"
    row sleep "sleep 0.01" 2%
    row cpu "sh -c '$CPU_LOOP'" 2%
    echo
    echo "Overhead per run outside the timed region on \`true\` (start-up and export excluded):" \
        "hyperfine $(fmt_us "$(overhead true hyperfine)") µs, benchgate $(fmt_us "$(overhead true benchgate)") µs."
} | tee "${REPORT:-/dev/null}"
