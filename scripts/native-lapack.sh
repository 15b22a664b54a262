#!/usr/bin/env bash
# Keeps native/lapack/ (the f2c translation of LAPACK's DSTEV/DSYEV closure that the native addon compiles, so it
# links no system LAPACK/BLAS) identical to what wasm/lapack/generate.sh produces for the WASM build: one translation,
# two compilers. The native build must not need f2c or Debian's source package, hence the committed copy.
#
#   bash scripts/native-lapack.sh           regenerate native/lapack/{lapack,blas}/ and the lapack/blas lines of
#                                           native/sources.txt from wasm/build/lapack (generated if missing)
#   bash scripts/native-lapack.sh --check   fail if the committed copy differs from a fresh generation (CI)
#
# f2c writes the absolute path of its input into each file's first line; it is cut to the path inside LAPACK's
# source tree, so the copy does not depend on where the clone lives.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gen="$root/wasm/build/lapack"
check=0
[[ "${1:-}" == --check ]] && check=1

[[ -f "$gen/routines.txt" && -d "$gen/c" ]] || bash "$root/wasm/lapack/generate.sh" "$gen"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/lapack" "$out/blas" "$out/include"
while read -r f; do
  name="$(basename "${f%.f}").c"
  kind=lapack
  [[ "$f" == BLAS/* ]] && kind=blas
  sed -e "1s|^/\\* .*/lapack-3\\.11\\.0/|/* lapack-3.11.0/|" "$gen/c/$name" > "$out/$kind/$name"
done < <(LC_ALL=C sort "$gen/routines.txt")
cp "$gen/include/f2c.h" "$out/include/f2c.h"

# The lapack/blas lines of native/sources.txt: everything else in that file is kept as it is.
list="$out/sources.txt"
grep -v -E '^(lapack|blas) native/lapack/(lapack|blas)/' "$root/native/sources.txt" > "$list.rest"
{
  cat "$list.rest"
  for kind in lapack blas; do
    for c in $(cd "$out/$kind" && ls *.c | LC_ALL=C sort); do echo "$kind native/lapack/$kind/$c"; done
  done
} > "$list"

if [[ "$check" == 1 ]]; then
  bad=0
  for d in lapack blas include; do
    diff -r -q "$out/$d" "$root/native/lapack/$d" >&2 || bad=1
  done
  cmp -s "$list" "$root/native/sources.txt" || { echo "native/sources.txt: the lapack/blas lines differ" >&2; bad=1; }
  if [[ "$bad" == 1 ]]; then
    echo "scripts/native-lapack.sh --check: native/lapack/ is STALE against wasm/lapack/generate.sh;" \
      "run 'bash scripts/native-lapack.sh' and commit the result" >&2
    exit 1
  fi
  echo "scripts/native-lapack.sh --check: native/lapack/ matches the f2c translation ($(ls "$out"/lapack "$out"/blas | grep -c '\.c$') files)"
  exit 0
fi
for d in lapack blas include; do
  rm -rf "$root/native/lapack/$d"
  cp -r "$out/$d" "$root/native/lapack/$d"
done
cp "$list" "$root/native/sources.txt"
echo "scripts/native-lapack.sh: wrote native/lapack/{lapack,blas,include} and native/sources.txt"
