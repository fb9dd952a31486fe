#!/bin/sh
# Peak memory of benchgate reading a large k6 `--out json` NDJSON file.
#
# Generates a SIZE (default 1G) k6 NDJSON file with scripts/gen_k6_ndjson.py
# and a gzip copy, reads both with benchgate's k6 NDJSON loader on one
# thread and on every core, and fails (exit 1) when the peak resident set
# of any run (the child's getrusage, read by Python: no GNU time needed)
# reaches LIMIT_MB (default 200). Memory must grow with the trend samples
# kept (8 bytes each), not with the file.
#
#   scripts/k6_memory.sh                  # 1 GB, limit 200 MB
#   SIZE=200M LIMIT_MB=100 scripts/k6_memory.sh
#   FILE=run.ndjson scripts/k6_memory.sh  # an existing file (plain or .gz)
#
# Not a cargo test (it needs a release build, half a minute and a gigabyte
# of disk); .ci/run runs it.
set -eu
cd "$(dirname "$0")/.."
size=${SIZE:-1G}
limit_mb=${LIMIT_MB:-200}
dir=$(mktemp -d "${TMPDIR:-/tmp}/k6mem.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM

if [ -n "${FILE:-}" ]; then
    inputs=$FILE
else
    python3 scripts/gen_k6_ndjson.py --size "$size" --seed 1 -o "$dir/run.ndjson"
    gzip -6 -c "$dir/run.ndjson" > "$dir/run.ndjson.gz"
    inputs="$dir/run.ndjson $dir/run.ndjson.gz"
fi
runner=$(python3 scripts/bench_k6.py runner)
cores=$(nproc)
failed=0
for input in $inputs; do
    bytes=$(wc -c < "$input")
    for jobs in 1 "$cores"; do
        eval "set -- $runner"
        out=$(python3 -c '
import resource, subprocess, sys, time
start = time.monotonic()
subprocess.run(sys.argv[1:], check=True)
secs = time.monotonic() - start
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, f"{secs:.2f}")
' "$@" --jobs "$jobs" -o "$dir/out.json" "$input")
        read -r kb secs <<EOF
$out
EOF
        mb=$((kb / 1024))
        verdict=ok
        if [ "$mb" -ge "$limit_mb" ]; then verdict=FAIL; failed=1; fi
        echo "$(basename "$input") ($((bytes / 1000000)) MB) --jobs $jobs: peak RSS $mb MB, $secs s — $verdict (limit $limit_mb MB)"
    done
done
exit $failed
