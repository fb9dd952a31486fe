#!/usr/bin/env bash
# benchgate gates benchgate: run its criterion benches, then judge them
# against baselines/self.json with benchgate itself.
#
#   scripts/self-gate.sh            quick mode (CI): short measurements
#   scripts/self-gate.sh --full     criterion's default measurement times
#   scripts/self-gate.sh --update   full mode, then refresh baselines/self.json
#
# Exit code: benchgate's (0 passed, 1 a critical regression, 2 error).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-quick}
filter='ingest/|compare/10000|render/'
case "$mode" in
  quick) args=(--warm-up-time 1 --measurement-time 2 --sample-size 20) ;;
  --full|--update) args=() ;;
  *) echo "usage: $0 [--full|--update]" >&2; exit 2 ;;
esac

# benchgate.toml reads target/criterion; criterion writes there even when
# CARGO_TARGET_DIR puts the build elsewhere.
export CRITERION_HOME="$PWD/target/criterion"
rm -rf "$CRITERION_HOME"
cargo bench --bench ingest --bench compare --bench report -- "${args[@]}" "$filter" >&2
cargo build --release --quiet
benchgate="${CARGO_TARGET_DIR:-target}/release/benchgate"
if [ "$mode" = "--update" ]; then
  UPDATE_BASELINES=true "$benchgate" check --suite self
else
  "$benchgate" check --suite self
fi
