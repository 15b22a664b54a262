#!/usr/bin/env bash
# Builds the WebAssembly core: the `core` sources of native/sources.txt (the list the native builds read too) +
# wasm/bindings.cpp + LAPACK's DSTEV/DSYEV closure translated by f2c (wasm/lapack/generate.sh) into ONE file,
# wasm/dist/sane_core.cjs (the .wasm is inlined: -sSINGLE_FILE, so it loads in Node, browsers and workers without
# fetching a second file). That file is committed, so a fresh clone needs no emscripten.
#
#   bash wasm/build.sh           rebuild wasm/dist/sane_core.cjs
#   bash wasm/build.sh --check   rebuild into a temporary directory and fail if the committed artifact differs (CI)
#   SANE_WASM_SIMD=0 bash wasm/build.sh --out DIR   variant without -msimd128 (for benchmarking), written to DIR
#
# The build is deterministic (no debug info, no timestamps, source paths mapped to relative ones, sorted inputs),
# so two builds from the same sources and toolchain are byte-identical. Toolchain: Debian bookworm's emscripten
# 3.1.6 (LLVM 14), f2c 20200916, LAPACK 3.11.0-2 sources; another toolchain may produce different bytes.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
artifact="$here/dist/sane_core.cjs"
check=0
out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --check) check=1 ;;
    --out) out="$2"; shift ;;
    *) echo "usage: bash wasm/build.sh [--check] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done

die() { echo "wasm/build.sh: $*" >&2; exit 1; }
command -v emcc >/dev/null || die "emcc not found: install emscripten (Debian: apt-get install -y emscripten)"
# Debian's emscripten needs its node modules (acorn) from /usr/share/nodejs.
export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"
# Belt and braces for reproducibility: tools that honour it write no build time.
export SOURCE_DATE_EPOCH=0

# The core's sources: the `core` lines of native/sources.txt, the list the native builds read too.
core_sources=()
while read -r group path; do
  [[ "$group" == core ]] && core_sources+=("$root/$path")
done < "$root/native/sources.txt"
[[ ${#core_sources[@]} -gt 0 ]] || die "native/sources.txt lists no core sources"
for s in "${core_sources[@]}"; do
  [[ -f "$s" ]] || die "${s#$root/} (listed in native/sources.txt) is missing"
done

# 1. LAPACK -> C (cached download under wasm/build/lapack).
bash "$here/lapack/generate.sh" "$here/build/lapack"
lapack="$here/build/lapack"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

source "$here/lapack/flags.sh"
simd=(-msimd128)
simd_off=()
# The benchmarking variant without SIMD: the last -mno-simd128 wins over flags.sh's -msimd128.
[[ "${SANE_WASM_SIMD:-1}" == 0 ]] && simd=(-mno-simd128) && simd_off=(-mno-simd128)
# -ffile-prefix-map + -DNDEBUG + no -g: no absolute path (assert messages, debug info) reaches the output.
prefix_map=("-ffile-prefix-map=$root/=" "-ffile-prefix-map=$here/=wasm/")
# -ffp-contract=off: no FMA contraction, as in the native build, so both round the same way.
common=(-O3 "${simd[@]}" -ffp-contract=off -DNDEBUG "${prefix_map[@]}")

# 2. Compile. One emcc per language keeps the start-up cost low; the two run in parallel (2 cores).
mkdir -p "$work/c" "$work/cpp"
(
  cd "$work/c"
  # The f2c translations of DSTEV/DSYEV are renamed so that fortran_abi.c can give the core the gfortran-ABI
  # (void-returning) entry points it declares; see that file.
  lapack_c=()
  blas_c=()
  while read -r f; do
    c="$lapack/c/$(basename "${f%.f}").c"
    if [[ "$f" == BLAS/* ]]; then blas_c+=("$c"); else lapack_c+=("$c"); fi
  done < <(LC_ALL=C sort "$lapack/routines.txt")
  # lapack_cflags / blas_cflags: see lapack/flags.sh (BLAS sums are reassociated, LAPACK keeps IEEE order).
  emcc "${lapack_cflags[@]}" "${simd_off[@]}" "${prefix_map[@]}" -DNDEBUG -I"$lapack/include" \
    -I"$here/lapack/replacements" -Ddstev_=sane_f2c_dstev_ -Ddsyev_=sane_f2c_dsyev_ \
    -c "${lapack_c[@]}" "$here"/lapack/replacements/*.c "$here/lapack/f2c_runtime.c"
  emcc "${blas_cflags[@]}" "${simd_off[@]}" "${prefix_map[@]}" -DNDEBUG -I"$lapack/include" -c "${blas_c[@]}"
  emcc "${common[@]}" -I"$lapack/include" -c "$here/lapack/fortran_abi.c" -o fortran_abi_wrapper.o
) &
c_pid=$!
(
  cd "$work/cpp"
  emcc "${common[@]}" -std=c++17 -fexceptions -Wall -Wextra \
    -c "${core_sources[@]}" "$here/bindings.cpp"
) &
cpp_pid=$!
wait "$c_pid" || die "compiling the LAPACK C sources failed"
wait "$cpp_pid" || die "compiling the core failed"

# 3. Link. --fatal-warnings turns a C/Fortran signature mismatch (which wasm-ld would otherwise turn into a trapping
# stub) into a build error; ERROR_ON_UNDEFINED_SYMBOLS proves the LAPACK closure is complete.
link=(
  -O3 -fexceptions
  -sSINGLE_FILE=1 -sMODULARIZE=1 -sEXPORT_NAME=createSaneCore
  -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB
  -sENVIRONMENT=node,web,worker
  -sERROR_ON_UNDEFINED_SYMBOLS=1 -Wl,--fatal-warnings
  -sFILESYSTEM=0
  # A library must not install process-wide handlers: emscripten would rethrow every uncaught exception of the
  # host program from inside this file (printing its 300 KB line) and turn unhandled rejections into throws.
  -sNODEJS_CATCH_EXIT=0 -sNODEJS_CATCH_REJECTION=0
  -sEXPORTED_FUNCTIONS=_malloc,_free
)
objects=$(cd "$work" && ls c/*.o cpp/*.o | LC_ALL=C sort)
(cd "$work" && emcc "${link[@]}" $objects -o "$work/sane_core.cjs")

if [[ "$check" == 1 ]]; then
  [[ -f "$artifact" ]] || die "wasm/dist/sane_core.cjs is missing: run bash wasm/build.sh and commit the result"
  if cmp -s "$work/sane_core.cjs" "$artifact"; then
    echo "wasm/build.sh --check: wasm/dist/sane_core.cjs is up to date ($(wc -c < "$artifact") bytes)"
    exit 0
  fi
  echo "wasm/build.sh --check: wasm/dist/sane_core.cjs is STALE: a rebuild from the current sources differs" >&2
  echo "  committed: $(sha256sum < "$artifact" | cut -c1-16)…  $(wc -c < "$artifact") bytes" >&2
  echo "  rebuilt:   $(sha256sum < "$work/sane_core.cjs" | cut -c1-16)…  $(wc -c < "$work/sane_core.cjs") bytes" >&2
  echo "  run 'bash wasm/build.sh' (emscripten 3.1.6 as in .ci/run) and commit wasm/dist/sane_core.cjs" >&2
  exit 1
fi

dest="${out:-$here/dist}"
mkdir -p "$dest"
cp "$work/sane_core.cjs" "$dest/sane_core.cjs"
echo "wasm/build.sh: wrote ${dest#$root/}/sane_core.cjs ($(wc -c < "$dest/sane_core.cjs") bytes)"
