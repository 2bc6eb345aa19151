# The two commands of the README: `make run` and `make test`. Everything else supports them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run run-cached test fuzz lint messages bench bench-pages bench-geo bench-search bench-search-input bench-tracking bench-forms bench-site bench-reload deploy-check eval-search search clean

# The packages are installed by uv (pinned in constraints.txt): the same pinned set pip installs, in
# a sixth of pip's time (58 → 11 s here, on an empty cache), which every fresh clone and CI run pays.
$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q -c constraints.txt uv
	$(VENV)/bin/uv pip install -q --python $(PY) -c constraints.txt ".[dev]"
	@touch $@

# Installs the pinned packages and compiles the interface translations (.po → .mo).
install: $(STAMP)
	@$(PY) manage.py compile_translations

# A local help center on SQLite with the demo content, at http://127.0.0.1:8000. Prints how long
# it took from the migrations to the logins (the interface translations are compiled during the
# migrations, static files collected during the seeding, the server starts while the logins are
# made).
# Semantic search's passages are embedded in the background (embed_passages) while it serves:
# search works by words at once and by meaning as the vectors land.
run: $(STAMP)
	@started=$$(date +%s); set -e; \
	$(PY) manage.py compile_translations & messages=$$!; \
	$(PY) manage.py migrate --noinput; \
	wait $$messages; \
	$(PY) manage.py collectstatic --noinput -v0 & static=$$!; \
	$(PY) manage.py seed_demo; \
	wait $$static; \
	$(PY) manage.py runserver --skip-checks 127.0.0.1:8000 & server=$$!; \
	trap 'kill $$server 2>/dev/null || true' EXIT; \
	$(PY) manage.py ensure_demo_admin; \
	echo "make run: ready in $$(( $$(date +%s) - started ))s"; \
	echo "Help Center:   http://help.localhost:8000/  (also http://127.0.0.1:8000/)"; \
	echo "Business Help: http://business.localhost:8000/"; \
	nice -n 10 $(PY) manage.py embed_passages & \
	wait $$server

# The same behind Varnish (cms/services/varnish/default.vcl): Varnish answers at
# http://127.0.0.1:8000 (the demo site's address, which purges name), runserver behind it on
# 8001; publishing purges the changed pages (FRONTEND_CACHE_URL). Stops Varnish with runserver.
run-cached: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py ensure_demo_admin
	@export SERVICES_DIR="$${SERVICES_DIR:-/tmp/helpcenter-services/cache-dev}"; \
	  url="$$(VARNISH_PORT=8000 VARNISH_BACKEND=127.0.0.1:8001 bash cms/services/varnish.sh start)" || exit 1; \
	  trap 'bash cms/services/varnish.sh stop' EXIT; \
	  echo "Through Varnish ($$url): http://help.localhost:8000 and http://business.localhost:8000 (another host, e.g. 127.0.0.1:8000, is never cached: purges name the sites' own hosts; the app itself: http://127.0.0.1:8001)"; \
	  FRONTEND_CACHE_URL="$$url" $(PY) manage.py runserver 127.0.0.1:8001

# The whole suite against PostgreSQL (and its smoke subset on SQLite); starts and stops services.
# Installs the Python packages (`install`) while the services' Debian packages install.
test:
	bash cms/services/run-tests.sh

# The fuzz suite (tests/fuzz) with many more cases than `make test` runs, a new seed each time.
FUZZ_EXAMPLES ?= 50000
fuzz: install
	DATABASE_URL= SEARCH_URL= HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) \
	  $(PY) -m pytest tests/fuzz -p no:cacheprovider -q

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

# Re-extract the interface strings of every language into each app's locale/ folder (one -l per
# language: the project has no LOCALE_PATHS, so makemessages --all would find none).
MESSAGE_LANGUAGES := $(foreach folder,$(wildcard frontend/locale/*),-l $(notdir $(folder)))
messages: install
	@command -v xgettext >/dev/null || bash cms/services/gettext.sh
	$(PY) manage.py makemessages $(MESSAGE_LANGUAGES) --no-obsolete --ignore=.venv --ignore=static --ignore=tests
	$(PY) manage.py makemessages $(MESSAGE_LANGUAGES) -d djangojs --no-obsolete --ignore=.venv --ignore=static

# Performance figures (printed, never asserted): each bench-* target runs its module of tests/bench/.
BENCH_ENV := DJANGO_SETTINGS_MODULE=cms.settings.test DATABASE_URL=sqlite:///$(CURDIR)/bench.sqlite3
bench: bench-pages bench-geo bench-search bench-tracking bench-forms bench-site

bench-pages: install
	$(BENCH_ENV) $(PY) manage.py migrate --noinput -v0
	$(BENCH_ENV) $(PY) manage.py seed_demo
	$(BENCH_ENV) $(PY) -m tests.bench.pages

# The geo middleware's per-request cost (p50 with the GeoIP2 database vs without geo, as a ratio).
bench-geo: install
	DATABASE_URL="sqlite:///$(CURDIR)/test-artifacts/bench-geo.sqlite3" bash -c 'mkdir -p test-artifacts && \
	  $(PY) manage.py migrate --noinput -v0 && \
	  GEOIP_PATH="$$(bash cms/services/geoip-test-data.sh)/GeoIP2-City-Test.mmdb" $(PY) -m tests.bench.geo'

# Elasticsearch for development: prints the SEARCH_URL to export before `make run`.
search:
	@SERVICES_DIR="$${SERVICES_DIR:-/tmp/helpcenter-services/search-dev}" bash cms/services/elasticsearch.sh start

# Autocomplete and search page latency, Elasticsearch vs the database backend, on a generated
# corpus (20,000 pages) in a throwaway SQLite database; starts and stops its own Elasticsearch.
bench-search: install
	bash tests/bench/search.sh

# Is this deploy ready for visitors? With the production settings (and the variables of ENV_FILE,
# e.g. /etc/helpcenter/env, when given): one line per deploy step, exit 1 when one is missing.
# Uses the checkout's existing .venv (a production one has no dev tools: nothing is installed).
deploy-check:
	@set -a; if [ -n "$(ENV_FILE)" ]; then . "$(ENV_FILE)"; fi; set +a; \
	DJANGO_SETTINGS_MODULE=cms.settings.production $(PY) manage.py deploy_check

# Requests dropped and p50/p99 while gunicorn reloads, hands over to new code or restarts under load
# (production settings, the demo on SQLite), side by side with a steady run.
bench-reload: install
	bash tests/bench/reload.sh

# Hostile search input (the inputs that once failed or took a second) next to an ordinary query,
# on the database backend and on Elasticsearch.
bench-search-input: install
	bash tests/bench/search_input.sh

# Relevance on the judged queries of tests/search/queries/ (demo content, both backends; words,
# meaning and hybrid side by side; the two tuning sets and the held-out set apart): hit@1,
# hit@3, MRR@10 and nDCG@10 per language. EVAL_ARGS=--misses lists the queries not in the top 3.
eval-search: install
	bash tests/bench/relevance.sh $(EVAL_ARGS)

# Per-request overhead of tracking (p50/p95, on vs off) against a local Segment sink; prints figures.
bench-tracking: install
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo
	$(PY) -m tests.bench.tracking

# Contact forms: submission latency (p50/p95) and help-desk outbox delivery throughput.
bench-forms: install
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) -m tests.bench.forms

# The site under load over HTTP (locust, headless): a static file (the floor), an article
# uncached through gunicorn (production settings) and through Varnish, the search page and
# autocomplete, at concurrency 1/8/32, and their ratios. A few minutes; prints figures only.
bench-site: install
	bash tests/bench/site.sh

clean:
	rm -rf $(VENV) static test-artifacts .pytest_cache bench.sqlite3 bench.sqlite3-*
