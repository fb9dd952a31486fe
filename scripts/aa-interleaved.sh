#!/usr/bin/env bash
# A/A experiment: how often does benchgate report a change between two
# measurements of the *same* command, when the two are measured one after
# the other (sequential) and when they alternate run by run (interleaved,
# ABBA)? Each trial judges the pair with `compare` at the default policy
# (thresholds 10 % / 20 % / 50 %, Mann-Whitney at 5 %, 90 % bootstrap
# interval); any verdict on the wall time but `unchanged` (or
# `inconclusive`) is a false positive. Each interleaved trial is judged
# twice: as independent samples and as pairs (what `run --ab` does).
#
# The trials run under a background CPU load that this script starts and
# stops itself, one kind after the other:
#   none    no load
#   steady  HOGS busy loops for the whole experiment
#   bursty  HOGS busy loops switched on and off at random, each phase
#           0.2–1.5 s (a noisy neighbour: the kind of noise that falls on
#           whichever side happens to run during a burst)
# The load never outlives the script (it runs in its own process group,
# killed on exit) nor TIME_LIMIT.
#
# Usage:   scripts/aa-interleaved.sh [REPORT.md]
# Env:     LOADS       kinds of load, in order (default "none steady bursty")
#          TRIALS      trials per kind (default 30)
#          RUNS        measured runs per side (default 10, after 1 warm-up)
#          HOGS        busy loops (default: the number of cores)
#          TIME_LIMIT  seconds each kind may take at most (default 600)
# Runtime: about 1 s per trial on a 2-core machine, plus one build.
# The trials are the ignored test `run::aa_false_positive_rate` in
# tests/integration/run.rs, which drives the library directly.
set -euo pipefail
cd "$(dirname "$0")/.."

LOADS=${LOADS:-none steady bursty}
TRIALS=${TRIALS:-30}
RUNS=${RUNS:-10}
HOGS=${HOGS:-$(nproc)}
TIME_LIMIT=${TIME_LIMIT:-600}
REPORT=${1:-}

work=$(mktemp -d)
LOAD_PID=
stop_load() {
    if [ -n "$LOAD_PID" ]; then
        kill -- -"$LOAD_PID" 2>/dev/null || true
        wait "$LOAD_PID" 2>/dev/null || true
        LOAD_PID=
    fi
}
trap 'stop_load; rm -rf "$work"' EXIT

# One busy loop for at most $1 seconds; `--foreground` keeps it in the load's
# process group, so killing the group ends it.
HOG='hog() { timeout --foreground "$1" sh -c "while :; do :; done"; }'

start_load() {
    case $1 in
    none) return ;;
    steady)
        setsid bash -c "$HOG
            for _ in \$(seq $HOGS); do hog $TIME_LIMIT & done
            wait" &
        ;;
    bursty)
        setsid bash -c "$HOG
            end=\$((SECONDS + $TIME_LIMIT))
            while [ \$SECONDS -lt \$end ]; do
                on=\$((RANDOM % 1300 + 200)) off=\$((RANDOM % 1300 + 200))
                for _ in \$(seq $HOGS); do hog \$((on / 1000)).\$(printf %03d \$((on % 1000))) & done
                wait
                sleep \$((off / 1000)).\$(printf %03d \$((off % 1000)))
            done" &
        ;;
    *)
        echo "error: unknown load '$1' (none, steady, bursty)" >&2
        exit 2
        ;;
    esac
    LOAD_PID=$!
    sleep 1
}

echo "building the test binary (before any load)…" >&2
cargo test --test integration --no-run --quiet 2>/dev/null

{
    echo "A/A on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $HOGS busy loops as load, $(date -u +%Y-%m-%dT%H:%MZ)."
    echo
} >"$work/report.md"

for load in $LOADS; do
    echo "load: $load, $TRIALS trials…" >&2
    start_load "$load"
    AA_TRIALS=$TRIALS AA_RUNS=$RUNS AA_OUT="$work/$load.md" \
        timeout "$TIME_LIMIT" cargo test --test integration --quiet \
        run::aa_false_positive_rate -- --ignored --exact >/dev/null 2>&1 ||
        { echo "error: the $load trials failed or took longer than ${TIME_LIMIT}s" >&2; exit 1; }
    stop_load
    {
        echo "Load: **$load**. $(head -n1 "$work/$load.md")"
        tail -n +2 "$work/$load.md"
        echo
    } >>"$work/report.md"
done

cat "$work/report.md" | tee "${REPORT:-/dev/null}"
