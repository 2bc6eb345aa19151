#!/usr/bin/env bash
# Redis for development and tests (the rate limits' shared counters), from Debian's package.
# Usage: redis.sh start|stop|url
#   start  install if missing, start on 127.0.0.1 (no persistence), print REDIS_URL
#   url    print the REDIS_URL of the running server
#   stop   shutdown (no-op when not running)
# Env: REDIS_PORT (default: a free port), SERVICES_DIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BASE="$SERVICES_DIR/redis"
PORTFILE="$BASE/port"
PIDFILE="$BASE/redis.pid"
LOG="$BASE/redis.log"

command -v redis-server >/dev/null || apt_install redis-server
command -v redis-server >/dev/null || die "no redis-server on PATH"

url() { echo "redis://127.0.0.1:$(cat "$PORTFILE")/0"; }
running() { [ -s "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
ready() { redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null | grep -q PONG; }

start() {
  if running; then url; return; fi
  svc_dir "$BASE"
  local port; port="$(pick_port "$PORTFILE" "${REDIS_PORT:-}")"
  echo "$port" >"$PORTFILE"
  # In memory only: counters that expire within minutes need no snapshot or log on disk.
  as_svc redis-server --bind 127.0.0.1 --port "$port" --daemonize yes \
    --pidfile "$PIDFILE" --logfile "$LOG" --dir "$BASE" \
    --save "" --appendonly no --protected-mode yes
  for _ in $(seq 30); do
    ready "$port" && break
    sleep 0.5
  done
  if ! ready "$port"; then
    echo "redis did not start or answer within 15s; tail of $LOG:" >&2; tail -n 20 "$LOG" >&2; exit 1
  fi
  url
}

stop() {
  running || return 0
  redis-cli -h 127.0.0.1 -p "$(cat "$PORTFILE")" shutdown nosave >/dev/null 2>&1 ||
    kill "$(cat "$PIDFILE")"
  for _ in $(seq 20); do running || return 0; sleep 0.25; done
  die "redis did not stop"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) running || die "not running"; url ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
