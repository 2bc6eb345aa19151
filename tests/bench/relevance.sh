#!/usr/bin/env bash
# `make eval-search`: the judged queries of tests/search/queries/ against the demo content, on
# Elasticsearch and on the database backend, by words, by meaning and both (SEARCH_SEMANTIC on);
# prints hit@1, hit@3, MRR@10 and nDCG@10 per language, each set apart (two tuning, one held-out).
# The demo is seeded once into a SQLite file in the work folder (again when cms/demo/content
# changes) and indexed into an Elasticsearch started for the run (stopped at the end). Arguments
# go to `python -m tests.bench.relevance` (e.g. --misses).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY="$PWD/.venv/bin/python"
WORK="${EVAL_DIR:-/tmp/helpcenter-eval-search/$(echo "$PWD" | md5sum | cut -c1-12)}"
export SERVICES_DIR="$WORK/services"
export DJANGO_SETTINGS_MODULE=cms.settings.test
export SEARCH_INDEX_PREFIX=eval
export DATABASE_URL="sqlite:///$WORK/demo.sqlite3"
export SEARCH_SEMANTIC="${SEARCH_SEMANTIC:-true}"
trap 'bash cms/services/elasticsearch.sh stop >/dev/null 2>&1 || true' EXIT

mkdir -p "$WORK"
CONTENT="$(cat cms/demo/content/*.json cms/demo/content/*/*.json | md5sum | cut -c1-32)"
if [ "$(cat "$WORK/content.md5" 2>/dev/null)" != "$CONTENT" ]; then
  rm -f "$WORK"/demo.sqlite3*
  SEARCH_URL="" "$PY" manage.py migrate --noinput -v0
  SEARCH_URL="" LOG_LEVEL=WARNING "$PY" manage.py seed_demo -v0
  echo "$CONTENT" >"$WORK/content.md5"
fi
SEARCH_URL="" "$PY" manage.py migrate --noinput -v0  # the code's migrations since the seeding
SEARCH_URL="$(bash cms/services/elasticsearch.sh start)"
export SEARCH_URL SEARCH_TIMEOUT=5
# Embeds what the seeding left (and what changed) while writing the indices.
LOG_LEVEL=WARNING "$PY" manage.py update_index -v0 >/dev/null
LOG_LEVEL=WARNING "$PY" -m tests.bench.relevance "$@"
