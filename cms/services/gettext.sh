#!/usr/bin/env bash
# GNU gettext (xgettext, msgmerge) for `makemessages`, from Debian's package, when missing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
command -v xgettext >/dev/null || apt_install gettext
command -v xgettext
