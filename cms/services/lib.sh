# shellcheck shell=bash
# Helpers shared by the service scripts in this folder (sourced, not run).
# Services keep their state in $SERVICES_DIR (default: ./.services of the caller).
SERVICES_DIR="$(realpath -m "${SERVICES_DIR:-$PWD/.services}")"
SVC_USER="${SVC_USER:-helpcenter-svc}"   # servers refuse to run as root

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# apt_install PKG...: install Debian packages (apt-get update runs once per script run), one
# script at a time (run-tests.sh starts services side by side; apt refuses a second apt).
apt_install() {
  [ "$(id -u)" = 0 ] || die "not root, cannot install: $* (install them, then retry)"
  exec 8>/run/lock/helpcenter-apt.lock; flock 8
  if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq >&2; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  exec 8>&-
}

# as_svc CMD...: run CMD as the unprivileged service user (as is, when not root).
as_svc() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u "$SVC_USER" -- "$@"); else "$@"; fi
}

# svc_dir DIR: create DIR, owned by the service user, and check that user can reach it.
svc_dir() {
  mkdir -p "$1"
  if [ "$(id -u)" = 0 ]; then
    id -u "$SVC_USER" >/dev/null 2>&1 ||
      useradd --system --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin "$SVC_USER"
    chown -R "$SVC_USER:" "$1"
  fi
  as_svc test -w "$1" ||
    die "user $SVC_USER cannot reach $1 (a parent folder is not world-searchable); set SERVICES_DIR elsewhere"
}

# free_port: print a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# port_free PORT: true when a server could listen on PORT of 127.0.0.1 now.
port_free() {
  python3 -c 'import socket as S,sys; s=S.socket(); s.setsockopt(S.SOL_SOCKET, S.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
}

# pick_port SAVED_FILE [WANTED]: WANTED if given, else the saved port if still free, else a new one.
pick_port() {
  if [ -n "${2:-}" ]; then echo "$2"
  elif [ -s "$1" ] && port_free "$(cat "$1")"; then cat "$1"
  else free_port; fi
}
