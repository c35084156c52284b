# nisi — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NISI := $(BIN)/nisi
PG_URL ?= postgres://postgres@127.0.0.1:5432/nisi
REDIS_URL ?= redis://127.0.0.1:6379/15
HOST ?= 127.0.0.1:8000
# The suite runs on every core (pytest-xdist); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto

.PHONY: run install migrate demo test test-sqlite test-postgres lint assets messages translations provisions law-coverage clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

migrate: install
	$(NISI) migrate --noinput

# The demo's documents link (QR codes, inbox) to where `make run` serves them.
demo: migrate
	NISI_PUBLIC_BASE_URL=$${NISI_PUBLIC_BASE_URL:-http://$(HOST)} $(NISI) demo

## Run the system on SQLite with demo data at http://$(HOST)
run: demo
	@echo "nisi is starting at http://$(HOST)/ — demo accounts are listed on the sign-in page"
	$(NISI) runserver $(HOST)

## The whole suite: lint, then the tests on SQLite and on PostgreSQL
test: lint test-sqlite test-postgres

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

test-sqlite: install
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS)

# PostgreSQL answers on 127.0.0.1:5432 on the project's machines. In CI (CI=true) it is required; elsewhere
# the PostgreSQL run is skipped with a warning when no server answers. The browser journeys (25 tests, a third of
# the suite's time on a slow machine) drive pages whose queries every other test runs on both databases, so they
# run once, on SQLite; BROWSER_ON_POSTGRES=1 runs them here too.
PG_MARKS = $(if $(BROWSER_ON_POSTGRES),,-m "not browser")
test-postgres: install
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		DATABASE_URL=$(PG_URL) NISI_TEST_REDIS_URL=$(REDIS_URL) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PG_MARKS); \
	elif [ "$${CI:-}" = "true" ]; then \
		echo "PostgreSQL does not answer at $(PG_URL): CI requires the PostgreSQL run." >&2; exit 1; \
	else \
		echo "WARNING: PostgreSQL does not answer at $(PG_URL); the PostgreSQL run was skipped." >&2; \
	fi

## Maintainers: rebuild committed artefacts
assets:
	cd frontend && npm install --no-audit --no-fund && npm run build

messages: install
	cd src/nisi && ../../$(NISI) makemessages -l kk -l ru -l en --no-obsolete && ../../$(NISI) compilemessages

# Branches leave their new messages' kk/ru translations in src/nisi/locale/pending/*.json (tools/fill_translations.py).
translations: messages
	$(BIN)/python tools/fill_translations.py
	$(MAKE) messages

provisions: install
	$(NISI) law build-provisions

law-coverage: install
	$(BIN)/python -m nisi.law.coverage > docs/law-coverage.md

clean:
	rm -rf $(VENV) var
