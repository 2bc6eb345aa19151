#!/usr/bin/env bash
# `make bench-site`: the whole site under load, over HTTP, in one run (tests/bench/site.py, with
# locust): a static file, an article uncached through gunicorn, the same article through
# Varnish, the search page and autocomplete, at concurrency 1/8/32, and their ratios.
# The demo help center in a throwaway SQLite file (BENCH_DB=postgres: a PostgreSQL database
# started for it), served by gunicorn with cms/gunicorn.conf.py and the production settings
# (plain HTTP, rate limits off: every simulated visitor shares one address), the database search
# backend (BENCH_SEARCH_URL: an Elasticsearch to use instead), Varnish (cms/services/varnish.sh)
# in front. BENCH_SECONDS per run (default 8), BENCH_CONCURRENCY (default 1,8,32),
# BENCH_APP_PORT and VARNISH_PORT (default: free ports). Prints figures only; logs in the work
# folder (BENCH_DIR).
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE="$PWD"
PY="$HERE/.venv/bin/python"
WORK="${BENCH_DIR:-/tmp/helpcenter-bench-site/$(echo "$HERE" | md5sum | cut -c1-12)}"
export SERVICES_DIR="$WORK/services"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do  # gunicorn stops its workers, then itself
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  done
  bash cms/services/varnish.sh stop || true
  [ "${BENCH_DB:-sqlite}" = sqlite ] || bash cms/services/postgres.sh stop || true
}
trap cleanup EXIT

mkdir -p "$WORK"
[ -z "${BENCH_FRESH:-}" ] || rm -f "$WORK"/bench.sqlite3* "$WORK"/seeded
if [ "${BENCH_DB:-sqlite}" = sqlite ]; then
  DATABASE_URL="sqlite:///$WORK/bench.sqlite3"
else
  rm -f "$WORK"/seeded
  DATABASE_URL="$(bash cms/services/postgres.sh start)"
  "$PY" - "$DATABASE_URL" <<'PYTHON'
import sys, psycopg
with psycopg.connect(sys.argv[1].rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
    db.execute("drop database if exists bench_site")
    db.execute("create database bench_site")
PYTHON
  DATABASE_URL="${DATABASE_URL%/*}/bench_site"
fi
export DATABASE_URL SEARCH_URL="${BENCH_SEARCH_URL:-}"
PRODUCTION=(env DJANGO_SETTINGS_MODULE=cms.settings.production DJANGO_SECRET_KEY=bench-only
  ALLOWED_HOSTS=127.0.0.1,.localhost SECURE_SSL_REDIRECT=false RATELIMIT_ENABLE=false
  GEO_TRUSTED_HEADER=CF-IPCountry STAFF_2FA_REQUIRED=false LOG_LEVEL=WARNING)
started=$(date +%s)
"${PRODUCTION[@]}" "$PY" manage.py migrate --noinput -v0
if [ ! -e "$WORK/seeded" ]; then  # the demo is seeded once per work folder (BENCH_FRESH=1: again)
  "${PRODUCTION[@]}" "$PY" manage.py seed_demo >"$WORK/seed.log"
  touch "$WORK/seeded"
fi
"${PRODUCTION[@]}" "$PY" manage.py collectstatic --noinput -v0
# The Host the default site's purges name: the only one a shared cache may keep its pages under.
SITE_HOST="$("${PRODUCTION[@]}" "$PY" manage.py shell -v0 -c 'from urllib.parse import urlsplit
from wagtail.models import Site
print(urlsplit(Site.objects.get(is_default_site=True).root_url).netloc)')"
echo "demo ready, static files collected in $(( $(date +%s) - started ))s; database: $DATABASE_URL"

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
APP_PORT="${BENCH_APP_PORT:-$(port)}"
"${PRODUCTION[@]}" GUNICORN_BIND="127.0.0.1:$APP_PORT" GUNICORN_ACCESS_LOG="" \
  "$HERE/.venv/bin/gunicorn" -c cms/gunicorn.conf.py cms.wsgi >"$WORK/gunicorn.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 60); do curl -fsS -o /dev/null "http://127.0.0.1:$APP_PORT/healthz" 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null "http://127.0.0.1:$APP_PORT/healthz" || { cat "$WORK/gunicorn.log" >&2; exit 1; }
CACHE_URL="$(VARNISH_BACKEND="127.0.0.1:$APP_PORT" bash cms/services/varnish.sh start)"
echo "gunicorn $("$HERE/.venv/bin/gunicorn" --version | awk '{print $NF}' | tr -d '()') \
(cms/gunicorn.conf.py, production settings) on :$APP_PORT; Varnish $CACHE_URL; $(nproc) cores"
"$PY" -m tests.bench.site --app "http://127.0.0.1:$APP_PORT" --cache "$CACHE_URL" --host "$SITE_HOST" \
  --seconds "${BENCH_SECONDS:-8}" --concurrency "${BENCH_CONCURRENCY:-1,8,32}" --log "$WORK/locust.log"
