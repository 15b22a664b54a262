#!/usr/bin/env bash
# `apt-get source lapack` needs a deb-src index. Mirror the machine's own Debian entries as deb-src (whatever mirror
# they name), so nothing here hard-codes a host. Idempotent; run as root.
set -euo pipefail
if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  exit 0
fi
if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
  sed -E 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > /etc/apt/sources.list.d/deb-src.sources
elif [[ -f /etc/apt/sources.list ]] && grep -qE '^deb ' /etc/apt/sources.list; then
  sed -nE 's/^deb (.*)/deb-src \1/p' /etc/apt/sources.list > /etc/apt/sources.list.d/deb-src.list
else
  echo "enable-deb-src: no Debian apt entries found to mirror as deb-src; add one for bookworm by hand" >&2
  exit 1
fi
apt-get update -qq
