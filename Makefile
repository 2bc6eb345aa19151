# The two commands of the README: `make run` and `make test`. Everything else supports them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast lint messages bench bench-forms clean

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade "pip>=24"
	$(VENV)/bin/pip install -q -c constraints.txt -e ".[dev]"
	@touch $@

# Installs the pinned packages and compiles the interface translations (.po → .mo).
install: $(STAMP)
	@$(PY) manage.py compile_translations

# A local help center on SQLite with the demo content, at http://127.0.0.1:8000.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py ensure_demo_admin
	$(PY) manage.py runserver 127.0.0.1:8000

# The whole suite against PostgreSQL (and its smoke subset on SQLite); starts and stops services.
test: install
	bash cms/services/run-tests.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Re-extract the interface strings of every language into each app's locale/ folder.
messages: install
	@command -v xgettext >/dev/null || bash cms/services/gettext.sh
	$(PY) manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=static --ignore=tests
	$(PY) manage.py makemessages --all -d djangojs --no-obsolete --ignore=.venv --ignore=static

# Contact forms: submission latency (p50/p95) and help-desk outbox delivery throughput.
bench-forms: install
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) -m tests.forms.bench

clean:
	rm -rf $(VENV) static test-artifacts .pytest_cache
