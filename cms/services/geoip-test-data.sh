#!/usr/bin/env bash
# Prints a folder holding MaxMind's official GeoIP2 test databases, taken from the maxminddb
# source distribution on PyPI (the version pinned in constraints.txt), downloaded once and cached:
#   GeoIP2-Country-Test.mmdb, GeoIP2-City-Test.mmdb, bad-data/ (corrupt files),
#   source-data/ (the JSON the databases are built from; tests read expected countries there).
# Usage: GEOIP_TEST_DATA="$(bash cms/services/geoip-test-data.sh)"
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION="$(sed -n 's/^maxminddb==//p' constraints.txt)"
[ -n "$VERSION" ] || { echo "geoip-test-data.sh: maxminddb is not pinned in constraints.txt" >&2; exit 1; }
CACHE="${GEOIP_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/helpcenter/geoip-test-data}"
DEST="$CACHE/maxminddb-$VERSION"
if [ ! -s "$DEST/GeoIP2-City-Test.mmdb" ]; then
  PIP="${PIP:-.venv/bin/pip}"
  [ -x "$PIP" ] || PIP="python3 -m pip"
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
  $PIP download -q --no-binary :all: --no-deps -d "$WORK" "maxminddb==$VERSION" >&2
  tar -xzf "$WORK"/maxminddb-"$VERSION".tar.gz -C "$WORK"
  DATA="$(find "$WORK" -type d -path '*/tests/data' | head -n1)"
  [ -s "$DATA/test-data/GeoIP2-City-Test.mmdb" ] ||
    { echo "geoip-test-data.sh: no test databases in maxminddb $VERSION sdist" >&2; exit 1; }
  rm -rf "$DEST.tmp" && mkdir -p "$DEST.tmp"
  cp "$DATA"/test-data/GeoIP2-Country-Test.mmdb "$DATA"/test-data/GeoIP2-City-Test.mmdb "$DEST.tmp/"
  cp -r "$DATA"/bad-data "$DEST.tmp/bad-data"
  cp -r "$DATA"/source-data "$DEST.tmp/source-data"
  rm -rf "$DEST" && mv "$DEST.tmp" "$DEST"
fi
echo "$DEST"
