#!/usr/bin/env bash
# `make bench-search`: a generated corpus (BENCH_PAGES, default 20,000 articles in en/es/ru/ar/ja)
# (with passages' vectors up to 20,000 pages: hybrid search; words only above, BENCH_SEMANTIC)
# in a throwaway SQLite file (BENCH_DB=postgres: in a PostgreSQL database started for it, as in
# production but on the same two cores), bulk-indexed into its own Elasticsearch; then autocomplete and
# search page latency over HTTP, Elasticsearch vs the database backend, and the fraction of the
# Elasticsearch site's answers that came from the fallback; CPU time per autocomplete request; the
# autocomplete query's own time in Elasticsearch (`took`) as it is and as it was before decision
# 0014's amendment; autocomplete with the suggestion cache on, apart. Prints figures only.
# Both sites are served by gunicorn (cms/gunicorn.conf.py), the production WSGI server, not by
# `runserver`; their logs are in the work folder (BENCH_DIR).
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE="$PWD"
PY="$HERE/.venv/bin/python"
# One work folder per checkout, so two checkouts can run the benchmark side by side.
WORK="${BENCH_DIR:-/tmp/helpcenter-bench-search/$(echo "$HERE" | md5sum | cut -c1-12)}"
export SERVICES_DIR="$WORK/services"
export DJANGO_SETTINGS_MODULE=cms.settings.test
export SEARCH_INDEX_PREFIX=bench
PAGES="${BENCH_PAGES:-20000}"
# Semantic search (passages' vectors, hybrid results page) up to 20,000 pages; above, words only
# (BENCH_SEMANTIC=1/0 to choose). The vectors are real ones cycled over the pages (see `vectors`).
if [ -z "${BENCH_SEMANTIC:-}" ]; then BENCH_SEMANTIC=$([ "$PAGES" -le 20000 ] && echo 1 || echo 0); fi
export SEARCH_SEMANTIC="$BENCH_SEMANTIC"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do  # gunicorn stops its workers, then itself
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  done
  bash cms/services/elasticsearch.sh stop || true
  [ "${BENCH_DB:-sqlite}" = sqlite ] || bash cms/services/postgres.sh stop || true
}
trap cleanup EXIT

mkdir -p "$WORK" && rm -f "$WORK"/bench.sqlite3*
if [ "${BENCH_DB:-sqlite}" = sqlite ]; then
  DATABASE_URL="sqlite:///$WORK/bench.sqlite3"
else
  DATABASE_URL="$(bash cms/services/postgres.sh start)"
  "$PY" - "$DATABASE_URL" <<'PYTHON'
import sys, psycopg
with psycopg.connect(sys.argv[1].rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
    db.execute("drop database if exists bench")
    db.execute("create database bench")
PYTHON
  DATABASE_URL="${DATABASE_URL%/*}/bench"
fi
export DATABASE_URL
ES_URL="$(bash cms/services/elasticsearch.sh start)"
echo "Elasticsearch: $ES_URL; database: $DATABASE_URL"
SEARCH_URL="" "$PY" manage.py migrate --noinput -v0
SEARCH_URL="" "$PY" -m tests.bench.search generate --pages "$PAGES"
if [ "$BENCH_SEMANTIC" = 1 ]; then
  SEARCH_URL="" "$PY" -m tests.bench.search vectors --sample "${BENCH_EMBED_SAMPLE:-512}"
else
  echo "semantic search off in this run: no passages embedded, no vectors indexed (words only)"
fi
SEARCH_URL="$ES_URL" SEARCH_TIMEOUT=30 LOG_LEVEL=WARNING "$PY" -m tests.bench.search index

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
WORKERS="${BENCH_WORKERS:-$(( $(nproc) + 1 ))}"; THREADS="${BENCH_THREADS:-4}"
serve() {  # serve SEARCH_URL PORT NAME [SECONDS autocomplete answers are kept]
  SEARCH_URL="$1" GUNICORN_BIND="127.0.0.1:$2" WEB_CONCURRENCY="$WORKERS" \
    GUNICORN_THREADS="$THREADS" GUNICORN_ACCESS_LOG="$WORK/access-$3.log" \
    SEARCH_AUTOCOMPLETE_CACHE_SECONDS="${4:-0}" \
    "$HERE/.venv/bin/gunicorn" -c cms/gunicorn.conf.py cms.wsgi >"$WORK/server-$3.log" 2>&1 &
  PIDS+=($!); SERVER_PIDS+="$3=$!,"
  for _ in $(seq 60); do curl -fsS -o /dev/null "http://127.0.0.1:$2/healthz" 2>/dev/null && return; sleep 0.5; done
  echo "server on $2 did not start" >&2; cat "$WORK/server-$3.log" >&2; exit 1
}
ES_PORT="$(port)"; DB_PORT="$(port)"; CACHED_PORT="$(port)"; SERVER_PIDS=""
serve "$ES_URL" "$ES_PORT" elasticsearch
serve "" "$DB_PORT" database
# The same Elasticsearch site keeping autocomplete answers (search.suggestion_cache), apart.
serve "$ES_URL" "$CACHED_PORT" cached 300
echo "servers: gunicorn $("$HERE/.venv/bin/gunicorn" --version | awk '{print $NF}' | tr -d '()'), \
$WORKERS workers x $THREADS threads (gthread) each; logs in $WORK"
LOG_LEVEL=WARNING "$PY" -m tests.bench.search measure --requests "${BENCH_REQUESTS:-300}" \
  --es-url "http://127.0.0.1:$ES_PORT" --db-url "http://127.0.0.1:$DB_PORT" \
  --cached-url "http://127.0.0.1:$CACHED_PORT" \
  --pids "${SERVER_PIDS}es=$(cat "$SERVICES_DIR/elasticsearch/run/es.pid")"
