# Two commands matter: `make run` (demo site on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PYTEST := $(VENV)/bin/pytest
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve migrate seed lint check test test-unit test-browser messages bench bench-roster bench-heartbeat bench-compliance clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

run: seed
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install
	DJANGO_SETTINGS_MODULE=academy.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=academy.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=academy.settings.production SECRET_KEY=check-deploy-only-$$(date +%s)-not-a-real-secret-key-xxxxxxxxxxxxxxxx \
		ALLOWED_HOSTS=academy.example.cn $(PY) manage.py check --deploy --fail-level WARNING

# The whole suite: unit, API, page and browser tests (browser tests skip when chromium is missing,
# except in CI, where a skip is a failure).
test: lint check
	$(PYTEST)

test-unit: install
	$(PYTEST) -m "not browser"

test-browser: install
	$(PYTEST) -m browser

messages: install
	$(PY) manage.py makemessages --locale zh_Hans --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --no-obsolete
	$(PY) manage.py compilemessages --locale zh_Hans --ignore '.venv/*'

bench: install bench-roster bench-heartbeat
	$(PY) tests/benchmarks/bench_supermarket.py

bench-roster: install
	$(PY) tests/benchmarks/bench_roster_import.py

# Needs this machine's PostgreSQL; creates and drops its own database (DATABASE_URL to choose another).
bench-heartbeat: install
	$(PY) tests/benchmarks/bench_heartbeat.py

# PostgreSQL, its own database (academy_bench_compliance); builds 2 x 10M study records: about 5 minutes.
bench-compliance: install
	$(PY) tests/benchmarks/bench_compliance.py

clean:
	rm -rf $(VENV) var db.sqlite3
