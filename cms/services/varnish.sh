#!/usr/bin/env bash
# Varnish, the reference HTTP cache in front of the app (cms/services/varnish/default.vcl), from
# Debian's package. Usage: varnish.sh start|stop|url
#   start  install if missing, start on 127.0.0.1 in front of VARNISH_BACKEND, print its URL
#          (use it as FRONTEND_CACHE_URL and as the address visitors reach)
#   url    print the URL of the running cache
#   stop   stop it (no-op when not running)
# Env: VARNISH_BACKEND (host:port of gunicorn/runserver, default 127.0.0.1:8000),
#      VARNISH_PORT (default: a free port), VARNISH_MEMORY (default 128m), SERVICES_DIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BASE="$SERVICES_DIR/varnish"
PORTFILE="$BASE/port"
PIDFILE="$BASE/varnishd.pid"
VCL="$BASE/default.vcl"
BACKEND="${VARNISH_BACKEND:-127.0.0.1:8000}"

command -v varnishd >/dev/null || PATH="$PATH:/usr/sbin"
command -v varnishd >/dev/null || apt_install varnish
command -v varnishd >/dev/null || die "no varnishd on PATH"

url() { echo "http://127.0.0.1:$(cat "$PORTFILE")"; }
running() { [ -s "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
ready() { curl -s -o /dev/null -m 2 -X PURGE "http://127.0.0.1:$1/" 2>/dev/null; }

start() {
  if running; then url; return; fi
  svc_dir "$BASE"
  local port; port="$(pick_port "$PORTFILE" "${VARNISH_PORT:-}")"
  echo "$port" >"$PORTFILE"
  local host="${BACKEND%:*}" backend_port="${BACKEND##*:}"
  sed -e "s/\.host = \"127.0.0.1\";/.host = \"$host\";/" \
      -e "s/\.port = \"8000\";/.port = \"$backend_port\";/" \
      "$(dirname "$0")/varnish/default.vcl" >"$VCL"
  [ "$(id -u)" = 0 ] && chown "$SVC_USER:" "$VCL" "$PORTFILE"
  # -j none: no privilege separation, run as the (unprivileged) service user itself.
  as_svc varnishd -j none -n "$BASE/work" -a "127.0.0.1:$port" -f "$VCL" \
    -s "malloc,${VARNISH_MEMORY:-128m}" -P "$PIDFILE" -p default_ttl=0 >"$BASE/varnishd.log" 2>&1 ||
    { echo "varnishd did not start; $BASE/varnishd.log:" >&2; cat "$BASE/varnishd.log" >&2; exit 1; }
  for _ in $(seq 30); do
    ready "$port" && break
    sleep 0.25
  done
  ready "$port" || die "varnish did not answer on port $port within 7s"
  url
}

stop() {
  running || return 0
  kill "$(cat "$PIDFILE")"
  for _ in $(seq 40); do running || { rm -f "$PIDFILE"; return 0; }; sleep 0.25; done
  die "varnish did not stop"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) running || die "not running"; url ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
