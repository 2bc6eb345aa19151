#!/usr/bin/env bash
# `make test`: installs what is missing, starts PostgreSQL (and the other services the suite
# needs), runs the whole suite against them, then its smoke subset on SQLite beside the fuzz
# suite, and stops what it started, pass or fail.
# Exits non-zero on any failure, and when pytest ran no test (pytest's exit code 5).
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE="$PWD"
SERVICES="$HERE/cms/services"
# Servers run as an unprivileged user, who must be able to reach their folder.
export SERVICES_DIR="${SERVICES_DIR:-/tmp/helpcenter-services/$(echo "$HERE" | md5sum | cut -c1-12)}"
PYTEST=("$HERE/.venv/bin/python" -m pytest)

RUN="$(mktemp -d)"  # this run's own files: Elasticsearch's URL, the fuzz suite's output
packages=""
search_starting=""
migrating=""
fuzz=""

cleanup() {
  if [ -n "$packages" ]; then wait "$packages" 2>/dev/null || true; fi
  if [ -n "$search_starting" ]; then wait "$search_starting" 2>/dev/null || true; fi
  if [ -n "$migrating" ]; then wait "$migrating" 2>/dev/null || true; fi
  if [ -n "$fuzz" ]; then kill "$fuzz" 2>/dev/null || true; wait "$fuzz" 2>/dev/null || true; fi
  rm -rf "$RUN"
  bash "$SERVICES/elasticsearch.sh" stop || true
  bash "$SERVICES/elasticsearch-cluster.sh" stop || true  # if its tests could not stop it
  bash "$SERVICES/redis.sh" stop || true
  bash "$SERVICES/varnish.sh" stop || true
  bash "$SERVICES/postgres.sh" stop || true
}
trap cleanup EXIT

started=$(date +%s)
# The suite's Elasticsearch (started here, restarted by tests/search/test_resilience.py; the
# cluster of test_cluster.py too) runs the JIT's first tier only: no C2 compiler threads, which
# on a node living a quarter of an hour cost more than the faster code saves (the search tests:
# the node's CPU 67 → 43 s, start included). Benchmarks and `make search` keep the full JIT.
export ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx512m -XX:TieredStopAtLevel=1}"
# On a new machine (CI), the services' Debian packages install in one apt run and
# Elasticsearch downloads while the Python packages install (`make install`).
bash "$SERVICES/debian-packages.sh" >"$RUN/packages.log" 2>&1 &
packages=$!
# Elasticsearch takes longest to start (a JVM, and on a new machine its download): it starts
# while the other services start and the checks run.
bash "$SERVICES/elasticsearch.sh" start >"$RUN/search-url" &
search_starting=$!
"${MAKE:-make}" --no-print-directory install
wait "$packages" || { cat "$RUN/packages.log" >&2; echo "make test: installing Debian packages failed" >&2; exit 1; }
packages=""
bash "$SERVICES/chromium.sh" >/dev/null
command -v xgettext >/dev/null || bash "$SERVICES/gettext.sh" >/dev/null
# (assigned before export: `export X="$(cmd)"` would hide a failing cmd from `set -e`)
GEOIP_TEST_DATA="$(bash "$SERVICES/geoip-test-data.sh")"  # MaxMind's test databases
DATABASE_URL="$(bash "$SERVICES/postgres.sh" start)"
export GEOIP_TEST_DATA DATABASE_URL
echo "PostgreSQL: $DATABASE_URL"
# Rate limits count in Redis, shared by every process (the gunicorn tests start three workers).
REDIS_URL="$(bash "$SERVICES/redis.sh" start)"
export REDIS_URL
echo "Redis: $REDIS_URL"
# The HTTP cache tests (tests/pages/test_varnish.py) go through Varnish in front of the gunicorn
# they start on VARNISH_BACKEND.
VARNISH_BACKEND="127.0.0.1:$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
VARNISH_URL="$(VARNISH_BACKEND="$VARNISH_BACKEND" bash "$SERVICES/varnish.sh" start)"
export VARNISH_BACKEND VARNISH_URL
echo "Varnish: $VARNISH_URL in front of $VARNISH_BACKEND"

# The test databases (one per worker, the fuzz suite's) are copies of one database migrated
# here, while the checks run (tests/migrated_template.py), instead of each migrating on its own.
TEST_DATABASE_TEMPLATE=helpcenter_migrated
export TEST_DATABASE_TEMPLATE
.venv/bin/python -m tests.migrated_template "$TEST_DATABASE_TEMPLATE" >"$RUN/migrate.log" 2>&1 &
migrating=$!

.venv/bin/python manage.py check --fail-level WARNING
.venv/bin/python manage.py makemigrations --check --dry-run >/dev/null ||
  { echo "Model changes without a migration: run manage.py makemigrations" >&2; exit 1; }
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports --no-cache  # the arrows of docs/architecture.md

echo "== Condition engine vectors in JavaScript (node --test) =="
node --test tests/forms/

wait "$migrating" || { cat "$RUN/migrate.log" >&2; echo "make test: migrate failed" >&2; exit 1; }
migrating=""

# The suite searches through a real Elasticsearch (the search app's tests stop and restart it).
wait "$search_starting"
search_starting=""
SEARCH_URL="$(cat "$RUN/search-url")"
export SEARCH_URL
# Visitors get 0.3 s (autocomplete) and 0.8 s (results page); the suite runs beside other work
# on a small machine.
export SEARCH_TIMEOUT="${SEARCH_TIMEOUT:-2}"
echo "Elasticsearch: $SEARCH_URL"
# Each run starts without indices: a previous run's may have an older definition (mappings).
curl -fsS -m 30 -X DELETE "$SEARCH_URL/helpcenter-*" >/dev/null

# Two pytest-xdist workers (TEST_WORKERS), each with its own test database, Redis database and
# index prefix (tests/parallel.py), a module's tests together (tests/conftest.py), handed out in
# the suite's order (not largest group first: the tests on the demo come last in each worker).
# The fuzz suite runs after it, beside the smoke subset.
echo "== Whole suite on PostgreSQL, ${TEST_WORKERS:-2} workers (the fuzz suite after it) =="
"${PYTEST[@]}" -n "${TEST_WORKERS:-2}" --dist loadgroup --no-loadscope-reorder \
  --ignore=tests/fuzz --durations=25 "$@"  # the slowest, to keep make test within its budget

# The smoke subset takes one core for two minutes (its process seeds the demo, as `make run`
# does), the fuzz suite another (one test, 5,000 requests): side by side, neither waits for the
# other's core. The fuzz suite is on PostgreSQL and Elasticsearch, with a Redis database and
# index prefix of its own (the workers had 1 and 2); with arguments (a part of the suite), it is
# left out.
fuzz=""
if [ $# -eq 0 ]; then
  REDIS_URL="${REDIS_URL%/*}/3" SEARCH_INDEX_PREFIX=helpcenter-fuzz \
    "${PYTEST[@]}" tests/fuzz -p no:cacheprovider >"$RUN/fuzz.log" 2>&1 &
  fuzz=$!
fi
echo "== Smoke subset on SQLite (the fuzz suite on PostgreSQL beside it) =="
smoke_status=0
DATABASE_URL="" SEARCH_URL="" "${PYTEST[@]}" -m smoke -p no:cacheprovider "$@" || smoke_status=$?
if [ -n "$fuzz" ]; then
  fuzz_status=0
  wait "$fuzz" || fuzz_status=$?
  fuzz=""
  echo "== Fuzz suite on PostgreSQL =="
  cat "$RUN/fuzz.log"
  [ "$fuzz_status" -eq 0 ] || { echo "make test: the fuzz suite failed" >&2; exit "$fuzz_status"; }
else
  echo "== Fuzz suite: left out (arguments given; \`make fuzz\` runs it on its own) =="
fi
[ "$smoke_status" -eq 0 ] || { echo "make test: the smoke subset failed" >&2; exit "$smoke_status"; }

echo "make test: passed in $(( $(date +%s) - started ))s"
