#!/usr/bin/env bash
# `make bench-search-input`: the cost of hostile search input (tests/bench/search_input.py) on the
# demo help center, first with the database backend (SQLite), then with Elasticsearch, started for
# the run in its own folder and stopped after. Prints figures only.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY="$PWD/.venv/bin/python"
WORK="${BENCH_DIR:-/tmp/helpcenter-bench-search-input/$(echo "$PWD" | md5sum | cut -c1-12)}"
export SERVICES_DIR="$WORK/services" DJANGO_SETTINGS_MODULE=cms.settings.test
export DATABASE_URL="sqlite:///$WORK/bench.sqlite3" SEARCH_INDEX_PREFIX=benchinput LOG_LEVEL=WARNING
trap 'bash cms/services/elasticsearch.sh stop || true' EXIT
mkdir -p "$WORK"
SEARCH_URL="" "$PY" manage.py migrate --noinput -v0
SEARCH_URL="" "$PY" manage.py seed_demo >/dev/null
SEARCH_URL="" "$PY" -m tests.bench.search_input "$@"
ES_URL="$(bash cms/services/elasticsearch.sh start)"
SEARCH_URL="$ES_URL" SEARCH_TIMEOUT=30 "$PY" manage.py update_index >/dev/null
SEARCH_URL="$ES_URL" "$PY" -m tests.bench.search_input "$@"
