#!/usr/bin/env bash
# Ensures Debian's Chromium is installed and prints its path.
# Usage: chromium.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -x /usr/bin/chromium ] || apt_install chromium
echo /usr/bin/chromium
