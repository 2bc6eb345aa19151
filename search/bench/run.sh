#!/usr/bin/env bash
# `make bench-search`: a generated corpus (BENCH_PAGES, default 20,000 articles in en/es/ru/ar/ja)
# in a throwaway SQLite file, bulk-indexed into its own Elasticsearch; then autocomplete and
# search page latency over HTTP, Elasticsearch vs the database backend. Prints figures only.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE="$PWD"
PY="$HERE/.venv/bin/python"
WORK="${BENCH_DIR:-/tmp/helpcenter-bench-search}"
export SERVICES_DIR="$WORK/services"
export DJANGO_SETTINGS_MODULE=cms.settings.test
export DATABASE_URL="sqlite:///$WORK/bench.sqlite3"
export SEARCH_INDEX_PREFIX=bench
PAGES="${BENCH_PAGES:-20000}"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  bash cms/services/elasticsearch.sh stop || true
}
trap cleanup EXIT

mkdir -p "$WORK" && rm -f "$WORK"/bench.sqlite3*
ES_URL="$(bash cms/services/elasticsearch.sh start)"
echo "Elasticsearch: $ES_URL; database: $DATABASE_URL"
SEARCH_URL="" "$PY" manage.py migrate --noinput -v0
SEARCH_URL="" "$PY" manage.py bench_search generate --pages "$PAGES"
SEARCH_URL="$ES_URL" SEARCH_TIMEOUT=30 "$PY" manage.py bench_search index

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
serve() {  # serve SEARCH_URL PORT
  SEARCH_URL="$1" "$PY" manage.py runserver --noreload "127.0.0.1:$2" >"$WORK/server-$2.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 60); do curl -fsS -o /dev/null "http://127.0.0.1:$2/healthz" && return; sleep 0.5; done
  echo "server on $2 did not start" >&2; cat "$WORK/server-$2.log" >&2; exit 1
}
ES_PORT="$(port)"; DB_PORT="$(port)"
serve "$ES_URL" "$ES_PORT"
serve "" "$DB_PORT"
LOG_LEVEL=WARNING "$PY" manage.py bench_search measure --requests "${BENCH_REQUESTS:-300}" \
  --es-url "http://127.0.0.1:$ES_PORT" --db-url "http://127.0.0.1:$DB_PORT"
