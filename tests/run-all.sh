#!/usr/bin/env bash
# Every test of bcpgen: format, lints, Rust tests (unit, CLI, PDF), a build of the
# default content, and the real-browser tests of that build's HTML bundle.
# Steps run on after a failure so one run shows every problem; the exit code is
# non-zero if any step failed. Usage: tests/run-all.sh   (from anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# What the tests need beyond the Rust toolchain, installed when missing so
# this one command works on a fresh Debian machine: Chromium for the browser
# tests, Japanese fonts so pages render real glyphs, poppler-utils and qpdf
# for the PDF tests, gcc and make for jemalloc (the allocator bcpgen links on
# Linux), iproute2 to bring up the loopback the web-app test serves on,
# and the npm packages pinned in tests/browser/package-lock.json.
PACKAGES=(chromium fonts-ipaexfont-gothic fonts-ipaexfont-mincho poppler-utils qpdf gcc make iproute2)
install_missing() {
  local missing=() p sudo=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "=== run-all: installing ${missing[*]}"
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
  if ! (cd tests/browser && npm ls --depth=0 >/dev/null 2>&1); then
    (cd tests/browser && npm ci --no-audit --no-fund)
  fi
}

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
# Inside the namespace only the loopback is brought up: the web-app test
# (pwa.test.mjs) serves out/html/ from 127.0.0.1, and nothing else is reachable.
offline() {
  if unshare -n true 2>/dev/null; then
    echo "=== run-all: browser tests run inside unshare -n (no network but loopback)"
    unshare -n sh -c 'ip link set lo up && exec "$@"' sh "$@"
  elif unshare -rn true 2>/dev/null; then
    echo "=== run-all: browser tests run inside unshare -rn (no network but loopback)"
    unshare -rn sh -c 'ip link set lo up && exec "$@"' sh "$@"
  else
    echo "=== run-all: unshare not permitted here; browser tests run with the network present (requests are still recorded and must stay in the bundle)"
    "$@"
  fi
}

browser_tests() {
  BCPGEN_OUT="$WORK/out" BCPGEN_OUT_PUBLIC="$WORK/public" BCPGEN_CONTENT="$ROOT/content" \
    offline node --test tests/browser/
}

step "install what is missing" install_missing || true
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
