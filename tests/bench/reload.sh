#!/usr/bin/env bash
# `make bench-reload`: the demo served by gunicorn with the production settings (SQLite in a work
# folder, static files collected there), then tests/bench/reload.py's scenarios side by side:
# requests dropped and p50/p99 while gunicorn reloads (HUP), hands over to new code (USR2) or
# restarts, with and without a listening socket held outside it (systemd's socket unit).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY="$PWD/.venv/bin/python"
WORK="${BENCH_DIR:-/tmp/helpcenter-bench-reload/$(echo "$PWD" | md5sum | cut -c1-12)}"
rm -rf "$WORK" && mkdir -p "$WORK"
export DJANGO_SETTINGS_MODULE=cms.settings.production
DJANGO_SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DJANGO_SECRET_KEY ALLOWED_HOSTS=localhost SECURE_SSL_REDIRECT=false STAFF_2FA_REQUIRED=false
export DATABASE_URL="sqlite:///$WORK/bench.sqlite3" STATIC_ROOT="$WORK/static" MEDIA_ROOT="$WORK/media"
export SEARCH_URL="" REDIS_URL="" LOG_LEVEL=WARNING
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py seed_demo >/dev/null
"$PY" manage.py compile_translations -v0
"$PY" manage.py collectstatic --noinput -v0
"$PY" -m tests.bench.reload "$@"
