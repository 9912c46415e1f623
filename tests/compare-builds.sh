#!/usr/bin/env bash
# Proof that a refactor moved nothing: builds the same sites with two bcpgen
# binaries and compares the outputs once fingerprints are masked.
#
# Usage: tests/compare-builds.sh OLD_BIN NEW_BIN
#
# Sites: the default content (internal and public editions), every fixture
# site under tests/fixtures/*/content, and each file of the loader crash
# corpus placed into a copy of the default content (a `.md` as a plan
# chapter, a `.yaml` as a document of its own, as tests/it/loader_props.rs
# does). For each: exit code and stderr must match; HTML and every other text
# output byte for byte after masking; PDFs by `pdftotext -layout` text after
# masking, and whether their bytes are identical is reported. The build's
# own duration (「1.79 秒」 in its summary line) is masked too.
#
# Masked: 8 hex digits after 指紋 / fingerprint markers, `v2:` records and
# 64-hex digests (the fingerprint algorithm may change, nothing else may).
# Exit 0 when everything matches, 1 when something differs (listed).
set -uo pipefail
[ $# -eq 2 ] || { echo "usage: $0 OLD_BIN NEW_BIN" >&2; exit 2; }
OLD=$(realpath "$1")
NEW=$(realpath "$2")
ROOT=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
DATE=2026-11-26
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bcpgen-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
command -v pdftotext >/dev/null || { echo "compare: pdftotext is needed (poppler-utils)" >&2; exit 2; }

differ=0
pdf_bytes_same=0
pdf_bytes_diff=0

# mask: fingerprints in any of their printed forms.
mask() {
  sed -E \
    -e 's/v2:[0-9a-f]{64}/v2:<FP>/g' \
    -e 's/[0-9a-f]{64}/<HEX64>/g' \
    -e 's/(指紋[^0-9a-f<]{0,40})[0-9a-f]{8}/\1<FP>/g' \
    -e 's/(fingerprint[^0-9a-f<]{0,40})[0-9a-f]{8}/\1<FP>/g' \
    -e 's/([^0-9a-f])[0-9a-f]{8}([^0-9a-f]|$)/\1<HEX8>\2/g' \
    -e 's/[0-9]+\.[0-9]+ 秒/<SECONDS> 秒/g'
}

report() { echo "DIFF $*"; differ=1; }

# compare_tree NAME OLD_OUT NEW_OUT
compare_tree() {
  local name=$1 a=$2 b=$3 rel
  local la lb
  la=$(cd "$a" 2>/dev/null && find . -type f | sort)
  lb=$(cd "$b" 2>/dev/null && find . -type f | sort)
  if [ "$la" != "$lb" ]; then
    report "$name: different file lists"
    diff <(echo "$la") <(echo "$lb") | head -20
  fi
  while IFS= read -r rel; do
    [ -n "$rel" ] || continue
    [ -f "$b/$rel" ] || continue
    case "$rel" in
      *.pdf)
        if cmp -s "$a/$rel" "$b/$rel"; then
          pdf_bytes_same=$((pdf_bytes_same + 1))
        else
          pdf_bytes_diff=$((pdf_bytes_diff + 1))
        fi
        if ! diff -q <(pdftotext -layout "$a/$rel" - | mask) <(pdftotext -layout "$b/$rel" - | mask) >/dev/null; then
          report "$name: $rel (pdftotext text)"
          diff <(pdftotext -layout "$a/$rel" - | mask) <(pdftotext -layout "$b/$rel" - | mask) | head -10
        fi
        ;;
      *.png | *.jpg | *.jpeg | *.woff2 | *.ttf | *.otf | *.gif | *.ico)
        cmp -s "$a/$rel" "$b/$rel" || report "$name: $rel (binary)"
        ;;
      *)
        if cmp -s "$a/$rel" "$b/$rel"; then
          continue
        fi
        if ! diff -q <(mask <"$a/$rel") <(mask <"$b/$rel") >/dev/null; then
          report "$name: $rel"
          diff <(mask <"$a/$rel") <(mask <"$b/$rel") | head -10
        fi
        ;;
    esac
  done <<<"$la"
}

# site NAME CONTENT [build options...]
site() {
  local name=$1 content=$2
  shift 2
  local dir=$WORK/$name
  mkdir -p "$dir"
  for which in old new; do
    local bin=$OLD
    [ $which = new ] && bin=$NEW
    # The same relative output path and content path for both, so messages match.
    mkdir -p "$dir/$which"
    (cd "$dir/$which" && "$bin" build --content "$content" --out out --date "$DATE" "$@" \
      >"$dir/stdout-$which" 2>"$dir/stderr-$which")
    echo $? >"$dir/rc-$which"
  done
  if ! cmp -s "$dir/rc-old" "$dir/rc-new"; then
    report "$name: exit code $(cat "$dir/rc-old") → $(cat "$dir/rc-new")"
  fi
  if ! diff -q <(mask <"$dir/stderr-old") <(mask <"$dir/stderr-new") >/dev/null; then
    report "$name: stderr"
    diff <(mask <"$dir/stderr-old") <(mask <"$dir/stderr-new") | head -10
  fi
  compare_tree "$name" "$dir/old/out" "$dir/new/out"
  echo "checked $name (exit $(cat "$dir/rc-new"))"
}

cd "$ROOT"
site default "$ROOT/content"
site default-public "$ROOT/content" --edition public
for c in "$ROOT"/tests/fixtures/*/content; do
  site "fixture-$(basename "$(dirname "$c")")" "$c"
done
for f in "$ROOT"/tests/fixtures/loader-corpus/*; do
  base=$(basename "$f")
  copy=$WORK/corpus-src/$base
  mkdir -p "$copy"
  cp -r "$ROOT/content/." "$copy/"
  case "$f" in
    *.md) cp "$f" "$copy/plan/02-corpus.md" ;;
    *.yaml) cp "$f" "$copy/diagrams/corpus.yaml" ;;
  esac
  site "corpus-$base" "$copy"
done

echo "PDF files byte-identical: $pdf_bytes_same; differing bytes (same text once masked): $pdf_bytes_diff"
if [ $differ -eq 0 ]; then
  echo "compare: no difference once fingerprints are masked"
fi
exit $differ
