#!/usr/bin/env bash
# Produces C sources for LAPACK's DSTEV and DSYEV and everything they call, from Debian's LAPACK 3.11 Fortran
# (source package `lapack`, bookworm), by f2c. Output, all under $1 (default wasm/build/lapack):
#   src/         the Fortran files of the closure (after patches/), as unpacked
#   c/           one f2c-translated .c per routine
#   include/     f2c.h (copied from libf2c2-dev, kept out of the native include path)
#   routines.txt the closure, one source path per line
# Needs: deb-src for bookworm in apt's sources (see wasm/README.md), dpkg-dev (dpkg-source), f2c, libf2c2-dev, node.
# Deterministic: the closure is sorted and f2c's output depends only on its input.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../build/lapack}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
version=3.11.0
# The routines the core calls (native/core/lapack.hpp) and the ones hand-written in replacements/.
roots=(dstev dsyev)
# (disnan.c also defines DLAISNAN, which only DISNAN calls.)
replaced=dnrm2,dlassq,dlartg,dlamch,disnan,xerbla

die() { echo "wasm/lapack/generate.sh: $*" >&2; exit 1; }
for tool in f2c dpkg-source patch node; do
  command -v "$tool" >/dev/null || die "'$tool' not found (apt-get install -y f2c libf2c2-dev dpkg-dev patch nodejs)"
done
[[ -f /usr/include/f2c.h ]] || die "/usr/include/f2c.h not found (apt-get install -y libf2c2-dev)"

src="$out/lapack-$version"
if [[ ! -f "$src/.sane-unpacked" ]]; then
  dl="$out/download"
  rm -rf "$dl" "$src"
  mkdir -p "$dl"
  # apt-get source verifies the .dsc against the signed Sources index; the tarballs against the .dsc.
  if ! (cd "$dl" && apt-get source --download-only "lapack=$version-2" >/dev/null 2>"$dl/apt.log"); then
    cat "$dl/apt.log" >&2
    die "could not download Debian's lapack $version-2 source package: apt needs a deb-src entry for bookworm (as root: bash wasm/lapack/enable-deb-src.sh)"
  fi
  # Unpack with Debian's own patches applied (none of them touches the Fortran of our closure, but this is the
  # LAPACK Debian ships).
  (cd "$dl" && dpkg-source --no-check -x lapack_$version-2.dsc "$src" >/dev/null)
  for p in "$here"/patches/*.patch; do
    patch -s -p1 -d "$src" < "$p" || die "patch $(basename "$p") does not apply"
  done
  touch "$src/.sane-unpacked"
  rm -rf "$dl"
fi

node "$here/closure.mjs" "$src" "$replaced" "${roots[@]}" > "$out/routines.txt" 2> "$out/closure.log"
if grep -q "not needed" "$out/closure.log"; then
  die "$(grep 'not needed' "$out/closure.log") — remove it from replacements/ and \$replaced"
fi

rm -rf "$out/c" "$out/include"
mkdir -p "$out/c" "$out/include"
cp /usr/include/f2c.h "$out/include/f2c.h"
while read -r f; do
  # -A: ANSI C prototypes; -a: locals on the stack (no SAVE in these routines), so the code is reentrant.
  if ! f2c -A -a -d"$out/c" "$src/$f" > "$out/c/f2c.log" 2>&1; then
    cat "$out/c/f2c.log" >&2
    die "f2c failed on $f"
  fi
done < "$out/routines.txt"
rm -f "$out/c/f2c.log"
echo "wasm/lapack: $(wc -l < "$out/routines.txt") LAPACK/BLAS routines translated into $out/c ($(cat "$out/closure.log"))"
