#!/usr/bin/env bash
# Every test of bcpgen: format, lints, Rust tests (unit, CLI, PDF), a build of the
# default content, and the real-browser tests of that build's HTML bundle.
# Steps run on after a failure so one run shows every problem; the exit code is
# non-zero if any step failed. Usage: tests/run-all.sh   (from anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# The day the build treats as today, so outputs do not depend on the clock.
BUILD_DATE=2026-11-26
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bcpgen-tests.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

failed=()
timings=()

# step NAME CMD...: runs CMD, records its time and whether it failed.
step() {
  local name=$1
  shift
  local start=$SECONDS rc=0
  echo "=== run-all: $name: $*"
  "$@" || rc=$?
  local took=$((SECONDS - start))
  timings+=("$(printf '%-28s %5ds  %s' "$name" "$took" "$([ $rc -eq 0 ] && echo ok || echo "FAILED (exit $rc)")")")
  if [ $rc -ne 0 ]; then
    failed+=("$name")
    echo "=== run-all: $name FAILED (exit $rc) after ${took}s"
    return 1
  fi
  echo "=== run-all: $name ok (${took}s)"
}

# The browser tests get no network at all when the kernel lets us make a
# network namespace: the strongest proof that the bundle is offline. Without
# it, Chromium's own flags (tests/browser/lib.mjs) still keep it off the network.
offline() {
  if unshare -n true 2>/dev/null; then
    echo "=== run-all: browser tests run inside unshare -n (no network)"
    unshare -n "$@"
  elif unshare -rn true 2>/dev/null; then
    echo "=== run-all: browser tests run inside unshare -rn (no network)"
    unshare -rn "$@"
  else
    echo "=== run-all: unshare not permitted here; browser tests run with the network present (requests are still recorded and must stay in the bundle)"
    "$@"
  fi
}

browser_tests() {
  if [ ! -d tests/browser/node_modules/playwright-core ]; then
    (cd tests/browser && npm ci --no-audit --no-fund)
  fi
  BCPGEN_OUT="$WORK/out" BCPGEN_OUT_PUBLIC="$WORK/public" BCPGEN_CONTENT="$ROOT/content" \
    offline node --test tests/browser/
}

step "cargo fmt --check" cargo fmt --check || true
step "cargo clippy" cargo clippy --all-targets -- -D warnings || true
step "cargo test --release" cargo test --release --no-fail-fast || true
if step "build default content" cargo run --release -- build --date "$BUILD_DATE" --out "$WORK/out"; then
  # The public edition, to prove nothing of an internal or confidential document leaks.
  step "build public edition" cargo run --release -- build --date "$BUILD_DATE" --edition public --out "$WORK/public" || true
  step "browser tests" browser_tests || true
else
  failed+=("browser tests (not run: no build)")
fi

echo
echo "=== run-all: summary"
printf '%s\n' "${timings[@]}"
if [ ${#failed[@]} -eq 0 ]; then
  echo "run-all: PASS (every step passed)"
else
  echo "run-all: FAIL: ${failed[*]}"
  exit 1
fi
