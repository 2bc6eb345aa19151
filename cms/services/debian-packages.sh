#!/usr/bin/env bash
# Installs, in one apt run, the Debian packages of `make test`'s services that are missing.
# Each service script still installs its own when run alone; on a new machine (CI), one run for
# all is about 33 s where one per service took about 55 s, and `make test` runs it in the
# background while the Python packages install.
# Usage: debian-packages.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)                        # chromium.sh
command -v xgettext >/dev/null || missing+=(gettext)                   # gettext.sh
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql)  # postgres.sh
command -v redis-server >/dev/null || missing+=(redis-server)          # redis.sh
command -v varnishd >/dev/null || missing+=(varnish)                   # varnish.sh
command -v unzip >/dev/null || missing+=(unzip)                        # elasticsearch.sh
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
