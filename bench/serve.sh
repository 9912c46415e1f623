#!/usr/bin/env bash
# The incremental preview figure (issue 16): on the generated 100-document
# site, the time from saving one document to `bcpgen serve` handing out its
# page with the new text, beside the full HTML build of the same site, in
# the same run on the same machine. The page is fetched as the reload
# script does: wait for the next version (/__bcpgen/wait), then GET.
#
# Usage: bench/serve.sh
# Env:   BCPGEN_SHARED  the shared folder holding bench/make_site.sh
#                       (default: <repo>/../shared)
#        RUNS           edits and full builds timed (default 5)
set -euo pipefail
ROOT=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$ROOT"
SHARED=${BCPGEN_SHARED:-$ROOT/../shared}
RUNS=${RUNS:-5}
DATE=2026-11-26
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bcpgen-serve-bench.XXXXXX")
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v curl >/dev/null || { echo "bench: curl is needed" >&2; exit 2; }
[ -f "$SHARED/bench/make_site.sh" ] ||
  { echo "bench: $SHARED/bench/make_site.sh not found; set BCPGEN_SHARED" >&2; exit 2; }

cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/bcpgen

bash "$SHARED/bench/make_site.sh" 100 "$WORK/site" >/dev/null
grep -rl '环' "$WORK/site" | xargs -r sed -i 's/环/環/g'
cd "$WORK/site/bcpgen"

now() { date +%s.%N; }
mean() { awk '{ s += $1 } END { printf "%.3f", s / NR }'; }

# The full HTML build, RUNS times.
: > full.txt
for i in $(seq "$RUNS"); do
  t0=$(now)
  "$BIN" build --content content --out "$WORK/out" --format html --date "$DATE" 2>/dev/null
  echo "$(now) - $t0" | bc >> full.txt
done

"$BIN" serve --content content --port 0 --date "$DATE" > url.txt 2> serve.log &
PID=$!
for _ in $(seq 600); do [ -s url.txt ] && break; sleep 0.1; done
URL=$(head -n 1 url.txt)
[ -n "$URL" ] || { cat serve.log >&2; exit 1; }

# One document saved RUNS times, each with a new line of text.
DOC=content/guides/doc-0050.md
: > edit.txt
for i in $(seq "$RUNS"); do
  sleep 0.5
  v=$(curl -s "${URL}__bcpgen/wait?v=-1")
  t0=$(now)
  printf '\n計測のための追記その%d\n' "$i" >> "$DOC"
  while :; do
    v=$(curl -s "${URL}__bcpgen/wait?v=$v")
    curl -s "${URL}doc-0050.html" | grep -q "計測のための追記その$i" && break
  done
  echo "$(now) - $t0" | bc >> edit.txt
done

full=$(mean < full.txt)
edit=$(mean < edit.txt)
echo "100-document site, mean of $RUNS runs (seconds)"
printf '%-52s %s\n' "full HTML build (bcpgen build --format html)" "$full"
printf '%-52s %s\n' "serve: save one document → its new page served" "$edit"
printf '%-52s %s\n' "ratio (goal ≤ 0.30)" "$(echo "scale=2; $edit / $full" | bc)"
