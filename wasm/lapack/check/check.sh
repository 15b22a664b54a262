#!/usr/bin/env bash
# Proves the f2c port of DSTEV/DSYEV (and the hand-written replacements) against Debian's gfortran-built reference
# LAPACK 3.11: builds lapack_check.c with gcc against it and with emcc over the generated C, runs both, compares (compare.mjs).
# usage: bash wasm/lapack/check/check.sh   (generates wasm/build/lapack first if needed)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lap="$here/.."
build="$here/../../build/lapack"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
[[ -d "$build/c" ]] || bash "$lap/generate.sh" "$build"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# Debian's reference LAPACK/BLAS 3.11 (liblapack3, libblas3; gfortran-built from the same sources), not whatever
# the liblapack.so.3 alternative points to (OpenBLAS returns 0 from dnrm2 for incx < 0, reference BLAS does not).
ref=/usr/lib/x86_64-linux-gnu
gcc -O2 -o "$tmp/native" "$here/lapack_check.c" "$ref/lapack/liblapack.so.3" "$ref/blas/libblas.so.3" -lm \
  -Wl,-rpath,"$ref/lapack:$ref/blas"
# One emcc call compiles every file (emcc's start-up dominates otherwise); objects land in the current directory.
# Same flags as build.sh: the BLAS files with reassociated sums, LAPACK proper in IEEE order.
blas=() lapack=()
while read -r f; do
  c="$build/c/$(basename "${f%.f}").c"
  if [[ "$f" == BLAS/* ]]; then blas+=("$c"); else lapack+=("$c"); fi
done < "$build/routines.txt"
source "$lap/flags.sh"
(cd "$tmp" && emcc "${lapack_cflags[@]}" -I"$build/include" -I"$lap/replacements" \
  -Ddstev_=sane_f2c_dstev_ -Ddsyev_=sane_f2c_dsyev_ -c "${lapack[@]}" "$lap"/replacements/*.c "$lap"/f2c_runtime.c)
(cd "$tmp" && emcc "${blas_cflags[@]}" -I"$build/include" -c "${blas[@]}")
emcc -O3 -c "$lap/fortran_abi.c" -I"$build/include" -o "$tmp/fortran_abi.o"
emcc -O3 -ffp-contract=off -c "$here/lapack_check.c" -o "$tmp/check.o"
emcc -O3 -sERROR_ON_UNDEFINED_SYMBOLS=1 -Wl,--fatal-warnings -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=node \
  -sSINGLE_FILE=1 -o "$tmp/wasm.cjs" "$tmp"/*.o
"$tmp/native" > "$tmp/native.txt"
node "$tmp/wasm.cjs" > "$tmp/wasm.txt"
node "$here/compare.mjs" "$tmp/native.txt" "$tmp/wasm.txt"
