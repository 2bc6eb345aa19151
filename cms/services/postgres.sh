#!/usr/bin/env bash
# PostgreSQL for development and tests, from Debian's package, data in the checkout.
# Usage: postgres.sh start|stop|url
#   start  install if missing, initdb once, start on 127.0.0.1, create db, print DATABASE_URL
#   url    print the DATABASE_URL of the running server
#   stop   fast shutdown (no-op when not running)
# Env: PG_PORT (default: a free port), SERVICES_DIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BASE="$SERVICES_DIR/postgres"
PGDATA="$BASE/data"
PORTFILE="$BASE/port"
LOG="$BASE/postgres.log"
DB=helpcenter
PGUSER=postgres   # superuser name chosen at initdb; auth is trust on 127.0.0.1

# Newest /usr/lib/postgresql/*/bin that has the server tools (a client-only version may sit beside).
bindir() {
  local f; f="$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)"
  [ -x "$f" ] && [ -x "${f%/*}/pg_ctl" ] && echo "${f%/*}"
}
bindir >/dev/null || apt_install postgresql
BIN="$(bindir)" || die "no PostgreSQL server (initdb, pg_ctl) under /usr/lib/postgresql/*/bin"

url() { echo "postgres://$PGUSER@127.0.0.1:$(cat "$PORTFILE")/$DB"; }
running() { [ -f "$PGDATA/PG_VERSION" ] && as_svc "$BIN/pg_ctl" status -D "$PGDATA" >/dev/null 2>&1; }
ready() { "$BIN/pg_isready" -q -h 127.0.0.1 -p "$1" -U "$PGUSER" -d postgres -t 1; }
FAST="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
psql_() { "$BIN/psql" -X -q -h 127.0.0.1 -p "$(cat "$PORTFILE")" -U "$PGUSER" "$@"; }

start() {
  if running; then url; return; fi
  svc_dir "$BASE"
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    as_svc "$BIN/initdb" -D "$PGDATA" -U "$PGUSER" -E UTF8 --locale=C.UTF-8 --auth=trust >"$BASE/initdb.log"
    printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$PGDATA/pg_hba.conf"
  fi
  # Unix socket inside our folder, unless its path would pass the ~107-byte limit.
  local sock="$BASE/run"; [ "${#sock}" -le 80 ] || sock=""
  mkdir -p "$BASE/run"; chown -R --reference="$BASE" "$BASE"
  local port; port="$(pick_port "$PORTFILE" "${PG_PORT:-}")"
  echo "$port" >"$PORTFILE"
  # A throwaway server: durability off (no fsync), which the test databases never need.
  as_svc "$BIN/pg_ctl" start -W -D "$PGDATA" -l "$LOG" \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$sock' $FAST" >/dev/null
  for _ in $(seq 60); do
    ready "$port" && break
    sleep 1; running || break   # exited early: fail now, not after 60s
  done
  if ! ready "$port"; then
    echo "postgres did not start or answer within 60s; tail of $LOG:" >&2; tail -n 20 "$LOG" >&2; exit 1
  fi
  [ -n "$(psql_ -d postgres -tAc "select 1 from pg_database where datname = '$DB'")" ] ||
    psql_ -d postgres -c "create database $DB"
  url
}

stop() {
  running || return 0
  as_svc "$BIN/pg_ctl" stop -D "$PGDATA" -m fast >/dev/null
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) running || die "not running"; url ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
