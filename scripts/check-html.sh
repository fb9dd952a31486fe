#!/usr/bin/env bash
# Renders the bundled example's HTML report with the benchgate binary, opens
# it in headless Chromium, and fails on a JavaScript error or a blank page.
# Saves a screenshot.
#
# Usage:
#   scripts/check-html.sh [--config FILE] [--suite NAME] [--screenshot PNG]
#                         [--baseline FILE --current FILE] [--html FILE]
#                         [--out DIR]
#
#   --config FILE     the benchgate.toml to run `benchgate check` with
#                     (default: the bundled example, examples/demo/benchgate.toml);
#                     every suite's report is checked
#   --baseline FILE --current FILE
#                     check `benchgate compare --baseline FILE CURRENT`'s
#                     report instead
#   --html FILE       check this HTML file instead of rendering one
#   --suite NAME      whose screenshot --screenshot saves (default: the first)
#   --screenshot PNG  also save that screenshot here;
#                     `--suite micro --screenshot docs/report-screenshot.png`
#                     refreshes the one in the docs
#   --out DIR         working directory (default: target/check-html); every
#                     report's screenshot is saved there as report-SUITE.png
#
# Chromium is Debian's `chromium` package, installed by
# scripts/install-chromium.sh when missing. Pages are loaded from file://
# with background networking off and a fresh profile. The report's script
# sets data-benchgate-rendered="ok" on <html> once it has drawn everything,
# and data-benchgate-error on any uncaught error.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/check-html
config=examples/demo/benchgate.toml
baseline=""
current=""
html=""
suite=""
screenshot=""
while [ $# -gt 0 ]; do
    case "$1" in
        --config) config="$2"; shift 2 ;;
        --baseline) baseline="$2"; shift 2 ;;
        --current) current="$2"; shift 2 ;;
        --html) html="$2"; shift 2 ;;
        --suite) suite="$2"; shift 2 ;;
        --screenshot) screenshot="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        -h|--help) sed -n '2,33p' "$0"; exit 0 ;;
        *) echo "error: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"

fail() { echo "check-html: FAIL: $*" >&2; exit 1; }

if ! command -v chromium >/dev/null 2>&1; then
    bash scripts/install-chromium.sh
fi

rm -f "$out"/report-*.html "$out"/report-*.png
if [ -n "$html" ]; then
    [ -s "$html" ] || fail "no HTML report at $html"
    cp "$html" "$out/report-given.html"
else
    cargo build --release --locked --quiet
    bin="${CARGO_TARGET_DIR:-target}/release/benchgate"
    set +e
    if [ -n "$baseline" ] || [ -n "$current" ]; then
        [ -n "$baseline" ] && [ -n "$current" ] || fail "--baseline and --current go together"
        "$bin" compare --baseline "$baseline" --html "$out/report-{suite}.html" "$current" > "$out/benchgate.log" 2>&1
    else
        "$bin" check --config "$config" --html "$out/report-{suite}.html" > "$out/benchgate.log" 2>&1
    fi
    status=$?
    set -e
    # 0: gate passed, 1: gate failed (both write reports); 2: error.
    [ "$status" -le 1 ] || fail "benchgate exited $status: $(tail -5 "$out/benchgate.log")"
fi
reports=("$out"/report-*.html)
[ -e "${reports[0]}" ] || fail "benchgate wrote no HTML report; see $out/benchgate.log"

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium_flags=(
    --headless --no-sandbox --disable-gpu --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --user-data-dir="$profile" --hide-scrollbars --virtual-time-budget=10000
    --enable-logging=stderr --v=0
)

# A copy of the page with a script that sorts, opens a chart row and
# filters, as a person would, and records the outcome on <html>.
interact() {
    cat > "$out/interact.js" <<'JS'
(function () {
  var root = document.documentElement;
  function done(error) {
    root.setAttribute(error ? "data-benchgate-error" : "data-benchgate-interactions",
                      error ? "interaction: " + error : "ok");
  }
  try {
    var table = document.getElementById("results"), body = table.tBodies[0];
    var total = body.querySelectorAll("tr:not(.detail)").length;
    var th = table.tHead.querySelector("th[data-key=worse]");
    th.click(); th.click();
    if (th.getAttribute("aria-sort") !== "descending") { throw new Error("sorting did not toggle"); }
    var button = body.querySelector("button.show");
    if (button) {
      button.click();
      if (!body.querySelector("tr.detail svg")) { throw new Error("a chart row drew no chart"); }
    }
    var filter = document.getElementById("filter");
    filter.value = "no benchmark is called this";
    filter.dispatchEvent(new Event("input"));
    setTimeout(function () {
      try {
        if (body.querySelectorAll("tr:not(.detail):not([hidden])").length !== 0) { throw new Error("the filter hid nothing"); }
        filter.value = "";
        filter.dispatchEvent(new Event("input"));
        setTimeout(function () {
          var shown = body.querySelectorAll("tr:not(.detail):not([hidden])").length;
          done(shown === total ? null : "clearing the filter showed " + shown + " of " + total);
        }, 400);
      } catch (e) { done(e.message); }
    }, 400);
  } catch (e) { done(e.message); }
})();
JS
    {
        sed '/<\/body>/,$d' "$1"
        printf '<script>\n'
        cat "$out/interact.js"
        printf '</script>\n</body>\n</html>\n'
    } > "$2"
}

check() {
    local page="$1" name dom shot rows charts size
    name="$(basename "$page" .html)"
    dom="$out/$name.dom.html"
    shot="$out/$name.png"
    if grep -Eiq '<(script|link|img|iframe)[^>]+(src|href)=["'"'"']?(https?:)?//' "$page"; then
        fail "$name: the report loads something from the network"
    fi
    timeout 120 chromium "${chromium_flags[@]}" --dump-dom "file://$page" \
        > "$dom" 2> "$out/$name.chromium.log" \
        || fail "$name: chromium --dump-dom failed; see $out/$name.chromium.log"
    if grep -q 'data-benchgate-error=' "$dom"; then
        fail "$name: JavaScript error: $(grep -o 'data-benchgate-error="[^"]*"' "$dom" | head -1)"
    fi
    if grep -q 'Uncaught' "$out/$name.chromium.log"; then
        fail "$name: JavaScript error: $(grep 'Uncaught' "$out/$name.chromium.log" | head -3)"
    fi
    grep -q 'data-benchgate-rendered="ok"' "$dom" \
        || fail "$name: the report's script did not finish (blank or broken page); see $dom"
    interact "$page" "$out/$name.interact.html"
    timeout 120 chromium "${chromium_flags[@]}" --dump-dom "file://$out/$name.interact.html" \
        > "$out/$name.interact.dom.html" 2> "$out/$name.interact.log" \
        || fail "$name: chromium failed on the interaction test; see $out/$name.interact.log"
    grep -q 'data-benchgate-interactions="ok"' "$out/$name.interact.dom.html" \
        || fail "$name: sorting, filtering or a chart row failed: $(grep -o 'data-benchgate-error="[^"]*"' "$out/$name.interact.dom.html" | head -1)"
    rows=$(grep -o '<tr class="v-' "$dom" | wc -l)
    [ "$rows" -gt 0 ] || fail "$name: the results table is empty"
    charts=$(grep -o 'data-benchgate-charts="[0-9]*"' "$dom" | grep -o '[0-9][0-9]*' || echo 0)
    timeout 120 chromium "${chromium_flags[@]}" --window-size=1280,1600 \
        --screenshot="$shot" "file://$page" > "$out/$name.shot.log" 2>&1 \
        || fail "$name: chromium --screenshot failed; see $out/$name.shot.log"
    [ -s "$shot" ] || fail "$name: no screenshot was written"
    size=$(wc -c < "$shot")
    # A blank 1280×1600 page compresses to a few kilobytes.
    [ "$size" -gt 20000 ] || fail "$name: the screenshot looks blank ($size bytes)"
    echo "check-html: ok: $name: $rows rows, $charts charts drawn, sorting, filtering and chart rows work, no JavaScript errors; $shot"
}

for page in "${reports[@]}"; do
    check "$page"
done

if [ -n "$screenshot" ]; then
    chosen="$out/report-${suite:-}.png"
    [ -n "$suite" ] || chosen="$(ls "$out"/report-*.png | head -1)"
    [ -f "$chosen" ] || fail "no report for suite '$suite'"
    mkdir -p "$(dirname "$screenshot")"
    cp "$chosen" "$screenshot"
    echo "check-html: screenshot saved to $screenshot"
fi
